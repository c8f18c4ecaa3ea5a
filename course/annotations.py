"""Problems as GitHub Actions workflow annotations, so a pull request shows each on its line.

Under GitHub Actions (`GITHUB_ACTIONS=true`) `make check` and the build print, besides their usual
messages, one `::error file=…,line=…,title=…::message` line per problem:
https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping

__all__ = ["enabled", "annotation", "annotations_in"]

#: A problem line as the course prints it: 'quizzes/x.yml:12: …' or 'docs/x.md: …', after an optional 'hook: ' prefix.
_PROBLEM = re.compile(r"^\s*(?:[a-z-]+: )?(?P<file>(?:docs|quizzes|data|schemas)/[^\s:]+)(?::(?P<line>\d+))?: (?P<message>.+)$")


def enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this runs as a GitHub Actions step."""
    return (os.environ if environ is None else environ).get("GITHUB_ACTIONS") == "true"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(file: str, line: int | None, title: str, message: str, level: str = "error") -> str:
    """One workflow command; its values escaped as GitHub asks, so no text can start another command."""
    where = f"file={_property(file)}" + (f",line={line}" if line else "")
    return f"::{level} {where},title={_property(title)}::{_data(message)}"


#: MkDocs' own link warnings: "Doc file 'trainers/index.md' contains a link …".
_MKDOCS = re.compile(r"^Doc file '(?P<file>[^']+)' (?P<message>.+)$")


def annotations_in(text: str, title: str = "Course content") -> Iterator[str]:
    """An annotation for every problem line in a message (a report may hold many)."""
    for line in text.splitlines():
        match = _PROBLEM.match(line)
        if match:
            number = int(match.group("line")) if match.group("line") else None
            yield annotation(match.group("file"), number, title, match.group("message"))
        elif mkdocs := _MKDOCS.match(line.strip()):
            yield annotation(f"docs/{mkdocs.group('file')}", None, "Link", f"{mkdocs.group('file')} {mkdocs.group('message')}")

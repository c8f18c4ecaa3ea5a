"""Links between course pages, checked without a build: missing pages, images and heading anchors."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Collection, Mapping
from urllib.parse import unquote, urlsplit

from course.sources import outside_fences, heading_anchors
from course.validate import Problem

__all__ = ["check_links"]

_CODE_SPAN = re.compile(r"(`+).+?\1")
_TARGET = re.compile(r"(?P<image>!?)\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")


def check_links(
    pages: Mapping[str, str], other_files: Collection[str] = (), generated: Collection[str] = (), docs_prefix: str = "docs/"
) -> list[Problem]:
    """Every Markdown link or image in pages whose target page, file or heading anchor is missing.

    pages maps docs-relative Markdown paths to their text; other_files are the docs folder's other
    files (images, PDFs); generated are pages the build makes (their anchors are not checked).
    """
    anchors = {page: heading_anchors(text) for page, text in pages.items()}
    problems = []
    for page, text in sorted(pages.items()):
        for number, line in outside_fences(text):
            for match in _TARGET.finditer(_CODE_SPAN.sub("", line)):
                target = match.group("target")
                where = f"{docs_prefix}{page}"
                try:
                    parts = urlsplit(target)
                except ValueError:
                    problems.append(Problem(where, number, "broken-link", f"the link '{target}' is not a valid address — check its brackets and spelling"))
                    continue
                if parts.scheme or parts.netloc or target.startswith("/"):
                    continue  # links to the web are not ours to check offline
                path = unquote(parts.path)
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
                if resolved not in pages and resolved not in generated and resolved not in other_files:
                    kind = "image" if match.group("image") else "link"
                    problems.append(Problem(where, number, "broken-link",
                                            f"the {kind} '{target}' points to {docs_prefix}{resolved}, which does not exist — fix the path (it is relative to this page)"))
                    continue
                if parts.fragment and resolved in anchors and parts.fragment not in anchors[resolved]:
                    close = difflib.get_close_matches(parts.fragment, list(anchors[resolved]), n=1)
                    fix = f"did you mean '#{close[0]}'?" if close else "use one of its headings' { #anchor }s"
                    problems.append(Problem(where, number, "broken-anchor",
                                            f"the link '{target}' names the anchor '#{parts.fragment}', but {resolved} has no heading with it — {fix}"))
    return problems

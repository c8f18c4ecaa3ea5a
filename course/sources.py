"""Reading course sources: YAML with line numbers, quiz embeds and heading anchors in Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify

__all__ = [
    "EMBED_PATTERN",
    "Located",
    "YamlProblem",
    "load_yaml",
    "find_embeds",
    "outside_fences",
    "heading_anchors",
    "lesson_objectives",
    "question_near",
    "read_quiz_files",
    "read_text",
    "yaml_reading",
    "encoding_problem_line",
    "ENCODING_MESSAGE",
    "TEXT_SUFFIXES",
    "undecodable_line",
]

Path_ = tuple[str | int, ...]

#: A lesson embeds a quiz with this line (an HTML comment: invisible in any Markdown preview).
EMBED_PATTERN = re.compile(r"^[ \t]*<!--\s*quiz:\s*(?P<id>\S*?)\s*-->[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}[ \t]*$")


class YamlProblem(Exception):
    """A YAML file that cannot be read, with the 1-based line where the parser gave up."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# libyaml's parser is several times faster than pure Python; both give the same nodes and marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses a key written twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text, not a list or a set of keys", key_node.start_mark
                )
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice (first on line {seen[key]})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class Located:
    """Parsed YAML data and the line each part of it starts on."""

    data: Any
    lines: dict[Path_, int]

    def line(self, path: Path_) -> int | None:
        """The line of the deepest part of path that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            lines[key] = key_node.start_mark.line + 1
            _walk(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)


def _refuse_shared_collections(node: yaml.Node) -> None:
    """Refuse a list or mapping used twice (a YAML alias): course files never need one, and a
    self-referencing or exponentially repeated alias would hang the build."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (yaml.MappingNode, yaml.SequenceNode)):
            if id(current) in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, "a '*' alias repeats a list or mapping; write the items out instead", current.start_mark
                )
            seen.add(id(current))
            children = [v for pair in current.value for v in pair] if isinstance(current, yaml.MappingNode) else current.value
            stack.extend(children)


def load_yaml(text: str) -> Located:
    """Parse one YAML document, remembering lines; raise YamlProblem when it cannot be read."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_shared_collections(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if error.context and error.context not in problem:
            problem = f"{error.context}, {problem}"
        raise YamlProblem(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlProblem(str(error), None) from None
    except RecursionError:
        raise YamlProblem("the file is nested too deeply to read", None) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        try:
            _walk(node, (), lines)
        except RecursionError:
            raise YamlProblem("the file is nested too deeply to read", None) from None
    return Located(data, lines)


_QUESTION_START = re.compile(r"^\s*-\s+id:\s*['\"]?(?P<id>[^'\"#\s]+)")


#: Plain-English readings of PyYAML's commonest complaints: (words in its message, what, how to fix).
_YAML_HINTS = (
    ("tab character", "a tab is used for indentation", "indent with spaces only (most editors: 'Convert indentation to spaces')"),
    ("found character '\\t'", "a tab is used for indentation", "indent with spaces only (most editors: 'Convert indentation to spaces')"),
    ("expected <block end>", "this line's indentation does not line up with the lines around it",
     "line each key up with the other keys of the same question or option"),
    ("could not find expected ':'", "a line is missing the ':' after its key",
     "write 'key: value', or put quotes around text that runs over several lines"),
    ("found unexpected end of stream", "a quote or bracket is opened but never closed", "close it, or remove it"),
    ("expected alphabetic or numeric character", "a value starts with '*' or '&', which YAML reserves",
     "put the whole value in quotes"),
)
_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _mapping_values_reading(text: str, line: int | None) -> tuple[str, str]:
    """'mapping values are not allowed': a key indented too far, or a ': ' inside a value."""
    lines = text.splitlines()
    here = lines[line - 1] if line and line <= len(lines) else ""
    before = next((l for l in reversed(lines[: (line or 1) - 1]) if l.strip() and not l.lstrip().startswith("#")), "")
    key = _KEY_LINE.match(here)
    if key and _indent(here) > _indent(before) and _KEY_LINE.match(before.replace("- ", "  ", 1)):
        return (f"'{key.group('key')}:' is indented further than the line above it, so YAML reads it as part of that value",
                f"line '{key.group('key')}:' up with the keys above it ({_indent(before.replace('- ', '  ', 1))} spaces)")
    name = key.group("key") if key else "prompt"
    return ("a ': ' inside a value makes YAML read it as a new key",
            f"put the whole value in quotes, e.g. {name}: \"Why: because\", or write it with '>-' on the next lines")


def yaml_reading(text: str, message: str, line: int | None) -> tuple[str, str]:
    """What a YAML parser's complaint means for an editor, and how to fix it."""
    if "mapping values are not allowed" in message:
        return _mapping_values_reading(text, line)
    for needle, what, fix in _YAML_HINTS:
        if needle in message:
            return what, fix
    return ("the YAML cannot be read here",
            "compare the line with the example in the quiz guide: check its indentation, its ':' and its quotes")


def question_near(text: str, line: int | None) -> str | None:
    """The id of the question a line of an unreadable quiz file belongs to, if one can be seen."""
    if not line:
        return None
    for candidate in reversed(text.splitlines()[:line]):
        match = _QUESTION_START.match(candidate)
        if match:
            return match.group("id")
        if re.match(r"^questions\s*:", candidate):
            return None
    return None


def outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """Lines of markdown (1-based) that are not inside fenced code blocks."""
    fence = ""
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = _FENCE.match(line)
        if fence:
            if match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match.group("fence")
            continue
        yield number, line


def find_embeds(markdown: str) -> list[tuple[str, int]]:
    """Quiz ids embedded in a page, with their lines; code blocks showing the syntax are ignored."""
    return [
        (match.group("id"), number)
        for number, line in outside_fences(markdown)
        if (match := EMBED_PATTERN.match(line))
    ]


def _heading_text(markdown_text: str) -> str:
    """A heading as the reader sees it: links, images, emphasis, tags and entities resolved."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown_text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return unescape(re.sub(r"[*_`]", "", text)).strip()


def _headings(markdown: str) -> Iterator[str]:
    """The raw text of each ATX (`## x`) and setext (underlined) heading, front matter skipped."""
    if markdown.startswith("---"):
        end = re.search(r"^(?:---|\.\.\.)[ \t]*$", markdown[3:], re.MULTILINE)
        if end:
            markdown = markdown[3 + end.end() :]
    previous = ""
    for _, line in outside_fences(markdown):
        match = _HEADING.match(line)
        if match:
            yield match.group("text")
        elif re.fullmatch(r"[ ]{0,3}(=+|-+)[ \t]*", line) and previous.strip() and not re.match(r"\s*([-*+]|\d+[.)])\s", previous):
            yield previous.strip()
        previous = line


def heading_anchors(markdown: str) -> dict[str, str]:
    """A page's heading anchors and their text, made the way MkDocs' toc makes them.

    An explicit `{ #id }` wins; otherwise the slug of the visible text, with `_1`, `_2` ...
    added to repeats, as the toc extension does.
    """
    anchors: dict[str, str] = {}
    for raw in _headings(markdown):
        explicit = _ATTR_ID.search(raw)
        plain = _heading_text(_ATTR_ID.sub("", raw))
        anchor = explicit.group("id") if explicit else slugify(plain, "-")
        if not explicit and anchor in anchors:
            number = 1
            while f"{anchor}_{number}" in anchors:
                number += 1
            anchor = f"{anchor}_{number}"
        anchors.setdefault(anchor, plain)
    return anchors


_OBJECTIVES = re.compile(r'^!!! objectives\b.*$')


def lesson_objectives(markdown: str) -> list[str]:
    """The points of a lesson's `!!! objectives` box, in order (plain Markdown text)."""
    points: list[str] = []
    inside = False
    for _, line in outside_fences(markdown):
        if _OBJECTIVES.match(line):
            inside = True
            continue
        if not inside:
            continue
        if line.strip() and not line.startswith((" ", "\t")):
            break
        item = re.match(r"\s+(?:[-*+]|\d+[.)])\s+(.*)", line)
        if item:
            points.append(item.group(1).strip())
        elif points and line.strip():
            points[-1] += " " + line.strip()
    return points


def read_quiz_files(quiz_dir: Path, root: Path) -> dict[str, str]:
    """Every quiz file's text, keyed by its path relative to root (as messages show it)."""
    if not quiz_dir.is_dir():
        return {}
    files = sorted([*quiz_dir.glob("*.yml"), *quiz_dir.glob("*.yaml")])
    return {path.relative_to(root).as_posix(): read_text(path) for path in files}


def read_text(path: Path) -> str:
    """A course file's text; bytes that are not UTF-8 become U+FFFD, which checks then report."""
    return path.read_bytes().decode("utf-8", errors="replace")


#: What an editor is told about a file that is not UTF-8 (after 'path:line: ').
ENCODING_MESSAGE = "this line has characters that are not UTF-8 — save the file as UTF-8 (most editors: 'Save with encoding')"


#: The text files of the course (its other files, such as images and PDFs, are binary).
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".svg", ".css", ".js", ".html", ".txt", ".json"})


def undecodable_line(path: Path) -> int | None:
    """The first line of a text file that is not UTF-8, or None when it all reads (or is not text)."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return None
    return encoding_problem_line(read_text(path))


def encoding_problem_line(text: str) -> int | None:
    """The line of the first byte that was not UTF-8 (see read_text), if any."""
    index = text.find("\ufffd")
    return text.count("\n", 0, index) + 1 if index != -1 else None

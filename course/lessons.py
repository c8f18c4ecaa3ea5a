"""Lessons: their metadata, the learning path on the course home and the reading-time line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

import yaml

from course.lesson_time import LessonTime
from course.sources import yaml_reading

__all__ = [
    "LEARNING_PATH_MARKER",
    "Lesson",
    "front_matter_problem",
    "split_front_matter",
    "lesson_id",
    "lesson_sources",
    "nav_files",
    "lesson_problems",
    "fill_learning_path",
    "render_learning_path",
    "render_lesson_time",
    "insert_after_title",
    "not_in_nav",
    "read_audiences",
]

#: Where the course home wants its learning path; an HTML comment, so plain Markdown previews hide it.
LEARNING_PATH_MARKER = "<!-- learning-path -->"


@dataclass(frozen=True)
class Lesson:
    """One lesson as the learning path lists it."""

    number: int
    title: str
    url: str
    minutes: int
    description: str = ""
    #: The id of the quiz the lesson embeds, whose progress the home page shows.
    quiz: str = ""


def lesson_id(src: str) -> str:
    """A lesson's short name for saved progress: its file name without '.md'."""
    return src.rsplit("/", 1)[-1].removesuffix(".md")


def nav_files(items: Any) -> list[str]:
    """Every Markdown file a `nav` setting (or part of it) lists, in order."""
    if isinstance(items, str):
        return [items] if items.endswith(".md") else []
    if isinstance(items, dict):
        return [name for value in items.values() for name in nav_files(value)]
    if isinstance(items, list):
        return [name for item in items for name in nav_files(item)]
    return []


def lesson_sources(nav: Any, section: str = "Lessons") -> list[str]:
    """The lesson files, in order, from the `nav` setting of mkdocs.yml (the section's entries)."""
    for entry in nav or []:
        if isinstance(entry, dict) and section in entry:
            return nav_files(entry[section])
    return []


_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def split_front_matter(markdown: str) -> tuple[dict[str, Any], str, tuple[int | None, str] | None]:
    """(meta, body, problem) of a page; problem is (line, what — fix) when the front matter is unreadable."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}, markdown, None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what, fix = yaml_reading(match.group(1), str(getattr(error, "problem", error)), line)
        return {}, markdown, (
            line + 1 if line is not None else None,
            f"the front matter cannot be read: {what} (YAML says: {getattr(error, 'problem', error)}) — {fix}.",
        )
    if not isinstance(data, dict):
        return {}, markdown, (None, "the front matter must be 'key: value' lines between two '---' lines.")
    return data, markdown[match.end() :], None


def front_matter_problem(src_path: str, markdown: str) -> str | None:
    """Why a page's front matter could not be read, if MkDocs silently left it in the text."""
    problem = split_front_matter(markdown)[2]
    if problem is None:
        return None
    line, message = problem
    return f"{src_path}{f':{line}' if line else ''}: {message}"


#: Front-matter keys a lesson may use: the course's own, then MkDocs' and Material's.
LESSON_KEYS = ("title", "description", "handout", "search", "hide", "template", "status", "subtitle", "icon", "tags")


#: Keys lessons used to carry, each reported by its own rule (course.lesson_rules) with what to do instead.
RETIRED_KEYS = ("reading_time",)


def lesson_problems(src_path: str, meta: Mapping[str, Any]) -> list[str]:
    """Problems with a lesson's front matter, each naming the file and saying how to fix it."""
    problems = []
    for key in meta:
        if key not in LESSON_KEYS and key not in RETIRED_KEYS:
            guess = difflib.get_close_matches(str(key), LESSON_KEYS, n=1, cutoff=0.6)
            fix = f"did you mean '{guess[0]}'?" if guess else f"the keys a lesson uses are {', '.join(LESSON_KEYS[:4])}"
            problems.append(f"{src_path}: unknown front-matter key '{key}' — {fix}")
    if not str(meta.get("description") or "").strip():
        problems.append(
            f"{src_path}: the lesson has no 'description' — add a one-sentence 'description:' to its front matter."
        )
    return problems


def render_lesson_time(time: LessonTime) -> str:
    """The line under a lesson's title telling the learner how long it takes, part by part."""
    return (f'<p class="pk-lesson-time"><span class="pk-lesson-time__label">Estimated time:</span> {time.total} min '
            f'<span class="pk-lesson-time__parts">({escape(time.describe())})</span></p>')


def insert_after_title(html: str, snippet: str) -> str:
    """Insert snippet right after the page's first ``<h1>``, or at the top if it has none."""
    end = html.find("</h1>")
    if end == -1:
        return snippet + html
    end += len("</h1>")
    return html[:end] + snippet + html[end:]


def _status(quiz: str) -> str:
    """The lesson's progress: filled in by the quiz script from what this browser saved."""
    if not quiz:
        return ""
    return f' · <span class="pk-path__status" data-quiz-status="{escape(quiz)}">Not started</span>'


def render_learning_path(lessons: list[Lesson]) -> str:
    """The course home's lessons as numbered cards, in order, with their times and progress.

    The sentence above the marker introduces the path, so the list repeats no caption of its own.
    """
    cards = []
    for lesson in lessons:
        description = f'<p class="pk-path__description">{escape(lesson.description)}</p>' if lesson.description else ""
        cards.append(
            '<li class="pk-path__lesson">'
            f'<span class="pk-path__number">{lesson.number}</span>'
            '<div class="pk-path__body">'
            f'<a class="pk-path__title" href="{escape(lesson.url)}">{escape(lesson.title)}</a>'
            f"{description}"
            f'<p class="pk-path__meta"><span class="pk-path__time">{lesson.minutes} min</span>{_status(lesson.quiz)}</p>'
            "</div></li>"
        )
    total = sum(lesson.minutes for lesson in lessons)
    # role="list": Safari drops a list's semantics once its bullets are styled away.
    return (
        f'<ol class="pk-path" role="list">{"".join(cards)}</ol>'
        f'<p class="pk-path__total">All {len(lessons)} lessons: <span class="pk-path__time">{total} min</span></p>'
    )


def fill_learning_path(html: str, lessons: list[Lesson]) -> str:
    """Replace the learning-path marker in a rendered page with the table."""
    return html.replace(LEARNING_PATH_MARKER, render_learning_path(lessons))


def not_in_nav(patterns: Any, pages: Iterable[str]) -> set[str]:
    """The pages mkdocs.yml's `not_in_nav` patterns (gitignore style, as MkDocs reads them) keep out of the nav on purpose."""
    import pathspec

    if not isinstance(patterns, str) or not patterns.strip():
        return set()
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(patterns.splitlines())
    return {page for page in pages if spec.match_file(page)}


def read_audiences(extra: Any) -> tuple[dict[str, str], list[str]]:
    """The footer's links for trainers and editors (`extra: audiences:` label → page), and any problem with them."""
    audiences = extra.get("audiences") if isinstance(extra, Mapping) else None
    if audiences is None:
        return {}, []
    if not isinstance(audiences, Mapping) or not all(isinstance(k, str) and isinstance(v, str) and v.endswith(".md") for k, v in audiences.items()):
        return {}, ["mkdocs.yml: 'extra: audiences:' must map each footer link's label to a page, e.g. 'For trainers: trainers/index.md'"]
    return dict(audiences), []

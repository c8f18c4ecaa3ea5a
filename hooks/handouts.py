"""MkDocs hooks for trainers: one handout page per lesson and the answer key, generated from sources."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from course.handouts import (
    ANSWER_KEY_URI,
    PRINTABLES_MARKER,
    answer_key_markdown,
    handout_from_lesson,
    handout_markdown,
    handout_placeholder,
    handout_problems,
    handout_uri,
    printables_markdown,
)
from course.lessons import lesson_sources, split_front_matter

log = get_plugin_logger("handouts")


# (lesson file, title) in course order, for the facilitator guide's printables; filled by on_files.
_lessons: list[tuple[str, str]] = []


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add a handout page for every lesson, and the answer key, before anything renders."""
    _lessons.clear()
    for src in lesson_sources(config.nav):
        lesson = files.get_file_from_path(src)
        if lesson is None:
            continue  # MkDocs itself reports a nav entry without a file.
        meta, markdown, unreadable = split_front_matter(lesson.content_string)
        _lessons.append((src, str(meta.get("title") or src)))
        # Unreadable front matter is reported once, by the lessons hook; nothing here follows from it.
        problems = [] if unreadable else handout_problems(src, meta, markdown)
        for problem in problems:
            log.warning(problem)
        if unreadable or problems:
            # A placeholder keeps the facilitator guide's link working until the lesson is fixed.
            page = handout_placeholder(src)
        else:
            page = handout_markdown(handout_from_lesson(src, meta, markdown))
        # Handouts are reached from the facilitator guide, not the site navigation.
        files.append(File.generated(config, handout_uri(src), content=page, inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, ANSWER_KEY_URI, content=answer_key_markdown()))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """List the printables where the facilitator guide asks: one handout per lesson in the nav."""
    if PRINTABLES_MARKER in markdown:
        return markdown.replace(PRINTABLES_MARKER, printables_markdown(_lessons), 1)
    return markdown

"""MkDocs hooks for trainers: one handout page per lesson and the answer key, generated from sources."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from course.handouts import (
    ANSWER_KEY_URI,
    answer_key_markdown,
    handout_from_lesson,
    handout_markdown,
    handout_placeholder,
    handout_problems,
    handout_uri,
)
from course.lessons import lesson_sources, split_front_matter

log = get_plugin_logger("handouts")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add a handout page for every lesson, and the answer key, before anything renders."""
    for src in lesson_sources(config.nav):
        lesson = files.get_file_from_path(src)
        if lesson is None:
            continue  # MkDocs itself reports a nav entry without a file.
        meta, markdown, unreadable = split_front_matter(lesson.content_string)
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

"""MkDocs hooks for trainers: one handout page per lesson and the answer key, generated from sources."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from course.handouts import (
    ANSWER_KEY_URI,
    PRINT_ANSWER_KEY_ENV,
    PRINTABLES_MARKER,
    answer_key_setting,
    answer_key_markdown,
    handout_from_lesson,
    handout_markdown,
    handout_placeholder,
    handout_problems,
    handout_uri,
    printables_markdown,
)
from course.audiences import for_learners_only
from course.handouts import Handout
from course.lessons import lesson_sources, split_front_matter
from course.workshop import PLAN_MARKER, plan_markdown, read_plans

log = get_plugin_logger("handouts")


# (lesson file, title) in course order, for the facilitator guide's printables; filled by on_files.
_lessons: list[tuple[str, str]] = []
# Each lesson's handout, for the guide's workshop plans (timed from the handouts' activities).
_handouts: dict[str, Handout] = {}
# Whether this build publishes the answer key (mkdocs.yml `extra: answer_key:`; `make handouts` may ask for it).
_answer_key = True


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add a handout page for every lesson, and the answer key, before anything renders."""
    _lessons.clear()
    _handouts.clear()
    if for_learners_only():
        return files  # an LMS package: trainers' pages stay out (hooks/audiences.py)
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
            _handouts[src] = handout_from_lesson(src, meta, markdown)
            page = handout_markdown(_handouts[src])
        # Handouts are reached from the facilitator guide, not the site navigation.
        files.append(File.generated(config, handout_uri(src), content=page, inclusion=InclusionLevel.NOT_IN_NAV))
    if _answer_key:
        files.append(File.generated(config, ANSWER_KEY_URI, content=answer_key_markdown()))
    return files


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read where the answer key goes: with the site, or only into `make handouts`' own build."""
    global _answer_key
    setting, problems = answer_key_setting(config.extra)
    if problems:
        raise PluginError("\n".join(problems))
    _answer_key = setting == "site" or os.environ.get(PRINT_ANSWER_KEY_ENV) == "1"
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Fill the facilitator guide: its workshop plans timed from the handouts, and one handout per lesson in the nav."""
    if "workshop" in page.meta or PLAN_MARKER.search(markdown):
        src = f"docs/{page.file.src_uri}"
        numbers = {lesson: n for n, (lesson, _) in enumerate(_lessons, start=1)}
        plans, problems = read_plans(src, page.meta, _handouts, numbers)
        markdown = plan_markdown(markdown, plans, src, problems)
        for problem in problems:
            log.warning(problem)
    if PRINTABLES_MARKER in markdown:
        return markdown.replace(PRINTABLES_MARKER, printables_markdown(_lessons, _answer_key), 1)
    return markdown

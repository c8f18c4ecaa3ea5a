"""MkDocs hooks for course history: "Last updated" on each lesson and the "What's new" page, from git."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import history
from course.lessons import insert_after_title, lesson_sources
from course.sources import find_embeds

# Read once per build (one `git log`); None outside a git checkout.
_changes: list[history.Change] | None = None
_dates: dict[str, str] = {}
# Content files learners never see (the pages mkdocs.yml keeps out of their nav): changes to them are not news.
_not_for_learners: set[str] = set()
# The lesson files, from the nav, once per build (not walked again for every page).
_lessons: frozenset[str] = frozenset()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the content history and the lesson list once for the whole build."""
    global _changes, _dates, _lessons
    _changes = history.read_history(Path(config.config_file_path).resolve().parent)
    _dates = history.last_updated(_changes or [])
    _lessons = frozenset(lesson_sources(config.nav))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Note the trainers' and editors' pages (kept out of the learners' nav)."""
    _not_for_learners.clear()
    _not_for_learners.update(f"docs/{file.src_uri}" for file in files if file.generated_by is None and file.inclusion.is_not_in_nav())
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Date each lesson by its newest change (its text or its quiz); fill the "What's new" page."""
    if history.WHATS_NEW_MARKER in html:
        html = html.replace(history.WHATS_NEW_MARKER, history.render_whats_new(None if _changes is None else history.whats_new(_changes, _not_for_learners)))
    if page.file.src_uri not in _lessons:
        return html
    sources = [f"docs/{page.file.src_uri}", *(f"quizzes/{quiz}.yml" for quiz, _ in find_embeds(page.markdown or ""))]
    dates = [_dates[source] for source in sources if source in _dates]
    if not dates:
        return html  # outside git, or not committed yet: say nothing rather than guess
    line = f'<p class="pk-lesson-updated">Last updated {history.render_date(max(dates))}</p>'
    return insert_after_title(html, line)

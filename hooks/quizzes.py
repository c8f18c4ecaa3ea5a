"""MkDocs hooks for quizzes: validate every quiz once per build, then embed each in its lesson."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import preview
from course.cli import report
from course.handouts import ANSWER_KEY_MARKER, WORKSHEET_PATTERN, render_answer_key, render_worksheet
from course.lessons import lesson_sources
from course.render import embed_quizzes
from course.lesson_time import QUESTIONS_META
from course.sources import find_embeds, read_quiz_files
from course.validate import Quiz, QuizCheck, check_course

log = get_plugin_logger("quizzes")

# Filled by on_files, once per build (and again on every `mkdocs serve` rebuild).
_check = QuizCheck()
_placed: dict[str, dict[str, Quiz]] = {}
_files = Files([])
_nav: Any = []


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check all quizzes, embeds and `see` links before any page renders; stop on fatal problems
    (in the preview, hold them: course.preview shows them on every page)."""
    global _check, _files, _nav, _placed
    _files, _nav = files, config.nav
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    _check = check_course(read_quiz_files(_root(config) / "quizzes", _root(config)), pages, lessons=lesson_sources(config.nav))
    _placed = _check.by_page()
    if _check.fatal:
        if not preview.STATE.hold(report(_check)):
            raise PluginError(report(_check))
        return files  # the preview's error page lists every problem, warnings included
    for problem in _check.problems:
        log.warning(str(problem))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Note how many questions the page's quiz holds: a lesson's estimated time counts them."""
    page.meta[QUESTIONS_META] = sum(len(_check.quizzes[quiz].questions) for quiz, _ in find_embeds(markdown) if quiz in _check.quizzes)
    return markdown


def _render_paper_versions(output: str) -> str:
    """Fill a handout's worksheet and the answer key: the same quiz files, printed."""
    if "worksheet:" in output:
        output = WORKSHEET_PATTERN.sub(
            lambda m: render_worksheet(_check.quizzes[m.group("id")]) if m.group("id") in _check.quizzes else m.group(0), output
        )
    if ANSWER_KEY_MARKER in output:
        order = {src: n for n, src in enumerate(lesson_sources(_nav))}
        quizzes = sorted(_check.quizzes.values(), key=lambda q: (order.get(_check.placements.get(q.id, ""), len(order)), q.id))
        output = output.replace(ANSWER_KEY_MARKER, render_answer_key(quizzes), 1)
    return output


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """Put each embedded quiz's form where its lesson embeds it.

    This runs after the search plugin has indexed the page, so no quiz text (answers, feedback,
    explanations) can reach the search index, and indexing does no work on quizzes.
    """
    if "<!--" not in output or not _check.quizzes:
        return output
    output = _render_paper_versions(output)

    def resolve(see: str) -> str:
        target, _, anchor = see.partition("#")
        fragment = f"#{anchor}" if anchor else ""
        if target == page.file.src_uri:
            return fragment or "#"
        found = _files.get_file_from_path(target)
        return (found.url_relative_to(page.file) if found else target) + fragment

    def section(see: str) -> str:
        target, _, anchor = see.partition("#")
        return _check.headings.get(target, {}).get(anchor, "") or anchor or target

    # Only the quizzes this page embeds (as `make check` counted them), each once.
    return embed_quizzes(output, _placed.get(page.file.src_uri, {}), resolve, section)


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild and reload the browser when a quiz file or the quiz format changes."""
    server.watch(str(_root(config) / "quizzes"))
    server.watch(str(_root(config) / "schemas"))
    return server

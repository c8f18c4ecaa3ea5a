"""MkDocs hooks for lessons: reading time under each title, the learning path on the home page."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from course import completion, lessons, preview
from course.completion import CERTIFICATE_MARKER
from course.lesson_rules import check_lesson, forward_references, pages_missing_from_nav
from course.lesson_time import QUESTIONS_META, LessonTime, lesson_time
from course.sources import ENCODING_MESSAGE, find_embeds, read_text, undecodable_line

log = get_plugin_logger("lessons")

#: The navigation section whose pages are the course's lessons, in order.
LESSONS_SECTION = "Lessons"
#: Where the home page wants the learner's progress against the completion rule.
PROGRESS_MARKER = "<!-- course-progress -->"

_rule = completion.CompletionRule()
# Footer link label → page, for the people who run and write the course (mkdocs.yml `extra: audiences:`).
_audiences: dict[str, str] = {}
_files = Files([])


def _is_lesson(page: Page) -> bool:
    """Whether the page sits in the Lessons section, directly or in one of its modules (nested sections)."""
    ancestors = list(page.ancestors)
    return bool(ancestors) and isinstance(ancestors[-1], Section) and ancestors[-1].title == LESSONS_SECTION


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Remember the files (for links to the certificate); stop on a text file not saved as UTF-8, naming its file and line (on a page MkDocs would crash)."""
    global _files
    _files = files
    problems = []
    for file in files:
        if file.abs_src_path is None:
            continue
        line = undecodable_line(Path(file.abs_src_path))
        if line:
            problems.append(f"docs/{file.src_uri}:{line}: {ENCODING_MESSAGE}")
            if file.is_documentation_page():
                # The readable rest, so the preview can finish its build and show the problem.
                file.content_string = read_text(Path(file.abs_src_path))
    for label, src in _audiences.items():
        if files.get_file_from_path(src) is None:
            problems.append(f"mkdocs.yml: 'extra: audiences: {label}: {src}' names a page that does not exist — fix the path (relative to docs/)")
    if problems and not preview.STATE.hold("\n".join(problems)):
        raise PluginError("\n".join(problems))
    # Each lesson builds on the ones before: a link to a later one must say so.
    course = [(src, found.content_string) for src in lessons.lesson_sources(config.nav) if (found := files.get_file_from_path(src))]
    for problem in forward_references(course):
        log.warning(str(problem))
    if config.nav:  # without a nav, MkDocs lists every page itself
        # Pages kept out of the nav on purpose (`not_in_nav`, e.g. the trainers') are not missing from it.
        written = [file.src_uri for file in files.documentation_pages() if file.generated_by is None and not file.inclusion.is_not_in_nav()]
        for problem in pages_missing_from_nav(written, lessons.nav_files(config.nav)):
            log.warning(str(problem))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
    """Warn (fatal under --strict) about unreadable front matter, and on a lesson about every lesson rule."""
    if _is_lesson(page):
        # The same rules and messages as `make check` (course.lesson_rules).
        for problem in check_lesson(f"docs/{page.file.src_uri}", page.file.content_string):
            log.warning(str(problem))
        return markdown
    unreadable = lessons.front_matter_problem(f"docs/{page.file.src_uri}", markdown)
    if unreadable:
        # MkDocs drops unreadable front matter without a word and shows it as page text.
        log.warning(unreadable)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
    """Mark a lesson as opened when it loads, for a completion rule that asks for it."""
    if not _is_lesson(page):
        return html
    return lessons.insert_after_title(html, f'<span data-lesson-visit="{escape(lessons.lesson_id(page.file.src_uri))}" hidden></span>')


def _time_of(page: Page) -> LessonTime:
    """A lesson's estimated time, from its own words and the questions its quiz holds (noted by the quiz hook)."""
    _, body, _ = lessons.split_front_matter(page.file.content_string)
    return lesson_time(body, int(page.meta.get(QUESTIONS_META) or 0))


def _pages_in(section: Section) -> list[Page]:
    """The pages of a section and of its modules (nested sections), in nav order."""
    pages: list[Page] = []
    for child in section.children:
        if isinstance(child, Section):
            pages += _pages_in(child)
        elif isinstance(child, Page):
            pages.append(child)
    return pages


def _course_lessons(page: Page, nav: Navigation) -> list[Page]:
    section = next((item for item in nav.items if isinstance(item, Section) and item.title == LESSONS_SECTION), None)
    return _pages_in(section) if section else []


def _quiz_of(page: Page) -> str:
    return next((quiz_id for quiz_id, _ in find_embeds(page.markdown or "")), "")


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Link the footer to the trainers' and editors' pages; fill the learning path, the course progress and the certificate."""
    context["pk_audiences"] = [
        (label, found.url_relative_to(page.file)) for label, src in _audiences.items() if (found := _files.get_file_from_path(src))
    ]
    content = page.content or ""
    if _is_lesson(page):
        # Here rather than in on_page_content: the quiz hook has counted the questions by now.
        page.content = lessons.insert_after_title(content, lessons.render_lesson_time(_time_of(page)))
        return context
    if not any(marker in content for marker in (lessons.LEARNING_PATH_MARKER, PROGRESS_MARKER, CERTIFICATE_MARKER)):
        return context
    pages = _course_lessons(page, nav)
    if lessons.LEARNING_PATH_MARKER in content:
        path = [
            lessons.Lesson(
                number=number,
                title=child.title or child.file.src_uri,
                url=child.file.url_relative_to(page.file),
                minutes=_time_of(child).total,
                description=str(child.meta.get("description") or ""),
                quiz=_quiz_of(child),
            )
            for number, child in enumerate(pages, start=1)
        ]
        content = lessons.fill_learning_path(content, path)
    course = [
        completion.CourseLesson(lessons.lesson_id(child.file.src_uri), child.title or child.file.src_uri, child.file.url_relative_to(page.file), _quiz_of(child))
        for child in pages
    ]
    if PROGRESS_MARKER in content:
        found = _files.get_file_from_path(completion.CERTIFICATE_URI)
        certificate = found.url_relative_to(page.file) if found else completion.CERTIFICATE_URI
        content = content.replace(PROGRESS_MARKER, completion.render_progress(_rule, course, certificate), 1)
    if CERTIFICATE_MARKER in content:
        content = content.replace(CERTIFICATE_MARKER, completion.render_certificate(_rule, course, config.site_name), 1)
    page.content = content
    return context


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the course's one completion rule (mkdocs.yml `extra: completion:`)."""
    global _rule, _audiences
    _rule, problems = completion.read_rule(config.extra)
    _audiences, found = lessons.read_audiences(config.extra)
    problems += found
    if problems:
        raise PluginError("\n".join(problems))
    return config

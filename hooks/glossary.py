"""MkDocs hooks for the glossary: check data/glossary.yml, fill the Glossary page, define each term at its first use in a lesson."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.glossary import GLOSSARY_MARKER, GLOSSARY_PATH, Glossary, check_glossary, lesson_uses, mark_first_uses, render_glossary, unused_terms
from course.lessons import lesson_sources, split_front_matter
from course.sources import read_text

log = get_plugin_logger("glossary")

# Read once per build, in on_files.
_glossary = Glossary(())
_lessons: set[str] = set()
_uses: dict[str, list[tuple[str, str]]] = {}  # term → (lesson title, lesson file) in course order


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Read and check the glossary once; note which lessons use each term."""
    global _glossary
    path = Path(config.config_file_path).resolve().parent / GLOSSARY_PATH
    _lessons.clear()
    _uses.clear()
    if not path.is_file():
        _glossary = Glossary(())
        return files
    _glossary, problems = check_glossary(GLOSSARY_PATH.as_posix(), read_text(path))
    texts = []
    for src in lesson_sources(config.nav):
        lesson = files.get_file_from_path(src)
        if lesson is None:
            continue
        _lessons.add(src)
        meta, body, _ = split_front_matter(lesson.content_string)
        texts.append(body)
        for term in lesson_uses(_glossary, body):
            _uses.setdefault(term, []).append((str(meta.get("title") or src), src))
    problems += unused_terms(GLOSSARY_PATH.as_posix(), _glossary, texts)
    for problem in problems:
        log.warning(str(problem))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Fill the Glossary page, with links to the lessons that use each term (MkDocs checks and rewrites them)."""
    if GLOSSARY_MARKER not in markdown:
        return markdown
    base = Path(page.file.src_uri).parent
    uses = {term: [(title, Path(src).relative_to(base).as_posix() if base != Path(".") else src) for title, src in lessons]
            for term, lessons in _uses.items()}
    return markdown.replace(GLOSSARY_MARKER, render_glossary(_glossary, uses), 1)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give each term's first use in a lesson its definition (a tooltip on hover, focus and tap)."""
    if page.file.src_uri in _lessons:
        return mark_first_uses(html, _glossary)
    return html

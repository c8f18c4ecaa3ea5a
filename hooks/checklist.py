"""MkDocs hooks for the loyalty checklist: validate its data once per build, render it on its page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from course import preview
from course.sources import read_text
from course.checklist import CHECKLIST_MARKER, CHECKLIST_PATH, Checklist, check_checklist, render_checklist, toc_entries

# Filled by on_files, once per build.
_checklist: Checklist | None = None


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Read and check the checklist data; stop the build with every problem if it is broken."""
    global _checklist
    path = _root(config) / CHECKLIST_PATH
    if not path.is_file():
        _stop(f"{CHECKLIST_PATH}: the loyalty checklist's data file is missing — restore it from git")
        return files
    _checklist, problems = check_checklist(CHECKLIST_PATH.as_posix(), read_text(path))
    if problems:
        lines = "\n".join(f"  {problem}" for problem in problems)
        _stop(f"{len(problems)} problem(s) in the loyalty checklist; fix them and build again:\n{lines}")
    return files


def _stop(report: str) -> None:
    """Stop the build, or in the preview show the problems on every page (course.preview)."""
    if not preview.STATE.hold(report):
        raise PluginError(report)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Put the checklist form where its page asks for it, and its area headings in the page's toc."""
    if _checklist is None or CHECKLIST_MARKER not in html:
        return html
    _add_to_toc(page, html, html.index(CHECKLIST_MARKER), toc_entries(_checklist))
    return html.replace(CHECKLIST_MARKER, render_checklist(_checklist), 1)


def _add_to_toc(page: Page, html: str, at: int, entries: list[tuple[str, str]]) -> None:
    """List headings inserted at html[at] in the toc: under the page title, among the headings around them."""
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items = items[0].children
    level = items[0].level if items else 2
    before = [link for link in items if -1 < html.find(f'id="{link.id}"') < at]
    after = [link for link in items if link not in before]
    items[:] = [*before, *(AnchorLink(title, anchor, level) for title, anchor in entries), *after]


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild and reload when the checklist data changes."""
    server.watch(str(_root(config) / CHECKLIST_PATH.parent))
    return server

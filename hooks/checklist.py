"""MkDocs hooks for the loyalty checklist: validate its data once per build, render it on its page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course import preview
from course.sources import read_text
from course.checklist import CHECKLIST_MARKER, CHECKLIST_PATH, Checklist, check_checklist, render_checklist

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
    """Put the checklist form where its page asks for it."""
    if _checklist is not None and CHECKLIST_MARKER in html:
        return html.replace(CHECKLIST_MARKER, render_checklist(_checklist), 1)
    return html


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild and reload when the checklist data changes."""
    server.watch(str(_root(config) / CHECKLIST_PATH.parent))
    return server

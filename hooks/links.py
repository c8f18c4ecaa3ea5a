"""MkDocs hooks: check every link in the built pages (generated ones included), and give links their print address.

Runs last, after the other hooks have filled in quizzes, handouts and the certificate.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.links import BuiltPage, check_built_links, print_targets, read_built_page

log = get_plugin_logger("links")

_pages: list[BuiltPage] = []
_files: list[str] = []


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Start a new build's record of pages, and note every file the site will hold."""
    _pages.clear()
    _files[:] = [file.url for file in files]
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """Record the page's links and anchors; mark its links with their full address for print."""
    _pages.append(read_built_page(f"docs/{page.file.src_uri}", page.url, output, page.markdown or ""))
    return print_targets(output, page.url, config.site_url or "")


def on_post_build(*, config: MkDocsConfig) -> None:
    """Warn (fatal under --strict) about every broken link, once all pages exist."""
    for problem in check_built_links(_pages, _files):
        log.warning(problem)

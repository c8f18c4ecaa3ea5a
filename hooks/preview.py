"""MkDocs hooks for the editors' preview: broken content shows an error page instead of a hung server."""

from __future__ import annotations

from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from course import preview

log = get_plugin_logger("preview")


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Only `mkdocs serve` holds fatal problems; every other command stops on them."""
    preview.STATE.begin(command == "serve")


# First, before any other hook's on_pre_build or on_files can hold a problem.
@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    """Each rebuild starts with no problems held."""
    preview.STATE.new_build()


# Last, after every other hook has finished the page.
@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """While problems are held, every page of the preview is the page that lists them."""
    if not preview.STATE.held:
        return output
    return preview.error_page(preview.STATE.held, config.site_name, page.title or page.file.src_uri)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Print every held problem, on every failed rebuild (a build number keeps repeats visible)."""
    if preview.STATE.held:
        log.error(preview.held_report(preview.STATE))

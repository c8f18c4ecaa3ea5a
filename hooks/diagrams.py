"""MkDocs hook for diagrams: phones get a diagram's narrow variant when it has one (course.diagrams)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.diagrams import narrow_name, svg_size, with_narrow_variants


@lru_cache(maxsize=None)
def _size(path: str, mtime: float) -> tuple[int, int] | None:
    return svg_size(Path(path))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Offer narrow screens the narrow variant of every diagram on the page."""
    if "assets/diagrams/" not in html:
        return html

    def narrow_size(name: str) -> tuple[int, int] | None:
        found = files.get_file_from_path(narrow_name(name))
        if found is None or not found.abs_src_path:
            return None
        path = Path(found.abs_src_path)
        return _size(str(path), path.stat().st_mtime)

    return with_narrow_variants(html, narrow_size)

"""MkDocs hook for diagrams: sized, and phones get a diagram's narrow variant when it has one (course.diagrams)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from course.diagrams import DIAGRAMS_DIR, svg_size, with_narrow_variants


@lru_cache(maxsize=None)
def _size(path: str, mtime: float) -> tuple[int, int] | None:
    return svg_size(Path(path))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Size every diagram on the page, and offer narrow screens its narrow variant when it has one."""
    if "assets/diagrams/" not in html:
        return html

    def size_of(name: str) -> tuple[int, int] | None:
        found = files.get_file_from_path(f"{DIAGRAMS_DIR}/{name}.svg")
        if found is None or not found.abs_src_path:
            return None
        path = Path(found.abs_src_path)
        return _size(str(path), path.stat().st_mtime)

    return with_narrow_variants(html, size_of)

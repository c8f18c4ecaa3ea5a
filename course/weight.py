"""What a built page makes a browser load: every stylesheet and script it references, gzipped.

Used by the page-weight test and `benchmarks/page_weight.py`. A file is the theme's when the same
path exists in the theme's own assets (Material's `templates/` folder, passed in by the caller);
everything else the page loads is ours.
"""

from __future__ import annotations

import gzip
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["Asset", "gzipped", "page_assets", "referenced"]


@dataclass(frozen=True)
class Asset:
    """One file a page loads: its path in the site, its size on disk and gzipped, and whose it is."""

    path: str
    raw: int
    gzipped: int
    theme: bool


class _References(HTMLParser):
    """Collects `<link rel=stylesheet href>` and `<script src>`, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and "stylesheet" in values.get("rel", "").lower().split() and values.get("href"):
            self.found.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.found.append(values["src"])


def referenced(html: str) -> list[str]:
    """The stylesheet and script addresses a page references, as written in its HTML."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return parser.found


def gzipped(data: bytes) -> int:
    """Bytes on the wire for a file a server sends gzipped (level 9, as `gzip -9`)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_assets(site: Path, page: str, theme_dir: Path) -> list[Asset]:
    """Every stylesheet and script the built page `page` (a path in `site`, e.g. `lesson/index.html`) loads.

    An address on another host cannot be weighed from the site: it is a ValueError, as is an
    address that points at no file of the site.
    """
    assets = []
    for address in referenced((site / page).read_text(encoding="utf-8")):
        parts = urlsplit(address)
        if parts.scheme or parts.netloc:
            raise ValueError(f"{page} loads {address} from another host")
        base = "" if parts.path.startswith("/") else posixpath.dirname(page)
        path = posixpath.normpath(posixpath.join(base, parts.path.lstrip("/")))
        file = site / path
        if path.startswith("../") or not file.is_file():
            raise ValueError(f"{page} loads {address}, which is not a file of the built site ({file})")
        data = file.read_bytes()
        assets.append(Asset(path, len(data), gzipped(data), (theme_dir / path).is_file()))
    return assets

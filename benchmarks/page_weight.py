"""Benchmark: what a page loads, ours against Material's, and what minifying our files saves.

Run with `.venv/bin/python benchmarks/page_weight.py [page ...]` (default: a lesson with its quiz,
the home page and the checklist). Builds the site once, reads every stylesheet and script each
page's HTML references, and prints their gzipped sizes (level 9); for our files, also the size of
the source each was minified from (course/assets.py). Target from issue 11: at most 5,000 gzipped
bytes of our own on a lesson with its quiz. Not a test: sizes only, nothing is timed.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
from pathlib import Path

import material
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course.weight import Asset, gzipped, page_assets  # noqa: E402 - after the path is set

THEME = Path(material.__file__).resolve().parent / "templates"
TARGET = 5_000
PAGES = ("relationship-bank/", "", "checklist/")


def source_of(asset: Asset) -> Path:
    """The file under docs/ one of our built assets was minified from (course.1a2b3c4d.min.js → course.js)."""
    return ROOT / "docs" / re.sub(r"\.[0-9a-f]{8}\.min(\.\w+)$", r"\1", asset.path)


def report(site: Path, page: str) -> int:
    """Print one page's table; the gzipped bytes of our own it loads."""
    html = page.strip("/") + "/index.html" if not page.endswith(".html") else page
    html = html.lstrip("/")
    assets = page_assets(site, html, THEME)
    print(f"{html}: every stylesheet and script its HTML references (bytes; gzip -9)")
    print(f"{'file':<48} {'raw':>8} {'gzip':>7} {'source gzip':>12}  whose")
    for asset in assets:
        source = "" if asset.theme else f"{gzipped(source_of(asset).read_bytes()):,}"
        print(f"{asset.path:<48} {asset.raw:>8,} {asset.gzipped:>7,} {source:>12}  {'Material' if asset.theme else 'ours'}")
    ours = sum(a.gzipped for a in assets if not a.theme)
    theirs = sum(a.gzipped for a in assets if a.theme)
    unminified = sum(gzipped(source_of(a).read_bytes()) for a in assets if not a.theme)
    print(f"ours {ours:,} (from {unminified:,} unminified) · Material {theirs:,} · "
          f"the page's HTML {gzipped((site / html).read_bytes()):,} gzipped bytes")
    print()
    return ours


def main(pages: list[str]) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as out:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=out))
        weights = [report(Path(out), page) for page in pages or PAGES]
    if not pages:
        verdict = "meets" if weights[0] <= TARGET else "misses"
        print(f"a lesson with its quiz loads {weights[0]:,} gzipped bytes of our own — {verdict} the {TARGET:,}-byte target")


if __name__ == "__main__":
    main(sys.argv[1:])

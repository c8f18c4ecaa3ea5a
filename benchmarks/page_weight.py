"""Benchmark: what a lesson with its quiz loads, ours against Material's, with and without minifying.

Run with `.venv/bin/python benchmarks/page_weight.py [page]` (default: relationship-bank/). Builds
the site twice (as configured, and with the minify plugin taken out), reads every stylesheet and
script the page's HTML references, and prints their gzipped sizes (level 9). Target from issue 11:
at most 5,000 gzipped bytes of our own. Not a test: sizes only, nothing is timed.
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


def without_minify(config_text: str) -> str:
    """mkdocs.yml with the `- minify:` plugin entry (and its indented settings) removed."""
    text, count = re.subn(r"^  - minify:\n(?:(?:    .*)?\n)*", "", config_text, flags=re.M)
    if count != 1:
        raise SystemExit("benchmarks/page_weight.py: mkdocs.yml has no `- minify:` plugin entry to take out")
    return text


def weigh(config_file: Path, page: str) -> tuple[list[Asset], int]:
    """Build with config_file into a temporary folder; the page's assets and its own gzipped HTML."""
    with tempfile.TemporaryDirectory() as out:
        build(load_config(str(config_file), site_dir=out))
        html = (Path(out) / page).read_bytes()
        return page_assets(Path(out), page, THEME), gzipped(html)


def main(page: str = "relationship-bank/") -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    page = page.strip("/") + "/index.html" if not page.endswith(".html") else page
    plain = ROOT / ".benchmark-no-minify.yml"
    plain.write_text(without_minify((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    try:
        before, html_before = weigh(plain, page)
    finally:
        plain.unlink()
    after, html_after = weigh(ROOT / "mkdocs.yml", page)

    print(f"{page}: every stylesheet and script its HTML references (bytes; gzip -9)")
    print(f"{'file (as configured)':<48} {'raw':>8} {'gzip':>7}  whose")
    for asset in after:
        print(f"{asset.path:<48} {asset.raw:>8,} {asset.gzipped:>7,}  {'Material' if asset.theme else 'ours'}")
    print()

    def total(assets: list[Asset], theme: bool | None) -> int:
        return sum(a.gzipped for a in assets if theme is None or a.theme == theme)

    print(f"{'gzipped bytes':<28} {'not minified':>13} {'minified':>9}")
    print(f"{'ours (course CSS + JS)':<28} {total(before, False):>13,} {total(after, False):>9,}   target <= {TARGET:,}")
    print(f"{'Material':<28} {total(before, True):>13,} {total(after, True):>9,}")
    print(f"{'total CSS + JS':<28} {total(before, None):>13,} {total(after, None):>9,}")
    print(f"{'the page HTML itself':<28} {html_before:>13,} {html_after:>9,}")
    verdict = "meets" if total(after, False) <= TARGET else "misses"
    print(f"ours, minified: {total(after, False):,} gzipped bytes — {verdict} the {TARGET:,}-byte target")


if __name__ == "__main__":
    main(*sys.argv[1:2])

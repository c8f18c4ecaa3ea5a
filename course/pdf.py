"""Printable PDFs of the built site, made by headless Chromium (the browser the tests use)."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape, unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

__all__ = ["DOWNLOADS_MARKER", "PAPER_SIZES", "Printable", "printables", "print_pdfs", "print_with", "link_downloads"]

#: Where the facilitator guide lists the PDFs; filled in once they exist.
DOWNLOADS_MARKER = "<!-- handout-downloads -->"
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class Printable:
    """A built page and the PDF made from it."""

    page: str  # the page's folder in the site, e.g. "trainers/answer-key/"
    pdf: str  # the file name in site/handouts/
    title: str


def _title(index_html: Path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", index_html.read_text(encoding="utf-8"), re.DOTALL)
    if not match:
        return index_html.parent.name
    text = re.sub(r'<a class="headerlink".*?</a>', "", match.group(1), flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", "", text)).strip()


def printables(site_dir: Path, lesson_order: list[str] | None = None) -> list[Printable]:
    """What trainers print: the checklist, each lesson's handout (in lesson order), the answer key."""
    found = []
    if (site_dir / "checklist" / "index.html").is_file():
        found.append(Printable("checklist/", "checklist.pdf", _title(site_dir / "checklist" / "index.html")))
    order = {Path(src).stem: n for n, src in enumerate(lesson_order or [])}
    handouts = sorted((site_dir / "trainers" / "handouts").glob("*/index.html"), key=lambda p: (order.get(p.parent.name, len(order)), p.parent.name))
    for index in handouts:
        found.append(Printable(f"trainers/handouts/{index.parent.name}/", f"handout-{index.parent.name}.pdf", f"Handout: {_title(index)}"))
    if (site_dir / "trainers" / "answer-key" / "index.html").is_file():
        found.append(Printable("trainers/answer-key/", "answer-key.pdf", "Answer key"))
    return found


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Say nothing per request."""


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve site_dir on a free loopback port for as long as the block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def print_with(browser: Browser, site_dir: Path, paper: str = "a4", lesson_order: list[str] | None = None) -> list[tuple[Printable, Path]]:
    """Print every printable page of a built site to site/handouts/ with a running browser."""
    out = site_dir / "handouts"
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with serve(site_dir) as base:
        page = browser.new_page()
        try:
            for item in printables(site_dir, lesson_order):
                page.goto(base + item.page, wait_until="networkidle")
                target = out / item.pdf
                page.pdf(path=str(target), format=PAPER_SIZES[paper], print_background=True)
                made.append((item, target))
        finally:
            page.close()
    return made


def print_pdfs(site_dir: Path, chromium: str, paper: str = "a4", lesson_order: list[str] | None = None) -> list[tuple[Printable, Path]]:
    """Start Chromium and print every printable page of a built site to PDF."""
    from playwright.sync_api import sync_playwright  # only this command needs a browser

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return print_with(browser, site_dir, paper, lesson_order)
        finally:
            browser.close()


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def link_downloads(site_dir: Path, made: list[tuple[Printable, Path]], paper: str) -> bool:
    """List the PDFs, with their sizes, where the facilitator guide asks for them."""
    guide = site_dir / "trainers" / "index.html"
    if not guide.is_file():
        return False
    html = guide.read_text(encoding="utf-8")
    if DOWNLOADS_MARKER not in html:
        return False
    items = "".join(
        f'<li><a href="../{escape(path.relative_to(site_dir).as_posix())}" download>{escape(item.title)}</a> '
        f'<span class="pk-downloads__meta">(PDF, {PAPER_SIZES[paper]}, {_size(path)})</span></li>'
        for item, path in made
    )
    guide.write_text(html.replace(DOWNLOADS_MARKER, f'<ul class="pk-downloads">{items}</ul>', 1), encoding="utf-8")
    return True

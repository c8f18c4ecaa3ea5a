"""Printable PDFs of the built site, made by headless Chromium (the browser the tests use)."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape, unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

__all__ = ["DOWNLOADS_MARKER", "PAGE_MARGINS", "PAPER_SIZES", "RUNNING_FOOTER", "running_header", "Printable", "printables", "print_pdfs", "print_with", "link_downloads"]

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


def _site_name(site_dir: Path) -> str:
    """The course's name, as the built home page's header shows it."""
    home = site_dir / "index.html"
    html = home.read_text(encoding="utf-8") if home.is_file() else ""
    match = re.search(r'class="md-header__topic">\s*<span class="md-ellipsis">(.*?)</span>', html, re.DOTALL)
    return unescape(match.group(1)).strip() if match else ""


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


#: Room at the top and foot of every page for the running header and the page numbers.
PAGE_MARGINS = {"top": "16mm", "bottom": "15mm", "left": "14mm", "right": "14mm"}
# Chromium draws these outside the page's own styles: sizes and fonts are set here, in full.
_RUNNING = 'style="width:100%;margin:0 14mm;font:7.5pt system-ui,sans-serif;font-variant-ligatures:none;color:#444;display:flex;justify-content:space-between"'
#: "page 2 of 15" on every page; Chromium fills the pageNumber and totalPages spans.
RUNNING_FOOTER = f'<div {_RUNNING}><span></span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'


def running_header(course: str, title: str) -> str:
    """The line at the top of every printed page: the course, then the document's title."""
    return f'<div {_RUNNING}><span>{escape(course)}</span><span>{escape(title)}</span></div>'


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Say nothing per request."""


@contextmanager
def serve(site_dir: Path, port: int = 0, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve site_dir on a loopback port (a free one unless given) for as long as the block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def print_with(
    browser: Browser, site_dir: Path, paper: str = "a4", lesson_order: list[str] | None = None, only: Collection[str] | None = None, out: Path | None = None
) -> list[tuple[Printable, Path]]:
    """Print every printable page of a built site (or those whose PDF is named in only) to site/handouts/ or out."""
    out = out or site_dir / "handouts"
    out.mkdir(parents=True, exist_ok=True)
    site_name = _site_name(site_dir)
    made = []
    with serve(site_dir) as base:
        page = browser.new_page()
        try:
            for item in printables(site_dir, lesson_order):
                if only is not None and item.pdf not in only:
                    continue
                page.goto(base + item.page, wait_until="networkidle")
                target = out / item.pdf
                page.pdf(path=str(target), format=PAPER_SIZES[paper], print_background=True, display_header_footer=True,
                         header_template=running_header(site_name, item.title), footer_template=RUNNING_FOOTER,
                         margin=PAGE_MARGINS)
                made.append((item, target))
        finally:
            page.close()
    return made


def print_pdfs(
    site_dir: Path, chromium: str, paper: str = "a4", lesson_order: list[str] | None = None, only: Collection[str] | None = None, out: Path | None = None
) -> list[tuple[Printable, Path]]:
    """Start Chromium and print every printable page of a built site (or those named in only) to PDF."""
    from playwright.sync_api import sync_playwright  # only this command needs a browser

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return print_with(browser, site_dir, paper, lesson_order, only, out)
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

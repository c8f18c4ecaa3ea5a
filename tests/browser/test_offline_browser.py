"""`make offline`: the zip opened from `file://` in real Chromium with every http(s) request refused."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from course.offline import FEATURES_OFF, FOLDER, PACK_NAME, SHIM_PACKAGE, SHIM_URI
from tests.browser.conftest import load_remote_image, record_errors
from tests.browser.test_checklist_browser import CHECKLIST, expected_line, rate
from tests.browser.test_quiz_browser import BANK, answer, check_answers, expected_score, form
from tests.conftest import ROOT
from tests.test_site import LESSONS

#: What `make handouts` prints, so what the pack's handouts/ folder holds.
PDFS = ["checklist.pdf", *(f"handout-{src.removesuffix('.md')}.pdf" for src in LESSONS), "answer-key.pdf"]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip `make offline` writes (the same command, PDFs included), built once for this module."""
    out = tmp_path_factory.mktemp("offline")
    # Settings the publishing workflow may set are not the pack's business; OFFLINE is the command's.
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "EDIT_URI", "OFFLINE", "GITHUB_ACTIONS"}}
    made = subprocess.run([sys.executable, "-m", "course.cli", "offline", "--out", str(out), "--paper", "a4"],
                          cwd=ROOT, env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert made.returncode == 0, f"make offline failed:\n{made.stdout}\n{made.stderr}"
    return out / PACK_NAME


@pytest.fixture(scope="module")
def unpacked(pack: Path) -> Path:
    """The pack unzipped, as a trainer would: the course's folder."""
    with zipfile.ZipFile(pack) as archive:
        archive.extractall(pack.parent / "unzipped")
    return pack.parent / "unzipped" / FOLDER


@pytest.fixture
def refused() -> list[str]:
    """Every http(s) request a page attempted (all of them were refused)."""
    return []


@pytest.fixture
def offline_page(browser: Browser, refused: list[str]) -> Iterator[Page]:
    """A page in a fresh context with no network: every http:// and https:// request is aborted and recorded."""
    context = browser.new_context()

    def refuse(route: Route) -> None:
        refused.append(route.request.url)
        route.abort("internetdisconnected")

    context.route("http://**/*", refuse)
    context.route("https://**/*", refuse)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def errors(offline_page: Page) -> list[str]:
    """JavaScript errors and console errors on the offline page."""
    return record_errors(offline_page)


def test_the_zip_holds_one_folder_with_index_html_a_readme_and_every_pdf(pack: Path) -> None:
    names = zipfile.ZipFile(pack).namelist()
    assert {name.split("/", 1)[0] for name in names} == {FOLDER}, "everything sits in one folder"
    assert f"{FOLDER}/index.html" in names and f"{FOLDER}/README.txt" in names
    pdfs = [name.removeprefix(f"{FOLDER}/handouts/") for name in names if name.endswith(".pdf")]
    assert sorted(pdfs) == sorted(PDFS)


def test_pages_load_nothing_from_a_cdn_and_run_without_instant_navigation(unpacked: Path) -> None:
    shim = (unpacked / SHIM_URI).read_bytes()
    assert shim == (ROOT / SHIM_PACKAGE).read_bytes(), "the pack carries the pinned iframe-worker shim"
    assert (unpacked / "search" / "search_index.js").is_file(), "the offline plugin wrote the search index as a script"
    for html in unpacked.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="https?:', text), f"{html.name} loads a script from another host"
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.DOTALL).group(1))
        assert not [f for f in config["features"] if f.startswith(FEATURES_OFF)], f"{html.name}: {config['features']}"


def nav_link(page: Page, href: str) -> Locator:
    """The site navigation's link to a page of the pack, e.g. "checklist.html"."""
    return page.locator(f"nav.md-nav--primary a.md-nav__link[href='{href}']")


def test_home_navigation_search_quiz_checklist_and_a_pdf_with_no_network(
    offline_page: Page, unpacked: Path, refused: list[str], errors: list[str]
) -> None:
    page = offline_page
    page.goto((unpacked / "index.html").as_uri())
    expect(page.locator("article.md-content__inner h1")).to_be_visible()
    expect(nav_link(page, "relationship-bank.html")).to_be_visible()

    # Search works from a file: the pack's own iframe-worker runs the index inlined as a script.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("relationship bank", delay=30)
    result = page.locator(".md-search-result__item > a[href*='relationship-bank.html']").first
    expect(result).to_contain_text("relationship bank", ignore_case=True)
    page.keyboard.press("Escape")

    # A lesson by clicking in the navigation, then its quiz: the course script started (document$ fired).
    nav_link(page, "relationship-bank.html").click()
    expect(page).to_have_url(re.compile(r"/relationship-bank\.html(#.*)?$"))
    answer(page, BANK)
    check_answers(page, BANK)
    expect(form(page, BANK).get_by_role("status")).to_contain_text(expected_score(BANK, len(BANK.questions)))
    # The score was kept where the home page reads it: pages opened from files share one storage.
    nav_link(page, "index.html").click()
    expect(page.locator("[data-course-progress] [data-course-count]")).to_have_text(re.compile(rf"^1 of {len(LESSONS)} lessons complete"))

    # The checklist adds up the ratings.
    nav_link(page, "checklist.html").click()
    rate(page)
    expect(page.locator(f'section[data-area="{CHECKLIST.areas[0].id}"] .pk-area__result')).to_have_text(expected_line(0))

    # The facilitator guide (linked from the footer) and its PDF links: each names a file in the pack; the first opens.
    page.locator("nav.pk-audiences").get_by_role("link", name="For trainers").click()
    expect(page).to_have_url(re.compile(r"/trainers/index\.html$"))
    links = page.locator("ul.pk-downloads a[href$='.pdf']")
    expect(links).to_have_count(len(PDFS))
    guide = unpacked / "trainers" / "index.html"
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert (guide.parent / href).resolve().is_file(), f"the guide links {href}, which is not in the pack"
    # From a file, Chromium ignores `download` (file:// pages are cross-origin) and opens its PDF viewer.
    with page.expect_navigation(url=re.compile(r"/handouts/checklist\.pdf$")) as opened:
        links.first.click()
    assert opened.value is not None and opened.value.ok, "the checklist PDF did not load"
    assert opened.value.headers["content-type"] == "application/pdf"
    assert (unpacked / "handouts" / "checklist.pdf").read_bytes().startswith(b"%PDF")

    assert not refused, f"the pack tried the network: {refused}"
    assert not errors, f"errors in the browser console: {errors}"


def test_network_requests_from_a_file_page_are_caught(offline_page: Page, unpacked: Path, refused: list[str]) -> None:
    """The refusal has teeth: a page opened from the pack that asks a CDN for an image is reported."""
    offline_page.goto((unpacked / "index.html").as_uri())
    load_remote_image(offline_page, "https://cdn.example.com/tracker.png")
    assert refused == ["https://cdn.example.com/tracker.png"]

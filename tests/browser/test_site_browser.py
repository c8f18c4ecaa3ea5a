"""The course in real Chromium: search, instant navigation, dark mode, no off-site requests."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import SITE_URL, load_remote_image
from tests.test_site import DOCS, LESSONS, front_matter


def lesson_title(src: str) -> str:
    """A lesson's title from its front matter."""
    return front_matter(DOCS / src)[0]["title"]


def test_search_finds_the_relationship_bank_and_opens_it(page: Page, page_errors: list[str]) -> None:
    page.goto(SITE_URL)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially("relationship bank", delay=30)
    result = page.locator(".md-search-result__item > a[href*='relationship-bank/']").first
    expect(result).to_be_visible()
    expect(result).to_contain_text("relationship bank", ignore_case=True)
    result.click()
    expect(page).to_have_url(re.compile(re.escape(f"{SITE_URL}relationship-bank/") + r"(\?h=.*)?$"))
    expect(page.locator("article.md-content__inner h1")).to_contain_text(lesson_title("relationship-bank.md"))
    # Search highlighting marks the words the learner looked for.
    expect(page.locator("article.md-content__inner mark").first).to_have_text(re.compile("relationship|bank", re.IGNORECASE))
    assert not page_errors


def test_next_link_loads_the_next_lesson_by_instant_navigation(page: Page, page_errors: list[str]) -> None:
    page.goto(f"{SITE_URL}{LESSONS[0].removesuffix('.md')}/")
    # A marker on window survives only if the next page arrives without a full reload.
    page.evaluate("window.__stillTheSameDocument = true")
    page.locator("a.md-footer__link--next").click()
    # navigation.tracking may add the section in view as a #fragment.
    expect(page).to_have_url(re.compile(re.escape(f"{SITE_URL}{LESSONS[1].removesuffix('.md')}/") + "(#.*)?$"))
    expect(page.locator("article.md-content__inner h1")).to_contain_text(lesson_title(LESSONS[1]))
    assert page.evaluate("window.__stillTheSameDocument === true"), "the link caused a full page load"
    assert not page_errors


def test_dark_mode_toggle_switches_and_is_remembered(page: Page) -> None:
    page.goto(SITE_URL)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[title='Switch to dark mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in background[background.index("(") + 1 : -1].split(",")[:3])
    assert red + green + blue < 200, f"dark mode background is not dark: {background}"
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("label[title='Switch to light mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_every_page_loads_without_off_site_requests_or_errors(
    page: Page, site_dir: Path, offsite_requests: list[str], page_errors: list[str]
) -> None:
    pages = ["", *(src.removesuffix(".md") + "/" for src in LESSONS), "sources/"]
    for path in pages:
        page.goto(SITE_URL + path, wait_until="networkidle")
        expect(page.locator("article.md-content__inner h1")).to_be_visible()
        # Diagrams render: an <img> whose file failed to load has no natural width.
        for image in page.locator("article.md-content__inner img").all():
            assert image.evaluate("img => img.complete && img.naturalWidth > 0"), f"broken image on /{path}"
    assert not offsite_requests, f"pages asked other hosts for: {offsite_requests}"
    assert not page_errors, f"errors in the browser console: {page_errors}"


def test_off_site_requests_are_caught(page: Page, offsite_requests: list[str]) -> None:
    """The request log above has teeth: a page that loads a remote image is reported."""
    page.goto(SITE_URL)
    load_remote_image(page, "https://cdn.example.com/tracker.png")
    assert offsite_requests == ["https://cdn.example.com/tracker.png"]

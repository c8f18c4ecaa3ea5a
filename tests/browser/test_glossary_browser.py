"""Glossary terms in real Chromium: the definition shows on hover, on keyboard focus and on a tap."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import SITE_URL, serve
from tests.test_glossary import TERMS

LESSON = f"{SITE_URL}relationship-bank/"
AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


def first_term(page: Page):  # noqa: ANN201 - a Playwright locator
    term = page.locator("article abbr.pk-term").first
    expect(term).to_be_visible()
    return term


def test_keyboard_reaches_a_term_and_its_definition_is_shown_and_described(page: Page) -> None:
    page.goto(LESSON)
    term = first_term(page)
    definition = term.get_attribute("title")
    assert definition in {" ".join(t["definition"].split()) for t in TERMS}
    for _ in range(80):  # Tab through the page as a keyboard user does, until the term has focus
        page.keyboard.press("Tab")
        if term.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the glossary term")
    assert term.evaluate("el => getComputedStyle(el).outlineStyle") != "none", "the focused term shows no focus ring"
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    # Screen readers hear it too: the focused term is described by the tooltip.
    assert page.locator(f"#{term.get_attribute('aria-describedby')}").inner_text() == definition
    result = Axe().run(page, options=AXE)
    assert result.violations_count == 0, result.generate_report()


def test_a_tap_shows_the_definition_on_a_phone(browser: Browser, site_dir: Path, offsite_requests: list[str]) -> None:
    context: BrowserContext = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        serve(context, site_dir, offsite_requests)
        page = context.new_page()
        page.goto(LESSON)
        term = first_term(page)
        definition = term.get_attribute("title")
        term.tap()
        tooltip = page.locator(".md-tooltip2--active")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_have_text(definition)
    finally:
        context.close()

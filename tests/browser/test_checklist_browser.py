"""The loyalty checklist in real Chromium: sums and readings, persistence, reset, print, accessibility."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from course.checklist import CHECKLIST_PATH, check_checklist, reading
from tests.browser.conftest import SCHEMES, SITE_URL, assert_no_axe_violations, use_scheme
from tests.conftest import ROOT

CHECKLIST, _ = check_checklist("data", (ROOT / CHECKLIST_PATH).read_text(encoding="utf-8"))
URL = f"{SITE_URL}checklist/"
#: Ratings the tests give: area id -> {letter: rating}; the last area stays unrated.
RATINGS = {
    CHECKLIST.areas[0].id: {"A": 3, "B": 2, "C": 3},  # average 2.67: strength
    CHECKLIST.areas[1].id: {"A": 1, "B": 2},  # average 1.5: needs attention
    CHECKLIST.areas[2].id: {"A": 0, "C": 1, "G": 0},  # average 0.33: urgent
}


def rate(page: Page) -> None:
    for area, items in RATINGS.items():
        for letter, value in items.items():
            page.locator(f'fieldset[data-item="{area}-{letter}"]').get_by_label(re.compile(rf"^{value} ")).check()


def expected_line(area_index: int) -> str:
    area = CHECKLIST.areas[area_index]
    given = RATINGS.get(area.id, {})
    if not given:
        return f"{area.title}: not rated yet (0 of {len(area.items)} statements)."
    total = sum(given.values())
    average = total / len(given)
    return (
        f"{area.title}: subtotal {total} of {area.maximum}, average {average:.2f} "
        f"({len(given)} of {len(area.items)} statements rated) — {reading(average)[1]}."
    )


def test_ratings_give_subtotals_averages_and_readings(page: Page, page_errors: list[str]) -> None:
    page.goto(URL)
    rate(page)
    for index, area in enumerate(CHECKLIST.areas):
        expect(page.locator(f'section[data-area="{area.id}"] .pk-area__result')).to_have_text(expected_line(index))
    readings = [reading(sum(v.values()) / len(v))[0] for v in RATINGS.values()]
    assert readings == ["strength", "attention", "urgent"], "the test data should cover every reading"
    all_given = [value for items in RATINGS.values() for value in items.values()]
    overall = f"Overall: average {sum(all_given) / len(all_given):.2f} across {len(all_given)} of {CHECKLIST.item_count} statements"
    expect(page.locator("[data-overall]")).to_contain_text(overall)
    # The last change is announced to screen readers.
    expect(page.get_by_role("status")).to_have_text(expected_line(2))
    assert not page_errors


def test_ratings_survive_a_reload_and_reset_asks_first(page: Page) -> None:
    page.goto(URL)
    rate(page)
    page.reload()
    expect(page.locator(".pk-checklist input:checked")).to_have_count(sum(len(v) for v in RATINGS.values()))
    expect(page.locator(f'section[data-area="{CHECKLIST.areas[0].id}"] .pk-area__result')).to_have_text(expected_line(0))

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset").click()
    expect(page.locator(".pk-checklist input:checked")).to_have_count(sum(len(v) for v in RATINGS.values()))

    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Reset").click()
    expect(page.locator(".pk-checklist input:checked")).to_have_count(0)
    assert "Clear all your ratings" in messages[0]
    expect(page.locator("[data-overall]")).to_contain_text("not rated yet")
    page.reload()
    expect(page.locator(".pk-checklist input:checked")).to_have_count(0)


def test_rating_with_the_keyboard(page: Page) -> None:
    page.goto(URL)
    first = page.locator(f'fieldset[data-item="{CHECKLIST.areas[0].id}-A"] input').first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator(f'fieldset[data-item="{CHECKLIST.areas[0].id}-A"] input:checked')).to_have_value("2")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_checklist_page_has_no_axe_violations(page: Page, scheme: str) -> None:
    use_scheme(page, scheme)
    page.goto(URL)
    rate(page)
    assert_no_axe_violations(page, scheme)


def test_print_shows_a_clean_sheet_with_all_32_statements(page: Page) -> None:
    page.goto(URL)
    page.locator(f'fieldset[data-item="{CHECKLIST.areas[0].id}-B"]').get_by_label(re.compile(r"^3 ")).check()
    expect(page.locator(".pk-sheet-fields")).to_be_hidden()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".pk-checklist__actions"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator(".pk-sheet-fields")).to_be_visible()
    expect(page.locator(".pk-sheet-fields")).to_contain_text("Name:")
    expect(page.locator(".pk-sheet-fields")).to_contain_text("Team:")
    expect(page.locator(".pk-sheet-fields")).to_contain_text("Date:")
    # Every statement, in order, under its area, with four tick boxes.
    shown = page.locator(".pk-item").evaluate_all(
        "items => items.map(i => [i.closest('section').dataset.area, i.querySelector('.pk-item__letter').textContent])"
    )
    assert shown == [[area.id, f"{item.letter}."] for area in CHECKLIST.areas for item in area.items]
    boxes = page.locator(".pk-rating__box")
    expect(boxes).to_have_count(4 * CHECKLIST.item_count)
    expect(boxes.first).to_be_visible()
    ticks = boxes.evaluate_all("boxes => boxes.map(b => getComputedStyle(b, '::after').content)")
    assert ticks.count('"✓"') == 1, "exactly the one rating given is ticked"
    checked = page.locator(f'fieldset[data-item="{CHECKLIST.areas[0].id}-B"] .pk-rating__box').nth(3)
    assert checked.evaluate("b => getComputedStyle(b, '::after').content") == '"✓"'
    # Rated areas print their result; blank ones print lines to write on.
    expect(page.locator(f'section[data-area="{CHECKLIST.areas[0].id}"] .pk-area__result')).to_be_visible()
    expect(page.locator(f'section[data-area="{CHECKLIST.areas[1].id}"] .pk-area__write-in')).to_be_visible()
    expect(page.locator(f'section[data-area="{CHECKLIST.areas[1].id}"] .pk-area__write-in')).to_contain_text(f"of {CHECKLIST.areas[1].maximum}")


@pytest.mark.parametrize("path", ["relationship-bank/", "trainers/handouts/relationship-bank/", "trainers/answer-key/"])
def test_print_hides_site_chrome_on_every_kind_of_page(page: Page, path: str) -> None:
    page.goto(SITE_URL + path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("article.md-content__inner h1")).to_be_visible()


def test_ratings_saved_for_other_statements_are_dropped(page: Page) -> None:
    page.goto(URL)
    rate(page)
    page.evaluate("""() => {
        const key = "promises-kept:checklist:loyalty-checklist";
        const saved = JSON.parse(localStorage.getItem(key));
        saved.version = "an-older-checklist";
        localStorage.setItem(key, JSON.stringify(saved));
    }""")
    page.reload()
    expect(page.locator(".pk-checklist input:checked")).to_have_count(0)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_four_ratings_sit_in_one_row_or_two_by_two_never_three_and_one(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(URL)
    rows = page.locator(".pk-item__ratings").evaluate_all(
        "groups => groups.map(g => [...g.querySelectorAll('.pk-rating')].map(r => r.offsetTop))"
    )
    assert len(rows) == CHECKLIST.item_count
    for tops in rows:
        assert len(tops) == 4
        one_row = len(set(tops)) == 1
        two_by_two = tops[0] == tops[1] < tops[2] == tops[3]
        assert one_row or two_by_two, f"ratings wrap as {tops} at {width} px"
    if width >= 1280:
        assert all(len(set(tops)) == 1 for tops in rows), "a wide screen has room for one row of four"


def test_the_area_headings_are_in_the_table_of_contents(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(URL)
    toc = page.locator(".md-sidebar--secondary [data-md-component='toc'] > li > a")
    titles = [text.strip() for text in toc.all_inner_texts()]
    assert titles[: len(CHECKLIST.areas)] == [area.title for area in CHECKLIST.areas], titles
    assert titles[len(CHECKLIST.areas) :] == ["What to do next"]
    area = CHECKLIST.areas[2]
    toc.nth(2).click()
    expect(page).to_have_url(f"{URL}#area-{area.id}")
    expect(page.locator(f"#area-{area.id}")).to_be_in_viewport()
    expect(page.locator(f"#area-{area.id}")).to_have_js_property("tagName", "H2")


def printed_pages(page: Page) -> list[str]:
    """The checklist printed to PDF as `make handouts` prints it (A4), read back page by page."""
    pdf = page.pdf(format="A4", print_background=True)
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_blank_printed_checklist_ends_with_lines_for_the_totals(page: Page) -> None:
    page.goto(URL, wait_until="networkidle")
    pages = printed_pages(page)
    last = pages[-1]
    assert f"Overall total: ______ of {3 * CHECKLIST.item_count}" in last and "Overall average: ______" in last
    assert "Area to work on first: ___" in last and "One action, who and by when: ___" in last
    assert not any("not rated yet" in text.lower() for text in pages), "a blank copy says 'not rated yet'"
    # Every area of a blank copy has its own lines too.
    assert " ".join(pages).count("Subtotal: ______ of") == len(CHECKLIST.areas)


def test_a_rated_printed_checklist_prints_its_reading_and_the_next_step(page: Page) -> None:
    page.goto(URL)
    rate(page)
    last = printed_pages(page)[-1]
    assert "Overall: average" in last and "Overall total: ______" not in last
    assert "Area to work on first: ___" in last


def test_follow_up_prompts_leave_two_lines_to_write_on_paper(page: Page) -> None:
    page.goto(URL)
    page.emulate_media(media="print")
    prompts = page.locator(".pk-item__prompt")
    expect(prompts).to_have_count(sum(1 for area in CHECKLIST.areas for item in area.items if item.prompt))
    for height, line in prompts.evaluate_all(
        "ps => ps.map(p => [p.getBoundingClientRect().height, parseFloat(getComputedStyle(p).lineHeight)])"
    ):
        assert height >= 3 * line, f"a prompt has {height:.0f} px for a {line:.0f} px line of text"

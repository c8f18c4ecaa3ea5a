"""The course in real Chromium: search, instant navigation, dark mode, accessibility, phones, no off-site requests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import SCHEMES, SITE_URL, assert_no_axe_violations, load_remote_image, use_scheme
from tests.test_site import DIAGRAMS, DOCS, LESSONS, front_matter

#: A phone's screen (iPhone 12 to 15) in CSS pixels.
PHONE = {"width": 390, "height": 844}
#: The smallest text a diagram label may render at, in CSS pixels.
LABEL_FLOOR_PX = 11


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


def test_a_feature_page_reached_by_instant_navigation_gets_its_styles_and_script(page: Page, page_errors: list[str]) -> None:
    """A lesson loads neither the checklist's files nor the home page's: navigating there must bring them."""
    page.goto(f"{SITE_URL}{LESSONS[0].removesuffix('.md')}/")
    assert page.evaluate("typeof window.PromisesKeptCourse") == "object"
    assert not page.locator("link[href*='checklist.'], script[src*='checklist.'], link[href*='progress.']").count()
    page.evaluate("window.__stillTheSameDocument = true")
    sidebar = page.locator(".md-sidebar--primary")
    sidebar.get_by_role("link", name="The loyalty checklist").click()
    area = page.locator("section[data-area]").first
    area.locator("fieldset[data-item]").first.get_by_label(re.compile(r"^3 ")).check()
    # The checklist's script sums the rating; its stylesheet hides the paper-only scale header on screen.
    expect(area.locator(".pk-area__result")).to_contain_text("subtotal 3 of")
    expect(area.locator(".pk-area__scale")).to_be_hidden()
    sidebar.get_by_role("link", name="Home").click()
    expect(page.locator("[data-course-count]")).to_have_text(re.compile(r"^0 of 8 lessons complete"))
    # The learning path's stylesheet: the number sits in a disc.
    number = page.locator(".pk-path__number").first
    expect(number).to_have_css("border-radius", "50%")
    page.go_back()
    expect(page.locator("section[data-area]").first.locator(".pk-area__result")).to_contain_text("subtotal 3 of")
    assert page.evaluate("window.__stillTheSameDocument === true"), "a link caused a full page load"
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


#: Every kind of page not covered by its own axe test (lessons and quizzes, the checklist and the
#: certificate have theirs): the home page, sources, what's new and the trainers' pages.
PAGE_TYPES = ["", "sources/", "whats-new/", "trainers/", "trainers/handouts/relationship-bank/", "trainers/answer-key/"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_kind_of_page_has_no_axe_violations(page: Page, path: str, scheme: str) -> None:
    use_scheme(page, scheme)
    page.goto(SITE_URL + path)
    assert_no_axe_violations(page, scheme)


@pytest.mark.parametrize("path", ["", "relationship-bank/", "checklist/"])
def test_the_pages_lighthouse_scores_pass_axe_best_practices_too(page: Page, path: str) -> None:
    """Lighthouse also runs axe's best-practice rules: a named search dialog, headings in order."""
    page.goto(SITE_URL + path)
    expect(page.get_by_role("dialog", name="Search", include_hidden=True)).to_have_count(1)
    assert_no_axe_violations(page, "light", tags=("best-practice",))


def test_on_a_phone_start_is_in_the_first_screen_and_the_path_is_numbered_cards(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto(SITE_URL)
    start = page.locator("[data-course-progress] [data-course-next]")
    expect(start).to_have_text("Start the course")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], f"Start is below the first screen: {box}"
    cards = page.locator("ol.pk-path > li")
    expect(cards).to_have_count(len(LESSONS))
    for number, card in enumerate(cards.all(), start=1):
        disc, title = card.locator(".pk-path__number"), card.locator(".pk-path__title")
        expect(disc).to_have_text(str(number))
        # The number stands apart: beside the title, not inside the link's text.
        assert disc.bounding_box()["x"] + disc.bounding_box()["width"] <= title.bounding_box()["x"]
        assert not title.inner_text().strip()[0].isdigit()
        expect(card.locator("[data-quiz-status]")).to_have_text("Not started")
    # The whole card opens its lesson: a tap on the card's right-hand edge follows the title's link.
    last = cards.last
    last.scroll_into_view_if_needed()
    edge = last.bounding_box()
    page.mouse.click(edge["x"] + edge["width"] - 8, edge["y"] + edge["height"] - 8)
    expect(page).to_have_url(f"{SITE_URL}{LESSONS[-1].removesuffix('.md')}/")


def smallest_label(svg: Path) -> tuple[float, float]:
    """(viewBox width, smallest font-size of any text) of an SVG, font sizes inherited from groups."""
    root = ET.parse(svg).getroot()
    sizes: list[float] = []

    def walk(element: ET.Element, size: float) -> None:
        size = float(element.get("font-size", size))
        if element.tag.endswith("}text"):
            sizes.append(size)
        for child in element:
            walk(child, size)

    walk(root, 16.0)
    return float(root.get("viewBox").split()[2]), min(sizes)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
@pytest.mark.parametrize(("diagram", "src"), DIAGRAMS.items())
def test_diagram_labels_are_legible_on_a_phone_and_a_desktop(page: Page, site_dir: Path, viewport: dict, diagram: str, src: str) -> None:
    page.set_viewport_size(viewport)
    page.goto(SITE_URL + src.removesuffix(".md") + "/")
    image = page.locator(f'article img[src$="{diagram}"]')
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    shown, width = image.evaluate("img => [img.currentSrc, img.getBoundingClientRect().width]")
    view_width, smallest = smallest_label(site_dir / unquote(urlsplit(shown).path).lstrip("/"))
    rendered = width / view_width * smallest
    assert rendered >= LABEL_FLOOR_PX, f"{shown} at {viewport['width']} px: labels render at {rendered:.1f} px"
    if viewport == PHONE:
        assert shown.endswith("-narrow.svg"), "phones should get the narrow drawing"


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_scenarios_are_set_in_body_size_text(page: Page, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    for src in LESSONS:
        page.goto(SITE_URL + src.removesuffix(".md") + "/")
        size = "el => getComputedStyle(el).fontSize"
        body = page.locator("article.md-content__inner > p:not([class])").first.evaluate(size)
        scenario = page.locator("article .admonition.example > p:not(.admonition-title)").first
        assert scenario.evaluate(size) == body, f"{src}: the scenario's text is smaller than the lesson's"
        # Other boxes (objectives, Try it) keep Material's smaller type: the rule is for scenarios.
        assert page.locator("article .admonition.objectives > ul, article .admonition.objectives > p").last.evaluate(size) != body

"""Course completion in real Chromium: one rule, progress on the home page, the certificate."""

from __future__ import annotations

import re

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from course import cli
from tests.browser.conftest import SCHEMES, SITE_URL, assert_no_axe_violations, serve, use_scheme
from tests.browser.test_quiz_browser import answer, check_answers, url
from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import copy_course
from tests.test_site import LESSONS

QUIZZES = cli.check(ROOT).quizzes
TITLES = {src: QUIZZES[src.removesuffix(".md")].title for src in LESSONS}
CERTIFICATE = f"{SITE_URL}certificate/"


def pass_quiz(page: Page, quiz_id: str, right: bool = True) -> None:
    quiz = QUIZZES[quiz_id]
    page.goto(url(quiz_id))
    answer(page, quiz, wrong=frozenset() if right else frozenset(q.id for q in quiz.questions))
    check_answers(page, quiz)
    expect(page.locator(f'form[data-quiz="{quiz_id}"]')).to_have_attribute("data-scored", "passed" if right else "failed")


def test_a_fresh_learner_is_told_where_to_start_and_what_the_certificate_needs(page: Page) -> None:
    page.goto(SITE_URL)
    progress = page.locator("[data-course-progress]")
    expect(progress.locator("[data-course-count]")).to_have_text(f"0 of {len(LESSONS)} lessons complete: {len(LESSONS)} to go.")
    expect(progress).to_contain_text("The course is complete with every lesson's quiz passed.")
    start = progress.locator("[data-course-next]")
    expect(start).to_have_text("Start the course")
    assert start.evaluate("a => a.href") == url(LESSONS[0].removesuffix(".md"))
    expect(progress.locator("[data-course-done]")).to_be_hidden()

    page.goto(CERTIFICATE)
    expect(page.locator("[data-certificate-unlocked]")).to_be_hidden()
    missing = page.locator("[data-certificate-missing] li")
    expect(missing).to_have_count(len(LESSONS))
    expect(missing.first).to_contain_text(f"{TITLES[LESSONS[0]]}: quiz not taken yet")
    assert missing.first.locator("a").evaluate("a => a.href") == url(LESSONS[0].removesuffix(".md"))


def test_progress_counts_passed_lessons_and_continues_at_the_first_one_left(page: Page) -> None:
    first, second, third = (src.removesuffix(".md") for src in LESSONS[:3])
    pass_quiz(page, first)
    pass_quiz(page, third)
    pass_quiz(page, second, right=False)
    page.goto(SITE_URL)
    progress = page.locator("[data-course-progress]")
    expect(progress.locator("[data-course-count]")).to_have_text(f"2 of {len(LESSONS)} lessons complete: {len(LESSONS) - 2} to go.")
    assert progress.locator("progress").evaluate("p => [p.value, p.max]") == [2, len(LESSONS)]
    following = progress.locator("[data-course-next]")
    expect(following).to_have_text(f"Continue where you left off: {TITLES[LESSONS[1]]}")
    assert following.evaluate("a => a.href") == url(second)
    page.goto(CERTIFICATE)
    expect(page.locator("[data-certificate-missing]")).to_contain_text(f"{TITLES[LESSONS[1]]}: quiz not passed yet")
    expect(page.locator("[data-certificate-missing] li")).to_have_count(len(LESSONS) - 2)


def complete_the_course(page: Page) -> Page:
    """Pass every quiz, through the quizzes themselves."""
    for src in LESSONS:
        pass_quiz(page, src.removesuffix(".md"))
    return page


@pytest.fixture
def completed(page: Page) -> Page:
    """A learner who has passed every quiz."""
    return complete_the_course(page)


def test_completing_the_course_unlocks_a_certificate_that_prints_on_one_landscape_page(completed: Page, tmp_path: Path) -> None:
    page = completed
    page.goto(SITE_URL)
    done = page.locator("[data-course-done]")
    expect(done).to_be_visible()
    expect(done).to_contain_text("You have completed the course.")
    expect(page.locator("[data-course-count]")).to_have_text(f"{len(LESSONS)} of {len(LESSONS)} lessons complete.")
    done.get_by_role("link", name="Get your certificate of completion").click()
    expect(page).to_have_url(re.compile(re.escape(CERTIFICATE) + "(#.*)?$"))  # navigation.tracking may add a #section

    expect(page.locator("[data-certificate-locked]")).to_be_hidden()
    page.get_by_label("Your name, as it should appear").fill("Ada <b>Lovelace</b>")
    card = page.locator(".pk-certificate__card")
    expect(card.locator("[data-certificate-learner]")).to_have_text("Ada <b>Lovelace</b>")  # text, never markup
    expect(card).to_contain_text("Certificate of completion")
    expect(card).to_contain_text("Self-reported")
    date = card.locator("time").get_attribute("datetime") or ""
    assert len(date) == 10 and date[4] == "-"
    rows = card.locator("tbody tr")
    expect(rows).to_have_count(len(LESSONS))
    expect(rows.first).to_contain_text(TITLES[LESSONS[0]])
    expect(rows.first).to_contain_text("100%")
    page.reload()
    expect(page.get_by_label("Your name, as it should appear")).to_have_value("Ada <b>Lovelace</b>")

    page.emulate_media(media="print")
    for paper, size in (("A4", (842, 596)), ("Letter", (792, 612))):
        target = tmp_path / f"certificate-{paper}.pdf"
        page.pdf(path=str(target), format=paper, prefer_css_page_size=True, print_background=True)
        pdf = PdfReader(target)
        assert len(pdf.pages) == 1, f"{paper}: {len(pdf.pages)} pages"
        box = pdf.pages[0].mediabox
        assert abs(float(box.width) - size[0]) < 2 and abs(float(box.height) - size[1]) < 2, f"{paper} is not landscape: {box}"
        printed = pdf.pages[0].extract_text()
        assert "Ada <b>Lovelace</b>" in printed and "Certificate of completion" in printed
        assert "Your name, as it should appear" not in printed and "Print the certificate" not in printed


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_certificate_and_the_progress_have_no_axe_violations(page: Page, scheme: str) -> None:
    # The scheme comes first: Material keeps the scheme of the first page it showed.
    use_scheme(page, scheme)
    complete_the_course(page)
    page.goto(CERTIFICATE)
    page.get_by_label("Your name, as it should appear").fill("Ada Lovelace")
    expect(page.locator(".pk-certificate__card")).to_be_visible()
    assert_no_axe_violations(page, scheme)
    page.goto(SITE_URL)
    expect(page.locator("[data-course-done]")).to_be_visible()
    assert_no_axe_violations(page, scheme)


@pytest.fixture(scope="module")
def visits_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course built with the rule 'every lesson opened and its quiz passed'."""
    root = copy_course(tmp_path_factory.mktemp("visits"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\n    require: [quizzes]\n", "\n    require: [quizzes, visits]\n", 1), encoding="utf-8")
    result = run_mkdocs_build(config, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_one_rule_decides_everywhere_also_when_it_asks_for_every_lesson_opened(context: BrowserContext, page: Page, visits_site: Path) -> None:
    serve(context, visits_site, [])
    page.goto(SITE_URL)
    for quiz_id in QUIZZES:  # every quiz passed, as if on another visit, but no lesson opened here
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"promises-kept:quiz:{quiz_id}", json.dumps({"best": {"percent": 100, "passed": True}})])
    page.reload()
    expect(page.locator("[data-course-progress]")).to_contain_text("every lesson opened and its quiz passed")
    expect(page.locator("[data-course-count]")).to_have_text(f"0 of {len(LESSONS)} lessons complete: {len(LESSONS)} to go.")
    page.goto(CERTIFICATE)
    expect(page.locator("[data-certificate-missing] li").first).to_contain_text("not opened yet")
    for src in LESSONS:
        page.goto(url(src.removesuffix(".md")))
    page.goto(SITE_URL)
    expect(page.locator("[data-course-done]")).to_be_visible()
    page.goto(CERTIFICATE)
    expect(page.locator("[data-certificate-unlocked]")).to_be_visible()

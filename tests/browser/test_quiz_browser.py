"""Quizzes in real Chromium: scoring, feedback, persistence, keyboard use, progress and safety."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from course import cli
from course.model import Question, Quiz
from tests.browser.conftest import SCHEMES, SITE_URL, assert_no_axe_violations, serve, use_scheme
from tests.lesson_fixture import COURSE_FOLDERS
from tests.conftest import ROOT, run_mkdocs_build
from tests.test_site import LESSONS

QUIZZES = cli.check(ROOT).quizzes
BANK = QUIZZES["relationship-bank"]


def url(quiz_id: str) -> str:
    """Lesson pages are named after the quiz they embed."""
    return f"{SITE_URL}{quiz_id}/"


def form(page: Page, quiz: Quiz) -> Locator:
    return page.locator(f'form[data-quiz="{quiz.id}"]')


def fieldset(page: Page, quiz: Quiz, question: Question) -> Locator:
    return form(page, quiz).locator(f'fieldset[data-question="{question.id}"]')


def wrong_choice(question: Question) -> list[int]:
    """A tempting wrong answer: the first wrong option (with the right ones, for 'multiple')."""
    first_wrong = next(i for i, o in enumerate(question.options) if not o.correct)
    return [first_wrong] if question.type == "single" else [*question.correct_indexes, first_wrong]


def answer(page: Page, quiz: Quiz, wrong: frozenset[str] = frozenset()) -> None:
    """Tick the right options of every question, except a wrong choice for the ids in wrong."""
    for question in quiz.questions:
        picks = wrong_choice(question) if question.id in wrong else question.correct_indexes
        for index in picks:
            fieldset(page, quiz, question).locator(f'input[value="{index}"]').check()


def expected_score(quiz: Quiz, correct: int) -> str:
    total = len(quiz.questions)
    percent = round(100 * correct / total)
    verdict = "passed" if percent >= quiz.pass_mark else "not passed"
    return f"{correct} of {total} correct ({percent}%) — {verdict}"


def check_answers(page: Page, quiz: Quiz) -> None:
    form(page, quiz).get_by_role("button", name="Check answers").click()


def test_all_correct_scores_100_percent_and_passes(page: Page, page_errors: list[str]) -> None:
    page.goto(url(BANK.id))
    answer(page, BANK)
    check_answers(page, BANK)
    status = form(page, BANK).get_by_role("status")
    expect(status).to_have_text(re.compile(r"^" + re.escape(expected_score(BANK, len(BANK.questions)))))
    expect(status).to_contain_text("100%")
    for question in BANK.questions:
        expect(fieldset(page, BANK, question)).to_have_attribute("data-result", "correct")
        expect(fieldset(page, BANK, question).locator(".pk-quiz__result")).to_have_text("Correct")
    assert not page_errors


def _single_with_feedback(quiz: Quiz) -> Question:
    return next(
        q for q in quiz.questions if q.type == "single" and q.options[wrong_choice(q)[0]].feedback
    )


def test_one_wrong_answer_is_marked_with_its_feedback_and_explanation(page: Page) -> None:
    missed = _single_with_feedback(BANK)
    page.goto(url(BANK.id))
    answer(page, BANK, wrong=frozenset({missed.id}))
    check_answers(page, BANK)

    box = fieldset(page, BANK, missed)
    expect(box).to_have_attribute("data-result", "incorrect")
    # Marked with words and a symbol, not colour alone.
    expect(box.locator(".pk-quiz__result")).to_have_text("Incorrect")
    assert box.locator(".pk-quiz__result").evaluate("el => getComputedStyle(el, '::before').content") == '"✗ "'
    chosen = wrong_choice(missed)[0]
    feedback = box.locator(f'[data-feedback-for="{chosen}"]')
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text(missed.options[chosen].feedback.split()[0])
    # The right option's feedback teaches too; other options the learner did not choose stay quiet.
    for index, option in enumerate(missed.options):
        feedback_box = box.locator(f'[data-feedback-for="{index}"]')
        if option.correct:
            expect(feedback_box).to_be_visible()
        elif index != chosen and option.feedback:
            expect(feedback_box).to_be_hidden()
    explanation = box.locator(".pk-quiz__explanation")
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text(" ".join(missed.explanation.split()[:4]))
    page_name, _, anchor = missed.see.partition("#")
    see_link = explanation.locator(".pk-quiz__see a")
    expect(see_link).to_be_visible()
    assert see_link.evaluate("a => a.href") == f"{url(page_name.removesuffix('.md'))}#{anchor}"

    others = [q for q in BANK.questions if q.id != missed.id]
    for question in others:
        expect(fieldset(page, BANK, question)).to_have_attribute("data-result", "correct")
    expect(form(page, BANK).get_by_role("status")).to_contain_text(expected_score(BANK, len(others)))


def test_multiple_needs_exactly_the_right_set(page: Page) -> None:
    question = next(q for q in BANK.questions if q.type == "multiple" and len(q.correct_indexes) >= 2)
    page.goto(url(BANK.id))
    answer(page, BANK)
    # One right option left out is as wrong as one wrong option added.
    fieldset(page, BANK, question).locator(f'input[value="{question.correct_indexes[0]}"]').uncheck()
    check_answers(page, BANK)
    expect(fieldset(page, BANK, question)).to_have_attribute("data-result", "incorrect")


def test_unanswered_questions_are_pointed_out_before_scoring(page: Page) -> None:
    page.goto(url(BANK.id))
    answer(page, BANK)
    skipped = BANK.questions[2]
    for box in fieldset(page, BANK, skipped).locator("input").all():
        box.uncheck() if box.get_attribute("type") == "checkbox" else None
    if skipped.type == "single":
        page.evaluate("id => document.querySelectorAll(`fieldset[data-question='${id}'] input`).forEach(i => i.checked = false)", skipped.id)
    check_answers(page, BANK)
    expect(form(page, BANK).get_by_role("status")).to_contain_text("Still to answer: question 3")
    expect(fieldset(page, BANK, skipped)).to_have_attribute("data-unanswered", "true")
    expect(form(page, BANK).locator("[data-result]")).to_have_count(0)
    expect(fieldset(page, BANK, skipped).locator("input").first).to_be_focused()


def test_answers_survive_a_reload_and_try_again_clears_them(page: Page) -> None:
    missed = BANK.questions[0]
    page.goto(url(BANK.id))
    answer(page, BANK, wrong=frozenset({missed.id}))
    check_answers(page, BANK)
    score = expected_score(BANK, len(BANK.questions) - 1)
    expect(form(page, BANK).get_by_role("status")).to_contain_text(score)

    page.reload()
    expect(form(page, BANK).get_by_role("status")).to_contain_text(score)
    expect(fieldset(page, BANK, missed)).to_have_attribute("data-result", "incorrect")
    for index in wrong_choice(missed):
        expect(fieldset(page, BANK, missed).locator(f'input[value="{index}"]')).to_be_checked()

    form(page, BANK).get_by_role("button", name="Try again").click()
    expect(form(page, BANK).locator("input:checked")).to_have_count(0)
    expect(form(page, BANK).locator("[data-result]")).to_have_count(0)
    expect(form(page, BANK).locator(".pk-quiz__explanation:visible")).to_have_count(0)
    expect(form(page, BANK).get_by_role("button", name="Try again")).to_be_hidden()
    page.reload()
    expect(form(page, BANK).locator("input:checked")).to_have_count(0)


def test_instant_navigation_to_the_next_lesson_then_its_quiz(page: Page, page_errors: list[str]) -> None:
    first, second = LESSONS[2].removesuffix(".md"), LESSONS[3].removesuffix(".md")
    page.goto(url(first))
    page.evaluate("window.__stillTheSameDocument = true")
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(re.compile(re.escape(url(second)) + "(#.*)?$"))
    assert page.evaluate("window.__stillTheSameDocument === true"), "expected instant navigation"
    quiz = QUIZZES[second]
    answer(page, quiz)
    check_answers(page, quiz)
    expect(form(page, quiz).get_by_role("status")).to_contain_text(expected_score(quiz, len(quiz.questions)))
    assert not page_errors


def test_a_quiz_can_be_completed_with_the_keyboard_only(page: Page) -> None:
    quiz = QUIZZES[LESSONS[0].removesuffix(".md")]
    page.goto(url(quiz.id) + "#check-your-understanding")
    active = "document.activeElement"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate(f"{active}.matches('form[data-quiz] input')"):
            break
    for question in quiz.questions:
        assert page.evaluate(f"{active}.closest('fieldset').dataset.question") == question.id
        assert page.evaluate(f"getComputedStyle({active}).outlineStyle") != "none", "focus must be visible"
        # The keyboard follows the order this learner sees, whatever the shuffle made it.
        shown = [int(v) for v in fieldset(page, quiz, question).locator("input").evaluate_all("els => els.map(e => e.value)")]
        if question.type == "single":
            page.keyboard.press("Space")
            for _ in range(shown.index(question.correct_indexes[0])):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")
        else:
            for index in shown:
                if question.options[index].correct:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
    assert page.evaluate(f"{active}.textContent") == "Check answers"
    page.keyboard.press("Enter")
    expect(form(page, quiz).get_by_role("status")).to_contain_text(expected_score(quiz, len(quiz.questions)))


def test_home_page_shows_progress_per_lesson(page: Page) -> None:
    page.goto(url(BANK.id))
    answer(page, BANK)
    check_answers(page, BANK)
    failed = QUIZZES[LESSONS[0].removesuffix(".md")]
    page.goto(url(failed.id))
    answer(page, failed, wrong=frozenset(q.id for q in failed.questions))
    check_answers(page, failed)
    page.goto(SITE_URL)
    expect(page.locator(f'[data-quiz-status="{BANK.id}"]')).to_have_text("Passed (best 100%)")
    expect(page.locator(f'[data-quiz-status="{failed.id}"]')).to_have_text("Best 0%, not passed yet")
    untouched = LESSONS[-1].removesuffix(".md")
    expect(page.locator(f'[data-quiz-status="{untouched}"]')).to_have_text("Not started")


def test_saved_answers_to_an_older_quiz_version_are_dropped(page: Page) -> None:
    page.goto(url(BANK.id))
    stale = {"version": "older-version", "answers": {q.id: ["0"] for q in BANK.questions}, "best": {"percent": 50, "passed": False}}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [f"promises-kept:quiz:{BANK.id}", json.dumps(stale)])
    page.reload()
    expect(form(page, BANK).locator("input:checked")).to_have_count(0)
    page.goto(SITE_URL)
    expect(page.locator(f'[data-quiz-status="{BANK.id}"]')).to_have_text("Best 50%, not passed yet")


@pytest.mark.parametrize("junk", ["{not json", "[1, 2]", '{"version": 7, "answers": "x", "best": "y"}'])
def test_corrupt_storage_never_breaks_the_page(page: Page, page_errors: list[str], junk: str) -> None:
    page.goto(url(BANK.id))
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [f"promises-kept:quiz:{BANK.id}", junk])
    page.reload()
    answer(page, BANK)
    check_answers(page, BANK)
    expect(form(page, BANK).get_by_role("status")).to_contain_text("100%")
    page.goto(SITE_URL)
    expect(page.locator(f'[data-quiz-status="{BANK.id}"]')).to_have_text("Passed (best 100%)")
    assert not page_errors


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_lesson_and_its_quiz_have_no_axe_violations(page: Page, scheme: str) -> None:
    """The whole lesson page, before checking and after (feedback, marks, "Try again", review links)."""
    use_scheme(page, scheme)
    page.goto(url(BANK.id))
    assert_no_axe_violations(page, scheme)
    answer(page, BANK, wrong=frozenset({BANK.questions[0].id}))
    check_answers(page, BANK)
    expect(form(page, BANK).locator("[data-quiz-reset]")).to_be_visible()
    expect(form(page, BANK).locator(".pk-quiz__see a").first).to_be_visible()
    assert_no_axe_violations(page, scheme)


def test_without_javascript_questions_read_and_a_note_explains(browser: Browser, site_dir: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    serve(context, site_dir, [])
    page = context.new_page()
    page.goto(url(BANK.id))
    expect(page.locator(".pk-quiz__noscript")).to_be_visible()
    expect(page.locator(".pk-quiz__noscript")).to_contain_text("needs JavaScript")
    expect(fieldset(page, BANK, BANK.questions[0]).locator("legend")).to_be_visible()
    expect(form(page, BANK).locator(".pk-quiz__explanation:visible")).to_have_count(0)
    context.close()


XSS_QUIZ = """\
title: Safety check
questions:
  - id: injected
    type: single
    prompt: Does <img src=x onerror="window.__pwned = 'prompt'"> run?
    options:
      - text: <script>window.__pwned = 'option'</script>No
        correct: true
        feedback: <img src=y onerror="window.__pwned = 'feedback'">
      - text: "[Click me](javascript:window.__pwned='link')"
    # A safety fixture, not a real question: its odd lengths and bare option are the point.
    allow: [longest-right, feedback-missing]
    explanation: <svg onload="window.__pwned = 'explanation'"></svg> Nothing untrusted runs.
"""


SCALE = ["Never", "Rarely", "Sometimes", "Often", "Always"]
PINNED_QUIZ = "title: Pinned\nquestions:\n  - id: scale\n    type: single\n    shuffle: false\n    prompt: How often should a promise be kept?\n    options:\n" + "".join(
    f"      - text: {word}\n" + ("        correct: true\n" if word == "Always" else "") + f"        feedback: {word} is the answer on this scale.\n"
    for word in SCALE
) + "    explanation: A scale reads in its own order, so this question keeps the order it was written in.\n"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course plus one lesson embedding a quiz full of injection attempts."""
    root = tmp_path_factory.mktemp("xss")
    for name in COURSE_FOLDERS:
        shutil.copytree(ROOT / name, root / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("  - Sources: sources.md", "  - Sources: sources.md\n  - xss.md")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs" / "xss.md").write_text("# Safety\n\n<!-- quiz: xss -->\n\n<!-- quiz: pinned -->\n", encoding="utf-8")
    (root / "quizzes" / "xss.yml").write_text(XSS_QUIZ, encoding="utf-8")
    (root / "quizzes" / "pinned.yml").write_text(PINNED_QUIZ, encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_injected_markup_in_a_quiz_never_executes(context: BrowserContext, page: Page, xss_site: Path) -> None:
    serve(context, xss_site, [])
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{SITE_URL}xss/")
    quiz_form = page.locator('form[data-quiz="xss"]')
    expect(quiz_form.locator("legend")).to_contain_text("<img src=x onerror=")
    quiz_form.locator('input[value="0"]').check()
    quiz_form.get_by_role("button", name="Check answers").click()
    expect(quiz_form.get_by_role("status")).to_contain_text("1 of 1 correct")
    quiz_form.get_by_text("Click me").click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert quiz_form.locator("img, script, svg, iframe").count() == 0


def test_a_pinned_question_keeps_its_written_order(context: BrowserContext, page: Page, xss_site: Path) -> None:
    serve(context, xss_site, [])
    for _ in range(3):  # three fresh attempts: a shuffle would have moved something
        page.goto(f"{SITE_URL}xss/")
        labels = page.locator('form[data-quiz="pinned"] label').all_inner_texts()
        assert labels == SCALE
        page.evaluate("localStorage.clear()")

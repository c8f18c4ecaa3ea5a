"""Quizzes that measure, in real Chromium: blind strategies fail, options are shuffled per learner, answers shown."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from course import cli
from course.model import Question, Quiz
from course.order import fixed_orders
from tests.browser.conftest import SCHEMES, SITE_URL, assert_no_axe_violations, serve, use_scheme
from tests.browser.test_quiz_browser import answer, check_answers, fieldset, form, url
from tests.conftest import ROOT

QUIZZES = cli.check(ROOT).quizzes
BANK = QUIZZES["relationship-bank"]


def shown(page: Page, quiz: Quiz, question: Question) -> list[int]:
    """The options of a question in the order this learner sees them, as file indexes."""
    return [int(v) for v in fieldset(page, quiz, question).locator("[data-option]").evaluate_all("els => els.map(e => e.dataset.option)")]


def shown_orders(page: Page, quiz: Quiz) -> dict[str, list[int]]:
    return {question.id: shown(page, quiz, question) for question in quiz.questions}


def label_lengths(page: Page, quiz: Quiz, question: Question) -> dict[int, int]:
    """How long each option reads on screen, by file index."""
    pairs = fieldset(page, quiz, question).locator("[data-option]").evaluate_all(
        "els => els.map(e => [Number(e.dataset.option), e.querySelector('label').textContent.trim().length])"
    )
    return {index: length for index, length in pairs}


Strategy = Callable[[Page, Quiz, Question], list[int]]


def first_shown(page: Page, quiz: Quiz, question: Question) -> list[int]:
    return shown(page, quiz, question)[: len(question.correct_indexes)]


def last_shown(page: Page, quiz: Quiz, question: Question) -> list[int]:
    return shown(page, quiz, question)[-len(question.correct_indexes) :]


def longest(page: Page, quiz: Quiz, question: Question) -> list[int]:
    lengths = label_lengths(page, quiz, question)
    # Ties go to the option shown first, as a learner scanning the list would break them.
    order = shown(page, quiz, question)
    ranked = sorted(order, key=lambda index: (-lengths[index], order.index(index)))
    return ranked[: len(question.correct_indexes)]


STRATEGIES: dict[str, Strategy] = {"first shown": first_shown, "last shown": last_shown, "longest": longest}


def play(page: Page, quiz: Quiz, strategy: Strategy) -> int:
    """Answer every question of a quiz by a blind strategy; how many it got right."""
    page.goto(url(quiz.id))
    for question in quiz.questions:
        for index in strategy(page, quiz, question):
            fieldset(page, quiz, question).locator(f'input[value="{index}"]').check()
    check_answers(page, quiz)
    expect(form(page, quiz)).to_have_attribute("data-scored", re.compile("passed|failed"))
    return form(page, quiz).locator('fieldset[data-result="correct"]').count()


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_no_blind_strategy_passes_a_quiz_or_half_the_course(browser: Browser, site_dir, name: str) -> None:
    context = browser.new_context()  # a fresh learner: nothing saved yet
    serve(context, site_dir, [])
    page = context.new_page()
    right = total = 0
    for quiz in QUIZZES.values():
        score = play(page, quiz, STRATEGIES[name])
        assert form(page, quiz).get_attribute("data-scored") == "failed", f"'{name}' passes {quiz.id} ({score} of {len(quiz.questions)})"
        right, total = right + score, total + len(quiz.questions)
    context.close()
    assert total >= 40, "the course has its eight quizzes"
    assert right * 2 <= total, f"'{name}' scores {right} of {total} on the course"


def fresh_orders(browser: Browser, site_dir, quiz: Quiz) -> dict[str, list[int]]:
    context = browser.new_context()
    serve(context, site_dir, [])
    page = context.new_page()
    page.goto(url(quiz.id))
    orders = shown_orders(page, quiz)
    context.close()
    return orders


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_two_fresh_learners_see_different_orders(browser: Browser, site_dir, quiz_id: str) -> None:
    quiz = QUIZZES[quiz_id]
    one, two = fresh_orders(browser, site_dir, quiz), fresh_orders(browser, site_dir, quiz)
    for orders in (one, two):
        for question in quiz.questions:
            assert sorted(orders[question.id]) == list(range(len(question.options))), "every option shown once"
    assert any(one[q.id] != two[q.id] for q in quiz.questions if q.shuffle), f"{quiz_id}: both learners saw the same order"


def test_a_reload_keeps_the_order_and_the_answers(page: Page) -> None:
    page.goto(url(BANK.id))
    before = shown_orders(page, BANK)
    page.reload()
    assert shown_orders(page, BANK) == before, "a reload before answering keeps the attempt's order"
    missed = next(q for q in BANK.questions if q.type == "single")
    answer(page, BANK, wrong=frozenset({missed.id}))
    check_answers(page, BANK)
    status = form(page, BANK).get_by_role("status")
    expect(status).to_contain_text(f"{len(BANK.questions) - 1} of {len(BANK.questions)} correct")
    page.reload()
    assert shown_orders(page, BANK) == before
    expect(status).to_contain_text(f"{len(BANK.questions) - 1} of {len(BANK.questions)} correct")
    expect(fieldset(page, BANK, missed)).to_have_attribute("data-result", "incorrect")


def test_try_again_reshuffles(page: Page) -> None:
    page.goto(url(BANK.id))
    answer(page, BANK)
    check_answers(page, BANK)
    before = shown_orders(page, BANK)
    form(page, BANK).get_by_role("button", name="Try again").click()
    after = shown_orders(page, BANK)
    assert after != before, "a new attempt gets a new order"
    page.reload()
    assert shown_orders(page, BANK) == after


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_scoring_is_right_whatever_the_order(page: Page, quiz_id: str) -> None:
    quiz = QUIZZES[quiz_id]
    page.goto(url(quiz.id))
    answer(page, quiz)
    check_answers(page, quiz)
    expect(form(page, quiz).get_by_role("status")).to_contain_text(f"{len(quiz.questions)} of {len(quiz.questions)} correct (100%) — passed")
    form(page, quiz).get_by_role("button", name="Try again").click()
    answer(page, quiz, wrong=frozenset({quiz.questions[-1].id}))
    check_answers(page, quiz)
    expect(form(page, quiz).locator('fieldset[data-result="incorrect"]')).to_have_count(1)


def test_a_wrong_answer_shows_the_right_options_and_marks_every_choice(page: Page) -> None:
    multiple = next(q for q in BANK.questions if q.type == "multiple" and len(q.correct_indexes) >= 2)
    single = next(q for q in BANK.questions if q.type == "single")
    page.goto(url(BANK.id))
    answer(page, BANK)
    # In the select-all question: one right option left out and one wrong option added.
    missed_right, kept_right = multiple.correct_indexes[0], multiple.correct_indexes[1]
    added_wrong = next(i for i, o in enumerate(multiple.options) if not o.correct)
    box = fieldset(page, BANK, multiple)
    box.locator(f'input[value="{missed_right}"]').uncheck()
    box.locator(f'input[value="{added_wrong}"]').check()
    wrong_single = next(i for i, o in enumerate(single.options) if not o.correct)
    fieldset(page, BANK, single).locator(f'input[value="{wrong_single}"]').check()
    check_answers(page, BANK)

    def option(question: Question, index: int):
        return fieldset(page, BANK, question).locator(f'[data-option="{index}"]')

    expect(option(multiple, missed_right)).to_have_attribute("data-mark", "missed-right")
    expect(option(multiple, missed_right).locator(".pk-quiz__mark")).to_have_text("A right answer you did not choose")
    expect(option(multiple, kept_right)).to_have_attribute("data-mark", "chosen-right")
    expect(option(multiple, kept_right).locator(".pk-quiz__mark")).to_have_text("Your answer: right")
    expect(option(multiple, added_wrong)).to_have_attribute("data-mark", "chosen-wrong")
    expect(option(multiple, added_wrong).locator(".pk-quiz__mark")).to_have_text("Your answer: wrong")
    # An icon as well as words: never colour alone.
    icon = "el => getComputedStyle(el, '::before').content"
    assert option(multiple, missed_right).locator(".pk-quiz__mark").evaluate(icon) == '"✓ "'
    assert option(multiple, added_wrong).locator(".pk-quiz__mark").evaluate(icon) == '"✗ "'
    # The feedback of the right option the learner missed teaches too.
    feedback = option(multiple, missed_right).locator(".pk-quiz__feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text(multiple.options[missed_right].feedback.split()[0])
    # Options neither chosen nor right stay unmarked, their feedback hidden.
    for index, o in enumerate(multiple.options):
        if index != added_wrong and not o.correct:
            expect(option(multiple, index).locator(".pk-quiz__mark")).to_be_hidden()
            expect(option(multiple, index).locator(".pk-quiz__feedback")).to_be_hidden()
    # The single question shows its right option as well as the wrong choice.
    expect(option(single, single.correct_indexes[0])).to_have_attribute("data-mark", "missed-right")
    expect(option(single, wrong_single)).to_have_attribute("data-mark", "chosen-wrong")
    # Screen readers hear the mark and the feedback with the option.
    described = option(multiple, added_wrong).locator("input").get_attribute("aria-describedby") or ""
    assert option(multiple, added_wrong).locator(".pk-quiz__mark").get_attribute("id") in described.split()


def test_before_checking_no_option_is_described_by_its_feedback(page: Page) -> None:
    page.goto(url(BANK.id))
    expect(form(page, BANK).locator("input[aria-describedby]")).to_have_count(0)


def test_the_score_line_links_to_each_question_still_wrong(page: Page) -> None:
    wrong = [BANK.questions[1], BANK.questions[3]]
    page.goto(url(BANK.id))
    answer(page, BANK, wrong=frozenset(q.id for q in wrong))
    check_answers(page, BANK)
    status = form(page, BANK).get_by_role("status")
    expect(status).to_contain_text("Still wrong: question 2, question 4.")
    links = status.locator("a")
    expect(links).to_have_count(2)
    for link, question in zip(links.all(), wrong, strict=True):
        target = link.get_attribute("href") or ""
        assert target == "#" + (fieldset(page, BANK, question).get_attribute("id") or "missing")
    links.nth(1).click()
    expect(fieldset(page, BANK, wrong[1])).to_be_focused()


def test_select_all_that_apply_is_said_once_per_question(page: Page) -> None:
    for quiz in QUIZZES.values():
        page.goto(url(quiz.id))
        for question in quiz.questions:
            text = fieldset(page, quiz, question).locator("legend").inner_text() + fieldset(page, quiz, question).locator(".pk-quiz__hint").inner_text()
            hint = "Select all that apply" if question.type == "multiple" else "Choose one"
            assert text.lower().count(hint.lower()) == 1, f"{quiz.id}/{question.id}: {text!r}"


def test_without_javascript_options_follow_the_worksheet_order(browser: Browser, site_dir) -> None:
    context = browser.new_context(java_script_enabled=False)
    serve(context, site_dir, [])
    page = context.new_page()
    for quiz in QUIZZES.values():
        page.goto(url(quiz.id))
        orders = fixed_orders(quiz)
        for question in quiz.questions:
            assert shown(page, quiz, question) == list(orders[question.id])
            if question.shuffle:
                assert list(orders[question.id]) != list(range(len(question.options))), "the file order never shows"
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_scored_quiz_has_no_axe_violations(context: BrowserContext, page: Page, scheme: str) -> None:
    use_scheme(page, scheme)
    page.goto(url(BANK.id))
    answer(page, BANK, wrong=frozenset({BANK.questions[0].id, BANK.questions[1].id}))
    check_answers(page, BANK)
    expect(form(page, BANK).locator("[data-mark]").first).to_be_visible()
    assert_no_axe_violations(page, scheme, context="form[data-quiz]")

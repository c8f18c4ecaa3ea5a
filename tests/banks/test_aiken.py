"""Aiken, read back by a strict reader of the published format (no registry has one) and pinned by golden files.

Rewrite the golden files after a deliberate change with `PK_REGEN_GOLDEN=1 make test`, and read
the diff before committing it.
"""

from __future__ import annotations

import difflib
import os

import lxml.html
import pytest

from course.banks import aiken
from course.model import Question
from course.order import LETTERS, fixed_orders
from course.render import markdown_to_html
from tests.banks.aiken_reader import AikenError, read_aiken
from tests.banks.conftest import GOLDEN, Exported
from tests.banks.expect import HOSTILE_TEXTS


def plain(markdown: str) -> str:
    """What plain text must say for quiz Markdown: its words on one line, each link's address after its words."""
    fragment = lxml.html.fragment_fromstring(markdown_to_html(markdown), create_parent="div")
    for link in fragment.iter("a"):
        if link.get("href") and link.get("href") != link.text_content():
            link.tail = f" ({link.get('href')})" + (link.tail or "")
    for block in fragment.iter("p", "li", "br", "pre", "blockquote"):
        block.tail = " " + (block.tail or "")
    return " ".join(fragment.text_content().split())


def _fits(question: Question) -> bool:
    """Whether Aiken can hold a question: single-answer, and a prompt its reader will not take for an option."""
    return question.type == "single" and not aiken.OPTION_LINE.match(plain(question.prompt))


def test_aiken_holds_every_single_answer_question_with_its_right_letter(exported: Exported) -> None:
    read = read_aiken(exported.path("aiken").read_text(encoding="utf-8"))
    wanted = [(quiz, question) for quiz in exported.bank.quizzes for question in quiz.questions if _fits(question)]
    assert len(read) == len(wanted) > 0
    for got, (quiz, question) in zip(read, wanted):
        order = fixed_orders(quiz)[question.id]
        assert got.prompt == plain(question.prompt), question.id
        assert got.options == tuple((LETTERS[place], plain(question.options[index].text)) for place, index in enumerate(order)), question.id
        assert got.answer == LETTERS[order.index(question.correct_indexes[0])], f"{question.id}: the worksheet's letter"


def test_each_question_left_out_is_named_once(exported: Exported) -> None:
    left_out = [(quiz, question) for quiz in exported.bank.quizzes for question in quiz.questions if not _fits(question)]
    warnings = exported.warnings["aiken"]
    assert len(warnings) == len(left_out)
    for warning, (quiz, question) in zip(warnings, left_out):
        assert warning.startswith(f"{quiz.source}: question '{question.id}': left out of the Aiken file — ")


@pytest.mark.parametrize("name", ["hostile"])
def test_golden(hostile: Exported, name: str) -> None:
    for fmt, suffix in (("aiken", ".aiken.txt"), ("gift", ".gift.txt")):
        expected_file = GOLDEN / f"{name}{suffix}"
        actual = hostile.path(fmt).read_text(encoding="utf-8")
        if os.environ.get("PK_REGEN_GOLDEN"):
            expected_file.write_text(actual, encoding="utf-8")
        wanted = expected_file.read_text(encoding="utf-8")
        diff = "".join(difflib.unified_diff(wanted.splitlines(True), actual.splitlines(True), "expected", "actual"))
        assert actual == wanted, f"{expected_file.name} differs:\n{diff}"


def test_hostile_text_survives_aiken(hostile: Exported) -> None:
    read = read_aiken(hostile.path("aiken").read_text(encoding="utf-8"))
    assert [q.prompt[:8] for q in read] == ["Which of"], "only the single-answer question whose prompt is not option-like"
    assert read[0].prompt == HOSTILE_TEXTS[0], "GIFT's control characters, quotes, '&' and emoji as typed"
    assert ("A", "None: GIFT reads // comments and :: titles anyway") in read[0].options


@pytest.mark.parametrize(("text", "problem"), [
    ("Q?\nA. a\nB. b\nANSWER: C\n", "line 4: the answer C"),
    ("Q?\nA. a\nC. b\nANSWER: A\n", "line 3: expected option B."),
    ("Q?\nA. a\nB) b\nANSWER: A\n", "mix"),
    ("Q?\nwrapped\nA. a\nB. b\nANSWER: A\n", "line 2: expected option A."),
    ("A. looks like an option\nA. a\nB. b\nANSWER: A\n", "line 1: a question must start"),
    ("Q?\nA. a\nB. b\nANSWER: A\n\n", "must not end with a blank line"),
    ("Q?\nA. a\nB. b\nANSWER: A", "must end with a line break"),
])
def test_the_strict_reader_refuses_what_is_not_aiken(text: str, problem: str) -> None:
    with pytest.raises(AikenError, match=problem.replace(".", r"\.").replace(")", r"\)")):
        read_aiken(text)

"""GIFT, read back by gift-pegjs (npm, pinned in tests/js), the PEG grammar of Moodle's GIFT format."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from course.banks import gift
from tests.banks.conftest import Exported, need_node_modules
from tests.banks.expect import MOODLE_PERCENTS, Read, assert_hostile_survives, assert_same, every_text, expected, moodle_path
from tests.conftest import ROOT

SCRIPT = ROOT / "tests" / "js" / "parse-gift.mjs"


def parse(path: Path) -> list[dict]:
    """What gift-pegjs makes of a GIFT file."""
    need_node_modules()
    done = subprocess.run(["node", str(SCRIPT), str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"gift-pegjs could not read {path.name}:\n{done.stderr}"
    return json.loads(done.stdout)


def questions(parsed: list[dict]) -> list[Read]:
    """The parsed questions, each with the lesson of the $CATEGORY above it and its right options."""
    found, category = [], ""
    for entry in parsed:
        if entry["type"] == "Category":
            category = moodle_path(entry["title"])[-1]
            continue
        assert entry["type"] == "MC", f"{entry.get('title')}: read as {entry['type']}, not as a multiple-choice question"
        texts = [entry["stem"], entry["globalFeedback"], *(c["text"] for c in entry["choices"]), *(c["feedback"] for c in entry["choices"] if c["feedback"])]
        assert {t["format"] for t in texts} == {"html"}, f"{entry['title']}: every text is marked [html]"
        single = any(c["isCorrect"] for c in entry["choices"])
        options = tuple(
            (c["text"]["text"], c["isCorrect"] if single else c["weight"] > 0, c["feedback"]["text"] if c["feedback"] else "")
            for c in entry["choices"]
        )
        found.append(Read(category, entry["title"], single, entry["stem"]["text"], options, entry["globalFeedback"]["text"]))
    return found


@pytest.fixture(scope="module")
def parsed(exported: Exported) -> list[dict]:
    return parse(exported.path("gift"))


def test_gift_holds_the_same_questions_texts_and_right_options(exported: Exported, parsed: list[dict]) -> None:
    assert_same(questions(parsed), exported.bank, exact_html=True)


def test_one_category_per_lesson_under_the_course(exported: Exported, parsed: list[dict]) -> None:
    categories = [moodle_path(entry["title"]) for entry in parsed if entry["type"] == "Category"]
    bank = exported.bank
    assert categories == [[" ".join(bank.title.split()), " ".join(quiz.title.split())] for quiz in bank.quizzes]
    per_lesson = Counter(read.category for read in questions(parsed))
    assert per_lesson == Counter({quiz.title: len(quiz.questions) for quiz in bank.quizzes})


def test_multiple_answer_weights_are_moodle_grades_that_add_up(exported: Exported, parsed: list[dict]) -> None:
    """Moodle refuses a weight outside its list, and a multiple whose right weights do not make 100%."""
    multiples = [entry for entry in parsed if entry["type"] == "MC" and not any(c["isCorrect"] for c in entry["choices"])]
    assert multiples, "the bank has multiple-answer questions"
    for entry in multiples:
        weights = [c["weight"] for c in entry["choices"]]
        assert all(any(abs(abs(w) - p) < 1e-6 for p in (*MOODLE_PERCENTS, 0)) for w in weights), (entry["title"], weights)
        assert abs(sum(w for w in weights if w > 0) - 100) < 0.001, (entry["title"], weights)
        wrong = [w for w in weights if w <= 0]
        assert not wrong or abs(sum(wrong) + 100) < 0.001, f"{entry['title']}: ticking every option must not score: {weights}"


def test_hostile_text_survives_gift(hostile: Exported) -> None:
    read = questions(parse(hostile.path("gift")))
    assert_hostile_survives(every_text(read))
    raw = hostile.path("gift").read_text(encoding="utf-8")
    # A category line is plain text (GIFT has no escapes there; Moodle stores the name as text).
    questions_text = "\n".join(line for line in raw.splitlines() if not line.startswith("$CATEGORY:"))
    assert "<script>" not in questions_text and "&lt;script&gt;alert(1)&lt;/script&gt;" in questions_text, "HTML is escaped before GIFT escapes it"
    # No text starts a line: a '//' line would be a comment to Moodle, and a blank line would end the question.
    for line in raw.splitlines():
        assert line == "" or line.startswith(("//", "$CATEGORY:", "::", "=", "~", "####", "}")), line
    assert raw.splitlines()[0].startswith("//") and sum(line.startswith("//") for line in raw.splitlines()) == 1


@pytest.mark.parametrize(("text", "escaped"), [
    ("a~b=c#d{e}f:g", r"a\~b\=c\#d\{e\}f\:g"),
    ("back\\slash and \\n", "back\\\\slash and \\\\n"),
    ("two\nlines\r\nthree", r"two\nlines\nthree"),
])
def test_gift_escapes_every_control_character(text: str, escaped: str) -> None:
    assert gift.escape(text) == escaped


def test_the_reader_can_fail(tmp_path: Path) -> None:
    """gift-pegjs refuses what Moodle would: an unescaped '{' in a question's text breaks the file."""
    broken = tmp_path / "broken.gift.txt"
    broken.write_text("::q::What is { this?{=yes~no}\n", encoding="utf-8")
    need_node_modules()
    done = subprocess.run(["node", str(SCRIPT), str(broken)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "broken.gift.txt:1:" in done.stderr


def test_expected_questions_cover_the_course(the_course: Exported) -> None:
    """The round trips compare against every question of every lesson quiz."""
    assert len(expected(the_course.bank)) == sum(len(q.questions) for q in the_course.bank.quizzes) > 40

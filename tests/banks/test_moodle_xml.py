"""Moodle XML, read back by moodle-xml-parser (PyPI, pinned) and checked element by element with lxml.

Moodle publishes no XSD for its XML format; moodle-xml-parser reads questions the way Moodle's
importer lays them out (multichoice, single, shuffleanswers, fractions, feedback), and lxml reads
what that parser skips: the category questions and each text's format.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from moodle_xml_parser.parser import parse_file

from tests.banks.conftest import Exported
from tests.banks.expect import MOODLE_PERCENTS, Read, assert_hostile_survives, assert_same, every_text, expected, moodle_path, text_of


def questions(path: Path) -> list[Read]:
    """Every multichoice question with the category above it, texts as the XML carries them."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    assert root.tag == "quiz"
    found, category = [], ""
    for element in root:
        if not isinstance(element.tag, str):
            continue  # the comment naming the course
        assert element.tag == "question"
        if element.get("type") == "category":
            category = moodle_path(element.findtext("category/text"))[-1]
            continue
        assert element.get("type") == "multichoice"
        for text in element.iter("questiontext", "generalfeedback", "answer", "feedback"):
            assert text.get("format") == "html", f"{element.findtext('name/text')}: <{text.tag}> says format=\"html\""
        options = tuple((a.findtext("text"), float(a.get("fraction")) > 0, a.findtext("feedback/text") or "") for a in element.findall("answer"))
        found.append(Read(category, element.findtext("name/text"), element.findtext("single") == "true",
                          element.findtext("questiontext/text"), options, element.findtext("generalfeedback/text")))
    return found


def test_moodle_xml_holds_the_same_questions_texts_and_right_options(exported: Exported) -> None:
    assert_same(questions(exported.path("moodle")), exported.bank, exact_html=True)


def test_moodle_xml_parser_reads_every_question_as_moodle_would(exported: Exported, capsys: pytest.CaptureFixture[str]) -> None:
    """The third-party reader finds each question, its kind, shuffling, grades and feedback."""
    parsed = parse_file(str(exported.path("moodle")))
    assert "Error" not in capsys.readouterr().out, "moodle-xml-parser prints the questions it could not read"
    wanted = expected(exported.bank)
    assert [q.name for q in parsed["multichoice"]] == [w.id for w in wanted] and not parsed["cloze"]
    # The parser decodes HTML entities in what it reads, so compare with the course's HTML decoded the same way.
    seen = lambda text: html.unescape(text).strip()  # noqa: E731 - the parser's own normalisation
    for question, want in zip(parsed["multichoice"], wanted):
        assert question.single == want.single and question.shuffle_answers == want.shuffle, want.id
        assert question.text_pre_parse == seen(want.prompt) and question.general_feedback == seen(want.explanation), want.id
        assert [o.answer for o in question.options] == [seen(o.html) for o in want.options], want.id
        assert [(o.feedback or "") for o in question.options] == [seen(o.feedback) for o in want.options], want.id
        assert [o.score_fraction > 0 for o in question.options] == [o.correct for o in want.options], want.id
        fractions = [o.score_fraction for o in question.options]
        assert all(any(abs(abs(f) - p) < 1e-6 for p in (*MOODLE_PERCENTS, 0)) for f in fractions), (want.id, fractions)
        if want.single:
            assert sorted(fractions) == [0] * (len(fractions) - 1) + [100], (want.id, fractions)
        else:
            assert abs(sum(f for f in fractions if f > 0) - 100) < 0.001, (want.id, fractions)
            wrong = [f for f in fractions if f <= 0]
            assert not wrong or abs(sum(wrong) + 100) < 0.001, (want.id, fractions)


def test_one_category_question_per_lesson(exported: Exported) -> None:
    root = etree.parse(str(exported.path("moodle"))).getroot()
    paths = [moodle_path(q.findtext("category/text")) for q in root.iter("question") if q.get("type") == "category"]
    bank = exported.bank
    assert paths == [[" ".join(bank.title.split()), " ".join(quiz.title.split())] for quiz in bank.quizzes]
    assert Counter(q.category for q in questions(exported.path("moodle"))) == Counter({q.title: len(q.questions) for q in bank.quizzes})


def test_moodle_keeps_pinned_options_in_place_and_letters_them_like_the_worksheet(hostile: Exported) -> None:
    root = etree.parse(str(hostile.path("moodle"))).getroot()
    by_name = {q.findtext("name/text"): q for q in root.iter("question") if q.get("type") == "multichoice"}
    assert by_name["pinned-scale"].findtext("shuffleanswers") == "false"
    assert [text_of(a.findtext("text")) for a in by_name["pinned-scale"].findall("answer")] == ["Never", "Sometimes", "Always"]
    assert by_name["gift-controls"].findtext("shuffleanswers") == "true"
    assert {q.findtext("answernumbering") for q in by_name.values()} == {"ABCD"}


def test_hostile_text_survives_moodle_xml(hostile: Exported) -> None:
    read = questions(hostile.path("moodle"))
    assert_hostile_survives(every_text(read))
    raw = hostile.path("moodle").read_bytes()
    assert b"<script" not in raw and b"]]>" not in raw.replace(b"]]&gt;", b""), "markup and CDATA ends are escaped by the XML library"

"""Moodle XML: a `<question type="category">` per lesson, then its questions as `multichoice`.

Built with lxml, so every text is escaped by the XML library; each text is the course's HTML,
marked `format="html"`. Options are in worksheet order; `shuffleanswers` is off for a question
whose file says `shuffle: false`, so Moodle keeps those in place and letters them A, B, C ….
"""

from __future__ import annotations

from lxml import etree

from course.banks.model import Bank, Rendered
from course.banks.package import xml_bytes
from course.banks.text import block_html, category_path, inline_html, moodle_percents, paper_order
from course.model import Question, Quiz

__all__ = ["PENALTY", "render"]

#: The share of a question's mark lost per wrong try in Moodle's "interactive" mode (Moodle's default).
PENALTY = "0.3333333"


def _text(parent: etree._Element, tag: str, html: str, **attrs: str) -> etree._Element:
    """A Moodle text field: <tag format="html"><text>…</text></tag>."""
    element = etree.SubElement(parent, tag, {"format": "html", **attrs})
    etree.SubElement(element, "text").text = html
    return element


def _plain(parent: etree._Element, tag: str, value: str) -> None:
    """A Moodle setting: <tag>value</tag>."""
    etree.SubElement(parent, tag).text = value


def _category(root: etree._Element, path: str) -> None:
    """The pseudo-question that puts the questions after it into a category."""
    question = etree.SubElement(root, "question", type="category")
    category = etree.SubElement(question, "category")
    etree.SubElement(category, "text").text = path


def _question(root: etree._Element, quiz: Quiz, question: Question, order: tuple[tuple[str, int], ...]) -> None:
    """One question as a Moodle multichoice, options in worksheet order."""
    element = etree.SubElement(root, "question", type="multichoice")
    name = etree.SubElement(element, "name")
    etree.SubElement(name, "text").text = question.id
    _text(element, "questiontext", block_html(question.prompt))
    _text(element, "generalfeedback", block_html(question.explanation))
    _plain(element, "defaultgrade", "1")
    _plain(element, "penalty", PENALTY)
    _plain(element, "hidden", "0")
    _plain(element, "single", "true" if question.type == "single" else "false")
    _plain(element, "shuffleanswers", "true" if question.shuffle else "false")
    # Capital letters, as the worksheets print them.
    _plain(element, "answernumbering", "ABCD")
    percents = moodle_percents(quiz, question)
    for _, index in order:
        option = question.options[index]
        answer = _text(element, "answer", inline_html(option.text), fraction=percents[index])
        if option.feedback:
            _text(answer, "feedback", block_html(option.feedback))


def render(bank: Bank) -> Rendered:
    """The whole bank as one Moodle XML file."""
    root = etree.Element("quiz")
    root.append(etree.Comment(f" {bank.title}: the course's quiz questions, exported from its quiz files. ".replace("--", "- -")))
    for quiz in bank.quizzes:
        _category(root, category_path(bank, quiz))
        orders = paper_order(quiz)
        for question in quiz.questions:
            _question(root, quiz, question, orders[question.id])
    return Rendered(xml_bytes(root))

"""What a reader must find in an export, straight from the quiz files, and the checks every format shares."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from course.banks import Bank
from course.order import LETTERS, fixed_orders
from course.render import markdown_to_html

__all__ = ["HOSTILE_TEXTS", "MOODLE_PERCENTS", "Expected", "Option", "Read", "assert_hostile_survives", "assert_inert", "assert_same",
           "every_text", "expected", "moodle_path", "text_of"]

#: Every grade Moodle's importer accepts, in percent (question_bank::fraction_options_full); any other stops the import.
MOODLE_PERCENTS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
                   12.5, 11.11111, 10, 5)

#: Elements that would run or load something if a payload were used as HTML, or that only raw HTML passed
#: through could make (the course's Markdown writes **bold** as <strong>, never <b>).
_FORBIDDEN = {"script", "img", "iframe", "object", "embed", "style", "link", "svg", "math", "form", "input", "b"}
_BLOCKS = ("p", "div", "li", "ul", "ol", "blockquote", "pre", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6")

#: Texts of tests/golden/banks/hostile.yml as the course's page shows them (Markdown's own backslash escapes
#: applied); every format must hand each back as the same characters.
HOSTILE_TEXTS = (
    r'Which of ~ = # { } : and \ (and \, \n, \: already escaped) must GIFT escape? Say "all" & mean it 🙂',
    r"Yes: {braces}, ~tilde~, =equals=, #hash# and a lone \ backslash.",
    r"No — a \n in text is not a newline, and ## is not feedback.",
    r"None: GIFT reads // comments and :: titles anyway",
    r"// This line starts like a GIFT comment",
    r"::not-a-title:: and $CATEGORY: are just words here.",
    r"Is <script>alert(1)</script> shown as text, and does ]]> end a CDATA section?",
    r"<script>alert('option')</script> stays text",
    r"]]> and <![CDATA[ stay text",
    r"""<img src=x onerror="alert('feedback')"> is shown, never loaded.""",
    r"""Quotes "double" and 'single', & ampersands in R&D and AT&T stay as typed.""",
    r"a safe link",
    r"<b>Bold</b> markup runs as HTML",
    r"Nothing survives ☹️",
    r"emoji 🎉 included",
    r"A. B. Smith asks: how often should a promise be kept?",
)


def every_text(read: list[Read]) -> list[str]:
    """What a learner reads in each text a reader found: prompts, options, feedback, explanations."""
    return [text_of(html) for q in read for html in (q.prompt, q.explanation, *(o[0] for o in q.options), *(o[2] for o in q.options))]


def assert_hostile_survives(texts: list[str], *, skip: tuple[str, ...] = ()) -> None:
    """Every hostile text is somewhere in what a reader read (as text), character for character."""
    whole = "\n".join(texts)
    missing = [text for text in HOSTILE_TEXTS if text not in skip and text not in whole]
    assert not missing, f"lost or changed on the way: {missing}"


def moodle_path(path: str) -> list[str]:
    """A Moodle category path's names: '/' separates them, '//' is a '/' inside a name."""
    return [name.replace("\0", "/") for name in path.replace("//", "\0").split("/")]


@dataclass(frozen=True)
class Option:
    """One option as the worksheet prints it: letter, HTML, right or wrong, feedback HTML ('' when none)."""

    letter: str
    html: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Expected:
    """One question as every export must carry it."""

    quiz: str
    category: str
    id: str
    single: bool
    shuffle: bool
    prompt: str
    options: tuple[Option, ...]
    explanation: str


@dataclass(frozen=True)
class Read:
    """One question as a format's reader gave it back (HTML strings, options in file order)."""

    category: str
    id: str
    single: bool
    prompt: str
    options: tuple[tuple[str, bool, str], ...]
    explanation: str


def expected(bank: Bank) -> list[Expected]:
    """Every question of the bank, options in the fixed worksheet order, texts as the course renders them."""
    found = []
    for quiz in bank.quizzes:
        orders = fixed_orders(quiz)
        for question in quiz.questions:
            options = tuple(
                Option(LETTERS[place], markdown_to_html(question.options[index].text, inline=True).strip(), question.options[index].correct,
                       markdown_to_html(question.options[index].feedback).strip() if question.options[index].feedback else "")
                for place, index in enumerate(orders[question.id])
            )
            found.append(Expected(quiz.id, quiz.title, question.id, question.type == "single", question.shuffle,
                                  markdown_to_html(question.prompt).strip(), options, markdown_to_html(question.explanation).strip()))
    return found


def text_of(html: str) -> str:
    """What a reader of an HTML fragment sees, whitespace collapsed (lxml's HTML parser, not the exporter's)."""
    if not html.strip():
        return ""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in fragment.iter(*_BLOCKS):
        element.tail = " " + (element.tail or "")  # paragraphs read apart, however the markup is laid out
    return " ".join(fragment.text_content().split())


def assert_inert(html: str, where: str) -> None:
    """An HTML payload that shows text and links only: no element or attribute that runs or loads anything."""
    if not html.strip():
        return
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in _FORBIDDEN, f"{where}: a <{element.tag}> element in {html!r}"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: an event handler {name}= in {html!r}"
            assert not value.strip().lower().startswith("javascript:"), f"{where}: a javascript: link in {html!r}"


def assert_same(read: list[Read], bank: Bank, *, exact_html: bool) -> None:
    """The reader found every question of the bank, in order and per lesson, with the same texts and right options.

    exact_html: the format carries the course's HTML as a string (GIFT, Moodle XML, QTI 1.2), so it must come
    back character for character; otherwise (QTI 2.1's XHTML elements) the text a learner reads must match.
    """
    wanted = expected(bank)
    assert [(r.category, r.id) for r in read] == [(w.category, w.id) for w in wanted], "the same questions, in order, in their lessons"
    same = (lambda a, b: a == b) if exact_html else (lambda a, b: text_of(a) == text_of(b))
    for got, want in zip(read, wanted):
        where = f"{want.quiz}/{want.id}"
        assert got.single == want.single, f"{where}: single or multiple"
        assert same(got.prompt, want.prompt), f"{where}: prompt {got.prompt!r} != {want.prompt!r}"
        assert same(got.explanation, want.explanation), f"{where}: explanation {got.explanation!r} != {want.explanation!r}"
        assert len(got.options) == len(want.options), f"{where}: number of options"
        for (html, correct, feedback), option in zip(got.options, want.options):
            assert same(html, option.html), f"{where} {option.letter}: {html!r} != {option.html!r}"
            assert correct == option.correct, f"{where} {option.letter}: right or wrong"
            assert same(feedback, option.feedback), f"{where} {option.letter}: feedback {feedback!r} != {option.feedback!r}"
        for html in (got.prompt, got.explanation, *(o[0] for o in got.options), *(o[2] for o in got.options)):
            assert_inert(html, where)

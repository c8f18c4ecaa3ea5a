"""Golden-file tests: each tests/golden/<name>.yml renders to exactly tests/golden/<name>.html.

After a deliberate change to the markup, rewrite the expected files with
`PK_REGEN_GOLDEN=1 make test` and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course.render import embed_quizzes, render_quiz
from course.validate import check_quiz

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


def resolve(see: str) -> str:
    """Links as a page in a sibling folder would write them (the hook does this with MkDocs)."""
    page, _, anchor = see.partition("#")
    return f"../{page.removesuffix('.md')}/#{anchor}"


def section(see: str) -> str:
    """A readable section name for a see link."""
    return see.partition("#")[2].replace("-", " ").capitalize()


def pretty(html: str) -> str:
    """One element per line, so a failing comparison shows a readable diff."""
    return re.sub(r"(?=<(?:form|fieldset|legend|div|p|input|label|span class=\"pk-quiz__mark|noscript|button|ul|li|/fieldset|/form)\b)", "\n", html).strip() + "\n"


def rendered(case: Path) -> str:
    quiz, problems = check_quiz(f"quizzes/{case.name}", case.read_text(encoding="utf-8"))
    # Item-writing warnings do not matter here: these cases are about markup, not question quality.
    assert quiz is not None and not [p for p in problems if p.fatal], [str(p) for p in problems]
    return pretty(render_quiz(quiz, resolve, section))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden(case: Path) -> None:
    expected_file = case.with_suffix(".html")
    actual = rendered(case)
    if os.environ.get("PK_REGEN_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
    assert actual == expected, f"{case.name} renders differently:\n{diff}"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_untrusted_text_cannot_inject_markup() -> None:
    html = rendered(GOLDEN / "untrusted.yml")
    parser = _Tags()
    parser.feed(html)
    # Only the renderer's own elements, plus what Markdown makes of plain text: no script, img, iframe, b.
    allowed = {"form", "p", "strong", "span", "noscript", "fieldset", "legend", "div", "input", "label", "button", "a", "em", "code"}
    assert {tag for tag, _ in parser.tags} <= allowed
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    assert "&lt;script&gt;" in html and "Tricks &amp; &lt;b&gt;traps&lt;/b&gt;" in html
    assert '<a href="https://example.com/ok">a safe link</a>' in html


def test_answers_and_explanations_are_excluded_from_search() -> None:
    html = rendered(GOLDEN / "basic.yml")
    assert html.startswith('<form class="pk-quiz" data-quiz="basic"')
    assert "data-search-exclude" in html.splitlines()[0]


def test_embed_replaces_only_known_quizzes() -> None:
    quiz, _ = check_quiz("quizzes/basic.yml", (GOLDEN / "basic.yml").read_text(encoding="utf-8"))
    page = "<h2>Check</h2>\n<!-- quiz: basic -->\n<p><!-- quiz: other --></p>"
    html = embed_quizzes(page, {"basic": quiz}, resolve, section)
    assert html.count('<form class="pk-quiz"') == 1 and "<!-- quiz: other -->" in html


def test_plain_text_shortcut_matches_the_markdown_parser() -> None:
    """Plain text skips the parser for speed; it must come out exactly as the parser would make it."""
    from course import render
    from tests.conftest import ROOT
    from course.cli import check

    texts = ["Say it plainly.", "Quotes \"like\" this, and it's fine", "3 of 5 (60%) - passed?", "Deposits 1. first"]
    for quiz in check(ROOT).quizzes.values():
        for question in quiz.questions:
            texts += [question.prompt, question.explanation]
            texts += [text for option in question.options for text in (option.text, option.feedback) if text]
    shortcut = [text for text in texts if not render._MARKUP.search(text)]
    assert len(shortcut) > 100, "the real quizzes should mostly take the shortcut"
    for text in shortcut:
        assert render._convert(text) == render._MD.reset().convert(text), text


@pytest.mark.parametrize(
    "text",
    [
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x][r]\n\n[r]: &#x6A;avascript:alert(1)",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( java\tscript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
    ],
)
def test_links_that_would_run_code_become_plain_text(text: str) -> None:
    from course.render import markdown_to_html

    html = markdown_to_html(text)
    assert "href" not in html and "x" in html


def test_web_mail_and_relative_links_survive() -> None:
    from course.render import markdown_to_html

    for text, href in [("[a](https://example.com/x)", "https://example.com/x"), ("[b](../bank/#rules)", "../bank/#rules"), ("[c](mailto:a@b.org)", "mailto:a@b.org")]:
        assert f'href="{href}"' in markdown_to_html(text)


def test_a_quiz_is_embedded_once_even_if_the_page_repeats_the_line() -> None:
    quiz, _ = check_quiz("quizzes/basic.yml", (GOLDEN / "basic.yml").read_text(encoding="utf-8"))
    page = "<p>Intro <!-- quiz: basic --> more</p>\n<!-- quiz: basic -->"
    html = embed_quizzes(page, {"basic": quiz}, resolve, section)
    assert html.count('<form class="pk-quiz"') == 1

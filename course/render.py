"""Quizzes to accessible, escaped HTML: a native form the static quiz script scores."""

from __future__ import annotations

import re
from functools import lru_cache
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from html import escape, unescape
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from course.model import Question, Quiz
from course.order import fixed_orders

__all__ = ["markdown_to_html", "question_anchor", "render_quiz", "embed_quizzes", "NOSCRIPT_NOTE"]

NOSCRIPT_NOTE = (
    "Scoring this quiz needs JavaScript, which is switched off in your browser. "
    "You can still read the questions and think through your answers."
)
_SAFE_SCHEMES = {"http", "https", "mailto"}


def _safe_href(href: str) -> bool:
    """Whether a link target is a web, mail or relative link once the browser has decoded it."""
    # Entities such as &#106; are decoded by the browser, so judge the decoded, whitespace-free form.
    decoded = re.sub(r"[\x00-\x20\x7f]", "", unescape(unescape(href)))
    try:
        scheme = urlsplit(decoded).scheme.lower()
    except ValueError:
        return False
    if scheme:
        return scheme in _SAFE_SCHEMES
    # No scheme: relative, unless a colon hides one (e.g. after a stray character).
    return ":" not in decoded.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


class _SafeLinks(Treeprocessor):
    """Turn links other than web, mail and relative ones into plain text, and images into their alt text."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    index = list(parent).index(child)
                    parent.remove(child)
                    alt = child.get("alt", "")
                    if index:
                        previous = parent[index - 1]
                        previous.tail = (previous.tail or "") + alt + (child.tail or "")
                    else:
                        parent.text = (parent.text or "") + alt + (child.tail or "")
                elif child.tag == "a" and not _safe_href(child.get("href", "")):
                        child.tag = "span"
                        child.attrib.clear()


def _converter() -> markdown.Markdown:
    """A Markdown converter for untrusted text: raw HTML is shown as text, never passed through."""
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "pk_safe_links", 0)
    return md


_MD = _converter()
# Text with none of Markdown's markup characters renders as itself; most quiz text is like that,
# and skipping the parser keeps the quiz hooks' share of the build small.
_MARKUP = re.compile(r"[*_`\[\]<>&\\!\n]|^\s|^[#=+-]|^\d+[.)]|\s$|  ")


def _convert(text: str) -> str:
    if not _MARKUP.search(text):
        return f"<p>{text}</p>"
    return _MD.reset().convert(text)


@lru_cache(maxsize=4096)
def markdown_to_html(text: str, *, inline: bool = False) -> str:
    """Render quiz Markdown safely; inline output has no block wrapper, for labels and legends.

    Cached: the page quiz, the worksheet and the answer key render the same texts.
    """
    html = _convert(text)
    if inline:
        html = re.sub(r"</p>\s*<p>", "<br><br>", html.strip())
        html = re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.DOTALL)
    return html


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def question_anchor(quiz: Quiz, question: Question) -> str:
    """The id of a question's fieldset, which the score line links to (slugs never hold '_')."""
    return f"{quiz.id}_{question.id}"


def _question(
    quiz: Quiz,
    number: int,
    question: Question,
    order: tuple[int, ...],
    resolve: Callable[[str], str],
    sections: Callable[[str], str],
) -> str:
    name = f"pk-{quiz.id}-{question.id}"
    kind = "radio" if question.type == "single" else "checkbox"
    hint = "Choose one answer." if question.type == "single" else "Select all that apply."
    options = []
    # Printed in the fixed order (what a learner without JavaScript sees); course.js reshuffles.
    for index in order:
        option = question.options[index]
        input_id = f"{name}-{index}"
        correct = ' data-correct=""' if option.correct else ""
        feedback = (
            f'<div class="pk-quiz__feedback" id="{_attr(input_id)}-feedback" data-feedback-for="{index}" hidden>'
            f"{markdown_to_html(option.feedback)}</div>"
            if option.feedback
            else ""
        )
        options.append(
            f'<div class="pk-quiz__option" data-option="{index}">'
            f'<input type="{kind}" name="{_attr(name)}" id="{_attr(input_id)}" value="{index}"{correct}>'
            f'<label for="{_attr(input_id)}">{markdown_to_html(option.text, inline=True)}</label>'
            f'<span class="pk-quiz__mark" id="{_attr(input_id)}-mark" hidden></span>'
            f"{feedback}</div>"
        )
    see = ""
    if question.see:
        see = (
            f'<p class="pk-quiz__see"><a href="{_attr(resolve(question.see))}">'
            f"Review in the lesson: {escape(sections(question.see))}</a></p>"
        )
    pinned = ' data-shuffle="false"' if not question.shuffle else ""
    return (
        f'<fieldset class="pk-quiz__question" id="{_attr(question_anchor(quiz, question))}" tabindex="-1" '
        f'data-question="{_attr(question.id)}" data-type="{_attr(question.type)}"{pinned}>'
        f'<legend><span class="pk-quiz__number">Question {number} of {len(quiz.questions)}</span> '
        f'<span class="pk-quiz__prompt">{markdown_to_html(question.prompt, inline=True)}</span></legend>'
        f'<p class="pk-quiz__hint">{hint}</p>'
        f'<div class="pk-quiz__options">{"".join(options)}</div>'
        f'<p class="pk-quiz__result" hidden></p>'
        f'<div class="pk-quiz__explanation" hidden>'
        f'<p class="pk-quiz__why">Why</p>{markdown_to_html(question.explanation)}{see}</div>'
        "</fieldset>"
    )


def render_quiz(
    quiz: Quiz,
    resolve: Callable[[str], str] = lambda see: see,
    sections: Callable[[str], str] = lambda see: see.partition("#")[2] or see,
) -> str:
    """The quiz as a form; resolve turns a `see` value into a URL, sections names its heading."""
    orders = fixed_orders(quiz)
    questions = "".join(
        _question(quiz, n, q, orders[q.id], resolve, sections) for n, q in enumerate(quiz.questions, start=1)
    )
    count = len(quiz.questions)
    # data-search-exclude: options, answers, feedback and explanations stay out of the search index.
    return (
        f'<form class="pk-quiz" data-quiz="{_attr(quiz.id)}" data-quiz-version="{_attr(quiz.version)}" '
        f'data-pass-mark="{quiz.pass_mark}" data-search-exclude novalidate aria-labelledby="pk-quiz-{_attr(quiz.id)}-title">'
        f'<p class="pk-quiz__title" id="pk-quiz-{_attr(quiz.id)}-title"><strong>Quiz: {escape(quiz.title)}</strong> '
        f'<span class="pk-quiz__meta">{count} question{"s" if count != 1 else ""} · pass mark {quiz.pass_mark}%</span></p>'
        f'<noscript><p class="pk-quiz__noscript">{escape(NOSCRIPT_NOTE)}</p></noscript>'
        f"{questions}"
        '<div class="pk-quiz__actions">'
        '<button type="submit" class="md-button md-button--primary">Check answers</button> '
        '<button type="button" class="md-button" data-quiz-reset hidden>Try again</button>'
        "</div>"
        '<p class="pk-quiz__status" role="status"></p>'
        "</form>"
    )


# Starts with a literal "<" (not an optional group) so the scan over a whole page stays fast.
_EMBED_IN_HTML = re.compile(r"<(?:p>\s*<)?!--\s*quiz:\s*(?P<id>[a-z0-9-]+)\s*-->(?:\s*</p>)?")


def embed_quizzes(
    html: str,
    quizzes: Mapping[str, Quiz],
    resolve: Callable[[str], str],
    sections: Callable[[str], str],
) -> str:
    """Replace each quiz embed left in a rendered page by that quiz's form."""

    done: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        quiz = quizzes.get(match.group("id"))
        if quiz is None or quiz.id in done:
            return match.group(0)  # a second copy would duplicate the form's input ids
        done.add(quiz.id)
        return render_quiz(quiz, resolve, sections)

    return _EMBED_IN_HTML.sub(replace, html) if "quiz:" in html else html

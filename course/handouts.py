"""Trainers' material from the course's own sources: lesson handouts, paper worksheets, the answer key.

A handout's key points are its lesson's "Key takeaways"; its discussion questions and activity
sit in the lesson's front matter (`handout:`); its worksheet is the lesson's quiz. Nothing is
written twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from course.model import Quiz
from course.order import LETTERS, fixed_orders, letter_of
from course.render import markdown_to_html
from course.sources import find_embeds

__all__ = [
    "ANSWER_KEY_MARKER",
    "ANSWER_KEY_SETTINGS",
    "ANSWER_KEY_URI",
    "PRINT_ANSWER_KEY_ENV",
    "answer_key_setting",
    "PRINTABLES_MARKER",
    "TRAINERS_TEMPLATE",
    "WORKSHEET_PATTERN",
    "Handout",
    "handout_from_lesson",
    "handout_markdown",
    "handout_placeholder",
    "handout_problems",
    "handout_uri",
    "key_points",
    "answer_key_markdown",
    "printables_markdown",
    "render_answer_key",
    "render_worksheet",
]

ANSWER_KEY_URI = "trainers/answer-key.md"
#: The page template of the trainers' pages (overrides/trainers.html): their navigation lists the
#: course's top-level entries only, so a handout's size does not grow with the number of lessons.
TRAINERS_TEMPLATE = "trainers.html"
ANSWER_KEY_MARKER = "<!-- answer-key -->"
#: Where a handout wants its lesson's quiz as a worksheet.
WORKSHEET_PATTERN = re.compile(r"<(?:p>\s*<)?!--\s*worksheet:\s*(?P<id>[a-z0-9-]+)\s*-->(?:\s*</p>)?")
_TAKEAWAYS = re.compile(r"^##\s+Key takeaways.*?$\n(?P<body>.*?)(?=^#{1,2}\s|\Z)", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Handout:
    """One lesson's printable handout."""

    lesson_uri: str
    title: str
    key_points: tuple[str, ...]
    discussion: tuple[str, ...]
    activity_title: str
    activity_minutes: int
    activity_steps: tuple[str, ...]
    quiz_id: str = ""


def handout_uri(lesson_uri: str) -> str:
    """Where a lesson's handout page lives, e.g. trainers/handouts/relationship-bank.md."""
    return f"trainers/handouts/{lesson_uri.rsplit('/', 1)[-1]}"


def key_points(markdown: str) -> tuple[str, ...]:
    """The points of a page's "Key takeaways" list, each joined onto one line."""
    match = _TAKEAWAYS.search(markdown)
    if not match:
        return ()
    points: list[str] = []
    for line in match.group("body").splitlines():
        item = re.match(r"(?:[-*+]|\d+[.)])\s+(.*)", line)
        if item:
            points.append(item.group(1).strip())
        elif points and line.startswith((" ", "\t")) and line.strip():
            points[-1] += " " + line.strip()  # a point wrapped onto the next line
    return tuple(points)


def handout_problems(src: str, meta: Mapping[str, Any], markdown: str) -> list[str]:
    """What a lesson lacks for its handout, each naming the file and the fix."""
    problems = []
    if not key_points(markdown):
        problems.append(f"{src}: no '## Key takeaways' list — the handout's key points come from it")
    handout = meta.get("handout")
    if not isinstance(handout, dict):
        return [*problems, f"{src}: no 'handout:' in the front matter — add its 'discussion:' questions and 'activity:' (see docs/trainers/index.md)"]
    discussion = handout.get("discussion")
    if not (isinstance(discussion, list) and discussion and all(isinstance(q, str) and q.strip() for q in discussion)):
        problems.append(f"{src}: 'handout: discussion:' must be a list of questions, one per '- ' line")
    activity = handout.get("activity")
    if not isinstance(activity, dict):
        return [*problems, f"{src}: 'handout: activity:' is missing — give it a 'title:', 'minutes:' and 'steps:'"]
    if not isinstance(activity.get("title"), str) or not activity["title"].strip():
        problems.append(f"{src}: 'handout: activity: title:' is missing — name the activity")
    minutes = activity.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 90:
        problems.append(f"{src}: 'handout: activity: minutes:' is {minutes!r} — write a whole number of minutes")
    steps = activity.get("steps")
    if not (isinstance(steps, list) and steps and all(isinstance(s, str) and s.strip() for s in steps)):
        problems.append(f"{src}: 'handout: activity: steps:' must be a list of steps, one per '- ' line")
    return problems


def handout_from_lesson(src: str, meta: Mapping[str, Any], markdown: str) -> Handout:
    """The handout for a lesson whose handout_problems() are none."""
    handout, activity = meta["handout"], meta["handout"]["activity"]
    embeds = find_embeds(markdown)
    return Handout(
        lesson_uri=src,
        title=str(meta.get("title", src)),
        key_points=key_points(markdown),
        discussion=tuple(handout["discussion"]),
        activity_title=activity["title"],
        activity_minutes=int(activity["minutes"]),
        activity_steps=tuple(activity["steps"]),
        quiz_id=embeds[0][0] if embeds else "",
    )


def handout_markdown(handout: Handout) -> str:
    """The generated Markdown page for a handout (the worksheet is filled in after rendering)."""
    lesson_link = "../../" + handout.lesson_uri
    lines = [
        "---",
        f"title: 'Handout: {handout.title.replace(chr(39), chr(39) * 2)}'",
        "search:",
        "  exclude: true",
        f"template: {TRAINERS_TEMPLATE}",
        "---",
        "",
        f"# {handout.title} {{ .pk-handout-title }}",
        "",
        # A Markdown link, so MkDocs turns the lesson's file into its page address (raw HTML would keep ".md").
        f"Workshop handout · [read the lesson](<{lesson_link}>)",
        "{ .pk-handout-kicker }",
        "",
        '<div class="pk-sheet-fields"><span>Name: ____________________</span><span>Date: ______________</span></div>',
        "",
        "## Key points { #key-points }",
        "",
        *[f"- {point}" for point in handout.key_points],
        "",
        "## Discuss { #discuss }",
        "",
        *[f"{n}. {question}" for n, question in enumerate(handout.discussion, start=1)],
        "",
        f"## Group activity: {handout.activity_title} ({handout.activity_minutes} minutes) {{ #activity }}",
        "",
        *[f"{n}. {step}" for n, step in enumerate(handout.activity_steps, start=1)],
        "",
    ]
    if handout.quiz_id:
        lines += ["## Worksheet { #worksheet }", "", f"<!-- worksheet: {handout.quiz_id} -->", ""]
    return "\n".join(lines)


def handout_placeholder(lesson_uri: str) -> str:
    """The page standing in for a handout whose lesson cannot make one yet (the problem is reported)."""
    return "\n".join([
        "---",
        "search:",
        "  exclude: true",
        f"template: {TRAINERS_TEMPLATE}",
        "---",
        "",
        "# Handout not available",
        "",
        f"This handout is made from docs/{lesson_uri}, which has a problem the build reported. "
        "Fix it and the handout appears here.",
        "",
    ])


#: Where the facilitator guide wants its list of printables, made from the nav.
PRINTABLES_MARKER = "<!-- printables -->"


#: Where the answer key goes (mkdocs.yml `extra: answer_key:`): published with the site, or printed only.
ANSWER_KEY_SETTINGS = ("site", "handouts")
#: Set by `make handouts` for its own build when the answer key is printed only.
PRINT_ANSWER_KEY_ENV = "PK_PRINT_ANSWER_KEY"


def answer_key_setting(extra: Mapping[str, Any] | None) -> tuple[str, list[str]]:
    """Where the answer key goes ('site' unless mkdocs.yml says otherwise), and any problem with the setting."""
    value = (extra or {}).get("answer_key", "site")
    if value not in ANSWER_KEY_SETTINGS:
        return "site", [f"mkdocs.yml: 'extra: answer_key:' is {value!r} — write 'site' (published with the trainers' pages) "
                        "or 'handouts' (left out of the site, printed only by `make handouts`)"]
    return value, []


def printables_markdown(lessons: Sequence[tuple[str, str]], answer_key_published: bool = True) -> str:
    """The facilitator guide's list of printables: (lesson file, title) in course order, plus the rest.

    Links are written from docs/trainers/index.md, so the build checks every one of them.
    """
    lines = ["- [Answer key](answer-key.md) (for the trainer only)" if answer_key_published else
             "- Answer key (for the trainer only): not published with this site; `make handouts` prints it to dist/handouts/answer-key.pdf"]
    lines += [f"- [{title} handout]({handout_uri(src).removeprefix('trainers/')})" for src, title in lessons]
    lines.append("- [The loyalty checklist](../checklist.md)")
    return "\n".join(lines)


def answer_key_markdown() -> str:
    """The generated Markdown page for the trainers' answer key."""
    return "\n".join([
        "---",
        "title: Answer key",
        "search:",
        "  exclude: true",
        f"template: {TRAINERS_TEMPLATE}",
        "---",
        "",
        "# Answer key { .pk-handout-title }",
        "",
        "For trainers: every quiz in the course, with the letters of the right options as the handouts' "
        "worksheets print them, the right options marked ✓ and the explanation to talk through. The "
        "worksheet order is fixed, so every printed copy marks the same way; learners on the site see "
        "the options in their own shuffled order. Go through the tempting wrong options too: the "
        "explanation says why they are wrong.",
        "",
        ANSWER_KEY_MARKER,
        "",
    ])


def _box(ticked: bool = False) -> str:
    return f'<span class="pk-box{" pk-box--ticked" if ticked else ""}" aria-hidden="true">{"✓" if ticked else ""}</span>'


def _letter(letter: str) -> str:
    return f'<span class="pk-sheet__letter">{letter}</span>'


def render_worksheet(quiz: Quiz) -> str:
    """A quiz on paper: lettered options with empty tick boxes; no answers, feedback or explanations."""
    orders = fixed_orders(quiz)
    questions = []
    for question in quiz.questions:
        hint = "Tick one." if question.type == "single" else "Tick all that apply."
        options = "".join(
            f'<li data-letter="{LETTERS[place]}">{_letter(LETTERS[place])}{_box()}{markdown_to_html(question.options[index].text, inline=True)}</li>'
            for place, index in enumerate(orders[question.id])
        )
        questions.append(
            f'<li class="pk-sheet__question"><p class="pk-sheet__prompt">{markdown_to_html(question.prompt, inline=True)} '
            f'<span class="pk-sheet__hint">{hint}</span></p><ul class="pk-sheet__options">{options}</ul></li>'
        )
    return f'<ol class="pk-sheet" data-worksheet="{escape(quiz.id)}">{"".join(questions)}</ol>'


def render_answer_key(quizzes: Sequence[Quiz]) -> str:
    """Every quiz with its right options' worksheet letters, each option marked in words and a tick, and each explanation."""
    sections = []
    for quiz in quizzes:
        orders = fixed_orders(quiz)
        questions = []
        for question in quiz.questions:
            order = orders[question.id]
            letters = ", ".join(sorted(letter_of(order, index) for index in question.correct_indexes))
            options = "".join(
                f'<li class="{"pk-key__right" if question.options[index].correct else "pk-key__wrong"}" data-letter="{LETTERS[place]}">'
                f"{_letter(LETTERS[place])}{_box(question.options[index].correct)}"
                f'{markdown_to_html(question.options[index].text, inline=True)}{" <strong>(right)</strong>" if question.options[index].correct else ""}</li>'
                for place, index in enumerate(order)
            )
            label = "Answer" if len(question.correct_indexes) == 1 else "Answers"
            questions.append(
                f'<li class="pk-sheet__question" data-question="{escape(question.id)}">'
                f'<p class="pk-sheet__prompt">{markdown_to_html(question.prompt, inline=True)}</p>'
                f'<p class="pk-key__letters" data-answer="{escape(letters)}"><strong>{label}: {escape(letters)}</strong></p>'
                f'<ul class="pk-sheet__options">{options}</ul>'
                f'<div class="pk-key__why"><strong>Why:</strong> {markdown_to_html(question.explanation)}</div></li>'
            )
        sections.append(
            f'<section class="pk-key" data-answer-key="{escape(quiz.id)}">'
            f'<h2 id="key-{escape(quiz.id)}">{escape(quiz.title)}</h2>'
            f'<p class="pk-key__meta">Pass mark {quiz.pass_mark}% · {len(quiz.questions)} questions · '
            f"letters as printed on the lesson's worksheet</p>"
            f'<ol class="pk-sheet">{"".join(questions)}</ol></section>'
        )
    return "".join(sections)

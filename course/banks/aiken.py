"""Aiken, Moodle's simplest format: single-answer questions as plain text, options lettered A., B., ….

Aiken holds one line of question, one line per option and an `ANSWER:` line: no markup, no
feedback, no explanation, no categories and one right option. So multiple-answer questions are
left out, each named in a warning, and Markdown becomes its plain words (a link keeps its address
in brackets). Moodle escapes Aiken text as it imports it, so the words are shown, never run.
"""

from __future__ import annotations

import re

from course.banks.model import Bank, Rendered
from course.banks.text import markdown_to_text, paper_order
from course.model import Question

__all__ = ["OPTION_LINE", "render"]

#: A line Moodle's Aiken reader takes for an option ("A. text" or "A) text").
OPTION_LINE = re.compile(r"^[A-Z][.)][ \t]")


def _refusal(question: Question, prompt: str) -> str | None:
    """Why a question cannot be written in Aiken, or None when it can."""
    if question.type != "single":
        return "it is a multiple-answer question, and Aiken holds single-answer questions only (the GIFT, Moodle XML and QTI files have it)"
    if OPTION_LINE.match(prompt) or prompt.startswith("ANSWER:") or len(prompt) < 2:
        return "its prompt starts like an Aiken option or answer line; reword the start of the prompt to have it"
    if len(question.options) > 26:
        return "Aiken letters options A to Z, and it has more than 26"
    return None


def render(bank: Bank) -> Rendered:
    """Every single-answer question as Aiken, in course order; a warning for each question left out."""
    blocks: list[str] = []
    warnings: list[str] = []
    for quiz in bank.quizzes:
        orders = paper_order(quiz)
        for question in quiz.questions:
            prompt = markdown_to_text(question.prompt)
            why = _refusal(question, prompt)
            if why:
                warnings.append(f"{quiz.source}: question '{question.id}': left out of the Aiken file — {why}")
                continue
            lines = [prompt]
            lines += [f"{letter}. {markdown_to_text(question.options[index].text)}" for letter, index in orders[question.id]]
            lines.append(f"ANSWER: {next(letter for letter, index in orders[question.id] if question.options[index].correct)}")
            blocks.append("\n".join(lines))
    return Rendered(("\n\n".join(blocks) + "\n").encode("utf-8") if blocks else b"", tuple(warnings))

"""GIFT, Moodle's plain-text question format: one `$CATEGORY:` per lesson, HTML text, GIFT escapes.

Every text is HTML from the course's renderer, marked `[html]`, with GIFT's control characters
escaped and newlines written as `\\n`, so no text can end a question early (a blank line), start a
comment (`//` at the start of a line) or be read as an answer, weight or feedback.
"""

from __future__ import annotations

from course.banks.model import Bank, Rendered
from course.banks.text import block_html, category_path, inline_html, moodle_percents, paper_order

__all__ = ["escape", "render"]

_CONTROL = "~=#{}:"


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped: backslash first, then ~ = # { } : and newlines."""
    text = text.replace("\\", "\\\\")
    for char in _CONTROL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _html(html: str) -> str:
    """HTML as a GIFT text: marked [html], escaped for GIFT."""
    return "[html]" + escape(html)


def render(bank: Bank) -> Rendered:
    """The whole bank as one GIFT file, a category per lesson, options in worksheet order."""
    blocks = [f"// {' '.join(bank.title.split())}: the course's quiz questions, exported from its quiz files. One category per lesson."]
    for quiz in bank.quizzes:
        orders = paper_order(quiz)
        blocks.append(f"$CATEGORY: {category_path(bank, quiz)}")
        for question in quiz.questions:
            percents = moodle_percents(quiz, question)
            lines = [f"::{escape(question.id)}::{_html(block_html(question.prompt))}{{"]
            for _, index in orders[question.id]:
                option = question.options[index]
                if question.type == "single":
                    mark = "=" if option.correct else "~"
                else:
                    # Moodle makes a question multiple-answer when no option is marked '='.
                    mark = f"~%{percents[index]}%"
                feedback = f"#{_html(block_html(option.feedback))}" if option.feedback else ""
                lines.append(f"{mark}{_html(inline_html(option.text))}{feedback}")
            lines.append(f"####{_html(block_html(question.explanation))}")
            lines.append("}")
            blocks.append("\n".join(lines))
    return Rendered(("\n\n".join(blocks) + "\n").encode("utf-8"))


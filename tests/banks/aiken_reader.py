"""A strict reader of Aiken, written to Moodle's published description of the format.

A question is one line of text, then its options, one per line, lettered from A in order with
"A." or "A)" and a space, then one line "ANSWER: X" naming one of its letters. Questions are
separated by one blank line. Anything else is an error naming its line, so an export that
Moodle's looser reader would misread (a wrapped line, a prompt that looks like an option)
fails here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AikenError", "AikenQuestion", "read_aiken"]

_OPTION = re.compile(r"^(?P<letter>[A-Z])(?P<mark>[.)]) (?P<text>\S.*)$")
_ANSWER = re.compile(r"^ANSWER: (?P<letter>[A-Z])$")


class AikenError(ValueError):
    """A file that is not strict Aiken, with the line where it stops being so."""


@dataclass(frozen=True)
class AikenQuestion:
    """One Aiken question: its text, its options by letter, the right letter."""

    prompt: str
    options: tuple[tuple[str, str], ...]
    answer: str


def _question(lines: list[tuple[int, str]]) -> AikenQuestion:
    (first, prompt), *rest = lines
    if not prompt.strip() or prompt != prompt.strip() or _OPTION.match(prompt) or prompt.startswith("ANSWER:"):
        raise AikenError(f"line {first}: a question must start with one line of text, not {prompt!r}")
    if len(rest) < 3:
        raise AikenError(f"line {first}: a question needs at least two options and an ANSWER: line")
    *option_lines, (last, answer_line) = rest
    options = []
    marks = set()
    for number, line in option_lines:
        match = _OPTION.match(line)
        expected = chr(ord("A") + len(options))
        if not match or match.group("letter") != expected or line != line.rstrip():
            raise AikenError(f"line {number}: expected option {expected}. on one line, found {line!r}")
        marks.add(match.group("mark"))
        options.append((match.group("letter"), match.group("text")))
    if len(marks) > 1:
        raise AikenError(f"line {first}: the options of one question mix 'A.' and 'A)'")
    answer = _ANSWER.match(answer_line)
    if not answer:
        raise AikenError(f"line {last}: expected 'ANSWER: X', found {answer_line!r}")
    if answer.group("letter") not in {letter for letter, _ in options}:
        raise AikenError(f"line {last}: the answer {answer.group('letter')} is not one of the options")
    return AikenQuestion(prompt, tuple(options), answer.group("letter"))


def read_aiken(text: str) -> list[AikenQuestion]:
    """Every question of an Aiken file; AikenError at the first thing that is not strict Aiken."""
    if text and not text.endswith("\n"):
        raise AikenError("the file must end with a line break")
    questions, block = [], []
    lines = text.split("\n")[:-1] if text else []
    for number, line in enumerate(lines, start=1):
        if line == "":
            if not block:
                raise AikenError(f"line {number}: one blank line between questions, and none at the start")
            questions.append(_question(block))
            block = []
        else:
            block.append((number, line))
    if block:
        questions.append(_question(block))
    elif lines:
        raise AikenError(f"line {len(lines)}: the file must not end with a blank line")
    return questions

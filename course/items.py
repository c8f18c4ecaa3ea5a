"""Item-writing checks: the cues that let a test-wise learner pass a quiz without reading.

These follow the classic multiple-choice guidelines (Haladyna, Downing and Rodriguez, 2002):
options alike in length, no "all/none of the above", no specific determiners that mark the
wrong options, the right answer spread over positions, and feedback on every option. Each is a
warning (``--strict`` makes it fatal) that a question can waive with ``allow: [rule]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from course.model import Question, Quiz

__all__ = ["ITEM_RULES", "QUIZ_RULES", "LENGTH_RATIO", "ItemFinding", "item_findings", "plain_length"]

#: A right option counts as "clearly the longest" when it is more than this many times as long as
#: every wrong one. Readers see a difference of a quarter at a glance; below that, lengths vary
#: naturally with the wording and carry no cue (the guide explains the choice).
LENGTH_RATIO = 1.25

#: Per-question rules, with what each catches (the quiz guide lists them too).
ITEM_RULES: dict[str, str] = {
    "longest-right": "the right option is clearly the longest (more than 1.25 × every wrong option)",
    "above-option": "'all of the above', 'none of the above' or 'both/neither of these' in a shuffled question",
    "absolute-words": "most wrong options say always/never/only/… and the right one does not",
    "feedback-missing": "an option without feedback",
    "hint-in-prompt": "the prompt says 'Select all that apply' or 'Choose one', which the page already says",
}
#: Quiz-wide rules, waived with a top-level ``allow:``.
QUIZ_RULES: dict[str, str] = {
    "same-position": "every single-answer question has its right option in the same place in the file",
}

_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")
_ABOVE = re.compile(
    r"\b(?:all|none|any)\s+of\s+the\s+(?:above|options|answers)\b|\b(?:both|neither|all|none)\s+of\s+(?:these|them|those)\b",
    re.IGNORECASE,
)
# Specific determiners: words test-wise learners know mark an answer as wrong.
_ABSOLUTE = re.compile(
    r"\b(?:always|never|only|every|everyone|everything|nobody|nothing|none|"
    r"proves?|guaranteed?|guarantees|impossible|completely|entirely|certainly|must|at all|no one)\b",
    re.IGNORECASE,
)
_HINT = re.compile(r"\b(?:select|tick|choose|pick)\s+(?:all|every\w*)\s+that\s+apply\b|\bchoose\s+one\b", re.IGNORECASE)


@dataclass(frozen=True)
class ItemFinding:
    """One cue found in a quiz: which rule, which question (None for quiz-wide), which option."""

    rule: str
    message: str
    question: str | None = None
    #: The 0-based option the finding is about, for the message's line number.
    option: int | None = None


def plain_length(text: str) -> int:
    """An option's length as the learner sees it: Markdown link targets and markup left out."""
    return len(" ".join(_MARKUP.sub(lambda m: m.group(1) or "", text).split()))


def _longest_right(question: Question) -> Iterator[ItemFinding]:
    right = [plain_length(o.text) for o in question.options if o.correct]
    wrong = [plain_length(o.text) for o in question.options if not o.correct]
    if not right or not wrong or min(right) <= LENGTH_RATIO * max(wrong):
        return
    ratio = min(right) / max(wrong)
    what = "the right option is" if len(right) == 1 else "every right option is"
    index = next(i for i, o in enumerate(question.options) if o.correct)
    yield ItemFinding(
        "longest-right",
        f"{what} {ratio:.1f} times as long as the longest wrong one, so length gives the answer away — "
        "shorten it or give the wrong options the same detail (lengths within a quarter of each other are fine)",
        question.id,
        index,
    )


def _above_option(question: Question) -> Iterator[ItemFinding]:
    if not question.shuffle:
        return
    for index, option in enumerate(question.options):
        match = _ABOVE.search(option.text)
        if match:
            yield ItemFinding(
                "above-option",
                f"option {index + 1} says '{match.group(0)}', which means nothing once the options are shuffled — "
                "write the answer out as its own option, or add 'shuffle: false' and keep it last",
                question.id,
                index,
            )


def _absolute_words(question: Question) -> Iterator[ItemFinding]:
    if question.type != "single":
        return
    wrong = [o for o in question.options if not o.correct]
    right = next(o for o in question.options if o.correct)
    marked = [o for o in wrong if _ABSOLUTE.search(o.text)]
    # Two thirds of the wrong options (at least two) is already a pattern learners are taught to exploit.
    if _ABSOLUTE.search(right.text) or len(marked) < 2 or 3 * len(marked) < 2 * len(wrong):
        return
    words = sorted({m.group(0).lower() for o in marked for m in _ABSOLUTE.finditer(o.text)})
    yield ItemFinding(
        "absolute-words",
        f"{len(marked)} of {len(wrong)} wrong options use an absolute word ({', '.join(words)}) and the right one none, "
        "so a test-wise learner picks the hedged one — make some wrong options plausible without absolutes",
        question.id,
        question.options.index(marked[0]),
    )


def _feedback_missing(question: Question) -> Iterator[ItemFinding]:
    missing = [i for i, o in enumerate(question.options) if not o.feedback.strip()]
    if not missing:
        return
    numbers = ", ".join(str(i + 1) for i in missing)
    yield ItemFinding(
        "feedback-missing",
        f"option{'s' if len(missing) > 1 else ''} {numbers} {'have' if len(missing) > 1 else 'has'} no feedback — "
        "add 'feedback:' saying why the option is right or wrong; learners see it after checking their answers",
        question.id,
        missing[0],
    )


def _hint_in_prompt(question: Question) -> Iterator[ItemFinding]:
    match = _HINT.search(question.prompt)
    if match:
        yield ItemFinding(
            "hint-in-prompt",
            f"the prompt says '{match.group(0)}', which the page already prints under every question — remove it from the prompt",
            question.id,
        )


_QUESTION_CHECKS: dict[str, Callable[[Question], Iterator[ItemFinding]]] = {
    "longest-right": _longest_right,
    "above-option": _above_option,
    "absolute-words": _absolute_words,
    "feedback-missing": _feedback_missing,
    "hint-in-prompt": _hint_in_prompt,
}


def _same_position(quiz: Quiz) -> Iterator[ItemFinding]:
    singles = [q for q in quiz.questions if q.type == "single"]
    positions = {q.correct_indexes[0] for q in singles}
    if len(singles) >= 3 and len(positions) == 1:
        where = positions.pop() + 1
        yield ItemFinding(
            "same-position",
            f"all {len(singles)} single-answer questions have their right option in place {where} of the file, "
            "a pattern learners spot wherever options are not shuffled (no JavaScript, exports) — move some right options elsewhere in the list",
        )


def item_findings(quiz: Quiz) -> list[ItemFinding]:
    """Every cue in a quiz that its allow lists do not waive, plus every allow that waives nothing."""
    findings: list[ItemFinding] = []
    for question in quiz.questions:
        for rule, check in _QUESTION_CHECKS.items():
            found = list(check(question))
            if rule in question.allow:
                if not found:
                    findings.append(ItemFinding(
                        "unneeded-allow",
                        f"'allow: {rule}' waives a check the question now passes — remove '{rule}' from its 'allow:' list",
                        question.id,
                    ))
                continue
            findings.extend(found)
    found = list(_same_position(quiz))
    if "same-position" in quiz.allow:
        if not found:
            findings.append(ItemFinding(
                "unneeded-allow",
                "'allow: same-position' waives a check the quiz now passes — remove it from the quiz's 'allow:' list",
            ))
    else:
        findings.extend(found)
    return findings

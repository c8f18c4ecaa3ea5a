"""Plain typed data for quizzes: what a validated quiz file means."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DEFAULT_PASS_MARK", "Option", "Question", "Quiz"]

#: The pass mark, in percent, of a quiz whose file does not set one (also the schema's default).
DEFAULT_PASS_MARK = 80


@dataclass(frozen=True)
class Option:
    """One answer a learner can choose."""

    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    """One question: single (one right option) or multiple (select all that apply)."""

    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str
    see: str = ""
    #: False pins the options in file order (a scale, "Neither of these"); otherwise they are shuffled.
    shuffle: bool = True
    #: Item-writing checks this question deliberately breaks, e.g. {'longest-right'}.
    allow: frozenset[str] = frozenset()
    #: The lesson objectives (1-based, as the lesson lists them) the question assesses.
    objectives: tuple[int, ...] = ()

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """Positions of the right options, in file order."""
        return tuple(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class Quiz:
    """One quiz file, `quizzes/<id>.yml`."""

    id: str
    title: str
    questions: tuple[Question, ...]
    pass_mark: int = DEFAULT_PASS_MARK
    #: Changes whenever the file changes, so saved answers to an older version are dropped.
    version: str = ""
    source: str = field(default="", compare=False)
    #: Quiz-wide item-writing checks it deliberately breaks, e.g. {'same-position'}.
    allow: frozenset[str] = frozenset()

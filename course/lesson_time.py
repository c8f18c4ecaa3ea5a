"""How long a lesson takes, worked out from the lesson itself rather than typed by hand.

A lesson's time is its reading (its words at 200 a minute), its "Try it" reflection (the course's
reflections ask for five minutes) and its quiz (about 40 seconds a question, reading the
scenario, choosing and checking). Each part is rounded up to whole minutes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["QUESTIONS_META", "REFLECTION_MINUTES", "SECONDS_PER_QUESTION", "WORDS_PER_MINUTE", "LessonTime", "lesson_time", "word_count"]

#: The page-metadata key under which the quiz hook leaves the number of questions a page's quiz holds.
QUESTIONS_META = "pk_quiz_questions"
#: An adult's steady reading pace for instructional text.
WORDS_PER_MINUTE = 200
#: Every lesson's "Try it" box asks the learner for about five minutes of reflection.
REFLECTION_MINUTES = 5
#: A scenario question: read it, weigh four or five options, check and read the feedback.
SECONDS_PER_QUESTION = 40


@dataclass(frozen=True)
class LessonTime:
    """A lesson's estimated minutes, part by part."""

    reading: int
    reflection: int
    quiz: int

    @property
    def total(self) -> int:
        """The whole lesson, start to quiz."""
        return self.reading + self.reflection + self.quiz

    def describe(self) -> str:
        """The parts in words, e.g. '8 min reading, 5 min reflection, 5 min quiz'."""
        parts = [(self.reading, "reading"), (self.reflection, "reflection"), (self.quiz, "quiz")]
        return ", ".join(f"{minutes} min {name}" for minutes, name in parts if minutes)


def word_count(body: str) -> int:
    """The words a learner reads: comments (quiz embeds and markers) left out."""
    return len(re.findall(r"[A-Za-z0-9']+", re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL)))


def lesson_time(body: str, questions: int) -> LessonTime:
    """The time for a lesson's body (front matter removed) and its quiz's number of questions."""
    reflection = REFLECTION_MINUTES if re.search(r"\{ ?#try-it ?\}", body) else 0
    return LessonTime(
        reading=math.ceil(word_count(body) / WORDS_PER_MINUTE),
        reflection=reflection,
        quiz=math.ceil(questions * SECONDS_PER_QUESTION / 60),
    )

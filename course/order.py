"""The fixed order options are printed in: the worksheet, the answer key and the page without JavaScript.

Learners with JavaScript see their own shuffle (course.js); everything else uses one order per
question that is stable from build to build, is not the file order (so an editor's habit of writing
the right option first never shows), and spreads a quiz's right answers evenly over A, B, C …
"""

from __future__ import annotations

import hashlib
import random

from course.model import Question, Quiz

__all__ = ["LETTERS", "fixed_orders", "letter_of"]

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _rng(*parts: str) -> random.Random:
    """A generator seeded from names, so the same quiz gives the same order on every machine."""
    return random.Random(hashlib.sha256("\0".join(parts).encode("utf-8")).digest())


class _Deck:
    """Places for the right option of single-answer questions, dealt so each place comes round in turn."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._cards: list[int] = []

    def deal(self, count: int) -> int:
        """A place from 0 to count - 1 not dealt since the last time every place came up."""
        for index, card in enumerate(self._cards):
            if card < count:
                return self._cards.pop(index)
        fresh = list(range(count))
        self._rng.shuffle(fresh)
        self._cards.extend(fresh)
        return self.deal(count)


def _order(question: Question, rng: random.Random, deck: _Deck) -> tuple[int, ...]:
    identity = list(range(len(question.options)))
    if not question.shuffle or len(identity) < 2:
        return tuple(identity)
    order = identity[:]
    rng.shuffle(order)
    if question.type == "single":
        right = question.correct_indexes[0]
        order.remove(right)
        order.insert(deck.deal(len(identity)), right)
    if order == identity:
        # The file order is exactly what this order exists to hide. Swap two wrong options, which
        # keeps the right one where the deck put it; with a single wrong option, swap the two.
        wrong = [place for place, option in enumerate(order) if not question.options[option].correct]
        first, second = wrong[:2] if len(wrong) >= 2 else (0, 1)
        order[first], order[second] = order[second], order[first]
    return tuple(order)


def fixed_orders(quiz: Quiz) -> dict[str, tuple[int, ...]]:
    """Each question's options as file indexes, in the order they are printed."""
    deck = _Deck(_rng(quiz.id, "places"))
    return {question.id: _order(question, _rng(quiz.id, question.id), deck) for question in quiz.questions}


def letter_of(order: tuple[int, ...], option: int) -> str:
    """The letter printed before an option (its file index) in a given order."""
    return LETTERS[order.index(option)]

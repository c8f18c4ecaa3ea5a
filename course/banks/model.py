"""What every export format reads and returns: the bank of quizzes, a rendered file, a refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from course.model import Quiz

__all__ = ["Bank", "BankError", "Format", "Rendered"]


@dataclass(frozen=True)
class Bank:
    """The questions to export: the course's title and its quizzes, one per lesson, in course order."""

    title: str
    quizzes: tuple[Quiz, ...]


@dataclass(frozen=True)
class Rendered:
    """One export file's bytes, and what an editor should know about what it left out."""

    data: bytes
    warnings: tuple[str, ...] = ()


class BankError(ValueError):
    """A quiz that a format cannot hold; the message names the file and question, and the fix."""


@dataclass(frozen=True)
class Format:
    """One export format: its file name, what it is for, and the function that writes it."""

    name: str
    filename: str
    label: str
    render: Callable[[Bank], Rendered]

"""The course's history from git: when each page last changed, and the learner-facing change notes.

One `git log` per build. A commit that changes course content can carry a line
`What's new: <a sentence for learners>`; those lines make the "What's new" page.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

__all__ = ["CONTENT_PATHS", "WHATS_NEW_MARKER", "Change", "read_history", "last_updated", "whats_new", "render_date", "render_whats_new"]

CONTENT_PATHS = ("docs", "quizzes", "data")
WHATS_NEW_MARKER = "<!-- whats-new -->"
_TRAILER = re.compile(r"^What(?:'|’)?s[ -]new:[ \t]*(?P<note>[^\n]+?)[ \t]*$", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class Change:
    """One commit that touched course content."""

    date: str  # YYYY-MM-DD, the commit date
    message: str
    files: tuple[str, ...]


def read_history(root: Path, paths: Sequence[str] = CONTENT_PATHS) -> list[Change] | None:
    """Content commits, newest first; None outside a git checkout (or without git)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x1e%cs%x1f%B%x1f", "--name-only", "--", *paths],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    changes = []
    for record in result.stdout.split("\x1e")[1:]:
        date, message, names = (record.split("\x1f") + ["", ""])[:3]
        changes.append(Change(date.strip(), message.strip(), tuple(n for n in names.split("\n") if n.strip())))
    return changes


def last_updated(history: Sequence[Change]) -> dict[str, str]:
    """The newest commit date of every file that appears in the history."""
    dates: dict[str, str] = {}
    for change in history:  # newest first, so the first date seen is the latest
        for name in change.files:
            dates.setdefault(name, change.date)
    return dates


def whats_new(history: Sequence[Change], not_for_learners: Collection[str] = ()) -> list[tuple[str, str]]:
    """(date, note) for every "What's new:" line of a commit that changed something learners see, newest first.

    not_for_learners are content files only trainers or editors read (e.g. docs/editing.md): a commit
    that touched nothing else is not news to learners, whatever its message says.
    """
    return [
        (change.date, match.group("note"))
        for change in history
        if any(name not in not_for_learners for name in change.files)
        for match in _TRAILER.finditer(change.message)
    ]


def render_date(iso: str) -> str:
    """A date as learners read it, in a <time> element, e.g. 22 November 2026."""
    day = dt.date.fromisoformat(iso)
    return f'<time datetime="{escape(iso)}">{day.day} {day.strftime("%B %Y")}</time>'


def render_whats_new(entries: Sequence[tuple[str, str]] | None) -> str:
    """The "What's new" list, grouped by date; a plain note when there is no history to read."""
    if entries is None:
        return '<p class="pk-whats-new__none">The change history is not available in this copy of the course.</p>'
    if not entries:
        return '<p class="pk-whats-new__none">Nothing new has been announced yet.</p>'
    groups: dict[str, list[str]] = {}
    for date, note in entries:
        groups.setdefault(date, []).append(note)
    return "".join(
        f'<h2 id="changes-{escape(date)}">{render_date(date)}</h2>'
        f'<ul class="pk-whats-new">{"".join(f"<li>{escape(note)}</li>" for note in notes)}</ul>'
        for date, notes in groups.items()
    )

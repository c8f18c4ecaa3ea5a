"""`make lesson NAME=…`: a new lesson's skeleton, its quiz and its nav entry, ready to fill in.

Every part an editor must write holds a placeholder starting with TODO; `make check` and the build
name each one left (rule `placeholder`), so a half-written lesson never reaches the site.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["PLACEHOLDER", "new_lesson", "placeholder_lines"]

#: How every placeholder starts; the checks look for it.
PLACEHOLDER = "TODO"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_FOUND = re.compile(r"\bTODO\b")


def placeholder_lines(text: str) -> list[int]:
    """Lines (1-based) that still hold a placeholder."""
    return [number for number, line in enumerate(text.splitlines(), start=1) if _FOUND.search(line)]


def _lesson(name: str, title: str) -> str:
    todo = PLACEHOLDER
    return f"""---
title: {title}
description: {todo} one sentence saying what the learner gains from this lesson.
handout:
  discussion:
    - {todo} a question for the group to discuss.
    - {todo} a second question.
  activity:
    title: {todo} the activity's name
    minutes: 15
    steps:
      - {todo} the first step.
      - {todo} the second step.
---

# {title}

!!! objectives "After this lesson you can"

    - {todo} the first thing a learner can do after the lesson
    - {todo} the second
    - {todo} the third

{todo} an opening paragraph: why this matters to someone at work.

## {todo} the first idea {{ #first-idea }}

{todo} teach the first idea in your own words.

## {todo} the second idea {{ #second-idea }}

{todo} teach the second idea.

## A day at work {{ #scenario }}

!!! example "{todo} a short title for the scenario"

    {todo} a realistic scene where someone uses (or misses) the ideas above.

## Try it {{ #try-it }}

{todo} a short reflection the learner does about their own work.

## Key takeaways {{ #key-takeaways }}

- {todo} the first key point (these also print on the handout).
- {todo} the second.
- {todo} the third.
- {todo} the fourth.

## Check your understanding {{ #check-your-understanding }}

Answer the questions below; the quiz scores itself.

<!-- quiz: {name} -->
"""


def _question(number: int, kind: str, objective: int, anchor: str, name: str) -> str:
    todo = PLACEHOLDER
    # Right options in different places already, so the skeleton shows no position pattern.
    right = [number % 4] if kind == "single" else [(number + 1) % 4, (number + 3) % 4]
    options = "".join(
        f"      - text: {todo} option {letter}\n"
        + ("        correct: true\n" if i in right else "")
        + f"        feedback: {todo} why option {letter} is {'right' if i in right else 'wrong'}.\n"
        for i, letter in enumerate("ABCD")
    )
    return (
        f"  - id: question-{number}  # rename: a short name, e.g. 'greet-by-name'\n"
        f"    type: {kind}\n"
        f"    prompt: {todo} a short workplace scenario and its question.\n"
        f"    options:\n{options}"
        f"    explanation: {todo} why the right answer is right and the tempting wrong one wrong.\n"
        f"    objectives: [{objective}]\n"
        f"    see: {name}.md#{anchor}\n"
    )


def _quiz(name: str, title: str) -> str:
    shapes = [("single", 1, "first-idea"), ("multiple", 2, "second-idea"), ("single", 3, "scenario"),
              ("single", 1, "first-idea"), ("multiple", 2, "second-idea")]
    questions = "\n".join(_question(n, kind, objective, anchor, name) for n, (kind, objective, anchor) in enumerate(shapes, start=1))
    return (
        "# yaml-language-server: $schema=../schemas/quiz.schema.json\n"
        f"title: {title}\n"
        "# Move each right option to a different place in its list; the guide explains every rule.\n"
        f"questions:\n{questions}"
    )


def _add_to_nav(config: str, name: str) -> str:
    """mkdocs.yml with the lesson added at the end of the Lessons section (comments kept)."""
    lines = config.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*- Lessons:\s*$", line)), None)
    if start is None:
        raise ValueError("mkdocs.yml has no 'Lessons:' section in its nav")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    entry_indent = len(lines[start + 1]) - len(lines[start + 1].lstrip()) if end > start + 1 else indent + 4
    lines.insert(end, f"{' ' * entry_indent}- {name}.md\n")
    return "".join(lines)


def new_lesson(root: Path, name: str, title: str | None = None) -> list[Path]:
    """Write docs/<name>.md and quizzes/<name>.yml and list the lesson in the nav; the files made."""
    if not _SLUG.match(name):
        raise ValueError(f"'{name}' is not a lesson name — use lowercase letters, digits and hyphens, e.g. first-impressions")
    lesson, quiz, config = root / "docs" / f"{name}.md", root / "quizzes" / f"{name}.yml", root / "mkdocs.yml"
    for path in (lesson, quiz):
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} already exists — choose another name, or edit that file")
    title = title or name.replace("-", " ").capitalize()
    nav = _add_to_nav(config.read_text(encoding="utf-8"), name)
    lesson.write_text(_lesson(name, title), encoding="utf-8")
    quiz.write_text(_quiz(name, title), encoding="utf-8")
    config.write_text(nav, encoding="utf-8")
    return [lesson, quiz, config]

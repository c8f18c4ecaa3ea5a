"""The shape every lesson follows, checked by `make check` and the build with the same messages.

A lesson is 900 to 1,600 words; it has an objectives box (3 to 5 points), a scenario, a "Try it"
reflection, 4 to 6 key takeaways and a "Check your understanding" section embedding its quiz;
every heading carries a stable anchor. Its front matter is checked by course.lessons.
"""

from __future__ import annotations

import re
import posixpath
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from course.handouts import key_points
from course.lesson_time import WORDS_PER_MINUTE, word_count
from course.lessons import lesson_problems, split_front_matter
from course.scaffold import placeholder_lines
from course.sources import find_embeds, lesson_objectives, outside_fences
from course.validate import Problem

__all__ = ["LESSON_RULES", "WORDS_PER_MINUTE", "check_lesson", "forward_references", "pages_missing_from_nav", "word_count"]

#: Every lesson rule by code, for the authoring guide.
LESSON_RULES: dict[str, str] = {
    "lesson-length": "a lesson shorter than 900 or longer than 1,600 words",
    "reading-time": "a hand-typed 'reading_time' (the build works out each lesson's time)",
    "objectives": "no objectives box, or fewer than 3 or more than 5 objectives",
    "lesson-section": "a lesson without its scenario, Try it, Key takeaways or Check your understanding section",
    "takeaways": "fewer than 4 or more than 6 key takeaways",
    "heading-anchor": "a heading without a stable { #anchor }",
    "lesson-quiz": "a lesson that embeds no quiz, several, or one outside 'Check your understanding'",
    "front-matter": "front matter that cannot be read, or an unknown or missing key",
    "not-in-nav": "a page in docs/ that the navigation does not list",
    "placeholder": "a 'TODO' placeholder from `make lesson` still in the lesson",
    "forward-reference": "a link to a later lesson whose sentence does not say 'later in the course'",
}

MIN_WORDS, MAX_WORDS = 900, 1600
_SECTIONS = {
    "scenario": "## A day at work { #scenario } (with an !!! example box)",
    "try-it": "## Try it { #try-it }",
    "key-takeaways": "## Key takeaways { #key-takeaways }",
    "check-your-understanding": "## Check your understanding { #check-your-understanding }",
}
_HEADING = re.compile(r"^(#{2,3})[ \t]+(.*?)[ \t]*$")
_ANCHOR = re.compile(r"\{ ?#[a-z0-9-]+ ?\}$")


def _line_of(text: str, needle: str) -> int | None:
    """The first line (1-based) that starts with needle, or that holds it when it is an anchor."""
    pattern = re.escape(needle) if needle.startswith("#") else "^" + re.escape(needle)
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def check_lesson(src: str, text: str) -> list[Problem]:
    """Every problem with one lesson's source; src is its path as messages show it, e.g. 'docs/bank.md'."""
    meta, body, unreadable = split_front_matter(text)
    if unreadable:
        return [Problem(src, unreadable[0], "front-matter", unreadable[1])]
    offset = text[: len(text) - len(body)].count("\n")  # lines of front matter before the body
    problems = [Problem(src, None, "front-matter", message.split(": ", 1)[1]) for message in lesson_problems(src, meta)]
    problems += [
        Problem(src, line, "placeholder", "this line still holds a 'TODO' placeholder — write the text and remove 'TODO'")
        for line in placeholder_lines(text)
    ]
    problems += _length(src, meta, body)
    problems += _structure(src, body, offset)
    return problems


def _length(src: str, meta: Mapping[str, Any], body: str) -> list[Problem]:
    words = word_count(body)
    problems = []
    if not MIN_WORDS <= words <= MAX_WORDS:
        action = "add to it" if words < MIN_WORDS else "cut it, or split it into two lessons"
        problems.append(Problem(src, None, "lesson-length", f"the lesson has {words:,} words — a lesson is {MIN_WORDS} to {MAX_WORDS:,} words; {action}"))
    if "reading_time" in meta:
        problems.append(Problem(src, None, "reading-time",
                                "'reading_time' is no longer typed by hand — delete the line: the build works out the lesson's time from its "
                                f"{words:,} words ({WORDS_PER_MINUTE} a minute), its Try it reflection and its quiz"))
    return problems


def _structure(src: str, body: str, offset: int) -> list[Problem]:
    problems = []
    count = len(lesson_objectives(body))
    box = _line_of(body, "!!! objectives")
    if box is None:
        problems.append(Problem(src, None, "objectives",
                                "no objectives box — add '!!! objectives \"After this lesson you can\"' with 3 to 5 points under the title"))
    elif not 3 <= count <= 5:
        problems.append(Problem(src, box + offset, "objectives", f"the objectives box has {count} points — give it 3 to 5"))
    for number, line in outside_fences(body):
        heading = _HEADING.match(line)
        if heading and not _ANCHOR.search(heading.group(2)):
            slug = re.sub(r"[^a-z0-9]+", "-", heading.group(2).lower()).strip("-")[:30].strip("-")
            problems.append(Problem(src, number + offset, "heading-anchor",
                                    f"the heading '{line.strip()}' has no stable anchor — end it with '{{ #{slug} }}' so links to it survive rewording"))
    for anchor, example in _SECTIONS.items():
        if f"#{anchor} " not in body and f"#{anchor}}}" not in body:
            problems.append(Problem(src, None, "lesson-section", f"no section with the anchor '#{anchor}' — add '{example}'"))
    if _line_of(body, "!!! example") is None:
        problems.append(Problem(src, None, "lesson-section", "no scenario box — put the scenario in an '!!! example' box"))
    points = len(key_points(body))
    takeaways = _line_of(body, "#key-takeaways")
    if takeaways is not None and not 4 <= points <= 6:
        problems.append(Problem(src, takeaways + offset, "takeaways",
                                f"'Key takeaways' has {points} points — give it 4 to 6 ('- ' lines); they are also the handout's key points"))
    embeds = find_embeds(body)
    check = _line_of(body, "#check-your-understanding")
    if not embeds:
        problems.append(Problem(src, None, "lesson-quiz", "the lesson embeds no quiz — add '<!-- quiz: <quiz-id> -->' under 'Check your understanding'"))
    elif len(embeds) > 1:
        problems.append(Problem(src, embeds[1][1] + offset, "lesson-quiz", "the lesson embeds a second quiz — a lesson has one quiz"))
    elif check is not None and embeds[0][1] < check:
        problems.append(Problem(src, embeds[0][1] + offset, "lesson-quiz",
                                "the quiz is embedded before 'Check your understanding' — move the line into that section"))
    return problems


def pages_missing_from_nav(pages: Collection[str], listed: Collection[str], docs_prefix: str = "docs/") -> list[Problem]:
    """Pages in docs/ that the nav does not list: learners could never reach them."""
    return [
        Problem(f"{docs_prefix}{page}", None, "not-in-nav",
                "this page is not in the navigation — add it to 'nav:' in mkdocs.yml (a lesson goes under 'Lessons:')")
        for page in sorted(set(pages) - set(listed))
    ]


_LINK = re.compile(r"\[(?P<label>[^\]]*)\]\(\s*<?(?P<target>[^)\s>#]+\.md)(?:#[^)\s>]*)?>?\s*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+")
#: What a sentence says when it knowingly points ahead.
LATER = "later in the course"


def forward_references(lessons: Sequence[tuple[str, str]], docs_prefix: str = "docs/") -> list[Problem]:
    """Links from a lesson to one the learner has not reached yet, unless the sentence says so.

    lessons are (docs-relative file, text) in course order. Each lesson builds on the ones before
    it, so a later lesson is only named as something still to come.
    """
    position = {src: n for n, (src, _) in enumerate(lessons, start=1)}
    problems = []
    for src, text in lessons:
        here = position[src]
        for number, line in outside_fences(text):
            for match in _LINK.finditer(line):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(src), match.group("target")))
                later = position.get(target, 0)
                if later <= here:
                    continue
                # The sentence holding the link: from the last sentence end before it to the next after it.
                start = max((m.end() for m in _SENTENCE_END.finditer(line, 0, match.start())), default=0)
                end = next((m.start() for m in _SENTENCE_END.finditer(line, match.end())), len(line))
                if LATER not in line[start:end].lower():
                    problems.append(Problem(f"{docs_prefix}{src}", number, "forward-reference",
                                            f"the link '{match.group('label')}' points ahead to lesson {later} ({target}) from lesson {here} — "
                                            f"learners have not read it yet: say '{LATER}' in the sentence, or point back to what they know"))
    return problems

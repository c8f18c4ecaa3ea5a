"""The course's one completion rule, and the markup that shows progress against it.

The rule is set once, in mkdocs.yml (`extra: completion: require: [...]`). The home page's
progress and its "Continue" link, the completion message and the certificate all read it from
the same data attributes, filled from that one setting; course.js applies it to what this
browser saved (quiz results, lessons opened).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

__all__ = [
    "CERTIFICATE_MARKER",
    "CERTIFICATE_URI",
    "REQUIREMENTS",
    "CompletionRule",
    "CourseLesson",
    "read_rule",
    "render_certificate",
    "render_progress",
]

#: What a lesson can require.
REQUIREMENTS = ("quizzes", "visits")
CERTIFICATE_URI = "certificate.md"
CERTIFICATE_MARKER = "<!-- certificate -->"


@dataclass(frozen=True)
class CompletionRule:
    """What every lesson needs for the course to count as complete."""

    require: tuple[str, ...] = ("quizzes",)

    def describe(self) -> str:
        """The rule in words, for the page: "every lesson's quiz passed"."""
        if set(self.require) == {"quizzes", "visits"}:
            return "every lesson opened and its quiz passed"
        return "every lesson's quiz passed" if self.require == ("quizzes",) else "every lesson opened"


@dataclass(frozen=True)
class CourseLesson:
    """One lesson as progress shows it; url is relative to the page showing it."""

    id: str
    title: str
    url: str
    quiz: str = ""


def read_rule(extra: Mapping[str, Any] | None) -> tuple[CompletionRule, list[str]]:
    """The rule from mkdocs.yml's `extra:` (default: every quiz passed), and what is wrong with it."""
    setting = (extra or {}).get("completion")
    if setting is None:
        return CompletionRule(), []
    where = "mkdocs.yml: extra: completion:"
    if not isinstance(setting, dict) or set(setting) - {"require"}:
        return CompletionRule(), [f"{where} must hold one key, 'require:', e.g. 'require: [quizzes]'"]
    require = setting.get("require")
    if isinstance(require, str):
        require = [require]
    if not isinstance(require, list) or not require or any(r not in REQUIREMENTS for r in require):
        options = " or ".join(REQUIREMENTS)
        return CompletionRule(), [f"{where} 'require: {require}' is not a list of {options} — e.g. 'require: [quizzes]' or 'require: [quizzes, visits]'"]
    return CompletionRule(tuple(dict.fromkeys(require))), []


def _data(rule: CompletionRule, lessons: Sequence[CourseLesson]) -> str:
    """The rule and the lessons as data attributes (JSON, escaped), never inline script."""
    payload = json.dumps([{"id": l.id, "title": l.title, "url": l.url, "quiz": l.quiz} for l in lessons])
    return f'data-rule="{escape(json.dumps(list(rule.require)))}" data-lessons="{escape(payload)}"'


def render_progress(rule: CompletionRule, lessons: Sequence[CourseLesson], certificate_url: str) -> str:
    """The home page's course progress: filled in by course.js; without it, a plain Start link."""
    first = lessons[0] if lessons else None
    start = f'<a class="md-button md-button--primary" data-course-next href="{escape(first.url)}">Start the course</a>' if first else ""
    return (
        f'<section class="pk-progress" data-course-progress {_data(rule, lessons)} aria-labelledby="pk-progress-title">'
        '<h2 class="pk-progress__title" id="pk-progress-title">Your progress</h2>'
        f'<p class="pk-progress__rule">The course is complete with {escape(rule.describe())}.</p>'
        f'<p class="pk-progress__count" data-course-count>{len(lessons)} lessons to complete.</p>'
        f'<progress class="pk-progress__bar" max="{len(lessons)}" value="0" aria-labelledby="pk-progress-title" hidden></progress>'
        f'<p class="pk-progress__next">{start}</p>'
        f'<p class="pk-progress__done" data-course-done hidden><strong>You have completed the course.</strong> '
        f'<a href="{escape(certificate_url)}">Get your certificate of completion</a></p>'
        "</section>"
    )


def render_certificate(rule: CompletionRule, lessons: Sequence[CourseLesson], course: str) -> str:
    """The certificate: locked (with what is missing) until the rule is met; filled in by course.js."""
    return (
        f'<div class="pk-certificate" data-certificate {_data(rule, lessons)}>'
        '<div class="pk-certificate__locked" data-certificate-locked>'
        f"<p>The certificate unlocks with {escape(rule.describe())}. Still to do:</p>"
        '<ul data-certificate-missing></ul></div>'
        '<div class="pk-certificate__unlocked" data-certificate-unlocked hidden>'
        '<p class="pk-certificate__name-field"><label for="pk-learner-name">Your name, as it should appear</label> '
        '<input type="text" id="pk-learner-name" autocomplete="name" maxlength="80" data-learner-name></p>'
        '<p><button type="button" class="md-button md-button--primary" data-certificate-print>Print the certificate</button></p>'
        '<article class="pk-certificate__card" aria-labelledby="pk-certificate-heading">'
        f'<p class="pk-certificate__course">{escape(course)}</p>'
        '<h2 class="pk-certificate__heading" id="pk-certificate-heading">Certificate of completion</h2>'
        '<p class="pk-certificate__certifies">This certifies that</p>'
        '<p class="pk-certificate__learner" data-certificate-learner>Your name</p>'
        f'<p class="pk-certificate__what">completed the course ({escape(rule.describe())}) on '
        '<time data-certificate-date></time>.</p>'
        '<table class="pk-certificate__lessons"><caption>Lessons and best quiz scores</caption>'
        '<thead><tr><th scope="col">Lesson</th><th scope="col">Best score</th></tr></thead>'
        "<tbody data-certificate-rows></tbody></table>"
        '<p class="pk-certificate__honest">Self-reported: made in this browser from the learner\'s own quiz results. '
        "It is not a record kept by an employer or a learning management system.</p>"
        "</article></div></div>"
    )

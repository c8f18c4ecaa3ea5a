"""The course glossary: one file of terms, the Glossary page, and each term's definition at its first use in a lesson.

`data/glossary.yml` holds every term once, with the other forms lessons write it in (plurals, a
capital at the start of a sentence) and a one-sentence definition. The first use of a term in a
lesson becomes `<abbr title="definition" tabindex="0">`: Material's `content.tooltips` shows
the definition on hover, and on focus, which keyboard users reach with Tab and touch users with
a tap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape, unescape
from pathlib import PurePosixPath

from course.sources import YamlProblem, encoding_problem_line, load_yaml
from course.validate import Problem

__all__ = [
    "GLOSSARY_MARKER",
    "GLOSSARY_PATH",
    "Glossary",
    "Term",
    "check_glossary",
    "lesson_uses",
    "mark_first_uses",
    "render_glossary",
    "term_anchor",
    "unused_terms",
]

GLOSSARY_PATH = PurePosixPath("data/glossary.yml")
#: Where the Glossary page wants its list of terms.
GLOSSARY_MARKER = "<!-- glossary -->"
_KEYS = {"term", "also", "definition"}
# Parts of a page where a term is not marked: headings, links, code, existing abbreviations,
# the quiz (its text is the learner's test, not teaching) and form controls.
_SKIP = ("h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "script", "style", "button", "label", "summary", "textarea")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    definition: str
    forms: tuple[str, ...]  # the term itself first, then its other forms
    line: int | None = None


@dataclass(frozen=True)
class Glossary:
    """Every term, in the file's order."""

    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def term_anchor(term: str) -> str:
    """A term's anchor on the Glossary page, e.g. 'internal customer' → 'term-internal-customer'."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def check_glossary(file: str, text: str) -> tuple[Glossary, list[Problem]]:
    """The glossary file's terms, and every problem with it (each with its line and fix)."""
    bad_byte = encoding_problem_line(text)
    if bad_byte:
        return Glossary(()), [Problem(file, bad_byte, "encoding", "this line has characters that are not UTF-8 — save the file as UTF-8")]
    try:
        located = load_yaml(text)
    except YamlProblem as error:
        return Glossary(()), [Problem(file, error.line, "yaml-syntax", f"{error.message} — check the indentation and quote text containing ': '")]
    data = located.data
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return Glossary(()), [Problem(file, 1, "glossary", "the file must start with 'terms:' and list one '- term:' entry per term")]
    problems: list[Problem] = []
    terms: list[Term] = []
    seen: dict[str, tuple[str, int | None]] = {}  # every form, case-sensitively, and the entry it belongs to
    for n, entry in enumerate(data["terms"]):
        line = located.line(("terms", n))
        if not isinstance(entry, dict):
            problems.append(Problem(file, line, "glossary", "each entry is 'term:', 'definition:' and, if needed, 'also:' — start it with '- term:'"))
            continue
        name = entry.get("term")
        about = f"term '{name}'" if isinstance(name, str) and name.strip() else f"entry {n + 1}"
        for key in sorted(set(entry) - _KEYS):
            problems.append(Problem(file, located.line(("terms", n, key)), "glossary", f"unknown key '{key}' — an entry has 'term:', 'also:' and 'definition:'", about=about))
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(file, line, "glossary", "the entry has no 'term:' — write the term as lessons spell it", about=about))
            continue
        definition = entry.get("definition")
        if not isinstance(definition, str) or not definition.strip():
            problems.append(Problem(file, line, "glossary", "the term has no 'definition:' — write one plain sentence", about=about))
            continue
        also = entry.get("also", [])
        if isinstance(also, str):
            also = [also]
        if not isinstance(also, list) or not all(isinstance(form, str) and form.strip() for form in also):
            problems.append(Problem(file, located.line(("terms", n, "also")), "glossary", "'also:' lists other forms of the term in brackets, e.g. [deposits, Deposits]", about=about))
            also = []
        forms = tuple(dict.fromkeys([name.strip(), *(form.strip() for form in also)]))
        clash = False
        for form in forms:
            if form in seen:
                other, other_line = seen[form]
                where = f"on line {other_line}" if other_line else "above"
                problems.append(Problem(file, line, "glossary-duplicate",
                                        f"'{form}' is already defined {where} (under '{other}') — one definition per term: merge the two entries", about=about))
                clash = True
            seen.setdefault(form, (name.strip(), line))
        if not clash:
            terms.append(Term(name.strip(), " ".join(definition.split()), forms, line))
    return Glossary(tuple(terms)), problems


def _uses(text: str, form: str) -> bool:
    """Whether text uses the form as a word of its own (case matters)."""
    # The plain substring test first: most forms are absent from most lessons, and it is far cheaper.
    return form in text and re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text) is not None


def lesson_uses(glossary: Glossary, text: str) -> list[str]:
    """The terms a lesson's text uses (any of their forms)."""
    return [term.term for term in glossary.terms if any(_uses(text, form) for form in term.forms)]


def unused_terms(file: str, glossary: Glossary, lessons: Iterable[str]) -> list[Problem]:
    """Definitions no lesson uses: a glossary for words the course never says is noise (and often a typo in a form)."""
    texts = list(lessons)
    return [
        Problem(file, term.line, "glossary-unused",
                f"no lesson uses '{term.term}'{' or ' + ', '.join(repr(f) for f in term.forms[1:]) if term.forms[1:] else ''} — "
                "add the form the lessons use to 'also:', or remove the entry", about=f"term '{term.term}'")
        for term in glossary.terms
        if not any(_uses(text, form) for text in texts for form in term.forms)
    ]


def mark_first_uses(html: str, glossary: Glossary) -> str:
    """Wrap the first use of each term in a lesson's HTML in an <abbr> carrying its definition.

    Only running text counts: headings, links, code and the quiz are left alone, and a term is
    marked once per page (its first use), so the page is not a forest of tab stops.
    """
    if not glossary:
        return html
    by_form = {form: term for term in glossary.terms for form in term.forms}
    # Longest forms first, so "internal customers" wins over "customer".
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True)) + r")(?![\w-])")
    marked: set[str] = set()
    out: list[str] = []
    skip: list[str] = []
    position = 0
    for tag in _TAG.finditer(html):
        out.append(_mark_text(html[position : tag.start()], pattern, by_form, marked) if not skip else html[position : tag.start()])
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if not closing and not self_closing and (name in _SKIP or 'class="pk-quiz' in tag.group(0) or "data-quiz=" in tag.group(0)):
            skip.append(name)
        elif closing and skip and name == skip[-1]:
            skip.pop()
        elif not closing and skip and name == skip[-1] and not self_closing:
            skip.append(name)  # the same tag nested inside a skipped one
        out.append(tag.group(0))
        position = tag.end()
    out.append(_mark_text(html[position:], pattern, by_form, marked) if not skip else html[position:])
    return "".join(out)


def _mark_text(text: str, pattern: re.Pattern[str], by_form: Mapping[str, Term], marked: set[str]) -> str:
    def mark(match: re.Match[str]) -> str:
        term = by_form[unescape(match.group(1))]
        if term.term in marked:
            return match.group(0)
        marked.add(term.term)
        return f'<abbr class="pk-term" title="{escape(term.definition)}" tabindex="0">{match.group(0)}</abbr>'

    return pattern.sub(mark, text) if text.strip() else text


def render_glossary(glossary: Glossary, uses: Mapping[str, Sequence[tuple[str, str]]]) -> str:
    """The Glossary page's Markdown: a heading per term (so the table of contents lists them), its definition, the lessons using it.

    uses maps a term to (lesson title, link to the lesson's .md file from the Glossary page), in course order.
    """
    blocks = []
    for term in sorted(glossary.terms, key=lambda t: t.term.lower()):
        block = [f"## {escape(term.term)} {{ #{term_anchor(term.term)} }}", "", escape(term.definition)]
        lessons = uses.get(term.term, ())
        if lessons:
            links = ", ".join(f"[{escape(title)}](<{src}>)" for title, src in lessons)
            block += ["", f"Used in: {links}", "{ .pk-glossary__used }"]
        blocks.append("\n".join(block))
    return "\n\n".join(blocks) + "\n"

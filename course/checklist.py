"""The loyalty checklist: its data file, the rules it must follow and its page markup."""

from __future__ import annotations

import hashlib
import json
import string
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from course.render import markdown_to_html
from course.sources import YamlProblem, encoding_problem_line, load_yaml
from course.validate import Problem, schema_messages

__all__ = [
    "CHECKLIST_MARKER",
    "CHECKLIST_PATH",
    "READING_RULE",
    "Area",
    "Checklist",
    "Item",
    "check_checklist",
    "reading",
    "area_anchor",
    "render_checklist",
    "toc_entries",
]

CHECKLIST_PATH = Path("data") / "loyalty-checklist.yml"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "checklist.schema.json"
#: Where the checklist page wants the form; an HTML comment, so Markdown previews hide it.
CHECKLIST_MARKER = "<!-- loyalty-checklist -->"
#: How an area's average reads; the page states this rule and the script applies the same one.
READING_RULE = ((2.0, "strength", "Strength"), (1.0, "attention", "Needs attention"), (0.0, "urgent", "Urgent"))
#: How many statements of an area must fit on the page under its heading before it may break.
KEEP_WITH_HEADING = 3


@dataclass(frozen=True)
class Item:
    """One statement a team rates from 0 to 3."""

    letter: str
    text: str
    prompt: str = ""


@dataclass(frozen=True)
class Area:
    """A group of statements with its own subtotal and reading."""

    id: str
    title: str
    items: tuple[Item, ...]
    intro: str = ""

    @property
    def maximum(self) -> int:
        """The highest subtotal the area can reach."""
        return 3 * len(self.items)


@dataclass(frozen=True)
class Checklist:
    """The whole checklist, as its data file describes it."""

    title: str
    scale: tuple[str, ...]
    areas: tuple[Area, ...]
    intro: str = ""
    #: Changes whenever the statements change, so saved ratings never land on other statements.
    version: str = ""

    @property
    def item_count(self) -> int:
        """How many statements there are in all."""
        return sum(len(area.items) for area in self.areas)


def rule_sentence() -> str:
    """The reading rule in words, as the page states it."""
    (strong, _, strong_words), (attention, _, attention_words), _ = READING_RULE
    return (
        f"an average of {strong:g} to 3 is a {strong_words.lower()}; below {strong:g} it "
        f"{attention_words.lower()}; below {attention:g} it is urgent."
    )


def reading(average: float) -> tuple[str, str]:
    """(code, words) for an area's average rating: strength at 2–3, attention below 2, urgent below 1."""
    for threshold, code, words in READING_RULE:
        if average >= threshold:
            return code, words
    return READING_RULE[-1][1:]


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _about(data: Any, path: tuple[Any, ...]) -> str | None:
    """'area 'x' item C' for a path inside an area or item."""
    if len(path) < 2 or path[0] != "areas" or not isinstance(path[1], int):
        return None
    try:
        area = data["areas"][path[1]]
        name = f"area '{area.get('id') or path[1] + 1}'"
        if len(path) >= 4 and path[2] == "items" and isinstance(path[3], int):
            item = area["items"][path[3]]
            return f"{name} item {item.get('letter') or path[3] + 1}"
        return name
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def check_checklist(file: str, text: str) -> tuple[Checklist | None, list[Problem]]:
    """Check the checklist file's text: every problem at once, each with its line and fix."""
    bad_byte = encoding_problem_line(text)
    if bad_byte:
        return None, [Problem(file, bad_byte, "encoding", "this line has characters that are not UTF-8 — save the file as UTF-8")]
    try:
        located = load_yaml(text)
    except YamlProblem as error:
        return None, [Problem(file, error.line, "yaml-syntax", f"{error.message} — check the indentation and quote text containing ': '")]
    data = located.data
    if not isinstance(data, dict):
        return None, [Problem(file, 1, "not-a-mapping", "the file must be 'key: value' lines starting with 'title:', 'scale:' and 'areas:'")]
    problems = []
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator in {"minItems", "maxItems", "minimum", "maximum"} and path[:1] == ("scale",):
            problems.append(Problem(file, located.line(path), "scale", "the scale must list exactly the ratings 0, 1, 2 and 3 — one entry each, in order"))
            continue
        if error.validator == "pattern" and path[-1:] == ("letter",):
            problems.append(Problem(file, located.line(path), "letters", f"letter {error.instance!r} is not a capital letter — write A, B, C ...", about=_about(data, path)))
            continue
        for where, rule, message in schema_messages(error):
            problems.append(Problem(file, located.line(where), rule, message, about=_about(data, where)))
    if problems:
        return None, sorted(problems, key=lambda p: p.line or 0)
    if [entry["value"] for entry in data["scale"]] != [0, 1, 2, 3]:
        problems.append(Problem(file, located.line(("scale",)), "scale", "the scale must list the ratings 0, 1, 2 and 3, in that order"))
    seen: dict[str, int] = {}
    for a, area in enumerate(data["areas"]):
        if area["id"] in seen:
            problems.append(Problem(file, located.line(("areas", a, "id")), "duplicate-area", f"the area id '{area['id']}' is already used on line {seen[area['id']]} — give each area its own id"))
        seen.setdefault(area["id"], located.line(("areas", a, "id")) or 0)
        for i, item in enumerate(area["items"]):
            expected = string.ascii_uppercase[i] if i < 26 else "?"
            if item["letter"] != expected:
                problems.append(Problem(file, located.line(("areas", a, "items", i, "letter")), "letters",
                                        f"statement {i + 1} is lettered {item['letter']} — letter the statements A, B, C ... in order (this one is {expected})", about=f"area '{area['id']}'"))
    if problems:
        return None, problems
    areas = tuple(
        Area(area["id"], area["title"], tuple(Item(i["letter"], i["text"], i.get("prompt", "")) for i in area["items"]), area.get("intro", ""))
        for area in data["areas"]
    )
    version = hashlib.sha256(json.dumps([[a.id, [i.letter + i.text for i in a.items]] for a in areas]).encode()).hexdigest()[:12]
    return Checklist(data["title"], tuple(entry["label"] for entry in data["scale"]), areas, data.get("intro", ""), version), []


def _item(area: Area, item: Item, scale: tuple[str, ...]) -> str:
    name = f"{area.id}-{item.letter}"
    prompt = f' <span class="pk-item__prompt">{markdown_to_html(item.prompt, inline=True)}</span>' if item.prompt else ""
    choices = "".join(
        f'<label class="pk-rating"><input type="radio" name="{escape(name)}" value="{value}">'
        f'<span class="pk-rating__box" aria-hidden="true"></span>'
        f'<span class="pk-rating__value">{value}</span> <span class="pk-rating__label">{escape(label)}</span></label>'
        for value, label in enumerate(scale)
    )
    return (
        f'<fieldset class="pk-item" data-item="{escape(name)}">'
        f'<legend><span class="pk-item__letter">{escape(item.letter)}.</span> '
        f'<span class="pk-item__text">{markdown_to_html(item.text, inline=True)}</span>{prompt}</legend>'
        f'<div class="pk-item__ratings">{choices}</div></fieldset>'
    )


def area_anchor(area: Area) -> str:
    """The id of an area's heading, for links and the page's table of contents."""
    return escape(f"area-{area.id}")


def toc_entries(checklist: Checklist) -> list[tuple[str, str]]:
    """(title as HTML, id) of each area heading, in order, for the page's table of contents."""
    return [(escape(area.title), area_anchor(area)) for area in checklist.areas]


def _area(area: Area, scale: tuple[str, ...]) -> str:
    items = [_item(area, item, scale) for item in area.items]
    head = (
        f'<h2 id="{area_anchor(area)}" class="pk-area__title">{escape(area.title)}'
        f'<a class="headerlink" href="#{area_anchor(area)}" title="Permanent link">&para;</a></h2>'
        + (f'<p class="pk-area__intro">{markdown_to_html(area.intro, inline=True)}</p>' if area.intro else "")
        + '<div class="pk-area__scale" aria-hidden="true"><span>Statement</span>'
        + "".join(f"<span>{value} {escape(label)}</span>" for value, label in enumerate(scale))
        + "</div>"
    )
    # The heading and its first statements stay together, so an area never starts at a page's foot.
    start = f'<div class="pk-area__start">{head}{"".join(items[:KEEP_WITH_HEADING])}</div>'
    summary = (
        f'<p class="pk-area__summary" data-area-summary>'
        f'<span class="pk-area__result">Not rated yet (0 of {len(area.items)} statements).</span>'
        f'<span class="pk-area__write-in">Subtotal: ______ of {area.maximum} &#160; Average: ______ &#160; Reading: ____________</span></p>'
    )
    return (
        f'<section class="pk-area" data-area="{escape(area.id)}" data-max="{area.maximum}" aria-labelledby="{area_anchor(area)}">'
        f'{start}{"".join(items[KEEP_WITH_HEADING:])}{summary}</section>'
    )


def render_checklist(checklist: Checklist) -> str:
    """The checklist as a form of radio groups, with room for subtotals; the script does the sums."""
    scale = " · ".join(f"{value} = {escape(label.lower())}" for value, label in enumerate(checklist.scale))
    areas = "".join(_area(area, checklist.scale) for area in checklist.areas)
    intro = f'<div class="pk-checklist__intro">{markdown_to_html(checklist.intro)}</div>' if checklist.intro else ""
    return (
        f'<form class="pk-checklist" data-checklist="loyalty-checklist" data-items="{checklist.item_count}" '
        f'data-checklist-version="{escape(checklist.version)}" '
        # The script reads the same rule the page states: one source for both.
        f'data-reading-rule="{escape(json.dumps([list(step) for step in READING_RULE]))}">'
        '<div class="pk-sheet-fields"><span>Name: ____________________</span>'
        "<span>Team: ____________________</span><span>Date: ______________</span></div>"
        f"{intro}"
        f'<p class="pk-checklist__scale"><strong>Rate each statement:</strong> {scale}.</p>'
        f'<p class="pk-checklist__rule"><strong>Reading an area:</strong> {escape(rule_sentence())}</p>'
        f"{areas}"
        '<div class="pk-checklist__overall"><p class="pk-checklist__total" data-overall>'
        f"Overall: not rated yet (0 of {checklist.item_count} statements).</p>"
        # Paper only: a blank copy ends with lines for the totals; every copy, with the next step.
        f'<p class="pk-checklist__write-in">Overall total: ______ of {3 * checklist.item_count} &#160; Overall average: ______</p>'
        '<p class="pk-checklist__next-step"><span>Area to work on first: ______________________</span> '
        "<span>One action, who and by when: ________________________________</span></p></div>"
        '<p class="pk-checklist__status" role="status"></p>'
        '<div class="pk-checklist__actions">'
        '<button type="button" class="md-button md-button--primary" data-checklist-print>Print</button> '
        '<button type="button" class="md-button" data-checklist-reset>Reset</button></div>'
        "</form>"
    )

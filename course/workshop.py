"""Workshop plans for the facilitator guide, timed from the lessons' own handouts.

The guide's front matter (`workshop:`) names each plan's blocks; a lesson block takes its group
activity's title and minutes from that lesson's `handout:` front matter, the same numbers the
printed handout shows, so the plan and the handouts can never disagree. Clock times and totals
are computed, and a plan that promises a length (`minutes:`) is warned about when its blocks
no longer add up to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from course.handouts import Handout

__all__ = ["PLAN_MARKER", "CORE_PARTS", "Block", "Plan", "read_plans", "render_plan", "plan_markdown"]

#: Where the guide wants a plan's table, e.g. <!-- workshop-plan: half-day -->.
PLAN_MARKER = re.compile(r"<!--\s*workshop-plan:\s*(?P<name>[a-z0-9-]+)\s*-->")
#: The parts of a lesson block other than its activity, in the order they run, with their labels.
CORE_PARTS = {"talk": "talk", "worksheet": "worksheet in pairs", "answers": "answers together", "discussion": "discussion questions"}
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Block:
    """One row of a plan: a segment of the workshop and how long it takes."""

    title: str
    minutes: int
    what: str = ""
    materials: str = ""
    lesson: str = ""  # the lesson file, for a lesson block
    activity_minutes: int = 0


@dataclass(frozen=True)
class Plan:
    """A named workshop plan: when it starts and its blocks, in order."""

    name: str
    start: int  # minutes after midnight
    blocks: tuple[Block, ...]
    promised: int | None = None

    @property
    def minutes(self) -> int:
        """How long the whole plan runs."""
        return sum(block.minutes for block in self.blocks)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 240


def _lesson_block(entry: Mapping[str, Any], core: Mapping[str, Any], handout: Handout, number: int, where: str, problems: list[str]) -> Block:
    parts = {name: entry.get(name, core.get(name, 0)) for name in CORE_PARTS}
    for name, value in parts.items():
        if not _whole(value):
            problems.append(f"{where}: '{name}:' is {value!r} — write a whole number of minutes (0 leaves the part out)")
            parts[name] = 0
    steps = [f"{CORE_PARTS['talk'].capitalize()} ({parts['talk']} min)"] if parts["talk"] else []
    steps.append(f"group activity “{handout.activity_title}” ({handout.activity_minutes} min)")
    if parts["worksheet"]:
        steps.append(f"{CORE_PARTS['worksheet']} ({parts['worksheet']} min)")
    if parts["answers"]:
        steps.append(f"{CORE_PARTS['answers']} ({parts['answers']} min)")
    if parts["discussion"]:
        steps.append(f"{CORE_PARTS['discussion']} ({parts['discussion']} min)")
    what = ", ".join(steps)
    what = what[0].upper() + what[1:]
    materials = f"Screen, lesson {number} handout{', answer key' if parts['answers'] else ''}, timer"
    return Block(f"Lesson {number}: {handout.title}", sum(parts.values()) + handout.activity_minutes, what, materials,
                 handout.lesson_uri, handout.activity_minutes)


def read_plans(src: str, meta: Mapping[str, Any], handouts: Mapping[str, Handout], lesson_numbers: Mapping[str, int]) -> tuple[dict[str, Plan], list[str]]:
    """The plans in a guide's `workshop:` front matter, and every problem with them (file, plan, fix)."""
    plans: dict[str, Plan] = {}
    problems: list[str] = []
    workshop = meta.get("workshop")
    if workshop is None:
        return plans, problems
    if not isinstance(workshop, dict):
        return plans, [f"{src}: 'workshop:' must map plan names to their 'start:' and 'blocks:'"]
    for name, spec in workshop.items():
        where = f"{src}: workshop plan '{name}'"
        if not re.fullmatch(r"[a-z0-9-]+", str(name)):
            problems.append(f"{where}: name plans in lower-case letters, digits and hyphens, e.g. 'half-day'")
            continue
        if not isinstance(spec, dict) or not isinstance(spec.get("blocks"), list):
            problems.append(f"{where}: give it 'start:' (e.g. \"09:00\") and a list of 'blocks:'")
            continue
        clock = _CLOCK.match(str(spec.get("start", "")))
        if not clock:
            problems.append(f"{where}: 'start:' is {spec.get('start')!r} — write a time such as \"09:00\", in quotes")
        core = spec.get("core") if isinstance(spec.get("core"), dict) else {}
        blocks = []
        for n, entry in enumerate(spec["blocks"], start=1):
            at = f"{where}, block {n}"
            if not isinstance(entry, dict):
                problems.append(f"{at}: write the block as 'lesson: <file>.md', 'break: <minutes>' or 'title:' with 'minutes:'")
                continue
            if "lesson" in entry:
                lesson = str(entry["lesson"])
                if lesson not in lesson_numbers:
                    problems.append(f"{at}: 'lesson: {lesson}' is not a lesson in the nav — use a file listed under 'Lessons:' in mkdocs.yml")
                elif lesson in handouts:
                    blocks.append(_lesson_block(entry, core, handouts[lesson], lesson_numbers[lesson], at, problems))
                # A lesson without a handout is reported by the handouts hook; the plan goes on without it.
                continue
            if "break" in entry:
                if _whole(entry["break"]):
                    blocks.append(Block(str(entry.get("title", "Break")), entry["break"]))
                else:
                    problems.append(f"{at}: 'break:' is {entry['break']!r} — write a whole number of minutes")
                continue
            if not isinstance(entry.get("title"), str) or not _whole(entry.get("minutes")):
                problems.append(f"{at}: a segment needs a 'title:' and a whole number of 'minutes:'")
                continue
            blocks.append(Block(entry["title"], entry["minutes"], str(entry.get("what", "")), str(entry.get("materials", ""))))
        promised = spec.get("minutes")
        plan = Plan(str(name), int(clock.group(1)) * 60 + int(clock.group(2)) if clock else 0, tuple(blocks), promised if _whole(promised) else None)
        if promised is not None and plan.promised is None:
            problems.append(f"{where}: 'minutes:' is {promised!r} — write the plan's length as a whole number of minutes")
        elif plan.promised is not None and plan.minutes != plan.promised:
            problems.append(f"{where}: its blocks add up to {plan.minutes} minutes, not the {plan.promised} it promises — "
                            "shorten or lengthen a block (a lesson's activity minutes come from its 'handout:' front matter) or change 'minutes:'")
        plans[str(name)] = plan
    return plans, problems


def _cell(text: str) -> str:
    """Table-cell text: one line, and a '|' that cannot end the cell."""
    return " ".join(text.split()).replace("|", "\\|")


def render_plan(plan: Plan) -> str:
    """A plan as a Markdown table with clock times, then its total."""
    rows = ["| Time | Segment | What happens | Materials |", "|---|---|---|---|"]
    now = plan.start
    for block in plan.blocks:
        rows.append(f"| {_clock(now)}–{_clock(now + block.minutes)} | {_cell(block.title)} | {_cell(block.what)} | {_cell(block.materials)} |")
        now += block.minutes
    hours, minutes = divmod(plan.minutes, 60)
    length = f"{hours} h {minutes} min" if hours and minutes else (f"{hours} h" if hours else f"{minutes} min")
    parts = " + ".join(str(block.minutes) for block in plan.blocks)
    total = f'Total: {parts} = **{plan.minutes} minutes** ({length}), {_clock(plan.start)}–{_clock(now)}.'
    return "\n".join([*rows, "", f"{total}\n{{ .pk-plan-total data-plan='{plan.name}' data-minutes='{plan.minutes}' }}"])


def plan_markdown(markdown: str, plans: Mapping[str, Plan], src: str, problems: list[str]) -> str:
    """The guide with each plan marker replaced by its table; a marker naming no plan is a problem."""

    def fill(match: re.Match[str]) -> str:
        plan = plans.get(match.group("name"))
        if plan is None:
            problems.append(f"{src}: '<!-- workshop-plan: {match.group('name')} -->' names no plan under 'workshop:' — "
                            f"use one of: {', '.join(plans) or '(none yet)'}")
            return ""
        return render_plan(plan)

    return PLAN_MARKER.sub(fill, markdown)


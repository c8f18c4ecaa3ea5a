"""The facilitator guide's workshop plans: timed from the handouts, adding up, and warned about when they stop adding up."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from course import cli
from course.handouts import Handout
from course.lessons import split_front_matter
from course.workshop import read_plans
from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import copy_course
from tests.test_site import LESSONS

GUIDE = ROOT / "docs" / "trainers" / "index.md"


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def plan_tables(site_dir: Path) -> dict[str, tuple[list[list[str]], str]]:
    """Each plan in the built guide: its table rows (cells as text) and its total line."""
    html = (site_dir / "trainers" / "index.html").read_text(encoding="utf-8")
    plans = {}
    for match in re.finditer(r"<table>(?P<table>.*?)</table>.*?<p class=\"pk-plan-total\"[^>]*data-plan=\"(?P<name>[^\"]+)\"[^>]*>(?P<total>.*?)</p>", html, re.DOTALL):
        body = match.group("table").split("</thead>", 1)[1]
        rows = [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)] for row in re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)]
        plans[match.group("name")] = (rows, _text(match.group("total")))
    return plans


def lesson_activity(src: str) -> tuple[str, int]:
    meta, _, _ = split_front_matter((ROOT / "docs" / src).read_text(encoding="utf-8"))
    return meta["handout"]["activity"]["title"], meta["handout"]["activity"]["minutes"]


def test_every_plan_is_contiguous_and_its_total_adds_up(site_dir: Path) -> None:
    plans = plan_tables(site_dir)
    assert set(plans) == {"half-day", "short", "full-day"}
    for name, (rows, total) in plans.items():
        spans = [tuple(_minutes(t) for t in row[0].split("–")) for row in rows]
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert start == end, f"{name}: a gap or overlap at {start // 60}:{start % 60:02d}"
        lengths = [end - start for start, end in spans]
        stated = re.search(r"Total: (?P<parts>[\d + ]+) = (?P<sum>\d+) minutes .*?(?P<from>\d\d:\d\d)–(?P<to>\d\d:\d\d)\.", total)
        assert stated, total
        assert [int(n) for n in stated.group("parts").split(" + ")] == lengths
        assert int(stated.group("sum")) == sum(lengths) == spans[-1][1] - spans[0][0]
        assert (stated.group("from"), stated.group("to")) == (rows[0][0].split("–")[0], rows[-1][0].split("–")[1])
    assert plans["half-day"][1].count("215 minutes") == 1 and "90 minutes" in plans["short"][1]


def test_each_lesson_block_runs_the_activity_its_handout_prints(site_dir: Path) -> None:
    seen = set()
    for name, (rows, _) in plan_tables(site_dir).items():
        for row in rows:
            lesson = re.match(r"Lesson (\d+): (.+)", row[1])
            if not lesson:
                continue
            src = LESSONS[int(lesson.group(1)) - 1]
            title, minutes = lesson_activity(src)
            assert f"group activity “{title}” ({minutes} min)" in row[2], f"{name}: {row}"
            handout = _text((site_dir / "trainers" / "handouts" / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8"))
            assert f"Group activity: {title} ({minutes} minutes)" in handout
            seen.add(src)
    assert seen == set(LESSONS), "the full-day plan runs every lesson"


def test_a_longer_activity_breaks_the_promised_length_in_check_and_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_course(tmp_path)
    lesson = root / "docs" / "relationship-bank.md"
    text = lesson.read_text(encoding="utf-8")
    assert "    minutes: 15\n" in text
    lesson.write_text(text.replace("    minutes: 15\n", "    minutes: 25\n", 1), encoding="utf-8")
    expected = ("docs/trainers/index.md: workshop plan 'half-day': its blocks add up to 225 minutes, not the 215 it promises — "
                "shorten or lengthen a block (a lesson's activity minutes come from its 'handout:' front matter) or change 'minutes:'")
    assert cli.main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "workshop plan 'short': its blocks add up to 100 minutes, not the 90" in err
    result = run_mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1 and expected in result.stderr


def _handout(src: str, minutes: int = 15) -> Handout:
    return Handout(src, "Bank", (), (), "Card sort", minutes, ())


def test_plan_mistakes_are_each_named_with_the_fix() -> None:
    meta = {"workshop": {
        "half-day": {"start": "9am", "blocks": [
            {"lesson": "bank.md", "talk": "five"},
            {"lesson": "gone.md"},
            {"break": -5},
            {"title": "Close"},
            "checklist",
        ]},
        "Big Day": {"start": "09:00", "blocks": []},
    }}
    plans, problems = read_plans("docs/guide.md", meta, {"bank.md": _handout("bank.md")}, {"bank.md": 1})
    assert problems == [
        "docs/guide.md: workshop plan 'half-day': 'start:' is '9am' — write a time such as \"09:00\", in quotes",
        "docs/guide.md: workshop plan 'half-day', block 1: 'talk:' is 'five' — write a whole number of minutes (0 leaves the part out)",
        "docs/guide.md: workshop plan 'half-day', block 2: 'lesson: gone.md' is not a lesson in the nav — use a file listed under 'Lessons:' in mkdocs.yml",
        "docs/guide.md: workshop plan 'half-day', block 3: 'break:' is -5 — write a whole number of minutes",
        "docs/guide.md: workshop plan 'half-day', block 4: a segment needs a 'title:' and a whole number of 'minutes:'",
        "docs/guide.md: workshop plan 'half-day', block 5: write the block as 'lesson: <file>.md', 'break: <minutes>' or 'title:' with 'minutes:'",
        "docs/guide.md: workshop plan 'Big Day': name plans in lower-case letters, digits and hyphens, e.g. 'half-day'",
    ]
    assert [block.minutes for block in plans["half-day"].blocks] == [15]


def test_the_real_guide_has_no_hand_typed_activity_minutes() -> None:
    """Minutes for lesson activities come only from the handouts: the guide's text never repeats them."""
    _, body, _ = split_front_matter(GUIDE.read_text(encoding="utf-8"))
    assert "<!-- workshop-plan: half-day -->" in body
    assert not re.search(r"group activity \(\d+", body, re.IGNORECASE)

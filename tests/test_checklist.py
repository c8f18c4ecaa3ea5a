"""The loyalty checklist's data: its rules, messages and rendering."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course import cli
from course.checklist import CHECKLIST_PATH, check_checklist, reading, render_checklist, rule_sentence
from tests.conftest import ROOT, run_mkdocs_build

DATA = (ROOT / CHECKLIST_PATH).read_text(encoding="utf-8")


def test_the_checklist_has_32_statements_in_four_areas() -> None:
    checklist, problems = check_checklist("data/loyalty-checklist.yml", DATA)
    assert problems == [] and checklist is not None
    assert [(area.title, len(area.items)) for area in checklist.areas] == [
        ("Customer relationships", 10),
        ("Products and services", 4),
        ("Employees", 7),
        ("Quality and financial measurement", 11),
    ]
    for area in checklist.areas:
        assert [item.letter for item in area.items] == [chr(ord("A") + i) for i in range(len(area.items))]
    assert checklist.scale == ("Not at all", "Minimally", "Moderately", "Significantly")


@pytest.mark.parametrize(
    ("average", "code"),
    [(3.0, "strength"), (2.0, "strength"), (1.99, "attention"), (1.0, "attention"), (0.99, "urgent"), (0.0, "urgent")],
)
def test_reading_rule(average: float, code: str) -> None:
    assert reading(average)[0] == code


def test_the_page_states_the_rule_it_applies() -> None:
    assert rule_sentence() == "an average of 2 to 3 is a strength; below 2 it needs attention; below 1 it is urgent."


def _broken(edit: str, replacement: str) -> str:
    assert edit in DATA, edit
    return DATA.replace(edit, replacement, 1)


def test_letters_out_of_order_name_the_area_and_line() -> None:
    text = _broken("      - letter: B\n", "      - letter: C\n")
    line = text.splitlines().index("      - letter: C") + 1
    _, problems = check_checklist("data/loyalty-checklist.yml", text)
    assert [str(p) for p in problems][0].startswith(f"data/loyalty-checklist.yml:{line}: area 'relationships': statement 2 is lettered C")


def test_unknown_key_and_wrong_scale_are_reported_together() -> None:
    text = _broken("    label: Moderately", "    lable: Moderately")
    text = text.replace("      - letter: A\n        text:", "      - letter: A\n        txt:", 1)
    _, problems = check_checklist("data/loyalty-checklist.yml", text)
    messages = [str(p) for p in problems]
    assert any("unknown key 'lable' — did you mean 'label'?" in m for m in messages), messages
    assert any("area 'relationships' item A: unknown key 'txt'" in m for m in messages), messages
    assert len(problems) >= 3  # both typos, and the two required keys they left missing


def test_scale_must_be_0_to_3() -> None:
    _, problems = check_checklist("data/loyalty-checklist.yml", _broken("  - value: 3\n", "  - value: 4\n"))
    assert problems and "the scale must list" in str(problems[0])


def test_make_check_covers_the_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / CHECKLIST_PATH).write_text(_broken("      - letter: B\n", "      - letter: C\n"), encoding="utf-8")
    assert cli.main(["check", "--root", str(tmp_path)]) == 1
    assert "data/loyalty-checklist.yml:" in capsys.readouterr().err


def test_rendered_checklist_has_four_native_radios_with_labels_per_statement() -> None:
    checklist, _ = check_checklist("data/loyalty-checklist.yml", DATA)
    html = render_checklist(checklist)
    assert html.count('<fieldset class="pk-item"') == 32
    assert html.count('type="radio"') == 32 * 4
    for value, label in enumerate(checklist.scale):
        assert html.count(f'value="{value}"><span class="pk-rating__box" aria-hidden="true"></span><span class="pk-rating__value">{value}</span> <span class="pk-rating__label">{label}</span>') == 32


def test_checklist_text_is_escaped() -> None:
    text = _broken("      - letter: A\n        text: ", "      - letter: A\n        text: <script>alert(1)</script> ")
    checklist, problems = check_checklist("data/loyalty-checklist.yml", text)
    assert not problems
    html = render_checklist(checklist)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_build_stops_on_a_broken_checklist(tmp_path: Path) -> None:
    hooks = ROOT / "hooks"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Checklist\n\n<!-- loyalty-checklist -->\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / CHECKLIST_PATH).write_text(_broken("title: The loyalty checklist", "titel: The loyalty checklist"), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Fixture\nhooks:\n  - {hooks / 'checklist.py'}\n", encoding="utf-8")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/loyalty-checklist.yml:2: unknown key 'titel' — did you mean 'title'?" in result.stderr


def test_items_are_the_data_files_only_source() -> None:
    """No statement is written a second time in the page or the script."""
    data = yaml.safe_load(DATA)
    page = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    script = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
    assert "setUpChecklist" in script
    for area in data["areas"]:
        for item in area["items"]:
            assert item["text"][:40] not in page and item["text"][:40] not in script


def test_the_built_page_lists_its_areas_in_the_toc_and_search(site_dir: Path) -> None:
    import json

    checklist, _ = check_checklist("data/loyalty-checklist.yml", DATA)
    html = (site_dir / "checklist" / "index.html").read_text(encoding="utf-8")
    toc = html[html.index('data-md-component="toc"') :]
    positions = [toc.index(f'href="#area-{area.id}"') for area in checklist.areas]
    assert positions == sorted(positions) and positions[-1] < toc.index('href="#next"'), "areas in order, before 'What to do next'"
    # Each area heading is a real heading with its own permanent link.
    for area in checklist.areas:
        assert f'<h2 id="area-{area.id}" class="pk-area__title">' in html
        assert f'<a class="headerlink" href="#area-{area.id}"' in html
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {f"checklist/#area-{area.id}" for area in checklist.areas} <= locations

"""Links and anchors between pages: `make check` finds broken ones, and strict builds refuse them."""

from __future__ import annotations

from pathlib import Path

import pytest

from course import cli
from course.links import check_links
from tests.conftest import ROOT, run_mkdocs_build

PAGES = {
    "bank.md": "# Bank\n\n## The three rules { #three-rules }\n\n## Deposits first\n",
    "guide/editing.md": "# Editing\n\nSee [the rules](../bank.md#three-rules) and [deposits](../bank.md#deposits-first).\n",
}


def test_good_links_pass() -> None:
    assert check_links(PAGES, {"assets/bank.svg"}) == []


def test_missing_page_and_anchor_are_reported_with_file_and_line() -> None:
    pages = {**PAGES, "intro.md": "# Intro\n\nRead [the bank](bank.md#three-rule).\n\n![Chart](assets/chart.svg)\n\n[Gone](lesons/gone.md)\n"}
    problems = [str(p) for p in check_links(pages, {"assets/bank.svg"})]
    assert problems == [
        "docs/intro.md:3: the link 'bank.md#three-rule' names the anchor '#three-rule', but bank.md has no heading with it — did you mean '#three-rules'?",
        "docs/intro.md:5: the image 'assets/chart.svg' points to docs/assets/chart.svg, which does not exist — fix the path (it is relative to this page)",
        "docs/intro.md:7: the link 'lesons/gone.md' points to docs/lesons/gone.md, which does not exist — fix the path (it is relative to this page)",
    ]


def test_links_in_code_and_to_the_web_are_left_alone() -> None:
    pages = {"a.md": "# A\n\n`[x](missing.md)` and [site](https://example.com/x.md)\n\n```md\n[y](missing.md)\n```\n"}
    assert check_links(pages) == []


def test_links_to_generated_pages_count_as_existing() -> None:
    pages = {"trainers/index.md": "# T\n\n[Key](answer-key.md#anything)\n"}
    assert check_links(pages, generated={"trainers/answer-key.md"}) == []


def test_make_check_finds_a_broken_anchor_in_the_real_course(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    for name in ("docs", "quizzes", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert cli.main(["check", "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    lesson = tmp_path / "docs" / "marry-your-customer.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("(relationship-bank.md)", "(relationship-bank.md#no-such-part)", 1), encoding="utf-8")
    assert cli.main(["check", "--root", str(tmp_path)]) == 1
    assert "docs/marry-your-customer.md:" in capsys.readouterr().err


def test_strict_build_refuses_a_link_to_a_missing_anchor(tmp_path: Path) -> None:
    """The published site never carries a broken link: MkDocs' validation makes it a warning, --strict fatal."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the rules](bank.md#three-rulez).\n", encoding="utf-8")
    (docs / "bank.md").write_text("# Bank\n\n## The three rules { #three-rules }\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    validation = config[config.index("validation:") :]
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Fixture\nmarkdown_extensions:\n  - attr_list\n  - toc\n{validation}", encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert "index.md" in result.stderr and "three-rulez" in result.stderr


def test_a_malformed_address_is_reported_not_a_crash() -> None:
    problems = check_links({"a.md": "# A\n\n[x](http://[bad)\n"})
    assert [p.rule for p in problems] == ["broken-link"] and "not a valid address" in str(problems[0])


def test_make_check_runs_the_lesson_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    for name in ("docs", "quizzes", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    lesson = tmp_path / "docs" / "partnership.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("reading_time: 8", "reading_time: eight", 1), encoding="utf-8")
    assert cli.main(["check", "--root", str(tmp_path)]) == 1
    assert "docs/partnership.md: 'reading_time' is 'eight' — write a whole number of minutes" in capsys.readouterr().err

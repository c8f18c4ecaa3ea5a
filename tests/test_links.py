"""Links and anchors between pages: `make check` finds broken ones, and strict builds refuse them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course import cli
from course.links import BuiltPage, check_built_links, check_links, print_targets, read_built_page
from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import copy_course

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
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: ", "reading_time: eight\ntitle: ", 1), encoding="utf-8")
    assert cli.main(["check", "--root", str(tmp_path)]) == 1
    assert "docs/partnership.md: 'reading_time' is no longer typed by hand — delete the line" in capsys.readouterr().err


# ---- The same gate over the built pages, generated ones included ----

def built(src: str, url: str, body: str, markdown: str = "") -> BuiltPage:
    return read_built_page(src, url, f'<html><body><article class="md-content__inner md-typeset">{body}</article></body></html>', markdown)


def test_built_links_to_missing_pages_and_anchors_are_reported_per_page() -> None:
    pages = [
        built("docs/bank.md", "bank/", '<h2 id="three-rules">Rules</h2>'),
        built("docs/trainers/handouts/bank.md", "trainers/handouts/bank/",
              '<a href="../../../bank/">ok</a> <a href="../../bank.md">lesson</a> <a href="../../../bank/#three-rule">rules</a> '
              '<a href="https://example.com/gone">web</a> <a href="#top">top</a>'),
    ]
    problems = check_built_links(pages, ["bank/", "trainers/handouts/bank/"])
    assert problems == [
        "docs/trainers/handouts/bank.md: the built page links to '../../bank.md', which leads to /trainers/bank.md, a page or file the site "
        "does not have — fix the link where this page is made (write it as a Markdown link to the .md file, which the build turns into the page's address)",
        "docs/trainers/handouts/bank.md: the built page links to '../../../bank/#three-rule', but /bank/ has no anchor '#three-rule' — did you mean '#three-rules'?",
        "docs/trainers/handouts/bank.md: the built page links to '#top', but /trainers/handouts/bank/ has no anchor '#top' — link to one of its headings' anchors",
    ]


def test_markdown_links_mkdocs_already_reported_are_not_reported_twice() -> None:
    page = built("docs/a.md", "a/", '<a href="gone.md">x</a>', markdown="See [x](gone.md).")
    assert check_built_links([page], ["a/"]) == []
    raw = built("docs/a.md", "a/", '<a href="gone.md">x</a>', markdown='See <a href="gone.md">x</a>.')
    assert len(check_built_links([raw], ["a/"])) == 1


def test_links_get_their_full_address_for_print() -> None:
    html = ('<article class="md-content__inner md-typeset"><a href="../bank/#rules">b</a> <a class="headerlink" href="#x">¶</a>'
            ' <a href="#local">l</a> <a href="https://example.com/a?b=1&amp;c=2">w</a></article><a href="../nav/">nav</a>')
    marked = print_targets(html, "trainers/", "https://course.example/pk/")
    assert 'href="../bank/#rules" data-print-url="https://course.example/pk/bank/#rules"' in marked
    assert 'data-print-url="https://example.com/a?b=1&amp;c=2"' in marked
    assert marked.count("data-print-url") == 2, "anchors on the same page, permalinks and the theme's links need no address"


def test_the_built_course_has_no_broken_link_and_handouts_reach_their_lesson(site_dir: Path) -> None:
    html = (site_dir / "trainers" / "handouts" / "relationship-bank" / "index.html").read_text(encoding="utf-8")
    lesson = re.search(r'<a href="([^"]+)"[^>]*>read the lesson</a>', html)
    assert lesson, "the handout links to its lesson"
    target = (site_dir / "trainers" / "handouts" / "relationship-bank" / lesson.group(1) / "index.html").resolve()
    assert target == (site_dir / "relationship-bank" / "index.html").resolve() and target.is_file()


def test_a_broken_link_on_a_generated_page_fails_the_strict_build(tmp_path: Path) -> None:
    """Handouts are made by the build, so MkDocs' own link check never sees their raw HTML: ours does."""
    root = copy_course(tmp_path)
    lesson = root / "docs" / "relationship-bank.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("  discussion:\n", '  discussion:\n    - Read <a href="../../nowhere/">the extra notes</a> first.\n', 1), encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert ("docs/trainers/handouts/relationship-bank.md: the built page links to '../../nowhere/', which leads to /trainers/nowhere/, "
            "a page or file the site does not have") in result.stderr

"""The glossary: one definition per term, every definition used, and each term defined at its first use in a lesson."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from course import cli
from course.glossary import Glossary, Term, check_glossary, mark_first_uses, term_anchor, unused_terms
from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import copy_course
from tests.test_site import LESSONS, article, built_page

GLOSSARY = ROOT / "data" / "glossary.yml"
TERMS = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]


def test_the_real_glossary_passes_its_checks_and_every_term_is_used() -> None:
    glossary, problems = check_glossary("data/glossary.yml", GLOSSARY.read_text(encoding="utf-8"))
    assert problems == [] and len(glossary.terms) == len(TERMS) >= 2
    lessons = [(ROOT / "docs" / src).read_text(encoding="utf-8") for src in LESSONS]
    assert unused_terms("data/glossary.yml", glossary, lessons) == []


def test_a_term_defined_twice_is_named_with_both_lines() -> None:
    text = "terms:\n  - term: deposit\n    definition: One.\n  - term: deposits\n    also: [deposit]\n    definition: Two.\n"
    _, problems = check_glossary("data/glossary.yml", text)
    assert [str(p) for p in problems] == [
        "data/glossary.yml:4: term 'deposits': 'deposit' is already defined on line 2 (under 'deposit') — one definition per term: merge the two entries"
    ]


def test_an_unused_definition_and_a_broken_entry_are_reported() -> None:
    text = "terms:\n  - term: zorbing\n    definition: Rolling downhill in a ball.\n  - term: churn\n  - definition: Orphan.\n  - term: NPS\n    definiton: typo\n"
    glossary, problems = check_glossary("data/glossary.yml", text)
    assert [str(p) for p in problems] == [
        "data/glossary.yml:4: term 'churn': the term has no 'definition:' — write one plain sentence",
        "data/glossary.yml:5: entry 3: the entry has no 'term:' — write the term as lessons spell it",
        "data/glossary.yml:7: term 'NPS': unknown key 'definiton' — an entry has 'term:', 'also:' and 'definition:'",
        "data/glossary.yml:6: term 'NPS': the term has no 'definition:' — write one plain sentence",
    ]
    unused = unused_terms("data/glossary.yml", glossary, ["A lesson about churn and loyalty."])
    assert [str(p) for p in unused] == [
        "data/glossary.yml:2: term 'zorbing': no lesson uses 'zorbing' — add the form the lessons use to 'also:', or remove the entry"
    ]


def test_only_the_first_use_in_running_text_is_marked() -> None:
    glossary = Glossary((Term("relationship bank", 'A "shared" <account> & more.', ("relationship bank", "Relationship bank")),
                         Term("bank", "Where money is kept.", ("bank",))))
    html = ('<h1>The relationship bank</h1><p>See <a href="x">the relationship bank</a> and <code>relationship bank</code>.</p>'
            "<p>Relationship bank rules: a bank is not the relationship bank.</p>")
    marked = mark_first_uses(html, glossary)
    assert marked.count("<abbr") == 2
    assert '<h1>The relationship bank</h1>' in marked and '<a href="x">the relationship bank</a>' in marked
    assert ('<abbr class="pk-term" title="A &quot;shared&quot; &lt;account&gt; &amp; more." tabindex="0">Relationship bank</abbr> rules: '
            'a <abbr class="pk-term" title="Where money is kept." tabindex="0">bank</abbr> is not the relationship bank.') in marked


def test_each_lesson_defines_each_term_once_and_every_term_somewhere(site_dir: Path) -> None:
    seen: set[str] = set()
    for src in LESSONS:
        html = article(built_page(site_dir, src))
        titles = [unescape(t) for t in re.findall(r'<abbr class="pk-term" title="([^"]*)" tabindex="0">', html)]
        assert len(titles) == len(set(titles)), f"{src}: a term is defined twice on the page"
        seen.update(titles)
    assert seen == {" ".join(entry["definition"].split()) for entry in TERMS}, "a term is never defined at its first use"


def test_the_glossary_page_lists_every_term_with_its_definition(site_dir: Path) -> None:
    html = article(built_page(site_dir, "glossary.md"))
    for entry in TERMS:
        heading = re.search(rf'<h2 id="{term_anchor(entry["term"])}">(.*?)<a class="headerlink"', html)
        assert heading and unescape(heading.group(1)) == entry["term"]
        assert " ".join(entry["definition"].split()) in unescape(html)
    assert html.count("<h2 ") == len(TERMS)


def test_a_duplicate_or_unused_term_fails_check_and_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_course(tmp_path)
    first = TERMS[0]["term"]
    with (root / "data" / "glossary.yml").open("a", encoding="utf-8") as file:
        file.write(f"  - term: {first}\n    definition: A second definition.\n  - term: zorbing\n    definition: Rolling downhill in a ball.\n")
    assert cli.main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"'{first}' is already defined on line" in err and "no lesson uses 'zorbing'" in err
    result = run_mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert "data/glossary.yml:" in result.stderr and f"'{first}' is already defined" in result.stderr and "'zorbing'" in result.stderr

"""Lesson rules: front matter problems, the learning path and the estimated-time line."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from course import lessons
from course.lesson_time import LessonTime, lesson_time
from tests.conftest import run_mkdocs_build


def test_unreadable_front_matter_names_the_file_line_and_fix() -> None:
    text = "---\ntitle: Deals\ndescription: Our promise: on time\n---\n# Deals\n"
    problem = lessons.front_matter_problem("deals.md", text)
    assert problem is not None
    assert problem.startswith("deals.md:3: ")
    # The real cause (the second ': ') and a fix that uses the key on that line.
    assert "a ': ' inside a value makes YAML read it as a new key" in problem
    assert 'put the whole value in quotes, e.g. description: "Why: because"' in problem


def test_readable_or_absent_front_matter_is_fine() -> None:
    assert lessons.front_matter_problem("a.md", "---\ntitle: 'A: b'\n---\n# A\n") is None
    assert lessons.front_matter_problem("a.md", "# No front matter\n") is None


def test_lesson_problems_ask_for_a_description() -> None:
    problems = lessons.lesson_problems("x.md", {"title": "X"})
    assert problems == ["x.md: the lesson has no 'description' — add a one-sentence 'description:' to its front matter."]
    assert lessons.lesson_problems("x.md", {"description": "Fine."}) == []


def test_a_lessons_time_is_its_reading_its_reflection_and_its_quiz() -> None:
    body = "# T\n\n" + "word " * 1001 + "\n\n## Try it { #try-it }\n\nThink.\n\n<!-- quiz: t -->\n"
    time = lesson_time(body, questions=7)
    # 1,006 words at 200 a minute, rounded up; five minutes of reflection; 7 × 40 s = 4 min 40 s, rounded up.
    assert (time.reading, time.reflection, time.quiz, time.total) == (6, 5, 5, 16)
    assert time.describe() == "6 min reading, 5 min reflection, 5 min quiz"
    assert lesson_time("# T\n\nShort.\n", questions=0) == LessonTime(1, 0, 0)


def test_learning_path_escapes_titles_and_totals_the_time() -> None:
    path = [
        lessons.Lesson(1, "Deposits & <withdrawals>", "bank/", 7, 'Say "thanks"'),
        lessons.Lesson(2, "Trust", "trust/", 5),
    ]
    html = lessons.render_learning_path(path)
    assert "Deposits &amp; &lt;withdrawals&gt;" in html and "<withdrawals>" not in html
    assert "Say &quot;thanks&quot;" in html
    assert "All 2 lessons" in html and "12 min" in html
    assert html.index("bank/") < html.index("trust/")


def test_lesson_time_goes_right_after_the_title() -> None:
    html = lessons.insert_after_title("<h1>T</h1><p>Body</p>", lessons.render_lesson_time(LessonTime(6, 5, 4)))
    assert html.startswith("<h1>T</h1><p class=\"pk-lesson-time\">")
    assert "15 min" in html and "(6 min reading, 5 min reflection, 4 min quiz)" in html


def _fixture_site(tmp_path: Path, lesson_text: str) -> Path:
    """A two-page course with one lesson, using the real hooks."""
    root = Path(__file__).resolve().parent.parent
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n<!-- learning-path -->\n", encoding="utf-8")
    (docs / "trust.md").write_text(lesson_text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Fixture\n"
        "nav:\n  - index.md\n  - Lessons:\n      - trust.md\n"
        f"hooks:\n  - {root / 'hooks' / 'lessons.py'}\n",
        encoding="utf-8",
    )
    return config


def test_build_fails_on_a_lesson_with_broken_front_matter(tmp_path: Path) -> None:
    config = _fixture_site(tmp_path, "---\ntitle: Trust\ndescription: Rule one: keep it\n---\n# Trust\n")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "trust.md:3: the front matter cannot be read: a ': ' inside a value" in result.stderr
    # One mistake, one message: nothing else in the build follows from it.
    assert result.stderr.count("WARNING") == 1, result.stderr


def test_build_fills_the_learning_path_from_lesson_front_matter(tmp_path: Path) -> None:
    from tests.lesson_fixture import lesson_text

    text = lesson_text("trust", "Trust")
    # The fixture site has no quiz hook, so the time is reading and reflection only.
    minutes = lesson_time(lessons.split_front_matter(text)[1], 0).total
    config = _fixture_site(tmp_path, text)
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a class="pk-path__title" href="trust/">Trust</a>' in home and f"{minutes} min" in home
    lesson = (tmp_path / "site" / "trust" / "index.html").read_text(encoding="utf-8")
    assert f"Estimated time:</span> {minutes} min" in lesson


def test_lesson_sources_follow_nested_sections_and_ignore_junk() -> None:
    nav = [{"Home": "index.md"}, {"Lessons": ["a.md", {"B": "b.md"}, {"More": ["c.md", {"D": "d.md"}]}, None]}]
    assert lessons.lesson_sources(nav) == ["a.md", "b.md", "c.md", "d.md"]
    assert lessons.lesson_sources([{"Lessons": None}]) == []
    assert lessons.lesson_sources(None) == []


def test_a_wrapped_takeaway_stays_one_point() -> None:
    from course.handouts import key_points

    body = "## Key takeaways { #key-takeaways }\n\n- Keep promises small and\n  keep every one of them.\n- Say sorry.\n\n## Next\n"
    assert key_points(body) == ("Keep promises small and keep every one of them.", "Say sorry.")


def test_a_page_not_saved_as_utf8_is_named_by_check_and_build(tmp_path: Path) -> None:
    """A stray Latin-1 byte in a page: `make check` and the build name the file and line, no traceback."""
    import subprocess
    import sys

    from tests.lesson_fixture import copy_course

    copy_course(tmp_path)
    page = tmp_path / "docs" / "checklist.md"
    lines = page.read_bytes().split(b"\n")
    lines[6] += b" caf\xe9"
    page.write_bytes(b"\n".join(lines))
    expected = "docs/checklist.md:7: this line has characters that are not UTF-8 — save the file as UTF-8"

    check = subprocess.run([sys.executable, "-m", "course.cli", "check", "--root", str(tmp_path)], capture_output=True, text=True)
    assert check.returncode == 1 and expected in check.stderr, check.stderr
    build = run_mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 1 and expected in build.stderr, build.stderr
    assert "Traceback" not in build.stderr and "UnicodeDecodeError" not in build.stderr


def test_any_text_file_not_saved_as_utf8_is_named(tmp_path: Path) -> None:
    """Not only pages: a stylesheet or diagram with a stray byte is named too, by check and build."""
    import subprocess
    import sys

    from tests.lesson_fixture import copy_course

    root = copy_course(tmp_path)
    diagram = root / "docs" / "assets" / "diagrams" / "relationship-bank.svg"
    diagram.write_bytes(diagram.read_bytes().replace(b"<title", b"<title \xff", 1))
    line = next(n for n, text in enumerate(diagram.read_bytes().split(b"\n"), 1) if b"\xff" in text)
    expected = f"docs/assets/diagrams/relationship-bank.svg:{line}: this line has characters that are not UTF-8"
    check = subprocess.run([sys.executable, "-m", "course.cli", "check", "--root", str(root)], capture_output=True, text=True)
    assert check.returncode == 1 and expected in check.stderr, check.stderr
    build = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert build.returncode == 1 and expected in build.stderr, build.stderr


def test_the_completion_rule_is_read_from_one_setting_and_checked() -> None:
    from course.completion import CompletionRule, read_rule

    assert read_rule({}) == (CompletionRule(("quizzes",)), [])
    assert read_rule({"completion": {"require": ["visits", "quizzes"]}})[0].describe() == "every lesson opened and its quiz passed"
    rule, problems = read_rule({"completion": {"require": ["quizes"]}})
    assert problems == ["mkdocs.yml: extra: completion: 'require: ['quizes']' is not a list of quizzes or visits — e.g. 'require: [quizzes]' or 'require: [quizzes, visits]'"]


def test_a_misspelt_completion_rule_stops_the_build(tmp_path: Path) -> None:
    from tests.lesson_fixture import copy_course

    root = copy_course(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\n    require: [quizzes]\n", "\n    require: [quizes]\n", 1), encoding="utf-8")
    result = run_mkdocs_build(config, root / "site")
    assert result.returncode == 1 and "mkdocs.yml: extra: completion: 'require: ['quizes']'" in result.stderr
    assert "Traceback" not in result.stderr


def test_lessons_grouped_in_modules_are_still_the_course_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A big course puts its lessons in modules (sections nested under Lessons): every hook still finds them, in nav order."""
    from course import cli
    from tests.lesson_fixture import copy_course, group_into_modules
    from tests.test_site import LESSONS

    root = copy_course(tmp_path / "course")
    group_into_modules(root, 3)  # modules of 3, 3 and 2 lessons
    assert cli.lesson_order(root / "mkdocs.yml") == LESSONS
    assert cli.main(["check", "--root", str(root)]) == 0, capsys.readouterr().err
    site = tmp_path / "site"
    result = run_mkdocs_build(root / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    slugs = [src.removesuffix(".md") for src in LESSONS]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a class="pk-path__title" href="([^"]*)/"', home) == slugs, "the learning path lists every lesson, in order"
    certificate = (site / "certificate" / "index.html").read_text(encoding="utf-8")
    for page in (home, certificate):  # the course's progress and completion count every lesson
        course = json.loads(unescape(re.search(r'data-lessons="([^"]*)"', page).group(1)))
        assert [lesson["id"] for lesson in course] == slugs
    last = (site / slugs[-1] / "index.html").read_text(encoding="utf-8")  # in the third module
    assert 'class="pk-lesson-time"' in last and f'data-lesson-visit="{slugs[-1]}"' in last
    assert "Module 3" in last and "Module 1" in last, "the nav shows the modules"
    assert all((site / "trainers" / "handouts" / slug / "index.html").is_file() for slug in slugs)
    # The lesson rules and the rule against pointing ahead reach lessons in every module.
    first, final = root / "docs" / LESSONS[0], root / "docs" / LESSONS[-1]
    first.write_text(first.read_text(encoding="utf-8").replace("\n## ", f"\n\nRead [the last lesson]({LESSONS[-1]}) first.\n\n## ", 1), encoding="utf-8")
    final.write_text(final.read_text(encoding="utf-8").replace("\ntitle: ", "\nreading_time: 8\ntitle: ", 1), encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", tmp_path / "broken")
    assert result.returncode == 1
    assert f"the link 'the last lesson' points ahead to lesson {len(LESSONS)} ({LESSONS[-1]}) from lesson 1" in result.stderr
    assert f"docs/{LESSONS[-1]}" in result.stderr and "'reading_time' is no longer typed by hand" in result.stderr, result.stderr

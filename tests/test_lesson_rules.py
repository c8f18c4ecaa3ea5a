"""Lesson rules live in `make check` and the build: each fires with its message, and a new lesson needs no Python."""

from __future__ import annotations

import re

import pytest

from course import cli
from course.lesson_rules import LESSON_RULES, check_lesson, forward_references
from course.validate import check_course
from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import add_lesson, copy_course, lesson_text, quiz_text

NAME, TITLE = "first-impressions", "First impressions"
GOOD = lesson_text(NAME, TITLE)


def test_the_fixture_lesson_passes_every_rule() -> None:
    assert check_lesson(f"docs/{NAME}.md", GOOD) == []


MUTATIONS = {
    "lesson-length": (lambda t: lesson_text(NAME, TITLE, words=300), "the lesson has"),
    "reading-time": (lambda t: t.replace("title: First impressions\n", "title: First impressions\nreading_time: 8\n", 1),
                     "'reading_time' is no longer typed by hand — delete the line: the build works out the lesson's time"),
    "objectives": (lambda t: t.replace("    - greet a new customer in a way they notice\n", "").replace("    - handle a question you cannot answer yet\n", ""),
                   "the objectives box has 2 points — give it 3 to 5"),
    "heading-anchor": (lambda t: t.replace("## Greeting people well { #greeting }", "## Greeting people well"),
                       "the heading '## Greeting people well' has no stable anchor — end it with '{ #greeting-people-well }'"),
    "lesson-section": (lambda t: t.replace("## Try it { #try-it }", "## Try it yourself { #try }"),
                       "no section with the anchor '#try-it' — add '## Try it { #try-it }'"),
    "takeaways": (lambda t: t.replace("- A name used well is remembered.\n", "").replace("- The second visit decides the habit.\n", ""),
                  "'Key takeaways' has 3 points — give it 4 to 6"),
    "lesson-quiz": (lambda t: t + f"\n<!-- quiz: {NAME} -->\n", "the lesson embeds a second quiz"),
    "front-matter": (lambda t: t.replace("title: First impressions", "titel: First impressions", 1),
                     "unknown front-matter key 'titel' — did you mean 'title'?"),
}


@pytest.mark.parametrize("rule", sorted(MUTATIONS))
def test_each_lesson_rule_names_the_file_and_the_fix(rule: str) -> None:
    mutate, words = MUTATIONS[rule]
    problems = check_lesson(f"docs/{NAME}.md", mutate(GOOD))
    assert [p.rule for p in problems] == [rule], [str(p) for p in problems]
    assert str(problems[0]).startswith(f"docs/{NAME}.md"), problems[0]
    assert words in str(problems[0]) and " — " in str(problems[0])


def test_a_problem_in_the_body_carries_its_line_in_the_file() -> None:
    text = MUTATIONS["heading-anchor"][0](GOOD)
    line = text.splitlines().index("## Greeting people well") + 1
    assert check_lesson(f"docs/{NAME}.md", text)[0].line == line


def test_a_lesson_quiz_has_five_to_eight_questions_of_both_kinds() -> None:
    quiz = quiz_text(NAME, TITLE)
    short = quiz[: quiz.index("  - id: question-3")]  # two single questions
    result = check_course({f"quizzes/{NAME}.yml": short}, {f"{NAME}.md": GOOD}, lessons=[f"{NAME}.md"])
    messages = [str(p) for p in result.problems if p.rule in {"quiz-length", "quiz-mix"}]
    assert messages == [
        f"quizzes/{NAME}.yml: the quiz has 2 questions — a lesson quiz has 5 to 8; add questions",
        f"quizzes/{NAME}.yml: every question is of one type — a lesson quiz mixes 'single' and 'multiple'; make at least one 'multiple'",
    ]
    # The same quiz on a page that is not a lesson (a fixture, a demo) is not held to it.
    other = check_course({f"quizzes/{NAME}.yml": short}, {f"{NAME}.md": GOOD})
    assert not [p for p in other.problems if p.rule in {"quiz-length", "quiz-mix"}]


def test_every_lesson_rule_is_tested_and_documented() -> None:
    tested = set(MUTATIONS) | {"not-in-nav", "placeholder", "forward-reference"}
    assert tested == set(LESSON_RULES)
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    table = guide[guide.index("{ #lesson-rules }") :]
    assert set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE)) == set(LESSON_RULES)


def test_a_new_lesson_passes_the_checks_and_a_strict_build_without_touching_python(tmp_path, capsys) -> None:
    root = copy_course(tmp_path)
    add_lesson(root, NAME, TITLE)
    assert cli.main(["check", "--root", str(root)]) == 0, capsys.readouterr().err
    assert "OK: 9 quizzes" in capsys.readouterr().out
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    page = (root / "site" / NAME / "index.html").read_text(encoding="utf-8")
    assert f'data-quiz="{NAME}"' in page
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert f'data-quiz-status="{NAME}"' in home, "the learning path lists the new lesson"
    assert (root / "site" / "trainers" / "handouts" / NAME / "index.html").is_file(), "and its handout is made"
    guide = (root / "site" / "trainers" / "index.html").read_text(encoding="utf-8")
    assert re.search(f'href="handouts/{NAME}/"[^>]*>{TITLE} handout</a>', guide), "the facilitator guide lists it, from the nav"


def test_a_page_left_out_of_the_nav_is_reported_by_check_and_build(tmp_path, capsys) -> None:
    root = copy_course(tmp_path)
    add_lesson(root, NAME, TITLE)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"      - {NAME}.md\n", ""), encoding="utf-8")
    (root / "quizzes" / f"{NAME}.yml").unlink()
    (root / "docs" / f"{NAME}.md").write_text(f"# {TITLE}\n\nA page nobody linked.\n", encoding="utf-8")
    expected = f"docs/{NAME}.md: this page is not in the navigation — add it to 'nav:' in mkdocs.yml"
    assert cli.main(["check", "--root", str(root)]) == 1
    assert expected in capsys.readouterr().err
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 1 and expected in result.stderr
    assert result.stderr.count("WARNING") == 1, "one message, ours (MkDocs' own note is only INFO)"


def test_history_works_for_a_lesson_not_committed_yet(tmp_path) -> None:
    import subprocess

    root = copy_course(tmp_path)
    git = ["git", "-C", str(root), "-c", "user.name=Editor", "-c", "user.email=editor@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "The course"], check=True)
    add_lesson(root, NAME, TITLE)  # saved, not committed
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    assert "Last updated" not in (root / "site" / NAME / "index.html").read_text(encoding="utf-8")
    assert "Last updated" in (root / "site" / "relationship-bank" / "index.html").read_text(encoding="utf-8")


def test_make_lesson_writes_a_skeleton_whose_placeholders_the_checks_name(tmp_path, capsys) -> None:
    from course.validate import check_quiz

    root = copy_course(tmp_path)
    assert cli.main(["new-lesson", NAME, "--root", str(root), "--title", TITLE]) == 0
    assert f"wrote docs/{NAME}.md" in capsys.readouterr().out
    assert cli.lesson_order(root / "mkdocs.yml")[-1] == f"{NAME}.md", "listed last under Lessons"
    lesson = (root / "docs" / f"{NAME}.md").read_text(encoding="utf-8")
    quiz = (root / "quizzes" / f"{NAME}.yml").read_text(encoding="utf-8")

    assert cli.main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    first_todo = next(n for n, line in enumerate(lesson.splitlines(), 1) if "TODO" in line)
    assert f"docs/{NAME}.md:{first_todo}: this line still holds a 'TODO' placeholder — write the text and remove 'TODO'" in err
    quiz_todo = next(n for n, line in enumerate(quiz.splitlines(), 1) if "TODO" in line)
    assert f"quizzes/{NAME}.yml:{quiz_todo}: question 'question-1': this line still holds a 'TODO' placeholder" in err
    # Structure is right from the start: only the writing is missing.
    assert not any("no section" in line or "anchor" in line or "objectives" in line for line in err.splitlines()), err

    # The quiz skeleton is a valid quiz once its placeholders are written.
    filled = quiz.replace("TODO ", "Written ")
    written, problems = check_quiz(f"quizzes/{NAME}.yml", filled)
    assert written is not None and not [p for p in problems if p.fatal], [str(p) for p in problems]
    assert not [p for p in problems if p.rule in {"placeholder", "same-position", "feedback-missing"}], [str(p) for p in problems]

    # Written properly (here: the fixture lesson and quiz), the new lesson passes.
    (root / "docs" / f"{NAME}.md").write_text(lesson_text(NAME, TITLE), encoding="utf-8")
    (root / "quizzes" / f"{NAME}.yml").write_text(quiz_text(NAME, TITLE), encoding="utf-8")
    assert cli.main(["check", "--root", str(root)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(("name", "expected"), [("First Impressions", "is not a lesson name"), ("relationship-bank", "already exists")])
def test_make_lesson_refuses_a_bad_or_taken_name(tmp_path, capsys, name: str, expected: str) -> None:
    root = copy_course(tmp_path)
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert cli.main(["new-lesson", name, "--root", str(root)]) == 1
    assert expected in capsys.readouterr().err
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == before, "nothing half-done"


def test_a_link_to_a_later_lesson_must_say_it_is_later() -> None:
    lessons = [
        ("first.md", "# First\n\nSee [the bank](bank.md#rules) for more. Later in the course, [the bank](bank.md) returns.\n"
                     "The [last lesson](last.md) comes later in the course.\n"),
        ("bank.md", "# Bank\n\nAs [the first lesson](first.md) showed, trust matters.\n\n```md\n[x](last.md)\n```\n"),
        ("last.md", "# Last\n\nBack to [the bank](bank.md).\n"),
    ]
    problems = forward_references(lessons)
    assert [str(p) for p in problems] == [
        "docs/first.md:3: the link 'the bank' points ahead to lesson 2 (bank.md) from lesson 1 — learners have not read it yet: "
        "say 'later in the course' in the sentence, or point back to what they know",
    ]


def test_the_course_never_points_ahead_and_check_and_build_catch_it(tmp_path, capsys) -> None:
    root = copy_course(tmp_path)
    assert cli.main(["check", "--root", str(root)]) == 0, capsys.readouterr().err
    first = root / "docs" / cli.lesson_order(root / "mkdocs.yml")[0]
    last = cli.lesson_order(root / "mkdocs.yml")[-1]
    first.write_text(first.read_text(encoding="utf-8").replace("\n## ", f"\n\nRead [the last lesson]({last}) first.\n\n## ", 1), encoding="utf-8")
    assert cli.main(["check", "--root", str(root)]) == 1
    expected = f"the link 'the last lesson' points ahead to lesson {len(cli.lesson_order(root / 'mkdocs.yml'))} ({last}) from lesson 1"
    assert expected in capsys.readouterr().err
    result = run_mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1 and expected in result.stderr

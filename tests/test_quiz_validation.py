"""One test per validation rule, each from a small fixture in tests/fixtures/quiz-errors/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course import cli
from course.validate import RULES, WARNING_RULES, check_course, check_quiz
from tests.conftest import run_mkdocs_build

FIXTURES = Path(__file__).parent / "fixtures" / "quiz-errors"
EXPECT = re.compile(r"^# expect: (?P<fields>.*)$", re.MULTILINE)

VALID_QUIZ = """\
title: Fixture quiz
questions:
  - id: deposits-first
    type: single
    prompt: Which comes first?
    options:
      - text: Deposits
        correct: true
        feedback: Goodwill paid in first is what a later slip draws on.
      - text: Withdrawals
        feedback: A withdrawal with nothing saved leaves the account overdrawn.
    explanation: Deposits build the balance you later draw on.
    see: lesson.md#three-rules
"""


def lesson(*quiz_ids: str) -> str:
    """A fixture lesson with one anchored section that embeds the given quizzes."""
    embeds = "\n\n".join(f"<!-- quiz: {quiz_id} -->" for quiz_id in quiz_ids)
    return f"# Lesson\n\n## The three rules {{ #three-rules }}\n\nText.\n\n{embeds}\n"


def make_project(root: Path, quizzes: dict[str, str], pages: dict[str, str]) -> Path:
    """A minimal project folder (quizzes/ and docs/) for `course.cli check`."""
    for name, text in quizzes.items():
        (root / "quizzes").mkdir(exist_ok=True)
        (root / "quizzes" / name).write_text(text, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


def expectations(path: Path) -> dict[str, str]:
    """The `# expect: rule=... line=... question=...` header of a fixture."""
    match = EXPECT.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no '# expect:' line"
    return dict(re.findall(r"(\w+)=(.+?)(?= \w+=|$)", match.group("fields")))


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit status and error output of `python -m course.cli check` on a project folder."""
    status = cli.main(["check", "--root", str(root)])
    return status, capsys.readouterr().err


FILE_FIXTURES = sorted(path for path in FIXTURES.glob("*.yml") if "# expect:" in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fixture", FILE_FIXTURES, ids=lambda p: p.stem)
def test_quiz_file_rule(fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = expectations(fixture)
    root = make_project(tmp_path, {fixture.name: fixture.read_text(encoding="utf-8")}, {"lesson.md": lesson(fixture.stem)})

    status, err = run_check(root, capsys)

    assert status == 1
    where = f"quizzes/{fixture.name}" + (f":{expected['line']}" if "line" in expected else "")
    about = f" question '{expected['question']}':" if "question" in expected else ""
    assert f"{where}:{about} " in err, err
    # Exactly this rule fired, once: the fixture has one mistake and the message explains a fix.
    problems = check_course({f"quizzes/{fixture.name}": fixture.read_text(encoding="utf-8")}, {"lesson.md": lesson(fixture.stem)}).problems
    assert [p.rule for p in problems] == [expected["rule"]], [str(p) for p in problems]
    assert " — " in str(problems[0]), "every message says how to fix the problem"


def test_the_valid_fixture_quiz_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"bank.yml": VALID_QUIZ}, {"lesson.md": lesson("bank")})
    status = cli.main(["check", "--root", str(root)])
    assert status == 0
    assert "OK: 1 quizzes" in capsys.readouterr().out


def test_three_mistakes_are_all_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FIXTURES / "three-mistakes.yml").read_text(encoding="utf-8")
    root = make_project(tmp_path, {"three-mistakes.yml": text}, {"lesson.md": lesson("three-mistakes")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "quizzes/three-mistakes.yml:3: pass_mark 0 is outside 1–100" in err
    assert "quizzes/three-mistakes.yml:8: question 'deposits-first': a 'single' question needs exactly one right option" in err
    assert "quizzes/three-mistakes.yml:19: question 'thank-first': unknown key 'explaination' — did you mean 'explanation'?" in err


def test_missing_quiz_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"bank.yml": VALID_QUIZ}, {"lesson.md": lesson("bank", "bnak")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "docs/lesson.md:9: embeds the quiz 'bnak', but there is no file quizzes/bnak.yml — did you mean 'bank'?" in err


def test_quiz_embedded_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"bank.yml": VALID_QUIZ}, {"lesson.md": lesson("bank"), "other.md": lesson("bank")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "docs/other.md:7: the quiz 'bank' is already embedded at docs/lesson.md:7" in err


def test_each_page_gets_the_quizzes_it_embeds_and_no_other() -> None:
    """The quiz hook embeds from this map, made once per build: a page's own quizzes only."""
    spare = VALID_QUIZ.replace("see: lesson.md#three-rules", "see: other.md#three-rules")
    check = check_course(
        {"quizzes/bank.yml": VALID_QUIZ, "quizzes/spare.yml": spare},
        {"lesson.md": lesson("bank"), "other.md": lesson("spare"), "index.md": "# Home\n"},
    )
    assert not check.fatal, check.problems
    by_page = check.by_page()
    assert {page: list(quizzes) for page, quizzes in by_page.items()} == {"lesson.md": ["bank"], "other.md": ["spare"]}
    assert by_page["other.md"]["spare"] is check.quizzes["spare"]


def test_quiz_not_embedded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"bank.yml": VALID_QUIZ, "spare.yml": VALID_QUIZ}, {"lesson.md": lesson("bank")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "quizzes/spare.yml: the quiz 'spare' is not embedded in any lesson — add the line '<!-- quiz: spare -->'" in err


def test_see_link_to_a_missing_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = VALID_QUIZ.replace("see: lesson.md#three-rules", "see: lessons.md#three-rules")
    root = make_project(tmp_path, {"bank.yml": quiz}, {"lesson.md": lesson("bank")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "quizzes/bank.yml:13: question 'deposits-first': 'see: lessons.md#three-rules' points to a page that does not exist — did you mean 'lesson.md'?" in err


def test_see_link_to_a_missing_anchor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = VALID_QUIZ.replace("see: lesson.md#three-rules", "see: lesson.md#three-rule")
    root = make_project(tmp_path, {"bank.yml": quiz}, {"lesson.md": lesson("bank")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "quizzes/bank.yml:13: question 'deposits-first': 'see: lesson.md#three-rule': docs/lesson.md has no heading with the anchor '#three-rule' — did you mean '#three-rules'?" in err


def lesson_with_objectives(quiz_id: str) -> str:
    """A fixture lesson with a two-point objectives box, as every course lesson has."""
    box = '!!! objectives "After this lesson you can"\n\n    - explain deposits\n    - plan deposits in your\n      own daily work\n\n'
    return lesson(quiz_id).replace("## The three rules", box + "## The three rules")


def test_an_objective_no_question_assesses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = VALID_QUIZ.replace("    see: lesson.md", "    objectives: [1]\n    see: lesson.md")
    root = make_project(tmp_path, {"bank.yml": quiz}, {"lesson.md": lesson_with_objectives("bank")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert ("quizzes/bank.yml: objective 2 of docs/lesson.md ('plan deposits in your own daily work') is assessed by no question"
            " — write a question that tests it and give it 'objectives: [2]'") in err
    assert "objective 1" not in err


def test_an_objective_number_the_lesson_lacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = VALID_QUIZ.replace("    see: lesson.md", "    objectives: [1, 2, 3]\n    see: lesson.md")
    root = make_project(tmp_path, {"bank.yml": quiz}, {"lesson.md": lesson_with_objectives("bank")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "quizzes/bank.yml:13: question 'deposits-first': 'objectives' names objective 3, but docs/lesson.md lists 2 — use a number from 1 to 2" in err
    assert "assessed by no question" not in err


def test_a_quiz_assessing_every_objective_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = VALID_QUIZ.replace("    see: lesson.md", "    objectives: [1, 2]\n    see: lesson.md")
    root = make_project(tmp_path, {"bank.yml": quiz}, {"lesson.md": lesson_with_objectives("bank")})
    assert run_check(root, capsys)[0] == 0


def test_item_warnings_keep_the_quiz_on_the_page(tmp_path: Path) -> None:
    """An item-writing cue is a warning: `mkdocs serve` still shows the quiz, `--strict` fails."""
    quiz, problems = check_quiz("quizzes/bank.yml", VALID_QUIZ.replace("        feedback: Goodwill paid in first is what a later slip draws on.\n", ""))
    assert quiz is not None and [p.rule for p in problems] == ["feedback-missing"]
    assert not problems[0].fatal


def test_a_misspelt_allow_entry_suggests_the_rule(tmp_path: Path) -> None:
    quiz, problems = check_quiz("quizzes/bank.yml", VALID_QUIZ.replace("    see: lesson.md", "    allow: [longest-rigth]\n    see: lesson.md"))
    assert quiz is None
    assert [str(p) for p in problems] == [
        "quizzes/bank.yml:13: question 'deposits-first': item 1 of 'allow' is 'longest-rigth', which is not a check that can be allowed here — did you mean 'longest-right'?"
    ]


def test_embed_syntax_shown_in_a_code_block_is_not_an_embed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = "# Guide\n\n```markdown\n<!-- quiz: your-quiz-id -->\n```\n"
    root = make_project(tmp_path, {"bank.yml": VALID_QUIZ}, {"lesson.md": lesson("bank"), "guide.md": guide})
    assert run_check(root, capsys)[0] == 0


def test_every_rule_has_a_test() -> None:
    """The rule list is what the authoring guide documents: each rule must be proven to fire."""
    by_fixture = {expectations(path)["rule"] for path in FILE_FIXTURES}
    by_test = {
        "missing-quiz-file", "quiz-embedded-twice", "quiz-not-embedded", "see-page-missing", "see-anchor-missing",
        "duplicate-quiz-id", "encoding", "objective-not-assessed", "objective-unknown",
        "quiz-length", "quiz-mix", "placeholder",  # in tests/test_lesson_rules.py
    }
    assert by_fixture | by_test == set(RULES)
    assert WARNING_RULES <= set(RULES)


def _fixture_site(root: Path, quiz_text: str) -> Path:
    docs = root / "docs"
    docs.mkdir()
    (docs / "lesson.md").write_text(lesson("bank"), encoding="utf-8")
    (root / "quizzes").mkdir()
    (root / "quizzes" / "bank.yml").write_text(quiz_text, encoding="utf-8")
    hooks = Path(__file__).resolve().parent.parent / "hooks"
    config = root / "mkdocs.yml"
    config.write_text(f"site_name: Fixture\nhooks:\n  - {hooks / 'quizzes.py'}\n", encoding="utf-8")
    return config


def test_build_stops_with_every_problem_and_no_traceback(tmp_path: Path) -> None:
    text = (FIXTURES / "three-mistakes.yml").read_text(encoding="utf-8")
    config = _fixture_site(tmp_path, text)
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "quizzes/bank.yml:3: pass_mark 0 is outside 1–100" in result.stderr
    assert "quizzes/bank.yml:8: question 'deposits-first':" in result.stderr
    assert "quizzes/bank.yml:19: question 'thank-first': unknown key 'explaination'" in result.stderr
    assert not (tmp_path / "site" / "lesson" / "index.html").exists(), "a broken quiz must not reach the site"


def test_strict_build_fails_on_a_warning_rule(tmp_path: Path) -> None:
    config = _fixture_site(tmp_path, VALID_QUIZ.replace("#three-rules", "#three-rulez"))
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert "quizzes/bank.yml:13: question 'deposits-first': 'see: lesson.md#three-rulez'" in result.stderr


def test_serve_watches_quiz_files_for_live_reload() -> None:
    """`make serve` rebuilds and reloads when a quiz (or the quiz format) changes."""
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("quiz_hooks", Path(__file__).resolve().parent.parent / "hooks" / "quizzes.py")
    assert spec and spec.loader
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    config = SimpleNamespace(config_file_path=str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    hooks.on_serve(server, config=config, builder=None)
    root = Path(__file__).resolve().parent.parent
    assert str(root / "quizzes") in watched and str(root / "schemas") in watched


def test_authoring_guide_lists_exactly_the_rules_the_validator_knows() -> None:
    guide = (Path(__file__).resolve().parent.parent / "docs" / "editing-quizzes.md").read_text(encoding="utf-8")
    table = guide[guide.index("{ #rules }") :]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE))
    assert documented == set(RULES)
    for rule in WARNING_RULES:
        assert f"`{rule}`" in table


def test_two_files_for_one_quiz_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"bank.yml": VALID_QUIZ, "bank.yaml": VALID_QUIZ}, {"lesson.md": lesson("bank")})
    status, err = run_check(root, capsys)
    assert status == 1
    assert "quizzes/bank.yml: quizzes/bank.yaml already defines the quiz 'bank' — keep one of the two files" in err


def test_a_file_not_saved_as_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "bank.yml").write_bytes(VALID_QUIZ.replace("Deposits first", "x").encode().replace(b"Which comes first?", b"Caf\xe9 first?"))
    make_project(tmp_path, {}, {"lesson.md": lesson("bank")})
    status, err = run_check(tmp_path, capsys)
    assert status == 1
    assert "quizzes/bank.yml:5: this line has characters that are not UTF-8" in err


@pytest.mark.parametrize(
    "text",
    [
        "? [a, b]\n: 1\n",  # a list as a key
        "title: T\nquestions: &a [*a]\n",  # a list that contains itself
        "a: &x {b: 1}\nc: *x\nd: *x\n",  # a mapping repeated by aliases
        "[" * 3000,  # nesting deeper than anyone writes
        "title: T\nquestions:\n  - null\n  - 7\n  - id: 3\n    type: single\n    prompt: P\n    options: [null, 'x', {text: a, correct: yes}]\n    explanation: E\n    see: 12\n",
    ],
)
def test_odd_yaml_is_reported_never_a_traceback(text: str) -> None:
    quiz, problems = check_quiz("quizzes/odd.yml", text)
    assert quiz is None and problems
    assert all(str(p).startswith("quizzes/odd.yml") for p in problems)


def test_an_id_with_a_line_break_is_not_a_slug() -> None:
    text = VALID_QUIZ.replace("  - id: deposits-first", '  - id: "deposits-first\\n"')
    _, problems = check_quiz("quizzes/bank.yml", text)
    assert [p.rule for p in problems] == ["bad-question-id"]


def test_a_tab_indent_is_called_a_tab() -> None:
    text = VALID_QUIZ.replace("    prompt: Which comes first?", "\tprompt: Which comes first?")
    _, problems = check_quiz("quizzes/bank.yml", text)
    assert [p.rule for p in problems] == ["yaml-syntax"]
    assert str(problems[0]).startswith("quizzes/bank.yml:5: question 'deposits-first': a tab is used for indentation")
    assert "indent with spaces only" in str(problems[0])


def test_an_over_indented_key_is_blamed_on_its_indentation() -> None:
    text = VALID_QUIZ.replace("        feedback: Goodwill", "          feedback: Goodwill")
    _, problems = check_quiz("quizzes/bank.yml", text)
    message = str(problems[0])
    assert message.startswith("quizzes/bank.yml:9: question 'deposits-first': 'feedback:' is indented further than the line above it")
    assert "line 'feedback:' up with the keys above it (8 spaces)" in message
    assert "': ' inside a value" not in message


def test_a_colon_inside_a_value_names_that_key_in_the_fix() -> None:
    text = VALID_QUIZ.replace("    prompt: Which comes first?", "    prompt: First things first: which?")
    _, problems = check_quiz("quizzes/bank.yml", text)
    message = str(problems[0])
    assert "a ': ' inside a value makes YAML read it as a new key" in message
    assert 'e.g. prompt: "Why: because"' in message


def test_yaml_fixes_differ_with_the_cause() -> None:
    tab = check_quiz("q.yml", VALID_QUIZ.replace("    prompt:", "\tprompt:"))[1][0].message
    colon = check_quiz("q.yml", VALID_QUIZ.replace("Which comes first?", "Which: first?"))[1][0].message
    assert tab.split(" — ")[-1] != colon.split(" — ")[-1]


def test_a_misspelt_key_is_one_message_with_a_suggestion() -> None:
    _, problems = check_quiz("quizzes/bank.yml", VALID_QUIZ.replace("    explanation:", "    explanaton:"))
    assert [str(p) for p in problems] == ["quizzes/bank.yml:12: question 'deposits-first': unknown key 'explanaton' — did you mean 'explanation'?"]


def test_one_problem_is_one_problem_in_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"bank.yml": VALID_QUIZ.replace("title: Fixture quiz", "title: Fixture quiz\npass_mark: 0")}, {"lesson.md": lesson("bank")})
    _, err = run_check(root, capsys)
    assert err.startswith("1 problem in the course content; fix it and run the check again:")


def test_a_misspelt_lesson_front_matter_key_is_named() -> None:
    from course.lessons import lesson_problems

    problems = lesson_problems("docs/bank.md", {"titel": "Bank", "description": "D"})
    assert problems == ["docs/bank.md: unknown front-matter key 'titel' — did you mean 'title'?"]

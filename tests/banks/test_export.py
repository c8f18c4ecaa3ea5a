"""`make question-banks`: which files it writes, what it says, and that it refuses a course with problems."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from course import cli
from course.banks import FORMATS, BankError
from course.banks.text import moodle_percents
from tests.banks.conftest import bank_from_files
from tests.conftest import ROOT


def _copy_course(target: Path) -> Path:
    for name in ("docs", "quizzes", "data"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def test_export_all_writes_five_files_and_names_what_aiken_leaves_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "all", "--root", str(ROOT), "--out", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.filename for f in FORMATS.values())
    for fmt in FORMATS.values():
        assert f"{tmp_path / fmt.filename}  ({fmt.label})" in out
    assert "5 question banks of " in out
    left_out = [line for line in err.splitlines() if "left out of the Aiken file" in line]
    assert left_out and all(line.startswith("  warning: quizzes/") for line in left_out)


def test_one_format_at_a_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "moodle", "--root", str(ROOT), "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["promises-kept.moodle.xml"]
    assert cli.main(["export", "scorm", "--root", str(ROOT), "--out", str(tmp_path)]) == 2
    assert "one of gift, moodle, qti12, qti21, aiken, or all" in capsys.readouterr().err


def test_a_course_with_quiz_problems_is_not_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy_course(tmp_path / "course")
    quiz = root / "quizzes" / "relationship-bank.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("explanation:", "explaination:", 1), encoding="utf-8")
    assert cli.main(["check", "--root", str(root)]) == 1
    report = capsys.readouterr().err
    assert cli.main(["export", "all", "--root", str(root), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(report), "the same report as make check"
    assert "unknown key 'explaination' — did you mean 'explanation'?" in err and "No question banks were written" in err
    assert not (tmp_path / "out").exists()


def test_the_same_course_gives_the_same_bytes(tmp_path: Path) -> None:
    """A rebuilt bank is byte-for-byte the same (zips included), so a changed file means changed questions."""
    for folder in ("one", "two"):
        assert cli.main(["export", "all", "--root", str(ROOT), "--out", str(tmp_path / folder)]) == 0
    for fmt in FORMATS.values():
        assert (tmp_path / "one" / fmt.filename).read_bytes() == (tmp_path / "two" / fmt.filename).read_bytes(), fmt.name


def test_more_right_options_than_moodle_can_split_is_a_clear_error(tmp_path: Path) -> None:
    options = "".join(f"      - text: Option {n}\n        correct: true\n        feedback: Right.\n" for n in range(11))
    quiz = tmp_path / "eleven.yml"
    quiz.write_text(f"title: Eleven\nquestions:\n  - id: eleven\n    type: multiple\n    prompt: Which?\n    options:\n{options}"
                    "    explanation: All of them.\n", encoding="utf-8")
    bank = bank_from_files("Course", quiz)
    with pytest.raises(BankError, match=r"^quizzes/eleven\.yml: question 'eleven': it has 11 right options, .* give it 10 or fewer$"):
        moodle_percents(bank.quizzes[0], bank.quizzes[0].questions[0])


def test_make_question_banks_is_a_target_and_in_the_help() -> None:
    help_text = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "make question-banks" in help_text
    dry = subprocess.run(["make", "-n", "question-banks"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "course.cli export all --out dist/question-banks" in dry

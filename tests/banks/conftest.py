"""The banks under test: the real course's and a hostile one, each exported once per session."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from course import cli
from course.banks import FORMATS, Bank, course_bank, export
from course.lessons import lesson_sources
from course.validate import check_quiz
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "banks"
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"


def bank_from_files(title: str, *files: Path) -> Bank:
    """A bank of quiz files outside the course, each checked as `make check` would (warnings allowed)."""
    quizzes = []
    for file in files:
        quiz, problems = check_quiz(f"quizzes/{file.name}", file.read_text(encoding="utf-8"))
        assert quiz is not None and not [p for p in problems if p.fatal], [str(p) for p in problems]
        quizzes.append(quiz)
    return Bank(title, tuple(quizzes))


@dataclass(frozen=True)
class Exported:
    """One bank and the folder its files were written to, with the warnings each format gave."""

    name: str
    bank: Bank
    folder: Path
    warnings: dict[str, tuple[str, ...]]

    def path(self, fmt: str) -> Path:
        """The file of one format."""
        return self.folder / FORMATS[fmt].filename


def _export(name: str, bank: Bank, folder: Path) -> Exported:
    written = export(bank, folder, list(FORMATS))
    return Exported(name, bank, folder, {fmt.name: warnings for _, fmt, warnings in written})


@pytest.fixture(scope="session")
def the_course(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The real course's quizzes, in lesson order, exported as `make question-banks` does."""
    result = cli.check(ROOT)
    assert not result.problems, cli.report(result)
    settings = cli.read_settings(ROOT / "mkdocs.yml")
    bank = course_bank(settings["site_name"], result.quizzes, result.placements, lesson_sources(settings["nav"]))
    return _export("course", bank, tmp_path_factory.mktemp("banks-course"))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """tests/golden/banks/hostile.yml, under a course title with a '/' and GIFT's control characters."""
    bank = bank_from_files("Course / {Tricks} & ~traps~", GOLDEN / "hostile.yml")
    return _export("hostile", bank, tmp_path_factory.mktemp("banks-hostile"))


@pytest.fixture(scope="session", params=["course", "hostile"])
def exported(request: pytest.FixtureRequest) -> Exported:
    """Each bank in turn: every round trip runs on the real course and on the hostile quiz."""
    return request.getfixturevalue("the_course" if request.param == "course" else "hostile")


def unzip(exported: Exported, fmt: str, folder: Path) -> Path:
    """One of a bank's zips, unpacked into folder."""
    with zipfile.ZipFile(exported.path(fmt)) as archive:
        archive.extractall(folder)
    return folder


def need_node_modules() -> None:
    """Fail (never skip) when the pinned npm readers are missing."""
    if not (NODE_MODULES / "gift-pegjs").is_dir() or shutil.which("node") is None:
        pytest.fail("the GIFT reader is missing: run the tests with `make test`, which installs Node.js and tests/js", pytrace=False)

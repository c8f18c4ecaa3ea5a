"""Seeded mutations of the real sources: no traceback, check and build agree, rejections name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import fuzz
from tests.lesson_fixture import copy_course

SEED, COUNT = 2026, 30
MUTANTS = list(fuzz.mutants(SEED, COUNT))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(tmp_path_factory.mktemp("fuzz"))


def test_the_mutants_cover_every_kind_of_slip_and_every_kind_of_file() -> None:
    assert {m.mutation for m in MUTANTS} == {mutation.__name__ for mutation in fuzz.MUTATIONS}
    kinds = {m.file.split("/")[0] for m in MUTANTS}
    assert kinds == {"quizzes", "data", "docs"}, kinds


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: f"{m.mutation}-{m.file.rsplit('/', 1)[-1]}")
def test_a_mutant_is_handled_the_same_by_check_and_build(mutant: fuzz.Mutant, work: Path) -> None:
    outcome = fuzz.run(mutant, work)
    assert not outcome.failures(), "\n".join(outcome.failures())

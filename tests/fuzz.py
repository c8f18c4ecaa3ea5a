"""Random text-level mutations of the course's sources, to prove `make check` and the build agree.

Each mutant changes one file (a quiz, the checklist data or a lesson) the way an editor's slip
would: a line deleted, duplicated, re-indented or swapped, a stray YAML character, a tab, a key
typo, a truncated file, a byte that is not UTF-8. For each, neither `make check` nor the strict
build may print a traceback, both must accept or both reject it, and a rejection must name the file.

The test suite runs a few dozen (tests/test_fuzz.py); for a larger run by hand:
`.venv/bin/python -m tests.fuzz --count 300 --seed 7`.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import copy_course

Mutation = Callable[[bytes, random.Random], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick(lines: list[bytes], rng: random.Random) -> int:
    filled = [i for i, line in enumerate(lines) if line.strip()] or [0]
    return rng.choice(filled)


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[_pick(lines, rng)]
    return b"\n".join(lines)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick(lines, rng)
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def reindent_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick(lines, rng)
    lines[i] = (b"  " + lines[i]) if rng.random() < 0.5 else lines[i][2:] if lines[i].startswith(b"  ") else b"   " + lines[i]
    return b"\n".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = min(_pick(lines, rng), len(lines) - 2)
    lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return b"\n".join(lines)


def stray_character(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick(lines, rng)
    at = rng.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:at] + rng.choice([b":", b": ", b"-", b'"', b"'", b"[", b"{", b"&", b"*", b"#", b"|", b">"]) + lines[i][at:]
    return b"\n".join(lines)


def tab_indent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick(lines, rng)
    lines[i] = b"\t" + lines[i].lstrip(b" ")
    return b"\n".join(lines)


def key_typo(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    keyed = [i for i, line in enumerate(lines) if re.match(rb"^\s*(- )?[a-z_]+:", line)]
    if not keyed:
        return stray_character(data, rng)
    i = rng.choice(keyed)
    match = re.match(rb"^(\s*(?:- )?)([a-z_]+):", lines[i])
    assert match
    key = bytearray(match.group(2))
    at = rng.randrange(len(key))
    key[at : at + 1] = rng.choice([b"", bytes([key[at]]) * 2, b"x"])
    lines[i] = match.group(1) + bytes(key) + lines[i][match.end(2) :]
    return b"\n".join(lines)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def bad_byte(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.choice([b"\xe9", b"\xff", b"\x80", b"\xc3("]) + data[at:]


MUTATIONS: list[Mutation] = [
    delete_line, duplicate_line, reindent_line, swap_lines, stray_character, tab_indent, key_typo, truncate, bad_byte,
]


def targets(root: Path = ROOT) -> list[str]:
    """The files editors change: every quiz, the checklist data and every lesson."""
    from course.cli import lesson_order

    lessons = [f"docs/{src}" for src in lesson_order(root / "mkdocs.yml")]
    quizzes = sorted(p.relative_to(root).as_posix() for p in (root / "quizzes").glob("*.yml"))
    return [*quizzes, "data/loyalty-checklist.yml", *lessons]


@dataclass(frozen=True)
class Mutant:
    """One file changed by one mutation."""

    file: str
    mutation: str
    data: bytes


def mutants(seed: int, count: int) -> Iterator[Mutant]:
    """count mutants, the same for the same seed; mutations and files taken in turn, then at random."""
    rng = random.Random(seed)
    files = targets()
    for n in range(count):
        mutation = MUTATIONS[n % len(MUTATIONS)]
        file = files[rng.randrange(len(files))]
        original = (ROOT / file).read_bytes()
        changed = mutation(original, rng)
        if changed == original:
            changed = delete_line(original, rng)
        yield Mutant(file, mutation.__name__, changed)


@dataclass(frozen=True)
class Outcome:
    """What `make check` and the strict build made of a mutant."""

    mutant: Mutant
    check_ok: bool
    build_ok: bool
    check_output: str
    build_output: str

    def failures(self) -> list[str]:
        """Everything wrong with how the mutant was handled; empty when all is well."""
        where = f"{self.mutant.mutation} on {self.mutant.file}"
        out = []
        for name, text in (("make check", self.check_output), ("the build", self.build_output)):
            if "Traceback" in text:
                out.append(f"{where}: {name} printed a traceback:\n{text[-1500:]}")
        if self.check_ok != self.build_ok:
            out.append(f"{where}: make check {'passed' if self.check_ok else 'failed'} but the build "
                       f"{'passed' if self.build_ok else 'failed'}:\ncheck: {self.check_output[-800:]}\nbuild: {self.build_output[-800:]}")
        if not self.check_ok and self.mutant.file not in self.check_output:
            out.append(f"{where}: make check's rejection does not name the file:\n{self.check_output[-800:]}")
        if not self.build_ok and self.mutant.file not in self.build_output and self.mutant.file.removeprefix("docs/") not in self.build_output:
            out.append(f"{where}: the build's rejection does not name the file:\n{self.build_output[-800:]}")
        return out


def run(mutant: Mutant, work: Path) -> Outcome:
    """Apply a mutant to a copy of the course in work, check and build it, then restore the file."""
    path = work / mutant.file
    original = path.read_bytes()
    path.write_bytes(mutant.data)
    try:
        check = subprocess.run([sys.executable, "-m", "course.cli", "check", "--root", str(work)],
                               capture_output=True, text=True, errors="replace", cwd=ROOT)
        build = run_mkdocs_build(work / "mkdocs.yml", work / "site")
    finally:
        path.write_bytes(original)
    return Outcome(mutant, check.returncode == 0, build.returncode == 0, check.stdout + check.stderr, build.stdout + build.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run many mutants by hand and print what went wrong, with a count."""
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = copy_course(Path(folder))
        bad = accepted = 0
        for mutant in mutants(args.seed, args.count):
            outcome = run(mutant, work)
            accepted += outcome.check_ok
            for failure in outcome.failures():
                bad += 1
                print(failure, "\n")
    print(f"{args.count} mutants (seed {args.seed}): {accepted} accepted by both, {args.count - accepted} rejected, {bad} failures")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

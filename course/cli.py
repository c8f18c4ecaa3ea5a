"""Command line: `python -m course.cli check` validates the course without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.sources import read_quiz_files
from course.validate import QuizCheck, check_course

__all__ = ["check", "report", "main"]


def report(result: QuizCheck) -> str:
    """Every problem, one per line, with a count editors can act on."""
    count = len(result.problems)
    lines = [f"{count} problem{'s' if count != 1 else ''} in the course content; fix them and run the check again:"]
    lines += [f"  {problem}" for problem in result.problems]
    return "\n".join(lines)


def check(root: Path) -> QuizCheck:
    """Check every quiz in root/quizzes against the lessons in root/docs."""
    docs = root / "docs"
    pages = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in sorted(docs.rglob("*.md"))}
    return check_course(read_quiz_files(root / "quizzes", root), pages)


def main(argv: list[str] | None = None) -> int:
    """Run a command; exit 1 when there is anything to fix."""
    parser = argparse.ArgumentParser(prog="python -m course.cli", description=__doc__)
    parser.add_argument("command", choices=["check"], help="check: validate quizzes, embeds and 'see' links")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    args = parser.parse_args(argv)
    result = check(args.root.resolve())
    if result.problems:
        print(report(result), file=sys.stderr)
        return 1
    print(f"OK: {len(result.quizzes)} quizzes, every embed and 'see' link checked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

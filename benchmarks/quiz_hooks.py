"""Benchmark: build time with the quiz hooks vs. the same site with them switched off.

Run with `.venv/bin/python benchmarks/quiz_hooks.py [repeats]`. Prints the median build time of
each variant and their ratio (target: at most 1.10). Not a test: timings vary by machine.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def build_seconds(config_file: Path, site_dir: str) -> float:
    """Wall time of one full in-process build (config loading included)."""
    start = time.perf_counter()
    build(load_config(str(config_file), site_dir=site_dir))
    return time.perf_counter() - start


def main(repeats: int = 7) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    # Same site, same lessons, every other hook on; only the quiz hook is off (embeds, worksheets
    # and the answer key stay as invisible comments).
    hooks = [hook for hook in load_config(str(ROOT / "mkdocs.yml"))["hooks"] if not hook.endswith("quizzes.py")]
    without = ROOT / ".benchmark-no-quizzes.yml"
    without.write_text("INHERIT: mkdocs.yml\nhooks:\n" + "".join(f"  - {h}\n" for h in hooks), encoding="utf-8")
    times: dict[str, list[float]] = {"with quiz hooks": [], "without": []}
    try:
        with tempfile.TemporaryDirectory() as out:
            build_seconds(ROOT / "mkdocs.yml", out)  # warm caches and imports
            for _ in range(repeats):  # alternate, so drift on a busy machine hits both alike
                times["with quiz hooks"].append(build_seconds(ROOT / "mkdocs.yml", out))
                times["without"].append(build_seconds(without, out))
    finally:
        without.unlink()
    with_quizzes, without_quizzes = (statistics.median(v) for v in times.values())
    print(f"with quiz hooks: {with_quizzes:.3f} s (median of {repeats})")
    print(f"without:         {without_quizzes:.3f} s (median of {repeats})")
    print(f"ratio:           {with_quizzes / without_quizzes:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)

"""Benchmark: build time as the course grows, with and without our hooks, with and without navigation.prune.

Run with `.venv/bin/python benchmarks/scale.py [--sizes 50,200,500] [--repeats 1]`. For each size it
writes a course of that many lessons into a temporary folder (the eight real lessons, then copies
of them with their own file names, titles, quizzes and nav entries, which pass every rule of the
build) and builds it four ways: as configured; with `hooks: []` (quiz embeds stay comments, no
handouts); and both again with `navigation.prune` added to the theme's features. It prints the
build time per lesson and our hooks' share, measured two ways: the difference from the build
without hooks, and the time spent inside our hook functions. The hooks' share should stay flat
as the course grows, and the time per lesson too (a linear build). Not a test: timings vary with
the machine and its load; compare the ratios.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lesson_fixture import add_to_nav, copy_course, copy_lesson  # noqa: E402 - after the path is set
from tests.test_site import LESSONS  # noqa: E402

VARIANTS = ("hooks", "no hooks", "hooks, prune", "no hooks, prune")


def make_course(root: Path, lessons: int) -> Path:
    """A copy of the course with `lessons` lessons, committed to a fresh git repository (the history hook reads it)."""
    if lessons < len(LESSONS):
        raise SystemExit(f"scale.py: a course here has at least the {len(LESSONS)} real lessons")
    copy_course(root)
    copies = [copy_lesson(root, LESSONS[i % len(LESSONS)], 2 + i // len(LESSONS)) for i in range(lessons - len(LESSONS))]
    add_to_nav(root, copies)
    features = load_config(str(root / "mkdocs.yml"))["theme"]["features"]
    prune = "".join(f"    - {feature}\n" for feature in [*features, "navigation.prune"])
    variants = {
        "hooks": "",
        "no hooks": "hooks: []\n",
        "hooks, prune": f"theme:\n  name: material\n  features:\n{prune}",
        "no hooks, prune": f"hooks: []\ntheme:\n  name: material\n  features:\n{prune}",
    }
    for name, settings in variants.items():
        (root / f"{name.replace(', ', '-').replace(' ', '-')}.yml").write_text(f"INHERIT: mkdocs.yml\n{settings}", encoding="utf-8")
    git = ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.invalid", "-C", str(root)]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Benchmark course"]):
        subprocess.run([*git, *command], check=True, capture_output=True)
    return root


#: The clock: CPU time of this process by default (a shared machine's other work barely moves it),
#: or wall time with --wall.
clock: Callable[[], float] = time.process_time


def _timed(method: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return method(*args, **kwargs)
        finally:
            spent[0] += clock() - start

    return wrapper


def build_seconds(config_file: Path, site_dir: str) -> tuple[float, float]:
    """Seconds of one full in-process build (config loading included), and the part inside our hooks."""
    start = clock()
    config = load_config(str(config_file), site_dir=site_dir)
    ours = set(config["hooks"])
    spent = [0.0]
    for methods in config.plugins.events.values():
        methods[:] = [_timed(m, spent) if getattr(m, "__module__", None) in ours else m for m in methods]
    build(config)
    return clock() - start, spent[0]


def variant_file(root: Path, variant: str) -> Path:
    return root / f"{variant.replace(', ', '-').replace(' ', '-')}.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="50,200,500", help="lesson counts, comma-separated (default: 50,200,500)")
    parser.add_argument("--repeats", type=int, default=1, help="builds of each variant and size; the median is shown (default: 1)")
    parser.add_argument("--wall", action="store_true", help="time by the wall clock instead of this process's CPU time")
    args = parser.parse_args()
    global clock
    if args.wall:
        clock = time.perf_counter
    sizes = [int(size) for size in args.sizes.split(",")]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.pop("SITE_URL", None)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            root = make_course(Path(folder) / f"course-{size}", size)
            out = str(Path(folder) / f"site-{size}")
            if size == sizes[0]:
                build_seconds(variant_file(root, "hooks"), out)  # warm imports and caches once
            times: dict[str, list[tuple[float, float]]] = {variant: [] for variant in VARIANTS}
            for _ in range(args.repeats):  # alternate, so drift on a busy machine hits every variant alike
                for variant in VARIANTS:
                    times[variant].append(build_seconds(variant_file(root, variant), out))
                    if variant == "hooks":
                        pages = sum(1 for _ in Path(out).rglob("*.html"))
            median = {v: (statistics.median(t for t, _ in runs), statistics.median(h for _, h in runs)) for v, runs in times.items()}
            rows.append((size, pages, median))
            print(f"built {size} lessons ({pages} pages)", file=sys.stderr, flush=True)

    header = (f"{'lessons':>7} {'pages':>5} | {'hooks s':>7} {'no hooks s':>10} {'share':>6} {'in hooks':>8} {'ms/lesson':>9}"
              f" | {'prune: hooks s':>14} {'no hooks s':>10} {'share':>6} {'in hooks':>8} {'ms/lesson':>9}")
    print(header)
    print("-" * len(header))
    for size, pages, m in rows:
        cells = []
        for on, off in (("hooks", "no hooks"), ("hooks, prune", "no hooks, prune")):
            (total, inside), (without, _) = m[on], m[off]
            cells.append((total, without, (total - without) / total, inside / total, 1000 * total / size))
        (a, b, c, d, e), (f, g, h, i, j) = cells
        print(f"{size:>7} {pages:>5} | {a:>7.2f} {b:>10.2f} {c:>6.1%} {d:>8.1%} {e:>9.1f} | {f:>14.2f} {g:>10.2f} {h:>6.1%} {i:>8.1%} {j:>9.1f}")
    print()
    print(f"seconds are {'wall-clock' if args.wall else 'CPU'} seconds of the build; pages = HTML files built with the hooks.")
    print("share = (hooks - no hooks) / hooks; in hooks = time inside our hook functions / build time.")
    first, last = rows[0], rows[-1]
    for variant in VARIANTS:
        growth = (last[2][variant][0] / last[0]) / (first[2][variant][0] / first[0])
        print(f"time per lesson, {last[0]} against {first[0]} lessons ({variant}): x{growth:.2f} (1.00 = linear)")
    inside = [(size, 1000 * m["hooks"][1] / size) for size, _, m in rows]
    print("time inside our hooks per lesson: " + ", ".join(f"{ms:.1f} ms at {size}" for size, ms in inside))
    print(f"repeats: {args.repeats} (median shown); timings are noisy on a shared machine: compare the ratios")


if __name__ == "__main__":
    main()

"""Benchmark: build time as the course grows, with and without our hooks, in three layouts of the nav.

Run with `.venv/bin/python benchmarks/scale.py [--sizes 50,200,500] [--repeats 1]`. For each size it
writes a course of that many lessons into a temporary folder (the eight real lessons, then copies
of them with their own file names, titles, quizzes and nav entries, which pass every rule of the
build) and builds it in three layouts, each with our hooks and with `hooks: []` (quiz embeds stay
comments, no handouts): `flat`, the course's own nav (every lesson in the one Lessons section);
`prune`, the same with `navigation.prune`; and `modules`, the lessons in modules of ten (sections
nested under Lessons, as a large course would be organised) with `navigation.prune`. It prints the
build time per lesson, the same without our hooks, and our hooks' share, measured two ways: the
difference from the build without hooks, and the time spent inside our hook functions.

What to expect: the hooks' time per lesson stays flat in every layout. Material writes the site
navigation into every page, so in `flat` and `prune` (prune cannot fold the Lessons section:
navigation.sections keeps it open) each lesson page lists every lesson and the build grows faster
than linearly; the trainers' pages (a handout per lesson) list only the top-level entries
(overrides/trainers.html). In `modules` a page lists its own module and one link per other
module, and the time per lesson stays about flat: a linear build. Not a test: timings vary with the
machine and its load; compare the ratios.
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

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lesson_fixture import add_to_nav, copy_course, copy_lesson, in_modules  # noqa: E402 - after the path is set
from tests.test_site import LESSONS  # noqa: E402

#: Each layout of the nav, built with and without our hooks: the course's own (every lesson in the
#: one Lessons section), the same with navigation.prune, and the lessons in modules of MODULE lessons
#: (nested sections, as a big course would be organised) with navigation.prune.
LAYOUTS = ("flat", "prune", "modules")
VARIANTS = tuple(f"{layout}, {hooks}" for layout in LAYOUTS for hooks in ("hooks", "no hooks"))
#: Lessons per module in the "modules" layout.
MODULE = 10


def make_course(root: Path, lessons: int) -> Path:
    """A copy of the course with `lessons` lessons, committed to a fresh git repository (the history hook reads it)."""
    if lessons < len(LESSONS):
        raise SystemExit(f"scale.py: a course here has at least the {len(LESSONS)} real lessons")
    copy_course(root)
    copies = [copy_lesson(root, LESSONS[i % len(LESSONS)], 2 + i // len(LESSONS)) for i in range(lessons - len(LESSONS))]
    add_to_nav(root, copies)
    config = load_config(str(root / "mkdocs.yml"))
    prune = "".join(f"    - {feature}\n" for feature in [*config["theme"]["features"], "navigation.prune"])
    prune = f"theme:\n  name: material\n  features:\n{prune}"
    nav = in_modules(config["nav"], MODULE)
    layouts = {"flat": "", "prune": prune, "modules": prune + yaml.safe_dump({"nav": nav}, sort_keys=False)}
    for layout, settings in layouts.items():
        variant_file(root, f"{layout}, hooks").write_text(f"INHERIT: mkdocs.yml\n{settings}", encoding="utf-8")
        variant_file(root, f"{layout}, no hooks").write_text(f"INHERIT: mkdocs.yml\nhooks: []\n{settings}", encoding="utf-8")
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
                build_seconds(variant_file(root, VARIANTS[0]), out)  # warm imports and caches once
            times: dict[str, list[tuple[float, float]]] = {variant: [] for variant in VARIANTS}
            for _ in range(args.repeats):  # alternate, so drift on a busy machine hits every variant alike
                for variant in VARIANTS:
                    times[variant].append(build_seconds(variant_file(root, variant), out))
                    if variant == VARIANTS[0]:
                        pages = sum(1 for _ in Path(out).rglob("*.html"))
            median = {v: (statistics.median(t for t, _ in runs), statistics.median(h for _, h in runs)) for v, runs in times.items()}
            rows.append((size, pages, median))
            print(f"built {size} lessons ({pages} pages)", file=sys.stderr, flush=True)

    header = f"{'lessons':>7} {'pages':>5}  {'layout':<8} {'build s':>7} {'ms/lesson':>9} {'no hooks':>8} {'share':>6} {'in hooks':>8}"
    print(header)
    print("-" * len(header))
    for size, pages, m in rows:
        for layout in LAYOUTS:
            (total, inside), (without, _) = m[f"{layout}, hooks"], m[f"{layout}, no hooks"]
            print(f"{size:>7} {pages:>5}  {layout:<8} {total:>7.2f} {1000 * total / size:>9.1f} {1000 * without / size:>8.1f}"
                  f" {(total - without) / total:>6.1%} {1000 * inside / size:>8.1f}")
    print()
    print(f"build s: {'wall-clock' if args.wall else 'CPU'} seconds of the build with our hooks; ms/lesson: the same per lesson;")
    print("no hooks: ms/lesson of the build with `hooks: []` (no quizzes, no handouts); share = (hooks - no hooks) / hooks;")
    print("in hooks: ms/lesson spent inside our hook functions. pages = HTML files built with the hooks.")
    print(f"layouts: flat = the course's nav (every lesson in Lessons); prune = flat + navigation.prune; "
          f"modules = lessons in modules of {MODULE} + navigation.prune")
    first, last = rows[0], rows[-1]
    for variant in VARIANTS:
        growth = (last[2][variant][0] / last[0]) / (first[2][variant][0] / first[0])
        print(f"time per lesson, {last[0]} against {first[0]} lessons ({variant}): x{growth:.2f} (1.00 = linear)")
    print(f"repeats: {args.repeats} (median shown); timings are noisy on a shared machine: compare the ratios")

if __name__ == "__main__":
    main()

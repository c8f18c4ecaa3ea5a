"""Benchmark: Lighthouse accessibility and performance on the home page, a lesson with its quiz and the checklist.

Run with `.venv/bin/python benchmarks/lighthouse.py [--port 8000] [--runs 1]`. Builds the site with
`site_url` at http://127.0.0.1:PORT/ (instant navigation needs the served origin to match),
serves it there gzipped, as a static host such as GitHub Pages does, and runs Lighthouse
(npm `lighthouse@12.8.2`, through npx; Node.js 18.20+) in the Chromium the tests use, mobile (its
default: a mid-range phone on a slow 4G network, simulated) and desktop (`--preset=desktop`).
Prints each page's scores, the metrics behind performance, and the ids of the audits that fail.
Targets from issue 11: accessibility 100 everywhere, performance at least 95 on mobile.
Not a test: performance scores move by a few points from run to run, more on a busy machine.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course import pdf  # noqa: E402 - after the path is set
from course.browser import HOW_TO_GET_ONE, find_chromium  # noqa: E402 - after the path is set

LIGHTHOUSE = "lighthouse@12.8.2"
PAGES = {"home": "", "lesson + quiz": "relationship-bank/", "checklist": "checklist/"}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time", "CLS": "cumulative-layout-shift", "SI": "speed-index"}
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text gzipped when the browser accepts it (as a production static host does)."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=None)
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serve(site: Path, port: int) -> Iterator[str]:
    """Serve site gzipped on 127.0.0.1:port for as long as the block runs; yields the base URL."""
    served = pdf.serve(site, port, _GzipHandler)
    try:
        base = served.__enter__()  # binds the port: the only step here that fails when it is taken
    except OSError as error:
        raise SystemExit(f"lighthouse.py: cannot serve on 127.0.0.1:{port} ({error.strerror}) — stop what uses it, or pass --port") from None
    try:
        yield base
    finally:
        served.__exit__(None, None, None)


def build_site(site: Path, base: str) -> None:
    """A strict build of the course with site_url at the address it is served from."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    env.pop("EDIT_URI", None)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    if built.returncode != 0:
        raise SystemExit(f"lighthouse.py: the build failed:\n{built.stderr}")


def lighthouse(url: str, flags: list[str], chromium: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run; its JSON report."""
    command = [
        "npx", "--yes", LIGHTHOUSE, url, *flags,
        "--only-categories=accessibility,performance",
        "--output=json", f"--output-path={out}", "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run",
    ]
    run = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True)
    if run.returncode != 0 or not out.is_file():
        raise SystemExit(f"lighthouse.py: Lighthouse failed on {url}:\n{run.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def failing(report: dict[str, Any], category: str) -> list[str]:
    """Ids of the category's audits that fall short (below 0.9, Lighthouse's own 'pass').

    Lighthouse 12 reports most performance findings twice, as an audit and as an '-insight';
    only the audit is listed.
    """
    ids = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        scored = audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"} and audit.get("score") is not None
        if scored and audit["score"] < 0.9 and not ref["id"].endswith("-insight"):
            ids.append(ref["id"])
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1; the build's site_url uses it (default: 8000, as make serve)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page and form factor; the median score is shown (default: 1)")
    parser.add_argument("--save", type=Path, help="keep every JSON report in this folder (open one at googlechrome.github.io/lighthouse/viewer)")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit(HOW_TO_GET_ONE)
    if shutil.which("npx") is None:
        raise SystemExit("lighthouse.py needs Node.js and npx (Debian/Ubuntu: apt-get install nodejs npm)")
    base = f"http://127.0.0.1:{args.port}/"
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(site, base)
        with serve(site, args.port):
            for form, flags in FORM_FACTORS.items():
                for name, path in PAGES.items():
                    reports_dir = args.save or Path(folder)
                    reports_dir.mkdir(parents=True, exist_ok=True)
                    slug = f"{form}-{name.replace(' + ', '-').replace(' ', '-')}"
                    reports = [lighthouse(base + path, flags, chromium, reports_dir / f"{slug}-{n + 1}.json") for n in range(args.runs)]
                    scores = {c: statistics.median(round(100 * r["categories"][c]["score"]) for r in reports) for c in ("accessibility", "performance")}
                    # The metrics and failing audits of the run with the median performance score.
                    report = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
                    metrics = {label: report["audits"][audit_id]["displayValue"].replace("\xa0", " ") for label, audit_id in METRICS.items()}
                    fails = {"accessibility": failing(report, "accessibility"), "performance": failing(report, "performance")}
                    rows.append((form, name, scores, metrics, fails))
                    print(f"{form} {name}: done", file=sys.stderr, flush=True)

    header = f"{'form':<8} {'page':<14} {'a11y':>4} {'perf':>4}  " + "  ".join(f"{label:>7}" for label in METRICS)
    print(header)
    print("-" * len(header))
    for form, name, scores, metrics, _ in rows:
        print(f"{form:<8} {name:<14} {scores['accessibility']:>4} {scores['performance']:>4}  " + "  ".join(f"{metrics[label]:>7}" for label in METRICS))
    print()
    print("failing audits (accessibility; performance):")
    for form, name, _, _, fails in rows:
        print(f"  {form} {name}: {', '.join(fails['accessibility']) or 'none'}; {', '.join(fails['performance']) or 'none'}")
    print()
    print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, {args.runs} run(s) each (median); targets: accessibility 100, performance >= 95 on mobile.")
    mobile = [row for row in rows if row[0] == "mobile"]
    short = [f"{name} {scores['performance']}" for _, name, scores, _, _ in mobile if scores["performance"] < 95]
    print("mobile performance: " + ("every page at 95 or more" if not short else "below 95 on " + ", ".join(short)))


if __name__ == "__main__":
    main()

"""Shared fixtures: one strict build of the real site per test session, and real Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from course.browser import HOW_TO_GET_ONE, find_chromium

ROOT = Path(__file__).resolve().parent.parent


def run_mkdocs_build(
    config_file: Path, site_dir: Path, *extra: str, site_url: str | None = None, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` the way `make build` does and return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The build reads these from the environment; a test sets them explicitly or not at all.
    for name in ("SITE_URL", "EDIT_URI", "GITHUB_ACTIONS"):
        env.pop(name, None)
    env.update(env_extra or {})
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir), *extra],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
    )


def free_port() -> int:
    """A TCP port nothing listens on now, for a server a test starts on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course, built once with `--strict` for every test that reads the output."""
    out = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, f"strict build of the course failed:\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the Chromium the browser tests drive; a missing browser fails, never skips."""
    path = find_chromium()
    if path is None:
        pytest.fail(HOW_TO_GET_ONE, pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_path: str) -> dict:
    """Launch the system Chromium (Playwright cannot download its own here) without phoning home."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }

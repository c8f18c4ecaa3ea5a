"""Finding Chromium: an explicit CHROMIUM wins, a wrong one is reported, never silently ignored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course import browser


def test_chromium_env_var_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CHROMIUM", str(fake))
    assert browser.find_chromium() == str(fake)


def test_a_wrong_chromium_path_fails_with_advice(tmp_path: Path) -> None:
    env = {"CHROMIUM": str(tmp_path / "missing"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "course.browser"], env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "not an executable file" in result.stderr and "set CHROMIUM" in result.stderr


def test_nothing_on_path_finds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert browser.find_chromium() is None

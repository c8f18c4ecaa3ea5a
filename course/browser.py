"""Find the Chromium that browser tests and PDF handouts drive, installing Debian's when allowed.

``python -m course.browser`` prints the browser's path (exit 0) or says how to get one (exit 1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["CANDIDATES", "find_chromium", "ensure_chromium", "HOW_TO_GET_ONE"]

#: Executable names tried, in order, when the CHROMIUM environment variable is not set.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

HOW_TO_GET_ONE = (
    "No Chromium found. The browser tests need a real Chromium or Chrome.\n"
    "  - On Debian/Ubuntu: sudo apt-get install chromium   (or run `make test` as root to install it)\n"
    "  - On macOS: install Google Chrome, then\n"
    "      export CHROMIUM='/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'\n"
    "  - Anywhere: set CHROMIUM to the path of a Chromium or Chrome executable."
)


def find_chromium() -> str | None:
    """The path of a usable Chromium: $CHROMIUM if set, else the first candidate on PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() and os.access(explicit, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _can_install_with_apt() -> bool:
    return (
        hasattr(os, "geteuid")
        and os.geteuid() == 0
        and Path("/etc/debian_version").exists()
        and shutil.which("apt-get") is not None
    )


def ensure_chromium() -> str | None:
    """Find Chromium; as root on Debian/Ubuntu install Debian's package when there is none."""
    found = find_chromium()
    if found or os.environ.get("CHROMIUM") or not _can_install_with_apt():
        return found
    print("No Chromium on PATH: installing Debian's chromium package (about 30 s)...", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            return None
    return find_chromium()


def main() -> int:
    """Print Chromium's path, or explain how to get one."""
    path = ensure_chromium()
    if path is None:
        if os.environ.get("CHROMIUM"):
            print(f"CHROMIUM is set to {os.environ['CHROMIUM']!r}, which is not an executable file.", file=sys.stderr)
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

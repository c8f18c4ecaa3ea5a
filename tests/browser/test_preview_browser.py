"""The editors' preview (`make serve`): broken content answers at once with the problems, never a hung server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from course import preview
from tests.conftest import free_port, run_mkdocs_build
from tests.lesson_fixture import copy_course

BROKEN_KEY = "titel: The relationship bank"
MESSAGE = "quizzes/relationship-bank.yml:2: unknown key 'titel' — did you mean 'title'?"


class Preview:
    """`mkdocs serve` as `make serve` runs it, on a copy of the course and a free port."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.log = root / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=root, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}/"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"mkdocs serve stopped:\n{self.output()}")
            if condition():
                return
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}:\n{self.output()[-3000:]}")

    def get(self, path: str) -> str:
        """A page of the preview, which must answer within 2 seconds."""
        started = time.monotonic()
        with urllib.request.urlopen(self.url + path, timeout=2) as response:
            body = response.read().decode("utf-8")
        assert time.monotonic() - started < 2
        return body

    def poll(self, path: str) -> str:
        """A page of the preview, or '' while a rebuild keeps the server busy (for waiting on a change)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Preview]:
    server = Preview(copy_course(tmp_path))
    server.wait_for(lambda: "Serving on" in server.output(), "the first build")
    yield server
    server.stop()


def test_broken_content_shows_every_problem_on_every_page_then_the_page_comes_back(served: Preview, browser: Browser) -> None:
    quiz = served.root / "quizzes" / "relationship-bank.yml"
    good = quiz.read_text(encoding="utf-8")
    page = browser.new_page()
    page.goto(served.url + "relationship-bank/")
    expect(page.locator('form[data-quiz="relationship-bank"]')).to_be_visible()

    quiz.write_text(good.replace("title: The relationship bank", BROKEN_KEY, 1), encoding="utf-8")
    served.wait_for(lambda: served.output().count(MESSAGE) >= 1, "the problem in the terminal")
    for path in ("relationship-bank/", "", "checklist/"):
        body = served.get(path)
        assert "cannot be shown until these problems are fixed" in body
        assert MESSAGE.replace("'", "&#x27;") in body, path
        assert "livereload" in body, "the error page reloads itself when the content changes"
    # The open tab switched to the error page by itself (live reload).
    expect(page.get_by_role("alert")).to_contain_text(MESSAGE, timeout=15_000)
    assert page.url == served.url + "relationship-bank/"

    # Saving the same mistake again prints it again: MkDocs drops repeated lines, the preview must not.
    quiz.write_text(good.replace("title: The relationship bank", BROKEN_KEY, 1) + "\n", encoding="utf-8")
    served.wait_for(lambda: served.output().count(MESSAGE) >= 2, "the problem printed a second time")
    assert MESSAGE in served.get("relationship-bank/").replace("&#x27;", "'")
    assert "Traceback" not in served.output() and "appear stuck" not in served.output()

    quiz.write_text(good, encoding="utf-8")
    served.wait_for(lambda: 'data-quiz="relationship-bank"' in served.poll("relationship-bank/"), "the fixed page")
    # The tab returns to the page it was on.
    expect(page.locator('form[data-quiz="relationship-bank"]')).to_be_visible(timeout=15_000)
    assert page.url == served.url + "relationship-bank/"
    page.close()


def test_a_real_build_never_holds_a_problem(tmp_path: Path) -> None:
    """Only `mkdocs serve` shows problems on pages; `mkdocs build` (CI, publishing) stops on them."""
    root = copy_course(tmp_path)
    quiz = root / "quizzes" / "relationship-bank.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("title: The relationship bank", BROKEN_KEY, 1), encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 1 and MESSAGE in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site" / "relationship-bank" / "index.html").exists()
    state = preview.PreviewState()
    state.begin(serving=False)
    assert state.hold("quizzes/x.yml:1: broken") is False and state.held == []
    state.begin(serving=True)
    assert state.hold("quizzes/x.yml:1: broken") is True
    state.new_build()
    assert state.held == []

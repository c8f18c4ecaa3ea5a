"""The cmi5 package in real Chromium, sending its statements to Ralph, a real Learning Record Store.

Ralph stores statements only (no State or Agent Profile resources), so the test launcher does
what cmi5 LMSs commonly do: the endpoint it gives the AU is its own, answering the State requests
(LMS.LaunchData, the AU's saved progress) itself and forwarding /statements to Ralph.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from course import cli
from course.packages import CMI5_AU
from tests.browser.test_lms_browser import QUIZZES
from tests.conftest import ROOT, free_port
from tests.test_site import LESSONS

RALPH = ROOT / ".venv-lrs" / "bin"
LMS = "http://127.0.0.1:8000/"
USER, PASSWORD = "lms", "a-test-secret"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Ralph on 127.0.0.1 with its filesystem backend and one test account; its xAPI base URL."""
    if not (RALPH / "ralph").is_file():
        pytest.fail("Ralph is missing: run the tests with `make test`, which installs it in .venv-lrs", pytrace=False)
    home = tmp_path_factory.mktemp("ralph")
    env = {**os.environ, "RALPH_APP_DIR": str(home), "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(home / "data")}
    (home / "data").mkdir()
    subprocess.run([str(RALPH / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-M", "mailto:lms@example.com", "-w"],
                   env=env, check=True, capture_output=True)
    port = free_port()
    # Ralph 5.1's filesystem LRS writes every POST with "create" into one file, so only the first
    # statement request of a run succeeds; appending is the mode that backend offers for this.
    start = (
        "from ralph.backends.data.base import BaseOperationType\n"
        "from ralph.backends.lrs.fs import FSLRSBackend\n"
        "FSLRSBackend.default_operation_type = BaseOperationType.APPEND\n"
        "import sys, uvicorn\n"
        "uvicorn.run('ralph.api:app', host='127.0.0.1', port=int(sys.argv[1]), log_level='warning')\n"
    )
    server = subprocess.Popen([str(RALPH / "python"), "-c", start, str(port)],
                              env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/xAPI/"
    for _ in range(100):
        try:
            _ralph(base, "statements")
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("Ralph did not start")
    yield base
    server.terminate()
    server.wait(timeout=10)


def _auth() -> str:
    return base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


def _ralph(base: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(base + path, data=body, method="POST" if body else "GET",
                                     headers={"Authorization": "Basic " + _auth(), "X-Experience-API-Version": "1.0.3",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cmi5")
    assert cli.main(["lms", "--root", str(ROOT), "--out", str(out)]) == 0
    with zipfile.ZipFile(out / "promises-kept-cmi5.zip") as archive:
        archive.extractall(out / "pkg")
    return out / "pkg"


class Launcher:
    """The LMS's part: registration, LaunchData, the one-time fetch URL, State, and the proxy to Ralph."""

    def __init__(self, ralph: str, package: Path) -> None:
        self.ralph, self.package = ralph, package
        self.registration = str(uuid.uuid4())
        self.session = str(uuid.uuid4())
        self.token = base64.b64encode(os.urandom(12)).decode()  # the AU's token: not Ralph's credentials
        self.actor = {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1:8000", "name": "ada"}, "name": "Ada Lovelace"}
        self.state: dict[str, bytes] = {"LMS.LaunchData": json.dumps({
            "contextTemplate": {"contextActivities": {"grouping": [{"id": "urn:promises-kept:course"}]}, "extensions": {SESSION: self.session}},
            "launchMode": "Normal", "moveOn": "CompletedAndPassed", "masteryScore": 1.0, "returnURL": LMS + "lms/returned",
        }).encode()}
        self.fetches = 0
        self.refused: list[str] = []

    def launch_url(self) -> str:
        query = urllib.parse.urlencode({
            "endpoint": LMS + "xapi/", "fetch": LMS + f"fetch/{self.registration}", "actor": json.dumps(self.actor),
            "registration": self.registration, "activityId": CMI5_AU,
        })
        return f"/pkg/launch.html?{query}"

    def handle(self, route: Route) -> None:
        request = route.request
        url = urllib.parse.urlsplit(request.url)
        path = url.path.lstrip("/")
        if path == "lms/":
            html = f'<!doctype html><title>Test LMS</title><iframe id="au" title="Course" src="{self.launch_url()}" style="width:100%;height:90vh"></iframe>'
            route.fulfill(status=200, body=html, headers={"content-type": "text/html"})
        elif path == "lms/returned":
            route.fulfill(status=200, body="<!doctype html><title>Back in the LMS</title><h1>Back in the LMS</h1>", headers={"content-type": "text/html"})
        elif path.startswith("fetch/") and request.method == "POST":
            self.fetches += 1
            # A fetch URL may be used once (cmi5 8.2.3): a second request gets an error.
            body = {"auth-token": self.token} if self.fetches == 1 else {"error-code": "1", "error-text": "already used"}
            route.fulfill(status=200, body=json.dumps(body), headers={"content-type": "application/json"})
        elif path.startswith("xapi/"):
            if request.headers.get("authorization") != f"Basic {self.token}":
                route.fulfill(status=401, body="unauthorised")
            elif path == "xapi/activities/state":
                params = urllib.parse.parse_qs(url.query)
                assert params["activityId"] == [CMI5_AU] and params["registration"] == [self.registration]
                key = params["stateId"][0]
                if request.method in {"PUT", "POST"}:
                    self.state[key] = request.post_data_buffer or b""
                    route.fulfill(status=204, body="")
                elif key in self.state:
                    route.fulfill(status=200, body=self.state[key], headers={"content-type": "application/json"})
                else:
                    route.fulfill(status=404, body="")
            elif path == "xapi/statements" and request.method in {"POST", "PUT"}:
                status, body = _ralph(self.ralph, "statements", request.post_data_buffer)
                if status >= 400:
                    self.refused.append(f"{status} {body[:300]!r} {json.loads(request.post_data or '{}').get('verb')} {json.loads(request.post_data or '{}').get('result')}")
                route.fulfill(status=status, body=body, headers={"content-type": "application/json"})
            else:
                route.fulfill(status=404, body="")
        elif path.startswith("pkg/") and (self.package / path.removeprefix("pkg/")).is_file():
            file = self.package / path.removeprefix("pkg/")
            route.fulfill(status=200, body=file.read_bytes(), headers={"content-type": mimetypes.guess_type(file.name)[0] or "application/octet-stream"})
        else:
            route.fulfill(status=404, body="not found")


def statements(ralph: str, registration: str) -> list[dict]:
    """A registration's statements, oldest first (by the AU's timestamps)."""
    status, body = _ralph(ralph, "statements?" + urllib.parse.urlencode({"registration": registration, "limit": "100"}))
    assert status == 200, body
    return sorted(json.loads(body)["statements"], key=lambda s: s["timestamp"])


def test_a_cmi5_session_reaches_the_lrs_in_order_with_its_context(context: BrowserContext, page: Page, ralph: str, package: Path) -> None:
    launcher = Launcher(ralph, package)
    context.unroute("**/*")
    context.route("**/*", launcher.handle)
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.goto(LMS + "lms/")
    au = page.frame_locator("#au")
    course = au.frame_locator("#pk-course")
    expect(course.locator("h1").first).to_be_visible()
    verbs = lambda: [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements(ralph, launcher.registration)]  # noqa: E731
    deadline = time.monotonic() + 10
    while "initialized" not in verbs() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert verbs() == ["initialized"]

    # Moving between pages (the inner frame) is one session: nothing is sent for it.
    au.locator("#pk-course").evaluate("frame => frame.contentWindow.location.reload()")
    expect(course.locator("h1").first).to_be_visible()

    for src in LESSONS:
        quiz = QUIZZES[src.removesuffix(".md")]
        au.locator("#pk-course").evaluate("(frame, src) => frame.src = src", f"course/{quiz.id}.html")
        form = course.locator(f'form[data-quiz="{quiz.id}"]')
        for question in quiz.questions:
            for index in question.correct_indexes:
                form.locator(f'fieldset[data-question="{question.id}"] input[value="{index}"]').check()
        form.get_by_role("button", name="Check answers").click()
        expect(form).to_have_attribute("data-scored", "passed")
    deadline = time.monotonic() + 10
    while "completed" not in verbs() and time.monotonic() < deadline:
        time.sleep(0.2)

    # Exit goes back to the LMS's returnURL after terminating.
    au.get_by_role("button", name="Exit the course").click()
    expect(page).to_have_url(LMS + "lms/returned")
    deadline = time.monotonic() + 10
    while "terminated" not in verbs() and time.monotonic() < deadline:
        time.sleep(0.2)
    stored = statements(ralph, launcher.registration)
    assert not launcher.refused, launcher.refused
    # (A 404 for the progress not saved yet is the State API saying "none": not an error of ours.)
    assert not [line for line in console if line.startswith("error") and "Failed to load resource" not in line], console
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in stored] == ["initialized", "passed", "completed", "terminated"]
    for statement in stored:
        assert statement["actor"]["account"] == launcher.actor["account"]
        assert statement["object"]["id"] == CMI5_AU
        assert statement["context"]["registration"] == launcher.registration
        assert statement["context"]["extensions"][SESSION] == launcher.session, "the session id from LaunchData"
        categories = {c["id"] for c in statement["context"]["contextActivities"]["category"]}
        assert CMI5 in categories
        assert (MOVEON in categories) == (statement["verb"]["id"].endswith(("passed", "completed")))
        assert statement["context"]["contextActivities"]["grouping"] == [{"id": "urn:promises-kept:course"}]
    passed = stored[1]
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] >= 1.0 and passed["result"]["duration"].startswith("PT")
    assert stored[2]["result"]["completion"] is True
    # Ralph's own strict xAPI models accept every statement.
    check = subprocess.run(
        [str(RALPH / "python"), "-c", "import json,sys\nfrom ralph.models.xapi.base.statements import BaseXapiStatement\n"
         "[BaseXapiStatement(**s) for s in json.load(sys.stdin)]"],
        input=json.dumps(stored), capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stderr
    # No credentials in the package: the AU only ever saw the launcher's token.
    assert PASSWORD not in "".join(p.read_text(errors="ignore") for p in package.rglob("*") if p.suffix in {".html", ".js"})


def test_a_cmi5_launch_without_parameters_is_the_plain_course(context: BrowserContext, page: Page, ralph: str, package: Path) -> None:
    launcher = Launcher(ralph, package)
    context.unroute("**/*")
    context.route("**/*", launcher.handle)
    page.goto(LMS + "pkg/launch.html")
    expect(page.locator("#pk-lms-note")).to_contain_text("kept in this browser only")
    expect(page.frame_locator("#pk-course").locator("h1").first).to_be_visible()


def test_a_reloaded_launch_page_keeps_its_token(context: BrowserContext, page: Page, ralph: str, package: Path) -> None:
    """The fetch URL answers once (cmi5 8.2.3): a reload of the launch page must reuse the token."""
    launcher = Launcher(ralph, package)
    context.unroute("**/*")
    context.route("**/*", launcher.handle)
    page.goto(LMS + "lms/")
    expect(page.frame_locator("#au").frame_locator("#pk-course").locator("h1").first).to_be_visible()
    page.frame_locator("#au").locator("body").evaluate("() => location.reload()")
    expect(page.frame_locator("#au").frame_locator("#pk-course").locator("h1").first).to_be_visible()
    expect(page.frame_locator("#au").locator("#pk-lms-note")).to_be_hidden()
    assert launcher.fetches == 1

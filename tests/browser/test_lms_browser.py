"""The SCORM packages in real Chromium against scorm-again, the runtime many LMSs embed.

A test LMS page installs scorm-again's API and frames the unzipped package's launch page; the
test then takes the course inside it, as a learner would, and reads what the LMS recorded.
"""

from __future__ import annotations

import json
import mimetypes
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, FrameLocator, Page, Route, expect

from course import cli
from course.completion import CompletionRule, CourseLesson
from course.packages import _launch_page
from tests.conftest import ROOT
from tests.test_site import LESSONS

QUIZZES = cli.check(ROOT).quizzes
CLIENTS = ROOT / "tests" / "js" / "node_modules"
LMS = "http://127.0.0.1:8000/"
STANDARDS = {
    "scorm12": {"script": "scorm12.min.js", "cls": "Scorm12API", "global": "API", "commit": "LMSCommit", "finish": "LMSFinish",
                "get": "LMSGetValue", "status": "cmi.core.lesson_status", "raw": "cmi.core.score.raw"},
    "scorm2004": {"script": "scorm2004.min.js", "cls": "Scorm2004API", "global": "API_1484_11", "commit": "Commit", "finish": "Terminate",
                  "get": "GetValue", "status": "cmi.success_status", "raw": "cmi.score.raw"},
}


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`make lms` run once: each package unzipped, as an LMS would unpack it."""
    if not (CLIENTS / "scorm-again").is_dir():
        pytest.fail("scorm-again is missing: run the tests with `make test`, which installs tests/js", pytrace=False)
    out = tmp_path_factory.mktemp("dist")
    assert cli.main(["lms", "--root", str(ROOT), "--out", str(out)]) == 0
    unpacked = {}
    for standard in STANDARDS:
        folder = out / standard
        with zipfile.ZipFile(out / f"promises-kept-{standard}.zip") as archive:
            archive.extractall(folder)
        unpacked[standard] = folder
    return unpacked


def lms_page(standard: str) -> str:
    spec = STANDARDS[standard]
    name_line = "api.cmi.core.student_name = 'Lovelace, Ada';" if standard == "scorm12" else "api.cmi.learner_name = 'Lovelace, Ada';"
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/lms/api.js"></script>
<script>
  window.__lms = {{ commits: 0, finishes: 0 }};
  var api = new {spec['cls']}({{ autocommit: false, logLevel: 5 }});
  if (window.__seed) api.loadFromFlattenedJSON(window.__seed);
  {name_line}
  api.on("{spec['commit']}", function () {{ window.__lms.commits++; }});
  api.on("{spec['finish']}", function () {{ window.__lms.finishes++; }});
  window.{spec['global']} = window.__api = api;
</script></head>
<body><iframe id="sco" title="Course" src="/pkg/launch.html" style="width:100%;height:90vh"></iframe></body></html>"""


def serve_lms(context: BrowserContext, standard: str, package: Path, page_html: str | None = None) -> None:
    """The test LMS on 127.0.0.1: its page, scorm-again, and the unzipped package under /pkg/."""
    context.unroute("**/*")

    def handle(route: Route) -> None:
        path = route.request.url.removeprefix(LMS).split("#")[0].split("?")[0]
        if path == "lms/":
            route.fulfill(status=200, body=page_html or lms_page(standard), headers={"content-type": "text/html"})
        elif path == "lms/api.js":
            route.fulfill(status=200, body=(CLIENTS / "scorm-again" / "dist" / STANDARDS[standard]["script"]).read_bytes(),
                          headers={"content-type": "text/javascript"})
        elif path.startswith("pkg/") and (package / path.removeprefix("pkg/")).is_file():
            file = package / path.removeprefix("pkg/")
            route.fulfill(status=200, body=file.read_bytes(), headers={"content-type": mimetypes.guess_type(file.name)[0] or "application/octet-stream"})
        else:
            route.fulfill(status=404, body="not found")

    context.route("**/*", handle)


def course_frame(page: Page) -> FrameLocator:
    return page.frame_locator("#sco").frame_locator("#pk-course")


def value(page: Page, standard: str, name: str) -> str:
    return page.evaluate(f"name => window.__api.{STANDARDS[standard]['get']}(name)", name)


def recorded(page: Page, name: str) -> str:
    """A value as the LMS stores it (SCORM 1.2 interactions are write-only through the API)."""
    flat = page.evaluate("window.__api.getFlattenedCMI()")
    return str(flat.get(name, flat.get(name.removeprefix("cmi."), "")))


def open_lesson(page: Page, quiz_id: str) -> None:
    page.frame_locator("#sco").locator("#pk-course").evaluate(f"(frame, src) => frame.src = src", f"course/{quiz_id}.html")
    expect(course_frame(page).locator(f'form[data-quiz="{quiz_id}"]')).to_be_visible()


def take_quiz(page: Page, quiz_id: str, right: bool = True) -> None:
    quiz = QUIZZES[quiz_id]
    open_lesson(page, quiz_id)
    frame = course_frame(page)
    form = frame.locator(f'form[data-quiz="{quiz_id}"]')
    if form.get_attribute("data-scored"):
        form.get_by_role("button", name="Try again").click()
    for question in quiz.questions:
        picks = question.correct_indexes if right else [next(i for i, o in enumerate(question.options) if not o.correct)]
        for index in picks:
            frame.locator(f'form[data-quiz="{quiz_id}"] fieldset[data-question="{question.id}"] input[value="{index}"]').check()
    frame.locator(f'form[data-quiz="{quiz_id}"]').get_by_role("button", name="Check answers").click()
    expect(frame.locator(f'form[data-quiz="{quiz_id}"]')).to_have_attribute("data-scored", "passed" if right else "failed")


@pytest.mark.parametrize("standard", list(STANDARDS))
def test_a_learner_takes_the_course_and_the_lms_records_it(context: BrowserContext, page: Page, packages: dict[str, Path], standard: str) -> None:
    serve_lms(context, standard, packages[standard])
    page.goto(f"{LMS}lms/")
    expect(course_frame(page).locator("h1").first).to_be_visible()
    lessons = [src.removesuffix(".md") for src in LESSONS]

    take_quiz(page, lessons[0])
    page.wait_for_function("window.__lms.commits > 0")
    spec = STANDARDS[standard]
    assert value(page, standard, spec["raw"]) == str(int(100 / len(lessons) + 0.5))  # rounded as JavaScript does
    if standard == "scorm12":
        assert value(page, standard, "cmi.core.lesson_status") == "incomplete"
    else:
        assert value(page, standard, "cmi.completion_status") == "incomplete"
    first = QUIZZES[lessons[0]]
    assert int(value(page, standard, "cmi.interactions._count")) == len(first.questions)
    assert recorded(page, "cmi.interactions.0.id") == f"{first.id}.{first.questions[0].id}"
    result = recorded(page, "cmi.interactions.0.result")
    assert result == "correct"
    response = "cmi.interactions.0.student_response" if standard == "scorm12" else "cmi.interactions.0.learner_response"
    expected = ",".join(chr(97 + i) for i in first.questions[0].correct_indexes) if standard == "scorm12" else "[,]".join(f"option-{i}" for i in first.questions[0].correct_indexes)
    assert recorded(page, response) == expected
    assert recorded(page, "cmi.interactions.0.correct_responses.0.pattern") == expected

    take_quiz(page, lessons[1], right=False)  # a failed quiz is recorded, and counts for nothing
    for quiz_id in lessons[1:]:
        take_quiz(page, quiz_id)
    page.wait_for_function(f"window.__api.{spec['get']}('{spec['raw']}') === '100'")
    if standard == "scorm12":
        assert value(page, standard, "cmi.core.lesson_status") == "passed"
    else:
        assert value(page, standard, "cmi.completion_status") == "completed"
        assert value(page, standard, "cmi.success_status") == "passed"
        assert float(value(page, standard, "cmi.score.scaled")) == 1.0
    suspend = value(page, standard, "cmi.suspend_data")
    print(f"{standard} suspend_data for this course: {len(suspend)} characters")
    assert len(suspend) <= 4096, len(suspend)
    location = value(page, standard, "cmi.core.lesson_location" if standard == "scorm12" else "cmi.location")
    assert location == f"{lessons[-1]}.html"

    # Leaving the course ends the session exactly once, whatever else happens.
    flattened = page.evaluate("window.__api.getFlattenedCMI()")
    page.locator("#sco").evaluate("frame => frame.src = 'about:blank'")
    page.wait_for_function("window.__lms.finishes === 1")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__lms.finishes") == 1

    # Relaunch on a second machine: a fresh browser, the LMS's data. Bookmark and results come back.
    second = context.browser.new_context()
    serve_lms(second, standard, packages[standard])
    relaunch = second.new_page()
    relaunch.add_init_script(f"window.__seed = {json.dumps(flattened)};")
    relaunch.goto(f"{LMS}lms/")
    frame = course_frame(relaunch)
    expect(frame.locator(f'form[data-quiz="{lessons[-1]}"]')).to_have_attribute("data-scored", "passed")
    relaunch.frame_locator("#sco").locator("#pk-course").evaluate("frame => frame.src = 'course/index.html'")
    expect(frame.locator("[data-course-done]")).to_be_visible()
    # The certificate takes the learner's name from the LMS and says who keeps the record.
    relaunch.frame_locator("#sco").locator("#pk-course").evaluate("frame => frame.src = 'course/certificate.html'")
    expect(frame.locator("[data-certificate-learner]")).to_have_text("Ada Lovelace")
    expect(frame.locator(".pk-certificate__honest")).to_contain_text("Your learning system holds the official record")
    second.close()


@pytest.mark.parametrize("standard", list(STANDARDS))
def test_an_lms_that_refuses_every_call_still_leaves_a_working_course(context: BrowserContext, page: Page, packages: dict[str, Path], standard: str) -> None:
    spec = STANDARDS[standard]
    names = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"] \
        if standard == "scorm12" else ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"]
    broken = "{" + ",".join(f'{n}: function () {{ return "{"101" if "Error" in n else "false"}"; }}' for n in names) + "}"
    html = f'<!doctype html><html><head><script>window.{spec["global"]} = {broken};</script></head><body><iframe id="sco" src="/pkg/launch.html" style="width:100%;height:90vh"></iframe></body></html>'
    serve_lms(context, standard, packages[standard], page_html=html)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{LMS}lms/")
    note = page.frame_locator("#sco").locator("#pk-lms-note")
    expect(note).to_contain_text("not being recorded")
    take_quiz(page, LESSONS[0].removesuffix(".md"))
    assert any("error 101" in e for e in errors), errors


def test_resume_state_for_a_50_quiz_course_fits_scorm_12(context: BrowserContext, page: Page, packages: dict[str, Path], tmp_path: Path) -> None:
    """suspend_data stays within SCORM 1.2's 4,096 characters for a course of 50 eight-question quizzes."""
    lessons = [CourseLesson(f"lesson-{n:02d}-customer-loyalty", f"Lesson {n}", "", f"lesson-{n:02d}-customer-loyalty") for n in range(50)]
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "launch.html").write_text(_launch_page("scorm12", "Fifty", CompletionRule(), lessons), encoding="utf-8")
    (folder / "launch.js").write_bytes((packages["scorm12"] / "launch.js").read_bytes())
    (folder / "course").mkdir()
    (folder / "course" / "index.html").write_text("<!doctype html><title>Course</title><p>Course", encoding="utf-8")
    serve_lms(context, "scorm12", folder)
    page.goto(f"{LMS}lms/")
    answers = {f"question-{q}-about-deposits": ["0", "2", "3"] for q in range(8)}
    records = {f"promises-kept:quiz:{lesson.quiz}": json.dumps({"version": "0123456789ab", "answers": answers, "best": {"percent": 100, "passed": True}})
               for lesson in lessons}
    frame = page.frame_locator("#sco")
    frame.locator("body").evaluate("(_, records) => { for (const [k, v] of Object.entries(records)) localStorage.setItem(k, v); }", records)
    frame.locator("body").evaluate("() => window.PromisesKept.opened(location.href)")
    suspend = page.evaluate("window.__api.LMSGetValue('cmi.suspend_data')")
    assert json.loads(suspend)["v"] == 1 and len([q for q in json.loads(suspend)["q"] if q]) == 50
    print(f"suspend_data for 50 quizzes: {len(suspend)} characters")
    assert len(suspend) <= 4096, len(suspend)


def test_a_package_opened_without_an_lms_is_the_plain_course(context: BrowserContext, page: Page, packages: dict[str, Path]) -> None:
    serve_lms(context, "scorm12", packages["scorm12"])
    page.goto(f"{LMS}pkg/launch.html")
    expect(page.locator("#pk-lms-note")).to_have_text("No learning system was found, so your progress is kept in this browser only.")
    frame = page.frame_locator("#pk-course")
    expect(frame.locator("h1").first).to_be_visible()
    page.locator("#pk-course").evaluate("frame => frame.src = 'course/relationship-bank.html'")
    quiz = QUIZZES["relationship-bank"]
    for question in quiz.questions:
        for index in question.correct_indexes:
            frame.locator(f'fieldset[data-question="{question.id}"] input[value="{index}"]').check()
    frame.get_by_role("button", name="Check answers").click()
    expect(frame.locator('form[data-quiz="relationship-bank"]')).to_have_attribute("data-scored", "passed")


@pytest.mark.parametrize("junk", ["{not json", '{"v": 99, "q": []}', '{"v": 1, "q": "x", "o": 7}'])
def test_corrupt_suspend_data_is_ignored_and_the_course_still_works(context: BrowserContext, page: Page, packages: dict[str, Path], junk: str) -> None:
    serve_lms(context, "scorm12", packages["scorm12"])
    page.add_init_script(f"window.__seed = {json.dumps({'cmi.suspend_data': junk})};")
    errors: list[str] = []
    console: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{LMS}lms/")
    expect(course_frame(page).locator("h1").first).to_be_visible()
    if junk.startswith("{not"):  # the seed reached the course: it said so, and went on
        assert any("unreadable suspend data" in line for line in console), console
    take_quiz(page, LESSONS[0].removesuffix(".md"))
    page.wait_for_function("window.__lms.commits > 0")
    assert json.loads(value(page, "scorm12", "cmi.suspend_data"))["v"] == 1, "replaced by good data"
    assert not errors

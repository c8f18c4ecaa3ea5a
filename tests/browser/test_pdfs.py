"""`make handouts`: real PDFs from headless Chromium, read back as text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from course import cli
from course.checklist import CHECKLIST_PATH, check_checklist
from course.pdf import link_downloads, print_with
from playwright.sync_api import Browser
from tests.conftest import ROOT
from tests.test_handouts import QUIZZES, plain
from tests.test_quizzes_content import quiz_of, words
from tests.test_site import LESSONS

#: A handout is one sheet of paper, printed on both sides.
HANDOUT_PAGE_BUDGET = 2  # one sheet, printed on both sides (A4 and US Letter)


@pytest.fixture(scope="module")
def pdfs(site_dir: Path, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every printable, printed from a copy of the built course (A4), as `make handouts` does."""
    site = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(site_dir, site)
    made = print_with(browser, site, "a4", lesson_order=cli.lesson_order(ROOT / "mkdocs.yml"))
    assert link_downloads(site, made, "a4")
    return {path.name: path for _, path in made} | {"_site": site}


def without_pdfs(site_dir: Path):  # noqa: ANN201 - a copytree ignore callback
    """Copy a built site without any PDFs an earlier test printed into it (site/handouts/ only)."""
    return lambda folder, names: ["handouts"] if Path(folder) == site_dir else []


def text(path: Path) -> str:
    return words(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_every_printable_is_made_in_lesson_order(pdfs: dict[str, Path]) -> None:
    expected = ["checklist.pdf", *(f"handout-{src.removesuffix('.md')}.pdf" for src in LESSONS), "answer-key.pdf"]
    assert [name for name in pdfs if name != "_site"] == expected
    for name in expected:
        reader = PdfReader(pdfs[name])
        width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
        assert (round(width), round(height)) == (596, 843), f"{name} is not A4"


def test_facilitator_guide_links_the_pdfs_with_sizes(pdfs: dict[str, Path]) -> None:
    guide = (pdfs["_site"] / "trainers" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="\.\./handouts/([^"]+)" download>[^<]+</a> <span class="pk-downloads__meta">\(PDF, A4, (\d+) KB\)', guide)
    assert [name for name, _ in links] == [name for name in pdfs if name != "_site"]
    for name, size in links:
        assert abs(int(size) - pdfs[name].stat().st_size / 1024) <= 1


def test_checklist_pdf_has_all_32_statements_in_order_and_no_site_chrome(pdfs: dict[str, Path]) -> None:
    checklist, _ = check_checklist("data", (ROOT / CHECKLIST_PATH).read_text(encoding="utf-8"))
    pages = [words(page.extract_text()) for page in PdfReader(pdfs["checklist.pdf"]).pages]
    printed = " ".join(pages)

    def page_of(snippet: str) -> int:
        found = [n for n, page in enumerate(pages) if snippet in page]
        assert len(found) == 1, f"{snippet!r} printed on pages {found}"
        return found[0]

    # Text order within a page follows drawing order, so order is checked page by page.
    sequence = []
    for area in checklist.areas:
        sequence.append(page_of(words(area.title)))
        sequence += [page_of(" ".join(plain(item.text).split()[:7])) for item in area.items]
    assert sequence == sorted(sequence), "statements or areas printed out of order"
    # An area never starts at the foot of a page: its heading shares a page with its first rows.
    for area in checklist.areas:
        first_rows = {page_of(" ".join(plain(item.text).split()[:7])) for item in area.items[:3]}
        assert first_rows == {page_of(words(area.title))}, f"{area.title} breaks in its first rows"
    for chrome in ("skip to content", "table of contents", "made with", "search", "previous", "check answers", "reset"):
        assert chrome not in printed, f"site chrome '{chrome}' printed on the checklist"
    for label in ("name", "team", "date"):
        assert label in printed
    assert len(PdfReader(pdfs["checklist.pdf"]).pages) <= 4


@pytest.mark.parametrize("src", LESSONS)
def test_handout_pdf_has_its_worksheet_without_answers_and_fits_its_pages(pdfs: dict[str, Path], src: str) -> None:
    name = f"handout-{src.removesuffix('.md')}.pdf"
    printed = text(pdfs[name])
    quiz = QUIZZES[quiz_of(src)]
    for question in quiz.questions:
        assert " ".join(plain(question.prompt).split()[:8]) in printed
        for option in question.options:
            assert " ".join(plain(option.text).split()[:6]) in printed
            if option.feedback:
                assert plain(option.feedback) not in printed, f"{name}: feedback printed"
        assert " ".join(plain(question.explanation).split()[:10]) not in printed, f"{name}: explanation printed"
    assert "right" not in re.findall(r"\(\w+\)", printed)
    pages = len(PdfReader(pdfs[name]).pages)
    assert pages <= HANDOUT_PAGE_BUDGET, f"{name} runs to {pages} pages"


def test_answer_key_pdf_explains_every_question_and_marks_the_right_options(pdfs: dict[str, Path]) -> None:
    raw = " ".join(page.extract_text() for page in PdfReader(pdfs["answer-key.pdf"]).pages)
    printed = words(raw)
    for quiz in QUIZZES.values():
        for question in quiz.questions:
            assert " ".join(plain(question.explanation).split()[:10]) in printed, f"{quiz.id}/{question.id}"
    right = [o for quiz in QUIZZES.values() for q in quiz.questions for o in q.options if o.correct]
    assert raw.count("(right)") == len(right)
    for option in right:
        assert f"{' '.join(plain(option.text).split()[-3:])} right" in printed, option.text


def test_us_letter_on_request(site_dir: Path, browser: Browser, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=without_pdfs(site_dir))
    made = print_with(browser, site, "letter")
    first = PdfReader(made[0][1]).pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (612, 792)
    # Letter is shorter than A4: a handout must still fit its one sheet.
    for _, path in made:
        if path.name.startswith("handout-"):
            assert len(PdfReader(path).pages) <= HANDOUT_PAGE_BUDGET, f"{path.name} runs over on US Letter"


def test_make_handouts_command_prints_every_pdf(site_dir: Path, tmp_path: Path) -> None:
    """The command line `make handouts` runs, in its own process (it starts its own Chromium)."""
    import subprocess
    import sys

    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=without_pdfs(site_dir))
    result = subprocess.run(
        [sys.executable, "-m", "course.cli", "handouts", "--site", str(site), "--paper", "letter"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"{2 + len(LESSONS)} PDFs (US Letter)" in result.stdout
    assert 'class="pk-downloads"' in (site / "trainers" / "index.html").read_text(encoding="utf-8")


def test_make_handouts_without_a_built_site_says_what_to_do(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "course.cli", "handouts", "--site", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "run `make build` first" in result.stderr

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

#: Each lesson's title, for the running header of its handout.
TITLES = {src: str(cli.split_front_matter((ROOT / "docs" / src).read_text(encoding="utf-8"))[0]["title"]) for src in LESSONS}

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


# ---- PDFs that look like publications ----

def page_lines(path: Path) -> list[list[str]]:
    """Each page's non-empty text lines, as the PDF holds them."""
    return [[line.strip() for line in page.extract_text().splitlines() if line.strip()] for page in PdfReader(path).pages]


def content_lines(lines: list[str], header: str) -> list[str]:
    """A page's lines without its running header and page number."""
    return [line for line in lines if line != header and not re.fullmatch(r"page \d+ of \d+", line)]


def test_every_page_has_a_running_header_and_page_x_of_y(pdfs: dict[str, Path]) -> None:
    titles = {"checklist.pdf": "The loyalty checklist", "answer-key.pdf": "Answer key"}
    for name, path in pdfs.items():
        if name == "_site":
            continue
        title = titles.get(name) or f"Handout: {TITLES[name.removeprefix('handout-').removesuffix('.pdf') + '.md']}"
        pages = page_lines(path)
        for number, lines in enumerate(pages, start=1):
            assert f"page {number} of {len(pages)}" in lines, f"{name} page {number} has no page number"
            # Chromium draws the two halves of the header as one line of text: course, then document.
            assert words(f"Promises Kept {title}") in [words(line) for line in lines], f"{name} page {number} has no running header"


def test_no_page_ends_with_a_heading(pdfs: dict[str, Path]) -> None:
    """A heading left alone at the foot of a page, its text on the next, is the classic mark of a web page printed."""
    quiz_titles = {words(quiz.title) for quiz in QUIZZES.values()}
    for name, path in pdfs.items():
        if name == "_site":
            continue
        pages = page_lines(path)
        header = next(line for line in pages[0] if words(line).startswith("promises kept "))
        for number, lines in enumerate(pages[:-1], start=1):
            last = content_lines(lines, header)[-2:]
            for line in last:
                text_ = words(line)
                assert text_ not in quiz_titles and not text_.startswith("pass mark"), f"{name} page {number} ends with the heading {line!r}"
                assert not re.fullmatch(r"(key points|discuss|worksheet|group activity .*)", text_), f"{name} page {number} ends with {line!r}"


def test_links_print_where_they_lead(pdfs: dict[str, Path]) -> None:
    for src in LESSONS:
        # A long address may wrap anywhere, so spacing is ignored.
        printed = "".join("".join(lines) for lines in page_lines(pdfs[f"handout-{src.removesuffix('.md')}.pdf"])).replace(" ", "")
        assert f"readthelesson(http://127.0.0.1:8000/{src.removesuffix('.md')}/)" in printed, f"the handout for {src} prints its lesson link without an address"


def test_each_handout_prints_the_activity_minutes_the_guide_plans(pdfs: dict[str, Path], site_dir: Path) -> None:
    guide = words((site_dir / "trainers" / "index.html").read_text(encoding="utf-8"))
    for src in LESSONS:
        printed = text(pdfs[f"handout-{src.removesuffix('.md')}.pdf"])
        found = re.search(r"group activity (.+?) (\d+) minutes", printed)
        assert found, f"{src}: the handout prints no activity minutes"
        title, minutes = found.groups()
        assert f"group activity {title} {minutes} min" in guide, f"{src}: the guide plans '{title}' for other than {minutes} minutes"


def test_an_unpublished_answer_key_is_printed_by_make_handouts_only(tmp_path: Path) -> None:
    """`answer_key: handouts`: the site has no answer key, and `make handouts` prints it into dist/handouts/."""
    import subprocess
    import sys

    from tests.conftest import run_mkdocs_build
    from tests.lesson_fixture import copy_course

    root = copy_course(tmp_path / "course")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  answer_key: site\n", "  answer_key: handouts\n", 1), encoding="utf-8")
    assert run_mkdocs_build(config, root / "site").returncode == 0
    result = subprocess.run([sys.executable, "-m", "course.cli", "handouts", "--site", str(root / "site"), "--root", str(root)],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "handouts" / "answer-key.pdf").exists() and not (root / "site" / "trainers" / "answer-key").exists()
    key = root / "dist" / "handouts" / "answer-key.pdf"
    assert key.is_file() and "not on the site" in result.stdout
    printed = text(key)
    some = next(iter(QUIZZES.values())).questions[0]
    assert " ".join(plain(some.explanation).split()[:10]) in printed

"""The course's real quizzes: one per lesson, well formed, embedded, and kept out of search."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest

from course import cli
from course.render import markdown_to_html
from course.sources import find_embeds
from course.validate import Quiz
from tests.conftest import ROOT
from tests.test_site import DOCS, LESSONS, article, built_page


@pytest.fixture(scope="module")
def quizzes() -> dict[str, Quiz]:
    result = cli.check(ROOT)
    assert not result.problems, "\n".join(map(str, result.problems))
    return result.quizzes


def quiz_of(src: str) -> str:
    embeds = find_embeds((DOCS / src).read_text(encoding="utf-8"))
    assert len(embeds) == 1, f"{src} must embed exactly one quiz"
    return embeds[0][0]


def test_make_check_passes_on_the_course(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--root", str(ROOT)]) == 0
    assert f"OK: {len(LESSONS)} quizzes" in capsys.readouterr().out


@pytest.mark.parametrize("src", LESSONS)
def test_every_lesson_has_its_own_quiz(src: str, quizzes: dict[str, Quiz]) -> None:
    quiz = quizzes[quiz_of(src)]  # its length and mix of types are lesson-quiz rules (make check)
    for question in quiz.questions:
        assert question.see, f"{quiz.id}: question '{question.id}' has no 'see' link"
        assert len(question.explanation.split()) >= 15, f"{quiz.id}: '{question.id}' explanation too thin to teach"
    # The embed sits in the lesson's closing section.
    text = (DOCS / src).read_text(encoding="utf-8")
    assert text.index("{ #check-your-understanding }") < text.index(f"<!-- quiz: {quiz.id} -->")


def test_right_options_give_no_length_cue(quizzes: dict[str, Quiz]) -> None:
    """A test-wise learner picks the longest option: in at most a third of single questions is it right."""
    from course.items import plain_length

    singles = [q for quiz in quizzes.values() for q in quiz.questions if q.type == "single"]
    longest = [
        q.id for q in singles
        if max(range(len(q.options)), key=lambda i: plain_length(q.options[i].text)) == q.correct_indexes[0]
    ]
    assert len(singles) >= 20
    assert 3 * len(longest) <= len(singles), longest


def test_select_all_questions_vary(quizzes: dict[str, Quiz]) -> None:
    from collections import Counter

    multiples = [q for quiz in quizzes.values() for q in quiz.questions if q.type == "multiple"]
    shapes = Counter((len(q.correct_indexes), len(q.options)) for q in multiples)
    assert len(shapes) >= 4, shapes
    assert 3 * max(shapes.values()) <= len(multiples), f"one shape dominates: {shapes}"
    for question in multiples:
        assert len(question.correct_indexes) < len(question.options), f"{question.id}: every option is right"


def test_every_question_says_which_objectives_it_assesses(quizzes: dict[str, Quiz]) -> None:
    # Coverage of every objective is a build rule (objective-not-assessed); here: no question floats free.
    for quiz in quizzes.values():
        for question in quiz.questions:
            assert question.objectives, f"{quiz.id}/{question.id} names no objective"


@pytest.mark.parametrize("src", LESSONS)
def test_lesson_page_carries_the_quiz_form(site_dir: Path, src: str, quizzes: dict[str, Quiz]) -> None:
    quiz = quizzes[quiz_of(src)]
    page = article(built_page(site_dir, src))
    assert page.count("<form ") == 1 and f'data-quiz="{quiz.id}"' in page
    assert page.count("<fieldset ") == len(quiz.questions)
    for question in quiz.questions:
        assert f'data-question="{question.id}"' in page
    assert "<!-- quiz:" not in page
    assert "Check answers" in page and 'role="status"' in page


def words(text: str) -> str:
    """Lower-case words only: compares text whatever its quotes, markup or spacing."""
    return " ".join(re.findall(r"[a-z0-9]+", htmllib.unescape(re.sub(r"<[^>]+>", " ", text)).lower()))


def test_answers_feedback_and_explanations_stay_out_of_search(site_dir: Path, quizzes: dict[str, Quiz]) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = words(" ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]))
    # The check can fail: ordinary lesson text is in the index.
    assert words("Sooner or later you will let a customer down") in indexed
    lesson_words = {quiz_of(src): words((DOCS / src).read_text(encoding="utf-8")) for src in LESSONS}
    leaks = []
    for quiz in quizzes.values():
        for question in quiz.questions:
            texts = [question.explanation] + [o.feedback for o in question.options if o.feedback]
            texts += [o.text for o in question.options if o.correct]
            for text in texts:
                sample = " ".join(words(markdown_to_html(text)).split()[:8])
                # A phrase the lesson itself uses may be indexed from the lesson: that is no leak.
                if len(sample.split()) >= 6 and sample in indexed and sample not in lesson_words[quiz.id]:
                    leaks.append(f"{quiz.id}/{question.id}: {sample}")
    assert not leaks, leaks
    # The section holding each quiz is indexed with its one-line invitation only.
    for doc in index["docs"]:
        if doc["location"].endswith("#check-your-understanding"):
            assert len(doc["text"].split()) < 40, doc


def test_one_small_script_and_stylesheet_shared_by_every_page(site_dir: Path) -> None:
    script = ROOT / "docs" / "assets" / "javascripts" / "course.js"
    style = ROOT / "docs" / "assets" / "stylesheets" / "course.css"
    # Budgets on the sources, gzipped; the built, minified copies have their own (tests/test_assets.py).
    import gzip

    # The script every page loads: quizzes, a lesson's visit, the LMS bridge (features have their own: tests/test_assets.py).
    assert len(gzip.compress(script.read_bytes())) < 7_000
    # Raised from 5,000 (issue 11: learning-path cards, checklist paper lines, scenarios, dark-mode fixes,
    # about 650 bytes). A quarter of the file is comments, which minifying the assets removes.
    assert len(gzip.compress(style.read_bytes())) < 6_000
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<article" not in text:
            continue
        # Named after their content (course.<hash>.min.js), so an update is never served from a stale cache.
        assert len(re.findall(r'<script src="[^"]*assets/javascripts/course\.[0-9a-f]{8}\.min\.js"', text)) == 1, page
        assert len(re.findall(r'href="[^"]*assets/stylesheets/course\.[0-9a-f]{8}\.min\.css"', text)) == 1, page
        # Quiz data travels in data-* attributes, never in an inline script (which instant navigation breaks).
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>(?!\s*</script>)[^<]*(?:quiz|pk-)", text), page

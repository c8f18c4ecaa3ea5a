"""Trainers' handouts and answer key, generated from the lessons and quiz files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from course.handouts import handout_problems
from course.render import markdown_to_html
from tests.test_quizzes_content import quiz_of, words
from tests.test_site import DOCS, LESSONS, article, front_matter
from course import cli
from tests.conftest import ROOT

QUIZZES = cli.check(ROOT).quizzes


def handout_html(site_dir: Path, src: str) -> str:
    return article((site_dir / "trainers" / "handouts" / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8"))


def plain(markdown: str) -> str:
    return words(markdown_to_html(markdown))


def test_every_lesson_has_a_handout_from_its_own_sources(site_dir: Path) -> None:
    for src in LESSONS:
        meta, body = front_matter(DOCS / src)
        page = words(handout_html(site_dir, src))
        takeaways = body[body.index("{ #key-takeaways }") : body.index("{ #check-your-understanding }")]
        for point in re.findall(r"^- (.+)$", takeaways, flags=re.MULTILINE):
            assert plain(point) in page, f"{src}: key point missing from handout: {point}"
        for question in meta["handout"]["discussion"]:
            assert plain(question) in page, f"{src}: discussion question missing"
        activity = meta["handout"]["activity"]
        assert words(f"{activity['title']} ({activity['minutes']} minutes)") in page
        for step in activity["steps"]:
            assert plain(step) in page


def test_worksheet_has_every_question_and_option_and_no_answers(site_dir: Path) -> None:
    for src in LESSONS:
        quiz = QUIZZES[quiz_of(src)]
        html = handout_html(site_dir, src)
        sheet = html[html.index('data-worksheet="') :]
        page = words(sheet)
        for question in quiz.questions:
            assert plain(question.prompt) in page
            for option in question.options:
                assert plain(option.text) in page
                if option.feedback:
                    assert plain(option.feedback) not in page, f"{quiz.id}: feedback printed on the worksheet"
            assert plain(question.explanation)[:80] not in page, f"{quiz.id}: explanation printed on the worksheet"
        assert "data-correct" not in sheet and "✓" not in sheet and "(right)" not in sheet
        assert sheet.count('class="pk-box"') == sum(len(q.options) for q in quiz.questions)


def test_answer_key_marks_exactly_the_right_options_and_explains_each(site_dir: Path) -> None:
    html = article((site_dir / "trainers" / "answer-key" / "index.html").read_text(encoding="utf-8"))
    for quiz in QUIZZES.values():
        section = html[html.index(f'data-answer-key="{quiz.id}"') :]
        for question in quiz.questions:
            block = section[section.index(f'data-question="{question.id}"') :]
            block = block[: block.index("</li>", block.index('class="pk-key__why"'))]
            items = re.findall(r'<li class="pk-key__(right|wrong)">(.*?)</li>', block, flags=re.DOTALL)
            assert [kind == "right" for kind, _ in items] == [o.correct for o in question.options], question.id
            for (_, text), option in zip(items, question.options, strict=True):
                assert plain(option.text) in words(text)
                assert ("✓" in text) == option.correct and ("(right)" in text) == option.correct
            assert plain(question.explanation) in words(block)


def test_trainer_pages_stay_out_of_the_search_index(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not any(loc.startswith(("trainers/handouts/", "trainers/answer-key/")) for loc in locations)
    assert "trainers/" in locations  # the facilitator guide itself is searchable


def test_a_lesson_without_handout_material_is_reported() -> None:
    problems = handout_problems("docs/x.md", {"title": "X"}, "# X\n\n## Key takeaways { #key-takeaways }\n\n- One.\n")
    assert problems == ["docs/x.md: no 'handout:' in the front matter — add its 'discussion:' questions and 'activity:' (see docs/trainers/index.md)"]
    meta = {"handout": {"discussion": ["Why?"], "activity": {"title": "Sort", "minutes": "ten", "steps": ["Do it."]}}}
    assert any("'handout: activity: minutes:' is 'ten'" in p for p in handout_problems("docs/x.md", meta, "# X\n"))
    assert any("Key takeaways" in p for p in handout_problems("docs/x.md", meta, "# X\n"))

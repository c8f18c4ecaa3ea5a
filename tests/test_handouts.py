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
from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import copy_course

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


def _items(block: str, kind: str = r"[^\"]*") -> list[tuple[str, str, str]]:
    """(class, letter, html) of each printed option in a worksheet or answer-key question."""
    return re.findall(r'<li(?: class="(' + kind + r')")? data-letter="([A-Z])">(.*?)</li>', block, flags=re.DOTALL)


def _question_block(html: str, start: int, end_marker: str) -> str:
    return html[start : html.index(end_marker, start)]


def test_answer_key_marks_exactly_the_right_options_and_explains_each(site_dir: Path) -> None:
    html = article((site_dir / "trainers" / "answer-key" / "index.html").read_text(encoding="utf-8"))
    for quiz in QUIZZES.values():
        section = html[html.index(f'data-answer-key="{quiz.id}"') :]
        for question in quiz.questions:
            block = section[section.index(f'data-question="{question.id}"') :]
            block = block[: block.index("</li>", block.index('class="pk-key__why"'))]
            items = _items(block)
            assert len(items) == len(question.options), question.id
            # Match each printed option to the file by its text: the printed order is not the file's.
            by_text = {plain(o.text): o for o in question.options}
            for kind, _, text in items:
                option = next(o for t, o in by_text.items() if t in words(text))
                assert (kind == "pk-key__right") == option.correct, question.id
                assert ("✓" in text) == option.correct and ("(right)" in text) == option.correct
            assert plain(question.explanation) in words(block)


def test_answer_key_letters_name_the_right_options_on_the_worksheet(site_dir: Path) -> None:
    """A trainer marks a paper sheet by the key's letters: each must be the right option as printed."""
    key = article((site_dir / "trainers" / "answer-key" / "index.html").read_text(encoding="utf-8"))
    checked = 0
    for src in LESSONS:
        quiz = QUIZZES[quiz_of(src)]
        sheet = handout_html(site_dir, src)
        sheet = sheet[sheet.index(f'data-worksheet="{quiz.id}"') :]
        questions = sheet.split('<li class="pk-sheet__question">')[1:]
        assert len(questions) == len(quiz.questions)
        section = key[key.index(f'data-answer-key="{quiz.id}"') :]
        for printed, question in zip(questions, quiz.questions, strict=True):
            block = section[section.index(f'data-question="{question.id}"') :]
            letters = re.search(r'data-answer="([A-Z, ]+)"', block)
            assert letters, f"{quiz.id}/{question.id}: no letters in the answer key"
            named = set(letters.group(1).split(", "))
            on_sheet = {letter: words(text) for _, letter, text in _items(printed)}
            assert sorted(on_sheet) == [chr(65 + i) for i in range(len(question.options))], "A, B, C … in print order"
            right_texts = {plain(o.text) for o in question.options if o.correct}
            # From the YAML: the letters are exactly those printed before the right options.
            assert {letter for letter, text in on_sheet.items() if any(t == text or t in text for t in right_texts)} == named, question.id
            checked += 1
    assert checked == sum(len(q.questions) for q in QUIZZES.values())


def test_paper_order_is_fixed_never_the_file_order_and_spreads_the_letters() -> None:
    from collections import Counter

    from course.order import fixed_orders

    for quiz in QUIZZES.values():
        orders = fixed_orders(quiz)
        assert orders == fixed_orders(quiz), "the same on every build"
        for question in quiz.questions:
            assert sorted(orders[question.id]) == list(range(len(question.options)))
            if question.shuffle:
                assert list(orders[question.id]) != list(range(len(question.options))), f"{quiz.id}/{question.id} prints in file order"
        singles = [q for q in quiz.questions if q.type == "single" and q.shuffle]
        if not singles:
            continue
        places = Counter(orders[q.id].index(q.correct_indexes[0]) for q in singles)
        # Dealt like cards: no letter comes round a second time before every other has come once.
        common = range(min(len(q.options) for q in singles))
        assert max(places.values()) - min(places.get(p, 0) for p in common) <= 1, (quiz.id, places)


def test_trainer_pages_stay_out_of_the_search_index(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not any(loc.startswith("trainers/") for loc in locations), "trainers' pages (guide, handouts, answer key) are not searchable"
    assert "relationship-bank/" in locations


_PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', re.DOTALL)


def _nav_links(html: str) -> list[str]:
    """The links of a built page's site navigation (Material's primary sidebar)."""
    nav = _PRIMARY_NAV.search(html)
    assert nav, "the page has Material's site navigation"
    return re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link', nav.group(0))


def _lessons_linked(links: list[str]) -> list[str]:
    return [src for src in LESSONS if any(link.rstrip("/").rsplit("/", 1)[-1] == src.removesuffix(".md") for link in links)]


def test_trainers_pages_list_the_courses_top_level_entries_not_every_lesson(site_dir: Path) -> None:
    """A handout is one page per lesson: a nav of every lesson in each would grow the build with the square of the course."""
    trainers = [site_dir / "trainers" / "index.html", site_dir / "trainers" / "answer-key" / "index.html",
                *(site_dir / "trainers" / "handouts" / src.removesuffix(".md") / "index.html" for src in LESSONS)]
    for page in trainers:
        html = page.read_text(encoding="utf-8")
        links = _nav_links(html)
        # The Lessons section is one link, to the first lesson; the other top-level entries stay.
        assert _lessons_linked(links) == [LESSONS[0]], f"{page}: the nav lists lessons {_lessons_linked(links)}"
        assert '<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">' in html
        for entry in ("checklist", "glossary", "certificate", "sources", "whats-new"):
            assert any(link.rstrip("/").rsplit("/", 1)[-1] == entry for link in links), f"{page}: the nav lost '{entry}'"
        # Still a whole page: its table of contents and the footer's way back to the guide.
        assert 'data-md-type="toc"' in html and ">For trainers</a>" in html, page
    handout = (site_dir / "trainers" / "handouts" / "relationship-bank" / "index.html").read_text(encoding="utf-8")
    assert 'href="#key-points"' in handout and 'class="pk-box' in handout
    # The learners' pages keep the whole course in their nav.
    for learners in (site_dir / "index.html", site_dir / "checklist" / "index.html"):
        assert _lessons_linked(_nav_links(learners.read_text(encoding="utf-8"))) == LESSONS, learners


def test_the_trainers_template_is_materials_navigation_block_with_one_change() -> None:
    """overrides/trainers.html copies Material's `site_nav` block: after a Material upgrade, this says to copy it again."""
    import material

    def block(text: str) -> list[str]:
        body = text[text.index("{% block site_nav %}") :]
        return [line.strip() for line in body[: body.index("{% endblock %}")].splitlines() if line.strip()]

    theirs = block((Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8"))
    ours = block((ROOT / "overrides" / "trainers.html").read_text(encoding="utf-8"))
    assert ours[1].startswith("{% set features = ") and ours[:1] + ours[2:] == theirs, \
        "Material's base.html site_nav block changed: copy it into overrides/trainers.html again, keeping the 'set features' line"


def _learner_pages(site_dir: Path) -> list[Path]:
    return [page for page in site_dir.rglob("index.html") if not page.relative_to(site_dir).as_posix().startswith(("trainers/", "editing", "search/"))]


def test_learners_never_meet_trainers_pages_in_the_nav_or_previous_next(site_dir: Path) -> None:
    pages = _learner_pages(site_dir)
    assert len(pages) >= 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.DOTALL)
        assert nav and "Lessons" in nav.group(0), page
        assert "trainers/" not in nav.group(0) and "Answer key" not in nav.group(0), f"{page}: the nav offers trainers' pages"
        for link in re.findall(r'<a href="([^"]*)"[^>]*class="md-footer__link[^"]*"', html):
            assert "trainers/" not in link and "editing" not in link, f"{page}: Previous/Next leads to {link}"
        footer = re.search(r'<nav class="pk-audiences"[^>]*>(.*?)</nav>', html, re.DOTALL)
        assert footer and re.search(r'href="[^"]*trainers/"[^>]*>For trainers</a>', footer.group(1)), f"{page}: no 'For trainers' link"
    whats_new = (site_dir / "whats-new" / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link--next" not in whats_new, "What's new is the end of the learners' path"


def test_the_footer_link_reaches_the_facilitator_guide_from_every_depth(site_dir: Path) -> None:
    for page in (site_dir / "index.html", site_dir / "trainers" / "handouts" / "relationship-bank" / "index.html"):
        link = re.search(r'<a href="([^"]*)">For trainers</a>', page.read_text(encoding="utf-8"))
        assert link and (page.parent / link.group(1) / "index.html").resolve() == (site_dir / "trainers" / "index.html").resolve()


def test_answer_key_can_be_left_out_of_the_published_site(tmp_path: Path) -> None:
    root = copy_course(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  answer_key: site\n", "  answer_key: handouts\n", 1), encoding="utf-8")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "trainers" / "answer-key").exists()
    assert "answer-key" not in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    guide = (tmp_path / "site" / "trainers" / "index.html").read_text(encoding="utf-8")
    assert "not published with this site" in guide and "dist/handouts/answer-key.pdf" in guide
    # `make handouts` asks its own build for it.
    result = run_mkdocs_build(config, tmp_path / "print", env_extra={"PK_PRINT_ANSWER_KEY": "1"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "print" / "trainers" / "answer-key" / "index.html").is_file()
    config.write_text(config.read_text(encoding="utf-8").replace("  answer_key: handouts\n", "  answer_key: secret\n", 1), encoding="utf-8")
    result = run_mkdocs_build(config, tmp_path / "bad")
    assert result.returncode == 1 and "'extra: answer_key:' is 'secret' — write 'site'" in result.stderr and "Traceback" not in result.stderr


def test_a_lesson_without_handout_material_is_reported() -> None:
    problems = handout_problems("docs/x.md", {"title": "X"}, "# X\n\n## Key takeaways { #key-takeaways }\n\n- One.\n")
    assert problems == ["docs/x.md: no 'handout:' in the front matter — add its 'discussion:' questions and 'activity:' (see docs/trainers/index.md)"]
    meta = {"handout": {"discussion": ["Why?"], "activity": {"title": "Sort", "minutes": "ten", "steps": ["Do it."]}}}
    assert any("'handout: activity: minutes:' is 'ten'" in p for p in handout_problems("docs/x.md", meta, "# X\n"))
    assert any("Key takeaways" in p for p in handout_problems("docs/x.md", meta, "# X\n"))

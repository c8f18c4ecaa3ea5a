"""The built course: lessons, diagrams, home page, search index and no third-party assets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from course.handouts import key_points
from course.lesson_time import LessonTime
from course.sources import lesson_objectives
from tests.conftest import ROOT

DOCS = ROOT / "docs"
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
LESSONS: list[str] = next(item["Lessons"] for item in CONFIG["nav"] if "Lessons" in item)

#: Each diagram the course promises, and the lesson it illustrates.
DIAGRAMS = {
    "trust-tenure-tolerance.svg": "marry-your-customer.md",
    "relationship-bank.svg": "relationship-bank.md",
    "partnership-path.svg": "partnership.md",
}


def front_matter(path: Path) -> tuple[dict, str]:
    """A Markdown file's front matter and body."""
    _, meta, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(meta), body


def expected_time(src: str) -> LessonTime:
    """A lesson's time worked out by hand from the rule: words at 200 a minute, 5 minutes' reflection, 40 s a question."""
    _, body = front_matter(DOCS / src)
    words = len(re.findall(r"[A-Za-z0-9']+", re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL)))
    quiz = re.search(r"<!-- quiz: ([a-z0-9-]+) -->", body).group(1)
    questions = len(yaml.safe_load((ROOT / "quizzes" / f"{quiz}.yml").read_text(encoding="utf-8"))["questions"])
    return LessonTime(-(-words // 200), 5, -(-questions * 40 // 60))


def built_page(site_dir: Path, src: str) -> str:
    """The HTML MkDocs built for a source page (directory URLs)."""
    stem = src.removesuffix(".md")
    path = site_dir / "index.html" if stem == "index" else site_dir / stem / "index.html"
    return path.read_text(encoding="utf-8")


def article(html: str) -> str:
    """Just the page's main content, without navigation, header and footer."""
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</article>", start)]


class Elements(HTMLParser):
    """Collects (tag, attributes, text) for every element in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in {"img", "br", "hr", "input", "meta", "link", "source", "path", "rect", "circle", "line"}:
            self._open.append(len(self.found) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            index = self._open.pop()
            if self.found[index][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for index in self._open:
            self.found[index][2].append(data)


def elements(html: str) -> list[tuple[str, dict[str, str], str]]:
    """Every element of html as (tag, attributes, text content)."""
    parser = Elements()
    parser.feed(html)
    return [(tag, attrs, "".join(text).strip()) for tag, attrs, text in parser.found]


def test_nav_lists_lessons_that_exist() -> None:
    assert LESSONS, "the nav has a 'Lessons' section"
    for src in LESSONS:
        assert (DOCS / src).is_file(), f"nav lists {src} but docs/{src} does not exist"


@pytest.mark.parametrize("src", LESSONS)
def test_lesson_source_follows_the_lesson_rules(src: str) -> None:
    """The rules themselves live in course.lesson_rules (and `make check`); every lesson meets them."""
    from course.lesson_rules import check_lesson

    assert [str(p) for p in check_lesson(f"docs/{src}", (DOCS / src).read_text(encoding="utf-8"))] == []


@pytest.mark.parametrize("src", LESSONS)
def test_lesson_page_has_title_objectives_scenario_and_takeaways(site_dir: Path, src: str) -> None:
    meta, _ = front_matter(DOCS / src)
    found = elements(article(built_page(site_dir, src)))
    h1 = [text for tag, _, text in found if tag == "h1"]
    assert h1 and h1[0].startswith(meta["title"])

    html = article(built_page(site_dir, src))
    assert 'class="admonition objectives"' in html, f"{src}: no objectives box"
    block = html[html.index('class="admonition objectives"') :]
    block = block[: block.index("</div>")]
    assert "After this lesson you can" in block
    # Every objective of the source is on the page (how many a lesson has is a lesson rule).
    assert block.count("<li>") == len(lesson_objectives((DOCS / src).read_text(encoding="utf-8"))), src

    ids = {attrs.get("id") for _, attrs, _ in found}
    for anchor in ("scenario", "try-it", "key-takeaways", "check-your-understanding"):
        assert anchor in ids, f"{src}: no section #{anchor}"
    assert any("example" in attrs.get("class", "").split() for _, attrs, _ in found), f"{src}: no scenario box"

    takeaways = html[html.index('id="key-takeaways"') : html.index('id="check-your-understanding"')]
    assert takeaways.count("<li>") == len(key_points((DOCS / src).read_text(encoding="utf-8"))), src
    time = expected_time(src)
    assert f"Estimated time:</span> {time.total} min" in html and f"({time.reading} min reading, 5 min reflection, {time.quiz} min quiz)" in html


@pytest.mark.parametrize(("diagram", "src"), DIAGRAMS.items())
def test_diagram_is_on_its_page_with_alt_text(site_dir: Path, diagram: str, src: str) -> None:
    images = [attrs for tag, attrs, _ in elements(article(built_page(site_dir, src))) if tag == "img"]
    mine = [attrs for attrs in images if attrs.get("src", "").endswith(f"assets/diagrams/{diagram}")]
    assert mine, f"{diagram} is not shown on {src}"
    assert len(mine[0].get("alt", "").split()) >= 8, f"{diagram} needs real alt text on {src}"
    assert (site_dir / "assets" / "diagrams" / diagram).is_file()


@pytest.mark.parametrize("diagram", sorted(path.name for path in (DOCS / "assets" / "diagrams").glob("*.svg")))
def test_diagram_is_self_contained_accessible_svg(diagram: str) -> None:
    text = (DOCS / "assets" / "diagrams" / diagram).read_text(encoding="utf-8")
    root = ET.fromstring(text)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("role") == "img"
    assert root.find(f"{ns}title") is not None and (root.find(f"{ns}title").text or "").strip()
    assert root.find(f"{ns}desc") is not None and len((root.find(f"{ns}desc").text or "").split()) >= 10
    # A light background of its own keeps the diagram legible in dark mode and on paper.
    first_shape = next(el for el in root if el.tag == f"{ns}rect")
    assert first_shape.get("width") == "100%" and first_shape.get("fill", "").lower() in {"#fff", "#ffffff", "white"}
    for forbidden in ("script", "foreignObject", "image"):
        assert root.find(f".//{ns}{forbidden}") is None, f"{diagram} contains <{forbidden}>"
    assert not re.search(r"(?:href|src)=\"(?:https?:)?//", text)
    sizes = [float(size) for size in re.findall(r"font-size=\"([0-9.]+)", text)]
    assert sizes and min(sizes) >= 14, f"{diagram}: text smaller than 14 units is unreadable in print"


def test_home_page_learning_path_lists_every_lesson_in_order_with_its_time(site_dir: Path) -> None:
    html = article(built_page(site_dir, "index.md"))
    path = html[html.index('<ol class="pk-path"') : html.index('<p class="pk-path__total">')]
    rows = re.findall(r'<a class="pk-path__title" href="([^"]+)"[^>]*>([^<]+)</a>.*?class="pk-path__time">(\d+) min', path)
    expected = []
    for src in LESSONS:
        meta, _ = front_matter(DOCS / src)
        expected.append((src.removesuffix(".md") + "/", meta["title"], str(expected_time(src).total)))
    assert rows == expected
    total = sum(int(minutes) for _, _, minutes in expected)
    assert f'All {len(LESSONS)} lessons: <span class="pk-path__time">{total} min</span>' in html
    # The sentence above introduces the path; no caption repeats it.
    assert "<caption" not in path and html.lower().count("take the lessons in order") == 1


def test_sources_page_credits_the_authors(site_dir: Path) -> None:
    html = article(built_page(site_dir, "sources.md"))
    for name in ("Blaine Millet", "Jeanne Bliss", "Chip", "Bell", "Theodore Levitt", "Jan Carlzon", "J.D. Power"):
        assert name in html


def test_search_index_has_every_lesson(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for src in LESSONS:
        meta, _ = front_matter(DOCS / src)
        location = src.removesuffix(".md") + "/"
        assert titles.get(location) == meta["title"], f"no search entry for {src}"
    # Sections are indexed too, so a search can land on a heading.
    assert "relationship-bank/#three-rules" in titles


#: Attributes and CSS constructs that make a browser fetch something when a page is viewed.
ASSET_ATTRIBUTE = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed|object|track)\b[^>]*?\s(?:src|srcset|data|poster)=[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)
LINK_ASSET = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
CSS_REMOTE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)(?:https?:)?//", re.IGNORECASE)
JS_REMOTE = re.compile(r"(?:importScripts|import)\(\s*[\"'](?:https?:)?//|fonts\.googleapis|cdn\.jsdelivr|unpkg\.com[^\"'`]*")
#: Fallbacks in Material's bundle that never run on this site: the ResizeObserver polyfill (every
#: supported browser has ResizeObserver) and Mermaid (loaded only for a `mermaid` block, which
#: no page has — asserted below). The browser tests confirm no page sends an off-site request.
MATERIAL_UNUSED_FALLBACKS = {"unpkg.com/resize-observer-polyfill", "unpkg.com/mermaid@11/dist/mermaid.min.js"}


def test_built_site_requests_nothing_from_other_hosts(site_dir: Path) -> None:
    problems = []
    for path in site_dir.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(site_dir)
        if path.suffix in {".html", ".svg"}:
            problems += [f"{where}: {m.group()[:120]}" for m in ASSET_ATTRIBUTE.finditer(text)]
            for tag in LINK_ASSET.findall(text):
                rel = re.search(r"rel=[\"']?([^\"' >]+)", tag)
                fetched = rel and rel.group(1).lower() in {"stylesheet", "preload", "preconnect", "icon", "modulepreload", "manifest", "dns-prefetch"}
                if fetched and re.search(r"href=[\"']?(?:https?:)?//", tag):
                    problems.append(f"{where}: {tag}")
            problems += [f"{where}: {m.group()}" for m in re.finditer(r"<style[^>]*>.*?</style>", text, re.S) if CSS_REMOTE.search(m.group())]
        if path.suffix == ".css":
            problems += [f"{where}: {m.group()}" for m in CSS_REMOTE.finditer(text)]
        if path.suffix == ".js":
            problems += [
                f"{where}: {m.group()}" for m in JS_REMOTE.finditer(text) if m.group() not in MATERIAL_UNUSED_FALLBACKS
            ]
        if path.suffix == ".html":
            assert 'class="mermaid"' not in text, f"{where}: a Mermaid diagram would load Mermaid from a CDN"
    assert not problems, "assets from other hosts:\n" + "\n".join(problems)
    assert len(list(site_dir.rglob("*.html"))) >= 10, "the scan must have read the real site"


def test_asset_scan_catches_remote_assets() -> None:
    """The patterns above are the test's teeth: show they bite on the usual offenders."""
    assert ASSET_ATTRIBUTE.search('<script src="https://cdn.example.com/x.js"></script>')
    assert ASSET_ATTRIBUTE.search("<img alt='' src='//example.com/a.png'>")
    assert CSS_REMOTE.search("@import url('https://fonts.googleapis.com/css?family=Roboto')")
    assert JS_REMOTE.search('importScripts("https://unpkg.com/lunr")')
    assert not ASSET_ATTRIBUTE.search('<script src="../assets/javascripts/bundle.js"></script>')


SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_overlap.py"


def test_no_sentences_copied_from_the_source_texts() -> None:
    """Lessons retell the source texts in our own words (quotations in “…” aside)."""
    if not SEED_TOOL.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SEED_TOOL} is missing: CI must check for copied source text")
        pytest.skip("the source texts (../shared) are not beside this checkout")
    result = subprocess.run([sys.executable, str(SEED_TOOL)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 copied runs" in result.stdout


def test_a_diagram_with_a_narrow_variant_is_offered_to_phones_through_picture() -> None:
    from course.diagrams import NARROW_MEDIA, with_narrow_variants

    html = (
        '<p><img alt="Bank" src="../assets/diagrams/bank.svg" width="720" /> <img alt="Other" src="../assets/diagrams/other.svg" />'
        ' <img alt="Gone" src="../assets/diagrams/gone.svg" /></p>'
    )
    sizes = {"bank": (720, 400), "bank-narrow": (360, 556), "other": (600, 300)}
    out = with_narrow_variants(html, sizes.get)
    assert out.count("<picture>") == 1, "only a diagram that has a narrow variant is wrapped"
    # Every diagram is sized (so nothing jumps as it loads): an author's width is kept, the height follows the drawing.
    assert (
        f'<picture><source media="{NARROW_MEDIA}" srcset="../assets/diagrams/bank-narrow.svg" width="360" height="556">'
        '<img alt="Bank" src="../assets/diagrams/bank.svg" width="720" height="400" /></picture>'
    ) in out
    assert '<img alt="Other" src="../assets/diagrams/other.svg" width="600" height="300" />' in out
    assert '<img alt="Gone" src="../assets/diagrams/gone.svg" />' in out, "a missing file is MkDocs' to report"


@pytest.mark.parametrize(("diagram", "src"), DIAGRAMS.items())
def test_every_course_diagram_has_a_narrow_variant_on_its_page(site_dir: Path, diagram: str, src: str) -> None:
    narrow = diagram.removesuffix(".svg") + "-narrow.svg"
    assert (site_dir / "assets" / "diagrams" / narrow).is_file()
    html = article(built_page(site_dir, src))
    assert f'srcset="../assets/diagrams/{narrow}"' in html
    # Sized in the drawing's proportions, so the lesson below does not jump when the image arrives.
    from course.diagrams import svg_size

    img = re.search(rf'<img\b[^>]*src="\.\./assets/diagrams/{re.escape(diagram)}"[^>]*>', html)
    assert img, html
    width, height = (int(re.search(rf'\s{name}="(\d+)"', img.group(0)).group(1)) for name in ("width", "height"))
    box = svg_size(DOCS / "assets" / "diagrams" / diagram)
    assert box and abs(height - width * box[1] / box[0]) < 1, (img.group(0), box)

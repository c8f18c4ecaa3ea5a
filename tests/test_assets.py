"""Our stylesheets and scripts as a browser gets them: minified, named after their content, small, and
each feature's only on the pages that show it."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from course.assets import CORE, FEATURES, features_in, sources
from course.weight import page_assets, referenced
from tests.conftest import ROOT, run_mkdocs_build
from tests.lesson_fixture import copy_course

THEME = Path(material.__file__).resolve().parent / "templates"
DOCS = ROOT / "docs"
#: Gzipped bytes a lesson with its quiz may load beyond Material (issue 11's target).
QUIZ_PAGE_BUDGET = 5_000
QUIZ_PAGE = "relationship-bank/index.html"
#: A page of each feature, and what its content shows.
FEATURE_PAGES = {"progress": ["index.html", "certificate/index.html"], "checklist": ["checklist/index.html"],
                 "handouts": ["trainers/handouts/relationship-bank/index.html", "trainers/answer-key/index.html"]}


def built_names(site: Path, page: str = QUIZ_PAGE) -> dict[str, str]:
    """The file names our script and stylesheet got in a built site, read from a page (the quiz page's: the core pair)."""
    ours = [asset.path for asset in page_assets(site, page, THEME) if not asset.theme]
    return {Path(path).suffix.lstrip("."): Path(path).name for path in ours}


def loaded_sources(site: Path, page: str) -> set[str]:
    """Which of our source files (paths under docs/) the built page loads, read back from the built names."""
    ours = [asset.path for asset in page_assets(site, page, THEME) if not asset.theme]
    found = set()
    for path in ours:
        match = re.fullmatch(r"(?P<stem>.+)\.[0-9a-f]{8}\.min\.(?P<kind>css|js)", path)
        assert match, f"{page} loads {path}, not named after its content"
        found.add(f"{match['stem']}.{match['kind']}")
    return found


def test_a_quiz_page_loads_little_beyond_material(site_dir: Path) -> None:
    assets = page_assets(site_dir, QUIZ_PAGE, THEME)
    ours = [asset for asset in assets if not asset.theme]
    # The check can fail: Material's own files are recognised as the theme's, and ours are the core pair only.
    assert any(asset.theme and asset.path.endswith(".min.css") for asset in assets), assets
    assert loaded_sources(site_dir, QUIZ_PAGE) == set(CORE), ours
    assert (site_dir / QUIZ_PAGE).read_text(encoding="utf-8").count('data-quiz="') == 1, "the page must hold a quiz"
    total = sum(asset.gzipped for asset in ours)
    assert total <= QUIZ_PAGE_BUDGET, f"a quiz page loads {total} gzipped bytes of our own: {ours}"


def test_every_asset_is_minified_and_only_under_its_hashed_name(site_dir: Path) -> None:
    for source in sources():
        stem, kind = source.rsplit(".", 1)
        built = list(site_dir.glob(f"{stem}.*.min.{kind}"))
        assert len(built) == 1 and re.fullmatch(rf"{Path(stem).name}\.[0-9a-f]{{8}}\.min\.{kind}", built[0].name), built
        original = (DOCS / source).read_text(encoding="utf-8")
        text = built[0].read_text(encoding="utf-8")
        # Minified: comments and indentation gone, well under the source's size.
        assert len(text) < 0.8 * len(original) and "/*" not in text and "\n  " not in text, built
        # No copy under the fixed name is left behind for an old page or a stale cache to find.
        assert not (site_dir / source).exists(), source
    # Scripts have their local names shortened; what other files share keeps its name.
    core = next(site_dir.glob("assets/javascripts/course.*.min.js")).read_text(encoding="utf-8")
    assert "function startAttempt(" not in core and "window.PromisesKeptCourse" in core and "document$" in core


def test_each_page_loads_a_features_files_exactly_when_it_shows_the_feature(site_dir: Path) -> None:
    pages = [page.relative_to(site_dir).as_posix() for page in site_dir.rglob("*.html")]
    for name, examples in FEATURE_PAGES.items():
        assert set(examples) <= set(pages), examples
    shown = {feature.name: set() for feature in FEATURES}
    for page in pages:
        html = (site_dir / page).read_text(encoding="utf-8")
        if "md-content__inner" not in html:
            continue
        loaded = loaded_sources(site_dir, page)
        assert set(CORE) <= loaded, f"{page} lacks the course's own stylesheet or script"
        content = html[html.index("md-content__inner") : html.find('<footer class="md-footer')]
        for feature in FEATURES:
            wanted = {path for path in (feature.stylesheet, feature.script) if path}
            if feature in features_in(content):
                shown[feature.name].add(page)
                assert wanted <= loaded, f"{page} shows the {feature.name} but does not load {wanted - loaded}"
            else:
                assert not wanted & loaded, f"{page} loads {wanted & loaded} without showing the {feature.name}"
    for name, examples in FEATURE_PAGES.items():
        assert set(examples) <= shown[name], f"the {name} was not found where it is shown: {examples}"
    assert "relationship-bank/index.html" not in set().union(*shown.values())


def test_every_class_a_page_uses_is_styled_by_a_stylesheet_it_loads(site_dir: Path) -> None:
    """A class our stylesheets style must be styled on every page that uses it (no feature's file forgotten)."""
    styled: dict[str, set[str]] = {}
    for source in sources():
        if source.endswith(".css"):
            for name in re.findall(r"\.(pk-[\w-]+)", (DOCS / source).read_text(encoding="utf-8")):
                styled.setdefault(name, set()).add(source)
    assert {"pk-quiz", "pk-area", "pk-path", "pk-key", "pk-certificate__card"} <= set(styled), sorted(styled)
    unstyled = []
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "md-content__inner" not in html:
            continue
        loaded = loaded_sources(site_dir, page.relative_to(site_dir).as_posix())
        used = {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split() if name in styled}
        unstyled += [f"{page.relative_to(site_dir)}: .{name} ({sorted(styled[name])})" for name in sorted(used) if not styled[name] & loaded]
    assert not unstyled, unstyled


def test_a_changed_stylesheet_gets_a_new_name_and_an_unchanged_script_keeps_its_own(site_dir: Path, tmp_path: Path) -> None:
    root = copy_course(tmp_path / "course")
    style = root / "docs" / "assets" / "stylesheets" / "course.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n.pk-new-rule { color: #123456; }\n", encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    before, after = built_names(site_dir), built_names(tmp_path / "site")
    assert after["css"] != before["css"], "a browser holding the old stylesheet would keep using it"
    assert after["js"] == before["js"], "an unchanged script must keep its name, so browsers keep their cached copy"
    assert ".pk-new-rule{color:#123456}" in next((tmp_path / "site").rglob(after["css"])).read_text(encoding="utf-8")
    # Only the changed file: the checklist's stylesheet keeps its name too.
    checklist = lambda site: sorted(p.name for p in site.glob("assets/stylesheets/checklist.*.min.css"))  # noqa: E731
    assert checklist(tmp_path / "site") == checklist(site_dir)


@pytest.mark.parametrize(
    ("source", "broken", "found"),
    [("assets/javascripts/checklist.js", "  var = 2;\n", "Unexpected '='"), ("assets/stylesheets/progress.css", "}\n", "Invalid empty selector")],
)
def test_a_broken_script_or_stylesheet_stops_the_build_naming_the_file_and_line(tmp_path: Path, source: str, broken: str, found: str) -> None:
    root = copy_course(tmp_path / "course")
    file = root / "docs" / source
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(4, broken)  # line 5, after the file's opening comment
    file.write_text("".join(lines), encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"docs/{source}:5: {found}" in result.stderr, result.stderr

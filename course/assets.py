"""Our stylesheets and scripts as a browser gets them: minified, named after their content, loaded where used.

Every page loads the core pair (`course.css`, `course.js`: lessons, quizzes, print), cached once for
the whole course. A feature with markup of its own (the learning path and progress, the checklist,
handouts) keeps its styles and behaviour in files of its own, which only the pages showing that
markup load: a lesson with its quiz then carries nothing it does not use.

A feature's tags go at the top of the page's content (Material's `<article>`), not into `<head>`:
instant navigation swaps the content and runs the scripts in it, but never adds a stylesheet or
script from the head of the page it navigates to. Its script is `defer`red, so on a first load it
runs after Material's bundle and `course.js`, whose helpers it uses. They are added to the built
page, after quizzes, worksheets and the answer key are rendered into it (hooks/quizzes.py).

Files are named after a hash of their minified content (`course.1a2b3c4d.min.js`): a browser never
keeps a stale copy after an update, and an unchanged file keeps its name and its cached copy.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import lightningcss
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError
from calmjs.parse.unparsers.es5 import minify_print

__all__ = ["CORE", "FEATURES", "AssetError", "BuiltAsset", "Feature", "build_assets", "built_name", "features_in", "minify", "sources", "with_feature_assets"]

#: Loaded by every page, through `extra_css` and `extra_javascript` in mkdocs.yml.
CORE = ("assets/stylesheets/course.css", "assets/javascripts/course.js")


@dataclass(frozen=True)
class Feature:
    """Styles (and behaviour) for one kind of generated markup, loaded only by the pages that contain it."""

    name: str
    #: Found in a page's content HTML when the page shows this feature.
    marker: re.Pattern[str]
    stylesheet: str
    script: str | None = None


FEATURES = (
    # The learning path and course progress (course/lessons.py, course/completion.py), the certificate.
    Feature(
        "progress",
        re.compile(r'class="pk-path[\s"]|\sdata-course-progress[\s=>]|\sdata-certificate[\s=>]'),
        "assets/stylesheets/progress.css",
        "assets/javascripts/progress.js",
    ),
    # The loyalty checklist (course/checklist.py).
    Feature("checklist", re.compile(r"<form\b[^>]*\sdata-checklist="), "assets/stylesheets/checklist.css", "assets/javascripts/checklist.js"),
    # Handouts, worksheets and the answer key (course/handouts.py): styles only.
    Feature("handouts", re.compile(r'class="[^"]*\bpk-(?:sheet|key|handout-kicker)(?:__[\w-]+)?[\s"]'), "assets/stylesheets/handouts.css"),
)


class AssetError(ValueError):
    """A stylesheet or script that cannot be minified; the message names the file and the line."""


@dataclass(frozen=True)
class BuiltAsset:
    """A source file (path under docs/) and what the site serves instead: its name and minified text."""

    source: str
    path: str
    text: str


def minify(source: str, text: str) -> str:
    """The file's text minified: scripts with their local names shortened, stylesheets by a CSS parser."""
    if source.endswith(".js"):
        try:
            # Globals keep their names: Material's document$ and window.PromisesKeptCourse are shared.
            return minify_print(es5(text), obfuscate=True, obfuscate_globals=False)
        except ECMASyntaxError as error:
            line = re.search(r" at (\d+):\d+", str(error))
            raise AssetError(f"docs/{source}:{line.group(1) if line else 1}: {error} — fix the script") from None
    if source.endswith(".css"):
        try:
            return lightningcss.process_stylesheet(text, filename=source, minify=True)
        except ValueError as error:
            # lightningcss counts lines from 0: "Unexpected end of input at assets/x.css:4:17".
            found = re.search(r"^(?:Parsing stylesheet failed: )?(.*?) at \S+:(\d+):(\d+)$", str(error))
            where, what = (int(found.group(2)) + 1, f"{found.group(1)} (column {int(found.group(3)) + 1})") if found else (1, str(error))
            raise AssetError(f"docs/{source}:{where}: {what} — fix the stylesheet") from None
    raise AssetError(f"docs/{source}: only .css and .js files are minified")


def built_name(source: str, text: str) -> str:
    """Where the site serves a minified file: `assets/javascripts/course.js` → `assets/javascripts/course.<hash>.min.js`."""
    stem, extension = posixpath.splitext(source)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{stem}.{digest}.min{extension}"


def sources() -> list[str]:
    """Every stylesheet and script of ours, core first, as paths under docs/."""
    found = list(CORE)
    for feature in FEATURES:
        found += [path for path in (feature.stylesheet, feature.script) if path]
    return found


def build_assets(docs_dir: Path) -> dict[str, BuiltAsset]:
    """Each of our assets, by its source path, minified and named after its content.

    Reports every file that fails at once, so an editor fixes them in one go.
    """
    built: dict[str, BuiltAsset] = {}
    problems = []
    for source in sources():
        file = docs_dir / source
        if not file.is_file():
            problems.append(f"docs/{source}: missing — course/assets.py lists it as one of the course's assets")
            continue
        try:
            text = minify(source, file.read_text(encoding="utf-8"))
        except AssetError as error:
            problems.append(str(error))
            continue
        built[source] = BuiltAsset(source, built_name(source, text), text)
    if problems:
        raise AssetError("\n".join(problems))
    return built


def features_in(html: str) -> list[Feature]:
    """The features whose markup a page's content HTML contains, in FEATURES order."""
    return [feature for feature in FEATURES if feature.marker.search(html)]


_CONTENT = re.compile(r'<article class="md-content__inner[^"]*">')


def with_feature_assets(html: str, url_of: Callable[[str], str]) -> str:
    """The built page with the stylesheet and script of each feature its content shows, first in its content.

    `url_of` gives a source asset's built address relative to the page. Only the content is
    searched, from Material's `<article>` to the footer, never the navigation around it.
    """
    start = _CONTENT.search(html)
    if start is None:
        return html
    footer = html.find('<footer class="md-footer', start.end())
    found = features_in(html[start.end() : footer if footer != -1 else len(html)])
    tags = []
    for feature in found:
        tags.append(f'<link rel="stylesheet" href="{escape(url_of(feature.stylesheet))}">')
        if feature.script:
            tags.append(f'<script src="{escape(url_of(feature.script))}" defer></script>')
    if not tags:
        return html
    return html[: start.end()] + "".join(tags) + html[start.end() :]

"""The offline pack: the whole course in one zip that a trainer opens from a folder with no network.

Material's offline plugin (mkdocs.yml, on when OFFLINE=true) turns directory URLs off, so links
end in `.html` and work from `file://`, and writes the search index as a script as well, because
a page opened from a file may not fetch. Its search then runs in an iframe instead of a web worker
(the iframe-worker shim), which the plugin loads from unpkg.com: that fails with no network, so
the pack carries its own copy, pinned by js/package-lock.json. This module also switches off what
does not work from a file: instant navigation (on `file://` Material never emits `document$`, so
the course script would never start) and the "Edit this page" link (it leads to GitHub).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "FEATURES_OFF",
    "FOLDER",
    "OFFLINE_ENV",
    "PACK_NAME",
    "README",
    "SHIM_PACKAGE",
    "SHIM_URI",
    "offline_features",
    "offline_polyfills",
    "write_pack",
]

#: The environment variable that turns the offline plugin on (mkdocs.yml: `enabled: !ENV [OFFLINE, false]`).
OFFLINE_ENV = "OFFLINE"
#: Where the iframe-worker shim is installed (npm, js/package.json), relative to the project.
SHIM_PACKAGE = Path("js/node_modules/iframe-worker/shim/index.js")
#: Where the pack carries the shim. Its name holds "iframe-worker": the offline plugin then adds no CDN copy.
SHIM_URI = "assets/javascripts/iframe-worker/shim.js"
#: Theme features that need a web server or the internet: instant navigation and its options, the Edit link.
FEATURES_OFF = ("navigation.instant", "content.action.edit")
PACK_NAME = "promises-kept-offline.zip"
#: The one folder in the zip, so unzipping never scatters files.
FOLDER = "promises-kept"
README = """\
Promises Kept, the offline pack
===============================

1. Reading this inside the zip? Unzip it first (on Windows: right-click the zip, "Extract All").
2. Open index.html in this folder with a web browser (double-click it).

Everything works with no network: the lessons, search, the quizzes and the loyalty checklist.
The printable PDFs are in handouts/ and listed in the facilitator guide (the "For trainers" link
at the foot of every page). Quiz scores and checklist ratings stay in the browser of the
computer the pack is opened on.
"""


def offline_features(features: Sequence[str]) -> list[str]:
    """The theme features without those that need a server or the internet."""
    return [f for f in features if not any(f == off or f.startswith(off + ".") for off in FEATURES_OFF)]


def offline_polyfills(polyfills: Sequence[object]) -> list[object]:
    """The page's polyfills with the pack's own iframe-worker shim instead of any CDN copy."""
    return [p for p in polyfills if "iframe-worker" not in str(p)] + [SHIM_URI]


def write_pack(site: Path, target: Path) -> Path:
    """Zip a built offline site into one folder, with a README saying how to open it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{FOLDER}/README.txt", README)
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
    return target

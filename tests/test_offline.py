"""The offline pack's rules (course.offline), without a browser; tests/browser/test_offline_browser.py opens the pack."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from course.offline import FOLDER, README, SHIM_URI, offline_features, offline_polyfills, write_pack
from tests.conftest import ROOT


def test_instant_navigation_with_its_options_and_the_edit_link_are_switched_off() -> None:
    features = ["navigation.instant", "navigation.instant.progress", "navigation.instantly", "navigation.tracking",
                "search.suggest", "content.action.edit", "content.action.view"]
    assert offline_features(features) == ["navigation.instantly", "navigation.tracking", "search.suggest", "content.action.view"]


def test_the_cdn_shim_gives_way_to_the_packs_own_copy() -> None:
    assert offline_polyfills([]) == [SHIM_URI]
    assert offline_polyfills(["https://unpkg.com/iframe-worker/shim", "other.js"]) == ["other.js", SHIM_URI]
    # Named so, the offline plugin (which adds unpkg.com's copy unless one is listed) adds none.
    assert "iframe-worker" in SHIM_URI


def test_the_pack_is_one_folder_with_the_readme(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "handouts").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (site / "handouts" / "checklist.pdf").write_bytes(b"%PDF-1.4")
    with zipfile.ZipFile(write_pack(site, tmp_path / "dist" / "pack.zip")) as archive:
        assert sorted(archive.namelist()) == [f"{FOLDER}/README.txt", f"{FOLDER}/handouts/checklist.pdf", f"{FOLDER}/index.html"]
        assert archive.read(f"{FOLDER}/README.txt").decode() == README
    assert "index.html" in README


def test_the_published_site_is_not_the_offline_one(site_dir: Path) -> None:
    """OFFLINE is unset in `make build`: directory URLs, instant navigation, Material's own search."""
    assert (site_dir / "relationship-bank" / "index.html").is_file()
    assert not (site_dir / "search" / "search_index.js").exists()
    assert not (site_dir / SHIM_URI).exists()
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "navigation.instant" in json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.DOTALL).group(1))["features"]


def test_the_shim_is_pinned_to_one_version() -> None:
    wanted = json.loads((ROOT / "js" / "package.json").read_text(encoding="utf-8"))["dependencies"]["iframe-worker"]
    locked = json.loads((ROOT / "js" / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/iframe-worker"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted) and wanted == locked

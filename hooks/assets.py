"""MkDocs hook for our stylesheets and scripts: minified, content-named, each feature's only where used (course.assets)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from course.assets import AssetError, BuiltAsset, build_assets, with_feature_assets

_built: dict[str, BuiltAsset] = {}
_files: dict[str, File] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Minify our assets once per build and point `extra_css` and `extra_javascript` at the built names."""
    try:
        built = build_assets(Path(config.docs_dir))
    except AssetError as error:
        raise PluginError(str(error)) from None
    _built.clear()
    _built.update(built)
    _files.clear()
    for extra in (config.extra_css, config.extra_javascript):
        for index, entry in enumerate(extra):
            if isinstance(entry, str) and entry in built:
                extra[index] = built[entry].path
            elif not isinstance(entry, str) and entry.path in built:
                entry.path = built[entry.path].path
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Serve each asset under its built name only: no copy under the fixed name is left for a stale cache."""
    for asset in _built.values():
        source = files.get_file_from_path(asset.source)
        if source is not None:
            files.remove(source)
        _files[asset.source] = File.generated(config, asset.path, content=asset.text)
        files.append(_files[asset.source])
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Give the page the stylesheet and script of every feature its content shows."""
    return with_feature_assets(output, lambda source: _files[source].url_relative_to(page.file))

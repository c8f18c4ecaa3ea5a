"""MkDocs hooks for the offline pack (`make offline`): what the offline plugin leaves to us (course.offline)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from course.offline import SHIM_PACKAGE, SHIM_URI, offline_features, offline_polyfills


def _offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on for this build (mkdocs.yml, OFFLINE=true)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Offline: no instant navigation or Edit link, and the pack's own iframe-worker shim."""
    if _offline(config):
        config.theme["features"] = offline_features(config.theme["features"])
        config.extra["polyfills"] = offline_polyfills(config.extra.get("polyfills", []))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Offline: copy the pinned iframe-worker shim into the site, where the pages load it."""
    if _offline(config):
        shim = Path(config.config_file_path).resolve().parent / SHIM_PACKAGE
        if not shim.is_file():
            raise PluginError(f"{SHIM_PACKAGE} is missing: the offline pack's search needs it — "
                              "run `make offline`, which installs it (npm ci --prefix js)")
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(shim)))
    return files

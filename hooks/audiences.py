"""MkDocs hook for a learners-only build (an LMS package): no trainers' or editors' pages (course.audiences)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from course.audiences import for_learners_only, is_staff_page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """For learners only: no footer links to pages the build leaves out."""
    if for_learners_only():
        config.extra["audiences"] = {}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """For learners only: leave out every page mkdocs.yml keeps out of the nav (trainers' and editors')."""
    if for_learners_only():
        for file in [f for f in files if is_staff_page(f.src_uri, config.not_in_nav)]:
            files.remove(file)
    return files

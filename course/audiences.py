"""Who a build is for: the published site serves everyone; an LMS package serves learners only.

Trainers' and editors' pages (mkdocs.yml `not_in_nav`: the facilitator guide, handouts, the answer
key, the editors' guides) stay out of the learners' navigation but are published, reached from
every page's footer. An LMS package goes to learners alone, so its build (`make lms`, with
PK_LEARNERS_ONLY=1) leaves those pages out altogether, and the footer links with them: a learner in
the LMS cannot open the answer key, not even by guessing its address.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs' own pattern type for `not_in_nav`
    from pathspec import PathSpec

__all__ = ["LEARNERS_ONLY_ENV", "for_learners_only", "is_staff_page"]

LEARNERS_ONLY_ENV = "PK_LEARNERS_ONLY"


def for_learners_only(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this build is for learners alone (an LMS package)."""
    return environ.get(LEARNERS_ONLY_ENV) == "1"


def is_staff_page(src_uri: str, not_in_nav: PathSpec | None) -> bool:
    """Whether a page (its path under docs/) is for trainers or editors: one mkdocs.yml keeps out of the nav."""
    # MkDocs matches not_in_nav the same way (mkdocs.structure.files._set_exclusions).
    return bool(not_in_nav is not None and src_uri.endswith(".md") and not_in_nav.match_file(src_uri))

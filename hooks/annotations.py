"""MkDocs hook: under GitHub Actions, every build problem is also a workflow annotation on its line."""

from __future__ import annotations

import logging
import sys
from typing import Literal

from course import annotations


class _Annotate(logging.Handler):
    """Prints an annotation for each problem line of a warning or error, beside MkDocs' own output."""

    def emit(self, record: logging.LogRecord) -> None:
        for line in annotations.annotations_in(record.getMessage()):
            print(line, file=sys.stdout, flush=True)


_handler = _Annotate(level=logging.WARNING)


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Listen to MkDocs' logger once per process, only on GitHub Actions."""
    logger = logging.getLogger("mkdocs")
    if annotations.enabled() and _handler not in logger.handlers:
        logger.addHandler(_handler)

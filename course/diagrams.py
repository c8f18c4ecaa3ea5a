"""Diagrams on narrow screens: a course diagram with a narrow variant is shown through <picture>.

A diagram is drawn for a 720-unit-wide column; on a phone it shrinks to half size and its labels to
about 7 px. `docs/assets/diagrams/NAME-narrow.svg`, laid out for a narrow column, is offered to
screens up to NARROW_MEDIA instead; wide screens, print and the alt text keep the main drawing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html import escape
from pathlib import Path

__all__ = ["DIAGRAMS_DIR", "NARROW_MEDIA", "NARROW_SUFFIX", "narrow_name", "svg_size", "with_narrow_variants"]

DIAGRAMS_DIR = "assets/diagrams"
NARROW_SUFFIX = "-narrow.svg"
#: Below about 600 px the wide drawing's 14-unit labels would render under 11 px.
NARROW_MEDIA = "(max-width: 37.5em)"

_IMG = re.compile(r'<img\b[^>]*?\bsrc="(?P<src>[^"]*?' + DIAGRAMS_DIR + r'/(?P<name>[\w-]+)\.svg)"[^>]*>')


def narrow_name(name: str) -> str:
    """The docs-relative path of a diagram's narrow variant, e.g. assets/diagrams/x-narrow.svg."""
    return f"{DIAGRAMS_DIR}/{name}{NARROW_SUFFIX}"


def svg_size(path: Path) -> tuple[int, int] | None:
    """An SVG's width and height from its viewBox, or None when it has none."""
    box = (ET.parse(path).getroot().get("viewBox") or "").replace(",", " ").split()
    if len(box) != 4:
        return None
    return round(float(box[2])), round(float(box[3]))


def with_narrow_variants(html: str, narrow_size: Callable[[str], tuple[int, int] | None]) -> str:
    """Wrap each diagram <img> whose narrow variant exists (narrow_size gives its size) in a <picture>."""

    def wrap(match: re.Match[str]) -> str:
        if match.group("name").endswith("-narrow"):
            return match.group(0)
        size = narrow_size(match.group("name"))
        if size is None:
            return match.group(0)
        srcset = match.group("src")[: -len(".svg")] + NARROW_SUFFIX
        width, height = size
        return (
            f'<picture><source media="{NARROW_MEDIA}" srcset="{escape(srcset)}" width="{width}" height="{height}">'
            f"{match.group(0)}</picture>"
        )

    return _IMG.sub(wrap, html)

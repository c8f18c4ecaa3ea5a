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

__all__ = ["DIAGRAMS_DIR", "NARROW_MEDIA", "NARROW_SUFFIX", "svg_size", "with_narrow_variants"]

DIAGRAMS_DIR = "assets/diagrams"
NARROW_SUFFIX = "-narrow.svg"
#: Below about 600 px the wide drawing's 14-unit labels would render under 11 px.
NARROW_MEDIA = "(max-width: 37.5em)"

_IMG = re.compile(r'<img\b[^>]*?\bsrc="(?P<src>[^"]*?' + DIAGRAMS_DIR + r'/(?P<name>[\w-]+)\.svg)"[^>]*>')


def svg_size(path: Path) -> tuple[int, int] | None:
    """An SVG's width and height from its viewBox, or None when it has none."""
    box = (ET.parse(path).getroot().get("viewBox") or "").replace(",", " ").split()
    if len(box) != 4:
        return None
    return round(float(box[2])), round(float(box[3]))


def with_narrow_variants(html: str, size_of: Callable[[str], tuple[int, int] | None]) -> str:
    """Give each diagram <img> its height for its width, and wrap it in a <picture> when a narrow variant exists.

    `size_of` gives a diagram's viewBox size from its name (`bank`, `bank-narrow`), or None when
    there is no such file. With width and height set, the browser keeps the image's space before it
    loads, so nothing below it jumps (Lighthouse's "unsized images").
    """

    def wrap(match: re.Match[str]) -> str:
        name = match.group("name")
        img = _sized(match.group(0), size_of(name))
        if name.endswith("-narrow"):
            return img
        size = size_of(name + NARROW_SUFFIX.removesuffix(".svg"))
        if size is None:
            return img
        srcset = match.group("src")[: -len(".svg")] + NARROW_SUFFIX
        width, height = size
        return f'<picture><source media="{NARROW_MEDIA}" srcset="{escape(srcset)}" width="{width}" height="{height}">{img}</picture>'

    return _IMG.sub(wrap, html)


_WIDTH = re.compile(r'\swidth="(?P<width>\d+)"')


def _sized(img: str, size: tuple[int, int] | None) -> str:
    """The <img> tag with width and height: its own width kept, the height in the drawing's proportion."""
    if size is None or re.search(r"\sheight=", img):
        return img
    found = _WIDTH.search(img)
    width = int(found.group("width")) if found else size[0]
    height = round(width * size[1] / size[0])
    attributes = f' height="{height}"' if found else f' width="{width}" height="{height}"'
    return re.sub(r"\s*/?>$", lambda end: attributes + end.group(0), img, count=1)

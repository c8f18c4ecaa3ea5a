"""IMS content packages for the QTI banks: the manifest's frame, XML bytes, and zips that rebuild identically."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from lxml import etree

__all__ = ["manifest_frame", "xml_bytes", "zip_bytes"]

# Zip stores each file's time; a fixed one keeps a rebuilt bank byte-for-byte the same.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def manifest_frame(namespace: str, identifier: str, schema: str, version: str) -> tuple[etree._Element, etree._Element]:
    """An imsmanifest.xml root with its metadata and empty organizations, and the resources element to fill."""
    n = lambda tag: f"{{{namespace}}}{tag}"  # noqa: E731 - a local shorthand
    root = etree.Element(n("manifest"), {"identifier": identifier}, nsmap={None: namespace})
    metadata = etree.SubElement(root, n("metadata"))
    etree.SubElement(metadata, n("schema")).text = schema
    etree.SubElement(metadata, n("schemaversion")).text = version
    etree.SubElement(root, n("organizations"))
    return root, etree.SubElement(root, n("resources"))


def xml_bytes(root: etree._Element) -> bytes:
    """A document as UTF-8 bytes with its XML declaration."""
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def zip_bytes(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of (path, contents), in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files:
            info = zipfile.ZipInfo(path, _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()

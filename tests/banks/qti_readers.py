"""Reading QTI with pyslet (PyPI), the QTI 1.2 and 2.1 library by the author of the QTI migration tool Canvas runs.

pyslet 0.7.20170805 (its last release) reads QTI 1.2, migrates it to QTI 2.1 the way Canvas's
importer does before it builds a quiz, reads QTI 2.1 items, tests and content packages, and runs
QTI 2.1 response processing. One of its helpers calls the Python 2 `generator.next()`, which
Python 3 removed; `compatible()` replaces that one method with the same loop written for Python 3.
"""

from __future__ import annotations

import itertools
import logging
from html import escape
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

__all__ = ["compatible", "inner_html", "migrated_items", "right_sets", "score"]


def _quiet(record: logging.LogRecord) -> bool:
    """pyslet logs a warning for every option that is text without a wrapping element, which is valid HTML."""
    return not record.getMessage().startswith("Unexpected data (in ")


def compatible() -> None:
    """Fix pyslet's one Python 3 incompatibility on the reading path (Element.get_or_add_child)."""
    import pyslet.xml.structures as structures

    def get_or_add_child(self, child_class):  # type: ignore[no-untyped-def]
        """The first child of child_class, added when there is none (pyslet's own logic)."""
        for child in self.find_children_depth_first(child_class, max_depth=1):
            return child
        return self.add_child(child_class)

    structures.Element.get_or_add_child = get_or_add_child
    logging.getLogger().addFilter(_quiet)  # the same function object: adding it again changes nothing


def inner_html(element: object) -> str:
    """The content of a pyslet element as an HTML fragment (its XHTML with QTI's namespace dropped)."""
    node = etree.fromstring(str(element).encode("utf-8"))
    for descendant in node.iter():
        if isinstance(descendant.tag, str):
            descendant.tag = etree.QName(descendant).localname
    etree.cleanup_namespaces(node)
    return escape(node.text or "", quote=False) + "".join(etree.tostring(child, encoding="unicode") for child in node)


def migrated_items(path: Path) -> Iterator[tuple[object, list[str]]]:
    """Each item of a QTI 1.2 file as pyslet migrates it to a QTI 2.1 assessmentItem, with the migration's log."""
    from pyslet.qtiv1.xml import QTIDocument

    compatible()
    document = QTIDocument(base_uri=str(path))
    document.read()
    for v2, _metadata, log in document.root.migrate_to_v2():
        yield v2.root, log


def score(item: object, chosen: tuple[str, ...]) -> float:
    """SCORE after pyslet runs the item's response processing on the chosen choice identifiers."""
    import pyslet.qtiv2.variables as variables

    declaration = item.ResponseDeclaration[0]  # type: ignore[attr-defined]
    state = variables.ItemSessionState(item)
    state.begin_session()
    state["numAttempts"].set_value(1)
    value = state[declaration.identifier]
    if declaration.cardinality == variables.Cardinality.single:
        value.set_value(chosen[0] if chosen else None)
    else:
        value.set_value(list(chosen) if chosen else None)
    state.end_attempt()
    return float(state["SCORE"].value or 0)


def right_sets(item: object, choices: list[str], single: bool) -> list[tuple[str, ...]]:
    """Every answer (one choice, or any set of choices for a multiple, none included) that earns full marks."""
    answers = [(), *((c,) for c in choices)] if single else [s for n in range(len(choices) + 1) for s in itertools.combinations(choices, n)]
    scores = {answer: score(item, answer) for answer in answers}
    best = max(scores.values())
    assert best > 0, "some answer must score"
    return [answer for answer, points in scores.items() if points == best]

"""Question banks for LMS quiz engines, written from the course's quiz files.

Every format gets the same questions, in the same fixed option order as the worksheets
(course.order), from one `Bank`: `gift` (Moodle GIFT), `moodle` (Moodle XML), `qti12` (QTI 1.2
for Canvas), `qti21` (QTI 2.1 content package) and `aiken` (Moodle Aiken, single-answer only).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from course.banks import aiken, gift, moodle, qti12, qti21
from course.banks.model import Bank, BankError, Format, Rendered
from course.model import Quiz

__all__ = ["FORMATS", "Bank", "BankError", "Format", "Rendered", "course_bank", "export"]


#: Every format, by the name `python -m course.cli export NAME` takes.
FORMATS: Mapping[str, Format] = {
    "gift": Format("gift", "promises-kept.gift.txt", "GIFT, for Moodle's question bank", gift.render),
    "moodle": Format("moodle", "promises-kept.moodle.xml", "Moodle XML, for Moodle's question bank", moodle.render),
    "qti12": Format("qti12", "promises-kept-qti12.zip", "QTI 1.2, for Canvas", qti12.render),
    "qti21": Format("qti21", "promises-kept-qti21.zip", "QTI 2.1 content package", qti21.render),
    "aiken": Format("aiken", "promises-kept.aiken.txt", "Aiken, single-answer questions only", aiken.render),
}


def course_bank(title: str, quizzes: Mapping[str, Quiz], placements: Mapping[str, str], lessons: Collection[str]) -> Bank:
    """The course's quizzes in lesson order (the nav's), then any quiz placed on another page."""
    order = {src: index for index, src in enumerate(lessons)}
    ranked = sorted(quizzes.values(), key=lambda q: (order.get(placements.get(q.id, ""), len(order)), q.id))
    return Bank(title, tuple(ranked))


def export(bank: Bank, out: Path, names: Collection[str]) -> list[tuple[Path, Format, tuple[str, ...]]]:
    """Write each named format into out; every file written, its format and its warnings."""
    # Every file is made before any is written, so a refusal never leaves a mix of old and new ones.
    rendered = [(FORMATS[name], FORMATS[name].render(bank)) for name in names]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, result in rendered:
        target = out / fmt.filename
        target.write_bytes(result.data)
        written.append((target, fmt, result.warnings))
    return written

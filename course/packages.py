"""LMS packages of the built course: SCORM 1.2, SCORM 2004 (4th edition) and cmi5, one SCO / AU for the whole course.

The zip holds a launch page at its root (course/lms/launch.html and launch.js), which keeps the
one API session and shows the site, built for packaging, in a frame from `course/`. The manifest
lists every file. The course's score is the share of lessons complete under the one completion
rule, so the mastery score is 100 (SCORM 1.2) and the primary objective is satisfied by a
normalised measure of 1.0 (SCORM 2004): a pass in the LMS means the course's own rule was met.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

from course.completion import CompletionRule, CourseLesson

__all__ = ["CMI5_AU", "CMI5_COURSE", "STANDARDS", "build_package", "cmi5_structure", "manifest"]

HERE = Path(__file__).resolve().parent / "lms"
STANDARDS = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004 4th Edition", "cmi5": "cmi5"}
#: The IRIs that name the course and its one AU in a cmi5 package; an LMS keys its records on them.
CMI5_COURSE = "urn:promises-kept:course"
CMI5_AU = "urn:promises-kept:course:au"
CMI5_NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
_NS = {
    "scorm12": {
        "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "scorm2004": {
        "": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _q(standard: str, prefix: str, name: str) -> str:
    return f"{{{_NS[standard][prefix]}}}{name}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def manifest(standard: str, title: str, files: Sequence[str]) -> bytes:
    """imsmanifest.xml for one SCO holding the whole course; files are the zip's paths."""
    n = lambda prefix, name: _q(standard, prefix, name)  # noqa: E731 - a local shorthand
    for prefix, uri in _NS[standard].items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(n("", "manifest"), {"identifier": "promises-kept", "version": "1"})
    if standard == "scorm12":
        root.set(f"{{{_XSI}}}schemaLocation",
                 "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
                 "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd")
        metadata = _sub(root, n("", "metadata"))
        _sub(metadata, n("", "schema"), "ADL SCORM")
        _sub(metadata, n("", "schemaversion"), "1.2")
    else:
        root.set(f"{{{_XSI}}}schemaLocation",
                 "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
                 "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
                 "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd")
        metadata = _sub(root, n("", "metadata"))
        _sub(metadata, n("", "schema"), "ADL SCORM")
        _sub(metadata, n("", "schemaversion"), "2004 4th Edition")
    organizations = _sub(root, n("", "organizations"), default="course")
    organization = _sub(organizations, n("", "organization"), identifier="course")
    _sub(organization, n("", "title"), title)
    item = _sub(organization, n("", "item"), identifier="course-item", identifierref="course-sco")
    _sub(item, n("", "title"), title)
    if standard == "scorm12":
        _sub(item, n("adlcp", "masteryscore"), "100")
    else:
        sequencing = _sub(item, n("imsss", "sequencing"))
        objectives = _sub(sequencing, n("imsss", "objectives"))
        primary = _sub(objectives, n("imsss", "primaryObjective"), objectiveID="course-complete", satisfiedByMeasure="true")
        _sub(primary, n("imsss", "minNormalizedMeasure"), "1.0")
        _sub(sequencing, n("imsss", "deliveryControls"), completionSetByContent="true", objectiveSetByContent="true")
    resources = _sub(root, n("", "resources"))
    kind = "scormtype" if standard == "scorm12" else "scormType"
    resource = ET.SubElement(resources, n("", "resource"), {"identifier": "course-sco", "type": "webcontent", n("adlcp", kind): "sco", "href": "launch.html"})
    for path in files:
        _sub(resource, n("", "file"), href=path)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def cmi5_structure(title: str, description: str) -> bytes:
    """cmi5.xml: one course with one AU, passed and completed together, mastery at the whole course."""
    ET.register_namespace("", CMI5_NS)
    q = lambda name: f"{{{CMI5_NS}}}{name}"  # noqa: E731 - a local shorthand
    root = ET.Element(q("courseStructure"))
    course = _sub(root, q("course"), id=CMI5_COURSE)
    for parent in (course,):
        _sub(_sub(parent, q("title")), q("langstring"), title, lang="en")
        _sub(_sub(parent, q("description")), q("langstring"), description, lang="en")
    au = _sub(root, q("au"), id=CMI5_AU, moveOn="CompletedAndPassed", masteryScore="1.0", launchMethod="AnyWindow")
    _sub(_sub(au, q("title")), q("langstring"), title, lang="en")
    _sub(_sub(au, q("description")), q("langstring"), description, lang="en")
    _sub(au, q("url"), "launch.html")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _launch_page(standard: str, title: str, rule: CompletionRule, lessons: Sequence[CourseLesson]) -> str:
    page = (HERE / "launch.html").read_text(encoding="utf-8")
    data = json.dumps([{"id": l.id, "quiz": l.quiz} for l in lessons])
    page = page.replace('data-standard="" data-lessons="" data-rule=""',
                        f'data-standard="{escape(standard)}" data-lessons="{escape(data)}" data-rule="{escape(json.dumps(list(rule.require)))}"')
    return page.replace("<title></title>", f"<title>{escape(title)}</title>").replace('title=""', f'title="{escape(title)}"')


def build_package(standard: str, site: Path, target: Path, title: str, rule: CompletionRule, lessons: Sequence[CourseLesson]) -> Path:
    """Write one package: the launch page, the site under course/, and the manifest listing them all."""
    site_files = sorted(p for p in site.rglob("*") if p.is_file())
    files = ["launch.html", "launch.js", *(f"course/{p.relative_to(site).as_posix()}" for p in site_files)]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        if standard == "cmi5":
            archive.writestr("cmi5.xml", cmi5_structure(title, f"{title}: the whole course, every lesson and its quiz, as one unit."))
        else:
            archive.writestr("imsmanifest.xml", manifest(standard, title, files))
        archive.writestr("launch.html", _launch_page(standard, title, rule, lessons))
        archive.write(HERE / "launch.js", "launch.js")
        for path in site_files:
            archive.write(path, f"course/{path.relative_to(site).as_posix()}")
    return target

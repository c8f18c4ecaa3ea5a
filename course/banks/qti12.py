"""QTI 1.2 for Canvas ("Import course content" → "QTI .zip file"): one assessment per lesson.

The layout is Canvas's own export's: imsmanifest.xml in the Common Cartridge flavour of IMS
Content Packaging, and per lesson a folder named after the assessment holding its QTI file and
`assessment_meta.xml` (the quiz settings Canvas reads). Canvas's `question_type` metadata says
single (`multiple_choice_question`) or multiple (`multiple_answers_question`); response processing
gives 100 only for exactly the right set of options. Texts are the course's HTML in `mattext`.
"""

from __future__ import annotations

from lxml import etree

from course.banks.package import manifest_frame, xml_bytes, zip_bytes
from course.banks.model import Bank, Rendered
from course.banks.text import block_html, inline_html, paper_order
from course.model import Question, Quiz

__all__ = ["CANVAS_NS", "CP_NS", "QTI_NS", "assessment", "assessment_id", "item_id", "manifest", "quiz_settings", "render"]

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_RESPONSE = "response1"


def assessment_id(quiz: Quiz) -> str:
    """A lesson's assessment ident (and its folder): an XML name, whatever the quiz id starts with."""
    return f"pk-{quiz.id}"


def item_id(quiz: Quiz, question: Question) -> str:
    """A question's item ident, unique in the package."""
    return f"pk-{quiz.id}-{question.id}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A QTI 1.2 child element with attributes and, optionally, text."""
    element = etree.SubElement(parent, f"{{{QTI_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: etree._Element, html: str) -> None:
    """HTML as QTI 1.2 material: the XML library escapes it, the LMS reads it as HTML."""
    _sub(_sub(parent, "material"), "mattext", html, texttype="text/html")


def _metadata(parent: etree._Element, fields: dict[str, str]) -> None:
    """QTI metadata fields (label, entry), as Canvas reads its settings."""
    metadata = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _condition(parent: etree._Element, keep_going: bool) -> etree._Element:
    """A response condition; keep_going lets the conditions after it run too."""
    return _sub(parent, "respcondition", **{"continue": "Yes" if keep_going else "No"})


def _item(section: etree._Element, quiz: Quiz, question: Question, order: tuple[tuple[str, int], ...]) -> None:
    """One question as a QTI 1.2 item: its text and options, scoring, and feedback."""
    ident = item_id(quiz, question)
    choice = {index: f"{ident}-{letter}" for letter, index in order}
    item = _sub(section, "item", ident=ident, title=question.id)
    kind = "multiple_choice_question" if question.type == "single" else "multiple_answers_question"
    _metadata(_sub(item, "itemmetadata"), {
        "question_type": kind, "points_possible": "1", "original_answer_ids": ",".join(choice[i] for _, i in order),
    })
    presentation = _sub(item, "presentation")
    _material(presentation, block_html(question.prompt))
    response = _sub(presentation, "response_lid", ident=_RESPONSE, rcardinality="Single" if question.type == "single" else "Multiple")
    most = "1" if question.type == "single" else str(len(question.options))
    render_choice = _sub(response, "render_choice", shuffle="Yes" if question.shuffle else "No", maxnumber=most)
    for _, index in order:
        _material(_sub(render_choice, "response_label", ident=choice[index]), inline_html(question.options[index].text))
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    # The explanation after every attempt, then the feedback of each option chosen, then the score.
    always = _condition(processing, keep_going=True)
    _sub(_sub(always, "conditionvar"), "other")
    _sub(always, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    for _, index in order:
        if question.options[index].feedback:
            chosen = _condition(processing, keep_going=True)
            _sub(_sub(chosen, "conditionvar"), "varequal", choice[index], respident=_RESPONSE)
            _sub(chosen, "displayfeedback", feedbacktype="Response", linkrefid=f"{choice[index]}_fb")
    scored = _condition(processing, keep_going=False)
    condition = _sub(scored, "conditionvar")
    if question.type == "single":
        _sub(condition, "varequal", choice[question.correct_indexes[0]], respident=_RESPONSE)
    else:
        both = _sub(condition, "and")
        for _, index in order:
            if question.options[index].correct:
                _sub(both, "varequal", choice[index], respident=_RESPONSE)
            else:
                _sub(_sub(both, "not"), "varequal", choice[index], respident=_RESPONSE)
    _sub(scored, "setvar", "100", action="Set", varname="SCORE")
    _material(_sub(_sub(item, "itemfeedback", ident="general_fb"), "flow_mat"), block_html(question.explanation))
    for _, index in order:
        if question.options[index].feedback:
            feedback = _sub(_sub(item, "itemfeedback", ident=f"{choice[index]}_fb"), "flow_mat")
            _material(feedback, block_html(question.options[index].feedback))


def assessment(quiz: Quiz) -> bytes:
    """One lesson's questions as a QTI 1.2 assessment."""
    root = etree.Element(f"{{{QTI_NS}}}questestinterop", nsmap={None: QTI_NS, "xsi": _XSI})
    root.set(f"{{{_XSI}}}schemaLocation", f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd")
    test = _sub(root, "assessment", ident=assessment_id(quiz), title=quiz.title)
    _metadata(test, {"cc_maxattempts": "unlimited"})
    section = _sub(test, "section", ident="root_section")
    orders = paper_order(quiz)
    for question in quiz.questions:
        _item(section, quiz, question, orders[question.id])
    return xml_bytes(root)


def quiz_settings(bank: Bank, quiz: Quiz) -> bytes:
    """assessment_meta.xml: the quiz settings Canvas takes from its own exports."""
    root = etree.Element(f"{{{CANVAS_NS}}}quiz", {"identifier": assessment_id(quiz)}, nsmap={None: CANVAS_NS})
    fields = {
        "title": quiz.title,
        "description": f"{bank.title}: the questions of the lesson “{quiz.title}”. The course's pass mark is {quiz.pass_mark}%.",
        # Canvas shuffles a whole quiz or none of it: a question pinned in its file pins the quiz.
        "shuffle_answers": "true" if all(q.shuffle for q in quiz.questions) else "false",
        "scoring_policy": "keep_highest",
        "quiz_type": "assignment",
        "points_possible": str(len(quiz.questions)),
        "show_correct_answers": "true",
        "allowed_attempts": "-1",
        "available": "false",
    }
    for tag, value in fields.items():
        etree.SubElement(root, f"{{{CANVAS_NS}}}{tag}").text = value
    return xml_bytes(root)


def manifest(bank: Bank) -> bytes:
    """imsmanifest.xml listing each lesson's assessment and its settings file."""
    n = lambda tag: f"{{{CP_NS}}}{tag}"  # noqa: E731 - a local shorthand
    root, resources = manifest_frame(CP_NS, "pk-question-banks-qti12", "IMS Content", "1.1.3")
    for quiz in bank.quizzes:
        ident = assessment_id(quiz)
        resource = etree.SubElement(resources, n("resource"), identifier=ident, type="imsqti_xmlv1p2")
        etree.SubElement(resource, n("file"), href=f"{ident}/{ident}.xml")
        etree.SubElement(resource, n("dependency"), identifierref=f"{ident}-settings")
        settings = etree.SubElement(resources, n("resource"), identifier=f"{ident}-settings",
                                    type="associatedcontent/imscc_xmlv1p1/learning-application-resource", href=f"{ident}/assessment_meta.xml")
        etree.SubElement(settings, n("file"), href=f"{ident}/assessment_meta.xml")
    return xml_bytes(root)


def render(bank: Bank) -> Rendered:
    """The QTI 1.2 zip: the manifest, then each lesson's assessment and settings."""
    files = [("imsmanifest.xml", manifest(bank))]
    for quiz in bank.quizzes:
        ident = assessment_id(quiz)
        files += [(f"{ident}/{ident}.xml", assessment(quiz)), (f"{ident}/assessment_meta.xml", quiz_settings(bank, quiz))]
    return Rendered(zip_bytes(files))

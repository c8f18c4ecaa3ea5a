"""QTI 2.1 as an IMS content package: one assessmentItem per question, one assessmentTest per lesson.

Each item's response processing scores 1 only when the response matches the correct response
(exactly the right set of options, for a multiple) and fills FEEDBACK with the options chosen,
the right options and EXPLANATION, so the modal feedback shows what the course's own quiz shows.
Each test sums its items' SCOREs and sets PASS at the quiz's pass mark. The course's HTML is
rebuilt as QTI's XHTML elements with lxml: text stays text, whatever characters it holds.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

from course.banks.package import manifest_frame, xml_bytes, zip_bytes
from course.banks.model import Bank, Rendered
from course.banks.text import block_html, inline_html, paper_order
from course.model import Question, Quiz

__all__ = ["CP_NS", "QTI_NS", "assessment_test", "item", "item_path", "manifest", "render", "test_path"]

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = f"{QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
#: The XHTML elements the course's Markdown makes, all of which QTI 2.1 has; anything else becomes a span.
_XHTML = frozenset({"p", "div", "span", "em", "strong", "b", "i", "code", "pre", "a", "br", "hr", "ul", "ol", "li",
                    "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "sub", "sup"})


def _q(tag: str) -> str:
    """A tag in QTI 2.1's namespace."""
    return f"{{{QTI_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A QTI child element with attributes and, optionally, text."""
    element = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def _copy(source: lxml.html.HtmlElement, parent: etree._Element) -> None:
    """Rebuild one parsed HTML element, and what follows it, under parent in QTI's namespace."""
    if not isinstance(source.tag, str):  # a comment or processing instruction: keep only the text after it
        _append_text(parent, source.tail)
        return
    tag = source.tag if source.tag in _XHTML else "span"
    element = _sub(parent, tag)
    if tag == "a" and source.get("href"):
        element.set("href", source.get("href"))
    element.text = source.text
    for child in source:
        _copy(child, element)
    element.tail = source.tail


def _append_text(parent: etree._Element, text: str | None) -> None:
    """Text added at the end of parent's content (after its last child, if it has one)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _html(parent: etree._Element, html: str) -> None:
    """The course's HTML as QTI content of parent."""
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    _append_text(parent, container.text)
    for child in container:
        _copy(child, parent)


def item_path(quiz: Quiz, question: Question) -> str:
    """Where a question's item sits in the package."""
    return f"items/{quiz.id}/{question.id}.xml"


def test_path(quiz: Quiz) -> str:
    """Where a lesson's test sits: at the package root, so its item links read the same from either end."""
    return f"{quiz.id}-test.xml"


def _ident(quiz: Quiz, question: Question | None = None) -> str:
    """The identifier of a lesson's test, or of one of its items: XML names, unique in the package."""
    return f"pk-{quiz.id}" + (f"-{question.id}" if question else "")


def _root(tag: str, **attrs: str) -> etree._Element:
    """A QTI 2.1 document's root element, naming the schema it follows."""
    root = etree.Element(_q(tag), nsmap={None: QTI_NS, "xsi": _XSI})
    root.set(f"{{{_XSI}}}schemaLocation", _SCHEMA)
    for name, value in attrs.items():
        root.set(name, value)
    return root


def _outcome(parent: etree._Element, identifier: str, base_type: str, default: str | None, cardinality: str = "single") -> None:
    """An outcome variable, with its default value when it has one."""
    declaration = _sub(parent, "outcomeDeclaration", identifier=identifier, cardinality=cardinality, baseType=base_type)
    if default is not None:
        _sub(_sub(declaration, "defaultValue"), "value", default)


def _set(parent: etree._Element, identifier: str) -> etree._Element:
    """A rule setting an outcome variable (its value is the expression added inside)."""
    return _sub(parent, "setOutcomeValue", identifier=identifier)


def item(quiz: Quiz, question: Question, order: tuple[tuple[str, int], ...]) -> bytes:
    """One question as a QTI 2.1 assessmentItem; choices are lettered as on the worksheet."""
    letter = {index: place for place, index in order}
    root = _root("assessmentItem", identifier=_ident(quiz, question), title=question.id, adaptive="false", timeDependent="false")
    declaration = _sub(root, "responseDeclaration", identifier="RESPONSE", baseType="identifier",
                       cardinality="single" if question.type == "single" else "multiple")
    correct = _sub(declaration, "correctResponse")
    for _, index in order:
        if question.options[index].correct:
            _sub(correct, "value", letter[index])
    _outcome(root, "SCORE", "float", "0")
    _outcome(root, "MAXSCORE", "float", "1")
    _outcome(root, "FEEDBACK", "identifier", None, cardinality="multiple")
    body = _sub(root, "itemBody")
    _html(body, block_html(question.prompt))
    interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true" if question.shuffle else "false",
                       maxChoices="1" if question.type == "single" else "0")
    for place, index in order:
        _html(_sub(interaction, "simpleChoice", identifier=place), inline_html(question.options[index].text))
    processing = _sub(root, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    right = _sub(condition, "responseIf")
    match = _sub(right, "match")
    _sub(match, "variable", identifier="RESPONSE")
    _sub(match, "correct", identifier="RESPONSE")
    _sub(_set(right, "SCORE"), "baseValue", "1", baseType="float")
    _sub(_set(_sub(condition, "responseElse"), "SCORE"), "baseValue", "0", baseType="float")
    shown = _sub(_set(processing, "FEEDBACK"), "multiple")
    _sub(shown, "variable", identifier="RESPONSE")
    _sub(shown, "correct", identifier="RESPONSE")
    _sub(shown, "baseValue", "EXPLANATION", baseType="identifier")
    for place, index in order:
        if question.options[index].feedback:
            feedback = _sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier=place, showHide="show")
            _html(feedback, block_html(question.options[index].feedback))
    explanation = _sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier="EXPLANATION", showHide="show")
    _html(explanation, block_html(question.explanation))
    return xml_bytes(root)


def assessment_test(quiz: Quiz) -> bytes:
    """One lesson's quiz as a QTI 2.1 assessmentTest: its items in order, a total SCORE and PASS."""
    count = len(quiz.questions)
    root = _root("assessmentTest", identifier=_ident(quiz), title=quiz.title)
    _outcome(root, "SCORE", "float", "0")
    _outcome(root, "MAXSCORE", "float", str(count))
    _outcome(root, "PASS", "boolean", "false")
    part = _sub(root, "testPart", identifier="lesson", navigationMode="nonlinear", submissionMode="simultaneous")
    section = _sub(part, "assessmentSection", identifier="questions", title=quiz.title, visible="true")
    for question in quiz.questions:
        _sub(section, "assessmentItemRef", identifier=_ident(quiz, question), href=item_path(quiz, question))
    processing = _sub(root, "outcomeProcessing")
    _sub(_sub(_set(processing, "SCORE"), "sum"), "testVariables", variableIdentifier="SCORE")
    # Passed when SCORE / MAXSCORE reaches the pass mark, as on the course's own quiz.
    reached = _sub(_set(processing, "PASS"), "gte")
    product = _sub(reached, "product")
    _sub(product, "variable", identifier="SCORE")
    _sub(product, "baseValue", "100", baseType="float")
    _sub(reached, "baseValue", str(quiz.pass_mark * count), baseType="float")
    return xml_bytes(root)


def manifest(bank: Bank) -> bytes:
    """imsmanifest.xml: every item and test as a resource; each test depends on its items."""
    n = lambda tag: f"{{{CP_NS}}}{tag}"  # noqa: E731 - a local shorthand
    root, resources = manifest_frame(CP_NS, "pk-question-banks-qti21", "QTIv2.1 Package", "1.0.0")
    for quiz in bank.quizzes:
        for question in quiz.questions:
            resource = etree.SubElement(resources, n("resource"), identifier=_ident(quiz, question),
                                        type="imsqti_item_xmlv2p1", href=item_path(quiz, question))
            etree.SubElement(resource, n("file"), href=item_path(quiz, question))
        resource = etree.SubElement(resources, n("resource"), identifier=f"{_ident(quiz)}-test",
                                    type="imsqti_test_xmlv2p1", href=test_path(quiz))
        etree.SubElement(resource, n("file"), href=test_path(quiz))
        for question in quiz.questions:
            etree.SubElement(resource, n("dependency"), identifierref=_ident(quiz, question))
    return xml_bytes(root)


def render(bank: Bank) -> Rendered:
    """The QTI 2.1 zip: the manifest, every lesson's test and every question's item."""
    files = [("imsmanifest.xml", manifest(bank))]
    for quiz in bank.quizzes:
        orders = paper_order(quiz)
        files.append((test_path(quiz), assessment_test(quiz)))
        files += [(item_path(quiz, question), item(quiz, question, orders[question.id])) for question in quiz.questions]
    return Rendered(zip_bytes(files))

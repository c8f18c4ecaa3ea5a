"""Every rule a quiz must follow, checked all at once, each problem said where and how to fix it.

Structure (keys, types, allowed values) is described once, in ``schemas/quiz.schema.json``; this
module turns the schema's findings into editor-friendly messages and adds the rules a schema
cannot express (one right option, duplicates, embeds in lessons, ``see`` links).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from course.items import ITEM_RULES, QUIZ_RULES, item_findings
from course.model import DEFAULT_PASS_MARK, Option, Question, Quiz
from course.scaffold import placeholder_lines
from course.sources import (
    ENCODING_MESSAGE,
    Located,
    YamlProblem,
    encoding_problem_line,
    find_embeds,
    heading_anchors,
    lesson_objectives,
    load_yaml,
    question_near,
    yaml_reading,
)

__all__ = ["RULES", "SCHEMA_PATH", "Problem", "QuizCheck", "check_quiz", "check_course", "schema", "schema_messages"]

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "quiz.schema.json"

#: Every rule the build checks, by code; the authoring guide lists each one.
RULES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML",
    "empty-file": "the file is empty",
    "not-a-mapping": "the file is not a set of 'key: value' lines",
    "duplicate-key": "a key is written twice in the same place",
    "bad-quiz-id": "the file name is not a lowercase slug",
    "missing-key": "a required key is missing",
    "unknown-key": "a key the format does not know (often a typo)",
    "wrong-type": "a value of the wrong kind (text, number, true/false, list)",
    "unknown-type": "a question type other than 'single' or 'multiple'",
    "empty-text": "a text that is empty",
    "no-questions": "a quiz without questions",
    "too-few-options": "a question with fewer than two options",
    "pass-mark-range": "a pass_mark outside 1–100",
    "bad-question-id": "a question id that is not a lowercase slug",
    "bad-see-link": "a 'see' value that is not 'page.md#anchor'",
    "single-needs-one-correct": "a 'single' question without exactly one correct option",
    "multiple-needs-a-correct": "a 'multiple' question with no correct option",
    "duplicate-option": "two options of a question with the same text",
    "duplicate-question-id": "two questions of a quiz with the same id",
    "duplicate-quiz-id": "two quiz files with the same name (.yml and .yaml)",
    "encoding": "a file that is not saved as UTF-8",
    "missing-quiz-file": "a lesson embeds a quiz id that has no file",
    "quiz-embedded-twice": "a quiz embedded in more than one place",
    "quiz-not-embedded": "a quiz file embedded in no lesson",
    "see-page-missing": "a 'see' link to a page that does not exist",
    "see-anchor-missing": "a 'see' link to a heading anchor that does not exist",
    "objective-not-assessed": "a lesson objective that no question of its quiz assesses",
    "objective-unknown": "a question's 'objectives' names a number the lesson does not have",
    **ITEM_RULES,
    **QUIZ_RULES,
    "unneeded-allow": "an 'allow' entry that waives a check the question passes anyway",
    "quiz-length": "a lesson quiz with fewer than 5 or more than 8 questions",
    "quiz-mix": "a lesson quiz whose questions are all 'single' or all 'multiple'",
    "placeholder": "a 'TODO' placeholder from `make lesson` still in the quiz",
}

#: Problems that still let the site build (so `mkdocs serve` keeps working); `--strict` fails on them.
WARNING_RULES = frozenset({
    "quiz-not-embedded", "see-page-missing", "see-anchor-missing", "objective-not-assessed", "objective-unknown",
    *ITEM_RULES, *QUIZ_RULES, "unneeded-allow", "quiz-length", "quiz-mix", "placeholder",
})

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TYPE_FIX = {
    "boolean": "write true or false, without quotes",
    "integer": "write a whole number without quotes, e.g. 80",
    "string": "write the text after the colon; put it in quotes if it starts with a special character",
    "array": "start each item on its own line with '- '",
}
_KIND = {"string": "text", "integer": "a whole number", "boolean": "true or false",
         "array": "a list of '- ' items", "object": "a set of 'key: value' lines", "null": "empty"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and how to fix it."""

    file: str
    line: int | None
    rule: str
    message: str
    question: str | None = None
    #: What the problem is about when it is not a quiz question, e.g. "area 'employees' item C".
    about: str | None = None

    @property
    def fatal(self) -> bool:
        """Whether the site cannot be built with this problem in it."""
        return self.rule not in WARNING_RULES

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        about = f" question '{self.question}':" if self.question else (f" {self.about}:" if self.about else "")
        return f"{where}:{about} {self.message}"


@dataclass
class QuizCheck:
    """The quizzes that passed, and every problem found."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: The page each quiz is embedded in, e.g. {'relationship-bank': 'relationship-bank.md'}.
    placements: dict[str, str] = field(default_factory=dict)
    #: Each page's heading anchors and their text, for naming the section a `see` link opens.
    headings: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def fatal(self) -> list[Problem]:
        """Problems that must stop the build."""
        return [problem for problem in self.problems if problem.fatal]

    def by_page(self) -> dict[str, dict[str, Quiz]]:
        """The quizzes each page embeds, keyed by page: found once, not searched for on every page."""
        pages: dict[str, dict[str, Quiz]] = {}
        for quiz_id, quiz in self.quizzes.items():
            if quiz_id in self.placements:
                pages.setdefault(self.placements[quiz_id], {})[quiz_id] = quiz
        return pages


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The quiz format, as JSON Schema."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _inline_refs(node: Any, defs: Mapping[str, Any]) -> Any:
    """The schema with local '#/$defs/...' references replaced by their definitions."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and len(node) == 1:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {key: _inline_refs(value, defs) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    # Same rules, resolved once: following $ref on every question and option costs more than the rest.
    return Draft202012Validator(_inline_refs(schema(), schema().get("$defs", {})))


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    return "empty"


def _question_label(data: Any, path: tuple[Any, ...]) -> str | None:
    """The question a schema path points into: its id, or its position when it has none."""
    if len(path) < 2 or path[0] != "questions" or not isinstance(path[1], int):
        return None
    try:
        item = data["questions"][path[1]]
    except (TypeError, KeyError, IndexError):
        return None
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
        return item["id"]
    return f"#{path[1] + 1}"


def _field_name(path: tuple[Any, ...]) -> str:
    if not path:
        return "the file"
    if isinstance(path[-1], int):
        parent = path[-2] if len(path) > 1 else "list"
        return f"item {path[-1] + 1} of '{parent}'"
    return f"'{path[-1]}'"


def schema_messages(error: ValidationError) -> list[tuple[tuple[Any, ...], str, str]]:
    """(path, rule, 'what — how to fix') for one schema error."""
    path = tuple(error.absolute_path)
    name = _field_name(path)
    kind = error.validator
    if kind == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        props = error.schema.get("properties", {})
        return [
            (path, "missing-key", f"'{key}' is missing — add '{key}:' ({props.get(key, {}).get('description', 'required')})")
            for key in missing
        ]
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in error.instance:
            if key in allowed:
                continue
            guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            fix = f"did you mean '{guess[0]}'?" if guess else f"the keys allowed here are {', '.join(allowed)}"
            out.append(((*path, str(key)), "unknown-key", f"unknown key '{key}' — {fix}"))
        return out
    if kind == "type":
        wanted = _KIND.get(error.validator_value, error.validator_value)
        fix = _TYPE_FIX.get(error.validator_value, f"write it as {wanted}")
        return [(path, "wrong-type", f"{name} should be {wanted}, not {_kind_of(error.instance)} — {fix}")]
    if kind == "enum" and path and path[-1] == "type":
        allowed = " or ".join(repr(v) for v in error.validator_value)
        return [(path, "unknown-type", f"{name} is {error.instance!r}, which is not a known type — use {allowed}")]
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        guess = difflib.get_close_matches(str(error.instance), [str(v) for v in error.validator_value], n=1, cutoff=0.6)
        fix = f"did you mean '{guess[0]}'?" if guess else f"use one of {allowed}"
        return [(path, "wrong-type", f"{name} is {error.instance!r}, which is not a check that can be allowed here — {fix}")]
    if kind == "uniqueItems":
        return [(path, "wrong-type", f"{name} lists the same value twice — keep one")]
    if kind == "minItems" and path and path[-1] == "questions":
        return [(path, "no-questions", "the quiz has no questions — add at least one under 'questions:'")]
    if kind in {"minItems", "minimum"} and "objectives" in path:
        return [(path, "wrong-type", f"{name} must list objective numbers from 1 up, e.g. 'objectives: [2]'")]
    if kind == "minItems":
        count = len(error.instance)
        return [(path, "too-few-options", f"only {count} option{'s' if count != 1 else ''} — give at least 2 options to choose from")]
    if kind in {"minimum", "maximum"}:
        return [(path, "pass-mark-range", f"pass_mark {error.instance} is outside 1–100 — use a whole percentage from 1 to 100")]
    if kind == "minLength":
        return [(path, "empty-text", f"{name} is empty — write the text, or remove the key if it is optional")]
    if kind == "pattern" and path and path[-1] == "see":
        return [(path, "bad-see-link", f"'see: {error.instance}' is not a lesson link — write the lesson file and a heading anchor, e.g. 'relationship-bank.md#three-rules'")]
    if kind == "pattern":
        return [(path, "bad-question-id", f"id {error.instance!r} is not a lowercase slug — use lowercase letters, digits and hyphens, e.g. 'deposits-first'")]
    return [(path, "wrong-type", f"{name}: {error.message}")]


def _option_text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _question_problems(index: int, item: Mapping[str, Any], located: Located, seen_ids: dict[str, int], file: str) -> list[Problem]:
    """Rules about one question that a schema cannot express."""
    problems = []
    label = _question_label(located.data, ("questions", index))
    base = ("questions", index)
    qid = item.get("id")
    if isinstance(qid, str) and qid.endswith("\n"):
        problems.append(Problem(file, located.line((*base, "id")), "bad-question-id",
                                "the id ends with a line break — write it on one line, e.g. 'deposits-first'", label))
    if isinstance(qid, str) and qid:
        if qid in seen_ids:
            problems.append(Problem(file, located.line((*base, "id")), "duplicate-question-id",
                                    f"the id '{qid}' is already used by the question on line {seen_ids[qid]} — give each question its own id", label))
        else:
            seen_ids[qid] = located.line((*base, "id")) or 0
    options = item.get("options")
    if not isinstance(options, list):
        return problems
    usable = [(i, o) for i, o in enumerate(options) if isinstance(o, dict)]
    correct = [i for i, o in usable if o.get("correct") is True]
    kind = item.get("type")
    if kind == "single" and len(correct) != 1 and len(options) >= 2:
        what = "no option is marked" if not correct else f"{len(correct)} options are marked"
        problems.append(Problem(file, located.line((*base, "options")), "single-needs-one-correct",
                                f"a 'single' question needs exactly one right option, but {what} 'correct: true' — mark exactly one, or make it 'type: multiple'", label))
    if kind == "multiple" and not correct and len(options) >= 2:
        problems.append(Problem(file, located.line((*base, "options")), "multiple-needs-a-correct",
                                "no option is marked 'correct: true' — mark every right option", label))
    texts: dict[str, int] = {}
    for i, option in usable:
        text = option.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        key = _option_text_key(text)
        if key in texts:
            problems.append(Problem(file, located.line((*base, "options", i, "text")), "duplicate-option",
                                    f"options {texts[key] + 1} and {i + 1} have the same text ({text.strip()[:60]!r}) — reword or remove one", label))
        else:
            texts[key] = i
    return problems


def _build(quiz_id: str, data: Mapping[str, Any], version: str, file: str) -> Quiz:
    questions = tuple(
        Question(
            id=q["id"],
            type=q["type"],
            prompt=q["prompt"],
            options=tuple(Option(o["text"], bool(o.get("correct", False)), o.get("feedback", "")) for o in q["options"]),
            explanation=q["explanation"],
            see=q.get("see", ""),
            shuffle=q.get("shuffle", True),
            allow=frozenset(q.get("allow", ())),
            objectives=tuple(q.get("objectives", ())),
        )
        for q in data["questions"]
    )
    return Quiz(
        quiz_id, data["title"], questions, int(data.get("pass_mark", DEFAULT_PASS_MARK)), version, file,
        allow=frozenset(data.get("allow", ())),
    )


def _item_problems(quiz: Quiz, located: Located) -> list[Problem]:
    """The item-writing cues of a well-formed quiz, as warnings on the lines they are about."""
    index = {q.id: i for i, q in enumerate(quiz.questions)}
    problems = []
    for finding in item_findings(quiz):
        if finding.question is None:
            line = located.line(("allow",)) if finding.rule == "unneeded-allow" else located.line(("questions",))
        elif finding.option is not None:
            line = located.line(("questions", index[finding.question], "options", finding.option, "text"))
        elif finding.rule == "unneeded-allow":
            line = located.line(("questions", index[finding.question], "allow"))
        else:
            line = located.line(("questions", index[finding.question], "prompt"))
        problems.append(Problem(quiz.source, line, finding.rule, finding.message, finding.question))
    return problems


def check_quiz(file: str, text: str) -> tuple[Quiz | None, list[Problem]]:
    """Check one quiz file's text; file is the path shown in messages, e.g. 'quizzes/bank.yml'.

    The quiz comes back whenever it can be built, even with warnings (item-writing cues).
    """
    quiz, problems, _ = _check_quiz(file, text)
    return quiz, problems


def _check_quiz(file: str, text: str) -> tuple[Quiz | None, list[Problem], Located | None]:
    """check_quiz, also handing back the parsed file for line look-ups."""
    quiz_id = Path(file).stem
    problems: list[Problem] = []
    bad_byte = encoding_problem_line(text)
    if bad_byte:
        return None, [Problem(file, bad_byte, "encoding", ENCODING_MESSAGE)], None
    if not _SLUG.match(quiz_id):
        problems.append(Problem(file, None, "bad-quiz-id",
                                f"the quiz id '{quiz_id}' (the file name) is not a lowercase slug — rename the file to lowercase letters, digits and hyphens, e.g. 'relationship-bank.yml'"))
    try:
        located = load_yaml(text)
    except YamlProblem as error:
        question = question_near(text, error.line)
        if "appears twice" in error.message:
            return None, [*problems, Problem(file, error.line, "duplicate-key", f"{error.message} — remove or rename one of them", question)], None
        reading, fix = yaml_reading(text, error.message, error.line)
        return None, [*problems, Problem(file, error.line, "yaml-syntax", f"{reading} (YAML says: {error.message}) — {fix}", question)], None
    data = located.data
    if data is None:
        return None, [*problems, Problem(file, 1, "empty-file", "the file is empty — start it with 'title:' and 'questions:' (see the authoring guide)")], None
    if not isinstance(data, dict):
        return None, [*problems, Problem(file, 1, "not-a-mapping",
                                         f"the file holds {_kind_of(data)}, not 'key: value' lines — start it with 'title:' and 'questions:'")], None
    validator = _validator()
    found: list[tuple[tuple[Any, ...], str, str]] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        found += [message for message in schema_messages(error) if message not in found]
    # A misspelt key is one mistake: keep "unknown key 'titel' — did you mean 'title'?", not also "'title' is missing".
    guessed = {(path[:-1], match.group(1)) for path, rule, message in found
               if rule == "unknown-key" and (match := re.search(r"did you mean '([^']+)'\?$", message))}
    for path, rule, message in found:
        if rule == "missing-key" and (path, message.split("'")[1]) in guessed:
            continue
        problems.append(Problem(file, located.line(path), rule, message, _question_label(data, path)))
    questions = data.get("questions")
    if isinstance(questions, list):
        seen_ids: dict[str, int] = {}
        for index, item in enumerate(questions):
            if isinstance(item, dict):
                problems.extend(_question_problems(index, item, located, seen_ids, file))
    problems.sort(key=lambda p: (p.line or 0))
    if problems:
        return None, problems, located
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    quiz = _build(quiz_id, data, version, file)
    placeholders = [
        Problem(file, line, "placeholder", "this line still holds a 'TODO' placeholder — write the text and remove 'TODO'", question_near(text, line))
        for line in placeholder_lines(text)
    ]
    if placeholders:
        return quiz, placeholders, located  # item-writing cues are noise until the text is written
    return quiz, _item_problems(quiz, located), located


def _see_problems(
    quiz: Quiz, pages: Mapping[str, str], anchors: dict[str, dict[str, str]], located_lines: Mapping[str, int], docs_prefix: str = "docs/"
) -> list[Problem]:
    problems = []
    for question in quiz.questions:
        if not question.see:
            continue
        page, _, anchor = question.see.partition("#")
        line = located_lines.get(question.id)
        if page not in pages:
            close = difflib.get_close_matches(page, list(pages), n=1)
            fix = f"did you mean '{close[0]}'?" if close else "name a lesson file in docs/"
            problems.append(Problem(quiz.source, line, "see-page-missing", f"'see: {question.see}' points to a page that does not exist — {fix}", question.id))
            continue
        if anchor and anchor not in anchors[page]:
            close = difflib.get_close_matches(anchor, list(anchors[page]), n=1)
            fix = f"did you mean '#{close[0]}'?" if close else f"use one of the headings' anchors in {page}"
            problems.append(Problem(quiz.source, line, "see-anchor-missing", f"'see: {question.see}': {docs_prefix}{page} has no heading with the anchor '#{anchor}' — {fix}", question.id))
    return problems


def check_course(
    quiz_files: Mapping[str, str], pages: Mapping[str, str], docs_prefix: str = "docs/", lessons: Collection[str] = ()
) -> QuizCheck:
    """Check every quiz file, every embed in every page and every `see` link, all at once.

    quiz_files maps a display path ('quizzes/x.yml') to its text; pages maps a docs-relative
    Markdown path ('relationship-bank.md') to its text; a quiz embedded in one of lessons must
    also have the length of a lesson quiz.
    """
    result = QuizCheck()
    see_lines: dict[str, dict[str, int]] = {}
    objective_lines: dict[str, dict[str, int]] = {}
    for file, text in sorted(quiz_files.items()):
        quiz, problems, located = _check_quiz(file, text)
        result.problems.extend(problems)
        if quiz is not None and located is not None:
            result.quizzes[quiz.id] = quiz
            see_lines[quiz.id] = {
                q.id: located.line(("questions", i, "see")) or 0 for i, q in enumerate(quiz.questions)
            }
            objective_lines[quiz.id] = {
                q.id: located.line(("questions", i, "objectives")) or 0 for i, q in enumerate(quiz.questions)
            }
    known_ids = {Path(file).stem for file in quiz_files}
    by_id: dict[str, str] = {}
    for file in sorted(quiz_files):
        first = by_id.setdefault(Path(file).stem, file)
        if first != file:
            result.problems.append(Problem(file, None, "duplicate-quiz-id",
                                           f"{first} already defines the quiz '{Path(file).stem}' — keep one of the two files"))
    embedded: dict[str, list[str]] = {}
    for page, text in sorted(pages.items()):
        for quiz_id, line in find_embeds(text):
            where = f"{docs_prefix}{page}"
            if quiz_id not in known_ids:
                close = difflib.get_close_matches(quiz_id, sorted(known_ids), n=1)
                fix = f"did you mean '{close[0]}'?" if close else f"create quizzes/{quiz_id}.yml or fix the id"
                result.problems.append(Problem(where, line, "missing-quiz-file", f"embeds the quiz '{quiz_id}', but there is no file quizzes/{quiz_id}.yml — {fix}"))
                continue
            embedded.setdefault(quiz_id, []).append(f"{where}:{line}")
            result.placements.setdefault(quiz_id, page)
            if len(embedded[quiz_id]) == 2:
                result.problems.append(Problem(where, line, "quiz-embedded-twice",
                                               f"the quiz '{quiz_id}' is already embedded at {embedded[quiz_id][0]} — embed each quiz in one lesson only"))
    for quiz_id in sorted(known_ids - set(embedded)):
        file = next(f for f in quiz_files if Path(f).stem == quiz_id)
        result.problems.append(Problem(file, None, "quiz-not-embedded",
                                       f"the quiz '{quiz_id}' is not embedded in any lesson — add the line '<!-- quiz: {quiz_id} -->' to its lesson, or delete the file"))
    result.headings = {page: heading_anchors(text) for page, text in pages.items()}
    for quiz in result.quizzes.values():
        result.problems.extend(_see_problems(quiz, pages, result.headings, see_lines[quiz.id], docs_prefix))
        if quiz.id in result.placements:
            page = result.placements[quiz.id]
            result.problems.extend(_objective_problems(quiz, f"{docs_prefix}{page}", lesson_objectives(pages[page]), objective_lines[quiz.id]))
            if page in lessons:
                result.problems.extend(_lesson_quiz_problems(quiz))
    return result


#: How many questions a lesson's quiz has: enough to cover its objectives, few enough to finish.
LESSON_QUIZ_LENGTH = (5, 8)


def _lesson_quiz_problems(quiz: Quiz) -> list[Problem]:
    """A lesson quiz has 5 to 8 questions and mixes single and select-all questions."""
    low, high = LESSON_QUIZ_LENGTH
    count = len(quiz.questions)
    problems = []
    if not low <= count <= high:
        action = "add questions" if count < low else "remove or merge questions"
        problems.append(Problem(quiz.source, None, "quiz-length", f"the quiz has {count} question{'s' if count != 1 else ''} — a lesson quiz has {low} to {high}; {action}"))
    if {q.type for q in quiz.questions} != {"single", "multiple"}:
        missing = "multiple" if all(q.type == "single" for q in quiz.questions) else "single"
        problems.append(Problem(quiz.source, None, "quiz-mix", f"every question is of one type — a lesson quiz mixes 'single' and 'multiple'; make at least one '{missing}'"))
    return problems


def _objective_problems(quiz: Quiz, page: str, objectives: list[str], lines: Mapping[str, int]) -> list[Problem]:
    """Every objective of the lesson assessed by a question, and no question claiming one it lacks."""
    if not objectives:
        return []
    problems = []
    for question in quiz.questions:
        for number in question.objectives:
            if number > len(objectives):
                problems.append(Problem(quiz.source, lines.get(question.id), "objective-unknown",
                                        f"'objectives' names objective {number}, but {page} lists {len(objectives)} — use a number from 1 to {len(objectives)}", question.id))
    claimed = {number for question in quiz.questions for number in question.objectives}
    for number, objective in enumerate(objectives, start=1):
        if number not in claimed:
            problems.append(Problem(quiz.source, None, "objective-not-assessed",
                                    f"objective {number} of {page} ('{objective[:70]}') is assessed by no question — "
                                    f"write a question that tests it and give it 'objectives: [{number}]'"))
    return problems

"""A conforming lesson and quiz, made in code, for tests that add a lesson to a copy of the course."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from course.lessons import nav_files
from tests.conftest import ROOT

_SENTENCES = [
    "A first visit sets the tone for everything that follows with a new customer.",
    "People remember whether someone looked up, smiled and asked what they needed.",
    "Small signals of attention tell a newcomer that the shop expected them.",
    "Waiting without a word feels longer than waiting with an honest estimate.",
    "A name used once, and used correctly, is worth more than a loyalty card.",
    "When the answer is unknown, saying so and finding out builds more trust than a guess.",
    "Every colleague on the floor shapes the impression, not only the person at the till.",
    "The second visit is where a first impression turns into a habit or fades away.",
]
OBJECTIVES = [
    "explain why the first minute of a visit matters",
    "greet a new customer in a way they notice",
    "handle a question you cannot answer yet",
    "turn a first visit into a second one",
]


def _paragraphs(words: int) -> str:
    out, count, i = [], 0, 0
    while count < words:
        paragraph = " ".join(_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(4))
        out.append(paragraph)
        count += len(paragraph.split())
        i += 3
    return "\n\n".join(out)


def lesson_text(name: str, title: str, words: int = 1000) -> str:
    """A lesson with every part the lesson rules ask for, about `words` words long."""
    body = "\n".join([
        f"# {title}",
        "",
        '!!! objectives "After this lesson you can"',
        "",
        *[f"    - {objective}" for objective in OBJECTIVES],
        "",
        "## Why the first minute counts { #first-minute }",
        "",
        _paragraphs(words // 3),
        "",
        "## Greeting people well { #greeting }",
        "",
        _paragraphs(words // 3),
        "",
        "## A day at work { #scenario }",
        "",
        '!!! example "Sam at the paint counter"',
        "",
        "    " + _paragraphs(words // 6).replace("\n\n", "\n\n    "),
        "",
        "## Try it { #try-it }",
        "",
        "Think of the last new customer you served and what they saw first.",
        "",
        "## Key takeaways { #key-takeaways }",
        "",
        "- The first minute sets the tone.",
        "- Notice people before they ask.",
        "- Say so when you do not know, then find out.",
        "- A name used well is remembered.",
        "- The second visit decides the habit.",
        "",
        "## Check your understanding { #check-your-understanding }",
        "",
        "A short quiz on the lesson.",
        "",
        f"<!-- quiz: {name} -->",
        "",
    ])
    front = "\n".join([
        "---",
        f"title: {title}",
        "description: How a new customer's first minute with you shapes whether they come back.",
        "handout:",
        "  discussion:",
        "    - What did your last new customer see first?",
        "  activity:",
        "    title: First minute",
        "    minutes: 10",
        "    steps:",
        "      - Act out a greeting in pairs.",
        "---",
        "",
    ])
    return front + body


def _question(n: int, kind: str, right: list[int], objective: int, see: str) -> str:
    texts = [
        "Greet them by name and ask what brings them in",
        "Finish the task in hand and then look up",
        "Point them to the leaflet stand by the door",
        "Ask a colleague to deal with them instead",
    ]
    # Rotate so the right options sit in different places from question to question.
    texts = texts[n % 4 :] + texts[: n % 4]
    options = "".join(
        f"      - text: {text} ({n})\n" + ("        correct: true\n" if i in right else "")
        + f"        feedback: Option {i + 1} of question {n} is {'right' if i in right else 'wrong'} because of the lesson.\n"
        for i, text in enumerate(texts)
    )
    return (
        f"  - id: question-{n}\n    type: {kind}\n    prompt: Sam has a new customer at the counter, case {n}. What helps?\n"
        f"    options:\n{options}    explanation: The lesson explains why attention in the first minute matters for case {n}.\n"
        f"    objectives: [{objective}]\n    see: {see}\n"
    )


def quiz_text(name: str, title: str) -> str:
    """A quiz that passes every rule, assessing each of the fixture lesson's objectives."""
    questions = [
        _question(1, "single", [0], 1, f"{name}.md#first-minute"),
        _question(2, "single", [1], 2, f"{name}.md#greeting"),
        _question(3, "multiple", [0, 2], 3, f"{name}.md#scenario"),
        _question(4, "single", [3], 4, f"{name}.md#try-it"),
        _question(5, "multiple", [1], 2, f"{name}.md#greeting"),
    ]
    return f"title: {title}\nquestions:\n" + "".join(questions)


#: The folders a build of the course reads (everything but its build, tests and virtualenvs).
COURSE_FOLDERS = ("docs", "quizzes", "hooks", "schemas", "data", "overrides")


def copy_course(root: Path) -> Path:
    """The course's sources (not its build or virtualenv) copied into root."""
    for name in COURSE_FOLDERS:
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def add_to_nav(root: Path, sources: list[str]) -> None:
    """List lesson files at the end of the Lessons section of root's mkdocs.yml, in order."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    last = "      - b2b-loyalty.md\n"
    assert last in text, "mkdocs.yml's Lessons section no longer ends with b2b-loyalty.md"
    config.write_text(text.replace(last, last + "".join(f"      - {src}\n" for src in sources), 1), encoding="utf-8")


def in_modules(nav: list[Any], size: int) -> list[Any]:
    """A `nav` setting with the Lessons section's lessons grouped, in order, into modules of `size` (Module 1, Module 2, ...)."""
    def grouped(entry: Any) -> Any:
        if not (isinstance(entry, dict) and "Lessons" in entry):
            return entry
        lessons = nav_files(entry["Lessons"])
        return {"Lessons": [{f"Module {n}": lessons[i : i + size]} for n, i in enumerate(range(0, len(lessons), size), start=1)]}

    return [grouped(entry) for entry in nav]


def group_into_modules(root: Path, size: int) -> None:
    """Rewrite the nav of root's mkdocs.yml with its lessons in modules of `size` (nested sections under Lessons)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("\nnav:\n") + 1
    end = text.index("\n\n", start) + 1
    nav = yaml.safe_load(text[start:end])["nav"]
    config.write_text(text[:start] + yaml.safe_dump({"nav": in_modules(nav, size)}, sort_keys=False) + text[end:], encoding="utf-8")


def add_lesson(root: Path, name: str, title: str) -> None:
    """A ninth lesson, its quiz and its nav entry, as an editor adds them."""
    (root / "docs" / f"{name}.md").write_text(lesson_text(name, title), encoding="utf-8")
    (root / "quizzes" / f"{name}.yml").write_text(quiz_text(name, title), encoding="utf-8")
    add_to_nav(root, [f"{name}.md"])


def copy_lesson(root: Path, src: str, n: int) -> str:
    """A copy of the real lesson `src` (e.g. relationship-bank.md) and its quiz, as lesson `<name>-<n>.md`.

    The copy has its own title, quiz id and `see` links, so it passes every rule as a lesson of its
    own; it is not in the nav yet (add_to_nav). Returns its file name.
    """
    name = f"{Path(src).stem}-{n}"
    text = (root / "docs" / src).read_text(encoding="utf-8")
    embeds = re.findall(r"<!-- quiz: ([\w-]+) -->", text)
    assert len(embeds) == 1, f"{src} must embed exactly one quiz to be copied"
    quiz = embeds[0]
    # The front matter's title names the page; the body (and so its word count) stays the same.
    text = re.sub(r"^(title: .*)$", rf"\1 (copy {n})", text, count=1, flags=re.M)
    text = text.replace(f"<!-- quiz: {quiz} -->", f"<!-- quiz: {quiz}-{n} -->")
    (root / "docs" / f"{name}.md").write_text(text, encoding="utf-8")
    quiz_text = (root / "quizzes" / f"{quiz}.yml").read_text(encoding="utf-8")
    quiz_text = re.sub(r"^(title: .*)$", rf"\1 (copy {n})", quiz_text, count=1, flags=re.M)
    quiz_text = re.sub(rf"(\bsee: ){re.escape(src)}\b", rf"\g<1>{name}.md", quiz_text)
    (root / "quizzes" / f"{quiz}-{n}.yml").write_text(quiz_text, encoding="utf-8")
    return f"{name}.md"

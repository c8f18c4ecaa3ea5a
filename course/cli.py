"""Command line: `check` validates the course without building it; `handouts` prints its PDFs; `lms` and `offline` package it; `export` writes question banks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from course import annotations
from course.checklist import CHECKLIST_PATH, check_checklist
from course.glossary import GLOSSARY_PATH, check_glossary, unused_terms
from course.handouts import ANSWER_KEY_URI, PRINT_ANSWER_KEY_ENV, answer_key_setting, handout_from_lesson, handout_problems, handout_uri
from course.lesson_rules import check_lesson, forward_references, pages_missing_from_nav
from course.lessons import lesson_sources, nav_files, not_in_nav, split_front_matter
from course.links import check_links
from course.scaffold import new_lesson
from course.sources import ENCODING_MESSAGE, read_quiz_files, read_text, undecodable_line
from course.validate import Problem, QuizCheck, check_course
from course.workshop import plan_markdown, read_plans

__all__ = ["check", "export", "handouts", "offline", "report", "main"]


def report(result: QuizCheck) -> str:
    """Every problem, one per line, with a count editors can act on."""
    count = len(result.problems)
    lines = [f"{count} problem{'s' if count != 1 else ''} in the course content; fix {'them' if count != 1 else 'it'} and run the check again:"]
    lines += [f"  {problem}" for problem in result.problems]
    return "\n".join(lines)


def _lesson_problems(pages: dict[str, str], lessons: list[str]) -> list[Problem]:
    """Every lesson's shape, front matter and handout material, as the build checks them."""
    problems = []
    for src in lessons:
        text = pages.get(src)
        if text is None:
            problems.append(Problem(f"docs/{src}", None, "missing-lesson", "mkdocs.yml lists this lesson, but the file does not exist — fix the name in 'nav:'"))
            continue
        found = check_lesson(f"docs/{src}", text)
        problems += found
        meta, body, unreadable = split_front_matter(text)
        if not unreadable:
            problems += [Problem(f"docs/{src}", None, "lesson", message.split(": ", 1)[1]) for message in handout_problems(f"docs/{src}", meta, body)]
    return problems


def _plan_problems(pages: dict[str, str], lessons: list[str]) -> list[Problem]:
    """Every workshop plan's problems, timed from the lessons' handouts as the build times them."""
    handouts = {}
    for src in lessons:
        meta, body, unreadable = split_front_matter(pages.get(src, ""))
        if not unreadable and not handout_problems(src, meta, body):
            handouts[src] = handout_from_lesson(src, meta, body)
    numbers = {src: n for n, src in enumerate(lessons, start=1)}
    problems: list[Problem] = []
    for page, text in pages.items():
        meta, body, unreadable = split_front_matter(text)
        if unreadable or "workshop" not in meta:
            continue
        plans, messages = read_plans(f"docs/{page}", meta, handouts, numbers)
        plan_markdown(body, plans, f"docs/{page}", messages)
        problems += [Problem(f"docs/{page}", None, "workshop-plan", message.split(": ", 1)[1]) for message in messages]
    return problems


def check(root: Path) -> QuizCheck:
    """Check every quiz in root/quizzes against the lessons in root/docs, and the checklist data."""
    docs = root / "docs"
    pages = {path.relative_to(docs).as_posix(): read_text(path) for path in sorted(docs.rglob("*.md"))}
    nav = read_nav(root / "mkdocs.yml")
    lessons = lesson_sources(nav)
    result = check_course(read_quiz_files(root / "quizzes", root), pages, lessons=lessons)
    # Every text file an editor may touch, pages included (quiz files are checked with the quizzes).
    for folder in (docs, root / "data"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and (line := undecodable_line(path)):
                result.problems.append(Problem(path.relative_to(root).as_posix(), line, "encoding", ENCODING_MESSAGE))
    others = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file() and path.suffix != ".md"}
    settings = read_settings(root / "mkdocs.yml")
    published_key = answer_key_setting(settings.get("extra"))[0] == "site"
    generated = {handout_uri(src) for src in lessons} | ({ANSWER_KEY_URI} if published_key else set())
    result.problems.extend(check_links(pages, others, generated))
    result.problems.extend(_lesson_problems(pages, lessons))
    result.problems.extend(forward_references([(src, pages[src]) for src in lessons if src in pages]))
    result.problems.extend(_plan_problems(pages, lessons))
    if nav:  # without a nav, MkDocs lists every page itself
        listed = nav_files(nav) + sorted(not_in_nav(settings.get("not_in_nav"), pages))
        result.problems.extend(pages_missing_from_nav(pages, listed))
    glossary = root / GLOSSARY_PATH
    if glossary.is_file():
        terms, found = check_glossary(GLOSSARY_PATH.as_posix(), read_text(glossary))
        bodies = [split_front_matter(pages[src])[1] for src in lessons if src in pages]
        result.problems.extend(found + unused_terms(GLOSSARY_PATH.as_posix(), terms, bodies))
    checklist = root / CHECKLIST_PATH
    if checklist.is_file():
        result.problems.extend(check_checklist(CHECKLIST_PATH.as_posix(), read_text(checklist))[1])
    return result


def read_settings(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml, read without MkDocs (its own tags such as !ENV ignored)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        """Reads mkdocs.yml, ignoring MkDocs' own tags such as !ENV."""

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    if not config_file.is_file():
        return {}
    settings = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    return settings if isinstance(settings, dict) else {}


def read_nav(config_file: Path) -> Any:
    """The `nav` setting of mkdocs.yml."""
    return read_settings(config_file).get("nav")


def lesson_order(config_file: Path) -> list[str]:
    """The lesson files in the order mkdocs.yml's nav lists them."""
    return lesson_sources(read_nav(config_file))


NO_DOWNLOADS_NOTE = "note: the facilitator guide has no <!-- handout-downloads --> line, so the PDFs are not listed there."


def handouts(site: Path, paper: str, root: Path | None = None) -> int:
    """Print the checklist, every handout and the answer key of a built site to PDF."""
    from course.browser import HOW_TO_GET_ONE, ensure_chromium
    from course.pdf import link_downloads, print_pdfs

    if not (site / "index.html").is_file():
        print(f"{site}/ holds no built site — run `make build` first.", file=sys.stderr)
        return 1
    chromium = ensure_chromium()
    if chromium is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    root = root or Path.cwd()
    order = lesson_order(root / "mkdocs.yml")
    made = print_pdfs(site, chromium, paper, lesson_order=order)
    for item, path in made:
        print(f"{path}  ({item.title})")
    if not link_downloads(site, made, paper):
        print(NO_DOWNLOADS_NOTE, file=sys.stderr)
    paper_name = paper.upper() if paper == "a4" else "US Letter"
    print(f"{len(made)} PDFs ({paper_name}) in {site / 'handouts'}")
    setting, _ = answer_key_setting(read_settings(root / "mkdocs.yml").get("extra"))
    if setting == "handouts":
        return _print_unpublished_answer_key(root, chromium, paper, order)
    return 0


def _print_unpublished_answer_key(root: Path, chromium: str, paper: str, order: list[str]) -> int:
    """Print the answer key that `extra: answer_key: handouts` keeps off the site, from a build of its own, into dist/handouts/."""
    import os
    import subprocess
    import tempfile

    from course.pdf import print_pdfs

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        env = {**os.environ, PRINT_ANSWER_KEY_ENV: "1"}
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                               cwd=root, env=env, capture_output=True, text=True)
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            return 1
        made = print_pdfs(site, chromium, paper, lesson_order=order, only={"answer-key.pdf"}, out=root / "dist" / "handouts")
    for item, path in made:
        print(f"{path}  ({item.title}; not on the site: mkdocs.yml says 'answer_key: handouts')")
    return 0 if made else 1


def _build(root: Path, site: Path, *options: str, env: dict[str, str] | None = None) -> bool:
    """A strict build of the course into site; on failure, MkDocs' messages on stderr."""
    import os
    import subprocess

    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *options, "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                           cwd=root, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if built.returncode != 0:
        print(built.stderr, file=sys.stderr)
    return built.returncode == 0


def offline(root: Path, out: Path, paper: str) -> int:
    """Write the offline pack: the site built for file://, with the PDFs `make handouts` prints."""
    import tempfile

    from course.browser import HOW_TO_GET_ONE, ensure_chromium
    from course.offline import FOLDER, OFFLINE_ENV, PACK_NAME, write_pack
    from course.pdf import link_downloads, print_pdfs

    chromium = ensure_chromium()
    if chromium is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        # The PDFs are printed from the site as published (directory URLs), the way `make handouts` does.
        printed, site = Path(folder) / "printed", Path(folder) / FOLDER
        if not (_build(root, printed, env={OFFLINE_ENV: "false"}) and _build(root, site, env={OFFLINE_ENV: "true"})):
            return 1
        made = print_pdfs(printed, chromium, paper, lesson_order=lesson_order(root / "mkdocs.yml"), out=site / "handouts")
        if not link_downloads(site, made, paper):
            print(NO_DOWNLOADS_NOTE, file=sys.stderr)
        pack = write_pack(site, out / PACK_NAME)
    print(f"{pack}  (the whole course and {len(made)} PDFs; unzip, then open {FOLDER}/index.html — no network needed)")
    return 0


def lms(root: Path, out: Path) -> int:
    """Build the site for packaging (plain .html links, no server needed) and write the LMS packages."""
    import tempfile

    from course.audiences import LEARNERS_ONLY_ENV
    from course.completion import CourseLesson, read_rule
    from course.lessons import lesson_id
    from course.packages import STANDARDS, build_package
    from course.sources import find_embeds

    config = root / "mkdocs.yml"
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        # For learners only: trainers' and editors' pages (the answer key among them) stay out of the package.
        if not _build(root, site, "--no-directory-urls", env={LEARNERS_ONLY_ENV: "1"}):
            return 1
        settings = read_settings(config)
        rule, problems = read_rule(settings.get("extra"))
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        lessons = []
        for src in lesson_sources(settings.get("nav")):
            embeds = find_embeds(read_text(root / "docs" / src))
            lessons.append(CourseLesson(lesson_id(src), src, src.removesuffix(".md") + ".html", embeds[0][0] if embeds else ""))
        title = str(settings.get("site_name") or "Course")
        for standard, name in STANDARDS.items():
            made = build_package(standard, site, out / f"promises-kept-{standard}.zip", title, rule, lessons)
            print(f"{made}  ({name})")
    return 0


def export(root: Path, name: str | None, out: Path) -> int:
    """Write the course's questions for LMS quiz engines; refuse while `make check` finds problems."""
    from course.banks import FORMATS, BankError, course_bank
    from course.banks import export as write_banks

    if name not in (*FORMATS, "all"):
        print(f"Say which question bank to write: one of {', '.join(FORMATS)}, or all — e.g. `make question-banks`.", file=sys.stderr)
        return 2
    result = check(root)
    if result.problems:
        print(report(result), file=sys.stderr)
        print("No question banks were written: fix the problems above first.", file=sys.stderr)
        return 1
    settings = read_settings(root / "mkdocs.yml")
    bank = course_bank(str(settings.get("site_name") or "Course"), result.quizzes, result.placements, lesson_sources(settings.get("nav")))
    try:
        written = write_banks(bank, out, list(FORMATS) if name == "all" else [name])
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    for path, fmt, warnings in written:
        print(f"{path}  ({fmt.label})")
        for warning in warnings:
            print(f"  warning: {warning}", file=sys.stderr)
    print(f"{len(written)} question bank{'s' if len(written) != 1 else ''} of {sum(len(q.questions) for q in bank.quizzes)} questions in {out}; "
          "the authoring guide says which file suits which LMS.")
    return 0


def new_lesson_command(root: Path, name: str | None, title: str | None) -> int:
    """Write a lesson skeleton, its quiz and its nav entry; say what to do next."""
    if not name:
        print("Say which lesson to start, e.g. `make lesson NAME=first-impressions`.", file=sys.stderr)
        return 2
    try:
        made = new_lesson(root, name, title)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    for path in made:
        print(f"{'updated' if path.name == 'mkdocs.yml' else 'wrote'} {path.relative_to(root)}")
    print(f"Next: replace every TODO in docs/{name}.md and quizzes/{name}.yml, then run `make check` "
          "(it lists each placeholder left, by line) and `make serve` to see the lesson.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run a command; exit 1 when there is anything to fix."""
    parser = argparse.ArgumentParser(prog="python -m course.cli", description=__doc__)
    parser.add_argument("--out", type=Path, help="lms, offline: where the packages go (default: dist); export: where the banks go (default: dist/question-banks)")
    parser.add_argument("command", choices=["check", "handouts", "new-lesson", "lms", "offline", "export"],
                        help="check: validate the course content; handouts: print PDFs of a built site; new-lesson: start a lesson; "
                             "lms: SCORM and cmi5 packages; offline: the zip that opens with no network; export: question banks for LMS quiz engines")
    parser.add_argument("name", nargs="?", help="new-lesson: the lesson's file name, e.g. first-impressions; export: gift, moodle, qti12, qti21, aiken or all")
    parser.add_argument("--title", help="new-lesson: the lesson's title (default: from the name)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="handouts: the built site (default: site)")
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4", help="handouts, offline: paper size (default: a4)")
    args = parser.parse_args(argv)
    if args.command == "handouts":
        return handouts(args.site.resolve(), args.paper, args.root.resolve())
    if args.command == "lms":
        return lms(args.root.resolve(), (args.out or Path("dist")).resolve())
    if args.command == "offline":
        return offline(args.root.resolve(), (args.out or Path("dist")).resolve(), args.paper)
    if args.command == "export":
        return export(args.root.resolve(), args.name, (args.out or Path("dist/question-banks")).resolve())
    if args.command == "new-lesson":
        return new_lesson_command(args.root.resolve(), args.name, args.title)
    result = check(args.root.resolve())
    if result.problems:
        print(report(result), file=sys.stderr)
        if annotations.enabled():
            for problem in result.problems:
                about = f"question '{problem.question}': " if problem.question else (f"{problem.about}: " if problem.about else "")
                print(annotations.annotation(problem.file, problem.line, problem.rule, about + problem.message))
        return 1
    print(f"OK: {len(result.quizzes)} quizzes, the loyalty checklist, and every link and anchor in the lessons checked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Publishing: the GitHub Pages workflow, the pre-commit hook, editor schemas and site_url."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import yaml

from tests.conftest import ROOT, run_mkdocs_build

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
README = (ROOT / "README.md").read_text(encoding="utf-8")
CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    """Validate a workflow against GitHub's published schema (bundled, so it works offline)."""
    return subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", str(path)], capture_output=True, text=True)


def test_workflow_passes_the_linter() -> None:
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest", 1), encoding="utf-8")
    assert lint(broken).returncode != 0


def test_workflow_tests_first_and_deploys_only_main_with_the_official_actions() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    test, publish = flow["jobs"]["test"], flow["jobs"]["publish"]
    assert publish["needs"] == "test", "a failing test must stop the deploy"
    assert "github.ref == 'refs/heads/main'" in publish["if"] and "push" in publish["if"]
    uses = [step.get("uses", "").split("@")[0] for step in publish["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    for job in (test, publish):
        checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0, "history is needed for 'Last updated' and What's new"
    build = next(step for step in publish["steps"] if step.get("run") == "make handouts")
    assert "SITE_URL" in build["env"]
    # The packages made for other places than the site are kept with the run, all of them or none.
    upload = next(step for step in publish["steps"] if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "dist/" and upload["with"]["if-no-files-found"] == "error"
    assert uses.index("actions/upload-artifact") > max(i for i, s in enumerate(publish["steps"]) if s.get("run") in ("make lms", "make offline", "make question-banks"))


def test_workflow_runs_only_the_readmes_commands() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    commands = [step["run"] for job in flow["jobs"].values() for step in job["steps"] if "run" in step]
    assert commands == ["make test", "make handouts", "make lms", "make offline", "make question-banks"]
    for command in commands:
        assert f"`{command}" in README, f"the README does not tell a user to run {command}"


def test_pre_commit_runs_make_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert [hook["entry"] for hook in hooks] == ["make check"]
    assert hooks[0]["pass_filenames"] is False


def test_editors_get_the_schemas_in_vs_code() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    mapping = {Path(schema).name: globs for schema, globs in settings.items()}
    for quiz in (ROOT / "quizzes").glob("*.yml"):
        assert any(fnmatch(f"quizzes/{quiz.name}", glob) for glob in mapping["quiz.schema.json"])
        assert quiz.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/quiz.schema.json"), quiz.name
    assert any(fnmatch("data/loyalty-checklist.yml", glob) for glob in mapping["checklist.schema.json"])
    for schema in settings:
        assert (ROOT / schema).is_file()


def test_site_url_comes_from_the_environment(tmp_path: Path) -> None:
    published = "https://example.github.io/promises-kept/"
    result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", site_url=published)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "relationship-bank" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{published}relationship-bank/">' in page


def test_site_url_defaults_to_make_serve(site_dir: Path) -> None:
    page = (site_dir / "relationship-bank" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/relationship-bank/">' in page


def test_the_editing_guide_example_trailer_is_the_one_the_build_reads() -> None:
    from course import history

    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    example = next(line for line in guide.splitlines() if line.startswith("What's new:"))
    change = history.Change("2026-11-22", f"Rework a scenario\n\n{example}", ("docs/x.md",))
    assert history.whats_new([change]) == [("2026-11-22", example.removeprefix("What's new: "))]
    for command in ("make serve", "make check", "make test", "make handouts", "pre-commit install"):
        assert command in guide


def test_edit_this_page_links_to_the_source_and_only_where_there_is_one(tmp_path: Path) -> None:
    edit = "https://github.com/example/promises-kept/edit/main/docs/"
    result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", env_extra={"EDIT_URI": edit})
    assert result.returncode == 0, result.stderr
    lesson = (tmp_path / "site" / "relationship-bank" / "index.html").read_text(encoding="utf-8")
    assert f'href="{edit}relationship-bank.md" title="Edit this page"' in lesson
    # Generated pages have no file to edit; no repo_url, so no call to GitHub's API for stars.
    handout = (tmp_path / "site" / "trainers" / "handouts" / "relationship-bank" / "index.html").read_text(encoding="utf-8")
    assert "Edit this page" not in handout
    assert "api.github.com" not in lesson and 'class="md-source"' not in lesson
    # The workflow that publishes sets the one setting from the repository it runs in.
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build = next(step for step in flow["jobs"]["publish"]["steps"] if step.get("run") == "make handouts")
    assert build["env"]["EDIT_URI"].endswith("/edit/${{ github.ref_name }}/docs/")


def test_under_github_actions_problems_become_annotations(tmp_path: Path) -> None:
    """make check and the build each print a workflow annotation on the offending line."""
    from tests.lesson_fixture import copy_course

    copy_course(tmp_path)
    quiz = tmp_path / "quizzes" / "relationship-bank.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 0", 1), encoding="utf-8")
    line = next(n for n, text in enumerate(quiz.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("pass_mark"))
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    check = subprocess.run([sys.executable, "-m", "course.cli", "check", "--root", str(tmp_path)], capture_output=True, text=True, env=env)
    assert check.returncode == 1
    assert f"::error file=quizzes/relationship-bank.yml,line={line},title=pass-mark-range::pass_mark 0 is outside 1–100" in check.stdout
    build = run_mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", env_extra={"GITHUB_ACTIONS": "true"})
    assert build.returncode == 1
    assert f"::error file=quizzes/relationship-bank.yml,line={line},title=Course content::pass_mark 0 is outside 1–100" in build.stdout
    # Without GitHub Actions, no workflow commands clutter the terminal.
    plain = subprocess.run([sys.executable, "-m", "course.cli", "check", "--root", str(tmp_path)], capture_output=True, text=True,
                           env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"})
    assert "::error" not in plain.stdout + plain.stderr


def test_annotation_values_are_escaped_so_text_cannot_start_a_command() -> None:
    from course.annotations import annotation

    line = annotation("quizzes/a,b.yml", 3, "rule: x", "50% done\n::warning::injected")
    assert line == "::error file=quizzes/a%2Cb.yml,line=3,title=rule%3A x::50%25 done%0A::warning::injected"
    assert "\n" not in line

"""Course history from git: "Last updated" dates and the "What's new" page."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from course import history
from tests.conftest import ROOT
from tests.test_site import LESSONS, article, built_page


def git(repo: Path, *args: str, date: str = "2026-01-05T10:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.invalid",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.invalid"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "course"
    (repo / "docs").mkdir(parents=True)
    (repo / "quizzes").mkdir()
    git(repo, "init", "-q")
    (repo / "docs" / "bank.md").write_text("# Bank\n")
    (repo / "quizzes" / "bank.yml").write_text("title: Bank\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Add the bank lesson\n\nWhat's new: A lesson on the relationship bank.", date="2026-01-05T10:00:00")
    (repo / "quizzes" / "bank.yml").write_text("title: The bank\n")
    git(repo, "commit", "-q", "-am", "Fix a quiz typo", date="2026-02-10T10:00:00")
    (repo / "README.md").write_text("not course content\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Docs for developers\n\nWhat's new: this must not show", date="2026-03-01T10:00:00")
    return repo


def test_last_updated_is_the_newest_content_commit_per_file(tmp_path: Path) -> None:
    changes = history.read_history(make_repo(tmp_path))
    assert changes is not None and len(changes) == 2
    assert history.last_updated(changes) == {"docs/bank.md": "2026-01-05", "quizzes/bank.yml": "2026-02-10"}


def test_whats_new_lists_only_notes_from_content_commits(tmp_path: Path) -> None:
    changes = history.read_history(make_repo(tmp_path))
    assert history.whats_new(changes) == [("2026-01-05", "A lesson on the relationship bank.")]
    html = history.render_whats_new(history.whats_new(changes))
    assert '<time datetime="2026-01-05">5 January 2026</time>' in html and "relationship bank" in html


def test_outside_git_there_is_no_history_and_no_error(tmp_path: Path) -> None:
    assert history.read_history(tmp_path) is None
    assert "not available" in history.render_whats_new(None)


def test_notes_are_escaped() -> None:
    assert "&lt;script&gt;" in history.render_whats_new([("2026-01-05", "<script>x</script>")])


def test_each_built_lesson_shows_its_last_change(site_dir: Path) -> None:
    dates = history.last_updated(history.read_history(ROOT) or [])
    if not dates:
        raise AssertionError("the course must be tested from a git checkout (history is part of the site)")
    for src in LESSONS:
        html = article(built_page(site_dir, src))
        known = [d for f, d in dates.items() if f in {f"docs/{src}", f"quizzes/{src.removesuffix('.md')}.yml"}]
        if not known:  # a lesson not committed yet: no date rather than a guess
            assert "Last updated" not in html, src
            continue
        assert f'Last updated <time datetime="{max(known)}">' in html, src


def test_a_note_is_its_own_line_only() -> None:
    change = history.Change("2026-01-05", "Fix\n\nWhat's new:\nCo-authored-by: Someone <s@x>", ("docs/a.md",))
    assert history.whats_new([change]) == []
    change = history.Change("2026-01-05", "Fix\n\nWhat's new: New scenario.\nCo-authored-by: Someone <s@x>", ("docs/a.md",))
    assert history.whats_new([change]) == [("2026-01-05", "New scenario.")]


def test_changes_only_trainers_or_editors_see_are_not_news_to_learners() -> None:
    editors = {"docs/editing.md", "docs/trainers/index.md"}
    guide = history.Change("2026-01-05", "Guide\n\nWhat's new: Editors get a guide.", ("docs/editing.md",))
    both = history.Change("2026-01-06", "Lesson\n\nWhat's new: A new scenario.", ("docs/editing.md", "docs/bank.md"))
    assert history.whats_new([both, guide], editors) == [("2026-01-06", "A new scenario.")]


def test_the_built_whats_new_lists_no_editors_only_change(site_dir: Path) -> None:
    changes = history.read_history(ROOT) or []
    editors_only = [c for c in changes if "What's new:" in c.message and all(f.startswith(("docs/editing", "docs/trainers/")) for f in c.files)]
    assert editors_only, "the course's history has an editors-only change to test with"
    page = (site_dir / "whats-new" / "index.html").read_text(encoding="utf-8")
    for change in editors_only:
        note = history.whats_new([change])[0][1]
        assert note.split(",")[0] not in page, f"an editors' change is listed for learners: {note}"
    learners = [note for change in changes if change not in editors_only for _, note in history.whats_new([change])]
    assert learners and all(note.split(",")[0] in page for note in learners), "learner-facing notes are still listed"

"""The editors' preview: while the content is broken, `mkdocs serve` shows the problems on every page.

A build that stops leaves MkDocs' server waiting for a good build, so every request hangs. In the
preview a fatal problem is held instead of stopping the build: the build finishes, each page is
replaced by a page listing the problems, and live reload brings the open tab to it. The next good
build serves the real pages again at the same addresses. A real build (`mkdocs build`, CI,
publishing) is never held: it stops, so broken content never reaches the published site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape

__all__ = ["PreviewState", "STATE", "error_page", "held_report"]


@dataclass
class PreviewState:
    """What the preview knows across one build: whether it is serving, and the problems held."""

    serving: bool = False
    held: list[str] = field(default_factory=list)
    #: Failed builds so far, so each one's message differs and MkDocs' duplicate filter keeps it.
    failures: int = 0

    def begin(self, serving: bool) -> None:
        """Start a session: `mkdocs serve` holds problems, anything else stops on them."""
        self.serving = serving
        self.held = []

    def new_build(self) -> None:
        """Forget the previous build's problems."""
        self.held = []

    def hold(self, report: str) -> bool:
        """Keep a fatal problem report for the error page; False when not serving (stop the build)."""
        if not self.serving:
            return False
        self.held.append(report)
        return True


#: The one preview state a build's hooks share.
STATE = PreviewState()


def held_report(state: PreviewState) -> str:
    """The terminal message for a build whose problems were held: every problem, every time."""
    state.failures += 1
    stamp = datetime.now().strftime("%H:%M:%S")
    body = "\n".join(state.held)
    return (
        f"The course content has problems (build {state.failures}, {stamp}); every page of the preview "
        f"shows them until they are fixed:\n{body}"
    )


_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}"
    "main{max-width:60rem;margin:2rem auto;padding:0 1.2rem}"
    "h1{font-size:1.5rem;color:#b71c1c}"
    "pre{white-space:pre-wrap;padding:1rem;border-left:4px solid #b71c1c;background:#fbe9e7;font-size:.95rem}"
    "@media (prefers-color-scheme:dark){body{color:#eee;background:#1e2129}pre{background:#3b2323}h1{color:#ff8a80}}"
)


def error_page(reports: list[str], site_name: str, page_title: str) -> str:
    """A whole HTML page listing the problems; the server adds live reload before </body>."""
    problems = "\n\n".join(reports)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Problems to fix — {escape(site_name)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>The course cannot be shown until these problems are fixed</h1>"
        f"<p>You were looking at <strong>{escape(page_title)}</strong>. Fix the problems below and save: "
        "this tab reloads by itself and returns to that page.</p>"
        f'<pre role="alert">{escape(problems)}</pre>'
        "<p>Each line names the file and line, the question, what is wrong and how to fix it. "
        "<code>make check</code> lists the same problems without the preview.</p>"
        "</main></body></html>"
    )

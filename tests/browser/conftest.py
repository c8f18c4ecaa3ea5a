"""Browser fixtures: the built site answered at its site_url, and a record of off-site requests."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, Route, expect

#: The course's local site_url. Instant navigation only works when pages are served from it.
SITE_URL = "http://127.0.0.1:8000/"


def _file_for(site_dir: Path, url: str) -> Path | None:
    """The built file a site URL maps to, the way a static web server would pick it."""
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = (site_dir / path).resolve()
    if site_dir.resolve() not in (candidate, *candidate.parents):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@pytest.fixture
def offsite_requests() -> list[str]:
    """Every request a page tried to send anywhere but the course site."""
    return []


def serve(context: BrowserContext, site_dir: Path, offsite_requests: list[str]) -> None:
    """Answer site_url from site_dir in this context; record and block every other request."""
    context.unroute("**/*")

    def handle(route: Route) -> None:
        url = route.request.url
        if not url.startswith(SITE_URL):
            offsite_requests.append(url)
            route.abort()
            return
        found = _file_for(site_dir, url)
        if found is None:
            route.fulfill(status=404, body="not found")
            return
        mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=found.read_bytes(), headers={"content-type": mime})

    context.route("**/*", handle)


@pytest.fixture
def context(context: BrowserContext, site_dir: Path, offsite_requests: list[str]) -> BrowserContext:
    """A browser context where site_url is answered from the built course and nothing else loads."""
    serve(context, site_dir, offsite_requests)
    return context


def record_errors(page: Page) -> list[str]:
    """A list that collects the page's JavaScript errors and console errors from now on."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.fixture
def page_errors(page: Page) -> list[str]:
    """JavaScript errors and console errors raised on the page during a test."""
    return record_errors(page)


def load_remote_image(page: Page, url: str) -> None:
    """Make the page ask another host for an image and wait until that fails or loads."""
    page.evaluate(
        """url => new Promise(done => {
            const img = new Image();
            img.onerror = img.onload = done;
            img.src = url;
        })""",
        url,
    )


#: axe's WCAG 2 A and AA rules: what every page must pass, in light and in dark mode.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
#: The colour schemes a learner can get (the palette follows prefers-color-scheme) and Material's name for each.
SCHEMES = {"light": "default", "dark": "slate"}


def use_scheme(page: Page, scheme: str) -> None:
    """Ask for the light or dark scheme the way a learner's system setting does; call before goto."""
    page.emulate_media(color_scheme=scheme)


def assert_no_axe_violations(page: Page, scheme: str, context: str | None = None, tags: tuple[str, ...] = ()) -> None:
    """axe finds no WCAG 2 A/AA problem (nor any under the extra tags) on the page or in context, in the scheme asked for."""
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    # Colours mid-transition (a fading "Back to top" button) are not what the learner reads.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    options = {"runOnly": {"type": "tag", "values": [*AXE_OPTIONS["runOnly"]["values"], *tags]}}
    result = Axe().run(page, context=context, options=options)
    assert result.violations_count == 0, f"{scheme} mode, {page.url}:\n{result.generate_report()}"

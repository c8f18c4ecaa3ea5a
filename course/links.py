"""Links between course pages: checked in the sources without a build, and in the built pages.

`check_links` reads Markdown (for `make check`); `check_built_links` reads the HTML the build made,
so links written by generators (handouts, answer key, certificate, quizzes) or as raw HTML are
checked too: MkDocs only validates the Markdown links it rewrites.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from html import escape, unescape
from urllib.parse import unquote, urljoin, urlsplit

from course.sources import outside_fences, heading_anchors
from course.validate import Problem

__all__ = ["BuiltPage", "article_of", "check_built_links", "check_links", "print_targets", "read_built_page"]

_CODE_SPAN = re.compile(r"(`+).+?\1")
_TARGET = re.compile(r"(?P<image>!?)\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")


def check_links(
    pages: Mapping[str, str], other_files: Collection[str] = (), generated: Collection[str] = (), docs_prefix: str = "docs/"
) -> list[Problem]:
    """Every Markdown link or image in pages whose target page, file or heading anchor is missing.

    pages maps docs-relative Markdown paths to their text; other_files are the docs folder's other
    files (images, PDFs); generated are pages the build makes (their anchors are not checked).
    """
    anchors = {page: heading_anchors(text) for page, text in pages.items()}
    problems = []
    for page, text in sorted(pages.items()):
        for number, line in outside_fences(text):
            for match in _TARGET.finditer(_CODE_SPAN.sub("", line)):
                target = match.group("target")
                where = f"{docs_prefix}{page}"
                try:
                    parts = urlsplit(target)
                except ValueError:
                    problems.append(Problem(where, number, "broken-link", f"the link '{target}' is not a valid address — check its brackets and spelling"))
                    continue
                if parts.scheme or parts.netloc or target.startswith("/"):
                    continue  # links to the web are not ours to check offline
                path = unquote(parts.path)
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
                if resolved not in pages and resolved not in generated and resolved not in other_files:
                    kind = "image" if match.group("image") else "link"
                    problems.append(Problem(where, number, "broken-link",
                                            f"the {kind} '{target}' points to {docs_prefix}{resolved}, which does not exist — fix the path (it is relative to this page)"))
                    continue
                if parts.fragment and resolved in anchors and parts.fragment not in anchors[resolved]:
                    close = difflib.get_close_matches(parts.fragment, list(anchors[resolved]), n=1)
                    fix = f"did you mean '#{close[0]}'?" if close else "use one of its headings' { #anchor }s"
                    problems.append(Problem(where, number, "broken-anchor",
                                            f"the link '{target}' names the anchor '#{parts.fragment}', but {resolved} has no heading with it — {fix}"))
    return problems


_ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)', re.DOTALL)
_ANCHOR_TAG = re.compile(r"<a\s(?P<attrs>[^>]*)>", re.IGNORECASE)
_HREF = re.compile(r'\bhref="(?P<href>[^"]*)"', re.IGNORECASE)
_ID = re.compile(r'\sid="(?P<id>[^"]+)"')
_BASE = "http://site.invalid/"


@dataclass
class BuiltPage:
    """One built page as the link gate sees it: where it lives, what it links to, the anchors it offers."""

    src: str  # docs-relative source, e.g. trainers/handouts/relationship-bank.md
    url: str  # site-relative URL, e.g. trainers/handouts/relationship-bank/
    hrefs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    reported: frozenset[str] = frozenset()  # hrefs MkDocs has already warned about


def article_of(html: str) -> str:
    """The page's content (Material's <article>), without the theme's navigation around it."""
    match = _ARTICLE.search(html)
    return match.group(2) if match else ""


def read_built_page(src: str, url: str, html: str, markdown: str = "") -> BuiltPage:
    """The links and anchors of a built page; links MkDocs reports itself (Markdown links to .md files it could not resolve) are marked."""
    article = article_of(html)
    hrefs = [unescape(m.group("href")) for tag in _ANCHOR_TAG.finditer(article) if (m := _HREF.search(tag.group("attrs")))]
    reported = frozenset(href for href in hrefs if f"]({href}" in markdown or f"](<{href}>" in markdown)
    return BuiltPage(src, url, hrefs, {unescape(m.group("id")) for m in _ID.finditer(html)}, reported)


def _target(page_url: str, href: str) -> tuple[str, str] | None:
    """(site path, fragment) a relative link leads to from page_url; None for links that leave the site."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return ("", "")  # an unreadable address is broken wherever it points
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None
    resolved = urlsplit(urljoin(_BASE + page_url, href))
    return unquote(resolved.path)[len(urlsplit(_BASE).path):], unquote(parts.fragment)


def check_built_links(pages: Collection[BuiltPage], files: Collection[str]) -> list[str]:
    """Every link in the built pages to a page, file or anchor the site does not have.

    files are the site-relative URLs of everything the site holds (pages and assets).
    """
    by_url = {page.url: page for page in pages}
    known = set(files) | set(by_url)
    problems = []
    for page in sorted(pages, key=lambda p: p.src):
        for href in dict.fromkeys(page.hrefs):  # each broken link once per page
            if href in page.reported:
                continue
            target = _target(page.url, href)
            if target is None:
                continue
            path, fragment = target
            if href and not path and not fragment:
                problems.append(f"{page.src}: the link '{href}' is not a valid address — fix it where this page is made")
                continue
            where = by_url.get(path) or by_url.get(path + "/") or by_url.get(posixpath.join(path, "index.html"))
            if where is None and path not in known:
                problems.append(f"{page.src}: the built page links to '{href}', which leads to /{path}, a page or file the site does not have — "
                                "fix the link where this page is made (write it as a Markdown link to the .md file, which the build turns into the page's address)")
                continue
            if fragment and where is not None and fragment not in where.ids:
                close = difflib.get_close_matches(fragment, sorted(where.ids), n=1)
                fix = f"did you mean '#{close[0]}'?" if close else "link to one of its headings' anchors"
                problems.append(f"{page.src}: the built page links to '{href}', but /{where.url} has no anchor '#{fragment}' — {fix}")
    return problems


def print_targets(html: str, page_url: str, site_url: str) -> str:
    """Give every link in the page's content that leaves the page its full address, for print CSS to show on paper."""
    match = _ARTICLE.search(html)
    if not match or not site_url:
        return html

    def mark(tag: re.Match[str]) -> str:
        attrs = tag.group("attrs")
        href = _HREF.search(attrs)
        if not href or "headerlink" in attrs or "data-print-url" in attrs:
            return tag.group(0)
        value = unescape(href.group("href"))
        if not value or value.startswith(("#", "mailto:", "javascript:")):
            return tag.group(0)
        url = urljoin(urljoin(site_url, page_url), value)
        if not url.startswith(("http://", "https://")):
            return tag.group(0)
        return f'<a {attrs} data-print-url="{escape(url)}">'

    article = _ANCHOR_TAG.sub(mark, match.group(2))
    return html[: match.start(2)] + article + html[match.end(2):]

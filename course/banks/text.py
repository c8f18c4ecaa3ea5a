"""What every format shares: the options in worksheet order, Moodle's grades, HTML and plain text."""

from __future__ import annotations

from html.parser import HTMLParser

from course.banks.model import Bank, BankError
from course.model import Question, Quiz
from course.order import LETTERS, fixed_orders
from course.render import markdown_to_html

__all__ = ["block_html", "category_path", "html_to_text", "inline_html", "markdown_to_text", "moodle_percents", "paper_order"]

#: The grades Moodle accepts for an answer, as fractions (question_bank::fraction_options_full);
#: an import stops at any other value, so the right options' share must be one of these.
MOODLE_GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
                 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "pre", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}


def paper_order(quiz: Quiz) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each question's options as (worksheet letter, file index), in the order the worksheet prints them."""
    return {qid: tuple((LETTERS[place], index) for place, index in enumerate(order)) for qid, order in fixed_orders(quiz).items()}


def category_path(bank: Bank, quiz: Quiz) -> str:
    """A lesson's category in Moodle's path syntax, under the course's: a '/' inside a name is written '//'.

    A category is one line of a GIFT file, so any line break in a title becomes a space.
    """
    return "/".join(" ".join(name.split()).replace("/", "//") for name in (bank.title, quiz.title))


def block_html(markdown: str) -> str:
    """A prompt, explanation or feedback as the course renders it: safe HTML in paragraphs."""
    return markdown_to_html(markdown).strip()


def inline_html(markdown: str) -> str:
    """An option as the course renders its label: safe HTML without a paragraph around it."""
    return markdown_to_html(markdown, inline=True).strip()


class _Text(HTMLParser):
    """Collects the text a reader sees, with each link's target after its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")
        if tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")
        if tag == "a" and self._links:
            href, start = self._links.pop()
            words = "".join(self.parts[start:]).strip()
            # Plain text cannot hold a link, so keep where it leads unless the words already say it.
            if href and href != words and href.removeprefix("mailto:") != words:
                self.parts.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """The words of an HTML fragment on one line: tags dropped, entities decoded, links kept as (url)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def markdown_to_text(markdown: str) -> str:
    """Quiz Markdown as plain text on one line, for formats that hold no markup."""
    return html_to_text(markdown_to_html(markdown))


def _percent(fraction: float) -> str:
    """A grade as Moodle writes it in its exports: a percentage with at most five decimals."""
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".")


def _share(count: int, what: str, quiz: Quiz, question: Question) -> float:
    """1/count as one of Moodle's grades, or a BankError when Moodle has no such grade."""
    for grade in MOODLE_GRADES:
        if abs(grade - 1 / count) < 1e-6:
            return grade
    raise BankError(f"{quiz.source}: question '{question.id}': it has {count} {what} options, and Moodle can only split a "
                    "question's marks into 1 to 10 equal parts — give it 10 or fewer")


def moodle_percents(quiz: Quiz, question: Question) -> tuple[str, ...]:
    """Each option's grade in percent, by file index: right options share 100, wrong ones share -100 in a multiple."""
    if question.type == "single":
        return tuple("100" if option.correct else "0" for option in question.options)
    right = sum(option.correct for option in question.options)
    wrong = len(question.options) - right
    plus = _percent(_share(right, "right", quiz, question))
    minus = "-" + _percent(_share(wrong, "wrong", quiz, question)) if wrong else "0"
    return tuple(plus if option.correct else minus for option in question.options)


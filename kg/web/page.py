"""An HTML page -> its main text and metadata, or a one-line reason it is not an article.

trafilatura finds the main text and the metadata (title, site name, canonical
URL, and the publication date through htmldate, from markup only: a date in
the prose is the extractor's business). A few generic rules then clean what
every site's furniture leaves: the headline repeated as the first line, a line
repeated inside another (pull quotes, captions that quote the text), and short
paragraphs that are mostly one link ("Read more: ..."). Nothing here knows any
one site's markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

MIN_WORDS = 50
"""Fewer words than this is no article: an error page, an index, a stub."""
PAYWALL_MIN_WORDS = 150
"""A page that says it is not free is a paywall stub unless it shows this much text."""

# Paragraphs that are mostly the text of one link: "Read more: <a>...</a>".
LINK_PARAGRAPHS = (
    "//p[a][string-length(normalize-space(string(a))) * 2 > string-length(normalize-space(.))]"
)
DATE_SEARCH = {"extensive_search": False, "original_date": True}
NO_TEXT = "no main text found (an error page, an index or an empty page?)"


class NotAnArticle(ValueError):
    """The page has no usable article; the message is the one-line reason."""


@dataclass(frozen=True)
class Page:
    """What a page says about itself; any field but ``text`` may be missing."""

    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


def extract_page(html: bytes | str, url: str | None = None) -> Page:
    """The page's main text and metadata; raises :class:`NotAnArticle` with the reason."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise NotAnArticle("not an HTML page")
    paywalled = _paywalled(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=DATE_SEARCH,
        prune_xpath=LINK_PARAGRAPHS,
    )
    if doc is None:
        raise NotAnArticle(NO_TEXT)
    text = clean_text(doc.text or "", doc.title)
    check_text(text, paywalled)
    return Page(
        text=text,
        title=doc.title or None,
        publisher=doc.sitename or None,
        published=doc.date or None,
        url=doc.url or url,
    )


def clean_text(text: str, title: str | None) -> str:
    """One paragraph per line, without the headline and without repeated lines."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    if lines and title and lines[0] == " ".join(title.split()):
        lines = lines[1:]
    kept = [line for i, line in enumerate(lines) if not _repeated(line, lines, i)]
    return "\n".join(kept) + "\n"


def _repeated(line: str, lines: list[str], index: int) -> bool:
    """A line found again inside another line (a pull quote), or an earlier identical one."""
    bare = line.strip("“”\"' ")
    for j, other in enumerate(lines):
        if j == index:
            continue
        if (other == line and j < index) or (len(other) > len(bare) and bare in other):
            return True
    return False


def check_text(text: str, paywalled: bool = False) -> None:
    """Refuse text that is too short, behind a paywall, or not in English."""
    words = len(text.split())
    if not words:
        raise NotAnArticle(NO_TEXT)
    if paywalled and words < PAYWALL_MIN_WORDS:
        raise NotAnArticle(f"paywalled: the page is marked not free and shows only {words} words")
    if words < MIN_WORDS:
        plural = "s" if words != 1 else ""
        raise NotAnArticle(
            f"only {words} word{plural} of text: not an article (an error page or a stub?)"
        )
    language = detect_language(text)
    if language != "en":
        raise NotAnArticle(f"not English (the text reads as {language!r})")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language (py3langid, model shipped in the package)."""
    import py3langid

    return py3langid.classify(text)[0]


def _paywalled(tree) -> bool:
    """schema.org's ``isAccessibleForFree: false`` in any JSON-LD block: the paywall marker."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        if _says_not_free(data):
            return True
    return False


def _says_not_free(data: object) -> bool:
    if isinstance(data, list):
        return any(_says_not_free(item) for item in data)
    if not isinstance(data, dict):
        return False
    flag = data.get("isAccessibleForFree")
    if flag is False or (isinstance(flag, str) and re.fullmatch(r"(?i)false", flag.strip())):
        return True
    return any(_says_not_free(v) for v in data.values() if isinstance(v, dict | list))

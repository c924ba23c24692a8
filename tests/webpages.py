"""Test pages: our own article bodies poured into our own site templates.

Templates (``tests/data/web/templates``) imitate the furniture of real news
sites: navigation, cookie banners, ads, share bars, captions, related-links and
"Read more" blocks, newsletter boxes, comments, JSON-LD or Open Graph metadata.
Bodies (``tests/data/web/bodies``) are paragraphs of our own prose. Knowing
which lines are the body lets tests and ``bench/webtext.py`` score extraction.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from string import Template

WEB = Path(__file__).resolve().parent / "data" / "web"
TEMPLATES = WEB / "templates"
BODIES = WEB / "bodies"
SYNDICATION = WEB / "syndication"

TITLES = {
    "uae-swap": ("Ukraine and Russia swap 175 prisoners each in UAE-brokered deal", "2025-03-19"),
    "bodies-repatriation": ("Russia returns 1,200 bodies as Istanbul deal proceeds", "2025-06-14"),
    "caucasus-release": ("Armenia and Azerbaijan exchange prisoners at border", "2025-01-08"),
    "prisoner-swap-us": ("US and Russia free one prisoner each in Abu Dhabi swap", "2025-08-02"),
    "wounded-stage": ("Second stage of wounded prisoner exchange completed", "2025-06-12"),
}
SITES = {
    "broadsheet": "The Morning Ledger",
    "agency": "Meridian News Agency",
    "magazine": "The Continental Review",
    "blog": "Frontline Notes",
    "portal": "Globe Portal",
}
HELDOUT = {"heldout-tabloid": "The Daily Bugle Online"}
"""Written after the cleaning rules were settled, and never tuned against: bench only."""


@dataclass(frozen=True)
class Page:
    """One rendered page and what a perfect extraction would return."""

    template: str
    body: str
    html: str
    url: str
    title: str
    published: str
    paragraphs: tuple[str, ...]

    @property
    def site(self) -> str:
        return {**SITES, **HELDOUT}[self.template]


def paragraphs(body: str, folder: Path = BODIES) -> tuple[str, ...]:
    text = (folder / f"{body}.txt").read_text()
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def render(template: str, body: str, base: str = "https://news.example") -> Page:
    """A body from ``tests/data/web/bodies`` in a template."""
    title, published = TITLES[body]
    return render_text(template, body, paragraphs(body), title, published, base)


def render_text(
    template: str,
    slug: str,
    paras: tuple[str, ...],
    title: str,
    published: str,
    base: str = "https://news.example",
) -> Page:
    """Any paragraphs in a template, at ``BASE/TEMPLATE/YYYY/MM/DD/SLUG``."""
    url = f"{base}/{template}/{published.replace('-', '/')}/{slug}"
    blocks = [f"<p>{html.escape(p, quote=False)}</p>" for p in paras]
    day = dt.date.fromisoformat(published)
    page = Template((TEMPLATES / f"{template}.html").read_text()).substitute(
        title=html.escape(title),
        published=published,
        published_human=f"{day.day} {day:%B %Y}",
        url=url,
        lead=blocks[0],
        middle="\n".join(blocks[1:3]),
        rest="\n".join(blocks[3:]),
        pull=html.escape(paras[-1].split(". ")[0].rstrip(".")),
    )
    return Page(template, slug, page, url, title, published, paras)


def all_pages(base: str = "https://news.example", templates=SITES) -> list[Page]:
    """Every template with every body: 25 pages (5 with ``HELDOUT``)."""
    return [render(t, b, base) for t in sorted(templates) for b in sorted(TITLES)]

"""HTML written by kg: the page frame every workbench page shares, and the evidence page.

Everything from the store is escaped; pages load only this server's own scripts and
styles (the site sends a Content-Security-Policy that says so).
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from kg.namespaces import POW, RDF
from kg.output import compact
from kg.workbench.evidence import Dossier, Fact, Source, Span, Value

NAV = (("/", "Saved queries"), ("/timeline", "Timeline"), ("/sparql", "SPARQL editor"))


def page(title: str, main: str, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = ()) -> str:
    """A whole page: the shared head and navigation around ``main``."""
    links = "".join(f'<a href="{href}">{escape(text)}</a>' for href, text in NAV)
    head = "".join(f'<link rel="stylesheet" href="{escape(s)}">' for s in styles)
    tail = "".join(f'<script src="{escape(s)}" defer></script>' for s in scripts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · powkg</title>"
        f'<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">'
        f'<link rel="stylesheet" href="/assets/style.css">{head}{tail}</head>'
        f'<body><header><a class="brand" href="/">powkg</a><nav>{links}</nav></header>'
        f"<main>{main}</main></body></html>\n"
    )


def evidence_href(iri: str) -> str:
    return "/evidence?iri=" + quote(iri, safe="")


def evidence_page(dossier: Dossier) -> str:
    """The facts about one resource, where sources disagree, and each supporting sentence."""
    title = _name(dossier, dossier.iri)
    kinds = ", ".join(_kinds(dossier, dossier.iri)) or "Resource"
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="kind">{escape(kinds)} · <code>{escape(dossier.iri)}</code></p>',
        _facts(dossier),
        _disputes(dossier),
        _links(dossier),
        _sources(dossier),
    ]
    return page(title, "".join(parts), ("/assets/evidence.js",))


def _facts(dossier: Dossier) -> str:
    numbers = {s.article: i for i, s in enumerate(dossier.sources, start=1)}
    rows = []
    for fact in dossier.facts:
        if fact.property == RDF + "type" and fact.subject == dossier.iri:
            continue
        subject = "" if fact.subject == dossier.iri else _link(dossier, fact.subject)
        rows.append(
            f"<tr><td>{subject}</td><td>{escape(compact(fact.property))}</td>"
            f"<td>{_value(dossier, fact.value)}</td><td>{_stated_by(fact, numbers)}</td></tr>"
        )
    head = "<tr><th>of</th><th>property</th><th>value</th><th>stated by</th></tr>"
    return f'<section><h2>Facts</h2><table class="facts">{head}{"".join(rows)}</table></section>'


def _stated_by(fact: Fact, numbers: dict[str, int]) -> str:
    cells = []
    for graph in fact.graphs:
        if graph in numbers:
            cells.append(f'<a href="#source-{numbers[graph]}">source {numbers[graph]}</a>')
        else:
            cells.append(f"<code>{escape(compact(graph))}</code>")
    return ", ".join(cells)


def _disputes(dossier: Dossier) -> str:
    disputes = dossier.disputes()
    if not disputes:
        return ""
    articles = sorted({a for by_article in disputes.values() for a in by_article})
    titles = {s.article: s for s in dossier.sources}
    head = "".join(f"<th>{_article_name(titles.get(a), a)}</th>" for a in articles)
    rows = []
    for (subject, prop), by_article in disputes.items():
        what = compact(prop)
        if subject != dossier.iri:
            what = f"{_name(dossier, subject)}: {what}"
        cells = "".join(
            "<td>" + ", ".join(_value(dossier, v) for v in by_article.get(a, [])) + "</td>"
            for a in articles
        )
        rows.append(f"<tr><th>{escape(what)}</th>{cells}</tr>")
    return (
        '<section class="disputes"><h2>Sources disagree</h2>'
        f'<table class="side-by-side"><tr><th></th>{head}</tr>{"".join(rows)}</table></section>'
    )


def _article_name(source: Source | None, article: str) -> str:
    if source is None:
        return f"<code>{escape(compact(article))}</code>"
    return escape(" · ".join(x for x in (source.publisher, source.date) if x) or source.title)


def _links(dossier: Dossier) -> str:
    if not dossier.links:
        return ""
    items = "".join(
        f"<li>{_link(dossier, s)} <span class=prop>{escape(compact(p))}</span> this</li>"
        for s, p in dossier.links
    )
    return f'<section><h2>Pointing here</h2><ul class="links">{items}</ul></section>'


def _sources(dossier: Dossier) -> str:
    if not dossier.sources:
        none = "<p>No sentence supports this resource itself.</p>"
        return f"<section><h2>Sources</h2>{none}</section>"
    blocks = [_source(i, s) for i, s in enumerate(dossier.sources, start=1)]
    return f"<section><h2>Sources</h2>{''.join(blocks)}</section>"


def _source(number: int, source: Source) -> str:
    about = " · ".join(escape(x) for x in (source.publisher, source.date, source.source) if x)
    spans = "".join(
        f'<li><a href="#ev-{number}-{i}">characters {s.start}–{s.end}</a>: '
        f"“{escape(s.exact)}”{'' if source.matches(s) else ' <em>(not at these offsets)</em>'}</li>"
        for i, s in enumerate(source.spans, start=1)
    )
    text = _highlighted(number, source) if source.text is not None else ""
    return (
        f'<article class="source" id="source-{number}"><h3>{number}. {escape(source.title)}</h3>'
        f'<p class="about">{about} · <code>{escape(source.article)}</code></p>'
        f'<ul class="spans">{spans}</ul>{text}</article>'
    )


def _highlighted(number: int, source: Source) -> str:
    """The article's text with each supporting sentence marked at its offsets."""
    text, out, at = source.text, [], 0
    for i, span in enumerate(source.spans, start=1):
        if not source.matches(span) or span.start < at:
            continue  # a span that overlaps one already marked stays listed above
        out.append(escape(text[at : span.start]))
        out.append(_mark(number, i, span))
        at = span.end
    out.append(escape(text[at:]))
    return f'<div class="article-text">{"".join(out)}</div>'


def _mark(number: int, index: int, span: Span) -> str:
    return (
        f'<mark id="ev-{number}-{index}" data-start="{span.start}" data-end="{span.end}">'
        f"{escape(span.exact)}</mark>"
    )


def _value(dossier: Dossier, value: Value) -> str:
    return _link(dossier, value.text) if value.is_iri else escape(value.text)


def _link(dossier: Dossier, iri: str) -> str:
    return f'<a href="{escape(evidence_href(iri))}">{escape(_name(dossier, iri))}</a>'


def _name(dossier: Dossier, iri: str) -> str:
    """A label; else a name from the resource's own facts (``Russia → Ukraine``); else the
    short IRI."""
    if label := dossier.label(iri):
        return label
    facts = {f.property: f.value.text for f in dossier.facts if f.subject == iri}
    if POW + "from" in facts and POW + "to" in facts:
        return f"{_name(dossier, facts[POW + 'from'])} → {_name(dossier, facts[POW + 'to'])}"
    kinds = _kinds(dossier, iri)
    for kind, prop in (("Exchange", "startDate"), ("Agreement", "date"), ("Stage", "ordinal")):
        if kind in kinds and POW + prop in facts:
            return f"{kind} {facts[POW + prop]}"
    return compact(iri)


def _kinds(dossier: Dossier, iri: str) -> list[str]:
    own = (f for f in dossier.facts if f.subject == iri)
    stated = {f.value.text for f in own if f.property == RDF + "type"}
    return sorted(_local(t) for t in stated | set(dossier.types.get(iri, ())))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def message_page(title: str, message: str) -> str:
    return page(title, f"<h1>{escape(title)}</h1><p class=error>{escape(message)}</p>")

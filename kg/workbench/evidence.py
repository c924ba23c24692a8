"""What supports one resource: its facts as each article states them, and the sentences.

One SPARQL query (``evidence.rq``, the resource bound as a term) runs in its own bounded
process, as every query ``kg serve`` runs; :func:`gather` folds its rows into a
:class:`Dossier` that :mod:`kg.workbench.pages` draws. Offsets are Python string
indices into the article's ``pow:text``, the text ``kg text`` prints.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.bounded import Limits
from kg.errors import UsageError
from kg.namespaces import DCTERMS, DERIVED_GRAPHS, POW, RDF, RDFS
from kg.queries import Param, to_term

QUERY = Path(__file__).with_name("evidence.rq")
COLUMNS = ("part", "graph", "s", "p", "o", "start", "end")
RESOURCE = Param("iri", "iri", None, "the resource")
ARTICLE_FIELDS = {
    DCTERMS + "title": "title",
    DCTERMS + "publisher": "publisher",
    DCTERMS + "date": "date",
    DCTERMS + "source": "source",
    POW + "text": "text",
}


@dataclass(frozen=True)
class Value:
    """An RDF term as the page shows it: an IRI (to link) or a literal's text."""

    text: str
    is_iri: bool


@dataclass(frozen=True)
class Fact:
    """``subject property value`` and the graphs (articles, derived links) that state it."""

    subject: str
    property: str
    value: Value
    graphs: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Source:
    """One article that supports the resource, with its sentences."""

    article: str
    title: str
    publisher: str
    date: str
    source: str
    text: str | None
    spans: tuple[Span, ...]

    def matches(self, span: Span) -> bool:
        """Whether the text holds the exact words at the offsets (it always should)."""
        return self.text is not None and self.text[span.start : span.end] == span.exact


@dataclass(frozen=True)
class Dossier:
    iri: str
    labels: dict[str, str]
    types: dict[str, tuple[str, ...]]
    facts: tuple[Fact, ...]
    links: tuple[tuple[str, str], ...]
    """(resource, property) pairs of the resources that point at this one."""
    sources: tuple[Source, ...]

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    def disputes(self) -> dict[tuple[str, str], dict[str, list[Value]]]:
        """(subject, property) whose articles state different values: article -> values."""
        stated: dict[tuple[str, str], dict[str, list[Value]]] = defaultdict(dict)
        for fact in self.facts:
            for graph in fact.graphs:
                if graph in self.article_iris:
                    stated[(fact.subject, fact.property)].setdefault(graph, []).append(fact.value)
        return {
            key: by_article
            for key, by_article in stated.items()
            if len({v for values in by_article.values() for v in values}) > 1
            and len(by_article) > 1
        }

    @property
    def article_iris(self) -> set[str]:
        """The graphs that are articles (not the derived links or stories)."""
        return {g for fact in self.facts for g in fact.graphs if g not in DERIVED_GRAPHS}


def gather(
    store: Path, iri: str, *, limits: Limits, allowed_services: frozenset[str] = frozenset()
) -> Dossier:
    """Everything the store says about ``iri``; a resource it does not know is an error."""
    from kg import bounded

    node = to_term(RESOURCE, iri, None)
    rows = bounded.run(
        store,
        QUERY.read_text(encoding="utf-8"),
        {"iri": node},
        limits=limits,
        allowed_services=allowed_services,
    )
    dossier = fold(iri, [{k: row[k] for k in COLUMNS} for row in rows])
    if not dossier.facts and not dossier.links:
        raise UsageError(f"nothing in the store is about {iri}")
    return dossier


def fold(iri: str, rows: list[dict]) -> Dossier:
    """The query's rows (pyoxigraph terms, ``None`` when unbound) as a :class:`Dossier`."""
    by_part: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_part[row["part"].value].append(row)
    labels: dict[str, str] = {}
    types: dict[str, set[str]] = defaultdict(set)
    for row in by_part["name"]:
        if row["p"].value == RDFS + "label":
            labels[row["s"].value] = min(labels.get(row["s"].value, row["o"].value), row["o"].value)
        elif row["p"].value == RDF + "type":
            types[row["s"].value].add(row["o"].value)
    return Dossier(
        iri=iri,
        labels=labels,
        types={k: tuple(sorted(v)) for k, v in types.items()},
        facts=_facts(by_part["fact"]),
        links=tuple(sorted({(r["s"].value, r["p"].value) for r in by_part["link"]})),
        sources=_sources(by_part["evidence"], by_part["article"]),
    )


def _facts(rows: list[dict]) -> tuple[Fact, ...]:
    graphs: dict[tuple[str, str, Value], set[str]] = defaultdict(set)
    for row in rows:
        value = Value(row["o"].value, _is_iri(row["o"]))
        graphs[(row["s"].value, row["p"].value, value)].add(row["graph"].value)
    return tuple(
        Fact(s, p, v, tuple(sorted(g)))
        for (s, p, v), g in sorted(graphs.items(), key=lambda item: _fact_order(item[0]))
    )


def _fact_order(key: tuple[str, str, Value]) -> tuple:
    subject, prop, value = key
    return (subject, prop != RDF + "type", prop, value.text)


def _sources(evidence: list[dict], articles: list[dict]) -> tuple[Source, ...]:
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    for row in articles:
        fields[row["s"].value][ARTICLE_FIELDS[row["p"].value]] = row["o"].value
    spans: dict[str, set[Span]] = defaultdict(set)
    for row in evidence:
        span = Span(int(row["start"].value), int(row["end"].value), row["o"].value)
        spans[row["graph"].value].add(span)
    return tuple(
        Source(
            article=article,
            title=fields[article].get("title", ""),
            publisher=fields[article].get("publisher", ""),
            date=fields[article].get("date", ""),
            source=fields[article].get("source", ""),
            text=fields[article].get("text"),
            spans=tuple(sorted(found, key=lambda s: (s.start, s.end))),
        )
        for article, found in sorted(
            spans.items(), key=lambda item: (fields[item[0]].get("date", ""), item[0])
        )
    )


def _is_iri(term) -> bool:
    import pyoxigraph as ox

    return isinstance(term, ox.NamedNode)

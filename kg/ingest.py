"""Ingest: inputs -> articles -> facts -> one named graph per article -> links.

Each article is written in its own transaction, so an interrupted run leaves
every article fully present or absent and a re-run completes the job. An
article whose content (and powkg version) is unchanged is skipped, which makes
re-ingesting idempotent and cheap.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.article import Article, Problem, iter_inputs
from kg.errors import InputError, UsageError
from kg.facts import ArticleFacts
from kg.link import relink
from kg.namespaces import DCTERMS, ONTOLOGY_GRAPH, default_model
from kg.rdf import article_triples
from kg.reference import ontology_triples
from kg.store import Store

if TYPE_CHECKING:
    from kg.extract import Extractor


@dataclass
class IngestReport:
    """What an ingest did; ``problems`` are inputs that were not ingested."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def fingerprint(article: Article, model: str = "") -> str:
    """Changes when the article, powkg or the spaCy model does, so stale graphs are rebuilt."""
    fields = (__version__, model, article.text, article.title, article.publisher, article.published)
    return hashlib.sha256("\x1f".join(f or "" for f in fields).encode()).hexdigest()


def collect(paths: list[Path]) -> tuple[list[Article], list[InputError]]:
    """Read every input; two inputs claiming one article identity is a problem, not a merge."""
    articles: dict[str, Article] = {}
    problems: list[InputError] = []
    for item in iter_inputs(paths):
        if isinstance(item, Problem):
            problems.append(item.error)
        elif item.iri in articles:
            first = articles[item.iri].source
            problems.append(InputError(item.source, f"same article identity as {first}; skipped"))
        else:
            articles[item.iri] = item
    return list(articles.values()), problems


def ingest(
    articles: list[Article],
    store: Store,
    extractor: Extractor | None = None,
    *,
    jobs: int = 1,
    model: str | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> IngestReport:
    """Store every changed article, then refresh the ontology and links graphs.

    ``model`` names the spaCy pipeline (default: ``$KG_MODEL`` or the bundled
    one); it is part of each article's fingerprint, so switching models
    re-extracts instead of reporting everything unchanged.
    """
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    model = model or default_model()
    hashes = {article.iri: fingerprint(article, model) for article in articles}
    stored = {article.iri: store.text_hash(article.iri) for article in articles}
    report = IngestReport()
    report.warnings.extend(f"{a.source}: {w}" for a in articles for w in a.warnings)
    changed = []
    for article in articles:
        if stored[article.iri] == hashes[article.iri]:
            report.unchanged += 1
            _notify(on_article, article)
        else:
            changed.append(article)
    if changed:
        pairs = _extract_each(_extractor(extractor, model), changed, jobs, report, on_article)
        _store_all(pairs, store, hashes, stored, report, on_article)
    refresh_ontology(store)
    relink(store)
    if changed:
        store.optimize()
    return report


def refresh_ontology(store: Store) -> None:
    """Rewrite the ontology graph only when the ontology files changed."""
    new = ontology_triples()
    if set(store.graph_triples(ONTOLOGY_GRAPH)) != set(new):
        store.replace_graph(ONTOLOGY_GRAPH, new)


def _extractor(extractor: Extractor | None, model: str) -> Extractor:
    if extractor is not None:
        return extractor
    from kg.extract import Extractor

    return Extractor(model)


def _extract_each(
    extractor: Extractor,
    articles: list[Article],
    jobs: int,
    report: IngestReport,
    on_article: Callable[[Article], None] | None,
) -> Iterator[tuple[Article, ArticleFacts]]:
    """Facts per article; an article the extractor fails on is reported, not fatal to the run.

    The batched (maybe parallel) path runs first. A failure there stops the whole batch, so
    the articles it had not yet returned are extracted one at a time: only the culprit is lost.
    """
    done = 0
    try:
        for pair in extractor.extract_all(articles, n_process=jobs):
            yield pair
            done += 1
    except Exception:  # an extractor bug: find the article it belongs to below
        for article in articles[done:]:
            try:
                facts = extractor.extract(article)
            except Exception as err:
                reason = f"extraction failed ({type(err).__name__}: {err})"
                report.problems.append(InputError(article.source, reason))
                _notify(on_article, article)
                continue
            yield article, facts


def _store_all(
    pairs: Iterable[tuple[Article, ArticleFacts]],
    store: Store,
    hashes: dict[str, str],
    stored: dict[str, str | None],
    report: IngestReport,
    on_article: Callable[[Article], None] | None,
) -> None:
    """Write each article as soon as it is extracted: one transaction per article."""
    for article, facts in pairs:
        existed = stored[article.iri] is not None
        store.replace_graph(article.iri, article_triples(article, facts, hashes[article.iri]))
        report.replaced += existed
        report.added += not existed
        report.warnings.extend(f"{article.source}: {w}" for w in facts.warnings)
        _notify(on_article, article)


def _notify(callback: Callable[[Article], None] | None, article: Article) -> None:
    if callback is not None:
        callback(article)


def find_article(store: Store, ref: str) -> str | None:
    """An article's graph IRI from its IRI, URL or file name (what users remember)."""
    import pyoxigraph as ox

    if ref in store.article_iris():
        return ref
    # Oxigraph substitutes only variables in the projection, hence ?src there.
    rows = store.select(
        f"SELECT DISTINCT ?g ?src WHERE {{ GRAPH ?g {{ ?g <{DCTERMS}source> ?src }} }}",
        {"src": ox.Literal(Path(ref).name if "://" not in ref else ref)},
    )
    return rows[0]["g"].value if rows else None


def remove(store: Store, ref: str) -> str | None:
    """Drop one article's graph (shared resources stay where other articles assert them)."""
    iri = find_article(store, ref)
    if iri is not None:
        store.remove_graph(iri)
        relink(store)
        store.optimize()
    return iri


def build(paths: Iterable[str | Path], store_path: str | Path) -> IngestReport:
    """Ingest ``paths`` into the store at ``store_path``: the whole job in one call."""
    articles, problems = collect([Path(p) for p in paths])
    with Store(Path(store_path)) as store:
        report = ingest(articles, store)
    report.problems[:0] = problems
    return report

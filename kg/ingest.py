"""Ingest: inputs -> articles -> facts -> one named graph per article -> links.

Each article is written in its own transaction, so an interrupted run leaves
every article fully present or absent and a re-run completes the job. An
article whose content and extractor are unchanged is skipped, which makes
re-ingesting idempotent and cheap; a new extractor rebuilds every graph it would
build differently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.article import Article, Problem
from kg.errors import InputError, KGError, StoreError, UsageError
from kg.extract import extractor_version
from kg.facts import ArticleFacts
from kg.inputs import iter_inputs
from kg.link import relink
from kg.namespaces import DCTERMS, ONTOLOGY_GRAPH, default_model
from kg.rdf import article_triples
from kg.reference import ontology_triples
from kg.store import Store
from kg.syndication import restory, sketch
from kg.vocab import pow

if TYPE_CHECKING:
    from kg.extract import Extractor


@dataclass
class IngestReport:
    """What an ingest did; ``problems`` are inputs that were not ingested."""

    added: int = 0
    replaced: int = 0
    reextracted: int = 0
    """Of ``replaced``: unchanged articles rebuilt because the extractor changed."""
    unchanged: int = 0
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def articles(self) -> int:
        """Articles read: added, replaced or unchanged."""
        return self.added + self.replaced + self.unchanged


def fingerprint(article: Article) -> str:
    """Changes when the article (its text or metadata) does; with the extractor version it
    decides whether an article is unchanged. Fetch time and WARC record are provenance of
    one copy, not content: re-fetching the same page is unchanged.
    """
    fields = (article.text, article.title, article.publisher, article.published, article.url)
    return hashlib.sha256("\x1f".join(f or "" for f in fields).encode()).hexdigest()


def collect(paths: list[Path]) -> tuple[list[Article], list[InputError]]:
    """Read every input into memory (small jobs and tests); :func:`ingest` streams instead."""
    articles: list[Article] = []
    problems: list[InputError] = []
    for item in _unique(iter_inputs(list(paths)), {}):
        if isinstance(item, Problem):
            problems.append(item.error)
        else:
            articles.append(item)
    return articles, problems


def _unique(
    items: Iterable[Article | Problem], seen: dict[str, str]
) -> Iterator[Article | Problem]:
    """Two inputs claiming one article identity is a problem, not a merge.

    ``seen`` maps each identity to its first source: the one thing held per article.
    """
    for item in items:
        if isinstance(item, Article):
            first = seen.setdefault(item.iri, item.source)
            if first != item.source:
                message = f"same article identity as {first}; skipped"
                item = Problem(InputError(item.source, message))
        yield item


def ingest(
    items: Iterable[Article | Problem],
    store: Store,
    extractor: Extractor | None = None,
    *,
    jobs: int = 1,
    model: str | None = None,
    on_article: Callable[[Article | Problem], None] | None = None,
) -> IngestReport:
    """Store every changed article as it streams past, then refresh the derived graphs.

    ``items`` may be any iterable (a list, or :class:`kg.inputs.Inputs` reading a
    multi-gigabyte export): it is read once, and only the articles being extracted
    are held. Problems among them are reported, not raised. ``model`` names the
    spaCy pipeline (default: ``$KG_MODEL`` or the bundled one); it is part of the
    extractor version, so switching models re-extracts.
    """
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    model = model or default_model()
    version = extractor_version(model)
    report = IngestReport()
    pending: dict[str, tuple[str, str | None]] = {}
    changed = _changed(_unique(items, {}), store, version, report, pending, on_article)
    pairs = _extract_each(_extractor(extractor, model), changed, jobs, report, on_article)
    _store_all(pairs, store, pending, version, report, on_article)
    refresh_ontology(store)
    relink(store)
    restory(store)
    if report.added or report.replaced:
        store.optimize()
    return report


def _changed(
    items: Iterable[Article | Problem],
    store: Store,
    version: str,
    report: IngestReport,
    pending: dict[str, tuple[str, str | None]],
    on_article: Callable[[Article | Problem], None] | None,
) -> Iterator[Article]:
    """The articles whose stored graph is missing or stale (their text changed, or an
    older extractor built them); the rest are counted here. ``pending`` keeps each one's
    new fingerprint and the one stored."""
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item.error)
            _notify(on_article, item)
            continue
        report.warnings.extend(f"{item.source}: {w}" for w in item.warnings)
        digest = fingerprint(item)
        stored, built_by = store.built_from(item.iri)
        if stored == digest and built_by == version:
            report.unchanged += 1
            _notify(on_article, item)
        else:
            pending[item.iri] = (digest, stored)
            yield item


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
    articles: Iterator[Article],
    jobs: int,
    report: IngestReport,
    on_article: Callable[[Article | Problem], None] | None,
) -> Iterator[tuple[Article, ArticleFacts]]:
    """Facts per article; an article the extractor fails on is reported, not fatal to the run.

    The batched (maybe parallel) path runs over the stream. A failure there stops the
    batch, so the articles it was handed but had not returned are extracted one at a
    time (only the culprit is lost), and the batched path resumes with the rest of the
    stream. An error raised by the stream itself is no extractor bug, nor is a KGError
    (a missing model fails every article alike): those pass through, as does a failure
    that no article was outstanding for.
    """
    stream = _Handed(articles)
    while not stream.exhausted:
        try:
            for pair in extractor.extract_all(stream, n_process=jobs):
                stream.returned(pair[0])
                yield pair
            return
        except KGError:
            raise
        except Exception as err:
            outstanding = stream.take_unreturned()
            if stream.raised(err) or not outstanding:
                raise
        yield from _extract_one_by_one(extractor, outstanding, report, on_article)


class _Handed:
    """An article stream that remembers what it handed out and what came back.

    Iterating it again goes on where the last iteration stopped.
    """

    def __init__(self, articles: Iterator[Article]) -> None:
        self._articles = articles
        self._out: dict[str, Article] = {}
        self._error: BaseException | None = None
        self.exhausted = False

    def __iter__(self) -> Iterator[Article]:
        while True:
            try:
                article = next(self._articles)
            except StopIteration:
                self.exhausted = True
                return
            except BaseException as err:
                self._error = err
                raise
            self._out[article.iri] = article
            yield article

    def returned(self, article: Article) -> None:
        """The extractor gave ``article`` back, so it is no longer outstanding."""
        self._out.pop(article.iri, None)

    def raised(self, err: BaseException) -> bool:
        """Whether ``err`` came from the stream (possibly wrapped by the extractor)."""
        while err is not None:
            if err is self._error:
                return True
            err = err.__cause__ or err.__context__
        return False

    def take_unreturned(self) -> list[Article]:
        """The articles handed out but never returned, in order; forgotten from now on."""
        articles = list(self._out.values())
        self._out.clear()
        return articles


def _extract_one_by_one(
    extractor: Extractor,
    articles: list[Article],
    report: IngestReport,
    on_article: Callable[[Article | Problem], None] | None,
) -> Iterator[tuple[Article, ArticleFacts]]:
    for article in articles:
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
    pending: dict[str, tuple[str, str | None]],
    version: str,
    report: IngestReport,
    on_article: Callable[[Article | Problem], None] | None,
) -> None:
    """Write each article as soon as it is extracted: one transaction per article."""
    for article, facts in pairs:
        digest, stored = pending.pop(article.iri)
        triples = article_triples(article, facts, digest, sketch(article.body), version)
        store.replace_graph(article.iri, triples)
        report.replaced += stored is not None
        report.reextracted += stored == digest
        report.added += stored is None
        report.warnings.extend(f"{article.source}: {w}" for w in facts.warnings)
        _notify(on_article, article)


def _notify(callback: Callable[[Article | Problem], None] | None, item: Article | Problem) -> None:
    if callback is not None:
        callback(item)


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


def article_text(store: Store, ref: str) -> str | None:
    """The text an article's evidence offsets index (``None``: no such article)."""
    iri = find_article(store, ref)
    if iri is None:
        return None
    text = store.value(iri, pow.text, iri)
    if text is not None:
        return text
    raise StoreError(f"{iri}: no text kept (ingested by an older powkg); ingest it again")


def remove(store: Store, ref: str) -> str | None:
    """Drop one article's graph (shared resources stay where other articles assert them)."""
    iri = find_article(store, ref)
    if iri is not None:
        store.remove_graph(iri)
        relink(store)
        restory(store)
        store.optimize()
    return iri


def build(paths: Iterable[str | Path], store_path: str | Path) -> IngestReport:
    """Ingest files, folders or URLs into the store at ``store_path``: the whole job in one call."""
    with Store(Path(store_path)) as store:
        return ingest(iter_inputs(list(paths)), store)

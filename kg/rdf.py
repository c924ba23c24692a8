"""Facts -> the triples of one article's named graph.

Pure and deterministic: the same article and facts give the same triples, so
re-ingesting changes nothing and separately built stores merge by union.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg import iris
from kg.article import Article
from kg.facts import (
    Agreement,
    AgreementRef,
    ArticleFacts,
    Entity,
    Evidence,
    Exchange,
    Stage,
    Statement,
    Transfer,
)
from kg.namespaces import DCTERMS, OA, RDF, RDFS, XSD
from kg.vocab import pow

if TYPE_CHECKING:
    import pyoxigraph as ox


class _Graph:
    """Collects the triples of one article graph, with the small helpers they need."""

    def __init__(self, article: Article) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.article = article.iri
        self.triples: set[ox.Triple] = set()
        self.described: dict[int, str] = {}
        """Facts already turned into triples, by identity: a statement about an exchange
        names it again, and describing it again would add nothing but cost (quadratic
        in a long article whose statements all point at one large exchange)."""

    def once(self, fact: object, describe: Callable[[], str]) -> str:
        """The fact's IRI, describing it the first time it is met."""
        key = id(fact)
        if key not in self.described:
            self.described[key] = describe()
        return self.described[key]

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str | None) -> None:
        if o is None:
            return
        obj = self.ox.NamedNode(o) if isinstance(o, str) else o
        self.triples.add(self.ox.Triple(self.ox.NamedNode(s), self.ox.NamedNode(p), obj))

    def refs(self, s: str, p: str, objects: tuple[str | None, ...]) -> None:
        """Link to parties, places or categories (described once, in the ontology graph)."""
        for o in objects:
            self.add(s, p, o)

    def lit(self, value: str | int | None, datatype: str | None = None) -> ox.Literal | None:
        if value is None:
            return None
        if isinstance(value, int):
            return self.ox.Literal(str(value), datatype=self.ox.NamedNode(XSD + "integer"))
        dt = self.ox.NamedNode(datatype) if datatype else None
        return self.ox.Literal(value, datatype=dt)

    def date(self, value: str | None) -> ox.Literal | None:
        if not value:
            return None
        return self.lit(value, XSD + ("date" if len(value) == 10 else "gYearMonth"))

    def evidence(self, subject: str, evidence: tuple[Evidence, ...]) -> None:
        for ev in evidence:
            ann = iris.evidence(self.article, ev.start, ev.end)
            target, quote, position = ann + "/target", ann + "/quote", ann + "/position"
            self.add(subject, pow.evidence, ann)
            self.add(ann, RDF + "type", OA + "Annotation")
            self.add(ann, OA + "hasBody", subject)
            self.add(ann, OA + "motivatedBy", OA + "describing")
            self.add(ann, OA + "hasTarget", target)
            self.add(target, RDF + "type", OA + "SpecificResource")
            self.add(target, OA + "hasSource", self.article)
            self.add(target, OA + "hasSelector", quote)
            self.add(target, OA + "hasSelector", position)
            self.add(quote, RDF + "type", OA + "TextQuoteSelector")
            self.add(quote, OA + "exact", self.lit(ev.text))
            self.add(position, RDF + "type", OA + "TextPositionSelector")
            self.add(position, OA + "start", self.lit(ev.start))
            self.add(position, OA + "end", self.lit(ev.end))


def article_triples(
    article: Article,
    facts: ArticleFacts,
    content_hash: str,
    sketch: str | None = None,
    extractor: str | None = None,
) -> list[ox.Triple]:
    """Everything one article contributes, for its own named graph.

    ``sketch`` is the MinHash signature of the text (:mod:`kg.syndication`); ``extractor``
    names the extractor that built the graph (:func:`kg.extract.extractor_version`).
    """
    g = _Graph(article)
    _article(g, article, content_hash)
    g.add(g.article, pow.textSketch, g.lit(sketch))
    g.add(g.article, pow.extractedBy, g.lit(extractor))
    for entity in facts.entities:
        _entity(g, entity)
    for agreement in facts.agreements:
        _agreement(g, agreement)
    for exchange in facts.exchanges:
        _exchange(g, exchange)
    for stage in facts.stages:
        _stage(g, stage)
    for statement in facts.statements:
        _statement(g, statement)
    return sorted(g.triples, key=str)


def _article(g: _Graph, article: Article, content_hash: str) -> None:
    a = g.article
    g.add(a, RDF + "type", pow.Article)
    g.add(a, DCTERMS + "title", g.lit(article.title))
    g.add(a, DCTERMS + "publisher", g.lit(article.publisher))
    g.add(a, DCTERMS + "date", g.date(article.published))
    g.add(a, DCTERMS + "source", g.lit(_file_name(article.source)))
    g.add(a, DCTERMS + "source", g.lit(article.url))
    g.add(a, pow.textHash, g.lit(content_hash))
    g.add(a, pow.text, g.lit(article.text))
    g.add(a, pow.fetched, g.lit(article.fetched, XSD + "dateTime"))
    g.add(a, pow.warcRecord, article.record)


def _file_name(source: str) -> str:
    """A URL as it is; a file's name without its folder, so stores built from any cwd agree."""
    if "://" in source:
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _entity(g: _Graph, entity: Entity) -> None:
    g.add(entity.iri, RDF + "type", getattr(pow, entity.kind))
    g.add(entity.iri, RDFS + "label", g.lit(entity.label))
    g.refs(entity.iri, pow.side, (entity.side,))


def _agreement(g: _Graph, agreement: Agreement) -> str:
    return g.once(agreement, lambda: _describe_agreement(g, agreement))


def _describe_agreement(g: _Graph, agreement: Agreement) -> str:
    a = iris.agreement(agreement.date, agreement.sides)
    g.add(a, RDF + "type", pow.Agreement)
    g.add(a, pow.date, g.date(agreement.date))
    g.add(a, pow.round, g.lit(agreement.round))
    g.refs(a, pow.party, agreement.parties)
    g.refs(a, pow.mediator, agreement.mediators)
    g.refs(a, pow.location, (agreement.location,))
    g.refs(a, pow.category, agreement.categories)
    for transfer in agreement.provides:
        g.add(a, pow.provides, _transfer(g, a, transfer))
    g.evidence(a, agreement.evidence)
    return a


def _exchange(g: _Graph, exchange: Exchange) -> str:
    return g.once(exchange, lambda: _describe_exchange(g, exchange))


def _describe_exchange(g: _Graph, exchange: Exchange) -> str:
    e = iris.exchange(exchange.start, exchange.sides)
    g.add(e, RDF + "type", pow.Exchange)
    g.add(e, pow.startDate, g.date(exchange.start))
    g.add(e, pow.endDate, g.date(exchange.end))
    g.refs(e, pow.party, exchange.parties)
    g.refs(e, pow.mediator, exchange.mediators)
    g.refs(e, pow.location, exchange.locations)
    g.refs(e, pow.category, exchange.categories)
    for transfer in exchange.transfers:
        g.add(e, pow.transfer, _transfer(g, e, transfer))
    _implements(g, e, exchange.agreement, exchange.sides[:2])
    g.evidence(e, exchange.evidence)
    return e


def _transfer(g: _Graph, owner: str, transfer: Transfer) -> str:
    t = iris.transfer(owner, transfer.source, transfer.target, transfer.series)
    g.add(t, RDF + "type", pow.Transfer)
    g.refs(t, pow["from"], (transfer.source,))
    g.refs(t, pow.to, (transfer.target,))
    g.add(t, pow.count, g.lit(transfer.count))
    g.refs(t, pow.category, transfer.categories)
    g.evidence(t, transfer.evidence)
    return t


def _implements(g: _Graph, holder: str, ref: AgreementRef | None, sides: tuple[str, ...]) -> None:
    """Dated references name the agreement; others are kept for :mod:`kg.link` to resolve."""
    if ref is None:
        return
    parties = ref.parties or sides
    if ref.date:
        a = _agreement(
            g, Agreement(ref.date, parties, ref.location, ref.round, evidence=ref.evidence)
        )
        g.add(holder, pow.implements, a)
        return
    r = iris.reference(g.article, holder, ref)
    g.add(holder, pow.agreementReference, r)
    g.add(r, RDF + "type", pow.AgreementReference)
    g.add(r, pow.notBefore, g.date(ref.not_before))
    g.add(r, pow.notAfter, g.date(ref.not_after))
    g.add(r, pow.round, g.lit(ref.round))
    g.refs(r, pow.location, (ref.location,))
    g.refs(r, pow.party, parties)
    g.evidence(r, ref.evidence)


def _stage(g: _Graph, stage: Stage) -> None:
    e = _exchange(g, stage.exchange)
    s = iris.stage(e, stage.ordinal, stage.category)
    g.add(s, RDF + "type", pow.Stage)
    g.add(s, pow.ordinal, g.lit(stage.ordinal))
    g.add(s, pow.realizedBy, e)
    g.refs(s, pow.category, (stage.category,))
    _implements(g, s, stage.agreement, stage.exchange.parties[:2])
    g.evidence(s, stage.evidence)


def _statement(g: _Graph, statement: Statement) -> str:
    s = iris.statement(statement.speaker, statement.quote)
    g.add(s, RDF + "type", pow.Statement)
    g.refs(s, pow.speaker, (statement.speaker,))
    g.add(s, pow.quote, g.lit(statement.quote))
    g.add(s, pow.date, g.date(statement.date))
    g.add(s, pow.channel, g.lit(statement.channel))
    g.add(s, pow.stance, pow[statement.stance])
    g.add(s, pow.about, _about(g, statement.about))
    if statement.responds_to is not None:
        g.add(s, pow.responds, _statement(g, statement.responds_to))
    g.evidence(s, statement.evidence)
    return s


def _about(g: _Graph, about: Exchange | Agreement | AgreementRef | None) -> str | None:
    if isinstance(about, Exchange):
        return _exchange(g, about)
    if isinstance(about, Agreement):
        return _agreement(g, about)
    if isinstance(about, AgreementRef) and about.date:
        return _agreement(g, Agreement(about.date, about.parties, evidence=about.evidence))
    return None

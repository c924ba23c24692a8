"""A perfect extractor: the generator's ground truth as ``ArticleFacts``.

Two uses. Ingesting with it must score F1 = 1.0 on the generated CQ file, which
checks the CQ file itself. And it times everything in ``kg ingest`` except the
language work (RDF building, store writes, the link step), which the profile
of a real ingest then only has to split from spaCy.

    python bench/oracle.py CORPUS_DIR STORE_DIR
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

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
from kg.namespaces import ID, POW

GROUPS = {"parties": "party", "mediators": "party", "speakers": "party", "places": "place"}
KINDS = {"places": "Location", "categories": "PrisonerCategory"}


class Names:
    """Vocabulary key -> IRI (the ontology's when it has one), and entities to mint otherwise."""

    def __init__(self, vocab: dict) -> None:
        self.iri: dict[str, str] = {}
        self.minted: dict[str, Entity] = {}
        for group in ("places", "categories", "speakers", "mediators", "parties"):
            for key, entry in vocab[group].items():
                self._add(group, key, entry)

    def _add(self, group: str, key: str, entry: dict) -> None:
        if entry.get("iri"):
            self.iri[key] = entry["iri"]
            return
        iri = POW + key if group == "categories" else f"{ID}{GROUPS[group]}/{key}"
        self.iri[key] = iri
        kind = KINDS.get(group) or entry.get("kind", "Party")
        self.minted[iri] = Entity(iri, entry["names"][0], kind)

    def __call__(self, key: str | None) -> str | None:
        return None if key is None else self.iri[key]


class Oracle:
    """``extract_all`` with the signature of ``kg.extract.Extractor``; facts come from truth."""

    def __init__(self, truth: dict) -> None:
        self.truth = truth
        self.names = Names(truth["vocab"])
        self.records = {Path(r["file"]).name: r for r in truth["articles"]}
        self.records |= {r["id"]: r for r in truth["articles"]}

    def extract_all(
        self, articles: Iterable[Article], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[tuple[Article, ArticleFacts]]:
        for article in articles:
            yield article, self.facts(article)

    def facts(self, article: Article) -> ArticleFacts:
        record = self.records[article.key]
        return _Facts(self, article, record).build()


class _Facts:
    """The facts one article states, grouped from its claims."""

    def __init__(self, oracle: Oracle, article: Article, record: dict) -> None:
        self.o, self.names, self.t = oracle, oracle.names, oracle.truth
        self.ev: dict[tuple[str, ...], list[Evidence]] = defaultdict(list)
        for start, end, claim in record["claims"]:
            self.ev[tuple(claim)].append(Evidence(start, end, article.text[start:end]))
        self.used: set[str] = set()

    def has(self, *claim: str) -> bool:
        return tuple(claim) in self.ev

    def evidence(self, *claim: str) -> tuple[Evidence, ...]:
        return tuple(self.ev.get(tuple(claim), ()))

    def iri(self, key: str | None) -> str | None:
        iri = self.names(key)
        if iri is not None:
            self.used.add(iri)
        return iri

    def ids(self, kind: str) -> list[str]:
        return sorted({c[1] for c in self.ev if c[0] == kind})

    def build(self) -> ArticleFacts:
        exchanges = {xid: self.exchange(xid) for xid in self.ids("exchange")}
        stages = tuple(self.stage(xid, exchanges[xid]) for xid in self.ids("stage"))
        agreements = tuple(self.agreement(aid) for aid in self.ids("agreement"))
        statements = tuple(self.statement(sid, exchanges) for sid in self.ids("statement"))
        entities = tuple(self.names.minted[i] for i in sorted(self.used) if i in self.names.minted)
        return ArticleFacts(
            exchanges=tuple(exchanges.values()),
            agreements=agreements,
            stages=stages,
            statements=statements,
            entities=entities,
        )

    def exchange(self, xid: str) -> Exchange:
        x = self.t["exchanges"][xid]
        transfers = tuple(
            Transfer(
                self.iri(tr["source"]),
                self.iri(tr["target"]),
                tr["count"],
                (self.iri(tr["category"]),) if tr["category"] else (),
                self.evidence("transfer", xid, str(i)),
            )
            for i, tr in enumerate(x["transfers"])
            if self.has("transfer", xid, str(i))
        )
        return Exchange(
            start=x["start"],
            end=x["end"],
            parties=tuple(self.iri(s) for s in x["sides"]),
            mediators=tuple(self.iri(m) for m in x["mediators"] if self.has("mediator", xid, m)),
            locations=(self.iri(x["location"]),)
            if self.has("location", xid, x["location"])
            else (),
            categories=tuple(self.iri(c) for c in x["categories"] if self.has("category", xid, c)),
            transfers=transfers,
            agreement=self.reference(xid),
            evidence=self.evidence("exchange", xid),
        )

    def reference(self, xid: str) -> AgreementRef | None:
        """The agreement an exchange carries out; undated refs get exact bounds (perfect reader)."""
        aid = self.t["exchanges"][xid]["agreement"]
        if aid is None or not self.has("implements", xid):
            return None
        a = self.t["agreements"][aid]
        dated = self.has("agreement", aid)
        return AgreementRef(
            date=a["date"] if dated else None,
            not_before=None if dated else a["date"],
            not_after=None if dated else a["date"],
            round=a["round"] if self.has("round", aid) else None,
            location=self.iri(a["venue"]) if self.has("venue", aid) else None,
            parties=tuple(
                self.iri(s) for s in self.t["vocab"]["conflicts"][a["conflict"]]["sides"]
            ),
            evidence=self.evidence("implements", xid),
        )

    def stage(self, xid: str, exchange: Exchange) -> Stage:
        x = self.t["exchanges"][xid]
        return Stage(x["stage"], exchange, None, exchange.agreement, self.evidence("stage", xid))

    def agreement(self, aid: str) -> Agreement:
        a = self.t["agreements"][aid]
        provides = tuple(
            Transfer(
                self.iri(tr["source"]),
                self.iri(tr["target"]),
                tr["count"],
                (self.iri(tr["category"]),),
                self.evidence("provides", aid, str(i)),
            )
            for i, tr in enumerate(a["provides"])
            if self.has("provides", aid, str(i))
        )
        meds = [m for m in a["mediators"] if self.has("agreement-mediator", aid, m)]
        return Agreement(
            date=a["date"],
            parties=tuple(
                self.iri(s) for s in self.t["vocab"]["conflicts"][a["conflict"]]["sides"]
            ),
            location=self.iri(a["venue"]) if self.has("venue", aid) else None,
            round=a["round"] if self.has("round", aid) else None,
            mediators=tuple(self.iri(m) for m in meds),
            provides=provides,
            evidence=self.evidence("agreement", aid),
        )

    def statement(self, sid: str, exchanges: dict[str, Exchange]) -> Statement:
        s = self.t["statements"][sid]
        x = self.t["exchanges"][s["about"]]
        about = exchanges.get(s["about"]) or Exchange(
            x["start"], x["end"], tuple(self.iri(p) for p in x["sides"])
        )
        return Statement(
            speaker=self.iri(s["speaker"]),
            quote=s["quote"],
            date=s["date"],
            channel=s["channel"] if self.has("channel", sid) else None,
            about=about,
            evidence=self.evidence("statement", sid),
        )


def ingest(corpus: Path, store_path: Path, jobs: int = 1):
    """Ingest ``corpus`` with oracle facts through kg's own ingest path."""
    from kg.ingest import collect
    from kg.ingest import ingest as run
    from kg.store import Store

    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    inputs = corpus / ("articles.jsonl" if truth["format"] == "jsonl" else "articles")
    articles, problems = collect([inputs])
    with Store(store_path) as store:
        report = run(articles, store, Oracle(truth), jobs=jobs)
    return len(articles), report, problems


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    n, report, problems = ingest(Path(argv[0]), Path(argv[1]))
    took = time.perf_counter() - started
    print(f"oracle ingest: {n} articles in {took:.2f}s ({report.added} added, {len(problems)} bad)")
    return 1 if problems or report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

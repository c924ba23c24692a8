"""Cross-article resolution of agreement references, on hand-made articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import iris
from kg.article import Article
from kg.facts import Agreement, AgreementRef, ArticleFacts, Evidence, Exchange
from kg.link import relink
from kg.namespaces import ID, LINKS_GRAPH, sparql_prefixes
from kg.rdf import article_triples
from kg.store import Store

UA, RU = ID + "state/ukraine", ID + "state/russia"
ISTANBUL, TURKEY = ID + "place/istanbul", ID + "state/turkiye"
EV = (Evidence(0, 4, "Text"),)


def article(key: str) -> Article:
    return Article(text="Text of " + key, source=key, key=key, published="2025-06-20")


def dated(day: str, round_: int | None = None, place: str = ISTANBUL) -> ArticleFacts:
    return ArticleFacts(agreements=(Agreement(day, (UA, RU), place, round_, evidence=EV),))


def exchange_on(day: str, ref: AgreementRef) -> ArticleFacts:
    ex = Exchange(day, day, (UA, RU), agreement=ref, evidence=EV)
    return ArticleFacts(exchanges=(ex,))


def write(store: Store, items: list[tuple[str, ArticleFacts]]) -> None:
    for key, facts in items:
        a = article(key)
        store.replace_graph(a.iri, article_triples(a, facts, key))


def implemented(store: Store) -> set[tuple[str, str]]:
    rows = store.select(
        sparql_prefixes()
        + f"SELECT ?e ?a WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?e pow:implements ?a }} }}"
    )
    return {(r["e"].value, r["a"].value) for r in rows}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "s") as s:
        yield s


def test_link_round_and_place_resolve_to_the_dated_agreement(store):
    ref = AgreementRef(round=2, location=ISTANBUL, evidence=EV)
    write(
        store,
        [
            ("a", dated("2025-05-16", 1)),
            ("b", dated("2025-06-02", 2)),
            ("c", exchange_on("2025-06-12", ref)),
        ],
    )
    relink(store)
    e = iris.exchange("2025-06-12", (UA, RU))
    assert implemented(store) == {(e, iris.agreement("2025-06-02", (UA, RU)))}


def test_link_last_week_bounds_pick_the_agreement_in_that_week(store):
    ref = AgreementRef(not_before="2025-06-02", not_after="2025-06-08", evidence=EV)
    write(
        store,
        [
            ("a", dated("2025-05-16")),
            ("b", dated("2025-06-02")),
            ("c", exchange_on("2025-06-10", ref)),
        ],
    )
    relink(store)
    assert {a for _, a in implemented(store)} == {iris.agreement("2025-06-02", (UA, RU))}


def test_link_never_picks_an_agreement_after_the_exchange(store):
    ref = AgreementRef(location=ISTANBUL, evidence=EV)
    write(
        store,
        [
            ("a", dated("2025-05-16")),
            ("b", dated("2025-06-02")),
            ("c", exchange_on("2025-05-25", ref)),
        ],
    )
    relink(store)
    assert {a for _, a in implemented(store)} == {iris.agreement("2025-05-16", (UA, RU))}


def test_link_unresolved_reference_gets_a_minted_agreement_with_evidence(store):
    ref = AgreementRef(round=3, location=ISTANBUL, evidence=EV)
    write(store, [("c", exchange_on("2025-07-30", ref))])
    relink(store)
    ((_, minted),) = implemented(store)
    assert "undated" in minted and minted.endswith("istanbul-round-3")
    assert store.select(
        sparql_prefixes() + f"SELECT * WHERE {{ <{minted}> a pow:Agreement ; pow:evidence ?e }}"
    )


def test_link_result_does_not_depend_on_ingest_order(tmp_path):
    ref = AgreementRef(round=2, location=ISTANBUL, evidence=EV)
    items = [("a", dated("2025-06-02", 2)), ("c", exchange_on("2025-06-12", ref))]
    results = []
    for name, order in (("one", items), ("two", items[::-1])):
        with Store(tmp_path / name) as s:
            for item in order:
                write(s, [item])
                relink(s)
            results.append(implemented(s))
    assert results[0] == results[1] and results[0]


def test_link_prefers_the_agreement_whose_round_matches(store):
    ref = AgreementRef(round=2, evidence=EV)
    write(
        store,
        [
            ("a", dated("2025-06-02", 2)),
            ("b", dated("2025-06-08")),
            ("c", exchange_on("2025-06-12", ref)),
        ],
    )
    relink(store)
    assert {a for _, a in implemented(store)} == {iris.agreement("2025-06-02", (UA, RU))}

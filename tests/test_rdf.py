"""The RDF writer on hand-made facts: shapes of the graph analysts query."""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest

from kg import iris
from kg.article import Article
from kg.facts import (
    Agreement,
    AgreementRef,
    ArticleFacts,
    Evidence,
    Exchange,
    Stage,
    Statement,
    Transfer,
)
from kg.namespaces import ID, POW, XSD, sparql_prefixes
from kg.rdf import article_triples

UA, RU, BY = ID + "state/ukraine", ID + "state/russia", ID + "state/belarus"
TEXT = "Kyiv and Moscow swapped 90 captives each on Friday. Both sides confirmed it."
SENT = Evidence(0, 51, TEXT[0:51])
ARTICLE = Article(
    text=TEXT, source="x/y/swap.txt", key="swap.txt", title="Swap", published="2025-06-14"
)


def graph(facts: ArticleFacts) -> ox.Store:
    store = ox.Store()
    store.extend(
        ox.Quad(t.subject, t.predicate, t.object) for t in article_triples(ARTICLE, facts, "h")
    )
    return store


def ask(store: ox.Store, where: str) -> bool:
    return store.query(sparql_prefixes() + f"ASK {{ {where} }}")


EXCHANGE = Exchange(
    start="2025-06-13",
    end="2025-06-13",
    parties=(UA, RU),
    locations=(BY,),
    transfers=(Transfer(RU, UA, 90, (), (SENT,)), Transfer(UA, RU, 90, (), (SENT,))),
    evidence=(SENT,),
)


def test_rdf_exchange_has_dates_parties_and_transfers():
    store = graph(ArticleFacts(exchanges=(EXCHANGE,)))
    e = f"<{iris.exchange('2025-06-13', (UA, RU))}>"
    assert ask(store, f'{e} a pow:Exchange ; pow:startDate "2025-06-13"^^xsd:date ; pow:endDate ?x')
    assert ask(store, f"{e} pow:party <{UA}>, <{RU}> ; pow:location <{BY}>")
    assert ask(store, f"{e} pow:transfer [ pow:from <{RU}> ; pow:to <{UA}> ; pow:count 90 ]")
    assert ask(store, f"{e} pow:transfer [ pow:from <{UA}> ; pow:to <{RU}> ; pow:count 90 ]")


def test_rdf_month_only_date_is_a_gyearmonth():
    month = Exchange(start="2025-05", end="2025-05", parties=(UA, RU), evidence=(SENT,))
    store = graph(ArticleFacts(exchanges=(month,)))
    assert ask(store, f'?e pow:startDate "2025-05"^^<{XSD}gYearMonth>')


def test_rdf_evidence_selectors_match_the_text():
    store = graph(ArticleFacts(exchanges=(EXCHANGE,)))
    rows = list(
        store.query(
            sparql_prefixes()
            + "SELECT ?exact ?start ?end ?src WHERE { ?x pow:evidence ?a . ?a oa:hasTarget ?t ."
            " ?t oa:hasSource ?src ; oa:hasSelector ?q, ?p . ?q oa:exact ?exact ."
            " ?p oa:start ?start ; oa:end ?end }"
        )
    )
    assert rows
    for row in rows:
        assert TEXT[int(row["start"].value) : int(row["end"].value)] == row["exact"].value
        assert row["src"].value == ARTICLE.iri


def test_rdf_article_metadata_uses_file_name_not_path():
    store = graph(ArticleFacts())
    a = f"<{ARTICLE.iri}>"
    assert ask(store, f'{a} a pow:Article ; dcterms:title "Swap" ; dcterms:source "swap.txt"')
    assert not ask(store, f'{a} dcterms:source "x/y/swap.txt"')
    assert ask(store, f'{a} dcterms:date "2025-06-14"^^xsd:date ; pow:textHash "h"')


def test_rdf_dated_reference_names_the_agreement_directly():
    ref = AgreementRef(date="2025-06-02", location=ID + "place/istanbul", evidence=(SENT,))
    store = graph(ArticleFacts(exchanges=(Exchange(**{**EXCHANGE.__dict__, "agreement": ref}),)))
    a = f"<{iris.agreement('2025-06-02', (UA, RU))}>"
    assert ask(
        store, f'?e pow:implements {a} . {a} a pow:Agreement ; pow:date "2025-06-02"^^xsd:date'
    )
    assert ask(store, f"{a} pow:evidence ?ev")


def test_rdf_undated_reference_is_kept_for_linking():
    ref = AgreementRef(not_before="2025-06-02", not_after="2025-06-08", round=2, evidence=(SENT,))
    store = graph(ArticleFacts(exchanges=(Exchange(**{**EXCHANGE.__dict__, "agreement": ref}),)))
    assert not ask(store, "?e pow:implements ?a")
    assert ask(
        store,
        "?e pow:agreementReference ?r . ?r a pow:AgreementReference ; pow:round 2 ;"
        ' pow:notBefore "2025-06-02"^^xsd:date ; pow:notAfter "2025-06-08"^^xsd:date',
    )


def test_rdf_agreement_provides_transfers():
    bodies = Transfer(RU, UA, 6000, (POW + "Remains",), (SENT,))
    agreement = Agreement("2025-06-02", (UA, RU), round=2, provides=(bodies,), evidence=(SENT,))
    store = graph(ArticleFacts(agreements=(agreement,)))
    assert ask(
        store,
        "?a pow:round 2 ; pow:provides ?t ."
        f" ?t pow:count 6000 ; pow:category pow:Remains ; pow:from <{RU}>",
    )


def test_rdf_stage_is_realized_by_its_exchange():
    stage = Stage(2, EXCHANGE, POW + "SeriouslyWoundedOrIll", evidence=(SENT,))
    store = graph(ArticleFacts(stages=(stage,)))
    assert ask(
        store,
        "?s a pow:Stage ; pow:ordinal 2 ; pow:realizedBy ?e ;"
        " pow:category pow:SeriouslyWoundedOrIll . ?e a pow:Exchange",
    )


def test_rdf_statement_with_denial_responding_to_claim():
    claim = Statement(RU, "the exchange failed", "2025-06-07", stance="Claim", evidence=(SENT,))
    denial = Statement(
        UA, "disinformation", "2025-06-07", "statement", stance="Denial", responds_to=claim
    )
    store = graph(ArticleFacts(statements=(denial,)))
    assert ask(
        store,
        f'?d pow:speaker <{UA}> ; pow:stance pow:Denial ; pow:channel "statement" ;'
        f" pow:responds ?c . ?c pow:speaker <{RU}> ; pow:stance pow:Claim",
    )


def test_rdf_is_deterministic():
    facts = ArticleFacts(exchanges=(EXCHANGE,))
    assert article_triples(ARTICLE, facts, "h") == article_triples(ARTICLE, facts, "h")


@pytest.mark.parametrize("kind", ["Nonsense", "exchange"])
def test_rdf_unknown_vocabulary_is_an_error(kind):
    from kg.vocab import pow

    with pytest.raises(AttributeError):
        getattr(pow, kind)


def test_rdf_many_sided_exchange_is_named_by_its_hub():
    many = Exchange("2025-06-13", "2025-06-13", parties=(RU, UA, BY), hub=RU, evidence=(SENT,))
    store = graph(ArticleFacts(exchanges=(many,)))
    e = f"<{iris.exchange('2025-06-13', (RU,))}>"
    assert ask(store, f"{e} pow:party <{UA}>, <{RU}>, <{BY}>")


def test_rdf_further_transfer_the_same_way_is_kept_apart():
    wounded = POW + "SeriouslyWoundedOrIll"
    extra = Transfer(RU, UA, 9, (wounded,), (SENT,), series=wounded)
    store = graph(
        ArticleFacts(exchanges=(replace(EXCHANGE, transfers=(*EXCHANGE.transfers, extra)),))
    )
    e = f"<{iris.exchange('2025-06-13', (UA, RU))}>"
    assert ask(
        store,
        f"{e} pow:transfer [ pow:from <{RU}> ; pow:count 90 ], [ pow:from <{RU}> ; pow:count 9 ]",
    )


def test_rdf_agreement_with_a_hub_is_named_by_it():
    deal = Agreement("2025-05-03", (RU, BY), hub=RU, evidence=(SENT,))
    store = graph(ArticleFacts(agreements=(deal,)))
    a = f"<{iris.agreement('2025-05-03', (RU,))}>"
    assert ask(store, f"{a} a pow:Agreement ; pow:party <{RU}>, <{BY}>")


def test_rdf_an_exchange_many_statements_are_about_is_described_once(monkeypatch):
    from kg import rdf

    described = []
    real = rdf._describe_exchange
    monkeypatch.setattr(rdf, "_describe_exchange", lambda g, e: described.append(e) or real(g, e))
    said = tuple(
        Statement(UA, f"quote {n}", "2025-06-13", about=EXCHANGE, evidence=(SENT,))
        for n in range(20)
    )
    store = graph(ArticleFacts(exchanges=(EXCHANGE,), statements=said))
    assert len(described) == 1
    assert ask(
        store, f'?s pow:quote "quote 19" ; pow:about <{iris.exchange("2025-06-13", (UA, RU))}>'
    )

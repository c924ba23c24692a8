"""kg.workbench.evidence and pages: what supports a resource, and the page that shows it."""

from __future__ import annotations

import re

import pytest

from kg.bounded import Limits
from kg.errors import ParameterError, UsageError
from kg.workbench.evidence import Dossier, Source, Span, gather
from kg.workbench.pages import _highlighted, evidence_page

ID = "https://w3id.org/powkg/id/"
E_0610 = ID + "exchange/2025-06-10-russia-ukraine"
LIMITS = Limits(timeout=30)


@pytest.fixture(scope="module")
def exchange(tmp_path_factory):
    from conftest import load_query_graph

    store = load_query_graph(tmp_path_factory.mktemp("evidence") / "store")
    return gather(store, E_0610, limits=LIMITS)


def test_evidence_facts_say_which_article_states_them(exchange):
    ends = [(f.value.text, len(f.graphs)) for f in exchange.facts if f.property.endswith("endDate")]
    assert sorted(ends) == [("2025-06-10", 1), ("2025-06-11", 1)]


def test_evidence_disputes_put_each_article_value_side_by_side(exchange):
    disputes = exchange.disputes()
    counts = {
        key: sorted(v.text for values in by_article.values() for v in values)
        for key, by_article in disputes.items()
        if key[1].endswith("#count")
    }
    assert list(counts.values()) == [["1000", "1200"]]
    assert all(len(by_article) == 2 for by_article in disputes.values())


def test_evidence_sources_give_each_sentence_with_its_offsets(exchange):
    spans = [(s.start, s.end) for source in exchange.sources for s in source.spans]
    assert spans and all(start < end for start, end in spans)
    assert all(source.title for source in exchange.sources)


def test_evidence_page_shows_the_disagreement_and_escapes_the_store(exchange):
    html = evidence_page(exchange)
    assert "Sources disagree" in html
    assert re.search(r"<td>1000</td><td>1200</td>|<td>1200</td><td>1000</td>", html)
    assert "<script" not in html.split("</head>", 1)[1]


def test_evidence_of_an_unknown_resource_is_an_error(graph_store):
    with pytest.raises(UsageError, match="nothing in the store is about"):
        gather(graph_store, ID + "exchange/none", limits=LIMITS)


def test_evidence_iri_must_be_an_iri(graph_store):
    with pytest.raises(ParameterError, match="is not an absolute IRI"):
        gather(graph_store, "not an iri> }", limits=LIMITS)


def _source(text: str, *spans: tuple[int, int]) -> Source:
    found = tuple(Span(a, b, text[a:b]) for a, b in spans)
    return Source("urn:a", "T", "P", "2025-01-01", "f.txt", text, found)


def test_evidence_sentence_is_marked_at_its_offsets_and_text_escaped():
    text = "First <b>one</b>. The swap of 5 people. Last."
    html = _highlighted(1, _source(text, (18, 39)))
    assert '<mark id="ev-1-1" data-start="18" data-end="39">The swap of 5 people.</mark>' in html
    assert "&lt;b&gt;one&lt;/b&gt;" in html


def test_evidence_span_not_at_its_offsets_is_not_marked():
    source = Source("urn:a", "T", "P", "", "", "abc def", (Span(0, 3, "xyz"),))
    assert "<mark" not in _highlighted(1, source)
    assert not source.matches(source.spans[0])


def test_evidence_overlapping_spans_mark_the_first():
    html = _highlighted(1, _source("aaaa bbbb cccc", (0, 9), (5, 14)))
    assert html.count("<mark") == 1


def test_evidence_page_without_sources_says_so():
    dossier = Dossier("urn:x", {}, {}, (), (("urn:y", "urn:p"),), ())
    assert "No sentence supports this resource itself." in evidence_page(dossier)

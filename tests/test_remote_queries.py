"""Every saved query, with the parameters tests/test_queries.py checks by hand, gives the
same rows on the hand-written graph (tests/data/queries/graph.trig) in the embedded store,
``oxigraph serve`` and Virtuoso: parameters bound as VALUES reach what Oxigraph's own
substitutions reach, and the queries use nothing either server reads differently."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from conftest import QUERY_GRAPH, load_query_graph
from test_remote import LISTS, clear, kg

from kg.endpoint import server_for
from kg.remote import RemoteStore

CASES = [
    ("stages-of-agreement", {"date": "2025-06-02"}),
    ("stages-of-agreement", {"date": "2025-05-16"}),
    ("exchanges-in-range", {}),
    ("exchanges-in-range", {"from": "2024-08-20", "to": "2025-06-09"}),
    ("categories-of-exchange", {"date": "2025-06-09"}),
    ("categories-of-exchange", {"date": "2025-06-10"}),
    ("statements-about-exchange", {"date": "2025-06-10"}),
    ("agreements-at-place", {"place": "Turkey"}),
    ("agreements-at-place", {"place": "Istanbul"}),
    ("sources-of-exchange", {"date": "2025-06-10"}),
    ("sources-of-exchange", {"date": "2024-08-01"}),
    ("disagreements", {}),
    ("timeline", {}),
    ("mediators", {}),
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory, oxigraph_url, virtuoso_url) -> dict[str, str]:
    embedded = tmp_path_factory.mktemp("hand") / "store"
    load_query_graph(embedded)
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in ox.parse(path=str(QUERY_GRAPH), format=ox.RdfFormat.TRIG):
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    with pytest.MonkeyPatch.context() as patch:
        from servers import PASSWORD, USER

        patch.setenv("KG_STORE_USER", USER)
        patch.setenv("KG_STORE_PASSWORD", PASSWORD)
        for url in (oxigraph_url, virtuoso_url):
            clear(url)
            RemoteStore(server_for(url)).replace_graphs(graphs)
    return {"embedded": str(embedded), "oxigraph": oxigraph_url, "virtuoso": virtuoso_url}


def _rows(location: str, name: str, params: dict[str, str]) -> list[dict]:
    args = [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
    result = kg(location, "query", name, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    for row in rows:
        for column in LISTS.get(name, ()):
            if column in row:
                row[column]["value"] = sorted(row[column]["value"].split(", "))
    return rows


@pytest.mark.parametrize(
    ("name", "params"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)]
)
def test_remote_queries_answer_the_same_on_each_store(stores, name, params):
    embedded = _rows(stores["embedded"], name, params)
    assert _rows(stores["oxigraph"], name, params) == embedded
    assert _rows(stores["virtuoso"], name, params) == embedded


def test_remote_queries_cover_every_saved_query_with_rows(stores):
    from kg import queries

    answered = {name for name, params in CASES if _rows(stores["embedded"], name, params)}
    assert answered == set(queries.load_all())

"""kg.updates: every accepted update leaves the merged view exactly the union of the named graphs.

Each update runs, as the writable server runs it, with the merged-view step in
the same request, on a real pyoxigraph store.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.updates import RECOMPUTE, RefusedUpdate, prepare

G, H = "<urn:g>", "<urn:h>"
START = (
    f"INSERT DATA {{ GRAPH {G} {{ <urn:a> <urn:p> 1 , 2 . <urn:shared> <urn:p> 0 }} "
    f"GRAPH {H} {{ <urn:b> <urn:p> 3 . <urn:shared> <urn:p> 0 }} }}"
)


def _store() -> ox.Store:
    store = ox.Store()
    store.update(START)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def _view_is_the_union(store: ox.Store) -> bool:
    merged = {str(q.triple) for q in store if isinstance(q.graph_name, ox.DefaultGraph)}
    named = {str(q.triple) for q in store if isinstance(q.graph_name, ox.NamedNode)}
    return merged == named


@pytest.mark.parametrize(
    "update",
    [
        f"DROP GRAPH {G}",
        f"DROP SILENT GRAPH {G} ;",
        f"CLEAR GRAPH {H} # gone",
        "DROP ALL",
        "CLEAR NAMED",
        f"MOVE {G} TO {H}",
        f"COPY DEFAULT TO {G}",
        f"INSERT DATA {{ GRAPH {G} {{ <urn:new> <urn:p> 4 }} }}",
        f"DELETE DATA {{ GRAPH {H} {{ <urn:shared> <urn:p> 0 }} }}",
        "DELETE WHERE { GRAPH ?g { <urn:shared> ?p ?o } }",
        f"WITH {G} DELETE {{ ?s <urn:p> 1 }} INSERT {{ ?s <urn:p> 9 }} WHERE {{ ?s <urn:p> 1 }}",
        "PREFIX u: <urn:> DELETE { GRAPH ?g { ?s u:p 2 } } WHERE { GRAPH ?g { ?s u:p 2 } }",
        f"INSERT {{ GRAPH {H} {{ ?s <urn:q> ?o }} . }} WHERE {{ ?s <urn:p> ?o }}",
        "PREFIX u: <urn:>",
        f"MOVE {G} TO GRAPH {H}",
        f"ADD SILENT {G} TO {H}",
        f"INSERT {{ GRAPH {H} {{ ?s <urn:q> ?o }} }} WHERE {{ ?s <urn:p> ?o }}",
        f"DELETE {{ GRAPH {H} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {G} {{ ?s ?p ?o }} }}",
        f"CREATE GRAPH <urn:n> ; DROP GRAPH {G} ; "
        f"INSERT DATA {{ GRAPH {G} {{ <urn:a> <urn:p> 5 }} }}",
        f"WITH {H} INSERT {{ ?s <urn:p> 7 }} USING {G} WHERE {{ ?s <urn:p> 1 }}",
    ],
)
def test_updates_keep_the_merged_view_in_step(update):
    store = _store()
    store.update(prepare(update))
    assert _view_is_the_union(store)


def test_updates_shared_triple_stays_while_another_graph_states_it():
    store = _store()
    store.update(prepare(f"DROP GRAPH {G}"))
    shared = ox.Quad(ox.NamedNode("urn:shared"), ox.NamedNode("urn:p"), ox.Literal(0))
    assert shared in store
    store.update(prepare(f"DROP GRAPH {H}"))
    assert shared not in store


@pytest.mark.parametrize(
    ("update", "reason"),
    [
        ("INSERT DATA { <urn:x> <urn:p> 1 }", "INSERT of a triple outside GRAPH"),
        (f"INSERT DATA {{ GRAPH {G} {{ <urn:x> <urn:p> 1 }} <urn:y> <urn:p> 2 }}", "outside GRAPH"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE of a triple outside GRAPH"),
        ("DELETE { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "DELETE of a triple outside"),
        ("DROP DEFAULT", "DROP DEFAULT"),
        ("clear silent default", "CLEAR DEFAULT"),
        (f"ADD {G} TO DEFAULT", "ADD ... TO DEFAULT"),
        ("LOAD <http://data.example/x.ttl>", "would call data.example; allow it"),
        ("SELECT * WHERE { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }", "would call 10.0.0.1"),
    ],
)
def test_updates_that_would_write_the_view_or_call_out_are_refused(update, reason):
    with pytest.raises(RefusedUpdate) as refused:
        prepare(update)
    assert reason in str(refused.value)


def test_updates_load_of_an_allowed_host_into_a_graph_is_accepted():
    update = "LOAD <http://data.example/x.ttl> INTO GRAPH <urn:g>"
    prepared = prepare(update, frozenset({"data.example"}))
    assert update in prepared and "VALUES ?g { <urn:g> }" in prepared


@pytest.mark.parametrize(
    "update",
    [
        f"DROP GRAPH {G}",
        f"INSERT DATA {{ GRAPH {G} {{ <urn:x> <urn:p> 1 }} }}",
        f"DELETE DATA {{ GRAPH {G} {{ <urn:a> <urn:p> 1 }} }}",
        f"DELETE WHERE {{ GRAPH {G} {{ <urn:a> ?p ?o }} }}",
        f"WITH {G} DELETE {{ ?s <urn:p> 1 }} WHERE {{ ?s <urn:p> 1 }}",
        f"DELETE {{ GRAPH {H} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {G} {{ ?s ?p ?o }} }}",
        f"MOVE {G} TO GRAPH {H}",
        "PREFIX u: <urn:> CLEAR GRAPH u:g",
    ],
)
def test_updates_that_name_their_graphs_touch_only_those(update):
    """The view step then costs what those graphs hold, not what the store holds."""
    prepared = prepare(update)
    assert "VALUES ?g" in prepared and RECOMPUTE not in prepared


@pytest.mark.parametrize(
    "update",
    [
        "DELETE WHERE { GRAPH ?g { <urn:shared> ?p ?o } }",
        f"INSERT {{ GRAPH {H} {{ ?s <urn:q> ?o }} }} WHERE {{ ?s <urn:p> ?o }}",
        f"COPY DEFAULT TO {G}",
        "DROP NAMED",
        "DROP GRAPH <relative>",
    ],
)
def test_updates_that_do_not_name_their_graphs_recompute_the_view(update):
    assert prepare(update).endswith(RECOMPUTE + "\n")


def test_updates_prologue_names_the_graphs_and_stays_first():
    """Oxigraph takes PREFIX and BASE only at the start, so the view steps go after them."""
    update = (
        "PREFIX u: <urn:> BASE <http://example.org/base/> DROP GRAPH u:g ;\n"
        "INSERT DATA { GRAPH <h> { <urn:x> <urn:p> 1 } }"
    )
    prepared = prepare(update)
    assert prepared.startswith("PREFIX u: <urn:> BASE <http://example.org/base/> DELETE")
    assert "{ <urn:g> }" in prepared and "{ <http://example.org/base/h> }" in prepared
    store = _store()
    store.update(prepared)
    assert _view_is_the_union(store)

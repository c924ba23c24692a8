"""kg.store: one graph per article, replaced in one transaction; clear errors for misuse."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.namespaces import LINKS_GRAPH, ONTOLOGY_GRAPH, POW
from kg.store import Store

G1, G2 = "https://w3id.org/powkg/id/article/1", "https://w3id.org/powkg/id/article/2"
P = ox.NamedNode("http://example.org/p")


def _t(s: str, o: str | ox.Literal) -> ox.Triple:
    obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
    return ox.Triple(ox.NamedNode(s), P, obj)


def _graph(store: Store, graph: str) -> set[str]:
    return {str(t) for t in store.graph_triples(graph)}


def test_store_read_only_open_of_missing_store_is_an_error(store_dir):
    with pytest.raises(StoreError, match="no store here"):
        Store(store_dir, read_only=True)
    assert not store_dir.exists()


def test_store_writable_open_without_create_does_not_make_a_store(store_dir):
    with pytest.raises(StoreError, match="no store here"):
        Store(store_dir, create=False)
    assert not store_dir.exists()


def test_store_path_that_is_a_file_is_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(tmp_path / "file")


def test_store_replace_graph_replaces_only_that_graph(store_dir):
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, "http://e/a"), _t(G1, "http://e/b")])
        store.replace_graph(G2, [_t(G2, "http://e/a")])
        store.replace_graph(G1, [_t(G1, "http://e/c")])
        assert _graph(store, G1) == {str(_t(G1, "http://e/c"))}
        assert _graph(store, G2) == {str(_t(G2, "http://e/a"))}


def test_store_replace_graph_with_nothing_drops_it(store_dir):
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, "http://e/a")])
        store.replace_graph(G1, [])
        assert store.article_iris() == []


@pytest.mark.parametrize(
    "value",
    ['quote " and \\ backslash', "\\u0022 as text", "line\nbreak\ttab\r", "nul \x00", "emoji 😀"],
)
def test_store_literals_survive_the_update_text_exactly(store_dir, value):
    """replace_graph goes through SPARQL text: escapes must not be re-interpreted."""
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, ox.Literal(value))])
        assert [t.object.value for t in store.graph_triples(G1)] == [value]


def test_store_remove_graph_reports_absence(store_dir):
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, "http://e/a")])
        assert store.remove_graph(G1) is True
        assert store.remove_graph(G1) is False
        assert len(store) == 0


def test_store_text_hash_and_article_iris(store_dir):
    hash_triple = ox.Triple(ox.NamedNode(G1), ox.NamedNode(POW + "textHash"), ox.Literal("abc"))
    with Store(store_dir) as store:
        store.replace_graph(G1, [hash_triple])
        store.replace_graph(LINKS_GRAPH, [_t(G2, "http://e/a")])
        store.replace_graph(ONTOLOGY_GRAPH, [_t(G2, "http://e/b")])
        assert (store.text_hash(G1), store.text_hash(G2)) == ("abc", None)
        assert store.article_iris() == [G1]


def test_store_bindings_are_values_not_query_text(store_dir):
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, ox.Literal("x"))])
        hostile = ox.Literal('x" } ; DROP ALL ; { "')
        rows = store.select("SELECT ?s ?v WHERE { ?s ?p ?v }", {"v": hostile})
        assert rows == []
        assert len(store) == 1


def test_store_bad_sparql_is_one_line_query_error(store_dir):
    with Store(store_dir) as store, pytest.raises(QueryError) as info:
        store.select("SELECT ?s WHERE {\n ?s ?p \n")
    assert str(info.value).startswith("SPARQL syntax error: ")
    assert "\n" not in str(info.value)


def test_store_query_refuses_updates(store_dir):
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, "http://e/a")])
        with pytest.raises(QueryError):
            store.query("DROP ALL")
        assert len(store) == 1


def test_store_second_writer_gets_a_lock_error(store_dir):
    with Store(store_dir):
        code = f"from kg.store import Store; Store({str(store_dir)!r})"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"StoreLockedError: {store_dir}: store is locked by another process" in result.stderr


def test_store_second_writer_in_one_process_gets_a_lock_error(store_dir):
    with Store(store_dir), pytest.raises(StoreLockedError, match="locked by another process"):
        Store(store_dir)


def test_store_reader_opens_while_a_writer_holds_the_lock(store_dir):
    with Store(store_dir) as writer:
        writer.replace_graph(G1, [_t(G1, "http://e/a")])
        writer.oxigraph.flush()
        with Store(store_dir, read_only=True) as reader:
            assert reader.article_iris() == [G1]


def _merged(store: Store) -> set[str]:
    view = store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
    return {str(q.triple) for q in view}


def test_store_merged_view_holds_each_statement_once(store_dir):
    shared, own1, own2 = _t(G1, "http://e/shared"), _t(G1, "http://e/1"), _t(G2, "http://e/2")
    with Store(store_dir) as store:
        store.replace_graph(G1, [shared, own1])
        store.replace_graph(G2, [shared, own2])
        assert _merged(store) == {str(shared), str(own1), str(own2)}
        assert len(store) == 4 and store.merged_size() == 3
        rows = store.select("SELECT ?o WHERE { ?s ?p ?o }")
        assert sorted(r["o"].value for r in rows) == ["http://e/1", "http://e/2", "http://e/shared"]


def test_store_merged_view_keeps_what_another_graph_still_states(store_dir):
    shared, own1, own2 = _t(G1, "http://e/shared"), _t(G1, "http://e/1"), _t(G2, "http://e/2")
    with Store(store_dir) as store:
        store.replace_graph(G1, [shared, own1])
        store.replace_graph(G2, [shared, own2])
        store.replace_graph(G1, [own1])
        assert _merged(store) == {str(shared), str(own1), str(own2)}
        store.remove_graph(G2)
        assert _merged(store) == {str(own1)}
        store.remove_graph(G1)
        assert _merged(store) == set() and len(store) == 0


def test_store_graph_keeps_access_to_each_article_assertions(store_dir):
    shared = _t(G1, "http://e/shared")
    with Store(store_dir) as store:
        store.replace_graph(G1, [shared])
        store.replace_graph(G2, [shared])
        rows = store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        assert [r["g"].value for r in rows] == [G1, G2]


def test_store_written_without_a_merged_view_gets_one_when_opened_for_writing(store_dir):
    raw = ox.Store(str(store_dir))
    raw.add(ox.Quad(*_t(G1, "http://e/a"), ox.NamedNode(G1)))
    raw.flush()
    del raw
    with Store(store_dir) as store:
        assert _merged(store) == {str(_t(G1, "http://e/a"))}


def test_store_rebuild_merged_view_follows_writes_that_bypassed_it(store_dir):
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, "http://e/a")])
        store.oxigraph.update(
            f"INSERT DATA {{ GRAPH <{G2}> {{ <{G2}> <{P.value}> <http://e/b> }} }}"
        )
        store.oxigraph.update(
            f"DELETE DATA {{ GRAPH <{G1}> {{ <{G1}> <{P.value}> <http://e/a> }} }}"
        )
        store.rebuild_merged_view()
        assert _merged(store) == {str(_t(G2, "http://e/b"))}


def test_store_optimize_keeps_the_data(store_dir):
    with Store(store_dir) as store:
        store.replace_graph(G1, [_t(G1, "http://e/a")])
        store.optimize()
        assert _graph(store, G1) == {str(_t(G1, "http://e/a"))}

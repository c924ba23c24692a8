"""``kg dump``: every format re-parses, with rdflib and with pyoxigraph, to exactly the store.

Dataset formats (TriG, N-Quads, JSON-LD) must give back every quad with its graph;
graph-less formats (Turtle, N-Triples) every triple once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT

from kg.namespaces import DUMP_GRAPH as DUMP
from kg.namespaces import POW, PREFIXES, VOID, XSD

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "turtle", False),
    "trig": (ox.RdfFormat.TRIG, "trig", True),
    "nquads": (ox.RdfFormat.N_QUADS, "nquads", True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt", False),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld", True),
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
HASH = POW + "textHash"


def _dump(kg, tmp_path: Path, fmt: str) -> Path:
    target = tmp_path / f"dump.{fmt}"
    result = kg("dump", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


def _expected(store_dir: Path, with_graphs: bool) -> set[str]:
    """Every named graph's quads and the manifest, or every triple once (the merged view, which
    dataset dumps leave out: it is derived)."""
    store = ox.Store.read_only(str(store_dir))
    named = [q for q in store if isinstance(q.graph_name, ox.NamedNode)]
    assert named, "the test store has named graphs"
    if not with_graphs:
        return {str(q.triple) for q in named}
    return {str(q) for q in named} | _manifest(named)


def _manifest(named: list[ox.Quad]) -> set[str]:
    """Each article graph's size and own text hash, in the dump graph."""
    quads = set()
    for article in {q.graph_name.value for q in named if "/article/" in q.graph_name.value}:
        size = sum(q.graph_name.value == article for q in named)
        quads.add(f'<{article}> <{VOID}triples> "{size}"^^<{XSD}integer> <{DUMP}>')
        (digest,) = (
            q.object.value
            for q in named
            if q.graph_name.value == article == q.subject.value and q.predicate.value == HASH
        )
        quads.add(f'<{article}> <{HASH}> "{digest}" <{DUMP}>')
    return quads


def _with_pyoxigraph(path: Path, fmt: str, with_graphs: bool) -> set[str]:
    store = ox.Store()
    store.load(path=str(path), format=FORMATS[fmt][0])
    return {str(q) if with_graphs else str(q.triple) for q in store}


def _term(term) -> ox.Term:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    assert isinstance(term, rdflib.Literal), f"unexpected {term!r} (the data has no blank nodes)"
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))


def _with_rdflib(path: Path, fmt: str, with_graphs: bool) -> set[str]:
    dataset = rdflib.Dataset()
    dataset.parse(str(path), format=FORMATS[fmt][1])
    found = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        triple = ox.Triple(_term(s), _term(p), _term(o))
        graph_name = getattr(g, "identifier", g)
        if with_graphs and graph_name != rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
            found.add(str(ox.Quad(*triple, ox.NamedNode(str(graph_name)))))
        else:
            found.add(str(triple) if not with_graphs else str(ox.Quad(*triple)))
    return found


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_dump_round_trips_through_pyoxigraph(graph_store, kg, tmp_path, fmt):
    with_graphs = FORMATS[fmt][2]
    dumped = _dump(kg, tmp_path, fmt)
    assert _with_pyoxigraph(dumped, fmt, with_graphs) == _expected(graph_store, with_graphs)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_dump_round_trips_through_rdflib(graph_store, kg, tmp_path, fmt):
    with_graphs = FORMATS[fmt][2]
    dumped = _dump(kg, tmp_path, fmt)
    assert _with_rdflib(dumped, fmt, with_graphs) == _expected(graph_store, with_graphs)


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_turtle_and_trig_read_with_prefixes_and_a_base(graph_store, kg, tmp_path, fmt):
    text = _dump(kg, tmp_path, fmt).read_text(encoding="utf-8")
    header = text.splitlines()[:3]
    assert header == [
        "@base <https://w3id.org/powkg/id/> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix oa: <http://www.w3.org/ns/oa#> .",
    ]
    assert "@prefix pow: <https://w3id.org/powkg/ontology#> ." in text
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@"))
    assert "<exchange/2025-06-10-russia-ukraine>" in body and "pow:transfer" in body
    assert "\\/" not in body  # no escaped slashes in prefixed names
    assert "<https://" not in body  # every IRI is prefixed or relative to @base


def test_trig_keeps_each_article_graph(graph_store, kg, tmp_path):
    text = _dump(kg, tmp_path, "trig").read_text(encoding="utf-8")
    for graph in ("<article/1111> {", "<article/2222> {", "<article/3333> {", "<graph/links> {"):
        assert graph in text


def test_jsonld_has_a_prefix_context_and_compact_iris(graph_store, kg, tmp_path):
    document = json.loads(_dump(kg, tmp_path, "jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == PREFIXES
    graphs = {g["@id"] for g in document["@graph"]}
    assert {"powid:article/1111", "powid:graph/links"} <= graphs
    text = json.dumps(document)
    assert '"pow:implements"' in text and "https://w3id.org/powkg/ontology#implements" not in text


def test_jsonld_prefixes_agree_with_the_shipped_context():
    """Dumps use plain prefixes; ontology/context.jsonld names the same namespaces the same way,
    so a consumer can re-compact a dump with it without renaming anything."""
    shipped = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    context = shipped["@context"]
    assert {p: context[p] for p in PREFIXES if p in context} == {
        p: ns for p, ns in PREFIXES.items() if p in context
    }


def test_dump_to_stdout_and_aliases(graph_store, kg, tmp_path):
    to_file = _dump(kg, tmp_path, "nquads").read_bytes()
    assert kg("dump", "--format", "nq").stdout_bytes == to_file
    assert kg("dump", "-f", "application/n-quads").stdout_bytes == to_file


def test_dump_is_deterministic(graph_store, kg, tmp_path):
    assert kg("dump", "-f", "trig").stdout_bytes == kg("dump", "-f", "trig").stdout_bytes


def test_unknown_dump_format_is_a_usage_error(graph_store, kg):
    result = kg("dump", "--format", "yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown RDF format 'yaml'")


def test_empty_store_dumps_a_valid_header():
    import io

    from kg.output import dump_store

    out = io.BytesIO()
    dump_store(ox.Store(), "turtle", out)
    assert out.getvalue().startswith(b"@base <https://w3id.org/powkg/id/> .\n@prefix ")
    ox.parse(out.getvalue(), format=ox.RdfFormat.TURTLE)

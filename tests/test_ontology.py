"""The ontology files parse, and the SHACL shapes tell good data from bad."""

import json
from pathlib import Path

import pyshacl
import pytest
import rdflib

from kg import vocab
from kg.namespaces import ID, ONTOLOGY_DIR, POW, PREFIXES

DATA = Path(__file__).parent / "data" / "ontology"
OA = "http://www.w3.org/ns/oa#"

# The defective nodes of bad.ttl and the property each defect is reported on.
BAD_NODES = [
    ("exchange/no-evidence", POW + "evidence"),
    ("exchange/string-date", POW + "startDate"),
    ("transfer/string-count", POW + "count"),
    ("stage/zero", POW + "ordinal"),
    ("statement/no-party", POW + "speaker"),
    ("party/nameless", None),
    ("selector/reversed", OA + "start"),
    ("evidence/no-quote", OA + "hasTarget"),
]


def _categories_file() -> Path:
    """The real scheme, or the tests' placeholder while it is not written yet."""
    real = ONTOLOGY_DIR / "categories.ttl"
    return real if real.exists() else DATA / "categories.ttl"


def _shacl_results(example: str) -> set[tuple[str, str | None]]:
    """(focus node, path) of each top-level result of validating ``example`` with the ontology."""
    data = rdflib.Graph()
    for path in (DATA / example, ONTOLOGY_DIR / "pow.ttl", _categories_file()):
        data.parse(path, format="turtle")
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inplace=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return {
        (str(report.value(r, sh.focusNode)), report.value(r, sh.resultPath))
        for r in report.objects(predicate=sh.result)
    }


@pytest.mark.parametrize("path", sorted(ONTOLOGY_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_ontology_file_parses(path):
    assert len(rdflib.Graph().parse(path, format="turtle")) > 0


def test_ontology_examples_parse_as_turtle():
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "pow.ttl", format="turtle")
    header = f"@base <{ID}> .\n" + "".join(f"@prefix {p}: <{i}> .\n" for p, i in PREFIXES.items())
    for term, example in ontology.subject_objects(rdflib.SKOS.example):
        assert len(rdflib.Graph().parse(data=header + example, format="turtle")) > 0, term


def test_ontology_context_has_prefixes_and_every_property():
    context = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text())["@context"]
    assert {p: context[p] for p in PREFIXES} == PREFIXES
    assert all(context[name]["@id"] == f"pow:{name}" for name in vocab.PROPERTIES)


def test_ontology_context_types_object_properties_as_iris():
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "pow.ttl", format="turtle")
    context = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text())["@context"]
    for name in vocab.PROPERTIES:
        is_object = (rdflib.URIRef(POW + name), rdflib.RDF.type, rdflib.OWL.ObjectProperty)
        assert (context[name].get("@type") == "@id") == (is_object in ontology), name


def test_shapes_accept_good_example():
    assert _shacl_results("good.ttl") == set()


@pytest.mark.parametrize(("focus", "path"), BAD_NODES)
def test_shapes_flag_bad_example(focus, path):
    expected = (ID + focus, rdflib.URIRef(path) if path else None)
    assert expected in _shacl_results("bad.ttl")


def test_shapes_flag_only_the_defective_nodes():
    focus_nodes = {focus for focus, _ in _shacl_results("bad.ttl")}
    assert focus_nodes == {ID + focus for focus, _ in BAD_NODES}

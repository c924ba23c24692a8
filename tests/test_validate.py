"""validate_store checks a pyoxigraph store against the SHACL shapes."""

import shutil
from pathlib import Path

import pyoxigraph
import pytest

from kg.errors import InputError
from kg.namespaces import ID, ONTOLOGY_DIR, POW
from kg.validate import ValidationReport, Violation, validate_dump, validate_store

DATA = Path(__file__).parent / "data" / "ontology"


@pytest.fixture(scope="module")
def ontology_dir(tmp_path_factory) -> Path:
    """The real ontology, with the placeholder categories while the real ones are missing."""
    directory = tmp_path_factory.mktemp("ontology")
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        shutil.copy(path, directory)
    if not (directory / "categories.ttl").exists():
        shutil.copy(DATA / "categories.ttl", directory)
    return directory


def _store(example: str) -> pyoxigraph.Store:
    """An in-memory store holding ``example`` in its own article graph, as ingest does."""
    store = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode(ID + "article/" + example.removesuffix(".ttl"))
    store.load(path=str(DATA / example), format=pyoxigraph.RdfFormat.TURTLE, to_graph=graph)
    return store


def test_validate_store_accepts_good_example(ontology_dir):
    """Its speaker is a pow:Person: sh:class pow:Party must see the ontology's subclass axiom."""
    assert validate_store(_store("good.ttl"), ontology_dir=ontology_dir) == ValidationReport(
        conforms=True, violations=()
    )


def test_validate_store_accepts_empty_store(ontology_dir):
    assert validate_store(pyoxigraph.Store(), ontology_dir=ontology_dir).conforms


def test_validate_store_reports_bad_example(ontology_dir):
    report = validate_store(_store("bad.ttl"), ontology_dir=ontology_dir)
    assert not report.conforms
    assert (
        Violation(
            focus_node=ID + "transfer/string-count",
            path=POW + "count",
            message="The count of a transfer must be a whole number (xsd:integer) of at least 0.",
            severity="Violation",
        )
        in report.violations
    )


def test_validate_store_reports_each_defect_once(ontology_dir):
    violations = validate_store(_store("bad.ttl"), ontology_dir=ontology_dir).violations
    assert len(violations) == len(set(violations)) == 8


def test_validate_store_node_level_violation_has_no_path(ontology_dir):
    violations = validate_store(_store("bad.ttl"), ontology_dir=ontology_dir).violations
    nameless = [v for v in violations if v.focus_node == ID + "party/nameless"]
    assert [v.path for v in nameless] == [None]


def test_validate_dump_reads_file(ontology_dir):
    assert not validate_dump(DATA / "bad.ttl", ontology_dir=ontology_dir).conforms


def test_validate_dump_rejects_unknown_extension(tmp_path):
    path = tmp_path / "graph.xyz"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="unknown RDF file extension"):
        validate_dump(path)


def test_validate_dump_rejects_malformed_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match=r"graph\.ttl"):
        validate_dump(path)

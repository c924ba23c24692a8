"""``kg query``: listing, parameter checking, exit codes, and hostile parameter values.

A value is either bound as an RDF term (and comes back unchanged) or rejected with
one line on stderr and exit code 2; in no case does the store change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import canonical

ECHO = """#+ name: echo
#+ summary: Give back what it was given, to show how values are bound.
#+ param: text xsd:string -- any text
#+ param: n xsd:integer = 1 -- a number
#+ param: where iri = https://w3id.org/powkg/id/place/turkiye -- an IRI
SELECT ?text ?n ?where (STR(?text) AS ?echo) (STRLEN(?text) AS ?length) (?n + 1 AS ?next)
  (STR(?where) AS ?iri)
WHERE {}
"""


@pytest.fixture
def echo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "echo.rq").write_text(ECHO, encoding="utf-8")
    return folder


def _one_line_usage_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def test_list_describes_every_query_with_its_parameters(kg):
    result = kg("query", "--list")
    assert result.exit_code == 0
    assert "stages-of-agreement\n    The stages that carried out" in result.output
    assert "    --param date=YYYY-MM-DD (xsd:date, required): the day the agreement" in (
        result.output
    )
    assert "--param from=YYYY-MM-DD (xsd:date, default 1900-01-01)" in result.output
    assert "--param place=TEXT (place, required)" in result.output
    assert all(len(line) <= 80 for line in result.output.splitlines())


def test_list_with_a_name_describes_only_that_query(kg):
    result = kg("query", "timeline", "--list")
    assert result.output.splitlines()[0] == "timeline"
    assert "\nmediators\n" not in result.output
    assert len(result.output.splitlines()) == 3


def test_table_output_is_exact_and_fits_80_columns(graph_store, kg, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = kg("query", "mediators")
    assert result.exit_code == 0
    assert result.output == (
        "mediator              exchanges  agreements  party\n"
        "--------------------  ---------  ----------  --------------------------------\n"
        "United Arab Emirates          2           1  powid:party/united-arab-emirates\n"
        "Türkiye                       1           1  powid:party/turkiye\n"
        "(2 rows)\n"
    )


def test_long_quotes_are_cut_to_fit(graph_store, kg, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = kg("query", "statements-about-exchange", "-p", "date=2025-06-10")
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Only one thousand" in lines[2] and lines[2].endswith("…")


def test_csv_output(graph_store, kg):
    result = kg("query", "mediators", "--format", "csv")
    assert result.stdout_bytes.decode() == (
        "mediator,exchanges,agreements,party\r\n"
        "United Arab Emirates,2,1,https://w3id.org/powkg/id/party/united-arab-emirates\r\n"
        "Türkiye,1,1,https://w3id.org/powkg/id/party/turkiye\r\n"
    )


def test_unknown_query_name(graph_store, kg):
    _one_line_usage_error(kg("query", "no-such-query"), "no saved query named 'no-such-query'")


def test_missing_parameter(graph_store, kg):
    _one_line_usage_error(
        kg("query", "stages-of-agreement"), "needs --param date=YYYY-MM-DD", "agreement"
    )


def test_unknown_parameter(graph_store, kg):
    _one_line_usage_error(
        kg("query", "timeline", "-p", "date=2025-06-02"), "no parameter 'date'", "takes: none"
    )


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "20250602", "June 2", ""])
def test_malformed_date(graph_store, kg, value):
    _one_line_usage_error(
        kg("query", "stages-of-agreement", "-p", f"date={value}"), "is not a date (YYYY-MM-DD)"
    )


@pytest.mark.parametrize("pair", ["date", "=2025-06-02"])
def test_param_without_key_or_value_separator(graph_store, kg, pair):
    _one_line_usage_error(kg("query", "stages-of-agreement", "-p", pair), "expects key=value")


def test_param_given_twice(graph_store, kg):
    result = kg("query", "stages-of-agreement", "-p", "date=2025-06-02", "-p", "date=2025-06-03")
    _one_line_usage_error(result, "given twice")


def test_unknown_place_label(graph_store, kg):
    result = kg("query", "agreements-at-place", "-p", "place=Atlantis")
    _one_line_usage_error(result, "no Location labelled 'Atlantis'")


def test_unknown_output_format(graph_store, kg):
    _one_line_usage_error(kg("query", "timeline", "--format", "xml"), "unknown result format")


def test_missing_store_is_one_line_exit_1(kg):
    result = kg("query", "timeline")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no store here" in result.stderr


def test_values_of_every_type_are_bound_as_typed_terms(graph_store, kg, echo_dir):
    result = kg("query", "--queries", str(echo_dir), "echo", "-p", "text=hello", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["head"]["vars"] == ["echo", "length", "next", "iri"]  # parameters hidden
    (row,) = document["results"]["bindings"]
    assert row["echo"]["value"] == "hello"
    assert row["next"] == {
        "type": "literal",
        "value": "2",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert row["iri"]["value"] == "https://w3id.org/powkg/id/place/turkiye"


HOSTILE_TEXT = [
    '"',
    "'",
    '"} ; DROP ALL ; {"',
    "} ; DROP ALL ; {",
    "{ ?s ?p ?o }",
    "line one\nDROP ALL",
    "<http://example.org/x>",
    '""" ; DELETE WHERE { ?s ?p ?o } #',
]


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_hostile_text_is_bound_as_a_value(graph_store, kg, echo_dir, value):
    before = canonical(graph_store)
    result = kg(
        "query", "--queries", str(echo_dir), "echo", "-p", f"text={value}", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["results"]["bindings"]
    assert row["echo"]["value"] == value
    assert row["length"]["value"] == str(len(value))
    assert canonical(graph_store) == before


@pytest.mark.parametrize(
    ("query", "param", "value", "message"),
    [
        ("stages-of-agreement", "date", "} ; DROP ALL ; {", "is not a date"),
        ("stages-of-agreement", "date", "2025-06-02\nDROP ALL", "is not a date"),
        ("stages-of-agreement", "date", '2025-06-02" } ; DROP ALL ; { "', "is not a date"),
        ("agreements-at-place", "place", "} ; DROP ALL ; {", "no Location labelled"),
        ("agreements-at-place", "place", 'Turkey" } ; DROP ALL ; {"', "no Location labelled"),
        ("agreements-at-place", "place", "http://x y", "is not an absolute IRI"),
        ("agreements-at-place", "place", "https://x/> } ; DROP ALL ; {<", "not an absolute IRI"),
        ("echo", "n", "1 ; DROP ALL", "is not an integer"),
        ("echo", "where", "http://example.org/a b", "is not an absolute IRI"),
        ("echo", "where", "http://example.org/a\nb", "is not an absolute IRI"),
        ("echo", "where", "<http://example.org/>", "is not an absolute IRI"),
    ],
)
def test_hostile_typed_values_are_rejected_in_one_line(
    graph_store, kg, echo_dir, query, param, value, message
):
    before = canonical(graph_store)
    args = ["query", "--queries", str(echo_dir)] if query == "echo" else ["query"]
    extra = ["-p", "text=x"] if query == "echo" else []
    _one_line_usage_error(kg(*args, query, *extra, "-p", f"{param}={value}"), message)
    assert canonical(graph_store) == before


def test_a_parameter_missing_from_the_projection_is_a_one_line_error(graph_store, kg, tmp_path):
    """Oxigraph binds only projected variables; a query that forgets is named, not a traceback."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "bad.rq").write_text(
        "#+ name: bad\n#+ param: n xsd:integer = 1\nSELECT ?s WHERE { ?s ?p ?n }\n",
        encoding="utf-8",
    )
    result = kg("query", "--queries", str(folder), "bad")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: bad.rq: ") and len(result.stderr.splitlines()) == 1
    assert "?n" in result.stderr

"""kg.workbench.api: a saved query over HTTP gives what ``kg query`` gives, errors included."""

from __future__ import annotations

import json

import pytest

from kg.bounded import Limits
from kg.errors import UsageError
from kg.namespaces import QUERIES_DIR
from kg.workbench.api import result_format, run_saved

LIMITS = Limits(timeout=30)


def _api(store, name, params=(), accept=None):
    return run_saved(store, name, list(params), accept, directory=QUERIES_DIR, limits=LIMITS)


@pytest.mark.parametrize(
    ("params", "accept", "expected"),
    [
        ([], None, "json"),
        ([], "text/csv", "csv"),
        ([], "text/html, text/tab-separated-values;q=0.9", "tsv"),
        ([], "application/json", "json"),
        ([("format", "CSV")], "application/sparql-results+json", "csv"),
    ],
)
def test_api_result_format_from_the_format_parameter_then_accept(params, accept, expected):
    assert result_format(params, accept) == expected


def test_api_result_format_refuses_an_unknown_format():
    with pytest.raises(UsageError, match="format must be one of"):
        result_format([("format", "xml")], None)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_api_answers_as_the_cli_prints(graph_store, kg, fmt):
    answer = _api(graph_store, "stages-of-agreement", [("date", "2025-06-02"), ("format", fmt)])
    printed = kg("query", "stages-of-agreement", "-p", "date=2025-06-02", "--format", fmt)
    assert answer.status == 200 and printed.exit_code == 0
    assert answer.body == printed.stdout_bytes  # byte for byte: CSV lines end in CRLF
    assert (
        answer.content_type.split(";")[0]
        == {
            "csv": "text/csv",
            "tsv": "text/tab-separated-values",
            "json": "application/sparql-results+json",
        }[fmt]
    )


def test_api_binds_a_label_as_the_cli_does(graph_store):
    answer = _api(graph_store, "agreements-at-place", [("place", "Turkey")])
    rows = json.loads(answer.body)["results"]["bindings"]
    assert answer.status == 200
    assert {r["date"]["value"] for r in rows} == {"2025-05-16", "2025-06-02"}


@pytest.mark.parametrize(
    ("params", "cli"),
    [
        ([("date", "June")], ["-p", "date=June"]),
        ([], []),
        ([("date", "2025-06-02"), ("dat", "x")], ["-p", "date=2025-06-02", "-p", "dat=x"]),
        ([("date", "2025-06-02"), ("date", "2025-06-03")], ["-p", "date=2025-06-02"] * 2),
    ],
)
def test_api_bad_parameter_is_a_400_with_the_cli_message(graph_store, kg, params, cli):
    answer = _api(graph_store, "stages-of-agreement", params)
    printed = kg("query", "stages-of-agreement", *cli)
    assert (answer.status, printed.exit_code) == (400, 2)
    assert answer.content_type.startswith("text/plain")
    assert "Error: " + answer.body.decode() == printed.stderr


def test_api_unknown_query_is_a_404(graph_store):
    answer = _api(graph_store, "no-such-query")
    assert answer.status == 404
    assert answer.body.decode().startswith("no saved query named 'no-such-query'")


def test_api_without_a_store_is_a_503(tmp_path):
    answer = _api(tmp_path / "none", "timeline")
    assert answer.status == 503 and b"no store here" in answer.body

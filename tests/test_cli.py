"""Every command end to end through click's CliRunner, on a real store in a temp dir."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture
def ingested(kg):
    result = kg("ingest", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    return kg


def test_cli_ingest_reports_what_it_did(kg):
    result = kg("ingest", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    assert "5 articles: 5 added, 0 replaced, 0 unchanged; 0 not ingested" in result.output


def test_cli_ingest_twice_changes_nothing(ingested):
    result = ingested("ingest", str(EXAMPLES))
    assert "0 added, 0 replaced, 5 unchanged" in result.output


def test_cli_ingest_missing_path_is_one_line_error(kg, tmp_path):
    result = kg("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'nope.txt'}: no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_cli_stats_counts_articles_and_exchanges(ingested):
    result = ingested("stats")
    assert result.exit_code == 0
    lines = dict(line.split() for line in result.output.splitlines())
    assert lines["articles"] == "5"
    assert int(lines["exchanges"]) >= 4
    assert 0 < int(lines["triples"]) <= int(lines["quads"])
    assert set(lines) == {
        "articles",
        "quads",
        "triples",
        "exchanges",
        "agreements",
        "stages",
        "transfers",
        "statements",
        "parties",
        "locations",
    }


def test_cli_sparql_json_is_sparql_results(ingested):
    result = ingested(
        "sparql", "--format", "json", "SELECT (COUNT(*) AS ?n) WHERE { ?a a pow:Article }"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["results"]["bindings"][0]["n"]["value"] == "5"


def test_cli_sparql_syntax_error_exits_1_with_one_line(ingested):
    result = ingested("sparql", "SELEC nonsense")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error")
    assert len(result.output.strip().splitlines()) == 1


def test_cli_query_unknown_name_is_usage_error(ingested):
    result = ingested("query", "no-such-query")
    assert result.exit_code == 2
    assert "no saved query named 'no-such-query'" in result.output


def test_cli_dump_trig_keeps_article_graphs(ingested, tmp_path):
    import pyoxigraph as ox

    out = tmp_path / "d.trig"
    assert ingested("dump", "--format", "trig", "-o", str(out)).exit_code == 0
    graphs = {q.graph_name.value for q in ox.parse(path=str(out), format=ox.RdfFormat.TRIG)}
    assert sum("/id/article/" in g for g in graphs) == 5


def test_cli_remove_drops_one_article(ingested):
    result = ingested("remove", "03_uae_95_for_95.txt")
    assert result.exit_code == 0, result.output
    lines = dict(line.split() for line in ingested("stats").output.splitlines())
    assert lines["articles"] == "4"
    assert ingested("remove", "03_uae_95_for_95.txt").exit_code == 1


def test_cli_validate_passes_on_ingested_examples(ingested):
    result = ingested("validate")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("conforms")


def test_cli_read_commands_on_missing_store_fail_cleanly(kg):
    result = kg("stats")
    assert result.exit_code == 1
    assert "no store here" in result.output

"""kg extract (Dask) and kg load: the same graph as kg ingest, resumable, shards checked."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, canonical
from test_remote import clear, kg

from kg import shards
from kg.cli import cli
from kg.shards import extract, load
from kg.store import Store


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The examples through a LocalCluster of two worker processes, two articles a shard."""
    out = tmp_path_factory.mktemp("shards") / "out"
    report = extract([EXAMPLES], out, jobs=2, partition_size=2)
    assert (report.shards, report.extracted, report.articles, report.problems) == (3, 3, 5, [])
    return out


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> list[str]:
    store = tmp_path_factory.mktemp("ingested") / "store"
    result = kg(str(store), "ingest", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    return _dump(str(store))


def _dump(location: str) -> list[str]:
    result = kg(location, "dump", "--format", "nquads")
    assert result.exit_code == 0, result.output
    return sorted(result.output.splitlines())


def test_shards_extract_and_load_give_the_graph_ingest_gives(extracted, ingested, tmp_path):
    result = kg(str(tmp_path / "store"), "load", str(extracted))
    assert result.exit_code == 0, result.output
    assert result.output == "5 article graphs loaded, 0 unchanged; 0 refused\n"
    assert _dump(str(tmp_path / "store")) == ingested
    assert kg(str(tmp_path / "store"), "check").exit_code == 0


def test_shards_load_again_changes_nothing(extracted, tmp_path):
    store = tmp_path / "store"
    kg(str(store), "load", str(extracted))
    before = canonical(store)
    assert kg(str(store), "load", str(extracted)).output.startswith("0 article graphs loaded, 5")
    assert canonical(store) == before


def test_shards_extract_again_skips_the_shards_it_has(extracted):
    done = sorted(extracted.glob("shard-*.nq"))
    stamps = [p.stat().st_mtime_ns for p in done]
    done[1].unlink()
    result = CliRunner().invoke(
        cli, ["extract", str(EXAMPLES), "--out", str(extracted), "--jobs", "1", "--shard-size", "2"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "5 articles in 3 shards: 1 extracted, 2 already done; 0 not extracted\n"
    assert [p.stat().st_mtime_ns for p in done][::2] == stamps[::2]
    assert done[1].exists()


def test_shards_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    from servers import free_port

    monkeypatch.setattr(shards, "SCHEDULER_TIMEOUT", "2s")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(
        cli, ["extract", str(EXAMPLES), "--out", str(tmp_path / "x"), "--scheduler", address]
    )
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert errors[0].startswith(f"Error: cannot reach the Dask scheduler at {address}")
    assert len(errors) == 1 and "Traceback" not in result.output


def test_shards_a_cut_shard_is_refused_and_the_rest_loaded(extracted, tmp_path):
    cut = tmp_path / "cut"
    cut.mkdir()
    for path in extracted.iterdir():
        (cut / path.name).write_bytes(path.read_bytes())
    shard = sorted(cut.glob("shard-*.nq"))[0]
    lines = shard.read_text().splitlines(keepends=True)
    shard.write_text("".join(lines[:-3]))
    result = kg(str(tmp_path / "store"), "load", str(cut))
    assert result.exit_code == 1
    refused = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(refused) == 1 and "recorded triples; not loaded" in refused[0]
    assert "4 article graphs loaded" in result.output


def test_shards_load_into_a_server_gives_the_same_graph(
    extracted, ingested, oxigraph_url, virtuoso_url
):
    for url in (oxigraph_url, virtuoso_url):
        clear(url)
        result = kg(url, "load", str(extracted))
        assert result.exit_code == 0, result.output
        assert _dump(url) == ingested, url
        assert kg(url, "check").exit_code == 0


def test_shards_a_worker_loads_the_pipeline_once(monkeypatch, tmp_path):
    built = []

    class Counting:
        def __init__(self, model):
            built.append(model)

        def extract_all(self, articles):
            return iter(())

    monkeypatch.setattr("kg.extract.Extractor", Counting)
    monkeypatch.setattr(shards, "_EXTRACTORS", {})
    for _ in range(3):
        shards.extract_partition([], "some_model", "v1")
    assert built == ["some_model"]


def test_shards_load_of_a_folder_without_a_manifest_is_one_line(tmp_path):
    result = kg(str(tmp_path / "store"), "load", str(tmp_path))
    assert result.exit_code == 1
    assert "not a kg extract folder" in result.output


def test_shards_load_of_the_library_reports_what_it_wrote(extracted, tmp_path):
    with Store(tmp_path / "store") as store:
        report = load(store, extracted)
    assert (report.loaded, report.unchanged, report.problems) == (5, 0, [])

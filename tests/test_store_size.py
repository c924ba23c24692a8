"""The lighter store: after writes, closing lets RocksDB drop its spent write-ahead log.

Before, a store closed right after writes could keep a flushed write-ahead log until
the next writer opened it (bench/RESULTS.md, "Team scale"). Dropping it changes nothing
the store answers: every saved query gives the same rows.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from conftest import QUERY_GRAPH

from kg import queries, store
from kg.output import render
from kg.store import Store

CASES = [
    ("stages-of-agreement", {"date": "2025-06-02"}),
    ("exchanges-in-range", {}),
    ("categories-of-exchange", {"date": "2025-06-09"}),
    ("statements-about-exchange", {"date": "2025-06-10"}),
    ("agreements-at-place", {"place": "Turkey"}),
    ("sources-of-exchange", {"date": "2025-06-10"}),
    ("disagreements", {}),
    ("timeline", {}),
    ("mediators", {}),
]


def _write(path: Path) -> None:
    """The hand-written graph, one transaction per graph and many times over, as ingest writes."""
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in ox.parse(path=str(QUERY_GRAPH), format=ox.RdfFormat.TRIG):
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    with Store(path) as written:
        for _ in range(30):
            for graph, triples in graphs.items():
                written.replace_graph(graph, [])
                written.replace_graph(graph, triples)


def _log_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.glob("*.log"))


def _answers(path: Path) -> list[str]:
    with Store(path, read_only=True) as opened:
        return [render(queries.run(queries.get(n), p, opened), "json") for n, p in CASES]


def test_store_size_closing_after_writes_drops_the_spent_log(tmp_path, monkeypatch):
    _write(tmp_path / "light")
    monkeypatch.setattr(store, "_purge_spent_log", lambda path: None)
    _write(tmp_path / "heavy")
    assert _log_bytes(tmp_path / "heavy") > 1_000_000
    assert _log_bytes(tmp_path / "light") < 10_000


def test_store_size_every_saved_query_answers_the_same_after_the_log_is_dropped(
    tmp_path, monkeypatch
):
    _write(tmp_path / "light")
    monkeypatch.setattr(store, "_purge_spent_log", lambda path: None)
    _write(tmp_path / "heavy")
    light, heavy = _answers(tmp_path / "light"), _answers(tmp_path / "heavy")
    assert light == heavy
    assert all('"bindings": []' not in answer for answer in light)


def test_store_size_a_reader_leaves_the_store_as_it_was(tmp_path):
    _write(tmp_path / "s")
    before = sorted((p.name, p.stat().st_size) for p in (tmp_path / "s").iterdir())
    _answers(tmp_path / "s")
    assert sorted((p.name, p.stat().st_size) for p in (tmp_path / "s").iterdir()) == before

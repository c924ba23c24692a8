"""The source-counting saved queries count independent stories, not syndicated copies.

Expected answers are read off tests/data/queries/syndicated.trig by hand.
"""

from __future__ import annotations

import pytest
from conftest import DATA

from kg import queries
from kg.store import Store

ID = "https://w3id.org/powkg/id/"
GRAPH = DATA / "queries" / "syndicated.trig"


@pytest.fixture
def store(store_dir):
    import pyoxigraph as ox

    raw = ox.Store(str(store_dir))
    raw.bulk_load(path=str(GRAPH), format=ox.RdfFormat.TRIG)
    raw.flush()
    del raw
    Store(store_dir).close()  # builds the merged view
    with Store(store_dir, read_only=True) as opened:
        yield opened


def _rows(store: Store, name: str, **params: str) -> list[dict[str, str]]:
    result = queries.run(queries.get(name), params, store)
    return [
        {v: t.value for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]


def test_timeline_counts_three_copies_and_one_report_as_two_sources(store):
    [row] = _rows(store, "timeline")
    assert (row["start"], row["sources"]) == ("2025-04-19", "2")


def test_sources_of_exchange_name_the_story_of_each_copy(store):
    rows = _rows(store, "sources-of-exchange", date="2025-04-19")
    stories = {row["article"].removeprefix(ID): row["story"].removeprefix(ID) for row in rows}
    assert stories == {
        "article/a001": "story/s1",
        "article/a002": "story/s1",
        "article/a003": "story/s1",
        "article/b001": "article/b001",
    }


def test_disagreements_pair_stories_not_copies(store):
    """Three rows, not five: the two copies that say 246 are one source."""
    rows = _rows(store, "disagreements")
    pairs = {
        frozenset(
            {(r["value"], _names(r["source"])), (r["other_value"], _names(r["other_source"]))}
        )
        for r in rows
    }
    copies = ("246", frozenset({"Harbour Press", "The Morning Ledger"}))
    edited = ("250", frozenset({"Globe Portal"}))
    independent = ("261", frozenset({"Kyiv Daily"}))
    assert len(rows) == 3
    assert pairs == {
        frozenset({copies, edited}),  # a copy edited to another count still disagrees
        frozenset({copies, independent}),
        frozenset({edited, independent}),
    }


def _names(source: str) -> frozenset[str]:
    return frozenset(source.split(", "))

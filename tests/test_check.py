"""``kg check`` finds, ``kg validate`` reports and ``kg repair`` rebuilds a stale merged view.

Regression for issue 12: a DROP GRAPH that bypassed the merged view (as a killed
writable server used to leave it) kept that article's triples in the view for
good, so ``kg stats`` showed more distinct triples than quads.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kgtesting import merged_view_is_the_union

from kg.namespaces import STORIES_GRAPH
from kg.vocab import pow

pytestmark = pytest.mark.slow

ARTICLE = "https://w3id.org/powkg/id/article/1111"


@pytest.fixture
def stale(graph_store):
    """The query graph with one article dropped behind the merged view's back."""
    store = ox.Store(str(graph_store))
    store.update(
        f"DROP GRAPH <{ARTICLE}> ; INSERT DATA {{ GRAPH <urn:new> {{ <urn:a> <urn:b> 1 }} }}"
    )
    store.flush()
    del store
    return graph_store


def test_check_right_view_exits_0(kg, graph_store):
    result = kg("check")
    assert result.exit_code == 0
    assert result.stdout.startswith("merged view: right (") and result.stdout.endswith(
        " triples)\n"
    )


def test_check_stale_view_is_one_line_and_exit_1(kg, stale):
    result = kg("check")
    assert result.exit_code == 1
    assert result.stdout.startswith("merged view: stale (")
    assert result.stdout.endswith(" triples no graph states, 1 missing); run 'kg repair'\n")


def test_check_validate_reports_a_stale_view_too(kg, stale):
    result = kg("validate")
    assert result.exit_code == 1
    assert "merged view: stale (" in result.stdout


def _stats(kg) -> dict[str, int]:
    return {k: int(v) for k, v in (line.split() for line in kg("stats").stdout.splitlines())}


def test_check_repair_rebuilds_the_view(kg, stale):
    before = _stats(kg)
    assert before["triples"] > before["quads"]  # the dropped article lingers in the view
    result = kg("repair")
    assert result.exit_code == 0
    assert result.stdout.startswith("merged view rebuilt: ")
    assert result.stdout.endswith(" dropped, 1 added)\n")
    after = _stats(kg)
    assert after["triples"] <= after["quads"] and after["exchanges"] < before["exchanges"]
    assert merged_view_is_the_union(stale)
    assert kg("check").exit_code == 0


def test_check_repair_recomputes_the_stories_graph(kg, stale):
    """The stories graph is derived from the articles, like the links: a stale one is rebuilt."""
    store = ox.Store(str(stale))
    store.update(f"INSERT DATA {{ GRAPH <{STORIES_GRAPH}> {{ <urn:gone> a <{pow.Story}> }} }}")
    store.flush()
    del store
    assert kg("repair").exit_code == 0
    store = ox.Store.read_only(str(stale))
    assert not list(store.quads_for_pattern(ox.NamedNode("urn:gone"), None, None))

"""Re-ingesting, editing and removing through ``kg``, checked on the canonical dump.

Uses the real extractor (once it exists) on the shipped examples plus two
articles that report the same exchange, so removing one must leave the
exchange typed and dated by the other.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES
from kgtesting import article_file, fake_module, graph_of, merged_view_is_the_union, nquads

from kg.ingest import collect
from kg.namespaces import POW
from kg.store import Store

TWIN = (
    "KYIV, March 6 - Ukraine and Russia exchanged 84 prisoners of war each on March 5, 2024, "
    "in Belarus, in a swap mediated by the United Arab Emirates, officials said."
)
SHARED = f"""SELECT ?e WHERE {{ GRAPH ?g {{ ?e a <{POW}Exchange> ; <{POW}startDate> ?d }} }}
GROUP BY ?e HAVING (COUNT(DISTINCT ?g) > 1)"""


@pytest.fixture(autouse=True)
def _extractor(monkeypatch):
    if (stand_in := fake_module()) is not None:
        monkeypatch.setitem(sys.modules, "kg.extract", stand_in)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, folder)
    for name in ("twin-a.txt", "twin-b.txt"):
        article_file(folder, name, ["2024-03-05"], body=TWIN)
    return folder


def _iris(corpus: Path) -> dict[str, str]:
    return {Path(a.source).name: a.iri for a in collect([corpus])[0]}


def test_reliability_reingest_and_edit(kg, corpus, store_dir):
    assert kg("ingest", str(corpus)).exit_code == 0
    first = nquads(store_dir)
    again = kg("ingest", str(corpus))
    assert again.exit_code == 0
    assert "0 added, 0 replaced, 7 unchanged" in again.stdout
    assert nquads(store_dir) == first

    edited = corpus / "03_uae_95_for_95.txt"
    edited.write_text(edited.read_text() + "\nThe ministry later confirmed the figures.\n")
    assert "0 added, 1 replaced, 6 unchanged" in kg("ingest", str(corpus)).stdout
    after = nquads(store_dir)
    for name, iri in _iris(corpus).items():
        same = graph_of(after, iri) == graph_of(first, iri)
        assert same is (name != edited.name), name
    assert merged_view_is_the_union(store_dir)


def test_reliability_remove_keeps_what_another_article_supports(kg, corpus, store_dir):
    assert kg("ingest", str(corpus)).exit_code == 0
    iris, before = _iris(corpus), nquads(store_dir)
    with Store(store_dir, read_only=True) as store:
        shared = {row["e"].value for row in store.select(SHARED)}
    assert shared, "the two twin articles should describe one exchange"

    result = kg("remove", "twin-a.txt")

    assert (result.exit_code, result.stdout) == (0, f"removed {iris['twin-a.txt']}\n")
    after = nquads(store_dir)
    assert graph_of(after, iris["twin-a.txt"]) == []
    assert merged_view_is_the_union(store_dir)
    for name, iri in iris.items():
        if name != "twin-a.txt":
            assert graph_of(after, iri) == graph_of(before, iri), name
    with Store(store_dir, read_only=True) as store:
        for exchange in shared:
            ask = f"ASK {{ <{exchange}> a <{POW}Exchange> ; <{POW}startDate> ?d }}"
            assert bool(store.query(ask)), exchange


def test_reliability_remove_unknown_article_is_one_line_error(kg, corpus, store_dir):
    assert kg("ingest", str(corpus)).exit_code == 0
    before = nquads(store_dir)
    result = kg("remove", "nope.txt")
    assert result.exit_code == 1
    assert result.stderr == f"Error: no article 'nope.txt' in {store_dir}\n"
    assert nquads(store_dir) == before

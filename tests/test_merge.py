"""``kg merge``: only whole article graphs, checked against the dump's manifest, in one transaction.

Regressions for issue 12: a dump with missing lines replaced a complete article
graph with a fragment and exited 0 (and re-ingesting the original then said
"unchanged"), foreign graphs were merged as articles, and a dump's one-triple
ontology graph overwrote the store's.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from kgtesting import FakeExtractor, graph_of, news_corpus, nquads

from kg.errors import StoreError
from kg.ingest import collect, ingest
from kg.merge import merge_dumps
from kg.namespaces import DUMP_GRAPH, LINKS_GRAPH, ONTOLOGY_GRAPH, RDF, STORIES_GRAPH
from kg.reference import ontology_triples
from kg.store import Store
from kg.vocab import pow


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return news_corpus(tmp_path / "corpus", 3)


@pytest.fixture
def source_dump(tmp_path: Path, corpus: Path, runner) -> Path:
    """A store of three articles, dumped as N-Quads by ``kg dump``."""
    from kg.cli import cli

    source = tmp_path / "source"
    with Store(source) as store:
        ingest(collect([corpus])[0], store, FakeExtractor())
    out = tmp_path / "source.nq"
    result = runner.invoke(cli, ["--store", str(source), "dump", "-f", "nquads", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(autouse=True)
def target(store_dir: Path) -> Path:
    """The store merged into: it exists (only ingest creates stores) and is empty."""
    Store(store_dir).close()
    return store_dir


def _articles(corpus: Path) -> list[str]:
    return [a.iri for a in collect([corpus])[0]]


def _lines(dump: Path) -> list[str]:
    return dump.read_text(encoding="utf-8").splitlines(keepends=True)


def _article_graphs(store: Path) -> list[str]:
    lines = nquads(store, named_only=True)
    return [line for line in lines if f"<{LINKS_GRAPH}>" not in line and ONTOLOGY_GRAPH not in line]


def test_merge_whole_dump_gives_the_source_article_graphs(kg, store_dir, tmp_path, source_dump):
    result = kg("merge", str(source_dump))
    assert (result.exit_code, result.stdout) == (
        0,
        "3 article graphs merged, 0 unchanged; 0 refused\n",
    )
    assert _article_graphs(store_dir) == _article_graphs(tmp_path / "source")
    again = kg("merge", str(source_dump))
    assert again.stdout == "0 article graphs merged, 3 unchanged; 0 refused\n"


def test_merge_refuses_a_graph_with_missing_lines(kg, store_dir, corpus, source_dump):
    with Store(store_dir) as store:
        ingest(collect([corpus])[0], store, FakeExtractor())
    first = _articles(corpus)[0]
    before = nquads(store_dir)
    lines = _lines(source_dump)
    theirs = [i for i, line in enumerate(lines) if line.rstrip().endswith(f"<{first}> .")]
    kept = [line for i, line in enumerate(lines) if i not in theirs[1::2]]
    source_dump.write_text("".join(kept), encoding="utf-8")

    result = kg("merge", str(source_dump))

    assert result.exit_code == 1
    size = len(theirs)
    assert result.stderr.splitlines() == [
        f"error: {source_dump}: graph <{first}> has {size - len(theirs[1::2])} of its {size} "
        "recorded triples; not merged"
    ]
    assert result.stdout == "0 article graphs merged, 2 unchanged; 1 refused\n"
    assert graph_of(nquads(store_dir), first) == graph_of(before, first) != []
    assert "0 added, 0 replaced, 3 unchanged" in kg("ingest", str(corpus)).stdout


def test_merge_refuses_a_foreign_graph(kg, store_dir, source_dump):
    with source_dump.open("a", encoding="utf-8") as handle:
        handle.write("<http://example.org/a> <http://example.org/b> <http://example.org/c> ")
        handle.write("<http://example.org/evil> .\n")
    result = kg("merge", str(source_dump))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {source_dump}: graph <http://example.org/evil> is not a powkg article graph; "
        "not merged"
    ]
    assert not any("<http://example.org/" in line for line in nquads(store_dir))


def test_merge_never_takes_the_ontology_graph_from_a_dump(kg, store_dir, source_dump):
    kept = [line for line in _lines(source_dump) if f"<{ONTOLOGY_GRAPH}> ." not in line]
    kept.append(f"<urn:a> <urn:b> <urn:c> <{ONTOLOGY_GRAPH}> .\n")
    source_dump.write_text("".join(kept), encoding="utf-8")
    assert kg("merge", str(source_dump)).exit_code == 0
    with Store(store_dir, read_only=True) as store:
        assert set(store.graph_triples(ONTOLOGY_GRAPH)) == set(ontology_triples())


def test_merge_refuses_a_graph_that_does_not_hold_its_recorded_hash(kg, store_dir, source_dump):
    first = sorted(line.split()[-2][1:-1] for line in _lines(source_dump) if "/article/" in line)[0]
    lines = [
        line.replace('"', '"0', 1) if "textHash" in line and f"<{first}> ." in line else line
        for line in _lines(source_dump)
    ]
    source_dump.write_text("".join(lines), encoding="utf-8")
    result = kg("merge", str(source_dump))
    assert result.stderr.splitlines() == [
        f"error: {source_dump}: graph <{first}> does not hold the text hash the dump records; "
        "not merged"
    ]


def test_merge_refuses_graphs_without_a_record_and_names_missing_ones(kg, source_dump):
    lines = _lines(source_dump)
    record = next(i for i, line in enumerate(lines) if f"<{DUMP_GRAPH}> ." in line)
    graph = lines[record].split()[0][1:-1]
    without_record = [line for i, line in enumerate(lines) if i != record]
    source_dump.write_text("".join(without_record), encoding="utf-8")
    result = kg("merge", str(source_dump))
    assert result.stderr.splitlines() == [
        f"error: {source_dump}: graph <{graph}> has no record of its size and text hash "
        "(a damaged dump, or one from an older powkg: dump it again); not merged"
    ]
    lost = [line for line in lines if not line.rstrip().endswith(f"<{graph}> .")]
    size = len(lines) - len(lost)
    source_dump.write_text("".join(lost), encoding="utf-8")
    result = kg("merge", str(source_dump))
    assert result.stderr.splitlines() == [
        f"error: {source_dump}: graph <{graph}> is recorded ({size} triples) but missing"
    ]


def test_merge_writes_every_graph_or_none(store_dir, corpus, source_dump, monkeypatch):
    """One transaction: a write that fails on any graph leaves none of them merged."""
    last = _articles(corpus)[-1]
    write = Store._write

    def failing(self, update):
        if f"GRAPH <{last}>" in update:
            raise StoreError("disk failed")
        write(self, update)

    monkeypatch.setattr(Store, "_write", failing)
    with Store(store_dir) as store, pytest.raises(StoreError):
        merge_dumps(store, [source_dump])
    monkeypatch.undo()
    assert not any("/article/" in line for line in nquads(store_dir))


def test_merge_unreadable_dump_is_one_line(kg, tmp_path):
    bad = tmp_path / "bad.nq"
    bad.write_text("<a> <b> .\n")
    result = kg("merge", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"error: {bad}: cannot read dump (")
    assert len(result.stderr.splitlines()) == 1


def test_merge_manifest_records_size_and_hash(source_dump, tmp_path):
    quads = list(ox.parse(path=str(source_dump), format=ox.RdfFormat.N_QUADS))
    records = [q for q in quads if q.graph_name.value == DUMP_GRAPH]
    articles = {q.graph_name.value for q in quads if "/article/" in q.graph_name.value}
    assert len(records) == 2 * len(articles) == 6


def test_merge_recomputes_the_stories_of_syndicated_copies(kg, store_dir, corpus, tmp_path):
    """The stories graph is derived, like the links: never refused as foreign, never taken
    from the dump, and rebuilt from the merged articles."""
    copy = corpus / "copy.txt"
    copy.write_text((corpus / "story-000.txt").read_text().replace("title: story-000", "title: c"))
    source = tmp_path / "copies"
    with Store(source) as store:
        ingest(collect([corpus])[0], store, FakeExtractor())
        stories = set(store.graph_triples(STORIES_GRAPH))
    assert stories
    dump = tmp_path / "copies.nq"
    assert kg("--store", str(source), "dump", "-f", "nquads", "-o", str(dump)).exit_code == 0
    with dump.open("a", encoding="utf-8") as handle:
        handle.write(f"<urn:story> <{RDF}type> <{pow.Story}> <{STORIES_GRAPH}> .\n")
    result = kg("merge", str(dump))
    assert (result.exit_code, result.stderr) == (0, "")
    with Store(store_dir, read_only=True) as store:
        assert set(store.graph_triples(STORIES_GRAPH)) == stories

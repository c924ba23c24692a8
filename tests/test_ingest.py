"""kg.ingest with a fake extractor: idempotent, per-article atomic, removes only what it must."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from kgtesting import FakeExtractor, article_file, graph_of, nquads, shape

from kg.article import Problem
from kg.errors import InputError, ModelError, UsageError
from kg.ingest import article_text, collect, fingerprint, ingest, remove
from kg.namespaces import ID, ONTOLOGY_GRAPH, POW, RDF
from kg.store import Store

EXCHANGE = ID + "exchange/2025-06-10-russia-ukraine"


def _ingest(store_dir: Path, *paths: Path, extractor=None):
    articles, problems = collect(list(paths))
    with Store(store_dir) as store:
        report = ingest(articles, store, extractor or FakeExtractor())
    return articles, problems, report


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    article_file(folder, "a.txt", ["2025-06-10"])
    article_file(folder, "b.txt", ["2025-06-10", "2025-06-20"])
    article_file(folder, "c.txt", ["2025-07-01"])
    return folder


def test_ingest_adds_one_graph_per_article_with_evidence_at_its_offsets(store_dir, corpus):
    articles, problems, report = _ingest(store_dir, corpus)
    assert (report.added, report.replaced, report.unchanged, problems) == (3, 0, 0, [])
    with Store(store_dir, read_only=True) as store:
        assert store.article_iris() == sorted(a.iri for a in articles)
        rows = store.select(
            "SELECT ?g ?s ?e ?x WHERE { GRAPH ?g { ?p <http://www.w3.org/ns/oa#start> ?s ; "
            "<http://www.w3.org/ns/oa#end> ?e . ?q <http://www.w3.org/ns/oa#exact> ?x } "
            "FILTER(STRBEFORE(STR(?p), '/position') = STRBEFORE(STR(?q), '/quote')) }"
        )
    texts = {a.iri: a.text for a in articles}
    assert len(rows) == 4
    for row in rows:
        start, end = int(row["s"].value), int(row["e"].value)
        assert texts[row["g"].value][start:end] == row["x"].value


def test_ingest_again_changes_nothing(store_dir, corpus):
    _ingest(store_dir, corpus)
    before = nquads(store_dir)
    report = _ingest(store_dir, corpus)[2]
    assert (report.added, report.replaced, report.unchanged) == (0, 0, 3)
    assert nquads(store_dir) == before


def test_ingest_does_not_rewrite_an_unchanged_ontology_graph(store_dir, corpus):
    """Regression: the ontology's blank nodes got new labels on every ingest."""
    _ingest(store_dir, corpus)
    before = graph_of(nquads(store_dir), ONTOLOGY_GRAPH)
    _ingest(store_dir, corpus)
    assert graph_of(nquads(store_dir), ONTOLOGY_GRAPH) == before


def test_ingest_edited_article_replaces_only_its_graph(store_dir, corpus):
    articles = _ingest(store_dir, corpus)[0]
    before = nquads(store_dir)
    article_file(corpus, "c.txt", ["2025-07-02"])
    report = _ingest(store_dir, corpus)[2]
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 2)
    after = nquads(store_dir)
    for article in articles[:2]:
        assert graph_of(after, article.iri) == graph_of(before, article.iri)
    assert graph_of(after, articles[2].iri) != graph_of(before, articles[2].iri)
    assert not any("2025-07-01" in line for line in after)


def test_ingest_remove_keeps_resources_another_article_supports(store_dir, corpus):
    articles = _ingest(store_dir, corpus)[0]
    before = nquads(store_dir)
    with Store(store_dir) as store:
        assert remove(store, "a.txt") == articles[0].iri
        ask = f"ASK {{ <{EXCHANGE}> <{RDF}type> <{POW}Exchange> ; <{POW}startDate> ?d }}"
        assert bool(store.query(ask))
    after = nquads(store_dir)
    assert graph_of(after, articles[0].iri) == []
    for article in articles[1:]:
        assert graph_of(after, article.iri) == graph_of(before, article.iri)


def test_ingest_remove_of_unknown_article_changes_nothing(store_dir, corpus):
    _ingest(store_dir, corpus)
    before = nquads(store_dir)
    with Store(store_dir) as store:
        assert remove(store, "nope.txt") is None
    assert nquads(store_dir) == before


def test_ingest_rejects_fewer_than_one_job(store_dir, corpus):
    articles = collect([corpus])[0]
    with Store(store_dir) as store, pytest.raises(UsageError, match="--jobs"):
        ingest(articles, store, FakeExtractor(), jobs=0)


def test_ingest_collect_reports_two_files_claiming_one_identity(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    first = article_file(tmp_path / "x", "same.txt", ["2025-06-10"])
    second = article_file(tmp_path / "y", "same.txt", ["2025-06-11"])
    articles, problems = collect([tmp_path])
    assert [a.source for a in articles] == [str(first)]
    assert [str(p) for p in problems] == [f"{second}: same article identity as {first}; skipped"]


def test_ingest_reports_every_article_to_the_progress_callback(store_dir, corpus):
    seen: list[str] = []
    articles = collect([corpus])[0]
    for _ in range(2):  # once extracted, once unchanged
        with Store(store_dir) as store:
            ingest(articles, store, FakeExtractor(), on_article=lambda a: seen.append(a.source))
    assert len(seen) == 6


def test_ingest_fingerprint_follows_metadata(corpus):
    article = collect([corpus])[0][0]
    moved = type(article)(**{**article.__dict__, "published": "2025-06-11"})
    assert fingerprint(moved) != fingerprint(article)


class _Dies(FakeExtractor):
    """Fails after ``n`` articles, as a crash or a bug in the middle of a corpus would."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def extract_all(self, articles, batch_size=64, n_process=1):
        for i, pair in enumerate(super().extract_all(articles)):
            if i == self.n:
                raise KeyboardInterrupt
            yield pair


def test_ingest_interrupted_keeps_whole_articles_and_rerun_completes(tmp_path, corpus):
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    _ingest(clean, corpus)
    with pytest.raises(KeyboardInterrupt):
        _ingest(broken, corpus, extractor=_Dies(2))
    partial, full = nquads(broken), nquads(clean)
    articles = collect([corpus])[0]
    assert [bool(graph_of(partial, a.iri)) for a in articles] == [True, True, False]
    for article in articles[:2]:
        assert graph_of(partial, article.iri) == graph_of(full, article.iri)
    report = _ingest(broken, corpus)[2]
    assert (report.added, report.unchanged) == (1, 2)
    assert shape(nquads(broken)) == shape(nquads(clean))


def test_ingest_another_model_re_extracts_everything(store_dir, corpus):
    """Regression: switching --model reported every article unchanged, keeping old facts."""
    articles = collect([corpus])[0]
    with Store(store_dir) as store:
        ingest(articles, store, FakeExtractor(), model="model-a")
        report = ingest(articles, store, FakeExtractor(), model="model-b")
    assert (report.replaced, report.unchanged) == (3, 0)


def test_ingest_fingerprint_follows_the_url_but_not_the_fetch(corpus):
    """Re-fetching an unchanged page is unchanged; a page that moved is rebuilt."""
    article = collect([corpus])[0][0]
    fetched = dataclasses.replace(article, fetched="2025-06-12T08:00:00Z", record="urn:uuid:1")
    moved = dataclasses.replace(article, url="https://e.org/moved")
    assert fingerprint(fetched) == fingerprint(article) != fingerprint(moved)


def test_ingest_streams_its_input_and_reports_problems_met_on_the_way(store_dir, corpus):
    articles = collect([corpus])[0]
    pulled: list[str] = []

    def stream():
        for article in articles:
            pulled.append(article.source)
            yield article
        yield Problem(InputError("bad.html", "only 3 words of text"))

    stored_after: list[int] = []
    with Store(store_dir) as store:
        report = ingest(
            stream(), store, FakeExtractor(), on_article=lambda _: stored_after.append(len(pulled))
        )
    assert stored_after == [1, 2, 3, 3]  # each article stored before the next is read
    assert (report.added, report.articles) == (3, 3)
    assert [str(p) for p in report.problems] == ["bad.html: only 3 words of text"]


def test_ingest_a_second_input_with_the_same_identity_is_a_problem(store_dir, corpus):
    first = collect([corpus])[0][0]
    twin = dataclasses.replace(first, source="elsewhere/a.txt")
    with Store(store_dir) as store:
        report = ingest([first, twin], store, FakeExtractor())
    assert report.added == 1
    assert [str(p) for p in report.problems] == [
        f"elsewhere/a.txt: same article identity as {first.source}; skipped"
    ]


def test_ingest_keeps_the_text_its_evidence_indexes(store_dir, corpus):
    articles = _ingest(store_dir, corpus)[0]
    with Store(store_dir, read_only=True) as store:
        assert article_text(store, "b.txt") == articles[1].text
        assert article_text(store, "nope.txt") is None


class _Fails(FakeExtractor):
    """Raises, like an extractor bug, on any article whose text has ``CRASH``: in the batch
    (which then stops, as spaCy's pipe does) and when asked for that article alone."""

    def extract(self, article):
        if "CRASH" in article.text:
            raise OverflowError("date value out of range")
        return super().extract(article)

    def extract_all(self, articles, batch_size=64, n_process=1):
        for article in articles:
            yield article, self.extract(article)


def test_ingest_an_article_the_extractor_fails_on_costs_only_itself(store_dir, corpus):
    article_file(corpus, "b.txt", ["2025-06-10"], body="CRASH")
    articles, _, report = _ingest(store_dir, corpus, extractor=_Fails())
    assert [str(p) for p in report.problems] == [
        f"{corpus / 'b.txt'}: extraction failed (OverflowError: date value out of range)"
    ]
    assert report.added == 2
    with Store(store_dir, read_only=True) as store:
        assert store.article_iris() == sorted(
            a.iri for a in articles if a.source != str(corpus / "b.txt")
        )


class _Batched(_Fails):
    """Reads two articles ahead before returning any, as spaCy's batches do, and records
    which articles went through the batched path and which were asked for alone."""

    def __init__(self) -> None:
        super().__init__()
        self.batched: list[str] = []
        self.alone: list[str] = []

    def extract(self, article):
        self.alone.append(Path(article.source).name)
        return super().extract(article)

    def extract_all(self, articles, batch_size=64, n_process=1):
        stream = iter(articles)
        while batch := [a for _, a in zip(range(2), stream, strict=False)]:
            facts = [_Fails.extract(self, a) for a in batch]
            self.batched.extend(Path(a.source).name for a in batch)
            yield from zip(batch, facts, strict=True)


def test_ingest_after_a_crash_in_a_batch_the_stream_goes_on_batched(store_dir, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in "abcdef":
        article_file(folder, f"{name}.txt", ["2025-06-10"], body="CRASH" if name == "b" else "")
    extractor = _Batched()
    with Store(store_dir) as store:
        report = ingest(collect([folder])[0], store, extractor)
    assert [p.reason for p in report.problems] == [
        "extraction failed (OverflowError: date value out of range)"
    ]
    assert extractor.alone == ["a.txt", "b.txt"]  # the batch the culprit was in
    assert extractor.batched == ["c.txt", "d.txt", "e.txt", "f.txt"]
    assert report.added == 5


def test_ingest_an_error_of_the_input_stream_is_no_extraction_failure(store_dir, corpus):
    """The extractor pulls the input; an input that breaks must not be blamed on an article."""
    first = collect([corpus])[0][0]

    def stream():
        yield first
        raise OSError("disk went away")

    extractor = _Batched()  # holds the first article when the stream breaks
    with Store(store_dir) as store, pytest.raises(OSError, match="disk went away"):
        ingest(stream(), store, extractor)
    assert extractor.alone == []


def test_ingest_a_model_that_cannot_load_stops_the_run(store_dir, corpus):
    class _NoModel(FakeExtractor):
        def extract_all(self, articles, batch_size=64, n_process=1):
            next(iter(articles))
            raise ModelError("cannot load spaCy pipeline 'nope'")

    with Store(store_dir) as store, pytest.raises(ModelError):
        ingest(collect([corpus])[0], store, _NoModel())


def test_ingest_an_article_that_fails_is_not_counted_re_extracted(store_dir, corpus):
    article_file(corpus, "b.txt", ["2025-06-10"], body="CRASH")
    articles = collect([corpus])[0]
    with Store(store_dir) as store:
        ingest(articles, store, FakeExtractor(), model="model-a")
        report = ingest(articles, store, _Fails(), model="model-b")
    assert (report.replaced, report.reextracted, len(report.problems)) == (2, 2, 1)


def test_ingest_reports_the_warnings_of_an_article(store_dir, tmp_path):
    path = tmp_path / "old.txt"
    path.write_text("---\npublished: 1850-06-01\n---\nEXCHANGE 1850-06-01 10\n")
    with Store(store_dir) as store:
        report = ingest(collect([path])[0], store, FakeExtractor())
    assert report.warnings == [
        f"{path}: 'published: 1850-06-01' is outside 1900-2100; is it right?"
    ]

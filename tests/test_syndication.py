"""kg.syndication: MinHash sketches, near-duplicate groups, and the stories graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from kgtesting import FakeExtractor
from webpages import SYNDICATION

from kg.ingest import collect, ingest, remove
from kg.namespaces import DCTERMS, STORIES_GRAPH
from kg.store import Store
from kg.syndication import (
    THRESHOLD,
    figures,
    groups,
    same_figures,
    shingles,
    similarity,
    sketch,
    story_iri,
)

COPIES = ("agency", "copy-trimmed", "copy-edited", "copy-localised")
INDEPENDENT = ("independent", "independent-second")
FORMULAIC = ("statement-march", "statement-april")  # one office's template, two exchanges


def _text(name: str) -> str:
    return (SYNDICATION / f"{name}.txt").read_text()


def _exact(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def test_syndication_shingles_are_five_lowercased_words():
    assert shingles("One two Three, four five six") == {
        b"one two three four five",
        b"two three four five six",
    }
    assert shingles("Too short") == {b"too short"} and shingles("  ") == set()


def test_syndication_sketch_is_deterministic_and_compact():
    text = _text("agency")
    assert sketch(text) == sketch(text) and len(sketch(text)) == 684  # 128 x 4 bytes, base64
    assert sketch("") is None


@pytest.mark.parametrize(("a", "b"), [("agency", "copy-edited"), ("agency", "independent")])
def test_syndication_similarity_estimates_the_jaccard_index(a, b):
    estimate = similarity(sketch(_text(a)), sketch(_text(b)))
    assert abs(estimate - _exact(_text(a), _text(b))) < 0.1


def test_syndication_copies_pass_the_threshold_and_independent_reports_do_not():
    base = _text("agency")
    for name in COPIES[1:]:
        assert similarity(sketch(base), sketch(_text(name))) >= THRESHOLD + 0.2, name
    for name in INDEPENDENT:
        assert similarity(sketch(base), sketch(_text(name))) <= THRESHOLD - 0.2, name


def test_syndication_groups_link_copies_only():
    sketches = {name: sketch(_text(name)) for name in COPIES + INDEPENDENT}
    assert groups(sketches) == [sorted(COPIES)]


def test_syndication_figures_are_numbers_without_separators():
    assert figures("Russia freed 1,200 people on May 25, and 3.5 tonnes. 13th") == {
        "1200",
        "25",
        "3.5",
        "13",
    }


def test_syndication_formulaic_statements_about_two_exchanges_are_no_copies():
    """Regression: one office's template for every exchange read as one story (0.62)."""
    march, april = (_text(name) for name in FORMULAIC)
    assert similarity(sketch(march), sketch(april)) >= THRESHOLD
    assert not same_figures(march, april)
    assert same_figures(_text("agency"), _text("copy-edited"))  # "thirteenth" became "13th"
    sketches = {name: sketch(_text(name)) for name in FORMULAIC}
    veto = lambda a, b: same_figures(_text(a), _text(b))  # noqa: E731
    assert groups(sketches) == [sorted(FORMULAIC)] and groups(sketches, confirm=veto) == []


def test_syndication_story_iri_is_named_by_its_smallest_member():
    """A story keeps its IRI when more copies arrive, whatever the order they come in."""
    assert story_iri(["b", "a"]) == story_iri(["a", "c"]) != story_iri(["b", "c"])


def _corpus(folder: Path, names) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(_text(name))
    return folder


def _stories(store_dir: Path) -> dict[str, set[str]]:
    with Store(store_dir, read_only=True) as store:
        found: dict[str, set[str]] = {}
        for triple in store.graph_triples(STORIES_GRAPH):
            if triple.predicate.value == DCTERMS + "isVersionOf":
                found.setdefault(triple.object.value, set()).add(Path(triple.subject.value).name)
    return found


def _ingest(store_dir: Path, *paths: Path):
    articles, _ = collect(list(paths))
    with Store(store_dir) as store:
        ingest(articles, store, FakeExtractor())
    return {a.source.rsplit("/", 1)[-1]: a.iri.rsplit("/", 1)[-1] for a in articles}


def test_syndication_ingest_links_copies_to_one_story(store_dir, tmp_path):
    names = _ingest(store_dir, _corpus(tmp_path / "c", COPIES + INDEPENDENT + FORMULAIC))
    assert list(_stories(store_dir).values()) == [{names[f"{n}.txt"] for n in COPIES}]


def test_syndication_stories_do_not_depend_on_ingest_order(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _ingest(one, _corpus(tmp_path / "a", COPIES[:2]))
    _ingest(one, _corpus(tmp_path / "b", COPIES[2:] + INDEPENDENT))
    _ingest(two, _corpus(tmp_path / "c", COPIES + INDEPENDENT))
    assert _stories(one) == _stories(two)


def test_syndication_removing_copies_shrinks_then_drops_the_story(store_dir, tmp_path):
    names = _ingest(store_dir, _corpus(tmp_path / "c", COPIES[:3]))
    with Store(store_dir) as store:
        remove(store, "copy-trimmed.txt")
    assert list(_stories(store_dir).values()) == [{names["agency.txt"], names["copy-edited.txt"]}]
    with Store(store_dir) as store:
        remove(store, "copy-edited.txt")
    assert _stories(store_dir) == {}


def test_syndication_front_matter_dates_are_no_shared_figures(store_dir, tmp_path):
    """Two formulaic statements filed the same day do not share figures through their dates."""
    folder = tmp_path / "c"
    folder.mkdir()
    for name in FORMULAIC:
        front = "---\ntitle: Statement\npublished: 2025-04-19\nurl: https://hq.example/" + name
        (folder / f"{name}.txt").write_text(front + "\n---\n" + _text(name))
    _ingest(store_dir, folder)
    assert _stories(store_dir) == {}


def test_syndication_similarity_is_datasketchs_estimate():
    from datasketch import MinHash

    a, b = _text("agency"), _text("copy-trimmed")
    hashes = []
    for text in (a, b):
        minhash = MinHash(num_perm=128, seed=1, scheme="affine32")
        minhash.update_batch(sorted(shingles(text)))
        hashes.append(minhash)
    assert similarity(sketch(a), sketch(b)) == hashes[0].jaccard(hashes[1])

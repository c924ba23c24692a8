"""Extraction quality end to end: competency questions, evidence, identity, merging.

Builds each store once per module with the real model and checks what
analysts rely on: the CQ scores, evidence that quotes the source exactly, and
graphs that do not depend on ingest order or on where they were built.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EVAL, SCORER, SEED_CQS, SEEDS, canonical, needs_shared

from kg.ingest import collect, ingest
from kg.inputs import iter_inputs
from kg.merge import merge_dump
from kg.namespaces import LINKS_GRAPH
from kg.output import dump_store
from kg.store import Store

pytestmark = pytest.mark.slow

EVAL_FLOORS = {
    "eval": 0.91,
    "holdout": 0.87,
    "holdout2": 0.79,
    "holdout3": 0.92,
    "holdout4": 0.89,
    "holdout5": 0.84,
    "holdout6": 0.85,
    "holdout7": 0.85,
    "holdout8": 0.76,
}
"""Regression floors (measured mean F1 minus 0.01) of the sets in tests/eval/: ``eval``
(the issue's own set, target 0.85) and the held-out sets written later, each scored
once before anyone studied its failures (their READMEs record that first score). The
syntax extractor of issue 11 lowered the floors of ``eval``, ``holdout``, ``holdout2``
and ``holdout4`` by design: tests/eval/README.md says why."""


def build(paths: list[Path], store_path: Path, extractor) -> Path:
    articles, problems = collect(paths)
    assert not problems
    with Store(store_path) as store:
        ingest(articles, store, extractor)
    return store_path


def dump(store_path: Path, out: Path) -> Path:
    with Store(store_path, read_only=True) as store, out.open("wb") as handle:
        dump_store(store.oxigraph, "trig", handle)
    return out


def score(cq_file: Path, dump_file: Path) -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("score_cq", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    questions = json.loads(cq_file.read_text(encoding="utf-8"))
    store = scorer.load(str(dump_file))
    results = [
        scorer.score_question(store, questions.get("prefixes", ""), q)
        for q in questions["questions"]
    ]
    return {r["id"]: r["f1"] for r in results}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, extractor) -> Path:
    needs_shared(SEEDS)
    return build([SEEDS], tmp_path_factory.mktemp("seeds") / "store", extractor)


def test_quality_seed_competency_questions_reach_0_90(seed_store, tmp_path):
    scores = score(SEED_CQS, dump(seed_store, tmp_path / "d.trig"))
    mean = sum(scores.values()) / len(scores)
    assert mean >= 0.90, scores


@pytest.mark.parametrize("name", EVAL_FLOORS)
def test_quality_eval_sets_do_not_regress(name, tmp_path, extractor):
    needs_shared(SCORER)
    folder = EVAL if name == "eval" else EVAL / name
    store = build([folder / "articles"], tmp_path / "store", extractor)
    scores = score(folder / "cq.json", dump(store, tmp_path / "d.trig"))
    mean = sum(scores.values()) / len(scores)
    assert mean >= EVAL_FLOORS[name], scores


EVIDENCE = """
SELECT ?src ?exact ?start ?end WHERE { GRAPH ?g {
  ?x <https://w3id.org/powkg/ontology#evidence>/<http://www.w3.org/ns/oa#hasTarget> ?t .
  ?t <http://www.w3.org/ns/oa#hasSource> ?src ; <http://www.w3.org/ns/oa#hasSelector> ?q, ?p .
  ?q <http://www.w3.org/ns/oa#exact> ?exact .
  ?p <http://www.w3.org/ns/oa#start> ?start ; <http://www.w3.org/ns/oa#end> ?end } }"""


def test_quality_every_evidence_offset_quotes_the_source_file(seed_store):
    texts = {a.iri: a.text for a in iter_inputs([SEEDS])}
    with Store(seed_store, read_only=True) as store:
        rows = store.select(EVIDENCE)
    assert len(rows) > 20
    for row in rows:
        text = texts[row["src"].value]
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value


def test_quality_ingest_order_does_not_change_the_graph(seed_store, tmp_path, extractor):
    files = sorted(SEEDS.glob("*.txt"), reverse=True)
    with Store(tmp_path / "rev") as store:
        for path in files:
            articles, _ = collect([path])
            ingest(articles, store, extractor)
    assert canonical(tmp_path / "rev") == canonical(seed_store)


def test_quality_separate_stores_merged_equal_one_store(seed_store, tmp_path, extractor):
    files = sorted(SEEDS.glob("*.txt"))
    parts = []
    for i, chunk in enumerate((files[:2], files[2:])):
        part = build(chunk, tmp_path / f"part{i}", extractor)
        parts.append(dump(part, tmp_path / f"part{i}.trig"))
    with Store(tmp_path / "merged") as store:
        for part in parts:
            merge_dump(store, part)
    assert canonical(tmp_path / "merged") == canonical(seed_store)


def test_quality_plain_union_of_article_graphs_is_identical(seed_store, tmp_path, extractor):
    union: set[str] = set()
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        part = build([path], tmp_path / f"one{i}", extractor)
        union |= without_links(ox.Store.read_only(str(part)))
    assert union == without_links(ox.Store.read_only(str(seed_store)))


def without_links(store: ox.Store) -> set[str]:
    """Article and ontology quads: the links graph and the merged view are derived from them."""
    links = ox.NamedNode(LINKS_GRAPH)
    return {
        str(q) for q in store if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != links
    }

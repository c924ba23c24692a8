"""Smoke test of bench/: the generator is deterministic and truthful; the bench runs end to end.

No timing assertions: CI machines vary. The full bench is ``python bench/run.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SCORER, needs_shared

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import report  # noqa: E402
from text import SMALL  # noqa: E402


def test_generate_same_seed_gives_same_corpus() -> None:
    first = generate.build(20, seed=3)
    again = generate.build(20, seed=3)
    assert first[1] == again[1]
    assert first[2] == again[2]


def test_generate_other_seed_gives_other_corpus() -> None:
    assert generate.build(20, seed=3)[2] != generate.build(20, seed=4)[2]


def test_generate_writes_byte_identical_files(tmp_path: Path) -> None:
    generate.write_corpus(tmp_path / "a", 15, seed=9)
    generate.write_corpus(tmp_path / "b", 15, seed=9)
    for name in ("truth.json", "cq.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    files = sorted(p.name for p in (tmp_path / "a" / "articles").iterdir())
    assert len(files) == 15
    for name in files:
        a, b = tmp_path / "a" / "articles" / name, tmp_path / "b" / "articles" / name
        assert a.read_bytes() == b.read_bytes()


def _date_said(sentence: str, date: str, published: str) -> bool:
    """Is ``date`` named in ``sentence``, absolutely or relative to the article's date?"""
    d, p = dt.date.fromisoformat(date), dt.date.fromisoformat(published)
    month = d.strftime("%B")
    if f"{d.day} {month}" in sentence or f"{month} {d.day}" in sentence:
        return True
    relative = {0: ("today", d.strftime("%A")), 1: ("yesterday", d.strftime("%A"))}
    words = relative.get((p - d).days, (d.strftime("%A"),) if 0 <= (p - d).days <= 5 else ())
    return any(w in sentence for w in words)


def test_every_reported_exchange_date_is_in_an_article() -> None:
    world, records, texts = generate.build(60, seed=5)
    found: dict[str, bool] = {}
    for record, text in zip(records, texts, strict=True):
        for start, end, claim in record["claims"]:
            if claim[0] == "exchange":
                x = world.exchanges[claim[1]]
                said = _date_said(text[start:end], x.start, record["published"])
                said = said or (record["kind"] == "liveblog" and x.start == record["published"])
                found[x.id] = found.get(x.id, False) or said
    assert found and all(found.values()), [k for k, v in found.items() if not v]


def _count_said(sentence: str, count: int) -> bool:
    spelled = SMALL[count] if count < len(SMALL) else None
    lowered = sentence.lower()
    return f"{count:,}" in sentence or str(count) in sentence or (spelled or "\0") in lowered


def test_every_transfer_count_is_in_its_sentence() -> None:
    world, records, texts = generate.build(60, seed=6)
    for record, text in zip(records, texts, strict=True):
        for start, end, claim in record["claims"]:
            if claim[0] == "transfer":
                tr = world.exchanges[claim[1]].transfers[int(claim[2])]
                assert _count_said(text[start:end], tr.count), text[start:end]


def test_claim_spans_are_whole_sentences_of_the_text() -> None:
    _, records, texts = generate.build(30, seed=7)
    for record, text in zip(records, texts, strict=True):
        for start, end, _ in record["claims"]:
            assert start >= record["body_start"]
            assert text[start].isupper() or text[start] in '"0123456789'
            assert text[end - 1] in '."', text[start:end]


def test_oracle_facts_score_perfectly_on_generated_cqs(tmp_path: Path) -> None:
    """The CQ file agrees with the truth: perfect facts get F1 = 1.0 from the shared scorer."""
    needs_shared(SCORER)
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    generate.write_corpus(corpus, 25, seed=11)
    oracle = subprocess.run(
        [sys.executable, str(BENCH / "oracle.py"), str(corpus), str(store)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert oracle.returncode == 0, oracle.stderr
    from click.testing import CliRunner

    from kg.cli import cli

    dump = tmp_path / "dump.nq"
    result = CliRunner().invoke(
        cli, ["--store", str(store), "dump", "-f", "nquads", "-o", str(dump)]
    )
    assert result.exit_code == 0, result.output
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(corpus / "cq.json"), str(dump), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(scored.stdout)["mean_f1"] == pytest.approx(1.0)


@pytest.mark.slow
def test_bench_quick_run_writes_every_section(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--articles", "20", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    for heading in report.SECTIONS:
        assert heading in text
    assert "ingest / spaCy time ratio" in text
    assert "mean F1" in text or "not scored" in text

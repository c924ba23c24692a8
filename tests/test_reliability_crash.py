"""``kill -9`` in the middle of ``kg ingest``: whole articles or none, and a re-run completes.

Real processes, real store: the ingest is killed as soon as a reader sees its
first articles, while later ones are still being parsed or written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from kgtesting import (
    graph_of,
    kg_command,
    merged_view_is_the_union,
    news_corpus,
    nquads,
    run_kg,
    shape,
)

from kg.errors import StoreError
from kg.ingest import collect
from kg.store import Store

ARTICLES = 200


def _stored_articles(store: Path) -> int:
    """How many article graphs a reader sees now (0 while the store is not there yet)."""
    try:
        with Store(store, read_only=True) as reader:
            return len(reader.article_iris())
    except StoreError:
        return 0


def _kill_mid_ingest(store: Path, corpus: Path) -> int:
    """Start ``kg ingest``, SIGKILL it once articles appear; returns how many were seen."""
    env = {**os.environ, "KG_FAKE_DELAY": "0.01"}
    cmd = [*kg_command(), "--store", str(store), "ingest", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, seen = time.monotonic() + 120, 0
    while proc.poll() is None and time.monotonic() < deadline and not seen:
        seen = _stored_articles(store)
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest ended before it could be killed"
    return seen


@pytest.mark.slow
def test_reliability_kill_9_leaves_whole_articles_and_rerun_completes(tmp_path):
    corpus = news_corpus(tmp_path / "corpus", ARTICLES)
    crashed, clean = tmp_path / "crashed", tmp_path / "clean"
    assert _kill_mid_ingest(crashed, corpus) > 0
    assert run_kg(clean, "ingest", str(corpus)).returncode == 0

    partial, full = shape(nquads(crashed)), shape(nquads(clean))
    present = 0
    for article in collect([corpus])[0]:
        graph = graph_of(partial, article.iri)
        assert graph in ([], graph_of(full, article.iri)), article.source
        present += bool(graph)
    assert 0 < present < ARTICLES
    assert merged_view_is_the_union(crashed)

    rerun = run_kg(crashed, "ingest", str(corpus))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - present} added, 0 replaced, {present} unchanged" in rerun.stdout
    assert shape(nquads(crashed)) == full

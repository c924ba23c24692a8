"""Fixtures shared by every test module: temp stores, the CLI runner, the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEED_CQS = SHARED / "eval" / "cq-seeds.json"
SCORER = SHARED / "eval" / "score_cq.py"
EXAMPLES = ROOT / "examples"
EVAL = ROOT / "tests" / "eval"
DATA = ROOT / "tests" / "data"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A store location in a fresh temp dir (not yet created)."""
    return tmp_path / "store"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def kg(runner: CliRunner, store_dir: Path):
    """Run ``kg --store <temp store> ARGS...`` in-process; returns click's Result."""
    from kg.cli import cli

    def run(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--store", str(store_dir), *args], input=input)

    return run


def needs_shared(path: Path) -> None:
    """CI has ../shared; a bare clone may not. Fail loudly in CI, skip elsewhere."""
    import os

    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} not available outside CI")


@pytest.fixture(scope="session")
def extractor():
    """The real spaCy extractor, loaded once per test session."""
    from kg.extract import Extractor

    return Extractor()


def canonical(store_path: Path) -> list[str]:
    """A store's quads as sorted N-Quads lines: equal lists mean equal graphs."""
    import pyoxigraph as ox

    return sorted(str(q) for q in ox.Store.read_only(str(store_path)))


QUERY_GRAPH = DATA / "queries" / "graph.trig"


def load_query_graph(path: Path) -> Path:
    """tests/data/queries/graph.trig loaded into a real on-disk store at ``path`` (closed)."""
    import pyoxigraph as ox

    from kg.store import Store

    store = ox.Store(str(path))
    store.bulk_load(path=str(QUERY_GRAPH), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    Store(path).close()  # opening for writing builds the merged view
    return path


@pytest.fixture
def graph_store(store_dir: Path) -> Path:
    return load_query_graph(store_dir)


@pytest.fixture
def web():
    """A local HTTP server (tests/webserver.py), stopped when the test ends."""
    from webserver import WebServer

    with WebServer() as server:
        yield server


@pytest.fixture(scope="session")
def oxigraph_url():
    """``oxigraph serve`` for the whole session (tests clear powkg's graphs first)."""
    from servers import oxigraph_server

    with oxigraph_server() as server:
        yield server.url


@pytest.fixture(scope="session")
def virtuoso_url():
    """Virtuoso 7 for the whole session: ``/sparql-auth``, user and password in netrc form."""
    from servers import virtuoso_server

    with virtuoso_server() as server:
        yield server.url


@pytest.fixture
def server_credentials(monkeypatch):
    """The test Virtuoso's writer, given as kg users give it: in the environment."""
    from servers import PASSWORD, USER

    monkeypatch.setenv("KG_STORE_USER", USER)
    monkeypatch.setenv("KG_STORE_PASSWORD", PASSWORD)
    monkeypatch.delenv("NETRC", raising=False)

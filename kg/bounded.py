"""Queries with bounds: each runs in its own process, stopped at a timeout or a memory limit.

pyoxigraph cannot cancel a query, and one ``ORDER BY`` over a cartesian product
takes all the memory there is. So ``kg sparql`` and ``kg query`` run the query
in a child process (a fresh interpreter: forking one that holds RocksDB threads
is not safe) with an address-space limit, read its serialized results with a
deadline and a size cap, and kill it when it passes either; the results are
parsed back into pyoxigraph values. The child dies with its parent.

Run as ``python -m kg.bounded`` it is that child: a JSON request on stdin, the
results on stdout (one byte for their kind, then SPARQL JSON results or
N-Triples), and a one-line JSON error as the last line of stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.child import cap_memory, die_with_parent
from kg.endpoint import Server
from kg.errors import QueryError, StoreError
from kg.sparqltext import refused_calls, remote_calls

if TYPE_CHECKING:
    import pyoxigraph as ox

DEFAULT_TIMEOUT = 60.0
"""Seconds; a query meant to run longer says so with --timeout (0: no limit)."""
DEFAULT_MEMORY_MB = 4096
"""Address space for the query process; results are capped at the same size."""
SOLUTIONS, BOOLEAN, GRAPH = b"S", b"B", b"G"
STDERR_KEPT = 65536
MEMORY_SIGNS = ("memory allocation of", "MemoryError", "Cannot allocate memory")


@dataclass(frozen=True)
class Limits:
    """How long and how much memory a query may take (``None``: no limit)."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB
    results_mb: int | None = None
    """Cap on the serialized results; ``None``: the memory limit."""

    @property
    def results_cap(self) -> int | None:
        return self.results_mb or self.memory_mb


def run(
    store: Path | Server,
    sparql: str,
    bindings: dict[str, ox.Term] | None = None,
    *,
    prefixes: dict[str, str] | None = None,
    limits: Limits = Limits(),
    allowed_services: frozenset[str] = frozenset(),
):
    """Run ``sparql`` over the store at ``store`` (a directory or a SPARQL server) within
    ``limits``; the parsed result.

    A ``SERVICE`` call is refused unless its host is in ``allowed_services``.
    Raises :class:`QueryError` for bad SPARQL, a refused or failed query, a
    timeout or too much memory, and :class:`StoreError` when there is no store.
    """
    refused = refused_calls(remote_calls(sparql, prefixes), allowed_services)
    if refused:
        raise QueryError(f"refused: {refused[0]}")
    if isinstance(store, Server):
        return _run_remote(store, sparql, bindings, prefixes, limits)
    if not (Path(store) / "CURRENT").exists():
        raise StoreError(f"{store}: no store here (run 'kg ingest' first)")
    request = {
        "store": str(store),
        "query": sparql,
        "bindings": {k: str(v) for k, v in (bindings or {}).items()},
        "prefixes": prefixes or {},
    }
    memory = str(limits.memory_mb or 0)
    child = subprocess.Popen(
        [sys.executable, "-m", "kg.bounded", str(os.getpid()), memory],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    output, errors = _collect(child, json.dumps(request).encode(), limits)
    return _parse(output) if child.returncode == 0 else _failure(child.returncode, errors, limits)


def _run_remote(server: Server, sparql: str, bindings, prefixes, limits: Limits):
    """On a SPARQL server the server does the work: kg waits at most ``--timeout`` for the
    answer and reads at most the results cap of it."""
    from kg.remote import RemoteStore

    cap = None if limits.results_cap is None else limits.results_cap * 1024 * 1024
    with RemoteStore(server, read_only=True) as remote:
        return remote.query(
            sparql, bindings, prefixes=prefixes, timeout=limits.timeout, max_bytes=cap
        )


def _collect(child: subprocess.Popen, request: bytes, limits: Limits) -> tuple[bytes, bytes]:
    """The child's stdout and stderr, read with the deadline and the size cap."""
    with contextlib.suppress(BrokenPipeError):  # it failed at once: its stderr says why
        child.stdin.write(request)
        child.stdin.close()
    deadline = None if not limits.timeout else time.monotonic() + limits.timeout
    cap = None if limits.results_cap is None else limits.results_cap * 1024 * 1024
    chunks: dict[int, list[bytes]] = {child.stdout.fileno(): [], child.stderr.fileno(): []}
    size = 0
    with selectors.DefaultSelector() as selector:
        for stream in (child.stdout, child.stderr):
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                _kill(child)
                raise QueryError(f"query stopped after {limits.timeout:g} s (--timeout)")
            for key, _ in selector.select(left):
                data = os.read(key.fd, 1 << 20)
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                chunks[key.fd].append(data)
                size += len(data) if key.fileobj is child.stdout else 0
                if cap is not None and size > cap:
                    _kill(child)
                    raise QueryError(
                        f"results exceed {limits.results_cap} MB (--max-memory); add a LIMIT"
                    )
    child.wait()
    return b"".join(chunks[child.stdout.fileno()]), b"".join(chunks[child.stderr.fileno()])


def _kill(child: subprocess.Popen) -> None:
    child.kill()
    child.wait()


def _parse(output: bytes):
    import pyoxigraph as ox

    kind, data = output[:1], output[1:]
    if kind == GRAPH:
        return [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)


def _failure(code: int, errors: bytes, limits: Limits):
    """Raise what went wrong in the child, in one line."""
    text = errors[-STDERR_KEPT:].decode(errors="replace")
    last = text.strip().splitlines()[-1] if text.strip() else ""
    if last.startswith("{"):
        reported = json.loads(last)
        kind = StoreError if reported["kind"] == "store" else QueryError
        raise kind(reported["message"])
    if any(sign in text for sign in MEMORY_SIGNS) or code in (-signal.SIGABRT, -signal.SIGKILL):
        raise QueryError(
            f"query needed more than {limits.memory_mb} MB of memory (--max-memory); narrow it"
        )
    raise QueryError(f"query process failed (exit {code}): {' '.join(last.split())}")


def _serve_request() -> None:
    """The child: read the request, run it, write the result (or one error line)."""
    import pyoxigraph as ox

    from kg.errors import KGError
    from kg.store import Store

    request = json.loads(sys.stdin.buffer.read())
    out = sys.stdout.buffer
    try:
        with Store(Path(request["store"]), read_only=True) as store:
            bindings = {k: _term(v) for k, v in request["bindings"].items()}
            result = store.query(request["query"], bindings, prefixes=request["prefixes"])
            if isinstance(result, ox.QueryTriples):
                out.write(GRAPH)
                ox.serialize(result, out, format=ox.RdfFormat.N_TRIPLES)
            else:
                out.write(BOOLEAN if isinstance(result, ox.QueryBoolean) else SOLUTIONS)
                result.serialize(out, format=ox.QueryResultsFormat.JSON)
            out.flush()
    except KGError as err:
        _report("store" if isinstance(err, StoreError) else "query", str(err))
    except MemoryError:
        raise
    except BaseException as err:  # an engine panic, or an error while the results stream
        _report("query", f"query failed: {' '.join(str(err).split()) or type(err).__name__}")


def _term(text: str) -> ox.Term:
    """An RDF term back from its N-Triples form (what ``str(term)`` gave)."""
    import pyoxigraph as ox

    line = f"<urn:x:s> <urn:x:p> {text} .\n".encode()
    return next(iter(ox.parse(line, format=ox.RdfFormat.N_TRIPLES))).object


def _report(kind: str, message: str) -> None:
    sys.stderr.write("\n" + json.dumps({"kind": kind, "message": message}) + "\n")
    sys.stderr.flush()
    os._exit(3)


if __name__ == "__main__":
    die_with_parent(int(sys.argv[1]))
    cap_memory(int(sys.argv[2]))
    _serve_request()

"""Saved queries over HTTP: ``GET /api/NAME?param=value``, run exactly as ``kg query`` runs them.

The same library calls as the CLI, in the same order: :func:`kg.queries.parse_assignments`
reads the values, :func:`kg.queries.run` binds them as typed RDF terms (labels resolved
against the store) and runs the query in its own bounded process, and
:func:`kg.output.render` writes CSV, TSV or SPARQL JSON. A bad parameter is a 400 whose
body is the one line ``kg query`` prints after ``Error:``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.bounded import Limits
from kg.errors import KGError, ParameterError, QueryError, StoreError, UsageError, printable
from kg.workbench.openapi import RESULTS

TYPES = {name: kind for kind, name in RESULTS.items()}
ACCEPTED = {**RESULTS, "application/json": "json"}
TEXT = "text/plain; charset=utf-8"
STOPPED = ("--timeout", "--max-memory")


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: status, media type, body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        return cls(status, TEXT, (printable(message) + "\n").encode())


def result_format(params: list[tuple[str, str]], accept: str | None) -> str:
    """``?format=`` first, then the first Accept type we write, else SPARQL JSON."""
    asked = [v for k, v in params if k == "format"]
    if asked:
        if len(asked) > 1 or asked[0].lower() not in TYPES:
            raise UsageError(f"format must be one of {', '.join(TYPES)}, got {asked[-1]!r}")
        return asked[0].lower()
    for part in (accept or "").split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in ACCEPTED:
            return ACCEPTED[kind]
    return "json"


def run_saved(
    store: Path,
    name: str,
    params: list[tuple[str, str]],
    accept: str | None,
    *,
    directory: Path,
    limits: Limits,
    allowed_services: frozenset[str] = frozenset(),
) -> Answer:
    """The answer to ``GET /api/NAME``: results, or a one-line error with its status.

    ``format`` is the web API's own parameter (the result format), never a query's.
    """
    from kg import queries
    from kg.output import render
    from kg.store import Store

    try:
        saved = queries.get(name, directory)
        fmt = result_format(params, accept)
        values = queries.parse_assignments([f"{k}={v}" for k, v in params if k != "format"])
        with Store(store, read_only=True) as opened:
            result = queries.run(
                saved, values, opened, limits=limits, allowed_services=allowed_services
            )
        body = render(result, fmt if not isinstance(result, list) else "turtle")
    except KGError as err:
        return Answer.text(status_of(err), str(err))
    kind = TYPES[fmt] if not isinstance(result, list) else "text/turtle"
    return Answer(200, f"{kind}; charset=utf-8", body.encode())


def status_of(err: KGError) -> int:
    """400 for the caller's mistake, 404 for no such query, 503 for a stopped query."""
    if isinstance(err, ParameterError):
        return 400
    if isinstance(err, UsageError):
        return 404 if str(err).startswith("no saved query") else 400
    if isinstance(err, QueryError) and any(word in str(err) for word in STOPPED):
        return 503
    if isinstance(err, StoreError):
        return 503
    return 500

"""Rendering results: aligned tables for people, CSV/TSV/JSON for scripts, RDF for graphs.

Formats are looked up by name with aliases (``ttl`` = ``turtle`` =
``text/turtle``), the way rdflib's plugin registry does it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.errors import UsageError
from kg.namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

RESULT_FORMATS = ("table", "csv", "tsv", "json")
RDF_FORMATS: dict[str, tuple[str, ...]] = {
    "turtle": ("ttl", "text/turtle"),
    "trig": ("application/trig",),
    "nquads": ("nq", "n-quads", "application/n-quads"),
    "ntriples": ("nt", "n-triples", "application/n-triples"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdfxml": ("xml", "rdf", "application/rdf+xml"),
}
DATASET_FORMATS = ("trig", "nquads", "jsonld")
MIN_COLUMN = 8


def rdf_format_name(name: str) -> str:
    """The canonical name for an RDF format or one of its aliases."""
    wanted = name.lower()
    for canonical, aliases in RDF_FORMATS.items():
        if wanted == canonical or wanted in aliases:
            return canonical
    raise UsageError(f"unknown RDF format {name!r}; choose from {', '.join(RDF_FORMATS)}")


def _ox_format(name: str) -> ox.RdfFormat:
    import pyoxigraph as ox

    return {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }[rdf_format_name(name)]


def dump_store(store: ox.Store, fmt: str, output: IO[bytes] | Path) -> None:
    """Write the whole dataset; graph-less formats get the union of all graphs."""
    import pyoxigraph as ox

    name = rdf_format_name(fmt)
    if name in DATASET_FORMATS:
        store.dump(output, format=_ox_format(name), prefixes=PREFIXES)
        return
    triples = sorted({q.triple for q in store}, key=str)
    ox.serialize(triples, output, format=_ox_format(name), prefixes=PREFIXES)


def serialize_triples(triples: list[ox.Triple], fmt: str) -> str:
    """CONSTRUCT/DESCRIBE results in any RDF format (datasets become one graph)."""
    import pyoxigraph as ox

    data = ox.serialize(triples, format=_ox_format(fmt), prefixes=PREFIXES)
    return (data or b"").decode()


def render_solutions(solutions: ox.QuerySolutions, fmt: str, width: int | None = None) -> str:
    """SELECT results as a table (default), CSV, TSV or SPARQL 1.1 JSON results."""
    import pyoxigraph as ox

    if fmt == "table":
        return render_table(solutions, width or shutil.get_terminal_size((80, 24)).columns)
    formats = {
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
        "json": ox.QueryResultsFormat.JSON,
    }
    if fmt not in formats:
        raise UsageError(f"unknown result format {fmt!r}; choose from {', '.join(RESULT_FORMATS)}")
    return solutions.serialize(format=formats[fmt]).decode()


def render_boolean(answer: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    return ("yes" if answer else "no") + "\n"


def render_table(solutions: ox.QuerySolutions, width: int = 80) -> str:
    """An aligned table that fits ``width`` columns: long cells are cut with '…'."""
    names = [v.value for v in solutions.variables]
    rows = [[_cell(row[i]) for i in range(len(names))] for row in solutions]
    if not names:
        return ""
    widths = _fit([max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)], width)
    lines = [_line(names, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(r, widths) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _fit(widths: list[int], total: int) -> list[int]:
    """Shrink the widest columns until the table fits the terminal."""
    widths = list(widths)
    budget = max(total - 2 * (len(widths) - 1), MIN_COLUMN * len(widths))
    while sum(widths) > budget:
        i = widths.index(max(widths))
        if widths[i] <= MIN_COLUMN:
            break
        widths[i] -= 1
    return widths


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(_cut(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cell(term: ox.Term | None) -> str:
    """Literals as their text, IRIs shortened with the usual prefixes."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def compact(iri: str) -> str:
    best = max(
        ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else f"<{iri}>"

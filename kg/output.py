"""Rendering results: aligned tables for people, CSV/TSV/JSON for scripts, RDF for graphs.

Formats are looked up by name with aliases (``ttl`` = ``turtle`` =
``text/turtle``), the way rdflib's plugin registry does it. SELECT results
are first turned into :class:`Solutions` so that every renderer sees the same
columns (saved queries hide their parameter columns there).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from kg.errors import UsageError
from kg.namespaces import ID, PREFIXES, XSD

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
MIN_COLUMN = 6
IRI_WIDTH = 20  # enough for powid:exchange/2025-…
SPARED_WIDTH = 12  # dates and most numbers are cut only when nothing else can give
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "long", "int")}
# Turtle and TriG name powkg resources relative to @base (``<article/3f9c>``), which
# reads better than ``powid:article\/3f9c``; the other prefixes stay prefixes.
TEXT_PREFIXES = {p: ns for p, ns in PREFIXES.items() if ns != ID}


@dataclass(frozen=True)
class Solutions:
    """SELECT results as plain columns and rows (``None`` for an unbound cell)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[ox.Term | None, ...], ...]

    @classmethod
    def of(cls, result: ox.QuerySolutions, hidden: Iterable[str] = ()) -> Solutions:
        """Read pyoxigraph solutions, dropping the ``hidden`` columns."""
        skip = set(hidden)
        names = tuple(v.value for v in result.variables if v.value not in skip)
        rows = tuple(tuple(row[name] for name in names) for row in result)
        return cls(names, rows)


def from_result(result, hidden: Iterable[str] = ()) -> Solutions | bool | list[ox.Triple]:
    """A pyoxigraph query result as something :func:`render` takes."""
    import pyoxigraph as ox

    if isinstance(result, ox.QuerySolutions):
        return Solutions.of(result, hidden)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return list(result)


def rdf_format_name(name: str) -> str:
    """The canonical name for an RDF format or one of its aliases."""
    wanted = name.lower()
    for canonical, aliases in RDF_FORMATS.items():
        if wanted == canonical or wanted in aliases:
            return canonical
    raise UsageError(f"unknown RDF format {name!r}; choose from {', '.join(RDF_FORMATS)}")


def render(result: Solutions | bool | list[ox.Triple], fmt: str, width: int | None = None) -> str:
    """Any query result in ``fmt``: a result format for SELECT/ASK, an RDF one for graphs."""
    if isinstance(result, Solutions):
        return render_solutions(result, _result_format(fmt), width)
    if isinstance(result, bool):
        return render_boolean(result, _result_format(fmt))
    return serialize_triples(result, "turtle" if fmt.lower() == "table" else fmt)


def _result_format(fmt: str) -> str:
    if fmt.lower() not in RESULT_FORMATS:
        raise UsageError(f"unknown result format {fmt!r}; choose from {', '.join(RESULT_FORMATS)}")
    return fmt.lower()


def render_solutions(solutions: Solutions, fmt: str, width: int | None = None) -> str:
    """SELECT results as a table (default), CSV, TSV or SPARQL 1.1 JSON results."""
    if fmt == "table":
        return render_table(solutions, width or shutil.get_terminal_size((80, 24)).columns)
    return {"csv": render_csv, "tsv": render_tsv, "json": render_json}[fmt](solutions)


def render_boolean(answer: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt in ("csv", "tsv"):
        return ("true" if answer else "false") + "\n"
    return ("yes" if answer else "no") + "\n"


def render_json(solutions: Solutions) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = [
        {
            name: _json_term(term)
            for name, term in zip(solutions.variables, row, strict=True)
            if term
        }
        for row in solutions.rows
    ]
    document = {"head": {"vars": list(solutions.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_term(term: ox.Term) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        found["datatype"] = term.datatype.value
    return found


def render_csv(solutions: Solutions) -> str:
    """SPARQL 1.1 CSV results: plain values, CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(solutions.variables)
    writer.writerows([_csv_term(t) for t in row] for row in solutions.rows)
    return out.getvalue()


def _csv_term(term: ox.Term | None) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def render_tsv(solutions: Solutions) -> str:
    """SPARQL 1.1 TSV results: terms in N-Triples syntax, so tabs in text stay escaped."""
    lines = ["\t".join(f"?{name}" for name in solutions.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in solutions.rows]
    return "\n".join(lines) + "\n"


def render_table(solutions: Solutions, width: int = 80) -> str:
    """An aligned table that fits ``width`` columns: long cells are cut with '…'."""
    names = list(solutions.variables)
    if not names:
        return _count(len(solutions.rows)) + "\n"
    rows = [[_cell(term) for term in row] for row in solutions.rows]
    numeric = [_all(solutions.rows, i, _is_number) for i in range(len(names))]
    iris = [_all(solutions.rows, i, _is_iri) for i in range(len(names))]
    natural = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    widths = _fit(natural, width, iris)
    lines = [_line(names, widths, numeric), "  ".join("-" * w for w in widths)]
    lines += [_line(r, widths, numeric) for r in rows]
    lines.append(_count(len(rows)))
    return "\n".join(lines) + "\n"


def _count(n: int) -> str:
    return f"({n} row{'s' if n != 1 else ''})"


def _all(rows: tuple[tuple[ox.Term | None, ...], ...], column: int, test) -> bool:
    values = [row[column] for row in rows if row[column] is not None]
    return bool(values) and all(test(v) for v in values)


def _is_number(term: ox.Term) -> bool:
    """Numbers are right-aligned, as spreadsheets do."""
    datatype = getattr(term, "datatype", None)
    return datatype is not None and datatype.value in NUMERIC


def _is_iri(term: ox.Term) -> bool:
    return not hasattr(term, "datatype")


def _fit(widths: list[int], total: int, iris: list[bool]) -> list[int]:
    """Shrink the widest columns until the table fits: IRIs first, dates and numbers last."""
    fitted = list(widths)
    budget = total - 2 * (len(widths) - 1)
    for floor, only_iris in ((IRI_WIDTH, True), (SPARED_WIDTH, False), (MIN_COLUMN, False)):
        candidates = [i for i in range(len(fitted)) if iris[i] or not only_iris]
        while candidates and sum(fitted) > budget:
            i = max(candidates, key=lambda c: fitted[c])
            if fitted[i] <= floor:
                break
            fitted[i] -= 1
    return fitted


def _line(cells: list[str], widths: list[int], numeric: list[bool]) -> str:
    parts = [
        _cut(c, w).rjust(w) if right else _cut(c, w).ljust(w)
        for c, w, right in zip(cells, widths, numeric, strict=True)
    ]
    return "  ".join(parts).rstrip()


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
    """``powid:exchange/2025-06-10-russia-ukraine`` for people; ``<iri>`` when no prefix fits."""
    return curie(iri) or f"<{iri}>"


def curie(iri: str) -> str | None:
    """The IRI as prefix:local with the longest matching namespace, or ``None``."""
    best = max(
        ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else None


def serialize_triples(triples: list[ox.Triple], fmt: str) -> str:
    """CONSTRUCT/DESCRIBE results in any RDF format, each triple once, in a stable order."""
    import pyoxigraph as ox

    unique = sorted(set(triples), key=str)
    out = io.BytesIO()
    _write(lambda o, **kw: ox.serialize(unique, o, **kw), rdf_format_name(fmt), out)
    return out.getvalue().decode()


def dump_store(store, fmt: str, output: IO[bytes]) -> None:
    """Write every named graph of a pyoxigraph store or a kg store; graph-less formats get
    the merged view (each triple once).

    The merged default graph is derived from the named graphs, so dataset dumps
    leave it out and whoever loads them rebuilds it; they end with a manifest of
    each article graph's size and text hash, which ``kg merge`` checks.
    """
    import pyoxigraph as ox

    from kg.manifest import with_manifest

    name = rdf_format_name(fmt)
    if isinstance(store, ox.Store):
        named = (q for q in store if not isinstance(q.graph_name, ox.DefaultGraph))
        merged = (q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    else:  # a kg store, embedded or on a server
        named, merged = store.named_quads(), store.merged_triples()
    if name in DATASET_FORMATS:
        quads = with_manifest(named)
        _write(lambda o, **kw: ox.serialize(quads, o, **kw), name, output)
        return
    triples = sorted(merged, key=str)
    _write(lambda o, **kw: ox.serialize(triples, o, **kw), name, output)


def _write(serialize, name: str, output: IO[bytes]) -> None:
    """Serialize with readable names: @base and prefixes for text, CURIEs for JSON-LD."""
    from kg import rdfio

    if name == "jsonld":
        buffer = io.BytesIO()
        serialize(buffer, format=rdfio.ox_format(name))
        output.write(rdfio.compact_jsonld(buffer.getvalue()))
    elif name in ("turtle", "trig"):
        writer = rdfio.HeaderWriter(output, ID, TEXT_PREFIXES)
        serialize(writer, format=rdfio.ox_format(name), prefixes=TEXT_PREFIXES, base_iri=ID)
        writer.close()
    else:
        serialize(output, format=rdfio.ox_format(name), prefixes=PREFIXES)

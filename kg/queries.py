"""Saved queries: ``queries/*.rq`` files with a ``#+`` header, and typed parameters.

The header convention comes from grlc; unlike grlc, values are never pasted
into query text. Each parameter is parsed to an RDF term of its declared type
(or resolved from a label to the resource it names) and bound to the query
variable of the same name through Oxigraph's substitutions::

    #+ name: stages-of-agreement
    #+ summary: Stages that carried out an agreement, in order.
    #+ param: date xsd:date = 2025-06-02 -- the day the agreement was reached
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ParameterError, QueryError, UsageError
from kg.namespaces import POW, QUERIES_DIR, RDFS, SKOS, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.store import Store

PARAM_LINE = re.compile(
    r"(?P<name>[A-Za-z_]\w*)\s+(?P<type>\S+)(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<doc>.*))?$"
)
LABEL_TYPES = {"party": "Party", "place": "Location", "category": "PrisonerCategory"}
TYPES = ("xsd:date", "xsd:integer", "xsd:string", "iri", *LABEL_TYPES)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    doc: str

    def describe(self) -> str:
        default = f" = {self.default}" if self.default is not None else " (required)"
        return f"{self.name} ({self.type}){default}: {self.doc}".rstrip(": ")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    summary: str
    params: tuple[Param, ...]
    sparql: str
    path: Path


def load_all(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query in ``directory``, by name."""
    queries = (parse(path) for path in sorted(directory.glob("*.rq")))
    return {q.name: q for q in queries}


def get(name: str, directory: Path = QUERIES_DIR) -> SavedQuery:
    queries = load_all(directory)
    if name not in queries:
        known = ", ".join(sorted(queries)) or "none"
        raise UsageError(f"no saved query named {name!r} (known: {known})")
    return queries[name]


def parse(path: Path) -> SavedQuery:
    """Read one ``.rq`` file; a bad header is an error naming the file and line."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].strip().partition(":")
        if key.strip() == "param":
            params.append(_param(value.strip(), path, number))
        else:
            header[key.strip()] = value.strip()
    return SavedQuery(
        name=header.get("name", path.stem),
        summary=header.get("summary", ""),
        params=tuple(params),
        sparql=text,
        path=path,
    )


def _param(spec: str, path: Path, line: int) -> Param:
    match = PARAM_LINE.match(spec)
    if not match or match["type"] not in TYPES:
        raise QueryError(f"{path}:{line}: malformed parameter {spec!r} (types: {', '.join(TYPES)})")
    return Param(match["name"], match["type"], match["default"], match["doc"] or "")


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``key=value`` strings from the command line into a dict."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param expects key=value, got {pair!r}")
        values[key.strip()] = value
    return values


def bind(query: SavedQuery, values: dict[str, str], store: Store) -> dict[str, ox.Term]:
    """Typed RDF terms for the query's parameters: missing, unknown or malformed is an error."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise ParameterError(f"query {query.name!r} has no parameter {unknown[0]!r}")
    bound: dict[str, ox.Term] = {}
    for param in query.params:
        raw = values.get(param.name, param.default)
        if raw is None:
            raise ParameterError(
                f"query {query.name!r} needs --param {param.name}=… ({param.type})"
            )
        bound[param.name] = to_term(param, raw, store)
    return bound


def to_term(param: Param, raw: str, store: Store) -> ox.Term:
    import pyoxigraph as ox

    if param.type == "xsd:date":
        return ox.Literal(_date(param, raw), datatype=ox.NamedNode(XSD + "date"))
    if param.type == "xsd:integer":
        if not re.fullmatch(r"[+-]?\d+", raw.strip()):
            raise ParameterError(f"--param {param.name}: {raw!r} is not an integer")
        return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "iri":
        return _iri(param, raw)
    if param.type in LABEL_TYPES:
        return resolve_label(store, raw, LABEL_TYPES[param.type], param.name)
    return ox.Literal(raw)


def _date(param: Param, raw: str) -> str:
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise ParameterError(f"--param {param.name}: {raw!r} is not a date (YYYY-MM-DD)") from None


def _iri(param: Param, raw: str) -> ox.NamedNode:
    import pyoxigraph as ox

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", raw):
        raise ParameterError(f"--param {param.name}: {raw!r} is not an absolute IRI")
    return ox.NamedNode(raw)


RESOLVE = f"""
SELECT DISTINCT ?r WHERE {{
  ?r a ?class ; <{RDFS}label>|<{SKOS}prefLabel>|<{SKOS}altLabel> ?l .
  FILTER(LCASE(STR(?l)) = LCASE(STR(?label)))
}} ORDER BY ?r"""


def resolve_label(store: Store, label: str, kind: str, name: str) -> ox.NamedNode:
    """The resource a label names (``Turkey`` -> the Türkiye resource); IRIs pass through."""
    import pyoxigraph as ox

    if re.match(r"https?://", label):
        return _iri(Param(name, "iri", None, ""), label)
    classes = _subclasses(kind)
    for cls in classes:
        rows = store.select(
            RESOLVE,
            {"label": ox.Literal(label.strip()), "class": ox.NamedNode(cls)},
        )
        if rows:
            return rows[0]["r"]
    raise ParameterError(f"--param {name}: no {kind} labelled {label!r} in the store")


def _subclasses(kind: str) -> list[str]:
    if kind == "Party":
        return [POW + c for c in ("Party", "State", "ArmedGroup", "Organisation", "Person")]
    return [POW + kind]

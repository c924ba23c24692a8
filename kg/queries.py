"""Saved queries: ``queries/*.rq`` files with a ``#+`` header, and typed parameters.

The header convention comes from grlc; unlike grlc, values are never pasted
into query text. Each parameter is parsed to an RDF term of its declared type
(or resolved from a label to the resource it names) and bound to the query
variable of the same name through Oxigraph's substitutions::

    #+ name: stages-of-agreement
    #+ summary: Stages that carried out an agreement, in order.
    #+ param: date xsd:date -- the day the agreement was reached

Oxigraph binds a substituted variable only where it is in scope at the top of
the query, so a SELECT must project every parameter (and a sub-query that uses
one must project it too). :func:`run` hides those columns from the results.
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

    from kg.bounded import Limits
    from kg.output import Solutions
    from kg.store import Store

PARAM_LINE = re.compile(
    r"(?P<name>[A-Za-z_]\w*)\s+(?P<type>\S+)(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<doc>.*))?$"
)
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LABEL_TYPES = {"party": "Party", "place": "Location", "category": "PrisonerCategory"}
TYPES = ("xsd:date", "xsd:integer", "xsd:string", "iri", *LABEL_TYPES)
HINTS = {"xsd:date": "YYYY-MM-DD", "xsd:integer": "N", "iri": "IRI"}
PARTY_CLASSES = ("Party", "State", "ArmedGroup", "Organisation", "Person")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    doc: str

    def describe(self) -> str:
        """``date=YYYY-MM-DD (xsd:date, required): the day ...`` for ``kg query --list``."""
        default = f"default {self.default}" if self.default is not None else "required"
        text = f"{self.name}={HINTS.get(self.type, 'TEXT')} ({self.type}, {default})"
        return f"{text}: {self.doc}" if self.doc else text


@dataclass(frozen=True)
class SavedQuery:
    name: str
    summary: str
    params: tuple[Param, ...]
    sparql: str
    path: Path


def load_all(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query in ``directory``, by name."""
    queries = (parse(path) for path in sorted(Path(directory).glob("*.rq")))
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
            params.append(_param(value.strip(), path, number, params))
        else:
            header[key.strip()] = value.strip()
    name = header.get("name", path.stem)
    if not NAME.fullmatch(name):
        raise QueryError(f"{path}: query name {name!r} is not kebab-case")
    return SavedQuery(name, header.get("summary", ""), tuple(params), text, path)


def _param(spec: str, path: Path, line: int, earlier: list[Param]) -> Param:
    match = PARAM_LINE.match(spec)
    if not match or match["type"] not in TYPES:
        raise QueryError(f"{path}:{line}: malformed parameter {spec!r} (types: {', '.join(TYPES)})")
    if any(p.name == match["name"] for p in earlier):
        raise QueryError(f"{path}:{line}: parameter {match['name']!r} declared twice")
    return Param(match["name"], match["type"], match["default"], match["doc"] or "")


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``key=value`` strings from the command line into a dict (each key once)."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ParameterError(f"--param expects key=value, got {pair!r}")
        if key in values:
            raise ParameterError(f"--param {key} given twice")
        values[key] = value
    return values


def run(
    query: SavedQuery,
    values: dict[str, str],
    store: Store,
    *,
    limits: Limits | None = None,
    allowed_services: frozenset[str] = frozenset(),
) -> Solutions | bool | list:
    """Bind the parameters, run the query, and drop the parameter columns from SELECT results.

    With ``limits`` the query runs in its own bounded process (see :mod:`kg.bounded`).
    """
    from kg import bounded
    from kg.output import from_result

    bindings = bind(query, values, store)
    try:
        if limits is None:
            result = store.query(query.sparql, bindings)
        else:
            result = bounded.run(
                store.location,
                query.sparql,
                bindings,
                limits=limits,
                allowed_services=allowed_services,
            )
    except QueryError as err:  # e.g. a parameter missing from the projection: name the file
        raise QueryError(f"{query.path.name}: {err}") from None
    return from_result(result, hidden=bindings)


def bind(query: SavedQuery, values: dict[str, str], store: Store) -> dict[str, ox.Term]:
    """Typed RDF terms for the query's parameters: missing, unknown or malformed is an error."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        takes = ", ".join(declared) or "none"
        raise ParameterError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (it takes: {takes})"
        )
    bound: dict[str, ox.Term] = {}
    for param in query.params:
        raw = values.get(param.name, param.default)
        if raw is None:
            raise ParameterError(
                f"query {query.name!r} needs --param {param.name}={HINTS.get(param.type, 'TEXT')}"
                + (f" ({param.doc})" if param.doc else "")
            )
        bound[param.name] = to_term(param, raw, store)
    return bound


def to_term(param: Param, raw: str, store: Store) -> ox.Term:
    """The RDF term for one value, checked against the parameter's declared type."""
    import pyoxigraph as ox

    if param.type == "xsd:date":
        return ox.Literal(_date(param, raw), datatype=ox.NamedNode(XSD + "date"))
    if param.type == "xsd:integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", raw.strip()):
            raise ParameterError(f"--param {param.name}: {raw!r} is not an integer")
        return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "iri":
        return _iri(param, raw)
    if param.type in LABEL_TYPES:
        return resolve_label(store, raw, LABEL_TYPES[param.type], param.name)
    return ox.Literal(raw)


def _date(param: Param, raw: str) -> str:
    """Only ``YYYY-MM-DD``: Python would also take ``20250602`` or week dates."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
            return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        pass
    raise ParameterError(f"--param {param.name}: {raw!r} is not a date (YYYY-MM-DD)")


def _iri(param: Param, raw: str) -> ox.NamedNode:
    import pyoxigraph as ox

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", raw):
        raise ParameterError(f"--param {param.name}: {raw!r} is not an absolute IRI")
    return ox.NamedNode(raw)


RESOLVE = f"""
SELECT DISTINCT ?r ?label ?class WHERE {{
  ?r a ?class ; <{RDFS}label>|<{SKOS}prefLabel>|<{SKOS}altLabel> ?l .
  FILTER(LCASE(STR(?l)) = LCASE(STR(?label)))
}} ORDER BY ?r"""


def resolve_label(store: Store, label: str, kind: str, name: str) -> ox.NamedNode:
    """The resource a label names (``Turkey`` -> the Türkiye resource); IRIs pass through."""
    import pyoxigraph as ox

    if re.match(r"https?://", label):
        return _iri(Param(name, "iri", None, ""), label)
    classes = [POW + c for c in PARTY_CLASSES] if kind == "Party" else [POW + kind]
    found = sorted(
        {
            row["r"].value
            for cls in classes
            for row in store.select(
                RESOLVE, {"label": ox.Literal(label.strip()), "class": ox.NamedNode(cls)}
            )
        }
    )
    if len(found) > 1:
        raise ParameterError(
            f"--param {name}: {label!r} names {len(found)} resources ({', '.join(found[:3])}); "
            "give the IRI"
        )
    if not found:
        raise ParameterError(f"--param {name}: no {kind} labelled {label!r} in the store")
    return ox.NamedNode(found[0])

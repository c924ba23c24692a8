"""The updates a writable server takes, each keeping the merged view right in its transaction.

The store's default graph is the merged view: every triple of the named graphs,
once. The server wraps each operation of an update in steps that keep the view
in step, all in the one request Oxigraph applies as a transaction, so no kill
can leave the view stale:

- when the graphs an operation writes are named in it (``INSERT DATA``, ``DROP
  GRAPH <g>``, ``WITH <g> DELETE ...``) and it reads no view, the view first
  gives up what only those graphs state and then takes their new content: the
  cost follows the size of those graphs;
- otherwise (``GRAPH ?g`` templates, ``DROP ALL``, a ``WHERE`` that reads the
  view) the view is recomputed after the operation, which costs time in
  proportion to the store.

An update aimed at the view itself (a triple outside ``GRAPH``, ``DROP DEFAULT``,
``LOAD`` without ``INTO``) would be undone by those steps, so it is refused, as
is a ``SERVICE`` or ``LOAD`` of a host nobody allowed.
"""

from __future__ import annotations

from kg.errors import QueryError
from kg.sparqltext import (
    Token,
    after_prologue,
    prologue,
    refused_calls,
    remote_calls,
    resolve,
    tokens,
)
from kg.sparqltext import split_operations as operations

RECOMPUTE = (
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
    "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"
)
VIEW = "the default graph is the merged view, rebuilt from the named graphs"
VERBS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
UNKNOWN = None
"""The graphs an operation writes, when the text does not settle them."""


class RefusedUpdate(QueryError):
    """An update the writable server will not run (the message says why and what to do)."""


def prepare(text: str, allowed_hosts: frozenset[str] = frozenset()) -> str:
    """``text`` with the merged-view steps around each operation; refuses what it must first."""
    refused = refused_calls(remote_calls(text), allowed_hosts)
    if refused:
        raise RefusedUpdate(refused[0])
    declared: dict[str, str] = {}
    base = None
    pieces = []
    for start, piece, found in operations(text, tokens(text)):
        declared, base = prologue(found, declared, base)
        pieces.append(_wrapped(start, piece, found, declared, base))
    return ";".join(pieces)


def _wrapped(
    start: int, piece: str, found: list[Token], declared: dict[str, str], base: str | None
) -> str:
    """One operation with its view steps (the withdraw step goes after the prologue)."""
    verb = _verb(found)
    if verb is None:
        return piece
    reason = _view_write(verb, found)
    if reason is not None:
        raise RefusedUpdate(f"{reason}: {VIEW}; write into GRAPH <...> instead")
    graphs = _written(verb, found, declared, base)
    if graphs is UNKNOWN:
        return f"{piece}\n;\n{RECOMPUTE}\n"
    if not graphs:
        return piece
    names = " ".join(f"<{g}>" for g in sorted(graphs))
    cut = found[after_prologue(found)].start - start
    return f"{piece[:cut]}{_withdraw(names)} ;\n{piece[cut:]}\n;\n{_restore(names)}\n"


def _withdraw(names: str) -> str:
    """Take from the view what only these graphs state (they are about to change)."""
    listed = ", ".join(names.split())
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h NOT IN ({listed})) }} }}"
    )


def _restore(names: str) -> str:
    """Give the view what these graphs state now."""
    return (
        f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }}\n"
        "  FILTER NOT EXISTS { ?s ?p ?o } }"
    )


def _verb(found: list[Token]) -> str | None:
    return next((t.keyword for t in found if t.keyword in VERBS), None)


def _view_write(verb: str, found: list[Token]) -> str | None:
    """Why this operation would write the default graph, or ``None``."""
    words = [t.keyword for t in found]
    if verb in ("CLEAR", "DROP") and "DEFAULT" in words:
        return f"{verb} DEFAULT"
    if verb in ("ADD", "MOVE", "COPY") and _after(words, "TO") == "DEFAULT":
        return f"{verb} ... TO DEFAULT"
    if verb == "LOAD" and "INTO" not in words:
        return "LOAD without INTO GRAPH"
    if verb in ("INSERT", "DELETE") and "WITH" not in words:
        for keyword, block in _templates(found):
            if _outside_graph(found, block):
                return f"{keyword} of a triple outside GRAPH"
    return None


def _after(words: list[str | None], word: str) -> str | None:
    return words[words.index(word) + 1] if word in words[:-1] else None


def _templates(found: list[Token]) -> list[tuple[str, int]]:
    """(INSERT or DELETE, where its data or template block opens) for each one written to."""
    blocks = []
    for i, token in enumerate(found):
        if token.keyword in ("INSERT", "DELETE"):
            start = i + 1
            if start < len(found) and found[start].keyword in ("DATA", "WHERE"):
                start += 1
            if start < len(found) and _is(found[start], "{"):
                blocks.append((token.keyword, start))
    return blocks


def _written(verb: str, found: list[Token], declared: dict[str, str], base: str | None):
    """The IRIs of the graphs the operation writes; UNKNOWN when the text does not fix them or
    the operation also reads the view (which the withdraw step would change under it)."""
    words = [t.keyword for t in found]
    name = _namer(found, declared, base)
    if verb == "CREATE":
        return set()
    if verb in ("CLEAR", "DROP", "LOAD"):  # DROP ALL and DROP NAMED have no GRAPH
        return _known({name(words.index("GRAPH") + 1)}) if "GRAPH" in words else UNKNOWN
    if verb in ("ADD", "MOVE", "COPY"):
        return _copied(verb, found, name)
    modify = _after(words, verb) not in ("DATA", "WHERE")
    if modify and "WITH" not in words and "USING" not in words and _reads_view(found):
        return UNKNOWN
    graphs = set()
    for _, block in _templates(found):
        graphs |= _graphs_in(found, block, name)
    if modify and "WITH" in words:
        graphs.add(name(words.index("WITH") + 1))
    return _known(graphs)


def _copied(verb: str, found: list[Token], name):
    """``ADD|MOVE|COPY [SILENT] [GRAPH] <a> TO [GRAPH] <b>``: writes b (and a, for MOVE)."""
    words = [t.keyword for t in found]
    to = words.index("TO")
    source = to - 1
    if words[source] == "DEFAULT":
        return UNKNOWN  # reads the view
    target = to + 2 if words[to + 1] == "GRAPH" else to + 1
    return _known({name(target), name(source)} if verb == "MOVE" else {name(target)})


def _known(graphs: set[str | None]):
    return UNKNOWN if None in graphs else graphs


def _namer(found: list[Token], declared: dict[str, str], base: str | None):
    def name(index: int) -> str | None:
        token = found[index] if 0 <= index < len(found) else None
        return resolve(token, declared, base) if token and token.kind != "var" else None

    return name


def _graphs_in(found: list[Token], block: int, name) -> set[str | None]:
    """The graph names of the ``GRAPH x { ... }`` parts of a block (``None`` for a variable)."""
    graphs, i = set(), block + 1
    while i < len(found) and not _is(found[i], "}"):
        if found[i].keyword == "GRAPH" and i + 2 < len(found) and _is(found[i + 2], "{"):
            graphs.add(name(i + 1))
            i = _matching(found, i + 2) + 1
        else:
            i = _matching(found, i) + 1 if _is(found[i], "{") else i + 1
    return graphs


def _reads_view(found: list[Token]) -> bool:
    """Whether the WHERE part matches anything outside ``GRAPH`` (the default graph: the view)."""
    words = [t.keyword for t in found]
    if "WHERE" not in words:
        return True
    where = words.index("WHERE") + 1
    return where >= len(found) or not _is(found[where], "{") or _outside_graph(found, where)


def _outside_graph(found: list[Token], start: int) -> bool:
    """Whether the block opening at ``start`` holds anything but ``GRAPH x { ... }`` and dots."""
    i = start + 1
    while i < len(found) and not _is(found[i], "}"):
        if found[i].keyword == "GRAPH" and i + 2 < len(found) and _is(found[i + 2], "{"):
            i = _matching(found, i + 2) + 1
        elif _is(found[i], "."):
            i += 1
        else:
            return True
    return False


def _is(token: Token, punctuation: str) -> bool:
    return token.kind == "other" and token.text == punctuation


def _matching(found: list[Token], opening: int) -> int:
    depth = 0
    for i in range(opening, len(found)):
        depth += _is(found[i], "{") - _is(found[i], "}")
        if depth == 0:
            return i
    return len(found)

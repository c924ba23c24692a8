"""Reading SPARQL text without running it: its tokens, where it would call out, what it writes.

Not a parser: a tokenizer that knows SPARQL's strings, IRIs, comments, variables
and language tags, so that a keyword is only ever a keyword. That is enough to
find every ``SERVICE`` and ``LOAD`` (the only ways a query or update reaches
another server) and the blocks an update writes into, whatever the engine
would make of the rest. Anything it cannot read safely is refused, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s(){}\[\],;.<>"'=!&|+*/^#@-]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<name>(?:[^\W\d]|_)[\w\-.]*(?<!\.)(?::(?:[\w\-.:%]|\\.)*(?<!\.))?
              |:(?:[\w\-.:%]|\\.)*(?<!\.))
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
REMOTE = {"SERVICE", "LOAD"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int = 0
    """Where the token begins in the text it was read from."""

    @property
    def keyword(self) -> str | None:
        """The upper-cased word for a bare name (``service`` -> ``SERVICE``), else ``None``."""
        return self.text.upper() if self.kind == "name" and ":" not in self.text else None


def tokens(text: str) -> list[Token]:
    """Significant tokens of ``text`` (no spaces or comments); an unclosed string is one token."""
    found = []
    for match in TOKEN.finditer(text):
        if match.lastgroup not in ("space", "comment"):
            found.append(Token(match.lastgroup, match.group(), match.start()))
    return found


def prologue(
    found: list[Token], prefixes: dict[str, str], base: str | None = None
) -> tuple[dict[str, str], str | None]:
    """The prefixes (``prefixes``, then the PREFIX declarations in ``found``) and the BASE."""
    declared = dict(prefixes)
    for i, token in enumerate(found[:-1]):
        if token.keyword == "PREFIX" and i + 2 < len(found) and found[i + 2].kind == "iri":
            declared[found[i + 1].text.rstrip(":").split(":")[0]] = found[i + 2].text[1:-1]
        elif token.keyword == "BASE" and found[i + 1].kind == "iri":
            base = found[i + 1].text[1:-1]
    return declared, base


@dataclass(frozen=True)
class Call:
    """A ``SERVICE`` or ``LOAD``: the IRI it reaches, or ``None`` when that is not fixed."""

    keyword: str
    iri: str | None
    written: str


def remote_calls(text: str, prefixes: dict[str, str] | None = None) -> list[Call]:
    """Every ``SERVICE`` and ``LOAD`` in ``text``, with the IRI each would fetch."""
    found = tokens(text)
    declared, base = prologue(found, prefixes or {})
    calls = []
    for i, token in enumerate(found):
        if token.keyword in REMOTE:
            target = _after_silent(found, i + 1)
            written = target.text if target else ""
            calls.append(Call(token.keyword, resolve(target, declared, base), written))
    return calls


def _after_silent(found: list[Token], start: int) -> Token | None:
    if start < len(found) and found[start].keyword == "SILENT":
        start += 1
    return found[start] if start < len(found) else None


def resolve(token: Token | None, declared: dict[str, str], base: str | None) -> str | None:
    """An absolute IRI for an IRI token or a prefixed name; ``None`` for a variable or worse."""
    if token is None:
        return None
    if token.kind == "iri":
        iri = token.text[1:-1]
        if not urlsplit(iri).scheme and base:
            iri = urljoin(base, iri)  # resolves against http(s) bases, leaves others relative
        return iri if urlsplit(iri).scheme else None
    if token.kind == "name" and ":" in token.text:
        prefix, local = token.text.split(":", 1)
        if prefix in declared and "\\" not in local:
            return declared[prefix] + local
    return None


def refused_calls(calls: list[Call], allowed: frozenset[str]) -> list[str]:
    """Why each call is refused (none when every one reaches an allowed host over HTTP(S))."""
    return [reason for call in calls if (reason := _refusal(call, allowed)) is not None]


def _refusal(call: Call, allowed: frozenset[str]) -> str | None:
    where = f"{call.keyword} {call.written}".strip()
    if call.iri is None:
        return f"{where}: the endpoint must be a fixed http(s) IRI"
    parts = urlsplit(call.iri)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return f"{where}: only http(s) endpoints can be allowed"
    port = _port(parts)
    if host in allowed or (port is not None and f"{host}:{port}" in allowed):
        return None
    return f"{where} would call {host}; allow it with --allow-service {host}"


def _port(parts) -> int | None:
    try:
        return parts.port or {"http": 80, "https": 443}[parts.scheme]
    except ValueError:
        return None


def split_operations(text: str, found: list[Token]) -> list[tuple[int, str, list[Token]]]:
    """Each operation of an update: where it starts, its text (comments kept) and its tokens."""
    pieces, current, depth, start = [], [], 0, 0
    for token in found:
        if token.kind == "other" and token.text in "{[(":
            depth += 1
        elif token.kind == "other" and token.text in "}])":
            depth -= 1
        if depth == 0 and token.kind == "other" and token.text == ";":
            pieces.append((start, text[start : token.start], current))
            current, start = [], token.start + 1
        else:
            current.append(token)
    pieces.append((start, text[start:], current))
    return pieces


def after_prologue(found: list[Token]) -> int:
    """The index of the first token past the leading ``PREFIX p: <iri>`` / ``BASE <iri>``."""
    i = 0
    while i < len(found):
        if found[i].keyword == "PREFIX":
            i += 3
        elif found[i].keyword == "BASE":
            i += 2
        else:
            break
    return min(i, len(found))


FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the form of a query (``None`` for an update)."""
    return next((t.keyword for t in tokens(text) if t.keyword in FORMS), None)


def with_values(text: str, bindings: dict[str, str]) -> str:
    """``text`` with ``VALUES (?k ...) { (term ...) }`` opening each WHERE group the
    parameters reach, for a server that takes the query over the SPARQL Protocol.

    ``bindings`` maps variable names to terms already written in N-Triples syntax (by the
    RDF library, so a value is never code). The values reach what Oxigraph's
    substitutions reach: the query's own WHERE group, and the group of each sub-select
    that projects the variable from a group it reaches.
    """
    if not bindings:
        return text
    found = tokens(text)
    points = _binding_points(found, set(bindings))
    if not points:
        raise ValueError("no WHERE group to bind parameters in")
    for opening, names in sorted(points, reverse=True):
        chosen = [n for n in bindings if n in names]
        if not chosen:
            continue
        row = " ".join(bindings[n] for n in chosen)
        cut = found[opening].start + 1
        values = f" VALUES ({' '.join('?' + n for n in chosen)}) {{ ({row}) }}\n"
        text = text[:cut] + values + text[cut:]
    return text


def _binding_points(found: list[Token], names: set[str]) -> list[tuple[int, set[str]]]:
    """(index of a WHERE group's ``{``, the parameters bound in it) for the query and each
    sub-select the parameters reach."""
    points: list[tuple[int, set[str]]] = []
    scopes: list[tuple[int, set[str]]] = []  # (depth that closes the group, names bound)
    depth = 0
    pending: tuple[int, set[str], bool] | None = None  # (depth, names, needs WHERE)
    for i, token in enumerate(found):
        if token.keyword in FORMS and pending is None:
            outer = scopes[-1][1] if scopes else names
            if token.keyword == "SELECT":
                outer = outer & _projected(found, i, outer)
            construct = token.keyword == "CONSTRUCT"
            needs_where = construct and not (i + 1 < len(found) and found[i + 1].keyword == "WHERE")
            pending = (depth, outer, needs_where)
        if token.kind == "other" and token.text == "{":
            opens = pending is not None and depth == pending[0]
            if opens and (not pending[2] or found[i - 1].keyword == "WHERE"):
                points.append((i, pending[1]))
                scopes.append((depth, pending[1]))
                pending = None
            depth += 1
        elif token.kind == "other" and token.text == "}":
            depth -= 1
            if scopes and depth == scopes[-1][0]:
                scopes.pop()
    return points


def _projected(found: list[Token], select: int, names: set[str]) -> set[str]:
    """The variables a SELECT projects (all, for ``SELECT *``): plain ones and ``AS ?v``."""
    projected: set[str] = set()
    depth = 0
    for i in range(select + 1, len(found)):
        token = found[i]
        if token.keyword in ("WHERE", "FROM") or (token.text == "{" and depth == 0):
            break
        if token.kind == "other" and token.text == "*" and depth == 0:
            return set(names)
        if token.kind == "other" and token.text in "()":
            depth += 1 if token.text == "(" else -1
        elif token.kind == "var" and (depth == 0 or found[i - 1].keyword == "AS"):
            projected.add(token.text[1:])
    return projected

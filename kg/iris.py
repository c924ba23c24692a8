"""Deterministic IRIs: the same facts give the same IRIs on any machine.

Identity is by what a resource *is* (an exchange's first day and its sides,
or for a many-sided swap the one side all others dealt with; an agreement's day
and sides), so graphs built separately merge by union and two articles about one
exchange describe one resource.
"""

from __future__ import annotations

import hashlib
import re

from kg.namespaces import ID


def slug(iri: str | None) -> str:
    """The last path segment of an IRI (``.../state/ukraine`` -> ``ukraine``)."""
    if not iri:
        return "unknown"
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


def sides_key(parties: tuple[str, ...] | list[str]) -> str:
    return "-".join(sorted({slug(p) for p in parties})) or "unknown"


def exchange(start: str, parties: tuple[str, ...]) -> str:
    return f"{ID}exchange/{start}-{sides_key(parties)}"


def transfer(owner: str, source: str | None, target: str | None, series: str | None = None) -> str:
    """One per direction; a further handover that way is told apart by its category."""
    suffix = f"-{slug(series)}" if series else ""
    return f"{owner}/transfer/{slug(source)}-to-{slug(target)}{suffix}"


def agreement(date: str, parties: tuple[str, ...]) -> str:
    return f"{ID}agreement/{date}-{sides_key(parties)}"


def stage(exchange_iri: str, ordinal: int, category: str | None) -> str:
    suffix = f"-{slug(category)}" if category else ""
    return f"{exchange_iri}/stage/{ordinal}{suffix}"


def statement(speaker: str, quote: str) -> str:
    words = " ".join(re.findall(r"\w+", quote.lower()))
    return f"{ID}statement/{_digest(slug(speaker), words)}"


def evidence(article: str, start: int, end: int) -> str:
    return f"{article}/evidence/{start}-{end}"


def reference(article: str, *fields: object) -> str:
    """An article's own pointer at an agreement it does not date."""
    return f"{article}/agreement-ref/{_digest(*map(str, fields))}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

"""Small text helpers for rendering: a body that records claim spans, dates, names, numbers."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from vocab import actor

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
Claim = tuple[str, ...]
THE = frozenset(
    (
        "United Arab Emirates",
        "UAE",
        "United States",
        "US",
        "Vatican",
        "Holy See",
        "Gaza Strip",
        "Russian Federation",
    )
)


@dataclass
class Body:
    """Article text built sentence by sentence; each claim remembers its sentence's span."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    claims: list[tuple[int, int, Claim]] = field(default_factory=list)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def say(self, text: str, *claims: Claim) -> None:
        """Add one sentence (capitalised) supporting ``claims``."""
        if self.parts and not self.parts[-1].endswith("\n"):
            self._append(" ")
        text = text[0].upper() + text[1:]
        start = self.length
        self._append(text)
        self.claims.extend((start, self.length, c) for c in claims)

    def mark(self) -> tuple[int, int, int]:
        return len(self.parts), self.length, len(self.claims)

    def rollback(self, mark: tuple[int, int, int]) -> None:
        """Forget everything said since ``mark`` (e.g. a live-blog time with no news)."""
        del self.parts[mark[0] :]
        del self.claims[mark[2] :]
        self.length = mark[1]

    def para(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._append("\n\n")

    def text(self) -> str:
        return "".join(self.parts).rstrip() + "\n"


def ordinal(n: int) -> str:
    """``second``, ``11th``, ``22nd``: words first, then correct suffixes."""
    if 0 < n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number(n: int, rng: random.Random) -> str:
    """Small numbers are sometimes spelled out, as newspapers do."""
    if n < 10 and rng.random() < 0.5:
        return SMALL[n]
    return f"{n:,}"


def date_words(d: dt.date, anchor: dt.date, rng: random.Random) -> str:
    """``10 June``, ``June 10, 2025``...; the year whenever it differs from the anchor's."""
    year = d.year != anchor.year or rng.random() < 0.4
    month = d.strftime("%B")
    if rng.random() < 0.5:
        return f"{d.day} {month}" + (f" {d.year}" if year else "")
    return f"{month} {d.day}" + (f", {d.year}" if year else "")


def when(date: str, published: str, rng: random.Random) -> str:
    """How a reporter writing on ``published`` refers to ``date``."""
    d, p = dt.date.fromisoformat(date), dt.date.fromisoformat(published)
    delta = (p - d).days
    if 0 <= delta <= 5 and rng.random() < 0.55:
        if delta == 0 and rng.random() < 0.25:
            return "today"
        if delta == 1 and rng.random() < 0.3:
            return "yesterday"
        return "on " + d.strftime("%A")
    return "on " + date_words(d, p, rng)


def party(vocab: dict, key: str, rng: random.Random) -> str:
    """A name for the party as a reporter writes it (``the UAE``, ``Russia``)."""
    names = actor(vocab, key)["names"]
    chosen = names[0] if rng.random() < 0.85 or len(names) == 1 else rng.choice(names[1:])
    return "the " + chosen if chosen in THE else chosen


def place(vocab: dict, key: str, rng: random.Random) -> str:
    names = vocab["places"][key]["names"]
    chosen = names[0] if rng.random() < 0.8 else rng.choice(names)
    return "the " + chosen if chosen in THE else chosen


def demonym(vocab: dict, key: str) -> str:
    return vocab["parties"][key]["demonym"]


def mediators(vocab: dict, keys: tuple[str, ...], rng: random.Random) -> str:
    return " and ".join(party(vocab, k, rng) for k in keys)


def speaker(vocab: dict, key: str, rng: random.Random) -> str:
    """``Ukrainian President Volodymyr Zelensky``, ``Zelensky``, ``the Coordination ...``."""
    entry = vocab["speakers"][key]
    if entry["kind"] == "Person":
        full = entry["names"][0]
        if entry["role"] and rng.random() < 0.6:
            return f"{entry['role']} {full}"
        return full if rng.random() < 0.7 else rng.choice(entry["names"])
    label = entry["names"][0] if rng.random() < 0.7 else rng.choice(entry["names"])
    return label if label.startswith(("Hamas", "Russia's")) else "the " + label


def category(vocab: dict, key: str, rng: random.Random) -> str:
    return rng.choice(vocab["categories"][key]["phrases"])

"""The ground truth of a synthetic corpus: agreements, exchanges, stages and statements.

The world is drawn first and rendered into articles second, so every article
about one exchange tells a consistent story and the CQ answers come from the
world itself rather than from parsing the text back.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

START = dt.date(2008, 1, 7)
SPAN_DAYS = 15 * 365
ARTICLES_PER_STORY = 3.9


@dataclass(frozen=True)
class Transfer:
    """``source`` released ``count`` people of ``category`` (or None) to ``target``."""

    source: str
    target: str
    count: int
    category: str | None = None


@dataclass(frozen=True)
class Agreement:
    id: str
    conflict: str
    date: str
    venue: str
    round: int
    mediators: tuple[str, ...]
    provides: tuple[Transfer, ...]


@dataclass(frozen=True)
class Exchange:
    id: str
    conflict: str
    start: str
    end: str
    sides: tuple[str, str]
    location: str | None
    mediators: tuple[str, ...]
    categories: tuple[str, ...]
    transfers: tuple[Transfer, ...]
    agreement: str | None = None
    stage: int | None = None


@dataclass(frozen=True)
class Statement:
    id: str
    speaker: str
    channel: str
    date: str
    quote: str
    about: str


@dataclass
class World:
    """Everything that happened; articles report a subset of it."""

    vocab: dict
    agreements: dict[str, Agreement] = field(default_factory=dict)
    exchanges: dict[str, Exchange] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    stories: list[tuple[str | None, list[str]]] = field(default_factory=list)
    by_exchange: dict[str, list[str]] = field(default_factory=dict)

    def statements_about(self, exchange: str) -> list[Statement]:
        return [self.statements[s] for s in self.by_exchange.get(exchange, [])]


def iso(day: dt.date) -> str:
    return day.isoformat()


def day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class Generator:
    """Draws stories (an agreement and the exchanges that carry it out) per conflict."""

    def __init__(self, vocab: dict, rng: random.Random, n_articles: int) -> None:
        self.vocab, self.rng = vocab, rng
        self.world = World(vocab)
        weights = {k: c["weight"] for k, c in vocab["conflicts"].items()}
        total = sum(weights.values())
        events = max(n_articles / ARTICLES_PER_STORY, 1)
        self.gap = {k: max(2.0, SPAN_DAYS * total / (w * events)) for k, w in weights.items()}
        self.cursor = {k: START + dt.timedelta(days=rng.randrange(30)) for k in weights}
        self.rounds = dict.fromkeys(weights, 0)
        self.quotes: set[tuple[str, str]] = set()

    def story(self) -> None:
        """One agreement with 1-4 stages, or one exchange without an agreement."""
        conflict = self.rng.choices(
            list(self.vocab["conflicts"]), [c["weight"] for c in self.vocab["conflicts"].values()]
        )[0]
        agreement = self._agreement(conflict) if self.rng.random() < 0.6 else None
        count = self.rng.choice((1, 2, 2, 3, 4)) if agreement else 1
        exchanges = []
        for i in range(count):
            if agreement is not None:
                self._after(conflict, 3 if i == 0 else 2, 25)
            exchanges.append(self._exchange(conflict, agreement, i + 1))
        self.world.stories.append((agreement.id if agreement else None, [e.id for e in exchanges]))

    def _advance(self, conflict: str, scale: float = 1.0) -> dt.date:
        gap = max(2, round(self.rng.expovariate(1 / (self.gap[conflict] * scale))))
        self.cursor[conflict] += dt.timedelta(days=gap)
        return self.cursor[conflict]

    def _after(self, conflict: str, low: int, high: int) -> None:
        """Stages follow their agreement within weeks, whatever the corpus size."""
        self.cursor[conflict] += dt.timedelta(days=self.rng.randint(low, high))

    def _agreement(self, conflict: str) -> Agreement:
        c = self.vocab["conflicts"][conflict]
        when = self._advance(conflict)
        # Talks come in short series (round 1..4), as they do in practice.
        self.rounds[conflict] = self.rounds[conflict] % 4 + 1
        provides: tuple[Transfer, ...] = ()
        if c["bodies"] and "Remains" in self.vocab["categories"] and self.rng.random() < 0.4:
            src, dst = self.rng.sample(c["sides"], 2)
            provides = (Transfer(src, dst, self.rng.randint(*c["bodies"]), "Remains"),)
        a = Agreement(
            id=f"{conflict}/agreement/{iso(when)}",
            conflict=conflict,
            date=iso(when),
            venue=self.rng.choice(c["venues"]),
            round=self.rounds[conflict],
            mediators=tuple(self.rng.sample(c["mediators"], min(len(c["mediators"]), 1))),
            provides=provides,
        )
        self.world.agreements[a.id] = a
        return a

    def _exchange(self, conflict: str, agreement: Agreement | None, ordinal: int) -> Exchange:
        c, rng = self.vocab["conflicts"][conflict], self.rng
        start = self.cursor[conflict] if agreement else self._advance(conflict)
        bodies = bool(c["bodies"]) and "Remains" in self.vocab["categories"] and rng.random() < 0.07
        transfers = self._bodies(c) if bodies else self._transfers(c)
        long = not bodies and transfers[0].count >= 300 and rng.random() < 0.5
        end = start + dt.timedelta(days=rng.randint(1, 2) if long else 0)
        self.cursor[conflict] = max(self.cursor[conflict], end)
        cats = (
            ("Remains",)
            if bodies
            else tuple(rng.sample(c["categories"], rng.randint(0, min(2, len(c["categories"])))))
        )
        x = Exchange(
            id=f"{conflict}/exchange/{iso(start)}",
            conflict=conflict,
            start=iso(start),
            end=iso(end),
            sides=tuple(c["sides"]),
            location=rng.choice(c["transit"]) if c["transit"] and rng.random() < 0.6 else None,
            mediators=tuple(
                rng.sample(c["mediators"], rng.randint(0, min(2, len(c["mediators"]))))
            ),
            categories=cats,
            transfers=transfers,
            agreement=agreement.id if agreement else None,
            stage=ordinal if agreement and rng.random() < 0.85 else None,
        )
        self.world.exchanges[x.id] = x
        self._statements(x)
        return x

    def _transfers(self, c: dict) -> tuple[Transfer, ...]:
        a, b = c["sides"]
        n_a = self.rng.randint(*c["counts"][0])
        n_b = n_a if self.rng.random() < 0.7 else self.rng.randint(*c["counts"][1])
        return (Transfer(a, b, n_a), Transfer(b, a, n_b))

    def _bodies(self, c: dict) -> tuple[Transfer, ...]:
        src, dst = self.rng.sample(c["sides"], 2)
        return (Transfer(src, dst, self.rng.randint(*c["bodies"]), "Remains"),)

    def _statements(self, x: Exchange) -> None:
        speakers = self.vocab["conflicts"][x.conflict]["speakers"]
        for speaker in self.rng.sample(speakers, min(len(speakers), self.rng.randint(1, 3))):
            entry = self.vocab["speakers"][speaker]
            quote = self._quote(speaker, x)
            s = Statement(
                id=f"{x.id}/statement/{speaker}",
                speaker=speaker,
                channel=self.rng.choice(entry["channels"]),
                date=x.end,
                quote=quote,
                about=x.id,
            )
            self.world.statements[s.id] = s
            self.world.by_exchange.setdefault(x.id, []).append(s.id)

    def _quote(self, speaker: str, x: Exchange) -> str:
        """A quote no other statement by this speaker repeats (identity is speaker + words)."""
        from quotes import quote

        side = self.vocab["speakers"][speaker]["side"]
        received = sum(t.count for t in x.transfers if t.target == side) or x.transfers[0].count
        for attempt in range(50):
            text = quote(self.rng, self.vocab, side, received, x, attempt)
            if (speaker, text) not in self.quotes:
                self.quotes.add((speaker, text))
                return text
        raise RuntimeError("bench: could not draw a fresh quote")


def generate(vocab: dict, seed: int, n_articles: int, plan_articles) -> tuple[World, list]:
    """Draw stories until ``plan_articles`` yields at least ``n_articles`` plans."""
    rng = random.Random(seed)
    gen = Generator(vocab, rng, n_articles)
    plans: list = []
    while len(plans) < n_articles:
        gen.story()
        agreement, exchanges = gen.world.stories[-1]
        plans.extend(plan_articles(gen.world, agreement, exchanges, rng))
    return gen.world, plans[:n_articles]

"""Quotes for synthetic statements: a few fragments combined, so speakers rarely repeat."""

from __future__ import annotations

import random

OPENERS = (
    "{n} of our people are home.",
    "Another {n} of our people are back on home soil.",
    "We have brought back {n} more of our citizens.",
    "Today {n} families got their loved ones back.",
    "{n} of our {noun} have returned.",
    "The return of {n} of our {noun} is complete.",
    "Our {noun} are home, all {n} of them.",
)
MIDDLES = (
    "We will keep working until everyone is back.",
    "Every name on our lists matters to us.",
    "The next stage is already being prepared.",
    "This is a humanitarian step and we welcome it.",
    "They are receiving medical and psychological care.",
    "Their families have waited a long time for this day.",
    "We do not forget anyone who is still held.",
    "The lists for the next return are being agreed.",
    "Work on the exchange went on day and night.",
    "Nobody will be left behind.",
)
THANKS = (
    "We thank {mediator} for its help.",
    "I am grateful to {mediator} for the mediation.",
    "Our thanks go to our partners in {mediator}.",
    "",
)
NOUNS = ("defenders", "soldiers", "servicemen", "citizens", "people")


def quote(rng: random.Random, vocab: dict, side: str, n: int, x, attempt: int) -> str:
    """Two or three sentences; ``attempt`` widens the draw when a repeat was rejected."""
    opener = rng.choice(OPENERS).format(n=f"{n:,}", noun=rng.choice(NOUNS))
    parts = [opener, *rng.sample(MIDDLES, 1 + (attempt > 5) + (attempt > 20))]
    if x.mediators:
        mediator = vocab["parties"].get(x.mediators[0]) or vocab["mediators"][x.mediators[0]]
        thanks = rng.choice(THANKS).format(mediator=mediator["names"][0])
        if thanks:
            parts.append(thanks)
    return " ".join(parts)

"""Sentences about one fact each (or a few), with the claims they support.

A claim is a tuple naming a fact of the world: ``("exchange", id)``,
``("transfer", id, index)``, ``("stage", id)``, ``("implements", id)``,
``("agreement", id)``, ``("statement", id)`` and so on. The CQ file is built
from the claims that some article actually makes, never from the world alone.
"""

from __future__ import annotations

import datetime as dt
import random

import text as t
from text import Body
from world import Agreement, Exchange, Statement

NOUNS = ("prisoners", "captives", "detainees", "prisoners of war", "servicemen")
FILLER = (
    "Both sides have accused each other of delaying earlier swaps.",
    "Talks on a wider ceasefire have made little progress.",
    "Relatives of missing soldiers gathered outside the reception centre.",
    "Officials did not give further details.",
    "Lists of names were exchanged through intermediaries in the days before the handover.",
    "Several of those released needed urgent medical treatment.",
    "Humanitarian groups welcomed the move but said thousands remain in detention.",
    "The families of those still held have staged regular protests.",
    "Neither government commented on when the next exchange might take place.",
    "Buses carrying the freed men were greeted by crowds waving flags.",
    "Journalists were not allowed to attend the handover itself.",
    "Analysts say such swaps are among the few areas where the two sides still cooperate.",
    "Photographs released afterwards showed men wrapped in flags stepping off a bus.",
    "Rights groups have long called for independent access to places of detention.",
    "The International Committee of the Red Cross was not directly involved, a spokesperson said.",
    "Doctors who examined the returnees reported exhaustion and weight loss.",
    "Officials said the identities of those freed would be published once families were told.",
    "Some of the men had been held for well over a year, according to their relatives.",
    "The talks that produced the arrangement were described by diplomats as difficult.",
    "Preparations for the handover took several weeks, people familiar with it said.",
    "Commentators cautioned that the swap did not signal a broader thaw.",
    "A hotline for relatives seeking information was reopened after the announcement.",
    "The government said it would keep pressing for the release of everyone still held.",
    "Earlier attempts to arrange a swap broke down at the last minute.",
)


class Writer:
    """Renders the facts of one world into sentences for an article published on ``published``."""

    def __init__(self, vocab: dict, rng: random.Random, body: Body, published: str) -> None:
        self.vocab, self.rng, self.body, self.published = vocab, rng, body, published

    def when(self, date: str) -> str:
        return t.when(date, self.published, self.rng)

    def explicit(self, date: str) -> str:
        d = dt.date.fromisoformat(date)
        return "on " + t.date_words(d, dt.date.fromisoformat(self.published), self.rng)

    def name(self, key: str) -> str:
        return t.party(self.vocab, key, self.rng)

    def period(self, x: Exchange, explicit: bool = False) -> str:
        """When the exchange happened: one day, or a multi-day span."""
        at = self.explicit if explicit else self.when
        if x.start == x.end:
            return at(x.start)
        days = (dt.date.fromisoformat(x.end) - dt.date.fromisoformat(x.start)).days + 1
        return f"in a {t.SMALL[days]}-day exchange that began {at(x.start)} and ended {at(x.end)}"

    def mediation(self, x: Exchange | Agreement) -> tuple[str, list[t.Claim]]:
        if not x.mediators:
            return "", []
        kind = "mediator" if isinstance(x, Exchange) else "agreement-mediator"
        who = t.mediators(self.vocab, x.mediators, self.rng)
        form = self.rng.choice(
            (" in a deal brokered by {}", " after mediation by {}", ", with {} mediating")
        )
        return form.format(who), [(kind, x.id, m) for m in x.mediators]

    def lead(self, x: Exchange, explicit: bool = False, mediate: bool = True) -> None:
        """The sentence that reports the exchange itself: sides, date, counts."""
        med, med_claims = self.mediation(x) if mediate else ("", [])
        claims = [("exchange", x.id)] + [
            ("transfer", x.id, str(i)) for i in range(len(x.transfers))
        ]
        clause = self.clause(x, self.period(x, explicit))
        if x.transfers[0].category == "Remains":
            claims.append(("category", x.id, "Remains"))
        self.body.say(clause + med + ".", *claims, *med_claims)

    def clause(self, x: Exchange, period: str) -> str:
        """Subject and verb for the exchange, symmetric or not, in several wordings."""
        first = x.transfers[0]
        a, b = self.name(first.source), self.name(first.target)
        n = t.number(first.count, self.rng)
        if len(x.transfers) == 1:
            dem = t.demonym(self.vocab, first.target)
            return f"{a} handed over the bodies of {n} {dem} soldiers to {b} {period}"
        second = x.transfers[1]
        noun = self.rng.choice(NOUNS)
        if first.count == second.count and self.rng.random() < 0.6:
            return self.rng.choice(
                (
                    f"{a} and {b} exchanged {n} {noun} each {period}",
                    f"{a} and {b} carried out a {first.count}-for-{second.count} "
                    f"prisoner swap {period}",
                    f"{b} and {a} each released {n} {noun} {period}",
                )
            )
        return self._asymmetric(x, period, noun)

    def _asymmetric(self, x: Exchange, period: str, noun: str) -> str:
        first, second = x.transfers
        a, b = self.name(first.source), self.name(first.target)
        a_dem, b_dem = t.demonym(self.vocab, first.source), t.demonym(self.vocab, first.target)
        n1, n2 = t.number(first.count, self.rng), t.number(second.count, self.rng)
        if self.rng.random() < 0.5:
            return f"{a} freed {n1} {b_dem} {noun} and {b} released {n2} {a_dem} {noun} {period}"
        return (
            f"{n2} {a_dem} {noun} returned home from {b_dem} captivity {period} "
            f"in exchange for {n1} {b_dem} {noun}"
        )

    def mediator(self, x: Exchange) -> None:
        med, claims = self.mediation(x)
        if claims:
            self.body.say(f"The exchange took place{med}, officials said.", *claims)

    def location(self, x: Exchange) -> None:
        if x.location is None:
            return
        place = t.place(self.vocab, x.location, self.rng)
        forms = [
            "The handover took place in {}.",
            "The exchange was carried out in {}, officials said.",
        ]
        if len(x.transfers) > 1:
            forms.append("The freed men were first taken to {}, where they were receiving care.")
        form = self.rng.choice(forms)
        self.body.say(form.format(place), ("location", x.id, x.location))

    def categories(self, x: Exchange) -> None:
        for cat in x.categories:
            if cat == "Remains":
                continue
            form = self.rng.choice(
                (
                    "Among those freed were {}.",
                    "The exchange covered {}.",
                    "Officials said the group included {}.",
                )
            )
            self.body.say(
                form.format(t.category(self.vocab, cat, self.rng)), ("category", x.id, cat)
            )

    def stage(self, x: Exchange, agreement: Agreement | None) -> None:
        """The stage ordinal and/or the agreement the exchange carried out."""
        if agreement is None:
            return
        ref, ref_claims = self.agreement_ref(agreement)
        if x.stage is not None:
            form = self.rng.choice(
                (
                    "It was the {} stage of the exchange agreed {}.",
                    "Officials called it the {} stage of implementing the agreement reached {}.",
                    "The swap was the {} stage of the deal struck {}.",
                )
            )
            claims = [("stage", x.id), ("implements", x.id), *ref_claims]
            self.body.say(form.format(t.ordinal(x.stage), ref), *claims)
        elif self.rng.random() < 0.7:
            form = "The swap was carried out under the agreement reached {}."
            self.body.say(form.format(ref), ("implements", x.id), *ref_claims)

    def agreement_ref(self, a: Agreement) -> tuple[str, list[t.Claim]]:
        """``in Istanbul on 2 June``, ``at the second round of talks in Istanbul last month``."""
        venue = t.place(self.vocab, a.venue, self.rng)
        relative = self._relative(a.date)
        dated = not relative or self.rng.random() >= 0.3
        at = self.explicit(a.date) if dated else relative
        claims = [("venue", a.id)] + [("agreement", a.id)] * dated
        if self.rng.random() < 0.4:
            claims.append(("round", a.id))
            return f"at the {t.ordinal(a.round)} round of talks in {venue} {at}", claims
        return f"in {venue} {at}", claims

    def _relative(self, date: str) -> str:
        """``last week`` / ``last month`` when that is literally true of ``date``, else ''."""
        pub, day = dt.date.fromisoformat(self.published), dt.date.fromisoformat(date)
        monday = pub - dt.timedelta(days=pub.weekday())
        if monday - dt.timedelta(days=7) <= day < monday:
            return "last week"
        first = pub.replace(day=1)
        if (first - dt.timedelta(days=1)).replace(day=1) <= day < first:
            return "last month"
        return ""

    def statement(self, s: Statement) -> None:
        who, channel = t.speaker(self.vocab, s.speaker, self.rng), s.channel
        on = "" if s.date == self.published else " " + self.when(s.date)
        form = self.rng.choice(
            (
                '"{q}" {who} wrote on {ch}{on}.',
                '{who} said on {ch}{on}: "{q}"',
                'In a post on {ch}{on}, {who} said: "{q}"',
            )
        )
        quote = s.quote[:-1] + "," if form.startswith('"') and s.quote.endswith(".") else s.quote
        text = form.format(q=quote, who=who, ch=channel, on=on)
        self.body.say(text, ("statement", s.id), ("channel", s.id))

    def filler(self, k: int) -> None:
        for sentence in self.rng.sample(FILLER, k):
            self.body.say(sentence)

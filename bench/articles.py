"""Which articles report which events (plans), and rendering each plan in its house style.

Styles: wire copy with a dateline, short briefs, live blogs with timestamps,
official statements, reports of an agreement, and explainers that walk through
every stage of one agreement. Several articles about one exchange are the norm,
so identity across articles is exercised.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import text as t
from sentences import Writer
from text import Body
from world import Exchange, World, day, iso

KINDS = ("wire", "brief", "liveblog", "statement")
KIND_WEIGHTS = (0.45, 0.2, 0.15, 0.2)


@dataclass(frozen=True)
class Plan:
    kind: str
    published: str
    publisher: str
    exchanges: tuple[str, ...] = ()
    agreement: str | None = None


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    claims: list[tuple[int, int, tuple[str, ...]]]


def plan_articles(world: World, agreement: str | None, exchanges: list[str], rng) -> list[Plan]:
    """Articles for one story: the agreement, 1-3 per exchange, sometimes an explainer."""
    pubs = world.vocab["publishers"]
    plans: list[Plan] = []
    if agreement and rng.random() < 0.8:
        when = day(world.agreements[agreement].date) + dt.timedelta(days=rng.randint(0, 1))
        plans.append(Plan("agreement", iso(when), rng.choice(pubs), agreement=agreement))
    for xid in exchanges:
        x = world.exchanges[xid]
        for kind in rng.choices(
            KINDS, KIND_WEIGHTS, k=rng.choices((1, 2, 3), (0.45, 0.35, 0.2))[0]
        ):
            plans.append(
                Plan(kind, _published(kind, x, rng), rng.choice(pubs), (xid,), x.agreement)
            )
    if agreement and len(exchanges) >= 2 and rng.random() < 0.35:
        last = world.exchanges[exchanges[-1]]
        when = day(last.end) + dt.timedelta(days=rng.randint(1, 3))
        plans.append(Plan("explainer", iso(when), rng.choice(pubs), tuple(exchanges), agreement))
    return plans


def _published(kind: str, x: Exchange, rng: random.Random) -> str:
    if kind == "liveblog":
        return x.start
    if kind == "statement":
        return x.end
    return iso(day(x.end) + dt.timedelta(days=rng.randint(0, 1)))


def render(plan: Plan, world: World, rng: random.Random) -> Rendered:
    body = Body()
    writer = Writer(world.vocab, rng, body, plan.published)
    title = RENDERERS[plan.kind](writer, plan, world)
    return Rendered(title[0].upper() + title[1:], body.text(), body.claims)


def _sides(w: Writer, x: Exchange) -> tuple[str, str]:
    return w.name(x.sides[0]), w.name(x.sides[1])


def _statements(w: Writer, world: World, x: Exchange, keep: float) -> None:
    for s in world.statements_about(x.id):
        if day(s.date) <= day(w.published) and w.rng.random() < keep:
            w.statement(s)


def wire(w: Writer, plan: Plan, world: World) -> str:
    x = world.exchanges[plan.exchanges[0]]
    a, b = _sides(w, x)
    pub = day(plan.published)
    w.body.say(f"{pub.strftime('%B')} {pub.day} ({plan.publisher}) -")
    w.lead(x)
    w.body.para()
    w.categories(x)
    w.location(x)
    w.stage(x, world.agreements.get(x.agreement or ""))
    w.body.para()
    _statements(w, world, x, 0.8)
    w.body.para()
    w.filler(w.rng.randint(3, 6))
    total = sum(tr.count for tr in x.transfers)
    return w.rng.choice(
        (
            f"{a} and {b} swap prisoners",
            f"{total:,} freed in {a}-{b} prisoner exchange",
            f"{b} and {a} trade captives",
            f"Prisoner exchange: {a} and {b} bring people home",
        )
    )


def brief(w: Writer, plan: Plan, world: World) -> str:
    x = world.exchanges[plan.exchanges[0]]
    a, b = _sides(w, x)
    w.lead(x)
    w.location(x)
    _statements(w, world, x, 0.4)
    w.filler(w.rng.randint(1, 2))
    return f"In brief: {a}-{b} exchange"


def liveblog(w: Writer, plan: Plan, world: World) -> str:
    x = world.exchanges[plan.exchanges[0]]
    a, b = _sides(w, x)
    pub = day(plan.published)
    w.body.say(f"{pub.strftime('%A')} {pub.day} {pub.strftime('%B')} {pub.year} - live updates")
    w.body.para()
    clock = iter(f"{h:02d}:{m:02d}" for h in range(8, 20) for m in (5, 35))
    w.body.say(f"{next(clock)} Reports are coming in of a new exchange of prisoners.")
    for step in (
        lambda: w.lead(x),
        lambda: w.location(x),
        lambda: w.categories(x),
        lambda: w.stage(x, world.agreements.get(x.agreement or "")),
        lambda: _statements(w, world, x, 0.9),
    ):
        _entry(w, next(clock), step)
    _entry(w, next(clock), lambda: w.filler(1))
    w.body.para()
    w.body.say(f"{next(clock)} That is where we will leave our coverage for today.")
    return f"Live: {a} and {b} exchange prisoners - updates"


def _entry(w: Writer, clock: str, step) -> None:
    """One timestamped entry; dropped again when the step had nothing to say."""
    mark = w.body.mark()
    w.body.para()
    w.body.say(clock)
    after = w.body.length
    step()
    if w.body.length == after:
        w.body.rollback(mark)


def statement(w: Writer, plan: Plan, world: World) -> str:
    """An official statement by one side: who came home, and what was handed over."""
    x = world.exchanges[plan.exchanges[0]]
    side = w.rng.choice(x.sides)
    dem = t.demonym(world.vocab, side)
    w.body.say(f"Statement issued on behalf of {w.name(side)}.")
    w.body.para()
    if len(x.transfers) == 1:
        w.lead(x, explicit=True, mediate=False)
    else:
        _returned(w, world, x, side)
    w.stage(x, world.agreements.get(x.agreement or ""))
    w.mediator(x)
    w.categories(x)
    w.filler(w.rng.randint(1, 2))
    return f"Statement on the return of {dem} citizens"


def _returned(w: Writer, world: World, x: Exchange, side: str) -> None:
    """``On 10 June, 95 Ukrainian citizens returned home ... In return, 95 ...``."""
    back = next(i for i, tr in enumerate(x.transfers) if tr.target == side)
    out = 1 - back
    tr_in, tr_out = x.transfers[back], x.transfers[out]
    dem, other = t.demonym(world.vocab, side), t.demonym(world.vocab, tr_in.source)
    w.body.say(
        f"{w.period(x, True)}, {t.number(tr_in.count, w.rng)} {dem} citizens returned home "
        f"from {other} captivity.",
        ("exchange", x.id),
        ("transfer", x.id, str(back)),
    )
    w.body.say(
        f"In return, {t.number(tr_out.count, w.rng)} prisoners were handed over to the "
        f"{other} side.",
        ("transfer", x.id, str(out)),
    )


def agreement(w: Writer, plan: Plan, world: World) -> str:
    a = world.agreements[plan.agreement or ""]
    s1, s2 = (w.name(s) for s in world.vocab["conflicts"][a.conflict]["sides"])
    venue = t.place(world.vocab, a.venue, w.rng)
    med, med_claims = w.mediation(a)
    w.body.say(
        f"{s1} and {s2} agreed {w.when(a.date)} at the {t.ordinal(a.round)} round of talks "
        f"in {venue}{med} to carry out a new exchange of prisoners.",
        ("agreement", a.id),
        ("venue", a.id),
        ("round", a.id),
        *med_claims,
    )
    for i, tr in enumerate(a.provides):
        n, dem = f"{tr.count:,}", t.demonym(world.vocab, tr.target)
        w.body.say(
            f"Under the deal, {w.name(tr.source)} will also hand over the bodies of {n} {dem} "
            f"soldiers to {w.name(tr.target)}.",
            ("provides", a.id, str(i)),
        )
    w.body.para()
    w.filler(w.rng.randint(3, 5))
    return f"{s1} and {s2} agree on new prisoner exchange in {venue}"


def explainer(w: Writer, plan: Plan, world: World) -> str:
    """Every stage of one agreement, each with its date and counts."""
    a = world.agreements[plan.agreement or ""]
    venue = t.place(world.vocab, a.venue, w.rng)
    w.body.say(
        f"The agreement reached in {venue} {w.explicit(a.date)} has so far led to "
        f"{len(plan.exchanges)} exchanges.",
        ("agreement", a.id),
        ("venue", a.id),
    )
    w.body.para()
    for xid in plan.exchanges:
        x = world.exchanges[xid]
        stage = f"The {t.ordinal(x.stage)} stage" if x.stage else "Another exchange under the deal"
        claims = [("exchange", x.id), ("implements", x.id)] + [("stage", x.id)] * bool(x.stage)
        claims += [("transfer", x.id, str(i)) for i in range(len(x.transfers))]
        w.body.say(
            f"{stage} took place {w.explicit(x.start)}, when {w.clause(x, 'that day')}.", *claims
        )
    w.body.para()
    w.filler(3)
    return f"What we know about the exchanges agreed in {venue}"


RENDERERS = {
    "wire": wire,
    "brief": brief,
    "liveblog": liveblog,
    "statement": statement,
    "agreement": agreement,
    "explainer": explainer,
}

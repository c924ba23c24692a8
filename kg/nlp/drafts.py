"""Mutable working records the components fill in before :mod:`kg.nlp.facts` freezes them."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from kg.nlp.frames import Frame
from kg.nlp.transfers import Direction


@dataclass
class RefDraft:
    """What one sentence says about the agreement something carries out."""

    sent: Span
    date: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    round: int | None = None
    location: str | None = None

    def weight(self) -> int:
        """How much the reference pins down (a day beats a range beats nothing)."""
        return (
            8 * bool(self.date)
            + 4 * bool(self.not_before)
            + 2 * bool(self.round)
            + bool(self.location)
        )


@dataclass
class AgreementDraft:
    date: str
    sents: list[Span] = field(default_factory=list)
    location: str | None = None
    round: int | None = None
    mediators: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    provides: list[tuple[Direction, Span]] = field(default_factory=list)


@dataclass
class ExchangeDraft:
    start: str
    end: str
    frames: list[Frame] = field(default_factory=list)
    parties: tuple[str, ...] = ()
    mediators: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    transfers: list[tuple[Direction, Span]] = field(default_factory=list)
    named: list[tuple[Direction, Span]] = field(default_factory=list)
    """People counted by name, kept apart until every figure of the exchange is known."""
    ref: RefDraft | None = None
    hub: str | None = None

    def sents(self) -> list[Span]:
        return list({f.sent.start: f.sent for f in self.frames}.values())


@dataclass
class StageDraft:
    ordinal: int
    exchange: str
    sents: list[Span]
    category: str | None = None
    ref: RefDraft | None = None


@dataclass
class StatementDraft:
    speaker: str
    quote: str
    sent: Span
    quoted: bool
    date: str | None = None
    channel: str | None = None
    about: tuple[str, object] | None = None
    stance: str = "Announcement"
    responds_to: StatementDraft | None = None

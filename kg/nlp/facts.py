"""Freeze the drafts into :class:`kg.facts.ArticleFacts` (``doc._.facts``), evidence attached.

Exchanges are frozen first because stages and statements point at them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.facts import (
    Agreement,
    AgreementRef,
    ArticleFacts,
    Exchange,
    Stage,
    Statement,
    Transfer,
)
from kg.nlp.drafts import AgreementDraft, ExchangeDraft, RefDraft, StageDraft, StatementDraft
from kg.nlp.evidence import evidence, evidences
from kg.nlp.transfers import Direction


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _transfer(direction: Direction, sent: object) -> Transfer:
    return Transfer(
        source=direction.source,
        target=direction.target,
        count=direction.count,
        categories=direction.categories,
        series=direction.series,
        evidence=(evidence(sent),),
    )


def freeze_ref(ref: RefDraft | None, parties: tuple[str, ...]) -> AgreementRef | None:
    if ref is None:
        return None
    return AgreementRef(
        date=ref.date,
        not_before=ref.not_before,
        not_after=ref.not_after,
        round=ref.round,
        location=ref.location,
        parties=parties,
        evidence=(evidence(ref.sent),),
    )


def freeze_exchange(draft: ExchangeDraft) -> Exchange:
    return Exchange(
        start=draft.start,
        end=draft.end,
        parties=draft.parties,
        hub=draft.hub,
        mediators=_unique(draft.mediators),
        locations=_unique(draft.locations),
        categories=_unique(draft.categories),
        transfers=tuple(_transfer(d, s) for d, s in draft.transfers),
        agreement=freeze_ref(draft.ref, (draft.hub,) if draft.hub else draft.parties[:2]),
        evidence=evidences(draft.sents()),
    )


def freeze_agreement(draft: AgreementDraft, parties: tuple[str, ...], hub: str | None) -> Agreement:
    return Agreement(
        date=draft.date,
        parties=parties,
        hub=hub,
        location=draft.location,
        round=draft.round,
        mediators=_unique(draft.mediators),
        categories=_unique(draft.categories),
        provides=tuple(_transfer(d, s) for d, s in draft.provides),
        evidence=evidences(draft.sents),
    )


def freeze_stage(draft: StageDraft, exchanges: dict[str, Exchange]) -> Stage:
    exchange = exchanges[draft.exchange]
    return Stage(
        ordinal=draft.ordinal,
        exchange=exchange,
        category=draft.category,
        agreement=freeze_ref(draft.ref, exchange.sides[:2]),
        evidence=evidences(draft.sents),
    )


def _about(draft: StatementDraft, exchanges: dict[str, Exchange], agreements: dict[str, Agreement]):
    if draft.about is None:
        return None
    kind, key = draft.about
    return exchanges.get(key) if kind == "exchange" else agreements.get(key)


def freeze_statements(
    drafts: list[StatementDraft], exchanges: dict[str, Exchange], agreements: dict[str, Agreement]
) -> tuple[Statement, ...]:
    frozen: dict[int, Statement] = {}
    for draft in drafts:
        responds = frozen.get(id(draft.responds_to)) if draft.responds_to else None
        frozen[id(draft)] = Statement(
            speaker=draft.speaker,
            quote=draft.quote,
            date=draft.date,
            channel=draft.channel,
            about=_about(draft, exchanges, agreements),
            stance=draft.stance,
            responds_to=responds,
            evidence=(evidence(draft.sent),),
        )
    return tuple(frozen.values())


@Language.component("kg_facts")
def assemble(doc: Doc) -> Doc:
    """Set ``doc._.facts`` from the drafts the other components left on the Doc."""
    pair = doc._.pair or ()
    exchanges = {k: freeze_exchange(d) for k, d in sorted(doc._.exchanges.items())}
    agreements = {
        k: freeze_agreement(d, pair, doc._.hub) for k, d in sorted(doc._.agreements.items())
    }
    doc._.facts = ArticleFacts(
        exchanges=tuple(exchanges.values()),
        agreements=tuple(agreements.values()),
        stages=tuple(freeze_stage(d, exchanges) for d in doc._.stages),
        statements=freeze_statements(doc._.statements, exchanges, agreements),
        entities=tuple(doc._.minted),
        warnings=tuple(doc._.warnings or ()),
    )
    return doc

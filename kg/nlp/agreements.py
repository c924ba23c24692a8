"""Agreements: dated ones ("the June 2 negotiations in Turkey") and references to them.

An agreement frame with an agreement word and a day becomes an Agreement; every
agreement frame becomes a reference (date or bounds, round, place) that the
exchanges of its sentence, or the article's main exchange, carry out. Pledges
("Moscow pledged to hand over the remains of 6,000 ...") are what the agreement
provides. Results: ``doc._.refs``, ``doc._.agreements``, ``doc._.pair``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from kg.gazetteer import DEMONYM, Gazetteer
from kg.nlp import calendar, loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.cues import SPANS_KEY as CUES
from kg.nlp.dates import DateMention
from kg.nlp.drafts import AgreementDraft, RefDraft
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.extensions import text_of
from kg.nlp.frames import Frame
from kg.nlp.sides import (
    article_pair,
    mediator,
    mediator_starts,
    sentence_mediators,
    state_facing_group,
)

AGREEMENT_WORDS = frozenset({"AGREEMENT"})
PLANNED = frozenset({"MODAL", "COMMIT"})
MODAL_REACH = 4
"""How many tokens before a talks word a modal still makes the talks planned ones."""


@Language.factory(
    "kg_agreements",
    default_config={
        "gazetteer": {"@misc": "kg.gazetteer.v1"},
        "lexicon": {"@misc": "kg.lexicon.v1"},
    },
)
def make_agreements(
    nlp: Language, name: str, gazetteer: Gazetteer, lexicon: dict[str, Any]
) -> Agreements:
    return Agreements(nlp, gazetteer, lexicon)


class Agreements:
    """Finds rounds with a Matcher built once; the rest is per frame."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: dict[str, Any]) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.prepositions = frozenset(lexicon["venue_prepositions"])
        self.participles = frozenset(lexicon["agreement_participles"])
        self.rounds = Matcher(nlp.vocab)
        word = {"IS_ALPHA": True, "OP": "?"}
        self.rounds.add(
            "ROUND",
            [
                [
                    {"LOWER": {"IN": list(lexicon["ordinals"])}},
                    {"LOWER": "of", "OP": "?"},
                    {"LIKE_NUM": True, "OP": "?"},
                    word,
                    word,
                    {"LOWER": {"IN": lexicon["round_nouns"]}},
                ]
            ],
        )
        self.rounds.add("ROUND_NUMBER", [[{"LOWER": "round"}, {"LIKE_NUM": True}]])

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.spans[ENTITIES])
        cues = list(doc.spans[CUES])
        near = mediator_starts(doc, entities, cues)
        doc._.pair = article_pair(
            entities, self.gazetteer, near | _in_datelines(doc, entities), self.prepositions
        )
        doc._.hub = state_facing_group(doc._.pair, self.gazetteer)
        mediators = near | sentence_mediators(
            entities, cues, doc._.pair, self.gazetteer, self.prepositions
        )
        doc._.mediators = mediators
        rounds = [
            (s, self._round_number(doc, m, s, e))
            for m, s, e in self.rounds(doc)
            if not self._of_releases(doc, e)
        ]
        rounds = [(s, n) for s, n in rounds if n]
        doc._.refs, doc._.agreements = [], {}
        talks: RefDraft | None = None
        for frame in doc._.frames:
            if frame.kind != "agreement":
                continue
            if self._names_agreement(frame) and not _negated(frame):
                self._read(doc, frame, rounds, mediators, talks)
            elif not (frame.background or _planned(frame, cues)):
                talks = self._talks(doc, frame, rounds, mediators) or talks
                _number_the_last(doc, frame, rounds)
        return doc

    def _talks(
        self, doc: Doc, frame: Frame, rounds: list[tuple[int, int]], mediators: set[int]
    ) -> RefDraft | None:
        """Talks held on a day ("negotiators met in Istanbul on Wednesday for a third round")."""
        ref = RefDraft(frame.sent, round=_round_for(frame, rounds))
        _date_ref(ref, frame, frame.dates)
        if not ref.date:
            return None
        ref.location = self._location(doc, frame, mediators)
        return ref

    def _round_number(self, doc: Doc, match: int, start: int, end: int) -> int | None:
        """2 for "the second round of talks" and for "round two" / "round 2"."""
        if doc.vocab.strings[match] == "ROUND":
            return self.lexicon["ordinals"][doc[start].lower_]
        number = doc[end - 1].lower_
        return int(number) if number.isdigit() else self.lexicon["numbers"].get(number)

    def _of_releases(self, doc: Doc, end: int) -> bool:
        """ "the fourth round of releases" counts handovers (a stage), not talks."""
        after = [t.lower_ for t in doc[end : end + 3]]
        series = self.lexicon["stage_series_plurals"]
        return after[:1] == ["of"] and any(w in series for w in after[1:])

    def _names_agreement(self, frame: Frame) -> bool:
        """An agreement word, or a commitment that is itself one ("agreed on June 2 to ...")."""
        agreed = self.lexicon["commits_naming_an_agreement"]
        return bool(frame.labels() & AGREEMENT_WORDS) or any(
            a.label_ == "COMMIT" and a.text.lower() in agreed for a in frame.anchors
        )

    def _read(
        self,
        doc: Doc,
        frame: Frame,
        rounds: list[tuple[int, int]],
        mediators: set[int],
        talks: RefDraft | None,
    ) -> None:
        ref = RefDraft(
            frame.sent,
            round=_round_for(frame, rounds),
            location=self._location(doc, frame, mediators),
        )
        _date_ref(ref, frame, _own_dates(frame, self.participles))
        if talks is not None and not (ref.date or ref.not_before or ref.round):
            _from_talks(ref, talks)
        doc._.refs.append(ref)
        if ref.date:
            draft = doc._.agreements.setdefault(ref.date, AgreementDraft(ref.date))
            draft.sents.append(frame.sent)
            draft.location = draft.location or ref.location
            draft.round = draft.round or ref.round
            draft.categories.extend(c.kb_id_ for c in frame.categories)
            for span in doc.spans[ENTITIES]:
                inside = frame.sent.start <= span.start < frame.sent.end
                if inside and span.start in mediators and span.kb_id_ not in doc._.pair:
                    draft.mediators.append(mediator(span.kb_id_, self.gazetteer))

    def _location(self, doc: Doc, frame: Frame, mediators: set[int]) -> str | None:
        """A named place of the talks, not a side nor a mediator ("announced by Qatar").

        A place right before the agreement word names the area it covers as often as the
        venue ("the Gaza ceasefire"), so it is not read as where the deal was reached.
        """
        named_by = {a.start for a in frame.anchors if a.label_ in AGREEMENT_WORDS}
        for span in frame.entities:
            entry = self.gazetteer.entries[span.kb_id_]
            if span.start in mediators or span.id_ == DEMONYM or span.kb_id_ in doc._.pair:
                continue
            if span.end in named_by:
                continue
            if entry.is_location:
                return span.kb_id_
        return None


NEGATORS = frozenset({"no", "any", "without", "never"})
"""Determiners that deny the deal they name: "denied that any deal had been made"."""


def _negated(frame: Frame) -> bool:
    doc, anchor = frame.sent.doc, frame.anchors[0]
    return any(
        t.lower_ in NEGATORS for t in doc[max(frame.sent.start, anchor.start - 2) : anchor.start]
    )


def _in_datelines(doc: Doc, entities: list[Span]) -> set[int]:
    """Places in a wire dateline ("VILNIUS, Sept 11 (Wire) -"): where the story was filed,
    no side of it."""
    found: set[int] = set()
    for mention in doc._.dates or ():
        if not mention.dateline:
            continue
        line_start = text_of(doc).rfind("\n", 0, mention.start) + 1
        found |= {
            e.start for e in entities if line_start <= e.start_char and e.end_char <= mention.start
        }
    return found


ANAPHORS = frozenset({"it", "this", "that"})
"""Sentence openers that point back at the talks just told ("It was the second round ...")."""


def _number_the_last(doc: Doc, frame: Frame, rounds: list[tuple[int, int]]) -> None:
    """ "They agreed on Monday to ... It was the second round of talks": the round of the
    agreement the sentence before dated."""
    number = _round_for(frame, rounds)
    sent = frame.sent
    if number is None or frame.dates or sent.start == 0 or doc[sent.start].lower_ not in ANAPHORS:
        return
    before = doc[sent.start - 1].sent.start
    for draft in doc._.agreements.values():
        if draft.round is None and any(s.start == before for s in draft.sents):
            draft.round = number


def _round_for(frame: Frame, rounds: list[tuple[int, int]]) -> int | None:
    inside = [
        (abs(start - frame.start), n)
        for start, n in rounds
        if frame.sent.start <= start < frame.sent.end
    ]
    return min(inside)[1] if inside else None


def _planned(frame: Frame, cues: list[Span]) -> bool:
    """Talks still to come ("a third meeting was due to be held on Wednesday") reached nothing."""
    end = max([frame.end] + [span.end for span, _ in frame.dates])
    lo = max(frame.sent.start, frame.start - MODAL_REACH)
    return any(c.label_ in PLANNED and lo <= c.start < end for c in cues)


def _from_talks(ref: RefDraft, talks: RefDraft) -> None:
    """An agreement the text does not date was reached at the talks it last dated.

    "Negotiators met in Istanbul on Wednesday ... The delegations agreed to exchange
    1,200 each": the agreement is Wednesday's, in Istanbul, at that round.
    """
    ref.date, ref.round = talks.date, talks.round
    ref.location = ref.location or talks.location


UNDER = frozenset({"under", "within", "since"})
"""Words that make an agreement word one already reached, named for what follows from it
("freed under the deal", "18 have come out since the truce began")."""
DETERMINERS = frozenset({"the", "this", "that", "its", "their", "a", "an"})
PARTICIPLE_REACH = 4
"""Tokens after the deal word within which its own participle stands (", which was reached")."""


def _own_dates(frame: Frame, participles: frozenset[str]) -> list[tuple[Span, DateMention]]:
    """The dates of the agreement itself.

    In "with tonight's group, 50 hostages have come out under the deal" the day is the
    release's: a deal named after "under" is dated only inside its own noun phrase
    ("under the June 2 agreement") or by a participle of its own ("under an agreement
    reached last week").
    """
    doc, anchor = frame.sent.doc, frame.anchors[0]
    k = anchor.start - 1
    while k > frame.sent.start and (
        doc[k].lower_ in DETERMINERS or doc[k].like_num or doc[k].is_title
    ):
        k -= 1
    if doc[k].lower_ not in UNDER:
        return frame.dates
    if any(t.lower_ in participles for t in doc[anchor.end : anchor.end + PARTICIPLE_REACH]):
        return frame.dates
    return [(s, m) for s, m in frame.dates if k < s.start and s.end <= anchor.start]


def _date_ref(ref: RefDraft, frame: Frame, dates: list[tuple[Span, DateMention]]) -> None:
    """A day dates the agreement; a month or "last week" only bounds it.

    A day inside those bounds later in the sentence pins it down ("reached last month
    ..., held on 2 June").
    """
    for _, mention in dates:
        value = mention.value
        if value is None or mention.since:
            continue
        if not value.is_day:
            if ref.not_before is None:
                ref.not_before, ref.not_after = _bounds(value.start, value.end)
            continue
        if ref.not_before is None or ref.not_before <= value.start <= str(ref.not_after):
            ref.date, ref.not_before, ref.not_after = value.start, None, None
        return


def _bounds(start: str, end: str) -> tuple[str, str]:
    if len(start) == 7:
        return calendar.month_bounds(start)[0], calendar.month_bounds(end)[1]
    return start, end


def provided_to(doc: Doc, sent: Span) -> AgreementDraft | None:
    """The dated agreement a pledge in ``sent`` belongs to: its sentence's, else the last before."""
    drafts = list(doc._.agreements.values())
    same = [d for d in drafts if any(s.start == sent.start for s in d.sents)]
    before = [d for d in drafts if d.sents[0].start <= sent.start]
    candidates = same or before[-1:] or drafts
    return candidates[0] if candidates else None

"""Statements: who said what about an exchange, where and when, and whether it was disputed.

Each speech cue looks for its speaker: a gazetteer entity ("the Russian Defence
Ministry said"), a side's officials ("Russian officials claimed"), a person the
NER finds (minted as a new Person), a pronoun or a bare "the ministry" (the
last such speaker). The quote is the quoted words, else the reported clause.
Results: ``doc._.statements``, ``doc._.minted``.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.facts import Entity
from kg.gazetteer import DEMONYM, Gazetteer
from kg.namespaces import ID
from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.drafts import StatementDraft
from kg.nlp.entities import SPANS_KEY as ENTITIES
from kg.nlp.exchanges import event_date
from kg.nlp.quotes import RIGHT_CUES, quote_of, quoted_chars
from kg.nlp.sides import side_of

SKIPPABLE = frozenset(
    {
        "also",
        "has",
        "had",
        "have",
        "later",
        "earlier",
        "then",
        "'",
        "’",
        "in",
        "a",
        "on",
        "telegram",
        "x",
        "statement",
        "its",
        "his",
        "her",
        "their",
    }
)
PREFERENCE = {"Person": 0, "Organisation": 1}
RIGHT_REACH = 10
STANCES = {"CLAIM": "Claim", "DENIAL": "Denial"}
LEFT_REACH = 5
APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "which", "who"})
"""Words that open an aside between a speaker and its verb ("X, which brokered the deal, said")."""
OWNER_MODIFIERS = 2
"""Words allowed between a possessive and its speaker noun ("Hamas's armed wing")."""
TITLE_WORDS = 4
"""Capitalised words of a title before a sentence's subject ("Foreign Minister X")."""
SUBJECT_REACH = 3
"""How far into a sentence its first named person still stands as its subject ("President X")."""


@Language.factory(
    "kg_statements",
    default_config={
        "gazetteer": {"@misc": "kg.gazetteer.v1"},
        "lexicon": {"@misc": "kg.lexicon.v1"},
    },
)
def make_statements(
    nlp: Language, name: str, gazetteer: Gazetteer, lexicon: dict[str, Any]
) -> Statements:
    return Statements(gazetteer, lexicon)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Statements:
    """Speaker finding and quote cutting; one pass over the speech frames."""

    def __init__(self, gazetteer: Gazetteer, lexicon: dict[str, Any]) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.continued = False
        """Whether the current speaker is a pronoun for the last one: the same speech goes on."""
        self.speaker_nouns = set(lexicon["speaker_nouns"])
        self.pronouns = set(lexicon["pronouns"])
        self.personal = set(lexicon["personal_pronouns"])
        self.heads = _org_heads(gazetteer)
        self.roles = {tuple(k.split()): v for k, v in lexicon["role_nouns"].items()}
        self.anaphors = frozenset(lexicon["organisation_anaphors"])

    def __call__(self, doc: Doc) -> Doc:
        doc._.statements, doc._.minted = [], []
        self.last: list[str] = []
        self.last_date: str | None = None
        self.seen: list[Span] = []
        entities = list(doc.spans[ENTITIES])
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        for frame in doc._.frames:
            if frame.kind == "speech":
                for anchor in frame.anchors:
                    self._statement(doc, frame, anchor, entities, persons)
        doc._.statements = _deduplicated(doc._.statements)
        return doc

    def _statement(
        self, doc: Doc, frame: Any, anchor: Span, entities: list[Span], persons: list[Span]
    ) -> None:
        sent = frame.sent
        self.seen = [e for e in entities if e.end <= anchor.start] or self.seen
        self.continued = False
        self.context: Span | None = None
        speakers = self._speakers(doc, anchor, sent, entities, persons)
        if not speakers:
            return
        self.last = speakers
        quote, quoted = quote_of(doc, sent, anchor)
        if not quote:
            return
        for speaker in speakers:
            draft = StatementDraft(
                speaker, quote, sent, quoted, stance=STANCES.get(anchor.label_, "Announcement")
            )
            draft.channel = _channel(sent, self.lexicon["channels"])
            if draft.channel is None and self.context is not None:
                draft.channel = _channel(self.context, self.lexicon["channels"])
            draft.about = _about(doc, sent)
            draft.date = _date(doc, frame, draft.about)
            if self.continued and not frame.dates:
                draft.date = self.last_date
            if draft.stance == "Denial":
                draft.responds_to = _claim_before(doc._.statements)
                draft.date = draft.responds_to.date if draft.responds_to else draft.date
            doc._.statements.append(draft)
            self.last_date = draft.date

    def _speakers(
        self, doc: Doc, anchor: Span, sent: Span, entities: list[Span], persons: list[Span]
    ) -> list[str]:
        """Who speaks: named before the verb, or after it ("said Peskov"); after a claim or
        denial verb stands its object ("accused Kyiv"), never its speaker."""
        if anchor.text.lower() in RIGHT_CUES:
            return self._named_after(doc, anchor, sent, entities, persons)
        left = self._appositive_head(doc, anchor, sent, entities, persons)
        left = left or self._at(doc, anchor.start - 1, sent, entities, persons, step=-1)
        if left or anchor.label_ in STANCES:
            return left or self._shared_subject(doc, anchor, sent, entities, persons)
        right = self._at(doc, anchor.end, sent, entities, persons, step=1, reach=2)
        return right or self._shared_subject(doc, anchor, sent, entities, persons)

    def _shared_subject(
        self, doc: Doc, anchor: Span, sent: Span, entities: list[Span], persons: list[Span]
    ) -> list[str]:
        """ "X received Y at the palace and said ...": the second verb shares X, the subject,
        which may follow a title ("Foreign Minister Mohammad Javad Zarif ... added")."""
        if anchor.start - 1 <= sent.start or doc[anchor.start - 1].lower_ != "and":
            return []
        leading = [
            e
            for e in entities
            if sent.start <= e.start < sent.start + TITLE_WORDS and e.id_ != DEMONYM
        ]
        if leading and all(t.is_title for t in doc[sent.start : leading[0].start]):
            return [leading[0].kb_id_] if self._is_party(leading[0].kb_id_) else []
        return self._at(doc, sent.start, sent, entities, persons, step=1, reach=2)

    def _appositive_head(
        self, doc: Doc, anchor: Span, sent: Span, entities: list[Span], persons: list[Span]
    ) -> list[str]:
        """ "A, an adviser to B, said": A speaks; B only describes A.

        A person before the aside speaks whatever the aside says ("A, Ukraine's human
        rights commissioner, wrote"): the aside gives A's office.
        """
        if anchor.start - 1 <= sent.start or doc[anchor.start - 1].text != ",":
            return []
        commas = [k for k in range(sent.start, anchor.start - 1) if doc[k].text == ","]
        if not commas:
            return []
        head = commas[-1] - 1
        named = [e for e in entities if e.end - 1 == head and e.label_ == "Person"]
        if named:
            return [named[0].kb_id_]
        if any(p.end - 1 == head for p in persons) and not any(e.end - 1 == head for e in entities):
            return self._at(doc, head, sent, entities, persons, step=-1, reach=1)
        if doc[commas[-1] + 1].lower_ not in APPOSITIVE_OPENERS:
            return []
        return self._at(doc, head, sent, entities, persons, step=-1, reach=1)

    def _named_after(
        self, doc: Doc, anchor: Span, sent: Span, entities: list[Span], persons: list[Span]
    ) -> list[str]:
        """In "according to the President of Ukraine Volodymyr Zelensky", the most specific name."""
        end = anchor.end
        while end < min(sent.end, anchor.end + RIGHT_REACH) and not doc[end].is_punct:
            end += 1
        found = [e for e in entities if anchor.end <= e.start < end and e.id_ != DEMONYM]
        found.sort(key=lambda e: (PREFERENCE.get(e.label_, 2), e.start))
        if found:
            return [found[0].kb_id_]
        named = [p for p in persons if anchor.end <= p.start < end]
        return [self._mint(doc, named[0])] if named else []

    def _at(self, doc, i, sent, entities, persons, step, reach=LEFT_REACH) -> list[str]:
        """The speaker whose words end (step -1) or start (step 1) within ``reach`` tokens of i."""
        for _ in range(reach):
            if not sent.start <= i < sent.end:
                return []
            found = self._speaker_at(doc, i, entities, persons, step)
            if found is not None:
                return found
            if doc[i].lower_ not in SKIPPABLE and not doc[i].is_punct and doc[i].lower_ != "the":
                return []
            i += step
        return []

    def _speaker_at(self, doc, i, entities, persons, step) -> list[str] | None:
        for span in entities:
            if (span.end - 1 if step < 0 else span.start) == i:
                return self._from_entity(doc, span, entities)
        for span in persons:
            if (span.end - 1 if step < 0 else span.start) == i:
                return [self._mint(doc, span)]
        return self._by_role(doc, i, step) or self._from_word(doc, i, entities)

    def _by_role(self, doc: Doc, i: int, step: int) -> list[str] | None:
        """ "the president told reporters", "underlined the Head of State": the last person
        named before whose office (``pow:role``) fits."""
        for words, offices in self.roles.items():
            lo = i - len(words) + 1 if step < 0 else i
            if lo < 1 or [t.lower_ for t in doc[lo : lo + len(words)]] != list(words):
                continue
            if doc[lo - 1].lower_ != "the":
                continue
            for span in reversed(self.seen):
                entry = self.gazetteer.entries.get(span.kb_id_)
                role = (entry.role or "").lower() if entry and entry.kind == "Person" else ""
                if any(office in role for office in offices):
                    return [span.kb_id_]
        return None

    def _from_entity(self, doc: Doc, span: Span, entities: list[Span]) -> list[str] | None:
        """In "the defense ministry in Moscow" the head, not the place; "X officials": the side."""
        before = [e for e in entities if e.end <= span.start - 1 and span.start - e.end <= 1]
        if span.start > 0 and doc[span.start - 1].lower_ in ("in", "of") and before:
            span = before[-1]
        if span.id_ == DEMONYM:
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is None or nxt.lower_ not in self.speaker_nouns:
                return None
        speakers = [span.kb_id_]
        if span.start >= 2 and doc[span.start - 1].lower_ == "and":
            speakers += [e.kb_id_ for e in entities if e.end == span.start - 1]
        return [s for s in speakers if self._is_party(s)] or None

    def _is_party(self, iri: str) -> bool:
        """Only parties speak: "said in Istanbul" names a place, not a speaker."""
        entry = self.gazetteer.entries.get(iri)
        return entry is not None and entry.kind != "Location"

    def _from_word(self, doc: Doc, i: int, entities: list[Span]) -> list[str] | None:
        word = doc[i].lower_
        owner = _owner(doc, i, entities)
        if word in self.speaker_nouns and owner:
            side = side_of(owner[0].kb_id_, self.gazetteer)
            return [side] if side else None
        if word in self.pronouns and doc[i].pos_ == "PRON":
            if word in self.personal and (subject := self._previous_subject(doc, i, entities)):
                self.continued = self.last == [subject]
                return [subject]
            self.continued = bool(self.last)
            return self.last or None
        if word.rstrip("'’") in self.heads:
            iris = self.heads[word.rstrip("'’")]
            recent = [e.kb_id_ for e in self.seen if e.kb_id_ in iris]
            if recent:
                return recent[-1:]
        if word in self.anaphors and i > 0 and doc[i - 1].lower_ == "the":
            return self._recent_body(doc, i)
        return None

    def _recent_body(self, doc: Doc, i: int) -> list[str] | None:
        """ "the agency said", "the group said": the organisation or armed group named last,
        in this sentence or the two before it."""
        start = doc[i].sent.start
        for _ in range(2):
            start = doc[start - 1].sent.start if start > 0 else start
        for span in reversed(self.seen):
            entry = self.gazetteer.entries.get(span.kb_id_)
            if span.start < start:
                return None
            if entry is not None and entry.kind in ("Organisation", "ArmedGroup"):
                return [span.kb_id_]
        return None

    def _previous_subject(self, doc: Doc, i: int, entities: list[Span]) -> str | None:
        """ "he"/"she" is the person who leads the sentence before, or the only person it
        names, not the last speaker.

        "Z posted photos on Telegram. 'Welcome home,' he wrote." is Z, even if a ministry
        spoke last (a ministry is never "he"), and the channel of that sentence is Z's.
        """
        sent = doc[i].sent
        if sent.start == 0:
            return None
        before = doc[sent.start - 1].sent
        named = [e for e in entities if before.start <= e.start < before.end and e.id_ != DEMONYM]
        people = [e for e in named if self._kind(e) == "Person"]
        leads = bool(named) and named[0].start - before.start < SUBJECT_REACH
        if not people or not ((leads and self._kind(named[0]) == "Person") or len(people) == 1):
            return None
        self.context = before
        return people[0].kb_id_

    def _kind(self, span: Span) -> str | None:
        entry = self.gazetteer.entries.get(span.kb_id_)
        return entry.kind if entry else None

    def _mint(self, doc: Doc, span: Span) -> str:
        label = span.text.strip()
        entity = Entity(ID + "person/" + _slug(label), label, "Person")
        if entity not in doc._.minted:
            doc._.minted.append(entity)
        return entity.iri


def _owner(doc: Doc, i: int, entities: list[Span]) -> list[Span]:
    """Whose the speaker noun at i is: "Russian officials", "Hamas's armed wing"."""
    j = i
    while j > 0 and i - j < OWNER_MODIFIERS and doc[j - 1].is_lower and doc[j - 1].is_alpha:
        j -= 1
    if j > 0 and doc[j - 1].lower_ in ("'s", "’s"):
        j -= 1
    elif j != i:
        return []
    return [e for e in entities if e.end == j]


def _org_heads(gazetteer: Gazetteer) -> dict[str, set[str]]:
    """Head nouns of organisation names ("ministry", "headquarters") -> those organisations."""
    heads: dict[str, set[str]] = {}
    for form in gazetteer.forms:
        if gazetteer.entries[form.iri].kind == "Organisation":
            words = form.text.lower().split()
            heads.setdefault(words[-1], set()).add(form.iri)
    return heads


def _channel(sent: Span, channels: dict[str, str]) -> str | None:
    text = " " + sent.text.lower() + " "
    for phrase, channel in channels.items():
        if phrase == "on x":
            if re.search(r"\bon X\b", sent.text):
                return channel
        elif re.search(r"\b" + re.escape(phrase) + r"\b", text):
            return channel
    return None


def _about(doc: Doc, sent: Span) -> tuple[str, object] | None:
    frames = [f for f in doc._.frames if f.sent.start == sent.start]
    for frame in frames:
        value = event_date(frame) if frame.kind == "event" else None
        if value is not None and value.start in doc._.exchanges:
            return ("exchange", value.start)
    for date, agreement in doc._.agreements.items():
        if any(s.start == sent.start for s in agreement.sents):
            return ("agreement", date)
    if doc._.primary:
        return ("exchange", doc._.primary)
    if len(doc._.agreements) == 1:
        return ("agreement", next(iter(doc._.agreements)))
    return None


def _date(doc: Doc, frame: Any, about: tuple[str, object] | None) -> str | None:
    """The statement's own day (or that of another speech verb in its sentence), else the day
    of the exchange it reports, else the article's date. An agreement's day is when it was
    reached, not when someone spoke of it.

    A statement dated only roughly ("an interview broadcast last week") has no day: the
    day of what it reports would be a guess.
    """
    said = [f for f in doc._.frames if f.kind == "speech" and f.sent.start == frame.sent.start]
    quoted = quoted_chars(frame.sent)
    for other in [frame, *said]:
        for span, mention in other.dates:
            if mention.value is not None and mention.value.is_day and span.start_char not in quoted:
                return mention.value.start
    own = [m for s, m in frame.dates if s.start_char not in quoted]
    if any(m.value is not None and not m.since for m in own):
        return None
    if about and about[0] == "exchange" and len(str(about[1])) == 10:
        return str(about[1])
    return doc._.anchor


def _claim_before(statements: list[StatementDraft]) -> StatementDraft | None:
    claims = [s for s in statements if s.stance == "Claim"]
    return claims[-1] if claims else None


def _deduplicated(statements: list[StatementDraft]) -> list[StatementDraft]:
    """A paraphrase by a speaker who is also quoted on the same thing adds only its channel."""
    quoted = {(s.speaker, s.about) for s in statements if s.quoted}
    kept, seen, channels = [], set(), {}
    for s in statements:
        key = (s.speaker, s.quote)
        if key in seen or (
            not s.quoted and (s.speaker, s.about) in quoted and s.stance == "Announcement"
        ):
            channels.setdefault((s.speaker, s.about), s.channel)
            continue
        seen.add(key)
        kept.append(s)
    for s in kept:
        s.channel = s.channel or channels.get((s.speaker, s.about))
    return kept

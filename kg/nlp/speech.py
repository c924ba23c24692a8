"""Statements read from the parse: who said what, on which channel, when.

The speaker is the subject of a speech verb ("Zelensky said", "said Peskov"), the
object of "according to", or the owner of a statement ("a statement from the
ministry said"); a name the gazetteer lacks is the model's, with its title
("presidential commissioner Dmytro Lubinets"). "He" is the person spoken of last, "the
ministry" the organisation named last. The words said are the quotation next to the
verb, or the clause it reports. The channel is a channel word in the verb's clause
("on Telegram", "in a video address"). Results: ``doc._.speech``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.nlp import loaders  # noqa: F401 - registers the loaders named in the config
from kg.nlp.clauses import clause_tokens, noun_phrase, subjects
from kg.nlp.extensions import text_of
from kg.nlp.index import DocIndex, index_of
from kg.nlp.lexicon import Lexicon
from kg.nlp.mentions import Name, SpeechMention
from kg.nlp.quotes import Spans, is_quote, quotations

KIND_ORDER = {"Person": 0, "Organisation": 1, "ArmedGroup": 2, "State": 3, "Party": 3}
PERSON_NOUNS = frozenset(
    {
        "president",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "envoy",
        "chief",
        "head",
        "premier",
        "commissioner",
        "ombudsman",
        "negotiator",
        "adviser",
        "advisor",
        "aide",
        "secretary",
        "governor",
        "mayor",
        "official",
        "diplomat",
        "ambassador",
    }
)
"""Speaker nouns that stand for a person named before ("the president said")."""
STATE_NOUNS = frozenset(
    {"government", "authority", "side", "country", "state", "leadership", "regime"}
)
"""Speaker nouns that stand for a state named before ("the government said")."""
QUOTE_GAP = 3
"""Characters (spaces, a comma) between a quotation and the sentence that attributes it."""


@Language.factory(
    "kg_speech",
    requires=["token.dep", "token.lemma", "doc._.names", "doc._.dates", "doc._.events"],
    assigns=["doc._.speech"],
    default_config={"lexicon": {"@misc": "kg.lexicon.v2"}},
)
def make_speech(nlp: Language, name: str, lexicon: Lexicon) -> SpeechReader:
    return SpeechReader(lexicon)


class SpeechReader:
    """One pass over the speech words of a Doc, remembering who spoke last."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        index = index_of(doc)
        text = text_of(doc)
        marks = Spans([q for q in quotations(text) if is_quote(text, *q)])
        triggers = _Triggers(doc, [e.trigger for e in doc._.events or ()])
        found: list[SpeechMention] = []
        memory = _Memory()
        for token in doc:
            verb = self._speech_word(token)
            if verb is None:
                memory.see(index, token)
                continue
            mention = self._mention(index, token, verb, marks, triggers, memory)
            if mention is not None:
                found.append(mention)
                memory.spoke(mention, index)
            memory.see(index, token)
        found += self._unattributed(index, text, marks, found, triggers)
        doc._.speech = _deduplicated(sorted(found, key=lambda m: m.quote_start))
        return doc

    def _unattributed(
        self,
        index: DocIndex,
        text: str,
        marks: Spans,
        found: list[SpeechMention],
        triggers: _Triggers,
    ) -> list[SpeechMention]:
        """Quotations no verb attributes: a second quote after "..., he said." in the same
        paragraph, a quoted paragraph after "X confirmed the exchange in a Telegram post.",
        or after a label line "Alexander Fomin, Deputy Minister of Defence:"."""
        taken = Spans([(m.quote_start, m.quote_end) for m in found if m.quoted])
        told = sorted(found, key=lambda m: index.doc[m.verb].idx)
        verbs = [index.doc[m.verb].idx for m in told]
        extra: list[SpeechMention] = []
        for start, end in marks:
            if taken.meeting(start, end - 1):
                continue
            k = bisect_left(verbs, start)
            speakers, source = self._label(index, text, start), None
            if not speakers and k:
                source = told[k - 1]
                gap = text[_sentence_end(index, source) : start]
                if gap.count("\n") > 2 or gap.strip(" \n\t\"“”'") != "":
                    continue
                speakers = list(source.speakers)
            if not speakers:
                continue
            token = index.doc.char_span(start, end, alignment_mode="expand")
            if token is None:
                continue
            mention = SpeechMention(
                verb=source.verb if source else token.start,
                sent=index.sentence_number(token.start),
                speakers=tuple(speakers),
                quote=_said(text, start, end),
                quote_start=start,
                quote_end=end,
                quoted=True,
                channel=source.channel if source else None,
                dates=source.dates if source else (),
                events=triggers.between(start, end),
            )
            extra.append(mention)
            k = bisect_right(verbs, index.doc[mention.verb].idx)
            verbs.insert(k, index.doc[mention.verb].idx)
            told.insert(k, mention)
        return extra

    def _label(self, index: DocIndex, text: str, start: int) -> list[str]:
        """The speaker of a label line ending in a colon right before a quotation."""
        head = text[:start].rstrip(" \t\n\"“«'‘")
        if not head.endswith(":"):
            return []
        line_start = text.rfind("\n", 0, len(head)) + 1
        span = index.doc.char_span(line_start, len(head), alignment_mode="expand")
        if span is None or any(t.pos_ == "VERB" for t in span):
            return []
        names = [n for n in index.names_in(range(span.start, span.end)) if n.kind != "Location"]
        return _best(names, False) if names else []

    def _speech_word(self, token: Token) -> str | None:
        """The stance of a speech verb, or of "according to"."""
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            return "Announcement"
        if token.pos_ != "VERB" or any(
            c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in self.lexicon.modality.modals)
            for c in token.children
        ):
            return None
        return self.lexicon.speech.verbs.get(token.lemma_.lower())

    def _mention(
        self,
        index: DocIndex,
        verb: Token,
        stance: str,
        marks: Spans,
        triggers: _Triggers,
        memory: _Memory,
    ) -> SpeechMention | None:
        if marks.holding(verb.idx):
            return None
        teller = self._reporter(index, verb) or verb
        speakers = self._speakers(index, teller, memory)
        if not speakers:
            return None
        sent = index.sent(verb.i)
        words = self._words(index, verb, sent, marks)
        if words is None:
            return None
        start, end, quoted = words
        clause = clause_tokens(verb)
        told = _told_when(verb) | (_told_when(teller) if teller != verb else set())
        mention = SpeechMention(
            verb=verb.i,
            sent=index.sentence_number(verb.i),
            speakers=tuple(speakers),
            quote=_said(text_of(index.doc), start, end),
            quote_start=start,
            quote_end=end,
            quoted=quoted,
            stance=stance,
            channel=self._channel(index, _outside(index, sent, start, end)),
            dates=tuple(
                d
                for d in index.dates_in(told)
                if not d.dateline and not d.since and not start <= d.start < end
            ),
            events=tuple(sorted(set(triggers.between(start, end)) | (triggers.tokens & clause))),
        )
        return self._continued(index, mention, teller, memory)

    def _reporter(self, index: DocIndex, verb: Token) -> Token | None:
        """ "Russia said Ukraine had postponed it, and accused Kyiv of stalling": the parser
        hangs "accused" on the reported clause, so its subject would be Ukraine; a speech
        verb whose object is its own subject's side is the reporting verb's second act."""
        current = verb
        while current.dep_ == "conj" and current.head != current:
            current = current.head
        if current.dep_ != "ccomp" or self._speech_word(current.head) is None:
            return None
        own = {n.side or n.iri for s in subjects(verb) for n in index.names_in(noun_phrase(s))}
        objects = {
            n.side or n.iri
            for c in verb.children
            if c.dep_ == "dobj"
            for n in index.names_in(noun_phrase(c))
        }
        return current.head if own & objects else None

    def _continued(
        self, index: DocIndex, mention: SpeechMention, verb: Token, memory: _Memory
    ) -> SpeechMention:
        """ "..., he said." goes on telling the speech of the sentence before: its day, and
        the channel that sentence named ("Zelensky posted a video on Telegram. '...', he
        wrote")."""
        if not any(s.lower_ in self.lexicon.speech.person_pronouns for s in subjects(verb)):
            return mention
        previous = mention.sent - 1
        last = memory.last_mention
        if last is not None and last.sent == previous and last.speakers == mention.speakers:
            return replace(
                mention,
                dates=mention.dates or last.dates,
                channel=mention.channel or last.channel,
            )
        if mention.channel is None and previous >= 0:
            before = index.sent(index.sent_starts[previous])
            tokens = set(range(before.start, before.end))
            if set(mention.speakers) & {n.iri for n in index.names_in(tokens)}:
                return replace(mention, channel=self._channel(index, tokens))
        return mention

    def _speakers(self, index: DocIndex, verb: Token, memory: _Memory) -> list[str]:
        quoting = self._quoting(verb)
        if verb.lower_ == "according":
            heads = [c for to in verb.children for c in to.children if c.dep_ == "pobj"]
        elif quoting is not None:
            heads = [c for c in quoting.children if c.dep_ in ("nsubjpass", "dobj")]
        else:
            heads = [s for s in subjects(verb) if s.dep_ == "nsubj"]
        found: list[str] = []
        for head in heads:
            found += self._speaker(index, head, memory)
        return list(dict.fromkeys(found))

    def _quoting(self, verb: Token) -> Token | None:
        """ "Peskov was quoted by RIA as saying" and "Interfax quoted the spokesman as
        saying": the one quoted speaks, not the agency that quotes."""
        marker = verb.head
        if verb.dep_ != "pcomp" or marker.lower_ != "as" or marker.dep_ != "prep":
            return None
        quoting = marker.head
        words = self.lexicon.speech.quote_verbs_with_object_speaker
        return quoting if quoting.lemma_.lower() in words else None

    def _speaker(self, index: DocIndex, head: Token, memory: _Memory) -> list[str]:
        speech = self.lexicon.speech
        if head.lemma_.lower() in speech.nouns:
            owners = [
                c
                for child in head.children
                if child.dep_ in ("poss", "compound") or child.lower_ in ("from", "by", "of")
                for c in ([child] if child.dep_ != "prep" else child.children)
            ]
            return [s for o in owners for s in self._speaker(index, o, memory)]
        names = [n for n in index.names_in(_speaker_phrase(index, head)) if n.kind != "Location"]
        people_word = head.lemma_.lower() in speech.speaker_nouns
        if not names and any(c.lower_ in ("both", "two", "all") for c in head.children):
            return []
        if names:
            return _best(names, people_word)
        lower = head.lower_
        if lower in speech.person_pronouns:
            return memory.person(index.sentence_number(head.i))
        if lower in ("it", "they", "we") and head.pos_ == "PRON":
            return memory.body() if lower != "we" else memory.last()
        if people_word:
            if lower in PERSON_NOUNS or head.lemma_.lower() in PERSON_NOUNS:
                return memory.person(index.sentence_number(head.i))
            if head.lemma_.lower() in STATE_NOUNS:
                return memory.state()
            if any(c.dep_ in ("poss", "compound") and c.pos_ == "NOUN" for c in head.children):
                return []
            return memory.body(head.lemma_.lower())
        return []

    def _words(
        self, index: DocIndex, verb: Token, sent: Span, marks: Spans
    ) -> tuple[int, int, bool] | None:
        """The quotation attributed by the verb's sentence, else the clause it reports."""
        text = text_of(index.doc)
        near = [
            (s, e)
            for s, e in marks.meeting(sent.start_char - QUOTE_GAP - 1, sent.end_char)
            if not s <= verb.idx < e
            and (
                sent.start_char <= e <= sent.end_char
                or sent.start_char <= s < sent.end_char
                or _attributed_after(text, e, sent.start_char)
            )
        ]
        if near:
            start, end = min(near, key=lambda q: min(abs(q[0] - verb.idx), abs(q[1] - verb.idx)))
            return start, end, True
        if verb.lower_ == "according":
            tokens = _beside(verb, sent)
        elif reported := [c for c in verb.children if c.dep_ == "ccomp"]:
            tokens = sorted(t.i for r in reported for t in r.subtree if not _lead(t, r))
        else:
            tokens = [t for t in _predicate(verb) if t not in self._channel_phrases(index, verb)]
        if not tokens:
            return None
        doc = index.doc
        start, end = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]])
        return start, end, False

    def _channel_phrases(self, index: DocIndex, verb: Token) -> set[int]:
        """ "thanked Tehran on Twitter": the phrases of the verb that name its channel."""
        return {
            t.i
            for c in verb.children
            if c.dep_ == "prep" and self._channel(index, {t.i for t in c.subtree}) is not None
            for t in c.subtree
        }

    def _channel(self, index: DocIndex, tokens: set[int]) -> str | None:
        """A platform named beside the words ("on Telegram", "on her X account"), else a
        format ("in a video address")."""
        doc = index.doc
        words = [doc[i] for i in sorted(tokens)]
        lowered = " " + " ".join(t.lower_ for t in words) + " "
        for table in (self.lexicon.channels, self.lexicon.channel_formats):
            for phrase, channel in sorted(table.items(), key=lambda p: -len(p[0])):
                if phrase == "x":
                    if any(t.text in ("X", "X.") and _platform_x(t) for t in words):
                        return channel
                elif f" {phrase} " in lowered:
                    return channel
        return None


def _platform_x(token: Token) -> bool:
    """ "X" the platform, not a letter: after "on"/"via", or naming a post or account (at a
    sentence's end the tokenizer keeps the full stop: "said on X.")."""
    doc = token.doc
    before = doc[max(0, token.i - 3) : token.i]
    after = doc[token.i + 1 : token.i + 2]
    return (
        any(t.lower_ in ("on", "via") for t in before)
        or any(t.lemma_.lower() in ("post", "account", "page", "feed") for t in after)
        or token.head.lemma_.lower() in ("service", "platform", "network", "account", "post")
    )


class _Triggers:
    """Event triggers by position, to find those inside a quotation or a clause."""

    def __init__(self, doc: Doc, triggers: list[int]) -> None:
        self.tokens = frozenset(triggers)
        self.order = sorted(triggers)
        self.offsets = [doc[t].idx for t in self.order]

    def between(self, start: int, end: int) -> tuple[int, ...]:
        """Triggers whose word starts in ``[start, end)``."""
        return tuple(self.order[bisect_left(self.offsets, start) : bisect_left(self.offsets, end)])


class _Memory:
    """Who was spoken of and who spoke, for "he", "it" and "the ministry"."""

    def __init__(self) -> None:
        self.people: list[str] = []
        self.bodies: list[str] = []
        self.body_by_word: dict[str, str] = {}
        """The organisation or armed group named last with each word of its name."""
        self.states: list[str] = []
        self.speakers: list[str] = []
        self.last_mention: SpeechMention | None = None
        self.subjects: list[tuple[int, str]] = []
        """(sentence, person) for each person named as a subject."""

    def see(self, index: DocIndex, token: Token) -> None:
        name = index.name(token)
        if name is None or name.start != token.i:
            return
        if name.kind == "Person":
            self.people.append(name.iri)
            if index.doc[name.end - 1].dep_ in ("nsubj", "nsubjpass"):
                self.subjects.append((index.sentence_number(token.i), name.iri))
        elif name.kind in ("Organisation", "ArmedGroup"):
            self.bodies.append(name.iri)
            for word in index.doc[name.start : name.end].text.lower().split():
                self.body_by_word[word] = name.iri
        elif name.kind == "State" and name.how != "demonym":
            self.states.append(name.iri)

    def spoke(self, mention: SpeechMention, index: DocIndex) -> None:
        self.speakers = list(mention.speakers)
        self.last_mention = mention

    def person(self, sent: int) -> list[str]:
        """ "Umerov pressed for a meeting between Zelensky and Putin. '...,' he said": the
        person the sentence before was about, else the one named last."""
        if self.subjects and sent - 1 <= self.subjects[-1][0] <= sent:
            return [self.subjects[-1][1]]
        return self.people[-1:]

    def body(self, noun: str | None = None) -> list[str]:
        """ "the ministry said": the body last named with that word ("Turkey's foreign
        ministry" rather than a town the model took for an organisation), else the last."""
        if noun is not None and noun in self.body_by_word:
            return [self.body_by_word[noun]]
        return self.bodies[-1:]

    def state(self) -> list[str]:
        return self.states[-1:]

    def last(self) -> list[str]:
        return self.speakers[-1:]


def _best(names: list[Name], people_word: bool) -> list[str]:
    """The most specific speakers of a subject: people before bodies before states.

    "Russian officials" (a demonym and a speaker noun) speak for Russia; "Ukraine's
    President Volodymyr Zelensky" is Zelensky.
    """
    ranked = sorted(names, key=lambda n: KIND_ORDER.get(n.kind, 9))
    best = KIND_ORDER.get(ranked[0].kind, 9)
    chosen = [n for n in ranked if KIND_ORDER.get(n.kind, 9) == best]
    if all(n.how == "demonym" for n in chosen) and not people_word:
        return []
    return list(dict.fromkeys(n.iri if n.how != "demonym" else (n.side or n.iri) for n in chosen))


def _beside(verb: Token, sent: Span) -> list[int]:
    """ "..., according to the ministry": the sentence without the attribution."""
    phrase = verb.head if verb.dep_ == "prep" else verb
    own = {t.i for t in phrase.subtree} if phrase.head != phrase else {t.i for t in verb.subtree}
    tokens = [t.i for t in sent if t.i not in own and not t.is_space]
    while tokens and (sent.doc[tokens[-1]].is_punct):
        tokens.pop()
    return tokens


def _predicate(verb: Token) -> list[int]:
    """What a verb says of its subject ("calls the swap a humanitarian step")."""
    skip = {
        t.i
        for c in verb.children
        if c.dep_ in ("nsubj", "punct", "aux", "advmod", "cc", "conj")
        for t in c.subtree
    }
    tokens = sorted(t.i for t in verb.subtree if t.i not in skip and t.i > verb.i)
    while tokens and verb.doc[tokens[-1]].is_punct:
        tokens.pop()
    return tokens


def _sentence_end(index: DocIndex, mention: SpeechMention) -> int:
    """Where the sentence of a statement (or its quotation) ends."""
    sent = index.sent(mention.verb)
    return max(sent.end_char, mention.quote_end + 1)


def _speaker_phrase(index: DocIndex, head: Token) -> set[int]:
    """The subject's noun phrase; a possessor counts only when nothing else is named
    ("Tsikhanouski's wife Sviatlana Tsikhanouskaya" is she; "Russia's defence ministry"
    is the ministry, found with its possessor); "officials in Kyiv" speak for Kyiv."""
    phrase = noun_phrase(head)
    owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    phrase = phrase - owners if index.names_in(phrase - owners) else phrase
    return phrase | {
        t
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("in", "from", "at")
        for obj in c.children
        if obj.dep_ == "pobj"
        for t in noun_phrase(obj)
    }


def _attributed_after(text: str, end: int, start: int) -> bool:
    """ "... our people,” / he said": a quotation that ends in a comma just before the
    sentence that names its speaker."""
    return 0 <= start - end <= QUOTE_GAP and text[max(0, end - 1)] in ",—–-"


def _when_clause(verb: Token) -> set[int]:
    """ "Tensions flared on June 7, when officials claimed ...": the day of the clause a
    "when" clause hangs on is the day of its words."""
    if verb.dep_ not in ("advcl", "relcl") or not any(
        c.lower_ == "when" for c in verb.children if c.dep_ in ("advmod", "mark")
    ):
        return set()
    own = {t.i for t in verb.subtree}
    return {t.i for t in verb.head.subtree} - own


def _told_when(verb: Token) -> set[int]:
    """Where the day of the words is told: the verb's clause, the clause a "when" clause
    hangs on, and participles of its nouns ("in an interview aired last week")."""
    clause = clause_tokens(verb)
    participles = {
        t.i
        for i in clause
        for c in verb.doc[i].children
        if c.dep_ == "acl" and c.tag_ == "VBN"
        for t in c.subtree
    }
    return clause | _when_clause(verb) | participles


def _lead(token: Token, clause: Token) -> bool:
    """The "that" opening a reported clause."""
    return token.head == clause and token.dep_ == "mark" and token.i < clause.i


def _said(text: str, start: int, end: int) -> str:
    """The words said, without the comma that hands them to their speaker."""
    return text[start:end].strip().rstrip(",;:").rstrip()


def _outside(index: DocIndex, sent: Span, start: int, end: int) -> set[int]:
    """The sentence's tokens outside the words said: where a channel may be named."""
    return {t.i for t in sent if not start <= t.idx < end}


def _deduplicated(found: list[SpeechMention]) -> list[SpeechMention]:
    """One statement per speaker and words; the first keeps its place."""
    seen: set[tuple[tuple[str, ...], int]] = set()
    kept = []
    for mention in found:
        key = (mention.speakers, mention.quote_start)
        if key not in seen:
            seen.add(key)
            kept.append(mention)
    return kept

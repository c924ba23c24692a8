"""kg.nlp.story: the kg_story component over mentions set by hand on a hand-made parse.

The event and deal mentions are what kg_events and kg_agreements would have read from
the sentences each test quotes; kg_story decides from them what the article reports.
"""

import pytest

from kg.namespaces import ID
from kg.nlp.mentions import DealMention, EventMention, Name, People
from tests.nlp_docs import named, parsed, pipeline, prepared, run

UA, RU = ID + "state/ukraine", ID + "state/russia"
ANKARA = ID + "place/ankara"


@pytest.fixture(scope="module")
def nlp():
    return pipeline("kg_story")


def _facts(nlp, doc, names, events=(), deals=()):
    doc = prepared(doc, names)
    doc._.events = list(events)
    doc._.deals = list(deals)
    doc._.speech = []
    return run(nlp, doc)._.facts


def _dated(doc, text):
    """The date mention spelt ``text`` in the Doc's dates."""
    return next(d for d in doc._.dates if d.text == text)


def _ways(transfers):
    return {(t.source, t.target, t.count) for t in transfers}


# "Russia released 20 Ukrainian soldiers on June 3 in exchange for 20 Russian servicemen."
COUNTER = """
    Russia      -           PROPN NNP nsubj  1
    released    release     VERB  VBD ROOT   1
    20          -           NUM   CD  nummod 4
    Ukrainian   -           ADJ   JJ  amod   4
    soldiers    soldier     NOUN  NNS dobj   1
    on          -           ADP   IN  prep   1
    June        -           PROPN NNP pobj   5
    3           -           NUM   CD  nummod 6
    in          -           ADP   IN  prep   1
    exchange    -           NOUN  NN  pobj   8
    for         -           ADP   IN  prep   9
    20          -           NUM   CD  nummod 13
    Russian     -           ADJ   JJ  amod   13
    servicemen  serviceman  NOUN  NNS pobj   10
"""


def _counter(nlp):
    doc = parsed(COUNTER)
    names = [
        named(doc, "Russia", RU),
        named(doc, "Ukrainian", UA, how="demonym"),
        named(doc, "Russian", RU, how="demonym"),
    ]
    doc = prepared(doc, names)
    release = EventMention(
        trigger=1,
        frame="give",
        sent=0,
        lemma="release",
        agents=(RU,),
        people=(People(head=4, count=20, side=UA, start=2),),
        counter=(People(head=13, count=20, side=RU, start=11),),
        dates=(_dated(doc, "June 3"),),
    )
    return _facts(nlp, doc, names, [release])


def test_story_dated_event_is_an_exchange_on_its_day(nlp):
    assert [(e.start, e.end) for e in _counter(nlp).exchanges] == [("2025-06-03", "2025-06-03")]


def test_story_event_and_its_counter_are_two_transfers(nlp):
    (exchange,) = _counter(nlp).exchanges
    assert _ways(exchange.transfers) == {(RU, UA, 20), (UA, RU, 20)}


def test_story_exchange_parties_are_the_two_sides(nlp):
    assert [e.parties for e in _counter(nlp).exchanges] == [(RU, UA)]


# "Russia freed 20 Ukrainian soldiers on June 3.
#  On May 20 Ukraine freed 10 Russian soldiers and Russia returned 5 Ukrainian civilians."
TWO_DAYS = """
    Russia     -         PROPN NNP nsubj  1
    freed      free      VERB  VBD ROOT   1
    20         -         NUM   CD  nummod 4
    Ukrainian  -         ADJ   JJ  amod   4
    soldiers   soldier   NOUN  NNS dobj   1
    on         -         ADP   IN  prep   1
    June       -         PROPN NNP pobj   5
    3          -         NUM   CD  nummod 6
    .          -         PUNCT .   punct  1
    On         -         ADP   IN  prep   13
    May        -         PROPN NNP pobj   9
    20         -         NUM   CD  nummod 10
    Ukraine    -         PROPN NNP nsubj  13
    freed      free      VERB  VBD ROOT   13
    10         -         NUM   CD  nummod 16
    Russian    -         ADJ   JJ  amod   16
    soldiers   soldier   NOUN  NNS dobj   13
    and        -         CCONJ CC  cc     13
    Russia     -         PROPN NNP nsubj  19
    returned   return    VERB  VBD conj   13
    5          -         NUM   CD  nummod 22
    Ukrainian  -         ADJ   JJ  amod   22
    civilians  civilian  NOUN  NNS dobj   19
    .          -         PUNCT .   punct  13
"""


def test_story_undated_event_joins_the_dated_one_of_its_sentence(nlp):
    doc = parsed(TWO_DAYS)
    states = {0: RU, 12: UA, 18: RU}
    demonyms = {3: UA, 15: RU, 21: UA}
    names = [Name(i, i + 1, iri, "State", "name", iri) for i, iri in states.items()]
    names += [Name(i, i + 1, iri, "State", "demonym", iri) for i, iri in demonyms.items()]
    doc = prepared(doc, names)
    june = EventMention(
        trigger=1,
        frame="give",
        sent=0,
        lemma="free",
        agents=(RU,),
        people=(People(head=4, count=20, side=UA, start=2),),
        dates=(_dated(doc, "June 3"),),
    )
    may = EventMention(
        trigger=13,
        frame="give",
        sent=1,
        lemma="free",
        agents=(UA,),
        people=(People(head=16, count=10, side=RU, start=14),),
        dates=(_dated(doc, "May 20"),),
    )
    undated = EventMention(
        trigger=19,
        frame="give",
        sent=1,
        lemma="return",
        agents=(RU,),
        people=(People(head=22, count=5, side=UA, start=20),),
    )
    facts = _facts(nlp, doc, names, [june, may, undated])
    by_day = {e.start: _ways(e.transfers) for e in facts.exchanges}
    assert by_day == {"2025-05-20": {(UA, RU, 10), (RU, UA, 5)}, "2025-06-03": {(RU, UA, 20)}}


# "Russia and Ukraine reached an agreement in Ankara on May 3.
#  Moscow pledged to hand over the remains of 500 Ukrainian soldiers."
PLEDGE = """
    Russia     -        PROPN NNP nsubj  3
    and        -        CCONJ CC  cc     0
    Ukraine    -        PROPN NNP conj   0
    reached    reach    VERB  VBD ROOT   3
    an         -        DET   DT  det    5
    agreement  -        NOUN  NN  dobj   3
    in         -        ADP   IN  prep   5
    Ankara     -        PROPN NNP pobj   6
    on         -        ADP   IN  prep   3
    May        -        PROPN NNP pobj   8
    3          -        NUM   CD  nummod 9
    .          -        PUNCT .   punct  3
    Moscow     -        PROPN NNP nsubj  13
    pledged    pledge   VERB  VBD ROOT   13
    to         -        PART  TO  aux    15
    hand       -        VERB  VB  xcomp  13
    over       -        ADP   RP  prt    15
    the        -        DET   DT  det    18
    remains    -        NOUN  NNS dobj   15
    of         -        ADP   IN  prep   18
    500        -        NUM   CD  nummod 22
    Ukrainian  -        ADJ   JJ  amod   22
    soldiers   soldier  NOUN  NNS pobj   19
    .          -        PUNCT .   punct  13
"""


def test_story_pledge_is_what_a_dated_agreement_provides(nlp):
    doc = parsed(PLEDGE)
    names = [
        named(doc, "Russia", RU),
        named(doc, "Ukraine", UA),
        named(doc, "Ankara", ANKARA, kind="Location"),
        named(doc, "Moscow", RU, how="metonym"),
        named(doc, "Ukrainian", UA, how="demonym"),
    ]
    doc = prepared(doc, names)
    deal = DealMention(
        head=5, sent=0, dates=(_dated(doc, "May 3"),), places=(ANKARA,), parties=(RU, UA)
    )
    pledge = EventMention(
        trigger=15,
        frame="give",
        sent=1,
        lemma="hand",
        status="planned",
        agents=(RU,),
        people=(People(head=18, count=500, side=UA, remains=True, start=17),),
        pledged=True,
    )
    facts = _facts(nlp, doc, names, [pledge], [deal])
    provided = [(a.date, _ways(a.provides)) for a in facts.agreements]
    assert provided == [("2025-05-03", {(RU, UA, 500)})]

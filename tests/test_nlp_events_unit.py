"""kg.nlp.events: the kg_events component on hand-made parses (blank pipeline, no model)."""

import pytest

from kg.namespaces import ID
from tests.nlp_docs import named, parsed, pipeline, prepared, run

UA, RU, UAE = ID + "state/ukraine", ID + "state/russia", ID + "state/uae"
ISTANBUL = ID + "place/istanbul"


@pytest.fixture(scope="module")
def nlp():
    return pipeline("kg_events")


def _events(nlp, doc, names=()):
    return run(nlp, prepared(doc, names))._.events


def _one(nlp, doc, names=()):
    found = _events(nlp, doc, names)
    assert len(found) == 1, found
    return found[0]


# "Russia released 20 Ukrainian soldiers."
RELEASED = """
    Russia     -        PROPN NNP nsubj  1
    released   release  VERB  VBD ROOT   1
    20         -        NUM   CD  nummod 4
    Ukrainian  -        ADJ   JJ  amod   4
    soldiers   soldier  NOUN  NNS dobj   1
"""


def _released(nlp):
    doc = parsed(RELEASED)
    names = [named(doc, "Russia", RU), named(doc, "Ukrainian", UA, how="demonym")]
    return _one(nlp, doc, names)


def test_events_release_is_a_give_event(nlp):
    assert _released(nlp).frame == "give"


def test_events_agent_is_the_active_subject(nlp):
    assert _released(nlp).agents == (RU,)


def test_events_people_are_the_object(nlp):
    assert [(p.count, p.side) for p in _released(nlp).people] == [(20, UA)]


def test_events_plain_past_is_actual(nlp):
    assert _released(nlp).status == "actual"


def test_events_passive_by_is_the_agent(nlp):
    doc = parsed("""
        20        -        NUM   CD  nummod    1
        soldiers  soldier  NOUN  NNS nsubjpass 3
        were      be       AUX   VBD auxpass   3
        released  release  VERB  VBN ROOT      3
        by        -        ADP   IN  agent     3
        Russia    -        PROPN NNP pobj      4
    """)
    event = _one(nlp, doc, [named(doc, "Russia", RU)])
    assert (event.agents, [p.count for p in event.people]) == ((RU,), [20])


def test_events_recipient_from_to(nlp):
    doc = parsed("""
        Russia    -        PROPN NNP nsubj  1
        handed    hand     VERB  VBD ROOT   1
        over      -        ADP   RP  prt    1
        20        -        NUM   CD  nummod 4
        soldiers  soldier  NOUN  NNS dobj   1
        to        -        ADP   IN  prep   1
        Ukraine   -        PROPN NNP pobj   5
    """)
    event = _one(nlp, doc, [named(doc, "Russia", RU), named(doc, "Ukraine", UA)])
    assert (event.agents, event.recipients) == ((RU,), (UA,))


def test_events_partner_from_with(nlp):
    doc = parsed("""
        Ukraine    -         PROPN NNP nsubj  1
        exchanged  exchange  VERB  VBD ROOT   1
        90         -         NUM   CD  nummod 3
        prisoners  prisoner  NOUN  NNS dobj   1
        with       -         ADP   IN  prep   1
        Russia     -         PROPN NNP pobj   4
    """)
    event = _one(nlp, doc, [named(doc, "Ukraine", UA), named(doc, "Russia", RU)])
    assert (event.frame, event.agents, event.partners) == ("swap", (UA,), (RU,))


def test_events_counter_from_in_exchange_for(nlp):
    doc = parsed("""
        Ukraine    -         PROPN NNP nsubj  1
        released   release   VERB  VBD ROOT   1
        20         -         NUM   CD  nummod 3
        soldiers   soldier   NOUN  NNS dobj   1
        in         -         ADP   IN  prep   1
        exchange   -         NOUN  NN  pobj   4
        for        -         ADP   IN  prep   5
        30         -         NUM   CD  nummod 8
        civilians  civilian  NOUN  NNS pobj   6
    """)
    event = _one(nlp, doc, [named(doc, "Ukraine", UA)])
    assert [p.count for p in event.counter] == [30]


def test_events_modal_is_planned(nlp):
    doc = parsed("""
        Russia    -        PROPN NNP nsubj  2
        will      -        AUX   MD  aux    2
        release   -        VERB  VB  ROOT   2
        20        -        NUM   CD  nummod 4
        soldiers  soldier  NOUN  NNS dobj   2
    """)
    assert _one(nlp, doc, [named(doc, "Russia", RU)]).status == "planned"


def test_events_not_is_negated(nlp):
    doc = parsed("""
        Russia    -        PROPN NNP nsubj 3
        did       do       AUX   VBD aux   3
        not       -        PART  RB  neg   3
        release   -        VERB  VB  ROOT  3
        the       -        DET   DT  det   5
        soldiers  soldier  NOUN  NNS dobj  3
    """)
    assert _one(nlp, doc, [named(doc, "Russia", RU)]).status == "negated"


def test_events_date_from_its_clause_not_a_relative_clause(nlp):
    # "Russia released on June 3 the men who were captured on May 5."
    doc = parsed("""
        Russia    -        PROPN NNP nsubj     1
        released  release  VERB  VBD ROOT      1
        on        -        ADP   IN  prep      1
        June      -        PROPN NNP pobj      2
        3         -        NUM   CD  nummod    3
        the       -        DET   DT  det       6
        men       man      NOUN  NNS dobj      1
        who       -        PRON  WP  nsubjpass 9
        were      be       AUX   VBD auxpass   9
        captured  capture  VERB  VBN relcl     6
        on        -        ADP   IN  prep      9
        May       -        PROPN NNP pobj      10
        5         -        NUM   CD  nummod    11
    """)
    event = _one(nlp, doc, [named(doc, "Russia", RU)])
    assert [d.value.start for d in event.dates] == ["2025-06-03"]


# "The exchange took place on June 3 in Istanbul."
TOOK_PLACE = """
    The       -     DET   DT  det    1
    exchange  -     NOUN  NN  nsubj  2
    took      take  VERB  VBD ROOT   2
    place     -     NOUN  NN  dobj   2
    on        -     ADP   IN  prep   2
    June      -     PROPN NNP pobj   4
    3         -     NUM   CD  nummod 5
    in        -     ADP   IN  prep   2
    Istanbul  -     PROPN NNP pobj   7
"""


def _took_place(nlp):
    doc = parsed(TOOK_PLACE)
    return _one(nlp, doc, [named(doc, "Istanbul", ISTANBUL, kind="Location")])


def test_events_noun_is_an_event(nlp):
    event = _took_place(nlp)
    assert (event.frame, event.noun, event.trigger) == ("swap", True, 1)


def test_events_noun_takes_the_date_of_took_place(nlp):
    assert [d.value.start for d in _took_place(nlp).dates] == ["2025-06-03"]


def test_events_noun_takes_the_place_of_took_place(nlp):
    assert _took_place(nlp).places == (ISTANBUL,)


def test_events_noun_in_a_verb_clause_is_that_event(nlp):
    # "Russia freed 20 soldiers in a swap.": one event, the verb's.
    doc = parsed("""
        Russia    -        PROPN NNP nsubj  1
        freed     free     VERB  VBD ROOT   1
        20        -        NUM   CD  nummod 3
        soldiers  soldier  NOUN  NNS dobj   1
        in        -        ADP   IN  prep   1
        a         -        DET   DT  det    6
        swap      -        NOUN  NN  pobj   4
    """)
    found = _events(nlp, doc, [named(doc, "Russia", RU)])
    assert [e.trigger for e in found] == [1]


def test_events_mediators_of_the_sentence(nlp):
    doc = parsed("""
        The       -        DET   DT  det       1
        swap      -        NOUN  NN  nsubjpass 3
        was       be       AUX   VBD auxpass   3
        mediated  mediate  VERB  VBN ROOT      3
        by        -        ADP   IN  agent     3
        the       -        DET   DT  det       6
        UAE       -        PROPN NNP pobj      4
    """)
    assert _one(nlp, doc, [named(doc, "UAE", UAE)]).mediators == (UAE,)

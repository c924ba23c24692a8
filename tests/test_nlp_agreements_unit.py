"""kg.nlp.agreements: the kg_agreements component on hand-made parses (no model).

kg_events runs first, as in the real pipeline: an agreement provides the planned events
of its sentence.
"""

import pytest

from kg.namespaces import ID
from tests.nlp_docs import named, parsed, pipeline, prepared, run

UA, RU = ID + "state/ukraine", ID + "state/russia"
ISTANBUL = ID + "place/istanbul"


@pytest.fixture(scope="module")
def nlp():
    return pipeline("kg_events", "kg_agreements")


def _deal(nlp, doc, names=()):
    found = run(nlp, prepared(doc, names))._.deals
    assert len(found) == 1, found
    return found[0]


# "They swapped soldiers under the agreement reached on June 2 in Istanbul."
REACHED_ON = """
    They       they     PRON  PRP nsubj  1
    swapped    swap     VERB  VBD ROOT   1
    soldiers   soldier  NOUN  NNS dobj   1
    under      -        ADP   IN  prep   1
    the        -        DET   DT  det    5
    agreement  -        NOUN  NN  pobj   3
    reached    reach    VERB  VBN acl    5
    on         -        ADP   IN  prep   6
    June       -        PROPN NNP pobj   7
    2          -        NUM   CD  nummod 8
    in         -        ADP   IN  prep   6
    Istanbul   -        PROPN NNP pobj   10
"""


def _reached_on(nlp):
    doc = parsed(REACHED_ON)
    return _deal(nlp, doc, [named(doc, "Istanbul", ISTANBUL, kind="Location")])


def test_agreements_deal_noun_is_a_deal(nlp):
    assert _reached_on(nlp).head == 5


def test_agreements_date_from_the_clause_that_reached_it(nlp):
    assert [d.value.start for d in _reached_on(nlp).dates] == ["2025-06-02"]


def test_agreements_place_from_the_clause_that_reached_it(nlp):
    assert _reached_on(nlp).places == (ISTANBUL,)


def test_agreements_agreement_reached_is_reached(nlp):
    assert _reached_on(nlp).reached


# "Russia and Ukraine agreed on June 2 to exchange 1,000 prisoners each."
AGREED_TO = """
    Russia     -         PROPN NNP nsubj  3
    and        -         CCONJ CC  cc     0
    Ukraine    -         PROPN NNP conj   0
    agreed     agree     VERB  VBD ROOT   3
    on         -         ADP   IN  prep   3
    June       -         PROPN NNP pobj   4
    2          -         NUM   CD  nummod 5
    to         -         PART  TO  aux    8
    exchange   -         VERB  VB  xcomp  3
    1,000      -         NUM   CD  nummod 10
    prisoners  prisoner  NOUN  NNS dobj   8
    each       -         PRON  DT  appos  10
"""


def _agreed_to(nlp):
    doc = parsed(AGREED_TO)
    return _deal(nlp, doc, [named(doc, "Russia", RU), named(doc, "Ukraine", UA)])


def test_agreements_agreeing_verb_is_a_deal_reached(nlp):
    assert (_agreed_to(nlp).head, _agreed_to(nlp).reached) == (3, True)


def test_agreements_agreeing_verb_parties_are_its_subjects(nlp):
    assert _agreed_to(nlp).parties == (RU, UA)


def test_agreements_agreeing_verb_date_is_its_own(nlp):
    assert [d.value.start for d in _agreed_to(nlp).dates] == ["2025-06-02"]


def test_agreements_agreed_to_provides_the_planned_exchange(nlp):
    assert _agreed_to(nlp).provides == (8,)


def test_agreements_talks_on_a_deal_are_not_a_deal_reached(nlp):
    doc = parsed("""
        The    -     DET  DT  det   1
        sides  side  NOUN NNS nsubj 2
        held   hold  VERB VBD ROOT  2
        talks  talk  NOUN NNS dobj  2
        on     -     ADP  IN  prep  3
        a      -     DET  DT  det   6
        deal   -     NOUN NN  pobj  4
    """)
    assert not _deal(nlp, doc).reached


def test_agreements_reached_a_deal_is_a_deal_reached(nlp):
    doc = parsed("""
        The      -      DET  DT  det   1
        sides    side   NOUN NNS nsubj 2
        reached  reach  VERB VBD ROOT  2
        a        -      DET  DT  det   4
        deal     -      NOUN NN  dobj  2
    """)
    assert _deal(nlp, doc).reached


def test_agreements_round_from_an_ordinal_on_talks(nlp):
    # "The deal was reached at the second round of talks."
    doc = parsed("""
        The      -      DET  DT  det       1
        deal     -      NOUN NN  nsubjpass 3
        was      be     AUX  VBD auxpass   3
        reached  reach  VERB VBN ROOT      3
        at       -      ADP  IN  prep      3
        the      -      DET  DT  det       7
        second   -      ADJ  JJ  amod      7
        round    -      NOUN NN  pobj      4
        of       -      ADP  IN  prep      7
        talks    talk   NOUN NNS pobj      8
    """)
    assert _deal(nlp, doc).round == 2

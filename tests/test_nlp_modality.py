"""kg.nlp.modality: whether an event word reports a handover that happened, from the parse."""

import pytest

from kg.nlp import lexicon
from kg.nlp.modality import ACTUAL, GENERIC, NEGATED, PLANNED, STOPPED, StatusReader
from tests.nlp_docs import parsed, word


@pytest.fixture(scope="module")
def reader():
    return StatusReader(lexicon.load())


def _status(reader, table: str, text: str) -> str:
    doc = parsed(table)
    return reader.status(word(doc, text))


def _earlier(reader, table: str, text: str) -> bool:
    doc = parsed(table)
    return reader.earlier(word(doc, text))


def _after(reader, table: str, text: str) -> bool:
    doc = parsed(table)
    return reader.after(word(doc, text))


RELEASED = """
    Russia     -         PROPN NNP nsubj  1
    released   release   VERB  VBD ROOT   1
    20         -         NUM   CD  nummod 3
    prisoners  prisoner  NOUN  NNS dobj   1
"""


def test_status_plain_past_is_actual(reader):
    assert _status(reader, RELEASED, "released") == ACTUAL


def test_status_modal_auxiliary_is_planned(reader):
    table = """
        Russia     -         PROPN NNP nsubj  2
        will       -         AUX   MD  aux    2
        release    -         VERB  VB  ROOT   2
        20         -         NUM   CD  nummod 4
        prisoners  prisoner  NOUN  NNS dobj   2
    """
    assert _status(reader, table, "release") == PLANNED


def test_status_negation_is_negated(reader):
    table = """
        Russia     -         PROPN NNP nsubj 3
        did        do        AUX   VBD aux   3
        not        -         PART  RB  neg   3
        release    -         VERB  VB  ROOT  3
        the        -         DET   DT  det   5
        prisoners  prisoner  NOUN  NNS dobj  3
    """
    assert _status(reader, table, "release") == NEGATED


def test_status_never_is_negated(reader):
    table = """
        Russia    -        PROPN NNP nsubj  2
        never     -        ADV   RB  advmod 2
        released  release  VERB  VBD ROOT   2
        them      they     PRON  PRP dobj   2
    """
    assert _status(reader, table, "released") == NEGATED


def test_status_xcomp_under_agree_is_planned(reader):
    table = """
        Ukraine    -         PROPN NNP nsubj  1
        agreed     agree     VERB  VBD ROOT   1
        to         -         PART  TO  aux    3
        free       -         VERB  VB  xcomp  1
        40         -         NUM   CD  nummod 5
        prisoners  prisoner  NOUN  NNS dobj   3
    """
    assert _status(reader, table, "free") == PLANNED


def test_status_noun_agreed_on_is_planned(reader):
    table = """
        The       -       DET  DT  det   1
        sides     side    NOUN NNS nsubj 2
        agreed    agree   VERB VBD ROOT  2
        on        -       ADP  IN  prep  2
        the       -       DET  DT  det   5
        exchange  -       NOUN NN  pobj  3
    """
    assert _status(reader, table, "exchange") == PLANNED


def test_status_called_for_the_release_is_planned(reader):
    table = """
        Zelensky   -         PROPN NNP nsubj 1
        called     call      VERB  VBD ROOT  1
        for        -         ADP   IN  prep  1
        the        -         DET   DT  det   4
        release    -         NOUN  NN  pobj  2
        of         -         ADP   IN  prep  4
        all        -         DET   DT  det   7
        prisoners  prisoner  NOUN  NNS pobj  5
    """
    assert _status(reader, table, "release") == PLANNED


def test_status_postponed_is_stopped(reader):
    table = """
        The        -         DET  DT  det       1
        exchange   -         NOUN NN  nsubjpass 3
        was        be        AUX  VBD auxpass   3
        postponed  postpone  VERB VBN ROOT      3
    """
    assert _status(reader, table, "exchange") == STOPPED


def test_status_managed_to_is_actual(reader):
    table = """
        Ukraine   -        PROPN NNP nsubj 1
        managed   manage   VERB  VBD ROOT  1
        to        -        PART  TO  aux   3
        bring     -        VERB  VB  xcomp 1
        back      -        ADV   RB  advmod 3
        20        -        NUM   CD  dobj  3
    """
    assert _status(reader, table, "bring") == ACTUAL


def test_status_if_clause_is_planned(reader):
    table = """
        if        -        SCONJ IN  mark  2
        Hamas     -        PROPN NNP nsubj 2
        releases  release  VERB  VBZ advcl 5
        them      they     PRON  PRP dobj  2
        Israel    -        PROPN NNP nsubj 5
        acts      act      VERB  VBZ ROOT  5
    """
    assert _status(reader, table, "releases") == PLANNED


def test_status_generic_plural_noun_is_generic(reader):
    table = """
        Swaps  swap  NOUN NNS nsubj 1
        are    be    AUX  VBP ROOT  1
        rare   -     ADJ  JJ  acomp 1
    """
    assert _status(reader, table, "Swaps") == GENERIC


def test_status_plural_noun_with_determiner_is_actual(reader):
    table = """
        The    -     DET  DT  det   1
        swaps  swap  NOUN NNS nsubj 2
        were   be    AUX  VBD ROOT  2
        rare   -     ADJ  JJ  acomp 2
    """
    assert _status(reader, table, "swaps") == ACTUAL


def test_status_generic_determiner_is_generic(reader):
    table = """
        any     -     DET  DT  det  2
        future  -     ADJ  JJ  amod 2
        swap    -     NOUN NN  ROOT 2
    """
    assert _status(reader, table, "swap") == GENERIC


def test_earlier_past_perfect(reader):
    table = """
        Russia     -         PROPN NNP nsubj  2
        had        have      AUX   VBD aux    2
        released   release   VERB  VBN ROOT   2
        20         -         NUM   CD  nummod 4
        prisoners  prisoner  NOUN  NNS dobj   2
    """
    assert _earlier(reader, table, "released")


def test_earlier_simple_past_is_not(reader):
    assert not _earlier(reader, RELEASED, "released")


def test_earlier_backshifted_past_perfect_under_said_is_not(reader):
    table = """
        Ukraine    -         PROPN NNP nsubj  1
        said       say       VERB  VBD ROOT   1
        Russia     -         PROPN NNP nsubj  4
        had        have      AUX   VBD aux    4
        released   release   VERB  VBN ccomp  1
        20         -         NUM   CD  nummod 6
        prisoners  prisoner  NOUN  NNS dobj   4
    """
    assert not _earlier(reader, table, "released")


def test_earlier_previous_swap(reader):
    table = """
        the       -  DET  DT  det  2
        previous  -  ADJ  JJ  amod 2
        swap      -  NOUN NN  ROOT 2
    """
    assert _earlier(reader, table, "swap")


def test_earlier_already_freed(reader):
    table = """
        Russia   -     PROPN NNP nsubj  2
        already  -     ADV   RB  advmod 2
        freed    free  VERB  VBD ROOT   2
        them     they  PRON  PRP dobj   2
    """
    assert _earlier(reader, table, "freed")


AFTER_CLAUSE = """
    Ukraine    -         PROPN NNP nsubj     1
    received   receive   VERB  VBD ROOT      1
    90         -         NUM   CD  nummod    3
    soldiers   soldier   NOUN  NNS dobj      1
    after      -         SCONJ IN  mark      8
    a          -         DET   DT  det       6
    swap       -         NOUN  NN  nsubjpass 8
    was        be        AUX   VBD auxpass   8
    conducted  conduct   VERB  VBN advcl     1
    on         -         ADP   IN  prep      8
    Monday     -         PROPN NNP pobj      9
"""


def test_after_clause(reader):
    assert _after(reader, AFTER_CLAUSE, "swap")


def test_after_main_clause_before_after_clause_is_not(reader):
    assert not _after(reader, AFTER_CLAUSE, "received")


def test_earlier_after_clause_is_not_earlier_by_itself(reader):
    assert not _earlier(reader, AFTER_CLAUSE, "swap")


def test_after_phrase(reader):
    table = """
        Ukraine   -        PROPN NNP nsubj 1
        rejoiced  rejoice  VERB  VBD ROOT  1
        after     -        ADP   IN  prep  1
        the       -        DET   DT  det   4
        swap      -        NOUN  NN  pobj  2
    """
    assert _after(reader, table, "swap")


def test_status_release_an_agreement_was_reached_on_is_planned(reader):
    table = """
        an         -          DET   DT  det       1
        agreement  agreement  NOUN  NN  nsubjpass 3
        was        be         AUX   VBD auxpass   3
        reached    reach      VERB  VBN ROOT      3
        on         -          ADP   IN  prep      3
        the        -          DET   DT  det       6
        release    release    NOUN  NN  pobj      4
    """
    assert _status(reader, table, "release") == PLANNED


def test_status_release_a_day_was_chosen_on_is_not_planned_by_it(reader):
    table = """
        the        -          DET   DT  det       1
        day        day        NOUN  NN  nsubjpass 3
        was        be         AUX   VBD auxpass   3
        reached    reach      VERB  VBN ROOT      3
        on         -          ADP   IN  prep      3
        the        -          DET   DT  det       6
        release    release    NOUN  NN  pobj      4
    """
    assert _status(reader, table, "release") == ACTUAL


def test_earlier_past_perfect_in_what_a_statement_says_is_backshift(reader):
    table = """
        ministry   -          NOUN  NN  nsubj     1
        said       say        VERB  VBD ROOT      1
        in         -          ADP   IN  prep      1
        a          -          DET   DT  det       4
        statement  statement  NOUN  NN  pobj      2
        that       -          SCONJ IN  mark      9
        95         -          NUM   CD  nummod    7
        servicemen serviceman NOUN  NNS nsubjpass 9
        had        have       AUX   VBD aux       9
        returned   return     VERB  VBN acl       4
    """
    assert not _earlier(reader, table, "returned")

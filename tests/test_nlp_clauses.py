"""kg.nlp.clauses: questions asked of a hand-made dependency parse."""

import pytest

from kg.nlp import lexicon
from kg.nlp.clauses import (
    clause_tokens,
    governor,
    is_passive,
    noun_phrase,
    prepositions,
    subjects,
)
from tests.nlp_docs import parsed, word


@pytest.fixture(scope="module")
def table():
    return lexicon.load().roles.prepositions


def _words(doc, indices) -> str:
    return " ".join(doc[i].text for i in sorted(indices))


def _roles(doc, head, table):
    return [(role, obj.text) for role, obj in prepositions(word(doc, head), table)]


RELATIVE = parsed("""
    Russia    -        PROPN NNP nsubj     1
    released  release  VERB  VBD ROOT      1
    on        -        ADP   IN  prep      1
    Tuesday   -        PROPN NNP pobj      2
    the       -        DET   DT  det       5
    men       man      NOUN  NNS dobj      1
    who       -        PRON  WP  nsubjpass 8
    were      be       AUX   VBD auxpass   8
    captured  capture  VERB  VBN relcl     5
    in        -        ADP   IN  prep      8
    May       -        PROPN NNP pobj      9
""")


def test_clause_tokens_skip_relative_clause():
    doc = RELATIVE
    assert _words(doc, clause_tokens(word(doc, "released"))) == "Russia released on Tuesday the men"


def test_clause_tokens_skip_complement_clause():
    doc = parsed("""
        Ukraine  -     PROPN NNP nsubj 1
        said     say   VERB  VBD ROOT  1
        Russia   -     PROPN NNP nsubj 3
        freed    free  VERB  VBD ccomp 1
        20       -     NUM   CD  dobj  3
    """)
    assert _words(doc, clause_tokens(word(doc, "said"))) == "Ukraine said"


def test_clause_tokens_skip_coordinated_verb():
    doc = parsed("""
        Russia    -        PROPN NNP nsubj 1
        released  release  VERB  VBD ROOT  1
        20        -        NUM   CD  dobj  1
        and       -        CCONJ CC  cc    1
        received  receive  VERB  VBD conj  1
        30        -        NUM   CD  dobj  4
    """)
    assert _words(doc, clause_tokens(word(doc, "released"))) == "Russia released 20 and"


def test_clause_tokens_keep_coordinated_nouns():
    doc = parsed("""
        Russia     -         PROPN NNP nsubj 1
        freed      free      VERB  VBD ROOT  1
        soldiers   soldier   NOUN  NNS dobj  1
        and        -         CCONJ CC  cc    2
        civilians  civilian  NOUN  NNS conj  2
    """)
    assert _words(doc, clause_tokens(word(doc, "freed"))) == "Russia freed soldiers and civilians"


def test_clause_tokens_of_embedded_clause_is_its_own():
    doc = RELATIVE
    assert _words(doc, clause_tokens(word(doc, "captured"))) == "who were captured in May"


def test_noun_phrase_keeps_modifiers_drops_preposition():
    doc = parsed("""
        the        -          DET   DT  det    4
        20         -          NUM   CD  nummod 4
        wounded    wound      VERB  VBN amod   4
        Ukrainian  -          ADJ   JJ  amod   4
        soldiers   soldier    NOUN  NNS ROOT   4
        from       -          ADP   IN  prep   4
        Kursk      -          PROPN NNP pobj   5
    """)
    assert _words(doc, noun_phrase(word(doc, "soldiers"))) == "the 20 wounded Ukrainian soldiers"


def test_noun_phrase_keeps_conjuncts():
    doc = parsed("""
        soldiers   soldier   NOUN  NNS ROOT 0
        and        -         CCONJ CC  cc   0
        civilians  civilian  NOUN  NNS conj 0
    """)
    assert _words(doc, noun_phrase(doc[0])) == "soldiers and civilians"


def test_noun_phrase_drops_relative_clause():
    doc = RELATIVE
    assert _words(doc, noun_phrase(word(doc, "men"))) == "the men"


def test_subjects_own_subject():
    doc = RELATIVE
    assert [t.text for t in subjects(word(doc, "released"))] == ["Russia"]


def test_subjects_borrowed_through_conj():
    doc = parsed("""
        Russia    -        PROPN NNP nsubj 1
        released  release  VERB  VBD ROOT  1
        20        -        NUM   CD  dobj  1
        and       -        CCONJ CC  cc    1
        received  receive  VERB  VBD conj  1
        30        -        NUM   CD  dobj  4
    """)
    assert [t.text for t in subjects(word(doc, "received"))] == ["Russia"]


def test_subjects_borrowed_through_xcomp():
    doc = parsed("""
        Ukraine  -      PROPN NNP nsubj 1
        agreed   agree  VERB  VBD ROOT  1
        to       -      PART  TO  aux   3
        free     -      VERB  VB  xcomp 1
        40       -      NUM   CD  dobj  3
    """)
    assert [t.text for t in subjects(word(doc, "free"))] == ["Ukraine"]


def test_subjects_borrowed_through_advcl():
    doc = parsed("""
        Russia     -        PROPN NNP nsubj 1
        swapped    swap     VERB  VBD ROOT  1
        90         -        NUM   CD  dobj  1
        ,          -        PUNCT ,   punct 1
        releasing  release  VERB  VBG advcl 1
        20         -        NUM   CD  dobj  4
    """)
    assert [t.text for t in subjects(word(doc, "releasing"))] == ["Russia"]


def test_subjects_borrowed_after_having_been():
    doc = parsed("""
        The       -       DET   DT  det       1
        soldiers  soldier NOUN  NNS nsubjpass 3
        were      be      AUX   VBD auxpass   3
        treated   treat   VERB  VBN ROOT      3
        after     -       ADP   IN  prep      3
        having    have    AUX   VBG aux       7
        been      be      AUX   VBN auxpass   7
        handed    hand    VERB  VBN pcomp     4
        over      -       ADP   RP  prt       7
    """)
    assert [t.text for t in subjects(word(doc, "handed"))] == ["soldiers"]


def test_subjects_not_borrowed_through_complement_clause():
    doc = parsed("""
        Ukraine  -        PROPN NNP nsubj 1
        said     say      VERB  VBD ROOT  1
        freeing  free     VERB  VBG ccomp 1
        20       -        NUM   CD  dobj  2
    """)
    assert subjects(word(doc, "freeing")) == []


def test_subjects_none_for_subjectless_root():
    doc = parsed("""
        Free  free  VERB VB  ROOT 0
        them  they  PRON PRP dobj 0
    """)
    assert subjects(doc[0]) == []


def test_is_passive_with_passive_auxiliary():
    doc = RELATIVE
    assert is_passive(word(doc, "captured"))


def test_is_passive_active_verb_is_not():
    doc = RELATIVE
    assert not is_passive(word(doc, "released"))


def test_is_passive_reduced_relative():
    doc = parsed("""
        the       -        DET   DT  det   1
        soldiers  soldier  NOUN  NNS ROOT  1
        released  release  VERB  VBN acl   1
        by        -        ADP   IN  agent 2
        Russia    -        PROPN NNP pobj  3
    """)
    assert is_passive(word(doc, "released"))


def test_is_passive_got_freed():
    doc = parsed("""
        They   they  PRON PRP nsubjpass 2
        got    get   AUX  VBD auxpass   2
        freed  free  VERB VBN ROOT      2
    """)
    assert is_passive(word(doc, "freed"))


def test_governor_of_preposition_object_is_what_the_preposition_hangs_on():
    doc = RELATIVE
    assert governor(word(doc, "Tuesday")).text == "released"


def test_governor_of_root_is_none():
    doc = RELATIVE
    assert governor(word(doc, "released")) is None


def test_prepositions_simple(table):
    doc = parsed("""
        Russia  -     PROPN NNP nsubj 1
        handed  hand  VERB  VBD ROOT  1
        over    -     ADP   RP  prt   1
        90      -     NUM   CD  dobj  1
        to      -     ADP   IN  prep  1
        Ukraine -     PROPN NNP pobj  4
        from    -     ADP   IN  prep  1
        Kursk   -     PROPN NNP pobj  6
    """)
    assert _roles(doc, "handed", table) == [("recipient", "Ukraine"), ("source", "Kursk")]


def test_prepositions_in_exchange_for(table):
    doc = parsed("""
        Ukraine    -         PROPN NNP nsubj  1
        released   release   VERB  VBD ROOT   1
        20         -         NUM   CD  nummod 3
        soldiers   soldier   NOUN  NNS dobj   1
        in         -         ADP   IN  prep   1
        exchange   -         NOUN  NN  pobj   4
        for        -         ADP   IN  prep   5
        20         -         NUM   CD  nummod 8
        civilians  civilian  NOUN  NNS pobj   6
    """)
    assert _roles(doc, "released", table) == [("counter", "civilians")]


def test_prepositions_as_part_of(table):
    doc = parsed("""
        Ukraine   -        PROPN NNP nsubj 1
        freed     free     VERB  VBD ROOT  1
        20        -        NUM   CD  dobj  1
        as        -        ADP   IN  prep  1
        part      -        NOUN  NN  pobj  3
        of        -        ADP   IN  prep  4
        the       -        DET   DT  det   7
        deal      -        NOUN  NN  pobj  5
    """)
    assert _roles(doc, "freed", table) == [("agreement", "deal")]


def test_prepositions_on_the_border_with(table):
    doc = parsed("""
        They     they    PRON  PRP nsubjpass 2
        were     be      AUX   VBD auxpass   2
        freed    free    VERB  VBN ROOT      2
        on       -       ADP   IN  prep      2
        the      -       DET   DT  det       5
        border   -       NOUN  NN  pobj      3
        with     -       ADP   IN  prep      5
        Belarus  -       PROPN NNP pobj      6
    """)
    assert _roles(doc, "freed", table) == [("place", "Belarus")]


def test_prepositions_dative_is_recipient(table):
    doc = parsed("""
        Russia  -     PROPN NNP nsubj  1
        handed  hand  VERB  VBD ROOT   1
        Ukraine -     PROPN NNP dative 1
        the     -     DET   DT  det    4
        bodies  body  NOUN  NNS dobj   1
    """)
    assert _roles(doc, "handed", table) == [("recipient", "Ukraine")]


def test_prepositions_dative_to_reads_its_object(table):
    doc = parsed("""
        Russia  -     PROPN NNP nsubj  1
        gave    give  VERB  VBD ROOT   1
        bodies  body  NOUN  NNS dobj   1
        to      -     ADP   IN  dative 1
        Ukraine -     PROPN NNP pobj   3
    """)
    assert _roles(doc, "gave", table) == [("recipient", "Ukraine")]


def test_prepositions_passive_agent(table):
    doc = parsed("""
        They      they     PRON  PRP nsubjpass 2
        were      be       AUX   VBD auxpass   2
        released  release  VERB  VBN ROOT      2
        by        -        ADP   IN  agent     2
        Russia    -        PROPN NNP pobj      3
    """)
    assert _roles(doc, "released", table) == [("agent", "Russia")]


def test_prepositions_unknown_preposition_ignored(table):
    doc = parsed("""
        They      they     PRON  PRP nsubj 1
        released  release  VERB  VBD ROOT  1
        them      they     PRON  PRP dobj  1
        despite   -        ADP   IN  prep  1
        protests  protest  NOUN  NNS pobj  3
    """)
    assert _roles(doc, "released", table) == []


def test_clause_tokens_keep_an_as_comment_and_the_date_hung_on_it():
    doc = parsed("""
        As         as       SCONJ IN  mark      1
        reported   report   VERB  VBN advcl     7
        on         -        ADP   IN  prep      1
        Friday     -        PROPN NNP pobj      2
        a          -        DET   DT  det       5
        deal       -        NOUN  NN  nsubjpass 7
        was        be       AUX   VBD auxpass   7
        reached    reach    VERB  VBN ROOT      7
    """)
    assert _words(doc, clause_tokens(word(doc, "reached"))) == (
        "As reported on Friday a deal was reached"
    )


def test_clause_tokens_skip_an_as_clause_with_its_own_subject():
    doc = parsed("""
        As         as       SCONJ IN  mark      2
        Kyiv       -        PROPN NNP nsubj     2
        reported   report   VERB  VBD advcl     5
        a          -        DET   DT  det       4
        deal       -        NOUN  NN  nsubjpass 5
        reached    reach    VERB  VBN ROOT      5
    """)
    assert _words(doc, clause_tokens(word(doc, "reached"))) == "a deal reached"

"""kg.nlp.people: how many people a phrase counts, whose they are, of which kind.

Each test writes the parse the model gives (or, where a docstring names a misparse, the
misparse) and the names and categories the earlier components would have found.
"""

import pytest

from kg.namespaces import ID, POW
from kg.nlp import lexicon
from kg.nlp.people import PeopleReader
from tests.nlp_docs import category, indexed, named, parsed, word

UA, RU, AZ = ID + "state/ukraine", ID + "state/russia", ID + "state/azerbaijan"
IL, SE, US = ID + "state/israel", ID + "state/sweden", ID + "state/united-states"
HAMAS = ID + "group/hamas"
FLODERUS = ID + "person/johan-floderus"
REMAINS, CIVILIANS = POW + "Remains", POW + "Civilians"
WOMEN, CHILDREN = POW + "Women", POW + "Children"


@pytest.fixture(scope="module")
def reader():
    return PeopleReader(lexicon.load())


def _read(reader, doc, head, names=(), categories=()):
    index = indexed(doc, names, categories)
    return reader.read(index, word(doc, head))


# "Russia released 880 Ukrainian soldiers."
RELEASED = """
    Russia     -        PROPN NNP nsubj  1
    released   release  VERB  VBD ROOT   1
    880        -        NUM   CD  nummod 4
    Ukrainian  -        ADJ   JJ  amod   4
    soldiers   soldier  NOUN  NNS dobj   1
"""


def _released(reader):
    doc = parsed(RELEASED)
    names = [named(doc, "Russia", RU), named(doc, "Ukrainian", UA, how="demonym")]
    return _read(reader, doc, "soldiers", names)


def test_people_count_from_number_modifier(reader):
    assert [p.count for p in _released(reader)] == [880]


def test_people_count_starts_at_its_number(reader):
    assert _released(reader)[0].start == 2


def test_people_side_from_demonym(reader):
    assert _released(reader)[0].side == UA


def test_people_side_from_possessor(reader):
    doc = parsed("""
        Russia    -        PROPN NNP nsubj 1
        freed     free     VERB  VBD ROOT  1
        Ukraine   -        PROPN NNP poss  4
        's        -        PART  POS case  2
        soldiers  soldier  NOUN  NNS dobj  1
    """)
    names = [named(doc, "Russia", RU), named(doc, "Ukraine", UA)]
    assert [p.side for p in _read(reader, doc, "soldiers", names)] == [UA]


def test_people_count_from_number_hung_on_a_modifier(reader):
    # "Three Azerbaijani soldiers were freed.": the parser hangs "Three" on "Azerbaijani".
    doc = parsed("""
        Three        three    NUM   CD  compound  1
        Azerbaijani  -        PROPN NNP compound  2
        soldiers     soldier  NOUN  NNS nsubjpass 4
        were         be       AUX   VBD auxpass   4
        freed        free     VERB  VBN ROOT      4
    """)
    names = [named(doc, "Azerbaijani", AZ, how="demonym")]
    assert [p.count for p in _read(reader, doc, "soldiers", names)] == [3]


def test_people_count_from_number_right_before_the_phrase(reader):
    # "On Friday 40 Israelis were freed.": the parser hangs "40" on "Friday".
    doc = parsed("""
        On        on      ADP   IN   prep      5
        Friday    -       PROPN NNP  pobj      0
        40        -       NUM   CD   nummod    1
        Israelis  israeli PROPN NNPS nsubjpass 5
        were      be      AUX   VBD  auxpass   5
        freed     free    VERB  VBN  ROOT      5
    """)
    names = [named(doc, "Israelis", IL, how="demonym")]
    assert [p.count for p in _read(reader, doc, "Israelis", names)] == [40]


def test_people_year_right_before_the_phrase_is_no_count(reader):
    doc = parsed("""
        In         in        ADP  IN  prep      4
        2024       -         NUM  CD  pobj      0
        prisoners  prisoner  NOUN NNS nsubjpass 4
        were       be        AUX  VBD auxpass   4
        freed      free      VERB VBN ROOT      4
    """)
    assert [p.count for p in _read(reader, doc, "prisoners")] == [None]


# "Russia returned the bodies of 909 soldiers."
BODIES = """
    Russia    -        PROPN NNP nsubj  1
    returned  return   VERB  VBD ROOT   1
    the       -        DET   DT  det    3
    bodies    body     NOUN  NNS dobj   1
    of        -        ADP   IN  prep   3
    909       -        NUM   CD  nummod 6
    soldiers  soldier  NOUN  NNS pobj   4
"""


def test_people_remains_counted_by_their_of_phrase(reader):
    doc = parsed(BODIES)
    found = _read(reader, doc, "bodies", [named(doc, "Russia", RU)])
    assert [(p.count, p.remains) for p in found] == [(909, True)]


def test_people_remains_side_from_their_of_phrase(reader):
    doc = parsed("""
        Russia     -        PROPN NNP nsubj  1
        returned   return   VERB  VBD ROOT   1
        the        -        DET   DT  det    3
        bodies     body     NOUN  NNS dobj   1
        of         -        ADP   IN  prep   3
        909        -        NUM   CD  nummod 7
        Ukrainian  -        ADJ   JJ  amod   7
        soldiers   soldier  NOUN  NNS pobj   4
    """)
    names = [named(doc, "Russia", RU), named(doc, "Ukrainian", UA, how="demonym")]
    assert [p.side for p in _read(reader, doc, "bodies", names)] == [UA]


def test_people_remains_categories_are_their_own(reader):
    # "the bodies of 20 civilians" are remains, not civilians handed over alive.
    doc = parsed("""
        Russia     -         PROPN NNP nsubj  1
        returned   return    VERB  VBD ROOT   1
        the        -         DET   DT  det    3
        bodies     body      NOUN  NNS dobj   1
        of         -         ADP   IN  prep   3
        20         -         NUM   CD  nummod 6
        civilians  civilian  NOUN  NNS pobj   4
    """)
    kinds = [category(doc, "bodies", REMAINS), category(doc, "civilians", CIVILIANS)]
    found = _read(reader, doc, "bodies", [named(doc, "Russia", RU)], kinds)
    assert [p.categories for p in found] == [(REMAINS,)]


def test_people_unspecified_number_has_no_count(reader):
    # "an" is no count of the prisoners.
    doc = parsed("""
        Russia       -         PROPN NNP nsubj 1
        freed        free      VERB  VBD ROOT  1
        an           -         DET   DT  det   4
        unspecified  -         ADJ   JJ  amod  4
        number       -         NOUN  NN  dobj  1
        of           -         ADP   IN  prep  4
        prisoners    prisoner  NOUN  NNS pobj  5
    """)
    assert [p.count for p in _read(reader, doc, "number", [named(doc, "Russia", RU)])] == [None]


def test_people_equal_number_is_as_many_as_went_the_other_way(reader):
    doc = parsed("""
        Ukraine     -          PROPN NNP  nsubj 1
        received    receive    VERB  VBD  ROOT  1
        an          -          DET   DT   det   4
        equal       -          ADJ   JJ   amod  4
        number      -          NOUN  NN   dobj  1
        of          -          ADP   IN   prep  4
        Ukrainians  ukrainian  PROPN NNPS pobj  5
    """)
    names = [named(doc, "Ukraine", UA), named(doc, "Ukrainians", UA, how="demonym")]
    found = _read(reader, doc, "number", names)
    assert [(p.count, p.same, p.side) for p in found] == [(None, True, UA)]


def test_people_captivity_names_the_captor_not_the_side(reader):
    # "20 soldiers from Russian captivity came home."
    doc = parsed("""
        20         -        NUM   CD  nummod 1
        soldiers   soldier  NOUN  NNS nsubj  5
        from       -        ADP   IN  prep   1
        Russian    -        ADJ   JJ  amod   4
        captivity  -        NOUN  NN  pobj   2
        came       come     VERB  VBD ROOT   5
        home       -        ADV   RB  advmod 5
    """)
    names = [named(doc, "Russian", RU, how="demonym")]
    found = _read(reader, doc, "soldiers", names)
    assert [(p.side, p.captor) for p in found] == [(None, RU)]


def test_people_captor_from_passive_agent(reader):
    # "20 soldiers captured by Hamas were freed."
    doc = parsed("""
        20        -        NUM   CD  nummod    1
        soldiers  soldier  NOUN  NNS nsubjpass 6
        captured  capture  VERB  VBN acl       1
        by        -        ADP   IN  agent     2
        Hamas     -        PROPN NNP pobj      3
        were      be       AUX   VBD auxpass   6
        freed     free     VERB  VBN ROOT      6
    """)
    names = [named(doc, "Hamas", HAMAS, kind="ArmedGroup")]
    assert [p.captor for p in _read(reader, doc, "soldiers", names)] == [HAMAS]


def test_people_its_own(reader):
    doc = parsed("""
        Ukraine   -       PROPN NNP  nsubj 1
        returned  return  VERB  VBD  ROOT  1
        27        -       NUM   CD   dobj  1
        of        -       ADP   IN   prep  2
        its       -       PRON  PRP$ poss  5
        own       -       ADJ   JJ   pobj  3
    """)
    found = _read(reader, doc, "27", [named(doc, "Ukraine", UA)])
    assert [(p.count, p.own) for p in found] == [(27, True)]


# "Russia released 880 Ukrainian soldiers and 120 civilians."
CONJUNCTS = """
    Russia     -         PROPN NNP nsubj  1
    released   release   VERB  VBD ROOT   1
    880        -         NUM   CD  nummod 4
    Ukrainian  -         ADJ   JJ  amod   4
    soldiers   soldier   NOUN  NNS dobj   1
    and        -         CCONJ CC  cc     4
    120        -         NUM   CD  nummod 7
    civilians  civilian  NOUN  NNS conj   4
"""


def _conjuncts(reader):
    doc = parsed(CONJUNCTS)
    names = [named(doc, "Russia", RU), named(doc, "Ukrainian", UA, how="demonym")]
    return _read(reader, doc, "soldiers", names)


def test_people_counted_conjuncts_are_two_groups(reader):
    assert [p.count for p in _conjuncts(reader)] == [880, 120]


def test_people_conjunct_takes_the_side_of_the_first(reader):
    assert [p.side for p in _conjuncts(reader)] == [UA, UA]


def test_people_uncounted_conjunct_adds_a_kind(reader):
    # "32 soldiers and civilians": the civilians are among the 32.
    doc = parsed("""
        Russia     -         PROPN NNP nsubj  1
        freed      free      VERB  VBD ROOT   1
        32         -         NUM   CD  nummod 3
        soldiers   soldier   NOUN  NNS dobj   1
        and        -         CCONJ CC  cc     3
        civilians  civilian  NOUN  NNS conj   3
    """)
    kinds = [category(doc, "civilians", CIVILIANS)]
    found = _read(reader, doc, "soldiers", [named(doc, "Russia", RU)], kinds)
    assert [(p.count, p.categories) for p in found] == [(32, (CIVILIANS,))]


# "Israel freed 30 Palestinian detainees, 10 women and 20 minors."
BREAKDOWN = """
    Israel       -         PROPN NNP nsubj  1
    freed        free      VERB  VBD ROOT   1
    30           -         NUM   CD  nummod 4
    Palestinian  -         ADJ   JJ  amod   4
    detainees    detainee  NOUN  NNS dobj   1
    ,            -         PUNCT ,   punct  4
    10           -         NUM   CD  nummod 7
    women        woman     NOUN  NNS conj   4
    and          -         CCONJ CC  cc     7
    {n}          -         NUM   CD  nummod 10
    minors       minor     NOUN  NNS conj   7
"""


def _breakdown(reader, minors: int):
    doc = parsed(BREAKDOWN.format(n=minors))
    kinds = [category(doc, "women", WOMEN), category(doc, "minors", CHILDREN)]
    return _read(reader, doc, "detainees", [named(doc, "Israel", IL)], kinds)


def test_people_breakdown_collapses_into_its_total(reader):
    assert [p.count for p in _breakdown(reader, 20)] == [30]


def test_people_breakdown_keeps_the_kinds_of_its_parts(reader):
    assert [p.categories for p in _breakdown(reader, 20)] == [(WOMEN, CHILDREN)]


def test_people_parts_that_do_not_add_up_are_more_people(reader):
    assert [p.count for p in _breakdown(reader, 15)] == [30, 10, 15]


# "40 prisoners, including two Americans, were freed."
INCLUDING = """
    40         -         NUM   CD   nummod    1
    prisoners  prisoner  NOUN  NNS  nsubjpass 8
    ,          -         PUNCT ,    punct     1
    including  include   VERB  VBG  prep      1
    two        -         NUM   CD   nummod    5
    Americans  american  PROPN NNPS pobj      3
    ,          -         PUNCT ,    punct     8
    were       be        AUX   VBD  auxpass   8
    freed      free      VERB  VBN  ROOT      8
"""


def test_people_including_subgroup_is_no_more_people(reader):
    doc = parsed(INCLUDING)
    names = [named(doc, "Americans", US, how="demonym")]
    assert [p.count for p in _read(reader, doc, "prisoners", names)] == [40]


def test_people_among_them_is_no_more_people(reader):
    # "9 detainees, among them a nurse", with the nurse parsed as a conjunct.
    doc = parsed("""
        Russia     -         PROPN NNP nsubj  1
        freed      free      VERB  VBD ROOT   1
        9          -         NUM   CD  nummod 3
        detainees  detainee  NOUN  NNS dobj   1
        ,          -         PUNCT ,   punct  3
        among      -         ADP   IN  prep   8
        them       they      PRON  PRP pobj   5
        a          -         DET   DT  det    8
        nurse      -         NOUN  NN  conj   3
    """)
    found = _read(reader, doc, "detainees", [named(doc, "Russia", RU)])
    assert [p.count for p in found] == [9]


def test_people_subgroup_gives_no_side(reader):
    # "Israel freed 90 detainees, among them 20 Americans": some are American, not all.
    doc = parsed("""
        Israel     -         PROPN NNP  nsubj  1
        freed      free      VERB  VBD  ROOT   1
        90         -         NUM   CD   nummod 3
        detainees  detainee  NOUN  NNS  dobj   1
        ,          -         PUNCT ,    punct  3
        among      -         ADP   IN   prep   8
        them       they      PRON  PRP  pobj   5
        20         -         NUM   CD   nummod 8
        Americans  american  PROPN NNPS appos  3
    """)
    names = [named(doc, "Israel", IL), named(doc, "Americans", US, how="demonym")]
    assert [p.side for p in _read(reader, doc, "detainees", names)] == [None]


# "Hamas freed Johan Floderus, a Swedish diplomat."
FLODERUS_TABLE = """
    Hamas     -  PROPN NNP nsubj    1
    freed     free VERB VBD ROOT    1
    Johan     -  PROPN NNP compound 3
    Floderus  -  PROPN NNP dobj     1
    ,         -  PUNCT ,   punct    3
    a         -  DET   DT  det      7
    Swedish   -  ADJ   JJ  amod     7
    diplomat  -  NOUN  NN  appos    3
"""


def _floderus(reader):
    doc = parsed(FLODERUS_TABLE)
    names = [
        named(doc, "Hamas", HAMAS, kind="ArmedGroup"),
        named(doc, "Johan Floderus", FLODERUS, kind="Person", how="ner", label="Johan Floderus"),
        named(doc, "Swedish", SE, how="demonym"),
    ]
    return _read(reader, doc, "Floderus", names)


def test_people_person_name_counts_one(reader):
    assert [(p.count, p.named, p.names) for p in _floderus(reader)] == [(1, True, (FLODERUS,))]


def test_people_person_side_from_apposition(reader):
    assert [p.side for p in _floderus(reader)] == [SE]

"""kg.nlp.names: the kg_names component on hand-made parses and entities (no model)."""

import pytest
from spacy.tokens import Span

from kg.facts import Entity
from kg.namespaces import ID
from kg.nlp.mentions import Name
from tests.nlp_docs import parsed, pipeline, prepared, run

UA, RU = ID + "state/ukraine", ID + "state/russia"
RU_DEFENCE = ID + "org/russia-defence-ministry"
YATSENKO = ID + "person/petro-yatsenko"


@pytest.fixture(scope="module")
def nlp():
    return pipeline("kg_names")


def _names(nlp, doc, ents=(), datelines=()):
    """``ents`` as (start, end, label) the model would have found."""
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    doc._.datelines = list(datelines)
    return run(nlp, prepared(doc))


def test_names_gazetteer_name(nlp):
    doc = parsed("""
        Ukraine   -        PROPN NNP nsubj  1
        released  release  VERB  VBD ROOT   1
        20        -        NUM   CD  nummod 3
        soldiers  soldier  NOUN  NNS dobj   1
    """)
    assert _names(nlp, doc)._.names == [Name(0, 1, UA, "State", "name", UA)]


def test_names_demonym_names_its_state(nlp):
    doc = parsed("""
        20         -        NUM   CD  nummod    2
        Ukrainian  -        ADJ   JJ  amod      2
        soldiers   soldier  NOUN  NNS nsubjpass 4
        were       be       AUX   VBD auxpass   4
        freed      free     VERB  VBN ROOT      4
    """)
    assert _names(nlp, doc)._.names == [Name(1, 2, UA, "State", "demonym", UA)]


# "The defence ministry in Moscow said 20 soldiers returned."
MINISTRY_IN = """
    The       -        DET   DT  det      2
    defence   -        NOUN  NN  compound 2
    ministry  -        NOUN  NN  nsubj    5
    in        -        ADP   IN  prep     2
    Moscow    -        PROPN NNP pobj     3
    said      say      VERB  VBD ROOT     5
    20        -        NUM   CD  nummod   7
    soldiers  soldier  NOUN  NNS nsubj    8
    returned  return   VERB  VBD ccomp    5
"""


def test_names_generic_form_resolved_by_the_side_beside_it(nlp):
    found = _names(nlp, parsed(MINISTRY_IN))._.names
    assert Name(1, 3, RU_DEFENCE, "Organisation", "generic", RU) in found


def test_names_metonym_names_its_state(nlp):
    found = _names(nlp, parsed(MINISTRY_IN))._.names
    assert Name(4, 5, RU, "State", "metonym", RU) in found


def test_names_generic_form_without_a_side_is_dropped(nlp):
    doc = parsed("""
        The       -        DET   DT  det      2
        defence   -        NOUN  NN  compound 2
        ministry  -        NOUN  NN  nsubj    3
        said      say      VERB  VBD ROOT     3
        20        -        NUM   CD  nummod   5
        soldiers  soldier  NOUN  NNS nsubj    6
        returned  return   VERB  VBD ccomp    3
    """)
    assert _names(nlp, doc)._.names == []


# "Petro Yatsenko, Ukraine's representative, said 20 soldiers returned.
#  Yatsenko added that more would follow."
YATSENKO_TABLE = """
    Petro           -       PROPN NNP compound 1
    Yatsenko        -       PROPN NNP nsubj    7
    ,               -       PUNCT ,   punct    1
    Ukraine         -       PROPN NNP poss     5
    's              -       PART  POS case     3
    representative  -       NOUN  NN  appos    1
    ,               -       PUNCT ,   punct    1
    said            say     VERB  VBD ROOT     7
    20              -       NUM   CD  nummod   9
    soldiers        soldier NOUN  NNS nsubj    10
    returned        return  VERB  VBD ccomp    7
    .               -       PUNCT .   punct    7
    Yatsenko        -       PROPN NNP nsubj    13
    added           add     VERB  VBD ROOT     13
    that            -       SCONJ IN  mark     17
    more            -       ADJ   JJR nsubj    17
    would           -       AUX   MD  aux      17
    follow          -       VERB  VB  ccomp    13
    .               -       PUNCT .   punct    13
"""


def _yatsenko(nlp):
    doc = parsed(YATSENKO_TABLE)
    return _names(nlp, doc, ents=[(0, 2, "PERSON"), (12, 13, "PERSON")])


def _person(doc, start):
    return next(n for n in doc._.names if n.start == start)


def test_names_model_person_gets_an_iri_from_its_name(nlp):
    name = _person(_yatsenko(nlp), 0)
    assert (name.iri, name.kind, name.how, name.label) == (
        YATSENKO,
        "Person",
        "ner",
        "Petro Yatsenko",
    )


def test_names_model_person_side_from_apposition(nlp):
    assert _person(_yatsenko(nlp), 0).side == UA


def test_names_model_person_is_minted(nlp):
    assert _yatsenko(nlp)._.minted == [Entity(YATSENKO, "Petro Yatsenko", "Person", UA)]


def test_names_surname_alone_is_the_full_name(nlp):
    name = _person(_yatsenko(nlp), 12)
    assert (name.iri, name.label) == (YATSENKO, "Petro Yatsenko")


def test_names_in_a_dateline_are_dropped(nlp):
    text = "KYIV, June 2 (Reuters) - Ukraine released 20 soldiers."
    doc = parsed(
        """
        KYIV      -        PROPN NNP   nmod     8
        ,         -        PUNCT ,     punct    0
        June      -        PROPN NNP   npadvmod 0
        2         -        NUM   CD    nummod   2
        (         -        PUNCT -LRB- punct    5
        Reuters   -        PROPN NNP   appos    0
        )         -        PUNCT -RRB- punct    5
        -         -        PUNCT :     punct    5
        Ukraine   -        PROPN NNP   nsubj    9
        released  release  VERB  VBD   ROOT     9
        20        -        NUM   CD    nummod   11
        soldiers  soldier  NOUN  NNS   dobj     9
        .         -        PUNCT .     punct    9
        """,
        text,
    )
    found = _names(nlp, doc, ents=[(5, 6, "ORG")], datelines=[(0, text.index("Ukraine"))])
    assert (found._.names, found._.minted) == ([Name(8, 9, UA, "State", "name", UA)], [])

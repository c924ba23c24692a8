"""kg.nlp.mediation: who brokered, read from the words of mediation in a hand-made parse."""

import pytest

from kg.namespaces import ID
from kg.nlp import lexicon
from kg.nlp.mediation import MediationReader
from tests.nlp_docs import indexed, named, parsed

UA, UAE = ID + "state/ukraine", ID + "state/uae"
QATAR, TURKIYE = ID + "state/qatar", ID + "state/turkiye"
ZELENSKY, ERDOGAN = ID + "person/volodymyr-zelensky", ID + "person/recep-tayyip-erdogan"
HEADQUARTERS = ID + "org/ukraine-coordination-headquarters"


@pytest.fixture(scope="module")
def reader():
    return MediationReader(lexicon.load())


def _mediators(reader, doc, names):
    return reader.mediators(indexed(doc, names), doc[:])


def test_mediators_passive_agent(reader):
    doc = parsed("""
        The       -        DET   DT  det       1
        exchange  -        NOUN  NN  nsubjpass 3
        was       be       AUX   VBD auxpass   3
        mediated  mediate  VERB  VBN ROOT      3
        by        -        ADP   IN  agent     3
        the       -        DET   DT  det       6
        UAE       -        PROPN NNP pobj      4
    """)
    assert _mediators(reader, doc, [named(doc, "UAE", UAE)]) == [UAE]


def test_mediators_passive_without_agent_names_nobody(reader):
    doc = parsed("""
        The       -        DET   DT  det       1
        exchange  -        NOUN  NN  nsubjpass 3
        was       be       AUX   VBD auxpass   3
        mediated  mediate  VERB  VBN ROOT      3
    """)
    assert _mediators(reader, doc, []) == []


def test_mediators_active_subject(reader):
    doc = parsed("""
        Qatar     -        PROPN NNP nsubj 1
        mediated  mediate  VERB  VBD ROOT  1
        the       -        DET   DT  det   3
        exchange  -        NOUN  NN  dobj  1
    """)
    assert _mediators(reader, doc, [named(doc, "Qatar", QATAR)]) == [QATAR]


def test_mediators_person_mediates_for_their_state(reader):
    doc = parsed("""
        Erdogan   -       PROPN NNP nsubj 1
        brokered  broker  VERB  VBD ROOT  1
        the       -       DET   DT  det   3
        deal      -       NOUN  NN  dobj  1
    """)
    names = [named(doc, "Erdogan", ERDOGAN, kind="Person", side=TURKIYE)]
    assert _mediators(reader, doc, names) == [TURKIYE]


def test_mediators_possessor_of_mediation_noun(reader):
    # "The swap followed Qatar's mediation."
    doc = parsed("""
        The        -       DET   DT  det   1
        swap       -       NOUN  NN  nsubj 2
        followed   follow  VERB  VBD ROOT  2
        Qatar      -       PROPN NNP poss  5
        's         -       PART  POS case  3
        mediation  -       NOUN  NN  dobj  2
    """)
    assert _mediators(reader, doc, [named(doc, "Qatar", QATAR)]) == [QATAR]


def test_mediators_demonym_on_mediation_noun(reader):
    # "The swap took place with Emirati mediation."
    doc = parsed("""
        The        -     DET   DT  det      1
        swap       -     NOUN  NN  nsubj    2
        took       take  VERB  VBD ROOT     2
        place      -     NOUN  NN  dobj     2
        with       -     ADP   IN  prep     2
        Emirati    -     PROPN NNP compound 6
        mediation  -     NOUN  NN  pobj     4
    """)
    assert _mediators(reader, doc, [named(doc, "Emirati", UAE, how="demonym")]) == [UAE]


def test_mediators_hyphenated_brokered(reader):
    # "They completed a UAE-brokered swap." as the parser reads it: "brokered" a verb.
    doc = parsed(
        """
        They       they      PRON  PRP  nsubj    1
        completed  complete  VERB  VBD  ROOT     1
        a          -         DET   DT   det      6
        UAE        -         PROPN NNP  npadvmod 5
        -          -         PUNCT HYPH punct    5
        brokered   broker    VERB  VBN  amod     6
        swap       -         NOUN  NN   dobj     1
        """,
        "They completed a UAE-brokered swap",
    )
    assert _mediators(reader, doc, [named(doc, "UAE", UAE)]) == [UAE]


def test_mediators_thanked_for_its_help(reader):
    # "Zelensky thanked the UAE for its help.": the UAE helped, not Zelensky's side.
    doc = parsed("""
        Zelensky  -      PROPN NNP  nsubj 1
        thanked   thank  VERB  VBD  ROOT  1
        the       -      DET   DT   det   3
        UAE       -      PROPN NNP  dobj  1
        for       -      ADP   IN   prep  1
        its       -      PRON  PRP$ poss  6
        help      -      NOUN  NN   pobj  4
    """)
    names = [
        named(doc, "Zelensky", ZELENSKY, kind="Person", side=UA),
        named(doc, "UAE", UAE),
    ]
    assert _mediators(reader, doc, names) == [UAE]


def test_mediators_gratitude_to(reader):
    # "Ukraine expressed gratitude to Qatar."
    doc = parsed("""
        Ukraine    -        PROPN NNP nsubj 1
        expressed  express  VERB  VBD ROOT  1
        gratitude  -        NOUN  NN  dobj  1
        to         -        ADP   IN  prep  2
        Qatar      -        PROPN NNP pobj  3
    """)
    names = [named(doc, "Ukraine", UA), named(doc, "Qatar", QATAR)]
    assert _mediators(reader, doc, names) == [QATAR]


def test_mediators_gratitude_to_hung_on_the_verb(reader):
    doc = parsed("""
        Ukraine    -        PROPN NNP nsubj 1
        expressed  express  VERB  VBD ROOT  1
        gratitude  -        NOUN  NN  dobj  1
        to         -        ADP   IN  prep  1
        Qatar      -        PROPN NNP pobj  3
    """)
    names = [named(doc, "Ukraine", UA), named(doc, "Qatar", QATAR)]
    assert _mediators(reader, doc, names) == [QATAR]


def test_mediators_acted_as_mediator(reader):
    doc = parsed("""
        Turkey    -    PROPN NNP nsubj 1
        acted     act  VERB  VBD ROOT  1
        as        -    ADP   IN  prep  1
        mediator  -    NOUN  NN  pobj  2
    """)
    assert _mediators(reader, doc, [named(doc, "Turkey", TURKIYE)]) == [TURKIYE]


def test_mediators_mediation_word_inside_a_name_is_no_cue(reader):
    # "The Coordination Headquarters reported the swap.": a name, not a mediation.
    doc = parsed("""
        The           -       DET   DT  det      2
        Coordination  -       PROPN NNP compound 2
        Headquarters  -       PROPN NNP nsubj    3
        reported      report  VERB  VBD ROOT     3
        the           -       DET   DT  det      5
        swap          -       NOUN  NN  dobj     3
    """)
    names = [named(doc, "Coordination Headquarters", HEADQUARTERS, kind="Organisation", side=UA)]
    assert _mediators(reader, doc, names) == []

"""kg.nlp.speech: the kg_speech component on hand-made parses (blank pipeline, no model)."""

import pytest

from kg.namespaces import ID
from tests.nlp_docs import named, parsed, pipeline, prepared, run

UA, RU = ID + "state/ukraine", ID + "state/russia"
ZELENSKY, LUBINETS = ID + "person/volodymyr-zelensky", ID + "person/dmytro-lubinets"
HEADQUARTERS = ID + "org/ukraine-coordination-headquarters"


@pytest.fixture(scope="module")
def nlp():
    return pipeline("kg_speech")


def _one(nlp, doc, names=()):
    found = run(nlp, prepared(doc, names))._.speech
    assert len(found) == 1, found
    return found[0]


def _zelensky(doc):
    return named(doc, "Zelensky", ZELENSKY, kind="Person", side=UA)


def _lubinets(doc):
    return named(doc, "Lubinets", LUBINETS, kind="Person", side=UA)


def test_speech_speaker_is_the_subject(nlp):
    doc = parsed(
        """
        Zelensky  -     PROPN NNP nsubj 1
        said      say   VERB  VBD ROOT  1
        the       -     DET   DT  det   3
        exchange  -     NOUN  NN  nsubj 4
        took      take  VERB  VBD ccomp 1
        place     -     NOUN  NN  dobj  4
        .         -     PUNCT .   punct 1
        """,
        "Zelensky said the exchange took place.",
    )
    assert _one(nlp, doc, [_zelensky(doc)]).speakers == (ZELENSKY,)


def test_speech_words_are_the_reported_clause_when_nothing_is_quoted(nlp):
    doc = parsed(
        """
        Zelensky  -       PROPN NNP nsubj  1
        said      say     VERB  VBD ROOT   1
        20        -       NUM   CD  nummod 3
        people    person  NOUN  NNS nsubj  4
        came      come    VERB  VBD ccomp  1
        home      -       ADV   RB  advmod 4
        .         -       PUNCT .   punct  1
        """,
        "Zelensky said 20 people came home.",
    )
    mention = _one(nlp, doc, [_zelensky(doc)])
    assert (mention.quoted, mention.quote) == (False, "20 people came home")


def test_speech_words_are_the_quotation_next_to_the_verb(nlp):
    doc = parsed(
        """
        “         -       PUNCT ``  punct  9
        We        we      PRON  PRP nsubj  2
        brought   bring   VERB  VBD ccomp  9
        home      -       ADV   RB  advmod 2
        20        -       NUM   CD  nummod 5
        people    person  NOUN  NNS dobj   2
        ,         -       PUNCT ,   punct  9
        ”         -       PUNCT ''  punct  9
        Zelensky  -       PROPN NNP nsubj  9
        said      say     VERB  VBD ROOT   9
        .         -       PUNCT .   punct  9
        """,
        "“We brought home 20 people,” Zelensky said.",
    )
    mention = _one(nlp, doc, [_zelensky(doc)])
    assert (mention.quoted, mention.quote) == (True, "We brought home 20 people")


# "20 soldiers returned home, according to Lubinets."
ACCORDING_TO = """
    20         -        NUM   CD  nummod 1
    soldiers   soldier  NOUN  NNS nsubj  2
    returned   return   VERB  VBD ROOT   2
    home       -        ADV   RB  advmod 2
    ,          -        PUNCT ,   punct  2
    according  accord   VERB  VBG prep   2
    to         -        ADP   IN  prep   5
    Lubinets   -        PROPN NNP pobj   6
    .          -        PUNCT .   punct  2
"""


def _according_to(nlp):
    doc = parsed(ACCORDING_TO, "20 soldiers returned home, according to Lubinets.")
    return _one(nlp, doc, [_lubinets(doc)])


def test_speech_according_to_names_the_speaker(nlp):
    assert _according_to(nlp).speakers == (LUBINETS,)


def test_speech_according_to_words_are_the_rest_of_the_sentence(nlp):
    assert _according_to(nlp).quote == "20 soldiers returned home"


def test_speech_he_is_the_person_named_last(nlp):
    doc = parsed(
        """
        Lubinets  -     PROPN NNP nsubj 1
        met       meet  VERB  VBD ROOT  1
        the       -     DET   DT  det   3
        families  family NOUN NNS dobj  1
        .         -     PUNCT .   punct 1
        He        he    PRON  PRP nsubj 6
        said      say   VERB  VBD ROOT  6
        the       -     DET   DT  det   8
        exchange  -     NOUN  NN  nsubj 9
        took      take  VERB  VBD ccomp 6
        place     -     NOUN  NN  dobj  9
        .         -     PUNCT .   punct 6
        """,
        "Lubinets met the families. He said the exchange took place.",
    )
    assert _one(nlp, doc, [_lubinets(doc)]).speakers == (LUBINETS,)


def test_speech_owner_of_a_statement_is_the_speaker(nlp):
    # "A statement from the Coordination Headquarters said 20 soldiers returned."
    doc = parsed("""
        A             -        DET   DT  det      1
        statement     -        NOUN  NN  nsubj    6
        from          -        ADP   IN  prep     1
        the           -        DET   DT  det      5
        Coordination  -        PROPN NNP compound 5
        Headquarters  -        PROPN NNP pobj     2
        said          say      VERB  VBD ROOT     6
        20            -        NUM   CD  nummod   8
        soldiers      soldier  NOUN  NNS nsubj    9
        returned      return   VERB  VBD ccomp    6
    """)
    names = [named(doc, "Coordination Headquarters", HEADQUARTERS, "Organisation", side=UA)]
    assert _one(nlp, doc, names).speakers == (HEADQUARTERS,)


def test_speech_channel_on_telegram(nlp):
    doc = parsed("""
        Zelensky  -        PROPN NNP nsubj  1
        wrote     write    VERB  VBD ROOT   1
        on        -        ADP   IN  prep   1
        Telegram  -        PROPN NNP pobj   2
        that      -        SCONJ IN  mark   7
        20        -        NUM   CD  nummod 6
        soldiers  soldier  NOUN  NNS nsubj  7
        returned  return   VERB  VBD ccomp  1
    """)
    assert _one(nlp, doc, [_zelensky(doc)]).channel == "Telegram"


def test_speech_date_from_the_verb_clause(nlp):
    doc = parsed("""
        Zelensky  -        PROPN NNP nsubj  1
        said      say      VERB  VBD ROOT   1
        on        -        ADP   IN  prep   1
        June      -        PROPN NNP pobj   2
        9         -        NUM   CD  nummod 3
        that      -        SCONJ IN  mark   8
        20        -        NUM   CD  nummod 7
        soldiers  soldier  NOUN  NNS nsubj  8
        returned  return   VERB  VBD ccomp  1
    """)
    assert [d.value.start for d in _one(nlp, doc, [_zelensky(doc)]).dates] == ["2025-06-09"]


def test_speech_denial_stance(nlp):
    doc = parsed("""
        Russia  -     PROPN NNP nsubj 1
        denied  deny  VERB  VBD ROOT  1
        the     -     DET   DT  det   3
        claim   -     NOUN  NN  dobj  1
    """)
    mention = _one(nlp, doc, [named(doc, "Russia", RU)])
    assert (mention.speakers, mention.stance) == ((RU,), "Denial")

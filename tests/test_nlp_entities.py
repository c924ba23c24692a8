import spacy

import kg.nlp.entities  # noqa: F401

ID = "https://w3id.org/powkg/id/"


def _entities(text):
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_entities")
    doc = nlp(text)
    return [(s.text, s.kb_id_, s.id_) for s in doc.spans["kg_entities"]]


def test_entities_alternative_spelling_gets_person_iri():
    assert _entities("Zelenskyy spoke.") == [
        ("Zelenskyy", ID + "person/volodymyr-zelensky", "name")
    ]


def test_entities_capital_stands_for_state():
    assert _entities("Moscow refused.")[0][1] == ID + "state/russia"


def test_entities_generic_ministry_resolved_by_following_place():
    found = _entities("The defence ministry in Kyiv said so.")
    assert found[0][1] == ID + "org/ukraine-defence-ministry"


def test_entities_generic_ministry_of_another_side_is_dropped():
    found = _entities("Chad's defence ministry spoke.")
    assert [f[1] for f in found] == [ID + "state/chad"]


def test_entities_lowercase_us_is_not_the_united_states():
    assert _entities("Let us wait.") == []


def test_entities_abbreviation_matches_case_sensitively():
    assert _entities("The UAE helped.")[0][1] == ID + "state/uae"

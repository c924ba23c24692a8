import spacy

import kg.nlp.categories  # noqa: F401

POW = "https://w3id.org/powkg/ontology#"


def _concepts(text):
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_categories")
    doc = nlp(text)
    return [s.kb_id_ for s in doc.spans["kg_categories"]]


def test_categories_label_phrase_matches():
    assert _concepts("They freed the seriously wounded.") == [POW + "SeriouslyWoundedOrIll"]


def test_categories_token_pattern_matches_loose_phrase():
    assert POW + "Under25" in _concepts("Soldiers younger than 25 came home.")


def test_categories_longest_phrase_wins():
    assert _concepts("sick and wounded captives") == [POW + "SeriouslyWoundedOrIll"]


def test_categories_prisoners_of_war_are_tagged():
    assert _concepts("Prisoners of war were swapped.") == [POW + "PrisonersOfWar"]


def test_categories_teenage_boys_are_children():
    assert _concepts("Six teenage boys were among them.") == [POW + "Children"]

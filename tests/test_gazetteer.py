from kg.gazetteer import DEMONYM, METONYM, load_cached

ID = "https://w3id.org/powkg/id/"
POW = "https://w3id.org/powkg/ontology#"


def test_gazetteer_spellings_share_one_iri():
    forms = {f.text: f.iri for f in load_cached().forms}
    assert forms["Zelensky"] == forms["Zelenskiy"] == forms["Zelenskyy"]


def test_gazetteer_capital_is_metonym_of_state():
    forms = [f for f in load_cached().forms if f.text == "Kyiv"]
    assert [(f.iri, f.how) for f in forms] == [(ID + "state/ukraine", METONYM)]


def test_gazetteer_demonym_points_at_state():
    forms = [f for f in load_cached().forms if f.text == "Russian"]
    assert [(f.iri, f.how) for f in forms] == [(ID + "state/russia", DEMONYM)]


def test_gazetteer_state_is_also_location():
    belarus = load_cached().entry(ID + "state/belarus")
    assert belarus.kind == "State" and belarus.is_location


def test_gazetteer_city_lies_in_its_country():
    assert load_cached().country(ID + "place/istanbul") == ID + "state/turkiye"


def test_gazetteer_organisation_has_side():
    assert load_cached().entry(ID + "org/russia-defence-ministry").side == ID + "state/russia"


def test_gazetteer_categories_have_phrases():
    assert "under the age of 25" in load_cached().categories[POW + "Under25"].phrases


def test_gazetteer_prisoners_of_war_have_phrases():
    assert "prisoners of war" in load_cached().categories[POW + "PrisonersOfWar"].phrases


def test_gazetteer_covers_states_beyond_the_seed_conflicts():
    forms = {(f.text, f.how): f.iri for f in load_cached().forms}
    assert forms[("Venezuelans", DEMONYM)] == ID + "state/venezuela"
    assert forms[("Tehran", METONYM)] == ID + "state/iran"
    assert ("Omani", DEMONYM) in forms and ("Swiss", DEMONYM) in forms


def test_gazetteer_presidential_office_is_an_organisation_of_its_state():
    forms = {f.text: f.iri for f in load_cached().forms}
    office = load_cached().entry(forms["White House"])
    assert (office.kind, office.side) == ("Organisation", ID + "state/united-states")

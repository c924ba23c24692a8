"""kg.nlp.sides: an article's sides, and the one side that names an exchange (real gazetteer)."""

import pytest

from kg import gazetteer
from kg.namespaces import ID
from kg.nlp.mentions import EventMention, Name, People
from kg.nlp.sides import Sides, aliased

UA, RU, UAE, TR = (ID + "state/" + s for s in ("ukraine", "russia", "uae", "turkiye"))
ISRAEL, US = ID + "state/israel", ID + "state/united-states"
HAMAS, HEZBOLLAH = ID + "group/hamas", ID + "group/hezbollah"
PALESTINIANS = ID + "group/palestinian-side"
ICRC, ISTANBUL = ID + "org/icrc", ID + "place/istanbul"


@pytest.fixture(scope="module")
def sides():
    return Sides(gazetteer.load())


def swap(trigger: int, *agents: str, status: str = "actual", **fields) -> EventMention:
    return EventMention(trigger, "swap", 0, status=status, agents=agents, **fields)


def name(start: int, iri: str, kind: str = "State", side: str | None = None) -> Name:
    return Name(start, start + 1, iri, kind, "name", side=side or iri)


def test_sides_state_is_side(sides):
    assert sides.is_side(UA)


def test_sides_armed_group_is_side(sides):
    assert sides.is_side(HAMAS)


def test_sides_people_is_side(sides):
    assert sides.is_side(PALESTINIANS)


def test_sides_organisation_is_not_side(sides):
    assert not sides.is_side(ICRC)


def test_sides_place_is_not_side(sides):
    assert not sides.is_side(ISTANBUL)


def test_sides_unknown_iri_is_not_side(sides):
    assert not sides.is_side(ID + "ner/interfax")


def test_sides_group_the_model_found_is_side():
    eln = Name(0, 2, ID + "ner/eln", "Organisation", "ner", label="ELN")
    assert Sides(gazetteer.load(), [eln]).is_side(eln.iri)


def test_sides_person_the_model_found_is_not_side():
    who = Name(0, 2, ID + "ner/john-doe", "Person", "ner", label="John Doe")
    assert not Sides(gazetteer.load(), [who]).is_side(who.iri)


def test_sides_kind_of_unknown_is_none(sides):
    assert (sides.kind(HAMAS), sides.kind(ID + "ner/interfax")) == ("ArmedGroup", None)


def test_pair_most_named_actors(sides):
    events = [swap(1, RU, UA), swap(5, UA), swap(9, TR)]
    assert sides.pair(events, [], set()) == (UA, RU)


def test_pair_ties_broken_by_first_mention(sides):
    events = [swap(1, RU), swap(5, UA)]
    assert sides.pair(events, [], set()) == (RU, UA)


def test_pair_ignores_events_that_did_not_happen(sides):
    events = [swap(1, RU, UA), swap(5, TR, status="planned"), swap(6, TR, status="planned")]
    assert sides.pair(events, [], set()) == (RU, UA)


def test_pair_people_sides_count_less_than_actors(sides):
    # "Russia freed Ukrainian and Turkish prisoners": whose people count 1, actors 2
    people = (People(3, side=UA), People(5, side=TR))
    events = [EventMention(1, "give", 0, agents=(RU,), people=people), swap(9, UA)]
    assert sides.pair(events, [], set()) == (UA, RU)


def test_pair_non_party_actor_is_no_side(sides):
    events = [swap(1, ICRC), swap(2, ICRC), swap(3, RU, UA)]
    assert sides.pair(events, [], set()) == (RU, UA)


def test_pair_names_count_when_actors_tie(sides):
    names = [name(0, UA), name(5, UA), name(9, RU)]
    assert sides.pair([swap(20, RU, UA)], names, set()) == (UA, RU)


def test_pair_names_alone(sides):
    names = [name(0, RU), name(5, UA), name(9, UA)]
    assert sides.pair([], names, set()) == (UA, RU)


def test_pair_mediator_named_often_is_no_side(sides):
    names = [name(i, UAE) for i in range(0, 50, 5)]
    assert sides.pair([swap(60, RU, UA)], names, {UAE}) == (RU, UA)


def test_pair_mediator_as_actor_still_counts(sides):
    events = [swap(1, UAE), swap(2, UAE), swap(3, UAE), swap(4, RU, UA)]
    assert sides.pair(events, [], {UAE})[0] == UAE


def test_pair_placed_name_is_no_side(sides):
    # "talks in Istanbul, Turkiye": Turkiye after "in" is a place
    names = [name(0, UA), name(3, TR), name(5, TR), name(7, RU)]
    assert sides.pair([], names, set(), placed=frozenset({3, 5})) == (UA, RU)


def test_pair_location_names_do_not_count(sides):
    names = [name(0, ISTANBUL, "Location", side=TR), name(3, ISTANBUL, "Location", side=TR)]
    assert sides.pair([], [*names, name(7, RU)], set()) == (RU,)


def test_pair_organisation_name_counts_half(sides):
    # "the Ukrainian defence ministry" twice against Russia once and Turkiye once
    ministry = ID + "org/ukraine-defence-ministry"
    names = [name(0, TR), name(2, RU), name(4, ministry, "Organisation", side=UA)]
    names.append(name(6, ministry, "Organisation", side=UA))
    assert sides.pair([], names, set()) == (TR, RU)


def test_pair_group_the_model_found_counts_as_actor():
    eln = Name(0, 2, ID + "ner/eln", "Organisation", "ner", label="ELN")
    events = [swap(1, eln.iri), swap(4, eln.iri), swap(7, ID + "state/colombia")]
    assert Sides(gazetteer.load(), [eln]).pair(events, [eln], set())[0] == eln.iri


def test_pair_group_the_model_found_not_counted_by_name():
    eln = ID + "ner/eln"
    elns = [Name(i, i + 1, eln, "Organisation", "ner", side=eln, label="ELN") for i in range(5)]
    events = [swap(9, RU, UA)]
    assert Sides(gazetteer.load(), elns).pair(events, elns, set()) == (RU, UA)


def test_pair_speakers_count(sides):
    assert sides.pair([swap(1, RU)], [], set(), speakers=(UA, UA)) == (RU, UA)


def test_hub_state_names_exchange_with_armed_group(sides):
    assert sides.hub((HAMAS, ISRAEL), (HAMAS, ISRAEL)) == ISRAEL


def test_hub_two_states_name_it_together(sides):
    assert sides.hub((RU, UA), (RU, UA)) is None


def test_hub_two_armed_groups_name_it_together(sides):
    assert sides.hub((HAMAS, HEZBOLLAH), (HAMAS, HEZBOLLAH)) is None


def test_hub_unknown_party_names_nothing(sides):
    assert sides.hub((ID + "ner/wagner", ISRAEL), (ISRAEL,)) is None


def test_hub_many_sides_the_one_everyone_dealt_with(sides):
    assert sides.hub((US, RU, ID + "state/germany"), (US, RU)) == US


def test_hub_many_sides_without_main_side_among_them(sides):
    assert sides.hub((US, RU, ID + "state/germany"), (UA, TR)) is None


def test_aliases_people_named_by_demonym_is_the_armed_group(sides):
    events = [EventMention(1, "give", 0, agents=(ISRAEL,), people=(People(3, side=PALESTINIANS),))]
    names = [name(8, HAMAS, "ArmedGroup")]
    assert sides.aliases(events, names) == {PALESTINIANS: HAMAS}


def test_aliases_two_armed_groups_none(sides):
    events = [EventMention(1, "give", 0, people=(People(3, side=PALESTINIANS),))]
    names = [name(8, HAMAS, "ArmedGroup"), name(9, HEZBOLLAH, "ArmedGroup")]
    assert sides.aliases(events, names) == {}


def test_aliased_replaces_every_role():
    event = EventMention(
        1,
        "swap",
        0,
        agents=(PALESTINIANS,),
        recipients=(PALESTINIANS,),
        sources=(PALESTINIANS,),
        partners=(PALESTINIANS,),
        people=(People(3, side=PALESTINIANS, captor=PALESTINIANS),),
        counter=(People(7, side=PALESTINIANS),),
    )
    found = aliased(event, {PALESTINIANS: HAMAS})
    assert (found.agents, found.recipients, found.sources, found.partners) == ((HAMAS,),) * 4
    assert (found.people[0].side, found.people[0].captor, found.counter[0].side) == (HAMAS,) * 3


def test_aliased_merges_repeated_side():
    event = swap(1, PALESTINIANS, HAMAS, ISRAEL)
    assert aliased(event, {PALESTINIANS: HAMAS}).agents == (HAMAS, ISRAEL)


def test_aliased_without_aliases_is_the_same_event():
    event = swap(1, RU, UA)
    assert aliased(event, {}) is event

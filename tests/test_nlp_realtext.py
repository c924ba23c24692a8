"""How real news words things, in our own sentences: one test per phenomenon the real-text
development sets showed (tests/eval/README.md tells how those sets were used)."""

import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
ID = "https://w3id.org/powkg/id/"


def _facts(extractor, text, published="2025-06-10"):  # noqa: F811
    return extractor.extract(article(text, published))


def _ends(transfer):
    source, target = ((x or "").rsplit("/", 1)[-1] for x in (transfer.source, transfer.target))
    return (source, target, transfer.count)


def test_realtext_flying_people_held_by_a_side_is_their_release(extractor):  # noqa: F811
    text = "Four Canadians held in Iran were flown to Oman on Tuesday and on to Toronto."
    exchange = _facts(extractor, text).exchanges[0]
    assert exchange.start == "2025-06-10"
    assert [_ends(t) for t in exchange.transfers] == [("iran", "canada", 4)]


def test_realtext_a_flight_leg_of_people_nobody_held_is_no_handover(extractor):  # noqa: F811
    text = "The four men were later flown to Muscat, where their families met them."
    assert _facts(extractor, text).exchanges == ()


def test_realtext_today_inside_a_quote_is_the_speaker_s_day(extractor):  # noqa: F811
    text = (
        "On 3 May Armenia freed six Azerbaijani soldiers at the border. "
        '"Today we brought our boys home," the Azerbaijani minister said that evening.'
    )
    assert [e.start for e in _facts(extractor, text).exchanges] == ["2025-05-03"]


def test_realtext_a_question_reports_no_agreement(extractor):  # noqa: F811
    text = "Did the two delegations agree on anything in Geneva on Monday?"
    assert _facts(extractor, text).agreements == ()


def test_realtext_the_day_of_a_cause_is_not_the_day_of_its_result(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 90 soldiers each on Friday. "
        "The talks on 16 May led to the largest exchange of the war."
    )
    assert [e.start for e in _facts(extractor, text).exchanges] == ["2025-06-06"]


def test_realtext_he_is_the_subject_of_the_sentence_before(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 90 soldiers each on Friday. Rustem Umerov asked for a "
        'meeting between Zelensky and Putin. "Only the leaders can end this war," he said.'
    )
    said = next(s for s in _facts(extractor, text).statements if "leaders" in s.quote)
    assert said.speaker == ID + "person/rustem-umerov"


def test_realtext_an_undated_deal_was_reached_at_the_talks_told_before(extractor):  # noqa: F811
    text = (
        "Russian and Ukrainian envoys sat down in Istanbul on Wednesday for a third round "
        "of talks.\n\nWhat did they agree?\n\nThe delegations agreed to exchange 1,200 "
        "prisoners of war each."
    )
    agreement = _facts(extractor, text).agreements[0]
    assert (agreement.date, agreement.location, agreement.round) == (
        "2025-06-04",
        ID + "place/istanbul",
        3,
    )
    assert sorted(t.count for t in agreement.provides) == [1200, 1200]


def test_realtext_lists_agreed_in_private_are_no_agreement(extractor):  # noqa: F811
    text = (
        "Envoys met in Geneva on Tuesday. Names are agreed out of public view, and lists "
        "are usually published only after the men cross."
    )
    assert _facts(extractor, text).agreements == ()


def test_realtext_sides_that_talk_to_each_other_are_no_mediators(extractor):  # noqa: F811
    text = (
        "Israel freed 40 Palestinian prisoners on Friday as Hamas released six hostages. "
        "Israel and Hamas do not negotiate face to face, and Qatar carried the messages."
    )
    mediators = _facts(extractor, text).exchanges[0].mediators
    assert ID + "state/israel" not in mediators and ID + "group/hamas" not in mediators


def test_realtext_a_capital_where_talks_were_held_is_the_city(extractor):  # noqa: F811
    text = "Armenia and Azerbaijan signed an accord in Moscow on 4 May to swap all detainees."
    assert _facts(extractor, text).agreements[0].location == ID + "place/moscow"


def test_realtext_a_capital_that_speaks_is_its_state(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped 90 soldiers each on Friday, officials in Kyiv said."
    speakers = {s.speaker for s in _facts(extractor, text).statements}
    assert speakers == {ID + "state/ukraine"}


def test_realtext_where_the_freed_are_still_to_fly_is_no_place_of_it(extractor):  # noqa: F811
    text = (
        "Iran released five Americans on Monday. The five are scheduled to land in "
        "Washington on Tuesday."
    )
    assert _facts(extractor, text).exchanges[0].locations == ()


def test_realtext_a_visit_before_the_release_gives_it_no_place(extractor):  # noqa: F811
    text = (
        "Belarus freed 16 prisoners on Friday, a day after its leader received a US "
        "delegation in Minsk."
    )
    assert _facts(extractor, text).exchanges[0].locations == ()


def test_realtext_a_when_clause_of_an_earlier_exchange_is_earlier(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 185 soldiers each on Friday. The previous exchange "
        "took place on 24 May, when the two sides returned 146 each."
    )
    exchanges = _facts(extractor, text).exchanges
    main = next(e for e in exchanges if e.start == "2025-06-06")
    assert sorted(t.count for t in main.transfers) == [185, 185]


def test_realtext_an_operation_that_began_and_ended_spans_its_days(extractor):  # noqa: F811
    text = (
        "The last bus crossed on Monday, closing an operation that began on Saturday and saw "
        "the rebels let 30 soldiers go."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert (exchange.start, exchange.end) == ("2025-06-07", "2025-06-09")


def test_realtext_two_days_after_moves_the_day_back(extractor):  # noqa: F811
    text = "The men were at home on Sunday, two days after Hamas let them go."
    assert [e.start for e in _facts(extractor, text).exchanges] == ["2025-06-06"]


def test_realtext_a_number_before_a_described_group_counts_it(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 84 soldiers each on Tuesday. In addition, 11 gravely "
        "ill Ukrainian soldiers were handed over by Russia."
    )
    counts = sorted(t.count for t in _facts(extractor, text).exchanges[0].transfers)
    assert counts == [11, 84, 84]


def test_realtext_a_subgroup_after_among_them_is_no_more_people(extractor):  # noqa: F811
    text = "On Monday Belarus pardoned 14 prisoners, among them a journalist, after US talks."
    counts = [t.count for t in _facts(extractor, text).exchanges[0].transfers]
    assert counts == [14]


def test_realtext_a_named_person_with_n_others_counts_them_all(extractor):  # noqa: F811
    text = (
        "Belarusian opposition figure Ales Bialiatski, along with 13 other detainees, was "
        "freed by Belarus on Saturday and taken to Lithuania."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert [_ends(t) for t in exchange.transfers] == [("belarus", "", 14)]


def test_realtext_people_freed_together_with_others_are_one_group(extractor):  # noqa: F811
    text = (
        "Russia freed Marc Fogel together with two other Americans on Tuesday in exchange "
        "for a Russian held by the United States."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert ("russia", "united-states", 3) in [_ends(t) for t in exchange.transfers]


def test_realtext_the_one_quoted_by_an_agency_is_the_speaker(extractor):  # noqa: F811
    text = (
        'Russia and Ukraine swapped 90 soldiers each on Friday. "This is a step toward '
        'trust," Kremlin spokesman Dmitry Peskov was quoted by the Interfax news agency as '
        "saying."
    )
    said = next(s for s in _facts(extractor, text).statements if "trust" in s.quote)
    assert said.speaker == ID + "person/dmitry-peskov"


def test_realtext_the_ministry_is_the_body_last_named_a_ministry(extractor):  # noqa: F811
    text = (
        "Turkey's foreign ministry said on Saturday that Syria and the rebels had swapped 20 "
        "prisoners each. The handover took place near the offices of the Syrian Observatory "
        'for Human Rights, the ministry said, calling it a "pilot project". "We hope for '
        'more," the ministry added.'
    )
    statements = _facts(extractor, text).statements
    assert {s.speaker for s in statements} == {ID + "org/turkiye-foreign-ministry"}
    assert any("pilot project" in s.quote for s in statements)


def test_realtext_a_capital_owning_an_airport_is_the_city(extractor):  # noqa: F811
    text = (
        "The Taliban freed an American engineer at Kabul airport on Monday in exchange for "
        "an Afghan convict held by the United States."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert exchange.locations == (ID + "place/kabul",)


def test_realtext_then_after_an_earlier_swap_belongs_to_that_swap(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 90 soldiers each on Tuesday. The previous swap took place "
        "on February 16. Then, Moscow received 101 servicemen while 100 soldiers were "
        "returned to Kyiv."
    )
    exchanges = {e.start: e for e in _facts(extractor, text, "2023-03-07").exchanges}
    assert sorted(exchanges) == ["2023-02-16", "2023-03-07"]
    counts = sorted(t.count for t in exchanges["2023-03-07"].transfers)
    assert counts == [90, 90]
    assert 101 in {t.count for t in exchanges["2023-02-16"].transfers}


def test_realtext_that_same_month_is_the_month_told_before(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 90 soldiers each on Tuesday. The previous swap took place "
        "on February 16. That same month Russia also secured the release of 63 soldiers."
    )
    starts = sorted(e.start for e in _facts(extractor, text, "2023-03-07").exchanges)
    assert starts[0].startswith("2023-02") and starts[-1] == "2023-03-07"
    today = next(
        e for e in _facts(extractor, text, "2023-03-07").exchanges if e.start == starts[-1]
    )
    assert 63 not in {t.count for t in today.transfers}


def test_realtext_its_own_people_are_the_side_of_the_ministry_named_before(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped prisoners on Tuesday, Russia's defence ministry reported. "
        "The ministry said it had secured the return of 90 of its servicemen."
    )
    exchange = _facts(extractor, text, "2023-03-07").exchanges[0]
    assert ("ukraine", "russia", 90) in [_ends(t) for t in exchange.transfers]


def test_realtext_a_deal_provides_only_handovers_with_both_ends(extractor):  # noqa: F811
    text = (
        "After the second round of talks in Istanbul on June 2, Russia and Ukraine agreed to "
        "exchange 6 000 bodies of dead soldiers and Russia agreed to free 50 Ukrainian medics."
    )
    agreement = _facts(extractor, text).agreements[0]
    assert agreement.date == "2025-06-02"
    assert [_ends(t) for t in agreement.provides] == [("russia", "ukraine", 50)]


def test_realtext_a_deal_s_handover_with_one_end_is_no_provision(extractor):  # noqa: F811
    text = "Belarus agreed on June 2 in Minsk to free 14 political prisoners."
    agreement = _facts(extractor, text).agreements[0]
    assert agreement.provides == ()


def test_realtext_held_since_a_month_is_captivity_not_a_running_total(extractor):  # noqa: F811
    text = (
        "The ELN rebel group on Monday freed three children and 19 other people, mostly "
        "farmers, held captive in the Catatumbo region since January, the ombudsman said."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert exchange.start == "2025-06-09"
    assert {t.count for t in exchange.transfers} == {3, 19}


def test_realtext_prisoners_in_a_country_are_held_there_not_its_own(extractor):  # noqa: F811
    text = (
        "Freed on Thursday, 222 of the political prisoners in Nicaragua arrived in the "
        "United States."
    )
    transfers = [t for e in _facts(extractor, text).exchanges for t in e.transfers]
    assert not [t for t in transfers if t.target == ID + "state/nicaragua"]


def test_realtext_a_carrier_of_captives_leaving_a_country_is_its_release(extractor):  # noqa: F811
    text = (
        "A plane carrying 40 Ukrainian prisoners of war left Russia on Friday bound for "
        "Kyiv, the Red Cross said."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert exchange.start == "2025-06-06"
    assert [_ends(t) for t in exchange.transfers] == [("russia", "ukraine", 40)]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen carrying two hostages crossed into Gaza on Friday.",
        "A bus carrying 12 journalists left Kyiv on Friday.",
    ],
)
def test_realtext_carrying_is_a_handover_only_for_a_carrier_of_captives(extractor, text):  # noqa: F811
    assert _facts(extractor, text).exchanges == ()


def test_realtext_an_agreement_reached_on_a_release_plans_it(extractor):  # noqa: F811
    text = (
        "As reported, on December 7, 2023, after talks between the two governments, an "
        "agreement was reached on the release of 32 Armenian servicemen by Azerbaijan. "
        "Azerbaijan released the 32 servicemen on December 13."
    )
    facts = _facts(extractor, text, "2023-12-13")
    assert [e.start for e in facts.exchanges] == ["2023-12-13"]
    agreement = facts.agreements[0]
    assert (agreement.date, agreement.location) == ("2023-12-07", None)
    assert [_ends(t) for t in agreement.provides] == [("azerbaijan", "armenia", 32)]


def test_realtext_where_the_parties_finalized_a_plan_dates_and_places_it(extractor):  # noqa: F811
    text = (
        "On Friday the Houthis freed 20 Saudi prisoners and Saudi Arabia freed 100 Houthis. "
        "The swap follows talks concluded on 20 March in Bern, where the parties finalized "
        "the plan for the release."
    )
    agreement = _facts(extractor, text, "2023-04-15").agreements[0]
    assert (agreement.date, agreement.location) == ("2023-03-20", ID + "place/bern")


def test_realtext_which_acted_as_a_mediator_names_the_mediator_not_a_side(extractor):  # noqa: F811
    text = (
        "Qatar, which acted as a mediator in the ceasefire agreement, said 13 Israeli "
        "hostages had been released on Friday."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert exchange.mediators == (ID + "state/qatar",)
    assert ID + "state/qatar" not in exchange.parties


def test_realtext_both_before_a_list_of_kinds_counts_no_one(extractor):  # noqa: F811
    text = (
        "A new exchange took place today: 84 people, both military personnel and "
        "civilians, were released from Russian captivity."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert [_ends(t) for t in exchange.transfers] == [("russia", "", 84)]


def test_realtext_reunited_with_relatives_in_a_country_goes_to_that_side(extractor):  # noqa: F811
    text = (
        "Through Qatari mediation, four children were reunited with their relatives in "
        "Ukraine on Friday, and three children were returned to their relatives in Russia. "
        "Russia and Ukraine thanked Qatar."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert sorted(_ends(t) for t in exchange.transfers) == [
        ("russia", "ukraine", 4),
        ("ukraine", "russia", 3),
    ]


def test_realtext_both_sides_releasing_a_number_is_a_joint_total(extractor):  # noqa: F811
    text = (
        "On Saturday, Russia and Ukraine conducted a prisoner exchange, releasing 206 "
        "detainees, with each side returning 103 prisoners."
    )
    exchange = _facts(extractor, text, "2024-09-15").exchanges[0]
    assert sorted(_ends(t) for t in exchange.transfers) == [
        ("russia", "ukraine", 103),
        ("ukraine", "russia", 103),
    ]


def test_realtext_people_freed_through_many_swaps_are_a_running_total(extractor):  # noqa: F811
    text = (
        "Ukraine got back 100 soldiers on Thursday. Ukraine has returned 2,598 people from "
        "Russian captivity through 48 swaps."
    )
    exchange = _facts(extractor, text).exchanges[0]
    assert [_ends(t) for t in exchange.transfers] == [("russia", "ukraine", 100)]


def test_realtext_a_ministry_the_gazetteer_lacks_speaks_under_its_own_name(extractor):  # noqa: F811
    text = (
        '"An agreement was reached on the release of an Afghan held in a US prison," the '
        "Afghan Foreign Ministry said on Tuesday in a post on X."
    )
    said = _facts(extractor, text).statements[0]
    assert said.speaker == ID + "org/the-afghan-foreign-ministry"
    assert said.channel == "X"


def test_realtext_an_unnamed_owner_s_office_is_not_the_last_body_named(extractor):  # noqa: F811
    text = "Hamas freed 20 hostages on Monday, the ombudsman's office said on X."
    assert _facts(extractor, text).statements == ()


def test_realtext_a_state_s_service_speaks_for_the_state(extractor):  # noqa: F811
    text = (
        "Hamas freed four hostages on Saturday. Israel's prison service says it has released "
        "200 Palestinian prisoners in return."
    )
    speakers = {s.speaker for s in _facts(extractor, text).statements}
    assert speakers == {ID + "state/israel"}


def test_realtext_one_day_of_a_multi_day_swap_is_part_of_its_total(extractor):  # noqa: F811
    text = (
        "Ukraine and Russia each handed over 1,000 people over May 23-25. On the first day, "
        "390 soldiers and civilians went home in each direction."
    )
    exchange = _facts(extractor, text, "2025-05-25").exchanges[0]
    assert sorted(_ends(t) for t in exchange.transfers) == [
        ("russia", "ukraine", 1000),
        ("ukraine", "russia", 1000),
    ]

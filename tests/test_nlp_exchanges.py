import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
ID = "https://w3id.org/powkg/id/"
POW = "https://w3id.org/powkg/ontology#"


def test_exchanges_weekday_resolves_against_published(extractor):  # noqa: F811
    facts = extractor.extract(article("Armenia and Azerbaijan exchanged prisoners on Monday."))
    assert [e.start for e in facts.exchanges] == ["2025-06-09"]


def test_exchanges_mentions_of_one_day_merge(extractor):  # noqa: F811
    text = "Israel and Hamas swapped captives on June 3. The swap on June 3 was brief."
    assert len(extractor.extract(article(text)).exchanges) == 1


def test_exchanges_running_total_is_not_an_event(extractor):  # noqa: F811
    text = "Ukraine has brought home more than 900 soldiers from Russian captivity since 2023."
    assert extractor.extract(article(text)).exchanges == ()


def test_exchanges_transit_country_is_location(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped soldiers on Friday. The freed Russians are now in Belarus."
    assert extractor.extract(article(text)).exchanges[0].locations == (ID + "state/belarus",)


def test_exchanges_mediator_is_not_a_party(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped 90 soldiers each on Friday in a deal mediated by the UAE."
    exchange = extractor.extract(article(text)).exchanges[0]
    assert ID + "state/uae" in exchange.mediators and ID + "state/uae" not in exchange.parties


def test_exchanges_category_attached(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped seriously ill soldiers on Friday."
    assert POW + "SeriouslyWoundedOrIll" in extractor.extract(article(text)).exchanges[0].categories


def test_exchanges_month_only_date(extractor):  # noqa: F811
    text = "Russia and Ukraine traded 300 captives on each side in a swap last month."
    assert extractor.extract(article(text)).exchanges[0].start == "2025-05"


def test_exchanges_day_inside_a_span_is_that_exchange(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on March 3-4. On March 4, Israel released 20 prisoners."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, e.end) for e in exchanges] == [("2025-03-03", "2025-03-04")]


def test_exchanges_mediator_named_away_from_the_cue(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan exchanged soldiers on Friday. "
        "Norway said its envoys had mediated the swap."
    )
    assert ID + "state/norway" in extractor.extract(article(text)).exchanges[0].mediators


def test_exchanges_coordinating_actor_is_a_mediator(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped soldiers on Friday. Officials from Norway coordinated it."
    )
    assert ID + "state/norway" in extractor.extract(article(text)).exchanges[0].mediators


def test_exchanges_date_of_previous_sentence_dates_the_next_event(extractor):  # noqa: F811
    text = "On Monday a Russian pilot flew west and an American teacher flew east. It was a swap."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-09"]


def test_exchanges_date_on_an_earlier_line_is_not_inherited(extractor):  # noqa: F811
    text = "Page updated June 2, 2025\nRussia and Ukraine swapped soldiers."
    # An undated exchange the article reports is dated by the article (published
    # 2025-06-10), never by a date on a line of its own above it.
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-10"]


def test_exchanges_start_and_end_words_make_one_range(extractor):  # noqa: F811
    text = "The swap of Armenian and Azerbaijani soldiers began on June 2 and ended on June 4."
    facts = extractor.extract(article(text))
    assert [(e.start, e.end) for e in facts.exchanges] == [("2025-06-02", "2025-06-04")]


def test_exchanges_from_to_make_one_range(extractor):  # noqa: F811
    text = "Armenia and Azerbaijan exchanged soldiers from June 2 to June 4."
    facts = extractor.extract(article(text))
    assert [(e.start, e.end) for e in facts.exchanges] == [("2025-06-02", "2025-06-04")]


def test_exchanges_live_blog_entry_is_dated_by_the_blog_day(extractor):  # noqa: F811
    text = "Sunday 8 June 2025.\n\n11:20 — Armenia has handed over four soldiers to Azerbaijan."
    facts = extractor.extract(article(text))
    assert [e.start for e in facts.exchanges] == ["2025-06-08"]


def test_exchanges_sides_listed_with_a_main_side_are_parties(extractor):  # noqa: F811
    text = (
        "Russia freed eight Americans on Monday. Russia and Belarus released 8 people, and "
        "the United States, Poland and Norway released 5 people to Russia."
    )
    exchange = extractor.extract(article(text)).exchanges[0]
    assert (exchange.hub, set(exchange.parties)) == (
        ID + "state/russia",
        {ID + f"state/{s}" for s in ("russia", "united-states", "belarus", "poland", "norway")},
    )


def test_exchanges_places_listed_after_a_preposition_are_not_parties(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped 90 soldiers each on Friday in Belarus and Poland."
    exchange = extractor.extract(article(text)).exchanges[0]
    assert (exchange.hub, len(exchange.parties)) == (None, 2)


def test_exchanges_capital_standing_for_a_government_is_no_venue(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped 90 soldiers each on Friday, with notes sent via Washington."
    assert extractor.extract(article(text)).exchanges[0].locations == ()


def test_exchanges_a_side_of_the_swap_is_not_its_venue(extractor):  # noqa: F811
    text = (
        "Russia freed 8 Americans on Monday. Russia and Belarus freed 8 people, one held in "
        "Belarus, and the United States released 5 people to Russia."
    )
    assert extractor.extract(article(text)).exchanges[0].locations == ()


def test_exchanges_where_the_freed_people_are_is_a_transit_place(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 60 soldiers each on Friday. Moscow said the "
        "returned servicemen are currently in the Republic of Belarus."
    )
    assert extractor.extract(article(text)).exchanges[0].locations == (ID + "state/belarus",)


def test_exchanges_guarantor_is_a_mediator(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 40 soldiers each on Friday. Ten of the Ukrainians will "
        "stay abroad under the guarantee of Erdogan."
    )
    exchange = extractor.extract(article(text)).exchanges[0]
    assert exchange.mediators == (ID + "state/turkiye",)


def test_exchanges_wire_dateline_does_not_date_the_event(extractor):  # noqa: F811
    text = "MUSCAT, June 10 (Gulf Desk) - Iran freed two French citizens on Sunday."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-08"]


def test_exchanges_flown_home_is_an_event(extractor):  # noqa: F811
    text = "On Sunday, three Britons held in Iran were flown home."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-08"]


def test_exchanges_a_range_keeps_its_end_when_a_day_comes_first(extractor):  # noqa: F811
    text = (
        "Syria freed six Lebanese detainees on Sunday. "
        "The swap, carried out over June 8–9, was the first this year."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, e.end) for e in exchanges] == [("2025-06-08", "2025-06-09")]


def test_exchanges_total_over_a_month_is_no_exchange(extractor):  # noqa: F811
    text = (
        "Armenia freed 12 Azerbaijani soldiers on Friday. Over the course of May, "
        "in several handovers, 80 soldiers were returned to Azerbaijan."
    )
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-06"]


def test_exchanges_running_total_in_the_count_clause_is_no_transfer(extractor):  # noqa: F811
    text = (
        "With Friday's handover, 410 Azerbaijani soldiers have been returned "
        "since the ceasefire began."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert [t.count for e in exchanges for t in e.transfers] == []


def test_exchanges_remark_after_a_comma_keeps_the_count(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped 40 soldiers each on Friday, the largest swap since the war."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert sorted(t.count for t in exchanges[0].transfers) == [40, 40]


def test_exchanges_date_of_a_cause_does_not_date_what_it_led_to(extractor):  # noqa: F811
    text = (
        "Armenian and Azerbaijani envoys met twice this spring. The second time, on 4 May, "
        "paved the way for the return of wounded soldiers."
    )
    assert [e.start for e in extractor.extract(article(text)).exchanges] == []


def test_exchanges_since_that_dates_the_captivity_keeps_the_count(extractor):  # noqa: F811
    text = "Four women held in Gaza since 2023 were freed by Hamas on Friday."
    transfers = extractor.extract(article(text)).exchanges[0].transfers
    assert [t.count for t in transfers] == [4]


def test_exchanges_same_period_is_a_running_total(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Friday. "
        "Israel has released 400 Palestinian prisoners over the same period."
    )
    assert extractor.extract(article(text)).exchanges[0].transfers == ()


def test_exchanges_summary_sentence_counts_are_totals(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Friday. "
        "Tally: with Friday's group, 40 hostages have come home and Israel has freed 120."
    )
    assert extractor.extract(article(text)).exchanges[0].transfers == ()


def test_exchanges_past_perfect_date_is_an_earlier_event(extractor):  # noqa: F811
    text = (
        "Ukraine and Russia swapped soldiers on Friday. Among those who came home were "
        "the 12 sailors Russia had seized in March."
    )
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-06"]


def test_exchanges_come_home_is_an_event(extractor):  # noqa: F811
    text = "Ukraine said that 80 Ukrainians had come home from Russian captivity on Friday."
    exchange = extractor.extract(article(text)).exchanges[0]
    assert [(e.start, e.transfers[0].count) for e in [exchange]] == [("2025-06-06", 80)]


def test_exchanges_state_facing_a_group_identifies_the_swap(extractor):  # noqa: F811
    hamas = "Israel and Hamas swapped captives on Friday; Hamas freed four hostages."
    palestinians = "Israel freed 40 Palestinian prisoners on Friday in return for hostages."
    first, second = (extractor.extract(article(t)).exchanges[0] for t in (hamas, palestinians))
    assert first.parties != second.parties
    assert first.sides == second.sides == (ID + "state/israel",)


def test_exchanges_two_states_both_identify_the_swap(extractor):  # noqa: F811
    exchange = extractor.extract(article("Armenia and Azerbaijan swapped soldiers on Friday."))
    assert set(exchange.exchanges[0].sides) == {ID + "state/armenia", ID + "state/azerbaijan"}


def test_exchanges_the_group_included_gives_a_category(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped 20 soldiers each on Friday. "
        "Officials said the group included civilians."
    )
    assert POW + "Civilians" in extractor.extract(article(text)).exchanges[0].categories


def test_exchanges_side_whose_mediation_it_was_is_a_mediator(extractor):  # noqa: F811
    text = (
        "Ukraine brought home 189 prisoners on Monday. "
        "Qatar said its mediation had made the exchange possible."
    )
    exchange = extractor.extract(article(text)).exchanges[0]
    assert (exchange.parties, exchange.mediators) == (
        (ID + "state/ukraine",),
        (ID + "state/qatar",),
    )


def test_exchanges_completed_over_days_spans_the_days_before(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine completed a swap on Sunday, each side releasing 500 prisoners "
        "over three days. The swap began on Friday with 200 people on each side."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, e.end) for e in exchanges] == [("2025-06-06", "2025-06-08")]


def test_exchanges_duration_without_start_or_end_word_is_one_day(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped 500 prisoners on Sunday in a two-day operation."
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, e.end) for e in exchanges] == [("2025-06-08", "2025-06-08")]


def test_exchanges_place_they_pass_through_is_a_location(extractor):  # noqa: F811
    text = (
        "Hamas freed eleven hostages on Monday. "
        "They are being driven through the Rafah crossing to hospitals."
    )
    exchange = extractor.extract(article(text)).exchanges[0]
    assert exchange.locations == (ID + "place/rafah-crossing",)


def test_exchanges_dateline_place_is_no_side(extractor):  # noqa: F811
    text = (
        "VILNIUS, June 6 (Wire) - Belarus freed 14 prisoners on Friday after talks with a "
        "United States delegation, and they crossed into Lithuania."
    )
    exchange = extractor.extract(article(text)).exchanges[0]
    assert set(exchange.parties) == {ID + "state/belarus", ID + "state/united-states"}


def test_exchanges_undated_handover_takes_the_day_of_its_report(extractor):  # noqa: F811
    text = (
        "Ukraine has received the bodies of 900 people, while 30 bodies were handed to "
        "Russia, the Coordination Headquarters said on Friday."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, len(e.transfers)) for e in exchanges] == [("2025-06-06", 2)]


def test_exchanges_report_date_never_dates_a_background_total(extractor):  # noqa: F811
    text = "Ukraine has freed 4,000 soldiers since 2022, officials said on Friday."
    assert extractor.extract(article(text)).exchanges == ()


def test_exchanges_postponed_exchange_is_no_event(extractor):  # noqa: F811
    text = "Russia said on Saturday that Ukraine had postponed an agreed exchange of prisoners."
    assert extractor.extract(article(text)).exchanges == ()


def test_exchanges_told_reporters_is_no_category(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped 90 soldiers each on Friday, an official told reporters."
    categories = extractor.extract(article(text)).exchanges[0].categories
    assert POW + "Journalists" not in categories


def test_exchanges_length_of_a_truce_does_not_date_the_swap(extractor):  # noqa: F811
    text = "Israel and Hamas swapped captives on Friday, the start of a four-day truce."
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, e.end) for e in exchanges] == [("2025-06-06", "2025-06-06")]


def test_exchanges_place_of_another_verb_is_no_location(extractor):  # noqa: F811
    text = (
        "Azerbaijan freed 15 Armenians on Saturday in return for maps showing where mines "
        "had been laid in the Aghdam district."
    )
    assert extractor.extract(article(text)).exchanges[0].locations == ()


def test_exchanges_place_after_took_place_is_a_location(extractor):  # noqa: F811
    text = (
        "Russia and the United States swapped prisoners on Thursday; the swap took place in Ankara."
    )
    assert extractor.extract(article(text)).exchanges[0].locations == (ID + "place/ankara",)


def test_exchanges_person_mediating_stands_for_their_state(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped 15 soldiers each on Saturday in a deal mediated by "
        "Irakli Garibashvili."
    )
    assert extractor.extract(article(text)).exchanges[0].mediators == (ID + "state/georgia",)


def test_exchanges_infinitive_release_is_still_to_come(extractor):  # noqa: F811
    text = "Israel and Hamas agreed on Friday to a deal, with Hamas to free 20 more hostages."
    assert extractor.extract(article(text)).exchanges == ()


def test_exchanges_managed_to_bring_back_happened(extractor):  # noqa: F811
    text = "Kyiv managed to bring back 20 soldiers from Russian captivity on Friday."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-06"]


def test_exchanges_set_free_and_let_go_around_their_object(extractor):  # noqa: F811
    text = "On Friday the Houthis let 18 people go and Yemen set 70 detainees free."
    transfers = extractor.extract(article(text)).exchanges[0].transfers
    assert sorted(t.count for t in transfers) == [18, 70]


def test_exchanges_warring_sides_freeing_n_is_a_joint_total(extractor):  # noqa: F811
    text = "On Friday Yemen's warring sides set 880 detainees free."
    assert extractor.extract(article(text)).exchanges[0].transfers == ()


def test_exchanges_began_on_one_day_ended_on_a_later_one(extractor):  # noqa: F811
    text = (
        "The last plane landed on Sunday, ending an operation that began on Friday and saw "
        "the Houthis let 18 people go."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, e.end) for e in exchanges] == [("2025-06-06", "2025-06-08")]


def test_exchanges_auspices_make_a_mediator(extractor):  # noqa: F811
    text = (
        "Yemen and the Houthis swapped 50 detainees each on Friday under a deal reached at "
        "talks held under the auspices of the United Nations."
    )
    facts = extractor.extract(article(text))
    assert ID + "org/united-nations" in facts.exchanges[0].mediators


def test_exchanges_undated_sentence_after_a_dated_one_goes_on_telling_it(extractor):  # noqa: F811
    text = (
        "Israel and Hamas completed a swap on Sunday, 18 December. "
        "On 18 October Hamas handed a soldier to Egyptian officials at the Rafah crossing. "
        "He was flown home, and Israel released 477 prisoners.\n\nIsrael freed 550 on Sunday."
    )
    by_day = {e.start: e for e in extractor.extract(article(text, "2011-12-19")).exchanges}
    assert 477 in [t.count for t in by_day["2011-10-18"].transfers]
    assert 477 not in [t.count for t in by_day["2011-12-18"].transfers]
    assert by_day["2011-10-18"].locations == (ID + "place/rafah-crossing",)


def test_exchanges_capital_they_are_flown_to_is_its_state(extractor):  # noqa: F811
    text = "Iran and Sweden swapped prisoners on Saturday; all three were flown to Muscat."
    assert extractor.extract(article(text)).exchanges[0].locations == (ID + "state/oman",)


def test_exchanges_put_on_a_plane_is_a_release(extractor):  # noqa: F811
    text = "On Saturday two Swedes were put on a plane home."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-07"]


def test_exchanges_month_may_is_not_a_modal(extractor):  # noqa: F811
    text = "In May last year Belgium handed back an Iranian diplomat."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2024-05"]


def test_exchanges_through_the_territory_of_a_state_is_a_transit(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 84 soldiers each on Friday. The exchange was carried out "
        "through the territory of the Republic of Belarus."
    )
    assert extractor.extract(article(text)).exchanges[0].locations == (ID + "state/belarus",)


def test_exchanges_places_planes_shuttled_between(extractor):  # noqa: F811
    text = (
        "Yemen and the Houthis swapped 50 detainees each on Friday. Red Cross planes "
        "shuttled between the capital Sanaa, the port of Aden and Abha."
    )
    locations = set(extractor.extract(article(text)).exchanges[0].locations)
    assert locations == {ID + "place/sanaa", ID + "place/aden", ID + "place/abha"}


def test_exchanges_next_exchange_that_took_place_happened(extractor):  # noqa: F811
    text = "Today, on 14 August 2025, the next exchange of prisoners took place."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-08-14"]


def test_exchanges_a_day_after_sets_the_event_the_day_before(extractor):  # noqa: F811
    text = "He was in hospital on Sunday, a day after the Taliban let him go."
    assert [e.start for e in extractor.extract(article(text)).exchanges] == ["2025-06-07"]


def test_exchanges_thanked_for_his_help_is_a_mediator(extractor):  # noqa: F811
    text = (
        "The Taliban freed a US soldier on Saturday for five Taliban men. Obama thanked "
        "the emir of Qatar, Sheikh Tamim bin Hamad Al Thani, for his help."
    )
    assert extractor.extract(article(text)).exchanges[0].mediators == (ID + "state/qatar",)


def test_exchanges_next_day_mention_by_noun_is_the_same_exchange(extractor):  # noqa: F811
    # Sunday is the day of the welcome, not of the release: one exchange, on Saturday.
    text = (
        "Iran released four Americans on Saturday in return for seven Iranians. "
        "Obama welcomed the men's release at the White House on Sunday."
    )
    exchanges = extractor.extract(article(text)).exchanges
    assert [(e.start, e.end) for e in exchanges] == [("2025-06-07", "2025-06-07")]


def test_exchanges_relative_clause_after_a_phrase_dates_the_exchange(extractor):  # noqa: F811
    text = (
        "Hundreds came home in the 1,000-for-1,000 exchange with Russia, which ended "
        "yesterday after starting on Friday, June 6. The transfers passed through Belarus."
    )
    exchange = extractor.extract(article(text, "2025-06-09")).exchanges[0]
    assert (exchange.start, exchange.end, exchange.locations) == (
        "2025-06-06",
        "2025-06-08",
        (ID + "state/belarus",),
    )

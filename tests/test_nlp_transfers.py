import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
ID = "https://w3id.org/powkg/id/"
POW = "https://w3id.org/powkg/ontology#"


def _transfers(extractor, text):  # noqa: F811
    exchange = extractor.extract(article(text)).exchanges[0]
    return sorted(
        (t.source.rsplit("/", 1)[-1], t.target.rsplit("/", 1)[-1], t.count)
        for t in exchange.transfers
    )


def test_transfers_n_for_n_goes_both_ways(extractor):  # noqa: F811
    text = "Russia and Ukraine carried out a 95 for 95 prisoner exchange on Friday."
    assert _transfers(extractor, text) == [("russia", "ukraine", 95), ("ukraine", "russia", 95)]


def test_transfers_passive_agent_releases(extractor):  # noqa: F811
    text = "Three Azerbaijani soldiers were released by Armenian authorities on Friday."
    assert _transfers(extractor, text) == [("armenia", "azerbaijan", 3)]


def test_transfers_active_subject_releases(extractor):  # noqa: F811
    # The Palestinians go to the other side of the article's pair: Hamas.
    text = "Israel released 39 Palestinian prisoners on Friday as Hamas freed hostages."
    assert ("israel", "hamas", 39) in _transfers(extractor, text)


def test_transfers_each_side_goes_both_ways(extractor):  # noqa: F811
    text = "Russia and Ukraine each released 200 soldiers on each side on Friday."
    assert len(_transfers(extractor, text)) == 2


def test_transfers_mediator_is_never_an_end(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped captives on Friday, "
        "12 Armenian soldiers flew home in a deal brokered by Norway."
    )
    assert _transfers(extractor, text) == [("azerbaijan", "armenia", 12)]


def test_transfers_plural_demonym_is_counted(extractor):  # noqa: F811
    text = "Hamas and Israel made a swap on Friday. On Friday 40 Israelis were freed by Hamas."
    assert ("hamas", "israel", 40) in _transfers(extractor, text)


def test_transfers_coordinated_releasers_and_recipient(extractor):  # noqa: F811
    text = (
        "Russia and Germany carried out a swap on Friday. "
        "Russia, Belarus and Norway released 12 people to Germany on Friday."
    )
    assert _transfers(extractor, text) == [("russia", "germany", 12)]


def test_transfers_share_of_a_group_is_not_a_count(extractor):  # noqa: F811
    text = (
        "Russia and Poland swapped prisoners on Friday. "
        "Poland released 8 people to Russia on Friday, two of them women."
    )
    assert _transfers(extractor, text) == [("poland", "russia", 8)]


def test_transfers_winning_a_release_means_receiving(extractor):  # noqa: F811
    text = "Armenia won the release of 14 soldiers from Azerbaijan on Friday."
    assert _transfers(extractor, text) == [("azerbaijan", "armenia", 14)]


def test_transfers_hyphenated_one_for_one_goes_both_ways(extractor):  # noqa: F811
    text = "Russia and the United States made a one-for-one prisoner swap on Friday."
    assert _transfers(extractor, text) == [
        ("russia", "united-states", 1),
        ("united-states", "russia", 1),
    ]


def test_transfers_hyphenated_n_for_n_goes_both_ways(extractor):  # noqa: F811
    text = "Armenia and Azerbaijan carried out a 12-for-12 prisoner swap on Friday."
    assert _transfers(extractor, text) == [
        ("armenia", "azerbaijan", 12),
        ("azerbaijan", "armenia", 12),
    ]


def test_transfers_count_after_for_goes_the_other_way(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan held a swap on Friday: 4 Armenian soldiers were exchanged "
        "for 9 captives."
    )
    assert _transfers(extractor, text) == [
        ("armenia", "azerbaijan", 9),
        ("azerbaijan", "armenia", 4),
    ]


def test_transfers_counts_of_nobody_s_people_get_no_invented_direction(extractor):  # noqa: F811
    # Neither figure says whose people they are: no direction is guessed.
    text = "Armenia and Azerbaijan held a swap on Friday: 4 soldiers were exchanged for 9 captives."
    assert _transfers(extractor, text) == []


def test_transfers_each_side_as_subject_goes_both_ways(extractor):  # noqa: F811
    text = "Armenia and Azerbaijan ended a swap on Monday, each side having freed 12 soldiers."
    assert _transfers(extractor, text) == [
        ("armenia", "azerbaijan", 12),
        ("azerbaijan", "armenia", 12),
    ]


def test_transfers_parts_beside_a_total_are_no_transfer(extractor):  # noqa: F811
    text = (
        "On Monday Israel freed 30 Palestinian detainees, 10 women and 20 minors,"
        " as Hamas freed hostages."
    )
    assert ("israel", "hamas", 10) not in _transfers(extractor, text)


def test_transfers_recipient_after_a_long_passive_verb(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped captives on Friday. "
        "Then 40 prisoners of war were handed over to the Ukrainian side."
    )
    assert ("russia", "ukraine", 40) in _transfers(extractor, text)


def test_transfers_further_handover_the_same_way_is_its_own_transfer(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 60 soldiers each on Friday. In addition, 9 seriously "
        "wounded Ukrainian soldiers were handed over by Russia."
    )
    assert ("russia", "ukraine", 9) in _transfers(extractor, text)


def test_transfers_count_in_words_is_one_number(extractor):  # noqa: F811
    text = "On Friday Armenia released one hundred and twenty-two Azerbaijani soldiers."
    assert _transfers(extractor, text) == [("armenia", "azerbaijan", 122)]


def test_transfers_the_same_number_repeats_the_count(extractor):  # noqa: F811
    text = (
        "On Friday 84 Armenian soldiers were released to Armenia, "
        "and Yerevan freed the same number of Azerbaijani troops."
    )
    assert _transfers(extractor, text) == [
        ("armenia", "azerbaijan", 84),
        ("azerbaijan", "armenia", 84),
    ]


def test_transfers_a_further_batch_with_its_own_count_is_its_own_transfer(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 120 soldiers each on Friday. "
        "Russia sent back 12 seriously wounded Ukrainian soldiers."
    )
    transfers = extractor.extract(article(text)).exchanges[0].transfers
    assert sorted(t.count for t in transfers if t.source == ID + "state/russia") == [12, 120]


def test_transfers_recipient_after_a_relative_clause(extractor):  # noqa: F811
    text = (
        "On Friday the remains of 300 people whom the Azerbaijani side lists as "
        "Armenian servicemen were handed over to Armenia."
    )
    assert _transfers(extractor, text) == [("azerbaijan", "armenia", 300)]


def test_transfers_by_past_a_comma_is_not_the_releasing_side(extractor):  # noqa: F811
    text = "On Monday Syria pardoned 9 detainees, among them a nurse, after a visit by a French MP."
    assert [source for source, _, _ in _transfers(extractor, text)] == ["syria"]


def test_transfers_one_named_person_each_way(extractor):  # noqa: F811
    text = "On Friday Iran released a French teacher in exchange for an Iranian national."
    assert _transfers(extractor, text) == [("france", "iran", 1), ("iran", "france", 1)]


def test_transfers_member_of_a_counted_group_is_no_count(extractor):  # noqa: F811
    text = "On Friday Iran released 6 prisoners; the group included a French teacher."
    assert [count for _, _, count in _transfers(extractor, text)] == [6]


def test_transfers_count_set_after_its_people(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped prisoners on Friday. "
        "To Russia were handed back Russian servicemen, 95 of them."
    )
    assert _transfers(extractor, text) == [("ukraine", "russia", 95)]


def test_transfers_citizens_of_a_state_go_home_to_it(extractor):  # noqa: F811
    text = "On Friday, forty citizens of Armenia were repatriated from Azerbaijani captivity."
    assert _transfers(extractor, text) == [("azerbaijan", "armenia", 40)]


def test_transfers_captivity_after_the_names_its_captor(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. "
        "On Friday 60 soldiers were freed from the Russian captivity."
    )
    assert _transfers(extractor, text) == [("russia", "ukraine", 60)]


def test_transfers_joint_total_of_a_symmetric_verb_has_no_direction(extractor):  # noqa: F811
    text = "Armenia and Azerbaijan traded nearly 300 prisoners on Friday."
    assert _transfers(extractor, text) == []


def test_transfers_joint_total_keeps_n_for_n(extractor):  # noqa: F811
    text = "Armenia and Azerbaijan traded 30 for 30 prisoners on Friday."
    assert len(_transfers(extractor, text)) == 2


def test_transfers_armed_group_outside_the_pair_faces_the_state(extractor):  # noqa: F811
    text = (
        "Israel freed Palestinian prisoners on Friday, and more Palestinian detainees "
        "walked free in Ramallah. On Friday Hamas handed back six hostages."
    )
    assert ("hamas", "israel", 6) in _transfers(extractor, text)


def test_transfers_each_after_coordinated_sides_goes_both_ways(extractor):  # noqa: F811
    text = "Ukraine and Russia each freed 90 prisoners of war in a swap on Tuesday."
    assert _transfers(extractor, text) == [("russia", "ukraine", 90), ("ukraine", "russia", 90)]


def test_transfers_of_its_own_counts_the_side_s_people_like_the_first(extractor):  # noqa: F811
    text = (
        "Ukraine received the bodies of 900 soldiers on Friday, and Russia got back 20 of its own."
    )
    exchange = extractor.extract(article(text)).exchanges[0]
    found = sorted((t.target.rsplit("/", 1)[-1], t.count, t.categories) for t in exchange.transfers)
    assert found == [("russia", 20, (POW + "Remains",)), ("ukraine", 900, (POW + "Remains",))]


def test_transfers_migrants_are_people(extractor):  # noqa: F811
    text = "Venezuela freed 10 Americans on Friday in exchange for 252 Venezuelan migrants."
    assert ("united-states", "venezuela", 252) in _transfers(extractor, text)


def test_transfers_one_for_one_by_names_and_nationalities(extractor):  # noqa: F811
    text = (
        "Russia and the United States swapped prisoners on Friday, with former US Marine "
        "Trevor Reed exchanged for Russian pilot Konstantin Yaroshenko."
    )
    assert _transfers(extractor, text) == [
        ("russia", "united-states", 1),
        ("united-states", "russia", 1),
    ]


def test_transfers_named_person_yields_to_a_stated_figure(extractor):  # noqa: F811
    text = (
        "Russia freed former US Marine Paul Whelan on Friday. "
        "Russia released 16 people to the United States on Friday, among them journalists."
    )
    assert _transfers(extractor, text) == [("russia", "united-states", 16)]


def test_transfers_official_named_with_nationality_is_not_counted(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped 12 soldiers each on Friday, Azerbaijani President "
        "Ilham Aliyev said, and Armenian lawmaker Anna Petrosyan welcomed it."
    )
    assert _transfers(extractor, text) == [
        ("armenia", "azerbaijan", 12),
        ("azerbaijan", "armenia", 12),
    ]


def test_transfers_people_named_after_the_release_verb_are_counted(extractor):  # noqa: F811
    text = (
        "Iran on Saturday released Johan Floderus, a Swede employed by the EU, and Saeed "
        "Azizi. In exchange, Sweden freed Hamid Nouri."
    )
    assert _transfers(extractor, text) == [("iran", "sweden", 2), ("sweden", "iran", 1)]


def test_transfers_release_not_made_is_not_counted(extractor):  # noqa: F811
    text = (
        "Israel freed 200 Palestinian prisoners on Saturday. Israel says Hamas broke the "
        "deal by not releasing Arbel Yehoud on Saturday."
    )
    assert _transfers(extractor, text) == [("israel", "hamas", 200)]


def test_transfers_two_for_one_gives_no_direction_to_either(extractor):  # noqa: F811
    text = "Iran and Sweden made a trade on Saturday. The trade was two for one."
    assert _transfers(extractor, text) == []


def test_transfers_place_after_a_preposition_is_no_subject(extractor):  # noqa: F811
    text = (
        "Iran and Sweden swapped prisoners on Saturday: one man was put on a plane to "
        "Muscat, and two Swedes were put on another."
    )
    assert ("oman", "sweden", 2) not in _transfers(extractor, text)


def test_transfers_count_joined_by_and_goes_the_same_way(extractor):  # noqa: F811
    text = (
        "On Thursday one hundred Ukrainian soldiers and twenty civilians came home, and in "
        "return Kyiv released one hundred Russian servicemen."
    )
    assert ("russia", "ukraine", 20) in _transfers(extractor, text)


def test_transfers_group_named_in_the_people_s_noun_phrase(extractor):  # noqa: F811
    text = (
        "The United States and the Taliban swapped prisoners on Saturday: "
        "five Taliban men flew out."
    )
    assert _transfers(extractor, text) == [("united-states", "taliban", 5)]


def test_transfers_counted_in_return_for_come_to_the_subject(extractor):  # noqa: F811
    text = (
        "The United States and the Taliban made a swap: on Saturday the Taliban let him go "
        "in return for five Afghan detainees."
    )
    assert _transfers(extractor, text) == [
        ("taliban", "united-states", 1),
        ("united-states", "taliban", 5),
    ]


def test_transfers_bodies_of_named_people_are_counted(extractor):  # noqa: F811
    text = (
        "On Wednesday Hezbollah handed over the bodies of Ehud Goldwasser and Eldad Regev. "
        "Israel also gave back the remains of 199 fighters."
    )
    found = extractor.extract(article(text)).exchanges[0].transfers
    assert sorted((t.count, t.categories) for t in found) == [
        (2, (POW + "Remains",)),
        (199, (POW + "Remains",)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "On Friday Iran released Johan Floderus,",
        "On Friday Iran released Johan Floderus, a Swede employed by the EU",
    ],
)
def test_transfers_a_list_of_names_cut_short_is_read_to_its_end(extractor, text):  # noqa: F811
    assert [t.count for t in extractor.extract(article(text)).exchanges[0].transfers] == [1]

import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
ID = "https://w3id.org/powkg/id/"
POW = "https://w3id.org/powkg/ontology#"


def test_agreements_dated_agreement_with_place_and_round(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped soldiers on Friday under the "
        "deal reached at the third round of talks in Doha on May 3."
    )
    agreement = extractor.extract(article(text)).agreements[0]
    assert (agreement.date, agreement.location, agreement.round) == (
        "2025-05-03",
        ID + "place/doha",
        3,
    )


def test_agreements_pledge_is_provided(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday under the "
        "agreement reached in Ankara on May 3. "
        "Moscow pledged to hand over the remains of 500 Ukrainian soldiers."
    )
    provided = extractor.extract(article(text)).agreements[0].provides[0]
    assert (provided.source, provided.target, provided.count) == (
        ID + "state/russia",
        ID + "state/ukraine",
        500,
    )


def test_agreements_exchange_refers_to_agreement_bounds(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped soldiers on Friday under an agreement reached last week."
    ref = extractor.extract(article(text)).exchanges[0].agreement
    assert (ref.not_before, ref.not_after) == ("2025-06-02", "2025-06-08")


def _provided(extractor, text):  # noqa: F811
    agreement = extractor.extract(article(text)).agreements[0]
    return sorted(
        (p.source.rsplit("/", 1)[-1], p.target.rsplit("/", 1)[-1], p.count)
        for p in agreement.provides
    )


def test_agreements_pledge_to_free_is_provided(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine signed a deal in Minsk on May 3. Kyiv vowed to free 12 Russian sailors."
    )
    assert _provided(extractor, text) == [("ukraine", "russia", 12)]


def test_agreements_is_to_release_is_provided(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine signed a deal in Minsk on May 3. "
        "Under it, Moscow is to release 40 Ukrainian soldiers."
    )
    assert _provided(extractor, text) == [("russia", "ukraine", 40)]


def test_agreements_passive_announcement_dates_the_deal(extractor):  # noqa: F811
    text = (
        "Armenia released 12 Azerbaijani soldiers and Azerbaijan freed 5 Armenian soldiers "
        "on Friday. The deal was announced by Qatar on Tuesday after talks mediated by "
        "Qatar and Egypt."
    )
    agreement = extractor.extract(article(text)).agreements[0]
    assert (agreement.date, agreement.mediators, agreement.location) == (
        "2025-06-10",
        (ID + "state/qatar", ID + "state/egypt"),
        None,
    )


def test_agreements_future_handover_said_at_the_talks_is_provided(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday under the deal reached in Minsk on May 3. "
        "At those talks Kyiv said it would return 70 Russian sailors."
    )
    assert _provided(extractor, text) == [("ukraine", "russia", 70)]


def test_agreements_day_inside_a_month_dates_the_deal(extractor):  # noqa: F811
    text = (
        "The swap on Friday followed the agreement reached last month "
        "at talks in Geneva on 14 May 2025."
    )
    agreements = extractor.extract(article(text)).agreements
    assert [a.date for a in agreements] == ["2025-05-14"]


def test_agreements_agreed_on_a_day_to_swap_is_a_dated_agreement(extractor):  # noqa: F811
    text = (
        "Israel and Lebanon agreed on March 3 to swap detainees. "
        "Under the deal, Israel will free 11 Lebanese civilians."
    )
    agreements = extractor.extract(article(text)).agreements
    assert [(a.date, [t.count for t in a.provides]) for a in agreements] == [("2025-03-03", [11])]


def test_agreements_round_given_as_a_number(extractor):  # noqa: F811
    text = "The accord was signed in Geneva on May 20, in round two of the talks."
    assert [a.round for a in extractor.extract(article(text)).agreements] == [2]


def test_agreements_ceasefire_is_an_agreement_word(extractor):  # noqa: F811
    text = "The ceasefire between Israel and Hamas was announced in Jeddah on 3 March."
    agreement = extractor.extract(article(text)).agreements[0]
    assert (agreement.date, agreement.location) == ("2025-03-03", ID + "place/jeddah")


def test_agreements_day_it_took_effect_is_not_the_day_reached(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped detainees on Friday under the truce, "
        "which was reached on 3 March and took effect on 9 March."
    )
    assert [a.date for a in extractor.extract(article(text)).agreements] == ["2025-03-03"]


def test_agreements_due_to_release_is_a_provision(extractor):  # noqa: F811
    text = (
        "The truce between Israel and Hamas was agreed on 3 March. "
        "In its first weeks Hamas is due to release 20 hostages."
    )
    facts = extractor.extract(article(text))
    assert [p.count for p in facts.agreements[0].provides] == [20]
    assert not [t for e in facts.exchanges for t in e.transfers]


def test_agreements_undated_deal_is_reached_at_the_dated_talks(extractor):  # noqa: F811
    text = (
        "Armenian and Azerbaijani envoys met in Geneva on Tuesday for their second round "
        "of talks. The envoys agreed to swap 40 detainees each."
    )
    agreement = extractor.extract(article(text)).agreements[0]
    assert (agreement.date, agreement.location, agreement.round) == (
        "2025-06-10",
        ID + "place/geneva",
        2,
    )


def test_agreements_planned_talks_date_no_agreement(extractor):  # noqa: F811
    text = (
        "A fourth meeting of the envoys is due to be held in Geneva on Friday. "
        "Earlier meetings resulted in agreements to swap detainees."
    )
    assert extractor.extract(article(text)).agreements == ()


def test_agreements_place_before_the_deal_word_is_not_its_venue(extractor):  # noqa: F811
    text = "Israel and Hamas swapped detainees on Friday under the Gaza truce."
    assert extractor.extract(article(text)).exchanges[0].agreement.location is None


def test_agreements_participle_reports_the_agreement(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Friday. The agreement announced in Doha on "
        "May 3 provides for Hamas to free 40 hostages."
    )
    agreement = extractor.extract(article(text)).agreements[0]
    assert (agreement.date, agreement.location) == ("2025-05-03", ID + "place/doha")
    assert [(p.source, p.count) for p in agreement.provides] == [(ID + "group/hamas", 40)]


def test_agreements_deal_carried_out_takes_no_date_from_the_release(extractor):  # noqa: F811
    text = "Israel and Hamas swapped captives. On Friday 40 hostages came home under the deal."
    assert extractor.extract(article(text)).agreements == ()


def test_agreements_deal_carried_out_keeps_its_own_participle(extractor):  # noqa: F811
    text = "Armenia and Azerbaijan swapped soldiers under a deal reached in Doha on May 3."
    assert [a.date for a in extractor.extract(article(text)).agreements] == ["2025-05-03"]


def test_agreements_round_of_releases_is_no_round_of_talks(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Friday in the second round of releases "
        "under the truce agreed in Doha on May 3."
    )
    assert [(a.date, a.round) for a in extractor.extract(article(text)).agreements] == [
        ("2025-05-03", None)
    ]


def test_agreements_deal_named_after_since_is_not_dated_by_the_sentence(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Friday. Counting Friday's four, 20 hostages "
        "have come out since the truce began."
    )
    assert extractor.extract(article(text)).agreements == ()


def test_agreements_round_told_in_the_next_sentence(extractor):  # noqa: F811
    text = (
        "Negotiators meeting in Doha on Monday agreed to exchange all wounded soldiers. "
        "It was the third round of direct talks this year."
    )
    assert [(a.date, a.round) for a in extractor.extract(article(text)).agreements] == [
        ("2025-06-09", 3)
    ]


def test_agreements_denied_deal_is_no_reference(extractor):  # noqa: F811
    text = (
        "Hamas freed two hostages on Monday. An Israeli official denied that any deal had "
        "been made."
    )
    assert extractor.extract(article(text)).exchanges[0].agreement is None


def test_agreements_announced_that_they_had_agreed_takes_the_announcement_day(extractor):  # noqa: F811
    text = (
        "Mediators shuttled between them in Cairo, and on 11 October both sides announced "
        "that they had agreed: Israel would free 1,027 prisoners."
    )
    agreement = extractor.extract(article(text, "2011-12-19")).agreements[0]
    assert (agreement.date, agreement.location) == ("2011-10-11", ID + "place/cairo")


def test_agreements_agreed_timetable_after_talks_is_no_new_agreement(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Saturday. The crisis eased on Thursday, when "
        "Hamas said that, after talks in Cairo, it would go on according to the agreed timetable."
    )
    assert extractor.extract(article(text)).agreements == ()


def test_agreements_was_to_free_is_a_provision(extractor):  # noqa: F811
    text = (
        "The cabinet approved the deal with Hezbollah on Sunday, 29 June. Under its terms "
        "Israel was to free four fighters."
    )
    provided = extractor.extract(article(text)).agreements[0].provides
    assert [(p.source, p.count) for p in provided] == [(ID + "state/israel", 4)]


def test_agreements_facilitator_named_by_someone_mediates(extractor):  # noqa: F811
    text = (
        "Israel and Hezbollah swapped prisoners on Wednesday. A German official, named as "
        "facilitator by UN Secretary-General Ban Ki-moon, shuttled between them."
    )
    mediators = extractor.extract(article(text)).exchanges[0].mediators
    assert ID + "org/united-nations-secretary-general" in mediators


def test_agreements_date_in_a_relative_clause_before_the_deal_is_not_its_own(extractor):  # noqa: F811
    text = (
        "Iran and the US swapped prisoners on Saturday. John Kerry, who was in Vienna on "
        "Saturday to mark the day the nuclear agreement took effect, spoke to reporters."
    )
    assert extractor.extract(article(text)).agreements == ()

import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
ID = "https://w3id.org/powkg/id/"


def _statements(extractor, text):  # noqa: F811
    return extractor.extract(article(text)).statements


def test_statements_quote_speaker_and_channel(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. “All of our "
        "men are home now,” Zelenskyy wrote on Telegram."
    )
    said = _statements(extractor, text)[0]
    assert (said.speaker, said.channel, said.quote) == (
        ID + "person/volodymyr-zelensky",
        "Telegram",
        "All of our men are home now",
    )


def test_statements_date_defaults_to_reported_exchange(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped soldiers on Friday, the Russian Defence Ministry said."
    assert _statements(extractor, text)[0].date == "2025-06-06"


def test_statements_officials_of_a_side_speak_for_it(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. On June 8, "
        "Ukrainian officials claimed the swap was delayed."
    )
    claim = next(s for s in _statements(extractor, text) if s.stance == "Claim")
    assert (claim.speaker, claim.date) == (ID + "state/ukraine", "2025-06-08")


def test_statements_denial_responds_to_claim(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. On June 8, "
        "Ukrainian officials claimed the swap was delayed. "
        "Moscow rejected the accusation outright."
    )
    denial = next(s for s in _statements(extractor, text) if s.stance == "Denial")
    assert denial.responds_to is not None and denial.speaker == ID + "state/russia"


def test_statements_unknown_speaker_is_minted(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped soldiers on Friday, said John Smithfield, a local official."
    facts = extractor.extract(article(text))
    assert [e.kind for e in facts.entities] == ["Person"]


def test_statements_a_place_is_never_the_speaker(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. A negotiator who "
        "travelled to Istanbul announced the figures."
    )
    speakers = {s.speaker for s in _statements(extractor, text)}
    assert ID + "place/istanbul" not in speakers


def test_statements_quote_keeps_channel_of_its_paraphrase(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. Zelenskyy said on Telegram that "
        "the men were safe. “Every single one of them is home,” he wrote."
    )
    assert [(s.quote, s.channel) for s in _statements(extractor, text)] == [
        ("Every single one of them is home", "Telegram")
    ]


def test_statements_appositive_head_is_the_speaker(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped soldiers on Friday. Anna Petrosyan, an aide to "
        "Prime Minister Nikol Pashinyan, said on X that the men were safe."
    )
    assert [s.speaker for s in _statements(extractor, text)] == [ID + "person/anna-petrosyan"]


def test_statements_possessive_speaker_noun_names_the_side(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Friday. Hamas's military wing said "
        "on Telegram that the next group would follow."
    )
    assert [s.speaker for s in _statements(extractor, text)] == [ID + "group/hamas"]


def test_statements_blaming_is_a_claim(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped soldiers on Friday after a delay. "
        "Azerbaijan blamed the delay on bad weather over the border."
    )
    said = _statements(extractor, text)[0]
    assert (said.speaker, said.stance) == (ID + "state/azerbaijan", "Claim")


def test_statements_a_roughly_dated_statement_has_no_day(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. In an interview aired last week, "
        "Vladimir Putin said more exchanges would follow soon."
    )
    assert _statements(extractor, text)[0].date is None


def test_statements_pronoun_continues_the_last_speech_and_its_date(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. In a speech last month, "
        "Vladimir Putin said exchanges would go on. "
        '"We will bring every one of our men home," he said.'
    )
    statements = _statements(extractor, text)
    assert [(s.quote[:7], s.date) for s in statements] == [("We will", None)]


def test_statements_coordinated_verb_shares_the_subject(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. Vladimir Putin met the returning "
        'pilots at an airfield near the border and said "they are heroes, every one of them."'
    )
    speakers = [s.speaker.rsplit("/", 1)[-1] for s in _statements(extractor, text)]
    assert speakers == ["vladimir-putin"]


def test_statements_speaker_before_a_relative_aside(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. Norway, which hosted the talks "
        "with Sweden, said the swap had gone to plan."
    )
    speakers = [s.speaker.rsplit("/", 1)[-1] for s in _statements(extractor, text)]
    assert speakers == ["norway"]


def test_statements_he_is_the_person_leading_the_sentence_before(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday, the Russian Defence Ministry said. "
        "President Zelenskyy published a video on Telegram of the men crossing the border. "
        "“Every one of them is a hero to us,” he wrote."
    )
    said = next(s for s in _statements(extractor, text) if "hero" in s.quote)
    assert (said.speaker, said.channel) == (ID + "person/volodymyr-zelensky", "Telegram")


def test_statements_warned_is_a_speech_verb(extractor):  # noqa: F811
    text = (
        "Azerbaijan and Armenia swapped detainees on Friday. "
        "Pashinyan warned that the next talks could stall."
    )
    said = _statements(extractor, text)
    assert [(s.speaker, s.quote) for s in said] == [
        (ID + "person/nikol-pashinyan", "the next talks could stall")
    ]


def test_statements_person_before_an_office_aside_speaks(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. Dmytro Lubinets, Ukraine's human "
        'rights commissioner, wrote that "every one of them is home at last".'
    )
    said = _statements(extractor, text)[0]
    assert said.speaker == ID + "person/dmytro-lubinets"


def test_statements_definite_office_is_the_last_person_holding_it(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. Volodymyr Zelensky met them at the "
        'border. "We have brought our people home again," the president told reporters.'
    )
    said = _statements(extractor, text)[0]
    assert said.speaker == ID + "person/volodymyr-zelensky"


def test_statements_office_after_the_verb_speaks(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday, said Volodymyr Zelensky. "
        '"Each return is a victory for all of us," underlined the Head of State.'
    )
    speakers = {s.quote: s.speaker for s in _statements(extractor, text)}
    assert speakers["Each return is a victory for all of us"] == ID + "person/volodymyr-zelensky"


def test_statements_the_agency_is_the_organisation_named_last(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. The Russian Defence Ministry "
        'published a list. "All of the men will be treated in Moscow," the agency said.'
    )
    speakers = {s.quote: s.speaker for s in _statements(extractor, text)}
    assert (
        speakers["All of the men will be treated in Moscow"] == ID + "org/russia-defence-ministry"
    )


def test_statements_late_verb_reports_the_clause_after_it(extractor):  # noqa: F811
    text = (
        "Negotiators met in Istanbul on Monday and agreed a swap of the wounded, and "
        "Russia said it would hand over the bodies of 6,000 soldiers."
    )
    said = next(s for s in _statements(extractor, text) if s.speaker == ID + "state/russia")
    assert said.quote == "it would hand over the bodies of 6,000 soldiers"


def test_statements_late_verb_with_only_a_channel_after_reports_what_came_before(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped 90 soldiers each on Friday, Russia said on Telegram."
    assert _statements(extractor, text)[0].quote.startswith("Russia and Ukraine swapped 90")


def test_statements_object_of_an_accusation_is_not_its_speaker(extractor):  # noqa: F811
    text = (
        "Russia said on Saturday that Ukraine had postponed the exchange, and accused Kyiv "
        "of stalling."
    )
    claim = next(s for s in _statements(extractor, text) if s.stance == "Claim")
    assert (claim.speaker, claim.date) == (ID + "state/russia", "2025-06-07")


def test_statements_about_an_agreement_are_not_dated_by_it(extractor):  # noqa: F811
    text = (
        "Ukrainian officials said the first stage would start next week, as agreed in "
        "Istanbul on June 2."
    )
    said = _statements(extractor, text)[0]
    assert (said.date, said.about.date) == ("2025-06-10", "2025-06-02")


def test_statements_reported_clause_drops_its_lead(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday. Russia said on Saturday that it was over."
    )
    assert "it was over" in [s.quote for s in _statements(extractor, text)]


def test_statements_day_inside_the_quote_is_not_when_it_was_said(extractor):  # noqa: F811
    text = (
        "Yemen and the Houthis swapped 50 detainees each on Friday. “Today families are "
        "whole again,” Fabrizio Carboni told reporters on Friday."
    )
    said = next(s for s in _statements(extractor, text) if "families" in s.quote)
    assert said.date == "2025-06-06"


def test_statements_second_verb_shares_a_titled_subject(extractor):  # noqa: F811
    text = (
        "Iran and the United States swapped prisoners on Saturday. Foreign Minister "
        'Mohammad Javad Zarif, also on Twitter, thanked the Swiss and added: "The door to '
        'a wider swap is open."'
    )
    said = next(s for s in _statements(extractor, text) if "door" in s.quote)
    assert (said.speaker, said.channel) == (ID + "person/mohammad-javad-zarif", "X")


def test_statements_thanking_on_a_channel_is_a_statement(extractor):  # noqa: F811
    text = "Iran and the US swapped prisoners on Saturday. Trump thanked Tehran on Twitter."
    assert [(s.speaker, s.channel) for s in _statements(extractor, text)] == [
        (ID + "person/donald-trump", "X")
    ]


def test_statements_he_is_the_only_person_of_the_sentence_before(extractor):  # noqa: F811
    text = (
        "The Taliban freed a US soldier on Saturday. In a statement e-mailed to journalists, "
        'Taliban spokesman Zabihullah Mujahid welcomed it. "Our brothers are free," he said.'
    )
    said = next(s for s in _statements(extractor, text) if "brothers" in s.quote)
    assert said.speaker == ID + "person/zabihullah-mujahid"


def test_statements_replying_is_speaking(extractor):  # noqa: F811
    text = (
        "Ukraine and the separatists swapped 76 for 124 on Sunday. Ukraine's Security Service "
        'replied on Monday. "Nobody can be made to cross the line," it said.'
    )
    said = next(s for s in _statements(extractor, text) if "cross the line" in s.quote)
    assert said.speaker == ID + "org/ukraine-sbu"


def test_statements_initials_belong_to_a_name(extractor):  # noqa: F811
    text = (
        "Iran and the US swapped prisoners on Saturday. The publisher, Frederick J. Ryan Jr., "
        'said the paper was "overjoyed and relieved" on Saturday.'
    )
    speakers = [s.speaker for s in _statements(extractor, text)]
    assert any("ryan" in s for s in speakers)


def test_statements_day_only_inside_the_quote_leaves_the_article_s_day(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped 143 soldiers each on Friday. The Russian Ministry of "
        'Defence said on Telegram: "Today 143 families got their loved ones back."'
    )
    said = next(s for s in _statements(extractor, text) if "families" in s.quote)
    assert said.date == "2025-06-06"

import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
POW = "https://w3id.org/powkg/ontology#"


def test_stages_ordinal_and_category(extractor):  # noqa: F811
    text = (
        "Russia and Ukraine swapped soldiers on Friday, the third "
        "stage of the return of the seriously ill."
    )
    stage = extractor.extract(article(text)).stages[0]
    assert (stage.ordinal, stage.exchange.start, stage.category) == (
        3,
        "2025-06-06",
        POW + "SeriouslyWoundedOrIll",
    )


def test_stages_phase_without_category(extractor):  # noqa: F811
    text = "Russia and Ukraine swapped soldiers on Friday in the second phase of the deal."
    stage = extractor.extract(article(text)).stages[0]
    assert (stage.ordinal, stage.category) == (2, None)


def test_stages_numbered_exchange_under_an_agreement(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan signed a deal on May 2 that frees all detainees. "
        "A third swap, of 12 soldiers, followed on Friday."
    )
    stage = extractor.extract(article(text)).stages[0]
    assert (stage.ordinal, stage.exchange.start, stage.agreement.date) == (
        3,
        "2025-06-06",
        "2025-05-02",
    )


def test_stages_first_exchange_since_is_no_stage(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan signed a deal on May 2 that frees all detainees. "
        "The first exchange since 2020 took place on Friday."
    )
    assert extractor.extract(article(text)).stages == ()


def test_stages_recap_after_a_colon_is_not_this_stage(extractor):  # noqa: F811
    text = (
        "Armenia and Azerbaijan swapped soldiers on Friday. The Friday swap went smoothly. "
        "It was the third stage of releases this year: in the second, on Monday, "
        "Armenia freed 12 Azerbaijani soldiers."
    )
    stages = extractor.extract(article(text)).stages
    assert [(s.ordinal, s.exchange.start) for s in stages if s.ordinal == 3] == [(3, "2025-06-06")]


def test_stages_round_of_releases_is_a_stage(extractor):  # noqa: F811
    text = "Israel and Hamas swapped captives on Friday, the third round of releases."
    facts = extractor.extract(article(text))
    assert [(s.ordinal, s.exchange.start) for s in facts.stages] == [(3, "2025-06-06")]


def test_stages_phase_still_to_come_is_no_stage(extractor):  # noqa: F811
    text = (
        "Israel and Hamas swapped captives on Friday. "
        "Talks on the second phase, which is meant to free the rest, are due to begin soon."
    )
    assert extractor.extract(article(text)).stages == ()


def test_stages_heading_stage_is_the_exchange_told_next(extractor):  # noqa: F811
    text = (
        "Israel freed the last 550 prisoners on Sunday.\n\nWhat happened in the first stage?\n"
        "On 18 October Israel released 477 prisoners and Hamas freed a soldier."
    )
    stages = extractor.extract(article(text, "2011-12-19")).stages
    assert [(s.ordinal, s.exchange.start) for s in stages] == [(1, "2011-10-18")]

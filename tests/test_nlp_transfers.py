import pytest

from tests.nlp_fixtures import article, extractor  # noqa: F401

pytestmark = pytest.mark.slow
ID = "https://w3id.org/powkg/id/"


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
    text = "Israel released 39 Palestinian prisoners on Friday as Hamas freed hostages."
    assert ("israel", "palestinian-side", 39) in _transfers(extractor, text)


def test_transfers_each_side_goes_both_ways(extractor):  # noqa: F811
    text = "Russia and Ukraine each released 200 soldiers on each side on Friday."
    assert len(_transfers(extractor, text)) == 2

import subprocess
import sys
from pathlib import Path

import pytest

from kg.article import Article, read_text_article
from kg.errors import ModelError
from kg.extract import Extractor
from tests.nlp_fixtures import article, extractor  # noqa: F401

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def _evidence(facts):
    for item in (*facts.exchanges, *facts.agreements, *facts.stages, *facts.statements):
        yield from item.evidence
    for exchange in facts.exchanges:
        for transfer in exchange.transfers:
            yield from transfer.evidence
        if exchange.agreement:
            yield from exchange.agreement.evidence


def test_extract_import_does_not_load_spacy():
    code = "import sys, kg.extract; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_extract_missing_model_raises_model_error():
    with pytest.raises(ModelError, match="cannot load spaCy pipeline 'no_such_model_xyz'"):
        Extractor("no_such_model_xyz").nlp  # noqa: B018


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.exists(), reason="shared seed corpus not available")
def test_extract_seed_evidence_matches_text(extractor):  # noqa: F811
    articles = [read_text_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    for art, facts in extractor.extract_all(articles):
        spans = list(_evidence(facts))
        assert spans
        assert all(art.text[e.start : e.end] == e.text for e in spans)


@pytest.mark.slow
def test_extract_all_keeps_order(extractor):  # noqa: F811
    first, second = (
        article("Israel and Hamas swapped captives on June 3."),
        article("Nothing happened."),
    )
    assert [a for a, _ in extractor.extract_all([first, second])] == [first, second]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The three-day exchange of 95 prisoners of war between Ukraine and Russia ended on "
        "01.01.0001.",
        "Ukraine and Russia exchanged 95 prisoners of war over three days starting 31.12.9999.",
    ],
)
def test_extract_a_dotted_date_at_the_edge_of_the_calendar_is_no_crash(extractor, text):  # noqa: F811
    """Regression: a dotted body date was built without the calendar's guard and overflowed."""
    facts = extractor.extract(article(text))
    assert all(e.start[:4] not in ("0001", "9999") for e in facts.exchanges)


@pytest.mark.slow
def test_extract_without_published_date_warns(extractor):  # noqa: F811
    facts = extractor.extract(
        article("Russia and Ukraine swapped soldiers on Friday.", published=None)
    )
    assert facts.exchanges == () and facts.warnings


@pytest.mark.slow
def test_extract_parallel_jobs_give_the_same_facts_as_one_process(extractor):  # noqa: F811
    from kg.inputs import iter_inputs

    examples = Path(__file__).resolve().parent.parent / "examples"
    articles = [a for a in iter_inputs([examples]) if hasattr(a, "text")]
    serial = list(extractor.extract_all(articles, batch_size=2))
    parallel = list(extractor.extract_all(articles, batch_size=2, n_process=2))
    assert parallel == serial


@pytest.mark.slow
def test_extract_all_reads_its_input_as_it_goes(extractor):  # noqa: F811
    """An ingest streams a large export through: only a batch or so may be read ahead."""
    from kg.article import Article

    pulled = []

    def stream():
        for i in range(40):
            pulled.append(i)
            yield Article(text=f"KYIV - Story {i}.", source=f"{i}.txt", key=f"{i}.txt")

    results = extractor.extract_all(stream(), batch_size=4)
    next(results)
    assert len(pulled) <= 4 + 1 + 4
    assert sum(1 for _ in results) == 39


def test_extract_a_long_text_in_pieces_reads_as_the_whole(monkeypatch, extractor):  # noqa: F811
    import kg.extract

    paragraphs = [
        "Russia and Ukraine swapped 90 soldiers each on Friday, the defence ministry said.",
        "The men were taken to Belarus first, officials in Kyiv said on Saturday.",
        '"All of our men are home now," Zelensky wrote on Telegram.',
        "In April the two sides had exchanged 246 prisoners each.",
    ] * 6
    text = "\n\n".join(paragraphs)
    art = Article(text=text, source="long.txt", key="long", published="2025-06-10")
    whole = extractor.nlp(extractor._doc(art))._.facts
    monkeypatch.setattr(kg.extract, "PIECE_CHARS", 400)
    assert len(text) > 4 * 400
    assert extractor.extract(art) == whole


def test_extract_pieces_join_back_into_the_text():
    from kg.extract import _pieces

    text = "one two\n\nthree\nfour five six seven\n\n" * 5 + "x" * 50
    pieces = list(_pieces(text, 20))
    assert "".join(pieces) == text
    assert all(len(p) <= 20 for p in pieces)
    assert pieces[0] == "one two\n\n"

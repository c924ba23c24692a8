"""Fuzzing the real extractor: arbitrary text and front matter never crash it, and every
evidence span it reports is exactly the article text at those offsets.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kgtesting import real_extractor_exists

from kg.article import Article, make_article, split_front_matter
from kg.errors import InputError
from kg.facts import Evidence
from kg.rdf import article_triples

FRAGMENTS = (
    "Ukraine", "Russia", "Israel", "Hamas", "the UAE", "Türkiye", "Belarus", "Qatar",
    " exchanged ", " released ", " handed over ", " 1,000 ", " 84 ", " two ", " 6,000 bodies",
    " prisoners of war", " civilians", " seriously wounded", " on June 10", " last week",
    " on Tuesday", " 2025-06-02", " May 23–25", " in Istanbul", " second stage of ",
    " the agreement reached ", " said on Telegram", ' "We are home," ', " Zelensky said",
    ". ", ".\n\n", "\n", "—", "\u00a0", "\r\n", "(Reuters) - ", "KYIV, June 10 ",
)  # fmt: skip
FRONT_KEYS = ("title", "publisher", "published", "url", "id", "date", "author")


@pytest.fixture(scope="module")
def extractor():
    """The real model, loaded once for the module."""
    if not real_extractor_exists():
        if os.environ.get("CI"):
            pytest.fail("kg/extract.py is missing in CI")
        pytest.skip("kg/extract.py is not written yet")
    from kg.extract import Extractor

    return Extractor()


body = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), min_size=1, max_size=40
).map("".join)
meta_value = st.one_of(st.dates().map(str), st.text(max_size=20).map(lambda v: " ".join(v.split())))
front = st.dictionaries(st.sampled_from(FRONT_KEYS), meta_value, max_size=5)


def _article(meta: dict[str, str], text: str) -> Article | None:
    """Through the real reader, so odd front matter is tested too; None when it refuses."""
    head = "".join(f"{k}: {v}\n" for k, v in meta.items())
    whole = f"---\n{head}---\n{text}" if meta else text
    try:
        parsed, start = split_front_matter(whole, "fuzz.txt")
        return make_article(whole, "fuzz.txt", parsed, "fuzz.txt", body_start=start)
    except InputError:
        return None


def _evidence(value: object) -> Iterator[Evidence]:
    """Every Evidence anywhere inside the facts (they nest: stages hold exchanges ...)."""
    if isinstance(value, Evidence):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _evidence(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _evidence(item)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(meta=front, text=body)
def test_fuzz_extractor_never_crashes_and_evidence_matches_text(extractor, meta, text):
    article = _article(meta, text)
    if article is None:
        return
    facts = extractor.extract(article)
    for ev in _evidence(facts):
        assert 0 <= ev.start <= ev.end <= len(article.text)
        assert article.text[ev.start : ev.end] == ev.text
    article_triples(article, facts, "fuzz")

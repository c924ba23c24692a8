"""Shared fixtures for the extractor tests: the full pipeline is loaded once per session."""

import pytest

from kg.article import Article


@pytest.fixture(scope="session")
def extractor():
    from kg.extract import Extractor

    return Extractor()


def article(text: str, published: str | None = "2025-06-10") -> Article:
    """An article from a literal text (no front matter)."""
    return Article(text=text, source="test.txt", key="test", published=published)

"""Registered loaders for the data the components use (cues, gazetteer, categories)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.util import registry

from kg.gazetteer import Gazetteer, load_cached

LEXICON_PATH = Path(__file__).with_name("lexicon.json")
PATTERNS_PATH = Path(__file__).with_name("category_patterns.jsonl")


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> dict[str, Any]:
    """Cue lists keyed by use; cached because every component reads the same file."""
    with open(path or LEXICON_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@registry.misc("kg.lexicon.v1")
def lexicon_loader(path: str | None = None) -> dict[str, Any]:
    return load_lexicon(path)


@registry.misc("kg.category_patterns.v1")
def category_patterns_loader(path: str | None = None) -> list[dict[str, Any]]:
    """Token patterns keyed by concept IRI, for phrasings looser than the SKOS labels."""
    with open(path or PATTERNS_PATH, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@registry.misc("kg.gazetteer.v1")
def gazetteer_loader(gazetteer: str | None = None, categories: str | None = None) -> Gazetteer:
    return load_cached(gazetteer, categories)

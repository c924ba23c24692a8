"""Registered loaders for the data the components use: lexicon, gazetteer, category patterns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.util import registry

from kg.gazetteer import Gazetteer, load_cached
from kg.nlp import lexicon

PATTERNS_PATH = Path(__file__).with_name("category_patterns.jsonl")


@registry.misc("kg.lexicon.v2")
def lexicon_loader(path: str | None = None) -> lexicon.Lexicon:
    """The typed lexicon (:mod:`kg.nlp.lexicon`), read and checked once per process."""
    return lexicon.load(path)


@registry.misc("kg.category_patterns.v1")
def category_patterns_loader(path: str | None = None) -> list[dict[str, Any]]:
    """Token patterns keyed by concept IRI, for phrasings looser than the SKOS labels."""
    with open(path or PATTERNS_PATH, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@registry.misc("kg.gazetteer.v1")
def gazetteer_loader(gazetteer: str | None = None, categories: str | None = None) -> Gazetteer:
    return load_cached(gazetteer, categories)

"""Build the extraction pipeline: the model's full pipeline plus the powkg components.

Tagger, parser, lemmatizer and NER all run: events, their roles and their speakers are
read from the parse and the model's entities. Our components follow, each reading what
the ones before it assigned (see :mod:`kg.nlp.extensions`).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.errors import ModelError
from kg.nlp import (  # noqa: F401 - importing registers the factories
    agreements,
    categories,
    dates,
    events,
    names,
    sentences,
    speech,
    story,
)
from kg.nlp.extensions import register

COMPONENTS = (
    "kg_names",
    "kg_dates",
    "kg_categories",
    "kg_events",
    "kg_agreements",
    "kg_speech",
    "kg_story",
)
NEEDED = ("parser", "ner", "lemmatizer")


def build(model: str) -> Language:
    """Load ``model`` (an installed spaCy pipeline) and add the powkg components."""
    register()
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as err:
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {err}") from None
    missing = [name for name in NEEDED if name not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} has no {', '.join(missing)}")
    nlp.add_pipe("kg_sentences", first=True)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp

"""Build the extraction pipeline: the model minus what we do not use, plus our components.

The parser and lemmatizer are excluded (sentences come from ``kg_sentences``,
cues are matched on inflected forms), the attribute ruler gives way to ``kg_pos``
(its tag rules by table, without its matcher) and ``ner`` is disabled, lent to
``kg_persons`` for the sentences where someone unknown to the gazetteer speaks: that
keeps extraction faster than the stock pipeline even with our components added.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.errors import ModelError
from kg.nlp import (  # noqa: F401 - importing registers the factories
    agreements,
    categories,
    cues,
    dates,
    entities,
    exchanges,
    facts,
    frames,
    persons,
    pos,
    sentences,
    stages,
    statements,
)
from kg.nlp.extensions import register

EXCLUDE = ("parser", "lemmatizer", "senter")
LENT = "ner"
RULER = "attribute_ruler"
"""Replaced by ``kg_pos``, which applies the ruler's tag table without its matcher."""
COMPONENTS = (
    "kg_entities",
    "kg_dates",
    "kg_categories",
    "kg_cues",
    "kg_frames",
    "kg_persons",
    "kg_agreements",
    "kg_exchanges",
    "kg_stages",
    "kg_statements",
    "kg_facts",
)


def build(model: str) -> Language:
    """Load ``model`` (an installed spaCy pipeline) and add the powkg components."""
    register()
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDE), disable=[LENT, RULER])
    except (OSError, ImportError, ValueError) as err:
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {err}") from None
    if RULER in nlp.component_names and "tagger" in nlp.pipe_names:
        tags, words = pos.ruler_tables(nlp.get_pipe(RULER))
        nlp.remove_pipe(RULER)
        nlp.add_pipe("kg_pos", after="tagger", config={"tags": tags, "words": words})
    nlp.add_pipe("kg_sentences", first=True)
    for name in COMPONENTS:
        if name != "kg_persons" or LENT in nlp.component_names:
            nlp.add_pipe(name)
    return nlp

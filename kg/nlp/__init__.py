"""spaCy components that turn an article into :mod:`kg.facts` (imported only by kg.extract).

:mod:`kg.nlp.pipeline` builds the pipeline; each other module is one concern
(sentences, entities, dates, categories, cues, frames, agreements, exchanges,
stages, statements, facts) and registers its factory when imported.
"""

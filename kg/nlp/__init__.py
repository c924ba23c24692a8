"""spaCy components that turn an article into :mod:`kg.facts` (imported only by kg.extract).

:mod:`kg.nlp.pipeline` builds the pipeline. Components, one concern each, register
their factories when imported: sentences, pos, entities, dates, categories, cues,
frames, persons, agreements, exchanges, stages, statements, facts. The rules they
share live beside them: boilerplate (page furniture), counts and named (how many
people), transfers (which way), eventdays (an event's days), narrative (which mentions
are one exchange), totals (running totals), quotes (what was said), sides, numbers,
calendar, evidence, drafts.
"""

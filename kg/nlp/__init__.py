"""spaCy components that turn an article into :mod:`kg.facts` (imported only by kg.extract).

:mod:`kg.nlp.pipeline` builds the pipeline: the model's own components (tagger, parser,
lemmatizer, NER) with ours around them, each a registered factory that declares what it
requires and assigns: ``kg_sentences`` (line and dateline starts, before the parser),
``kg_names``, ``kg_dates``, ``kg_categories``, ``kg_events``, ``kg_agreements``,
``kg_speech`` and ``kg_story``. The readers they share live beside them: ``clauses``
(questions asked of the parse), ``triggers``, ``people``, ``modality``, ``mediation``,
``quotes``, ``directions`` (which way people went), ``narrative`` (which mentions are
one exchange), ``sides``, ``numbers``, ``calendar``, ``layout``, ``boilerplate`` and
``evidence``. Word lists are data in ``lexicon.json`` (typed by ``lexicon``); names in
``ontology/gazetteer.ttl``. docs/extractor.md describes the whole.
"""

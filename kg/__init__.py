"""powkg: news articles about prisoner exchanges -> an RDF knowledge graph.

The public API is small and lazy: importing :mod:`kg` loads neither spaCy nor
rdflib, so query-only callers stay fast.
"""

__version__ = "0.1.0"

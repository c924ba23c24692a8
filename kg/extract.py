"""Article text -> :class:`kg.facts.ArticleFacts`, the public face of the language work.

spaCy is imported on first use, not at import time, so that query-only callers
(and ``import kg.extract``) stay fast.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.article import Article
from kg.facts import ArticleFacts
from kg.namespaces import ONTOLOGY_DIR, default_model

PACKAGE = Path(__file__).resolve().parent
EXTRACTOR_FILES = (
    *sorted((PACKAGE / "nlp").glob("*.py")),
    *sorted((PACKAGE / "nlp").glob("*.json")),
    *sorted((PACKAGE / "nlp").glob("*.jsonl")),
    PACKAGE / "facts.py",
    PACKAGE / "iris.py",
    PACKAGE / "rdf.py",
    ONTOLOGY_DIR / "gazetteer.ttl",
    ONTOLOGY_DIR / "categories.ttl",
)
"""What decides an article's graph besides its text: the language code, its data, and how
facts become triples."""


@lru_cache(maxsize=8)
def extractor_version(model: str) -> str:
    """Names the extractor that builds a graph: powkg's version, a digest of the code and
    data the facts depend on, and the spaCy pipeline. Recorded on every article
    (``pow:extractedBy``), so upgrading powkg re-extracts graphs built by an older one."""
    digest = hashlib.sha256()
    for path in EXTRACTOR_FILES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"powkg {__version__} extractor {digest.hexdigest()[:12]} model {model}"


if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Extractor:
    """Loads the pipeline lazily; one instance can extract any number of articles."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model or default_model()
        self._nlp: Language | None = None
        self._furniture: tuple[str, ...] = ()

    @property
    def nlp(self) -> Language:
        """The pipeline, loaded on first use (raises ModelError if the package is missing)."""
        if self._nlp is None:
            from kg.nlp.lexicon import load
            from kg.nlp.pipeline import build

            self._nlp = build(self.model)
            self._furniture = load().furniture_prefixes
        return self._nlp

    def _doc(self, article: Article) -> Doc:
        from kg.nlp import boilerplate

        nlp = self.nlp  # loads the furniture prefixes with the pipeline
        doc = nlp.make_doc(boilerplate.blank(article.analysis_text, self._furniture))
        doc._.published = article.published
        doc._.warnings = []
        return doc

    def extract(self, article: Article) -> ArticleFacts:
        """The facts of one article."""
        doc = self.nlp(self._doc(article))
        return doc._.facts

    def extract_all(
        self, articles: Iterable[Article], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[tuple[Article, ArticleFacts]]:
        """Facts for many articles, in order, through ``nlp.pipe`` (batched, maybe parallel).

        Parallel work uses our own process pool rather than ``nlp.pipe(n_process=...)``:
        spaCy ships Docs between processes with msgpack, which cannot carry our
        ``doc._`` values (dates, frames, facts); articles and facts pickle fine.
        """
        items = list(articles)
        if n_process > 1 and len(items) > batch_size:
            yield from self._extract_parallel(items, batch_size, n_process)
            return
        docs = (self._doc(a) for a in items)
        piped = self.nlp.pipe(docs, batch_size=batch_size)
        for article, doc in zip(items, piped, strict=True):
            yield article, doc._.facts

    def _extract_parallel(
        self, items: list[Article], batch_size: int, n_process: int
    ) -> Iterator[tuple[Article, ArticleFacts]]:
        import multiprocessing

        chunks = [items[i : i + batch_size] for i in range(0, len(items), batch_size)]
        with multiprocessing.get_context("spawn").Pool(
            n_process, initializer=_start_worker, initargs=(self.model, batch_size)
        ) as pool:
            for chunk, facts in zip(chunks, pool.imap(_extract_chunk, chunks), strict=True):
                yield from zip(chunk, facts, strict=True)


_WORKER: tuple[Extractor, int] | None = None


def _start_worker(model: str, batch_size: int) -> None:
    """Each worker process loads its own pipeline once."""
    global _WORKER
    _WORKER = (Extractor(model), batch_size)


def _extract_chunk(chunk: list[Article]) -> list[ArticleFacts]:
    assert _WORKER is not None
    extractor, batch_size = _WORKER
    return [facts for _, facts in extractor.extract_all(chunk, batch_size=batch_size)]

"""Article text -> :class:`kg.facts.ArticleFacts`, the public face of the language work.

spaCy is imported on first use, not at import time, so that query-only callers
(and ``import kg.extract``) stay fast.
"""

from __future__ import annotations

import hashlib
import itertools
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
PIECE_CHARS = 100_000
"""Longer texts go through the model in pieces of at most this many characters."""


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

    def _text(self, article: Article) -> str:
        """The article's text with page furniture blanked (offsets kept)."""
        from kg.nlp import boilerplate

        self.nlp  # noqa: B018 - loads the furniture prefixes with the pipeline
        return boilerplate.blank(article.analysis_text, self._furniture)

    def _doc(self, article: Article) -> Doc:
        return _dated(self.nlp.make_doc(self._text(article)), article)

    def extract(self, article: Article) -> ArticleFacts:
        """The facts of one article."""
        if _is_long(article):
            return self._long(article)._.facts
        return self.nlp(self._doc(article))._.facts

    def _long(self, article: Article) -> Doc:
        """A long text through the model piece by piece (paragraphs up to PIECE_CHARS), then
        as one Doc through our components: the model's memory stays that of a piece, and
        the story is still read from the whole article."""
        from spacy.tokens import Doc

        from kg.nlp.layout import datelines
        from kg.nlp.pipeline import COMPONENTS

        nlp = self.nlp
        pieces = _pieces(self._text(article), PIECE_CHARS)
        docs = list(nlp.pipe(pieces, disable=list(COMPONENTS), batch_size=1))
        whole = _dated(Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"]), article)
        whole._.datelines = datelines(whole.text)
        for name in COMPONENTS:
            whole = nlp.get_pipe(name)(whole)
        return whole

    def extract_all(
        self, articles: Iterable[Article], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[tuple[Article, ArticleFacts]]:
        """Facts for many articles, in order, through ``nlp.pipe`` (batched, maybe parallel).

        ``articles`` is consumed as it goes (an ingest may stream a multi-gigabyte
        export), so only a few batches are held at a time. Parallel work uses our
        own process pool rather than ``nlp.pipe(n_process=...)``: spaCy ships Docs
        between processes with msgpack, which cannot carry our ``doc._`` values
        (dates, frames, facts); articles and facts pickle fine.
        """
        stream = iter(articles)
        head = list(itertools.islice(stream, batch_size + 1))
        items = itertools.chain(head, stream)
        if n_process > 1 and len(head) > batch_size:
            yield from self._extract_parallel(items, batch_size, n_process)
            return
        for long, group in itertools.groupby(items, key=_is_long):
            if long:
                yield from ((a, self._long(a)._.facts) for a in group)
                continue
            docs = ((self._doc(a), a) for a in group)
            for doc, article in self.nlp.pipe(docs, batch_size=batch_size, as_tuples=True):
                yield article, doc._.facts

    def _extract_parallel(
        self, items: Iterator[Article], batch_size: int, n_process: int
    ) -> Iterator[tuple[Article, ArticleFacts]]:
        """A few chunks per worker at a time: ``Pool.imap`` alone would read all input ahead."""
        import multiprocessing

        chunks = _batched(items, batch_size)
        with multiprocessing.get_context("spawn").Pool(
            n_process, initializer=_start_worker, initargs=(self.model, batch_size)
        ) as pool:
            for window in _batched(chunks, 2 * n_process):
                for chunk, facts in zip(window, pool.imap(_extract_chunk, window), strict=True):
                    yield from zip(chunk, facts, strict=True)


def _dated(doc: Doc, article: Article) -> Doc:
    """The Doc with what the article says of its own date (``doc._.published``, and for a
    page without one the first full date its furniture gives)."""
    from kg.nlp.dates import dateline

    doc._.published = article.published
    if article.published is None:
        filed = dateline(article.analysis_text)
        doc._.filed = filed.isoformat() if filed else None
    doc._.warnings = []
    return doc


def _is_long(article: Article) -> bool:
    return len(article.analysis_text) > PIECE_CHARS


def _pieces(text: str, size: int) -> Iterator[str]:
    """``text`` cut at paragraph ends (else line ends, else anywhere) into pieces of at
    most ``size`` characters that join back into ``text`` exactly."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            paragraph = text.rfind("\n\n", start, end - 1)
            line = text.rfind("\n", start, end)
            if paragraph > start:
                end = paragraph + 2
            elif line > start:
                end = line + 1
        yield text[start:end]
        start = end


def _batched(items: Iterable, size: int) -> Iterator[tuple]:
    """``itertools.batched`` (Python 3.12) for 3.11."""
    stream = iter(items)
    while batch := tuple(itertools.islice(stream, size)):
        yield batch


_WORKER: tuple[Extractor, int] | None = None


def _start_worker(model: str, batch_size: int) -> None:
    """Each worker process loads its own pipeline once."""
    global _WORKER
    _WORKER = (Extractor(model), batch_size)


def _extract_chunk(chunk: tuple[Article, ...]) -> list[ArticleFacts]:
    assert _WORKER is not None
    extractor, batch_size = _WORKER
    return [facts for _, facts in extractor.extract_all(chunk, batch_size=batch_size)]

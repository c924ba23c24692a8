"""The Doc attributes the components share, each written by one component.

| attribute   | type                          | written by     |
|-------------|-------------------------------|----------------|
| text        | str (joined once)             | text_of        |
| published   | str, ISO day or None          | the extractor  |
| filed       | str, ISO day or None          | the extractor  |
| warnings    | list[str]                     | any            |
| datelines   | list[tuple[int, int]]         | kg_sentences   |
| names       | list[mentions.Name]           | kg_names       |
| minted      | list[kg.facts.Entity]         | kg_names       |
| anchor      | str, ISO day or None          | kg_dates       |
| dates       | list[dates.DateMention]       | kg_dates       |
| stamps      | list[tuple[int, str]]         | kg_dates       |
| events      | list[mentions.EventMention]   | kg_events      |
| stages      | list[mentions.StageMention]   | kg_events      |
| notes       | list[mentions.SentenceNote]   | kg_events      |
| deals       | list[mentions.DealMention]    | kg_agreements  |
| speech      | list[mentions.SpeechMention]  | kg_speech      |
| facts       | kg.facts.ArticleFacts         | kg_story       |
| index       | index.DocIndex (a cache)      | index_of       |
"""

from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "text",
    "published",
    "filed",
    "warnings",
    "datelines",
    "names",
    "minted",
    "anchor",
    "dates",
    "stamps",
    "events",
    "stages",
    "notes",
    "deals",
    "speech",
    "facts",
    "index",
)


def register() -> None:
    """Declare every attribute once (spaCy extensions are global to the process)."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def text_of(doc: Doc) -> str:
    """The document's text, joined on first use and kept on the Doc."""
    if doc._.text is None:
        doc._.text = doc.text
    return doc._.text

"""The Doc attributes the components share: each component reads and writes its own."""

from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "text",  # the text, joined once (Doc.text joins every token on each call): see text_of
    "published",  # ISO date from the article's metadata, set before the pipeline runs
    "anchor",  # the date relative expressions resolve against (published or dateline)
    "warnings",  # list[str] for the user
    "dates",  # list[DateMention]
    "stamps",  # list[tuple[int, str]]: live-blog entry offsets and their day
    "frames",  # list[Frame]
    "pair",  # the article's two main sides
    "hub",  # the side that identifies the article's exchanges and agreements, if only one does
    "mediators",  # set[int]: token starts of entity mentions acting as mediators
    "refs",  # list[RefDraft]: agreement references
    "agreements",  # list[AgreementDraft]: agreements dated to the day
    "exchanges",  # dict[start, ExchangeDraft]
    "primary",  # start date of the exchange the article is mainly about
    "stages",  # list[StageDraft]
    "statements",  # list[StatementDraft]
    "minted",  # list[kg.facts.Entity]: speakers not in the gazetteer
    "facts",  # kg.facts.ArticleFacts
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

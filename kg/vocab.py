"""The pow: vocabulary as a closed namespace mirroring ``ontology/pow.ttl``.

An unknown term raises ``AttributeError`` instead of minting a silent new IRI
(the rdflib ``DefinedNamespace`` idea, without importing rdflib). A test checks
that this list and the ontology agree both ways.
"""

from kg.namespaces import POW

CLASSES = (
    "Article",
    "Exchange",
    "Transfer",
    "Stage",
    "Agreement",
    "AgreementReference",
    "Party",
    "State",
    "ArmedGroup",
    "Organisation",
    "Person",
    "Location",
    "PrisonerCategory",
    "Statement",
    "Stance",
    "Story",
)

PROPERTIES = (
    "startDate",
    "endDate",
    "party",
    "mediator",
    "location",
    "category",
    "transfer",
    "provides",
    "from",
    "to",
    "count",
    "implements",
    "agreementReference",
    "notBefore",
    "notAfter",
    "ordinal",
    "realizedBy",
    "date",
    "round",
    "speaker",
    "channel",
    "quote",
    "about",
    "stance",
    "responds",
    "evidence",
    "side",
    "locatedIn",
    "role",
    "demonym",
    "textHash",
    "extractedBy",
    "text",
    "textSketch",
    "fetched",
    "warcRecord",
)

INDIVIDUALS = ("Announcement", "Claim", "Denial", "categories")

TERMS = frozenset(CLASSES + PROPERTIES + INDIVIDUALS)


class _ClosedNamespace:
    """Attribute access returns the full IRI string of a declared term."""

    def __init__(self, base: str, terms: frozenset[str]) -> None:
        self._base = base
        self._terms = terms

    def __getattr__(self, name: str) -> str:
        term = name.rstrip("_")  # pow.from_ for the Python keyword
        if term not in self._terms:
            raise AttributeError(f"{term!r} is not a term of {self._base}")
        return self._base + term

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)

    def __contains__(self, iri: str) -> bool:
        return iri.startswith(self._base) and iri[len(self._base) :] in self._terms


pow = _ClosedNamespace(POW, TERMS)

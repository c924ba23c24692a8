"""The gazetteer and category scheme as lookup tables for the extractor.

Names, spellings and categories are data (``ontology/gazetteer.ttl``,
``ontology/categories.ttl``), so covering a new conflict means editing Turtle,
not code. Parsing uses pyoxigraph, which is fast enough to do on every start.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.namespaces import ONTOLOGY_DIR, POW, RDF, RDFS, SKOS

KINDS = ("Person", "Organisation", "ArmedGroup", "State", "Party", "Location")
"""pow: classes from most to least specific: an entry's kind is the first it has."""

PARTY_KINDS = frozenset({"State", "ArmedGroup", "Party"})

NAME = "name"
DEMONYM = "demonym"
METONYM = "metonym"
GENERIC = "generic"


@dataclass(frozen=True)
class Entry:
    """One real thing: its IRI, label, kind and the side it belongs to."""

    iri: str
    label: str
    kind: str
    classes: frozenset[str]
    side: str | None = None
    located_in: str | None = None
    role: str | None = None

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    @property
    def is_location(self) -> bool:
        return "Location" in self.classes


@dataclass(frozen=True)
class Form:
    """A surface form and what it names; ``how`` is name, demonym, metonym or generic."""

    text: str
    iri: str
    how: str


@dataclass(frozen=True)
class Category:
    """A SKOS concept and the phrasings that name it."""

    iri: str
    label: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    """Entries by IRI, every surface form, and the category concepts."""

    entries: dict[str, Entry]
    forms: tuple[Form, ...]
    categories: dict[str, Category] = field(default_factory=dict)

    def entry(self, iri: str) -> Entry | None:
        return self.entries.get(iri)

    def country(self, iri: str) -> str | None:
        """The state a place lies in (itself for a state)."""
        entry = self.entries.get(iri)
        if entry is None:
            return None
        return iri if entry.kind == "State" else entry.located_in


def _triples(path: Path) -> list[tuple[str, str, str]]:
    import pyoxigraph as ox

    with path.open("rb") as handle:
        parsed = ox.parse(handle, format=ox.RdfFormat.TURTLE)
        return [(str(t.subject.value), t.predicate.value, t.object.value) for t in parsed]


def _by_subject(triples: list[tuple[str, str, str]]) -> dict[str, dict[str, list[str]]]:
    subjects: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        subjects[s][p].append(o)
    return subjects


def _entry(iri: str, props: dict[str, list[str]]) -> Entry | None:
    classes = frozenset(c[len(POW) :] for c in props.get(RDF + "type", ()) if c.startswith(POW))
    kind = next((k for k in KINDS if k in classes), None)
    labels = props.get(RDFS + "label") or props.get(SKOS + "prefLabel")
    if kind is None or not labels:
        return None
    return Entry(
        iri=iri,
        label=labels[0],
        kind=kind,
        classes=classes,
        side=_first(props, POW + "side"),
        located_in=_first(props, POW + "locatedIn"),
        role=_first(props, POW + "role"),
    )


def _first(props: dict[str, list[str]], key: str) -> str | None:
    values = props.get(key)
    return values[0] if values else None


def _forms(entry: Entry, props: dict[str, list[str]]) -> list[Form]:
    hidden = METONYM if entry.is_party else GENERIC
    sources = (
        (RDFS + "label", NAME),
        (SKOS + "prefLabel", NAME),
        (SKOS + "altLabel", NAME),
        (POW + "demonym", DEMONYM),
        (SKOS + "hiddenLabel", hidden),
    )
    found = {(text, how) for key, how in sources for text in props.get(key, ())}
    return [Form(text, entry.iri, how) for text, how in sorted(found)]


def _categories(subjects: dict[str, dict[str, list[str]]]) -> dict[str, Category]:
    found = {}
    for iri, props in subjects.items():
        if POW + "PrisonerCategory" not in props.get(RDF + "type", ()):
            continue
        label = (props.get(SKOS + "prefLabel") or props.get(RDFS + "label") or [iri])[0]
        phrases = sorted(
            set([*props.get(SKOS + "altLabel", []), *props.get(SKOS + "hiddenLabel", [])])
        )
        found[iri] = Category(iri, label, tuple(phrases))
    return found


def load(gazetteer: Path | None = None, categories: Path | None = None) -> Gazetteer:
    """Read the gazetteer and category scheme (defaults: the shipped ontology files)."""
    places = _by_subject(_triples(gazetteer or ONTOLOGY_DIR / "gazetteer.ttl"))
    entries: dict[str, Entry] = {}
    forms: list[Form] = []
    for iri, props in places.items():
        entry = _entry(iri, props)
        if entry is not None:
            entries[iri] = entry
            forms.extend(_forms(entry, props))
    concepts = _categories(_by_subject(_triples(categories or ONTOLOGY_DIR / "categories.ttl")))
    return Gazetteer(entries=entries, forms=tuple(forms), categories=concepts)


@lru_cache(maxsize=4)
def load_cached(gazetteer: str | None = None, categories: str | None = None) -> Gazetteer:
    """:func:`load` once per process and pair of paths (the data does not change at run time)."""
    return load(Path(gazetteer) if gazetteer else None, Path(categories) if categories else None)

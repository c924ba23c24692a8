"""Competency questions answered from what the synthetic articles state.

Same format as shared/eval/cq-seeds.json, so shared/eval/score_cq.py scores a
dump against it. Answers come from the claims the articles make (a fact no
article states is never expected). Questions about one exchange or agreement
pick ones whose date is unique in the world, so a date filter names one event.
Labels are matched as whole labels inside GROUP_CONCAT (``A | B``) output.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

PREFIXES = (
    "PREFIX pow: <https://w3id.org/powkg/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
    "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
)
PER_TYPE = 4
LABEL = "rdfs:label|skos:prefLabel|skos:altLabel"


@dataclass
class Reported:
    """Claims over the whole corpus: kind -> set of claim argument tuples."""

    claims: dict[str, set[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articles: Counter = field(default_factory=Counter)

    def has(self, kind: str, *args: str) -> bool:
        return tuple(args) in self.claims[kind]

    def ids(self, kind: str) -> list[str]:
        return sorted({c[0] for c in self.claims[kind]})


def reported(truth: dict) -> Reported:
    rep = Reported()
    for article in truth["articles"]:
        seen = set()
        for _, _, claim in article["claims"]:
            rep.claims[claim[0]].add(tuple(claim[1:]))
            if claim[0] == "exchange" and claim[1] not in seen:
                seen.add(claim[1])
                rep.titles[claim[1]].add(article["title"])
                rep.articles[claim[1]] += 1
    return rep


def label_re(entry: dict) -> str:
    """A cell pattern matching one of the entry's labels as a whole label."""
    alts = "|".join(re.escape(label) for label in sorted(entry["labels"], key=len, reverse=True))
    return f"re:(?:^|\\| )(?:{alts})(?: \\||$)"


def sparql_names(labels: list[str]) -> str:
    """A regex alternation of whole labels, escaped for a SPARQL string literal."""
    alts = "|".join(re.escape(label) for label in labels)
    return alts.replace("\\", "\\\\").replace('"', '\\"')


def entry(vocab: dict, key: str) -> dict:
    for group in ("parties", "mediators", "places", "speakers", "categories"):
        if key in vocab[group]:
            return vocab[group][key]
    raise KeyError(key)


def unique_dates(items: dict, attr: str) -> set[str]:
    counts = Counter(v[attr] for v in items.values())
    return {d for d, n in counts.items() if n == 1}


def question(qid: str, text: str, sparql: str, expected: list, **extra) -> dict:
    rows = sorted({tuple(r) for r in expected})
    return {
        "id": qid,
        "question": text,
        "sparql": sparql,
        "expected": [list(r) for r in rows],
    } | extra


def sample(rng: random.Random, items: list, k: int = PER_TYPE) -> list:
    return rng.sample(sorted(items), min(k, len(items)))


class Builder:
    """Builds every question type from one truth document."""

    def __init__(self, truth: dict, rng: random.Random) -> None:
        self.truth, self.rng, self.vocab = truth, rng, truth["vocab"]
        self.rep = reported(truth)
        self.x = truth["exchanges"]
        self.a = truth["agreements"]
        self.unique_x = unique_dates(self.x, "start")
        self.unique_a = unique_dates(self.a, "date")
        self.n = 0

    def qid(self, kind: str) -> str:
        self.n += 1
        return f"B{self.n:03d}-{kind}"

    def re(self, key: str) -> str:
        return label_re(entry(self.vocab, key))

    def exchanges_with(self, kind: str, min_articles: int = 1) -> list[str]:
        """Exchanges with a unique start date for which some article claims ``kind``."""
        ids = self.rep.ids(kind)
        return [
            i
            for i in ids
            if self.x[i]["start"] in self.unique_x and self.rep.articles[i] >= min_articles
        ]

    def agreements_with(self, kind: str) -> list[str]:
        return [i for i in self.rep.ids(kind) if self.a[i]["date"] in self.unique_a]

    def months(self) -> list[dict]:
        by_month: dict[str, set[str]] = defaultdict(set)
        for xid in self.rep.ids("exchange"):
            start = self.x[xid]["start"]
            by_month[start[:7]].add(start)
        out = []
        for month in sample(self.rng, list(by_month)):
            sparql = (
                "SELECT DISTINCT ?start WHERE {\n  ?e a pow:Exchange ; pow:startDate ?d . "
                f'BIND(STR(?d) AS ?start)\n  FILTER(STRSTARTS(?start, "{month}"))\n}}'
            )
            text = f"Which exchanges started in {month} (start dates)? No spurious events."
            rows = [[d] for d in by_month[month]]
            out.append(question(self.qid("month"), text, sparql, rows, allowed=[[month]]))
        return out

    def implements(self) -> list[dict]:
        out = []
        for aid in sample(self.rng, self.agreements_with("agreement")):
            starts = [
                [x["start"]]
                for xid, x in self.x.items()
                if x["agreement"] == aid
                and self.rep.has("implements", xid)
                and self.rep.has("exchange", xid)
            ]
            if not starts:
                continue
            date = self.a[aid]["date"]
            sparql = (
                "SELECT DISTINCT ?start WHERE {\n"
                f'  ?a a pow:Agreement ; pow:date ?ad . FILTER(STR(?ad) = "{date}")\n'
                "  { ?e pow:implements ?a } UNION { ?s pow:implements ?a ; pow:realizedBy ?e }\n"
                "  ?e a pow:Exchange ; pow:startDate ?d . BIND(STR(?d) AS ?start)\n}"
            )
            text = f"Which exchanges implemented the agreement reached on {date} (start dates)?"
            out.append(question(self.qid("implements"), text, sparql, starts))
        return out

    def stages(self) -> list[dict]:
        out = []
        for aid in sample(self.rng, self.agreements_with("agreement")):
            rows = [
                [str(x["stage"]), x["start"]]
                for xid, x in self.x.items()
                if x["agreement"] == aid and self.rep.has("stage", xid)
            ]
            if not rows:
                continue
            date = self.a[aid]["date"]
            sparql = (
                "SELECT DISTINCT ?ordinal ?date WHERE {\n"
                f'  ?a a pow:Agreement ; pow:date ?ad . FILTER(STR(?ad) = "{date}")\n'
                "  ?s a pow:Stage ; pow:ordinal ?o ; pow:realizedBy/pow:startDate ?d .\n"
                "  { ?s pow:implements ?a } UNION { ?s pow:realizedBy/pow:implements ?a }\n"
                "  BIND(STR(?o) AS ?ordinal) BIND(STR(?d) AS ?date)\n}"
            )
            text = f"Which numbered stages implemented the agreement of {date} (ordinal, date)?"
            out.append(question(self.qid("stages"), text, sparql, rows))
        return out

    def agreement_place(self) -> list[dict]:
        out = []
        for aid in sample(
            self.rng, [i for i in self.agreements_with("agreement") if self.rep.has("venue", i)]
        ):
            a = self.a[aid]
            sparql = (
                f'SELECT (GROUP_CONCAT(DISTINCT ?locL; separator=" | ") AS ?locLabel) WHERE {{\n'
                f"  ?a a pow:Agreement ; pow:date ?ad ; pow:location ?loc . "
                f'FILTER(STR(?ad) = "{a["date"]}")\n  OPTIONAL {{ ?loc {LABEL} ?locL }}\n'
                "} GROUP BY ?loc"
            )
            within = entry(self.vocab, a["venue"]).get("within")
            allowed = [[self.re(within)]] if within else []
            text = f"Where was the agreement of {a['date']} reached?"
            out.append(
                question(
                    self.qid("agreement-place"),
                    text,
                    sparql,
                    [[self.re(a["venue"])]],
                    allowed=allowed,
                )
            )
        return out

    def venues(self) -> list[dict]:
        by_venue: dict[str, list[list[str]]] = defaultdict(list)
        for aid in self.rep.ids("agreement"):
            if self.rep.has("venue", aid):
                a = self.a[aid]
                rnd = str(a["round"]) if self.rep.has("round", aid) else "*"
                by_venue[a["venue"]].append([a["date"], rnd])
        out = []
        for venue in sample(self.rng, list(by_venue), 2):
            names = sparql_names(entry(self.vocab, venue)["labels"])
            sparql = (
                "SELECT ?date ?round WHERE {\n"
                "  ?a a pow:Agreement ; pow:location ?loc ; pow:date ?d . BIND(STR(?d) AS ?date)\n"
                "  OPTIONAL { ?a pow:round ?r } BIND(STR(?r) AS ?round)\n"
                f'  ?loc rdfs:label|skos:prefLabel ?ll . FILTER(REGEX(?ll, "^({names})$", "i"))\n}}'
            )
            label = entry(self.vocab, venue)["names"][0]
            text = f"Which agreements are recorded as reached in {label} (date, round)?"
            out.append(question(self.qid("venue"), text, sparql, by_venue[venue]))
        return out

    def _per_exchange(self, kind: str, xid: str, select: str, body: str, group: str) -> str:
        start = self.x[xid]["start"]
        return (
            f"SELECT {select} WHERE {{\n  ?e a pow:Exchange ; pow:startDate ?d . "
            f'FILTER(STR(?d) = "{start}")\n{body}}}{group}'
        )

    def counts(self) -> list[dict]:
        out = []
        for xid in sample(self.rng, self.exchanges_with("transfer")):
            x = self.x[xid]
            rows = [
                [self.re(t["source"]), self.re(t["target"]), str(t["count"])]
                for i, t in enumerate(x["transfers"])
                if self.rep.has("transfer", xid, str(i))
            ]
            select = (
                '(GROUP_CONCAT(DISTINCT ?fromL; separator=" | ") AS ?fromLabel) '
                '(GROUP_CONCAT(DISTINCT ?toL; separator=" | ") AS ?toLabel) ?count'
            )
            body = (
                "  ?e pow:transfer ?t . ?t pow:from ?from ; pow:to ?to ; pow:count ?n .\n"
                "  BIND(STR(?n) AS ?count)\n"
                f"  OPTIONAL {{ ?from {LABEL} ?fromL }} OPTIONAL {{ ?to {LABEL} ?toL }}\n"
            )
            sparql = self._per_exchange("counts", xid, select, body, " GROUP BY ?from ?to ?count")
            text = f"In the exchange of {x['start']}, who released how many to whom?"
            out.append(question(self.qid("counts"), text, sparql, rows))
        return out

    def _labels_of(self, kind: str, prop: str, text: str, rows_for, min_articles: int = 1):
        """Per-exchange questions returning one GROUP_CONCAT label column."""
        out = []
        for xid in sample(self.rng, self.exchanges_with(kind, min_articles)):
            rows, allowed = rows_for(xid)
            if not rows:
                continue
            select = '(GROUP_CONCAT(DISTINCT ?l; separator=" | ") AS ?label)'
            body = f"  {prop}\n  OPTIONAL {{ ?o {LABEL} ?l }}\n"
            sparql = self._per_exchange(kind, xid, select, body, " GROUP BY ?o")
            q = question(self.qid(kind), text.format(self.x[xid]["start"]), sparql, rows)
            out.append(q | ({"allowed": allowed} if allowed else {}))
        return out

    def categories(self) -> list[dict]:
        def rows(xid: str):
            cats = {c[1] for c in self.rep.claims["category"] if c[0] == xid}
            return [[self.re(c)] for c in cats], []

        prop = "{ ?e pow:category ?o } UNION { ?e pow:transfer/pow:category ?o }"
        text = "Which categories of prisoners did the exchange of {} cover?"
        return self._labels_of("category", prop, text, rows)

    def locations(self) -> list[dict]:
        def rows(xid: str):
            loc = self.x[xid]["location"]
            within = entry(self.vocab, loc).get("within")
            return [[self.re(loc)]], [[self.re(within)]] if within else []

        text = "Which locations are recorded for the exchange of {}?"
        return self._labels_of("location", "?e pow:location ?o .", text, rows)

    def parties(self) -> list[dict]:
        def rows(xid: str):
            return [[self.re(s)] for s in self.x[xid]["sides"]], []

        text = "Which parties took part in the exchange of {}?"
        return self._labels_of("exchange", "?e pow:party ?o .", text, rows)

    def mediators(self) -> list[dict]:
        def rows(xid: str):
            meds = {c[1] for c in self.rep.claims["mediator"] if c[0] == xid}
            return [[self.re(m)] for m in meds], []

        text = "Who mediated the exchange of {}?"
        return self._labels_of("mediator", "?e pow:mediator ?o .", text, rows)

    def speakers(self) -> list[dict]:
        def rows(xid: str):
            said = [s for s in self.rep.ids("statement") if s.startswith(xid + "/")]
            speakers = {self.truth["statements"][s]["speaker"] for s in said}
            return [[self.re(s)] for s in speakers], []

        def with_statements() -> None:
            for s in self.rep.ids("statement"):
                self.rep.claims["said"].add((self.truth["statements"][s]["about"],))

        with_statements()
        prop = "?st a pow:Statement ; pow:speaker ?o ; pow:about ?e ."
        text = "Who made statements about the exchange of {}?"
        return self._labels_of("said", prop, text, rows)

    def identity(self) -> list[dict]:
        out = []
        for xid in sample(self.rng, self.exchanges_with("exchange", min_articles=2)):
            start = self.x[xid]["start"]
            sparql = (
                "SELECT (STR(COUNT(DISTINCT ?e)) AS ?n) WHERE {\n"
                f'  ?e a pow:Exchange ; pow:startDate ?d . FILTER(STR(?d) = "{start}")\n}}'
            )
            n = self.rep.articles[xid]
            text = f"How many distinct Exchange resources start on {start} ({n} articles)?"
            out.append(question(self.qid("identity"), text, sparql, [["1"]]))
        return out

    def titles(self) -> list[dict]:
        out = []
        for xid in sample(self.rng, self.exchanges_with("exchange", min_articles=2)):
            start = self.x[xid]["start"]
            sparql = (
                "SELECT DISTINCT ?title WHERE {\n"
                f'  GRAPH ?doc {{ ?e pow:startDate ?d . }} FILTER(STR(?d) = "{start}")\n'
                "  ?doc dcterms:title ?t . BIND(STR(?t) AS ?title)\n}"
            )
            rows = [[f"re:^{re.escape(t)}$"] for t in self.rep.titles[xid]]
            text = f"Which articles report the exchange of {start} (titles)?"
            out.append(question(self.qid("titles"), text, sparql, rows))
        return out

    def channels(self) -> list[dict]:
        rows = set()
        for (sid,) in self.rep.claims["channel"]:
            s = self.truth["statements"][sid]
            rows.add((self.re(s["speaker"]), f"re:^{re.escape(s['channel'])}$"))
        sparql = (
            'SELECT (GROUP_CONCAT(DISTINCT ?spL; separator=" | ") AS ?spLabel) ?channel WHERE {\n'
            "  ?st a pow:Statement ; pow:speaker ?sp ; pow:channel ?c . BIND(STR(?c) AS ?channel)\n"
            f"  OPTIONAL {{ ?sp {LABEL} ?spL }}\n}} GROUP BY ?sp ?channel"
        )
        text = "Which speakers used which channels (speaker, channel)?"
        return [question(self.qid("channels"), text, sparql, list(rows))] if rows else []

    def provides(self) -> list[dict]:
        out = []
        for aid in sample(self.rng, self.agreements_with("provides")):
            a = self.a[aid]
            rows = [
                [
                    self.re(t["source"]),
                    self.re(t["target"]),
                    str(t["count"]),
                    self.re(t["category"]),
                ]
                for i, t in enumerate(a["provides"])
                if self.rep.has("provides", aid, str(i))
            ]
            sparql = (
                'SELECT (GROUP_CONCAT(DISTINCT ?fromL; separator=" | ") AS ?fromLabel) '
                '(GROUP_CONCAT(DISTINCT ?toL; separator=" | ") AS ?toLabel) ?count '
                '(GROUP_CONCAT(DISTINCT ?catL; separator=" | ") AS ?catLabel) WHERE {\n'
                f"  ?a a pow:Agreement ; pow:date ?ad ; pow:provides ?t . "
                f'FILTER(STR(?ad) = "{a["date"]}")\n'
                "  ?t pow:count ?n . BIND(STR(?n) AS ?count)\n"
                "  OPTIONAL { ?t pow:from ?from } OPTIONAL { ?t pow:to ?to } "
                "OPTIONAL { ?t pow:category ?cat }\n"
                f"  OPTIONAL {{ ?from {LABEL} ?fromL }} OPTIONAL {{ ?to {LABEL} ?toL }} "
                f"OPTIONAL {{ ?cat {LABEL} ?catL }}\n}} GROUP BY ?from ?to ?count ?cat"
            )
            text = f"What handover does the agreement of {a['date']} provide?"
            out.append(question(self.qid("provides"), text, sparql, rows))
        return out

    def quotes(self) -> list[dict]:
        by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        for sid in self.rep.ids("statement"):
            s = self.truth["statements"][sid]
            by_key[(s["speaker"], s["date"])].append(s["quote"])
        out = []
        for speaker, date in sample(self.rng, list(by_key)):
            names = sparql_names(entry(self.vocab, speaker)["labels"])
            sparql = (
                "SELECT DISTINCT ?quote WHERE {\n"
                "  ?st a pow:Statement ; pow:speaker ?sp ; pow:date ?d ; pow:quote ?q . "
                f'FILTER(STR(?d) = "{date}")\n'
                f'  ?sp rdfs:label|skos:prefLabel ?sl . FILTER(REGEX(?sl, "^({names})$", "i"))\n'
                "  BIND(STR(?q) AS ?quote)\n}"
            )
            rows = [[f"re:{re.escape(q[:48])}"] for q in by_key[(speaker, date)]]
            label = entry(self.vocab, speaker)["names"][0]
            text = f"What did {label} say on {date} (quotes)?"
            out.append(question(self.qid("quotes"), text, sparql, rows))
        return out

    def provenance(self) -> list[dict]:
        classes = "pow:Exchange pow:Agreement pow:Stage pow:Transfer pow:Statement"
        sparql = (
            "SELECT ?ok WHERE {\n"
            "  { SELECT (COUNT(DISTINCT ?x) AS ?total) WHERE {\n"
            f"      VALUES ?c {{ {classes} }} ?x a ?c }} }}\n"
            "  { SELECT (COUNT(DISTINCT ?y) AS ?missing) WHERE {\n"
            f"      VALUES ?c {{ {classes} }} ?y a ?c .\n"
            "      FILTER NOT EXISTS {\n"
            "        ?y pow:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?t } } }\n"
            '  BIND(IF(?total > 0 && ?missing = 0, "yes", "no") AS ?ok)\n}'
        )
        text = "Does every Exchange, Agreement, Stage, Transfer and Statement carry evidence?"
        return [question(self.qid("provenance"), text, sparql, [["yes"]])]


TYPES = (
    "months",
    "implements",
    "stages",
    "agreement_place",
    "venues",
    "counts",
    "categories",
    "locations",
    "parties",
    "mediators",
    "speakers",
    "identity",
    "titles",
    "channels",
    "provides",
    "quotes",
    "provenance",
)


def build_cqs(truth: dict, rng: random.Random) -> dict:
    """The whole CQ document; question ids say their type (``B007-counts``)."""
    builder = Builder(truth, rng)
    questions = [q for kind in TYPES for q in getattr(builder, kind)()]
    return {"prefixes": PREFIXES, "questions": questions}

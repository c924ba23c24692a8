"""Near-duplicate threshold for syndicated copies, measured on our own pairs.

    python bench/syndication.py [--corpus DIR] [--write]

Pairs come from ``tests/data/web/syndication`` (an agency story, three copies
edited by hand the way outlets edit wire copy, two independent reports of the
same exchange, two formulaic statements of one office about two exchanges)
and from the five bodies of ``tests/data/web/bodies``, each also copied with
mechanical edits (the last paragraph cut; one word in ten changed to another
spelling or a synonym; a local paragraph added). For each pair: the exact
Jaccard index of word 5-shingles, the MinHash estimate that kg.syndication
uses, and whether the pair is linked (over the threshold, and the same
figures). ``--corpus`` also counts the links among the articles of a folder,
such as the synthetic bench corpus (which has no copies: every link there is
a false one). ``--write`` puts the tables into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests"))

from results_section import write_section  # noqa: E402
from webpages import SYNDICATION, TITLES, paragraphs  # noqa: E402

from kg.syndication import THRESHOLD, groups, same_figures, shingles, similarity, sketch  # noqa: E402

COPIES = ("agency", "copy-trimmed", "copy-edited", "copy-localised")
INDEPENDENT = ("independent", "independent-second")
FORMULAIC = ("statement-march", "statement-april")
SWAPS = {"said": "stated", "defence": "defense", "soldiers": "troops", "officials": "authorities"}
LOCAL = "Among those freed were three men from the region, the local governor said on Saturday."


def texts() -> dict[str, str]:
    names = COPIES + INDEPENDENT + FORMULAIC
    found = {name: "\n\n".join(paragraphs(name, SYNDICATION)) for name in names}
    for body in TITLES:
        paras = list(paragraphs(body))
        found[body] = "\n\n".join(paras)
        found[f"{body}~cut"] = "\n\n".join(paras[:-1])
        found[f"{body}~words"] = "\n\n".join(_swap(p) for p in paras)
        found[f"{body}~local"] = "\n\n".join([*paras[:2], LOCAL, *paras[2:]])
    return found


def _swap(paragraph: str) -> str:
    words = paragraph.split(" ")
    return " ".join(
        SWAPS.get(w, w) if i % 10 == 0 or w in SWAPS else w for i, w in enumerate(words)
    )


def kind(a: str, b: str) -> str:
    """copy: one story and its edit; same event: independent reports; other: unrelated."""
    base_a, base_b = a.split("~")[0], b.split("~")[0]
    if (a in COPIES and b in COPIES) or base_a == base_b:
        return "copy"
    if a in FORMULAIC and b in FORMULAIC:
        return "formulaic, different events"
    syndicated = set(COPIES + INDEPENDENT)
    if a in syndicated and b in syndicated:
        return "same event, independent"
    return "different events"


Pair = tuple[float, float, bool, str]
KINDS = ("copy", "same event, independent", "formulaic, different events", "different events")


def measure() -> dict[str, list[Pair]]:
    found = texts()
    sketches = {name: sketch(text) for name, text in found.items()}
    by_kind: dict[str, list[Pair]] = {}
    for a, b in itertools.combinations(sorted(found), 2):
        x, y = shingles(found[a]), shingles(found[b])
        exact = len(x & y) / len(x | y)
        estimate = similarity(sketches[a], sketches[b])
        linked = estimate >= THRESHOLD and same_figures(found[a], found[b])
        by_kind.setdefault(kind(a, b), []).append((exact, estimate, linked, f"{a} / {b}"))
    return by_kind


def render(by_kind: dict[str, list[Pair]]) -> list[str]:
    lines = [
        "| pairs | count | exact Jaccard min-max | MinHash estimate min-max "
        "| over the threshold | linked (and same figures) |",
        "|---|---|---|---|---|---|",
    ]
    for name in KINDS:
        rows = by_kind[name]
        exact = [r[0] for r in rows]
        estimate = [r[1] for r in rows]
        over = sum(e >= THRESHOLD for e in estimate)
        lines.append(
            f"| {name} | {len(rows)} | {min(exact):.3f}-{max(exact):.3f} "
            f"| {min(estimate):.3f}-{max(estimate):.3f} | {over} | {sum(r[2] for r in rows)} |"
        )
    lowest = min(by_kind["copy"], key=lambda r: r[1])
    highest = max(
        (r for k, rows in by_kind.items() if k != "copy" for r in rows), key=lambda r: r[1]
    )
    lines += [
        "",
        f"Threshold (kg.syndication.THRESHOLD): {THRESHOLD}. Lowest copy: {lowest[3]} "
        f"({lowest[1]:.3f}); highest non-copy: {highest[3]} ({highest[1]:.3f}).",
    ]
    return lines


def corpus_links(folder: Path) -> list[str]:
    """Articles of ``folder`` that kg.syndication would link, with and without the figures check."""
    from kg.article import Article
    from kg.inputs import iter_inputs

    bodies = {a.source: a.body for a in iter_inputs([folder]) if isinstance(a, Article)}
    sketches = {k: s for k, t in bodies.items() if (s := sketch(t))}
    plain = groups(sketches)
    checked = groups(sketches, confirm=lambda a, b: same_figures(bodies[a], bodies[b]))
    linked = sum(len(g) for g in checked)
    return [
        f"On {len(bodies):,} articles of {folder.parent.name}/{folder.name}: "
        f"{sum(len(g) for g in plain):,} would be "
        f"linked on similarity alone, {linked:,} ({linked / len(bodies):.1%}) in "
        f"{len(checked):,} stories with the figures check.",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    ap.add_argument("--corpus", type=Path, help="also count links among these articles")
    args = ap.parse_args(argv)
    table = render(measure())
    if args.corpus:
        table += ["", *corpus_links(args.corpus)]
    print("\n".join(table))
    if args.write:
        intro = (
            "Similarity of word 5-shingles between syndicated copies and independent reports "
            "(128-permutation MinHash, as stored): `python bench/syndication.py --corpus "
            "CORPUS/articles --write` (CORPUS: the synthetic corpus of `bench/run.py`)."
        )
        write_section(BENCH / "RESULTS.md", "Syndicated copies", [intro, "", *table])
    return 0


if __name__ == "__main__":
    sys.exit(main())

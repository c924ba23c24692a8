"""Near-duplicate threshold for syndicated copies, measured on our own pairs.

    python bench/syndication.py [--write]

Pairs come from ``tests/data/web/syndication`` (an agency story, three copies
edited by hand the way outlets edit wire copy, two independent reports of the
same exchange) and from the five bodies of ``tests/data/web/bodies``, each also
copied with mechanical edits (the last paragraph cut; one word in ten changed
from British to American spelling or a synonym; a local paragraph added).
For each pair: the exact Jaccard index of word 5-shingles and the MinHash
estimate that kg.syndication uses. ``--write`` puts the table into
bench/RESULTS.md (section "Syndicated copies").
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

from kg.syndication import THRESHOLD, shingles, similarity, sketch  # noqa: E402

COPIES = ("agency", "copy-trimmed", "copy-edited", "copy-localised")
INDEPENDENT = ("independent", "independent-second")
SWAPS = {"said": "stated", "defence": "defense", "soldiers": "troops", "officials": "authorities"}
LOCAL = "Among those freed were three men from the region, the local governor said on Saturday."


def texts() -> dict[str, str]:
    found = {name: "\n\n".join(paragraphs(name, SYNDICATION)) for name in COPIES + INDEPENDENT}
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
    syndicated = set(COPIES + INDEPENDENT)
    if a in syndicated and b in syndicated:
        return "same event, independent"
    return "different events"


def measure() -> dict[str, list[tuple[float, float, str]]]:
    found = texts()
    sketches = {name: sketch(text) for name, text in found.items()}
    by_kind: dict[str, list[tuple[float, float, str]]] = {}
    for a, b in itertools.combinations(sorted(found), 2):
        x, y = shingles(found[a]), shingles(found[b])
        exact = len(x & y) / len(x | y)
        estimate = similarity(sketches[a], sketches[b])
        by_kind.setdefault(kind(a, b), []).append((exact, estimate, f"{a} / {b}"))
    return by_kind


def render(by_kind: dict[str, list[tuple[float, float, str]]]) -> list[str]:
    lines = [
        "| pairs | count | exact Jaccard min-max | MinHash estimate min-max | over the threshold |",
        "|---|---|---|---|---|",
    ]
    for name in ("copy", "same event, independent", "different events"):
        rows = by_kind.get(name, [])
        exact = [r[0] for r in rows]
        estimate = [r[1] for r in rows]
        over = sum(e >= THRESHOLD for e in estimate)
        lines.append(
            f"| {name} | {len(rows)} | {min(exact):.3f}-{max(exact):.3f} "
            f"| {min(estimate):.3f}-{max(estimate):.3f} | {over} |"
        )
    lowest = min(by_kind["copy"], key=lambda r: r[1])
    highest = max(
        (r for k, rows in by_kind.items() if k != "copy" for r in rows), key=lambda r: r[1]
    )
    lines += [
        "",
        f"Threshold (kg.syndication.THRESHOLD): {THRESHOLD}. Lowest copy: {lowest[2]} "
        f"({lowest[1]:.3f}); highest non-copy: {highest[2]} ({highest[1]:.3f}).",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = ap.parse_args(argv)
    table = render(measure())
    print("\n".join(table))
    if args.write:
        intro = (
            "Similarity of word 5-shingles between syndicated copies and independent reports "
            "(128-permutation MinHash, as stored): `python bench/syndication.py --write`."
        )
        write_section(BENCH / "RESULTS.md", "Syndicated copies", [intro, "", *table])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Main-text extraction from web pages: body-line precision and recall on templated pages.

    python bench/webtext.py [--write]

Every body of ``tests/data/web/bodies`` is poured into every site template of
``tests/data/web/templates`` (navigation, cookie banners, ads, share bars,
captions, related and "Read more" blocks, newsletter boxes, pull quotes,
comments). A line of the extracted text is a body line when it is one of the
body's paragraphs. Precision: body lines among the extracted lines; recall:
paragraphs found as lines. The metadata (title, date, publisher, canonical URL)
is checked too. The held-out template was written after the cleaning rules
were settled and is reported on its own. ``--write`` puts the table into
bench/RESULTS.md (section "Web pages"), which ``bench/run.py`` keeps.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests"))

from results_section import write_section  # noqa: E402
from webpages import HELDOUT, SITES, all_pages  # noqa: E402

from kg.web.page import extract_page  # noqa: E402


def score(templates: dict[str, str]) -> dict:
    pages = all_pages(templates=templates)
    found = body_lines = extracted = paragraphs = meta_ok = 0
    furniture: list[str] = []
    started = time.perf_counter()
    for page in pages:
        result = extract_page(page.html, page.url)
        lines = result.text.splitlines()
        body = set(page.paragraphs)
        body_lines += sum(line in body for line in lines)
        extracted += len(lines)
        found += sum(p in lines for p in page.paragraphs)
        paragraphs += len(page.paragraphs)
        furniture += [f"{page.template}: {line}" for line in lines if line not in body]
        got = (result.title, result.published, result.publisher, result.url)
        meta_ok += got == (page.title, page.published, page.site, page.url)
    return {
        "pages": len(pages),
        "templates": len(templates),
        "precision": body_lines / extracted,
        "recall": found / paragraphs,
        "lines": extracted,
        "paragraphs": paragraphs,
        "metadata": meta_ok,
        "ms_per_page": 1000 * (time.perf_counter() - started) / len(pages),
        "furniture": furniture,
    }


def render(tuned: dict, heldout: dict) -> list[str]:
    rows = [("tuned on", tuned), ("held out", heldout)]
    lines = [
        "| templates | pages | extracted lines | body paragraphs | precision | recall "
        "| metadata right | ms/page |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        lines.append(
            f"| {r['templates']} {name} | {r['pages']} | {r['lines']} | {r['paragraphs']} "
            f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['metadata']}/{r['pages']} "
            f"| {r['ms_per_page']:.1f} |"
        )
    left = Counter(tuned["furniture"] + heldout["furniture"])
    listed = "; ".join(f"{line!r} ({n} pages)" for line, n in sorted(left.items()))
    lines += ["", "Furniture lines left in the text: " + (listed or "none.")]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = ap.parse_args(argv)
    table = render(score(SITES), score(HELDOUT))
    print("\n".join(table))
    if args.write:
        intro = (
            "Body-line precision and recall of `kg.web.page.extract_page` (trafilatura plus "
            "generic cleaning) on our own templated pages: `python bench/webtext.py --write`."
        )
        write_section(BENCH / "RESULTS.md", "Web pages: main text", [intro, "", *table])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Helpers for the reliability tests: a fake extractor, canonical dumps, running ``kg``.

The fake extractor stands in for spaCy where extraction is not what a test is
about. It finds lines ``EXCHANGE <date> <count>`` and reports one exchange per
line between two fixed sides, with evidence at the line's real offsets, so two
articles naming the same date describe the same shared exchange.

Run as a script (``python tests/kgtesting.py ARGS``) it is ``kg ARGS``, with the
fake extractor installed only while the real one has not been written yet.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG_BIN = Path(sys.executable).parent / "kg"
LINE = re.compile(r"^EXCHANGE (\d{4}-\d\d-\d\d) (\d+)$", re.MULTILINE)


def real_extractor_exists() -> bool:
    return (ROOT / "kg" / "extract.py").exists()


class FakeExtractor:
    """Same API as :class:`kg.extract.Extractor`, no model: fast and predictable."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def extract(self, article):
        time.sleep(float(os.environ.get("KG_FAKE_DELAY", "0")))  # to be killable mid-corpus
        from kg.facts import ArticleFacts, Evidence, Exchange, Transfer
        from kg.namespaces import ID

        sides = (ID + "party/ukraine", ID + "party/russia")
        exchanges = []
        for m in LINE.finditer(article.text):
            ev = (Evidence(m.start(), m.end(), m.group(0)),)
            transfer = Transfer(sides[0], sides[1], int(m[2]), evidence=ev)
            exchanges.append(Exchange(m[1], m[1], sides, transfers=(transfer,), evidence=ev))
        return ArticleFacts(exchanges=tuple(exchanges))

    def extract_all(self, articles: Iterable, batch_size: int = 64, n_process: int = 1) -> Iterator:
        for article in articles:
            yield article, self.extract(article)


def fake_module() -> types.ModuleType | None:
    """A stand-in ``kg.extract`` while kg/extract.py is not written; CI must have the real one."""
    if real_extractor_exists():
        return None
    if os.environ.get("CI"):
        raise RuntimeError("kg/extract.py is missing in CI")
    module = types.ModuleType("kg.extract")
    module.Extractor = FakeExtractor
    return module


def kg_command() -> list[str]:
    """The ``kg`` command for subprocess tests: the installed one when it can extract."""
    if real_extractor_exists():
        return [str(KG_BIN)]
    return [sys.executable, str(Path(__file__).resolve())]


def nquads(store_path: Path, *, named_only: bool = False) -> list[str]:
    """Sorted N-Quads lines, read without taking the write lock.

    ``named_only`` leaves out the merged view, as ``kg dump`` does.
    """
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    quads = (q for q in store if not named_only or isinstance(q.graph_name, ox.NamedNode))
    return sorted(str(q) + " ." for q in quads)


def merged_view_is_the_union(store_path: Path) -> bool:
    """The default graph holds exactly the distinct triples of the named graphs."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    merged, named = set(), set()
    for q in store:
        (merged if isinstance(q.graph_name, ox.DefaultGraph) else named).add(str(q.triple))
    return merged == named


def shape(lines: list[str]) -> list[str]:
    """A dump with blank-node labels erased, to compare stores written separately."""
    return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:", line) for line in lines)


def graph_of(lines: list[str], graph: str) -> list[str]:
    return [line for line in lines if line.endswith(f" <{graph}> .")]


def article_file(folder: Path, name: str, dates: Iterable[str], body: str = "") -> Path:
    """A small .txt article with front matter that the fake (and spaCy) can read."""
    lines = [f"EXCHANGE {d} {10 + i}" for i, d in enumerate(dates)]
    text = (
        f"---\ntitle: {name}\npublisher: Test Wire\npublished: 2025-06-10\n---\n"
        f"{body}\n" + "\n".join(lines) + "\n"
    )
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def news_corpus(folder: Path, count: int) -> Path:
    """``count`` distinct short wire stories (real prose for spaCy, EXCHANGE lines for the fake)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        body = (
            f"KYIV ({i}) - Ukraine and Russia exchanged {20 + i} prisoners of war on "
            f"{day} in Belarus, officials said. The swap was mediated by the United Arab "
            f'Emirates. "{20 + i} of our people are home," President Volodymyr Zelensky '
            "wrote on Telegram. Russia's defence ministry said the same number of its "
            "servicemen had been returned."
        )
        article_file(folder, f"story-{i:03d}.txt", [day], body=body)
    return folder


def run_kg(store: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``kg --store STORE ARGS`` in a real process."""
    return subprocess.run(
        [*kg_command(), "--store", str(store), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if (stand_in := fake_module()) is not None:
        sys.modules["kg.extract"] = stand_in
    from kg.cli import main

    main()

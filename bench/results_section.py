"""Sections of bench/RESULTS.md written by the small benches, kept when bench/run.py rewrites it.

Each section sits between ``<!-- section: NAME -->`` and ``<!-- /section -->``.
"""

from __future__ import annotations

import re
from pathlib import Path

BLOCK = re.compile(r"<!-- section: (?P<name>[^>]+) -->\n.*?<!-- /section -->\n", re.S)


def write_section(path: Path, name: str, lines: list[str]) -> None:
    """Replace (or append) the named section of ``path``."""
    block = f"<!-- section: {name} -->\n## {name}\n\n" + "\n".join(lines) + "\n<!-- /section -->\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for match in BLOCK.finditer(text):
        if match["name"] == name:
            path.write_text(text[: match.start()] + block + text[match.end() :], encoding="utf-8")
            return
    path.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")


def kept_sections(path: Path) -> str:
    """Every section of the current file, to append to a regenerated report."""
    if not path.exists():
        return ""
    blocks = [m.group(0) for m in BLOCK.finditer(path.read_text(encoding="utf-8"))]
    return "".join("\n" + b for b in blocks)

"""Smoke test of the web benches: they run, print their tables, keep their RESULTS.md sections."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from results_section import kept_sections, write_section  # noqa: E402


def _run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_bench_webtext_scores_the_tuned_templates_perfectly():
    out = _run("webtext.py")
    assert "| 5 tuned on | 25 | 135 | 135 | 1.000 | 1.000 | 25/25 |" in out
    assert "| 1 held out | 5 |" in out


def test_bench_syndication_links_copies_and_nothing_else():
    out = _run("syndication.py")
    rows = {line.split(" | ")[0]: line.rstrip(" |").split(" | ") for line in out.splitlines()}
    assert rows["| copy"][1] == rows["| copy"][5]  # every copy linked
    for kind in ("same event, independent", "formulaic, different events", "different events"):
        assert rows[f"| {kind}"][5] == "0", kind


def test_bench_sections_survive_a_regenerated_report(tmp_path: Path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# results\n\nold body\n")
    write_section(results, "Web", ["a table"])
    write_section(results, "Web", ["a newer table"])
    kept = kept_sections(results)
    assert kept.count("## Web") == 1 and "a newer table" in kept and "old body" not in kept
    assert results.read_text().startswith("# results\n\nold body\n")

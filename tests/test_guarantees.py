"""The README's Guarantees are a contract: docs/guarantees.md says the same, and every test the
"What we tested" table names exists."""

from __future__ import annotations

import re

from conftest import ROOT

TESTS = ROOT / "tests"


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Guarantees\n") : readme.index("## Python API\n")]


def test_guarantees_doc_is_the_readme_section():
    assert (ROOT / "docs" / "guarantees.md").read_text(
        encoding="utf-8"
    ) == _section().rstrip() + "\n"


def test_guarantees_table_names_only_real_tests():
    table = _section().split("### What we tested", 1)[1]
    named = re.findall(r"`(test_[a-z_]+\.py)(?:::(test_\w+))?`", table)
    assert len(named) > 25
    for module, test in named:
        source = (TESTS / module).read_text(encoding="utf-8")
        assert not test or f"def {test}(" in source, f"{module}::{test} does not exist"

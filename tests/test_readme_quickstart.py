"""README's quick-start output is what the commands print: the rows were checked by hand
against the bundled examples (103 each in mid-September 2024 is 206; 95 each on 18
October, brokered by the UAE, the Russians taken to Belarus, is 190; 25 each in early
January 2025 is 50; 150 each on 5 February, UAE, Belarus, is 300; 1,000 each over 23-25
May, through Belarus, told by two articles, is 2,000; 1,000 bodies for 19 on 17 July is
1,019)."""

from __future__ import annotations

import re

from conftest import EXAMPLES, ROOT


def _readme_block(command: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- QUICKSTART-OUTPUT -->(.*?)<!-- /QUICKSTART-OUTPUT -->", text, re.S)
    assert block is not None
    after = block.group(1).split(f"$ {command}\n", 1)[1]
    return after.split("\n$ ", 1)[0].split("```", 1)[0]


def test_readme_quickstart_output_is_what_kg_prints(kg):
    ingested = kg("ingest", str(EXAMPLES))
    assert ingested.exit_code == 0, ingested.output
    assert "5 articles: 5 added, 0 replaced, 0 unchanged; 0 not ingested" in ingested.output
    timeline = kg("query", "timeline")
    assert timeline.exit_code == 0, timeline.output
    assert timeline.output == _readme_block("kg query timeline")

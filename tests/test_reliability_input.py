"""Bad input through ``kg ingest``: one error line per bad file, the rest ingested, nothing lost.

Every case is generated here; the store's canonical dump (sorted N-Quads) shows
that an article already stored is untouched when its file turns bad.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from kgtesting import article_file, fake_module, graph_of, nquads

from kg.article import MAX_BYTES, read_text_article
from kg.ingest import collect

GOOD = ("good1.txt", "good2.txt")
REPLACED = ("baddate.txt", "malformed.txt")  # stored first, then broken on disk


@pytest.fixture(autouse=True)
def _extractor(monkeypatch):
    if (stand_in := fake_module()) is not None:
        monkeypatch.setitem(sys.modules, "kg.extract", stand_in)


def _unreadable(path: Path) -> None:
    """A file reading fails on: chmod 000, or as root a link to a file whose read fails."""
    path.write_text("Text.")
    path.chmod(0)
    if os.access(path, os.R_OK):
        path.unlink()
        path.symlink_to("/proc/self/mem")


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write every kind of bad input; return file name -> the reason kg must give."""
    cases = {
        "empty.txt": (b"", "no article text (empty or whitespace only)"),
        "blank.txt": (b"  \n\t \n", "no article text (empty or whitespace only)"),
        "binary.txt": (bytes(range(256)), "binary data, not text"),
        "badutf8.txt": (b"Kyiv \xc3\x28 said", "not valid UTF-8 (byte 5)"),
        "latin1.txt": ("Türkiye".encode("latin-1"), "not valid UTF-8 (byte 1)"),
        "page.txt": (b"<html><head></head><body>x</body></html>", "looks like an HTML page"),
        "malformed.txt": (b"---\ntitle x\n---\nText.", "malformed front matter at line 2"),
        "baddate.txt": (b"---\npublished: 2025-02-30\n---\nText.", "'published' is not a date"),
    }
    reasons = {}
    for name, (data, reason) in cases.items():
        (folder / name).write_bytes(data)
        reasons[name] = reason
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50_000_000)
    reasons["huge.txt"] = f"file is 50,000,000 bytes; the limit is {MAX_BYTES:,}"
    os.mkfifo(folder / "fifo.txt")
    reasons["fifo.txt"] = "not a regular file"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    reasons["loop.txt"] = "broken or looping symlink"
    _unreadable(folder / "unreadable.txt")
    reasons["unreadable.txt"] = "cannot read file"
    return reasons


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_reliability_bad_files_are_reported_and_the_rest_ingested(kg, tmp_path, store_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in GOOD + REPLACED:
        article_file(inbox, name, ["2025-06-10"], body="Ukraine and Russia swapped prisoners.")
    stored = {name: read_text_article(inbox / name).iri for name in REPLACED}
    assert kg("ingest", str(inbox)).exit_code == 0
    before = nquads(store_dir)
    reasons = _bad_inputs(inbox)
    article_file(inbox, "good2.txt", ["2025-06-11"], body="Ukraine and Russia swapped again.")

    result = kg("ingest", str(inbox))

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = _errors(result.stderr)
    assert len(errors) == len(reasons)
    for line, (name, reason) in zip(errors, sorted(reasons.items()), strict=True):
        assert line.startswith(f"error: {inbox / name}: {reason}")
    assert result.stdout.endswith(f"; {len(reasons)} not ingested\n")
    after = nquads(store_dir)
    for name in REPLACED:  # nothing already stored is lost or half-written
        assert graph_of(after, stored[name]) == graph_of(before, stored[name]) != []
    good2 = collect([inbox / "good2.txt"])[0][0].iri
    assert graph_of(after, good2) != graph_of(before, good2)


def test_reliability_a_single_bad_file_named_directly(kg, tmp_path, store_dir):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    result = kg("ingest", str(bad))
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        1,
        f"error: {bad}: binary data, not text",
    )


def test_reliability_big_jsonl_keeps_good_lines_and_names_bad_ones(kg, tmp_path, store_dir):
    """100,000 lines, mostly blank: five good articles and exact errors for the bad lines."""
    path = tmp_path / "crawl.jsonl"
    good = {
        n: json.dumps({"text": f"EXCHANGE 2025-06-{n // 20000 + 10} 5\n"})
        for n in range(1, 100_001, 20_000)
    }
    bad = {n: "{oops" for n in range(1000, 100_001, 1000)}
    bad.update({n: json.dumps({"text": " "}) for n in range(1500, 100_001, 25_000)})
    lines = [good.get(n) or bad.get(n) or ("  " if n % 7 else "") for n in range(1, 100_001)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = kg("ingest", str(path))

    expected = [
        f"error: {path}:{n}: "
        + (
            "malformed JSON (Expecting property name enclosed in double quotes)"
            if n % 1000 == 0
            else "no article text (empty or whitespace only)"
        )
        for n in sorted(bad)
    ]
    assert (result.exit_code, _errors(result.stderr)) == (1, expected)
    assert result.stdout.startswith("5 articles: 5 added")
    lines = nquads(store_dir, named_only=True)
    articles = {line.split()[-2] for line in lines if "/article/" in line.split()[-2]}
    assert len(articles) == 5


EDGE_BODY = (
    "KYIV - Ukraine and Russia exchanged 10 prisoners of war on Tuesday, a day after "
    "talks in Istanbul last week, officials said. The first swap was on December 31; "
    "another came last month and one yesterday, in a three-day exchange."
)


def test_reliability_calendar_edge_dates_are_ingested_with_warnings(kg, tmp_path, store_dir):
    """Issue 12: ``published: 0001-01-01`` or ``9999-12-31`` in one file aborted the folder."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    days = ("0001-01-01", "1850-06-01", "2025-06-10", "9999-12-31")
    for day in days:
        (inbox / f"{day}.txt").write_text(f"---\npublished: {day}\n---\n{EDGE_BODY}\n")

    result = kg("ingest", str(inbox))

    assert (result.exit_code, result.stdout) == (
        0,
        "4 articles: 4 added, 0 replaced, 0 unchanged; 0 not ingested\n",
    )
    warned = [line for line in result.stderr.splitlines() if "is outside 1900-2100" in line]
    assert warned == [
        f"warning: {inbox / (day + '.txt')}: 'published: {day}' is outside 1900-2100; is it right?"
        for day in days
        if day != "2025-06-10"
    ]
    assert "Traceback" not in result.output


def test_reliability_control_characters_in_a_file_name_cannot_forge_lines(kg, tmp_path):
    """Issue 12: a newline in a file name printed a second, forged ``error:`` line."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad\nerror: forged\x1b[2J.txt").write_bytes(b"")
    result = kg("ingest", str(inbox))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: {inbox}/bad\\nerror: forged\\x1b[2J.txt: "
        "no article text (empty or whitespace only)"
    )
    assert len(_errors(result.stderr)) == 1


def test_reliability_looping_symlink_reached_twice_is_reported_once(kg, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "loop.txt").symlink_to("loop.txt")
    (inbox / "sub" / "up").symlink_to("..")
    result = kg("ingest", str(inbox), str(inbox / "loop.txt"), str(inbox / "sub" / "up"))
    assert _errors(result.stderr) == [
        f"error: {inbox / 'loop.txt'}: "
        "broken or looping symlink (Too many levels of symbolic links)"
    ]

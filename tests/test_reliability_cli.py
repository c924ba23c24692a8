"""Misuse of ``kg``: one-line errors with the documented exit code, never a traceback.

Hostile ``--param`` values go through the real CLI and saved queries; the
store's canonical dump proves that nothing they say is executed.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
from kgtesting import FakeExtractor, article_file, kg_command, nquads

from kg.ingest import collect, ingest
from kg.namespaces import DUMP_GRAPH
from kg.store import Store

HOSTILE = (
    "} ; DROP ALL ; {",
    '2025-06-10" } ; DROP ALL ; { "',
    "2025-06-10\nDROP ALL",
    "'; DELETE WHERE { ?s ?p ?o } #",
    "<http://x> } INSERT DATA { <http://a> <http://b> <http://c> } {",
    "http://example.org/a b",
    'Türkiye") } DROP ALL #',
)


@pytest.fixture
def seeded(store_dir: Path, tmp_path: Path) -> Path:
    """A small store (built with the fake extractor: the content is not under test)."""
    article_file(tmp_path, "a.txt", ["2025-06-10"])
    article_file(tmp_path, "b.txt", ["2025-06-10", "2025-07-01"])
    with Store(store_dir) as store:
        ingest(collect([tmp_path / "a.txt", tmp_path / "b.txt"])[0], store, FakeExtractor())
    return store_dir


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    if code == 1:  # library errors are exactly one line; click usage errors add a usage hint
        assert result.stderr.splitlines() == errors
    return errors[0]


@pytest.mark.parametrize(
    "args",
    [
        ("stats",),
        ("sparql", "SELECT * WHERE { ?s ?p ?o }"),
        ("dump",),
        ("query", "timeline"),
        ("validate",),
        ("remove", "a.txt"),
    ],
)
def test_reliability_missing_store_is_one_line_error(kg, store_dir, args):
    error = _one_line_error(kg(*args), 1)
    assert error == f"Error: {store_dir}: no store here (run 'kg ingest' first)"
    assert not store_dir.exists()


@pytest.mark.parametrize("jobs", ["0", "-3", "many"])
def test_reliability_bad_jobs_is_a_usage_error(kg, store_dir, tmp_path, jobs):
    error = _one_line_error(kg("ingest", "--jobs", jobs, str(tmp_path)), 2)
    assert "--jobs" in error
    assert not store_dir.exists()


def test_reliability_unknown_dump_format(kg, seeded):
    error = _one_line_error(kg("dump", "--format", "yaml"), 2)
    assert error.startswith("Error: unknown RDF format 'yaml'")


def test_reliability_unknown_result_format(kg, seeded):
    error = _one_line_error(kg("sparql", "--format", "xls", "SELECT * WHERE { ?s ?p ?o }"), 2)
    assert error.startswith("Error: unknown result format 'xls'")


def test_reliability_unwritable_dump_path(kg, seeded, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    error = _one_line_error(kg("dump", "-o", str(blocker / "out.trig")), 1)
    assert error == f"Error: {blocker / 'out.trig'}: cannot write (Not a directory)"


def test_reliability_failed_dump_keeps_the_previous_file(kg, seeded, tmp_path, monkeypatch):
    out = tmp_path / "out.nq"
    out.write_text("previous dump\n")

    def disk_full(store, fmt, handle):
        handle.write(b"<a> <b> <c> <g> .\n")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kg.output.dump_store", disk_full)
    error = _one_line_error(kg("dump", "-f", "nquads", "-o", str(out)), 1)
    assert error == f"Error: {out}: cannot write (No space left on device)"
    assert out.read_text() == "previous dump\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.nq", "store"]


@pytest.mark.parametrize("kind", ["symlink", "fifo", "read-only"])
def test_reliability_dump_keeps_what_is_not_a_plain_file(kg, seeded, tmp_path, kind):
    """Issue 12: -o turned a FIFO or a link into a regular file and reset a read-only mode."""
    real, out = tmp_path / "real.nq", tmp_path / "out.nq"
    real.write_text("kept\n")
    if kind == "symlink":
        out.symlink_to(real)
    elif kind == "fifo":
        os.mkfifo(out)
    else:
        out.write_text("kept\n")
        out.chmod(0o444)
    before = out.lstat()
    error = _one_line_error(kg("dump", "-f", "nquads", "-o", str(out)), 1)
    assert error.startswith(f"Error: {out}: ") and "; --force " in error
    after = out.lstat()
    assert (after.st_mode, after.st_ino, real.read_text()) == (
        before.st_mode,
        before.st_ino,
        "kept\n",
    )


def test_reliability_dump_replaces_the_file_whole(kg, seeded, tmp_path):
    out = tmp_path / "out.nq"
    out.write_text("previous dump\n")
    assert kg("dump", "-f", "nquads", "-o", str(out)).exit_code == 0
    dumped = [line for line in out.read_text().splitlines() if f"<{DUMP_GRAPH}> ." not in line]
    assert sorted(dumped) == nquads(seeded, named_only=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("out")] == ["out.nq"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["date", "place"])
def test_reliability_hostile_params_are_values_or_rejected(kg, seeded, name, value):
    query = "sources-of-exchange" if name == "date" else "agreements-at-place"
    before = nquads(seeded)
    result = kg("query", query, "--param", f"{name}={value}")
    error = _one_line_error(result, 2)
    assert error.startswith(f"Error: --param {name}: ")
    assert nquads(seeded) == before


@pytest.mark.parametrize("key", ["} ; DROP ALL ; {", "date\n", "x y"])
def test_reliability_hostile_param_names_are_rejected(kg, seeded, key):
    before = nquads(seeded)
    error = _one_line_error(kg("query", "sources-of-exchange", "--param", f"{key}=1"), 2)
    assert error.startswith("Error: ")
    assert nquads(seeded) == before


@pytest.mark.parametrize(
    "text",
    [
        "DROP ALL",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
    ],
)
def test_reliability_sparql_command_never_updates(kg, seeded, text):
    before = nquads(seeded)
    error = _one_line_error(kg("sparql", text), 1)
    assert error.startswith("Error: SPARQL syntax error: ")
    assert nquads(seeded) == before


OUTPUT_COMMANDS = [
    ("dump",),
    ("sparql", "SELECT * WHERE { ?s ?p ?o }"),
    ("stats",),
    ("text", "a.txt"),
]


@pytest.mark.slow
@pytest.mark.parametrize("args", OUTPUT_COMMANDS)
def test_reliability_full_stdout_is_one_line(seeded, args):
    """Issue 12: ``kg dump > /dev/full`` printed a traceback."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*kg_command(), "--store", str(seeded), *args], stdout=full, stderr=subprocess.PIPE
        )
    assert (result.returncode, result.stderr.decode()) == (
        1,
        "Error: cannot write to standard output (No space left on device)\n",
    )


@pytest.mark.slow
@pytest.mark.parametrize("args", OUTPUT_COMMANDS)
def test_reliability_closed_pipe_stops_quietly(seeded, args):
    """``kg dump | head``: the reader left; stop without a traceback."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [*kg_command(), "--store", str(seeded), *args], stdout=writer, stderr=subprocess.PIPE
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr.decode()) == (1, "")


def test_reliability_sparql_error_position_counts_the_users_lines(kg, seeded):
    """Issue 12: the predeclared prefixes were pasted in front and shifted positions 13 lines."""
    error = _one_line_error(kg("sparql", "SELECT *\nWHERE {\n  ?s pow:x ?o .\n  ?s ?p\n}"), 1)
    assert error.startswith("Error: SPARQL syntax error: error at 5:")


@pytest.mark.slow
def test_reliability_ingest_to_a_full_stdout_is_one_line(seeded, tmp_path):
    """The summary goes through the same guard as every other output (an unchanged article:
    the store is already right when the summary cannot be written)."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*kg_command(), "--store", str(seeded), "ingest", str(tmp_path / "a.txt")],
            stdout=full,
            stderr=subprocess.PIPE,
        )
    assert (result.returncode, result.stderr.decode().splitlines()[-1:]) == (
        1,
        ["Error: cannot write to standard output (No space left on device)"],
    )
    assert "Traceback" not in result.stderr.decode()


def test_reliability_text_of_an_unknown_article_cannot_forge_lines(runner, tmp_path):
    from kg.cli import cli

    store = tmp_path / "s\nError: forged"
    Store(store).close()
    result = runner.invoke(cli, ["--store", str(store), "text", "nope"])
    error = _one_line_error(result, 1)
    assert error == f"Error: no article 'nope' in {tmp_path}/s\\nError: forged"

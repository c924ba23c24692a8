"""kg.article: reading .txt/.jsonl inputs; every bad input is one error naming file and line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.article import (
    MAX_BYTES,
    Article,
    Problem,
    read_text_article,
    split_front_matter,
)
from kg.errors import InputError
from kg.inputs import iter_inputs

HTML = "looks like an HTML page, not article text"
FRONT = "---\ntitle: Swap\npublisher: Wire\npublished: 2025-06-10\nurl: https://e.org/a\n---\n"


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def _read_all(*paths: Path) -> tuple[list[Article], list[str]]:
    articles, errors = [], []
    for item in iter_inputs(list(paths)):
        if isinstance(item, Problem):
            errors.append(str(item.error))
        else:
            articles.append(item)
    return articles, errors


def _error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_text_article(path)
    return str(info.value)


def test_article_front_matter_fields_and_body(tmp_path):
    article = read_text_article(_write(tmp_path, "a.txt", FRONT + "Body text.\n"))
    assert (article.title, article.publisher, article.published) == ("Swap", "Wire", "2025-06-10")
    assert article.url == article.key == "https://e.org/a"
    assert article.body == "Body text.\n"
    assert article.text.startswith("---\n")


def test_article_crlf_front_matter(tmp_path):
    text = FRONT.replace("\n", "\r\n") + "Body.\r\n"
    article = read_text_article(_write(tmp_path, "a.txt", text))
    assert article.published == "2025-06-10"
    assert article.body == "Body.\r\n"


def test_article_without_front_matter_is_keyed_by_file_name(tmp_path):
    article = read_text_article(_write(tmp_path, "plain.txt", "Just text.\n"))
    assert (article.body_start, article.key, article.title) == (0, "plain.txt", None)


def test_article_key_prefers_url_then_id(tmp_path):
    with_id = read_text_article(_write(tmp_path, "b.txt", "---\nid: X-1\n---\nText.\n"))
    assert with_id.key == "X-1"


def test_article_analysis_text_keeps_offsets(tmp_path):
    article = read_text_article(_write(tmp_path, "a.txt", FRONT + "Ukraine said.\n"))
    analysed = article.analysis_text
    assert len(analysed) == len(article.text)
    assert analysed.count("\n") == article.text.count("\n")
    start = analysed.index("Ukraine")
    assert article.text[start : start + 7] == "Ukraine"
    assert "Swap" not in analysed


def test_article_datetime_published_is_cut_to_the_day(tmp_path):
    path = _write(tmp_path, "a.txt", "---\npublished: 2025-06-10T08:00:00Z\n---\nText.\n")
    assert read_text_article(path).published == "2025-06-10"


@pytest.mark.parametrize(
    "value", ["2025-06-10 08:00", "2025-06-10T08:00:00+02:00", "2025-06-10T08:00:00.123456"]
)
def test_article_iso_datetime_published_is_cut_to_the_day(tmp_path, value):
    path = _write(tmp_path, "a.txt", f"---\npublished: {value}\n---\nText.\n")
    article = read_text_article(path)
    assert (article.published, article.warnings) == ("2025-06-10", ())


@pytest.mark.parametrize(
    "value", ["0001-01-01", "1850-06-01", "1899-12-31", "2101-01-01", "9999-12-31"]
)
def test_article_published_far_from_today_is_kept_with_a_warning(tmp_path, value):
    article = read_text_article(_write(tmp_path, "a.txt", f"---\npublished: {value}\n---\nText."))
    assert article.published == value
    assert article.warnings == (f"'published: {value}' is outside 1900-2100; is it right?",)


@pytest.mark.parametrize("value", ["1900-01-01", "2025-06-10", "2100-12-31"])
def test_article_published_in_range_has_no_warning(tmp_path, value):
    article = read_text_article(_write(tmp_path, "a.txt", f"---\npublished: {value}\n---\nText."))
    assert article.warnings == ()


def test_article_bom_is_dropped(tmp_path):
    article = read_text_article(_write(tmp_path, "a.txt", "\ufeffText.".encode()))
    assert article.text == "Text."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("", "no article text (empty or whitespace only)"),
        (" \n\t\n  ", "no article text (empty or whitespace only)"),
        ("---\ntitle: Only metadata\n---\n", "no article text (empty or whitespace only)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not text"),
        (b"Ukraine \xff\xfe said", "not valid UTF-8 (byte 8)"),
        ("Kyiv café".encode("latin-1"), "not valid UTF-8 (byte 8)"),
        (
            "<!DOCTYPE html>\n<html><body>Swap</body></html>",
            "looks like an HTML page, not article text",
        ),
        (
            "---\ntitle: A\nno colon here\n---\nText",
            "malformed front matter at line 3: 'no colon here'",
        ),
        ("---\ntitle: A\nText never closes", "front matter opened with '---' but never closed"),
        ("---\npublished: 2025-02-30\n---\nText", "'published' is not a date: '2025-02-30'"),
        ("---\npublished: last Tuesday\n---\nText", "'published' is not a date: 'last Tuesday'"),
        (
            "---\npublished: 2025-01-01garbage\n---\nText",
            "'published' is not a date: '2025-01-01garbage'",
        ),
        (
            "---\npublished: 2025-06-10T99:00\n---\nText",
            "'published' is not a date: '2025-06-10T99:00'",
        ),
    ],
)
def test_article_bad_input_is_one_error_naming_the_file(tmp_path, data, reason):
    path = _write(tmp_path, "bad.txt", data)
    assert _error(path) == f"{path}: {reason}"


def test_article_oversize_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, no disk used

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    assert _error(path) == f"{path}: file is 52,428,800 bytes; the limit is {MAX_BYTES:,}"


def test_article_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert _error(path) == f"{path}: not a regular file"
    assert _read_all(tmp_path)[1] == [f"{path}: not a regular file"]


def test_article_unreadable_file_is_an_error(tmp_path):
    """chmod 000 where it works; as root (CI) a file whose read fails with EIO."""
    path = _write(tmp_path, "locked.txt", "Text.")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root: permissions do not stop reading
        path.unlink()
        path.symlink_to("/proc/self/mem")  # a regular file whose first read fails
    assert _error(path).startswith(f"{path}: cannot read file (")


def test_article_symlink_loop_is_an_error(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop.txt")
    assert _error(loop).startswith(f"{loop}: broken or looping symlink (")
    assert _read_all(loop)[1] == [_error(loop)]
    assert _read_all(tmp_path)[1] == [_error(loop)]


def test_article_folder_walk_is_recursive_sorted_and_skips_the_rest(tmp_path):
    _write(tmp_path, "b.txt", "B.")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "a.md", "A.")
    _write(tmp_path, ".hidden.txt", "H.")
    _write(tmp_path, "notes.pdf", "P.")
    (tmp_path / "dangling.png").symlink_to(tmp_path / "nowhere")
    (tmp_path / "linked").symlink_to(tmp_path / "sub")  # symlinked folders are not followed
    articles, errors = _read_all(tmp_path)
    assert [a.source for a in articles] == [str(tmp_path / "b.txt"), str(tmp_path / "sub/a.md")]
    assert errors == []


def test_article_file_named_twice_is_read_once(tmp_path):
    path = _write(tmp_path, "a.txt", "A.")
    articles, errors = _read_all(tmp_path, path, tmp_path / "." / "a.txt")
    assert (len(articles), errors) == (1, [])


def test_article_missing_path_is_an_error(tmp_path):
    assert _read_all(tmp_path / "nope")[1] == [f"{tmp_path / 'nope'}: no such file or directory"]


def test_article_jsonl_good_lines_survive_bad_ones(tmp_path):
    lines = [
        json.dumps({"text": "First.", "url": "https://e.org/1", "published": "2025-06-10"}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Bad date.", "published": "2025-02-30"}),
        json.dumps({"text": "Second.", "id": 7}),
    ]
    path = _write(tmp_path, "feed.jsonl", "\n".join(lines).encode() + b"\n\xff\n")
    articles, errors = _read_all(path)
    assert [(a.source, a.key) for a in articles] == [
        (f"{path}:1", "https://e.org/1"),
        (f"{path}:7", "7"),
    ]
    assert errors == [
        f"{path}:3: malformed JSON (Expecting property name enclosed in double quotes)",
        f"{path}:4: each line must be an object with a 'text' or 'html' string",
        f"{path}:5: each line must be an object with a 'text' or 'html' string",
        f"{path}:6: 'published' is not a date: '2025-02-30'",
        f"{path}:8: not valid UTF-8 (byte 0)",
    ]


def test_article_jsonl_key_defaults_to_file_and_line(tmp_path):
    path = _write(tmp_path, "feed.ndjson", json.dumps({"text": "T."}) + "\n")
    assert _read_all(path)[0][0].key == "feed.ndjson#1"


def test_article_jsonl_may_exceed_the_article_limit(tmp_path, monkeypatch):
    """A crawler export holds many articles; only each line is held to MAX_BYTES."""
    monkeypatch.setattr("kg.article.MAX_BYTES", 100)
    record = json.dumps({"text": "x" * 60}) + "\n"
    path = _write(tmp_path, "feed.jsonl", record * 3 + json.dumps({"text": "y" * 200}) + "\n")
    articles, errors = _read_all(path)
    assert len(articles) == 3
    assert errors == [f"{path}:4: line is 213 bytes; the limit is 100"]


def test_article_split_front_matter_reports_where_the_body_starts():
    meta, start = split_front_matter(FRONT + "Body", "x.txt")
    assert meta["title"] == "Swap"
    assert (FRONT + "Body")[start:] == "Body"


def test_article_jsonl_overlong_line_is_skipped_without_reading_it_whole(tmp_path, monkeypatch):
    """Regression: a line was read whole before its size was checked (a 2 GB line, 2 GB held)."""
    monkeypatch.setattr("kg.article.MAX_BYTES", 100)
    long = json.dumps({"text": "x" * 200_000}) + "\n"
    path = _write(tmp_path, "feed.jsonl", long + json.dumps({"text": "After."}) + "\n")
    reads: list[int] = []
    real = Path.open

    def counting(self, *args, **kwargs):
        handle = real(self, *args, **kwargs)
        readline = handle.readline
        handle.readline = lambda n=-1: reads.append(n) or readline(n)
        return handle

    monkeypatch.setattr(Path, "open", counting)
    articles, errors = _read_all(path)
    assert [a.text for a in articles] == ["After."]
    assert errors == [f"{path}:1: line is {len(long):,} bytes; the limit is 100"]
    assert -1 not in reads and max(reads) <= 65536

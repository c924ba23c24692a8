"""Typed errors: the library raises these, the CLI turns them into one-line messages."""

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class KGError(Exception):
    """Base class for every error a user can cause or fix."""

    exit_code = 1


class UsageError(KGError):
    """A bad option or parameter (exit 2, as for click usage errors)."""

    exit_code = 2


class InputError(KGError):
    """An input file that cannot be read as an article.

    The message names the file (and line, for JSONL) so it can stand alone.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


class StoreError(KGError):
    """The store cannot be opened or written (locked, corrupt, missing)."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(KGError):
    """A SPARQL query that does not parse or cannot run."""


class ParameterError(UsageError):
    """A saved-query parameter that is missing, unknown or malformed."""


class ModelError(KGError):
    """The spaCy pipeline named by the user cannot be loaded."""


class OutputError(KGError):
    """Standard output cannot take the results (a full disk, say)."""


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``): a file name holding a
    newline or a terminal escape prints as part of its own line and cannot forge another."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)

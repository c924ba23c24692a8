"""Numbers written in figures or words, read as one value ("two hundred and forty-six" is 246).

Reading word by word would turn "two hundred and forty-six" into the counts 200
and 6; newspapers spell out counts at the start of a sentence and in features.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

INDEFINITE = frozenset({"a", "an"})
"""Articles that mean one only before a multiplier ("a hundred", "a dozen")."""
HYPHENS = frozenset({"-", "‐", "–"})
THOUSANDS_SPACES = frozenset({"\u00a0", "\u202f", "\u2009"})


def parse_number(
    doc: Doc, i: int, words: Mapping[str, int], multipliers: Mapping[str, int]
) -> tuple[int, int] | None:
    """The number starting at token ``i`` and the index of the token after it, if any."""
    text = doc[i].lower_.replace(",", "")
    if text.isdigit():
        value, j = _grouped(doc, i)
        return _scaled(doc, value, j, multipliers)
    total, j = 0, i
    while (small := _below_hundred(doc, j, words)) is not None:
        value, j = _scaled(doc, *small, multipliers)
        total += value
        if j == small[1]:
            break
        if j < len(doc) and doc[j].lower_ == "and" and _number_word(doc, j + 1, words):
            j += 1
        elif not _number_word(doc, j, words):
            break
    if j == i or (doc[i].lower_ in INDEFINITE and j == i + 1):
        return None
    return total, j


def _grouped(doc: Doc, i: int) -> tuple[int, int]:
    """ "6 000", "1 003" (a space, or a narrow one, between thousands, as in texts translated
    from Ukrainian or Russian): one number, not 6 and 0."""
    digits, j = doc[i].text.replace(",", ""), i + 1
    if len(doc[i].text) > 3:
        return int(digits), j
    while j < len(doc):
        k = j + 1 if doc[j].text in THOUSANDS_SPACES else j
        spaced = k > j or doc[j - 1].whitespace_ == " "
        if not (spaced and k < len(doc) and len(doc[k].text) == 3 and doc[k].text.isdigit()):
            break
        digits, j = digits + doc[k].text, k + 1
    return int(digits), j


def _number_word(doc: Doc, k: int, words: Mapping[str, int]) -> bool:
    """A number word that can go on after a multiplier ("hundred and forty-six", not "a")."""
    return k < len(doc) and doc[k].lower_ in words and doc[k].lower_ not in INDEFINITE


def _scaled(doc: Doc, value: int, j: int, multipliers: Mapping[str, int]) -> tuple[int, int]:
    """ "two hundred", "6 thousand", "two hundred thousand": multipliers after a number."""
    while j < len(doc) and doc[j].lower_ in multipliers:
        value, j = value * multipliers[doc[j].lower_], j + 1
    return value, j


def _below_hundred(doc: Doc, i: int, words: Mapping[str, int]) -> tuple[int, int] | None:
    """A number word below a hundred, tens and units joined ("forty-six", "twenty one")."""
    if i >= len(doc) or doc[i].lower_ not in words:
        return None
    value, j = words[doc[i].lower_], i + 1
    if value % 10 or not 20 <= value < 100:
        return value, j
    if j + 1 < len(doc) and doc[j].text in HYPHENS and _unit(doc, j + 1, words):
        return value + words[doc[j + 1].lower_], j + 2
    if _unit(doc, j, words):
        return value + words[doc[j].lower_], j + 1
    return value, j


def _unit(doc: Doc, i: int, words: Mapping[str, int]) -> bool:
    return i < len(doc) and 1 <= words.get(doc[i].lower_, 0) <= 9

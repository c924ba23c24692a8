"""Running totals: counts that sum many handovers, not the people of one.

"290 prisoners have been freed since the truce began", "Tally: ... 50 hostages have
come out", "over the same period": a count in such a clause is background; "three
men held since 2023 were freed on Saturday" is not.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.nlp.counts import Count

TOTAL_REACH = 12
"""Tokens after a count within which "since ..." or "so far" makes it a running total."""


def running_total(doc: Doc, count: Count, totals: list[int], events: list[int]) -> bool:
    """ "290 prisoners have been freed since the truce began": a total, not one handover.

    The cue must be in the count's own clause: in "swapped 246 each, the largest since
    2022" the comma puts "since" in a remark about the swap; and in "three men held since
    2023 were freed on Saturday" it dates the holding, as the release comes after it.
    """
    return any(
        count.end <= start < count.end + TOTAL_REACH
        and not any(t.is_punct for t in doc[count.end : start])
        and not _modifies_holding(count, start, events)
        for start in totals
    ) or any(_heads_summary(doc, count, start) for start in totals)


SUMMARY_OPENING = 4
"""How far into its sentence a summary word ("Tally:", "So far,") still opens it."""


def _heads_summary(doc: Doc, count: Count, start: int) -> bool:
    """ "Tally: ... 50 hostages have come out", "So far, 290 were freed": a summary sentence.

    The word opens the sentence (a live-blog time stamp may come first) and a colon or a
    comma sets it off; every count after it is a running total.
    """
    sent = doc[count.start].sent
    if not (sent.start <= start < count.start and start - sent.start <= SUMMARY_OPENING):
        return False
    cue_end = start + 1
    while cue_end < count.start and not doc[cue_end].is_punct:
        cue_end += 1
    return cue_end < count.start and doc[cue_end].text in (":", ",")


def _modifies_holding(count: Count, start: int, events: list[int]) -> bool:
    """Whether the release word of the count comes after the cue, none before it."""
    before = any(count.end <= e < start for e in events)
    after = any(start < e < start + TOTAL_REACH for e in events)
    return after and not before

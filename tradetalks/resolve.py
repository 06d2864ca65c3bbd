"""Merge per-article events into corpus events and give them stable identifiers.

Articles are taken in publication order, so a merged event keeps the latest article's
status (the codebook's rule) and the most precise date any mention supports.
"""

from __future__ import annotations

import re

from .events import MeasureRecord, MeetingRecord, measure_family
from .measures import merge_measure, same_measure
from .meetings import merge_meeting, same_meeting


def _merge_all(per_article: list[list], same, merge, key) -> list:
    """Merge records in article order. Candidates are looked up by a blocking key that
    ``same`` requires to be equal (the countries of a meeting; the imposer and type family
    of a measure), so large corpora merge in near-linear time."""
    merged: list = []
    blocks: dict = {}
    for records in per_article:
        for record in records:
            block = blocks.setdefault(key(record), [])
            target = next((m for m in block if same(m, record)), None)
            if target is None:
                merged.append(record)
                block.append(record)
            else:
                merge(target, record)
    return merged


def merge_meetings(per_article: list[list[MeetingRecord]]) -> list[MeetingRecord]:
    return _merge_all(per_article, same_meeting, merge_meeting,
                      key=lambda m: frozenset(m.countries))


def merge_measures(per_article: list[list[MeasureRecord]]) -> list[MeasureRecord]:
    return _merge_all(per_article, same_measure, merge_measure,
                      key=lambda m: (m.imposer, measure_family(m.measure_type)))


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out


def meeting_slug(m: MeetingRecord) -> str:
    date = m.window.start.isoformat() if m.window else "undated"
    return f"{date}_{'-'.join(sorted(m.countries))}_{m.level}"


def measure_slug(m: MeasureRecord) -> str:
    product = sorted(m.products)[0] if m.products else "unspecified"
    return f"{m.imposer}_{m.measure_type.replace('_', '-')}_{re.sub('_', '-', product)}"


def meeting_sort_key(m: MeetingRecord):
    return (meeting_slug(m), m.mentions[0].article_id, m.mentions[0].sentence_index)


def measure_sort_key(m: MeasureRecord):
    return (measure_slug(m), m.mentions[0].article_id, m.mentions[0].sentence_index)


def assign_ids(meetings: list[MeetingRecord], measures: list[MeasureRecord]):
    meetings = sorted(meetings, key=meeting_sort_key)
    measures = sorted(measures, key=measure_sort_key)
    meeting_ids = _unique([meeting_slug(m) for m in meetings])
    measure_ids = _unique([measure_slug(m) for m in measures])
    return list(zip(meeting_ids, meetings, strict=True)), list(zip(measure_ids, measures,
                                                                   strict=True))

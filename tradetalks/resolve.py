"""Every same-event and merge decision, within one article and across the corpus.

Rules (``tradetalks.rules``) find mentions; this module decides which mentions are one
meeting or one measure, merges them, links demands to the meeting they were made at, and
gives the merged events their identifiers. Articles are taken in publication order, so a
merged event keeps the latest article's status (the codebook's rule) and the most precise
date any mention supports.
"""

from __future__ import annotations

import re

from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, measure_family
from tradetalks.vocabulary import vocabulary

REMOTE_FORMATS = frozenset({"phone", "written"})
WORLD = vocabulary().all_destinations["code"]
# undated events from articles published further apart than this are never one event
UNDATED_MERGE_DAYS = 90


def _far_apart(a, b) -> bool:
    """Publication dates more than UNDATED_MERGE_DAYS apart (an undated 'the summit' in
    2019 and in 2023 are two summits)."""
    return abs((a.published - b.published).days) > UNDATED_MERGE_DAYS


# --- one meeting? ------------------------------------------------------------------------

def _location_conflict(a: MeetingRecord, b: MeetingRecord) -> bool:
    if not a.location or not b.location:
        return False
    ca, cb = a.location.rsplit(",", 1)[-1].strip(), b.location.rsplit(",", 1)[-1].strip()
    return ca != cb



def same_meeting(a: MeetingRecord, b: MeetingRecord, same_article: bool = False) -> bool:
    """The codebook's notion of one meeting: the same governments and overlapping dates
    or, where either is undated, a shared participant or the same status. Within one
    article two statuses, two disjoint sets of named people or two places are two
    meetings; across articles the later status may replace the earlier."""
    if a.countries != b.countries or _location_conflict(a, b):
        return False
    if (a.format in REMOTE_FORMATS or b.format in REMOTE_FORMATS) and a.format != b.format:
        return False  # a call or a letter is not the in-person meeting it precedes
    if same_article and a.status != b.status:
        return False
    if a.participants and b.participants and not a.participants & b.participants:
        return False
    if a.window and b.window:
        return a.window.overlaps(b.window)
    if _far_apart(a, b):
        return False
    if a.participants and b.participants:
        return True
    return a.status == b.status


def merge_meeting(into: MeetingRecord, other: MeetingRecord) -> None:
    into.article_ids = sorted(set(into.article_ids) | set(other.article_ids))
    into.participants |= other.participants
    into.topics |= other.topics
    rank = vocabulary().level_rank
    if rank[other.level] > rank[into.level]:
        into.level = other.level
    if into.format == "bilateral" and other.format in REMOTE_FORMATS:
        into.format = other.format
    # the latest article's status wins; within one article, "held" is the most informative
    if other.published > into.published or (other.published == into.published
                                            and other.status == "held"):
        into.status = other.status
        into.published = other.published
        _take_why(into, other, "status")
    if other.window and (into.window is None or other.window.width < into.window.width):
        into.window = other.window
        _take_why(into, other, "date")
    if other.location and (not into.location or ("," in other.location
                                                 and "," not in into.location)):
        into.location = other.location
    into.occasion = into.occasion or other.occasion
    outcomes = vocabulary().outcomes
    if outcomes.index(other.outcome) > outcomes.index(into.outcome):
        into.outcome = other.outcome
    _add_mentions(into, other)

# --- one measure? ------------------------------------------------------------------------

def same_measure(a: MeasureRecord, b: MeasureRecord) -> bool:
    """One measure: same imposer, same type family, overlapping product families, and
    no contradiction in when it took effect (a re-imposition years later is its own row)."""
    if a.imposer != b.imposer or measure_family(a.measure_type) != measure_family(
            b.measure_type):
        return False
    families = vocabulary().product_families_of
    if not families(a.products) & families(b.products):
        return False
    ta, tb = a.targets - {WORLD}, b.targets - {WORLD}
    if ta and tb and not ta & tb:
        return False  # US tariffs on Korean goods and on Chinese goods are two measures
    if (not a.dates or not b.dates) and _far_apart(a, b):
        return False
    fa, fb = a.dates.get("in_force"), b.dates.get("in_force")
    return fa is None or fb is None or fa.overlaps(fb)


def merge_measure(into: MeasureRecord, other: MeasureRecord) -> None:
    into.article_ids = sorted(set(into.article_ids) | set(other.article_ids))
    into.products |= other.products
    if WORLD in into.targets and other.targets != {WORLD}:
        into.targets = set(other.targets)
    elif other.targets != {WORLD}:
        into.targets |= other.targets
    for field, window in other.dates.items():
        current = into.dates.get(field)
        if current is None or window.width < current.width:
            into.dates[field] = window
    order = vocabulary().measure_statuses
    later = other.published > into.published
    if later or (other.published == into.published
                 and order.index(other.status) > order.index(into.status)):
        into.status = other.status
        into.published = max(into.published, other.published)
        _take_why(into, other, "status")
    into.direction = vocabulary().direction_of(into.status)
    into.demands += [d for d in other.demands if d not in into.demands]
    for d, index in other.demand_sentences.items():
        into.demand_sentences.setdefault(d, index)
    _add_mentions(into, other)



# --- links within an article -------------------------------------------------------------

def date_demands_by_meetings(measures: list[MeasureRecord], meetings: list[MeetingRecord],
                             article_id: str, published) -> None:
    """'During the meeting, Akazawa urged China to lift ...': a demand made in a sentence
    that reports a meeting is dated by that meeting's day, not by the publication date."""
    fallback = f", {published.isoformat()}"
    for measure in measures:
        updated = []
        for demand in measure.demands:
            index = measure.demand_sentences.get(demand)
            meeting = next((m for m in meetings if m.window and m.window.precision == "day"
                            and m.window.start == m.window.end
                            and any(x.article_id == article_id and x.sentence_index == index
                                    for x in m.mentions)), None) or _only_meeting_of(
                demand, measure, meetings)
            if meeting is not None and demand.endswith(fallback):
                new = demand[: -len(fallback)] + f", {meeting.window.start.isoformat()}"
                measure.demand_sentences[new] = index
                demand = new
            if demand not in updated:
                updated.append(demand)
        measure.demands = updated


def _only_meeting_of(demand: str, measure: MeasureRecord, meetings: list[MeetingRecord]):
    """'Kishida urged Xi to drop the ban' in a story about their one meeting: the single
    held, one-day meeting of the demander and the imposer (None if there is not exactly
    one)."""
    demander = demand.split(" ", 1)[0]
    pair = {demander, measure.imposer}
    found = [m for m in meetings if m.countries == pair and m.status == "held"
             and m.window and m.window.precision == "day" and m.window.start == m.window.end]
    return found[0] if len(found) == 1 else None


def _take_why(into, other, key: str) -> None:
    """The merged event's field came from ``other``: so does the reason for it."""
    if key in other.why:
        into.why[key] = other.why[key]


def _add_mentions(into, other) -> None:
    seen = {(m.article_id, m.sentence_index) for m in into.mentions}
    into.mentions += [m for m in other.mentions if (m.article_id, m.sentence_index) not in seen]


# --- across the corpus -------------------------------------------------------------------

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

"""Every same-event and merge decision, within one article and across the corpus.

Rules (``tradetalks.rules``) find mentions; this module decides which mentions are one
meeting or one measure, merges them, links demands to the meeting they were made at, and
gives the merged events their identifiers. Articles are taken in publication order, so a
merged event keeps the latest article's status (the codebook's rule) and the most precise
date any mention supports.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterator

from tradetalks.knowledge.records import MeasureRecord, MeetingRecord, Mention, measure_family
from tradetalks.resolve.store import EventStore, Keys, Placing, weeks_of
from tradetalks.vocabulary import vocabulary

REMOTE_FORMATS = vocabulary().remote_formats
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
    if a.acts and b.acts and not a.acts & b.acts:
        return False  # a summons is not the protest lodged with the embassy
    if a.participants and b.participants and not a.participants & b.participants:
        return False
    if a.window and b.window:
        return a.window.overlaps(b.window)
    if _far_apart(a, b):
        return False
    if a.participants and b.participants:
        return True
    return a.status == b.status


def _add_articles(into, other) -> None:
    """Keep ``into.article_ids`` sorted and unique without rebuilding it on every merge."""
    ids = into.article_ids
    for article_id in other.article_ids:
        if not ids or article_id > ids[-1]:
            ids.append(article_id)  # the usual case: ids arrive in order
            continue
        at = bisect.bisect_left(ids, article_id)
        if at == len(ids) or ids[at] != article_id:
            ids.insert(at, article_id)


def merge_meeting(into: MeetingRecord, other: MeetingRecord) -> None:
    merge_meeting_fields(into, other)
    _add_mentions(into, other)


def merge_meeting_fields(into: MeetingRecord, other: MeetingRecord) -> None:
    """Everything but the mentions (the merge's store keeps those apart)."""
    _add_articles(into, other)
    into.participants |= other.participants
    into.topics |= other.topics
    into.acts |= other.acts
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
    merge_measure_fields(into, other)
    _add_mentions(into, other)


def merge_measure_fields(into: MeasureRecord, other: MeasureRecord) -> None:
    """Everything but the mentions (the merge's store keeps those apart)."""
    _add_articles(into, other)
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
    """Append the other record's new mentions. The set of seen (article, sentence) pairs is
    kept on the record and brought up to date with mentions appended since (the mention
    lists only grow), so a meeting reported in 20,000 sentences merges in linear time."""
    seen, counted = into.mention_keys
    if counted != len(into.mentions):
        seen.update((m.article_id, m.sentence_index) for m in into.mentions[counted:])
    for m in other.mentions:
        key = (m.article_id, m.sentence_index)
        if key not in seen:
            seen.add(key)
            into.mentions.append(m)
    into.mention_keys = (seen, len(into.mentions))


# --- across the corpus -------------------------------------------------------------------

class EventMerger:
    """Merge records as articles arrive in publication order: each record joins the first
    earlier event ``same`` accepts, looked up through the keys ``same`` requires
    (``resolve.store``). The events live in an on-disk store, so both many mentions of one
    event and many distinct events merge in linear time and in bounded memory."""

    def __init__(self, same, merge, keys: Callable[[object], Keys],
                 placing: Placing | None = None) -> None:
        self._store = EventStore(placing)
        self._same, self._merge, self._keys = same, merge, keys

    def add(self, records: list) -> None:
        store = self._store
        for record in records:
            keys = self._keys(record)
            target = next((seq for seq in store.candidates(keys, UNDATED_MERGE_DAYS)
                           if self._same(store.get(seq), record)
                           and not store.shares_article(seq, record.article_ids)), None)
            if target is None:
                store.insert(record, keys)
                continue
            event = store.get(target)
            filed = self._keys(event)
            self._merge(event, record)
            event.article_ids = []  # the store keeps them (``EventStore.add_articles``)
            store.save(target)
            store.add_new_mentions(target, record.mentions)
            store.add_articles(target, record.article_ids)
            store.take_demands(target, event)  # the record's, which the merge added
            if (keys := self._keys(event)) != filed:
                store.file(target, keys)

    def __len__(self) -> int:
        return self._store.count

    def events(self) -> Iterator:
        """Every merged event, with its mentions, in the order first kept."""
        self._store.flush()
        return (self._store.whole(seq) for seq in range(self._store.count))

    def finish(self) -> None:
        """Give every event its id and its place in the table (see :func:`assign_ids`)."""
        self._store.order()

    def ordered(self) -> Iterator[tuple[str, object]]:
        """(id, event with mentions) in the table's order, after :meth:`finish`."""
        return self._store.ordered()


def meeting_merger() -> EventMerger:
    return EventMerger(same_meeting, merge_meeting_fields, _meeting_keys,
                       Placing(meeting_slug, _anchor, meeting_id))


def measure_merger() -> EventMerger:
    return EventMerger(same_measure, merge_measure_fields, _measure_keys,
                       Placing(measure_slug, _anchor, measure_id))


def _anchor(record) -> tuple[str, int]:
    """The first mention kept: the tie-break of the tables' order (:func:`meeting_sort_key`)."""
    return record.mentions[0].article_id, record.mentions[0].sentence_index


def _meeting_keys(m: MeetingRecord) -> Keys:
    """Countries and format family (a call, a letter or in person) must match; dates
    must overlap where both are known, and publication dates lie within
    ``UNDATED_MERGE_DAYS`` where either is not."""
    family = m.format if m.format in REMOTE_FORMATS else "in_person"
    group = f"{'-'.join(sorted(m.countries))}|{family}"
    return Keys((group,), weeks_of(m.window), m.window is not None,
                m.published.toordinal())


def _measure_keys(m: MeasureRecord) -> Keys:
    """Imposer, type family and one shared product family must match; in-force dates
    must overlap where both are known, and publication dates lie within
    ``UNDATED_MERGE_DAYS`` where either measure has no date at all. A measure without
    products matches nothing."""
    family = measure_family(m.measure_type)
    products = sorted(vocabulary().product_families_of(m.products))
    return Keys(tuple(f"{m.imposer}|{family}|{p}" for p in products),
                weeks_of(m.dates.get("in_force")), bool(m.dates), m.published.toordinal())


def merge_meetings(per_article: list[list[MeetingRecord]]) -> list[MeetingRecord]:
    merger = meeting_merger()
    for records in per_article:
        merger.add(records)
    return list(merger.events())


def merge_measures(per_article: list[list[MeasureRecord]]) -> list[MeasureRecord]:
    merger = measure_merger()
    for records in per_article:
        merger.add(records)
    return list(merger.events())


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out


def meeting_slug(m: MeetingRecord) -> str:
    """A readable sort key (date, governments, level); not the id, since it changes when
    a later article refines the date."""
    date = m.window.start.isoformat() if m.window else "undated"
    return f"{date}_{'-'.join(sorted(m.countries))}_{m.level}"


def measure_slug(m: MeasureRecord) -> str:
    product = sorted(m.products)[0] if m.products else "unspecified"
    return f"{m.imposer}_{m.measure_type.replace('_', '-')}_{re.sub('_', '-', product)}"


def first_mention(record: MeetingRecord | MeasureRecord) -> Mention:
    """The earliest mention: the first sentence of the first article. Articles arrive in
    publication order and an event never takes a second record of the article that
    created it, so the first article is that of the first mention kept."""
    article = record.mentions[0].article_id
    return min((x for x in record.mentions if x.article_id == article),
               key=lambda x: x.sentence_index)


def _stable_id(prefix: str, first: Mention, what: str) -> str:
    """Derived from the first mention (article id and sentence index) and what no merge
    changes (a meeting's governments; a measure's imposer and type), so a later article
    that refines a date, a status or the products leaves the id as it was."""
    digest = hashlib.sha256(f"{first.mention_id}|{what}".encode()).hexdigest()
    return f"{prefix}-{digest[:12]}"


def meeting_id(m: MeetingRecord) -> str:
    return _stable_id("mtg", first_mention(m), "-".join(sorted(m.countries)))


def measure_id(m: MeasureRecord) -> str:
    return _stable_id("msr", first_mention(m), f"{m.imposer}-{m.measure_type}")


def meeting_sort_key(m: MeetingRecord):
    return (meeting_slug(m), m.mentions[0].article_id, m.mentions[0].sentence_index)


def measure_sort_key(m: MeasureRecord):
    return (measure_slug(m), m.mentions[0].article_id, m.mentions[0].sentence_index)


def assign_ids(meetings: list[MeetingRecord], measures: list[MeasureRecord]):
    """Rows sorted by date and governments (meetings) or imposer and type (measures);
    ids stable across releases (:func:`meeting_id`); a repeated id gets ``-2``."""
    meetings = sorted(meetings, key=meeting_sort_key)
    measures = sorted(measures, key=measure_sort_key)
    meeting_ids = _unique([meeting_id(m) for m in meetings])
    measure_ids = _unique([measure_id(m) for m in measures])
    return list(zip(meeting_ids, meetings, strict=True)), list(zip(measure_ids, measures,
                                                                   strict=True))

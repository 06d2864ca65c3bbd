"""The cross-article merge's state on disk, so that memory does not grow with the corpus.

A million articles merge into hundreds of thousands of events, each with its mentions
(the sentence text included) and the keys that find it again. Held in memory they grow
with the corpus; here they live in a temporary SQLite file, and only a bounded number of
recently used events are kept unpickled (``CACHED_EVENTS``), which is where the merge's
lookups go: articles arrive in publication order and mostly report recent events.

The keys are those ``resolve.same_meeting`` and ``resolve.same_measure`` require, so a
lookup returns every event that can be accepted (and some that cannot), in the order the
events were first kept. The first one accepted is therefore the one a scan of all earlier
events would find, and the tables do not depend on where the events are kept.

- ``week``: timed events (a meeting's date window, a measure's in-force window), by the
  weeks their window touches;
- ``wide``: timed events whose window is too wide for weeks, or a measure dated
  otherwise than by its entry into force;
- ``timed``: every timed event (for a record whose own window is wide);
- ``article``: each event's source articles (kept off the event, whose cached copy would
  otherwise grow with every article that reports it); ``demand`` a measure's demands to
  lift it and the sentence of each, for the same reason (one per demander and day);
- ``recent``: every event under the publication day of its latest article (one row per
  day it has had), because an untimed record only joins an event published within
  ``UNDATED_MERGE_DAYS``; ``untimed`` the same for untimed events only.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tradetalks.knowledge.records import Mention

CACHED_EVENTS = 4_000  # events kept unpickled; the rest are read back from the file
PAGE_CACHE_KIB = 8_192  # SQLite's own page cache per store (full at 10,000 articles)
SORT_CACHE_KIB = 1_024  # while sorting the events: SQLite's sorter spills beyond this
WEEKS_INDEXED = 106  # a window wider than about two years is looked up as wide

_SCHEMA = """
CREATE TABLE event (seq INTEGER PRIMARY KEY, body BLOB NOT NULL, slug TEXT, article TEXT,
                    sentence INTEGER, event_id TEXT);
CREATE TABLE week (grp TEXT, week INTEGER, seq INTEGER,
                   PRIMARY KEY (grp, week, seq)) WITHOUT ROWID;
CREATE TABLE wide (grp TEXT, seq INTEGER, PRIMARY KEY (grp, seq)) WITHOUT ROWID;
CREATE TABLE timed (grp TEXT, seq INTEGER, PRIMARY KEY (grp, seq)) WITHOUT ROWID;
CREATE TABLE recent (grp TEXT, day INTEGER, seq INTEGER,
                     PRIMARY KEY (grp, day, seq)) WITHOUT ROWID;
CREATE TABLE untimed (grp TEXT, day INTEGER, seq INTEGER,
                      PRIMARY KEY (grp, day, seq)) WITHOUT ROWID;
CREATE TABLE mention (seq INTEGER NOT NULL, article_id TEXT, sentence_index INTEGER,
                      start INTEGER, stop INTEGER, sentence TEXT, rule TEXT,
                      matched_text TEXT);
CREATE INDEX mention_of_event ON mention (seq);
CREATE TABLE article (seq INTEGER, article_id TEXT,
                      PRIMARY KEY (seq, article_id)) WITHOUT ROWID;
CREATE TABLE demand (seq INTEGER, demand TEXT, sentence INTEGER,
                     PRIMARY KEY (seq, demand));
CREATE TABLE final (position INTEGER PRIMARY KEY, seq INTEGER, event_id TEXT);
"""


@dataclass(frozen=True)
class Keys:
    """Where an event is filed: its groups (what ``same`` requires to be equal), its
    window's weeks (None when it has no window or a wide one), whether it is timed (a
    far-apart publication date does not keep it from a timed record) and the ordinal of
    its latest article's publication day."""

    groups: tuple[str, ...]
    weeks: range | None
    timed: bool
    day: int


@dataclass(frozen=True)
class Placing:
    """How an event is placed in its table: by its slug (which a merge may change, so it is
    taken again whenever the event is written back), then by its first mention kept and
    its id (which no merge changes, so they are taken once, when the event is kept)."""

    slug: Callable[[object], str]
    anchor: Callable[[object], tuple[str, int]]  # the first mention's article and sentence
    event_id: Callable[[object], str]


def weeks_of(window) -> range | None:
    """The weeks (days since 0001-01-01 divided by 7) a window touches, or None when there
    is no window or it is wider than ``WEEKS_INDEXED``."""
    if window is None:
        return None
    first, last = window.start.toordinal() // 7, window.end.toordinal() // 7
    if last - first >= WEEKS_INDEXED:
        return None
    return range(first, last + 1)


def _marks(n: int) -> str:
    return ",".join("?" * n)


class EventStore:
    """Events by sequence number (the order they were first kept), their keys and their
    mentions, in a temporary SQLite file removed when the store is closed or collected.
    Events are read and written through a bounded cache; ``save`` marks one changed."""

    def __init__(self, placing: Placing | None = None, folder: Path | None = None) -> None:
        self._placing = placing
        self._folder = tempfile.TemporaryDirectory(prefix="tradetalks-merge-", dir=folder)
        # the finalizer that closes the file may run in another thread (garbage collection)
        self._db = sqlite3.connect(Path(self._folder.name) / "events.sqlite",
                                   isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode = OFF", "synchronous = OFF",
                       f"cache_size = -{PAGE_CACHE_KIB}", "temp_store = FILE"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")
        self._cache: OrderedDict[int, object] = OrderedDict()
        self._dirty: set[int] = set()
        self.count = 0
        self._closer = weakref.finalize(self, _close, self._db, self._folder)

    # --- events ---------------------------------------------------------------------

    def insert(self, record, keys: Keys) -> int:
        """Keep a new event (its mentions go to their own table) and file it."""
        seq = self.count
        self.count += 1
        placed = (None, None, None, None)  # an event with no mention has no place
        if self._placing is not None and record.mentions:
            placed = (self._placing.slug(record), *self._placing.anchor(record),
                      self._placing.event_id(record))
        mentions, record.mentions = record.mentions, []
        articles, record.article_ids = record.article_ids, []
        self._db.execute("INSERT INTO event VALUES (?, ?, ?, ?, ?, ?)",
                         (seq, _dump(record), *placed))
        self._add_mentions(seq, mentions)
        self.add_articles(seq, articles)
        self.take_demands(seq, record)
        self._cache[seq] = record
        self._trim()
        self.file(seq, keys)
        return seq

    def get(self, seq: int):
        record = self._cache.get(seq)
        if record is not None:
            self._cache.move_to_end(seq)
            return record
        (body,), = self._db.execute("SELECT body FROM event WHERE seq = ?", (seq,))
        record = pickle.loads(body)
        self._cache[seq] = record
        self._trim()
        return record

    def save(self, seq: int) -> None:
        """The cached event ``seq`` was changed: write it back when it leaves the cache."""
        self._dirty.add(seq)

    def _trim(self) -> None:
        while len(self._cache) > CACHED_EVENTS:
            seq, record = self._cache.popitem(last=False)
            self._write(seq, record)

    def _write(self, seq: int, record) -> None:
        if seq in self._dirty:
            self._dirty.discard(seq)
            slug = self._placing.slug(record) if self._placing is not None else None
            self._db.execute("UPDATE event SET body = ?, slug = ? WHERE seq = ?",
                             (_dump(record), slug, seq))

    def flush(self) -> None:
        for seq, record in self._cache.items():
            self._write(seq, record)

    # --- keys -----------------------------------------------------------------------

    def file(self, seq: int, keys: Keys) -> None:
        """File the event under its keys (as they are now; earlier keys stay, so a lookup
        may return an event that no longer fits, never miss one that does)."""
        db = self._db
        for group in keys.groups:
            db.execute("INSERT OR IGNORE INTO recent VALUES (?, ?, ?)", (group, keys.day, seq))
            if not keys.timed:
                db.execute("INSERT OR IGNORE INTO untimed VALUES (?, ?, ?)",
                           (group, keys.day, seq))
                continue
            db.execute("INSERT OR IGNORE INTO timed VALUES (?, ?)", (group, seq))
            if keys.weeks is None:
                db.execute("INSERT OR IGNORE INTO wide VALUES (?, ?)", (group, seq))
            else:
                db.executemany("INSERT OR IGNORE INTO week VALUES (?, ?, ?)",
                               ((group, w, seq) for w in keys.weeks))

    def candidates(self, keys: Keys, days_apart: int) -> Iterator[int]:
        """The events a record with these keys may join, in the order they were kept: an
        untimed record joins only events published within ``days_apart`` days; a timed one
        also timed events whose window overlaps its own (all timed ones when its window is
        wide or missing)."""
        marks, groups = _marks(len(keys.groups)), list(keys.groups)
        near = [keys.day - days_apart, keys.day + days_apart]
        if not keys.timed:
            sql = (f"SELECT DISTINCT seq FROM recent WHERE grp IN ({marks}) "
                   "AND day BETWEEN ? AND ? ORDER BY seq")
            yield from (s for s, in self._db.execute(sql, groups + near).fetchall())
            return
        parts = [f"SELECT seq FROM untimed WHERE grp IN ({marks}) AND day BETWEEN ? AND ?"]
        values = groups + near
        if keys.weeks is None:
            parts.append(f"SELECT seq FROM timed WHERE grp IN ({marks})")
            values += groups
        else:
            parts.append(f"SELECT seq FROM wide WHERE grp IN ({marks})")
            parts.append(f"SELECT seq FROM week WHERE grp IN ({marks}) "
                         "AND week BETWEEN ? AND ?")
            values += groups + groups + [keys.weeks.start, keys.weeks.stop - 1]
        sql = " UNION ".join(parts) + " ORDER BY seq"
        yield from (s for s, in self._db.execute(sql, values).fetchall())

    # --- source articles ------------------------------------------------------------

    def add_articles(self, seq: int, article_ids: Iterable[str]) -> None:
        """The event's source articles live here, not on the event: an event reported by
        thousands of articles would carry their ids in every cached copy."""
        self._db.executemany("INSERT OR IGNORE INTO article VALUES (?, ?)",
                             ((seq, a) for a in article_ids))

    def shares_article(self, seq: int, article_ids: list[str]) -> bool:
        """The event already has a source among these articles."""
        found = self._db.execute(
            f"SELECT 1 FROM article WHERE seq = ? AND article_id IN ({_marks(len(article_ids))})"
            " LIMIT 1", [seq, *article_ids]).fetchone()
        return found is not None

    def articles(self, seq: int) -> list[str]:
        """The event's source articles, sorted (SQLite orders text as UTF-8 bytes, which is
        Python's order of code points)."""
        return [a for a, in self._db.execute(
            "SELECT article_id FROM article WHERE seq = ? ORDER BY article_id", (seq,))]

    # --- demands (measures only) ----------------------------------------------------

    def take_demands(self, seq: int, record) -> None:
        """Move the record's demands into the file, each once, the first sentence that made
        it kept (the order of ``resolve.merge_measure_fields``): a measure reported over
        years gathers one demand per demander and day, which every cached copy would
        carry and every merge would search."""
        demands = getattr(record, "demands", None)
        if not demands:
            return
        sentences = record.demand_sentences
        self._db.executemany("INSERT OR IGNORE INTO demand VALUES (?, ?, ?)",
                             ((seq, d, sentences.get(d)) for d in demands))
        record.demands, record.demand_sentences = [], {}

    def _restore_demands(self, seq: int, record) -> None:
        if not hasattr(record, "demands"):
            return
        rows = self._db.execute("SELECT demand, sentence FROM demand WHERE seq = ? "
                                "ORDER BY rowid", (seq,)).fetchall()
        record.demands = [d for d, _ in rows]
        record.demand_sentences = {d: i for d, i in rows if i is not None}

    # --- mentions -------------------------------------------------------------------

    def _add_mentions(self, seq: int, mentions: Iterable[Mention]) -> None:
        self._db.executemany(
            "INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((seq, m.article_id, m.sentence_index, m.start, m.end, m.sentence, m.rule,
              m.matched_text) for m in mentions))

    def add_new_mentions(self, seq: int, mentions: list[Mention]) -> None:
        """Add a merged record's mentions, each (article, sentence) once. The event never
        holds a mention of the record's article (``resolve`` merges no two records of one
        article), so only the record's own repeats are dropped."""
        seen: set[tuple[str, int]] = set()
        fresh = []
        for m in mentions:
            if (m.article_id, m.sentence_index) not in seen:
                seen.add((m.article_id, m.sentence_index))
                fresh.append(m)
        self._add_mentions(seq, fresh)

    def mentions(self, seq: int) -> list[Mention]:
        """An event's mentions in the order they were added."""
        rows = self._db.execute("SELECT article_id, sentence_index, start, stop, sentence, "
                                "rule, matched_text FROM mention WHERE seq = ? ORDER BY rowid",
                                (seq,))
        return [Mention(*row) for row in rows]

    def whole(self, seq: int):
        """The event as last saved, with its mentions, read from the file after
        :meth:`flush` (the cached copy keeps no mentions and is left alone)."""
        (body,), = self._db.execute("SELECT body FROM event WHERE seq = ?", (seq,))
        record = pickle.loads(body)
        record.mentions = self.mentions(seq)
        record.article_ids = self.articles(seq)
        self._restore_demands(seq, record)
        return record

    # --- the finished events --------------------------------------------------------

    def order(self) -> None:
        """Put the events in their table's order, by the columns :class:`Placing` fills
        (SQLite compares text as UTF-8 bytes, which is Python's order of code points), then
        by sequence; an id already given gets ``-2``, ``-3``... in that order."""
        self.flush()
        db, columns = self._db, "slug, article, sentence, seq"
        db.execute("DELETE FROM final")
        db.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")  # the sorter's memory, too
        db.execute(
            f"INSERT INTO final (seq, event_id) SELECT seq, CASE n WHEN 1 THEN event_id "
            f"ELSE event_id || '-' || n END FROM (SELECT seq, event_id, ROW_NUMBER() OVER ("
            f"PARTITION BY event_id ORDER BY {columns}) AS n, {columns} FROM event) "
            f"ORDER BY {columns}")
        db.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")

    def ordered(self) -> Iterator[tuple[str, object]]:
        """(id, whole event) in the final order, after :meth:`flush` and :meth:`order`."""
        rows = self._db.execute("SELECT event_id, seq FROM final ORDER BY position")
        for event_id, seq in rows:  # read lazily: only reads run while the cursor is open
            yield event_id, self.whole(seq)

    def close(self) -> None:
        self._closer()


def _dump(record) -> bytes:
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def _close(db: sqlite3.Connection, folder: tempfile.TemporaryDirectory) -> None:
    db.close()
    folder.cleanup()

"""The manifest checks that need every row, kept on disk.

Three checks look across the whole corpus folder: a file name that collides with
another once Unicode-normalised, an article_id repeated on a later row, and a text file
that no row names. Held in memory, the folder's names and the ids seen grow with the
corpus: at 100,000 articles they made the start of a run its largest moment. Here they
live in a temporary SQLite file (a few pages cached), so checking a manifest takes the
same memory for ten articles or a million.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import unicodedata
import weakref
from pathlib import Path

from tradetalks.errors import InputError

PAGE_CACHE_KIB = 2_048

_SCHEMA = """
CREATE TABLE file (key TEXT PRIMARY KEY, name TEXT NOT NULL,
                   listed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE article (article_id TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;
"""


class FolderNames:
    """A corpus folder's file names by their NFC form (an NFD-named file is found by its
    NFC name), and the article ids the manifest has named so far."""

    def __init__(self, folder: Path) -> None:
        self._temp = tempfile.TemporaryDirectory(prefix="tradetalks-names-")
        self._db = sqlite3.connect(Path(self._temp.name) / "names.sqlite",
                                   isolation_level=None, check_same_thread=False)
        self._closer = weakref.finalize(self, _close, self._db, self._temp)
        for pragma in ("journal_mode = OFF", "synchronous = OFF",
                       f"cache_size = -{PAGE_CACHE_KIB}", "temp_store = FILE"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")
        with os.scandir(folder) as found:
            for item in found:
                self._add_file(folder, item.name)

    def _add_file(self, folder: Path, name: str) -> None:
        """Two names that are one name in NFC are refused; the message names the later
        of the two in sorted order, whatever order the folder lists them in."""
        key = unicodedata.normalize("NFC", name)
        try:
            self._db.execute("INSERT INTO file (key, name) VALUES (?, ?)", (key, name))
        except sqlite3.IntegrityError:
            (other,), = self._db.execute("SELECT name FROM file WHERE key = ?", (key,))
            raise InputError(f"two files are named {key!r} once Unicode-normalised (NFC); "
                             "rename one", folder / max(name, other)) from None

    def name_of(self, key: str) -> str | None:
        """The file's name on disk, or None when the folder has no such file."""
        row = self._db.execute("SELECT name FROM file WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def first_line(self, article_id: str, line: int) -> int | None:
        """Record that ``article_id`` is on ``line``; the line it was first on, if earlier."""
        try:
            self._db.execute("INSERT INTO article VALUES (?, ?)", (article_id, line))
        except sqlite3.IntegrityError:
            (first,), = self._db.execute("SELECT line FROM article WHERE article_id = ?",
                                         (article_id,))
            return first
        return None

    def mark_listed(self, key: str) -> None:
        self._db.execute("UPDATE file SET listed = 1 WHERE key = ?", (key,))

    def unlisted_texts(self) -> list[tuple[str, str]]:
        """The ``.txt`` files no row named, (NFC name, name on disk), sorted (SQLite
        compares text as UTF-8 bytes, which is Python's order of code points)."""
        return list(self._db.execute(
            "SELECT key, name FROM file WHERE listed = 0 AND substr(key, -4) = '.txt' "
            "ORDER BY key"))

    def close(self) -> None:
        self._closer()


def _close(db: sqlite3.Connection, temp: tempfile.TemporaryDirectory) -> None:
    db.close()
    temp.cleanup()

"""Primary and foreign keys of a written package, checked in bounded memory.

Frictionless checks a table's keys by holding every key of it, and every key of each
table its foreign keys name, in memory: about 36 MiB for the 78,000 mentions of a
10,000-article corpus, ten times that at 100,000. So the package is validated in two
parts. Frictionless checks the rows (types, formats, vocabularies, required fields)
against the schema without its keys, which it does row by row; this module checks the
keys with a temporary SQLite file, whose memory is bounded by its page cache, whatever
the size of the tables. Messages use Frictionless's words ("violates the primary key",
"violates the foreign key") and its row positions (the header is row 1).
"""

from __future__ import annotations

import contextlib
import csv
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

PAGE_CACHE_KIB = 8_192
SHOWN = 10  # problems reported per key; the first ones say what is wrong
_SEP = "\x1f"  # joins the fields of a composite key


def _columns(folder: Path, resource: dict, fields: list[str]
             ) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row position, the values of ``fields``) for every row, streamed."""
    with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, [])
        at = [header.index(f) for f in fields if f in header]
        if len(at) != len(fields):
            return  # a missing column is reported by the row checks
        for position, row in enumerate(rows, start=2):
            yield position, tuple(row[i] if i < len(row) else "" for i in at)


@contextlib.contextmanager
def _database() -> Iterator[sqlite3.Connection]:
    with tempfile.TemporaryDirectory(prefix="tradetalks-keys-") as folder:
        db = sqlite3.connect(Path(folder) / "keys.sqlite", isolation_level=None)
        try:
            for pragma in ("journal_mode = OFF", "synchronous = OFF",
                           f"cache_size = -{PAGE_CACHE_KIB}", "temp_store = FILE"):
                db.execute(f"PRAGMA {pragma}")
            db.execute("BEGIN")
            yield db
        finally:
            db.close()


def _primary(db: sqlite3.Connection, folder: Path, resource: dict, fields: list[str]
             ) -> list[str]:
    name, problems = resource["name"], []
    db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, position INTEGER)")
    for position, values in _columns(folder, resource, fields):
        if not all(values):
            problems.append(f'{name}: Row at position "{position}" violates the primary key: '
                            f"a key field is missing ({', '.join(fields)})")
        else:
            key = _SEP.join(values)
            try:
                db.execute("INSERT INTO seen VALUES (?, ?)", (key, position))
            except sqlite3.IntegrityError:
                (first,), = db.execute("SELECT position FROM seen WHERE key = ?", (key,))
                problems.append(f'{name}: Row at position "{position}" violates the primary '
                                f'key: the same as in the row at position "{first}"')
        if len(problems) >= SHOWN:
            break
    db.execute("DROP TABLE seen")
    return problems


def _foreign(db: sqlite3.Connection, folder: Path, resource: dict, key: dict,
             target: dict) -> list[str]:
    name, problems = resource["name"], []
    fields, reference = key["fields"], key["reference"]
    db.execute("CREATE TABLE lookup (key TEXT PRIMARY KEY)")
    db.executemany("INSERT OR IGNORE INTO lookup VALUES (?)",
                   ((_SEP.join(v),) for _, v in _columns(folder, target, reference["fields"])))
    for position, values in _columns(folder, resource, fields):
        if not any(values):
            continue  # a missing value refers to nothing
        if db.execute("SELECT 1 FROM lookup WHERE key = ?", (_SEP.join(values),)).fetchone():
            continue
        problems.append(f'{name}: Row at position "{position}" violates the foreign key: '
                        f"{', '.join(fields)} = {', '.join(values)!r} not found in "
                        f"{reference['resource']}")
        if len(problems) >= SHOWN:
            break
    db.execute("DROP TABLE lookup")
    return problems


def key_problems(folder: Path, resources: list[dict], name: str) -> list[str]:
    """What is wrong with the primary key and the foreign keys of resource ``name``;
    ``resources`` holds it and every resource its foreign keys name."""
    by_name = {r["name"]: r for r in resources}
    resource = by_name[name]
    schema = resource.get("schema", {})
    problems: list[str] = []
    with _database() as db:
        if schema.get("primaryKey"):
            fields = schema["primaryKey"]
            problems += _primary(db, folder, resource, [fields] if isinstance(fields, str)
                                 else fields)
        for key in schema.get("foreignKeys", []):
            target = by_name.get(key["reference"]["resource"] or name)
            if target is not None:
                problems += _foreign(db, folder, resource, key, target)
    return problems


def without_keys(resource: dict) -> dict:
    """The resource as Frictionless is given it: its schema without primary and foreign
    keys (checked here instead)."""
    schema = {k: v for k, v in resource.get("schema", {}).items()
              if k not in ("primaryKey", "foreignKeys")}
    return {**resource, "schema": schema}

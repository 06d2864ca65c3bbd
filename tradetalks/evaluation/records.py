"""Recorded scores: each evaluation set's scores, kept in the repository with the digest of
everything they depend on.

The book shows the scores of every evaluation set, and scoring a set means extracting it:
with some thirty sets that extraction was most of a clean build's work, though the scores
change only when a rule, the package or a set does. So each set's scores are recorded in
``results/scores/<set>.json`` beside the digest of their inputs (the set's manifest and
texts, its gold, ``data/``, the package's sources and version: the digest that names the
build's store folders, plus the gold). The build reads a record whose digest matches and
extracts a set whose record is missing or stale, so the book always shows the scores of
its own code and data. ``make scores`` rewrites the records after a change; the test suite
fails while any record is stale and recomputes every record to check it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tradetalks.errors import InputError
from tradetalks.publish.output import write_atomic
from tradetalks.publish.store import extraction_digest, folder_digest

RECORDS = Path("results") / "scores"
REFRESH = "make scores"


def inputs_digest(corpus: Path, gold: Path) -> str:
    """SHA-256 over everything a set's scores depend on."""
    digest = hashlib.sha256(extraction_digest(corpus).encode("ascii") + b"\0")
    digest.update(folder_digest(gold).encode("ascii"))
    return digest.hexdigest()


def record_path(root: Path, name: str) -> Path:
    return root / RECORDS / f"{name}.json"


def load_record(path: Path) -> dict:
    """A record's content; a damaged record is an error naming it and the command that
    rewrites it, never a silent fallback."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"unreadable score record ({error}); rewrite the records with "
                         f"`{REFRESH}`", path) from None
    if not isinstance(record, dict) or not {"inputs", "articles", "rows"} <= record.keys():
        raise InputError("not a score record (needs inputs, articles and rows); rewrite the "
                         f"records with `{REFRESH}`", path)
    return record


def current_record(root: Path, name: str, corpus: Path, gold: Path) -> dict | None:
    """The set's recorded scores if they were computed from the current inputs, else None."""
    path = record_path(root, name)
    if not path.is_file():
        return None
    record = load_record(path)
    return record if record["inputs"] == inputs_digest(corpus, gold) else None


def record_text(corpus: Path, gold: Path, scores: dict) -> str:
    record = {"inputs": inputs_digest(corpus, gold), "articles": scores["articles"],
              "rows": scores["rows"]}
    return json.dumps(record, sort_keys=True, indent=1, ensure_ascii=True) + "\n"


def write_record(root: Path, name: str, corpus: Path, gold: Path, scores: dict) -> Path:
    path = record_path(root, name)
    write_atomic(path, record_text(corpus, gold, scores).encode("utf-8"))
    return path

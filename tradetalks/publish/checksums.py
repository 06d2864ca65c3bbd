"""Checksums of the published tables, so a reviewer's rebuild can be compared byte for
byte with the authors' (``make reproduce``). The manifest ``results/checksums.json`` changes
only through ``make checksums``, an explicit act recorded in git."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tradetalks.errors import InputError
from tradetalks.publish.output import write_atomic

PUBLISHED = ("articles.csv", "removals.csv", "mentions.csv", "meetings.csv", "measures.csv",
             "actors.csv", "participants.csv", "quotes.csv", "unknown_actors.csv",
             "datapackage.json")


def table_checksums(folder: Path) -> dict[str, str]:
    missing = [name for name in PUBLISHED if not (folder / name).is_file()]
    if missing:
        raise InputError(f"tables missing: {', '.join(missing)}", folder)
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
            for name in PUBLISHED}


def write_manifest(folder: Path, manifest: Path) -> None:
    text = json.dumps(table_checksums(folder), indent=2, sort_keys=True) + "\n"
    write_atomic(manifest, text.encode("utf-8"))


def compare(folder: Path, manifest: Path) -> list[str]:
    """The tables whose bytes differ from the manifest (empty when all match)."""
    try:
        expected = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no checksum manifest; run `make checksums` first", manifest) from None
    actual = table_checksums(folder)
    return sorted(name for name in set(expected) | set(actual)
                  if expected.get(name) != actual.get(name))

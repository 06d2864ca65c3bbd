"""The article sets with gold annotations (``corpora/sets.csv``), in the report's order.

Each set has a short ``name`` (the key of its figures in the prose), a ``label`` for
tables, a corpus folder, a gold folder, a ``role`` (report, development, test, fresh)
and a description.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tradetalks.errors import InputError
from tradetalks.paths import CORPORA_DIR, PROJECT_ROOT

COLUMNS = ("name", "label", "corpus", "gold", "role", "order", "description")


@dataclass(frozen=True)
class ArticleSet:
    name: str
    label: str
    corpus: Path
    gold: Path
    role: str
    order: int
    description: str


def load_sets(path: Path = CORPORA_DIR / "sets.csv",
              root: Path = PROJECT_ROOT) -> tuple[ArticleSet, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise InputError(f"missing columns {sorted(missing)}", path, 1)
            sets = []
            for line, row in enumerate(reader, start=2):
                try:
                    order = int(row["order"])
                except ValueError:
                    raise InputError(f"order {row['order']!r} is not a number", path,
                                     line) from None
                sets.append(ArticleSet(row["name"], row["label"], root / row["corpus"],
                                       root / row["gold"], row["role"], order,
                                       row["description"]))
    except OSError as exc:
        raise InputError(f"cannot read the list of sets ({exc.strerror})", path) from None
    names = [s.name for s in sets]
    if len(set(names)) != len(names):
        raise InputError("a set name appears twice", path)
    return tuple(sorted(sets, key=lambda s: s.order))

"""Small corpora for tests: manifest bytes and manifest rows, shared by the corpus and
bad-input tests."""

from __future__ import annotations

import csv
import io

from tradetalks.ingest.corpus import MANIFEST_COLUMNS


def manifest_bytes(rows: list[dict[str, str]], columns: tuple[str, ...] = MANIFEST_COLUMNS,
                   encoding: str = "utf-8", quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=quoting)
    writer.writerow(columns)
    for values in rows:
        writer.writerow([values.get(c, "") for c in columns])
    return buffer.getvalue().encode(encoding)


def row(article_id: str, **overrides: str) -> dict[str, str]:
    values = {
        "article_id": article_id, "file": f"{article_id}.txt", "outlet": "Test Wire",
        "url": f"https://example.org/{article_id}", "title": f"[Story {article_id}]",
        "published": "2024-03-01", "date_basis": "page date", "language": "en",
    }
    values.update(overrides)
    return values

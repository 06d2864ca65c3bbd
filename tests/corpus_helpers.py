"""Small corpora for tests: manifest bytes and manifest rows, shared by the corpus and
bad-input tests, and a small book with one evaluation set, shared by the build tests."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

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


def mini_book(root: Path, repo: Path, gold: Path | None = None) -> Path:
    """A book at ``root`` with ``repo``'s seeds and one evaluation set, "mini", of the first
    two seed articles; its gold is a copy of ``gold``, else an empty folder."""
    shutil.copytree(repo / "seeds", root / "seeds")
    mini = root / "corpora" / "mini"
    if gold is not None:
        shutil.copytree(gold, mini / "gold")
    else:
        (mini / "gold").mkdir(parents=True)
    lines = (root / "seeds" / "manifest.csv").read_text(encoding="utf-8").splitlines()
    (mini / "manifest.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    for line in lines[1:3]:
        name = line.split(",")[1]
        shutil.copy(root / "seeds" / name, mini / name)
    (root / "corpora" / "sets.csv").write_text(
        "name,label,corpus,gold,role,order,description\n"
        "mini,mini,corpora/mini,corpora/mini/gold,test,1,two seed articles\n", encoding="utf-8")
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    return root

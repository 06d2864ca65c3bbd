"""Each set is scored once per build, in the process that extracted it; the chapters read
the stored scores, which are those of the gold they were computed against."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tradetalks.publish.store import read_tables
from tradetalks.report import book


def _root(tmp_path: Path) -> Path:
    """A book whose only evaluation set is the seeds, with the seeds' gold."""
    root = tmp_path / "root"
    shutil.copytree(book.book_root() / "seeds", root / "seeds")
    shutil.copytree(book.book_root() / "corpora" / "seeds" / "gold",
                    root / "corpora" / "seeds" / "gold")
    (root / "corpora" / "sets.csv").write_text(
        "name,label,corpus,gold,role,order,description\n"
        "seeds,seeds,seeds,corpora/seeds/gold,report,1,the seed articles\n", encoding="utf-8")
    return root


def test_stored_scores_are_those_of_scoring_the_stored_tables(tmp_path):
    root = _root(tmp_path)
    [folder] = book.build_store(root)
    stored = json.loads((folder / book.EVALUATION).read_text(encoding="utf-8"))
    gold, corpus = root / "corpora" / "seeds" / "gold", root / "seeds"
    baseline = json.loads((folder / book.BASELINE).read_text(encoding="utf-8"))
    fresh = book._scored(read_tables(folder), gold, corpus,
                         (baseline["meetings"], baseline["measures"]))
    assert stored["rows"] == fresh and stored["articles"] == 5
    assert book.evaluation_table(root)["f1"].tolist() == [r["f1"] for r in fresh]


def test_scores_stored_against_another_gold_are_not_used(tmp_path):
    root = _root(tmp_path)
    book.build_store(root)
    meetings = root / "corpora" / "seeds" / "gold" / "meetings.csv"
    lines = meetings.read_text(encoding="utf-8").splitlines(keepends=True)
    meetings.write_text("".join(lines[:-1]), encoding="utf-8")  # one gold meeting fewer
    assert book._stored_scores(root, book.SEEDS, root / "seeds",
                               root / "corpora" / "seeds" / "gold") is None
    gold = book.evaluation_table(root)
    assert gold[(gold["system"] == "rules") & (gold["table"] == "meetings")]["gold"].iloc[0] \
        == len(lines) - 2

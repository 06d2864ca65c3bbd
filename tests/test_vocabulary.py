"""The codebook's vocabularies live in data/codebook.yaml only (read by tradetalks.vocabulary)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tradetalks.errors import InputError
from tradetalks.vocabulary import load_vocabulary, vocabulary

PACKAGE = Path(__file__).resolve().parents[1] / "tradetalks"
LOADER = PACKAGE / "vocabulary.py"


def _vocabulary_words() -> dict[str, set[str]]:
    v = vocabulary()
    return {"level": set(v.levels), "meeting status": set(v.meeting_statuses),
            "measure status": set(v.measure_statuses), "format": set(v.formats),
            "outcome": set(v.outcomes), "measure type": set(v.measure_types),
            "date field": set(v.date_fields)}


def _word_lists(tree: ast.AST):
    """Every tuple, list, set or dict-key collection of two or more string constants."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            elements = node.elts
        elif isinstance(node, ast.Dict):
            if all(isinstance(v, ast.Constant) and isinstance(v.value, str) and " " in v.value
                   for v in node.values):
                continue  # column -> description (a Table Schema), not a word list
            elements = [k for k in node.keys if k is not None]
        else:
            continue
        words = [e.value for e in elements if isinstance(e, ast.Constant)
                 and isinstance(e.value, str)]
        if len(words) >= 2:
            yield node.lineno, set(words)


def test_no_vocabulary_word_list_is_written_in_the_package():
    kinds = _vocabulary_words()
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == LOADER:
            continue
        for line, words in _word_lists(ast.parse(path.read_text(encoding="utf-8"))):
            for kind, vocab in kinds.items():
                if len(words & vocab) >= 2:
                    offences.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {kind} "
                                    f"words {sorted(words & vocab)}")
    assert offences == []


def test_no_country_label_is_written_in_the_package():
    names = {"South Korea", "United States", "European Union"}
    offences = [f"{p.relative_to(PACKAGE.parent)}" for p in PACKAGE.rglob("*.py")
                if any(f'"{n}"' in p.read_text(encoding="utf-8") for n in names)]
    assert offences == []


def test_levels_rank_the_leader_highest():
    rank = vocabulary().level_rank
    assert max(rank, key=rank.get) == "leader"
    assert min(rank, key=rank.get) == "working_level"


def test_liberalising_statuses_give_the_liberalising_direction():
    v = vocabulary()
    assert {v.direction_of(s) for s in v.liberalising} == {"liberalising"}
    assert v.direction_of("in_force") == "restrictive"


def test_a_prospective_status_outside_the_statuses_is_refused(tmp_path):
    text = (LOADER.parents[1] / "data" / "codebook.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "codebook.yaml"
    bad.write_text(text.replace("prospective: [planned, proposed, undecided]",
                                "prospective: [planned, someday]"), encoding="utf-8")
    with pytest.raises(InputError, match="someday"):
        load_vocabulary(bad)


def test_a_broken_vocabulary_file_names_file_and_line(tmp_path):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("levels: [leader\nmeeting: {\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"codebook.yaml, line \d+"):
        load_vocabulary(bad)

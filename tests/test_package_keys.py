"""The package's keys and its sources, checked in bounded memory (publish.keys and the
descriptor reader of publish.package), on the seeds' written package."""

from __future__ import annotations

import json
import shutil

import pytest

from tradetalks.errors import InputError
from tradetalks.publish.keys import key_problems
from tradetalks.publish.package import (
    _descriptor_problems,
    _resources,
    _sources_apart,
    validate_package,
)


@pytest.fixture
def package_copy(seed_tables, tmp_path):
    copy = tmp_path / "tables"
    shutil.copytree(seed_tables, copy)
    meta = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in meta["resources"]:  # let the checks reach the edited rows
        resource.pop("hash", None)
        resource.pop("bytes", None)
    _rewrite(copy, meta)
    return copy


def _rewrite(folder, meta, indent: int | None = 2) -> None:
    (folder / "datapackage.json").write_text(
        json.dumps(meta, indent=indent, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8")


def test_the_descriptor_is_read_line_by_line_with_every_source_in_order(seed_tables):
    path = seed_tables / "datapackage.json"
    whole = json.loads(path.read_text(encoding="utf-8"))
    seen: list[dict] = []
    apart = _sources_apart(path, seen.append)
    assert seen == whole["sources"] and len(seen) == 5
    assert apart == {**whole, "sources": []}


def test_a_descriptor_in_another_layout_is_still_read_whole(package_copy):
    meta = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    _rewrite(package_copy, meta, indent=None)
    seen: list[dict] = []
    assert _sources_apart(package_copy / "datapackage.json", seen.append) == {
        **meta, "sources": []}
    assert seen == meta["sources"]


def test_a_source_whose_title_is_not_text_is_reported(package_copy):
    meta = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    meta["sources"][3]["title"] = 5
    _rewrite(package_copy, meta)
    assert any(p.startswith("sources:") and "not of type 'string'" in p
               for p in _descriptor_problems(package_copy))
    with pytest.raises(InputError, match="sources"):
        validate_package(package_copy)


def _edit_table(folder, name: str, edit) -> list[str]:
    """Rewrite ``name``.csv with ``edit`` applied to its lines; the lines before the edit."""
    path = folder / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(edit(list(lines))) + "\n", encoding="utf-8")
    return lines


def _first_field(lines: list[str], at: int, value: str) -> list[str]:
    lines[at] = value + "," + lines[at].split(",", 1)[1]
    return lines


def test_a_row_missing_its_primary_key_is_reported(package_copy):
    _edit_table(package_copy, "quotes", lambda lines: _first_field(lines, 2, ""))
    problems = key_problems(package_copy, _resources(package_copy), "quotes")
    assert problems == ['quotes: Row at position "3" violates the primary key: a key field '
                        "is missing (quote_id)"]


def test_a_repeated_key_names_both_rows(package_copy):
    lines = _edit_table(package_copy, "articles", lambda lines: [*lines, lines[1]])
    problems = key_problems(package_copy, _resources(package_copy), "articles")
    assert problems == [f'articles: Row at position "{len(lines) + 1}" violates the primary '
                        'key: the same as in the row at position "2"']


def test_a_foreign_key_to_no_row_names_the_value_and_the_table(package_copy):
    _edit_table(package_copy, "removals", lambda lines: _first_field(lines, 1,
                                                                     "no-such-article"))
    problems = key_problems(package_copy, _resources(package_copy), "removals")
    assert problems == ['removals: Row at position "2" violates the foreign key: article_id '
                        "= 'no-such-article' not found in articles"]


def test_an_empty_foreign_key_refers_to_nothing_and_passes(seed_tables):
    # a measure's mention leaves meeting_id empty
    assert key_problems(seed_tables, _resources(seed_tables), "mentions") == []

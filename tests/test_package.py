"""The data package: licensed per resource, foreign keys, list fields, hashes, validated;
the curated data's descriptors current and valid."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tradetalks import __version__
from tradetalks.errors import InputError
from tradetalks.publish.descriptors import descriptor_files, descriptor_text
from tradetalks.publish.package import validate_package

PUBLISHER_TEXT = {("mentions", "sentence"), ("mentions", "matched_text"),
                  ("quotes", "text"), ("removals", "text"), ("meetings", "matched_text"),
                  ("measures", "matched_text"), ("topics", "example"),
                  ("unknown_actors", "sentence")}


@pytest.fixture()
def package_copy(seed_tables, tmp_path):
    copy = tmp_path / "tables"
    shutil.copytree(seed_tables, copy)
    return copy


def descriptor(folder) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_the_written_package_validates(seed_tables):
    validate_package(seed_tables)  # raises InputError when invalid


def test_frictionless_validate_command_passes(seed_tables):
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate",
                             "datapackage.json"], cwd=seed_tables, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_one_edited_byte_in_a_resource_fails_validation(package_copy):
    path = package_copy / "articles.csv"
    data = bytearray(path.read_bytes())
    data[-2] = ord("x") if data[-2] != ord("x") else ord("y")  # same length, other bytes
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="hash"):
        validate_package(package_copy)


def _forget_hashes(package) -> None:
    """Drop each resource's hash and size, so validation reaches the rows of an edited
    table instead of stopping at its changed checksum."""
    meta = descriptor(package)
    for resource in meta["resources"]:
        resource.pop("hash", None)
        resource.pop("bytes", None)
    (package / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")


def test_an_unknown_event_id_in_mentions_fails_the_foreign_key(package_copy):
    path = package_copy / "mentions.csv"
    text = path.read_text(encoding="utf-8")
    meeting_id = next(line.split(",")[0] for line in
                      (package_copy / "meetings.csv").read_text().splitlines()[1:])
    path.write_text(text.replace(meeting_id, "mtg-000000000000"), encoding="utf-8")
    # keep the integrity checks from hiding the foreign-key check
    _forget_hashes(package_copy)
    with pytest.raises(InputError, match="foreign key"):
        validate_package(package_copy)


def test_the_package_has_version_sources_contributors_and_keys(seed_tables):
    meta = descriptor(seed_tables)
    assert meta["version"] == __version__
    assert len(meta["sources"]) == 5 and meta["contributors"]
    keys = {(r["name"], fk["fields"][0], fk["reference"]["resource"])
            for r in meta["resources"] for fk in r["schema"].get("foreignKeys", [])}
    assert {("mentions", "meeting_id", "meetings"), ("mentions", "measure_id", "measures"),
            ("participants", "actor_id", "actors"),
            ("participants", "meeting_id", "meetings")} <= keys
    meetings = next(r for r in meta["resources"] if r["name"] == "meetings")
    types = {f["name"]: f["type"] for f in meetings["schema"]["fields"]}
    assert types["countries"] == types["participant_ids"] == "list"
    assert all(r["hash"].startswith("sha256:") and r["bytes"] > 0 for r in meta["resources"])


def test_publisher_text_is_marked_as_quoted_excerpts_and_the_coding_cc_by(seed_tables):
    meta = descriptor(seed_tables)
    marked = {(r["name"], f["name"]) for r in meta["resources"]
              for f in r["schema"]["fields"] if "rights" in f}
    assert marked == PUBLISHER_TEXT
    for r in meta["resources"]:
        names = [lic["name"] for lic in r["licenses"]]
        assert names[0] == "CC-BY-4.0"
        excerpts = any(name == r["name"] for name, _ in PUBLISHER_TEXT)
        assert ("publisher-excerpts" in names) == excerpts, r["name"]


@pytest.mark.parametrize("path", sorted(descriptor_files()), ids=lambda p: p.parent.name)
def test_curated_data_descriptor_is_current_and_valid(path):
    assert path.read_text(encoding="utf-8") == descriptor_text(descriptor_files()[path]), (
        "run: python -m tradetalks describe")
    validate_package(path.parent)


def test_validation_shared_between_two_processes_finds_the_foreign_key(package_copy):
    path = package_copy / "mentions.csv"
    meeting_id = next(line.split(",")[0] for line in
                      (package_copy / "meetings.csv").read_text().splitlines()[1:])
    path.write_text(path.read_text(encoding="utf-8").replace(meeting_id, "mtg-000000000000"),
                    encoding="utf-8")
    _forget_hashes(package_copy)
    with pytest.raises(InputError, match="mentions: .*foreign key"):
        validate_package(package_copy, jobs=2)


def test_the_written_package_validates_in_two_processes(seed_tables):
    validate_package(seed_tables, jobs=2)


def test_a_resource_task_leaves_the_sources_to_the_descriptor_check(package_copy):
    from tradetalks.publish.package import _descriptor_problems, _resource_problems

    meta = descriptor(package_copy)
    meta["sources"] = "not a list"  # package metadata: checked once, not per resource
    (package_copy / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    assert _resource_problems(package_copy, "quotes") == ([], [])
    assert any("sources" in p for p in _descriptor_problems(package_copy))


def test_an_invalid_descriptor_is_one_clear_error_in_shared_validation(package_copy):
    meta = descriptor(package_copy)
    meta["sources"] = "not a list"
    (package_copy / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(InputError, match="sources"):
        validate_package(package_copy, jobs=2)


def test_a_bad_row_is_found_by_shared_validation_and_names_its_table(package_copy):
    path = package_copy / "quotes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # a duplicate primary key
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _forget_hashes(package_copy)
    with pytest.raises(InputError, match="quotes: .*primary key"):
        validate_package(package_copy, jobs=2)


def test_tables_are_written_after_the_tables_their_foreign_keys_name():
    from tradetalks.publish.package import FOREIGN_KEYS, write_order
    from tradetalks.publish.tables import TABLE_ORDER

    order = write_order(TABLE_ORDER)
    assert sorted(order) == sorted(TABLE_ORDER)
    for name, keys in FOREIGN_KEYS.items():
        for key in keys:
            assert order.index(key["reference"]["resource"]) < order.index(name)


def test_validating_while_writing_gives_the_bytes_of_validating_after(seed_tables, tmp_path):
    from tradetalks.publish.package import write_package
    from tradetalks.publish.store import read_tables

    tables = read_tables(seed_tables)
    write_package(tables, tmp_path / "one", jobs=1)
    write_package(tables, tmp_path / "two", jobs=2)
    files = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_validating_while_writing_reports_a_bad_table_as_one_error(seed_tables, tmp_path):
    from tradetalks.publish.package import write_package
    from tradetalks.publish.store import read_tables

    tables = read_tables(seed_tables)
    tables.quotes = pd.concat([tables.quotes, tables.quotes.iloc[:1]])  # a repeated key
    with pytest.raises(InputError, match=r"quotes: .*primary key") as caught:
        write_package(tables, tmp_path / "out", jobs=2)
    assert "output failed its schema" in str(caught.value)
    assert not (tmp_path / "out").exists()  # nothing published

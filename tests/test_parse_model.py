"""The spaCy pipeline under the rules is the one recorded, file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tradetalks.errors import InputError
from tradetalks.knowledge import parse


def test_the_installed_model_matches_its_recorded_checksums():
    spec = parse.settings()
    assert parse.verify(spec["model"], str(spec["version"])).is_dir()


def test_every_file_of_the_package_is_recorded():
    spec = parse.settings()
    recorded = parse.read_checksums(parse.checksum_file(spec["model"], str(spec["version"])))
    assert any(p.endswith("parser/model") for p in recorded)
    assert "__init__.py" in recorded


def test_an_altered_model_file_stops_with_one_clear_error(tmp_path, monkeypatch):
    spec = parse.settings()
    copy = tmp_path / spec["model"]
    shutil.copytree(parse.package_dir(spec["model"]), copy)
    meta = next(copy.rglob("meta.json"))
    meta.write_text(meta.read_text(encoding="utf-8") + " ", encoding="utf-8")
    monkeypatch.setattr(parse, "package_dir", lambda name: copy)
    with pytest.raises(InputError, match="differs from the one recorded"):
        parse.verify(spec["model"], str(spec["version"]))


def test_a_missing_model_names_the_install_command():
    with pytest.raises(InputError, match="pip install"):
        parse.package_dir("en_core_web_sm_not_installed")


def test_a_model_without_recorded_checksums_is_refused(tmp_path):
    with pytest.raises(InputError, match="no recorded checksums"):
        parse.read_checksums(Path(tmp_path) / "other-1.0.sha256")


def test_the_model_name_is_a_setting(monkeypatch):
    parse.settings.cache_clear()
    monkeypatch.setenv("TRADETALKS_SPACY_MODEL", "en_core_web_sm")
    try:
        assert parse.settings()["model"] == "en_core_web_sm"
    finally:
        parse.settings.cache_clear()


def test_sentences_are_parsed_with_dependencies():
    doc = parse.parse(["Japan imposed export controls on South Korea."])[0]
    verb = next(t for t in doc if t.lower_ == "imposed")
    assert {c.dep_ for c in verb.children} >= {"nsubj", "dobj"}

"""The manifest's corpus-wide checks, kept on disk (``ingest.names``)."""

from __future__ import annotations

import os
import unicodedata

import pytest

from tradetalks.errors import InputError
from tradetalks.ingest.names import FolderNames


def _folder(tmp_path, names):
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


def test_a_file_is_found_by_its_nfc_name(tmp_path):
    nfd = unicodedata.normalize("NFD", "café.txt")
    names = FolderNames(_folder(tmp_path, [nfd]))
    on_disk = os.listdir(tmp_path)[0]  # what the file system kept
    assert names.name_of(unicodedata.normalize("NFC", "café.txt")) == on_disk
    assert names.name_of("tea.txt") is None


def test_two_names_that_are_one_in_nfc_are_refused(tmp_path):
    nfc, nfd = "café.txt", unicodedata.normalize("NFD", "café.txt")
    folder = _folder(tmp_path, [nfc, nfd])
    if len(os.listdir(folder)) < 2:
        pytest.skip("this file system normalises names itself")
    with pytest.raises(InputError, match="once Unicode-normalised") as caught:
        FolderNames(folder)
    assert caught.value.path == folder / max(nfc, nfd)


def test_a_repeated_article_id_gives_the_line_it_was_first_on(tmp_path):
    names = FolderNames(tmp_path)
    assert names.first_line("a1", 2) is None
    assert names.first_line("a2", 3) is None
    assert names.first_line("a1", 7) == 2


def test_unlisted_texts_are_sorted_and_other_files_ignored(tmp_path):
    names = FolderNames(_folder(tmp_path, ["b.txt", "a.txt", "c.txt", "manifest.csv"]))
    names.mark_listed("b.txt")
    assert [key for key, _ in names.unlisted_texts()] == ["a.txt", "c.txt"]


def test_closing_removes_the_temporary_file(tmp_path):
    names = FolderNames(tmp_path)
    folder = names._temp.name
    names.close()
    assert not os.path.exists(folder)

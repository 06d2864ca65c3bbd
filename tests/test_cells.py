"""Spreadsheet-safe cells: formula-like text is neutralised and restored exactly."""

from __future__ import annotations

import pandas as pd
import pytest

from tradetalks.publish.cells import neutralise, neutralise_frame, restore
from tradetalks.publish.package import csv_bytes


@pytest.mark.parametrize("value", ["=1+1", "+81 3", "-5%", "@SUM(A1)", "\tx", "\rx",
                                   '=HYPERLINK("http://x","y")'])
def test_formula_like_text_gets_one_leading_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Japan and China", "'quoted'", "", "1+1", "a=b", "'x"])
def test_ordinary_text_is_unchanged(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("value", ["=x", "'=x", "''=x", "'x", "x", "-", "'", "''-"])
def test_restore_undoes_neutralise_exactly(value):
    assert restore(neutralise(value)) == value


def test_csv_bytes_neutralise_text_but_not_numbers():
    frame = pd.DataFrame([{"text": "-3 percent", "start": -3, "flag": True}])
    assert csv_bytes(frame) == b"text,start,flag\n'-3 percent,-3,True\n"


def test_the_frame_in_memory_is_not_changed():
    frame = pd.DataFrame([{"text": "=x"}])
    neutralise_frame(frame)
    assert frame.loc[0, "text"] == "=x"

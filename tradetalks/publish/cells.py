"""Spreadsheet-safe CSV cells: no downloaded cell is evaluated as a formula.

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some
treat a leading tab or carriage return the same way), so a title such as
``=HYPERLINK(...)`` would run when a reader opens the CSV. At CSV writing time such a text
cell gets one leading apostrophe, which spreadsheets read as "this is text". To keep the
scheme reversible, a cell that already starts with apostrophes followed by one of those
characters gets one more; :func:`restore` removes exactly one. The tables in memory (the
notebooks, the evidence spans) are never changed; only the CSV files carry the apostrophe.
The codebook ("Spreadsheet-safe cells") records the rule.
"""

from __future__ import annotations

import re

import pandas as pd

TRIGGERS = "=+-@\t\r"
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(value: str) -> str:
    """``=1+1`` -> ``'=1+1``; ``'=x`` -> ``''=x``; anything else unchanged."""
    return "'" + value if _NEEDS_QUOTE.match(value) else value


def restore(value: str) -> str:
    """The cell's original text: the inverse of :func:`neutralise`."""
    return value[1:] if _QUOTED.match(value) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are neutralised; numbers and booleans are left alone."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: neutralise(v) if isinstance(v, str) else v)
    return out

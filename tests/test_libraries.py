"""The chart and table libraries as the book's static files (tradetalks.build.libraries)."""

from __future__ import annotations

import os
import re

import pandas as pd
from itables import to_html_datatable

from tradetalks.build.libraries import (
    TABLE_SCRIPT,
    TABLE_STYLE,
    VEGA_SCRIPT,
    book_kernels,
    datatables_script,
    page_libraries,
    write_libraries,
)
from tradetalks.report import display


def test_the_table_script_fills_the_promise_and_fires_the_event_itables_tables_wait_for():
    table = to_html_datatable(pd.DataFrame({"a": [1]}), connected=False)
    awaited = re.search(r"await window\.(\w+);", table).group(1)
    event = re.search(r'addEventListener\("([^"]+)"', table).group(1)
    script = datatables_script()
    assert f"window.{awaited} = import(url)" in script
    assert f"new Event('{event}')" in script


def test_the_table_script_is_a_classic_script_holding_the_bundle_as_one_string():
    script = datatables_script()
    assert "\nimport " not in script and "\nexport " not in script
    assert script.count("var source = ") == 1


def test_pages_load_only_the_libraries_their_body_uses():
    chart = '<div id="tt-chart-x" class="tt-chart-canvas"></div>'
    table = "<script type=module>new ITable(table, dt_args);</script>"
    assert page_libraries("<p>prose</p>") == ([], [])
    assert page_libraries(chart) == ([VEGA_SCRIPT], [])
    assert page_libraries(chart + table) == ([VEGA_SCRIPT, TABLE_SCRIPT], [TABLE_STYLE])


def test_libraries_are_rewritten_only_when_their_bytes_change(monkeypatch, tmp_path):
    monkeypatch.setattr(display, "javascript_bundle", lambda: "/* vega */")
    write_libraries(tmp_path)
    assert "/* vega */" in (tmp_path / VEGA_SCRIPT).read_text(encoding="utf-8")
    times = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    os.utime(tmp_path / TABLE_STYLE, ns=(1, 1))
    write_libraries(tmp_path)
    assert (tmp_path / TABLE_STYLE).stat().st_mtime_ns == 1
    assert (tmp_path / VEGA_SCRIPT).stat().st_mtime_ns == times[VEGA_SCRIPT]


def test_book_kernels_set_the_flag_only_inside_the_block(monkeypatch):
    monkeypatch.delenv(display.BOOK_ENV, raising=False)
    with book_kernels():
        assert display.in_book()
    assert not display.in_book()


def test_the_sphinx_extension_loads_without_pandas_altair_or_itables():
    """A prose edit rebuilds in a couple of seconds; importing these would add one."""
    import subprocess
    import sys

    code = ("import sys, tradetalks.build.sphinxext; "
            "print(sorted({'pandas', 'altair', 'itables'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"

"""Safe output formats for untrusted article text (tradetalks.display, tradetalks.sphinxext)."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from tradetalks.publish.latex import pdflatex_safe
from tradetalks.report import display
from tradetalks.report.display import (
    ChartOutput,
    chart_output,
    latex_escape,
    script_safe_json,
    table_output,
)

ATTACK = "</script><script>alert(1)</script>"


# --- JSON inside <script> -----------------------------------------------------------------

@pytest.mark.parametrize("value", [
    ATTACK,
    {"tooltip": ATTACK, "nested": [ATTACK, "a & b", "<!--", "-->"]},
    {"keys <&>": "line\u2028separator\u2029paragraph"},
])
def test_script_safe_json_contains_no_angle_brackets_or_ampersands(value):
    text = script_safe_json(value)
    assert not set("<>&\u2028\u2029") & set(text)


@pytest.mark.parametrize("value", [
    ATTACK,
    {"tooltip": ATTACK, "n": 3, "ok": True, "none": None, "cjk": "習近平", "quote": "“x”"},
    ["a & b", "<!--", {"deep": ["</SCRIPT>"]}],
])
def test_script_safe_json_loads_back_to_the_original(value):
    assert json.loads(script_safe_json(value)) == value


def attack_chart() -> alt.Chart:
    frame = pd.DataFrame({"sentence": [ATTACK, "Talks resumed."], "n": [1, 2]})
    return alt.Chart(frame).mark_bar().encode(
        x="n:Q", y="sentence:N", tooltip=["sentence:N"]
    ).properties(description="Sentences per article <b>&</b>")


def test_first_chart_of_a_kernel_carries_the_vega_library_once(monkeypatch):
    monkeypatch.delenv(display.BOOK_ENV, raising=False)
    monkeypatch.setattr(display, "_BUNDLE_SHOWN", False)
    first = ChartOutput(attack_chart(), "one", "A test chart").html()
    second = ChartOutput(attack_chart(), "two", "A test chart").html()
    assert first.count("window.vegaEmbed") >= 1 and "tt-vega-ready" in first
    assert "if (!window.vegaEmbed)" not in second


def test_a_book_kernel_leaves_the_chart_library_to_the_page(monkeypatch):
    monkeypatch.setenv(display.BOOK_ENV, "1")
    monkeypatch.setattr(display, "_BUNDLE_SHOWN", False)
    first = ChartOutput(attack_chart(), "one", "A test chart").html()
    assert "if (!window.vegaEmbed)" not in first and "vegaEmbed('#tt-chart-one'" in first


def test_a_book_kernel_leaves_the_table_library_to_the_page(monkeypatch):
    monkeypatch.setenv(display.BOOK_ENV, "1")
    monkeypatch.setattr(display, "_LIBRARY_SHOWN", False)
    monkeypatch.setattr(display, "table_library", lambda: "<script>LIBRARY</script>")
    html = table_output(pd.DataFrame({"a": [1]}), "A table").html()
    assert "LIBRARY" not in html and "new ITable(" in html


def test_a_notebook_on_its_own_carries_the_table_library_once(monkeypatch):
    monkeypatch.delenv(display.BOOK_ENV, raising=False)
    monkeypatch.setattr(display, "_LIBRARY_SHOWN", False)
    monkeypatch.setattr(display, "table_library", lambda: "<script>LIBRARY</script>")
    first = table_output(pd.DataFrame({"a": [1]}), "A table").html()
    second = table_output(pd.DataFrame({"a": [2]}), "A table").html()
    assert first.count("LIBRARY") == 1 and "LIBRARY" not in second


def test_chart_output_carries_the_vega_lite_spec_and_no_png(monkeypatch):
    """The PNG is drawn from the spec when the PDF is written (build.vegalite), not in
    every kernel of every build."""
    monkeypatch.setattr(display, "_BUNDLE_SHOWN", True)
    chart = ChartOutput(attack_chart(), "attack", "A test chart")
    bundle = chart._repr_mimebundle_()
    assert bundle[display.VEGALITE_MIME]["mark"]["type"] == "bar"
    assert "image/png" not in bundle
    assert chart.png().startswith(b"\x89PNG")


def test_the_pdf_renderer_keeps_a_charts_spec_and_leaves_other_outputs_alone():
    from myst_nb.core.render import MimeData

    from tradetalks.build.vegalite import VegaLiteSpec, vegalite_spec

    spec = {"mark": "bar", "data": {"values": [{"a": 1}]}}
    kept = VegaLiteSpec.handle_mime(None, MimeData(display.VEGALITE_MIME, spec), False)
    assert isinstance(kept[0], vegalite_spec) and '"mark": "bar"' in kept[0]["spec"]
    assert VegaLiteSpec.handle_mime(None, MimeData("text/html", "<p>x</p>"), False) is None
    assert VegaLiteSpec.handle_mime(None, MimeData(display.VEGALITE_MIME, spec), True) is None


def test_chart_png_has_a_fixed_width_for_a_container_wide_chart():
    spec = {"width": "container", "layer": [{"width": "container", "mark": "point"}]}
    assert display._fixed_width(spec) == {"width": display.PNG_WIDTH,
                                          "layer": [{"width": display.PNG_WIDTH,
                                                     "mark": "point"}]}


def test_chart_html_contains_exactly_its_own_closing_script_tag(monkeypatch):
    monkeypatch.setattr(display, "_BUNDLE_SHOWN", True)
    page = ChartOutput(attack_chart(), "Attack Test", "A test chart").html()
    assert page.count("</script>") == 1
    assert page.lower().count("<script") == 1
    assert page.rstrip().endswith("</script></figure>")


def test_chart_html_spec_round_trips_to_the_chart_data(monkeypatch):
    monkeypatch.setattr(display, "_BUNDLE_SHOWN", True)
    output = ChartOutput(attack_chart(), "attack", "A test chart")
    page = output.html()
    spec_json = re.search(r"var spec = (.*?);var options", page).group(1)
    assert json.loads(spec_json) == output.spec


def test_chart_html_escapes_the_description(monkeypatch, tmp_path):
    monkeypatch.setattr(display, "chart_data_folder", lambda: tmp_path)
    page = chart_output(attack_chart(), "attack").html()
    assert 'aria-label="Sentences per article &lt;b&gt;&amp;&lt;/b&gt;"' in page
    assert "<b>" not in page


def test_chart_output_publishes_the_data_it_draws_with_a_link(monkeypatch, tmp_path):
    monkeypatch.setattr(display, "_BUNDLE_SHOWN", True)
    monkeypatch.setattr(display, "chart_data_folder", lambda: tmp_path)
    page = chart_output(attack_chart(), "attack").html()
    assert pd.read_csv(tmp_path / "attack.csv")["n"].tolist() == [1, 2]
    assert 'href="../_static/chart-data/attack.csv"' in page


def test_chart_output_requires_a_description():
    chart = alt.Chart(pd.DataFrame({"n": [1]})).mark_point().encode(x="n:Q")
    with pytest.raises(ValueError, match="no description"):
        chart_output(chart, "bare")


# --- LaTeX ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("special", "escaped"), [
    ("\\", r"\textbackslash{}"), ("{", r"\{"), ("}", r"\}"), ("$", r"\$"), ("&", r"\&"),
    ("#", r"\#"), ("^", r"\textasciicircum{}"), ("_", r"\_"), ("~", r"\textasciitilde{}"),
    ("%", r"\%"), ("<", r"\textless{}"), (">", r"\textgreater{}"), ("|", r"\textbar{}"),
])
def test_latex_escape_escapes_each_special_character(special, escaped):
    assert latex_escape(f"a {special} b") == f"a {escaped} b"


def test_latex_escape_replaces_cjk_with_code_point_labels():
    assert latex_escape("習近平 met Kishida") == "[U+7FD2][U+8FD1][U+5E73] met Kishida"


def test_latex_escape_leaves_plain_text_alone():
    assert latex_escape("Kishida said “yes” in Tokyo.") == "Kishida said “yes” in Tokyo."


def test_latex_escape_allows_breaks_in_very_long_words():
    assert latex_escape("x" * 25) == r"\allowbreak{}".join(["x" * 10, "x" * 10, "x" * 5])


def test_latex_escape_allows_breaks_after_separators_in_identifiers():
    assert latex_escape("003_e23dd1acf:12") == r"003\_\allowbreak{}e23dd1acf:\allowbreak{}12"


def test_latex_escape_leaves_short_words_whole():
    assert latex_escape("export control") == "export control"


def test_latex_escape_long_word_break_does_not_split_an_escape():
    for special in "_%&#":
        escaped = latex_escape("a" * 29 + special + "b")
        assert "\\\\" not in escaped, escaped
        assert re.search(r"(?<!\\)" + re.escape(special), escaped) is None, escaped


def test_table_latex_row_starting_with_a_bracket_is_not_read_as_a_length():
    table = table_output(pd.DataFrame({"name": ["Kishida", "習近平"], "n": [1, 2]}), "Leaders")
    assert re.search(r"\\\\\s*\[", table.latex()) is None


def test_table_latex_escapes_cells_and_caption():
    table = table_output(pd.DataFrame({"text": ["50% & more"]}), "Shares_of #1")
    latex = table.latex()
    assert r"50\% \& more" in latex
    assert r"\caption{Shares\_of \#1}" in latex


# --- characters pdflatex can set ------------------------------------------------------------

def test_pdflatex_safe_keeps_ascii():
    ascii_text = "".join(chr(c) for c in range(0x20, 0x7F)) + "\n\t"
    assert pdflatex_safe(ascii_text) == ascii_text


def test_pdflatex_safe_keeps_latin1_letters():
    text = "café naïve Straße Ångström Øresund señor ½ £ © «» Łódź"
    assert pdflatex_safe(text) == text


def test_pdflatex_safe_keeps_curly_quotes_and_dashes():
    text = "‘single’ “double” en – em — ellipsis … €"
    assert pdflatex_safe(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("習近平", "[U+7FD2][U+8FD1][U+5E73]"),
    ("윤석열", "[U+C724][U+C11D][U+C5F4]"),
    ("emoji 😀", "emoji [U+1F600]"),
])
def test_pdflatex_safe_labels_characters_outside_the_fonts(text, expected):
    assert pdflatex_safe(text) == expected


@pytest.mark.parametrize(("symbol", "command"), [
    ("≠", r"\ensuremath{\neq}"), ("→", r"\ensuremath{\rightarrow}"),
    ("▲", r"\ensuremath{\blacktriangle}"), ("▼", r"\ensuremath{\blacktriangledown}"),
])
def test_latex_escape_sets_symbols_pdflatex_has_as_commands(symbol, command):
    assert latex_escape(f"a {symbol} b") == f"a {command} b"


def test_pdflatex_safe_keeps_symbols_that_have_a_latex_command():
    assert pdflatex_safe("start ≠ end → ▲") == "start ≠ end → ▲"


def test_pdflatex_safe_labels_characters_pdflatex_cannot_set():
    text = "\u2023\u201b\u0127\u017f"
    assert pdflatex_safe(text) == "".join(f"[U+{ord(c):04X}]" for c in text)


def test_the_vega_bundle_is_built_once_and_then_read_from_the_build_folder(monkeypatch,
                                                                          tmp_path):
    import vl_convert

    calls = []
    monkeypatch.setattr(display, "chart_data_folder", lambda: tmp_path / ".book-static" / "d")
    monkeypatch.setattr(vl_convert, "javascript_bundle",
                        lambda: calls.append(1) or "/* bundle */")
    assert display.javascript_bundle() == "/* bundle */"
    assert display.javascript_bundle() == "/* bundle */"
    assert calls == [1]
    assert not (tmp_path / ".book-static").exists()  # not among the files the book serves

"""Show charts and tables in a notebook so that each builder picks a safe format.

HTML gets an interactive Vega-Embed chart (scripts shipped with the book) and an
itables table; the PDF gets a PNG made offline by vl-convert and a LaTeX table. Article
text is untrusted: the chart spec is JSON with ``<``, ``>``, ``&`` escaped so it cannot
close the ``<script>`` block, and table cells are HTML- or LaTeX-escaped.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import altair as alt
import pandas as pd

_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                     "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_safe_json(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _UNSAFE_IN_SCRIPT[m.group()], text)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "chart"


class ChartOutput:
    """A chart for the book: interactive HTML, a PNG for the PDF, a text description."""

    def __init__(self, chart: alt.TopLevelMixin, name: str, description: str):
        self.spec = chart.to_dict()
        self.name = _slug(name)
        self.description = description

    def html(self) -> str:
        element = f"tt-chart-{self.name}"
        label = html.escape(self.description, quote=True)
        options = {"actions": {"export": True, "source": False, "compiled": False,
                               "editor": False}, "renderer": "svg"}
        return (
            f'<figure class="tt-chart" id="{element}-figure">'
            f'<div id="{element}" class="tt-chart-canvas" role="img" aria-label="{label}"></div>'
            f'<figcaption class="tt-chart-description">{label}</figcaption>'
            "<script>(function(){"
            f"var spec = {script_safe_json(self.spec)};"
            f"var options = {script_safe_json(options)};"
            f"vegaEmbed('#{element}', spec, options).catch(function(err){{console.error(err);}});"
            "})();</script></figure>"
        )

    def png(self) -> bytes:
        import vl_convert

        return vl_convert.vegalite_to_png(self.spec, scale=2)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return {"text/html": self.html(), "image/png": self.png(), "text/plain": self.description}


def chart_output(chart: alt.TopLevelMixin, name: str) -> ChartOutput:
    """Wrap an Altair chart whose ``description`` property holds its text description."""
    description = chart.to_dict().get("description") or ""
    if not description:
        raise ValueError(f"chart {name!r} has no description for screen readers")
    return ChartOutput(chart, name, description)


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                  "#": r"\#", "^": r"\textasciicircum{}", "_": r"\_", "~": r"\textasciitilde{}",
                  "%": r"\%", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}


def latex_escape(text: str) -> str:
    from tradetalks.publish.latex import pdflatex_safe

    # allow breaks inside very long words so they cannot run off the page: the break points
    # go between source characters, before escaping, so no escape sequence is split
    safe = pdflatex_safe(str(text))
    out: list[str] = []
    run = 0
    for ch in safe:
        run = 0 if ch.isspace() else run + 1
        if run > 30 and run % 30 == 1:
            out.append("\\allowbreak{}")
        out.append(_LATEX_SPECIAL.get(ch, ch))
        if ch in "_-;/|" and run >= 12:
            out.append("\\allowbreak{}")  # long identifiers (measure ids) may break here
            run = 0
    return "".join(out)


class TableOutput:
    """A table: itables (escaped) in HTML, a LaTeX longtable in the PDF."""

    def __init__(self, frame: pd.DataFrame, caption: str, widths: dict[str, float] | None = None):
        self.frame = frame
        self.caption = caption
        self.widths = widths or {}

    def html(self) -> str:
        from itables import to_html_datatable

        frame = self.frame.astype(str).replace({"nan": "", "None": ""})
        options = {"paging": len(frame) > 25, "pageLength": 25, "scrollX": True}
        table = to_html_datatable(frame, connected=False, allow_html=False, maxBytes=0,
                                  classes="display compact", **options)
        caption = html.escape(self.caption)
        return f'<p class="tt-table-caption"><em>{caption}</em></p>{table}'

    def latex(self) -> str:
        columns = list(self.frame.columns)
        total = sum(self.widths.get(c, 1.0) for c in columns)
        spec = "".join(
            rf">{{\raggedright\arraybackslash}}p{{{0.86 * self.widths.get(c, 1.0) / total:.3f}"
            r"\linewidth}" for c in columns
        )
        lines = [r"\begin{footnotesize}", r"\setlength{\tabcolsep}{3pt}",
                 rf"\begin{{longtable}}{{{spec}}}",
                 rf"\caption*{{{latex_escape(self.caption)}}}\\", r"\hline",
                 " & ".join(rf"\textbf{{{latex_escape(c)}}}" for c in columns) + r" \\ \hline",
                 r"\endhead"]
        for row in self.frame.itertuples(index=False):
            cells = ["" if pd.isna(v) else latex_escape(v) for v in row]
            lines.append(" & ".join(cells) + r" \tabularnewline")
        lines += [r"\hline", r"\end{longtable}", r"\end{footnotesize}"]
        return "\n".join(lines)

    def markdown(self) -> str:
        """The LaTeX table inside a MyST raw block, which only the PDF builder uses (the
        HTML builder prefers text/html). The fence is longer than any backtick run in
        the content, so article text cannot close it."""
        body = self.latex()
        longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}{{raw}} latex\n{body}\n{fence}\n"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return {"text/html": self.html(), "text/markdown": self.markdown(),
                "text/plain": self.frame.to_string(max_rows=20, max_colwidth=40)}


def table_output(frame: pd.DataFrame, caption: str, **widths: float) -> TableOutput:
    return TableOutput(frame.reset_index(drop=True), caption, widths)

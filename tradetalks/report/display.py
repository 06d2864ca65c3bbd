"""Show charts and tables in a notebook so that each builder picks a safe format.

HTML gets an interactive Vega-Embed chart (scripts shipped with the book) and an
itables table; the PDF gets a PNG made offline by vl-convert and a LaTeX table. Article
text is untrusted: the chart spec is JSON with ``<``, ``>``, ``&`` escaped so it cannot
close the ``<script>`` block, and table cells are HTML- or LaTeX-escaped.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from tradetalks.publish.output import write_atomic
from tradetalks.report import BOOK_ENV, VEGALITE_MIME

_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                     "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_safe_json(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _UNSAFE_IN_SCRIPT[m.group()], text)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "chart"


PNG_WIDTH = 640  # charts that follow the page's width are drawn this wide in the PDF
_BUNDLE_SHOWN = False
def in_book() -> bool:
    return os.environ.get(BOOK_ENV) == "1"


def javascript_bundle() -> str:
    """vl-convert's offline bundle of Vega, Vega-Lite and Vega-Embed. Building it takes
    about two seconds, which every chapter with a chart paid again; it is kept in the
    build folder per vl-convert version, so one build builds it once."""
    import vl_convert

    # under _build but outside .book-static, whose files the book serves
    path = chart_data_folder().parents[1] / ".vega" / f"bundle-{vl_convert.__version__}.js"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    bundle = vl_convert.javascript_bundle()
    try:
        write_atomic(path, bundle.encode("utf-8"))
    except OSError:
        pass  # a read-only checkout still gets its charts, built each time
    return bundle


def vega_library() -> str:
    """Vega, Vega-Lite and Vega-Embed (vl-convert's offline bundle) as one inline script,
    emitted once per kernel with the first chart of a notebook run outside the book (whose
    pages load it as a static file), so its charts draw offline. Charts drawn before it
    wait for its event."""
    bundle = javascript_bundle().replace("</script", "<\\/script")
    return ("<script>if (!window.vegaEmbed) {(function(){\n" + bundle + "\n})();}"
            "window.dispatchEvent(new Event('tt-vega-ready'));</script>")


def _bundle_once() -> str:
    global _BUNDLE_SHOWN
    if _BUNDLE_SHOWN or in_book():
        return ""
    _BUNDLE_SHOWN = True
    return vega_library()


def _fixed_width(spec: Any) -> Any:
    """The spec with every ``width: "container"`` replaced by PNG_WIDTH (no container in a
    PNG)."""
    if isinstance(spec, dict):
        return {k: PNG_WIDTH if (k == "width" and v == "container") else _fixed_width(v)
                for k, v in spec.items()}
    if isinstance(spec, list):
        return [_fixed_width(v) for v in spec]
    return spec


def chart_data_folder() -> Path:
    """Where each chart's data is written as CSV, served beside the HTML as
    ``_static/chart-data/`` (the Sphinx extension adds the folder to the static files)."""
    from tradetalks.report.book import book_root

    return book_root() / "_build" / ".book-static" / "chart-data"


class ChartOutput:
    """A chart for the book: interactive HTML (Vega-Embed), the Vega-Lite spec for
    JupyterLab, a PNG for the PDF, a text description, and its data as CSV."""

    def __init__(self, chart: alt.TopLevelMixin | dict, name: str, description: str,
                 data: pd.DataFrame | None = None):
        self.spec = chart if isinstance(chart, dict) else chart.to_dict()
        self.name = _slug(name)
        self.description = description
        self.data = data
        if data is not None:
            folder = chart_data_folder()
            folder.mkdir(parents=True, exist_ok=True)
            data.to_csv(folder / f"{self.name}.csv", index=False, lineterminator="\n")

    def html(self) -> str:
        element = f"tt-chart-{self.name}"
        label = html.escape(self.description, quote=True)
        options = {"actions": {"export": True, "source": False, "compiled": False,
                               "editor": False}, "renderer": "svg"}
        link = (f'<p class="tt-chart-data">Data: <a href="../_static/chart-data/{self.name}.csv"'
                f' download>{self.name}.csv</a></p>' if self.data is not None else "")
        return (
            f'{_bundle_once()}<figure class="tt-chart" id="{element}-figure">'
            f'<div id="{element}" class="tt-chart-canvas" role="img" aria-label="{label}"></div>'
            f'<details class="tt-chart-description"><summary>Text description</summary>'
            f"{label}</details>{link}"
            "<script>(function(){"
            f"var spec = {script_safe_json(self.spec)};"
            f"var options = {script_safe_json(options)};"
            "function draw(){"
            f"vegaEmbed('#{element}', spec, options).catch(function(err){{console.error(err);}});"
            "}"
            "if (window.vegaEmbed) { draw(); } else {"
            " window.addEventListener('tt-vega-ready', draw, {once: true}); }"
            "})();</script></figure>"
        )

    def png(self) -> bytes:
        return spec_png(self.spec)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        """HTML for the web, the spec for JupyterLab and the PDF (the Sphinx extension
        draws the PNG while the PDF is written), and the description as text."""
        return {"text/html": self.html(), VEGALITE_MIME: self.spec,
                "text/plain": self.description}


def spec_png(spec: dict) -> bytes:
    """A chart's PNG for the PDF: the spec at a fixed width (no container), twice the
    resolution."""
    import vl_convert

    return vl_convert.vegalite_to_png(_fixed_width(spec), scale=2)


def chart_output(chart: alt.TopLevelMixin, name: str,
                 data: pd.DataFrame | None = None,
                 datasets: dict | None = None) -> ChartOutput:
    """Wrap an Altair chart whose ``description`` property holds its text description;
    ``data`` (default: the chart's own table) is published as the chart's CSV;
    ``datasets`` are named inline datasets the chart refers to, added to the spec after
    Altair has validated it (a map's TopoJSON: Altair would copy and walk it value by
    value)."""
    spec = chart.to_dict()  # validates the spec: once, not once more for the output
    if datasets:
        spec.setdefault("datasets", {}).update(datasets)
    description = spec.get("description") or ""
    if not description:
        raise ValueError(f"chart {name!r} has no description for screen readers")
    if data is None:
        data = chart_table(chart)
    return ChartOutput(spec, name, description, data)


def chart_table(chart: alt.TopLevelMixin) -> pd.DataFrame | None:
    """The table a chart draws: its own data, else its largest layer's."""
    if isinstance(getattr(chart, "data", None), pd.DataFrame):
        return chart.data
    layers = [getattr(layer, "data", None) for layer in getattr(chart, "layer", [])]
    frames = [f for f in layers if isinstance(f, pd.DataFrame)]
    inner = getattr(chart, "spec", None)
    if not frames and inner is not None:
        return chart_table(inner)
    return max(frames, key=len) if frames else None


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                  "#": r"\#", "^": r"\textasciicircum{}", "_": r"\_", "~": r"\textasciitilde{}",
                  "%": r"\%", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}


def latex_escape(text: str) -> str:
    from tradetalks.publish.latex import latex_symbol, pdflatex_safe

    # allow breaks inside long tokens (identifiers, hashes) so they cannot run into the next
    # column: after '_', '-', ';', '/', '|', ':' and every 10 characters of a token longer
    # than 12. Break points go between source characters, before escaping, so no escape
    # sequence is split.
    out: list[str] = []
    for token in re.split(r"(\s+)", str(text)):
        long_token = len(token) > 12
        run = 0
        for ch in token:
            run += 1
            if long_token and run > 10:
                out.append("\\allowbreak{}")
                run = 1
            safe = pdflatex_safe(ch)  # a character, or its [U+XXXX] label
            out.append(latex_symbol(ch) or "".join(_LATEX_SPECIAL.get(c, c) for c in safe))
            if long_token and ch in "_-;/|:":
                out.append("\\allowbreak{}")
                run = 0
    return "".join(out)


_LIBRARY_SHOWN = False


def table_library() -> str:
    """itables' own offline loader (``init_notebook_mode(connected=False)``), captured as
    HTML: it inlines the DataTables bundle, so tables load from ``file://``, over http and
    in JupyterLab with no network. Emitted once per kernel, with the first table, outside
    the book (its pages load the library as a static file)."""
    from IPython.utils.capture import capture_output
    from itables import init_notebook_mode

    with capture_output() as captured:
        init_notebook_mode(all_interactive=False, connected=False)
    return "".join(output.data.get("text/html", "") for output in captured.outputs)


def _library_once() -> str:
    global _LIBRARY_SHOWN
    if _LIBRARY_SHOWN or in_book():
        return ""
    _LIBRARY_SHOWN = True
    return table_library()


class TableOutput:
    """A table: itables (escaped) in HTML, a LaTeX longtable in the PDF.

    In HTML every column stays inside the page (no horizontal scroll): long text wraps
    and long identifiers may break anywhere; ``widths`` give each column's share of the
    PDF's line."""

    def __init__(self, frame: pd.DataFrame, caption: str, widths: dict[str, float] | None = None):
        self.frame = frame
        self.caption = caption
        self.widths = widths or {}

    def _column_defs(self) -> list[dict]:
        """Each column's share of the page, as in the PDF (the table's layout is fixed, so a
        column keeps its share whatever its longest word); columns holding long unbroken
        tokens (identifiers, lists joined by ';') may break anywhere."""
        columns = list(self.frame.columns)
        total = sum(self.widths.get(c, 1.0) for c in columns)
        defs = [{"targets": i, "width": f"{100 * self.widths.get(c, 1.0) / total:.1f}%"}
                for i, c in enumerate(columns)]
        ids = [i for i, c in enumerate(columns)
               if self.frame[c].astype(str).str.contains(r"[^\s]{19,}", regex=True).any()]
        return defs + ([{"targets": ids, "className": "tt-id"}] if ids else [])

    def html(self) -> str:
        from itables import to_html_datatable

        frame = self.frame.astype(str).replace({"nan": "", "None": ""})
        options = {"paging": len(frame) > 50, "pageLength": 50, "autoWidth": False,
                   "columnDefs": self._column_defs(), "style": "width:100%"}
        table = to_html_datatable(frame, connected=False, allow_html=False, maxBytes=0,
                                  classes="display compact tt-table", **options)
        caption = html.escape(self.caption)
        return (f'{_library_once()}<p class="tt-table-caption"><em>{caption}</em></p>'
                f'{table}')

    def latex(self) -> str:
        columns = list(self.frame.columns)
        total = sum(self.widths.get(c, 1.0) for c in columns)
        spec = "".join(
            rf">{{\raggedright\arraybackslash}}p{{{0.86 * self.widths.get(c, 1.0) / total:.3f}"
            r"\linewidth}" for c in columns
        )
        lines = [r"\begin{footnotesize}", r"\setlength{\tabcolsep}{3pt}",
                 rf"\begin{{longtable}}{{{spec}}}",
                 rf"\caption{{{latex_escape(self.caption)}}}\\", r"\hline",
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

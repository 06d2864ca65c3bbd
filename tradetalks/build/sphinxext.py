"""Sphinx hooks for the book: a style sheet, no remote scripts, and a PDF buildable with
any script.

* HTML: the book's style sheet and each chart's CSV are static files; scripts from other
  hosts are dropped (the chart and table libraries are inlined by the notebooks' outputs).
* LaTeX: pdflatex cannot typeset CJK or other scripts outside its fonts. Characters it
  cannot set are replaced, in the LaTeX output only, by a visible ``[U+XXXX]`` code.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from tradetalks.publish.latex import pdflatex_safe

STYLE_NAME = "tradetalks.css"
# Tables stay inside the text column: cells wrap, identifiers break anywhere; charts take
# the column's width.
STYLE = """\
table.tt-table { width: 100% !important; }
table.tt-table th, table.tt-table td { white-space: normal !important;
  overflow-wrap: break-word; vertical-align: top; font-size: 0.85em; padding: 4px 5px; }
table.tt-table td.tt-id { overflow-wrap: anywhere; }
table.tt-table th { hyphens: manual; }
.tt-table-caption { margin-bottom: 0.2em; }
figure.tt-chart { width: 100%; margin: 1em 0; }
.tt-chart-canvas { width: 100%; }
.tt-chart-canvas .vega-embed { width: 100%; }
.tt-chart-data { font-size: 0.85em; }
"""


def _write_static(app: Sphinx, config) -> None:
    """Write the book's style sheet into the static folder (which also receives each
    chart's CSV). The Vega and DataTables libraries need no file: each page's first chart
    and first table carry them inline, so pages work from ``file://``."""
    folder = Path(app.srcdir) / "_build" / ".book-static"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STYLE_NAME).write_text(STYLE, encoding="utf-8")
    # The report typesets no mathematics; a stub stands in for MathJax, which myst-nb would
    # otherwise load on every page from a CDN.
    (folder / "mathjax-off.js").write_text("/* no mathematics in this book */\n")
    config.mathjax_path = "mathjax-off.js"
    config.html_static_path = [*config.html_static_path, str(folder)]


def _offline_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Drop scripts loaded from other hosts (MathJax, thebe) and duplicated inline scripts."""
    scripts = context.get("script_files")
    if not scripts:
        return
    kept, seen = [], set()
    for script in scripts:
        name = str(getattr(script, "filename", script) or "")
        body = getattr(script, "attributes", {}).get("body", "")
        if name.startswith(("http://", "https://", "//")):
            continue
        key = (name, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def _latex_safe(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    for node in list(doctree.findall(nodes.Text)):
        safe = pdflatex_safe(str(node))
        if safe != str(node):
            node.parent.replace(node, nodes.Text(safe))
    for node in doctree.findall(nodes.raw):
        if "latex" in node.get("format", ""):
            text = node.astext()
            safe = pdflatex_safe(text)
            if safe != text:
                node.children = [nodes.Text(safe)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _write_static)
    app.add_css_file(STYLE_NAME)
    app.connect("html-page-context", _offline_page, priority=900)
    app.connect("doctree-resolved", _latex_safe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

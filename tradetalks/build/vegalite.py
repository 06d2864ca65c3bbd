"""Charts in the PDF, drawn from their Vega-Lite spec when the LaTeX builder writes them.

A chart's notebook output carries its interactive HTML and its Vega-Lite spec. The PNG
copy only the PDF uses was drawn in every kernel of every build, HTML-only builds
included; now myst-nb keeps the spec in the doctree (:class:`VegaLiteSpec`, a myst-nb MIME
renderer registered under the ``myst_nb.mime_renderers`` entry point in
``pyproject.toml``), the LaTeX builder ranks the spec above text, and :func:`draw_charts`
turns each kept spec into a PNG beside the ``.tex`` while the PDF is written.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from tradetalks.report import VEGALITE_MIME

CHART_FOLDER = "charts"  # beside the .tex, where pdflatex runs


class vegalite_spec(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A chart's Vega-Lite spec (JSON text in ``spec``), drawn only by the LaTeX builder;
    every other builder picks another form of the output, or skips it."""


class VegaLiteSpec:
    """myst-nb MIME renderer: the spec becomes a :class:`vegalite_spec` node, which the
    LaTeX builder prefers to the chart's text description (HTML keeps its own order)."""

    mime_priority_overrides = [("latex", VEGALITE_MIME, 15)]

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if inline or data.mime_type != VEGALITE_MIME:
            return None
        spec = data.content if isinstance(data.content, str) else json.dumps(
            data.content, sort_keys=True)
        node = vegalite_spec()
        node["spec"] = spec
        return [node]


def draw_charts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """LaTeX only: each spec the builder kept becomes a PNG file (named by its content)
    and an image node."""
    if app.builder.format != "latex":
        return
    from tradetalks.report.display import spec_png  # pandas and Altair: the PDF only

    for node in list(doctree.findall(vegalite_spec)):
        png = spec_png(json.loads(node["spec"]))
        name = f"chart-{hashlib.sha256(png).hexdigest()[:16]}.png"
        folder = Path(app.builder.outdir) / CHART_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(png)
        uri = f"{CHART_FOLDER}/{name}"
        node.replace_self(nodes.image(uri=uri, candidates={"*": uri}))


def _skip(self, node) -> None:
    raise nodes.SkipNode


def setup_charts(app: Sphinx) -> None:
    app.add_node(vegalite_spec, html=(_skip, None), latex=(_skip, None),
                 text=(_skip, None))
    app.connect("doctree-resolved", draw_charts)

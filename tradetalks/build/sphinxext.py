"""Sphinx hooks for the book: ship Vega offline, keep the PDF buildable with any script.

* HTML: the Vega, Vega-Lite and Vega-Embed libraries come from vl-convert-python's
  bundle, written once into ``_build/.vega/`` and served as a static file, so the book
  renders with no network.
* LaTeX: pdflatex cannot typeset CJK or other scripts outside its fonts. Characters it
  cannot set are replaced, in the LaTeX output only, by a visible ``[U+XXXX]`` code.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from tradetalks.publish.latex import pdflatex_safe

BUNDLE_NAME = "vega-bundle.js"

ITABLES_LOADER = "itables-loader.js"


def _write_static(app: Sphinx, config) -> None:
    """Write the Vega bundle and the itables DataTables bundle into a static folder."""
    import itables
    import vl_convert

    folder = Path(app.srcdir) / "_build" / ".book-static"
    folder.mkdir(parents=True, exist_ok=True)
    versions = (f"vega {vl_convert.get_vega_version()}, vega-embed "
                f"{vl_convert.get_vega_embed_version()}, itables {itables.__version__}")
    stamp = Path(app.srcdir) / "_build" / ".book-static.version"
    if not stamp.exists() or stamp.read_text() != versions:
        # wrapped in a function so the bundle's top-level names cannot clash with the theme's
        bundle = "(function(){\n" + vl_convert.javascript_bundle() + "\n})();\n"
        (folder / BUNDLE_NAME).write_text(bundle, encoding="utf-8")
        source = Path(itables.__file__).parent / "html"
        for name in ("dt_bundle.js", "dt_bundle.css"):
            (folder / name).write_bytes((source / name).read_bytes())
        variable = "_itables_" + itables.__version__.replace(".", "_")
        (folder / ITABLES_LOADER).write_text(
            "(function () {\n"
            "  var base = document.currentScript.src.replace(/[^/]*$/, '');\n"
            f"  window.{variable} = import(base + 'dt_bundle.js');\n"
            f"  window.{variable}.then(function () {{\n"
            "    window.dispatchEvent(new Event('itables-version-ready'));\n"
            "  });\n"
            "})();\n",
            encoding="utf-8",
        )
        stamp.write_text(versions)
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
    app.add_js_file(BUNDLE_NAME)
    app.add_js_file(ITABLES_LOADER)
    app.add_css_file("dt_bundle.css")
    app.connect("html-page-context", _offline_page, priority=900)
    app.connect("doctree-resolved", _latex_safe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

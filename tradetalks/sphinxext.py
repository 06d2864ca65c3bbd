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

BUNDLE_NAME = "vega-bundle.js"

# Characters pdflatex sets with inputenc utf8 + T1 fonts, as used by Sphinx's LaTeX writer.
_PDFLATEX_RANGES = ((0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027),
                    (0x2030, 0x203A), (0x20AC, 0x20AC), (0x2122, 0x2122))


def pdflatex_safe(text: str) -> str:
    """Replace characters pdflatex cannot typeset by a visible code point label."""
    def ok(ch: str) -> bool:
        code = ord(ch)
        return any(lo <= code <= hi for lo, hi in _PDFLATEX_RANGES)

    if all(ok(ch) for ch in text):
        return text
    return "".join(ch if ok(ch) else f"[U+{ord(ch):04X}]" for ch in text)


def _write_bundle(app: Sphinx, config) -> None:
    import vl_convert

    folder = Path(app.srcdir) / "_build" / ".vega"
    versions = f"{vl_convert.get_vega_version()}-{vl_convert.get_vega_embed_version()}"
    target = folder / BUNDLE_NAME
    stamp = folder / "VERSION"
    if not target.exists() or not stamp.exists() or stamp.read_text() != versions:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(vl_convert.javascript_bundle(), encoding="utf-8")
        tmp.replace(target)
        stamp.write_text(versions)
    config.html_static_path = [*config.html_static_path, str(folder)]


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
    app.connect("config-inited", _write_bundle)
    app.add_js_file(BUNDLE_NAME)
    app.connect("doctree-resolved", _latex_safe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx hooks for the book: a style sheet, no remote scripts, and a PDF buildable with
any script.

* HTML: the book's style sheet, each chart's CSV and the chart and table libraries are
  static files (the libraries loaded only by pages with a chart or a table); scripts from
  other hosts are dropped.
* LaTeX: pdflatex cannot typeset CJK or other scripts outside its fonts. Characters it
  cannot set are replaced, in the LaTeX output only, by a visible ``[U+XXXX]`` code.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from tradetalks.build.libraries import (
    STATIC_FOLDER,
    libraries_present,
    page_libraries,
    write_libraries,
)
from tradetalks.build.vegalite import setup_charts
from tradetalks.publish.latex import latex_symbol, pdflatex_safe
from tradetalks.report import BOOK_ENV

STYLE_NAME = "tradetalks.css"
# Tables stay inside the text column: the layout is fixed, each column taking the share of
# the width its table gives it (as in the PDF), so no column hides behind a scroll; cells
# wrap at spaces, and a word breaks only where it is wider than its column. Charts take
# the column's width.
STYLE = """\
table.tt-table { width: 100% !important; table-layout: fixed; }
table.tt-table th, table.tt-table td { white-space: normal !important;
  overflow-wrap: anywhere; vertical-align: top; font-size: 0.75em;
  padding: 3px 3px !important; }
table.tt-table th { padding-right: 12px !important; }
.tt-table-caption { margin-bottom: 0.2em; }
.tt-table-caption .caption-number { font-weight: bold; font-style: normal; }
figure.tt-chart { width: 100%; margin: 1em 0; }
.tt-chart-canvas { width: 100%; }
.tt-chart-canvas .vega-embed { width: 100%; }
.tt-chart-data { font-size: 0.85em; }
"""


def _citation(root: Path, config, release: str, built: str) -> tuple[str, str]:
    """Authors and a citation line: from ``CITATION.cff`` when the repository has one,
    else from the book's configured author and title."""
    import yaml

    cff_path = root / "CITATION.cff"
    cff = yaml.safe_load(cff_path.read_text(encoding="utf-8")) if cff_path.is_file() else {}
    cff = cff if isinstance(cff, dict) else {}
    names = [" ".join(filter(None, (a.get("given-names"), a.get("family-names"))))
             or a.get("name", "") for a in cff.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in names if n]
    authors = (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else
               (names[0] if names else str(config.author)))
    title = cff.get("title") or getattr(config, "html_title", "") or config.project
    version = cff.get("version") or release
    year = str(cff.get("date-released") or built)[:4]
    where = cff.get("doi") and f"https://doi.org/{cff['doi']}" or cff.get("url") or \
        cff.get("repository-code") or ""
    citation = f"{authors} ({year}). *{title}*. Version {version}." + (f" {where}" if where
                                                                       else "")
    return authors, citation


def _edition(app: Sphinx, config) -> None:
    """Version (the package's) and build date (SOURCE_DATE_EPOCH if set, for a
    reproducible build) on the PDF's title page and in the HTML footer."""
    import datetime as dt
    import os

    from tradetalks import __version__ as release  # the source's, not an install's record

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = (dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch
             else dt.date.today()).isoformat()
    config.release = config.version = release
    config.today = built
    authors, citation = _citation(Path(app.srcdir), config, release, built)
    config.myst_substitutions = {**(config.myst_substitutions or {}), "version": release,
                                 "built": built, "authors": authors, "citation": citation}
    options = dict(config.html_theme_options or {})
    footer = options.get("extra_footer", "")
    options["extra_footer"] = f"<p>Version {release}, built {built}.</p>" + footer
    config.html_theme_options = options


def _write_static(app: Sphinx, config) -> None:
    """Write the book's style sheet into the static folder (which also receives each
    chart's CSV and, for HTML, the libraries), and tell the kernels this process starts
    (myst-nb's, for a chapter the pre-execution left out) to leave the libraries to it."""
    os.environ[BOOK_ENV] = "1"
    folder = static_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STYLE_NAME).write_text(STYLE, encoding="utf-8")
    # The report typesets no mathematics; a stub stands in for MathJax, which myst-nb would
    # otherwise load on every page from a CDN.
    (folder / "mathjax-off.js").write_text("/* no mathematics in this book */\n")
    config.mathjax_path = "mathjax-off.js"
    config.html_static_path = [*config.html_static_path, str(folder)]


def static_folder(app: Sphinx) -> Path:
    return Path(app.srcdir) / STATIC_FOLDER


def _write_libraries(app: Sphinx) -> None:
    """The libraries, when the book's preparation has not written them (a build run
    without `make`); writing them imports pandas and itables, a second of every build."""
    if app.builder.format == "html" and not libraries_present(static_folder(app)):
        write_libraries(static_folder(app))


def _page_libraries(app: Sphinx, pagename: str, templatename: str, context: dict,
                    doctree) -> None:
    """Load Vega on pages with a chart, DataTables on pages with a table."""
    scripts, styles = page_libraries(context.get("body", ""))
    for name in scripts:
        app.add_js_file(name)
    for name in styles:
        app.add_css_file(name)


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


def _latex_pieces(text: str) -> list[nodes.Node]:
    """Text nodes for what pdflatex sets as text, raw LaTeX for symbols it sets as commands."""
    pieces: list[nodes.Node] = []
    run = []
    for ch in pdflatex_safe(text):
        command = latex_symbol(ch)
        if command is None:
            run.append(ch)
            continue
        if run:
            pieces.append(nodes.Text("".join(run)))
            run = []
        pieces.append(nodes.raw("", command, format="latex"))
    if run:
        pieces.append(nodes.Text("".join(run)))
    return pieces


def _latex_structure(app: Sphinx, doctree: nodes.document) -> None:
    """In the PDF: the root page's text under an "Introduction" heading (Sphinx uses its
    title as the book's title), and a part per caption of the table of contents
    ("Findings", "Data and methods", "Appendix") before the chapters it lists."""
    sections = list(doctree.findall(nodes.section))
    if sections:
        heading = nodes.raw("", "\\chapter*{Introduction}\\addcontentsline{toc}{chapter}"
                            "{Introduction}\\markboth{Introduction}{Introduction}",
                            format="latex")
        title = sections[0].next_node(nodes.title)
        title_index = sections[0].index(title) if title is not None else -1
        sections[0].insert(title_index + 1, heading)
    site_map = getattr(app.config, "external_site_map", None)
    captions = [tree.caption for tree in site_map.root.subtrees] if site_map else []
    wrappers = [n for n in doctree.findall(nodes.compound) if "toctree-wrapper" in n["classes"]]
    for wrapper, caption in zip(wrappers, captions, strict=False):
        if caption:
            part = nodes.raw("", f"\\part{{{caption}}}", format="latex")
            wrapper.parent.insert(wrapper.parent.index(wrapper), part)


def _latex_safe(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    if docname == app.config.root_doc:
        _latex_structure(app, doctree)
    for node in list(doctree.findall(nodes.Text)):
        if isinstance(node.parent, nodes.raw):
            continue  # below
        if isinstance(node.parent, (nodes.literal_block, nodes.literal)):
            # code is set verbatim: a symbol cannot become a command there
            safe = "".join(f"[U+{ord(c):04X}]" if latex_symbol(c) else c
                           for c in pdflatex_safe(str(node)))
            if safe != str(node):
                node.parent.replace(node, nodes.Text(safe))
            continue
        pieces = _latex_pieces(str(node))
        if len(pieces) != 1 or str(pieces[0]) != str(node):
            node.parent.replace(node, pieces)
    for node in doctree.findall(nodes.raw):
        if "latex" in node.get("format", ""):
            text = node.astext()
            safe = "".join(latex_symbol(c) or c for c in pdflatex_safe(text))
            if safe != text:
                node.children = [nodes.Text(safe)]


CAPTION_MARK = '<p class="tt-table-caption"><em>'


class numbered_table(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A notebook's interactive table, numbered as a table ("Table 3") like the PDF's."""


def _table_title(node: numbered_table) -> str:
    import html
    import re

    found = re.search(r'class="tt-table-caption"><em>(.*?)</em>', node["html"], flags=re.S)
    return html.unescape(found.group(1)) if found else ""


def _wrap_tables(app: Sphinx, doctree: nodes.document) -> None:
    """Wrap each table output (raw HTML with the book's table caption) in a node that Sphinx
    numbers with the figures' machinery (HTML only: the PDF's longtables number
    themselves)."""
    if app.builder.format != "html":
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "") and CAPTION_MARK in raw.astext():
            wrapper = numbered_table()
            wrapper["html"] = raw.astext()
            doctree.set_id(wrapper)
            raw.replace_self(wrapper)


def _visit_numbered_table(self, node: numbered_table) -> None:
    start = len(self.body)
    self.add_fignumber(node)
    number = "".join(self.body[start:])
    del self.body[start:]
    self.body.append(f'<div class="tt-table-output" id="{node["ids"][0]}">')
    self.body.append(node["html"].replace(
        CAPTION_MARK, '<p class="tt-table-caption">' + number + "<em>", 1))
    self.body.append("</div>")
    raise nodes.SkipNode


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _register_bibliography_styles() -> None:
    """A pybtex style 'tradetalks' whose labels are the entries' keys: the corpus articles
    are cited by the ids the tables use ([000_f0553b9f172be4ab]), not by a number, and
    listed in the order of those ids, where a reader looking one up expects it."""
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting.plain import Style as PlainStyle
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.sorting import BaseSortingStyle

    class KeyLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            for entry in sorted_entries:
                yield entry.key

    class KeySorting(BaseSortingStyle):
        def sorting_key(self, entry):
            return entry.key

    class KeyLabelStyle(PlainStyle):
        default_label_style = "tradetalks-keys"
        default_sorting_style = "tradetalks-keys"

    register_plugin("pybtex.style.labels", "tradetalks-keys", KeyLabels, force=True)
    register_plugin("pybtex.style.sorting", "tradetalks-keys", KeySorting, force=True)
    register_plugin("pybtex.style.formatting", "tradetalks", KeyLabelStyle, force=True)


def setup(app: Sphinx) -> dict:
    _register_bibliography_styles()
    app.add_enumerable_node(numbered_table, "table", _table_title,
                            html=(_visit_numbered_table, None), latex=(_skip, None),
                            text=(_skip, None))
    app.connect("doctree-read", _wrap_tables)
    app.connect("config-inited", _edition, priority=400)
    app.connect("config-inited", _write_static)
    app.add_css_file(STYLE_NAME)
    app.connect("builder-inited", _write_libraries)
    app.connect("html-page-context", _page_libraries)
    app.connect("html-page-context", _offline_page, priority=900)
    app.connect("doctree-resolved", _latex_safe)
    setup_charts(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

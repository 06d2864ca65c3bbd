"""The chart and table libraries as the book's own static files, loaded by the pages that
need them.

A notebook opened on its own (JupyterLab, Binder) carries Vega and DataTables inline
with its first chart and first table (`tradetalks.report.display`), because it has no
other way to have them offline. In the book that made every chapter page weigh about
2 MB, the same libraries copied into each, and every kernel of a build sent them through
its output. The book build therefore tells its kernels to leave them out
(``TALKING_TRADE_BOOK=1``), writes them once into the static folder, and adds them to
each page holding a chart or a table. Both are classic scripts, so the pages still work
from ``file://``: Vega-Embed defines ``window.vegaEmbed``; the DataTables bundle, an ES
module, is imported from a ``blob:`` URL exactly as itables' own offline loader does
(Chromium refuses to import a module from ``file://``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tradetalks.publish.output import write_atomic
from tradetalks.report import BOOK_ENV

STATIC_FOLDER = Path("_build") / ".book-static"  # served as the book's _static
VEGA_SCRIPT = "tt-vega.js"
TABLE_SCRIPT = "tt-datatables.js"
TABLE_STYLE = "tt-datatables.css"


@contextmanager
def book_kernels() -> Iterator[None]:
    """Kernels started inside this block leave the libraries to the book's pages."""
    before = os.environ.get(BOOK_ENV)
    os.environ[BOOK_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(BOOK_ENV, None)
        else:
            os.environ[BOOK_ENV] = before


def vega_script() -> str:
    """Vega, Vega-Lite and Vega-Embed (vl-convert's offline bundle); charts drawn before it
    loads wait for its event."""
    from tradetalks.report.display import javascript_bundle

    return ("if (!window.vegaEmbed) {(function(){\n" + javascript_bundle() + "\n})();}\n"
            "window.dispatchEvent(new Event('tt-vega-ready'));\n")


def _itables_global() -> tuple[str, str]:
    """The promise an itables table awaits and the event it listens for (itables names
    both after its version)."""
    from itables import __version__

    return (f"_itables_{__version__.replace('.', '_').replace('-', '_')}",
            f"itables-{__version__}-ready")


def _datatables_bundle() -> Path:
    """itables' DataTables bundle (its documented ``dt_bundle`` option); the style sheet
    sits beside it."""
    from itables import options

    return Path(options.dt_bundle)


def datatables_script() -> str:
    """itables' DataTables bundle, imported once from a ``blob:`` URL into the promise its
    tables await."""
    source = _datatables_bundle().read_text(encoding="utf-8")
    name, event = _itables_global()
    return (
        "(function(){\n"
        f"if (window.{name}) return;\n"
        f"var source = {json.dumps(source)};\n"
        "var url = URL.createObjectURL(new Blob([source], {type: 'application/javascript'}));\n"
        f"window.{name} = import(url).then(function(module){{\n"
        "  URL.revokeObjectURL(url);\n"
        "  if (module.set_or_remove_dark_class) module.set_or_remove_dark_class();\n"
        "  return module;\n"
        "});\n"
        f"window.{name}.then(function(){{ window.dispatchEvent(new Event('{event}')); }});\n"
        "})();\n"
    )


def datatables_style() -> str:
    return _datatables_bundle().with_suffix(".css").read_text(encoding="utf-8")


LIBRARY_FILES = (VEGA_SCRIPT, TABLE_SCRIPT, TABLE_STYLE)


def libraries_present(folder: Path) -> bool:
    return all((folder / name).is_file() for name in LIBRARY_FILES)


def write_libraries(folder: Path) -> None:
    """Write the three files into ``folder`` (the book's static folder), each only when its
    bytes changed, so a rebuild copies nothing new. The book's preparation runs this in
    every build whose inputs or environment changed (`make prepare`)."""
    for name, text in ((VEGA_SCRIPT, vega_script()), (TABLE_SCRIPT, datatables_script()),
                       (TABLE_STYLE, datatables_style())):
        path = folder / name
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)


def page_libraries(body: str) -> tuple[list[str], list[str]]:
    """The scripts and style sheets a page's HTML body needs."""
    scripts, styles = [], []
    if "tt-chart-canvas" in body:
        scripts.append(VEGA_SCRIPT)
    if "new ITable(" in body:
        scripts.append(TABLE_SCRIPT)
        styles.append(TABLE_STYLE)
    return scripts, styles

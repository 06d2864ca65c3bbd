"""Slow: each chapter notebook runs on its own, as Binder runs it (jupytext to ipynb, then
nbclient, no Sphinx): every chart carries the Vega-Lite spec, and the figures the prose
quotes are displayed in the notebook's outputs, not only glued."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.test_book_build import CHAPTERS, GLUE_USE
from tradetalks.report.display import VEGALITE_MIME

pytestmark = pytest.mark.slow


def _execute(chapter: str):
    import jupytext
    from nbclient import NotebookClient

    notebook = jupytext.read(ROOT / "notebooks" / f"{chapter}.md")
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    return notebook


@pytest.fixture(scope="module")
def executed():
    from concurrent.futures import ThreadPoolExecutor

    # two kernels at a time (each kernel is its own process)
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(CHAPTERS, pool.map(_execute, CHAPTERS), strict=True))


def _outputs(notebook):
    return [o for cell in notebook.cells if cell.cell_type == "code"
            for o in cell.get("outputs", []) if o.get("output_type") in
            ("display_data", "execute_result")]


def _shown(output) -> bool:
    """Shown in the notebook (glue with display=False stores only prefixed mime types)."""
    return output.get("metadata", {}).get("scrapbook", {}).get("mime_prefix", "") == ""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chart_in_a_notebook_carries_the_vega_lite_spec(executed, chapter):
    source = (ROOT / "notebooks" / f"{chapter}.md").read_text(encoding="utf-8")
    charts = source.count("chart_output(")
    with_spec = [o for o in _outputs(executed[chapter])
                 if _shown(o) and VEGALITE_MIME in o["data"]]
    assert len(with_spec) == charts
    for output in with_spec:
        assert "text/html" in output["data"]
        assert "image/png" not in output["data"]  # drawn from the spec for the PDF only


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_figures_quoted_in_the_prose_are_displayed_in_the_notebook(executed, chapter):
    source = (ROOT / "notebooks" / f"{chapter}.md").read_text(encoding="utf-8")
    quoted = set(GLUE_USE.findall(source))
    shown = "\n".join(str(o["data"].get("text/plain", "")) for o in _outputs(executed[chapter])
                      if _shown(o))
    missing = [name for name in sorted(quoted)
               if not re.search(rf"^{re.escape(name)}: \S", shown, flags=re.M)]
    assert missing == []

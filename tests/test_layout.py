"""The repository's layout promises: text notebooks without outputs, import contracts kept,
a project folder found without ``../shared``."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))
# the extraction stages, whose steps the extraction issue keeps small
EXTRACTION = sorted(p for stage in ("ingest", "knowledge", "rules", "resolve")
                    for p in (ROOT / "tradetalks" / stage).glob("*.py"))


def test_notebooks_are_myst_text_notebooks_in_reading_order():
    assert not list((ROOT / "notebooks").glob("*.ipynb"))
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    listed = [line.split("notebooks/")[1].strip() for line in toc.splitlines()
              if "file: notebooks/" in line]
    assert listed == [p.stem for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        head = path.read_text(encoding="utf-8").split("---")[1]
        assert "format_name: myst" in head, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_carries_no_outputs(path):
    import jupytext

    notebook = jupytext.read(path)
    carrying = [i for i, cell in enumerate(notebook.cells)
                if cell.cell_type == "code" and (cell.get("outputs") or
                                                 cell.get("execution_count"))]
    assert carrying == []


def test_the_import_contracts_are_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        pytest.skip("import-linter is not installed in this environment")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_the_codebook_is_in_the_repository_and_in_the_book():
    assert (ROOT / "docs" / "codebook.md").is_file()
    assert "file: docs/codebook" in (ROOT / "_toc.yml").read_text(encoding="utf-8")


def test_the_project_folder_is_found_from_a_copy_without_shared(tmp_path):
    copy = tmp_path / "elsewhere" / "talking-trade"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.pyc", "__pycache__", ".pytest_cache", ".hypothesis"))
    env = {**os.environ, "PYTHONPATH": str(copy)}
    env.pop("TRADETALKS_ROOT", None)
    out = subprocess.run([sys.executable, "-c", "from tradetalks.paths import PROJECT_ROOT; "
                          "print(PROJECT_ROOT)"], cwd=copy, env=env, capture_output=True,
                         text=True)
    assert out.stdout.strip() == str(copy), out.stderr


@pytest.mark.parametrize("path", EXTRACTION, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_extraction_function_is_over_sixty_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name}: {node.end_lineno - node.lineno + 1} lines" for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > 60]
    assert not long, long

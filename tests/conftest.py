"""Shared fixtures. The slow checks share builds: the repository's HTML book and PDF
are built once per session, and so is one scratch copy with two extra articles."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXTRA_MANIFEST_ROWS = (
    'sixth,sixth.txt,Test Wire,,[Japan and China hold an export-control dialogue],'
    '2025-03-14,Written by the project team for the extension test,en\n'
    'hostile,hostile.txt,"Hostile <b>Outlet</b> & Co",javascript:alert(4),'
    '"<script>alert(5)</script>",2024-06-10,Written by the project team to test escaping,en\n'
)


# Tests that build or read the repository's book, or run its notebooks (which read and
# may refresh the build's table store), share one worker when the tests run in parallel
# (`make test` runs `pytest -n 2 --dist loadgroup`): the book is built once, and nothing
# else writes under _build/ or book/tables meanwhile.
BOOK_FIXTURES = {"built_book", "built_pdf", "extended_copy", "extended_pdf"}
BOOK_MODULES = {"test_notebooks", "test_determinism", "test_reproduce", "test_worker_groups"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist turns the mark into the id suffix
def pytest_collection_modifyitems(config, items):
    for item in items:
        if BOOK_FIXTURES & set(getattr(item, "fixturenames", ())) \
                or item.module.__name__.rsplit(".", 1)[-1] in BOOK_MODULES:
            item.add_marker(pytest.mark.xdist_group("book"))


def _make(target: str, cwd: Path, env: dict | None = None) -> None:
    """Run a make target with the existing .venv; fail the test with its output if it fails."""
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", target], cwd=cwd,
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        pytest.fail(f"make {target} in {cwd} failed:\n" + result.stdout[-4000:]
                    + result.stderr[-4000:])


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the HTML book once (`make book`, cached) and return _build/html."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    _make("book", ROOT)
    return ROOT / "_build" / "html"


def latex_missing() -> str | None:
    for tool in ("pdflatex", "latexmk", "pdftotext", "pdfimages"):
        if shutil.which(tool) is None:
            return (f"{tool} is not installed (Debian: texlive-latex-recommended "
                    "texlive-latex-extra texlive-fonts-recommended tex-gyre latexmk "
                    "poppler-utils)")
    return None


@pytest.fixture(scope="session")
def built_pdf(built_book) -> Path:
    """Build the PDF once (`make pdf`) and return its path."""
    reason = latex_missing()
    if reason:
        pytest.skip(reason)
    _make("pdf", ROOT)
    return ROOT / "_build" / "latex" / "talking-trade.pdf"


@pytest.fixture(scope="session")
def extended_copy(tmp_path_factory, built_book) -> Path:
    """A copy of the repository with a sixth article and a hostile one added to seeds/,
    built with no code or prose edited. Uses the project's .venv (linked, not rebuilt)."""
    copy = tmp_path_factory.mktemp("extended") / "repo"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    shutil.copy(FIXTURES / "sixth_article.txt", copy / "seeds" / "sixth.txt")
    shutil.copy(FIXTURES / "hostile_article.txt", copy / "seeds" / "hostile.txt")
    with (copy / "seeds" / "manifest.csv").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_MANIFEST_ROWS)
    env = {**os.environ, "PYTHONPATH": str(copy)}
    _make("book", copy, env)
    return copy


@pytest.fixture(scope="session")
def extended_pdf(extended_copy) -> Path:
    reason = latex_missing()
    if reason:
        pytest.skip(reason)
    env = {**os.environ, "PYTHONPATH": str(extended_copy)}
    _make("pdf", extended_copy, env)
    return extended_copy / "_build" / "latex" / "talking-trade.pdf"


def glued_values(build_root: Path, notebook: str) -> dict[str, str]:
    """The values a notebook glued, as myst-nb stored them beside its executed copy."""
    path = build_root / "_build" / "jupyter_execute" / "notebooks" / f"{notebook}.glue.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: str(output.get("data", {}).get("text/plain", "")).strip("'")
            for name, output in data.items()}


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory) -> Path:
    """The extractor's output for seeds/, written once by the command line."""
    out = tmp_path_factory.mktemp("seed-tables")
    from tradetalks.cli import main

    assert main(["extract", str(ROOT / "seeds"), "--out", str(out), "--quiet"]) == 0
    return out

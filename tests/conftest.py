"""Shared fixtures: the book is built once per session for every slow check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the HTML book once (`make book`, cached) and return _build/html."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(["make", "-s", "book"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail("make book failed:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    return ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory) -> Path:
    """The extractor's output for seeds/, written once by the command line."""
    out = tmp_path_factory.mktemp("seed-tables")
    from tradetalks.cli import main

    assert main(["extract", str(ROOT / "seeds"), "--out", str(out), "--quiet"]) == 0
    return out

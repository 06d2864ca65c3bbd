"""Two runs give the same bytes: chart specs do not depend on the process (hash seed,
object ids), as tables do not (tests/test_extract_cli.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = (
    "import hashlib, json; from tradetalks.report import book; "
    "specs = book.chart_specs(); "
    "print(hashlib.sha256(json.dumps(specs, sort_keys=True).encode()).hexdigest())"
)


def _spec_digest(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.slow
def test_chart_specs_are_identical_across_processes():
    assert _spec_digest("1") == _spec_digest("2")

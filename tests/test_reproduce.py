"""Reproducibility: the published tables match the committed checksums; a Binder-like
fresh environment running every notebook reproduces them (slow)."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT
from tradetalks.cli import main
from tradetalks.publish.checksums import compare


def test_published_tables_match_the_committed_checksums(tmp_path):
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet"]) == 0
    assert compare(tmp_path, ROOT / "results" / "checksums.json") == [], (
        "the tables changed: if intended, run `make checksums` and commit results/checksums.json")


def test_checksum_check_reports_a_changed_table(tmp_path):
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet"]) == 0
    with (tmp_path / "meetings.csv").open("a") as handle:
        handle.write("\n")
    assert compare(tmp_path, ROOT / "results" / "checksums.json") == ["meetings.csv"]


@pytest.mark.slow
@pytest.mark.reproduce
def test_make_reproduce_passes_in_a_fresh_environment():
    result = subprocess.run(["make", "-s", "reproduce"], cwd=ROOT, capture_output=True,
                            text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

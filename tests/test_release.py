"""One version everywhere, a dated release archive with checksums, and a lock that
declares why each dependency is there."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile

from tradetalks import __version__
from tradetalks.paths import PROJECT_ROOT
from tradetalks.publish.release import write_release


def test_citation_zenodo_and_changelog_show_the_package_version():
    cff = (PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(__version__)}"$', cff, re.M)
    assert json.loads((PROJECT_ROOT / ".zenodo.json").read_text())["version"] == __version__
    changelog = (PROJECT_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\S+)", changelog, re.M).group(1) == __version__


def test_release_archive_holds_tables_citation_and_verifiable_checksums(seed_tables, tmp_path):
    archive, digest = write_release(seed_tables, tmp_path, PROJECT_ROOT,
                                    day=dt.date(2026, 12, 3))
    assert archive.name == f"talking-trade-{__version__}-2026-12-03.tar.gz"
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == digest
    with tarfile.open(archive) as tar:
        members = {m.name.split("/", 1)[1]: tar.extractfile(m).read() for m in tar
                   if m.isfile()}
    assert {"tables/meetings.csv", "tables/datapackage.json", "CITATION.cff",
            "CHANGELOG.md", "SHA256SUMS"} <= set(members)
    for line in members["SHA256SUMS"].decode().splitlines():
        checksum, name = line.split("  ", 1)
        assert hashlib.sha256(members[name]).hexdigest() == checksum, name


def test_release_archive_bytes_are_reproducible(seed_tables, tmp_path):
    day = dt.date(2026, 12, 3)
    _, first = write_release(seed_tables, tmp_path / "a", PROJECT_ROOT, day=day)
    _, second = write_release(seed_tables, tmp_path / "b", PROJECT_ROOT, day=day)
    assert first == second


def test_release_includes_the_pdf_when_built(seed_tables, tmp_path):
    pdf = tmp_path / "talking-trade.pdf"
    pdf.write_bytes(b"%PDF-1.5 test")
    archive, _ = write_release(seed_tables, tmp_path / "out", PROJECT_ROOT, pdf=pdf,
                               day=dt.date(2026, 12, 3))
    with tarfile.open(fileobj=io.BytesIO(archive.read_bytes())) as tar:
        assert any(m.name.endswith("/talking-trade.pdf") for m in tar)


def test_every_declared_dependency_is_used_imported_and_pinned():
    result = subprocess.run([sys.executable, "scripts/check_dependencies.py"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_pin_in_the_lock_says_what_needs_it():
    lines = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [i for i, line in enumerate(lines) if re.match(r"^[A-Za-z0-9].*==", line)]
    assert pins
    assert all(lines[i + 1].strip().startswith("# via") for i in pins)
    assert lines[-1] == "-e ."


def test_orphans_are_not_pinned():
    text = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    for orphan in ("dateparser", "regex", "pytz", "tzlocal"):
        assert not re.search(rf"^{orphan}==", text, re.M), orphan

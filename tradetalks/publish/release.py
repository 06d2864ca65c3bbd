"""A citable release: one dated archive of the tables, their data package, the citation
files and (when built) the PDF, with a SHA-256 checksum of every file in it and of the
archive itself.

``make release`` calls :func:`write_release`. The archive's name carries the version
(``tradetalks.__version__``, the one version of code and data) and the date; its bytes
depend only on the files put in (sorted names, fixed owners, times set to the date).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import tarfile
from pathlib import Path

from tradetalks import __version__
from tradetalks.errors import InputError

CITATION_FILES = ("CITATION.cff", ".zenodo.json", "CHANGELOG.md", "LICENSE",
                  "LICENSE-CONTENT.md")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def release_files(tables: Path, root: Path, pdf: Path | None) -> dict[str, bytes]:
    """Archive member name -> bytes. The tables folder must hold a datapackage.json."""
    if not (tables / "datapackage.json").is_file():
        raise InputError("no datapackage.json: run `make tables` first", tables)
    files = {f"tables/{p.name}": p.read_bytes() for p in sorted(tables.iterdir())
             if p.is_file() and p.suffix in (".csv", ".json", ".txt")}
    for name in CITATION_FILES:
        if (root / name).is_file():
            files[name] = (root / name).read_bytes()
    if pdf is not None and pdf.is_file():
        files[f"{pdf.name}"] = pdf.read_bytes()
    files["SHA256SUMS"] = "".join(f"{_sha256(data)}  {name}\n"
                                  for name, data in sorted(files.items())).encode()
    return files


def archive_bytes(files: dict[str, bytes], prefix: str, day: dt.date) -> bytes:
    stamp = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(f"{prefix}/{name}")
            info.size, info.mtime, info.mode = len(data), stamp, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), mtime=stamp)


def write_release(tables: Path, out: Path, root: Path, pdf: Path | None = None,
                  day: dt.date | None = None) -> tuple[Path, str]:
    """Write ``talking-trade-<version>-<date>.tar.gz`` and its ``.sha256`` into ``out``."""
    day = day or dt.datetime.now(dt.UTC).date()
    prefix = f"talking-trade-{__version__}-{day.isoformat()}"
    data = archive_bytes(release_files(tables, root, pdf), prefix, day)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{prefix}.tar.gz"
    archive.write_bytes(data)
    digest = _sha256(data)
    (out / f"{prefix}.tar.gz.sha256").write_text(f"{digest}  {archive.name}\n",
                                                 encoding="utf-8")
    return archive, digest

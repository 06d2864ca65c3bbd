"""The build's extraction store: each article set's tables, written once per build into a
folder named by a digest of everything the extraction reads, read back by every notebook.

The digest covers the corpus (its manifest and text files), the curated data (``data/``:
dictionaries, rule YAML, ``codebook.yaml``) and the package itself (every source file and
the version), so a folder whose name matches is the output a fresh run would give; a
change to any input gives a new name, and a notebook finding no folder of that name
extracts for itself (Binder, a notebook run on its own). The tables are read back with
the dtypes a fresh run gives (integers, booleans, strings from the package's schema).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd

import tradetalks
from tradetalks.ingest.corpus import MANIFEST_NAME
from tradetalks.paths import DATA_DIR
from tradetalks.publish.cells import restore
from tradetalks.publish.tables import Tables

PACKAGE_DIR = Path(tradetalks.__file__).resolve().parent
_IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints"}
_DTYPES = {"integer": "int64", "boolean": "bool"}


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file()
                  and not _IGNORED_PARTS.intersection(p.relative_to(folder).parts))


def _hash_files(digest, label: str, folder: Path, files: list[Path]) -> None:
    for path in files:
        digest.update(f"{label}/{path.relative_to(folder).as_posix()}".encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def extraction_digest(corpus: Path, data_dir: Path = DATA_DIR,
                      package_dir: Path = PACKAGE_DIR) -> str:
    """SHA-256 over the corpus's manifest and texts, ``data/`` and the package sources."""
    digest = hashlib.sha256(f"tradetalks {tradetalks.__version__}\0".encode())
    corpus_files = [corpus / MANIFEST_NAME] if (corpus / MANIFEST_NAME).is_file() else []
    corpus_files += sorted(p for p in corpus.glob("*.txt") if p.is_file())
    _hash_files(digest, "corpus", corpus, corpus_files)
    _hash_files(digest, "data", data_dir, _files(data_dir, "*"))
    _hash_files(digest, "package", package_dir, _files(package_dir, "*.py"))
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """SHA-256 over every file in ``folder`` (a gold folder: scores stored beside a set's
    tables are those of this gold)."""
    digest = hashlib.sha256()
    _hash_files(digest, "folder", folder, _files(folder, "*"))
    return digest.hexdigest()


def stored_folder(store: Path, name: str, corpus: Path) -> Path:
    """Where the tables of article set ``name`` (folder ``corpus``) live in ``store``."""
    return store / f"{name}-{extraction_digest(corpus)[:20]}"


def _frame(path: Path, fields: list[dict]) -> pd.DataFrame:
    columns = [f["name"] for f in fields]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    if list(frame.columns) != columns:
        raise ValueError(f"{path}: columns differ from the schema")
    if frame.empty:  # a fresh run's empty table has untyped (object) columns
        return pd.DataFrame([], columns=columns)
    for field in fields:
        kind = _DTYPES.get(field["type"])
        if field["type"] == "string":  # undo the CSV's spreadsheet-safe apostrophe
            frame[field["name"]] = frame[field["name"]].map(restore)
        elif field["type"] == "number":  # empty cells are missing values, as in a fresh run
            frame[field["name"]] = pd.to_numeric(frame[field["name"]].replace("", None))
        elif kind == "bool":
            frame[field["name"]] = frame[field["name"]].map({"True": True, "False": False})
        elif kind:
            frame[field["name"]] = frame[field["name"]].astype(kind)
    return frame


def is_complete(folder: Path) -> bool:
    """True when ``folder`` holds a whole package (write_package moves it in at once)."""
    package = folder / "datapackage.json"
    if not package.is_file() or not (folder / "run_log.txt").is_file():
        return False
    resources = json.loads(package.read_text(encoding="utf-8"))["resources"]
    return all((folder / r["path"]).is_file() for r in resources)


def package_names(folder: Path) -> list[str]:
    """The files of the data package in ``folder``: its resources, the descriptor and the
    run log (a store folder also holds the keyword baseline's rows, which are not part)."""
    resources = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return sorted([r["path"] for r in resources["resources"]]
                  + ["datapackage.json", "run_log.txt"])


def same_package(stored: Path, out: Path) -> bool:
    """True when ``out`` holds exactly the data package of ``stored``, byte for byte (so
    writing it again, and validating it again, would change nothing)."""
    if not is_complete(stored) or not out.is_dir():
        return False
    names = package_names(stored)
    present = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    return names == present and all(
        (stored / n).read_bytes() == (out / n).read_bytes() for n in names)


def read_tables(folder: Path) -> Tables | None:
    """The tables stored in ``folder``, or None when it is missing or incomplete."""
    if not is_complete(folder):
        return None
    package = folder / "datapackage.json"
    log = folder / "run_log.txt"
    resources = json.loads(package.read_text(encoding="utf-8"))["resources"]
    frames = {r["name"]: _frame(folder / r["path"], r["schema"]["fields"])
              for r in resources}
    warnings = tuple(line.removeprefix("warning: ")
                     for line in log.read_text(encoding="utf-8").splitlines())
    return Tables(**frames, warnings=warnings)


def remove_stale(store: Path, name: str, keep: Path) -> None:
    """Drop the older digests of one article set (a store holds one set per article set).
    Each is written as the extractor writes any OUT: a link to a hidden versioned folder,
    with a hidden lock file beside it; all three go."""
    for folder in store.glob(f"{name}-*"):
        if folder == keep or len(folder.name) != len(keep.name):
            continue
        for hidden in store.glob(f".{folder.name}.*"):
            if hidden.is_dir() and not hidden.is_symlink():
                shutil.rmtree(hidden, ignore_errors=True)
            else:
                hidden.unlink(missing_ok=True)
        if folder.is_symlink():
            folder.unlink()
        elif folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)

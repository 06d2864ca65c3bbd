"""The dependency parser under the rules: spaCy's English pipeline, checked file by file.

The model is a setting (``data/rules/parse.yaml``, or ``$TRADETALKS_SPACY_MODEL``), and the
SHA-256 of every file of its installed package is recorded in
``data/models/<model>-<version>.sha256``. Loading checks them, so a different or altered
model stops the run with one clear error instead of silently changing the tables; a
missing model names the command that installs it. Only sentences that can hold an event
are parsed, in batches (``nlp.pipe``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from tradetalks.errors import InputError
from tradetalks.paths import DATA_DIR, RULES_DIR

SETTINGS = RULES_DIR / "parse.yaml"
MODELS_DIR = DATA_DIR / "models"


@lru_cache(maxsize=1)
def settings() -> dict:
    with SETTINGS.open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    name = os.environ.get("TRADETALKS_SPACY_MODEL") or spec["model"]
    return {**spec, "model": name}


def package_dir(name: str) -> Path:
    """The installed package's folder, or an InputError naming the install command."""
    found = importlib.util.find_spec(name)
    if found is None or not found.submodule_search_locations:
        raise InputError(f"the spaCy model '{name}' is not installed; install it with: "
                         f"{settings()['install']}", SETTINGS)
    return Path(next(iter(found.submodule_search_locations)))


def package_files(folder: Path) -> dict[str, str]:
    """SHA-256 of every file of the package (relative paths; caches excluded)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()).hexdigest()
    return out


def checksum_file(name: str, version: str) -> Path:
    return MODELS_DIR / f"{name}-{version}.sha256"


def read_checksums(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise InputError("no recorded checksums for this model: record the SHA-256 of every "
                         "file of its package here (python -m tradetalks.knowledge.parse)",
                         path)
    recorded = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("  ", 1)
        if len(parts) != 2 or len(parts[0]) != 64:
            raise InputError("expected '<sha256>  <relative path>'", path, number)
        recorded[parts[1]] = parts[0]
    return recorded


def verify(name: str, version: str) -> Path:
    """Check the installed package against the recorded checksums; return its folder."""
    folder = package_dir(name)
    recorded_path = checksum_file(name, version)
    recorded = read_checksums(recorded_path)
    actual = package_files(folder)
    changed = sorted(p for p in recorded.keys() | actual.keys()
                     if recorded.get(p) != actual.get(p))
    if changed:
        raise InputError(f"the installed spaCy model '{name}' ({folder}) differs from the one "
                         f"recorded ({len(changed)} file(s) differ, first: {changed[0]}); "
                         f"reinstall it with: {settings()['install']}", recorded_path)
    return folder


@lru_cache(maxsize=1)
def nlp():
    """The checked pipeline, loaded once per process."""
    import spacy

    spec = settings()
    verify(spec["model"], str(spec["version"]))
    return spacy.load(spec["model"], exclude=list(spec.get("exclude", [])))


def parse(texts: Iterable[str]) -> list:
    """Parse sentences in batches; the rules call this only for event sentences."""
    texts = list(texts)
    if not texts:
        return []
    return list(nlp().pipe(texts, batch_size=int(settings().get("batch_size", 64))))


def record(name: str, version: str) -> Path:
    """Write the checksum file of an installed model (run once when pinning a model)."""
    path = checksum_file(name, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{digest}  {rel}" for rel, digest in package_files(package_dir(name)).items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    spec = settings()
    print(record(spec["model"], str(spec["version"])))

"""Where the project's data lives.

The package reads curated data (``data/``), article sets (``seeds/``, ``corpora/``) and
writes results (``results/``) of a *project folder*, not of the installed package. The
folder is, in order: ``$TRADETALKS_ROOT``; the folder above the package when it holds
``data/codebook.yaml`` (an editable install or a clone); else the nearest folder at or above
the working directory that holds it. A non-editable install therefore works from inside a
clone, and a test or a user can point it anywhere with the variable.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

MARKER = Path("data") / "codebook.yaml"


class ProjectNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def _find(env: str | None, cwd: Path) -> Path:
    if env:
        return Path(env).resolve()
    beside = Path(__file__).resolve().parents[1]
    if (beside / MARKER).is_file():
        return beside
    for folder in (cwd, *cwd.parents):
        if (folder / MARKER).is_file():
            return folder
    raise ProjectNotFound(
        f"no project folder found: none of {cwd} and its parents holds {MARKER}; "
        "run from inside a clone or set TRADETALKS_ROOT")


def project_root() -> Path:
    return _find(os.environ.get("TRADETALKS_ROOT"), Path.cwd().resolve())


PROJECT_ROOT = project_root()
DATA_DIR = PROJECT_ROOT / "data"
DICTIONARY_DIR = DATA_DIR / "dictionaries"
CODES_DIR = DATA_DIR / "codes"
RULES_DIR = DATA_DIR / "rules"
CODEBOOK_VOCABULARY = PROJECT_ROOT / MARKER
SEEDS_DIR = PROJECT_ROOT / "seeds"
CORPORA_DIR = PROJECT_ROOT / "corpora"
RESULTS_DIR = PROJECT_ROOT / "results"
BUILD_DIR = PROJECT_ROOT / "_build"

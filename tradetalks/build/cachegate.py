"""Keep the notebook execution cache honest.

jupyter-cache keys each notebook on its own code cells, so a change in ``seeds/``,
``data/`` or ``tradetalks/`` would serve stale outputs. Before each build we hash those
inputs; when the digest differs from the last build's, the cache is cleared and every
notebook runs again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tradetalks.paths import PROJECT_ROOT

INPUT_FOLDERS = ("seeds", "corpora", "data", "tradetalks", "results/scores")
# the methods chapter shows the evaluation log and the recorded scores;
# results/checksums.json stays outside, so recording checksums does not clear the cache
INPUT_FILES = ("results/evaluation_log.csv",)
_IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def inputs_digest(root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    paths = [p for folder in INPUT_FOLDERS for p in sorted((root / folder).rglob("*"))
             if p.is_file()]
    paths += [root / name for name in INPUT_FILES if (root / name).is_file()]
    for path in paths:
        if _IGNORED_PARTS.intersection(path.parts) or path.suffix == ".pyc":
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def guard_cache(cache: Path, stamp: Path, root: Path = PROJECT_ROOT,
                also: tuple[Path, ...] = ()) -> bool:
    """Clear ``cache`` (and the folders in ``also``, such as Sphinx's doctrees, which
    would otherwise keep serving the old outputs of unchanged notebooks) if the inputs
    changed since ``stamp`` was written; True if the cache was cleared."""
    current = inputs_digest(root)
    previous = stamp.read_text().strip() if stamp.exists() else None
    cleared = False
    if previous != current:
        for folder in also:
            if folder.exists():
                shutil.rmtree(folder)
        if cache.exists():
            shutil.rmtree(cache)
            cleared = True
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current + "\n")
    return cleared

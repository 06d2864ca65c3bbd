"""Finish the lock that pip-compile wrote: a header saying what the file is, and the
project itself as the last line (``-e .``), which Binder and make install from it.

Run by ``make lock`` after pip-compile; idempotent."""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = (
    "#\n"
    "# The lock: exact pins that Binder, CI and `make` install. Compiled from pyproject.toml\n"
    "# (its direct dependencies and the book, test and dev extras) by `make lock`; each pin\n"
    "# says which direct dependency needs it (\"via\"). Do not edit by hand.\n"
)
PROJECT = "\n# the project itself, editable (Binder and make install it from this file)\n-e .\n"


def finish(text: str) -> str:
    if not text.startswith(HEADER):
        text = HEADER + text.removeprefix("#\n")
    if not text.endswith(PROJECT):
        text = text.rstrip("\n") + "\n" + PROJECT
    return text


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(finish(path.read_text(encoding="utf-8")), encoding="utf-8")

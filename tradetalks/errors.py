"""Errors and warnings that name the file and line, so a user can fix the input."""

from __future__ import annotations

from pathlib import Path


def _where(path: Path | str | None, line: int | None) -> str:
    if path is None:
        return ""
    place = str(path)
    if line is not None:
        place += f", line {line}"
    return place + ": "


class InputError(Exception):
    """Bad input that stops a run: the message names the file and, where known, the line."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.detail = message
        super().__init__(_where(path, line) + message)


class InputWarning(UserWarning):
    """Input that is used after a repair; the run log records it."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.detail = message
        super().__init__(_where(path, line) + message)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main process (``cli.main`` installs the handler), so that a
    terminated run unwinds as after Ctrl-C: its temporary folders (the merge's database,
    the spools) are removed and OUT keeps the old set or the new one, whole."""

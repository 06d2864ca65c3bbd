"""Write outputs so a reader never sees half of them and nothing of the user's is lost.

``write_atomic`` writes one file: a temporary file in the same folder, then a rename.

``publish_folder`` writes a whole set of files as OUT. The set goes to a new versioned
folder beside OUT (``.OUT.v-XXXX``), is validated there, and OUT — a symbolic link to that
folder — is then replaced by one ``rename`` of a new link over it, which POSIX makes
atomic: at every instant OUT names the old complete set or the new one, whatever kills
the process when. A lock (``fcntl.flock`` on ``.OUT.lock``) makes a second run into the
same OUT wait for the first. The next run removes what a killed run left (versions OUT
does not name, temporary links); the set OUT named before the swap is kept until then,
so a reader that resolved OUT just before a swap can finish reading it.

The tool writes only into an OUT it owns: missing, an empty folder, or one it wrote (its
link to a versioned folder holding the marker file, or a folder of an older version of
the tool). Anything else stops with a message, so a corpus, a gold folder or a folder of
the user's files is never replaced. An existing real folder is turned into the link by
Linux's ``renameat2(RENAME_EXCHANGE)``, also atomic. OUT's permissions carry over.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tradetalks.errors import InputError

MARKER = ".tradetalks-output"
MARKER_TEXT = ("Written by `python -m tradetalks extract`. Every run replaces this whole set; "
               "do not keep your own files here.\n")
PAUSE_VARIABLE = "TRADETALKS_TEST_PAUSE"  # test hook: "point=seconds,..." (see _pause)
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass
class SwapState:
    """Whether OUT already names the new set: what an interrupt message must tell."""

    swapped: bool = False


def write_atomic(path: Path, data: bytes) -> None:
    """Replace one file atomically, keeping its permissions (a new file gets 0666 less the
    umask, as ``open`` would give it, not the temporary file's 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(path, 0o666)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pause(point: str) -> None:
    """Test hook: with TRADETALKS_TEST_PAUSE="before-swap=2", say so and sleep 2 s there,
    so the fault-injection test can kill the process at that exact point."""
    spec = os.environ.get(PAUSE_VARIABLE)
    if not spec:
        return
    for item in spec.split(","):
        name, _, seconds = item.partition("=")
        if name == point:
            print(f"pause: {point}", file=sys.stderr, flush=True)
            time.sleep(float(seconds or 1))


# --- is OUT ours? --------------------------------------------------------------------------

def _version_prefix(out: Path) -> str:
    return f".{out.name}.v-"


def _is_legacy_set(folder: Path, names: set[str], legacy_names: set[str]) -> bool:
    """A folder written by the tool before it kept a marker: only its own file names,
    all regular files, and its data package."""
    if "datapackage.json" not in names or not names <= legacy_names:
        return False
    if not all(stat.S_ISREG(os.lstat(folder / n).st_mode) for n in names):
        return False
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(package, dict) and package.get("name") == "talking-trade"


def _owned_by_tool(folder: Path, legacy_names: set[str]) -> bool:
    try:
        names = set(os.listdir(folder))
    except OSError:
        return False
    return MARKER in names or _is_legacy_set(folder, names, legacy_names)


def _refuse(out: Path, why: str) -> InputError:
    return InputError(f"{why}; the tool writes only into a new or empty folder or one it "
                      "wrote before: give --out another folder", out)


def check_out(out: Path, legacy_names: set[str]) -> str:
    """What OUT is now: 'missing', 'link' (the tool's), 'folder' (empty or the tool's);
    anything else is refused with the reason."""
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        return "missing"
    if stat.S_ISLNK(info.st_mode):
        target = os.readlink(out)
        if "/" in target or not target.startswith(_version_prefix(out)):
            raise _refuse(out, f"a symbolic link to {target} that this tool did not make")
        return "link"
    if not stat.S_ISDIR(info.st_mode):
        raise _refuse(out, "a file, not a folder")
    names = sorted(os.listdir(out))
    if names and not _owned_by_tool(out, legacy_names):
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        raise _refuse(out, f"holds files this tool did not write ({shown})")
    return "folder"


def _ensure_parent(out: Path) -> None:
    for folder in (out.parent, *out.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise InputError("a file, not a folder, so it cannot hold the output folder",
                                 folder)
            break
    out.parent.mkdir(parents=True, exist_ok=True)


# --- lock, leftovers, swap -----------------------------------------------------------------

@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold ``.OUT.lock`` for the whole write: a second run waits for the first."""
    fd = os.open(out.parent / f".{out.name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"note: another run is writing {out}; waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def clean_leftovers(out: Path, legacy_names: set[str]) -> None:
    """Remove what earlier (killed) runs left beside OUT: versions OUT does not name,
    temporary links, old folders and staging folders. Folders are removed only when they
    hold the tool's marker or its old output, so nothing else with a similar name goes."""
    current = os.readlink(out) if out.is_symlink() else None
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(v|link|old|staging)-[^/]+$")
    for entry in os.scandir(out.parent):
        match = pattern.match(entry.name)
        if not match or entry.name == current:
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            if match.group(1) == "link":
                path.unlink(missing_ok=True)
        elif entry.is_dir(follow_symlinks=False) and (
                match.group(1) == "staging" or _owned_by_tool(path, legacy_names)
                or not os.listdir(path)):
            shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C or SIGTERM during the swap takes effect just after it, so the interrupt
    message can say truthfully which set OUT holds."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _swap(out: Path, kind: str, version: Path, state: SwapState) -> None:
    token = version.name.rsplit("-", 1)[-1]
    link = out.parent / f".{out.name}.link-{token}"
    link.symlink_to(version.name)
    with _signals_held():
        _pause("before-swap")
        if kind == "folder":
            old = out.parent / f".{out.name}.old-{token}"
            if _exchange(link, out):
                os.rename(link, old)  # the link's name now holds the old folder
            else:  # no renameat2: two renames; a kill between them is repaired next run
                os.rename(out, old)
                os.replace(link, out)
            state.swapped = True
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(link, out)
            state.swapped = True
    _pause("after-swap")


def _mode_of(path: Path, new: int) -> int:
    """The permissions of ``path``, or those ``new`` less the umask gives a new one."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return new & ~mask


def publish_folder(out: Path, names: list[str], write: Callable[[Path], None],
                   validate: Callable[[Path], None],
                   state: SwapState | None = None) -> list[Path]:
    """Make OUT name a folder holding exactly the files ``names`` (plus the marker),
    atomically; ``write(folder)`` writes them into the new version folder."""
    out = Path(os.path.abspath(out))
    state = state or SwapState()
    legacy_names = set(names)
    _ensure_parent(out)
    with _locked(out):
        kind = check_out(out, legacy_names)
        clean_leftovers(out, legacy_names)
        mode = _mode_of(out, 0o777)
        version = Path(tempfile.mkdtemp(prefix=_version_prefix(out), dir=out.parent))
        try:
            (version / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            write(version)
            _pause("staged")
            validate(version)
            os.chmod(version, mode)
            _swap(out, kind, version, state)
        finally:
            if not state.swapped:
                shutil.rmtree(version, ignore_errors=True)
    return [out / name for name in sorted(names)]

"""A run that fails midway leaves the previous outputs byte-identical; OUT is always whole.

``package.write_package`` writes every file to a new versioned folder beside OUT
(``.OUT.v-XXXX``), validates the data package there, and only then makes OUT (a symbolic
link) name it by one atomic rename (``publish.output``). These tests make a second run
fail or be interrupted at each point and compare OUT with what a clean run wrote; the
slow ones kill the real command at random moments and race runs and readers.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import tradetalks.publish.output
import tradetalks.publish.package
import tradetalks.publish.rowfiles
from tests.conftest import ROOT
from tradetalks.cli import main
from tradetalks.errors import InputError
from tradetalks.publish.output import MARKER, PAUSE_VARIABLE

MANIFEST = "article_id,file,outlet,url,title,published,date_basis,language\n"
FIRST = ("Japan and South Korea held their first export-control dialogue in three years on "
         "Monday, officials said after the meeting in Tokyo.\n")
SECOND = ("China and Japan agreed on Tuesday to hold regular talks on export controls, the "
          "trade ministry in Beijing said.\n")


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    lines = [MANIFEST]
    for article_id, text in texts.items():
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{article_id},{article_id}.txt,Test Wire,,,2024-03-01,page date,en\n")
    (folder / "manifest.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (hidden ones included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def extract(corpus: Path, out: Path) -> int:
    return main(["extract", str(corpus), "--out", str(out), "--quiet"])


@pytest.fixture
def previous(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """OUT holding a first run's outputs, and a changed corpus whose outputs would differ."""
    out = tmp_path / "out"
    assert extract(write_corpus(tmp_path / "corpus", {"a1": FIRST}), out) == 0
    before = snapshot(out)
    assert "articles.csv" in before and "run_log.txt" in before
    changed = write_corpus(tmp_path / "corpus", {"a1": FIRST, "a2": SECOND})
    return changed, out, before


def leftovers(out: Path) -> list[str]:
    """Entries beside OUT other than OUT, its lock, the set it names and the one before."""
    current = os.readlink(out) if out.is_symlink() else None
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.") and p.name != current
                  and p.name != f".{out.name}.lock" and not p.name.startswith(f".{out.name}.v-"))


def versions(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.v-"))


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    assert snapshot(out) == before
    assert not leftovers(out)


def test_the_changed_corpus_would_change_the_outputs(previous, tmp_path):
    corpus, _, before = previous
    other = tmp_path / "other"
    assert extract(corpus, other) == 0
    assert snapshot(other)["articles.csv"] != before["articles.csv"]


def test_failed_validation_leaves_previous_outputs(previous, monkeypatch, capsys):
    corpus, out, before = previous

    def invalid(folder: Path, jobs: int = 1) -> None:
        assert folder.parent == out.parent and folder.name.startswith(f".{out.name}.v-")
        assert (folder / "articles.csv").is_file()  # everything was written before the check
        raise InputError("output failed its schema: simulated", folder)

    monkeypatch.setattr(tradetalks.publish.package, "validate_package", invalid)
    assert extract(corpus, out) == 2
    err = capsys.readouterr().err
    assert "output failed its schema: simulated" in err and "Traceback" not in err
    assert_untouched(out, before)


def test_crash_while_writing_the_new_files_leaves_previous_outputs(previous, monkeypatch,
                                                                    capsys):
    corpus, out, before = previous
    written: list[str] = []

    def open_csv(path: Path, mode: str):  # the streaming writer opens each table's CSV
        if ".v-" in path.parent.name:
            if len(written) == 3:
                raise OSError(errno.ENOSPC, "No space left on device (simulated)", str(path))
            written.append(path.name)
        return open(path, mode)

    monkeypatch.setattr(tradetalks.publish.rowfiles, "open", open_csv, raising=False)
    assert extract(corpus, out) == 2
    monkeypatch.undo()
    assert len(written) == 3  # the run did fail midway, after some files
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no space left on the device" in err[0]
    assert_untouched(out, before)


def test_interrupt_during_validation_leaves_previous_outputs(previous, monkeypatch, capsys):
    corpus, out, before = previous

    def interrupted(folder: Path, jobs: int = 1) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(tradetalks.publish.package, "validate_package", interrupted)
    assert extract(corpus, out) == 130
    assert "before the new outputs were in place" in capsys.readouterr().err
    assert_untouched(out, before)


def test_interrupt_just_after_the_swap_says_out_holds_the_new_set(previous, monkeypatch,
                                                                  capsys, tmp_path):
    corpus, out, before = previous
    assert extract(corpus, tmp_path / "clean") == 0

    def pause(point: str) -> None:
        if point == "after-swap":
            raise KeyboardInterrupt

    monkeypatch.setattr(tradetalks.publish.output, "_pause", pause)
    assert extract(corpus, out) == 130
    assert f"{out} holds the new set" in capsys.readouterr().err
    assert snapshot(out) == snapshot(tmp_path / "clean") != before


def test_successful_run_replaces_outputs_and_leaves_no_staging(previous):
    corpus, out, before = previous
    assert extract(corpus, out) == 0
    after = snapshot(out)
    assert after.keys() == before.keys()
    assert after["articles.csv"] != before["articles.csv"]
    assert not leftovers(out)
    assert len(versions(out)) == 2  # the new set, and the old one until the next run


def test_out_is_a_link_to_a_versioned_folder_holding_the_marker(previous):
    _, out, before = previous
    assert out.is_symlink() and os.readlink(out).startswith(".out.v-")
    assert MARKER in before


def test_next_run_removes_what_killed_runs_left(previous, tmp_path):
    corpus, out, _ = previous
    dead = out.parent / ".out.v-killed"
    dead.mkdir()
    (dead / MARKER).write_text("", encoding="utf-8")
    (dead / "articles.csv").write_text("half", encoding="utf-8")
    (out.parent / ".out.link-killed").symlink_to(".out.v-killed")
    (out.parent / ".out.staging-old").mkdir()
    assert extract(corpus, out) == 0
    assert not leftovers(out) and ".out.v-killed" not in versions(out)


def test_a_users_folder_with_a_similar_name_is_not_removed(previous):
    corpus, out, _ = previous
    mine = out.parent / ".out.v-mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    assert extract(corpus, out) == 0
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_written_by_the_earlier_tool_is_replaced_atomically(previous, tmp_path):
    corpus, out, before = previous
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    for name, data in before.items():
        if name != MARKER:
            (legacy / name).write_bytes(data)
    legacy.chmod(0o750)
    assert extract(corpus, legacy) == 0
    assert legacy.is_symlink() and (legacy / MARKER).is_file()
    assert (os.stat(legacy).st_mode & 0o777) == 0o750
    assert not leftovers(legacy)


def test_a_second_run_waits_for_the_lock(previous, capsys):
    corpus, out, _ = previous
    fd = os.open(out.parent / ".out.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(extract(corpus, out)))
    worker.start()
    deadline = time.monotonic() + 120
    while "waiting for it to finish" not in capsys.readouterr().err:
        assert time.monotonic() < deadline and worker.is_alive()
        time.sleep(0.05)
    assert not result  # still waiting while the lock is held
    os.close(fd)
    worker.join(120)
    assert result == [0]


# --- the real command, killed and raced (slow: each run starts a Python process) -------------

def command(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "tradetalks", "extract", str(corpus), "--out", str(out),
            "--quiet"]


def environment(pause: str = "") -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if pause:
        env[PAUSE_VARIABLE] = pause
    return env


def clean_sets(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """Corpora A and B and the snapshots of a clean run of each."""
    a = write_corpus(tmp_path / "a", {"a1": FIRST})
    b = write_corpus(tmp_path / "b", {"a1": FIRST, "a2": SECOND})
    sets = []
    for corpus in (a, b):
        assert extract(corpus, tmp_path / f"clean-{corpus.name}") == 0
        sets.append(snapshot(tmp_path / f"clean-{corpus.name}"))
    return a, b, sets[0], sets[1]


@pytest.mark.slow
def test_out_holds_the_old_or_the_new_set_after_sigkill_at_twenty_moments(tmp_path):
    """Kill the real command 20 times: 14 at random moments of a whole run, 6 while it
    sleeps at a named point of the swap (via the test hook). After each kill OUT is one
    clean run's set, byte for byte; a final run leaves no leftovers."""
    a, b, set_a, set_b = clean_sets(tmp_path)
    out = tmp_path / "out"
    assert subprocess.run(command(a, out), env=environment()).returncode == 0
    hook = "staged=0.3,before-swap=0.3,after-swap=0.3"
    started = time.monotonic()
    assert subprocess.run(command(b, out), env=environment(hook)).returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(11)
    moments: list[float | str] = [rng.uniform(0, duration) for _ in range(14)]
    moments += ["staged", "before-swap", "after-swap"] * 2
    seen = {"old": 0, "new": 0}
    for i, moment in enumerate(moments):
        corpus = a if i % 2 else b
        process = subprocess.Popen(command(corpus, out), env=environment(hook),
                                   stderr=subprocess.PIPE, text=True)
        if isinstance(moment, str):
            for line in process.stderr:
                if line.strip() == f"pause: {moment}":
                    break
        else:
            time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stderr.close()
        now = snapshot(out)
        assert now in (set_a, set_b), (i, moment)
        seen["new" if now == (set_a if corpus == a else set_b) else "old"] += 1
    assert seen["old"] and seen["new"], seen
    print(f"20 SIGKILLs: OUT held the old set {seen['old']} times, the new set "
          f"{seen['new']} times")
    assert subprocess.run(command(a, out), env=environment()).returncode == 0
    assert snapshot(out) == set_a and not leftovers(out) and len(versions(out)) <= 2


def read_whole(out: Path) -> dict[str, bytes]:
    """What a careful reader does: resolve OUT once, then read every file of that set."""
    folder = Path(os.path.realpath(out))
    return {name: (folder / name).read_bytes() for name in sorted(os.listdir(folder))}


@pytest.mark.slow
def test_a_reader_polling_out_during_reruns_always_sees_a_complete_set(tmp_path):
    a, b, set_a, set_b = clean_sets(tmp_path)
    out = tmp_path / "out"
    assert extract(a, out) == 0
    stop = threading.Event()
    polls: list[str] = []

    def poll() -> None:
        while not stop.is_set():
            try:
                seen = read_whole(out)
            except FileNotFoundError as exc:
                polls.append(f"missing: {exc.filename}")
                continue
            polls.append("a" if seen == set_a else "b" if seen == set_b else "mixed")
            name = "meetings.csv"
            if not (out / name).is_file():
                polls.append(f"missing: {name}")

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for i in range(6):
            corpus = b if i % 2 == 0 else a
            assert subprocess.run(command(corpus, out), env=environment()).returncode == 0
    finally:
        stop.set()
        reader.join()
    assert polls and set(polls) == {"a", "b"}, sorted(set(polls))
    print(f"{len(polls)} polls during 6 reruns: {polls.count('a')} saw set A, "
          f"{polls.count('b')} set B, none incomplete")


@pytest.mark.slow
def test_concurrent_runs_into_one_out_all_succeed_and_leave_a_whole_set(tmp_path):
    a, b, set_a, set_b = clean_sets(tmp_path)
    out = tmp_path / "out"
    runs = [subprocess.Popen(command(a if i % 2 else b, out), env=environment(),
                             stderr=subprocess.PIPE, text=True) for i in range(4)]
    results = [(p.wait(), p.stderr.read()) for p in runs]
    for process in runs:
        process.stderr.close()
    assert all(code == 0 for code, _ in results), results
    assert not any("Traceback" in err for _, err in results)
    assert snapshot(out) in (set_a, set_b) and not leftovers(out)


@pytest.mark.slow
@pytest.mark.parametrize("delay", [2.0, 5.0, 8.0])
def test_ctrl_c_with_worker_processes_is_one_line_without_traceback(tmp_path, delay):
    """Ctrl-C reaches the whole process group, workers included: the main process
    reports it in one line, the workers print nothing."""
    corpus = write_corpus(tmp_path / "corpus", {f"a{i}": FIRST for i in range(8)})
    process = subprocess.Popen(command(corpus, tmp_path / "out") + ["--jobs", "2"],
                               env=environment(), stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    time.sleep(delay)
    try:
        os.killpg(process.pid, signal.SIGINT)
    except ProcessLookupError:
        pass
    _, err = process.communicate(timeout=300)
    assert "Traceback" not in err, err
    # -SIGINT: the signal came while the interpreter was starting or already shutting
    # down, when Python's own handler is not installed; it ends the run silently too
    assert process.returncode in (0, 130, -signal.SIGINT), err
    if process.returncode == -signal.SIGINT:
        assert not err.strip(), err
    if process.returncode == 130:
        assert err.strip().splitlines()[-1].startswith("interrupted"), err


def test_write_atomic_keeps_a_files_permissions(tmp_path):
    from tradetalks.publish.output import write_atomic

    path = tmp_path / "references.bib"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and (path.stat().st_mode & 0o777) == 0o644


@pytest.mark.slow
def test_sigterm_is_one_line_and_leaves_no_temporary_folder(tmp_path):
    """SIGTERM while the merge's database exists: one line, status 143, OUT not made, and
    the run's temporary folders removed (a default SIGTERM left them behind)."""
    corpus = write_corpus(tmp_path / "corpus", {f"a{i}": FIRST for i in range(8)})
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(command(corpus, tmp_path / "out"),
                               env={**environment(), "TMPDIR": str(scratch)},
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(scratch.glob("tradetalks-merge-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(scratch.glob("tradetalks-merge-*")), "the run never made its merge folder"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143, err
    assert "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith("terminated before"), err
    assert not (tmp_path / "out").exists()
    assert list(scratch.glob("tradetalks-*")) == []

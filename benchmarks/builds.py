"""Warehouse builds for the evaluation benchmarks: the current code, and the code at a git ref beside it.

Each build is `python -m etl build --input DIR --out DIR --no-cache` in a child process, with the
working directory and PYTHONPATH set to the code being measured. A baseline's code is checked out
with `git worktree add --detach` into a temporary folder and removed afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Build:
    label: str  # "current" or the baseline's ref
    warehouse: Path
    seconds: float
    failures: tuple[str, ...] = ()  # "extraction failed for article …" lines of the build's report


def build_warehouse(inputs: Path, out: Path, code: Path = ROOT) -> tuple[float, tuple[str, ...]]:
    """Build `out` from `inputs` with the ETL found at `code`: seconds taken, and the articles whose
    extraction failed (kept without records, so a failure must be shown, not read as a low score).
    Raises when the build fails."""
    env = dict(os.environ, PYTHONPATH=str(code))
    cmd = [sys.executable, "-m", "etl", "build", "--input", str(inputs), "--out", str(out), "--no-cache"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"build with the code at {code} failed:\n{proc.stdout}\n{proc.stderr}")
    failures = tuple(line.strip() for line in (proc.stdout + proc.stderr).splitlines()
                     if line.strip().startswith("extraction failed"))
    return seconds, failures


def resolve_ref(ref: str) -> str | None:
    """The commit a ref names, or None when it names none."""
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    return proc.stdout.strip() or None


@contextmanager
def worktree(ref: str, parent: Path):
    """The repository at `ref`, checked out (detached) under `parent`; removed on exit."""
    path = parent / "base"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), ref],
                   check=True, capture_output=True, text=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)],
                       capture_output=True, text=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True, text=True)


def build_all(inputs: Path, tmp: Path, baseline: str | None = None) -> list[Build]:
    """The current code's build, then (with a ref) the baseline's, each into its own folder under `tmp`."""
    builds = [Build("current", tmp / "wh", *build_warehouse(inputs, tmp / "wh"))]
    if baseline:
        with worktree(baseline, tmp) as code:
            out = tmp / "wh-base"
            builds.append(Build(baseline, out, *build_warehouse(inputs, out, code)))
    return builds

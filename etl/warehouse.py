"""The warehouse on disk: one Parquet file per table, swapped in atomically.

`out` (e.g. `data/warehouse`) is a symbolic link to a complete build folder in
`.<out>.builds/`. A build writes a new folder beside the old ones and then replaces the link in
one `os.replace`, so readers see either the previous warehouse or the new one, never half of
each, and a build that fails or is interrupted leaves the previous warehouse readable.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
KEEP_BUILDS = 3  # the live one and two before it, for readers still holding old files


def builds_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.builds"


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_table(folder: Path, name: str, table) -> None:
    """Write one table; a GeoDataFrame becomes GeoParquet, anything else plain Parquet."""
    target = folder / f"{name}.parquet"
    if hasattr(table, "to_parquet") and hasattr(table, "geometry"):
        table.to_parquet(target, index=False)
    else:
        pq.write_table(table if isinstance(table, pa.Table) else pa.Table.from_pandas(table, preserve_index=False), target)


def write_warehouse(tables: dict, out: Path, manifest: dict) -> Path:
    """Write `tables` and `manifest` as a new build and make `out` point at it. Returns the build folder."""
    out = Path(out)
    builds = builds_dir(out)
    builds.mkdir(parents=True, exist_ok=True)
    staging = builds / f"tmp-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        for name, table in tables.items():
            _write_table(staging, name, table)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        final = builds / f"{stamp}-{manifest.get('data_version', 'build')}"
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_link(out, final)
    _prune(builds, keep=final)
    return final


def _point_link(out: Path, target: Path) -> None:
    if out.exists() and not out.is_symlink():
        # A plain folder from elsewhere (copied in by hand): keep it among the builds, then link.
        os.rename(out, builds_dir(out) / f"adopted-{uuid.uuid4().hex[:8]}")
    link_tmp = out.parent / f".{out.name}.link-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(target, out.parent), link_tmp)
    os.replace(link_tmp, out)


def _prune(builds: Path, keep: Path) -> None:
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith("tmp-")),
                      key=lambda p: p.stat().st_mtime)
    for old in finished[:-KEEP_BUILDS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def build_lock(warehouse: Path) -> Iterator[None]:
    """One build at a time per warehouse, across sessions and processes (the upload page and the
    watcher both take it)."""
    lock_path = Path(warehouse).parent / f".{Path(warehouse).name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

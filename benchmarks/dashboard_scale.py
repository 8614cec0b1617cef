"""The dashboard on a SYNTHETIC warehouse of a million articles, beside the code at a git ref on smaller ones.

    python benchmarks/dashboard_scale.py [--articles 1000000] [--baseline REF] [--baseline-sizes 10000,100000]
                                         [--runs 7] [--no-browser]

The warehouses are written by `benchmarks/synthetic_warehouse.py` under /tmp (made when missing; the
same seed gives the same tables). Each code — this checkout, and with `--baseline REF` the code at
REF in a temporary git worktree — is measured in a process of its own by its own
`benchmarks/dashboard.py` (`server_rows`, and `browser_rows` unless `--no-browser`):

- filter change on the map page, server time (AppTest, median of `--runs` changes to unseen filters);
- the first run of the map page (AppTest, cold caches) and the first render in headless Chromium
  (`streamlit run` on loopback, cold server);
- server memory: the peak resident memory of the process that ran the app under AppTest, and of the
  `streamlit run` server at the end of the browser visits (`VmHWM`, read before it is stopped).

For this code, and a baseline that has one, the DuckDB catalog of the warehouse is prepared first, in a
process of its own, as `scripts/serve.sh` does before serving (`python -m dashboard.db DIR`); this code's
time for it is a row of its own.
Heavy: run it with `nice` on a machine with nothing else to do (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FILTER_TARGET_MS, RENDER_TARGET_S, MEMORY_TARGET_MB = 300, 5.0, 2048


def synthetic(n: int) -> Path:
    """The synthetic warehouse of `n` articles under /tmp, written when missing."""
    out = Path(f"/tmp/synthetic-warehouse-{n}")
    if not (out / "manifest.json").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic_warehouse.py"), "--articles", str(n),
                        "--out", str(out)], check=True)
    return out


def prepare_catalog(warehouse: Path, code: Path = ROOT) -> float:
    """The DuckDB catalog of `warehouse` for the code at `code`, in a process of its own (as serve.sh does)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dashboard.db", str(warehouse)], cwd=code, check=True,
                   env={**os.environ, "PYTHONPATH": str(code)}, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(code: Path, warehouse: Path, runs: int, browser: bool) -> dict:
    """Run the driver with `code` first on the path; returns its figures (and prints them as they come)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        target = Path(out.name)
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, str(Path(__file__).resolve()), "--driver", str(code), "--warehouse", str(warehouse),
               "--runs", str(runs), "--json", str(target)] + ([] if browser else ["--no-browser"])
    subprocess.run(command, cwd=code, env=env, check=True)
    try:
        figures = json.loads(target.read_text())
        print(f"{code} on {warehouse}: {json.dumps(figures, ensure_ascii=False)}", flush=True)
        return figures
    finally:
        target.unlink(missing_ok=True)


def driver(code: Path, warehouse: Path, runs: int, browser: bool, out: Path) -> None:
    """In its own process: `code`'s benchmarks/dashboard.py on `warehouse`, and the memory it took."""
    sys.path[:] = [str(code)] + [p for p in sys.path if Path(p or ".").resolve() not in (ROOT, code)]
    from streamlit import logger as streamlit_logger

    streamlit_logger.set_log_level("error")
    import benchmarks.dashboard as bench

    bench.TIMEOUT_S = 180  # a map that has not drawn in three minutes will not

    assert Path(bench.__file__).resolve().is_relative_to(code.resolve()), bench.__file__
    figures = {"rows": [list(r) for r in bench.server_rows(warehouse, runs)],
               "apptest_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if browser:
        import tests.test_browser_dashboard as browser_tests

        peaks = []
        original = browser_tests.Server.stop

        def stop(server):  # the server's peak memory, read before it goes
            try:
                status = Path(f"/proc/{server.process.pid}/status").read_text()
                peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
            except (OSError, AttributeError):
                pass
            original(server)

        browser_tests.Server.stop = stop
        try:
            figures["rows"] += [list(r) for r in bench.browser_rows(warehouse)]
        except Exception as error:  # noqa: BLE001 (a map that never draws: said, and the other figures kept)
            reason = f"not drawn ({type(error).__name__})"
            figures["rows"] += [["first render, map page, cold server (s)", reason, "", "", ""],
                                ["first render, map page, warm server (s)", reason, "", "", ""]]
        figures["server_peak_mb"] = max(peaks) if peaks else None
    out.write_text(json.dumps(figures))


def _value(figures: dict, prefix: str) -> str:
    for row in figures["rows"]:
        if row[0].startswith(prefix):
            return row[1]
    return "—"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--baseline", help="a git ref whose code is measured on the smaller warehouses")
    parser.add_argument("--baseline-sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-current", action="store_true", help="measure only the baseline")
    parser.add_argument("--driver", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warehouse", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    browser = not args.no_browser
    if args.driver:
        driver(args.driver, args.warehouse, args.runs, browser, args.json)
        return 0

    columns = []  # (label, figures)
    prepared = None
    if not args.no_current:
        warehouse = synthetic(args.articles)
        prepared = prepare_catalog(warehouse)
        columns.append((f"this code, {args.articles:,} articles", measure(ROOT, warehouse, args.runs, browser)))
    if args.baseline:
        from benchmarks.builds import worktree

        sizes = [int(s) for s in args.baseline_sizes.split(",") if s]
        with tempfile.TemporaryDirectory(prefix="dashboard-scale-") as tmp, worktree(args.baseline, Path(tmp)) as code:
            vendor = ROOT / "dashboard" / "static" / "vendor"
            if vendor.exists() and not (code / "dashboard" / "static" / "vendor").exists():
                (code / "dashboard" / "static").mkdir(parents=True, exist_ok=True)
                shutil.copytree(vendor, code / "dashboard" / "static" / "vendor")  # the map's assets (not in git)
            for n in sizes:
                if (code / "dashboard" / "db.py").exists():  # a baseline with a catalog prepares it first too
                    prepare_catalog(synthetic(n), code)
                columns.append((f"{args.baseline}, {n:,} articles", measure(code, synthetic(n), args.runs, browser)))

    rows = [("filter change, map page, server (median, ms)", "filter change", f"≤ {FILTER_TARGET_MS} ms"),
            ("first run of the map page, server (s)", "first run of the map page", ""),
            ("first render, map page, cold server (s)", "first render, map page, cold", f"≤ {RENDER_TARGET_S:.0f} s"),
            ("first render, map page, warm server (s)", "first render, map page, warm", f"≤ {RENDER_TARGET_S:.0f} s"),
            ("map payload (MB)", "map payload", "≤ 2 MB")]
    table = [("measure", *[label for label, _ in columns], "target")]
    for title, prefix, target in rows:
        table.append((title, *[_value(figures, prefix) for _, figures in columns], target))
    table.append(("server memory, AppTest process peak (MB)",
                  *[f"{figures['apptest_peak_mb']:,.0f}" for _, figures in columns], f"≤ {MEMORY_TARGET_MB:,} MB"))
    if browser:
        table.append(("server memory, streamlit run peak (MB)",
                      *[f"{figures.get('server_peak_mb') or 0:,.0f}" for _, figures in columns],
                      f"≤ {MEMORY_TARGET_MB:,} MB"))
    if prepared is not None:
        table.append(("DuckDB catalog prepared before serving (s)", f"{prepared:.1f}",
                      *["— (no catalog)" for _ in columns[1:]], ""))
    widths = [max(len(str(r[i])) for r in table) for i in range(len(table[0]))]
    for row in table:
        print(" | ".join(str(cell).ljust(w) for cell, w in zip(row, widths)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

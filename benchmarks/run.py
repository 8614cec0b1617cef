"""Benchmarks: one command, one table of figures, each beside its baseline measured in the same run.

    python benchmarks/run.py            # 1k and 10k synthetic corpora (several minutes)
    python benchmarks/run.py --quick    # 300 articles, no 10k run, no browser

Rows:
- ETL throughput (characters/s, serial build) vs a bare natasha NER pass over the same texts;
- peak memory of a build (the process and its workers, sampled) at 1k and 10k articles;
- no-op rebuild vs full build (same inputs, result cache warm);
- Dask with 2 workers vs 1 worker on the 1k corpus;
- dashboard figures from benchmarks/dashboard.py where present (filter change, map payload, first render).

Targets (see README "Performance"): ETL ≥ 0.8× bare NER; no-op ≤ 5% of full; peak ≤ 2 GB at 10k;
Dask 2 workers ≥ 1.6× one worker.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.make_corpus import make_corpus  # noqa: E402

ROWS: list[tuple[str, str, str, str, str]] = []


def row(measure: str, value: str, baseline: str = "", ratio: str = "", target: str = "") -> None:
    ROWS.append((measure, value, baseline, ratio, target))
    print(f"  {measure}: {value}" + (f" | baseline {baseline}" if baseline else "") + (f" | {ratio}" if ratio else ""),
          flush=True)


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as handle:
                    stack += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def timed_build(inputs: Path, out: Path, *extra: str) -> tuple[float, int, str]:
    """Run `python -m etl build` in a child process: (seconds, peak RSS of its tree, summary)."""
    cmd = [sys.executable, "-m", "etl", "build", "--input", str(inputs), "--out", str(out), *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"build failed:\n{output}")
    return seconds, peak, output


def corpus_chars(folder: Path) -> tuple[int, list[str]]:
    from etl.read import iter_input_files, read_path

    texts = []
    for path in iter_input_files([folder]):
        drafts, _ = read_path(path)
        texts += [d.text for d in drafts]
    return sum(map(len, texts)), texts


def bare_ner_seconds(texts: list[str]) -> float:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    started = time.perf_counter()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
    return time.perf_counter() - started


def etl_benchmarks(tmp: Path, n_small: int, n_large: int | None) -> None:
    small = tmp / f"corpus-{n_small}"
    make_corpus(n_small, small)
    chars, texts = corpus_chars(small)
    print(f"corpus of {n_small} synthetic articles, {chars:,} characters", flush=True)

    # Model loading is paid once per process in both: measure it and take it out of both sides.
    load_started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from etl.extract import load_context; load_context()"], cwd=ROOT, check=True)
    load_seconds = time.perf_counter() - load_started
    bare = bare_ner_seconds(texts)
    full, peak_small, _ = timed_build(small, tmp / "wh-serial", "--engine", "serial", "--no-cache")
    ours = max(full - load_seconds, 1e-9)
    row("ETL throughput, serial (chars/s)", f"{chars / ours:,.0f}", f"bare NER {chars / bare:,.0f}",
        f"{bare / ours:.2f}× of bare NER", "≥ 0.8×")
    row(f"peak memory, {n_small} articles (serial)", f"{peak_small / 2**20:,.0f} MB")

    cached_out = tmp / "wh-cached"
    timed_build(small, cached_out, "--engine", "serial")
    noop, _, _ = timed_build(small, cached_out, "--engine", "serial")
    row("no-op rebuild (s)", f"{noop:.1f}", f"full build {full:.1f}", f"{100 * noop / full:.1f}% of full", "≤ 5%")

    local, _, _ = timed_build(small, tmp / "wh-local", "--engine", "local", "--no-cache")
    row(f"local engine, {os.cpu_count()} processes (s)", f"{local:.1f}", f"serial {full:.1f}", f"{full / local:.2f}× faster")

    from distributed import LocalCluster

    seconds = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            # Warm the workers (model loading) before timing, as a long-running cluster would be.
            from distributed import Client

            with Client(cluster.scheduler_address) as client:
                client.run(lambda: __import__("etl.extract", fromlist=["load_context"]).load_context() and None)
            s, _, _ = timed_build(small, tmp / f"wh-dask{workers}", "--engine", "dask", "--scheduler",
                                  cluster.scheduler_address, "--no-cache")
            seconds[workers] = s
    row("Dask, 2 workers (s)", f"{seconds[2]:.1f}", f"1 worker {seconds[1]:.1f}",
        f"{seconds[1] / seconds[2]:.2f}× faster", "≥ 1.6×")

    if n_large:
        large = tmp / f"corpus-{n_large}"
        make_corpus(n_large, large, seed=11)
        s, peak, _ = timed_build(large, tmp / "wh-large", "--engine", "local", "--no-cache")
        row(f"build of {n_large} articles, local engine (s)", f"{s:.0f}")
        row(f"peak memory, {n_large} articles (process tree)", f"{peak / 2**20:,.0f} MB", "", "", "≤ 2048 MB")
        os.environ["BENCH_LARGE_WAREHOUSE"] = str(tmp / "wh-large")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmarks with baselines measured in the same run.")
    parser.add_argument("--quick", action="store_true", help="300 articles, no 10k corpus, no browser")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--skip-dashboard", action="store_true")
    args = parser.parse_args()
    n_small, n_large = (300, None) if args.quick else (args.small, args.large)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        etl_benchmarks(Path(tmp), n_small, n_large)
        if not args.skip_dashboard and (ROOT / "benchmarks" / "dashboard.py").exists():
            from benchmarks import dashboard

            warehouse = os.environ.get("BENCH_LARGE_WAREHOUSE") or str(Path(tmp) / "wh-serial")
            for measure, value, baseline, ratio, target in dashboard.measure(Path(warehouse), browser=not args.quick):
                row(measure, value, baseline, ratio, target)
    widths = [max(len(r[i]) for r in ROWS + [("measure", "value", "baseline", "ratio", "target")]) for i in range(5)]
    print()
    for r in [("measure", "value", "baseline", "ratio", "target"), *ROWS]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(r, widths)))


if __name__ == "__main__":
    main()

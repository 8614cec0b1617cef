"""Cost of one long text against its length: build time and peak memory from 100 KB to 10 MB.

    .venv/bin/python benchmarks/long_texts.py [--sizes 0.1,1,10] [--shapes lines,flat] [--keep DIR]

An analyst pastes a long report as one file. For each size (in MB of UTF-8 text) and shape, the script
writes one SYNTHETIC article (seed paragraphs recombined, each prefixed with a running number so that
no paragraph repeats; the file's first line says it is synthetic) into a temporary folder and builds
it with `python -m etl build --no-cache --engine serial` in a child process, recording wall time and
the child's peak resident memory. Shapes: `lines` keeps the paragraphs on their own lines; `flat`
joins them into one line, as text copied out of a PDF often is.

Beside it, in the same run:
- the start-up baseline: the same build of a one-paragraph article (loading models and gazetteers),
  subtracted from every figure, so that time per MB is the cost of the text itself;
- the bare natasha passes on the same text (segmentation and NER, in a child process, models loaded
  before the clock starts): the floor the extractor cannot go under.

Printed per shape: seconds per MB of text at each size, the ratio of the largest size's seconds per MB
to the smallest's (the goal: at most 1.5, i.e. cost linear in length), and peak memory. A benchmark,
not a test: timings on a shared machine are noisy, read them beside the baseline.
"""

from __future__ import annotations

import argparse
import os
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

MB = 1024 * 1024
HEADER = "Синтетический длинный текст для измерения (benchmarks/long_texts.py)"

NATASHA_ONLY = """
import sys, time
from etl.nlp import load_nlp, windows
nlp = load_nlp()
text = open(sys.argv[1], encoding="utf-8").read()
started = time.perf_counter()
for a, b in windows(text):
    nlp.entities(text[a:b])
print(time.perf_counter() - started)
"""


def synthetic_text(n_bytes: int, shape: str) -> str:
    from benchmarks.make_corpus import seed_paragraphs

    paragraphs = seed_paragraphs()
    out, size, k = [], 0, 0
    while size < n_bytes:
        line = f"{k // len(paragraphs) + 1}.{k % len(paragraphs) + 1}. {paragraphs[k % len(paragraphs)]}"
        out.append(line)
        size += len(line.encode("utf-8")) + 1
        k += 1
    return ("\n" if shape == "lines" else " ").join([HEADER] + out)


def run_child(args: list[str]) -> tuple[float, float, str]:
    """(seconds, peak resident MB, stdout) of a child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out


def build_once(text: str, work: Path) -> tuple[float, float]:
    inputs, out = work / "in", work / "wh"
    shutil.rmtree(inputs, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    inputs.mkdir(parents=True)
    (inputs / "long.txt").write_text(text, encoding="utf-8")
    seconds, peak, _ = run_child([sys.executable, "-m", "etl", "build", "--input", str(inputs), "--out", str(out),
                                  "--no-cache", "--engine", "serial"])
    return seconds, peak


def natasha_once(text: str, work: Path) -> float:
    path = work / "natasha.txt"
    path.write_text(text, encoding="utf-8")
    _, _, out = run_child([sys.executable, "-c", NATASHA_ONLY, str(path)])
    return float(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.1,1,10", help="sizes in MB, comma-separated (default 0.1,1,10)")
    parser.add_argument("--shapes", default="lines,flat", help="lines and/or flat (default both)")
    parser.add_argument("--keep", type=Path, help="write the synthetic texts here instead of a temporary folder")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]

    work = Path(tempfile.mkdtemp(prefix="long-texts-"))
    try:
        startup, startup_peak = build_once(HEADER + "\nКазахстан и Китай подписали соглашение.", work)
        print(f"start-up baseline (a one-paragraph article): {startup:.1f} s, peak {startup_peak:.0f} MB")
        print()
        print(f"{'shape':6} {'size':>8} {'build s':>8} {'s/MB':>7} {'natasha s/MB':>13} {'ratio':>6} "
              f"{'peak MB':>8} {'+ over start-up':>16}")
        for shape in shapes:
            per_mb: list[float] = []
            for size in sizes:
                text = synthetic_text(int(size * MB), shape)
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"synthetic-{shape}-{size:g}MB.txt").write_text(text, encoding="utf-8")
                megabytes = len(text.encode("utf-8")) / MB
                seconds, peak = build_once(text, work)
                natasha = natasha_once(text, work)
                cost = max(seconds - startup, 0.0) / megabytes
                per_mb.append(cost)
                print(f"{shape:6} {megabytes:7.2f}M {seconds:8.1f} {cost:7.1f} {natasha / megabytes:13.1f} "
                      f"{cost / (natasha / megabytes):6.2f} {peak:8.0f} {peak - startup_peak:16.0f}", flush=True)
            if len(per_mb) > 1:
                print(f"{shape:6} seconds per MB at {sizes[-1]:g} MB / at {sizes[0]:g} MB: "
                      f"{per_mb[-1] / per_mb[0]:.2f} (goal ≤ 1.5)")
            print()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

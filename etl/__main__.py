"""`python -m etl build --input PATH... --out DIR`: a thin shell over `etl.build.build()`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.build import BuildError, build
from etl.engine import ENGINES
from etl.read import DEFAULT_MAX_BYTES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Turn articles into the warehouse tables.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("build", help="build (or update) a warehouse from input files and folders")
    cmd.add_argument("--input", nargs="+", required=True, type=Path, metavar="PATH",
                     help="files or folders of articles: .txt, Telegram result.json, RSS/Atom, HTML")
    cmd.add_argument("--out", required=True, type=Path, metavar="DIR", help="warehouse folder, e.g. data/warehouse")
    cmd.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                     help=f"files larger than this are rejected unread (default {DEFAULT_MAX_BYTES})")
    cmd.add_argument("--if-stale", action="store_true",
                     help="do nothing when the warehouse was built from the same inputs and code")
    cmd.add_argument("--engine", choices=ENGINES, default="auto",
                     help="where extraction runs: serial, local (one process per core), dask; auto picks")
    cmd.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --engine dask")
    cmd.add_argument("--workers", type=int, help="worker processes for --engine local (default: all cores)")
    cmd.add_argument("--no-cache", action="store_true", help="process every article again, ignoring the result cache")
    args = parser.parse_args(argv)
    try:
        summary = build(args.input, args.out, max_bytes=args.max_bytes, if_stale=args.if_stale, engine=args.engine,
                        scheduler=args.scheduler, workers=args.workers, cache=not args.no_cache)
    except (BuildError, ValueError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        print("the previous warehouse, if any, is unchanged", file=sys.stderr)
        return 1
    print(summary.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m etl build --input PATH... --out DIR`: a thin shell over `etl.build.build()`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.build import BuildError, build
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
    args = parser.parse_args(argv)
    try:
        summary = build(args.input, args.out, max_bytes=args.max_bytes, if_stale=args.if_stale)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        print("the previous warehouse, if any, is unchanged", file=sys.stderr)
        return 1
    print(summary.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m etl build --input PATH... --out DIR`: a thin shell over `etl.build.build()`;
`python -m etl watch`: one over `etl.watch.watch()`."""

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
    _add_watch(commands)
    args = parser.parse_args(argv)
    if args.command == "watch":
        return _watch(args)
    try:
        summary = build(args.input, args.out, max_bytes=args.max_bytes, if_stale=args.if_stale, engine=args.engine,
                        scheduler=args.scheduler, workers=args.workers, cache=not args.no_cache)
    except (BuildError, ValueError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        print("the previous warehouse, if any, is unchanged", file=sys.stderr)
        return 1
    print(summary.render())
    return 0


def _add_watch(commands) -> None:
    cmd = commands.add_parser("watch", help="poll the sources of sources.toml, write new items to the inbox, rebuild")
    cmd.add_argument("--sources", type=Path, metavar="FILE", help="the sources file (env SOURCES_FILE, sources.toml)")
    cmd.add_argument("--input", nargs="*", type=Path, metavar="PATH",
                     help="inputs built with the inbox (env SEEDS_DIR, seeds); none with a bare --input")
    cmd.add_argument("--inbox", type=Path, metavar="DIR", help="where new items are written (env INBOX_DIR, data/inbox)")
    cmd.add_argument("--out", type=Path, metavar="DIR", help="the warehouse (env WAREHOUSE_DIR, data/warehouse)")
    cmd.add_argument("--state", type=Path, metavar="DIR", help="per-source state (env WATCH_STATE_DIR, data/watch)")
    cmd.add_argument("--feeds", type=Path, metavar="DIR",
                     help="Atom feeds of saved views (env FEEDS_DIR, dashboard/static/feeds)")
    cmd.add_argument("--views", type=Path, metavar="FILE",
                     help="the saved views (env SAVED_VIEWS_FILE, data/saved_views.json)")
    cmd.add_argument("--once", action="store_true", help="poll every source once, rebuild, and exit")
    cmd.add_argument("--rounds", type=int, help="stop after this many rounds")


def _watch(args) -> int:
    from etl.watch import SourcesError, WatchConfig, run_round, watch

    config = WatchConfig.from_env(sources_file=args.sources, inputs=args.input, inbox=args.inbox, out=args.out,
                                  state_dir=args.state, feeds_dir=args.feeds, views_file=args.views)
    try:
        if args.once:
            status = run_round(config, force=True)
            for source in status["sources"]:
                state = f"error: {source['last_error']}" if source["failures"] else f"ok ({source['items']} items in all)"
                print(f"{source['id']:24} {source['kind']:9} {state}")
            build = status.get("build") or {}
            print(f"new items: {status['round']['new_items']}; build: "
                  f"{build.get('error') or build.get('data_version') or 'not needed'}")
            return 0
        watch(config, rounds=args.rounds)
    except SourcesError as error:
        print(f"watch: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

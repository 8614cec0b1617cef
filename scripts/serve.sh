#!/usr/bin/env bash
# Start the dashboard: build the warehouse from its inputs if it is missing or stale, then serve.
# `make run` and the container image both start the app through this script, so the two cannot drift.
#
# Environment (all optional):
#   PORT            port to listen on (8501)
#   ADDRESS         address to bind (0.0.0.0); 127.0.0.1 behind a reverse proxy on the same host
#   BASE_URL_PATH   serve under a sub-path, e.g. `dashboard` for https://host/dashboard/ behind a proxy
#   WAREHOUSE_DIR   the warehouse folder the app reads (data/warehouse)
#   SEEDS_DIR       the seed articles (seeds)
#   INBOX_DIR       articles added later (data/inbox): built together with the seeds when present
#   SKIP_BUILD=1    serve the warehouse as it is (one built elsewhere and mounted, or built at image build time)
#   PYTHON          the interpreter (.venv/bin/python)
#   DASHBOARD_CACHE_DIR  where the app keeps its DuckDB catalog of each warehouse build (a temp folder)
#   MALLOC_ARENA_MAX  glibc malloc arenas of the server (2): each session's script runs in a thread of its own,
#                   and with glibc's default of eight arenas per core the memory freed between runs stays
#                   spread over them, so a busy server's memory keeps climbing
#   WATCH=1         also run the watcher (python -m etl watch) on SOURCES_FILE (sources.toml); WATCH_STATE_DIR,
#                   FEEDS_DIR, SAVED_VIEWS_FILE, DASHBOARD_PUBLIC_URL as the README's "Live monitoring" says
# Arguments are passed on to `streamlit run` (e.g. --server.headless true).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
PORT="${PORT:-8501}"
ADDRESS="${ADDRESS:-0.0.0.0}"
BASE_URL_PATH="${BASE_URL_PATH:-}"
WAREHOUSE_DIR="${WAREHOUSE_DIR:-data/warehouse}"
SEEDS_DIR="${SEEDS_DIR:-seeds}"
INBOX_DIR="${INBOX_DIR:-data/inbox}"
export WAREHOUSE_DIR SEEDS_DIR INBOX_DIR
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  inputs=("$SEEDS_DIR")
  # The same inputs the upload page builds from: a restart keeps the articles added since.
  if [ -d "$INBOX_DIR" ]; then inputs+=("$INBOX_DIR"); fi
  "$PYTHON" -m etl build --input "${inputs[@]}" --out "$WAREHOUSE_DIR" --if-stale
fi
# The dashboard's DuckDB catalog of this build, made now rather than on the first visit (a large warehouse
# takes a while); nothing to do when it exists. A build swapped in later is prepared on its first visit.
if [ -f "$WAREHOUSE_DIR/manifest.json" ]; then
  "$PYTHON" -m dashboard.db "$WAREHOUSE_DIR" || echo "serve.sh: the DuckDB catalog will be made on the first visit" >&2
fi
# WATCH=1: poll the sources of SOURCES_FILE beside the app (`python -m etl watch`): new items go to the inbox,
# the warehouse is rebuilt and swapped, and the app shows them on its next run.
if [ "${WATCH:-0}" = "1" ]; then
  "$PYTHON" -m etl watch --sources "${SOURCES_FILE:-sources.toml}" --input "$SEEDS_DIR" --inbox "$INBOX_DIR" \
    --out "$WAREHOUSE_DIR" &
fi
exec "$PYTHON" -m streamlit run dashboard/app.py \
  --server.port "$PORT" --server.address "$ADDRESS" --server.baseUrlPath "$BASE_URL_PATH" "$@"

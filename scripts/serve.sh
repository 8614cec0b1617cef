#!/usr/bin/env bash
# Start the dashboard: build the warehouse from seeds/ if it is missing or stale, then serve.
# `make run` and the container image both start the app through this script.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
PORT="${PORT:-8501}"
WAREHOUSE_DIR="${WAREHOUSE_DIR:-data/warehouse}"
SEEDS_DIR="${SEEDS_DIR:-seeds}"
export WAREHOUSE_DIR

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  "$PYTHON" -m etl build --input "$SEEDS_DIR" --out "$WAREHOUSE_DIR" --if-stale
fi
exec "$PYTHON" -m streamlit run dashboard/app.py \
  --server.port "$PORT" --server.address "${ADDRESS:-0.0.0.0}" "$@"

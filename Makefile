# Two commands on a fresh machine: `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test build browser clean golden bench assets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it through executable_path), nginx and
# openssl for the reverse-proxy test (tests/test_deploy_proxy.py): each installed when missing.
browser:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing for the browser tests:$$missing (sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

# The map's browser assets (Leaflet, plugins, Natural Earth outlines) from the npm registry, served
# by the dashboard itself at /app/static/vendor/ so the map works without internet.
ASSETS := dashboard/static/vendor/.stamp
$(ASSETS): dashboard/assets/package.json dashboard/assets/package-lock.json dashboard/vendor.py $(VENV)/.runtime
	@command -v npm >/dev/null || { if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; else echo "npm is missing: sudo apt-get install npm"; exit 1; fi; }
	cd dashboard/assets && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(BIN)/python -m dashboard.vendor

assets: $(ASSETS)

build: $(VENV)/.runtime
	$(BIN)/python -m etl build --input seeds --out data/warehouse --if-stale

run: $(VENV)/.runtime $(ASSETS)
	PORT=$(PORT) PYTHON=$(BIN)/python scripts/serve.sh

test: $(VENV)/.dev browser $(ASSETS)
	$(BIN)/python -m pytest -q

# Rewrites the golden CSV snapshots under tests/golden/ from a fresh seed build: review the diff.
golden: $(VENV)/.runtime
	$(BIN)/python -m tests.golden

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf data/warehouse data/.warehouse.builds

# The dashboard as a container image: the warehouse built from seeds/ at image build time, the map's
# assets installed from the npm registry, started by scripts/serve.sh exactly as `make run` starts it.
#
#   docker build -t central-asia-monitor .
#   docker run -p 8501:8501 central-asia-monitor                       # http://localhost:8501
#   docker run -p 8501:8501 -v /srv/dashboard:/srv/dashboard:ro -e WAREHOUSE_DIR=/srv/dashboard/warehouse \
#       central-asia-monitor
#
# The second form serves a warehouse built elsewhere with `python -m etl build --out /srv/dashboard/warehouse`:
# mount the folder that holds the warehouse link and its builds, and every later build on the host is
# picked up by the running container. With `-v dashboard-data:/app/data -e WATCH=1` and a data/sources.toml
# the container polls its sources and keeps the warehouse current. The README's "Deploy" section lists the settings for a proxy,
# sign-in and uploads (all environment variables).

# ---- the map's browser assets: Leaflet, plugins, Natural Earth outlines, as package-lock.json pins them
FROM node:22-bookworm-slim AS map-assets
WORKDIR /assets
COPY dashboard/assets/package.json dashboard/assets/package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# ---- the app
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
WORKDIR /app

COPY requirements.txt pyproject.toml ./
RUN pip install -r requirements.txt

COPY etl etl
COPY dashboard dashboard
COPY seeds seeds
COPY scripts scripts
COPY .streamlit/config.toml .streamlit/config.toml
RUN pip install --no-deps -e .

COPY --from=map-assets /assets/node_modules dashboard/assets/node_modules
RUN python -m dashboard.vendor
RUN rm -rf dashboard/assets/node_modules

RUN python -m etl build --input seeds --out data/warehouse
# The app user may rebuild the warehouse (upload page, SKIP_BUILD=0, the watcher) and write the saved views'
# feeds, and nothing else.
RUN mkdir -p dashboard/static/feeds
RUN chown -R app:app data dashboard/static/feeds

USER app
ENV PORT=8501 \
    ADDRESS=0.0.0.0 \
    BASE_URL_PATH= \
    WAREHOUSE_DIR=data/warehouse \
    SEEDS_DIR=seeds \
    INBOX_DIR=data/inbox \
    SKIP_BUILD=1 \
    WATCH=0 \
    SOURCES_FILE=data/sources.toml \
    PYTHON=python
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import os, urllib.request; base = os.environ.get('BASE_URL_PATH', '').strip('/'); urllib.request.urlopen('http://127.0.0.1:%s/%s_stcore/health' % (os.environ.get('PORT', '8501'), base + '/' if base else ''), timeout=4)"
CMD ["scripts/serve.sh"]

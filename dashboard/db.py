"""The warehouse through DuckDB: read-only connections, one per thread, and SQL with bound parameters.

The dashboard holds no table of the warehouse in pandas. Per build folder and data version it
prepares a *catalog* once: a DuckDB file in the cache folder (`DASHBOARD_CACHE_DIR`, default
`<temp>/central-asia-monitor-duckdb`) that keeps what filtering needs in DuckDB's own storage —
articles without their texts, numbered newest first (`code`); which countries each article's
mentions name, and per country the articles its filter keeps; each record's articles; the corridors, projects and deals with their derived
columns (normalised status, search text, date spans); the evidence — and views that read the texts
and mentions from the Parquet files where they lie. The file is written under a temporary name and
renamed, so processes that prepare it at once never see half of it; `python -m dashboard.db DIR`
prepares it ahead of the first visitor (`scripts/serve.sh` does).

Every query then runs on a connection of the current thread (`Store.cursor()`, a cursor of one
database opened `read_only=True`): DuckDB connections are not shared between threads, and a
read-only database refuses any statement that would write. Filter values only ever reach SQL as
parameters (`?`); the SQL text is made of fixed fragments chosen by which filters are set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl import schema
from dashboard import search
from dashboard.state import Filters

CATALOG_FORMAT = "3"  # bump when the catalog's tables change: old files are then ignored
CACHE_ENV = "DASHBOARD_CACHE_DIR"
CACHE_GRACE_S = 600  # a catalog opened or made this recently is never removed (another process may be opening it)
CACHE_UNKNOWN_DAYS = 7  # a catalog that does not say whose it is goes when no one has opened it for a week
THREADS_ENV = "DASHBOARD_DUCKDB_THREADS"
MEMORY_ENV = "DASHBOARD_DUCKDB_MEMORY"
# Rows a view fetches of each record table, and of articles: what a page can show. Counts are always
# of everything the filters keep, so a page can say how many it leaves out.
RECORD_LIMIT = 1000
ARTICLE_LIMIT = 1000
RECORD_TABLES = {"route": "routes", "project": "projects", "deal": "deals"}
POPUP_SOURCES = 4  # sources per corridor or project a map popup lists
KEYS = {"route": "route_id", "project": "project_id", "deal": "deal_id"}
# Columns of the catalog's record tables that are the dashboard's own, not the warehouse's.
DERIVED = ("row", "search_text", "all_countries", "subsector_of", "has_country", "has_date", "first_day", "last_day",
           "project_subsector", "route_subsector")
_PREPARE_LOCK = threading.Lock()


def cache_dir() -> Path:
    folder = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "central-asia-monitor-duckdb")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def catalog_path(resolved: Path, version: str) -> Path:
    key = hashlib.sha256(f"{Path(resolved).resolve()}\0{version}\0{CATALOG_FORMAT}".encode()).hexdigest()[:20]
    return cache_dir() / f"catalog-{key}.duckdb"


# ---------------------------------------------------------------- preparing the catalog (once per build)


def prepare(resolved: Path, version: str) -> Path:
    """The catalog of the build folder `resolved`, made if missing. Returns its path."""
    path = catalog_path(resolved, version)
    if path.exists():
        if not _source_path(path).exists():  # made before catalogs said whose they are
            _write_source(path, Path(resolved))
        return path
    with _PREPARE_LOCK:
        if path.exists():
            return path
        staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        con = duckdb.connect(str(staging), config={"threads": _threads()})
        try:
            _build_catalog(con, Path(resolved))
            con.execute("CHECKPOINT")
            con.close()
            os.replace(staging, path)
            _write_source(path, Path(resolved))
        finally:
            con.close()
            for leftover in (staging, Path(f"{staging}.wal")):
                leftover.unlink(missing_ok=True)
    prune_cache(keep=path)
    return path


def _write_source(catalog: Path, resolved: Path) -> None:
    """The build folder and format a catalog was made for, beside it (what `prune_cache` reads)."""
    import json

    source = _source_path(catalog)
    staging = source.with_name(f".{source.name}.{uuid.uuid4().hex}.tmp")
    try:
        staging.write_text(json.dumps({"warehouse": str(Path(resolved).resolve()), "format": CATALOG_FORMAT}),
                           encoding="utf-8")
        os.replace(staging, source)
    except OSError:
        staging.unlink(missing_ok=True)


def _source_path(catalog: Path) -> Path:
    return catalog.with_suffix(".json")


def prune_cache(keep: Path | None = None) -> list[Path]:
    """Remove the catalogs no one can use again. Returns what was removed.

    Each build of the warehouse (every swap by the watcher, every upload) gets a catalog of its own, as
    large as a good part of the warehouse, and the ETL keeps only its last three builds: without this the
    cache folder only grows. Beside each catalog a small JSON file names the build folder and catalog
    format it was made for; a catalog goes when that folder is gone or its format is not this code's. A
    catalog from before those files goes once no one has opened it for a week (opening sets its access
    time), and
    staging files of an interrupted preparation go too. Nothing opened or made in the last ten minutes is
    touched, so a process that just found a catalog never loses it before it opens it; a server that has a
    catalog open keeps reading it even once the file is gone (POSIX).
    """
    import json

    folder, now, removed = cache_dir(), time.time(), []

    def age(path: Path) -> float:  # since it was last made or opened
        try:
            stat = path.stat()
        except OSError:
            return 0.0
        return now - max(stat.st_mtime, stat.st_atime)

    def unusable(catalog: Path) -> bool:
        try:
            source = json.loads(_source_path(catalog).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return age(catalog) > CACHE_UNKNOWN_DAYS * 86400
        except (OSError, ValueError):
            return False
        return source.get("format") != CATALOG_FORMAT or not Path(str(source.get("warehouse"))).is_dir()

    doomed = [c for c in folder.glob("catalog-*.duckdb") if c != keep and age(c) > CACHE_GRACE_S and unusable(c)]
    leftovers = [p for p in folder.glob(".catalog-*.tmp*") if age(p) > CACHE_GRACE_S]
    for catalog in doomed:
        leftovers += [catalog, Path(f"{catalog}.wal"), _source_path(catalog)]
    for path in leftovers:
        try:
            path.unlink()
            removed.append(path)
        except OSError:  # gone already, or another user's file: left as it is
            pass
    return removed


def _threads() -> int:
    return int(os.environ.get(THREADS_ENV) or min(4, os.cpu_count() or 1))


def _literal(path: Path) -> str:
    """A file path as an SQL string literal (paths are ours, not a visitor's; quotes doubled all the same)."""
    return "'" + str(path).replace("'", "''") + "'"


def _read(folder: Path, name: str, skip: tuple[str, ...] = ()) -> pa.Table:
    """A warehouse table with every column of the contract (and the optional ones), without `skip`."""
    from dashboard.data import OPTIONAL_COLUMNS

    path = folder / f"{name}.parquet"
    wanted = [c for c in dict.fromkeys(schema.columns(name) + list(OPTIONAL_COLUMNS.get(name, ()))) if c not in skip]
    if not path.exists():
        table = schema.arrow_schema(name).empty_table()
    else:
        present = set(pq.read_schema(path).names)
        table = pq.read_table(path, columns=[c for c in wanted if c in present])
    for column in wanted:
        if column not in table.column_names:
            table = table.append_column(column, pa.nulls(len(table), pa.string()))
    return table.select(wanted)


def _build_catalog(con, folder: Path) -> None:
    from dashboard import data

    # Articles, newest first; `code` numbers the distinct ids in that order.
    articles = _read(folder, "articles", skip=("text",)).to_pandas()
    articles["published"] = pd.to_datetime(articles["published"], errors="coerce")
    articles["file_row"] = np.arange(len(articles))
    articles = articles.sort_values(["published", "file_row"], ascending=[False, True], na_position="last",
                                    kind="stable").reset_index(drop=True)
    articles["code"] = pd.factorize(articles["article_id"])[0].astype(np.int32)
    untitled = ~(articles["title"].notna() & (articles["title"].astype(str).str.strip() != ""))
    titles = articles["title"].where(~untitled, None)
    if untitled.any():
        texts = _texts_of(folder, set(articles.loc[untitled, "article_id"]))
        titles = [t if not u else (data.first_words(texts.get(a)) or "—")
                  for t, u, a in zip(titles, untitled, articles["article_id"])]
    articles["display_title"] = titles
    articles["outlet"] = [data.outlet_of(c, u) for c, u in zip(articles["channel"], articles["url"])]
    con.register("_articles", articles)
    con.execute("CREATE TABLE articles AS SELECT * EXCLUDE (file_row) FROM _articles ORDER BY code, file_row")
    con.unregister("_articles")
    con.execute("CREATE TABLE ids AS SELECT article_id, min(code) AS code FROM articles GROUP BY article_id")

    mentions = folder / "mentions.parquet"
    if mentions.exists():
        src = f"read_parquet({_literal(mentions)})"
        con.execute(f"""CREATE TABLE article_countries AS
            SELECT DISTINCT i.code, m.iso3 FROM (
                SELECT article_id, entity_id AS iso3 FROM {src} WHERE entity_id IS NOT NULL
                UNION ALL SELECT article_id, country_iso3 FROM {src} WHERE country_iso3 IS NOT NULL) m
            JOIN ids i USING (article_id) ORDER BY i.code""")
        con.execute(f"""CREATE TABLE country_mentions AS
            SELECT i.code, m.entity_id AS iso3, count(*)::INTEGER AS n FROM {src} m JOIN ids i USING (article_id)
            WHERE m.kind = 'country' AND m.entity_id IS NOT NULL GROUP BY ALL ORDER BY i.code""")
        columns = pq.read_schema(mentions).names
        qualifier = "qualifier" if "qualifier" in columns else "NULL::VARCHAR AS qualifier"
        con.execute(f"""CREATE TABLE money_mentions AS SELECT article_id, start, "end", {qualifier} FROM {src}
            WHERE {qualifier.split(' ')[0]} IS NOT NULL AND start IS NOT NULL""")
        con.execute(f"CREATE VIEW mentions AS SELECT * EXCLUDE (sentence) FROM {src}")
        n_mentions = pq.read_metadata(mentions).num_rows
    else:
        con.execute("CREATE TABLE article_countries (code INTEGER, iso3 VARCHAR)")
        con.execute("CREATE TABLE country_mentions (code INTEGER, iso3 VARCHAR, n INTEGER)")
        con.execute("CREATE TABLE money_mentions (article_id VARCHAR, start BIGINT, \"end\" BIGINT, qualifier VARCHAR)")
        empty = pa.Table.from_pylist([], schema=pa.schema([f for f in schema.arrow_schema("mentions") if f.name != "sentence"]))
        con.register("_mentions", empty)
        con.execute("CREATE TABLE mentions AS SELECT * FROM _mentions")
        n_mentions = 0
    con.execute("ALTER TABLE articles ADD COLUMN has_date BOOLEAN")
    con.execute("ALTER TABLE articles ADD COLUMN has_country BOOLEAN")
    con.execute("""UPDATE articles SET has_date = published IS NOT NULL,
        has_country = code IN (SELECT code FROM article_countries)""")
    text_src = folder / "articles.parquet"
    con.execute(f"""CREATE VIEW article_texts AS SELECT i.code, t.article_id, t.title, t.text, t.channel
        FROM read_parquet({_literal(text_src)}) t JOIN ids i USING (article_id)""")

    # Records, with what their filters need as columns.
    published = articles[["article_id", "published"]]
    routes = data.prepare_records(_geo_frame(folder, "routes"), "route")
    routes["all_countries"] = [[c for c in cs if isinstance(c, str)] for cs in routes["countries"]]
    routes["subsector_of"] = routes["mode"].map(data.MODE_SUBSECTOR)
    projects = data.prepare_records(_geo_frame(folder, "projects"), "project")
    projects["all_countries"] = [[c for c in [c0, *p] if isinstance(c, str)]
                                 for c0, p in zip(projects["country_iso3"], projects["partner_countries"])]
    projects["subsector_of"] = projects["subsector"]
    for frame in (routes, projects):
        frame["first_day"] = frame["first_seen"]
        frame["last_day"] = frame["last_seen"]
        frame["has_date"] = (frame["first_seen"].notna() | frame["last_seen"].notna()).to_numpy(dtype=bool)
    deals = data.prepare_deals(_read(folder, "deals").to_pandas(), published)
    own = deals["date_start"].notna()
    deals["first_day"] = deals["date_start"].where(own, deals["reported"])
    deals["last_day"] = deals["date_end"].where(own, deals["reported"])
    deals["has_date"] = deals["first_day"].notna().to_numpy(dtype=bool)
    deals["all_countries"] = deals["party_countries"]
    project_sub = dict(zip(projects["project_id"], projects["subsector"]))
    route_sub = dict(zip(routes["route_id"], routes["subsector_of"]))
    deals["project_subsector"] = [project_sub.get(p) for p in deals["project_id"]]
    deals["route_subsector"] = [route_sub.get(r) for r in deals["route_id"]]
    for frame in (routes, projects, deals):
        frame["has_country"] = [bool(c) for c in frame["all_countries"]]
        frame["row"] = np.arange(len(frame), dtype=np.int32)
    for name, frame in (("routes", routes), ("projects", projects), ("deals", deals)):
        table = _arrow(frame)
        con.register("_records", table)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM _records ORDER BY row")
        con.unregister("_records")

    evidence = data.prepare_evidence(_read(folder, "evidence").to_pandas())
    con.register("_evidence", _arrow(evidence))
    con.execute("CREATE TABLE evidence AS SELECT * FROM _evidence")
    con.unregister("_evidence")
    countries = _read(folder, "countries").to_pandas()
    con.register("_countries", countries)
    con.execute("CREATE TABLE countries AS SELECT * FROM _countries")
    con.unregister("_countries")

    # Each record's articles: named by the record itself (`record`) or by its evidence (`evidence`).
    con.execute("""CREATE TABLE record_sources AS
        SELECT DISTINCT record, via, i.code FROM (
            SELECT 'route:' || route_id AS record, 'record' AS via, unnest(article_ids) AS article_id FROM routes
            UNION ALL SELECT 'project:' || project_id, 'record', unnest(article_ids) FROM projects
            UNION ALL SELECT 'deal:' || deal_id, 'record', article_id FROM deals WHERE article_id IS NOT NULL
            UNION ALL SELECT record_type || ':' || record_id, 'evidence', article_id FROM evidence
                WHERE record_type IN ('route', 'project', 'deal') AND article_id IS NOT NULL) s
        JOIN ids i USING (article_id) ORDER BY record""")
    # What a map popup lists of a corridor or project: its first sources (a lookup among a million articles
    # per filter change would cost more than drawing the map).
    con.execute(f"""CREATE TABLE popup_sources AS
        SELECT s.record, a.article_id, a.display_title, a.url, a.published FROM (
            SELECT 'route:' || route_id AS record, unnest(list_slice(article_ids, 1, {POPUP_SOURCES})) AS article_id
            FROM routes UNION ALL
            SELECT 'project:' || project_id, unnest(list_slice(article_ids, 1, {POPUP_SOURCES})) FROM projects) s
        JOIN (SELECT DISTINCT ON (article_id) * FROM articles ORDER BY article_id, code) a USING (article_id)
        ORDER BY s.record""")
    # What the country filter keeps of the articles, per country: those whose mentions name it and those a
    # corridor, project or deal naming it comes from (one lookup per country, instead of a join per change).
    con.execute("""CREATE TABLE country_articles AS SELECT DISTINCT iso3, code FROM (
        SELECT iso3, code FROM article_countries
        UNION ALL SELECT c.iso3, s.code FROM (
            SELECT 'route:' || route_id AS record, unnest(all_countries) AS iso3 FROM routes
            UNION ALL SELECT 'project:' || project_id, unnest(all_countries) FROM projects
            UNION ALL SELECT 'deal:' || deal_id, unnest(all_countries) FROM deals) c
        JOIN record_sources s ON s.record = c.record AND s.via = 'record') WHERE iso3 IS NOT NULL
        ORDER BY iso3, code""")
    con.execute("CREATE TABLE facts AS SELECT ?::BIGINT AS n_mentions", [n_mentions])


def _texts_of(folder: Path, ids: set[str]) -> dict[str, str]:
    table = pq.read_table(folder / "articles.parquet", columns=["article_id", "text"])
    frame = table.to_pandas()
    frame = frame.loc[frame["article_id"].isin(ids)]
    return dict(zip(frame["article_id"], frame["text"]))


def _geo_frame(folder: Path, name: str) -> pd.DataFrame:
    """A GeoParquet table with its geometry as WKB in EPSG:4326 (reprojected where the file says another CRS)."""
    path = folder / f"{name}.parquet"
    frame = _read(folder, name).to_pandas()
    if path.exists() and len(frame):
        metadata = pq.read_schema(path).metadata or {}
        if b"geo" in metadata and b'"EPSG", "code": 4326' not in metadata[b"geo"] and b"4326" not in metadata[b"geo"]:
            import geopandas as gpd

            geo = gpd.read_parquet(path)
            geo = geo.set_crs("EPSG:4326") if geo.crs is None else geo.to_crs("EPSG:4326")
            frame["geometry"] = geo.geometry.to_wkb().to_numpy()
    return frame


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """A prepared frame as Arrow: list cells as lists of strings, geometry as binary, timestamps as they are."""
    columns = {}
    for name in frame.columns:
        values = frame[name]
        if name in ("countries", "partners", "partner_countries", "article_ids", "parties", "party_countries",
                    "conflicts", "all_countries"):
            columns[name] = pa.array([list(v) for v in values], type=pa.list_(pa.string()))
        elif name == "geometry":
            columns[name] = pa.array([bytes(v) if isinstance(v, (bytes, bytearray, memoryview)) else None for v in values],
                                     type=pa.binary())
        elif values.dtype == object:
            try:
                columns[name] = pa.array(values.tolist())
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                columns[name] = pa.array([None if v is None or v != v else str(v) for v in values], type=pa.string())
        else:
            columns[name] = pa.array(values)
    return pa.table(columns)


# ---------------------------------------------------------------- the store: connections and queries


class Store:
    """One prepared warehouse, opened read-only; a connection per thread that asks (`cursor()`)."""

    def __init__(self, info, path: Path | None = None):
        self.info = info
        self.path = path or prepare(info.resolved, info.version)
        try:  # opened now: its access time says so (`prune_cache` leaves what was used lately); made stays made
            os.utime(self.path, (time.time(), self.path.stat().st_mtime))
        except OSError:
            pass
        # Background threads return what DuckDB's allocator keeps after queries (tens of MB on a busy server).
        config = {"threads": _threads(), "memory_limit": os.environ.get(MEMORY_ENV) or "1GB",
                  "allocator_background_threads": True}
        self._db = duckdb.connect(str(self.path), read_only=True, config=config)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._memo_lock = threading.RLock()
        self._memo: dict = {}
        self.threads: set[int] = set()  # threads that opened a connection (for tests and diagnostics)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's connection to the database (made on its first query)."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._db.cursor()
            with self._lock:
                self.threads.add(threading.get_ident())
        return con

    def df(self, sql: str, params=(), **tables) -> pd.DataFrame:
        """Run `sql` with bound `params` on this thread's connection; `tables` are Arrow tables it may name."""
        con = self.cursor()
        for name, table in tables.items():
            con.register(name, table)
        try:
            return con.execute(sql, list(params)).df()
        finally:
            for name in tables:
                con.unregister(name)

    def numpy(self, sql: str, params=(), **tables) -> dict[str, np.ndarray]:
        """As `df`, as numpy arrays (no pandas frame: for long columns of numbers)."""
        con = self.cursor()
        for name, table in tables.items():
            con.register(name, table)
        try:
            return con.execute(sql, list(params)).fetchnumpy()
        finally:
            for name in tables:
                con.unregister(name)

    def value(self, sql: str, params=(), **tables):
        frame = self.df(sql, params, **tables)
        return frame.iat[0, 0] if len(frame) else None

    def memo(self, key, make):
        """Something worked out once per warehouse (`make()` on first use)."""
        if key not in self._memo:
            with self._memo_lock:
                if key not in self._memo:
                    self._memo[key] = make()
        return self._memo[key]

    # ------------------------------------------------------------ whole-warehouse facts

    @property
    def totals(self) -> dict[str, int]:
        def count():
            row = self.df("""SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM routes) AS routes,
                (SELECT count(*) FROM projects) AS projects, (SELECT count(*) FROM deals) AS deals,
                (SELECT n_mentions FROM facts) AS mentions""").iloc[0]
            return {k: int(v) for k, v in row.items()}
        return self.memo("totals", count)

    def overview(self) -> dict:
        """Headline facts: counts, outlets, the span of dates, undated articles."""
        def make():
            row = self.df("""SELECT count(DISTINCT outlet) AS outlets, min(published) AS first, max(published) AS last,
                count(*) FILTER (WHERE published IS NULL) AS undated,
                count(*) FILTER (WHERE coalesce(is_stub, false)) AS stubs FROM articles""").iloc[0]
            return {**self.totals, "outlets": int(row["outlets"]), "first": _ts(row["first"]), "last": _ts(row["last"]),
                    "undated": int(row["undated"]), "stubs": int(row["stubs"])}
        return self.memo("overview", make)

    def countries(self) -> pd.DataFrame:
        return self.memo("countries", lambda: self.df("SELECT * FROM countries"))

    def country_codes(self) -> set[str]:
        """Every ISO3 a record or a country mention names."""
        def make():
            frame = self.df("""SELECT DISTINCT c FROM (
                SELECT unnest(all_countries) AS c FROM routes UNION ALL SELECT unnest(all_countries) FROM projects
                UNION ALL SELECT unnest(party_countries) FROM deals UNION ALL SELECT DISTINCT iso3 FROM country_mentions)
                WHERE c IS NOT NULL""")
            return set(frame["c"])
        return self.memo("country_codes", make)

    def article_index(self) -> "ArticleIndex":
        return self.memo("article_index", lambda: ArticleIndex.of(self))

    # ------------------------------------------------------------ rows by key

    def columns(self, table: str) -> list[str]:
        """The columns of a catalog table."""
        return self.memo(("columns", table), lambda: list(self.df(f"DESCRIBE {table}")["column_name"]))

    def records(self, kind: str, where: str = "true", params=(), limit: int | None = None, order: str = "row",
                columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Rows of a record table (`kind` from RECORD_TABLES, never a visitor's text) as the pages read them;
        `columns` (names from the code, of a table without geometry): only those."""
        table = RECORD_TABLES[kind]
        # The dashboard's own columns stay in DuckDB: search texts are long, and no page reads them.
        derived = [c for c in DERIVED if c in self.columns(table)]
        select = f"* EXCLUDE ({', '.join(derived)})" if derived else "*"
        if columns is not None:
            select = ", ".join(c for c in columns if c in self.columns(table))
        sql = f"SELECT {select} FROM {table} WHERE {where} ORDER BY {order}" + (" LIMIT ?" if limit is not None else "")
        frame = self.df(sql, [*params, *([limit] if limit is not None else [])])
        return shape_records(frame, kind)

    def record_row(self, kind: str, record_id: str) -> pd.Series | None:
        if kind not in RECORD_TABLES:
            return None
        rows = self.records(kind, f"{KEYS[kind]} = ?", [record_id])
        return None if rows.empty else rows.iloc[0]

    def articles_by_id(self, ids, columns: str = "*") -> pd.DataFrame:
        frame = self.df(f"SELECT {columns} FROM articles WHERE article_id IN (SELECT article_id FROM wanted) ORDER BY code",
                        wanted=_id_table(ids))
        return _dates(frame, "published")

    def article(self, article_id: str) -> pd.Series | None:
        """An article with its text."""
        rows = self.df("""SELECT a.*, t.text FROM articles a LEFT JOIN (SELECT article_id, text FROM article_texts
            WHERE article_id = ?) t USING (article_id) WHERE a.article_id = ? LIMIT 1""", [article_id, article_id])
        return None if rows.empty else _dates(rows, "published").iloc[0]

    def popup_sources(self, records) -> pd.DataFrame:
        """The first POPUP_SOURCES articles of these corridors and projects (`route:…`, `project:…`)."""
        frame = self.df("""SELECT DISTINCT article_id, display_title, url, published FROM popup_sources
            WHERE record IN (SELECT record FROM wanted)""",
                        wanted=pa.table({"record": pa.array(list(dict.fromkeys(records)), type=pa.string())}))
        return _dates(frame, "published")

    def texts(self, ids) -> dict[str, str]:
        ids = [a for a in dict.fromkeys(ids) if isinstance(a, str)]
        if not ids:
            return {}
        frame = self.df("SELECT article_id, text FROM article_texts WHERE list_contains(?::VARCHAR[], article_id)", [ids])
        return dict(zip(frame["article_id"], frame["text"]))

    def mentions_of(self, article_id: str) -> pd.DataFrame:
        return self.df("SELECT * FROM mentions WHERE article_id = ?", [article_id])

    def evidence(self, where: str, params=()) -> pd.DataFrame:
        return self.df(f"SELECT * FROM evidence WHERE {where}", params)

    def money_mentions(self, ids) -> pd.DataFrame:
        ids = [a for a in dict.fromkeys(ids) if isinstance(a, str)]
        return self.df("SELECT * FROM money_mentions WHERE list_contains(?::VARCHAR[], article_id)", [ids])

    def records_of_articles(self, kind: str, ids, via: str = "record") -> pd.DataFrame:
        """The records of `kind` that these articles are sources of."""
        ids = [a for a in dict.fromkeys(ids) if isinstance(a, str)]
        table, key = RECORD_TABLES[kind], KEYS[kind]
        return shape_records(self.df(f"""SELECT * FROM {table} WHERE '{kind}:' || {key} IN (
            SELECT record FROM record_sources WHERE via = ? AND code IN (
                SELECT code FROM ids WHERE list_contains(?::VARCHAR[], article_id))) ORDER BY row""", [via, ids]), kind)

    # ------------------------------------------------------------ filtering

    def view(self, filters: Filters) -> "View":
        return View(self, filters)


_NO_DAY = np.iinfo(np.int32).min


def _day(value: dt.date) -> int:
    return (value - dt.date(1970, 1, 1)).days


class ArticleIndex:
    """Per store, once: what every filter change asks of each article, as numpy arrays over article codes.

    The date of each article and whether its mentions name any country (a few bytes per article), the
    codes of the articles naming each country (fetched per country on first use), and the country
    mentions per article (code, country, count). Set operations on these arrays take milliseconds
    where a hash join of a million codes takes a good part of a second; everything else stays in DuckDB.
    """

    def __init__(self, store: "Store", day, has_country, mention_code, mention_country, mention_n, countries):
        self.store, self.n = store, len(day)
        self.day, self.has_date, self.has_country = day, day != _NO_DAY, has_country
        self.mention_code, self.mention_country, self.mention_n = mention_code, mention_country, mention_n
        self.countries = countries
        # The mentions come ordered by country, then by count: each (country, count) is one slice of the arrays.
        change = np.flatnonzero((np.diff(mention_country) != 0) | (np.diff(mention_n) != 0)) + 1
        self.slice_starts = np.r_[0, change] if len(mention_country) else np.zeros(0, dtype=np.int64)
        self.slice_ends = np.r_[change, len(mention_country)] if len(mention_country) else np.zeros(0, dtype=np.int64)
        self.slice_country = mention_country[self.slice_starts].astype(np.int64)
        self.slice_n = mention_n[self.slice_starts].astype(np.int64)
        self._naming: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, store: "Store") -> "ArticleIndex":
        rows = store.numpy(f"""SELECT code, min(coalesce(datediff('day', DATE '1970-01-01', published), {_NO_DAY}))::INTEGER
            AS day, bool_or(has_country) AS has_country FROM articles GROUP BY code ORDER BY code""")
        countries = list(store.df("SELECT DISTINCT iso3 FROM country_mentions ORDER BY iso3")["iso3"])
        mentions = store.numpy("""SELECT m.code::INTEGER AS code, c.idx::SMALLINT AS idx, m.n::INTEGER AS n FROM country_mentions m JOIN (
            SELECT iso3, (row_number() OVER (ORDER BY iso3) - 1)::INTEGER AS idx FROM (SELECT DISTINCT iso3 FROM
            country_mentions)) c USING (iso3) ORDER BY c.idx, m.n, m.code""")
        # The narrowest types that hold them: these arrays are most of a server's fixed memory.
        return cls(store, np.asarray(rows["day"], dtype=np.int32), np.asarray(rows["has_country"], dtype=bool),
                   np.asarray(mentions["code"], dtype=np.int32), np.asarray(mentions["idx"], dtype=np.int16),
                   np.asarray(mentions["n"], dtype=np.int32), countries)

    def per_country(self, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For a boolean array over the mentions: per country, how many of its article–country rows are chosen
        and the mentions they count. By slices (a count of set bytes each), where bincounts over millions of
        mentions took several times as long."""
        rows = np.array([np.count_nonzero(chosen[a:b]) for a, b in zip(self.slice_starts, self.slice_ends)],
                        dtype=np.int64)
        size = len(self.countries)
        return (np.bincount(self.slice_country, weights=rows, minlength=size).astype(np.int64),
                np.bincount(self.slice_country, weights=rows * self.slice_n, minlength=size).astype(np.int64))

    def codes_naming(self, iso3: str) -> np.ndarray:
        """Codes of the articles whose mentions name `iso3` (as the entity or its country)."""
        return np.asarray(self.store.numpy("SELECT code FROM article_countries WHERE iso3 = ?", [iso3])["code"],
                          dtype=np.int32)

    def codes_of_country(self, iso3: str) -> np.ndarray:
        """Codes of the articles the country filter keeps for `iso3`: those whose mentions name it, and those
        a corridor, project or deal naming it comes from (the catalog's `country_articles`).

        Kept per country, since it depends on nothing else: a filter change then asks DuckDB nothing for its
        countries. Four bytes per article and country named, so bounded by the warehouse.
        """
        if iso3 not in self._naming:
            codes = np.asarray(self.store.numpy("SELECT code FROM country_articles WHERE iso3 = ?", [iso3])["code"],
                               dtype=np.int32)
            with self._lock:
                self._naming[iso3] = codes
        return self._naming[iso3]


def _id_table(ids) -> pa.Table:
    """Article ids as a table a query joins (faster than a list parameter for thousands of ids)."""
    return pa.table({"article_id": pa.array([a for a in dict.fromkeys(ids) if isinstance(a, str)], type=pa.string())})


def _ts(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value)


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def shape_records(frame: pd.DataFrame, kind: str):
    """Catalog rows as the pages' frames: list cells as lists, dates as timestamps, corridors and projects as
    GeoDataFrames with shapely geometry (EPSG:4326)."""
    for column in ("countries", "partners", "partner_countries", "article_ids", "parties", "party_countries",
                   "conflicts", "all_countries"):
        if column in frame.columns:
            frame[column] = [list(v) if isinstance(v, (list, np.ndarray)) else [] for v in frame[column]]
    _dates(frame, "first_seen", "last_seen", "date_start", "date_end", "reported")
    frame = frame.drop(columns=[c for c in DERIVED if c in frame.columns])
    if kind in ("route", "project"):
        import geopandas as gpd
        import shapely

        wkb = [bytes(v) if isinstance(v, (bytes, bytearray, memoryview)) else None for v in frame["geometry"]] \
            if "geometry" in frame.columns else []
        geometry = gpd.GeoSeries(shapely.from_wkb(np.array(wkb, dtype=object)) if wkb else [], index=frame.index,
                                 crs="EPSG:4326")
        frame = gpd.GeoDataFrame(frame.drop(columns=["geometry"], errors="ignore"), geometry=geometry, crs="EPSG:4326")
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------- a filtered view


def _statuses_for(kind: str, statuses) -> list[str]:
    vocabulary = set(schema.ROUTE_STATUSES if kind == "route" else schema.PROJECT_STATUSES) | {"unspecified"}
    return [s for s in statuses if s in vocabulary]


def _addressed(filters: Filters) -> list[str]:
    """The record types the sector, subsector and status filters speak of (a status: its vocabulary's types)."""
    if filters.status:
        return [kind for kind in ("route", "project") if _statuses_for(kind, filters.status)]
    return ["route", "project", "deal"]


Conditions = dict  # filter name → (SQL fragment with `?`, its parameters)


def record_conditions(kind: str, filters: Filters, query) -> Conditions:
    """One SQL condition per filter over a catalog record table. `_has_date`, `_has_country` are no filters."""
    conds: Conditions = {}
    if filters.countries:
        conds["countries"] = _any_country("all_countries", filters.countries)
    if filters.sectors:
        conds["sectors"] = _in("sector", filters.sectors)
    if filters.subsectors:
        if kind == "deal":  # a deal is in a subsector through the project or corridor it concerns
            by_project, by_route = _in("project_subsector", filters.subsectors), _in("route_subsector", filters.subsectors)
            conds["subsectors"] = (f"(coalesce({by_project[0]}, false) OR coalesce({by_route[0]}, false))",
                                   by_project[1] + by_route[1])
        else:
            conds["subsectors"] = _in("subsector_of", filters.subsectors)
    statuses = _statuses_for(kind, filters.status) if kind != "deal" else []
    if statuses:
        conds["status"] = _in("status", statuses)
    if filters.dated:
        conds["date"] = _date_condition("has_date", "last_day", "first_day", filters)
    if query is not None:
        conds["q"] = _search_condition("search_text", query)
    return conds


def _any_country(column: str, countries) -> tuple[str, list]:
    """The list `column` holds one of `countries`: one `list_contains` per country (several times faster in
    DuckDB than `list_has_any` with a list parameter; filter lists are short)."""
    countries = list(countries)
    return "(" + " OR ".join([f"list_contains({column}, ?)"] * len(countries)) + ")", countries


def _in(column: str, values) -> tuple[str, list]:
    """`column IN (?, ?, …)`: one placeholder per value (filter lists are short; DuckDB plans this faster
    than a membership test on a list parameter)."""
    values = list(values)
    return f"{column} IN ({', '.join('?' * len(values))})", values


def _date_condition(has_date: str, end: str, start: str, filters: Filters) -> tuple[str, list]:
    parts, params = [has_date], []
    if filters.date_from:
        parts.append(f"coalesce({end} >= ?, false)")
        params.append(dt.datetime.combine(filters.date_from, dt.time()))
    if filters.date_to:
        parts.append(f"coalesce({start} <= ?, false)")
        params.append(dt.datetime.combine(filters.date_to, dt.time()))
    sql = "(" + " AND ".join(parts) + ")"
    if filters.include_undated:
        sql = f"({sql} OR NOT {has_date})"
    return sql, params


def _search_condition(column: str, query) -> tuple[str, list]:
    """Whole words in any form: each stem as a substring (cheap), then the word pattern (RE2)."""
    stems = sorted(set(query.stems), key=len, reverse=True)
    sql = " AND ".join([f"contains({column}, ?)"] * len(stems) + [f"regexp_matches({column}, ?)"])
    return f"({sql})", [*stems, query.sql_pattern]


def _raw_prefilter(query) -> tuple[str, list]:
    """A condition on the texts as stored that every match of `query` meets: each stem, in any case and with
    ё for е, somewhere in the title, the text or the channel (a stem never spans the space that joins them)."""
    parts, params = [], []
    for stem in sorted(set(query.stems), key=len, reverse=True):
        pattern = "(?i)" + search._sql_escape(stem).replace("е", "[её]")
        parts.append("(" + " OR ".join(f"regexp_matches(coalesce({c}, ''), ?)" for c in ("title", "text", "channel")) + ")")
        params += [pattern] * 3
    return (" AND ".join(parts) or "true"), params


def _where(conds: Conditions, leave_out: str | None = None) -> tuple[str, list]:
    chosen = [(sql, params) for name, (sql, params) in conds.items() if name != leave_out]
    if not chosen:
        return "true", []
    return " AND ".join(sql for sql, _ in chosen), [p for _, params in chosen for p in params]


_NORMAL_TEXT = "replace(lower(concat_ws(' ', coalesce(title, ''), coalesce(text, ''), coalesce(channel, ''))), 'ё', 'е')"


class View:
    """What the filters select, fetched as pages ask for it and kept (views are cached per filters).

    Frames (`routes`, `projects`, `deals`, `articles`) hold at most RECORD_LIMIT / ARTICLE_LIMIT rows;
    `counts` says how many the filters keep in all, `capped` which tables were cut. Sums, counts and
    series are worked out in SQL over everything the filters keep.
    """

    def __init__(self, store: Store, filters: Filters):
        self.store, self.filters = store, filters
        self.query = search.compile_query(filters.q) if filters.q else None
        self._memo: dict = {}
        self._lock = threading.RLock()
        self.conds = {kind: record_conditions(kind, filters, self.query) for kind in RECORD_TABLES}

    def _once(self, key, make):
        if key not in self._memo:
            with self._lock:
                if key not in self._memo:
                    self._memo[key] = make()
        return self._memo[key]

    # ------------------------------------------------------------ articles

    def _article_masks(self) -> dict[str, np.ndarray]:
        """One boolean array over article codes per filter that narrows the articles."""
        f, index, masks = self.filters, self.store.article_index(), {}
        if f.countries:
            mask = np.zeros(index.n, dtype=bool)
            for iso3 in set(f.countries):
                mask[index.codes_of_country(iso3)] = True
            masks["countries"] = mask
        if f.sectors or f.subsectors or f.status:
            only = Filters(sectors=f.sectors, status=f.status, subsectors=f.subsectors)
            sources, params = self._records_sql(only, _addressed(f))
            mask = np.zeros(index.n, dtype=bool)
            mask[self.store.numpy(f"SELECT code FROM record_sources WHERE record IN ({sources})", params)["code"]] = True
            masks["records"] = mask
        if f.dated:
            in_range = index.has_date.copy()
            if f.date_from:
                in_range &= index.day >= _day(f.date_from)
            if f.date_to:
                in_range &= index.day <= _day(f.date_to)
            masks["date"] = in_range | (~index.has_date if f.include_undated else False)
        if self.query is not None:
            mask = np.zeros(index.n, dtype=bool)
            mask[self._search_codes()] = True
            masks["q"] = mask
        return masks

    def _records_sql(self, only: Filters, kinds) -> tuple[str, list]:
        selects, params = [], []
        for kind in kinds:
            where, where_params = _where(record_conditions(kind, only, None))
            selects.append(f"SELECT '{kind}:' || {KEYS[kind]} FROM {RECORD_TABLES[kind]} WHERE {where}")
            params += where_params
        return (" UNION ALL ".join(selects) or "SELECT NULL WHERE false"), params

    def _search_codes(self) -> np.ndarray:
        """The codes of the articles whose title, text or channel the search matches (read from the Parquet texts).

        Lower-casing a million texts took most of a search (11 of 16 s): the texts are first narrowed, as they
        are, to those holding every stem in any case (a case-insensitive RE2 test, ё and е alike), and only
        those are normalised and matched as before.
        """
        def make():
            sql, params = _search_condition("normal", self.query)
            raw, raw_params = _raw_prefilter(self.query)
            return np.asarray(self.store.numpy(f"SELECT DISTINCT code FROM (SELECT code, {_NORMAL_TEXT} AS normal "
                                               f"FROM article_texts WHERE {raw}) WHERE {sql}", raw_params + params)["code"],
                              dtype=np.int64)
        return self._once("search", make)

    def _parts(self) -> dict[str, np.ndarray]:
        # Kept as bits (an eighth of a boolean array): views are cached, and each mask is an article's byte.
        return self._once("parts", lambda: {name: np.packbits(mask) for name, mask in self._article_masks().items()})

    def _all_but(self, left_out: str | None = None) -> np.ndarray:
        n = self.store.article_index().n
        keep = np.ones(n, dtype=bool)
        for name, bits in self._parts().items():
            if name != left_out:
                keep &= np.unpackbits(bits, count=n).view(bool)
        return keep

    @property
    def kept(self) -> np.ndarray:
        """The selected articles, as a boolean array over codes."""
        return self._once("kept_mask", self._all_but)

    def _kept_table(self) -> pa.Table:
        """Codes of the selected articles, as a table SQL can join."""
        return self._once("kept", lambda: pa.table({"code": pa.array(np.flatnonzero(self.kept).astype(np.int32))}))

    @property
    def everything(self) -> bool:
        """No filter narrows the articles."""
        return not self._parts()

    def _with_kept(self, sql: str, params=()) -> pd.DataFrame:
        if self.everything:  # no table of every code to hand over: the condition is always true
            return self.store.df(sql.replace("code IN (SELECT code FROM kept)", "true"), params)
        return self.store.df(sql, params, kept=self._kept_table())

    @property
    def n_articles(self) -> int:
        return self._once("n_articles", lambda: int(self.kept.sum()))

    @property
    def n_undated(self) -> int:
        return self._once("n_undated", lambda: int((self.kept & ~self.store.article_index().has_date).sum()))

    def article_page(self, offset: int, limit: int) -> pd.DataFrame:
        """Selected articles (no texts), newest first, `limit` of them from `offset`."""
        codes = np.flatnonzero(self.kept)[max(0, int(offset)): max(0, int(offset)) + max(0, int(limit))]
        frame = self.store.df("SELECT * EXCLUDE (has_date, has_country) FROM articles WHERE code IN "
                              "(SELECT code FROM page) ORDER BY code",
                              page=pa.table({"code": pa.array(codes.astype(np.int32))}))
        return _dates(frame, "published")

    @property
    def articles(self) -> pd.DataFrame:
        """The newest ARTICLE_LIMIT selected articles."""
        return self._once("articles", lambda: self.article_page(0, ARTICLE_LIMIT))

    def newest_articles(self, n: int) -> pd.DataFrame:
        """The newest `n` selected articles (the first rows of `articles`, without fetching them all)."""
        if "articles" in self._memo or n >= ARTICLE_LIMIT:
            return self.articles.head(n)
        return self._once(("newest_articles", n), lambda: self.article_page(0, n))

    # ------------------------------------------------------------ records

    def _record_frame(self, kind: str):
        def make():
            where, params = _where(self.conds[kind])
            return self.store.records(kind, where, params, limit=RECORD_LIMIT, order=self._order(kind))
        return self._once(kind, make)

    def _order(self, kind: str) -> str:
        # Cut, the most reported (deals: the latest) come first; otherwise the warehouse's order.
        if self.counts[RECORD_TABLES[kind]] <= RECORD_LIMIT:
            return "row"
        return "first_day DESC NULLS LAST, row" if kind == "deal" else "n_articles DESC NULLS LAST, row"

    def head(self, kind: str, n: int, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The first `n` rows of `routes`, `projects` or `deals` (`kind`: route, project, deal), in their order,
        fetched alone while the whole frame is not (a picker lists a few hundred; the frame holds RECORD_LIMIT);
        of deals, `columns` may name the only ones wanted (a scan of a few columns is the cheaper)."""
        if kind in self._memo or n >= RECORD_LIMIT:
            return self._record_frame(kind).head(n)
        columns = columns if kind == "deal" else None

        def make():
            where, params = _where(self.conds[kind])
            return self.store.records(kind, where, params, limit=n, order=self._order(kind), columns=columns)
        return self._once(("head", kind, n, columns), make)

    LATEST_DEAL_COLUMNS = ("deal_id", "kind", "parties", "date", "date_start", "reported")

    def latest_deals(self, n: int) -> pd.DataFrame:
        """The `n` deals the filters keep that are dated latest (by their own date, else their article's), with
        LATEST_DEAL_COLUMNS."""
        where, params = _where(self.conds["deal"])
        return self._once(("latest_deals", n), lambda: self.store.records(
            "deal", where, params, limit=n, order="first_day DESC NULLS LAST, row", columns=self.LATEST_DEAL_COLUMNS))

    @property
    def routes(self):
        return self._record_frame("route")

    @routes.setter
    def routes(self, frame):  # a view of given rows (tests of the map at scale)
        self._memo["route"] = frame

    @property
    def projects(self):
        return self._record_frame("project")

    @projects.setter
    def projects(self, frame):
        self._memo["project"] = frame

    @property
    def deals(self):
        return self._record_frame("deal")

    @deals.setter
    def deals(self, frame):
        self._memo["deal"] = frame

    @property
    def counts(self) -> dict[str, int]:
        """Rows the filters keep in each table (not only those fetched)."""
        def make():
            parts, params = [], []
            for kind, table in RECORD_TABLES.items():
                where, where_params = _where(self.conds[kind])
                parts.append(f"(SELECT count(*) FROM {table} WHERE {where}) AS {table}")
                params += where_params
            row = self.store.df("SELECT " + ", ".join(parts), params).iloc[0]
            return {**{k: int(v) for k, v in row.items()}, "articles": self.n_articles}
        return self._once("counts", make)

    @property
    def capped(self) -> dict[str, bool]:
        return {"routes": self.counts["routes"] > RECORD_LIMIT, "projects": self.counts["projects"] > RECORD_LIMIT,
                "deals": self.counts["deals"] > RECORD_LIMIT, "articles": self.counts["articles"] > ARTICLE_LIMIT}

    def contains(self, kind: str, record_id: str) -> bool:
        """Whether the filters keep this record (fetched or not)."""
        if kind not in RECORD_TABLES:
            return False
        where, params = _where(self.conds[kind])
        return bool(self.store.value(f"SELECT count(*) FROM {RECORD_TABLES[kind]} WHERE {KEYS[kind]} = ? AND {where}",
                                     [record_id, *params]))

    @property
    def empty(self) -> bool:
        return not any(self.counts[t] for t in ("articles", "routes", "projects", "deals"))

    @property
    def totals(self) -> dict[str, int]:
        return self.store.totals

    # ------------------------------------------------------------ gaps, coverage, series

    @property
    def gaps(self) -> dict[str, dict[str, int]]:
        """What the filters hide for lack of a date (a range is set) or of a country (countries are chosen)."""
        return self._once("gaps", self._gaps)

    def _gaps(self) -> dict[str, dict[str, int]]:
        f = self.filters
        gaps: dict[str, dict[str, int]] = {"undated": {}, "unplaced": {}}
        checks = []
        if f.dated and not f.include_undated:
            checks.append(("undated", "date", "has_date"))
        if f.countries:
            checks.append(("unplaced", "countries", "has_country"))
        if not checks:
            return gaps
        parts, params, names = [], [], []
        index = self.store.article_index()
        for gap, left_out, flag in checks:
            gaps[gap]["articles"] = int((self._all_but(left_out) & ~getattr(index, flag)).sum())
            for kind, table in RECORD_TABLES.items():
                where, where_params = _where(self.conds[kind], left_out)
                parts.append(f"(SELECT count(*) FROM {table} WHERE {where} AND NOT {flag})")
                params += where_params
                names.append((gap, table))
        row = self.store.df("SELECT " + ", ".join(parts), params).iloc[0]
        for (gap, table), value in zip(names, row.to_numpy()):
            gaps[gap][table] = int(value)
        return gaps

    @property
    def n_excluded_undated(self) -> int:
        return self.gaps["undated"].get("articles", 0)

    @property
    def coverage(self) -> pd.DataFrame:
        return self._once("coverage", self._coverage)[0]

    @property
    def coverage_basis(self) -> str:
        return self._once("coverage", self._coverage)[1]

    def _coverage(self) -> tuple[pd.DataFrame, str]:
        """Articles and mentions per country among the selected articles (else the countries table's totals)."""
        columns = ["iso3", "name_en", "name_ru", "lat", "lon", "n_articles", "n_mentions"]
        index = self.store.article_index()
        chosen = self.kept[index.mention_code]
        n_articles, n_mentions = index.per_country(chosen)
        present = n_articles > 0
        counts = pd.DataFrame({"iso3": np.asarray(index.countries, dtype=object)[present],
                               "n_articles": n_articles[present].astype(np.int64),
                               "n_mentions": n_mentions[present].astype(np.int64)})
        names = self.store.memo("country_rows", lambda: self.store.countries().drop_duplicates("iso3").set_index("iso3"))
        if len(counts):
            counts = counts.set_index("iso3")
            basis = "mentions"
        elif not self.store.totals["mentions"] and len(names) and self.n_articles == self.store.totals["articles"]:
            counts = names[["n_articles", "n_mentions"]].dropna(how="all")
            basis = "countries"
        else:
            return pd.DataFrame(columns=columns), "mentions"
        counts = counts.join(names[["name_en", "name_ru", "lat", "lon"]], how="left").rename_axis("iso3").reset_index()
        counts["n_articles"] = counts["n_articles"].fillna(0).astype(int)
        counts["n_mentions"] = counts["n_mentions"].fillna(0).astype(int)
        counts = counts.sort_values(["n_articles", "iso3"], ascending=[False, True], kind="stable")
        return counts[columns].reset_index(drop=True), basis

    def country_periods(self, granularity: str) -> pd.DataFrame:
        """Selected dated articles per country and period: `entity_id`, `period`, `n` (articles)."""
        unit = "year" if granularity == "year" else "month"
        return self._once(("country_periods", unit), lambda: _dates(self._with_kept(f"""
            SELECT m.iso3 AS entity_id, date_trunc('{unit}', a.published) AS period, count(*)::BIGINT AS n
            FROM country_mentions m JOIN articles a USING (code)
            WHERE a.published IS NOT NULL AND code IN (SELECT code FROM kept) GROUP BY ALL"""), "period"))

    def country_totals_dated(self) -> pd.Series:
        """Selected dated articles per country (ISO3 → articles), for choosing the countries a chart draws."""
        index = self.store.article_index()
        chosen = self.kept[index.mention_code] & index.has_date[index.mention_code]
        counts = index.per_country(chosen)[0]
        present = counts > 0
        return pd.Series(counts[present], index=pd.Index(np.asarray(index.countries, dtype=object)[present], name="iso3"))

    def deal_periods(self, granularity: str) -> pd.DataFrame:
        """Dated deals per kind and period (month: deals dated to the year left out): `kind`, `period`, `n`,
        `value_usd` (sum), `n_valued`."""
        unit = "year" if granularity == "year" else "month"
        where, params = _where(self.conds["deal"])
        year_only = " AND coalesce(date_precision, '') <> 'year'" if unit == "month" else ""
        return self._once(("deal_periods", unit), lambda: _dates(self.store.df(f"""
            SELECT kind, date_trunc('{unit}', date_start) AS period, count(*)::BIGINT AS n,
                sum(value_usd) AS value_usd, count(value_usd)::BIGINT AS n_valued
            FROM deals WHERE {where} AND date_start IS NOT NULL{year_only} GROUP BY ALL""", params), "period"))

    def project_periods(self, granularity: str) -> pd.DataFrame:
        """Projects per sector and period of first report: `sector`, `period`, `n`."""
        unit = "year" if granularity == "year" else "month"
        where, params = _where(self.conds["project"])
        return self._once(("project_periods", unit), lambda: _dates(self.store.df(f"""
            SELECT sector, date_trunc('{unit}', first_seen) AS period, count(*)::BIGINT AS n
            FROM projects WHERE {where} AND first_seen IS NOT NULL GROUP BY ALL""", params), "period"))

    def undated_records(self) -> dict[str, int]:
        """Among what the filters keep: deals without a date, dated only to a year, without a USD value;
        projects without a first report."""
        def make():
            deal_where, deal_params = _where(self.conds["deal"])
            project_where, project_params = _where(self.conds["project"])
            row = self.store.df(f"""SELECT
                (SELECT count(*) FROM deals WHERE {deal_where} AND date_start IS NULL) AS deals,
                (SELECT count(*) FROM deals WHERE {deal_where} AND date_precision = 'year') AS deals_year_only,
                (SELECT count(*) FROM deals WHERE {deal_where} AND value_usd IS NULL) AS deals_without_usd,
                (SELECT count(*) FROM projects WHERE {project_where} AND first_seen IS NULL) AS projects""",
                                deal_params * 3 + project_params).iloc[0]
            return {k: int(v) for k, v in row.items()}
        return self._once("undated_records", make)


# ---------------------------------------------------------------- command line


def main(argv=None) -> int:
    """`python -m dashboard.db DIR`: prepare the catalog of the warehouse at DIR (the folder or its link)."""
    import argparse

    from dashboard.data import warehouse_info

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("warehouse", type=Path)
    args = parser.parse_args(argv)
    info = warehouse_info(args.warehouse)
    started = time.perf_counter()
    path = prepare(info.resolved, info.version)
    print(f"catalog of {info.resolved} (data version {info.version}): {path} "
          f"({path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)")
    removed = [p for p in prune_cache(keep=path) if p.suffix == ".duckdb"]
    if removed:
        print(f"removed {len(removed)} catalog(s) of builds that are gone from {cache_dir()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

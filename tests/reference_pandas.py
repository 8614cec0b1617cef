"""The dashboard's former data layer, kept as the oracle the DuckDB layer is tested against.

Every table read into pandas and filtered with boolean arrays, as the dashboard did before it queried
the warehouse through DuckDB (`dashboard.db`). Used only by `tests/test_dashboard_filtering.py`: the
same filters must keep the same rows. (Its first docstring follows.)

Reading the warehouse and selecting what the current filters show.

The warehouse folder (env `WAREHOUSE_DIR`, default `data/warehouse`) is a symlink the ETL swaps
atomically; `manifest.json` names its data version. Loaders are keyed on the folder it resolves to
and that version, so a rebuilt warehouse is picked up on the next rerun without a restart.

`read_warehouse()` and `apply_filters()` are plain functions (tested without Streamlit);
`load_warehouse()` and `filtered_view()` wrap them in Streamlit caches.
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
import pyarrow.parquet as pq

from etl import schema
from etl.warehouse import read_manifest
from dashboard import search
from dashboard.markup import first_words, safe_url
from dashboard.state import STATUS_ALIASES, Filters

WAREHOUSE_ENV = "WAREHOUSE_DIR"
DEFAULT_WAREHOUSE = "data/warehouse"
BUILD_COMMAND = "python -m etl build --input seeds --out data/warehouse"
TABLES = ("articles", "mentions", "countries", "routes", "projects", "deals", "evidence")
# Columns no page shows, left on disk: a mention's sentence is most of the mentions table's size.
UNREAD_COLUMNS = {"mentions": ("sentence",)}
# Columns the ETL may add beyond the contract, read where present (blank where not).
OPTIONAL_COLUMNS = {"projects": ("place_precision",), "articles": ("date_clue",), "deals": ("value_qualifier",)}
# A corridor's mode as the transport subsector it belongs to, so the subsector filter reaches corridors.
MODE_SUBSECTOR = {"rail": "rail", "road": "road", "pipeline": "pipeline", "sea": "sea", "multimodal": "multimodal",
                  "power-line": "grid"}
# Status values of the vocabulary before projects and corridors were told apart, per record type.
LEGACY_STATUS = {"project": {**STATUS_ALIASES, "planned": "announced"},
                 "route": {**STATUS_ALIASES, "under-construction": "planned", "construction": "planned"}}


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
    """The warehouse tables, with derived columns the dashboard needs (`display_title`, records' `search_text`, …).

    Shared between sessions (see `load_warehouse`): treat every frame as read-only. `mentions` has
    every column of the contract but `sentence` (see `UNREAD_COLUMNS`).
    """

    info: WarehouseInfo
    articles: pd.DataFrame
    mentions: pd.DataFrame
    countries: pd.DataFrame
    routes: pd.DataFrame  # GeoDataFrame, LineString geometry (EPSG:4326)
    projects: pd.DataFrame  # GeoDataFrame, Point geometry or null
    deals: pd.DataFrame
    evidence: pd.DataFrame

    _lookup: "Lookup | None" = field(default=None, init=False, repr=False, compare=False)
    _article_search: pd.Series | None = field(default=None, init=False, repr=False, compare=False)
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: str, make):
        """Something worked out from the frames once per warehouse (`make(self)` on first use)."""
        if key not in self._memo:
            with _LOOKUP_LOCK:
                if key not in self._memo:
                    self._memo[key] = make(self)
        return self._memo[key]

    @property
    def totals(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in ("articles", "routes", "projects", "deals", "mentions")}

    @property
    def lookup(self) -> "Lookup":
        """What filtering needs, worked out once per warehouse (on first use)."""
        if self._lookup is None:
            with _LOOKUP_LOCK:
                if self._lookup is None:
                    self._lookup = Lookup.of(self)
        return self._lookup

    @property
    def article_search(self) -> pd.Series:
        """Each article's title, text and channel, normalised for search: made on the first search, not
        when the warehouse is read (most visits never search, and it is the slowest part of reading)."""
        if self._article_search is None:
            with _LOOKUP_LOCK:
                if self._article_search is None:
                    self._article_search = _search_text(self.articles, ("title", "text", "channel"))
        return self._article_search


@dataclass
class View:
    """What the filters select: rows of the warehouse's frames (no article texts). Shared between sessions
    through `filtered_view`: treat every frame as read-only."""

    filters: Filters
    articles: pd.DataFrame  # articles without `text`
    routes: pd.DataFrame
    projects: pd.DataFrame
    deals: pd.DataFrame
    coverage: pd.DataFrame  # iso3, name_en, name_ru, lat, lon, n_articles, n_mentions
    coverage_basis: str  # "mentions" (of the selected articles) or "countries" (warehouse totals)
    n_undated: int  # selected articles without a date
    n_excluded_undated: int  # undated articles left out because a date range is set
    totals: dict[str, int] = field(default_factory=dict)
    # What the filters hide for lack of a date (while a date range is set) or of a place (while countries
    # are chosen): {"undated": {"articles": n, "routes": n, "projects": n, "deals": n}, "unplaced": {…}}.
    gaps: dict[str, dict[str, int]] = field(default_factory=dict)
    all_mentions: pd.DataFrame | None = field(default=None, repr=False)  # the warehouse's mentions
    lookup: "Lookup | None" = field(default=None, repr=False)  # the warehouse's lookup
    kept: np.ndarray | None = field(default=None, repr=False)  # the selected articles, over article codes
    _mentions: pd.DataFrame | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        return not any(len(f) for f in (self.articles, self.routes, self.projects, self.deals))

    @property
    def mentions(self) -> pd.DataFrame:
        """The mentions in the selected articles, made on first use: no page needs all of them, and a
        copy of every mention of ten thousand articles would be most of what a filter change costs."""
        if self._mentions is None:
            rows = np.flatnonzero(self.kept[self.lookup.mention_code])
            self._mentions = self.all_mentions.iloc[rows].reset_index(drop=True)
        return self._mentions

    @property
    def country_articles(self) -> pd.DataFrame:
        """One row per selected article and country its mentions name (a country mention's `entity_id`):
        `article` (the article's code), `entity_id`, `published` (NaT when undated)."""
        lookup = self.lookup
        article, country = lookup.coverage_pairs
        chosen = self.kept[article]
        return pd.DataFrame({
            "article": article[chosen],
            "entity_id": lookup.coverage_iso3.take(country[chosen]),
            "published": lookup.published[article[chosen]],
        })


# ---------------------------------------------------------------- reading


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


def read_warehouse(info: WarehouseInfo) -> Warehouse:
    """Read every table the dashboard shows from the build folder `info.resolved`.

    A table missing from an older warehouse reads as empty with the contract's columns.
    """
    frames = {}
    for name in TABLES:
        path = info.resolved / f"{name}.parquet"
        unread = UNREAD_COLUMNS.get(name, ())
        try:
            if name in schema.GEO_TABLES:
                frames[name] = _read_geo(path, name)
            elif not path.exists():
                frames[name] = _empty(name).drop(columns=list(unread))
            else:
                columns = [c for c in pq.read_schema(path).names if c not in unread] if unread else None
                frames[name] = pd.read_parquet(path, columns=columns)
        except Exception as error:  # a half-written or foreign file: say which
            raise WarehouseUnavailable(f"{path.name}: {error}") from error
        for column in schema.columns(name) + list(OPTIONAL_COLUMNS.get(name, ())):
            if column not in frames[name].columns and column not in unread:
                frames[name][column] = None
    articles = _prepare_articles(frames["articles"])
    return Warehouse(
        info=info,
        articles=articles,
        mentions=_prepare_mentions(frames["mentions"]),
        countries=frames["countries"],
        routes=_prepare_records(frames["routes"], ("name_en", "name_ru", "mode", "status", "sector"), ("countries",),
                                "route"),
        projects=_prepare_records(frames["projects"], ("name_en", "name_ru", "place", "subsector", "sector", "status"),
                                  ("partners", "partner_countries"), "project"),
        deals=_prepare_deals(frames["deals"], articles),
        evidence=_prepare_evidence(frames["evidence"]),
    )


def _empty(name: str) -> pd.DataFrame:
    return schema.arrow_schema(name).empty_table().to_pandas()


def _read_geo(path: Path, name: str):
    import geopandas as gpd

    if not path.exists():
        frame = _empty(name).drop(columns=["geometry"])
        return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")
    frame = gpd.read_parquet(path)
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    elif frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    return frame


def _prepare_articles(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    titles = frame["title"].where(frame["title"].notna() & (frame["title"].astype(str).str.strip() != ""), None)
    frame["display_title"] = [
        t if isinstance(t, str) else (first_words(text) or "—") for t, text in zip(titles, frame["text"])
    ]
    frame["outlet"] = [outlet_of(c, u) for c, u in zip(frame["channel"], frame["url"])]
    return frame.reset_index(drop=True)


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


def _prepare_mentions(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reset_index(drop=True)


def _prepare_records(frame, text_columns: tuple[str, ...], list_columns: tuple[str, ...], kind: str):
    frame = frame.copy()
    frame["status"] = [normal_status(kind, v) for v in frame["status"]]
    for column in list_columns + ("article_ids",):
        if column in frame.columns:
            frame[column] = [as_list(v) for v in frame[column]]
    for column in ("first_seen", "last_seen"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    frame["search_text"] = _search_text(frame, text_columns + tuple(c for c in list_columns if c in frame.columns))
    return frame.reset_index(drop=True)


def _prepare_deals(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
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


def _prepare_evidence(frame: pd.DataFrame) -> pd.DataFrame:
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


# ---------------------------------------------------------------- selecting


_LOOKUP_LOCK = threading.Lock()
_NONE = np.zeros(0, dtype=np.intp)


@dataclass(frozen=True)
class Lookup:
    """Per warehouse, once: articles as integer codes, and what each filter and count needs in those codes.

    An article's code numbers its `article_id` (rows sharing an id share a code); a mention, an evidence
    row or a record points at an article by code, or by -1 when no article has its id. A filter then
    works on boolean arrays over codes instead of matching strings across a table of mentions.
    """

    article_code: np.ndarray  # article row → code
    n_codes: int
    codes_of_ids: pd.Index  # code → article_id (unique)
    listing: pd.DataFrame  # articles without `text`, newest first (stable), rows as in `articles`
    listing_row: np.ndarray  # listing row → article row
    mention_code: np.ndarray  # mention row → code (-1: no such article)
    country_codes: dict[str, np.ndarray]  # iso3 → codes of the articles whose mentions name it (entity or country)
    evidence_codes: dict[tuple[str, str], np.ndarray]  # (record_type, record_id) → codes of the articles vouching
    coverage_iso3: pd.Index  # the ISO3 codes of country mentions, sorted
    coverage_mentions: tuple[np.ndarray, np.ndarray]  # per country mention: (article code, position in coverage_iso3)
    coverage_pairs: tuple[np.ndarray, np.ndarray]  # the same, once per (article, country)
    published: np.ndarray  # code → `published` of its article (NaT: undated)

    @classmethod
    def of(cls, wh: Warehouse) -> "Lookup":
        article_code, uniques = pd.factorize(wh.articles["article_id"], use_na_sentinel=True)
        codes_of_ids = pd.Index(uniques)
        rows = np.flatnonzero(article_code >= 0)
        first_row = pd.Series(rows).groupby(article_code[rows]).first().to_numpy(dtype=np.intp)  # code → its first row
        published = wh.articles["published"].to_numpy()[first_row]

        listing = wh.articles.reset_index(drop=True).drop(columns=["text"]).sort_values(
            "published", ascending=False, na_position="last", kind="stable")
        listing_row = listing.index.to_numpy(dtype=np.intp)

        mentions = wh.mentions
        mention_code = cls._codes(codes_of_ids, mentions["article_id"])
        country_codes: dict[str, np.ndarray] = {}
        for column in ("entity_id", "country_iso3"):
            named = pd.DataFrame({"iso3": mentions[column], "code": mention_code})
            named = named.loc[named["iso3"].notna() & (named["code"] >= 0)]
            for iso3, codes in named.groupby("iso3", sort=False)["code"]:
                if isinstance(iso3, str):
                    country_codes[iso3] = np.union1d(country_codes.get(iso3, _NONE), codes.to_numpy(dtype=np.intp))

        ev = wh.evidence
        ev_code = cls._codes(codes_of_ids, ev["article_id"])
        evidence = pd.DataFrame({"type": ev["record_type"], "id": ev["record_id"], "code": ev_code})
        evidence = evidence.loc[evidence["code"] >= 0]
        evidence_codes = {key: group.to_numpy(dtype=np.intp)
                          for key, group in evidence.groupby(["type", "id"], sort=False)["code"]}

        country = (mentions["kind"] == "country").to_numpy(dtype=bool) & mentions["entity_id"].notna().to_numpy(dtype=bool)
        country &= mention_code >= 0
        iso3 = mentions["entity_id"].to_numpy()[country]
        coverage_iso3 = pd.Index(sorted(set(iso3)), dtype=mentions["entity_id"].dtype, name="iso3")
        position = coverage_iso3.get_indexer(iso3).astype(np.intp)
        article = mention_code[country]
        width = max(len(coverage_iso3), 1)
        pair = np.unique(article * width + position)  # each (article, country) once
        pairs = (pair // width, pair % width)
        return cls(
            article_code=article_code.astype(np.intp), n_codes=len(codes_of_ids), codes_of_ids=codes_of_ids,
            listing=listing.reset_index(drop=True), listing_row=listing_row, mention_code=mention_code,
            country_codes=country_codes, evidence_codes=evidence_codes, coverage_iso3=coverage_iso3,
            coverage_mentions=(article, position), coverage_pairs=pairs, published=published,
        )

    @staticmethod
    def _codes(codes_of_ids: pd.Index, ids) -> np.ndarray:
        return codes_of_ids.get_indexer(pd.Index(ids)).astype(np.intp) if len(ids) else _NONE

    def codes(self, ids) -> np.ndarray:
        """Codes of the articles with these ids (unknown ids left out)."""
        found = self._codes(self.codes_of_ids, [a for a in ids if isinstance(a, str)])
        return found[found >= 0]

    def mask(self, codes) -> np.ndarray:
        """Codes → a boolean array over codes, with one more slot (always False) that -1 lands on."""
        chosen = np.zeros(self.n_codes + 1, dtype=bool)
        chosen[np.asarray(codes, dtype=np.intp)] = True
        chosen[-1] = False
        return chosen


def apply_filters(wh: Warehouse, filters: Filters) -> View:
    """Select the rows the filters keep, in every table, and count what they hide for lack of a date or place.

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
    lookup = wh.lookup
    query = search.compile_query(filters.q) if filters.q else None
    route_parts = _record_parts(wh.routes, filters, query, "route")
    project_parts = _record_parts(wh.projects, filters, query, "project")
    deal_parts = _deal_parts(wh.deals, filters, query, wh.routes, wh.projects)
    routes = wh.routes.loc[_all(route_parts)]
    projects = wh.projects.loc[_all(project_parts)]
    deals = wh.deals.loc[_all(deal_parts)]

    articles = wh.articles
    parts: dict[str, np.ndarray] = {}
    if filters.countries:
        only = Filters(countries=filters.countries)
        from_records = _record_articles(wh.routes.loc[_all(_record_parts(wh.routes, only, None, "route"))],
                                        wh.projects.loc[_all(_record_parts(wh.projects, only, None, "project"))],
                                        wh.deals.loc[_all(_deal_parts(wh.deals, only, None, wh.routes, wh.projects))])
        codes = [lookup.codes(from_records)] + [lookup.country_codes.get(c, _NONE) for c in set(filters.countries)]
        parts["countries"] = lookup.mask(np.concatenate(codes))[lookup.article_code]
    if filters.sectors or filters.subsectors or filters.status:
        only = Filters(sectors=filters.sectors, status=filters.status, subsectors=filters.subsectors)
        addressed = _addressed(filters)
        chosen = {
            "route": wh.routes.loc[_all(_record_parts(wh.routes, only, None, "route"))] if "route" in addressed
            else wh.routes.iloc[0:0],
            "project": wh.projects.loc[_all(_record_parts(wh.projects, only, None, "project"))] if "project" in addressed
            else wh.projects.iloc[0:0],
            "deal": wh.deals.loc[_all(_deal_parts(wh.deals, only, None, wh.routes, wh.projects))] if "deal" in addressed
            else wh.deals.iloc[0:0],
        }
        codes = [lookup.codes(_record_articles(chosen["route"], chosen["project"], chosen["deal"]))]
        for kind, frame in chosen.items():
            codes += [lookup.evidence_codes.get((kind, record_id), _NONE) for record_id in set(frame[f"{kind}_id"])]
        parts["records"] = lookup.mask(np.concatenate(codes))[lookup.article_code]
    published = articles["published"]
    has_date = published.notna().to_numpy(dtype=bool)
    if filters.dated:
        in_range = has_date.copy()
        if filters.date_from:
            in_range &= (published >= pd.Timestamp(filters.date_from)).fillna(False).to_numpy(dtype=bool)
        if filters.date_to:
            in_range &= (published <= pd.Timestamp(filters.date_to)).fillna(False).to_numpy(dtype=bool)
        parts["date"] = in_range | (~has_date if filters.include_undated else False)
    if query is not None:
        parts["q"] = search.matches(wh.article_search, query)
    keep = np.ones(len(articles), dtype=bool)
    for mask in parts.values():
        keep &= mask

    gaps = {"undated": {}, "unplaced": {}}
    if filters.dated and not filters.include_undated:
        others = _all_but(parts, "date", len(articles))
        gaps["undated"]["articles"] = int((others & ~has_date).sum())
        for name, pieces in (("routes", route_parts), ("projects", project_parts), ("deals", deal_parts)):
            gaps["undated"][name] = int((_all_but(pieces, "date") & ~pieces["_has_date"]).sum())
    if filters.countries:
        others = _all_but(parts, "countries", len(articles))
        placed = lookup.mask(np.concatenate([c for c in lookup.country_codes.values()] or [_NONE]))[lookup.article_code]
        gaps["unplaced"]["articles"] = int((others & ~placed).sum())
        for name, pieces in (("routes", route_parts), ("projects", project_parts), ("deals", deal_parts)):
            gaps["unplaced"][name] = int((_all_but(pieces, "countries") & ~pieces["_has_country"]).sum())

    selected = lookup.listing.iloc[np.flatnonzero(keep[lookup.listing_row])]
    kept = lookup.mask(lookup.article_code[keep])  # by code: every row of a kept article id counts
    coverage, basis = _coverage(wh, selected, kept)
    return View(
        filters=filters,
        articles=selected.reset_index(drop=True),
        routes=routes.drop(columns=["search_text"]).reset_index(drop=True),
        projects=projects.drop(columns=["search_text"]).reset_index(drop=True),
        deals=deals.drop(columns=["search_text"]).reset_index(drop=True),
        coverage=coverage,
        coverage_basis=basis,
        n_undated=int(selected["published"].isna().sum()),
        n_excluded_undated=gaps["undated"].get("articles", 0),
        totals=wh.totals,
        gaps=gaps,
        all_mentions=wh.mentions,
        lookup=lookup,
        kept=kept,
    )


def _all(parts: dict[str, np.ndarray]) -> np.ndarray:
    """The rows every filter keeps (`parts` also holds `_has_date`, `_has_country`, `_n`, which are no filters)."""
    keep = np.ones(parts["_n"], dtype=bool)
    for name, mask in parts.items():
        if not name.startswith("_"):
            keep &= mask
    return keep


def _all_but(parts: dict, left_out: str, n: int | None = None) -> np.ndarray:
    keep = np.ones(parts["_n"] if n is None else n, dtype=bool)
    for name, mask in parts.items():
        if not name.startswith("_") and name != left_out:
            keep &= mask
    return keep


def _addressed(filters: Filters) -> set[str]:
    """The record types the sector, subsector and status filters speak of (see `apply_filters`)."""
    types = {"route", "project", "deal"}
    if filters.status:
        types = {kind for kind in ("route", "project") if _statuses_for(kind, filters.status)}
    return types


def _statuses_for(kind: str, statuses: tuple[str, ...]) -> set[str]:
    vocabulary = set(schema.ROUTE_STATUSES if kind == "route" else schema.PROJECT_STATUSES) | {"unspecified"}
    return {s for s in statuses if s in vocabulary}


def _subsectors_of(frame, kind: str) -> pd.Series:
    if kind == "route":
        return frame["mode"].map(MODE_SUBSECTOR)
    return frame["subsector"]


def _record_parts(frame, filters: Filters, query, kind: str) -> dict[str, np.ndarray]:
    """One boolean mask per filter over a corridor or project frame, plus what the gap counts need."""
    n = len(frame)
    parts: dict[str, np.ndarray] = {"_n": n}
    countries_of = _route_countries if kind == "route" else _project_countries
    codes = countries_of(frame) if n else []
    parts["_has_country"] = np.array([any(isinstance(c, str) for c in cs) for cs in codes], dtype=bool) if n \
        else np.zeros(0, dtype=bool)
    if filters.countries and n:
        wanted = set(filters.countries)
        parts["countries"] = np.array([bool(wanted.intersection(c for c in cs if isinstance(c, str))) for cs in codes],
                                      dtype=bool)
    elif filters.countries:
        parts["countries"] = np.zeros(0, dtype=bool)
    if filters.sectors:
        parts["sectors"] = frame["sector"].isin(filters.sectors).to_numpy(dtype=bool)
    if filters.subsectors:
        parts["subsectors"] = _subsectors_of(frame, kind).isin(filters.subsectors).to_numpy(dtype=bool)
    statuses = _statuses_for(kind, filters.status)
    if statuses:
        parts["status"] = frame["status"].isin(statuses).to_numpy(dtype=bool)
    has_date = (frame["first_seen"].notna() | frame["last_seen"].notna()).to_numpy(dtype=bool)
    parts["_has_date"] = has_date
    if filters.dated:
        in_range = has_date.copy()
        if filters.date_from:
            in_range &= (frame["last_seen"] >= pd.Timestamp(filters.date_from)).fillna(False).to_numpy(dtype=bool)
        if filters.date_to:
            in_range &= (frame["first_seen"] <= pd.Timestamp(filters.date_to)).fillna(False).to_numpy(dtype=bool)
        parts["date"] = in_range | (~has_date if filters.include_undated else False)
    if query is not None:
        parts["q"] = search.matches(frame["search_text"], query)
    return parts


def _deal_parts(frame, filters: Filters, query, routes, projects) -> dict[str, np.ndarray]:
    n = len(frame)
    parts: dict[str, np.ndarray] = {"_n": n}
    parts["_has_country"] = np.array([bool(c) for c in frame["party_countries"]], dtype=bool) if n \
        else np.zeros(0, dtype=bool)
    if filters.countries:
        wanted = set(filters.countries)
        parts["countries"] = np.array([bool(wanted.intersection(c)) for c in frame["party_countries"]], dtype=bool) \
            if n else np.zeros(0, dtype=bool)
    if filters.sectors:
        parts["sectors"] = frame["sector"].isin(filters.sectors).to_numpy(dtype=bool)
    if filters.subsectors:
        # A deal is in a subsector through the project or corridor it concerns.
        project_sub = dict(zip(projects["project_id"], projects["subsector"]))
        route_sub = dict(zip(routes["route_id"], _subsectors_of(routes, "route")))
        wanted = set(filters.subsectors)
        parts["subsectors"] = np.array([project_sub.get(p) in wanted or route_sub.get(r) in wanted
                                        for p, r in zip(frame["project_id"], frame["route_id"])], dtype=bool)
    own = frame["date_start"].notna()
    start = frame["date_start"].where(own, frame["reported"])
    end = frame["date_end"].where(own, frame["reported"])
    has_date = start.notna().to_numpy(dtype=bool)
    parts["_has_date"] = has_date
    if filters.dated:
        in_range = has_date.copy()
        if filters.date_from:
            in_range &= (end >= pd.Timestamp(filters.date_from)).fillna(False).to_numpy(dtype=bool)
        if filters.date_to:
            in_range &= (start <= pd.Timestamp(filters.date_to)).fillna(False).to_numpy(dtype=bool)
        parts["date"] = in_range | (~has_date if filters.include_undated else False)
    if query is not None:
        parts["q"] = search.matches(frame["search_text"], query)
    return parts


def _route_countries(frame) -> list[list[str]]:
    return list(frame["countries"])


def _project_countries(frame) -> list[list[str]]:
    return [[c, *p] for c, p in zip(frame["country_iso3"], frame["partner_countries"])]


def _record_articles(routes, projects, deals) -> set[str]:
    ids: set[str] = set()
    for frame in (routes, projects):
        for article_ids in frame["article_ids"]:
            ids.update(article_ids)
    ids.update(a for a in deals["article_id"] if isinstance(a, str))
    return ids


def _coverage(wh: Warehouse, articles: pd.DataFrame, kept: np.ndarray) -> tuple[pd.DataFrame, str]:
    """Articles and mentions per country among the selected articles (or the warehouse's totals).

    `kept`: the selected articles as a mask over article codes (see `Lookup.mask`).
    """
    columns = ["iso3", "name_en", "name_ru", "lat", "lon", "n_articles", "n_mentions"]
    names = wh.countries.drop_duplicates("iso3").set_index("iso3")
    lookup = wh.lookup
    article, country = lookup.coverage_mentions
    n_mentions = np.bincount(country[kept[article]], minlength=len(lookup.coverage_iso3))
    if n_mentions.sum():
        pair_article, pair_country = lookup.coverage_pairs
        n_articles = np.bincount(pair_country[kept[pair_article]], minlength=len(lookup.coverage_iso3))
        present = n_mentions > 0
        counts = pd.DataFrame({"n_articles": n_articles[present].astype(np.int64),
                               "n_mentions": n_mentions[present].astype(np.int64)},
                              index=lookup.coverage_iso3[present])
        basis = "mentions"
    elif len(wh.mentions) == 0 and len(names) and len(articles) == len(wh.articles):
        counts = names[["n_articles", "n_mentions"]].dropna(how="all")
        basis = "countries"
    else:
        return pd.DataFrame(columns=columns), "mentions"
    counts = counts.join(names[["name_en", "name_ru", "lat", "lon"]], how="left").reset_index()
    counts["n_articles"] = counts["n_articles"].fillna(0).astype(int)
    counts["n_mentions"] = counts["n_mentions"].fillna(0).astype(int)
    return counts[columns].sort_values("n_articles", ascending=False).reset_index(drop=True), basis



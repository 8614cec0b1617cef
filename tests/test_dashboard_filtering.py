"""The DuckDB data layer (`dashboard.db`): the same rows as the former pandas layer, bound parameters, and
read-only connections, one per thread.

The former layer (`tests/reference_pandas.py`) read every table into pandas and filtered with boolean
arrays; here both run on the synthetic warehouse of `dashboard_fixtures` (with mentions of an article the
warehouse does not have) and on the seed build, and every filter must keep the same articles in the
same order, the same corridors, projects and deals, the same coverage and the same gaps.
"""

from __future__ import annotations

import datetime as dt
import threading

import duckdb
import pandas as pd
import pytest

from dashboard import data, db
from dashboard.state import Filters, ViewState
from etl.build import to_table
from etl.warehouse import write_warehouse
from tests import dashboard_fixtures as fx
from tests import reference_pandas as before

UNKNOWN_ARTICLE = "f" * 16
FILTERS = [
    Filters(), Filters(countries=("KAZ",)), Filters(countries=("MNG", "USA")), Filters(countries=("ARM",)),
    Filters(countries=("ATA",)), Filters(sectors=("energy",)), Filters(status=("planned", "operational")),
    Filters(status=("construction",)), Filters(sectors=("mining",), status=("planned",)),
    Filters(subsectors=("nuclear", "rail")), Filters(subsectors=("pipeline",), sectors=("energy",)),
    Filters(date_from=dt.date(2025, 1, 1)), Filters(date_to=dt.date(2025, 5, 1)),
    Filters(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 6, 30), include_undated=True),
    Filters(q="казахстан"), Filters(q="АЭС", countries=("KAZ",)), Filters(q="газ*"), Filters(q='"Сила Сибири"'),
    Filters(q="Улкен"), Filters(countries=("CHN",), sectors=("transport",), date_from=dt.date(2025, 1, 1)),
    Filters(countries=("KAZ", "RUS"), date_from=dt.date(2025, 1, 1)),
]
# Values a visitor may send through the URL or a text box: they must be values, never SQL.
HOSTILE = ["'; DROP TABLE articles; --", "KAZ') OR 1=1 --", "\\' OR ''='", "%", "_", "*", "(?:", "[", "\\x{41}", "\0",
           "Robert'); DELETE FROM routes;--", "ё' UNION SELECT * FROM evidence --"]


def _warehouse(folder):
    mentions = fx.mentions_rows() + [
        {"article_id": fx.A["ps2"], "kind": "place", "entity_id": None, "surface": "Ереван", "normal": "Ереван",
         "start": 0, "end": 7, "sentence": "", "country_iso3": "ARM"},
        {"article_id": UNKNOWN_ARTICLE, "kind": "country", "entity_id": "ARM", "surface": "Армения",
         "normal": "Армения", "start": 0, "end": 7, "sentence": "", "country_iso3": "ARM"},
    ]
    rows = {"articles": fx.articles_rows(), "rejects": [], "mentions": mentions, "countries": fx.countries_rows(),
            "routes": fx.routes_rows(), "projects": fx.projects_rows(), "deals": fx.deals_rows(),
            "evidence": fx.evidence_rows(), "candidates": []}
    write_warehouse({name: to_table(name, r) for name, r in rows.items()}, folder,
                    {"data_version": "filt2", "built_at": "", "rows": {}})
    return folder


@pytest.fixture(scope="module", params=["synthetic", "seeds"])
def pair(request, tmp_path_factory):
    """(the DuckDB store, the former pandas warehouse) of the same build."""
    if request.param == "synthetic":
        folder = _warehouse(tmp_path_factory.mktemp("filtering") / "warehouse")
    else:
        folder = request.getfixturevalue("seed_warehouse")
    info = data.warehouse_info(folder)
    return data.open_store(info), before.read_warehouse(before.WarehouseInfo(info.folder, info.resolved, info.version,
                                                                             info.built_at))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return data.open_store(data.warehouse_info(_warehouse(tmp_path_factory.mktemp("store") / "warehouse")))


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_the_duckdb_layer_keeps_what_the_pandas_layer_kept(pair, filters):
    store, old = pair
    new, was = data.apply_filters(store, filters), before.apply_filters(old, filters)
    assert list(new.articles["article_id"]) == list(was.articles["article_id"])  # newest first, undated last
    for table, key in (("routes", "route_id"), ("projects", "project_id"), ("deals", "deal_id")):
        assert list(getattr(new, table)[key]) == list(getattr(was, table)[key]), table
        assert new.counts[table] == len(getattr(was, table))
    assert new.counts["articles"] == len(was.articles) and new.n_undated == was.n_undated
    assert new.gaps == was.gaps and new.n_excluded_undated == was.n_excluded_undated
    assert new.coverage_basis == was.coverage_basis
    columns = ["iso3", "n_articles", "n_mentions"]
    assert new.coverage[columns].sort_values("iso3").to_dict("records") == \
        was.coverage[columns].sort_values("iso3").to_dict("records")
    assert new.totals == old.totals and new.empty == was.empty


@pytest.mark.parametrize("filters", FILTERS[:6] + FILTERS[11:13], ids=str)
def test_series_and_undated_counts_are_those_of_the_kept_rows(pair, filters):
    store, old = pair
    new, was = data.apply_filters(store, filters), before.apply_filters(old, filters)
    pairs = was.country_articles.dropna(subset=["published"])
    expected = pairs.assign(period=pairs["published"].dt.to_period("M").dt.to_timestamp()) \
        .groupby(["entity_id", "period"])["article"].nunique()
    got = new.country_periods("month").set_index(["entity_id", "period"])["n"]
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    deals = was.deals
    assert new.undated_records() == {
        "deals": int(deals["date_start"].isna().sum()), "deals_year_only": int((deals["date_precision"] == "year").sum()),
        "deals_without_usd": int(deals["value_usd"].isna().sum()),
        "projects": int(was.projects["first_seen"].isna().sum())}
    monthly = deals.loc[deals["date_start"].notna() & (deals["date_precision"] != "year")]
    assert int(new.deal_periods("month")["n"].sum()) == len(monthly)


def test_a_record_found_by_its_key_is_the_row_the_pandas_layer_read(pair):
    store, old = pair
    for kind, frame in (("route", old.routes), ("project", old.projects), ("deal", old.deals)):
        for record_id in frame[f"{kind}_id"]:
            row = store.record_row(kind, record_id)
            was = frame.loc[frame[f"{kind}_id"] == record_id].iloc[0]
            for column in ("status", "sector", "article_ids", "parties", "first_seen", "date_start"):
                if column in was.index:
                    assert (pd.isna(row[column]) and pd.isna(was[column])) if not isinstance(was[column], list) \
                        and pd.isna(was[column]) else row[column] == was[column], (kind, record_id, column)


def test_a_capped_view_counts_everything_and_fetches_the_most_reported(store, monkeypatch):
    monkeypatch.setattr(db, "RECORD_LIMIT", 2)
    monkeypatch.setattr(db, "ARTICLE_LIMIT", 3)
    view = data.apply_filters(store, Filters())
    assert view.counts == {"routes": 3, "projects": 4, "deals": 4, "articles": 5}
    assert len(view.projects) == 2 and len(view.articles) == 3 and view.capped["projects"] and view.capped["articles"]
    assert list(view.projects["n_articles"]) == sorted(view.projects["n_articles"], reverse=True)
    assert list(view.article_page(3, 25)["article_id"]) == list(data.apply_filters(store, Filters(q="")).article_page(
        0, 25)["article_id"])[3:]
    left_out = set(store.records("project")["project_id"]) - set(view.projects["project_id"])
    assert left_out and all(view.contains("project", p) for p in left_out)  # kept, only not fetched


def test_mentions_of_an_article_the_warehouse_lacks_select_nothing(store):
    view = data.apply_filters(store, Filters(countries=("ARM",)))
    assert list(view.articles["article_id"]) == [fx.A["ps2"]]  # by its place's country, not the stray mention
    assert UNKNOWN_ARTICLE not in set(store.df("SELECT article_id FROM articles")["article_id"])


# ---------------------------------------------------------------- parameters, never SQL


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_search_is_a_search_for_that_text(store, value):
    view = data.apply_filters(store, Filters(q=value))
    assert view.counts["articles"] >= 0 and len(view.routes) >= 0 and view.gaps is not None
    assert store.totals["articles"] == 5 and store.totals["routes"] == 3  # nothing dropped or deleted


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filter_values_select_nothing_and_break_nothing(store, value):
    # `Filters` straight from code, past the URL whitelist `ViewState` applies: the SQL must hold anyway.
    filters = Filters(countries=(value,), sectors=(value,), status=(value,), subsectors=(value,))
    view = data.apply_filters(store, filters)
    assert view.counts == {"routes": 0, "projects": 0, "deals": 0, "articles": 0}
    assert view.coverage.empty and not view.contains("route", value)
    assert store.record_row("route", value) is None and store.article(value) is None
    assert store.mentions_of(value).empty and data.article_records(store, value)["evidence"].empty
    assert store.totals == data.apply_filters(store, Filters()).totals


def test_a_hostile_url_is_refused_before_it_reaches_a_query():
    state = ViewState.from_query({"countries": "KAZ,'; DROP TABLE articles;--", "sectors": "energy' OR '1'='1",
                                  "record": "route:x' OR 1=1", "article": "'; --"})
    assert state.countries == ("KAZ",) and state.sectors == () and state.record is None and state.article is None


def test_search_patterns_escape_every_character_they_take_from_the_query(store):
    from dashboard import search

    assert search._sql_escape("a.b|c$(d)") == "a\\x{2e}b\\x{7c}c\\x{24}\\x{28}d\\x{29}"
    # Query text reaches a pattern only as words; a quoted phrase matches its words with anything between.
    query = search.compile_query('"Сила.Сибири"')
    assert store.value("SELECT regexp_matches('газопровод сила сибири 2', ?)", [query.sql_pattern])
    assert not store.value("SELECT regexp_matches('силасибири', ?)", [query.sql_pattern])


# ---------------------------------------------------------------- connections


def test_each_thread_has_its_own_connection_and_reuses_it(store):
    mine = store.cursor()
    assert store.cursor() is mine
    seen, errors, together = {}, [], threading.Barrier(8)

    def work(n):
        try:
            con = store.cursor()
            assert store.cursor() is con
            assert data.apply_filters(store, FILTERS[n % len(FILTERS)]).counts["articles"] >= 0
            seen[n] = con  # held, so no two live threads could share an id
            together.wait(timeout=30)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len({id(c) for c in seen.values()} | {id(mine)}) == 9  # nine threads, nine connections
    assert len(store.threads) >= 9


def test_connections_are_read_only(store):
    for statement in ("CREATE TABLE x (i INTEGER)", "DELETE FROM articles", "DROP TABLE routes",
                      "UPDATE projects SET status = 'operating'", "INSERT INTO countries (iso3) VALUES ('XXX')"):
        with pytest.raises(duckdb.Error, match="read-only"):
            store.cursor().execute(statement)
    assert store.totals["articles"] == 5


def test_the_catalog_is_made_once_per_build_and_version(store, tmp_path):
    path = db.catalog_path(store.info.resolved, store.info.version)
    assert path == store.path and path.exists()
    before_mtime = path.stat().st_mtime_ns
    again = data.open_store(store.info)
    assert again.path == path and path.stat().st_mtime_ns == before_mtime
    assert db.catalog_path(store.info.resolved, "another-version") != path

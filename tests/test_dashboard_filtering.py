"""Filtering through article codes (`data.Lookup`): the view says what matching ids directly would say."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import data, exports
from dashboard.state import Filters
from etl.build import to_table
from etl.warehouse import write_warehouse
from tests import dashboard_fixtures as fx

UNKNOWN_ARTICLE = "f" * 16
FILTERS = [
    Filters(), Filters(countries=("KAZ",)), Filters(countries=("MNG", "USA")), Filters(countries=("ARM",)),
    Filters(countries=("ATA",)), Filters(sectors=("energy",)), Filters(status=("planned", "operational")),
    Filters(sectors=("mining",), status=("planned",)), Filters(date_from=dt.date(2025, 1, 1)),
    Filters(date_to=dt.date(2025, 5, 1)), Filters(q="казахстан"), Filters(q="АЭС", countries=("KAZ",)),
    Filters(countries=("CHN",), sectors=("transport",), date_from=dt.date(2025, 1, 1)),
]


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    """The synthetic warehouse, plus a place mention that names a country only by `country_iso3` and
    mentions of an article the warehouse does not have."""
    mentions = fx.mentions_rows() + [
        {"article_id": fx.A["ps2"], "kind": "place", "entity_id": None, "surface": "Ереван", "normal": "Ереван",
         "start": 0, "end": 7, "sentence": "", "country_iso3": "ARM"},
        {"article_id": UNKNOWN_ARTICLE, "kind": "country", "entity_id": "ARM", "surface": "Армения",
         "normal": "Армения", "start": 0, "end": 7, "sentence": "", "country_iso3": "ARM"},
        {"article_id": UNKNOWN_ARTICLE, "kind": "country", "entity_id": "KAZ", "surface": "Казахстан",
         "normal": "Казахстан", "start": 0, "end": 9, "sentence": "", "country_iso3": "KAZ"},
    ]
    rows = {"articles": fx.articles_rows(), "rejects": [], "mentions": mentions, "countries": fx.countries_rows(),
            "routes": fx.routes_rows(), "projects": fx.projects_rows(), "deals": fx.deals_rows(),
            "evidence": fx.evidence_rows(), "candidates": []}
    built = {name: to_table(name, table_rows) for name, table_rows in rows.items()}
    out = tmp_path_factory.mktemp("filtering") / "warehouse"
    write_warehouse(built, out, {"data_version": "filt1", "built_at": "", "rows": {}})
    return data.read_warehouse(data.warehouse_info(out))


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_view_mentions_are_those_of_the_selected_articles(wh, filters):
    view = data.apply_filters(wh, filters)
    expected = wh.mentions.loc[wh.mentions["article_id"].isin(set(view.articles["article_id"]))].reset_index(drop=True)
    pd.testing.assert_frame_equal(view.mentions, expected)
    assert "sentence" not in view.mentions.columns and "text" not in view.articles.columns
    assert UNKNOWN_ARTICLE not in set(view.mentions["article_id"])


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_coverage_counts_the_selected_articles_country_mentions(wh, filters):
    view = data.apply_filters(wh, filters)
    countries = view.mentions.loc[(view.mentions["kind"] == "country") & view.mentions["entity_id"].notna()]
    expected = countries.groupby("entity_id").agg(n_articles=("article_id", "nunique"), n_mentions=("article_id", "size"))
    got = view.coverage.set_index("iso3")[["n_articles", "n_mentions"]].sort_index()
    assert got.to_dict("index") == expected.sort_index().to_dict("index")
    assert list(view.coverage["n_articles"]) == sorted(view.coverage["n_articles"], reverse=True)


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_country_articles_are_one_row_per_selected_article_and_country(wh, filters):
    view = data.apply_filters(wh, filters)
    countries = view.mentions.loc[view.mentions["kind"] == "country", ["article_id", "entity_id"]].dropna()
    expected = set(map(tuple, countries.drop_duplicates().to_numpy()))
    pairs = view.country_articles
    ids = wh.lookup.codes_of_ids[pairs["article"].to_numpy()]
    assert set(zip(ids, pairs["entity_id"])) == expected and len(pairs) == len(expected)
    published = dict(zip(view.articles["article_id"], view.articles["published"]))
    for article_id, when in zip(ids, pairs["published"]):
        assert (pd.isna(when) and pd.isna(published[article_id])) or when == published[article_id]


def test_a_country_named_only_by_a_place_mention_selects_its_article(wh):
    view = data.apply_filters(wh, Filters(countries=("ARM",)))
    assert list(view.articles["article_id"]) == [fx.A["ps2"]]
    assert "ARM" not in set(view.coverage["iso3"])  # a place, not a country mention: not counted


def test_countries_select_the_articles_that_mention_them_or_their_records(wh):
    view = data.apply_filters(wh, Filters(countries=("MNG", "USA")))
    mentioned = wh.mentions.loc[wh.mentions["entity_id"].isin({"MNG", "USA"})
                                | wh.mentions["country_iso3"].isin({"MNG", "USA"}), "article_id"]
    from_records = set()
    for ids in view.routes["article_ids"]:
        from_records.update(ids)
    for ids in view.projects["article_ids"]:
        from_records.update(ids)
    from_records.update(a for a in view.deals["article_id"] if isinstance(a, str))
    expected = (set(mentioned) | from_records) & set(wh.articles["article_id"])
    assert set(view.articles["article_id"]) == expected


def test_selected_articles_are_newest_first_with_the_undated_last(wh):
    view = data.apply_filters(wh, Filters())
    dated = view.articles["published"].dropna()
    assert list(dated) == sorted(dated, reverse=True)
    assert view.articles["published"].isna().tolist() == [False] * len(dated) + [True] * view.n_undated


def test_rows_by_key_picks_rows_in_the_order_asked():
    table = pd.DataFrame({"record": ["route:a", "route:b", "route:c"], "value": [1, 2, 3]})
    assert data.rows_by_key(table, ["route:c", "route:a"]).to_dict("list") == {"record": ["route:c", "route:a"],
                                                                               "value": [3, 1]}
    assert data.rows_by_key(table, []).empty
    assert data.rows_by_key(table, ["route:x"]) is None  # not in the table: made afresh
    assert data.rows_by_key(pd.concat([table, table]), ["route:a"]) is None  # a key on two rows


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tables_picked_from_every_record_equal_the_filtered_tables(wh, lang):
    everything = data.apply_filters(wh, Filters())
    made = {"routes": exports.routes_table, "projects": exports.projects_table, "deals": exports.deals_table}
    full = {kind: make(everything, wh, lang, "/app") for kind, make in made.items()}
    for filters in FILTERS:
        view = data.apply_filters(wh, filters)
        for kind, key in (("routes", "route"), ("projects", "project"), ("deals", "deal")):
            records = getattr(view, kind)
            picked = data.rows_by_key(full[kind], [f"{key}:{r}" for r in records[f"{key}_id"]])
            expected = made[kind](view, wh, lang, "/app")
            # The same cells; a column of nulls only may differ in dtype (object vs str).
            same = lambda frame: frame.astype(object).where(frame.notna(), None)  # noqa: E731
            pd.testing.assert_frame_equal(same(picked), same(expected))


def test_gaps_count_what_the_filters_hide_for_lack_of_a_date_or_a_country(tmp_path):
    """A deal naming no country and an undated article: every other filter keeps them, the date range or
    the country filter hides them, and the view says how many."""
    deals = fx.deals_rows() + [{"deal_id": "d-nowhere", "kind": "investment", "parties": ["Некая компания"],
                                "party_countries": [], "value_amount": None, "value_currency": None, "value_usd": None,
                                "date": None, "sector": "energy", "project_id": None, "route_id": None,
                                "article_id": fx.A["undated"], "sentence": "Некая компания вложит средства."}]
    rows = {"articles": fx.articles_rows(), "rejects": [], "mentions": fx.mentions_rows(), "countries": fx.countries_rows(),
            "routes": fx.routes_rows(), "projects": fx.projects_rows(), "deals": deals, "evidence": fx.evidence_rows(),
            "candidates": []}
    out = tmp_path / "warehouse"
    write_warehouse({name: to_table(name, r) for name, r in rows.items()}, out, {"data_version": "gaps1", "rows": {}})
    wh = data.read_warehouse(data.warehouse_info(out))
    dated = data.apply_filters(wh, Filters(date_from=dt.date(2025, 1, 1)))
    assert dated.gaps["undated"] == {"articles": 1, "routes": 0, "projects": 0, "deals": 2}
    assert dated.n_excluded_undated == 1
    kept = data.apply_filters(wh, Filters(date_from=dt.date(2025, 1, 1), include_undated=True))
    assert {"d-sanctions", "d-nowhere"} <= set(kept.deals["deal_id"]) and kept.gaps["undated"] == {}
    placed = data.apply_filters(wh, Filters(countries=("KAZ",), sectors=("energy",)))
    assert placed.gaps["unplaced"]["deals"] == 1 and "d-nowhere" not in set(placed.deals["deal_id"])

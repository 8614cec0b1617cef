"""The dashboard's plain modules: escaping, reading and filtering the warehouse, map, charts, exports."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time

import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from dashboard import charts, data, exports, maps, units
from dashboard.markup import esc, highlight, link, md_escape, plain_text, safe_url
from dashboard.state import Filters, ViewState
from tests.dashboard_fixtures import A, HOSTILE_NAME, XSS, synthetic_warehouse, write_synthetic_warehouse  # noqa: F401

D = dt.date


@pytest.fixture(scope="module")
def wh(synthetic_warehouse):
    return data.open_store(data.warehouse_info(synthetic_warehouse))


def view(wh, **filters) -> data.View:
    return data.apply_filters(wh, Filters(**filters))


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize("raw, forbidden", [
    (XSS, ["<img", "<"]),
    ("</script><script>alert(1)</script>", ["</script>", "<script>"]),
    ("`${alert(1)}`", ["`", "${", "}"]),
    ('" onmouseover="alert(1)', ['"']),
    ("back\\slash", ["\\"]),
    ("' or 1=1", ["'"]),
])
def test_esc_leaves_nothing_a_browser_or_js_template_would_read_as_code(raw, forbidden):
    escaped = esc(raw)
    for piece in forbidden:
        assert piece not in escaped
    assert plain_text(escaped) == " ".join(raw.split())


@pytest.mark.parametrize("url, safe", [
    ("https://example.org/a?b=c", True),
    ("http://t.me/channel/12", True),
    ("HTTPS://EXAMPLE.ORG", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
    ("ftp://example.org/file", False),
    ("//evil.example/x", False),
    ("http://", False),
    ("https://exa mple.org", False),
    ("https://example.org/\x00", False),
    ("", False),
    (None, False),
    (float("nan"), False),
])
def test_only_http_and_https_urls_become_links(url, safe):
    assert (safe_url(url) is not None) == safe
    rendered = link(url, "source")
    assert ("<a " in rendered) == safe


@pytest.mark.parametrize("raw", ["[x](javascript:alert(1))", "`code`", "$x^2$", "**bold**", XSS, "# heading"])
def test_md_escape_keeps_markdown_from_reading_syntax(raw):
    escaped = md_escape(raw)
    assert re.sub(r"\\(.)", r"\1", escaped) == raw
    assert not re.search(r"(?<!\\)[\[\]`$*<#]", escaped)


@pytest.mark.parametrize("text, spans, expected", [
    ("Казахстан и Китай", [(0, 9, "country", "KAZ")],
     '<mark class="mention mention-country" title="KAZ">Казахстан</mark> и Китай'),
    ("a <b> c", [(2, 5, "org", "x")], 'a <mark class="mention mention-org" title="x">&lt;b&gt;</mark> c'),
    ("abcdef", [(0, 3, "place", "p"), (2, 5, "place", "q")], '<mark class="mention mention-place" title="p">abc</mark>def'),
    ("abc", [(5, 9, "place", "out"), (2, 1, "place", "backwards"), (-1, 2, "place", "negative")], "abc"),
    ("abc", [(0, 1, "bad kind<", "t")], '<mark class="mention mention-other" title="t">a</mark>bc'),
])
def test_highlight_marks_mentions_by_offset_and_skips_bad_spans(text, spans, expected):
    assert highlight(text, spans) == expected


# ---------------------------------------------------------------- reading and filtering


def test_reads_every_table_with_derived_columns(wh):
    n_mentions = int(wh.value("SELECT count(*) FROM mentions"))
    assert wh.totals == {"articles": 5, "routes": 3, "projects": 4, "deals": 4, "mentions": n_mentions}
    undated = wh.articles_by_id([A["undated"]]).iloc[0]
    assert undated["display_title"].startswith("Россия и США обменялись")  # no title: first words of the text
    assert wh.records("route").crs.to_epsg() == 4326
    assert wh.records("deal").set_index("deal_id").loc["d-copper", "date_precision"] == "year"


@pytest.mark.parametrize("filters, routes, projects, deals, articles", [
    ({}, {"middle-corridor", "power-of-siberia-2", "cac-pipeline"},
     {"balkhash-npp", "aktogay-copper", "hostile-plant", "unplaced-coal"},
     {"d-npp", "d-copper", "d-sanctions", "d-hostile"}, {"middle", "npp", "hostile", "undated", "ps2"}),
    ({"countries": ("KAZ",), "sectors": ("energy",)}, {"cac-pipeline"},
     {"balkhash-npp", "hostile-plant", "unplaced-coal"}, {"d-npp", "d-hostile"}, {"npp", "hostile"}),
    ({"countries": ("MNG",)}, {"power-of-siberia-2"}, set(), set(), {"ps2"}),
    ({"countries": ("CAN",)}, set(), {"aktogay-copper"}, {"d-copper"}, {"middle"}),
    # A status applies to the records whose vocabulary has it: a corridor status leaves projects alone.
    ({"status": ("planned",)}, {"power-of-siberia-2"},
     {"balkhash-npp", "aktogay-copper", "hostile-plant", "unplaced-coal"},
     {"d-npp", "d-copper", "d-sanctions", "d-hostile"}, {"ps2"}),
    ({"status": ("planned", "announced")}, {"power-of-siberia-2"}, {"hostile-plant"},
     {"d-npp", "d-copper", "d-sanctions", "d-hostile"}, {"ps2", "hostile"}),
    ({"status": ("operating",)}, {"middle-corridor", "cac-pipeline"}, set(),
     {"d-npp", "d-copper", "d-sanctions", "d-hostile"}, {"middle", "hostile", "npp"}),
    # Subsectors: projects by subsector, corridors by mode, deals by the record they concern.
    ({"subsectors": ("pipeline",)}, {"power-of-siberia-2", "cac-pipeline"}, set(), set(), {"ps2", "npp"}),
    ({"subsectors": ("nuclear",)}, set(), {"balkhash-npp"}, {"d-npp"}, {"npp", "hostile"}),
    ({"sectors": ("energy",), "subsectors": ("grid", "coal-power")}, set(), {"hostile-plant", "unplaced-coal"},
     {"d-hostile"}, {"hostile", "npp"}),
    ({"sectors": ("mining",)}, set(), {"aktogay-copper"}, {"d-copper"}, {"middle"}),
    ({"date_from": D(2025, 6, 1)}, {"cac-pipeline"}, {"balkhash-npp", "unplaced-coal"}, {"d-npp", "d-copper"}, {"npp"}),
    ({"date_to": D(2024, 12, 31)}, {"power-of-siberia-2"}, set(), set(), {"ps2"}),
    # The switch keeps what has no date at all.
    ({"date_from": D(2025, 6, 1), "include_undated": True}, {"cac-pipeline"}, {"balkhash-npp", "unplaced-coal"},
     {"d-npp", "d-copper", "d-sanctions"}, {"npp", "undated"}),
    # Whole words, in any form: «АЭС» is not inside «ЕАЭС», «Улкен» finds «Улкена».
    ({"q": "АЭС"}, set(), {"balkhash-npp"}, {"d-npp"}, {"npp"}),  # not the article that says «ЕАЭС»
    ({"q": "ЕАЭС"}, set(), set(), {"d-sanctions"}, {"undated"}),
    ({"q": "Улкен"}, set(), {"balkhash-npp"}, {"d-npp", "d-hostile"}, {"npp", "hostile"}),
    ({"q": "Актога*"}, set(), {"aktogay-copper"}, set(), {"middle"}),
    ({"q": "актогай"}, set(), {"aktogay-copper"}, set(), {"middle"}),
    ({"q": "СИЛА СИБИРИ"}, {"power-of-siberia-2"}, set(), set(), {"ps2"}),
    ({"q": "пойдет"}, set(), set(), set(), {"ps2"}),  # ё and е are one letter to search
    ({"countries": ("ATA",)}, set(), set(), set(), set()),
])
def test_filters_apply_to_every_table(wh, filters, routes, projects, deals, articles):
    v = view(wh, **filters)
    assert set(v.routes["route_id"]) == routes
    assert set(v.projects["project_id"]) == projects
    assert set(v.deals["deal_id"]) == deals
    assert set(v.articles["article_id"]) == {A[k] for k in articles}
    assert "text" not in v.articles.columns  # cached views carry no article texts


def test_undated_articles_are_counted_not_dropped(wh):
    everything = view(wh)
    assert everything.n_undated == 1 and everything.n_excluded_undated == 0
    ranged = view(wh, date_from=D(2020, 1, 1))
    assert A["undated"] not in set(ranged.articles["article_id"])
    assert ranged.n_excluded_undated == 1


def test_coverage_counts_articles_per_country_among_the_selected(wh):
    cov = view(wh).coverage.set_index("iso3")
    assert cov.loc["KAZ", "n_articles"] == 4  # every article but the Power of Siberia one
    assert cov.loc["KAZ", "name_ru"] == "Казахстан"
    only_ps2 = view(wh, countries=("MNG",)).coverage.set_index("iso3")
    assert set(only_ps2.index) == {"RUS", "CHN", "MNG"}


@pytest.mark.parametrize("value, expected", [
    ("2025-05-14", (D(2025, 5, 14), D(2025, 5, 14), "day")),
    ("2025-05", (D(2025, 5, 1), D(2025, 5, 31), "month")),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29), "month")),
    ("2025-12", (D(2025, 12, 1), D(2025, 12, 31), "month")),
    ("2025", (D(2025, 1, 1), D(2025, 12, 31), "year")),
    ("2025-13", (None, None, None)),
    ("soon", (None, None, None)),
    (None, (None, None, None)),
])
def test_partial_dates(value, expected):
    assert data.partial_date(value) == expected


def test_a_swapped_warehouse_has_a_new_identity(tmp_path):
    out = tmp_path / "warehouse"
    write_synthetic_warehouse(out, version="one")
    first = data.warehouse_info(out)
    write_synthetic_warehouse(out, version="two")
    second = data.warehouse_info(out)
    assert (first.version, second.version) == ("one", "two")
    assert first.resolved != second.resolved  # the cache key changes with the swap


def test_no_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(data.WarehouseUnavailable):
        data.warehouse_info(tmp_path / "nothing-here")


# ---------------------------------------------------------------- map


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_map_draws_corridors_projects_and_countries_from_local_assets(wh):
    fmap = maps.build_map(view(wh, countries=("KAZ",), sectors=("energy",)), "en")
    html = rendered(fmap)
    assert html.count("L.polyline(") == 1
    assert html.count("L.circleMarker(") == 2  # the third project has no place
    assert "/app/static/vendor/countries.geojson" in html
    assert all(url.startswith("/app/static/vendor/") for url in maps.asset_links(fmap))
    # The only remote URL is the optional tile layer, which is off until chosen.
    remote = set(re.findall(r"https?://[^\s\"'`)<>]+", html)) - {"https://tile.openstreetmap.org/{z}/{x}/{y}.png"}
    assert not {u for u in remote if not u.startswith(("https://example.org", "https://t.me", "https://openstreetmap.org",
                                                       "https://www.openstreetmap.org", "https://leafletjs.com"))}


def test_map_under_a_base_url_path_loads_assets_from_there(wh):
    fmap = maps.build_map(view(wh), "en", assets=maps.asset_base("/monitor/"))
    assert all(url.startswith("/monitor/app/static/vendor/") for url in maps.asset_links(fmap))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_map_escapes_everything_article_derived(wh, lang):
    html = rendered(maps.build_map(view(wh), lang))
    script = html.split("<body>", 1)[1]
    assert "<img src=x" not in script
    assert "alert(3)" in script  # the hostile project name is there, as text…
    assert "${alert" not in script and "`${" not in script  # …with no template-literal expression left
    assert "javascript:alert" not in script  # the article's javascript: URL is not a link
    assert "Ulken &#96;&#36;&#123;alert(3)&#125;&#96; &lt;/script&gt;&lt;img" in script


def test_clicks_resolve_to_records_by_tooltip_or_nearest_shape(wh):
    v = view(wh)
    index = maps.tooltip_index(v, "en")
    hostile = next(text for text, key in index.items() if key == "project:hostile-plant")
    assert HOSTILE_NAME in hostile  # what the browser reports is the unescaped text
    assert maps.resolve_click(v, "en", hostile, None) == "project:hostile-plant"
    assert maps.resolve_click(v, "en", None, {"lat": 43.3, "lng": 70.0}) == "route:middle-corridor"
    assert maps.resolve_click(v, "en", None, {"lat": 46.95, "lng": 79.99}) == "project:aktogay-copper"
    assert maps.resolve_click(v, "en", None, {"lat": -40.0, "lng": 170.0}) is None
    assert maps.resolve_click(v, "en", None, {"lat": "x"}) is None
    # A country's tooltip selects nothing, even next to a corridor.
    assert maps.resolve_click(v, "en", "Kazakhstan / Казахстан4 articles", {"lat": 43.3, "lng": 70.0}) is None


def synthetic_view(wh, n_projects: int, n_routes: int) -> data.View:
    """A view with many generated records, for the scale path."""
    every = wh.records("project")
    base = every.iloc[0]
    projects = every.iloc[[0] * n_projects].copy()
    projects["project_id"] = [f"p{i}" for i in range(n_projects)]
    projects["name_en"] = [f"Project {i}" for i in range(n_projects)]
    projects["geometry"] = [Point(50 + (i % 400) * 0.1, 38 + (i // 400) * 0.3) for i in range(n_projects)]
    routes = wh.records("route").iloc[[0] * n_routes].copy()
    routes["route_id"] = [f"r{i}" for i in range(n_routes)]
    routes["geometry"] = [LineString([(50 + i * 0.05, 40), (60 + i * 0.05, 50)]) for i in range(n_routes)]
    v = view(wh)
    v.projects, v.routes = projects.reset_index(drop=True), routes.reset_index(drop=True)
    assert base["project_id"] == "balkhash-npp"
    return v


def test_thousands_of_projects_are_clustered_and_stay_fast(wh):
    v = synthetic_view(wh, n_projects=5000, n_routes=500)
    started = time.perf_counter()
    html = rendered(maps.build_map(v, "en"))
    seconds = time.perf_counter() - started
    assert "L.markerClusterGroup(" in html and html.count("L.circleMarker(") == 1  # one callback, not 5000 markers
    assert html.count("L.polyline(") == 500
    assert seconds < 20, seconds
    assert {u for u in maps.asset_links(maps.build_map(v, "en"))} >= {
        "/app/static/vendor/markercluster/leaflet.markercluster.js", "/app/static/vendor/markercluster/MarkerCluster.css"}


@pytest.mark.parametrize("project, expected", [
    ({"cost_usd": 12e9}, 18.2),
    ({"cost_usd": None, "capacity_value": 90.0, "capacity_unit": "kt"}, 16.0),
    ({"cost_usd": None, "capacity_value": None, "capacity_unit": None}, 6.0),
    ({"cost_usd": 1e15}, 22.0),
])
def test_project_radius(project, expected):
    assert maps.project_radius(pd.Series(project), {"kt": 90.0}) == expected


# ---------------------------------------------------------------- charts and exports


def test_time_series_have_traces_and_count_what_they_leave_out(wh):
    v = view(wh)
    assert {tr.name for tr in charts.mentions_over_time(v, "en").data} >= {"KAZ · Kazakhstan / Казахстан"}
    monthly = charts.records_over_time(v, "en", "month")
    yearly = charts.records_over_time(v, "en", "year")
    deals_on = lambda fig: sum(sum(tr.y) for tr in fig.data if tr.legendgroup == "deals")  # noqa: E731
    assert deals_on(monthly) == 2 and deals_on(yearly) == 3  # the year-only deal shows on the yearly axis
    counts = charts.undated_counts(v)
    assert (counts.articles, counts.deals, counts.deals_year_only, counts.deals_without_usd) == (1, 1, 1, 1)
    values = charts.deal_values(v, "en", "year")
    assert sum(sum(tr.y) for tr in values.data) == pytest.approx((12e9 + 500e6 + 20e6) / 1e6)  # in USD mn
    assert not charts.has_data(charts.deal_values(view(wh, countries=("ATA",)), "en"))


def test_chart_labels_are_escaped(wh):
    fig = charts.mentions_over_time(view(wh), "ru")
    assert all("<" not in tr.name for tr in fig.data)


def test_csv_exports_trace_every_row_to_its_articles(wh):
    v = view(wh, countries=("KAZ",))
    raw = exports.to_csv(exports.projects_frame(v.projects, data.view_slice(v)))
    assert raw.startswith(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark: Excel reads the Cyrillic
    projects = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False).set_index("project_id")
    npp = projects.loc["balkhash-npp"]
    assert npp["name_ru"] == "Балхашская АЭС"
    assert float(npp["capacity_mw"]) == 2400 and npp["target_year"] == "2035"  # an integer year, never 2035.0
    assert npp["article_ids"].split(" | ") == [A["npp"], A["hostile"]]
    assert npp["outlets"].split(" | ")[0] == "Первый жүз" and npp["urls"].split(" | ")[0] == "https://t.me/example/2"
    assert npp["urls"].split(" | ")[1] == ""  # the hostile article's javascript: URL is no URL
    assert f"[{A['npp']}] «Стоимость станции мощностью 2400 МВт оценивается в 12 млрд долларов»" in npp["quotes"]
    assert npp["published"].split(" | ") == ["2025-06-17", "2025-05-01"]
    deals = pd.read_csv(io.BytesIO(exports.to_csv(exports.deals_frame(v.deals, data.view_slice(v)))), encoding="utf-8-sig",
                        keep_default_na=False).set_index("deal_id")
    assert deals.loc["d-hostile", "article_ids"] == A["hostile"]
    assert XSS in deals.loc["d-hostile", "quotes"]  # a file keeps the text as written; escaping is for pages
    routes = pd.read_csv(io.BytesIO(exports.to_csv(exports.routes_frame(v.routes, data.view_slice(v)))), encoding="utf-8-sig")
    assert set(routes["route_id"]) == {"middle-corridor", "cac-pipeline"}
    assert routes.set_index("route_id").loc["middle-corridor", "countries"] == "CHN | KAZ | AZE | GEO | TUR"


def test_qualifiers_and_power_in_megawatts_are_kept():
    frame = pd.DataFrame({"project_id": ["p"], "capacity_value": [2.4], "capacity_unit": ["GW"]})
    assert units.capacity_mw(2.4, "GW") == 2400 and units.capacity_mw(520, "Gcal/h") is None
    assert units.capacity(2.4, "GW", "en") == "2,400\u00a0MW (2.4\u00a0GW, as stated)"
    assert units.capacity(2.4, "GW", "ru") == "2\u00a0400\u00a0МВт (2,4\u00a0ГВт, в тексте)"
    assert units.money(30e9, "USD", "en", "до") == "up to $30\u00a0bn"
    assert units.money(30e9, "USD", "ru", "до") == "до 30\u00a0млрд долл."
    assert units.money(3.22e10, "KZT", "en", "более") == "over 32.2\u00a0bn KZT"
    assert units.capacity(360, "MW", "en", "по") == "360\u00a0MW each"
    assert units.year(2035.0) == "2035" and units.year(None) is None
    assert units.partial("2025-05", "ru") == "май 2025" and units.partial("2025-05-23", "en") == "23 May 2025"
    assert units.figure_parts("value", "(30000000000.0, 'USD', 30000000000.0, 'до')") == {
        "amount": 30e9, "unit": "USD", "usd": 30e9, "qualifier": "до"}
    assert not frame.empty


def test_geojson_holds_only_what_has_a_place_and_says_how_many_were_left_out(wh, tmp_path):
    import geopandas as gpd

    v = view(wh, countries=("KAZ",))
    info = wh.info
    state = ViewState(countries=("KAZ",))
    meta = exports.export_metadata(info, state, "projects", len(v.projects))
    raw = exports.to_geojson(exports.projects_frame(v.projects, data.view_slice(v)), exports.project_shapes(v.projects), meta)
    document = json.loads(raw)
    assert document["metadata"]["left_out_without_place"] == 1
    assert document["metadata"]["left_out_ids"] == ["unplaced-coal"]
    assert document["metadata"]["data_version"] == info.version and document["metadata"]["filters"] == {"countries": "KAZ"}
    assert all(f["geometry"] is not None for f in document["features"])
    path = tmp_path / "projects.geojson"
    path.write_bytes(raw)
    frame = gpd.read_file(path)
    assert set(frame["project_id"]) == {"balkhash-npp", "aktogay-copper", "hostile-plant"}
    assert list(frame.set_index("project_id").loc["balkhash-npp"].geometry.coords) == [(74.95, 45.2)]  # lon, lat
    deals = json.loads(exports.to_geojson(exports.deals_frame(v.deals, data.view_slice(v)), exports.deal_geometries(v.deals, data.view_slice(v)), meta))
    assert {f["properties"]["deal_id"] for f in deals["features"]} == {"d-npp", "d-copper", "d-hostile"}
    assert deals["metadata"]["left_out_ids"] == []  # every KAZ deal here concerns a placed project


def test_the_zip_holds_tables_evidence_and_a_readme_naming_version_and_filters(wh):
    import zipfile

    state = ViewState(countries=("KAZ",), sectors=("energy",), date_from=D(2025, 1, 1))
    v = view(wh, **{k: getattr(state.filters, k) for k in ("countries", "sectors", "date_from")})
    archive = zipfile.ZipFile(io.BytesIO(exports.bundle(v, data.view_slice(v), wh.info, state, "/tables?page=tables")))
    names = set(archive.namelist())
    assert names == {"routes.csv", "projects.csv", "deals.csv", "evidence.csv", "routes.geojson", "projects.geojson",
                     "deals.geojson", "README.txt"}
    readme = archive.read("README.txt").decode("utf-8")
    assert wh.info.version in readme and "Countries: KAZ" in readme and "Sectors: energy" in readme
    assert "countries=KAZ" in readme and "without a place" in readme
    evidence = pd.read_csv(io.BytesIO(archive.read("evidence.csv")), encoding="utf-8-sig")
    assert {"record_id", "field", "value", "shown", "article_id", "outlet", "url", "quote", "date_basis"} <= set(evidence.columns)
    assert set(evidence["record_id"]) >= {"balkhash-npp"}


def test_tables_for_reading_format_figures_and_leave_blanks(wh):
    table = exports.projects_table(v := view(wh), data.view_slice(v), "en")
    npp = table.loc[table["record"] == "project:balkhash-npp"].iloc[0]
    assert npp["capacity_mw"] == 2400 and npp["cost"] == "$12\u00a0bn" and npp["target_year"] == "2035"
    assert npp["record_url"] == "/record?page=record&record=project%3Abalkhash-npp"
    assert npp["outlets"] == "Первый жүз, `chan</script>" + XSS  # shown as text by the table
    coal = table.loc[table["record"] == "project:unplaced-coal"].iloc[0]
    assert coal["cost"] == "" and coal["target_year"] == "" and coal["place"] == ""
    ru = exports.projects_table(v := view(wh), data.view_slice(v), "ru")
    assert ru.loc[ru["record"] == "project:balkhash-npp", "status"].iloc[0] == "согласован"
    assert ru.loc[ru["record"] == "project:aktogay-copper", "capacity"].iloc[0] == "90\u00a0тыс. т"
    deals = exports.deals_table(v := view(wh), data.view_slice(v), "en")
    assert deals.loc[deals["record"] == "deal:d-copper", "date"].iloc[0] == "2025"
    assert deals.loc[deals["record"] == "deal:d-sanctions", "value"].iloc[0] == ""

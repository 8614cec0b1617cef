"""The Streamlit app through AppTest: every page, the URL as state, empty states, escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.browser import chrome_script
from dashboard.state import LANGUAGES, PAGES as ALL_PAGES, ViewState
from tests.dashboard_fixtures import A, DATA_VERSION, XSS, synthetic_warehouse, write_empty_warehouse  # noqa: F401

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
PAGES = {"map": "Map", "timeseries": "Time series", "tables": "Tables", "articles": "Articles"}


@pytest.fixture
def app(synthetic_warehouse, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DIR", str(synthetic_warehouse))

    def start(query: dict | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return start


def query_of(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def everything(at: AppTest) -> list:
    """Every element of the page, sidebar included."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            found.append(child)
            walk(child)

    walk(at._tree)
    return found


# The page's own static script (dashboard/browser.py), the one HTML body that holds a <script>.
CHROME = {chrome_script(page, lang) for page in ALL_PAGES for lang in LANGUAGES}


def html_bodies(at: AppTest) -> list[str]:
    """What the page renders as HTML: st.html bodies and Markdown that allows HTML (not the static chrome)."""
    bodies = []
    for element in everything(at):
        proto = getattr(element, "proto", None)
        if element.type == "html" and proto is not None and proto.body not in CHROME:
            bodies.append(proto.body)
        elif element.type == "markdown" and proto is not None and getattr(proto, "allow_html", False):
            bodies.append(proto.body)
    return bodies


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("query", [{}, {"countries": "KAZ", "sectors": "energy"}, {"lang": "ru"}])
def test_every_page_renders(app, page, query):
    at = app({**query, "page": page})
    title = PAGES[page] if query.get("lang") != "ru" else {"map": "Карта", "timeseries": "Динамика",
                                                           "tables": "Таблицы", "articles": "Статьи"}[page]
    assert title in [h.value for h in at.header]
    assert query_of(at)["page"] == page
    assert query_of(at)["v"] == DATA_VERSION


def test_map_page_draws_the_map_component_and_counts(app):
    at = app({"countries": "KAZ", "sectors": "energy"})
    assert [e for e in everything(at) if e.type == "component_instance"]
    captions = " ".join(c.value for c in at.caption)
    assert "On the map: corridors 1, projects 2" in captions
    assert "Projects without a known place, not on the map (see Tables): 1" in captions


def test_time_series_page_has_charts_and_says_what_is_undated(app):
    at = app({"page": "timeseries"})
    charts = [e for e in everything(at) if e.type == "plotly_chart"]
    assert len(charts) == 3
    captions = " ".join(c.value for c in at.caption)
    assert "1 of 5 articles have no date" in captions
    assert "dated only to the year" in captions


def test_tables_page_lists_filtered_tables_with_downloads(app):
    at = app({"page": "tables", "countries": "KAZ"})
    assert len(at.dataframe) == 3
    assert len(at.tabs) == 3 and at.tabs[0].label == "Corridors (2)"
    downloads = [e for e in everything(at) if e.type == "download_button"]
    assert len(downloads) == 10  # everything as a ZIP, then CSV, GeoJSON and README per table


def test_articles_page_lists_articles_with_reader_links(app):
    at = app({"page": "articles"})
    links = [e for e in everything(at) if e.type == "page_link"]
    assert len(links) == 5
    hostile = next(link for link in links if "alert" in link.proto.label)
    assert f"article={A['hostile']}" in hostile.proto.query_string
    assert "<img" not in hostile.proto.label.replace("\\<", "")  # Markdown-escaped label
    assert "1 without a date" in " ".join(c.value for c in at.caption)


def test_reader_highlights_mentions_and_lists_records(app):
    at = app({"page": "articles", "article": A["npp"]})
    body = "".join(html_bodies(at))
    assert '<mark class="mention mention-country" title="country · KAZ">Казахстан</mark>' in body
    assert "mention-capacity" in body
    labels = [e.proto.label for e in everything(at) if e.type == "page_link"]
    assert any("Balkhash nuclear power plant" in label for label in labels)
    assert any("Central Asia – Center gas pipeline" in label.replace("\\", "") for label in labels)


def test_reader_of_an_unknown_article_explains(app):
    at = app({"page": "articles", "article": "0000000000000000"})
    assert "is not in this warehouse" in at.warning[0].value


# ---------------------------------------------------------------- the URL is the state


@pytest.mark.parametrize("query", [
    {"page": "map", "countries": "KAZ", "sectors": "energy"},
    {"page": "tables", "countries": "CHN,KAZ", "status": "planned,operational", "from": "2025-01-01", "to": "2025-12-31"},
    {"page": "articles", "q": "АЭС", "lang": "ru", "article": A["npp"]},
    {"page": "map", "record": "route:cac-pipeline"},
    {"page": "timeseries", "sectors": "mining"},
])
def test_a_url_reproduces_its_view_and_stays_the_same(app, query):
    at = app(query)
    expected = {**ViewState.from_query(query).to_query(), "v": DATA_VERSION}
    assert query_of(at) == expected
    assert at.sidebar.radio(key="w_page").value == query["page"]
    assert at.sidebar.multiselect(key="w_countries").value == [c for c in ViewState.from_query(query).countries]
    assert at.sidebar.multiselect(key="w_sectors").value == list(ViewState.from_query(query).sectors)
    assert at.sidebar.text_input(key="w_q").value == query.get("q", "")
    # A second run (any interaction) keeps the same URL: nothing drifts.
    at.run()
    assert query_of(at) == expected


@pytest.mark.parametrize("query", [
    {"page": "nowhere", "countries": "XXX,<b>", "sectors": "weapons", "status": "done"},
    {"from": "2025-99-99", "to": "yesterday", "lang": "klingon", "v": "bad version!"},
    {"record": "route:<img src=x onerror=alert(1)>", "article": "../../etc/passwd"},
    {"record": "route:not-in-warehouse", "article": "ffffffffffffffff", "page": "articles"},
    {"countries": "," * 5000, "q": "x" * 5000},
])
def test_malformed_urls_fall_back_to_defaults(app, query):
    at = app(query)
    expected = {**ViewState.from_query(query).to_query(), "v": DATA_VERSION}
    assert query_of(at) == expected
    assert "XXX" not in query_of(at).get("countries", "")


def test_sidebar_changes_are_written_to_the_url(app):
    at = app({})
    at.sidebar.multiselect(key="w_countries").set_value(["KAZ"]).run()
    at.sidebar.multiselect(key="w_sectors").set_value(["energy"]).run()
    at.sidebar.date_input(key="w_from").set_value(dt.date(2025, 1, 1)).run()
    at.sidebar.text_input(key="w_q").set_value("АЭС").run()
    assert query_of(at) == {"page": "map", "countries": "KAZ", "sectors": "energy", "from": "2025-01-01", "q": "АЭС",
                            "v": DATA_VERSION}


def test_switching_page_keeps_the_filters(app):
    at = app({"countries": "KAZ", "sectors": "energy"})
    for page in ("timeseries", "tables", "articles", "map"):
        at.sidebar.radio(key="w_page").set_value(page).run()
        assert not at.exception
        assert query_of(at) == {"page": page, "countries": "KAZ", "sectors": "energy", "v": DATA_VERSION}
        assert PAGES[page] in [h.value for h in at.header]


def test_russian_interface_switch_keeps_the_view(app):
    at = app({"countries": "KAZ", "page": "tables"})
    at.sidebar.radio(key="w_lang").set_value("ru").run()
    assert query_of(at) == {"page": "tables", "countries": "KAZ", "lang": "ru", "v": DATA_VERSION}
    assert "Таблицы" in [h.value for h in at.header]
    assert at.sidebar.multiselect(key="w_countries").value == ["KAZ"]


def test_choosing_a_record_writes_it_to_the_url_and_shows_its_card(app):
    at = app({"countries": "KAZ"})
    at.selectbox(key="w_record").set_value("project:balkhash-npp").run()
    assert query_of(at)["record"] == "project:balkhash-npp"
    body = "".join(html_bodies(at))
    assert "Balkhash nuclear power plant" in body and "2,400\u00a0MW" in body and "&#36;12\u00a0bn" in body
    link = next(e for e in everything(at) if e.type == "page_link" and "record=project%3Abalkhash-npp" in e.proto.query_string
                and "page=record" in e.proto.query_string)
    assert "Open the record" in link.proto.label


def test_a_record_page_shows_its_figures_with_their_sentences(app):
    at = app({"page": "record", "record": "project:balkhash-npp"})
    body = "".join(html_bodies(at))
    assert "Balkhash nuclear power plant" in body
    # The figure, readable, with its sentence and the value highlighted in it.
    assert "&#36;12\u00a0bn" in body  # "$" escaped as everything from an article is
    assert ('<mark class="ca-val" title="Cost">12 млрд долларов</mark>' in body)
    assert "Стоимость станции мощностью 2400 МВт оценивается в" in body


def test_clear_filters_button(app):
    at = app({"countries": "KAZ", "sectors": "mining", "q": "медь", "lang": "ru"})
    next(b for b in at.sidebar.button if b.label == "Сбросить фильтры").click().run()
    assert query_of(at) == {"page": "map", "lang": "ru", "v": DATA_VERSION}
    assert at.sidebar.multiselect(key="w_countries").value == []


def test_a_link_from_an_older_data_version_says_so(app):
    at = app({"v": "oldversion1"})
    assert "data version oldversion1" in at.warning[0].value
    assert query_of(at)["v"] == DATA_VERSION


# ---------------------------------------------------------------- empty states


def test_no_warehouse_explains_how_to_build_one(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "missing"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["countries"] = "KAZ"
    at.run()
    assert not at.exception
    assert "No warehouse in" in at.warning[0].value
    assert at.code[0].value == "python -m etl build --input seeds --out data/warehouse"


@pytest.mark.parametrize("page", list(PAGES))
def test_an_empty_warehouse_says_it_has_nothing_yet(tmp_path, monkeypatch, page):
    monkeypatch.setenv("WAREHOUSE_DIR", str(write_empty_warehouse(tmp_path / "warehouse")))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["page"] = page
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in list(at.info) + list(at.caption))
    assert {"map": "On the map: corridors 0, projects 0", "timeseries": "No country mentions",
            "tables": "The warehouse has no corridors yet", "articles": "The warehouse has no articles yet"}[page] in text


@pytest.mark.parametrize("page", list(PAGES))
def test_a_filter_that_matches_nothing_says_so(app, page):
    at = app({"page": page, "countries": "ATA", "q": "пингвин"})
    assert any("Nothing matches these filters" in i.value for i in at.info)
    assert "ATA" in at.info[0].value


# ---------------------------------------------------------------- hostile article


@pytest.mark.parametrize("query", [
    {"page": "map", "record": "project:hostile-plant"},
    {"page": "tables", "record": "deal:d-hostile"},
    {"page": "articles"},
    {"page": "articles", "article": A["hostile"]},
    {"page": "articles", "article": A["hostile"], "q": "Улкен"},
    {"page": "articles", "q": "станцию"},
    {"page": "timeseries"},
    {"page": "record", "record": "project:hostile-plant"},
    {"page": "record", "record": "deal:d-hostile"},
    {"page": "record", "record": "route:middle-corridor", "lang": "ru"},
    {"page": "record"},
    {"page": "map"},
])
def test_hostile_strings_never_reach_html_unescaped(app, query):
    at = app(query)
    for body in html_bodies(at):
        assert XSS not in body
        assert "<img" not in body and "</script>" not in body
        assert "javascript:" not in body
    markdown = [e.proto.body for e in everything(at) if e.type == "markdown"]
    assert all(XSS not in body for body in markdown)


def test_hostile_article_text_is_shown_as_text(app):
    at = app({"page": "articles", "article": A["hostile"]})
    body = "".join(html_bodies(at))
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "&#96;станцию&#96; &lt;/script&gt;" in body


def test_tables_have_translated_headers_readable_figures_and_blank_cells(app):
    at = app({"page": "tables", "lang": "ru"})
    projects = at.dataframe[1]
    import json

    config = json.loads(projects.proto.columns)
    labels = {c.get("label") for c in config.values()}
    frame = projects.value
    assert {"Название", "Мощность, МВт", "Стоимость в тексте", "Источники", "Год ввода"} <= labels

    npp = frame.loc[frame["record"] == "project:balkhash-npp"].iloc[0]
    assert npp["cost"] == "12\u00a0млрд долл." and npp["capacity_mw"] == 2400 and npp["target_year"] == "2035"
    assert projects.proto.placeholder == ""  # a missing value is a blank cell, not "None"
    coal = frame.loc[frame["record"] == "project:unplaced-coal"].iloc[0]
    assert coal["place"] == "" and coal["cost"] == ""

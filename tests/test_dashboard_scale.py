"""What keeps the dashboard fast at a million articles, checked for what it must not change.

The map handed to the component in two parts (a base the same for every view, the view's parts swapped in
place), the same arguments streamlit-folium would send, escaping in both parts; the per-country article
codes, a picker's first rows and the latest deals equal to what the slower ways gave; the search's
prefilter; escaping's fast path; the catalog cache pruned of builds that are gone. In Chromium: a filter
change redraws the map's records in the same frame, with one legend and one layer control.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import time

import numpy as np
import pytest

from dashboard import data, db, map_component, maps
from dashboard.markup import _CONTROL, _TEMPLATE_LITERAL, esc
from dashboard.state import Filters
from tests.dashboard_fixtures import HOSTILE_NAME, XSS, synthetic_warehouse, write_synthetic_warehouse  # noqa: F401


@pytest.fixture(scope="module")
def wh(synthetic_warehouse):  # noqa: F811
    return data.open_store(data.warehouse_info(synthetic_warehouse))


def view(wh, **filters) -> data.View:
    return data.apply_filters(wh, Filters(**filters))


def _ids_out(text: str) -> str:
    """Folium's random element ids (32 hex digits) made equal, to compare two renderings."""
    return re.sub(r"[0-9a-f]{32}", "ID", text)


# ---------------------------------------------------------------- the map in two parts


def test_the_base_map_is_the_same_for_every_view_and_the_view_parts_differ(wh):
    everything = map_component.render_map(maps.build_map(view(wh), "en"))
    energy = map_component.render_map(maps.build_map(view(wh, countries=("KAZ",), sectors=("energy",)), "en"))
    assert everything.script == energy.script and everything.hash_key == energy.hash_key  # the frame is kept
    assert everything.view != energy.view
    assert energy.view.count("L.polyline(") == 1 and energy.view.count("L.circleMarker(") == 2
    assert "L.polyline(" not in energy.script and "L.circleMarker(" not in energy.script
    assert "ca-route" not in energy.script
    # In a new language the base differs (its labels), so the frame is made anew.
    assert map_component.render_map(maps.build_map(view(wh), "ru")).hash_key != everything.hash_key


def test_the_layer_control_lists_the_layers_in_the_maps_order(wh):
    drawn = map_component.render_map(maps.build_map(view(wh), "en"))
    control = drawn.layer_control
    order = [control.index(name) for name in ("Countries by articles", "Reference infrastructure", "Corridors",
                                              "Projects")]
    assert order == sorted(order)
    assert "Country outlines" in control and control.count("L.control.layers(") == 1


def test_every_layer_of_a_view_is_listed_for_removal_before_the_next(wh):
    drawn = map_component.render_map(maps.build_map(view(wh), "en", selected="route:middle-corridor"))
    made = set(re.findall(r"^\s*var ((?:record_layer|country_layer|legend|project_clusters)_\w+) =", drawn.view, re.M))
    pushed = set(re.findall(r"window\.feature_group\.push\((\w+)\);", drawn.view))
    assert made and made == pushed
    assert drawn.view.startswith("window.feature_group = [];")
    assert drawn.view.count("fitBounds(") == 1 and "ca-halo" in drawn.view


def test_the_base_is_what_st_folium_sends_for_the_same_map(wh, monkeypatch):
    import streamlit_folium

    sent = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: sent.append(kwargs))
    v = view(wh)
    base = maps.build_map(v, "en")
    for name in [n for n, child in base._children.items()
                 if getattr(child, "view_part", False) or isinstance(child, maps.folium.LayerControl)]:
        del base._children[name]
    streamlit_folium.st_folium(base, height=600, use_container_width=True,
                               returned_objects=["last_object_clicked", "last_object_clicked_tooltip"])
    ours = map_component.render_map(maps.build_map(v, "en"))
    map_component.show_map(ours, height=600, use_container_width=True,
                           returned_objects=["last_object_clicked", "last_object_clicked_tooltip"])
    theirs, mine = sent
    for key in ("script", "header", "html", "height", "width", "returned_objects", "zoom", "center",
                "return_on_hover", "pixelated", "css_links", "js_links", "wrap_longitude"):
        assert _ids_out(str(mine[key])) == _ids_out(str(theirs[key])), key
    assert mine["key"] == theirs["key"] and mine["id"] == theirs["id"]
    assert mine["feature_group"] == ours.view and mine["layer_control"] == ours.layer_control
    assert mine["default"] == {"last_object_clicked": None, "last_object_clicked_tooltip": None}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_both_parts_of_the_map_escape_what_articles_say(wh, lang):
    drawn = map_component.render_map(maps.build_map(view(wh), lang, selected="project:hostile-plant"))
    for part in (drawn.script, drawn.view, drawn.layer_control):
        assert "<img" not in part and "</script" not in part.lower()
        assert "${alert" not in part and "`${" not in part
        assert "javascript:alert" not in part
    assert "Ulken &#96;&#36;&#123;alert(3)&#125;&#96; &lt;/script&gt;&lt;img" in drawn.view


def test_a_drawn_map_is_kept_packed_and_unpacks_to_the_same_text(wh):
    drawn = map_component.render_map(maps.build_map(view(wh), "en"))
    assert len(drawn.packed_view) < len(drawn.view.encode())
    assert drawn.size == sum(len(p.encode()) for p in (drawn.script, drawn.header, drawn.html, drawn.view,
                                                        drawn.layer_control))


def test_shared_styles_and_rounded_coordinates_draw_the_same_lines(wh):
    drawing = maps._Drawing()
    drawing.polyline([(43.123456789, 70.987654321), (44.0, 71.0)], color="#123456", weight=5, class_name="ca-route")
    drawing.polyline([(45.0, 72.0), (46.0, 73.0)], color="#123456", weight=5, class_name="ca-route")
    script = drawing.script()
    assert script.count("L.polyline(") == 2 and script.count("styles[0]") == 2
    styles = json.loads(script.split("var styles = ", 1)[1].split(";\n", 1)[0])
    assert styles == [maps.path_options(line=True, color="#123456", weight=5, class_name="ca-route")]
    assert "[43.12346,70.98765]" in script


# ---------------------------------------------------------------- queries


def _country_mask_the_old_way(wh, countries) -> np.ndarray:
    index = wh.article_index()
    mask = np.zeros(index.n, dtype=bool)
    for iso3 in countries:
        mask[index.codes_naming(iso3)] = True
    sources = " UNION ALL ".join(
        f"SELECT '{kind}:' || {db.KEYS[kind]} FROM {db.RECORD_TABLES[kind]} "
        "WHERE list_has_any(all_countries, ?::VARCHAR[])" for kind in db.RECORD_TABLES)
    mask[wh.numpy(f"SELECT code FROM record_sources WHERE via = 'record' AND record IN ({sources})",
                  [list(countries)] * 3)["code"]] = True
    return mask


@pytest.mark.parametrize("countries", [("KAZ",), ("CHN",), ("KAZ", "UZB"), ("ATA",)])
def test_the_country_filter_keeps_the_same_articles_and_records(wh, countries):
    v = view(wh, countries=countries)
    assert (v.kept == _country_mask_the_old_way(wh, countries)).all()
    for kind, table in db.RECORD_TABLES.items():
        old = wh.value(f"SELECT count(*) FROM {table} WHERE list_has_any(all_countries, ?::VARCHAR[])", [list(countries)])
        assert v.counts[table] == old


@pytest.mark.parametrize("filters", [{}, {"countries": ("KAZ",)}, {"sectors": ("energy",)}])
def test_a_pickers_first_rows_and_the_latest_deals_are_those_of_the_whole_frames(wh, filters):
    for kind, frame in (("route", "routes"), ("project", "projects"), ("deal", "deals")):
        head = view(wh, **filters).head(kind, 2)
        whole = getattr(view(wh, **filters), frame).head(2)
        assert list(head[db.KEYS[kind]]) == list(whole[db.KEYS[kind]])
    deals = view(wh, **filters).deals
    when = deals["date_start"].where(deals["date_start"].notna(), deals["reported"])
    expected = deals.assign(_when=when).sort_values("_when", ascending=False, na_position="last", kind="stable")
    assert list(view(wh, **filters).latest_deals(5)["deal_id"]) == list(expected["deal_id"].head(5))
    assert list(view(wh, **filters).newest_articles(3)["article_id"]) == \
        list(view(wh, **filters).articles["article_id"].head(3))


def test_records_come_without_the_catalogs_own_columns(wh):
    for kind in db.RECORD_TABLES:
        assert not set(db.DERIVED) & set(wh.records(kind).columns)


@pytest.mark.parametrize("q", ["Тенгиз", "ТЕНГИЗ", "тенгиза", "Ёлка", "елка", "Tokayev", "нефт*", '"Сила Сибири"'])
def test_the_search_prefilter_loses_no_match(wh, q):
    v = view(wh, q=q)
    query = v.query
    sql, params = db._search_condition("normal", query)
    every = wh.numpy(f"SELECT DISTINCT code FROM (SELECT code, {db._NORMAL_TEXT} AS normal FROM article_texts) "
                     f"WHERE {sql}", params)["code"]
    assert sorted(v._search_codes().tolist()) == sorted(np.asarray(every).tolist())


@pytest.mark.parametrize("text", [chr(i) for i in range(0, 256)] + ["Ёж", "İ", "plain words 123", "a&b", XSS,
                                                                     HOSTILE_NAME, "\u2028", "`${x}`"])
def test_escaping_without_anything_to_escape_returns_the_text_and_otherwise_escapes_as_before(text):
    slow = html_lib.escape(_CONTROL.sub(" ", text), quote=True).translate(_TEMPLATE_LITERAL)
    assert esc(text) == slow


# ---------------------------------------------------------------- the catalog cache


def _age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_catalogs_of_builds_that_are_gone_are_removed(tmp_path, monkeypatch):
    monkeypatch.setenv(db.CACHE_ENV, str(tmp_path / "cache"))
    kept_folder = write_synthetic_warehouse(tmp_path / "one")
    gone_folder = write_synthetic_warehouse(tmp_path / "two")
    kept = db.prepare(kept_folder.resolve(), "one")
    gone = db.prepare(gone_folder.resolve(), "two")
    assert json.loads(gone.with_suffix(".json").read_text())["warehouse"] == str(gone_folder.resolve())
    import shutil

    shutil.rmtree(gone_folder.resolve())  # the build folder the link pointed at
    assert db.prune_cache() == []  # made a moment ago: left alone, another process may be opening it
    _age(gone, 3600)
    _age(kept, 3600)
    removed = db.prune_cache()
    assert gone in removed and not gone.exists() and not gone.with_suffix(".json").exists()
    assert kept.exists()
    # A catalog that does not say whose it is goes once no one has opened it for a week.
    unknown = kept.with_name("catalog-00000000000000000000.duckdb")
    unknown.write_bytes(b"")
    _age(unknown, 3 * 86400)
    assert unknown not in db.prune_cache()
    _age(unknown, 8 * 86400)
    assert unknown in db.prune_cache()
    # An old format is of no use to this code.
    source = kept.with_suffix(".json")
    source.write_text(json.dumps({"warehouse": str(kept_folder.resolve()), "format": "0"}))
    _age(kept, 3600)
    assert kept in db.prune_cache()


def test_opening_a_store_marks_its_catalog_used(tmp_path, monkeypatch):
    monkeypatch.setenv(db.CACHE_ENV, str(tmp_path / "cache"))
    folder = write_synthetic_warehouse(tmp_path / "wh")
    info = data.warehouse_info(folder)
    path = db.prepare(info.resolved, info.version)
    _age(path, 30 * 86400)
    made = path.stat().st_mtime
    data.open_store(info)
    assert time.time() - path.stat().st_atime < 60 and path.stat().st_mtime == made  # used now, not remade


# ---------------------------------------------------------------- in Chromium


@pytest.mark.browser
def test_a_filter_change_redraws_the_records_in_the_same_frame(tmp_path_factory):
    from tests.test_browser_dashboard import (
        ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, OVERLAY_PATHS, Server, Session, _require_tools, wait_for_map,
    )

    _require_tools()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    warehouse = write_synthetic_warehouse(tmp_path_factory.mktemp("inplace") / "warehouse")
    store = data.open_store(data.warehouse_info(warehouse))
    everything, energy = view(store), view(store, countries=("KAZ",), sectors=("energy",))
    drawn = lambda v: (int(v.routes.geometry.notna().sum()), int(v.projects.geometry.notna().sum()))  # noqa: E731
    server = Server(warehouse, ARTIFACTS / "streamlit-inplace.log")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        session = Session(browser)
        try:
            page = session.page
            page.goto(f"{server.url}/?countries=KAZ&sectors=energy")
            wait_for_map(session, *drawn(energy))
            session.frame().evaluate("() => { window.__sameFrame = true; }")
            page.get_by_test_id("stSidebar").get_by_role("button", name="Clear filters").click()
            page.wait_for_function("() => !new URLSearchParams(location.search).get('countries')")
            wait_for_map(session, *drawn(everything))
            assert session.frame().evaluate("() => window.__sameFrame === true")  # no new frame, no reload
            map_frame = session.map_frame()
            assert map_frame.locator(".ca-legend").count() == 1
            assert map_frame.locator(".leaflet-control-layers").count() == 1
            assert map_frame.locator(f"{OVERLAY_PATHS}.ca-route").count() == drawn(everything)[0]
            page.screenshot(path=ARTIFACTS / "60-map-in-place.png", full_page=False)
            assert session.blocked == [] and session.dialogs == []
            assert page.locator(MAP_FRAME).count() == 1
        finally:
            session.close()
            browser.close()
            server.stop()

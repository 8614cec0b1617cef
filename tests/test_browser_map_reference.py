"""The map over the reference layer in headless Chromium: no band across the world where Russia's outline
crosses the 180th meridian, the reference infrastructure drawn under the records with its own layer in
the layer control, and a clicked corridor outlined and brought into view. Screenshots of the map at
Central Asia and at the Middle Corridor, in English and Russian, desktop and 390 px, go to tests/artifacts/.
"""

from __future__ import annotations

import re

import pytest

from tests.test_browser_dashboard import (  # noqa: F401  (fixtures)
    MAP_FRAME, Server, Session, _require_tools, artifacts, browser,
)

pytestmark = pytest.mark.browser

OUTLINES_READY = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    return !!doc && doc.querySelectorAll('.leaflet-ca-outlines-pane path').length > 100
        && doc.querySelectorAll('.leaflet-ca-reference-pane path').length > 40;
}"""

# Every country outline as Leaflet draws it: the widest west-east extent of one of its rings, in degrees
# (a ring that jumps from 180° to -180° is drawn as a band across the world, 360° wide).
OUTLINE_SPANS = """() => {
    const spans = [];
    const rings = ll => Array.isArray(ll[0]) ? ll.flatMap(rings) : [ll];
    window.map.eachLayer(l => {
        if (l.feature && l.feature.properties && 'iso3' in l.feature.properties && l.getLatLngs) {
            const widest = Math.max(...rings(l.getLatLngs()).map(r => {
                const xs = r.map(p => p.lng);
                return Math.max(...xs) - Math.min(...xs);
            }));
            spans.push([l.feature.properties.iso3 || l.feature.properties.name, widest]);
        }
    });
    return spans;
}"""

# A point on the Middle Corridor's first line (Dostyk towards Aktogay), in the map's pixels.
CORRIDOR_POINT = """() => {
    let found = null;
    window.map.eachLayer(l => {
        if (found || !(l instanceof L.Polyline) || !l.options.className || !l.options.className.includes('ca-route')) return;
        const tip = l.getTooltip && l.getTooltip() && l.getTooltip().getContent();
        if (!String(tip).includes('Middle Corridor')) return;
        let ll = l.getLatLngs();
        while (Array.isArray(ll[0])) ll = ll[0];
        const a = ll[0], b = ll[1];
        found = window.map.latLngToContainerPoint(L.latLng((a.lat + b.lat) / 2, (a.lng + b.lng) / 2));
    });
    return found && {x: found.x, y: found.y};
}"""

SELECTION = """() => {
    let selected = null;
    window.map.eachLayer(l => { if (l.options && l.options.className && l.options.className.includes('ca-selected')) selected = l; });
    if (!selected) return null;
    const view = window.map.getBounds(), b = selected.getBounds();
    return {inView: view.contains(b), halo: document.querySelectorAll('.leaflet-ca-highlight-pane path.ca-halo').length,
            weight: selected.options.weight, zoom: window.map.getZoom()};
}"""


def _wait_for_map(page) -> None:
    page.wait_for_selector(MAP_FRAME)
    page.wait_for_function(OUTLINES_READY, timeout=60_000)
    page.wait_for_timeout(700)


@pytest.fixture(scope="module")
def seed_server(seed_warehouse, artifacts):  # noqa: F811
    _require_tools()
    server = Server(seed_warehouse, artifacts / "streamlit-reference.log")
    yield server
    server.stop()


def test_no_antimeridian_band_and_a_clicked_corridor_is_highlighted_in_view(seed_server, browser, artifacts):  # noqa: F811
    session = Session(browser)
    try:
        page = session.page
        page.goto(f"{seed_server.url}/")
        _wait_for_map(page)
        frame = session.frame()
        spans = dict(frame.evaluate(OUTLINE_SPANS))
        assert "RUS" in spans and spans["RUS"] < 200, spans.get("RUS")  # with the band it spans 360°
        assert max(spans.values()) < 200
        # The reference layer is a layer of its own in the layer control, under the records' pane.
        frame_locator = session.map_frame()
        frame_locator.locator(".leaflet-control-layers").hover()
        assert frame_locator.get_by_text("Reference infrastructure").count() == 1
        z = frame.evaluate("() => [getComputedStyle(document.querySelector('.leaflet-ca-reference-pane')).zIndex,"
                           " getComputedStyle(document.querySelector('.leaflet-overlay-pane')).zIndex]")
        assert int(z[0]) < int(z[1])
        page.mouse.move(5, 5)

        # The whole map in the viewport first: a click on a map cut by the window's edge scrolls the page
        # between the press and the release, and lands elsewhere.
        page.locator(MAP_FRAME).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        point = frame.evaluate(CORRIDOR_POINT)
        assert point, "the Middle Corridor is not on the map"
        box = page.locator(MAP_FRAME).bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_url(re.compile(r"record=route(%3A|:)middle_corridor"))
        page.wait_for_function("""() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            return f && f.contentDocument && f.contentDocument.querySelector('path.ca-selected'); }""", timeout=60_000)
        _wait_for_map(page)
        selection = session.frame().evaluate(SELECTION)
        assert selection and selection["inView"] and selection["halo"] >= 1 and selection["weight"] > 5, selection
        assert session.blocked == [], session.blocked
    finally:
        session.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [1400, 390])
def test_screenshots_at_central_asia_and_at_a_corridor(seed_server, browser, artifacts, lang, width):  # noqa: F811
    session = Session(browser)
    try:
        session.context.close()
        session.context = browser.new_context(viewport={"width": width, "height": 1000 if width > 500 else 844})
        session.context.route("**/*", session._route)
        page = session.page = session.context.new_page()
        suffix = "" if lang == "en" else "&lang=ru"
        for name, query in (("central-asia", "?page=map"), ("corridor", "?page=map&record=route%3Amiddle_corridor")):
            page.goto(f"{seed_server.url}/{query}{suffix}")
            _wait_for_map(page)
            if name == "corridor":
                assert session.frame().evaluate(SELECTION)["inView"]
            page.locator(MAP_FRAME).screenshot(path=artifacts / f"map-{name}-{lang}-{width}.png")
            page.screenshot(path=artifacts / f"page-{name}-{lang}-{width}.png", full_page=False)
        assert session.blocked == [], session.blocked
    finally:
        session.context.close()

"""The dashboard in a real browser, with no internet: headless Chromium through Playwright.

`streamlit run` serves a test warehouse on a free port; every request that is not to this machine
is aborted and recorded, and the tests assert none was needed. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard import data, maps
from dashboard.state import Filters
from tests.dashboard_fixtures import A, HOSTILE_NAME, HOSTILE_TITLE, XSS, write_synthetic_warehouse

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
OVERLAY_PATHS = ".leaflet-overlay-pane path.leaflet-interactive"
TIMEOUT = 60_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, warehouse: Path, log: Path, script: str = "dashboard/app.py"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WAREHOUSE_DIR": str(warehouse), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start: {log.read_text()[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _require_tools() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make test installs it)")
    if not maps.assets_installed():
        pytest.fail("the map's offline assets are missing: run `make assets`")


@pytest.fixture(scope="module")
def synthetic_server(tmp_path_factory, artifacts):
    _require_tools()
    warehouse = write_synthetic_warehouse(tmp_path_factory.mktemp("browser") / "warehouse")
    server = Server(warehouse, artifacts / "streamlit-synthetic.log")
    server.warehouse = warehouse
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    _require_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Session:
    """One browser context: no internet (non-local requests aborted and recorded), dialogs recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000})
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT)
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        url = route.request.url
        if LOCAL.match(url) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def map_frame(self):
        self.page.wait_for_selector(MAP_FRAME)
        return self.page.frame_locator(MAP_FRAME)

    def frame(self):
        handle = self.page.wait_for_selector(MAP_FRAME)
        return handle.content_frame()

    def wait_idle(self) -> None:
        """Until Streamlit has finished the run the last action started."""
        self.page.wait_for_timeout(300)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser):
    s = Session(browser)
    yield s
    s.close()


def wait_for_map(session: Session, routes: int, projects: int) -> None:
    """Until one map is on the page with `routes + projects` shapes and the offline base layer drawn.

    Polled over every map iframe: after a change the new map's iframe can mount before the old one is
    removed, and a locator that expects one iframe would fail in between.
    """
    session.page.wait_for_function(
        """([frame, paths, n]) => {
            const frames = document.querySelectorAll(frame);
            const doc = frames.length === 1 && frames[0].contentDocument;
            // The offline base layer: Natural Earth outlines fetched from the app itself.
            return !!doc && doc.querySelectorAll(paths).length === n
                && doc.querySelectorAll('.leaflet-ca-outlines-pane path').length > 100;
        }""", arg=[MAP_FRAME, OVERLAY_PATHS, routes + projects], timeout=TIMEOUT)


def open_tooltips_and_popups(frame) -> dict:
    """Open every tooltip and popup on the map; their texts and any element an injection would add."""
    return frame.evaluate("""() => {
        const out = {tooltips: [], popups: [], injected: 0};
        const center = window.map.getCenter(), zoom = window.map.getZoom();
        const layers = [];
        window.map.eachLayer(l => layers.push(l));
        for (const l of layers) {
            if (l.getTooltip && l.getTooltip()) {
                l.openTooltip();
                const node = l.getTooltip().getElement();
                if (node) { out.tooltips.push(node.innerText); out.injected += node.querySelectorAll('img,script,iframe').length; }
                l.closeTooltip();
            }
            if (l.getPopup && l.getPopup()) {
                l.getPopup().options.autoPan = false;
                l.openPopup();
                const node = l.getPopup().getElement();
                if (node) { out.popups.push(node.innerText); out.injected += node.querySelectorAll('img,script,iframe').length; }
                l.closePopup();
            }
        }
        window.map.setView(center, zoom, {animate: false});
        return out;
    }""")


def test_offline_map_series_reader_and_reload(synthetic_server, session, artifacts):
    page = session.page
    wh = data.open_store(data.warehouse_info(synthetic_server.warehouse))
    view = data.apply_filters(wh, Filters(countries=("KAZ",), sectors=("energy",)))
    routes, projects = len(view.routes), int(view.projects.geometry.notna().sum())
    assert (routes, projects) == (1, 2)

    # The map: corridor lines and project markers inside the component's iframe, from local assets only.
    page.goto(f"{synthetic_server.url}/?countries=KAZ&sectors=energy")
    wait_for_map(session, routes, projects)
    frame = session.map_frame()
    assert frame.locator(f'{OVERLAY_PATHS}[stroke="{maps.STATUS_COLOURS["operating"]}"]').count() == 1
    assert frame.locator(f'{OVERLAY_PATHS}[fill="{maps.SECTOR_COLOURS["energy"]}"]').count() == 2
    assert frame.locator(".ca-legend").inner_text().count("operating") == 1
    assert frame.locator(".leaflet-control-layers").count() == 1
    page.wait_for_timeout(500)
    page.screenshot(path=artifacts / "01-map.png", full_page=True)

    # Tooltips and popups show the hostile strings as text; nothing is injected.
    shown = open_tooltips_and_popups(session.frame())
    assert shown["injected"] == 0
    assert any(HOSTILE_NAME in text for text in shown["tooltips"])
    assert any(HOSTILE_NAME in text for text in shown["popups"])
    assert any(HOSTILE_TITLE[:40] in text for text in shown["popups"])  # the article behind it, as text
    assert any("Kazakhstan / Казахстан" in text for text in shown["tooltips"])  # country coverage

    # Clicking a corridor shows its record and evidence beside the map, and the URL names it.
    point = session.frame().evaluate("""() => {
        let found = null;
        // A record's line (the reference layer's lines lie under it and are not records).
        window.map.eachLayer(l => { if (l instanceof L.Polyline && !(l instanceof L.Polygon) && l.getLatLngs
                                        && (l.options.className || '').includes('ca-route')) {
            const ll = l.getLatLngs(); const a = ll[1], b = ll[2];
            found = window.map.latLngToContainerPoint(L.latLng((a.lat + b.lat) / 2, (a.lng + b.lng) / 2)); } });
        return found && {x: found.x, y: found.y};
    }""")
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url(re.compile(r"record=route(%3A|:)cac-pipeline"))
    page.get_by_text("Central Asia – Center gas pipeline").first.wait_for()
    page.get_by_text("Open the record's page").first.wait_for()
    session.wait_idle()
    page.screenshot(path=artifacts / "02-map-record.png", full_page=True)

    # Time series: the charts have traces; the filters travel with the page.
    page.get_by_test_id("stSidebar").get_by_text("Time series", exact=True).click()
    page.wait_for_url(re.compile(r"page=timeseries"))
    page.locator(".js-plotly-plot .trace").first.wait_for()
    assert page.locator(".js-plotly-plot .trace").count() >= 3
    assert "countries=KAZ" in page.url and "sectors=energy" in page.url
    session.wait_idle()
    page.screenshot(path=artifacts / "03-timeseries.png", full_page=True)

    # Tables.
    page.get_by_test_id("stSidebar").get_by_text("Tables", exact=True).click()
    page.wait_for_url(re.compile(r"page=tables"))
    page.get_by_test_id("stDataFrame").first.wait_for()
    session.wait_idle()
    page.screenshot(path=artifacts / "04-tables.png", full_page=True)

    # Articles: a link opens the reader on that article, which shows the payload as text.
    page.get_by_test_id("stSidebar").get_by_text("Articles", exact=True).click()
    page.wait_for_url(re.compile(r"page=articles"))
    page.get_by_test_id("stPageLink").filter(has_text="Tokayev").first.wait_for()
    session.wait_idle()
    page.screenshot(path=artifacts / "05-articles.png", full_page=True)
    page.get_by_test_id("stPageLink").filter(has_text="Tokayev").first.click()
    page.wait_for_url(re.compile(f"article={A['hostile']}"))
    heading = page.locator("h2", has_text="Tokayev")
    heading.wait_for()
    assert XSS in heading.inner_text() and "</script>" in heading.inner_text()
    page.get_by_text("Records drawn from this article").wait_for()
    session.wait_idle()
    assert page.locator('img[src="x"]').count() == 0
    page.screenshot(path=artifacts / "06-reader.png", full_page=True)

    # Reloading the URL gives the same view.
    reader_url = page.url
    page.reload()
    page.locator("h2", has_text="Tokayev").wait_for()
    session.wait_idle()
    assert page.url == reader_url
    assert page.get_by_test_id("stSidebar").get_by_role("radio", name="Articles").is_checked()
    page.screenshot(path=artifacts / "07-reader-reloaded.png", full_page=True)

    assert session.dialogs == [], session.dialogs
    assert session.blocked == [], f"requests that left the machine: {session.blocked}"


def test_a_shared_url_reproduces_the_view_in_a_new_browser(synthetic_server, browser, artifacts):
    url = f"{synthetic_server.url}/?page=map&countries=KAZ&record=project%3Ahostile-plant&lang=ru"
    views = []
    for attempt in range(2):
        session = Session(browser)
        try:
            session.page.goto(url)
            wait_for_map(session, routes=2, projects=3)
            session.page.get_by_text("Открыть страницу записи").first.wait_for()
            session.wait_idle()
            views.append({
                "url": session.page.url,
                "header": session.page.get_by_role("heading", name="Карта").count(),
                "record": session.page.get_by_text(HOSTILE_NAME).count() > 0,
                "paths": session.map_frame().locator(OVERLAY_PATHS).count(),
            })
            session.page.screenshot(path=artifacts / f"08-shared-url-{attempt}.png", full_page=True)
            assert session.dialogs == [] and session.blocked == []
        finally:
            session.close()
    assert views[0] == views[1]
    assert views[0]["record"] and views[0]["paths"] == 5 and "record=project" in views[0]["url"]


def test_time_to_first_render_and_filter_change_on_the_seed_warehouse(seed_warehouse, browser, artifacts):
    """Measured on the seed build: printed, written to tests/artifacts/timings.json, loosely bounded."""
    _require_tools()
    wh = data.open_store(data.warehouse_info(seed_warehouse))
    everything = data.apply_filters(wh, Filters())
    energy = data.apply_filters(wh, Filters(sectors=("energy",)))

    def drawn(v):
        return (sum(g is not None and not g.is_empty for g in v.routes.geometry) if len(v.routes) else 0,
                sum(g is not None and not g.is_empty for g in v.projects.geometry) if len(v.projects) else 0)

    if sum(drawn(everything)) == 0 or drawn(everything) == drawn(energy):
        pytest.skip("the seed warehouse has no records to draw yet")
    server = Server(seed_warehouse, artifacts / "streamlit-seed.log")
    session = Session(browser)
    try:
        page = session.page
        started = time.perf_counter()
        page.goto(server.url + "/")
        wait_for_map(session, *drawn(everything))
        first_render = time.perf_counter() - started
        session.wait_idle()
        page.screenshot(path=artifacts / "09-seed-map.png", full_page=True)

        started = time.perf_counter()
        page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").nth(1).click()
        page.get_by_role("option", name="energy", exact=True).click()
        page.keyboard.press("Escape")
        wait_for_map(session, *drawn(energy))
        filter_change = time.perf_counter() - started
        session.wait_idle()
        page.screenshot(path=artifacts / "10-seed-map-energy.png", full_page=True)
        assert "sectors=energy" in page.url
        assert session.blocked == [] and session.dialogs == []
        session.close()
        # Again in a new browser, the server warm (caches filled): what the next analyst waits.
        session = Session(browser)
        started = time.perf_counter()
        session.page.goto(server.url + "/")
        wait_for_map(session, *drawn(everything))
        warm_render = time.perf_counter() - started
    finally:
        session.close()
        server.stop()
    timings = {"first_render_s": round(first_render, 2), "warm_first_render_s": round(warm_render, 2),
               "filter_change_s": round(filter_change, 2),
               "drawn_all": drawn(everything), "drawn_energy": drawn(energy), "articles": wh.totals["articles"]}
    (artifacts / "timings.json").write_text(json.dumps(timings, indent=1))
    print(f"\nseed warehouse: first render {first_render:.2f} s (cold server), {warm_render:.2f} s (warm), "
          f"filter change {filter_change:.2f} s")
    assert first_render < 45 and filter_change < 20, timings

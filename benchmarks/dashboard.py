"""Dashboard figures, each beside a baseline measured in the same run.

    python benchmarks/dashboard.py --warehouse DIR [--no-browser] [--runs N]

Rows (measure, value, baseline, ratio, target):
- server time of a filter change on the map page (AppTest: the app run once, then `at.run()` timed
  after a sidebar filter changes; each change is to a filter state not seen before, so the filtered
  view is never a cache hit; median of `runs`) vs rerunning an empty Streamlit script as often;
- the map's payload: the bytes the map page hands the st_folium component (script, header and HTML
  of the folium map) for the whole, unfiltered warehouse vs the target of 2 MB;
- time to first render in headless Chromium: `streamlit run` on a free port, open the map page and
  wait until the leaflet map in the component's iframe has drawn its corridors, projects and
  country outlines vs the first render of a trivial Streamlit page in the same browser. Measured
  on a cold server (the first visit loads the warehouse) and again in a new browser context once
  the server is warm.

Called by benchmarks/run.py (`measure(warehouse, browser)`); timings are noisy on a shared machine,
so read the ratios to the baselines, not the absolute figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a script, its own folder comes first and this file would be `dashboard`
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))

APP = ROOT / "dashboard" / "app.py"
EMPTY_SCRIPT = "import streamlit as st\n\nst.write('ready')\n"
TRIVIAL_PAGE = "import streamlit as st\n\nst.title('Trivial page')\nst.write('trivial-page-ready')\n"
PAYLOAD_TARGET = 2 * 1024 * 1024
FILTER_TARGET_MS = 300
RENDER_TARGET_S = 5.0
TIMEOUT_S = 600

Row = tuple[str, str, str, str, str]


@contextmanager
def _env(**values: str):
    old = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _timed_run(at) -> float:
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"the app raised: {[e.value for e in at.exception]}")
    return seconds


def _components(at) -> list:
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "component_instance":
                found.append(child)
            walk(child)

    walk(at._tree)
    return found


def filter_states(countries: list[str], runs: int) -> list[dict]:
    """`runs` sidebar states, each one widget away from the one before and none seen before.

    Alternates a single country (the most mentioned first) with a start date moving forward, so
    views of very different sizes are measured.
    """
    states, current = [], {"countries": [], "from": None}
    start = dt.date(2024, 1, 1)
    for i in range(runs):
        country = countries[(i // 2) % len(countries)] if countries else None
        if i % 2 == 0 and country and current["countries"] != [country]:
            current = {**current, "countries": [country]}
        else:
            current = {**current, "from": start + dt.timedelta(days=29 * (i + 1))}
        states.append(dict(current))
    return states


def server_rows(warehouse: Path, runs: int = 7) -> list[Row]:
    """Filter change and first run through AppTest, and the map's payload, with their baselines."""
    from streamlit.testing.v1 import AppTest

    from dashboard import data

    with _env(WAREHOUSE_DIR=str(warehouse)):
        store = data.open_store(data.warehouse_info(warehouse))  # prepares the catalog, as `serve.sh` does
        counts = store.df("SELECT iso3, sum(n) AS n FROM country_mentions GROUP BY iso3 ORDER BY n DESC, iso3")
        countries = list(counts["iso3"])[: max(1, runs)]

        empty = AppTest.from_string(EMPTY_SCRIPT, default_timeout=TIMEOUT_S)
        empty_first = _timed_run(empty)
        empty_reruns = [_timed_run(empty) for _ in range(runs)]

        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
        at.query_params["page"] = "map"
        first = _timed_run(at)
        payload = sum(len(c.proto.json_args.encode()) for c in _components(at))
        n_components = len(_components(at))

        changes = []
        for state in filter_states(countries, runs):
            at.sidebar.multiselect(key="w_countries").set_value(state["countries"])
            at.sidebar.date_input(key="w_from").set_value(state["from"])
            changes.append(_timed_run(at))

    median_ms, base_ms = 1000 * statistics.median(changes), 1000 * statistics.median(empty_reruns)
    rows: list[Row] = [
        (f"filter change, map page, server (median of {runs}, ms)", f"{median_ms:,.0f}",
         f"empty script rerun {base_ms:,.1f}", f"{median_ms / max(base_ms, 1e-9):,.0f}× empty script",
         f"≤ {FILTER_TARGET_MS} ms"),
        ("first run of the map page, server, cold caches (s)", f"{first:.2f}",
         f"empty script first run {empty_first:.2f}", f"{first / max(empty_first, 1e-9):,.0f}× empty script", ""),
        ("map payload, unfiltered (MB)" + ("" if n_components == 1 else f", {n_components} components"),
         f"{payload / 2**20:.2f}", f"target {PAYLOAD_TARGET / 2**20:.0f} MB",
         f"{payload / PAYLOAD_TARGET:.2f}× target", "≤ 2 MB"),
    ]
    return rows


def _drawn(warehouse: Path) -> tuple[int, int, bool]:
    """Corridors and placed projects on the unfiltered map, and whether the projects are clustered."""
    from shapely.geometry import LineString, MultiLineString, Point

    from dashboard import data, maps
    from dashboard.state import Filters

    view = data.apply_filters(data.open_store(data.warehouse_info(warehouse)), Filters())
    routes = len(maps._drawable(view.routes, (LineString, MultiLineString)))
    projects = len(maps._drawable(view.projects, (Point,)))
    return routes, projects, projects > maps.MARKER_LIMIT


MAP_DRAWN = """([frameSelector, paths, clustered]) => {
    const frames = document.querySelectorAll(frameSelector);
    const f = frames.length === 1 && frames[0];
    const doc = f && f.contentDocument;
    if (!doc || !f.contentWindow.map) return false;
    const drawn = doc.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length;
    const markers = doc.querySelectorAll('.leaflet-marker-pane .marker-cluster').length;
    const outlines = doc.querySelectorAll('.leaflet-ca-outlines-pane path').length;
    return drawn >= paths && (!clustered || markers > 0) && outlines > 100;
}"""


def browser_rows(warehouse: Path) -> list[Row]:
    """First render of the map page in headless Chromium vs a trivial page, same browser."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser_dashboard import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, Server, Session

    if not Path(CHROMIUM).exists():
        return [("first render, map page (s)", "skipped", f"no Chromium at {CHROMIUM}", "", "")]
    routes, projects, clustered = _drawn(warehouse)
    paths = routes + (0 if clustered else projects)
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as tmp, sync_playwright() as playwright:
        tmp_path = Path(tmp)
        trivial = tmp_path / "trivial.py"
        trivial.write_text(TRIVIAL_PAGE, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            def visit(url: str, wait) -> float:
                session = Session(browser)
                session.page.set_default_timeout(TIMEOUT_S * 1000)
                try:
                    started = time.perf_counter()
                    session.page.goto(url)
                    wait(session.page)
                    seconds = time.perf_counter() - started
                    if session.blocked:
                        raise RuntimeError(f"requests that left the machine: {session.blocked}")
                    return seconds
                finally:
                    session.close()

            def trivial_drawn(page) -> None:
                page.get_by_text("trivial-page-ready").wait_for()

            def map_drawn(page) -> None:
                page.wait_for_function(MAP_DRAWN, arg=[MAP_FRAME, paths, clustered], timeout=TIMEOUT_S * 1000,
                                       polling=50)

            server = Server(warehouse, tmp_path / "trivial.log", script=str(trivial))
            try:
                trivial_cold = visit(server.url + "/", trivial_drawn)
                trivial_warm = visit(server.url + "/", trivial_drawn)
            finally:
                server.stop()
            server = Server(warehouse, tmp_path / "app.log")
            try:
                cold = visit(server.url + "/", map_drawn)
                warm = visit(server.url + "/", map_drawn)
            finally:
                server.stop()
        finally:
            browser.close()
    drawn = f"{routes} corridors, {projects} projects" + (" (clustered)" if clustered else "")
    return [
        (f"first render, map page, cold server (s; {drawn})", f"{cold:.2f}", f"trivial page {trivial_cold:.2f}",
         f"{cold / max(trivial_cold, 1e-9):.1f}× trivial page", f"≤ {RENDER_TARGET_S:.0f} s"),
        ("first render, map page, warm server (s)", f"{warm:.2f}", f"trivial page {trivial_warm:.2f}",
         f"{warm / max(trivial_warm, 1e-9):.1f}× trivial page", f"≤ {RENDER_TARGET_S:.0f} s"),
    ]


def measure(warehouse: Path, browser: bool = True, runs: int = 7) -> list[Row]:
    """Every dashboard row for `warehouse` (a built warehouse folder)."""
    warehouse = Path(warehouse)
    rows = server_rows(warehouse, runs)
    if browser:
        rows += browser_rows(warehouse)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from streamlit import logger as streamlit_logger

    streamlit_logger.set_log_level("error")  # "no runtime" notes from caches used outside the app
    rows = measure(args.warehouse, browser=not args.no_browser, runs=args.runs)
    header = ("measure", "value", "baseline", "ratio", "target")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    for r in [header, *rows]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(r, widths)), flush=True)


if __name__ == "__main__":
    main()

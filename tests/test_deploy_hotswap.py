"""Adding articles to a running instance: the warehouse is swapped under `streamlit run` and the page follows.

The documented way is `python -m etl build` into the served warehouse folder: the ETL writes a new
build beside the old one and replaces the folder's symlink in one `os.replace`. These tests swap
the warehouse under a server started by scripts/serve.sh and check that an open page and a new
visitor see the new data without a restart, that a link made for the old data says so, and that a
reader never sees half of a build.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import urllib.request

import pytest
from shapely.geometry import LineString

from dashboard import data
from etl.build import to_table
from etl.warehouse import read_manifest, write_warehouse
from tests.dashboard_fixtures import DATA_VERSION, A, routes_rows, tables, write_synthetic_warehouse
from tests.test_browser_dashboard import Session, _require_tools, artifacts, browser  # noqa: F401 (fixtures)
from tests.test_deploy_proxy import serve

NEW_VERSION = "testv2"
NEW_ROUTE = "Trans-Caspian cable"


def write_second_version(out, version: str = NEW_VERSION) -> None:
    """The synthetic warehouse plus one corridor, as a rebuild with a new article would give."""
    built = tables()
    built["routes"] = to_table("routes", routes_rows() + [{
        "route_id": "trans-caspian-cable", "name_en": NEW_ROUTE, "name_ru": "Транскаспийский кабель",
        "mode": "power-line", "status": "planned", "countries": ["KAZ", "AZE"], "sector": "energy", "n_articles": 1,
        "first_seen": dt.date(2025, 7, 1), "last_seen": dt.date(2025, 7, 1),
        "geometry": LineString([(51.2, 43.65), (49.87, 40.41)]), "status_conflict": False,
        "article_ids": [A["middle"]]}])
    write_warehouse(built, out, {"data_version": version, "built_at": "2025-08-01T00:00:00Z", "inputs": ["synthetic"],
                                 "rows": {name: len(table) for name, table in built.items()}})


@pytest.mark.browser
def test_a_warehouse_swapped_under_a_running_server_is_shown_without_a_restart(tmp_path, browser, artifacts):
    _require_tools()
    warehouse = write_synthetic_warehouse(tmp_path / "warehouse")
    server = serve(warehouse, artifacts / "streamlit-hotswap.log")
    pid = server.process.pid
    open_page, newcomer = Session(browser), Session(browser)
    try:
        page = open_page.page
        page.goto(f"{server.url}/tables?page=tables")
        page.get_by_role("tab", name="Corridors (3)").wait_for()
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text(f"Data version {DATA_VERSION}").wait_for()
        open_page.wait_idle()
        old_link = page.url
        assert f"v={DATA_VERSION}" in old_link
        page.screenshot(path=artifacts / "30-before-swap.png", full_page=True)

        write_second_version(warehouse)  # what `python -m etl build --out` does to a served warehouse

        # The open page: its next run (any interaction) reads the new build, and says the data changed.
        page.get_by_role("tab", name="Projects (4)").click()
        sidebar.get_by_role("button", name="Clear filters").click()
        page.get_by_role("tab", name="Corridors (4)").wait_for()
        sidebar.get_by_text(f"Data version {NEW_VERSION}").wait_for()
        page.get_by_text(f"version {DATA_VERSION} → {NEW_VERSION}").wait_for()
        page.wait_for_url(re.compile(f"v={NEW_VERSION}"))
        open_page.wait_idle()
        page.screenshot(path=artifacts / "31-open-page-after-swap.png", full_page=True)

        # A new visitor with the link made before the swap: the new data, and a notice that the link is older.
        newcomer.page.goto(old_link)
        newcomer.page.get_by_role("tab", name="Corridors (4)").wait_for()
        newcomer.page.get_by_text(f"This link was made with data version {DATA_VERSION}; "
                                  f"the warehouse is now at {NEW_VERSION}").wait_for()
        # The grid draws on a canvas; its cells are in the DOM for accessibility.
        newcomer.page.get_by_text(NEW_ROUTE).first.wait_for(state="attached")
        newcomer.wait_idle()
        newcomer.page.wait_for_timeout(500)
        newcomer.page.screenshot(path=artifacts / "32-old-link-after-swap.png", full_page=True)
        assert newcomer.blocked == [] and open_page.blocked == []
    finally:
        open_page.close()
        newcomer.close()
        alive = server.process.poll() is None
        server.stop()
    assert alive and server.process.pid == pid, "the server was restarted"


def test_readers_never_see_half_of_a_build_while_the_warehouse_is_swapped(tmp_path):
    """Builds replace the warehouse while a reader keeps reading: every read is one whole version."""
    warehouse = write_synthetic_warehouse(tmp_path / "warehouse")
    done = threading.Event()
    failures: list[BaseException] = []
    reads: list[str] = []  # the version of each whole read, in order

    def swap() -> None:
        try:
            for round_ in range(6):
                if round_ % 2:
                    write_synthetic_warehouse(warehouse)
                else:
                    write_second_version(warehouse)
                # The reader reads on while the next build starts: at least one read of this
                # version first (a slow machine must not swap faster than a read takes).
                before = len(reads)
                deadline = time.monotonic() + 60
                while len(reads) < before + 2 and time.monotonic() < deadline:
                    done.wait(0.05)
        except BaseException as error:  # noqa: BLE001 (reported below)
            failures.append(error)
        finally:
            done.set()

    writer = threading.Thread(target=swap)
    writer.start()
    seen = set()
    while not done.is_set():
        info = data.warehouse_info(warehouse)
        store = data.open_store(info)
        expected = {DATA_VERSION: 3, NEW_VERSION: 4}[info.version]
        assert store.totals["routes"] == expected, (info.version, store.totals["routes"])
        seen.add(info.version)
        reads.append(info.version)
    writer.join()
    assert not failures, failures
    assert seen == {DATA_VERSION, NEW_VERSION}


def test_serve_sh_builds_the_seeds_and_the_inbox_and_skips_a_fresh_build(tmp_path, artifacts):
    """The start-up script of `make run` and the image: a missing warehouse is built, a fresh one kept."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text("Казахстан и Китай обсудили строительство железной дороги.", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "two.txt").write_text("Узбекистан и Россия подписали соглашение о поставках газа.", encoding="utf-8")
    warehouse = tmp_path / "warehouse"
    env = {"SKIP_BUILD": "0", "SEEDS_DIR": str(seeds), "INBOX_DIR": str(inbox)}
    server = serve(warehouse, artifacts / "streamlit-serve-sh.log", **env)
    try:
        manifest = read_manifest(warehouse)
        assert manifest["inputs"] == ["seeds/one.txt", "inbox/two.txt"]
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as response:
            assert response.read() == b"ok"
    finally:
        server.stop()
    built = warehouse.resolve()
    server = serve(warehouse, artifacts / "streamlit-serve-sh.log", **env)
    server.stop()
    assert warehouse.resolve() == built, "an up-to-date warehouse was rebuilt"
    assert "up to date" in (artifacts / "streamlit-serve-sh.log").read_text()

"""The dashboard read as an analyst reads it, in headless Chromium with no internet: record pages, what
the filters hide, exports read back, whole-word search, the whole interface in Russian, a phone.

Screenshots go to tests/artifacts/ (40-…); the server's log is checked for untranslated strings.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pandas as pd
import pytest

from dashboard.i18n import FIELD_LABELS, STRINGS, VOCABULARIES, VOCABULARY_EN
from dashboard.state import PAGES
from tests.dashboard_fixtures import A, ARTICLE_TEXTS, HOSTILE_NAME, XSS, projects_rows, routes_rows, write_synthetic_warehouse
from tests.test_browser_dashboard import (  # noqa: F401  (fixtures)
    ARTIFACTS, CHROMIUM_ARGS, MAP_FRAME, Server, Session, _require_tools, artifacts, browser, wait_for_map,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, artifacts):
    _require_tools()
    warehouse = write_synthetic_warehouse(tmp_path_factory.mktemp("analyst") / "warehouse")
    running = Server(warehouse, artifacts / "streamlit-analyst.log")
    running.warehouse = warehouse
    yield running
    running.stop()


class Phone(Session):
    """A browser context the size of a phone (390 × 844, touch)."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        self.blocked, self.dialogs = [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.page.on("dialog", self._dialog)


@pytest.fixture
def session(browser):
    s = Session(browser)
    yield s
    assert s.dialogs == [], s.dialogs  # nothing an article holds ever runs
    assert s.blocked == [], f"requests that left the machine: {s.blocked}"
    s.close()


def nb(text: str) -> str:
    """Text with the non-breaking spaces the figures are written with as plain spaces."""
    return text.replace("\u00a0", " ")


def injected(page) -> int:
    """Elements a payload would have added: images, and scripts other than the page's own."""
    return page.evaluate("""() => document.querySelectorAll('img[src="x"], [onerror]').length
        + [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(')).length""")


def shoot(session, path: str) -> None:
    """A screenshot of the whole page (Streamlit scrolls inside its main block: grow the viewport to fit)."""
    page = session.page
    size = page.viewport_size
    height = page.evaluate("() => Math.max(document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0,"
                           " document.body.scrollHeight)")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    page.wait_for_timeout(400)
    page.screenshot(path=ARTIFACTS / path)
    page.set_viewport_size(size)


# ---------------------------------------------------------------- 1. a page per record


def test_a_record_page_shows_figures_with_their_sentences_conflicts_and_timeline(server, session):
    page = session.page
    page.goto(f"{server.url}/record?page=record&record=project%3Abalkhash-npp")
    page.locator(".ca-rec-title", has_text="Balkhash nuclear power plant").wait_for()
    for part in (".ca-fig", ".ca-timeline li", ".ca-src"):
        page.locator(part).first.wait_for()
    session.wait_idle()
    figures = page.locator(".ca-fig")
    values = dict(zip(figures.locator(".ca-fig-label").all_inner_texts(),
                      map(nb, figures.locator(".ca-fig-value").all_inner_texts())))
    labels = {k.split("\n")[0].strip().lower(): v for k, v in values.items()}
    assert labels["capacity"] == "2,400 MW" and labels["cost"] == "$12 bn" and labels["target year"] == "2035"
    # The value is marked inside its sentence; the sentence names outlet, date and the article.
    capacity = page.locator(".ca-fig[data-field='capacity']")
    assert capacity.locator("mark.ca-val").inner_text() == "2400 МВт"
    assert "Первый жүз" in capacity.locator(".ca-src").inner_text() and "17 June 2025" in capacity.inner_text()
    assert capacity.locator("a", has_text="original").get_attribute("href") == "https://t.me/example/2"
    assert f"article={A['npp']}" in capacity.locator("a", has_text="read").get_attribute("href")
    # Two articles disagree on the status: both side by side, the later one shown, and why.
    status = page.locator(".ca-fig[data-field='status']")
    rows = status.locator(".ca-conflicts tr")
    assert rows.count() == 3  # header and two values
    assert "agreed" in rows.nth(1).inner_text() and "shown" in rows.nth(1).inner_text()
    assert "announced" in rows.nth(2).inner_text() and "shown" not in rows.nth(2).inner_text()
    assert "latest article (17 June 2025)" in status.locator(".ca-why").first.inner_text()
    # The status over time, oldest first.
    steps = page.locator(".ca-timeline li").all_inner_texts()
    assert steps[0].startswith("1 May 2025") and "announced" in steps[0] and steps[1].startswith("17 June 2025")
    # Every distinct sentence once.
    page.get_by_text(re.compile(r"Show the \d+ sentences")).first.click()
    page.locator(".ca-sentence .ca-quote").first.wait_for()
    quotes = page.locator(".ca-sentence .ca-quote").all_inner_texts()
    assert len(quotes) == len(set(quotes)) == 3
    # Related: the project's deal.
    assert page.get_by_test_id("stPageLink").filter(has_text="intergovernmental agreement").count() == 1
    assert injected(page) == 0
    shoot(session, "40-record-en.png")

    page.goto(f"{server.url}/record?page=record&record=project%3Abalkhash-npp&lang=ru")
    page.locator(".ca-rec-title", has_text="Балхашская АЭС").wait_for()
    session.wait_idle()
    capacity = page.locator(".ca-fig[data-field='capacity']")
    assert nb(capacity.locator(".ca-fig-value").inner_text()) == "2 400 МВт"
    assert nb(page.locator(".ca-fig[data-field='cost'] .ca-fig-value").inner_text()) == "12 млрд долл."
    assert "согласован" in page.locator(".ca-fig[data-field='status']").inner_text()
    assert "17 июня 2025" in capacity.inner_text()
    shoot(session, "41-record-ru.png")


@pytest.mark.parametrize("record, text", [("project:hostile-plant", HOSTILE_NAME), ("deal:d-hostile", XSS),
                                          ("route:middle-corridor", "Middle Corridor")])
def test_record_pages_show_hostile_strings_as_text(server, session, record, text):
    page = session.page
    page.goto(f"{server.url}/record?page=record&record={record.replace(':', '%3A')}")
    page.locator(".ca-rec-title").wait_for()
    session.wait_idle()
    body = page.locator("[data-testid='stMain']").inner_text()
    assert text in body
    if record != "route:middle-corridor":
        assert "</script>" in body  # shown, not parsed
    assert injected(page) == 0


def test_the_panel_beside_the_map_is_compact_and_leads_to_the_page(server, session):
    page = session.page
    page.goto(f"{server.url}/?record=project%3Abalkhash-npp")
    wait_for_map(session, routes=3, projects=3)
    card = page.locator(".ca-card")
    card.wait_for()
    assert "2,400 MW" in nb(card.inner_text()) and "$12 bn" in nb(card.inner_text())
    assert card.locator(".ca-claim").count() == 0  # the sentences are on the page, not in the panel
    page.get_by_test_id("stPageLink").filter(has_text="Open the record's page").click()
    page.wait_for_url(re.compile(r"page=record&.*record=project%3Abalkhash-npp|record=project%3Abalkhash-npp.*page=record"))
    page.locator(".ca-rec-title", has_text="Balkhash").wait_for()


# ---------------------------------------------------------------- 2. gaps made visible


def test_every_page_counts_what_a_date_range_hides_and_the_switch_keeps_it(server, session):
    page = session.page
    page.goto(f"{server.url}/tables?page=tables&from=2025-01-01")
    page.get_by_text(re.compile(r"Hidden by the date range for lack of a date: .*1 deal, 1 article")).first.wait_for()
    session.wait_idle()
    assert page.get_by_role("tab", name=re.compile(r"Deals \(3\)")).count() == 1
    shoot(session, "42-gaps-hidden.png")
    page.get_by_test_id("stSidebar").get_by_text("Keep undated records").click()
    page.wait_for_url(re.compile(r"undated=1"))
    page.get_by_role("tab", name=re.compile(r"Deals \(4\)")).wait_for()
    session.wait_idle()
    assert page.get_by_text(re.compile("Hidden by the date range")).count() == 0
    shoot(session, "43-gaps-included.png")
    # The other pages say it too.
    for path in ("/?from=2025-01-01", "/articles?page=articles&from=2025-01-01", "/timeseries?page=timeseries&from=2025-01-01"):
        page.goto(server.url + path)
        page.get_by_text(re.compile("Hidden by the date range for lack of a date")).first.wait_for()


def test_an_approximate_date_is_marked_and_says_where_it_comes_from(server, session):
    page = session.page
    page.goto(f"{server.url}/articles?page=articles&article={A['ps2']}")
    page.get_by_text("≈ 1 November 2024").first.wait_for()
    assert "approximate: a part of a month in the text («В начале ноября»)" in page.locator("[data-testid='stMain']").inner_text()


# ---------------------------------------------------------------- 3. traceable exports


def open_tab(session, name: str) -> None:
    """Click a tab until it is the selected one (a click while the page is still drawing can be lost)."""
    tab = session.page.get_by_role("tab", name=re.compile(name))
    for _ in range(5):
        session.wait_idle()
        tab.first.click()
        try:
            session.page.wait_for_function("(el) => el.getAttribute('aria-selected') === 'true'", arg=tab.first.element_handle(),
                                           timeout=5_000)
            return
        except Exception:  # noqa: BLE001  (not selected yet: click again)
            continue
    raise AssertionError(f"the tab {name} could not be opened")


def download(session, scope, label: str):
    """Click a download button and wait for the file. The file is made on the rerun the click starts; a
    click that lands while the page is still redrawing from the previous one is tried again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):
        session.wait_idle()
        try:
            with session.page.expect_download(timeout=20_000) as info:
                scope.get_by_test_id("stDownloadButton").filter(has_text=label).first.click()
            found = info.value
            session.wait_idle()
            return found
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def fetch(browser, url: str, tab: str | None, label: str):
    """One download in a browser context of its own. The ZIP (and a large view's files) is made on the
    click's rerun, and Streamlit drops a click that holds the id of a previous run: try a new page."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(2):
        session = Session(browser)
        try:
            session.page.goto(url)
            scope = session.page
            if tab:
                open_tab(session, tab)
                scope = session.page.get_by_role("tabpanel", name=re.compile(tab))
            found = download(session, scope, label)
            data = open(found.path(), "rb").read()
            assert session.dialogs == [] and session.blocked == []
            return found.suggested_filename, data
        except PlaywrightTimeout:
            if attempt == 1:
                raise
        finally:
            session.close()


def test_exports_read_back_carry_sources_units_and_what_was_left_out(server, browser, tmp_path):
    import geopandas as gpd

    url = f"{server.url}/tables?page=tables&countries=KAZ"
    name, raw = fetch(browser, url, "Projects", "CSV")
    assert raw.startswith(b"\xef\xbb\xbf") and name.startswith("projects-")
    projects = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False).set_index("project_id")
    assert set(projects.index) == {"balkhash-npp", "aktogay-copper", "hostile-plant", "unplaced-coal"}
    npp = projects.loc["balkhash-npp"]
    assert npp["target_year"] == "2035" and float(npp["capacity_mw"]) == 2400
    assert A["npp"] in npp["article_ids"] and "Первый жүз" in npp["outlets"] and "https://t.me/example/2" in npp["urls"]
    assert "«Стоимость станции мощностью 2400 МВт оценивается в 12 млрд долларов»" in npp["quotes"]

    _, raw = fetch(browser, url, "Projects", "GeoJSON")
    path = tmp_path / "projects.geojson"
    path.write_bytes(raw)
    frame = gpd.read_file(path)
    assert set(frame["project_id"]) == {"balkhash-npp", "aktogay-copper", "hostile-plant"}
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    assert meta["left_out_without_place"] == 1 and meta["left_out_ids"] == ["unplaced-coal"]
    assert meta["filters"] == {"countries": "KAZ"} and meta["data_version"] == "testv1"

    _, raw = fetch(browser, url, None, "Download everything (ZIP)")
    archive = zipfile.ZipFile(io.BytesIO(raw))
    readme = archive.read("README.txt").decode("utf-8")
    assert "Data version: testv1" in readme and "Countries: KAZ" in readme and "countries=KAZ" in readme
    deals = pd.read_csv(io.BytesIO(archive.read("deals.csv")), encoding="utf-8-sig", keep_default_na=False)
    assert set(deals.columns) >= {"value_qualifier", "article_ids", "outlets", "urls", "quotes"}
    evidence = pd.read_csv(io.BytesIO(archive.read("evidence.csv")), encoding="utf-8-sig")
    assert (evidence["record_id"] == "balkhash-npp").sum() >= 4


# ---------------------------------------------------------------- 4. tables and search fit for reading


def test_search_matches_whole_words_and_the_reader_marks_them(server, session):
    page = session.page
    page.goto(f"{server.url}/articles?page=articles&q=%D0%90%D0%AD%D0%A1")  # АЭС
    page.get_by_text("1 article (0 without a date)").wait_for()  # not the one about the ЕАЭС
    page.locator(".ca-snippet mark.ca-hit").first.wait_for()
    session.wait_idle()
    assert page.locator(".ca-snippet mark.ca-hit").all_inner_texts() == ["АЭС"]
    shoot(session, "44-search-list.png")
    page.get_by_test_id("stPageLink").filter(has_text="Казахстан выбирает Китай").first.click()
    page.wait_for_url(re.compile(f"article={A['npp']}"))
    page.locator(".ca-article mark.ca-hit").first.wait_for()
    assert page.locator(".ca-article mark.ca-hit").all_inner_texts() == ["АЭС"]
    # Mentions are links: a country to the map filtered on it.
    link = page.locator(".ca-article a", has=page.locator("mark.mention-country", has_text="Китай")).first
    assert "countries=CHN" in link.get_attribute("href")
    shoot(session, "45-search-reader.png")
    # Inflected forms are found: «Улкен» finds «у Улкена».
    page.goto(f"{server.url}/articles?page=articles&q=%D0%A3%D0%BB%D0%BA%D0%B5%D0%BD&article={A['hostile']}")
    page.locator(".ca-article mark.ca-hit").first.wait_for()
    assert page.locator(".ca-article mark.ca-hit").all_inner_texts() == ["Улкена"]
    assert injected(page) == 0


def test_tables_show_readable_figures_blanks_and_translated_headers(server, session):
    """The grid draws on a canvas: its headers and cells are checked through AppTest (test_dashboard_app);
    here, that the Russian table renders without a missing-value marker and with its downloads."""
    page = session.page
    page.goto(f"{server.url}/tables?page=tables&lang=ru")
    open_tab(session, "Проекты")
    panel = page.get_by_role("tabpanel", name=re.compile("Проекты"))
    panel.get_by_test_id("stDataFrame").wait_for()
    assert panel.get_by_test_id("stDownloadButton").count() == 3
    shoot(session, "46-tables-ru.png")


# ---------------------------------------------------------------- 5. the whole interface in Russian


def english_fragments() -> set[str]:
    """Pieces of the English interface that must not show on a Russian page: every English string (its
    longest literal run), the English name of every field and vocabulary value, and raw field names."""
    fragments = set()
    for key, entry in STRINGS.items():
        if entry.get("ru") == entry.get("en"):
            continue
        pieces = [p.strip(" .,:;()«»") for p in re.split(r"\{[^}]*\}", entry["en"])]
        longest = max(pieces, key=len, default="")
        if len(longest) >= 12 and re.search(r"[a-z]{4}", longest):
            fragments.add(longest)
    for entry in FIELD_LABELS.values():
        if len(entry["en"]) > 6:
            fragments.add(entry["en"])
    for kind, values in VOCABULARIES.items():
        for value in values:
            english = VOCABULARY_EN.get(kind, {}).get(value) or value.replace("-", " ")
            if " " in english:  # one-word values (energy, pipeline) also occur in the articles' own names
                fragments.add(english)
    return fragments


RAW_FIELDS = re.compile(r"\b(target_year|partner_countries|party_countries|heat_capacity|date_basis|capacity_unit|"
                        r"cost_usd|value_usd|first_seen|last_seen|n_articles|None|nan|NaT|undated)\b")


def page_text(session) -> str:
    """What the page shows: the main page and the sidebar, and the map's iframe when there is one."""
    page = session.page
    text = page.locator("body").inner_text()
    if page.locator(MAP_FRAME).count():
        text += "\n" + page.frame_locator(MAP_FRAME).locator("body").inner_text()
    return text


def test_every_page_in_russian_has_no_untranslated_string(server, session, artifacts):
    page = session.page
    data_words = " ".join([*(r["name_en"] for r in routes_rows()), *(p["name_en"] for p in projects_rows()),
                           *(t for _, t, *_ in ARTICLE_TEXTS.values()), *(t or "" for t, *_ in ARTICLE_TEXTS.values())])
    fragments = {f for f in english_fragments() if f.lower() not in data_words.lower()}
    views = [f"/?lang=ru", f"/?lang=ru&record=project%3Abalkhash-npp", "/timeseries?page=timeseries&lang=ru",
             "/tables?page=tables&lang=ru", "/articles?page=articles&lang=ru",
             f"/articles?page=articles&lang=ru&q=%D0%90%D0%AD%D0%A1&article={A['npp']}",
             "/record?page=record&lang=ru", "/record?page=record&lang=ru&record=project%3Abalkhash-npp",
             "/record?page=record&lang=ru&record=route%3Acac-pipeline",
             "/record?page=record&lang=ru&record=deal%3Ad-copper", "/about?page=about&lang=ru",
             "/tables?page=tables&lang=ru&from=2025-01-01&countries=KAZ"]
    assert {v.split("page=")[1].split("&")[0] for v in views if "page=" in v} | {"map"} >= set(PAGES) - {"upload"}
    problems = {}
    for n, view in enumerate(views):
        page.goto(server.url + view)
        page.locator("h1, h2").first.wait_for()
        session.wait_idle()
        if "tables" in view:  # every tab
            for tab in page.get_by_role("tab").all():
                tab.click()
                session.wait_idle()
        if "record=" in view and "page=record" in view and page.get_by_text(re.compile("Показать")).count():
            page.get_by_text(re.compile("Показать")).first.click()
        text = page_text(session)
        found = sorted({f for f in fragments if f in text} | set(RAW_FIELDS.findall(text)))
        if found:
            problems[view] = found
        shoot(session, f"47-ru-{n:02d}.png")
    assert not problems, problems
    log = (artifacts / "streamlit-analyst.log").read_text(encoding="utf-8", errors="replace")
    assert "untranslated" not in log, [line for line in log.splitlines() if "untranslated" in line]


# ---------------------------------------------------------------- 6. a phone


def test_a_phone_gets_a_map_with_a_folded_legend_a_closing_sidebar_and_cards(server, browser):
    phone = Phone(browser)
    page = phone.page
    try:
        page.goto(f"{server.url}/?lang=ru")
        wait_for_map(phone, routes=3, projects=3)
        frame = phone.frame()
        legend = frame.evaluate("""() => { const l = document.querySelector('.ca-legend'), m = document.querySelector('.leaflet-container');
            return {body: getComputedStyle(l.querySelector('.ca-legend-body')).display, legend: l.getBoundingClientRect().height * l.getBoundingClientRect().width,
                    map: m.getBoundingClientRect().height * m.getBoundingClientRect().width}; }""")
        assert legend["body"] == "none" and legend["legend"] < 0.02 * legend["map"]  # folded: a button, not a third of the map
        frame.locator(".ca-legend-toggle").click()
        assert frame.locator(".ca-legend-body").is_visible()
        shoot(phone, "48-phone-map.png")

        # The sidebar, opened to choose a page, closes once the page is chosen.
        page.get_by_test_id("stExpandSidebarButton").click()
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("Таблицы", exact=True).wait_for()
        sidebar.get_by_text("Таблицы", exact=True).click()
        page.wait_for_url(re.compile(r"page=tables"))
        page.wait_for_function("""() => { const s = document.querySelector('[data-testid="stSidebar"]');
            return s && (s.getAttribute('aria-expanded') === 'false' || s.getBoundingClientRect().right <= 0); }""")
        phone.wait_idle()
        # Tables as cards that show more than the name.
        cards = page.locator(".ca-row-card")
        cards.first.wait_for()
        assert not page.get_by_test_id("stDataFrame").first.is_visible()
        assert "Китай → Казахстан → Азербайджан" in cards.first.inner_text() or cards.count() >= 2
        shoot(phone, "49-phone-tables.png")

        page.goto(f"{server.url}/record?page=record&lang=ru&record=project%3Abalkhash-npp")
        page.locator(".ca-rec-title").wait_for()
        phone.wait_idle()
        clamp = page.evaluate("() => getComputedStyle(document.querySelector('.ca-fig .ca-quote')).webkitLineClamp")
        assert clamp == "3"
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390  # nothing wider than the screen
        shoot(phone, "50-phone-record.png")
        assert phone.dialogs == [] and phone.blocked == []
    finally:
        phone.close()

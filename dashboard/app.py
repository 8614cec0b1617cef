"""The dashboard's entry script: page config, the shared sidebar filters, and navigation.

The URL is the state: each run reads `ViewState` from the query string, the sidebar widgets
follow it when the URL changed from outside (a shared link, an in-app link), and every change
made here is written back, so the address bar always reproduces the view.

    streamlit run dashboard/app.py       # reads WAREHOUSE_DIR, default data/warehouse

On a shared instance `dashboard.auth` decides who may look before anything reads the warehouse.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root. `make run` and
# the image install the project; Community Cloud only installs requirements.txt, so make the root
# importable here.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from etl.schema import PROJECT_STATUSES, ROUTE_STATUSES, SECTORS  # noqa: E402
from dashboard import auth, browser, data, instance, units  # noqa: E402
from dashboard.i18n import bilingual, label, t  # noqa: E402
from dashboard.state import LANGUAGES, PAGES, SUBSECTORS, ViewState, clean_text  # noqa: E402
from dashboard.ui import WRITTEN_QUERY_KEY, Context, set_context, write_query  # noqa: E402

PAGE_FILES = {"map": "app_pages/map.py", "timeseries": "app_pages/timeseries.py",
              "tables": "app_pages/records.py", "articles": "app_pages/articles.py",
              "record": "app_pages/record.py", "about": "app_pages/about.py", "upload": "app_pages/upload.py"}
# Emoji, not Material icons: a page's icon becomes the favicon, and Streamlit fetches Material favicons
# from a font CDN, which a closed network does not have.
PAGE_ICONS = {"map": "🗺️", "timeseries": "📈", "tables": "📋", "articles": "📰", "record": "🗂️", "about": "ℹ️",
              "upload": "📤"}
VERSION_NOTICE_KEY = "_ca_version_notice"
WIDGETS = ("w_page", "w_lang", "w_countries", "w_sectors", "w_subsectors", "w_pstatus", "w_rstatus", "w_from", "w_to",
           "w_undated", "w_q")
# Project and corridor statuses are chosen apart; the values both vocabularies have are the same choice.
PROJECT_STATUS_OPTIONS = (*PROJECT_STATUSES, "unspecified")
ROUTE_STATUS_OPTIONS = (*ROUTE_STATUSES, "unspecified")
SHARED_STATUSES = set(PROJECT_STATUS_OPTIONS) & set(ROUTE_STATUS_OPTIONS)
EARLIEST, LATEST = dt.date(1991, 1, 1), dt.date(2100, 12, 31)


@st.cache_resource(show_spinner=False, ttl=600)
def _map_assets_problem() -> str | None:
    """Once per server process (retried after ten minutes when it failed)."""
    return instance.map_assets_problem()


st.set_page_config(page_title="Central Asia monitor", page_icon="🌐", layout="wide")

raw_query = st.query_params.to_dict()
state = ViewState.from_query(raw_query)
lang = state.lang

# ---------------------------------------------------------------- who is looking (stops here if nobody signed in)

visitor = auth.gate(lang)
# Adding articles: only when switched on, and only for someone signed in.
available = [p for p in PAGES if p != "upload" or (auth.upload_enabled() and visitor.signed_in)]
if state.page not in available:
    raw_query = {**raw_query, "page": "map"}
    state = ViewState.from_query(raw_query)

pages = {
    key: st.Page(PAGE_FILES[key], title=t(f"page_{key}", lang), icon=PAGE_ICONS[key],
                 url_path=None if key == "map" else key, default=key == "map")
    for key in available
}
current = st.navigation(list(pages.values()), position="hidden")
current_key = next(key for key, page in pages.items() if page.url_path == current.url_path)
if "page" not in raw_query:
    state = ViewState.from_query({**raw_query, "page": current_key})

# The URL changed from outside (first load, a shared link, an in-app link), or Streamlit dropped the
# widgets' values (a page switch): widgets follow the URL.
if raw_query != st.session_state.get(WRITTEN_QUERY_KEY) or any(k not in st.session_state for k in WIDGETS):
    st.session_state.update({
        "w_page": state.page, "w_lang": state.lang, "w_countries": list(state.countries),
        "w_sectors": list(state.sectors), "w_subsectors": list(state.subsectors),
        "w_pstatus": [s for s in state.status if s in PROJECT_STATUS_OPTIONS],
        "w_rstatus": [s for s in state.status if s in ROUTE_STATUS_OPTIONS],
        "w_from": state.date_from, "w_to": state.date_to, "w_undated": state.undated, "w_q": state.q,
    })


def _mirror_statuses(changed: str, other: str) -> None:
    """A status both vocabularies have (operating, unspecified) is one choice: both boxes follow it."""
    chosen, mirrored = st.session_state.get(changed) or [], list(st.session_state.get(other) or [])
    for status in SHARED_STATUSES:
        if status in chosen and status not in mirrored:
            mirrored.append(status)
        elif status not in chosen and status in mirrored:
            mirrored.remove(status)
    st.session_state[other] = mirrored

# ---------------------------------------------------------------- the warehouse

# A fresh clone started as plain `streamlit run` (Community Cloud) has no warehouse yet: build one once.
if instance.autobuild_wanted() and not (data.warehouse_dir() / "manifest.json").exists():
    with st.spinner(t("first_build", lang)):
        problem = instance.first_start_build(data.warehouse_dir())
    if problem:
        st.error(t("first_build_failed", lang), icon=":material/error:")
        st.code(problem, language=None)

try:
    info, wh = data.current_warehouse()
except data.WarehouseUnavailable as error:
    st.title(t("app_title", lang))
    folder = data.warehouse_dir()
    if (folder / "manifest.json").exists():
        st.error(t("bad_warehouse", lang, folder=folder, error=error))
    else:
        st.warning(t("no_warehouse", lang, folder=folder))
    st.code(data.BUILD_COMMAND, language="bash")
    st.caption(t("no_warehouse_env", lang))
    st.stop()

# ---------------------------------------------------------------- sidebar

known_countries = data.country_names(wh)
for code in state.countries:
    known_countries.setdefault(code, (code, None))

with st.sidebar:
    st.markdown(f"### {t('app_title', lang)}")
    st.caption(t("app_subtitle", lang))
    st.radio(t("pages", lang), available, key="w_page", format_func=lambda p: t(f"page_{p}", lang))
    st.subheader(t("filters", lang), divider="gray")
    st.multiselect(t("countries", lang), sorted(known_countries), key="w_countries", placeholder=t("choose", lang),
                   format_func=lambda c: f"{c} · {bilingual(*known_countries.get(c, (c, None)), lang)}")
    st.multiselect(t("sectors", lang), list(SECTORS), key="w_sectors", placeholder=t("choose", lang),
                   format_func=lambda s: label("sector", s, lang))
    chosen_sectors = st.session_state.get("w_sectors") or list(SECTORS)
    subsector_options = list(dict.fromkeys(
        [sub for sector in SECTORS if sector in chosen_sectors for sub in SECTORS[sector]]
        + list(st.session_state.get("w_subsectors") or [])))
    st.multiselect(t("subsectors", lang), subsector_options or list(SUBSECTORS), key="w_subsectors",
                   placeholder=t("choose", lang), format_func=lambda s: label("subsector", s, lang),
                   help=t("subsectors_help", lang))
    st.multiselect(t("project_status", lang), list(PROJECT_STATUS_OPTIONS), key="w_pstatus", placeholder=t("choose", lang),
                   format_func=lambda s: label("status", s, lang), help=t("project_status_help", lang),
                   on_change=_mirror_statuses, args=("w_pstatus", "w_rstatus"))
    st.multiselect(t("route_status", lang), list(ROUTE_STATUS_OPTIONS), key="w_rstatus", placeholder=t("choose", lang),
                   format_func=lambda s: label("status", s, lang), help=t("route_status_help", lang),
                   on_change=_mirror_statuses, args=("w_rstatus", "w_pstatus"))
    date_format = "DD.MM.YYYY" if lang == "ru" else "YYYY-MM-DD"
    # One above the other: side by side in the sidebar, a date ("01.01.2025") was cut to "01.01.202".
    st.date_input(t("date_from", lang), key="w_from", min_value=EARLIEST, max_value=LATEST, format=date_format)
    st.date_input(t("date_to", lang), key="w_to", min_value=EARLIEST, max_value=LATEST, format=date_format)
    st.toggle(t("include_undated", lang), key="w_undated", help=t("include_undated_help", lang),
              disabled=not (st.session_state.get("w_from") or st.session_state.get("w_to")))
    st.text_input(t("search", lang), key="w_q", help=t("search_help", lang), max_chars=200,
                  placeholder=t("search_placeholder", lang))
    clear = st.button(t("clear_filters", lang), icon=":material/filter_alt_off:")
    st.divider()
    st.radio(t("language", lang), LANGUAGES, key="w_lang", horizontal=True,
             format_func=lambda code: {"en": "English", "ru": "Русский"}[code])
    st.caption(t("data_version", lang, v=info.version, built=units.moment(info.built_at, lang) or "—"))
    st.caption(t("share_hint", lang))
    auth.sidebar_badge(visitor, lang)

session = st.session_state
new_state = ViewState.from_query({
    **state.to_query(),
    "page": session["w_page"], "lang": session["w_lang"],
    "countries": ",".join(session["w_countries"] or []), "sectors": ",".join(session["w_sectors"] or []),
    "subsectors": ",".join(session["w_subsectors"] or []),
    "status": ",".join(dict.fromkeys([*(session["w_pstatus"] or []), *(session["w_rstatus"] or [])])),
    "from": session["w_from"].isoformat() if isinstance(session["w_from"], dt.date) else "",
    "to": session["w_to"].isoformat() if isinstance(session["w_to"], dt.date) else "",
    "undated": "1" if session["w_undated"] else "",
    "q": clean_text(session["w_q"]), "v": info.version,
})
if clear:
    new_state = ViewState(page=new_state.page, lang=new_state.lang, record=new_state.record,
                          article=new_state.article, v=info.version)

# A URL names the data version it was made with. Opened against another version, the view says so, and
# keeps saying it on that page (the page switch a link may need, and reruns, must not drop the notice);
# when the warehouse was swapped while this session was open, it says that instead.
if state.v and state.v != info.version:
    written = session.get(WRITTEN_QUERY_KEY)
    swapped = bool(written) and raw_query == written and written.get("v") == state.v
    session[VERSION_NOTICE_KEY] = ("data_updated" if swapped else "link_version_differs", state.v, new_state.page)
notice = session.get(VERSION_NOTICE_KEY)
if notice and notice[2] != new_state.page:  # the analyst moved on to another page
    notice = session[VERSION_NOTICE_KEY] = None
if notice and notice[1] != info.version:
    st.warning(t(notice[0], lang, old=notice[1], new=info.version), icon=":material/history:")

query = write_query(new_state)
if clear or new_state.lang != state.lang:
    # Widgets change labels (language) or values (clear): rebuild them from the URL just written.
    session[WRITTEN_QUERY_KEY] = None
    st.rerun()
if new_state.page != current_key:
    session[WRITTEN_QUERY_KEY] = None  # the next run starts on another page: widgets follow the URL
    st.switch_page(pages[new_state.page], query_params=query)

if current_key == "map":
    # Community Cloud has no npm step: the first run there fetches the map's assets from the npm registry.
    assets_problem = _map_assets_problem()
    if assets_problem:
        st.error(t("assets_fetch_failed", lang, problem=assets_problem), icon=":material/cloud_off:")

view = data.filtered_view(str(info.resolved), info.version, new_state.filters)
# The page's own layout for narrow screens, and the sidebar closing after a page is chosen on a phone.
browser.page_chrome(new_state.page, lang)
set_context(Context(state=new_state, info=info, wh=wh, view=view, pages=pages,
                    app_base="/" + (st.get_option("server.baseUrlPath") or "").strip("/")))
current.run()

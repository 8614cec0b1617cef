"""Tables: corridors, projects and deals with their figures and sources; CSV and GeoJSON downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, exports
from dashboard.i18n import t
from dashboard.state import Filters
from dashboard.ui import commit, context, nothing_matches, record_panel, table_message

ctx = context()
lang, view, wh = ctx.lang, ctx.view, ctx.wh

st.header(t("page_tables", lang))
if view.empty and ctx.state.filters.active:
    nothing_matches(ctx)

COLUMN_LABELS = {
    "name": t("name", lang), "status": t("status", lang), "mode": t("mode", lang), "sector": t("sector", lang),
    "subsector": t("subsector", lang), "countries": t("countries", lang), "n_articles": t("n_articles", lang),
    "first_seen": t("first_seen", lang), "last_seen": t("last_seen", lang), "sources": t("sources", lang),
    "place": t("place", lang), "country": t("country", lang), "partners": t("partners", lang),
    "capacity": t("capacity", lang), "cost": t("cost", lang), "cost_usd": t("cost_usd", lang),
    "target_year": t("target_year", lang), "kind": t("kind", lang), "parties": t("parties", lang),
    "value": t("value", lang), "value_usd": t("value_usd", lang), "date": t("date", lang),
    "sentence": t("sentence", lang),
}


def column_config(frame) -> dict:
    config = {name: st.column_config.Column(text) for name, text in COLUMN_LABELS.items() if name in frame.columns}
    config["source_url"] = st.column_config.LinkColumn(t("source_link", lang), display_text=t("open_source", lang))
    config["reader"] = st.column_config.LinkColumn(t("reader_link", lang), display_text=t("open_reader", lang))
    config["record"] = None  # hidden: identifies the selected row
    for money in ("cost", "cost_usd", "value", "value_usd", "capacity"):
        if money in frame.columns:
            config[money] = st.column_config.NumberColumn(COLUMN_LABELS[money], format="compact")
    if "target_year" in frame.columns:
        config["target_year"] = st.column_config.NumberColumn(COLUMN_LABELS["target_year"], format="%d")
    return config


def show(table_key: str, frame, records, csv, geojson, filename: str) -> None:
    if not len(records):
        table_message(ctx, table_key)
        return
    st.caption(t("rows", lang, n=len(frame)) + " · " + t("table_select_hint", lang))
    event = st.dataframe(frame, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key=f"tbl_{table_key}", column_config=column_config(frame))
    rows = list(event.selection.rows) if event and event.selection else []
    chosen = frame["record"].iloc[rows[0]] if rows and rows[0] < len(frame) else None
    if chosen and chosen != st.session_state.get(f"_ca_sel_{table_key}"):
        commit(ctx, ctx.state.replace(record=chosen))
    st.session_state[f"_ca_sel_{table_key}"] = chosen
    with st.container(horizontal=True):
        st.download_button(t("download_csv", lang), data=csv, file_name=f"{filename}.csv", mime="text/csv",
                           key=f"csv_{table_key}", help=t("download", lang), icon=":material/download:")
        st.download_button(t("download_geojson", lang), data=geojson, file_name=f"{filename}.geojson",
                           mime="application/geo+json", key=f"geojson_{table_key}", help=t("download", lang),
                           icon=":material/download:")


@st.cache_resource(show_spinner=False, max_entries=8)
def every_record(resolved: str, version: str, lang: str, app_base: str) -> dict[str, pd.DataFrame]:
    """The three tables for every record of the warehouse, made once per data version and language.

    A row depends on its record alone, so a filtered table is these rows picked by record (listing an
    article's sources costs most of a table, and grows with the articles behind each record).
    """
    warehouse, everything = data.load_warehouse(resolved, version), data.filtered_view(resolved, version, Filters())
    return {"routes": exports.routes_table(everything, warehouse, lang, app_base),
            "projects": exports.projects_table(everything, warehouse, lang, app_base),
            "deals": exports.deals_table(everything, warehouse, lang, app_base)}


def table(kind: str) -> pd.DataFrame:
    records, key = {"routes": (view.routes, "route_id"), "projects": (view.projects, "project_id"),
                    "deals": (view.deals, "deal_id")}[kind]
    made = {"routes": exports.routes_table, "projects": exports.projects_table, "deals": exports.deals_table}[kind]
    if len(records):
        full = every_record(str(ctx.info.resolved), ctx.info.version, lang, ctx.app_base)[kind]
        rows = data.rows_by_key(full, [f"{key.removesuffix('_id')}:{r}" for r in records[key]])
        if rows is not None:
            return rows
    return made(view, wh, lang, ctx.app_base)


version = ctx.info.version
routes_tab, projects_tab, deals_tab = st.tabs([
    f"{t('Routes', lang)} ({len(view.routes)})", f"{t('Projects', lang)} ({len(view.projects)})",
    f"{t('Deals', lang)} ({len(view.deals)})"])
# Files are made when asked for (a callable), not on every run.
with routes_tab:
    show("routes", table("routes"), view.routes,
         lambda: exports.to_csv(view.routes, exports.ROUTE_COLUMNS, geometry=True),
         lambda: exports.to_geojson(view.routes, exports.ROUTE_COLUMNS), f"routes-{version}")
with projects_tab:
    show("projects", table("projects"), view.projects,
         lambda: exports.to_csv(view.projects, exports.PROJECT_COLUMNS, geometry=True),
         lambda: exports.to_geojson(view.projects, exports.PROJECT_COLUMNS), f"projects-{version}")
with deals_tab:
    show("deals", table("deals"), view.deals,
         lambda: exports.to_csv(view.deals, exports.DEAL_COLUMNS),
         lambda: exports.to_geojson(view.deals, exports.DEAL_COLUMNS, exports.deal_geometries(view, wh)),
         f"deals-{version}")

if ctx.state.record:
    st.divider()
    record_panel(ctx, ctx.state.record)

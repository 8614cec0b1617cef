"""Tables: corridors, projects and deals with their figures and sources; files that trace each row to its
articles (CSV with a byte-order mark, GeoJSON of what has a place, a README naming version and filters,
and all of it with the evidence in one ZIP). On a narrow screen each row is a card instead."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, exports, units
from dashboard.i18n import capitalized, label, t
from dashboard.markup import esc
from dashboard.ui import commit, context, gaps_notice, html, nothing_matches, page_href, record_card, table_message

ctx = context()
lang, view = ctx.lang, ctx.view
CARD_LIMIT = 60

st.header(t("page_tables", lang))
if view.empty and ctx.state.filters.active:
    nothing_matches(ctx)
gaps_notice(ctx, key="tables_gaps")

COLUMN_LABELS = {
    "name": t("name", lang), "status": t("status", lang), "mode": t("mode", lang), "sector": t("sector", lang),
    "countries": t("countries", lang), "n_articles": t("n_articles", lang), "first_seen": t("first_seen", lang),
    "last_seen": t("last_seen", lang), "outlets": t("outlets", lang), "place": t("place", lang),
    "country": t("country", lang), "partners": t("partners", lang), "capacity_mw": t("capacity_mw", lang),
    "capacity": t("capacity_stated", lang), "cost": t("cost_stated", lang), "cost_usd_mn": t("cost_usd_mn", lang),
    "target_year": t("target_year", lang), "kind": t("kind", lang), "parties": t("parties", lang),
    "value": t("value_stated", lang), "value_usd_mn": t("value_usd_mn", lang), "date": t("date", lang),
    "sentence": t("sentence", lang),
}
HELP = {"capacity_mw": t("capacity_mw_help", lang), "capacity": t("capacity_stated_help", lang),
        "cost": t("cost_stated_help", lang), "value": t("cost_stated_help", lang),
        "cost_usd_mn": t("usd_mn_help", lang), "value_usd_mn": t("usd_mn_help", lang),
        "outlets": t("outlets_help", lang)}


def column_config(frame) -> dict:
    config = {name: st.column_config.TextColumn(text, help=HELP.get(name)) for name, text in COLUMN_LABELS.items()
              if name in frame.columns}
    config["record_url"] = st.column_config.LinkColumn(t("record_page", lang), display_text=t("open_record", lang),
                                                       help=t("record_page_help", lang))
    config["reader"] = st.column_config.LinkColumn(t("reader_link", lang), display_text=t("open_reader", lang))
    config["record"] = None  # hidden: identifies the selected row
    config["name"] = st.column_config.TextColumn(COLUMN_LABELS["name"], width="large", pinned=True)
    config["n_articles"] = st.column_config.NumberColumn(COLUMN_LABELS["n_articles"], format="%d", width="small")
    # In English with thousands apart ("30,000.0", not "30000.0"). Not in Russian, where a comma is the decimal
    # sign: the grid has no space separator, and the browser's locale ("localized") need not be Russian.
    config["capacity_mw"] = st.column_config.NumberColumn(COLUMN_LABELS["capacity_mw"],
                                                          format="%.0f" if lang == "ru" else "%,.0f",
                                                          help=HELP["capacity_mw"])
    for money in ("cost_usd_mn", "value_usd_mn"):
        config[money] = st.column_config.NumberColumn(COLUMN_LABELS[money], format="%.1f" if lang == "ru" else "%,.1f",
                                                      help=HELP[money])
    config["sentence"] = st.column_config.TextColumn(COLUMN_LABELS["sentence"], width="large")
    return {k: v for k, v in config.items() if k in frame.columns}


def card(row: pd.Series, table_key: str) -> str:
    """One row as a card for a narrow screen: name (to its page), what it is, its figures, its outlets."""
    title = row.get("name") if table_key != "deals" else f"{capitalized(row.get('kind') or '')}: {row.get('parties')}"
    unstated = {label("status", "unspecified", lang), label("mode", "unspecified", lang)}
    line = " · ".join(esc(v) for v in (row.get("status"), row.get("mode"), row.get("sector"), row.get("date"))
                      if isinstance(v, str) and v and v not in unstated)
    figures = []
    for column in ("place", "country", "countries", "capacity_mw", "capacity", "cost", "value", "target_year", "partners"):
        value = row.get(column)
        if column == "capacity_mw" and value == value and value is not None:
            value = f"{value:,.0f} {'МВт' if lang == 'ru' else 'MW'}".replace(",", "\u00a0" if lang == "ru" else ",")
        if isinstance(value, str) and value:
            figures.append(f"<div><span class='ca-k'>{esc(COLUMN_LABELS.get(column, column))}</span> {esc(value)}</div>")
    href = page_href(ctx, ctx.state.replace(page="record", record=row["record"], article=None))
    return (f"<div class='ca-row-card'><a class='ca-row-title' href='{esc(href)}'>{esc(title)}</a>"
            f"<div class='ca-row-line'>{line}</div>{''.join(figures)}"
            + (f"<div class='ca-row-src'>{esc(row.get('outlets'))}</div>" if row.get("outlets") else "") + "</div>")


CARD_STYLE = """<style>
.ca-row-card { border: 1px solid #d9dee3; border-radius: 8px; padding: 8px 10px; margin: 0 0 8px; font-size: .9rem; }
.ca-row-title { font-weight: 700; font-size: 1rem; text-decoration: none; overflow-wrap: anywhere; }
.ca-row-line { color: #555; margin: 2px 0 4px; }
.ca-row-card .ca-k { color: #667; font-size: .8rem; }
.ca-row-src { color: #667; font-size: .8rem; margin-top: 4px; overflow-wrap: anywhere; }
</style>"""


def show(table_key: str, frame: pd.DataFrame, records) -> None:
    if not len(records):
        table_message(ctx, table_key)
        return
    if view.capped[table_key]:
        shown, total = units.number(len(frame), lang), units.number(view.counts[table_key], lang)
        st.caption(t("rows_capped", lang, shown=shown, total=total) + " " + t("files_capped", lang, shown=shown, total=total))
    with st.container(key=f"ca_wide_{table_key}"):
        st.caption(t("rows", lang, n=len(frame)) + " · " + t("table_select_hint", lang))
        event = st.dataframe(frame, hide_index=True, placeholder="", width="stretch", on_select="rerun", selection_mode="single-row",
                             key=f"tbl_{table_key}", column_config=column_config(frame))
    with st.container(key=f"ca_narrow_{table_key}"):
        st.caption(t("rows", lang, n=len(frame)) + " · " + t("cards_hint", lang))
        html(CARD_STYLE + "".join(card(row, table_key) for _, row in frame.head(CARD_LIMIT).iterrows()))
        if len(frame) > CARD_LIMIT:
            st.caption(t("cards_more", lang, n=len(frame) - CARD_LIMIT))
    rows = list(event.selection.rows) if event and event.selection else []
    chosen = frame["record"].iloc[rows[0]] if rows and rows[0] < len(frame) else None
    if chosen and chosen != st.session_state.get(f"_ca_sel_{table_key}"):
        commit(ctx, ctx.state.replace(record=chosen))
    st.session_state[f"_ca_sel_{table_key}"] = chosen
    downloads(table_key)


def share_path() -> str:
    return page_href(ctx, ctx.state.replace(page="tables", record=None, article=None))


# Files of a view this small are made with the page, and a click downloads at once; larger ones, and the ZIP,
# are made on the click (Streamlit's deferred download, whose click can miss while the page is redrawing).
EAGER_ROWS = 400


@st.cache_resource(show_spinner=False, max_entries=32)
def export_frame(resolved: str, version: str, filters, table_key: str) -> tuple[pd.DataFrame, list]:
    """A table of the view as a file holds it, with each row's shape: once per data version, filters, table."""
    chosen = data.filtered_view(resolved, version, filters)
    warehouse = data.view_slice(chosen)
    records = {"routes": chosen.routes, "projects": chosen.projects, "deals": chosen.deals}[table_key]
    frame = {"routes": exports.routes_frame, "projects": exports.projects_frame,
             "deals": exports.deals_frame}[table_key](records, warehouse)
    shapes = {"routes": lambda: exports.route_shapes(records), "projects": lambda: exports.project_shapes(records),
              "deals": lambda: exports.deal_geometries(records, warehouse)}[table_key]()
    return frame, shapes


@st.cache_data(show_spinner=False, max_entries=64)
def export_file(resolved: str, version: str, built_at: str, state, table_key: str, what: str, share: str) -> bytes:
    """One file of the tables page, made once per data version, view and table."""
    chosen = data.filtered_view(resolved, version, state.filters)
    info = data.WarehouseInfo(folder=chosen.store.info.folder, resolved=chosen.store.info.resolved, version=version,
                              built_at=built_at)
    if what == "bundle":
        return exports.bundle(chosen, data.view_slice(chosen), info, state, share)
    frame, shapes = export_frame(resolved, version, state.filters, table_key)
    if what == "csv":
        return exports.to_csv(frame)
    if what == "geojson":
        return exports.to_geojson(frame, shapes, exports.export_metadata(info, state, table_key, len(frame), share))
    placed = sum(1 for s in shapes if s is not None and not s.is_empty)
    name = f"{table_key}-{version}"
    return exports.readme(info, state, {f"{name}.csv / {name}.geojson": (len(frame), len(frame) - placed)}, share)


def payload(table_key: str, what: str, n_rows: int):
    """The file's bytes, or (for a large view, and the ZIP) a callable that makes them on the click."""
    args = (str(ctx.info.resolved), ctx.info.version, ctx.info.built_at, ctx.state, table_key, what, share_path())
    eager = n_rows <= EAGER_ROWS and what != "bundle"
    return export_file(*args) if eager else (lambda: export_file(*args))


def downloads(table_key: str) -> None:
    version = ctx.info.version
    records = {"routes": view.routes, "projects": view.projects, "deals": view.deals}[table_key]
    shapes = {"routes": lambda: exports.route_shapes(view.routes), "projects": lambda: exports.project_shapes(view.projects),
              "deals": lambda: exports.deal_geometries(view.deals, data.view_slice(view))}[table_key]()
    placed = sum(1 for s in shapes if s is not None and not s.is_empty)
    name = f"{table_key}-{version}"
    with st.container(horizontal=True):
        st.download_button(t("download_csv", lang), data=payload(table_key, "csv", len(records)),
                           file_name=f"{name}.csv", mime="text/csv", key=f"csv_{table_key}",
                           help=t("download_csv_help", lang), icon=":material/download:")
        st.download_button(t("download_geojson", lang), data=payload(table_key, "geojson", len(records)),
                           file_name=f"{name}.geojson", mime="application/geo+json", key=f"geojson_{table_key}",
                           help=t("download_geojson_help", lang, placed=placed, left=len(records) - placed),
                           icon=":material/download:")
        st.download_button(t("download_readme", lang), data=payload(table_key, "readme", len(records)),
                           file_name=f"{name}-README.txt", mime="text/plain", key=f"readme_{table_key}",
                           help=t("download_readme_help", lang), icon=":material/description:")
    if len(records) > placed:
        st.caption(t("geojson_left_out", lang, n=len(records) - placed))


@st.cache_resource(show_spinner=False, max_entries=32)
def view_table(resolved: str, version: str, filters, lang: str, app_base: str, kind: str) -> pd.DataFrame:
    """The rows of a view (at most `db.RECORD_LIMIT`) as people read them, with the sources behind each: once
    per data version, filters, language and table (listing sources is most of a table's cost)."""
    chosen = data.filtered_view(resolved, version, filters)
    made = {"routes": exports.routes_table, "projects": exports.projects_table, "deals": exports.deals_table}[kind]
    return made(chosen, data.view_slice(chosen), lang, app_base)


def table(kind: str) -> pd.DataFrame:
    return view_table(str(ctx.info.resolved), ctx.info.version, ctx.state.filters, lang, ctx.app_base, kind)


st.download_button(t("download_bundle", lang),
                   data=payload("all", "bundle", len(view.routes) + len(view.projects) + len(view.deals)),
                   file_name=f"central-asia-monitor-{ctx.info.version}.zip", mime="application/zip", key="bundle",
                   help=t("download_bundle_help", lang), icon=":material/folder_zip:", type="primary")
routes_tab, projects_tab, deals_tab = st.tabs([
    f"{t('Routes', lang)} ({view.counts['routes']})", f"{t('Projects', lang)} ({view.counts['projects']})",
    f"{t('Deals', lang)} ({view.counts['deals']})"])
with routes_tab:
    show("routes", table("routes"), view.routes)
with projects_tab:
    show("projects", table("projects"), view.projects)
with deals_tab:
    show("deals", table("deals"), view.deals)

if ctx.state.record:
    st.divider()
    record_card(ctx, ctx.state.record)

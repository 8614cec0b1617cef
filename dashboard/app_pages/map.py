"""Map: corridors by status, projects by sector and size, countries by coverage, over the reference
infrastructure; the map full width, the clicked record's card below it, outlined and in view on the map.

It is also where a visit starts: with no filter and no record chosen, an overview above the map says
what the dashboard holds (headline counts), where to start, and below the map the latest records
and stories instead of an empty panel.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import units
from dashboard.map_component import drawn_map, show_map
from dashboard.data import as_list
from dashboard.i18n import bilingual, capitalized, label, t
from dashboard.maps import MARKER_LIMIT, asset_base, assets_installed, resolve_click
from dashboard.markup import esc, md_escape
from dashboard.ui import (
    WRITTEN_QUERY_KEY, commit, context, gaps_notice, html, nothing_matches, reader_link, record_card, record_link,
    record_options,
)

ctx = context()
lang, view, wh = ctx.lang, ctx.view, ctx.wh
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip"]
LATEST = 5
landing = not ctx.state.filters.active and not ctx.state.record

st.header(t("page_map", lang))
# Whatever comes and goes above the map (notices, the overview, what the filters hide) sits in one container:
# the map keeps its place on the page from view to view, so its frame stays and only its records change.
above = st.container()
with above:
    if not assets_installed():
        st.error(t("assets_missing", lang), icon=":material/cloud_off:")
    if view.empty and ctx.state.filters.active:
        nothing_matches(ctx)


COUNTS_STYLE = """<style>
.ca-counts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 2px 0 4px; }
.ca-counts div { display: flex; flex-direction: column; min-width: 70px; }
.ca-counts b { font-size: 1.9rem; font-weight: 600; line-height: 1.15; }
.ca-counts span { color: #555; font-size: .85rem; }
@media (max-width: 640px) { .ca-counts { gap: 4px 18px; } .ca-counts b { font-size: 1.4rem; } }
</style>"""


def overview() -> None:
    """Headline counts, what this is, where to start."""
    facts = wh.overview()
    span = f"{units.day(facts['first'], lang)} – {units.day(facts['last'], lang)}" if facts["first"] is not None else "—"
    with st.container(key="ca_overview", border=True):
        st.markdown(md_escape(t("landing_what", lang)))
        counts = [("page_articles", facts["articles"]), ("Routes", facts["routes"]), ("Projects", facts["projects"]),
                  ("Deals", facts["deals"]), ("landing_outlets", facts["outlets"])]
        html(COUNTS_STYLE + "<div class='ca-counts'>" + "".join(
            f"<div><b>{esc(units.number(value, lang))}</b><span>{esc(t(key, lang))}</span></div>" for key, value in counts)
            + "</div>")
        st.caption(t("landing_span", lang, span=span, undated=facts["undated"]))
        st.markdown("**" + md_escape(t("landing_start", lang)) + "**")
        starts = (("tables", "landing_tables", ":material/table:"), ("timeseries", "landing_series", ":material/timeline:"),
                  ("articles", "landing_articles", ":material/article:"), ("about", "landing_about", ":material/info:"))
        for column, (page, key, icon) in zip(st.columns(len(starts)), starts):
            with column:
                st.page_link(ctx.pages[page], label=t(key, lang), icon=icon,
                             query_params=ctx.state.replace(page=page).to_query())


with above:
    if landing:
        overview()
    gaps_notice(ctx, key="map_gaps")

# The map takes the page's width; the selected record's card and the latest records come below it.
map_column = st.container()
with map_column:
    # Drawn once per view for every session (a view shown before is not drawn again).
    drawn = drawn_map(str(ctx.info.resolved), ctx.info.version, ctx.state.filters, lang, ctx.state.record or None,
                      asset_base(st.get_option("server.baseUrlPath") or ""), ctx.app_base)
    clicked = show_map(drawn, height=600, use_container_width=True, returned_objects=RETURNED)
    placed_routes = sum(g is not None and not g.is_empty for g in view.routes.geometry) if len(view.routes) else 0
    placed_projects = sum(g is not None and not g.is_empty for g in view.projects.geometry) if len(view.projects) else 0
    notes = [t("map_counts", lang, routes=placed_routes, projects=placed_projects)]
    if len(view.projects) > placed_projects:
        notes.append(t("map_unplaced", lang, n=len(view.projects) - placed_projects))
    if len(view.routes) > placed_routes:
        notes.append(t("map_unplaced_routes", lang, n=len(view.routes) - placed_routes))
    if "place_precision" in view.projects.columns:
        rough = int(view.projects["place_precision"].isin(["region", "country"]).sum())
        if rough:
            notes.append(t("map_rough_places", lang, n=rough))
    if placed_projects > MARKER_LIMIT:
        notes.append(t("map_clustered", lang, n=placed_projects))
    for table in ("routes", "projects"):
        if view.capped[table]:  # a view fetches at most RECORD_LIMIT rows: say how many it leaves off the map
            notes.append(t("map_capped", lang, shown=units.number(len(getattr(view, table)), lang),
                           total=units.number(view.counts[table], lang),
                           what=t("Routes" if table == "routes" else "Projects", lang)))
    st.caption(" · ".join(notes))
    if not placed_routes and not placed_projects and not view.empty:
        st.info(t("no_map_records", lang), icon=":material/location_off:")

# A click on the map selects the record under it (only a new click: the component keeps its last value).
click = {key: (clicked or {}).get(key) for key in RETURNED}
if click != st.session_state.get("_ca_last_click") and any(click.values()):
    st.session_state["_ca_last_click"] = click
    found = resolve_click(view, lang, click["last_object_clicked_tooltip"], click["last_object_clicked"])
    if found and found != ctx.state.record:
        commit(ctx, ctx.state.replace(record=found))
        st.rerun()  # the map of this run was drawn before the click: draw it again with the record outlined


def _select_record() -> None:
    chosen = st.session_state.get("w_record") or None
    state = ctx.state.replace(record=chosen)
    query = state.to_query()
    st.query_params.from_dict(query)
    st.session_state[WRITTEN_QUERY_KEY] = query


def latest() -> None:
    """The newest records (by the date they were last reported) and the newest stories."""
    st.markdown(f"**{md_escape(t('landing_latest_records', lang))}**")
    rows = []
    # The newest few of each kind are enough to find the newest few of all (a view may hold thousands).
    for kind, frame in (("route", view.routes), ("project", view.projects)):
        frame = frame.sort_values("last_seen", ascending=False, na_position="last", kind="stable").head(LATEST) \
            if len(frame) else frame
        for _, r in frame.iterrows():
            status = "" if r["status"] in (None, "unspecified") else label("status", r["status"], lang)
            rows.append((r["last_seen"], kind, r[f"{kind}_id"], bilingual(r["name_en"], r["name_ru"], lang), status,
                         units.day(r["last_seen"], lang)))
    for _, d in view.latest_deals(LATEST).iterrows():  # by their own date, else their article's
        when = d["date_start"] if pd.notna(d["date_start"]) else d["reported"]
        # The deal's own date as told ("May 2025"), else the day it was reported: one date, not both.
        rows.append((when, "deal", d["deal_id"], f"{capitalized(label('kind', d['kind'], lang))}: "
                     f"{', '.join(as_list(d['parties']))}", "", units.partial(d["date"], lang) or units.day(when, lang)))
    rows.sort(key=lambda r: (pd.isna(r[0]), -(r[0].value if pd.notna(r[0]) else 0)))
    if not rows:
        st.caption(t("no_records_to_choose", lang))
    for _, kind, record_id, name, detail, shown_date in rows[:LATEST]:
        record_link(ctx, f"{kind}:{record_id}",
                    " · ".join(p for p in (name, detail, shown_date or t("undated", lang)) if p),
                    icon={"route": ":material/route:", "project": ":material/factory:"}.get(kind, ":material/handshake:"))
    st.markdown(f"**{md_escape(t('landing_latest_stories', lang))}**")
    for _, a in view.newest_articles(LATEST).iterrows():
        reader_link(ctx, a["article_id"], f"{a['display_title']} · {units.day(a['published'], lang) or t('undated', lang)}")


side = st.container()
with side:
    st.caption(t("map_click_hint", lang))
    options = {"": t("none_selected", lang), **record_options(view, lang)}
    if ctx.state.record and ctx.state.record not in options:
        options[ctx.state.record] = ctx.state.record
    if st.session_state.get("w_record") != (ctx.state.record or ""):
        st.session_state["w_record"] = ctx.state.record or ""
    st.selectbox(t("select_record", lang), list(options), key="w_record", format_func=options.get,
                 on_change=_select_record, placeholder=t("choose_record", lang))
    if ctx.state.record:
        record_card(ctx, ctx.state.record)
    else:
        latest()

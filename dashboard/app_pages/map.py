"""Map: corridors by status, projects by sector and size, countries by coverage; the clicked record beside it."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard.i18n import t
from dashboard.maps import MARKER_LIMIT, asset_base, assets_installed, build_map, resolve_click
from dashboard.ui import WRITTEN_QUERY_KEY, commit, context, nothing_matches, record_options, record_panel

ctx = context()
lang, view = ctx.lang, ctx.view
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip"]

st.header(t("page_map", lang))
if not assets_installed():
    st.error(t("assets_missing", lang), icon=":material/cloud_off:")
if view.empty and ctx.state.filters.active:
    nothing_matches(ctx)

map_column, side = st.columns([5, 3], gap="medium")
with map_column:
    fmap = build_map(view, ctx.wh, lang, assets=asset_base(st.get_option("server.baseUrlPath") or ""),
                     app_base=ctx.app_base)
    clicked = st_folium(fmap, height=640, use_container_width=True, returned_objects=RETURNED)
    placed_routes = sum(g is not None and not g.is_empty for g in view.routes.geometry) if len(view.routes) else 0
    placed_projects = sum(g is not None and not g.is_empty for g in view.projects.geometry) if len(view.projects) else 0
    notes = [t("map_counts", lang, routes=placed_routes, projects=placed_projects)]
    if len(view.projects) > placed_projects:
        notes.append(t("map_unplaced", lang, n=len(view.projects) - placed_projects))
    if placed_projects > MARKER_LIMIT:
        notes.append(t("map_clustered", lang, n=placed_projects))
    st.caption(" · ".join(notes))
    if not placed_routes and not placed_projects and not view.empty:
        st.info(t("no_map_records", lang), icon=":material/location_off:")

# A click on the map selects the record under it (only a new click: the component keeps its last value).
click = {key: (clicked or {}).get(key) for key in RETURNED}
if click != st.session_state.get("_ca_last_click") and any(click.values()):
    st.session_state["_ca_last_click"] = click
    found = resolve_click(view, lang, click["last_object_clicked_tooltip"], click["last_object_clicked"])
    if found:
        commit(ctx, ctx.state.replace(record=found))


def _select_record() -> None:
    chosen = st.session_state.get("w_record") or None
    state = ctx.state.replace(record=chosen)
    query = state.to_query()
    st.query_params.from_dict(query)
    st.session_state[WRITTEN_QUERY_KEY] = query


with side:
    st.caption(t("map_click_hint", lang))
    options = {"": t("none_selected", lang), **record_options(view, lang)}
    if ctx.state.record and ctx.state.record not in options:
        options[ctx.state.record] = ctx.state.record
    if st.session_state.get("w_record") != (ctx.state.record or ""):
        st.session_state["w_record"] = ctx.state.record or ""
    st.selectbox(t("select_record", lang), list(options), key="w_record", format_func=options.get,
                 on_change=_select_record)
    record_panel(ctx, ctx.state.record)

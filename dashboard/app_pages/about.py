"""About the data: where the warehouse comes from, what it holds, its version, and what extraction misses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
import streamlit as st

from dashboard import units
from dashboard.i18n import label, t
from dashboard.markup import md_escape
from dashboard.ui import context
from etl.warehouse import read_manifest

ctx = context()
lang, wh, info = ctx.lang, ctx.wh, ctx.info


@st.cache_data(show_spinner=False, max_entries=4)
def build_facts(resolved: str, version: str) -> tuple[dict, pd.DataFrame]:
    """The build's manifest and its rejects table (neither is among the tables the pages load)."""
    from pathlib import Path

    folder = Path(resolved)
    manifest = read_manifest(folder) or {}
    path = folder / "rejects.parquet"
    rejects = pd.read_parquet(path, columns=["source_file", "reason", "detail"]) if path.exists() \
        else pd.DataFrame(columns=["source_file", "reason", "detail"])
    return manifest, rejects


REJECT_COLUMNS = {"source_file": st.column_config.TextColumn(t("source_file", lang)),
                  "reason": st.column_config.TextColumn(t("reject_reason", lang)),
                  "detail": st.column_config.TextColumn(t("reject_detail", lang))}

manifest, rejects = build_facts(str(info.resolved), info.version)
facts = wh.overview()
undated, stubs = facts["undated"], facts["stubs"]
geometries = shapely.from_wkb(np.array([bytes(g) if isinstance(g, (bytes, bytearray, memoryview)) else None
                                         for g in wh.df("SELECT geometry FROM projects")["geometry"]], dtype=object))
unplaced = int((shapely.is_missing(geometries) | shapely.is_empty(geometries)).sum())
conflicts = int(wh.value("SELECT count(*) FROM routes WHERE coalesce(status_conflict, false)")) \
    + int(wh.value("SELECT count(*) FROM projects WHERE len(coalesce(conflicts, [])) > 0"))
rows = manifest.get("rows") or {}

st.header(t("page_about", lang))
st.caption(t("about_whole", lang))

# ---------------------------------------------------------------- version
st.subheader(t("about_version", lang), divider="gray")
st.markdown(t("about_version_text", lang, v=md_escape(info.version), built=md_escape(info.built_at or "—"),
              code=md_escape(manifest.get("code_version") or "—")))
st.caption(t("about_version_links", lang, v=md_escape(info.version)))

# ---------------------------------------------------------------- counts
st.subheader(t("about_counts", lang), divider="gray")
cells = st.columns(5)
for cell, (key, value) in zip(cells, [("page_articles", facts["articles"]), ("Routes", facts["routes"]),
                                      ("Projects", facts["projects"]), ("Deals", facts["deals"]),
                                      ("about_rejects", len(rejects))]):
    cell.metric(t(key, lang), units.number(int(value), lang))
# The warehouse's tables as the pages call them (its file names are for the files, not for reading).
TABLE_NAMES = {
    "articles": ("articles", "статьи"), "rejects": ("rejected inputs", "отклонённые входы"),
    "mentions": ("mentions", "упоминания"), "countries": ("countries", "страны"), "routes": ("corridors", "коридоры"),
    "projects": ("projects", "проекты"), "deals": ("deals", "сделки"), "flows": ("cargo flows", "грузопотоки"),
    "evidence": ("claims with their sentences", "утверждения с цитатами"),
    "candidates": ("unresolved names", "нераспознанные имена"), "stories": ("stories", "сюжеты"),
}
if rows:
    st.caption(t("about_rows", lang) + ": " + ", ".join(
        f"{md_escape(TABLE_NAMES.get(name, (name, name))[1 if lang == 'ru' else 0])} {units.number(int(n), lang)}"
        for name, n in rows.items()))

# ---------------------------------------------------------------- sources
st.subheader(t("about_sources", lang), divider="gray")
SOURCE_ROWS = 500  # outlets listed, the most prolific first (a million articles may come from thousands)
if facts["articles"]:
    by_source = wh.df("""SELECT source_kind, coalesce(outlet, source_file) AS source, count(*) AS n,
        min(published) AS first, max(published) AS last FROM articles GROUP BY ALL ORDER BY n DESC, source LIMIT ?""",
                      [SOURCE_ROWS])
    by_source["first"] = pd.to_datetime(by_source["first"])
    by_source["last"] = pd.to_datetime(by_source["last"])
    by_source["first"] = [d.date().isoformat() if isinstance(d, pd.Timestamp) and not pd.isna(d) else "" for d in by_source["first"]]
    by_source["last"] = [d.date().isoformat() if isinstance(d, pd.Timestamp) and not pd.isna(d) else "" for d in by_source["last"]]
    by_source["source_kind"] = [t(f"source_kind_{k}", lang) if isinstance(k, str) else "" for k in by_source["source_kind"]]
    st.dataframe(by_source, hide_index=True, placeholder="", width="stretch", column_config={
        "source_kind": st.column_config.TextColumn(t("about_kind", lang)),
        "source": st.column_config.TextColumn(t("about_source", lang)),
        "n": st.column_config.NumberColumn(t("n_articles", lang)),
        "first": st.column_config.TextColumn(t("first_seen", lang)),
        "last": st.column_config.TextColumn(t("last_seen", lang)),
    })
    if facts["first"] is not None:
        st.caption(t("about_span", lang, first=facts["first"].date(), last=facts["last"].date(), undated=undated))

    # ------------------------------------------------------------ dates
    st.subheader(t("about_dates", lang), divider="gray")
    st.caption(t("about_dates_text", lang))
    bases = wh.df("""SELECT coalesce(date_basis, 'none') AS basis, count(*) AS n FROM articles GROUP BY ALL
        ORDER BY n DESC, basis""").set_index("basis")["n"]
    st.dataframe(pd.DataFrame({"basis": [label("date_basis", b, lang) for b in bases.index], "n": bases.to_numpy()}),
                 hide_index=True, column_config={"basis": st.column_config.TextColumn(t("date_basis_column", lang)),
                                                 "n": st.column_config.NumberColumn(t("n_articles", lang))})
inputs = manifest.get("inputs") or []
if inputs:
    with st.expander(t("about_inputs", lang, n=len(inputs))):
        st.dataframe(pd.DataFrame({t("source_file", lang): inputs}), hide_index=True, placeholder="", width="stretch")

# ---------------------------------------------------------------- rejects
if len(rejects):
    st.subheader(t("about_rejects", lang), divider="gray")
    st.caption(t("about_rejects_text", lang))
    st.dataframe(rejects.groupby("reason").size().rename("n").reset_index().sort_values("n", ascending=False),
                 hide_index=True, column_config={**REJECT_COLUMNS, "n": st.column_config.NumberColumn(t("about_count", lang))})
    with st.expander(t("about_rejects_list", lang, n=len(rejects))):
        st.dataframe(rejects, hide_index=True, placeholder="", width="stretch", column_config=REJECT_COLUMNS)

# ---------------------------------------------------------------- limits
st.subheader(t("about_limits", lang), divider="gray")
limits = [
    t("about_limit_claims", lang),
    t("about_limit_names", lang, candidates=int(rows.get("candidates", 0))),
    t("about_limit_dates", lang, undated=undated),
    t("about_limit_conflicts", lang, conflicts=conflicts, n=conflicts),
    t("about_limit_money", lang),
    t("about_limit_map", lang, unplaced=unplaced),
    t("about_limit_duplicates", lang, stubs=stubs),
]
st.markdown("\n".join(f"- {line}" for line in limits))
st.caption(t("about_limit_search", lang))

# ---------------------------------------------------------------- monitoring: polled sources, saved views' feeds
from dashboard import monitoring  # noqa: E402

monitoring.show_sources(lang)
monitoring.show_feeds(ctx)

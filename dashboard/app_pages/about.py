"""About the data: where the warehouse comes from, what it holds, its version, and what extraction misses."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import as_list
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
articles = wh.articles
undated = int(articles["published"].isna().sum())
stubs = int(articles["is_stub"].fillna(False).astype(bool).sum()) if len(articles) else 0
unplaced = int(sum(g is None or g.is_empty for g in wh.projects.geometry)) if len(wh.projects) else 0
conflicts = int(wh.routes["status_conflict"].fillna(False).astype(bool).sum() if len(wh.routes) else 0) \
    + int(sum(bool(as_list(c)) for c in wh.projects["conflicts"]) if len(wh.projects) else 0)
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
for cell, (key, value) in zip(cells, [("page_articles", len(articles)), ("Routes", len(wh.routes)),
                                      ("Projects", len(wh.projects)), ("Deals", len(wh.deals)),
                                      ("about_rejects", len(rejects))]):
    cell.metric(t(key, lang), f"{value:,}")
if rows:
    st.caption(t("about_rows", lang) + ": " + ", ".join(f"{md_escape(name)} {int(n):,}" for name, n in rows.items()))

# ---------------------------------------------------------------- sources
st.subheader(t("about_sources", lang), divider="gray")
if len(articles):
    source = articles["outlet"].where(articles["outlet"].notna(), articles["source_file"])
    by_source = (articles.assign(source=source)
                 .groupby(["source_kind", "source"], dropna=False)
                 .agg(n=("article_id", "size"), first=("published", "min"), last=("published", "max"))
                 .reset_index().sort_values("n", ascending=False))
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
    dated = articles["published"].dropna()
    if len(dated):
        st.caption(t("about_span", lang, first=dated.min().date(), last=dated.max().date(), undated=undated))

    # ------------------------------------------------------------ dates
    st.subheader(t("about_dates", lang), divider="gray")
    st.caption(t("about_dates_text", lang))
    bases = articles["date_basis"].fillna("none").value_counts()
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
    t("about_limit_conflicts", lang, conflicts=conflicts),
    t("about_limit_money", lang),
    t("about_limit_map", lang, unplaced=unplaced),
    t("about_limit_duplicates", lang, stubs=stubs),
]
st.markdown("\n".join(f"- {line}" for line in limits))
st.caption(t("about_limit_search", lang))

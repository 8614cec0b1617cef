"""Time series: mentions per country, deals and projects by kind and sector, deal values in USD."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.i18n import t
from dashboard.ui import context, gaps_notice, nothing_matches

ctx = context()
lang, view = ctx.lang, ctx.view

st.header(t("page_timeseries", lang))
if view.empty and ctx.state.filters.active:
    nothing_matches(ctx)

granularity = st.segmented_control(t("granularity", lang), charts.GRANULARITIES, default="month",
                                   format_func=lambda g: t(g, lang), key="w_granularity") or "month"
counts = charts.undated_counts(view)
notes = []
if counts.articles:
    notes.append(t("ts_undated_articles", lang, n=counts.articles, total=view.n_articles))
for note in notes:
    st.caption(f":material/event_busy: {note}")
gaps_notice(ctx, key="series_gaps")


def chart_or_notice(figure, key: str, empty_message: str, icon: str = ":material/timeline:") -> None:
    """The chart where it has data; otherwise a sentence saying there is nothing to draw."""
    if charts.has_data(figure):
        st.plotly_chart(figure, width="stretch", key=key, config=charts.plotly_config(lang))
    else:
        st.info(t(empty_message, lang), icon=icon)


chart_or_notice(charts.mentions_over_time(view, lang, granularity), "chart_mentions", "ts_no_mentions")

left, right = st.columns(2, gap="medium")
with left:
    chart_or_notice(charts.records_over_time(view, lang, granularity), "chart_records", "ts_no_records")
    if counts.deals or counts.projects:
        what = ", ".join(t(key, lang, n=n) for key, n in (("gap_deals", counts.deals), ("gap_projects", counts.projects)) if n)
        st.caption(t("ts_undated_records", lang, what=what))
    if granularity == "month" and counts.deals_year_only:
        st.caption(t("ts_year_only", lang, n=counts.deals_year_only))
with right:
    chart_or_notice(charts.deal_values(view, lang, granularity), "chart_values", "ts_no_values",
                    icon=":material/payments:")
    if counts.deals_without_usd:
        st.caption(t("ts_no_value", lang, n=counts.deals_without_usd))

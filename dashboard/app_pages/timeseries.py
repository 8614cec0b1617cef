"""Time series: mentions per country, deals and projects by kind and sector, deal values in USD."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard.i18n import t
from dashboard.ui import context, nothing_matches

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
    notes.append(t("ts_undated_articles", lang, n=counts.articles, total=len(view.articles)))
if view.n_excluded_undated:
    notes.append(t("ts_excluded_undated", lang, n=view.n_excluded_undated))
for note in notes:
    st.caption(f":material/event_busy: {note}")

mentions = charts.mentions_over_time(view, lang, granularity)
if charts.has_data(mentions):
    st.plotly_chart(mentions, width="stretch", key="chart_mentions")
else:
    st.info(t("ts_no_mentions", lang), icon=":material/timeline:")

left, right = st.columns(2, gap="medium")
with left:
    records = charts.records_over_time(view, lang, granularity)
    if charts.has_data(records):
        st.plotly_chart(records, width="stretch", key="chart_records")
    else:
        st.info(t("ts_no_records", lang), icon=":material/timeline:")
    if counts.deals or counts.projects:
        st.caption(t("ts_undated_records", lang, deals=counts.deals, projects=counts.projects))
    if granularity == "month" and counts.deals_year_only:
        st.caption(t("ts_year_only", lang, n=counts.deals_year_only))
with right:
    values = charts.deal_values(view, lang, granularity)
    if charts.has_data(values):
        st.plotly_chart(values, width="stretch", key="chart_values")
    else:
        st.info(t("ts_no_values", lang), icon=":material/payments:")
    if counts.deals_without_usd:
        st.caption(t("ts_no_value", lang, n=counts.deals_without_usd))

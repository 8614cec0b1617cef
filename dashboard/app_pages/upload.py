"""Add articles: uploaded files go into the inbox and the warehouse is rebuilt while the app runs.

Registered only when `DASHBOARD_UPLOAD=1` and the visitor is signed in (`dashboard.auth`); the size of
each file is bounded by `server.maxUploadSize`. The build itself is `dashboard.instance.add_articles`.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data, instance
from dashboard.i18n import t
from dashboard.markup import md_escape
from dashboard.ui import context

REPORT_KEY = "_ca_upload_report"

ctx = context()
lang = ctx.lang

st.header(t("page_upload", lang))
st.caption(t("upload_intro", lang, types=", ".join(f".{s}" for s in instance.UPLOAD_TYPES),
             mb=st.get_option("server.maxUploadSize"), inbox=instance.inbox_dir()))

with st.form("upload", clear_on_submit=True, border=False):
    files = st.file_uploader(t("upload_files", lang), type=list(instance.UPLOAD_TYPES), accept_multiple_files=True)
    submitted = st.form_submit_button(t("upload_build", lang), type="primary", icon=":material/upload:")

if submitted and files:
    with st.spinner(t("upload_building", lang)):
        report = instance.add_articles([(f.name, f.getvalue()) for f in files], data.warehouse_dir())
    st.session_state[REPORT_KEY] = report
    # Rerun the whole app: the sidebar and every page now read the new warehouse.
    st.rerun()
elif submitted:
    st.warning(t("upload_none", lang))

report = st.session_state.get(REPORT_KEY)
if report is not None:
    if not report.ok:
        st.error(t("upload_failed", lang), icon=":material/error:")
    elif report.saved:
        st.success(t("upload_done", lang, n=len(report.saved), v=md_escape(report.data_version or "—")),
                   icon=":material/check_circle:")
    else:
        st.info(t("upload_nothing_new", lang), icon=":material/info:")
    for label in report.saved:
        st.markdown(f"- `{label}`: " + t("upload_articles", lang, n=report.articles.get(label, 0)))
    for label in report.already:
        st.markdown(f"- `{label}`: " + t("upload_already", lang))
    if len(report.rejects):
        st.markdown(f"**{t('upload_rejects', lang, n=len(report.rejects))}**")
        st.dataframe(report.rejects, hide_index=True, placeholder="", width="stretch", column_config={
            "source_file": st.column_config.TextColumn(t("source_file", lang)),
            "reason": st.column_config.TextColumn(t("reject_reason", lang)),
            "detail": st.column_config.TextColumn(t("reject_detail", lang))})
    with st.expander(t("upload_log", lang), expanded=not report.ok):
        st.code(report.log or "—", language=None)

"""Articles: the filtered list, and a reader that highlights an article's mentions and lists its records."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.i18n import VOCABULARY_RU, label, t
from dashboard.markup import esc, highlight, md_escape, safe_url
from dashboard.ui import commit, context, flag, html, nothing_matches, reader_link

ctx = context()
lang, view, wh = ctx.lang, ctx.view, ctx.wh
PER_PAGE = 25
MENTION_COLOURS = {"country": "#ffe08a", "place": "#b9e4c9", "org": "#c6dbef", "person": "#f3c6e8",
                   "money": "#ffd0b0", "capacity": "#e0d4f7", "date": "#e5e5e5"}


def day(value) -> str:
    return value.date().isoformat() if isinstance(value, pd.Timestamp) and not pd.isna(value) else t("undated", lang)


def meta_html(row, margin: str = "-0.6rem 0 0.4rem 2rem") -> str:
    """Date · channel (or file) · source link · stub mark, for a row with those article columns."""
    parts = [esc(day(row["published"]))]
    source = row["channel"] if isinstance(row["channel"], str) and row["channel"].strip() else row["source_file"]
    parts.append(esc(source))
    if safe_url(row["url"]):
        parts.append(f'<a href="{esc(row["url"])}" target="_blank" rel="noopener noreferrer">'
                     f'{esc(t("source_link", lang))} ↗</a>')
    if flag(row["is_stub"]):
        parts.append(esc(t("stub", lang)))
    return f"<div style='color:#555;font-size:0.85rem;margin:{margin}'>{' · '.join(parts)}</div>"


def show_list() -> None:
    st.header(t("page_articles", lang))
    articles = view.articles
    st.caption(t("articles_count", lang, n=len(articles), undated=view.n_undated)
               + (" · " + t("ts_excluded_undated", lang, n=view.n_excluded_undated) if view.n_excluded_undated else ""))
    if articles.empty:
        if ctx.state.filters.active:
            nothing_matches(ctx)
        else:
            st.info(t("no_articles", lang), icon=":material/article:")
        return
    pages = max(1, math.ceil(len(articles) / PER_PAGE))
    number = 1
    if pages > 1:
        number = st.number_input(t("articles_page", lang), min_value=1, max_value=pages, value=1, step=1,
                                 key="w_article_page")
    for _, row in articles.iloc[(number - 1) * PER_PAGE: number * PER_PAGE].iterrows():
        reader_link(ctx, row["article_id"], row["display_title"])
        html(meta_html(row))


def show_reader(article_id: str) -> None:
    row = data.article_text(wh, article_id)
    if st.button(t("back_to_list", lang), icon=":material/arrow_back:"):
        commit(ctx, ctx.state.replace(article=None))
        st.rerun()
    if row is None:
        st.warning(t("article_not_found", lang, article=md_escape(article_id)))
        return
    html(f"<h2 style='margin:0.2rem 0'>{esc(row['display_title'])}</h2>")
    basis = row["date_basis"] if isinstance(row["date_basis"], str) else "none"
    html(meta_html(row, margin="0 0 0.4rem 0")
         + f"<div style='color:#777;font-size:0.8rem'>{esc(t('date_basis', lang))}: {esc(basis)} · "
           f"{esc(t('source_file', lang))}: {esc(row['source_file'])}</div>")

    text_column, records_column = st.columns([3, 2], gap="large")
    mentions = data.article_mentions(wh, article_id)
    with text_column:
        spans = [(m.start, m.end, m.kind, f"{label('mention', m.kind, lang) if lang == 'ru' else m.kind}"
                  + (f" · {m.entity_id}" if isinstance(m.entity_id, str) else ""))
                 for m in mentions.itertuples(index=False) if pd.notna(m.start) and pd.notna(m.end)]
        kinds = sorted({s[2] for s in spans if isinstance(s[2], str)})
        if kinds:
            legend = " ".join(f"<mark class='mention mention-{esc(k)}'>{esc(VOCABULARY_RU['mention'].get(k, k) if lang == 'ru' else k)}</mark>"
                              for k in kinds if k.isalpha())
            html(f"{_MARK_STYLE}<div style='font-size:0.85rem'>{esc(t('mentions_legend', lang))}: {legend}</div>")
        body = highlight(row["text"], spans).replace("\n", "<br>")
        html(f"{_MARK_STYLE}<div class='ca-article' style='line-height:1.6;font-size:1rem;max-width:52rem'>{body}</div>")
    with records_column:
        st.subheader(t("records_from_article", lang))
        found = data.article_records(wh, article_id)
        if not any(len(f) for f in found.values()):
            st.caption(t("no_records_from_article", lang))
        for kind, frame, key in (("route", found["routes"], "route_id"), ("project", found["projects"], "project_id")):
            for rec in frame.itertuples(index=False):
                target = ctx.state.replace(page="map", record=f"{kind}:{getattr(rec, key)}", article=None)
                names = (rec.name_ru, rec.name_en) if lang == "ru" else (rec.name_en, rec.name_ru)
                name = next((n for n in names if isinstance(n, str) and n.strip()), getattr(rec, key))
                st.page_link(ctx.pages["map"], label=md_escape(f"{t('Routes' if kind == 'route' else 'Projects', lang)}: "
                                                               f"{name} · {label('status', rec.status, lang)}"),
                             query_params=target.to_query(), icon=":material/map:")
        for rec in found["deals"].itertuples(index=False):
            target = ctx.state.replace(page="tables", record=f"deal:{rec.deal_id}", article=None)
            st.page_link(ctx.pages["tables"], label=md_escape(f"{t('Deals', lang)}: {label('kind', rec.kind, lang)} · "
                                                              f"{', '.join(rec.parties) or '—'}"),
                         query_params=target.to_query(), icon=":material/handshake:")
        if len(found["evidence"]):
            st.markdown(f"**{t('evidence', lang)}**")
            for ev in found["evidence"].itertuples(index=False):
                html(f"<blockquote style='margin:4px 0;padding:4px 10px;border-left:3px solid #1f5f8b;background:#f6f8fa'>"
                     f"<div style='font-size:0.8rem;color:#555'>{esc(ev.record_type)} {esc(ev.record_id)} · "
                     f"{esc(ev.field)}: <b>{esc(ev.value)}</b></div>«{esc(ev.quote)}»</blockquote>")


_MARK_STYLE = "<style>" + "".join(
    f".mention-{kind}{{background:{colour};padding:0 2px;border-radius:3px}}" for kind, colour in MENTION_COLOURS.items()
) + "</style>"

if ctx.state.article:
    show_reader(ctx.state.article)
else:
    show_list()

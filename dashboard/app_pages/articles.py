"""Articles: the filtered list (with the searched words in context), and a reader that highlights the search
hits and the article's mentions, each mention a link: a country to the map filtered on it, a record's
place, partner or party to the record's page, any other name to a search for it."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import data, search, story_groups, units
from dashboard.data import as_list
from dashboard.dossier import source_label
from dashboard.i18n import bilingual, label, t
from dashboard.markup import app_anchor, esc, md_escape, safe_url
from dashboard.ui import (
    commit, context, flag, gaps_notice, html, nothing_matches, page_href, reader_link, record_link,
)
from etl.schema import APPROXIMATE_DATE_BASES

ctx = context()
lang, view, wh = ctx.lang, ctx.view, ctx.wh
PER_PAGE = 25
MENTION_COLOURS = {"country": "#ffe08a", "place": "#b9e4c9", "org": "#c6dbef", "person": "#f3c6e8",
                   "money": "#ffd0b0", "capacity": "#e0d4f7", "date": "#e5e5e5"}
query = search.compile_query(ctx.state.q) if ctx.state.q else None


def day(value, basis=None) -> str:
    text = units.day(value, lang)
    if text is None:
        return t("undated", lang)
    return f"≈ {text}" if basis in APPROXIMATE_DATE_BASES else text


def meta_html(row, margin: str = "-0.6rem 0 0.4rem 2rem") -> str:
    """Date · outlet (or file and post) · the original, if http(s) · stub mark."""
    parts = [esc(day(row["published"], row.get("date_basis")))]
    parts.append(esc(source_label(row, lang)))
    if safe_url(row["url"]):
        parts.append(f'<a href="{esc(row["url"])}" target="_blank" rel="noopener noreferrer">'
                     f'{esc(t("open_source", lang))} ↗</a>')
    if flag(row["is_stub"]):
        parts.append(esc(t("stub", lang)))
    return f"<div style='color:#555;font-size:0.85rem;margin:{margin}'>{' · '.join(parts)}</div>"


def show_list() -> None:
    st.header(t("page_articles", lang))
    total = view.n_articles
    st.caption(t("articles_count", lang, n=total, undated=view.n_undated))
    gaps_notice(ctx, ("articles",), key="articles_gaps")
    if query is not None:
        st.caption(t("search_whole_words", lang, q=ctx.state.q))
    if not total:
        if ctx.state.filters.active:
            nothing_matches(ctx)
        else:
            st.info(t("no_articles", lang), icon=":material/article:")
        return
    pages = max(1, math.ceil(total / PER_PAGE))
    number = 1
    if pages > 1:
        number = st.number_input(t("articles_page", lang), min_value=1, max_value=pages, value=1, step=1,
                                 key="w_article_page")
    shown = view.article_page((number - 1) * PER_PAGE, PER_PAGE)  # only the page's articles are fetched
    texts = wh.texts(shown["article_id"]) if query is not None else None
    in_story, story_notes = story_groups.page_groups(ctx, shown)  # one story's articles under its first
    for _, row in shown.iterrows():
        if row["article_id"] in in_story:
            continue
        reader_link(ctx, row["article_id"], row["display_title"])
        snippet = search.snippet_html(texts.get(row["article_id"], ""), query) if texts is not None else ""
        html(meta_html(row) + (f"{_HIT_STYLE}<div class='ca-snippet'>{snippet}</div>" if snippet else "")
             + story_notes.get(row["article_id"], ""))


def entity_targets() -> dict[str, str]:
    """Normalised name → the record key it belongs to (places, partners, parties and names of records)."""
    targets: dict[str, str] = {}
    projects = wh.df("SELECT project_id, place, partners FROM projects ORDER BY row")
    routes = wh.df("SELECT route_id, name_ru, name_en FROM routes ORDER BY row")
    for _, p in projects.iterrows():
        key = f"project:{p['project_id']}"
        for name in [p.get("place"), *as_list(p.get("partners"))]:
            if isinstance(name, str) and name.strip():
                targets.setdefault(search.normalise(name), key)
    for _, r in routes.iterrows():
        for name in (r.get("name_ru"), r.get("name_en")):
            if isinstance(name, str) and name.strip():
                targets.setdefault(search.normalise(name), f"route:{r['route_id']}")
    return targets


def mention_link(m, targets: dict[str, str], evidence_keys: dict[tuple[int, int], str]) -> str | None:
    """Where a mention leads: a country → the map filtered on it; a value or name a record's evidence
    holds, or a record's place or partner → the record's page; another name → a search for it."""
    if m.kind == "country" and isinstance(m.entity_id, str):
        return page_href(ctx, ctx.state.replace(page="map", countries=(m.entity_id,), article=None, record=None))
    for (s, e), key in evidence_keys.items():
        if s <= int(m.start) and int(m.end) <= e:
            return page_href(ctx, ctx.state.replace(page="record", record=key, article=None))
    for name in (m.normal, m.surface):
        key = targets.get(search.normalise(name)) if isinstance(name, str) else None
        if key:
            return page_href(ctx, ctx.state.replace(page="record", record=key, article=None))
    if m.kind in ("place", "org", "person") and isinstance(m.normal, str) and m.normal.strip():
        return page_href(ctx, ctx.state.replace(page="articles", q=m.normal, article=None, record=None))
    return None


def article_html(text: str, mentions: pd.DataFrame, article_id: str) -> tuple[str, int]:
    """The text with search hits marked (they win over mentions) and mentions as links; (HTML, hits)."""
    text = text if isinstance(text, str) else ""
    hits = search.hits(text, query)
    targets = wh.memo("entity_targets", entity_targets)
    ev = wh.evidence("article_id = ?", [article_id])
    evidence_keys = {(int(s), int(e)): f"{'project' if k == 'project_group' else k}:{r}"
                     for k, r, s, e in zip(ev["record_type"], ev["record_id"], ev["start"], ev["end"])
                     if k != "project_group" and pd.notna(s) and pd.notna(e)}
    spans = []
    for m in mentions.itertuples(index=False):
        if pd.isna(m.start) or pd.isna(m.end) or not (0 <= int(m.start) < int(m.end) <= len(text)):
            continue
        if any(int(m.start) < e and s < int(m.end) for s, e in hits):
            continue
        kind = m.kind if isinstance(m.kind, str) and m.kind.isalpha() else "other"
        title = label("mention", m.kind, lang) + (f" · {m.entity_id}" if isinstance(m.entity_id, str) else "")
        spans.append((int(m.start), int(m.end), "mention", kind, title, mention_link(m, targets, evidence_keys)))
    spans += [(s, e, "hit", "hit", t("search_hit", lang), None) for s, e in hits]
    spans.sort(key=lambda s: (s[0], -s[1]))
    out, cursor, first = [], 0, True
    for start, end, what, kind, title, href in spans:
        if start < cursor:
            continue
        out.append(esc(text[cursor:start]))
        inner = esc(text[start:end])
        if what == "hit":
            anchor = " id='ca-first-hit'" if first else ""
            first = False
            out.append(f"<mark class='ca-hit'{anchor} title='{esc(title)}'>{inner}</mark>")
        else:
            mark = f'<mark class="mention mention-{kind}" title="{esc(title)}">{inner}</mark>'
            out.append(app_anchor(href, mark))
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out).replace("\n", "<br>"), len(hits)


def show_reader(article_id: str) -> None:
    row = wh.article(article_id)
    if st.button(t("back_to_list", lang), icon=":material/arrow_back:"):
        commit(ctx, ctx.state.replace(article=None))
        st.rerun()
    if row is None:
        st.warning(t("article_not_found", lang, article=md_escape(article_id)))
        return
    html(f"<h2 style='margin:0.2rem 0'>{esc(row['display_title'])}</h2>")
    basis = row["date_basis"] if isinstance(row["date_basis"], str) else "none"
    clue = row.get("date_clue") if isinstance(row.get("date_clue"), str) else None
    how = label("date_basis", basis, lang) + (f" («{clue}»)" if clue and basis not in ("header", "metadata") else "")
    html(meta_html(row, margin="0 0 0.4rem 0")
         + f"<div style='color:#777;font-size:0.8rem'>{esc(t('date_basis', lang))}: {esc(how)} · "
           f"{esc(t('source_file', lang))}: {esc(row['source_file'])}"
           + (f" · {esc(row['source_item'])}" if isinstance(row.get("source_item"), str) else "") + "</div>")

    text_column, records_column = st.columns([3, 2], gap="large")
    mentions = wh.mentions_of(article_id)
    with text_column:
        body, n_hits = article_html(row["text"], mentions, article_id)
        if query is not None:
            note = t("search_hits", lang, n=n_hits, q=ctx.state.q) if n_hits else t("search_no_hits", lang, q=ctx.state.q)
            html(f"<div style='font-size:0.85rem'>{esc(note)}"
                 + (" · <a href='#ca-first-hit'>" + esc(t("search_first_hit", lang)) + "</a>" if n_hits else "")
                 + "</div>")
        kinds = sorted({m for m in mentions["kind"] if isinstance(m, str) and m.isalpha()})
        if kinds:
            legend = " ".join(f"<mark class='mention mention-{esc(k)}'>{esc(label('mention', k, lang))}</mark>"
                              for k in kinds)
            html(f"{_MARK_STYLE}<div style='font-size:0.85rem'>{esc(t('mentions_legend', lang))}: {legend}"
                 f" <span style='color:#667'>({esc(t('mentions_links', lang))})</span></div>")
        html(f"{_MARK_STYLE}<div class='ca-article' style='line-height:1.6;font-size:1rem;max-width:52rem'>{body}</div>")
    with records_column:
        st.subheader(t("records_from_article", lang))
        found = data.article_records(wh, article_id)
        if not any(len(f) for f in found.values()):
            st.caption(t("no_records_from_article", lang))
        for kind, frame, key in (("route", found["routes"], "route_id"), ("project", found["projects"], "project_id")):
            for rec in frame.itertuples(index=False):
                name = bilingual(rec.name_en, rec.name_ru, lang)
                record_link(ctx, f"{kind}:{getattr(rec, key)}",
                            f"{t('Routes' if kind == 'route' else 'Projects', lang)}: {name} · {label('status', rec.status, lang)}",
                            icon=":material/route:" if kind == "route" else ":material/factory:")
        for rec in found["deals"].itertuples(index=False):
            record_link(ctx, f"deal:{rec.deal_id}", f"{t('Deals', lang)}: {label('kind', rec.kind, lang)} · "
                        f"{', '.join(rec.parties) or '—'}", icon=":material/handshake:")


_MARK_STYLE = "<style>" + "".join(
    f".mention-{kind}{{background:{colour};padding:0 2px;border-radius:3px}}" for kind, colour in MENTION_COLOURS.items()
) + ".ca-article a{color:inherit;text-decoration:none}.ca-article a mark{border-bottom:1px solid #888}" \
    "mark.ca-hit{background:#ff9800;color:#000;padding:0 2px;border-radius:3px;outline:2px solid #e65100}</style>"
_HIT_STYLE = "<style>.ca-snippet{color:#333;font-size:.88rem;margin:-0.3rem 0 0.6rem 2rem}" \
    "mark.ca-hit{background:#ff9800;color:#000;padding:0 2px;border-radius:3px}</style>"

if ctx.state.article:
    show_reader(ctx.state.article)
else:
    show_list()

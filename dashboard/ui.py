"""Streamlit pieces shared by the pages: the run's context, URL updates, links, record cards, gaps, empty states."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

import streamlit as st

from dashboard import data, dossier
from dashboard.exports import describe_filters
from dashboard.data import Store, View, WarehouseInfo, as_list
from dashboard.i18n import bilingual, label, t
from dashboard.markup import app_anchor, esc, md_escape, safe_url
from dashboard.state import ViewState

CONTEXT_KEY = "_ca_context"
WRITTEN_QUERY_KEY = "_ca_written_query"


@dataclass
class Context:
    """What the entry script worked out for this run, handed to the page it runs."""

    state: ViewState
    info: WarehouseInfo
    wh: Store  # the warehouse through DuckDB (`dashboard.db.Store`)
    view: View
    pages: dict  # page key → st.Page
    app_base: str = "/"

    @property
    def lang(self) -> str:
        return self.state.lang


def set_context(ctx: Context) -> None:
    st.session_state[CONTEXT_KEY] = ctx


def context() -> Context:
    ctx = st.session_state.get(CONTEXT_KEY)
    if ctx is None:  # a page opened without the entry script (should not happen under st.navigation)
        st.stop()
    return ctx


def write_query(state: ViewState) -> dict[str, str]:
    """Make the address bar show `state`, and remember that this run wrote it."""
    query = state.to_query()
    # Also when the server already holds `query`: an in-app link to the page the browser is on reruns
    # with the link's query string but leaves the address bar as it was until the app writes it.
    if st.query_params.to_dict() != query or st.session_state.get(WRITTEN_QUERY_KEY) != query:
        st.query_params.from_dict(query)
    st.session_state[WRITTEN_QUERY_KEY] = query
    return query


def commit(ctx: Context, state: ViewState) -> None:
    """Adopt a state change made on a page (a map click, a selected row): URL and context follow."""
    if state != ctx.state:
        ctx.state = state
        write_query(state)


# ---------------------------------------------------------------- links


def reader_link(ctx: Context, article_id: str, title: str, *, key: str | None = None) -> None:
    """An in-app link that opens the article reader on `article_id`, keeping the filters."""
    state = ctx.state.replace(page="articles", article=article_id)
    st.page_link(ctx.pages["articles"], label=md_escape(title) or "—", query_params=state.to_query(),
                 icon=":material/article:")


def record_link(ctx: Context, key: str, text: str, *, icon: str = ":material/description:") -> None:
    """An in-app link to a record's own page, keeping the filters."""
    state = ctx.state.replace(page="record", record=key, article=None)
    st.page_link(ctx.pages["record"], label=md_escape(text) or "—", query_params=state.to_query(), icon=icon)


def page_href(ctx: Context, state: ViewState) -> str:
    """The app path of a view, for an <a> in HTML built here (`markup.app_link` checks it)."""
    path = "" if state.page == "map" else state.page
    return f"{ctx.app_base.rstrip('/')}/{path}?{urlencode(state.to_query(), quote_via=quote, safe='')}"


def reader_href(ctx: Context, article_id: str) -> str:
    return page_href(ctx, ctx.state.replace(page="articles", article=article_id, record=None))


def record_href(ctx: Context, key: str) -> str:
    return page_href(ctx, ctx.state.replace(page="record", record=key, article=None))


def source_html(ctx: Context, source: "dossier.Source | None", *, title: bool = False) -> str:
    """Outlet · date (≈ when approximate, with how it was found) · read in the app · the original."""
    lang = ctx.lang
    if source is None:
        return f"<span class='ca-src'>{esc(t('source_unknown', lang))}</span>"
    parts = []
    if title:
        parts.append(f"<b>{esc(source.title)}</b>")
    parts.append(esc(source.source_label))
    date = esc(source.date_text)
    if source.approximate or source.date_basis == "inferred":
        how = label("date_basis", source.date_basis, lang) + (f": «{source.date_clue}»" if source.date_clue else "")
        date = f"<span class='ca-approx' title='{esc(how)}'>{date}</span>"
    parts.append(date)
    parts.append(app_anchor(reader_href(ctx, source.article_id), esc(t("read_article", lang))))
    if safe_url(source.url):
        parts.append(f'<a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer">'
                     f'{esc(t("open_source", lang))} ↗</a>')
    return f"<span class='ca-src'>{' · '.join(parts)}</span>"


def external_link_html(url: object, label_text: str) -> str:
    href = safe_url(url)
    if not href:
        return ""
    return f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">{esc(label_text)}</a>'


def html(fragment: str) -> None:
    """Render HTML built only from `markup.esc`-escaped strings (nothing for an empty fragment)."""
    if fragment:
        st.html(fragment)


# ---------------------------------------------------------------- empty states


def nothing_matches(ctx: Context) -> None:
    st.info(md_escape(t("nothing_matches", ctx.lang, filters=describe_filters(ctx.state))), icon=":material/filter_alt_off:")
    if st.button(t("clear_filters", ctx.lang), key="clear_filters_empty"):
        clear_filters(ctx)


def clear_filters(ctx: Context) -> None:
    state = ViewState(page=ctx.state.page, lang=ctx.state.lang, v=ctx.state.v)
    write_query(state)
    st.session_state[WRITTEN_QUERY_KEY] = None  # widgets follow the URL on the rerun
    st.rerun()


def table_message(ctx: Context, table: str) -> None:
    """Why a table is empty: nothing in the warehouse yet, or nothing under these filters."""
    total = ctx.view.totals.get(table, 0)
    name = t(table, ctx.lang)
    if total == 0:
        st.info(t("table_empty_in_warehouse", ctx.lang, table=name), icon=":material/inbox:")
    else:
        st.info(md_escape(t("table_filtered_out", ctx.lang, table=name, total=total)) + "  \n"
                + md_escape(describe_filters(ctx.state)), icon=":material/filter_alt:")


# ---------------------------------------------------------------- gaps


def gap_notes(ctx: Context, tables: tuple[str, ...] = ("routes", "projects", "deals", "articles")) -> list[str]:
    """Sentences saying how many rows of `tables` the filters hide for lack of a date or a country."""
    lang, gaps = ctx.lang, ctx.view.gaps or {}
    notes = []
    for kind in ("undated", "unplaced"):
        found = gaps.get(kind) or {}
        counts = {name: found[name] for name in tables if found.get(name)}
        if counts:
            listed = ", ".join(t(f"gap_{name}", lang, n=n) for name, n in counts.items())
            notes.append(t(f"gap_{kind}", lang, items=listed))
    return notes


def gaps_notice(ctx: Context, tables: tuple[str, ...] = ("routes", "projects", "deals", "articles"),
                *, key: str = "gaps") -> None:
    """What the filters hide for lack of a date or place, with a button that keeps the undated rows."""
    notes = gap_notes(ctx, tables)
    filters = ctx.state.filters
    if not notes and not (filters.dated and ctx.state.undated):
        return
    with st.container(key=f"ca_{key}"):
        for note in notes:
            st.caption(f":material/visibility_off: {md_escape(note)}")
        if filters.dated and any((ctx.view.gaps.get("undated") or {}).get(n) for n in tables):
            if st.button(t("include_undated_button", ctx.lang), key=f"{key}_undated", icon=":material/event_available:"):
                include_undated(ctx, True)
        elif filters.dated and ctx.state.undated:
            st.caption(f":material/event_available: {md_escape(t('undated_included', ctx.lang))}")


def include_undated(ctx: Context, value: bool) -> None:
    write_query(ctx.state.replace(undated=value))
    st.session_state[WRITTEN_QUERY_KEY] = None  # the sidebar's switch follows the URL on the rerun
    st.rerun()


# ---------------------------------------------------------------- records


OPTIONS_PER_KIND = 300  # records of each kind a record picker lists (the map and the tables reach the rest)


def record_options(view: View, lang: str) -> dict[str, str]:
    """record key → label, for the corridors and projects in the view (then the deals), at most
    OPTIONS_PER_KIND of each (the first the view fetched: the most reported where it is cut)."""
    options = {}
    for row in view.head("route", OPTIONS_PER_KIND).itertuples(index=False):
        options[f"route:{row.route_id}"] = f"{t('kind_route', lang)}: {bilingual(row.name_en, row.name_ru, lang)}"
    for row in view.head("project", OPTIONS_PER_KIND).itertuples(index=False):
        options[f"project:{row.project_id}"] = f"{t('kind_project', lang)}: {bilingual(row.name_en, row.name_ru, lang)}"
    for row in view.head("deal", OPTIONS_PER_KIND, columns=("deal_id", "kind", "parties")).itertuples(index=False):
        parties = ", ".join(row.parties) or "—"
        options[f"deal:{row.deal_id}"] = f"{t('kind_deal', lang)}: {label('kind', row.kind, lang)} · {parties}"
    return options


@st.cache_resource(show_spinner=False, max_entries=256)
def record_dossier(resolved: str, version: str, key: str, lang: str) -> "dossier.Dossier | None":
    """A record's dossier, made once per data version and language (pages only read it)."""
    store = data.load_store(resolved, version)
    kind, _, record_id = key.partition(":")
    row = store.record_row(kind, record_id)
    if row is None:
        return None
    return dossier.build(data.record_slice(store, kind, record_id, row), kind, record_id, row, lang,
                         data.country_names(store))


def dossier_of(ctx: Context, key: str) -> "dossier.Dossier | None":
    return record_dossier(str(ctx.info.resolved), ctx.info.version, key, ctx.lang)


def conflict_key(figure: "dossier.Figure") -> str:
    """Articles disagree, or one article states several values."""
    articles = {c.source.article_id for c in figure.claims if c.source}
    return "conflict" if len(articles) > 1 else "conflict_one_article"


def record_card(ctx: Context, record: str | None, *, key: str = "card") -> None:
    """The compact form of a record beside the map or under a table: what it is, its main figures with
    their sources counted, and the way to its page."""
    if not record:
        return
    lang = ctx.lang
    found = dossier_of(ctx, record)
    if found is None:
        st.warning(t("record_not_found", lang, record=md_escape(record)))
        return
    kind, _, record_id = record.partition(":")
    hidden = not ctx.view.contains(kind, record_id)
    rows = []
    for figure in found.figures[:6]:
        if figure.field == "mention" or not figure.value_text:
            continue
        mark = f" <span class='ca-badge ca-conflict'>{esc(t(conflict_key(figure), lang))}</span>" if figure.conflict else ""
        group = f" <span class='ca-badge'>{esc(t('group_figure_short', lang))}</span>" if figure.group else ""
        rows.append(f"<tr><th>{esc(figure.label)}</th><td>{esc(figure.value_text)}{mark}{group}</td></tr>")
    facts = " · ".join(esc(v) for _, v in found.facts[:2])
    html(f"{RECORD_STYLE}<div class='ca-card'><div class='ca-card-kind'>{esc(t('kind_' + kind, lang))}</div>"
         f"<div class='ca-card-title'>{esc(found.title)}</div>"
         + (f"<div class='ca-card-sub'>{esc(found.subtitle)}</div>" if found.subtitle else "")
         + (f"<div class='ca-card-facts'>{facts}</div>" if facts else "")
         + f"<table class='ca-card-table'>{''.join(rows)}</table>"
         + f"<div class='ca-card-count'>{esc(t('card_sources', lang, n=len(found.sources), s=len(found.sentences)))}</div>"
         + "</div>")
    if hidden:
        st.caption(t("record_filtered_out", lang))
    record_link(ctx, record, t("open_record_page", lang), icon=":material/open_in_full:")


RECORD_STYLE = """<style>
.ca-card { border: 1px solid #d9dee3; border-radius: 8px; padding: 10px 12px; background: #fbfcfd; }
.ca-card-kind { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: #667; }
.ca-card-title { font-size: 1.1rem; font-weight: 700; line-height: 1.25; overflow-wrap: anywhere; }
.ca-card-sub { color: #555; overflow-wrap: anywhere; }
.ca-card-facts { color: #444; font-size: .85rem; margin: 2px 0 6px; }
.ca-card-table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.ca-card-table th { text-align: left; font-weight: 500; color: #555; padding: 2px 8px 2px 0; vertical-align: top;
  white-space: nowrap; border: none; }
.ca-card-table td { padding: 2px 0; border: none; overflow-wrap: anywhere; }
.ca-card-count { color: #667; font-size: .8rem; margin-top: 6px; }
.ca-badge { display: inline-block; font-size: .72rem; padding: 0 6px; border-radius: 9px; background: #e8edf2;
  color: #334; vertical-align: middle; white-space: nowrap; }
.ca-conflict { background: #fde2c8; color: #8a3b00; }
.ca-shown-badge { background: #d4edda; color: #1e5b2c; }
.ca-src { color: #555; font-size: .82rem; overflow-wrap: anywhere; }
.ca-approx { border-bottom: 1px dotted #888; cursor: help; }
mark.ca-val { background: #ffe08a; padding: 0 2px; border-radius: 3px; }
mark.ca-hit { background: #ffb347; padding: 0 2px; border-radius: 3px; }
</style>"""


def flag(value) -> bool:
    """A nullable boolean cell as a plain bool (null → False)."""
    return value is not None and value == value and bool(value)

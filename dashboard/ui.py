"""Streamlit pieces shared by the pages: the run's context, URL updates, links, record panels, empty states."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.data import View, Warehouse, WarehouseInfo, as_list
from dashboard.i18n import bilingual, label, t
from dashboard.markup import esc, md_escape, safe_url
from dashboard.state import ViewState

CONTEXT_KEY = "_ca_context"
WRITTEN_QUERY_KEY = "_ca_written_query"


@dataclass
class Context:
    """What the entry script worked out for this run, handed to the page it runs."""

    state: ViewState
    info: WarehouseInfo
    wh: Warehouse
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


def external_link_html(url: object, label_text: str) -> str:
    href = safe_url(url)
    if not href:
        return ""
    return f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">{esc(label_text)}</a>'


def html(fragment: str) -> None:
    """Render HTML built only from `markup.esc`-escaped strings."""
    st.html(fragment)


# ---------------------------------------------------------------- empty states


def describe_filters(state: ViewState) -> str:
    f = state.filters
    lang = state.lang
    parts = []
    if f.countries:
        parts.append(f"{t('countries', lang)}: {', '.join(f.countries)}")
    if f.sectors:
        parts.append(f"{t('sectors', lang)}: {', '.join(label('sector', s, lang) for s in f.sectors)}")
    if f.status:
        parts.append(f"{t('status', lang)}: {', '.join(label('status', s, lang) for s in f.status)}")
    if f.date_from or f.date_to:
        parts.append(f"{(f.date_from or '…')} – {(f.date_to or '…')}")
    if f.q:
        parts.append(f"«{f.q}»")
    return "; ".join(parts)


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


# ---------------------------------------------------------------- records


def record_options(view: View, lang: str) -> dict[str, str]:
    """record key → label, for the corridors and projects in the view (then the deals)."""
    options = {}
    for row in view.routes.itertuples(index=False):
        options[f"route:{row.route_id}"] = f"{t('Routes', lang)}: {bilingual(row.name_en, row.name_ru, lang)}"
    for row in view.projects.itertuples(index=False):
        options[f"project:{row.project_id}"] = f"{t('Projects', lang)}: {bilingual(row.name_en, row.name_ru, lang)}"
    for row in view.deals.itertuples(index=False):
        parties = ", ".join(row.parties) or "—"
        options[f"deal:{row.deal_id}"] = f"{t('Deals', lang)}: {label('kind', row.kind, lang)} · {parties}"
    return options


def record_panel(ctx: Context, record: str | None) -> None:
    """A record's fields, its evidence (quoted sentences) and the articles behind it."""
    if not record:
        return
    lang = ctx.lang
    kind, _, record_id = record.partition(":")
    row = data.record_row(ctx.wh, kind, record_id)
    if row is None:
        st.warning(t("record_not_found", lang, record=md_escape(record)))
        return
    frame = {"route": ctx.view.routes, "project": ctx.view.projects, "deal": ctx.view.deals}[kind]
    if record_id not in set(frame[f"{kind}_id"]):
        st.caption(t("record_filtered_out", lang))

    if kind == "deal":
        title = f"{label('kind', row['kind'], lang)}: {', '.join(row['parties']) or '—'}"
        subtitle = ""
    else:
        title = row["name_en"] if isinstance(row["name_en"], str) else record_id
        subtitle = row["name_ru"] if isinstance(row["name_ru"], str) else ""
        if lang == "ru" and subtitle:
            title, subtitle = subtitle, title
    html(f"<div class='ca-record'><div style='font-size:1.15rem;font-weight:700'>{esc(title)}</div>"
         f"<div style='color:#555'>{esc(subtitle)}</div></div>")
    st.dataframe(pd.DataFrame(record_fields(row, kind, lang), columns=[t("field", lang), t("field_value", lang)]),
                 hide_index=True, width="stretch")

    evidence = data.record_evidence(ctx.wh, kind, record_id)
    st.markdown(f"**{t('evidence', lang)}**")
    if evidence.empty:
        st.caption(t("no_evidence", lang))
    for i, ev in enumerate(evidence.itertuples(index=False)):
        shown = f" ({t('shown_value', lang)})" if flag(ev.shown) else ""
        html(f"<blockquote style='margin:4px 0;padding:4px 10px;border-left:3px solid #1f5f8b;background:#f6f8fa'>"
             f"<div style='font-size:0.8rem;color:#555'>{esc(ev.field)}: <b>{esc(ev.value)}</b>{esc(shown)}</div>"
             f"«{esc(ev.quote)}»</blockquote>")
        if isinstance(ev.article_id, str):
            date = ev.published.date().isoformat() if isinstance(ev.published, pd.Timestamp) and not pd.isna(ev.published) else t("undated", lang)
            reader_link(ctx, ev.article_id, f"{ev.display_title if isinstance(ev.display_title, str) else ev.article_id} ({date})")

    ids = data.record_article_ids(ctx.wh, kind, row)
    others = data.articles_by_id(ctx.wh, [a for a in ids if a not in set(evidence["article_id"])])
    if len(others):
        st.markdown(f"**{t('sources', lang)}**")
        for art in others.itertuples(index=False):
            date = art.published.date().isoformat() if isinstance(art.published, pd.Timestamp) and not pd.isna(art.published) else t("undated", lang)
            reader_link(ctx, art.article_id, f"{art.display_title} ({date})")


def flag(value) -> bool:
    """A nullable boolean cell as a plain bool (null → False)."""
    return value is not None and value == value and bool(value)


def record_fields(row: pd.Series, kind: str, lang: str) -> list[tuple[str, str]]:
    from dashboard.maps import format_amount

    def day(value):
        return value.date().isoformat() if isinstance(value, pd.Timestamp) and not pd.isna(value) else None

    def text(value):
        return value if isinstance(value, str) and value.strip() else None

    if kind == "route":
        fields = [
            (t("status", lang), label("status", row["status"], lang)
             + (f" ({t('conflict', lang)})" if flag(row.get("status_conflict")) else "")),
            (t("mode", lang), label("mode", row["mode"], lang)),
            (t("sector", lang), label("sector", row["sector"], lang)),
            (t("countries", lang), " → ".join(row["countries"]) or None),
            (t("first_seen", lang), day(row["first_seen"])),
            (t("last_seen", lang), day(row["last_seen"])),
            (t("n_articles", lang), str(int(row["n_articles"] or 0))),
        ]
    elif kind == "project":
        fields = [
            (t("status", lang), label("status", row["status"], lang)),
            (t("sector", lang), label("sector", row["sector"], lang)),
            (t("subsector", lang), text(row["subsector"])),
            (t("conflict", lang).capitalize(), ", ".join(as_list(row.get("conflicts"))) or None),
            (t("place", lang), text(row["place"])),
            (t("country", lang), text(row["country_iso3"])),
            (t("partners", lang), ", ".join(row["partners"]) or None),
            (t("capacity", lang), format_amount(row["capacity_value"], row["capacity_unit"])),
            (t("cost", lang), format_amount(row["cost_amount"], row["cost_currency"])),
            (t("cost_usd", lang), format_amount(row["cost_usd"], "USD")),
            (t("target_year", lang), str(int(row["target_year"])) if pd.notna(row["target_year"]) else None),
            (t("first_seen", lang), day(row["first_seen"])),
            (t("last_seen", lang), day(row["last_seen"])),
            (t("n_articles", lang), str(int(row["n_articles"] or 0))),
        ]
    else:
        fields = [
            (t("kind", lang), label("kind", row["kind"], lang)),
            (t("parties", lang), ", ".join(row["parties"]) or None),
            (t("value", lang), format_amount(row["value_amount"], row["value_currency"])),
            (t("value_usd", lang), format_amount(row["value_usd"], "USD")),
            (t("date", lang), text(row["date"])),
            (t("sector", lang), label("sector", row["sector"], lang)),
            (t("sentence", lang), text(row["sentence"])),
        ]
    return [(k, v) for k, v in fields if v not in (None, "", "—")]

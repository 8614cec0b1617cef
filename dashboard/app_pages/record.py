"""A record's own page (`?page=record&record=project:…`): its figures first, each with the sentence it
comes from (the value highlighted), the outlet, date and article; conflicting values side by side;
the status over time; every distinct sentence once; related records; the sources. Without a record,
the page lists the records the filters keep, to choose one."""

from __future__ import annotations

import streamlit as st

from dashboard import charts as chart_style, data, dossier, exports, story_groups, traffic
from dashboard.i18n import t
from dashboard.markup import app_anchor, esc, md_escape
from dashboard.ui import (
    RECORD_STYLE, commit, conflict_key, context, dossier_of, gaps_notice, html, nothing_matches, page_href,
    record_link, record_options, source_html,
)

ctx = context()
lang, view, wh = ctx.lang, ctx.view, ctx.wh

PAGE_STYLE = """<style>
.ca-rec-kind { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #667; }
.ca-rec-title { font-size: 1.7rem; font-weight: 700; line-height: 1.2; margin: 2px 0; overflow-wrap: anywhere; }
.ca-rec-sub { color: #555; font-size: 1.05rem; overflow-wrap: anywhere; }
.ca-facts { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 2px; font-size: .92rem; }
.ca-facts span b { color: #555; font-weight: 500; }
.ca-figs { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 10px; }
.ca-fig { border: 1px solid #d9dee3; border-radius: 8px; padding: 8px 12px; background: #fff; min-width: 0; }
.ca-fig-label { font-size: .8rem; color: #556; text-transform: uppercase; letter-spacing: .03em; }
.ca-fig-value { font-size: 1.25rem; font-weight: 650; margin: 1px 0 4px; overflow-wrap: anywhere; }
.ca-fig-value a { color: inherit; text-decoration: underline dotted #889; }
.ca-claim { border-left: 3px solid #1f5f8b; padding: 2px 0 2px 8px; margin: 6px 0; }
.ca-claim.ca-not-shown { border-left-color: #c7ccd1; }
.ca-quote { font-size: .92rem; line-height: 1.45; overflow-wrap: anywhere; }
.ca-ref { font-size: .75rem; color: #1f5f8b; text-decoration: none; white-space: nowrap; }
.ca-conflicts { width: 100%; border-collapse: collapse; font-size: .88rem; margin: 4px 0; }
.ca-conflicts th, .ca-conflicts td { border-bottom: 1px solid #e3e6ea; padding: 3px 6px; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
/* The value column keeps its words whole ("construction", not "constructio/n") on a phone. */
.ca-conflicts td:first-child { overflow-wrap: break-word; }
.ca-why { font-size: .82rem; color: #444; margin: 2px 0 4px; }
.ca-timeline { list-style: none; margin: 0; padding: 0 0 0 4px; border-left: 2px solid #c7ccd1; }
.ca-timeline li { margin: 0 0 8px 0; padding-left: 12px; position: relative; }
.ca-timeline li::before { content: ""; position: absolute; left: -7px; top: .45em; width: 10px; height: 10px;
  border-radius: 50%; background: #9aa5b1; }
.ca-timeline li.ca-shown::before { background: #1a9850; }
.ca-tl-date { font-weight: 600; margin-right: 6px; }
.ca-sentence { border-left: 3px solid #e3e6ea; padding: 4px 0 4px 10px; margin: 8px 0; scroll-margin-top: 70px; }
.ca-sentence:target { border-left-color: #ff9800; background: #fff8e8; }
.ca-sentence-no { font-weight: 700; color: #1f5f8b; margin-right: 4px; }
.ca-fields { font-size: .78rem; color: #556; }
@media (max-width: 640px) {
  .ca-rec-title { font-size: 1.3rem; }
  .ca-figs { grid-template-columns: 1fr; gap: 8px; }
  .ca-fig { padding: 6px 10px; }
  .ca-fig-value { font-size: 1.1rem; }
  /* A figure's sentence in three lines (the value is near its start); each sentence is in full further down. */
  .ca-fig .ca-quote { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .ca-facts { gap: 2px 12px; font-size: .85rem; }
}
</style>"""


def choose() -> None:
    """No record named: pick one among those the filters keep."""
    st.header(t("page_record", lang))
    if view.empty and ctx.state.filters.active:
        nothing_matches(ctx)
        return
    options = record_options(view, lang)
    if not options:
        st.info(t("no_records_to_choose", lang), icon=":material/inbox:")
        return
    st.caption(t("record_choose_hint", lang, n=len(options)))
    chosen = st.selectbox(t("select_record", lang), [""] + list(options), key="w_record_page",
                          format_func=lambda k: options.get(k, t("none_selected", lang)),
                          placeholder=t("choose_record", lang))
    if chosen:
        commit(ctx, ctx.state.replace(record=chosen))
        st.rerun()
    gaps_notice(ctx, key="record_gaps")


def fact_html(name: str, value: str, found: dossier.Dossier) -> str:
    """A fact, linked where it leads somewhere: the country to the map filtered on it, the place to a search."""
    row = wh.record_row(found.kind, found.record_id)
    if row is not None and name == t("country", lang) and isinstance(row.get("country_iso3"), str):
        target = ctx.state.replace(page="map", countries=(row["country_iso3"],), record=None, article=None)
        return app_anchor(page_href(ctx, target), esc(value))
    if row is not None and name == t("place", lang) and isinstance(row.get("place"), str):
        target = ctx.state.replace(page="articles", q=row["place"], record=None, article=None)
        return app_anchor(page_href(ctx, target), esc(value))
    return esc(value)


def sentence_ref(number: int) -> str:
    return f"<a class='ca-ref' href='#ca-s{number}'>[{number}]</a>"


def claims_html(figure: dossier.Figure) -> str:
    """A figure's claims, one block per sentence (several values of one sentence highlighted together)."""
    blocks: dict[int, list[dossier.Claim]] = {}
    for claim in figure.claims:
        blocks.setdefault(claim.sentence, []).append(claim)
    out = []
    for number, claims in blocks.items():
        first = claims[0]
        spans = [(c.span[0], c.span[1], figure.label) for c in claims if c.span]
        lo = min((dossier.claim_window(first.quote, c.span)[0] for c in claims), default=0)
        hi = max((dossier.claim_window(first.quote, c.span)[1] for c in claims), default=len(first.quote))
        shown = any(c.shown for c in claims)
        values = ""
        elsewhere = [c.surface for c in claims if c.surface]
        if elsewhere:  # the words are elsewhere in the article (its title, another sentence): quote them
            values = "<div class='ca-why'>" + esc(t("value_elsewhere", lang, value=", ".join(
                f"«{w}»" for w in dict.fromkeys(elsewhere)))) + "</div>"
        css = "ca-claim" + ("" if shown or not figure.conflict else " ca-not-shown")
        out.append(f"<div class='{css}'><div class='ca-quote'>«{dossier.quote_html(first.quote, spans, window=(lo, hi))}»"
                   f" {sentence_ref(number)}</div>{values}{source_html(ctx, first.source)}</div>")
    return "".join(out)


def conflict_html(figure: dossier.Figure) -> str:
    """Every value the articles give, side by side: which the record shows, and why."""
    rows = []
    seen = set()
    for claim in sorted(figure.claims, key=lambda c: not c.shown):
        key = (str(claim.value), claim.source.article_id if claim.source else None)
        if key in seen:
            continue
        seen.add(key)
        mark = f"<span class='ca-badge ca-shown-badge'>{esc(t('shown_value', lang))}</span>" if claim.shown else ""
        rows.append(f"<tr><td><b>{esc(claim.value_text)}</b> {mark}</td><td>{source_html(ctx, claim.source)}</td>"
                    f"<td>{sentence_ref(claim.sentence)}</td></tr>")
    head = (f"<tr><th>{esc(t('conflict_value', lang))}</th><th>{esc(t('conflict_source', lang))}</th>"
            f"<th>{esc(t('conflict_sentence', lang))}</th></tr>")
    why = f"<div class='ca-why'>{esc(t('why_label', lang))}: {esc(figure.why)}</div>" if figure.why else ""
    return f"<table class='ca-conflicts'>{head}{''.join(rows)}</table>{why}"


def figure_html(figure: dossier.Figure) -> str:
    badges = ""
    if figure.conflict:
        badges += f" <span class='ca-badge ca-conflict'>{esc(t(conflict_key(figure), lang))}</span>"
    if figure.group:
        badges += f" <span class='ca-badge'>{esc(t('group_figure_short', lang))}</span>"
    note = f"<div class='ca-why'>{esc(t('group_figure', lang))}</div>" if figure.group else ""
    value = esc(figure.value_text or "—")
    if figure.field in ("partners", "parties") and figure.claims:
        # Each name leads to the articles that name it.
        names = list(dict.fromkeys(str(c.value) for c in figure.claims if isinstance(c.value, str)))
        value = ", ".join(app_anchor(page_href(ctx, ctx.state.replace(page="articles", q=n[:200], record=None,
                                                                      article=None)), esc(n)) for n in names)
    body = conflict_html(figure) if figure.conflict else ""
    evidence = claims_html(figure) if figure.claims else f"<div class='ca-why'>{esc(t('no_quote_for_field', lang))}</div>"
    return (f"<div class='ca-fig' data-field='{esc(figure.field)}'><div class='ca-fig-label'>{esc(figure.label)}{badges}</div>"
            f"<div class='ca-fig-value'>{value}</div>{note}{body}{evidence}</div>")


def timeline_html(steps: list[dossier.StatusStep]) -> str:
    ordered = sorted(steps, key=lambda s: (s.source is None or s.source.published is None,
                                          s.source.published if s.source and s.source.published is not None else 0))
    items = []
    for step in ordered:
        date = step.source.date_text if step.source else t("undated", lang)
        shown = f" <span class='ca-badge ca-shown-badge'>{esc(t('shown_value', lang))}</span>" if step.shown else ""
        items.append(f"<li class='{'ca-shown' if step.shown else ''}'><span class='ca-tl-date'>{esc(date)}</span>"
                     f"<b>{esc(step.label)}</b>{shown} {sentence_ref(step.sentence)}<br>{source_html(ctx, step.source)}</li>")
    return f"<ul class='ca-timeline'>{''.join(items)}</ul>"


def sentences_html(sentences: list[dossier.Sentence]) -> str:
    out = []
    for s in sentences:
        out.append(f"<div class='ca-sentence' id='ca-s{s.number}'><span class='ca-sentence-no'>[{s.number}]</span>"
                   f"<span class='ca-quote'>«{dossier.quote_html(s.quote, s.spans)}»</span>"
                   f"<div class='ca-fields'>{esc(t('supports', lang))}: {esc(', '.join(s.fields))}</div>"
                   f"{source_html(ctx, s.source, title=True)}</div>")
    return "".join(out)


def show(record: str) -> None:
    found = dossier_of(ctx, record)
    if found is None:
        st.header(t("page_record", lang))
        st.warning(t("record_not_found", lang, record=md_escape(record)))
        if st.button(t("choose_another", lang), icon=":material/list:"):
            commit(ctx, ctx.state.replace(record=None))
            st.rerun()
        return
    kind, _, record_id = record.partition(":")
    facts = "".join(f"<span><b>{esc(k)}:</b> {fact_html(k, v, found)}</span>" for k, v in found.facts)
    html(f"{RECORD_STYLE}{PAGE_STYLE}<div class='ca-record-page'><div class='ca-rec-kind'>{esc(t('kind_' + kind, lang))}</div>"
         f"<h1 class='ca-rec-title'>{esc(found.title)}</h1>"
         + (f"<div class='ca-rec-sub'>{esc(found.subtitle)}</div>" if found.subtitle else "")
         + f"<div class='ca-facts'>{facts}</div></div>")
    if not view.contains(kind, record_id):
        st.caption(t("record_filtered_out", lang))
    if found.place_precision and found.place_precision != "site":
        st.caption(t("place_approximate", lang))

    figures = [f for f in found.figures if f.field != "mention"]
    names = [f for f in found.figures if f.field == "mention"]
    st.subheader(t("record_figures", lang), divider="gray")
    if figures:
        html(f"<div class='ca-figs'>{''.join(figure_html(f) for f in figures)}</div>")
    else:
        st.caption(t("no_evidence", lang))
    if found.conflicts:
        st.caption(t("conflicts_note", lang))

    if kind == "route":
        show_traffic(record_id)

    if len(found.timeline) > 1 or (found.timeline and kind != "deal"):
        st.subheader(t("record_timeline", lang), divider="gray")
        html(timeline_html(found.timeline))

    if found.related:
        st.subheader(t("record_related", lang), divider="gray")
        columns = st.columns(min(3, len(found.related)))
        for column, (section, items) in zip(columns * 3, found.related.items()):
            with column:
                st.markdown(f"**{md_escape(t(section, lang))}**")
                for item in items[:12]:
                    record_link(ctx, item.key, item.label + (f" · {item.detail}" if item.detail else ""),
                                icon=_ICONS.get(item.key.partition(":")[0], ":material/description:"))
                if len(items) > 12:
                    st.caption(t("and_more", lang, n=len(items) - 12))

    st.subheader(t("record_sentences", lang, n=len(found.sentences)), divider="gray")
    if names:
        st.caption(t("named_as", lang, names=", ".join(dict.fromkeys(c.value_text for c in names[0].claims))))
    with st.expander(t("record_sentences_open", lang, n=len(found.sentences)), expanded=len(found.sentences) <= 2):
        html(sentences_html(found.sentences))

    st.subheader(t("record_sources", lang, n=len(found.sources)), divider="gray")
    story_groups.independent_caption(ctx, [s.article_id for s in found.sources])
    html("".join(f"<div style='margin:4px 0'>{source_html(ctx, s, title=True)}</div>" for s in found.sources)
         or f"<div class='ca-why'>{esc(t('no_sources', lang))}</div>")
    st.download_button(t("download_record", lang), data=lambda: exports.record_csv(found, ctx.info, lang),
                       file_name=f"{kind}-{record_id}-{ctx.info.version}.csv", mime="text/csv",
                       key="record_csv", icon=":material/download:", help=t("download_record_help", lang))


@st.cache_data(show_spinner=False, max_entries=256)
def _flows(warehouse: str, version: str, route_id: str):
    return traffic.flows_of(warehouse, route_id)


def show_traffic(route_id: str) -> None:
    """The corridor's stated volumes over time: a chart per unit, and every figure with its sentence."""
    flows = _flows(str(ctx.info.resolved), ctx.info.version, route_id)
    if flows.empty:
        return
    st.subheader(traffic.word("traffic", lang), divider="gray")
    charts = traffic.traffic_figures(flows, lang)
    for unit, figure in charts:
        st.plotly_chart(figure, width="stretch", key=f"traffic_{unit}", config=chart_style.plotly_config(lang))
    if charts:
        st.caption(traffic.word("traffic_note", lang))
    st.dataframe(traffic.traffic_table(flows, lang), hide_index=True, width="stretch")


_ICONS = {"project": ":material/factory:", "route": ":material/route:", "deal": ":material/handshake:"}

if ctx.state.record:
    show(ctx.state.record)
else:
    choose()

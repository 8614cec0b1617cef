"""Time series as plotly figures: country mentions, deals and projects, deal values.

Rows without a date cannot sit on a time axis; the builders leave them out and `undated_counts`
counts them, so the page says how many and none is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import units
from dashboard.data import View
from dashboard.i18n import bilingual, label, t
from dashboard.markup import esc
from dashboard.maps import SECTOR_COLOURS

GRANULARITIES = ("month", "year")
TOP_COUNTRIES = 8
KIND_COLOURS = {
    "investment": "#2171b5", "acquisition": "#08519c", "joint-venture": "#4292c6", "loan": "#9ecae1",
    "supply-contract": "#6baed6", "intergovernmental-agreement": "#31a354", "military-cooperation": "#cb181d",
    "trade-target": "#fd8d3c", "declaration": "#9e9ac8", "sanctions": "#636363", "ban": "#252525",
    "contract-termination": "#a50f15", "other": "#bdbdbd",
}
# plotly.js's Russian locale (its `locale-ru` module, which Streamlit's bundle does not register), handed to
# each chart in its config: month and weekday names on date axes, decimal comma, thin-space thousands.
RU_LOCALE = {
    "dictionary": {"Autoscale": "Автошкала", "Zoom in": "Увеличить", "Zoom out": "Уменьшить", "Pan": "Сдвиг",
                   "Zoom": "Масштаб", "Reset axes": "Сбросить оси", "Download plot as a png": "Сохранить как PNG",
                   "Box Select": "Выделение прямоугольником", "Lasso Select": "Выделение лассо",
                   "Toggle Spike Lines": "Линии-указатели", "Double-click to zoom back out": "Двойной щелчок — вернуть масштаб"},
    "format": {
        "days": ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"],
        "shortDays": ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
        "months": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                   "ноябрь", "декабрь"],
        "shortMonths": ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
        "date": "%d.%m.%Y", "decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " $"],
    },
}


def plotly_config(lang: str = "en") -> dict:
    """The config each chart is drawn with: the interface's locale, no plotly logo."""
    config = {"displaylogo": False, "locale": "ru" if lang == "ru" else "en"}
    if lang == "ru":
        config["locales"] = {"ru": RU_LOCALE}
    return config


@dataclass(frozen=True)
class UndatedCounts:
    articles: int  # selected articles without a date
    deals: int  # deals without any date
    deals_year_only: int  # deals dated only to the year (off a monthly axis)
    projects: int  # projects without first_seen
    deals_without_usd: int


def undated_counts(view: View) -> UndatedCounts:
    """Counted in SQL over everything the filters keep (not only the rows a view fetched)."""
    counts = view.undated_records()
    return UndatedCounts(articles=view.n_undated, deals=counts["deals"], deals_year_only=counts["deals_year_only"],
                         projects=counts["projects"], deals_without_usd=counts["deals_without_usd"])


def period(values: pd.Series, granularity: str) -> pd.Series:
    freq = "Y" if granularity == "year" else "M"
    return pd.to_datetime(values).dt.to_period(freq).dt.to_timestamp()


def all_periods(periods: pd.Series, granularity: str) -> pd.DatetimeIndex:
    """Every period from the first to the last, so a quiet month shows as zero, not as a line across it."""
    freq = "YS" if granularity == "year" else "MS"
    return pd.date_range(periods.min(), periods.max(), freq=freq)


def bar_width(granularity: str) -> float:
    """Bar width in milliseconds on a date axis: most of a month or of a year."""
    days = 300 if granularity == "year" else 25
    return days * 86_400_000


def _layout(fig: go.Figure, title: str, y_title: str, lang: str) -> go.Figure:
    fig.update_layout(
        title=dict(text=esc(title), x=0, font=dict(size=15)), template="plotly_white", height=380,
        margin=dict(l=10, r=10, t=50, b=10), legend=dict(orientation="h", yanchor="top", y=-0.08, x=0),
        hovermode="x unified", separators=", " if lang == "ru" else ".,",
    )
    fig.update_yaxes(title_text=esc(y_title), rangemode="tozero")
    fig.update_xaxes(hoverformat="%B %Y")
    return fig


def mentions_over_time(view: View, lang: str = "en", granularity: str = "month", top: int = TOP_COUNTRIES) -> go.Figure:
    """Articles mentioning each country per period (the most mentioned `top` countries, or the filtered ones)."""
    fig = go.Figure()
    joined = view.country_periods(granularity)  # selected dated articles per country and period (SQL)
    if not joined.empty:
        totals = view.country_totals_dated().sort_values(ascending=False, kind="stable")
        chosen = [c for c in view.filters.countries if c in totals.index] or list(totals.index[:top])
        names = view.coverage.set_index("iso3")[["name_en", "name_ru"]] if len(view.coverage) else None
        counts = joined.loc[joined["entity_id"].isin(chosen)].set_index(["entity_id", "period"])["n"]
        axis = all_periods(joined["period"], granularity)
        for iso3 in chosen:
            series = counts.loc[iso3].reindex(axis, fill_value=0)
            name = iso3
            if names is not None and iso3 in names.index:
                name = f"{iso3} · {bilingual(names.loc[iso3, 'name_en'], names.loc[iso3, 'name_ru'], lang)}"
            fig.add_trace(go.Scatter(x=series.index, y=series.values, mode="lines+markers", name=esc(name)))
    return _layout(fig, t("ts_mentions", lang), t("axis_mentions", lang), lang)


def records_over_time(view: View, lang: str = "en", granularity: str = "month") -> go.Figure:
    """Deals per period by kind (top) and projects per period of first report by sector (bottom)."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.16,
                        subplot_titles=(esc(t("deals_by_kind", lang)), esc(t("projects_by_sector", lang))))
    deals = view.deal_periods(granularity)  # per kind and period, over every deal the filters keep (SQL)
    if len(deals):
        for kind, group in deals.groupby("kind", sort=False):
            counts = group.groupby("period")["n"].sum().sort_index()
            fig.add_trace(go.Bar(x=counts.index, y=counts.values, name=esc(label("kind", kind, lang)),
                                 marker_color=KIND_COLOURS.get(kind, "#bdbdbd"), legendgroup="deals",
                                 width=bar_width(granularity)), row=1, col=1)
    projects = view.project_periods(granularity)
    if len(projects):
        for sector, group in projects.groupby("sector", sort=False):
            counts = group.groupby("period")["n"].sum().sort_index()
            fig.add_trace(go.Bar(x=counts.index, y=counts.values, name=esc(label("sector", sector, lang)),
                                 marker_color=SECTOR_COLOURS.get(sector, "#636363"), legendgroup="projects",
                                 width=bar_width(granularity)), row=2, col=1)
    fig.update_layout(barmode="stack")
    _layout(fig, t("ts_records", lang), t("axis_count", lang), lang)
    fig.update_layout(height=600, legend=dict(y=-0.06))
    return _pad_axis(fig, granularity)


def deal_values(view: View, lang: str = "en", granularity: str = "month") -> go.Figure:
    """Sum of deal values in millions of USD per period, stacked by kind."""
    fig = go.Figure()
    deals = view.deal_periods(granularity)
    deals = deals.loc[deals["n_valued"] > 0]
    if len(deals):
        unit = t("axis_usd_mn", lang)
        for kind, group in deals.groupby("kind", sort=False):
            sums = group.groupby("period").agg(sum=("value_usd", "sum"), size=("n_valued", "sum")).sort_index()
            fig.add_trace(go.Bar(x=sums.index, y=sums["sum"] / 1e6, name=esc(label("kind", kind, lang)),
                                 customdata=sums["size"], marker_color=KIND_COLOURS.get(kind, "#bdbdbd"),
                                 width=bar_width(granularity),
                                 hovertemplate="%{y:,.1f} " + esc(unit) + " (%{customdata})<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="stack")
    fig = _layout(fig, t("ts_values", lang), t("axis_usd_mn", lang), lang)
    fig.update_yaxes(tickformat=",~r")
    return _pad_axis(fig, granularity)


def _pad_axis(fig: go.Figure, granularity: str) -> go.Figure:
    """Room around the bars: a lone period would otherwise stretch one bar across the whole chart."""
    xs = [pd.Timestamp(x) for trace in fig.data for x in (trace.x if trace.x is not None else [])]
    if xs:
        pad = pd.DateOffset(years=1) if granularity == "year" else pd.DateOffset(months=2)
        fig.update_xaxes(range=[min(xs) - pad, max(xs) + pad])
    return fig


def has_data(fig: go.Figure) -> bool:
    return any(len(trace.x if trace.x is not None else []) for trace in fig.data)

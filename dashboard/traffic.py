"""Traffic on a corridor: the cargo volumes its articles state (the `flows` table), as a time series
per unit and a readable table, in English or Russian.

A figure is counted over a period (a month, a quarter, a year, "за 9 месяцев" — the year to date);
figures over periods of different lengths are not one series, so each length is its own line, and
actual volumes, plans and capacities are drawn apart (solid, dashed, dotted). Every string that
comes from an article (a quote, a segment's name) is escaped before it reaches the chart's HTML.

Pure functions, no Streamlit.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.units import NBSP, qualified, scaled

UNITS = {
    "t": ("t", "т"), "TEU": ("TEU", "ДФЭ"), "containers": ("containers", "контейнеров"),
    "trains": ("trains", "поездов"), "trips": ("trips", "рейсов"), "wagons": ("wagons", "вагонов"),
    "trucks": ("trucks", "грузовиков"), "m3": ("m³", "м³"),
}
KINDS = {"actual": ("actual", "факт"), "planned": ("planned", "план"), "capacity": ("capacity", "пропускная способность")}
SPANS = {
    "month": ("monthly", "за месяц"), "quarter": ("quarterly", "за квартал"), "half": ("half-yearly", "за полугодие"),
    "ytd": ("year to date", "с начала года"), "year": ("yearly", "за год"), "multi": ("over several years", "за несколько лет"),
    "none": ("period not stated", "период не указан"),
}
PER = {"year": ("a year", "в год"), "month": ("a month", "в месяц"), "day": ("a day", "в сутки")}
DASH = {"actual": "solid", "planned": "dash", "capacity": "dot"}
WORDS = {
    "period": ("Period", "Период"), "volume": ("Volume", "Объём"), "kind": ("Kind", "Вид"),
    "segment": ("Segment", "Участок"), "source": ("Source sentence", "Фраза источника"),
    "unit_axis": ("Volume, {unit}", "Объём, {unit}"),
    "traffic": ("Traffic stated in the articles", "Перевозки по данным статей"),
    "traffic_note": ("Each line is one kind of figure over one length of period: figures over a month, a quarter "
                     "and a year are not one series.",
                     "Каждая линия — один вид данных за периоды одной длины: цифры за месяц, квартал и год "
                     "не складываются в один ряд."),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "ru" else pair[0]


def word(key: str, lang: str = "en") -> str:
    return _pick(WORDS[key], lang)


def unit_label(unit: str, lang: str = "en") -> str:
    return _pick(UNITS.get(unit, (unit, unit)), lang)


def span_class(start, end) -> str:
    """month, quarter, half, ytd, year, multi — or none where the text gives no period."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return "none"
    start, end = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    days = (end - start).days + 1
    if days <= 31:
        return "month"
    if days <= 92:
        return "quarter"
    if days <= 184 and start.month in (1, 7) and start.day == 1:
        return "half"
    if start.month == 1 and start.day == 1 and start.year == end.year and (end.month, end.day) != (12, 31):
        return "ytd"
    if days <= 366:
        return "year"
    return "multi"


def period_text(start, end, lang: str = "en") -> str:
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return _pick(SPANS["none"], lang)
    start, end = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    if start == end:
        return start.isoformat()
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start.isoformat()} – {end.isoformat()}"


def volume_text(row, lang: str = "en") -> str:
    text = f"{scaled(float(row['value']), lang)}{NBSP}{unit_label(row['unit'], lang)}"
    per = row.get("per")
    if isinstance(per, str) and per in PER:
        text += f" {_pick(PER[per], lang)}"
    qualifier = row.get("qualifier")
    return qualified(text, qualifier if isinstance(qualifier, str) else None, lang)


def traffic_table(flows: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per stated figure, latest period first, with readable words only."""
    if flows.empty:
        return pd.DataFrame(columns=[word(k, lang) for k in ("period", "volume", "kind", "segment", "source")])
    frame = flows.copy()
    frame["_end"] = pd.to_datetime(frame["period_end"], errors="coerce")
    frame = frame.sort_values("_end", ascending=False, na_position="last")
    return pd.DataFrame({
        word("period", lang): [period_text(a, b, lang) for a, b in zip(frame["period_start"], frame["period_end"])],
        word("volume", lang): [volume_text(r, lang) for _, r in frame.iterrows()],
        word("kind", lang): [_pick(KINDS.get(k, (k, k)), lang) for k in frame["kind"]],
        word("segment", lang): [s if isinstance(s, str) else "" for s in frame.get("segment", pd.Series([None] * len(frame)))],
        word("source", lang): list(frame["quote"]),
    })


def flows_of(warehouse, route_id: str) -> pd.DataFrame:
    """The stated figures of one route, read from the warehouse's `flows.parquet` (none in a warehouse
    built before flows were read)."""
    from pathlib import Path

    import pyarrow.parquet as pq

    path = Path(warehouse) / "flows.parquet"
    if not path.exists():
        return pd.DataFrame(columns=["route_id", "period_start", "period_end", "value", "unit", "per", "qualifier",
                                     "kind", "segment", "quote", "article_id"])
    return pq.read_table(path, filters=[("route_id", "=", route_id)]).to_pandas()


def traffic_figures(flows: pd.DataFrame, lang: str = "en") -> list[tuple[str, go.Figure]]:
    """(unit, figure) for each unit the corridor's figures use, the most stated unit first. Figures
    with no period stated are left out of the charts (the table keeps them)."""
    out: list[tuple[str, go.Figure]] = []
    if flows.empty:
        return out
    frame = flows.copy()
    frame["_span"] = [span_class(a, b) for a, b in zip(frame["period_start"], frame["period_end"])]
    frame = frame[frame["_span"] != "none"]
    # A figure stands at the middle of the period it counts ("2019" in mid-2019, not at its last day).
    start, end = pd.to_datetime(frame["period_start"]), pd.to_datetime(frame["period_end"])
    frame["_end"] = start + (end - start) / 2
    for unit in frame["unit"].value_counts().index:
        part = frame[frame["unit"] == unit]
        fig = go.Figure()
        for (kind, span), series in part.groupby(["kind", "_span"], sort=False):
            series = series.sort_values("_end")
            name = f"{_pick(KINDS.get(kind, (kind, kind)), lang)}, {_pick(SPANS[span], lang)}"
            hover = [
                f"{html.escape(period_text(a, b, lang))}<br>{html.escape(volume_text(r, lang))}<br>"
                f"<i>{html.escape(_short(r['quote']))}</i>"
                for (_, r), a, b in zip(series.iterrows(), series["period_start"], series["period_end"])
            ]
            fig.add_trace(go.Scatter(
                x=series["_end"], y=series["value"], mode="lines+markers", name=name,
                line={"dash": DASH.get(kind, "solid")}, marker={"size": 8}, hovertext=hover, hoverinfo="text",
            ))
        fig.update_layout(
            height=320, margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=True,
            legend={"orientation": "h", "y": -0.2}, hovermode="closest",
            separators=", " if lang == "ru" else ".,",
            yaxis={"title": word("unit_axis", lang).format(unit=unit_label(unit, lang)), "rangemode": "tozero",
                   "tickformat": ",.0f" if part["value"].max() >= 100 else ",.2~f"},
        )
        out.append((unit, fig))
    return out


def _short(text, limit: int = 160) -> str:
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def latest(flows: pd.DataFrame, lang: str = "en") -> str | None:
    """The latest actual figure as one line: "1.2 mn t, 2025-01-01 – 2025-03-31" — for a card."""
    actual = flows[(flows["kind"] == "actual")].copy()
    actual["_end"] = pd.to_datetime(actual["period_end"], errors="coerce")
    actual = actual.dropna(subset=["_end"]).sort_values("_end")
    if actual.empty:
        return None
    row = actual.iloc[-1]
    return f"{volume_text(row, lang)}, {period_text(row['period_start'], row['period_end'], lang)}"



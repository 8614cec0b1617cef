"""The filtered tables as people read them (`display_*`) and as files (CSV, GeoJSON)."""

from __future__ import annotations

import json

import pandas as pd
from shapely.geometry import mapping

from dashboard.data import View, Warehouse
from dashboard.i18n import bilingual, label
from dashboard.markup import safe_url

ROUTE_COLUMNS = ["route_id", "name_en", "name_ru", "mode", "status", "countries", "sector", "n_articles",
                 "first_seen", "last_seen"]
PROJECT_COLUMNS = ["project_id", "name_en", "name_ru", "sector", "subsector", "place", "country_iso3", "partners",
                   "partner_countries", "capacity_value", "capacity_unit", "cost_amount", "cost_currency", "cost_usd",
                   "target_year", "status", "n_articles", "first_seen", "last_seen"]
DEAL_COLUMNS = ["deal_id", "kind", "parties", "party_countries", "value_amount", "value_currency", "value_usd", "date",
                "sector", "project_id", "route_id", "article_id", "sentence"]


def _sources(wh: Warehouse, ids_per_row: list[list[str]]) -> tuple[list[str], list[str | None]]:
    """Per row: the titles of the articles behind it (`; `-joined) and the first http(s) URL among them."""
    articles = wh.articles.set_index("article_id")[["display_title", "url"]]
    titles, urls = [], []
    for ids in ids_per_row:
        known = [a for a in ids if a in articles.index]
        titles.append("; ".join(articles.loc[a, "display_title"] for a in known))
        urls.append(next((safe_url(articles.loc[a, "url"]) for a in known if safe_url(articles.loc[a, "url"])), None))
    return titles, urls


def reader_url(app_base: str, article_id: str | None) -> str | None:
    if not isinstance(article_id, str):
        return None
    return f"{app_base.rstrip('/')}/articles?page=articles&article={article_id}"


def routes_table(view: View, wh: Warehouse, lang: str, app_base: str = "/") -> pd.DataFrame:
    frame = pd.DataFrame(view.routes[ROUTE_COLUMNS]) if len(view.routes) else pd.DataFrame(columns=ROUTE_COLUMNS)
    titles, urls = _sources(wh, list(view.routes["article_ids"]) if len(view.routes) else [])
    return pd.DataFrame({
        "name": [bilingual(a, b, lang) for a, b in zip(frame["name_en"], frame["name_ru"])],
        "status": [label("status", s, lang) for s in frame["status"]],
        "mode": [label("mode", m, lang) for m in frame["mode"]],
        "sector": [label("sector", s, lang) for s in frame["sector"]],
        "countries": [" → ".join(c) for c in frame["countries"]],
        "n_articles": frame["n_articles"],
        "first_seen": _dates(frame["first_seen"]),
        "last_seen": _dates(frame["last_seen"]),
        "sources": titles,
        "source_url": urls,
        "reader": [reader_url(app_base, ids[0] if len(ids) else None) for ids in view.routes["article_ids"]] if len(view.routes) else [],
        "record": [f"route:{r}" for r in frame["route_id"]],
    })


def projects_table(view: View, wh: Warehouse, lang: str, app_base: str = "/") -> pd.DataFrame:
    frame = pd.DataFrame(view.projects[PROJECT_COLUMNS]) if len(view.projects) else pd.DataFrame(columns=PROJECT_COLUMNS)
    titles, urls = _sources(wh, list(view.projects["article_ids"]) if len(view.projects) else [])
    return pd.DataFrame({
        "name": [bilingual(a, b, lang) for a, b in zip(frame["name_en"], frame["name_ru"])],
        "status": [label("status", s, lang) for s in frame["status"]],
        "sector": [label("sector", s, lang) for s in frame["sector"]],
        "subsector": frame["subsector"],
        "place": frame["place"],
        "country": frame["country_iso3"],
        "partners": [", ".join(p) for p in frame["partners"]],
        "capacity": frame["capacity_value"],
        "capacity_unit": frame["capacity_unit"],
        "cost": frame["cost_amount"],
        "cost_currency": frame["cost_currency"],
        "cost_usd": frame["cost_usd"],
        "target_year": frame["target_year"],
        "first_seen": _dates(frame["first_seen"]),
        "last_seen": _dates(frame["last_seen"]),
        "sources": titles,
        "source_url": urls,
        "reader": [reader_url(app_base, ids[0] if len(ids) else None) for ids in view.projects["article_ids"]] if len(view.projects) else [],
        "record": [f"project:{r}" for r in frame["project_id"]],
    })


def deals_table(view: View, wh: Warehouse, lang: str, app_base: str = "/") -> pd.DataFrame:
    frame = pd.DataFrame(view.deals[DEAL_COLUMNS]) if len(view.deals) else pd.DataFrame(columns=DEAL_COLUMNS)
    titles, urls = _sources(wh, [[a] if isinstance(a, str) else [] for a in frame["article_id"]])
    return pd.DataFrame({
        "kind": [label("kind", k, lang) for k in frame["kind"]],
        "parties": [", ".join(p) for p in frame["parties"]],
        "countries": [", ".join(p) for p in frame["party_countries"]],
        "value": frame["value_amount"],
        "currency": frame["value_currency"],
        "value_usd": frame["value_usd"],
        "date": frame["date"],
        "sector": [label("sector", s, lang) for s in frame["sector"]],
        "sentence": frame["sentence"],
        "sources": titles,
        "source_url": urls,
        "reader": [reader_url(app_base, a) for a in frame["article_id"]],
        "record": [f"deal:{r}" for r in frame["deal_id"]],
    })


def _dates(values: pd.Series) -> list[str | None]:
    return [v.date().isoformat() if isinstance(v, pd.Timestamp) and not pd.isna(v) else None for v in values]


def _plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Contract columns as file cells: lists `; `-joined, dates ISO."""
    out = pd.DataFrame(frame[columns]).copy()
    for column in columns:
        values = out[column]
        if column in ("first_seen", "last_seen"):
            out[column] = _dates(values)
        elif values.dtype == object and any(isinstance(v, list) for v in values):
            out[column] = ["; ".join(map(str, v)) if isinstance(v, list) else v for v in values]
    return out


def to_csv(frame: pd.DataFrame, columns: list[str], geometry: bool = False) -> bytes:
    out = _plain(frame, columns) if len(frame) else pd.DataFrame(columns=columns)
    if geometry and len(frame):
        out["geometry_wkt"] = [g.wkt if g is not None and not g.is_empty else None for g in frame.geometry]
    return out.to_csv(index=False).encode("utf-8")


def to_geojson(frame: pd.DataFrame, columns: list[str], geometries: list | None = None) -> bytes:
    """A FeatureCollection (EPSG:4326, lon/lat); rows without a place get a null geometry."""
    plain = _plain(frame, columns) if len(frame) else pd.DataFrame(columns=columns)
    shapes = geometries if geometries is not None else (list(frame.geometry) if len(frame) else [])
    features = []
    for (_, row), shape in zip(plain.iterrows(), shapes):
        properties = {k: (None if _missing(v) else (v.item() if hasattr(v, "item") else v)) for k, v in row.items()}
        features.append({"type": "Feature", "properties": properties,
                         "geometry": mapping(shape) if shape is not None and not shape.is_empty else None})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, default=str).encode("utf-8")


def deal_geometries(view: View, wh: Warehouse) -> list:
    """Each deal placed at its project's point, where it names a project with a place."""
    points = dict(zip(wh.projects["project_id"], wh.projects.geometry)) if len(wh.projects) else {}
    return [points.get(p) if isinstance(p, str) else None for p in view.deals["project_id"]]


def _missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False

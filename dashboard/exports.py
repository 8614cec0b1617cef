"""The filtered tables as people read them (`*_table`) and as files an analyst can trace to sources.

Files: CSV (UTF-8 with a byte-order mark, so Excel reads the Cyrillic), GeoJSON (only what has a
place; how many were left out is in its `metadata`), a README naming the data version, the filters
and the columns, and a ZIP holding all of them plus the evidence behind every row. Every row carries
its sources: `article_ids`, with `outlets`, `titles`, `urls`, `published` and `date_bases` in the
same order (one entry per article, blank where unknown), and `quotes`, every distinct sentence
behind the record as `[article_id] «sentence»`. List cells are joined with " | ". Figures keep
their qualifier (`cost_qualifier`, `value_qualifier`: до, более, почти…), years are integers, and
power capacity is also given in MW (`capacity_mw`).
"""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
from shapely.geometry import mapping

from dashboard import units
from dashboard.data import View, Warehouse, WarehouseInfo, compute_country_names
from dashboard.i18n import bilingual, label, t
from dashboard.markup import safe_url

SEP = " | "
ROUTE_COLUMNS = ["route_id", "name_en", "name_ru", "mode", "status", "countries", "sector", "n_articles",
                 "first_seen", "last_seen", "status_conflict"]
PROJECT_COLUMNS = ["project_id", "name_en", "name_ru", "sector", "subsector", "place", "place_precision",
                   "country_iso3", "partners", "partner_countries", "capacity_value", "capacity_unit", "capacity_mw",
                   "cost_amount", "cost_currency", "cost_qualifier", "cost_usd", "target_year", "status", "n_articles",
                   "first_seen", "last_seen", "group_id", "conflicts"]
DEAL_COLUMNS = ["deal_id", "kind", "parties", "party_countries", "value_amount", "value_currency", "value_qualifier",
                "value_usd", "date", "sector", "project_id", "route_id", "article_id", "sentence"]
SOURCE_COLUMNS = ["article_ids", "outlets", "titles", "urls", "published", "date_bases", "quotes"]
EVIDENCE_COLUMNS = ["record_type", "record_id", "field", "value", "shown", "article_id", "outlet", "title", "url",
                    "published", "date_basis", "quote", "start", "end"]


# ---------------------------------------------------------------- sources of each row


class Sources:
    """Per warehouse: each article's outlet, title, URL and date, and each record's distinct sentences."""

    def __init__(self, wh: Warehouse):
        articles = wh.articles.drop(columns=["text"], errors="ignore").drop_duplicates("article_id")
        self.rows: dict[str, tuple[str, str, str, str, str]] = {
            a: (_text(outlet), _text(title), _text(safe_url(url)), _iso(published) or "", _text(basis))
            for a, outlet, title, url, published, basis in zip(
                articles["article_id"], articles["outlet"], articles["display_title"], articles["url"],
                articles["published"], articles["date_basis"])
        }
        ev = wh.evidence
        self.quotes: dict[tuple[str, str], list[str]] = {}
        self.quote_articles: dict[tuple[str, str], list[str]] = {}
        if len(ev):
            for (kind, record_id), group in ev.groupby(["record_type", "record_id"], sort=False):
                seen = dict.fromkeys((a, q) for a, q in zip(group["article_id"], group["quote"]) if isinstance(q, str))
                self.quotes[(kind, record_id)] = [f"[{a}] «{q}»" for a, q in seen]
                self.quote_articles[(kind, record_id)] = list(dict.fromkeys(a for a, _ in seen if isinstance(a, str)))

    def cells(self, ids: list[str], kind: str, record_id: str, extra_quotes: list[str] = ()) -> dict[str, str]:
        ids = list(dict.fromkeys([*ids, *self.quote_articles.get((kind, record_id), [])]))
        known = [self.rows[a] for a in ids if a in self.rows]
        quotes = list(dict.fromkeys([*self.quotes.get((kind, record_id), []), *extra_quotes]))
        return {
            "article_ids": SEP.join(a for a in ids if a in self.rows),
            "outlets": SEP.join(r[0] for r in known),
            "titles": SEP.join(r[1] for r in known),
            "urls": SEP.join(r[2] for r in known),
            "published": SEP.join(r[3] for r in known),
            "date_bases": SEP.join(r[4] for r in known),
            "quotes": SEP.join(quotes),
        }


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


def _sources_of(wh: Warehouse) -> Sources:
    return wh.memo("export_sources", Sources)


class Qualifiers:
    """The qualifier (до, более, почти…) of each record's money figures: from the figure's evidence value
    where the ETL kept it there, else from the money mention the evidence points at."""

    def __init__(self, wh: Warehouse):
        mentions = wh.mentions
        money = mentions.loc[mentions["qualifier"].notna() & mentions["start"].notna()]
        self.mentions: dict[str, list[tuple[int, int, str]]] = {}
        for a, s, e, q in zip(money["article_id"], money["start"], money["end"], money["qualifier"]):
            self.mentions.setdefault(a, []).append((int(s), int(e), str(q)))
        ev = wh.evidence
        figures = ev.loc[ev["field"].isin(["cost", "value"])]
        self.found: dict[tuple[str, str, str], str] = {}
        for row in figures.sort_values("shown", ascending=True, kind="stable").itertuples(index=False):
            q = units.figure_parts(row.field, row.value).get("qualifier") or self._mention(row)
            if q:
                self.found[(row.record_type, row.record_id, row.field)] = q  # the shown claim is written last

    def _mention(self, row) -> str | None:
        if row.start is None or row.start != row.start:
            return None
        start, end = int(row.start), int(row.end)
        for s, e, q in self.mentions.get(row.article_id, []):
            if s < end and start < e:  # the mention overlaps the value's span
                return q
        return None

    def of(self, kind: str, record_id: str, field: str) -> str | None:
        return self.found.get((kind, record_id, field))


def _qualifier_of(wh: Warehouse, kind: str, record_id: str, field: str) -> str | None:
    return wh.memo("export_qualifiers", Qualifiers).of(kind, record_id, field)


# ---------------------------------------------------------------- files


def _iso(value) -> str | None:
    return value.date().isoformat() if isinstance(value, pd.Timestamp) and not pd.isna(value) else None


def _joined(value) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return SEP.join(_text(v) for v in value)
    return _text(value)


def routes_frame(routes: pd.DataFrame, wh: Warehouse, sources: Sources | None = None) -> pd.DataFrame:
    """Corridors as a file: contract columns, country lists joined, dates ISO, sources."""
    sources = sources or _sources_of(wh)
    rows = []
    for _, r in routes.iterrows():
        row = {c: r.get(c) for c in ROUTE_COLUMNS}
        row["countries"] = _joined(r.get("countries"))
        row["first_seen"], row["last_seen"] = _iso(r.get("first_seen")), _iso(r.get("last_seen"))
        row["status_conflict"] = bool(r.get("status_conflict")) if r.get("status_conflict") == r.get("status_conflict") \
            and r.get("status_conflict") is not None else False
        row.update(sources.cells(list(r.get("article_ids") or []), "route", r["route_id"]))
        rows.append(row)
    return _typed(pd.DataFrame(rows, columns=ROUTE_COLUMNS + SOURCE_COLUMNS), ints=("n_articles",))


def projects_frame(projects: pd.DataFrame, wh: Warehouse, sources: Sources | None = None) -> pd.DataFrame:
    """Projects as a file: capacity also in MW, the cost's qualifier, integer years, sources."""
    sources = sources or _sources_of(wh)
    rows = []
    for _, p in projects.iterrows():
        row = {c: p.get(c) for c in PROJECT_COLUMNS if c in p.index}
        for c in ("partners", "partner_countries", "conflicts"):
            row[c] = _joined(p.get(c))
        row["capacity_mw"] = units.capacity_mw(p.get("capacity_value"), p.get("capacity_unit"))
        row["cost_qualifier"] = _qualifier_of(wh, "project", p["project_id"], "cost") \
            if units.is_number(p.get("cost_amount")) else None
        row["target_year"] = units.year(p.get("target_year"))
        row["first_seen"], row["last_seen"] = _iso(p.get("first_seen")), _iso(p.get("last_seen"))
        group = p.get("group_id")
        extra = sources.quotes.get(("project_group", group), []) if isinstance(group, str) else []
        row.update(sources.cells(list(p.get("article_ids") or []), "project", p["project_id"], extra))
        rows.append(row)
    return _typed(pd.DataFrame(rows, columns=PROJECT_COLUMNS + SOURCE_COLUMNS), ints=("n_articles", "target_year"))


def deals_frame(deals: pd.DataFrame, wh: Warehouse, sources: Sources | None = None) -> pd.DataFrame:
    """Deals as a file: the value's qualifier, the deal's article first among its sources."""
    sources = sources or _sources_of(wh)
    rows = []
    for _, d in deals.iterrows():
        row = {c: d.get(c) for c in DEAL_COLUMNS if c in d.index}
        row["parties"], row["party_countries"] = _joined(d.get("parties")), _joined(d.get("party_countries"))
        ids = [d["article_id"]] if isinstance(d.get("article_id"), str) else []
        extra = [f"[{d['article_id']}] «{d['sentence']}»"] if ids and isinstance(d.get("sentence"), str) else []
        row.update(sources.cells(ids, "deal", d["deal_id"], extra))
        rows.append(row)
    return _typed(pd.DataFrame(rows, columns=DEAL_COLUMNS + SOURCE_COLUMNS))


def evidence_frame(wh: Warehouse, records: dict[str, list[str]]) -> pd.DataFrame:
    """Every evidence row of the given records (record type → ids), with its article's outlet, title, URL, date."""
    ev = wh.evidence
    chosen = np.zeros(len(ev), dtype=bool)
    for kind, ids in records.items():
        chosen |= ((ev["record_type"] == kind) & ev["record_id"].isin(ids)).to_numpy(dtype=bool)
    groups = wh.projects.loc[wh.projects["project_id"].isin(records.get("project", [])), "group_id"].dropna()
    chosen |= ((ev["record_type"] == "project_group") & ev["record_id"].isin(set(groups))).to_numpy(dtype=bool)
    columns = ["article_id", "outlet", "display_title", "url", "published", "date_basis"]
    rows = ev.loc[chosen].merge(wh.articles[columns].drop_duplicates("article_id"), on="article_id", how="left")
    rows = rows.rename(columns={"display_title": "title"})
    rows["url"] = [safe_url(u) for u in rows["url"]]
    rows["published"] = [_iso(v) for v in rows["published"]]
    return _typed(rows.reindex(columns=EVIDENCE_COLUMNS), ints=("start", "end"))


def _typed(frame: pd.DataFrame, ints: tuple[str, ...] = ()) -> pd.DataFrame:
    for column in ints:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV with a UTF-8 byte-order mark: Excel then reads the Cyrillic, and every other reader skips it."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_geojson(frame: pd.DataFrame, shapes: list, metadata: dict) -> bytes:
    """A FeatureCollection (EPSG:4326, lon/lat) of the rows with a place only; `metadata` says what was
    left out and why (a foreign member, which GeoJSON readers ignore)."""
    features = []
    left_out = []
    id_column = frame.columns[0] if len(frame.columns) else None
    for (_, row), shape in zip(frame.iterrows(), shapes):
        if shape is None or getattr(shape, "is_empty", True):
            left_out.append(row[id_column] if id_column else None)
            continue
        properties = {k: _json_value(v) for k, v in row.items()}
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(shape)})
    meta = {**metadata, "features": len(features), "left_out_without_place": len(left_out),
            "left_out_ids": [i for i in left_out if i is not None]}
    return json.dumps({"type": "FeatureCollection", "metadata": meta, "features": features},
                      ensure_ascii=False, default=str).encode("utf-8")


def _json_value(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def route_shapes(routes: pd.DataFrame) -> list:
    return list(routes.geometry) if len(routes) else []


def project_shapes(projects: pd.DataFrame) -> list:
    return list(projects.geometry) if len(projects) else []


def deal_geometries(deals: pd.DataFrame, wh: Warehouse) -> list:
    """Each deal at its project's point, or along its corridor, where it names one with a place."""
    points = dict(zip(wh.projects["project_id"], wh.projects.geometry)) if len(wh.projects) else {}
    lines = dict(zip(wh.routes["route_id"], wh.routes.geometry)) if len(wh.routes) else {}
    shapes = []
    for project, route in zip(deals["project_id"], deals["route_id"]):
        shape = points.get(project) if isinstance(project, str) else None
        if (shape is None or shape.is_empty) and isinstance(route, str):
            shape = lines.get(route)
        shapes.append(shape)
    return shapes


# ---------------------------------------------------------------- what an export says about itself


def describe_filters(state) -> str:
    """The filters of a view as people read them, in the view's language."""
    f = state.filters
    lang = state.lang
    parts = []
    if f.countries:
        parts.append(f"{t('countries', lang)}: {', '.join(f.countries)}")
    if f.sectors:
        parts.append(f"{t('sectors', lang)}: {', '.join(label('sector', s, lang) for s in f.sectors)}")
    if f.subsectors:
        parts.append(f"{t('subsectors', lang)}: {', '.join(label('subsector', s, lang) for s in f.subsectors)}")
    if f.status:
        parts.append(f"{t('status', lang)}: {', '.join(label('status', s, lang) for s in f.status)}")
    if f.date_from or f.date_to:
        span = f"{units.day(f.date_from, lang) or '…'} – {units.day(f.date_to, lang) or '…'}"
        parts.append(span + (f" ({t('undated_kept', lang)})" if f.include_undated else ""))
    if f.q:
        parts.append(f"«{f.q}»")
    return "; ".join(parts)


def filters_text(state, lang: str = "en") -> str:
    """The filters as a sentence (English: a README is read beside the data, whatever the interface)."""
    return describe_filters(state) or t("export_no_filters", lang)


def export_metadata(info: WarehouseInfo, state, table: str, n_rows: int, share_path: str | None = None) -> dict:
    return {
        "table": table, "data_version": info.version, "built_at": info.built_at or None,
        "filters": {k: v for k, v in state.to_query().items() if k not in ("page", "lang", "record", "article", "v")},
        "filters_text": filters_text(state.replace(lang="en"), "en"),
        "rows_in_table": n_rows, "view": share_path,
        "crs": "EPSG:4326 (longitude, latitude)",
    }


README_TEXT = """Central Asia monitor — export
=============================

Data version: {version}
Built:        {built}
Filters:      {filters}
URL query:    {query}
View:         {view}

Files
{files}

What each file holds
- routes.csv, projects.csv, deals.csv: one row per record the filters keep, with the contract's columns
  (see the project README, "Tables") and the sources behind it:
  article_ids — the articles the record comes from; outlets, titles, urls, published, date_bases — the same
  articles in the same order (blank where unknown); quotes — every distinct sentence behind the record, as
  [article_id] «sentence». Lists in one cell are joined with " | ".
- Figures keep their qualifier: cost_qualifier, value_qualifier (до = up to, более = over, почти = almost,
  около = about, по = each). target_year is an integer. capacity_mw is the capacity in MW where it is power
  (capacity_value and capacity_unit keep what the text wrote: 2.4 GW is capacity_mw 2400).
- evidence.csv: every claim behind those records — field, value as stored (figures as (amount, unit, …)),
  whether the record shows it (shown; where articles disagree the record shows the latest article's value),
  the article with its outlet, title, url, date and date_basis, the sentence (quote) and the value's
  character offsets into the article's text (start, end).
- *.geojson: the records that have a place (EPSG:4326, longitude/latitude); "metadata" names the data version,
  the filters and how many rows were left out for lack of a place (left_out_without_place, left_out_ids).
  Deals are placed at their project's point or along their corridor.
- date_basis: header, metadata — the source's own date; in-text — a date written in the text; inferred — a
  day in the text with its year from the same source; approximate — a part of a month in the text («в конце
  мая»: the first day of that part); neighbours — a channel post between two dated posts (the earlier date);
  file-name — a date in the file's name; none — undated.

Every figure is what an article claims; check the quote before citing it.
"""


def readme(info: WarehouseInfo, state, counts: dict[str, tuple[int, int]], share_path: str | None = None) -> bytes:
    """The export's README: version, filters, files with their rows (and rows left out of the GeoJSON)."""
    files = "\n".join(f"- {name}: {rows} rows" + (f" ({left} without a place, not in the GeoJSON)" if left else "")
                      for name, (rows, left) in counts.items())
    query = {k: v for k, v in state.to_query().items() if k not in ("lang", "record", "article")}
    text = README_TEXT.format(version=info.version, built=info.built_at or "—",
                              filters=filters_text(state.replace(lang="en"), "en"),
                              query="&".join(f"{k}={v}" for k, v in query.items()), view=share_path or "—",
                              files=files)
    return text.encode("utf-8")


def bundle(view: View, wh: Warehouse, info: WarehouseInfo, state, share_path: str | None = None) -> bytes:
    """All the filtered tables as CSV and GeoJSON, the evidence behind them, and the README, in one ZIP."""
    sources = _sources_of(wh)
    frames = {"routes": routes_frame(view.routes, wh, sources), "projects": projects_frame(view.projects, wh, sources),
              "deals": deals_frame(view.deals, wh, sources)}
    shapes = {"routes": route_shapes(view.routes), "projects": project_shapes(view.projects),
              "deals": deal_geometries(view.deals, wh)}
    evidence = evidence_frame(wh, {"route": list(view.routes["route_id"]), "project": list(view.projects["project_id"]),
                                   "deal": list(view.deals["deal_id"])})
    counts = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            archive.writestr(f"{name}.csv", to_csv(frame))
            meta = export_metadata(info, state, name, len(frame), share_path)
            geo = to_geojson(frame, shapes[name], meta)
            archive.writestr(f"{name}.geojson", geo)
            left = sum(1 for s in shapes[name] if s is None or getattr(s, "is_empty", True))
            counts[f"{name}.csv / {name}.geojson"] = (len(frame), left)
        archive.writestr("evidence.csv", to_csv(evidence))
        counts["evidence.csv"] = (len(evidence), 0)
        archive.writestr("README.txt", readme(info, state, counts, share_path))
    return buffer.getvalue()


def record_csv(found, info: WarehouseInfo, lang: str = "en") -> bytes:
    """One record's claims (`dossier.Dossier`): each with its value as read, whether shown, and its source."""
    rows = []
    for figure in found.figures:
        for claim in figure.claims:
            s = claim.source
            rows.append({
                "record": found.key, "data_version": info.version, "field": claim.field, "value": claim.value,
                "value_text": claim.value_text, "shown": claim.shown, "conflict": figure.conflict,
                "group_figure": figure.group, "article_id": s.article_id if s else None,
                "outlet": s.outlet if s else None, "title": s.title if s else None,
                "url": safe_url(s.url) if s else None,
                "published": s.published.date().isoformat() if s and s.published is not None else None,
                "date_basis": s.date_basis if s else None, "quote": claim.quote,
            })
    return to_csv(pd.DataFrame(rows, columns=["record", "data_version", "field", "value", "value_text", "shown",
                                              "conflict", "group_figure", "article_id", "outlet", "title", "url",
                                              "published", "date_basis", "quote"]))


# ---------------------------------------------------------------- tables as people read them


def _names(wh: Warehouse) -> dict:
    return wh.memo("country_names", compute_country_names)


def _country(code, names, lang) -> str:
    if not isinstance(code, str):
        return ""
    en, ru = names.get(code, (code, None))
    return (ru or en) if lang == "ru" else en


def _outlets(wh: Warehouse, ids: list[str], lang: str) -> str:
    labels = wh.memo(f"outlet_labels_{lang}", lambda w: _outlet_labels(w, lang))
    return ", ".join(dict.fromkeys(labels[a] for a in ids if a in labels))


def _outlet_labels(wh: Warehouse, lang: str) -> dict[str, str]:
    from dashboard.dossier import source_label

    return {r["article_id"]: source_label(r, lang) for _, r in
            wh.articles.drop(columns=["text"], errors="ignore").drop_duplicates("article_id").iterrows()}


def record_url(app_base: str, key: str, lang: str) -> str:
    from urllib.parse import quote

    return f"{app_base.rstrip('/')}/record?page=record&record={quote(key, safe='')}" + (f"&lang={lang}" if lang != "en" else "")


def reader_url(app_base: str, article_id: str | None, lang: str = "en") -> str | None:
    if not isinstance(article_id, str):
        return None
    return f"{app_base.rstrip('/')}/articles?page=articles&article={article_id}" + (f"&lang={lang}" if lang != "en" else "")


def _blank(value) -> str:
    return value if isinstance(value, str) else ""


def _mn(value) -> float | None:
    return round(float(value) / 1e6, 3) if units.is_number(value) else None


def routes_table(view: View, wh: Warehouse, lang: str, app_base: str = "/") -> pd.DataFrame:
    names = _names(wh)
    rows = []
    for _, r in view.routes.iterrows():
        rows.append({
            "name": bilingual(r.get("name_en"), r.get("name_ru"), lang),
            "status": label("status", r.get("status"), lang) + (f" ({t('conflict', lang)})" if r.get("status_conflict") is True else ""),
            "mode": label("mode", r.get("mode"), lang),
            "sector": label("sector", r.get("sector"), lang),
            "countries": " → ".join(_country(c, names, lang) for c in r.get("countries") or []),
            "n_articles": int(r.get("n_articles") or 0),
            "first_seen": _iso(r.get("first_seen")) or "",
            "last_seen": _iso(r.get("last_seen")) or "",
            "outlets": _outlets(wh, list(r.get("article_ids") or []), lang),
            "record_url": record_url(app_base, f"route:{r['route_id']}", lang),
            "reader": reader_url(app_base, (r.get("article_ids") or [None])[0], lang),
            "record": f"route:{r['route_id']}",
        })
    return pd.DataFrame(rows, columns=["name", "status", "mode", "sector", "countries", "n_articles", "first_seen",
                                       "last_seen", "outlets", "record_url", "reader", "record"])


def projects_table(view: View, wh: Warehouse, lang: str, app_base: str = "/") -> pd.DataFrame:
    names = _names(wh)
    rows = []
    for _, p in view.projects.iterrows():
        qualifier = _qualifier_of(wh, "project", p["project_id"], "cost") if units.is_number(p.get("cost_amount")) else None
        mw = units.capacity_mw(p.get("capacity_value"), p.get("capacity_unit"))
        stated = units.capacity(p.get("capacity_value"), p.get("capacity_unit"), lang, stated=False) \
            if p.get("capacity_unit") != "MW" else ""
        sub = p.get("subsector")
        rows.append({
            "name": bilingual(p.get("name_en"), p.get("name_ru"), lang),
            "status": label("status", p.get("status"), lang),
            "sector": label("sector", p.get("sector"), lang) + (f" · {label('subsector', sub, lang)}" if isinstance(sub, str) else ""),
            "place": _blank(p.get("place")),
            "country": _country(p.get("country_iso3"), names, lang),
            "partners": ", ".join(p.get("partners") or []),
            "capacity_mw": mw,
            "capacity": stated or "",
            "cost": units.money(p.get("cost_amount"), p.get("cost_currency"), lang, qualifier) or "",
            "cost_usd_mn": _mn(p.get("cost_usd")),
            "target_year": units.year(p.get("target_year")) or "",
            "first_seen": _iso(p.get("first_seen")) or "",
            "last_seen": _iso(p.get("last_seen")) or "",
            "outlets": _outlets(wh, list(p.get("article_ids") or []), lang),
            "record_url": record_url(app_base, f"project:{p['project_id']}", lang),
            "reader": reader_url(app_base, (p.get("article_ids") or [None])[0], lang),
            "record": f"project:{p['project_id']}",
        })
    frame = pd.DataFrame(rows, columns=["name", "status", "sector", "place", "country", "partners", "capacity_mw",
                                        "capacity", "cost", "cost_usd_mn", "target_year", "first_seen", "last_seen",
                                        "outlets", "record_url", "reader", "record"])
    frame["capacity_mw"] = pd.to_numeric(frame["capacity_mw"], errors="coerce")
    frame["cost_usd_mn"] = pd.to_numeric(frame["cost_usd_mn"], errors="coerce")
    return frame


def deals_table(view: View, wh: Warehouse, lang: str, app_base: str = "/") -> pd.DataFrame:
    names = _names(wh)
    rows = []
    for _, d in view.deals.iterrows():
        qualifier = d.get("value_qualifier") if isinstance(d.get("value_qualifier"), str) else None
        own_date = units.partial(d.get("date"), lang)
        reported = units.day(d.get("reported"), lang)
        rows.append({
            "kind": label("kind", d.get("kind"), lang),
            "parties": ", ".join(d.get("parties") or []),
            "countries": ", ".join(_country(c, names, lang) for c in d.get("party_countries") or []),
            "value": units.money(d.get("value_amount"), d.get("value_currency"), lang, qualifier) or "",
            "value_usd_mn": _mn(d.get("value_usd")),
            "date": own_date or (f"{t('reported_on', lang)} {reported}" if reported else ""),
            "sector": label("sector", d.get("sector"), lang) if isinstance(d.get("sector"), str) else "",
            "sentence": _blank(d.get("sentence")),
            "outlets": _outlets(wh, [d["article_id"]] if isinstance(d.get("article_id"), str) else [], lang),
            "record_url": record_url(app_base, f"deal:{d['deal_id']}", lang),
            "reader": reader_url(app_base, d.get("article_id"), lang),
            "record": f"deal:{d['deal_id']}",
        })
    frame = pd.DataFrame(rows, columns=["kind", "parties", "countries", "value", "value_usd_mn", "date", "sector",
                                        "sentence", "outlets", "record_url", "reader", "record"])
    frame["value_usd_mn"] = pd.to_numeric(frame["value_usd_mn"], errors="coerce")
    return frame

"""The map: corridors, projects and country coverage as a `folium.Map`.

Everything the map loads comes from the dashboard itself (`/app/static/vendor/`, installed by
`make assets`): Leaflet, jQuery (folium's popups use it), Leaflet.markercluster, and the Natural
Earth country outlines that are the base layer. A tile layer is offered for machines with
internet, off by default, so it never stands between the analyst and a drawn map.

Corridors are lines coloured by status (dashed while not yet built); projects are circles
coloured by sector and sized by cost in USD (or capacity where no cost is known); countries are
shaded by how many of the selected articles mention them. Above `MARKER_LIMIT` projects the
markers are clustered, and above `ROUTE_LIMIT` corridors lose their popups, so thousands of
records stay fast. Every article-derived string is escaped with `markup.esc` before it reaches a
tooltip or popup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import folium
import folium.plugins
import pandas as pd
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template
from shapely.geometry import LineString, MultiLineString, Point

from dashboard import units
from dashboard.data import POPUP_SOURCES, View, popup_articles
from dashboard.i18n import bilingual, label, t
from dashboard.markup import app_link, esc, link, plain_text, safe_url
from dashboard.state import record_key

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
VENDOR_URL = "app/static/vendor"  # where Streamlit's static serving puts dashboard/static/vendor
LOCAL_JS = {
    "leaflet": "leaflet/leaflet.js",
    "jquery": "jquery/jquery.min.js",
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
}
LOCAL_CSS = {
    "leaflet_css": "leaflet/leaflet.css",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
}
COUNTRIES_FILE = "countries.geojson"

CENTRAL_ASIA = (46.0, 68.0)
MARKER_LIMIT = 300
ROUTE_LIMIT = 400

STATUS_COLOURS = {
    "operating": "#1a9850", "launched": "#66bd63", "construction": "#74c476", "agreed": "#2171b5",
    "pre-construction": "#4292c6", "planned": "#6a51a3", "announced": "#9e9ac8", "exploration": "#8c6d31",
    "shelved": "#f59e0b", "mothballed": "#b8860b", "restricted": "#fd8d3c", "disrupted": "#e6550d",
    "blocked": "#cb181d", "cancelled": "#737373", "retired": "#969696", "unspecified": "#404040",
}
NOT_YET_BUILT = {"announced", "pre-construction", "planned", "agreed", "exploration"}
# Below this width (px) the legend starts folded into a button, so it never covers the map on a phone.
LEGEND_FOLD_WIDTH = 460
SECTOR_COLOURS = {
    "energy": "#e6550d", "mining": "#8c510a", "transport": "#2171b5", "industry": "#a6761d", "defence": "#cb181d",
    "trade": "#756bb1", "finance": "#31a354", "space": "#17becf", "other": "#636363",
}
# A purple ramp: it stays apart from the sectors' warm colours and the status greens and reds.
COVERAGE_COLOURS = ("#f4f2f8", "#e2dff0", "#cac5e3", "#aca4d2", "#8f84c0", "#7262ad")
LAND, BORDER, SEA = "#f3f0e8", "#8f8f8f", "#dce9f2"


def asset_base(base_url_path: str = "") -> str:
    """The URL path of the vendored assets, under Streamlit's `server.baseUrlPath` if one is set."""
    prefix = base_url_path.strip("/")
    return "/" + (f"{prefix}/" if prefix else "") + VENDOR_URL


def assets_installed(vendor: Path = VENDOR_DIR) -> bool:
    return (vendor / ".stamp").exists() and (vendor / COUNTRIES_FILE).exists()


# ---------------------------------------------------------------- labels shared with click handling


def route_tooltip(route: pd.Series, lang: str) -> str:
    status = label("status", route["status"], lang)
    mode = label("mode", route["mode"], lang)
    return (f"<b>{esc(bilingual(route['name_en'], route['name_ru'], lang))}</b><br>"
            f"{esc(status)} · {esc(mode)} · {int(route['n_articles'] or 0)} {esc(t('articles', lang))}")


def project_tooltip(project: pd.Series, lang: str) -> str:
    figures = [f for f in (_capacity(project, lang), _cost(project, lang)) if f]
    return (f"<b>{esc(bilingual(project['name_en'], project['name_ru'], lang))}</b><br>"
            f"{esc(label('sector', project['sector'], lang))} · {esc(label('status', project['status'], lang))}"
            + (f"<br>{esc(' · '.join(figures))}" if figures else ""))


def tooltip_index(view: View, lang: str) -> dict[str, str]:
    """What a browser shows of each record's tooltip → the record (`route:…`, `project:…`).

    streamlit-folium reports a clicked object by its tooltip text; this maps it back.
    """
    index: dict[str, str] = {}
    for _, route in view.routes.iterrows():
        index.setdefault(plain_text(route_tooltip(route, lang)), record_key("route", route["route_id"]))
    for _, project in view.projects.iterrows():
        index.setdefault(plain_text(project_tooltip(project, lang)), record_key("project", project["project_id"]))
    return index


def resolve_click(view: View, lang: str, tooltip: str | None, latlng: dict | None) -> str | None:
    """The record a map click landed on: by its tooltip text, else (no tooltip) the nearest drawn record.

    A click with a tooltip that names no record (a country) selects nothing.
    """
    if tooltip:
        return tooltip_index(view, lang).get(" ".join(str(tooltip).split()))
    if not latlng or "lat" not in latlng or "lng" not in latlng:
        return None
    try:
        point = Point(float(latlng["lng"]), float(latlng["lat"]))
    except (TypeError, ValueError):
        return None
    best, best_distance = None, 0.5  # degrees: only a click close to a record selects it
    for kind, frame, key in (("route", view.routes, "route_id"), ("project", view.projects, "project_id")):
        for record_id, geometry in zip(frame[key], frame.geometry if len(frame) else []):
            if geometry is None or geometry.is_empty:
                continue
            distance = geometry.distance(point)
            if distance < best_distance:
                best, best_distance = record_key(kind, record_id), distance
    return best


# ---------------------------------------------------------------- the map


def build_map(view: View, lang: str = "en", *, assets: str | None = None,
              app_base: str = "/", height: int = 600) -> folium.Map:
    """The map of the view's corridors, projects and country coverage, loading only local assets."""
    assets = assets or asset_base()
    fmap = folium.Map(location=CENTRAL_ASIA, zoom_start=4, tiles=None, min_zoom=2, max_zoom=12,
                      control_scale=lang != "ru", prefer_canvas=False, height=height)
    fmap.get_root().html.add_child(Element(_STYLE))
    if lang == "ru":
        RussianScale().add_to(fmap)

    outlines = CountryLayer(f"{assets}/{COUNTRIES_FILE}", t("layer_outlines", lang), overlay=False, show=True)
    outlines.add_to(fmap)
    folium.TileLayer("OpenStreetMap", name=t("layer_osm", lang), overlay=False, show=False,
                     control=True).add_to(fmap)
    coverage = _coverage_tooltips(view, lang)
    if coverage:
        CountryLayer(f"{assets}/{COUNTRIES_FILE}", t("layer_coverage", lang), overlay=True, show=True,
                     shading=coverage).add_to(fmap)

    sources = _sources(view, app_base, lang)
    routes = _drawable(view.routes, (LineString, MultiLineString))
    projects = _drawable(view.projects, (Point,))
    if len(routes):
        _add_routes(fmap, routes, sources, lang, app_base)
    if len(projects):
        _add_projects(fmap, projects, sources, lang, app_base)

    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    Legend(_legend_html(routes, projects, bool(coverage), lang), t("legend", lang)).add_to(fmap)
    bounds = _bounds(routes, projects)
    if bounds:
        fmap.fit_bounds(bounds, padding=(20, 20), max_zoom=6)
    localize_assets(fmap, assets)
    return fmap


def _drawable(frame, kinds: tuple[type, ...]):
    if not len(frame):
        return frame
    mask = [g is not None and not g.is_empty and isinstance(g, kinds) for g in frame.geometry]
    return frame.loc[mask]


def _add_routes(fmap: folium.Map, routes, sources, lang: str, app_base: str = "/") -> None:
    group = folium.FeatureGroup(name=t("layer_routes", lang), overlay=True, show=True)
    detailed = len(routes) <= ROUTE_LIMIT
    for _, route in routes.iterrows():
        status = route["status"] if route["status"] in STATUS_COLOURS else "unspecified"
        lines = route.geometry.geoms if isinstance(route.geometry, MultiLineString) else [route.geometry]
        locations = [[(lat, lon) for lon, lat, *_ in line.coords] for line in lines]
        folium.PolyLine(
            locations[0] if len(locations) == 1 else locations,
            color=STATUS_COLOURS[status], weight=5, opacity=0.9,
            dash_array="8 6" if status in NOT_YET_BUILT else None,
            tooltip=folium.Tooltip(route_tooltip(route, lang), sticky=True),
            popup=folium.Popup(_route_popup(route, sources, lang, app_base), max_width=380) if detailed else None,
        ).add_to(group)
    group.add_to(fmap)


def _add_projects(fmap: folium.Map, projects, sources, lang: str, app_base: str = "/") -> None:
    unit_max = projects.groupby("capacity_unit")["capacity_value"].max().to_dict() if len(projects) else {}
    name = t("layer_projects", lang)
    if len(projects) > MARKER_LIMIT:
        rows = [[p.geometry.y, p.geometry.x, SECTOR_COLOURS.get(p["sector"], SECTOR_COLOURS["other"]),
                 project_radius(p, unit_max), project_tooltip(p, lang)] for _, p in projects.iterrows()]
        folium.plugins.FastMarkerCluster(rows, callback=_CLUSTER_MARKER, name=name, overlay=True, show=True,
                                         options={"chunkedLoading": True, "maxClusterRadius": 45}).add_to(fmap)
        return
    group = folium.FeatureGroup(name=name, overlay=True, show=True)
    for _, project in projects.sort_values("cost_usd", ascending=False, na_position="last").iterrows():
        colour = SECTOR_COLOURS.get(project["sector"], SECTOR_COLOURS["other"])
        rough = project.get("place_precision") in ("region", "country")
        folium.CircleMarker(
            location=(project.geometry.y, project.geometry.x), radius=project_radius(project, unit_max),
            color="#222222", weight=1.2, fill=True, fill_color=colour, fill_opacity=0.35 if rough else 0.85,
            dash_array="3 3" if project.get("status") in NOT_YET_BUILT else None,
            tooltip=folium.Tooltip(project_tooltip(project, lang), sticky=True),
            popup=folium.Popup(_project_popup(project, sources, lang, app_base), max_width=380),
        ).add_to(group)
    group.add_to(fmap)


_CLUSTER_MARKER = """function (row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]),
        {radius: row[3], color: '#222222', weight: 1.2, fillColor: row[2], fillOpacity: 0.85});
    marker.bindTooltip(row[4], {sticky: true});
    return marker;
}"""


def project_radius(project: pd.Series, unit_max: dict) -> float:
    """6–22 px: by cost in USD on a log scale, else by capacity relative to the largest in its unit."""
    cost = project.get("cost_usd")
    if isinstance(cost, (int, float)) and cost == cost and cost > 0:
        return round(min(22.0, 6.0 + 3.0 * math.log10(1.0 + cost / 1e6)), 1)
    value, unit = project.get("capacity_value"), project.get("capacity_unit")
    top = unit_max.get(unit)
    if isinstance(value, (int, float)) and value == value and value > 0 and top and top == top:
        return round(6.0 + 10.0 * math.sqrt(value / top), 1)
    return 6.0


def _bounds(routes, projects) -> list[list[float]] | None:
    shapes = [g for g in list(routes.geometry if len(routes) else []) + list(projects.geometry if len(projects) else [])]
    if not shapes:
        return None
    xs0, ys0, xs1, ys1 = zip(*(g.bounds for g in shapes))
    south, west, north, east = min(ys0), min(xs0), max(ys1), max(xs1)
    if north - south < 2 and east - west < 2:  # one point: show its surroundings
        south, north, west, east = south - 3, north + 3, west - 4, east + 4
    return [[south, west], [north, east]]


# ---------------------------------------------------------------- popups


def _sources(view: View, app_base: str, lang: str) -> dict[str, str]:
    """article_id → an HTML list item: the title linking to the reader, and the original if http(s)."""
    articles = popup_articles(view)[["article_id", "display_title", "url", "published"]]
    items = {}
    for article_id, title, url, published in articles.itertuples(index=False):
        reader = f"{app_base.rstrip('/')}/articles?page=articles&article={article_id}" + (f"&lang={lang}" if lang != "en" else "")
        date = published.date().isoformat() if isinstance(published, pd.Timestamp) else t("undated", lang)
        original = f" · {link(url, t('open_source', lang))}" if safe_url(url) else ""
        items[article_id] = f"<li>{app_link(reader, _short(title))} <small>({esc(date)}{original})</small></li>"
    return items


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _rows(rows: Iterable[tuple[str, object]]) -> str:
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if v not in (None, "", "—"))
    return f"<table class='ca-popup-table'>{cells}</table>"


def _source_list(ids: list[str], sources: dict[str, str], lang: str) -> str:
    items = "".join(sources[a] for a in ids[:POPUP_SOURCES] if a in sources)
    more = len(ids) - POPUP_SOURCES
    tail = f"<li>+{more}</li>" if more > 0 else ""
    return f"<div class='ca-popup-sources'><b>{esc(t('sources', lang))}</b><ul>{items}{tail}</ul></div>" if items else ""


def _record_page_link(kind: str, record_id: str, app_base: str, lang: str) -> str:
    from urllib.parse import quote

    path = (f"{app_base.rstrip('/')}/record?page=record&record={quote(f'{kind}:{record_id}', safe='')}"
            + (f"&lang={lang}" if lang != "en" else ""))
    return f"<div class='ca-popup-link'>{app_link(path, t('open_record_page', lang) + ' ↗')}</div>"


def _route_popup(route: pd.Series, sources: dict[str, str], lang: str, app_base: str = "/") -> str:
    rows = [
        (t("status", lang), label("status", route["status"], lang)
         + (f" ({t('conflict', lang)})" if route.get("status_conflict") in (True, 1) else "")),
        (t("mode", lang), label("mode", route["mode"], lang)),
        (t("sector", lang), label("sector", route["sector"], lang)),
        (t("countries", lang), " → ".join(route["countries"])),
        (t("first_seen", lang), _day(route["first_seen"], lang)),
        (t("last_seen", lang), _day(route["last_seen"], lang)),
        (t("n_articles", lang), int(route["n_articles"] or 0)),
    ]
    first, second = _names(route, lang)
    return (f"<div class='ca-popup'><div class='ca-popup-title'>{esc(first)}</div>"
            f"<div class='ca-popup-sub'>{esc(second)}</div>{_rows(rows)}"
            f"{_source_list(route['article_ids'], sources, lang)}"
            f"{_record_page_link('route', route['route_id'], app_base, lang)}</div>")


def _names(record: pd.Series, lang: str) -> tuple[str, str]:
    en, ru = record.get("name_en"), record.get("name_ru")
    first, second = (ru, en) if lang == "ru" else (en, ru)
    first, second = (first if isinstance(first, str) else ""), (second if isinstance(second, str) else "")
    if not first:
        first, second = second, ""
    return first, ("" if second == first else second)


def _project_popup(project: pd.Series, sources: dict[str, str], lang: str, app_base: str = "/") -> str:
    place = project["place"] if isinstance(project["place"], str) else None
    precision = project.get("place_precision")
    if place and precision in ("region", "country"):
        place += f" ({label('precision', precision, lang)})"
    rows = [
        (t("status", lang), label("status", project["status"], lang)),
        (t("sector", lang), label("sector", project["sector"], lang)
         + (f" / {label('subsector', project['subsector'], lang)}" if isinstance(project["subsector"], str) else "")),
        (t("place", lang), place),
        (t("country", lang), project["country_iso3"] if isinstance(project["country_iso3"], str) else None),
        (t("partners", lang), ", ".join(project["partners"]) or None),
        (t("capacity", lang), _capacity(project, lang)),
        (t("cost", lang), _cost(project, lang)),
        (t("target_year", lang), units.year(project["target_year"])),
        (t("first_seen", lang), _day(project["first_seen"], lang)),
        (t("last_seen", lang), _day(project["last_seen"], lang)),
        (t("n_articles", lang), int(project["n_articles"] or 0)),
    ]
    first, second = _names(project, lang)
    return (f"<div class='ca-popup'><div class='ca-popup-title'>{esc(first)}</div>"
            f"<div class='ca-popup-sub'>{esc(second)}</div>{_rows(rows)}"
            f"{_source_list(project['article_ids'], sources, lang)}"
            f"{_record_page_link('project', project['project_id'], app_base, lang)}</div>")


def _number(value) -> bool:
    return isinstance(value, (int, float)) and value == value


def _day(value, lang: str = "en") -> str | None:
    return units.day(value, lang) if isinstance(value, pd.Timestamp) and not pd.isna(value) else None


def _capacity(project: pd.Series, lang: str = "en") -> str | None:
    return units.capacity(project.get("capacity_value"), project.get("capacity_unit"), lang)


def _cost(project: pd.Series, lang: str = "en") -> str | None:
    amount = units.money(project.get("cost_amount"), project.get("cost_currency"), lang)
    usd = units.money(project.get("cost_usd"), "USD", lang)
    if amount and usd and project.get("cost_currency") != "USD":
        return f"{amount} (≈ {usd})"
    return amount or usd


# ---------------------------------------------------------------- countries and legend


def _coverage_tooltips(view: View, lang: str) -> dict[str, dict]:
    """iso3 → fill colour and tooltip for each country the selected articles mention."""
    cov = view.coverage
    if cov.empty:
        return {}
    top = max(int(cov["n_articles"].max()), 1)
    shading = {}
    for row in cov.itertuples(index=False):
        if not isinstance(row.iso3, str) or row.n_articles <= 0:
            continue
        step = min(len(COVERAGE_COLOURS) - 1, int(len(COVERAGE_COLOURS) * math.log1p(row.n_articles) / math.log1p(top + 1e-9)))
        name = bilingual(row.name_en if isinstance(row.name_en, str) else row.iso3,
                         row.name_ru if isinstance(row.name_ru, str) else None, lang)
        shading[row.iso3] = {
            "fill": COVERAGE_COLOURS[max(1, step)],
            "tooltip": f"<b>{esc(name)}</b><br>{row.n_articles} {esc(t('articles', lang))}",
        }
    return shading


class CountryLayer(Layer):
    """Natural Earth country outlines fetched from the dashboard's own static files.

    The base layer draws every country; with `shading` (iso3 → fill colour and tooltip HTML,
    already escaped) it draws only those countries, shaded. Both live in panes below the
    corridors and projects, so the asynchronously loaded outlines never cover them.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        (function (map, group) {
            var pane = {{ this.pane|tojson }};
            if (!map.getPane(pane)) {
                map.createPane(pane);
                map.getPane(pane).style.zIndex = {{ this.z_index }};
                {% if not this.shading %}map.getPane(pane).style.pointerEvents = 'none';{% endif %}
            }
            var shading = {{ this.shading|tojson }};
            window.__caCountries = window.__caCountries || fetch({{ this.url|tojson }}).then(function (r) { return r.json(); });
            window.__caCountries.then(function (data) {
                var layer = L.geoJSON(data, {
                    pane: pane,
                    {% if this.shading %}
                    filter: function (f) { return shading.hasOwnProperty(f.properties.iso3); },
                    style: function (f) { return {color: '#6b6b6b', weight: 0.8, fillColor: shading[f.properties.iso3].fill, fillOpacity: 0.55}; },
                    onEachFeature: function (f, l) { l.bindTooltip(shading[f.properties.iso3].tooltip, {sticky: true}); }
                    {% else %}
                    interactive: false,
                    style: function () { return {color: {{ this.border|tojson }}, weight: 0.7, fillColor: {{ this.land|tojson }}, fillOpacity: 1}; }
                    {% endif %}
                });
                group.addLayer(layer);
            });
        })({{ this._parent.get_name() }}, {{ this.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, url: str, name: str, *, overlay: bool, show: bool, shading: dict | None = None):
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "CountryLayer"
        self.url = url
        self.shading = shading or {}
        self.pane = "ca-coverage" if shading else "ca-outlines"
        self.z_index = 360 if shading else 250
        self.land, self.border = LAND, BORDER


class RussianScale(MacroElement):
    """Leaflet's scale bar in kilometres, its units in Russian (Leaflet's own control speaks English only)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var Scale = L.Control.Scale.extend({
                _updateScale: function (scale, text, ratio) {
                    scale.style.width = Math.round(this.options.maxWidth * ratio) + 'px';
                    scale.innerHTML = text.replace(' km', ' км').replace(' m', ' м');
                }
            });
            new Scale({imperial: false, metric: true, position: 'bottomleft'}).addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "RussianScale"


class Legend(MacroElement):
    """A Leaflet control in the map's corner; `html` is built here from escaped strings.

    A button folds and unfolds it; on a map narrower than LEGEND_FOLD_WIDTH it starts folded, so on
    a phone it never covers the map until asked for.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'ca-legend');
                var button = L.DomUtil.create('button', 'ca-legend-toggle', div);
                button.type = 'button';
                button.textContent = {{ this.title|tojson }};
                var body = L.DomUtil.create('div', 'ca-legend-body', div);
                body.innerHTML = {{ this.html|tojson }};
                var folded = map.getSize().x < {{ this.fold_width }};
                var show = function () {
                    body.style.display = folded ? 'none' : 'block';
                    button.setAttribute('aria-expanded', folded ? 'false' : 'true');
                    div.classList.toggle('ca-legend-folded', folded);
                };
                L.DomEvent.on(button, 'click', function (e) { L.DomEvent.stop(e); folded = !folded; show(); });
                show();
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html: str, title: str = "Legend"):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.title = title
        self.fold_width = LEGEND_FOLD_WIDTH


def _legend_html(routes, projects, coverage: bool, lang: str) -> str:
    parts = []
    if len(routes):
        present = [s for s in STATUS_COLOURS if s in set(routes["status"])]
        items = "".join(
            f"<div><span class='ca-line' style='border-top:4px {'dashed' if s in NOT_YET_BUILT else 'solid'} "
            f"{STATUS_COLOURS[s]}'></span>{esc(label('status', s, lang))}</div>" for s in present)
        parts.append(f"<div class='ca-legend-title'>{esc(t('legend_routes', lang))}</div>{items}")
    if len(projects):
        present = [s for s in SECTOR_COLOURS if s in set(projects["sector"])]
        items = "".join(f"<div><span class='ca-dot' style='background:{SECTOR_COLOURS[s]}'></span>"
                        f"{esc(label('sector', s, lang))}</div>" for s in present)
        notes = [t("legend_size", lang)]
        if set(projects["status"]) & NOT_YET_BUILT:
            notes.append(t("legend_not_built", lang))
        if "place_precision" in projects.columns and projects["place_precision"].isin(["region", "country"]).any():
            notes.append(t("legend_rough_place", lang))
        parts.append(f"<div class='ca-legend-title'>{esc(t('legend_projects', lang))}</div>{items}"
                     + "".join(f"<div class='ca-legend-note'>{esc(n)}</div>" for n in notes))
    if coverage:
        ramp = "".join(f"<span class='ca-swatch' style='background:{c}'></span>" for c in COVERAGE_COLOURS[1:])
        parts.append(f"<div class='ca-legend-title'>{esc(t('legend_coverage', lang))}</div><div>{ramp}</div>")
    return "".join(parts)


# ---------------------------------------------------------------- offline assets


def localize_assets(fmap: folium.Map, assets: str) -> folium.Map:
    """Point every JS/CSS link of the map's elements at the dashboard's own copies.

    Links with no local copy (Bootstrap, Font Awesome, awesome-markers: nothing here uses them)
    are dropped, so no element can make the browser call a CDN.
    """
    for element in _walk(fmap):
        if hasattr(element, "default_js"):
            element.default_js = [(n, f"{assets}/{LOCAL_JS[n]}") for n, _ in element.default_js if n in LOCAL_JS]
        if hasattr(element, "default_css"):
            element.default_css = [(n, f"{assets}/{LOCAL_CSS[n]}") for n, _ in element.default_css if n in LOCAL_CSS]
    return fmap


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def asset_links(fmap: folium.Map) -> list[str]:
    """Every JS/CSS URL the map's elements ask for (what streamlit-folium will load)."""
    links = []
    for element in _walk(fmap):
        links += [url for _, url in getattr(element, "default_js", [])]
        links += [url for _, url in getattr(element, "default_css", [])]
    return links


_STYLE = f"""<style>
.leaflet-container {{ background: {SEA}; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
.ca-legend {{ background: rgba(255,255,255,.92); padding: 4px 8px; border-radius: 5px; font-size: 11px;
  line-height: 1.35; box-shadow: 0 1px 3px rgba(0,0,0,.3); max-width: 190px; max-height: 60vh; overflow-y: auto; }}
.ca-legend.ca-legend-folded {{ padding: 0; }}
.ca-legend-toggle {{ border: none; background: transparent; font: 600 11px system-ui, sans-serif; cursor: pointer;
  padding: 4px 6px; color: #223; }}
.ca-legend-toggle::before {{ content: "▸ "; }}
.ca-legend-toggle[aria-expanded="true"]::before {{ content: "▾ "; }}
.ca-popup-link {{ margin-top: 6px; font-weight: 600; }}
.ca-legend-title {{ font-weight: 600; margin-top: 4px; }}
.ca-legend-note {{ color: #555; font-size: 10px; margin-top: 1px; }}
.ca-line {{ display: inline-block; width: 22px; height: 0; margin: 0 6px 3px 0; vertical-align: middle; }}
.ca-dot {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  border: 1px solid #222; vertical-align: middle; }}
.ca-swatch {{ display: inline-block; width: 22px; height: 10px; border: 1px solid #aaa; }}
.leaflet-interactive:focus {{ outline: none; }}
.ca-popup {{ font-size: 13px; }}
.ca-popup-title {{ font-weight: 700; font-size: 14px; }}
.ca-popup-sub {{ color: #555; margin-bottom: 4px; }}
.ca-popup-table th {{ text-align: left; padding-right: 8px; color: #555; font-weight: 500; vertical-align: top; }}
.ca-popup-sources ul {{ margin: 2px 0 0 16px; padding: 0; }}
</style>"""

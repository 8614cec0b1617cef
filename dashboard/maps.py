"""The map: corridors, projects and country coverage as a `folium.Map`.

Everything the map loads comes from the dashboard itself (`/app/static/vendor/`, installed by
`make assets`): Leaflet, jQuery (folium's popups use it), Leaflet.markercluster, and the Natural
Earth country outlines that are the base layer. A tile layer is offered for machines with
internet, off by default, so it never stands between the analyst and a drawn map.

Under the records lies the reference layer (`etl/infrastructure.py`): railways, roads, pipelines,
Caspian crossings, border crossings and ports in muted colours, with the names of their towns as the
map is zoomed in. Corridors are lines coloured by status (dashed while not yet built): bold where they
follow the reference lines, thin and dashed where they are drawn straight between places (schematic),
thinner still where the text only speculates about a way; projects are circles coloured by sector and
sized by cost in USD (or capacity where no cost is known), a line project named by its ends drawn
between them; countries are shaded by how many of the selected articles mention them. A selected
record is outlined and brought into view with its surroundings. Above `MARKER_LIMIT` projects the
markers are clustered, and above `ROUTE_LIMIT` corridors lose their popups, so thousands of
records stay fast. Every article-derived string is escaped with `markup.esc` before it reaches a
tooltip or popup.

Corridors and unclustered projects are written as one script per layer (`_Drawing`: the polylines and
circle markers folium would make, without a folium element, template and render per line, tooltip and
popup), and this module's large elements render as plain text (`PlainOutput`). The elements that depend
on the view are marked `view_part`: `dashboard.map_component` hands them to the page's map frame apart
from the base, so a new view replaces them in place.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import folium
import folium.plugins
import pandas as pd
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.map import Layer
from folium.template import Template
from folium.vector_layers import path_options
from jinja2.utils import htmlsafe_json_dumps
from shapely.geometry import LineString, MultiLineString, Point

from dashboard import units
from dashboard.data import POPUP_SOURCES, View, popup_articles
from etl import infrastructure as ground
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
# The reference layer: muted, thin, under every record.
REFERENCE_STYLE = {  # kind → colour, weight, dash
    "rail": ("#6e6a64", 1.6, None), "road": ("#b59a6a", 1.5, None), "pipeline": ("#a58aa0", 1.5, "1 3"),
    "sea crossing": ("#7d9fbd", 1.4, "5 5"),
}
REFERENCE_POINT = {"port": "#5b7c99", "border crossing": "#8a6d5a"}
HIGHLIGHT = "#ffcf33"
# Panes between the reference layer (370) and the records (Leaflet's overlay pane, 400).
RECORD_PANES = {"ca-project-lines": 385, "ca-highlight": 390, "ca-schematic": 395}
LEGEND_WIDTH = 190  # px: the first view leaves this much free on the right, so the legend covers no record
SPECULATIVE = {"planned", "announced"}  # a way told of only as one that may come, drawn between countries
SELECTED_SPAN = (10.0, 6.0)  # degrees of longitude and latitude a selection is shown within, at least
COURSE_TEXT = {
    "ground": {"en": "Drawn along the reference lines", "ru": "Проведён по линиям справочного слоя"},
    "partly": {"en": "Partly schematic: dashed where no reference line joins its places",
               "ru": "Частично схематично: пунктир там, где места не соединяет справочная линия"},
    "schematic": {"en": "Schematic: straight between the places or countries named",
                  "ru": "Схематично: по прямой между названными местами или странами"},
    "speculative": {"en": "Speculative: a way the text says may be sought, drawn between countries",
                    "ru": "Предположительно: путь, который, по тексту, могут искать; проведён между странами"},
    "course": {"en": "Course", "ru": "Путь на карте"},
    "layer_reference": {"en": "Reference infrastructure", "ru": "Справочная инфраструктура"},
    "legend_reference": {"en": "Reference layer", "ru": "Справочный слой"},
    "legend_schematic": {"en": "Thin dashed: schematic", "ru": "Тонкий пунктир: схематично"},
    "legend_speculative": {"en": "Dotted: speculative", "ru": "Точки: предположительно"},
    "rail": {"en": "railway", "ru": "железная дорога"}, "road": {"en": "road", "ru": "автодорога"},
    "pipeline": {"en": "pipeline", "ru": "трубопровод"}, "sea crossing": {"en": "sea crossing", "ru": "морская линия"},
    "port": {"en": "port", "ru": "порт"}, "border crossing": {"en": "border crossing", "ru": "погранпереход"},
    "construction": {"en": "under construction", "ru": "строится"}, "planned": {"en": "planned", "ru": "планируется"},
    "operating": {"en": "operating", "ru": "действует"}, "source": {"en": "course from", "ru": "путь по"},
}


def text(key: str, lang: str) -> str:
    return COURSE_TEXT[key]["ru" if lang == "ru" else "en"]


def route_course(route: pd.Series) -> str:
    """How a route's line is drawn: ground, partly, schematic or speculative."""
    geometry = route.get("geometry")
    share = _ground_share(geometry) if geometry is not None and not geometry.is_empty else 0.0
    if share >= 0.999:
        return "ground"
    if share > 0:
        return "partly"
    # Only a flow between countries can be speculative: a named corridor or a chain of places is a real line.
    speculative = str(route.get("route_id", "")).startswith("flow-") and route.get("status") in SPECULATIVE
    return "speculative" if speculative else "schematic"


@lru_cache(maxsize=4096)
def _ground_share(geometry) -> float:
    # Per line, not per drawing: a corridor's course is asked for by its tooltip, popup and the legend.
    return ground.ground_share(geometry)


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
    course = route_course(route)
    return (f"<b>{esc(bilingual(route['name_en'], route['name_ru'], lang))}</b><br>"
            f"{esc(status)} · {esc(mode)} · {esc(t('n_articles_count', lang, n=int(route['n_articles'] or 0)))}"
            + ("" if course == "ground" else f"<br><i>{esc(text(course, lang))}</i>"))


_TOOLTIP_FIELDS = ("name_en", "name_ru", "sector", "status", "capacity_value", "capacity_unit", "cost_amount",
                   "cost_currency", "cost_usd")


def project_tooltip(project: pd.Series, lang: str) -> str:
    # A map clusters up to a thousand projects, most of them in the next view too: each tooltip is made once.
    values = tuple(None if (v := project.get(f)) is None or (isinstance(v, float) and v != v) else v
                   for f in _TOOLTIP_FIELDS)
    try:
        return _project_tooltip(values, lang)
    except TypeError:  # a value that cannot be a key (a list where a name should be): made as it is
        return _project_tooltip.__wrapped__(values, lang)


@lru_cache(maxsize=32768)
def _project_tooltip(values: tuple, lang: str) -> str:
    project = dict(zip(_TOOLTIP_FIELDS, values))
    figures = [f for f in (_capacity(project, lang), _cost(project, lang)) if f]
    return (f"<b>{esc(bilingual(project['name_en'], project['name_ru'], lang))}</b><br>"
            f"{esc(label('sector', project['sector'], lang))} · {esc(label('status', project['status'], lang))}"
            + (f"<br>{esc(' · '.join(figures))}" if figures else ""))


def tooltip_index(view: View, lang: str) -> dict[str, str]:
    """What a browser shows of each record's tooltip → the record (`route:…`, `project:…`).

    streamlit-folium reports a clicked object by its tooltip text; this maps it back.
    """
    index: dict[str, str] = {}
    for route in _records(view.routes):
        index.setdefault(plain_text(route_tooltip(route, lang)), record_key("route", route["route_id"]))
    for project in _records(view.projects):
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
              app_base: str = "/", height: int = 600, selected: str | None = None) -> folium.Map:
    """The map of the view's corridors, projects and country coverage over the reference layer,
    loading only local assets; `selected` (`route:…`, `project:…`) is outlined and brought into view."""
    assets = assets or asset_base()
    fmap = folium.Map(location=CENTRAL_ASIA, zoom_start=4, tiles=None, min_zoom=2, max_zoom=12,
                      control_scale=lang != "ru", prefer_canvas=False, height=height)
    # With no tile layer at start, the map itself must know its zoom range: the marker-cluster plugin
    # refuses a map without one ("Map has no maxZoom specified"), and clustered projects never drew.
    fmap.options.update(min_zoom=2, max_zoom=12)
    fmap.get_root().html.add_child(_Text(_STYLE))
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

    ReferenceLayer(text("layer_reference", lang), reference_features(lang), reference_json(lang)).add_to(fmap)
    Panes(RECORD_PANES).add_to(fmap)  # before the records that draw in them

    routes = _drawable(view.routes, (LineString, MultiLineString))
    projects = _drawable(view.projects, (Point,))
    # Sources only for the records that get a popup (clustered projects and crowded corridors have none).
    sources = _sources(view, app_base, lang, routes=len(routes) <= ROUTE_LIMIT, projects=len(projects) <= MARKER_LIMIT)
    courses = _add_routes(fmap, routes, sources, lang, app_base, selected) if len(routes) else set()
    if len(projects):
        _add_projects(fmap, projects, sources, lang, app_base, selected)

    ClusterAssets().add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    # The shade's scale runs from one article to the most any country has in this view.
    most = int(view.coverage["n_articles"].max()) if coverage else 0
    Legend(_legend_html(routes, projects, most if coverage else False, lang, courses), t("legend", lang)).add_to(fmap)
    focus = _selected_bounds(routes, projects, selected)
    bounds = focus or _bounds(routes, projects)
    if bounds:
        FitBounds(bounds).add_to(fmap)
    localize_assets(fmap, assets)
    return fmap


def _drawable(frame, kinds: tuple[type, ...]):
    if not len(frame):
        return frame
    mask = [g is not None and not g.is_empty and isinstance(g, kinds) for g in frame.geometry]
    return frame.loc[mask]


def _add_routes(fmap: folium.Map, routes, sources, lang: str, app_base: str = "/",
                selected: str | None = None) -> set[str]:
    """Corridors as one layer whose script draws every line: the same Leaflet polylines, tooltips and popups
    folium's PolyLine would make, written in one pass (a folium element per line, tooltip and popup costs a
    template compiled and rendered each, which at hundreds of corridors was most of a filter change)."""
    detailed = len(routes) <= ROUTE_LIMIT
    lines, courses = _Drawing(), set()
    for route in _records(routes):
        status = route["status"] if route["status"] in STATUS_COLOURS else "unspecified"
        course = route_course(route)
        courses.add(course)
        runs = ground.split_schematic(route["geometry"])
        on_ground = [[(lat, lon) for lon, lat in points] for points, on in runs if on]
        schematic = [[(lat, lon) for lon, lat in points] for points, on in runs if not on]
        is_selected = selected == record_key("route", route["route_id"])
        dimmed = selected is not None and not is_selected
        tooltip = route_tooltip(route, lang)
        popup = _route_popup(route, sources, lang, app_base, course) if detailed else None
        colour = STATUS_COLOURS[status]
        not_built = status in NOT_YET_BUILT
        # The record's own line: its parts along the reference lines, bold; a wholly schematic route is
        # its straight line, thin and dashed (dotted where it is only speculated about).
        if on_ground:
            main, weight, dash = on_ground, 5, "8 6" if not_built else None
        else:
            main, weight, dash = schematic, 2.5, "2 6" if course == "speculative" else "7 7"
        if is_selected:
            lines.polyline(main + (schematic if on_ground else []), pane="ca-highlight", interactive=False,
                           color=HIGHLIGHT, weight=weight + 9, opacity=0.75, class_name="ca-halo")
        lines.polyline(
            main[0] if len(main) == 1 else main, tooltip=tooltip, popup=popup,
            color=colour, weight=weight + (2 if is_selected else 0), opacity=0.35 if dimmed else 0.9, dash_array=dash,
            class_name="ca-route ca-selected" if is_selected else "ca-route")
        if on_ground and schematic:
            # The schematic remainder of a route that partly follows the ground: thin, dashed, in a pane of
            # its own (one interactive line per record stays in the overlay pane).
            lines.polyline(
                schematic[0] if len(schematic) == 1 else schematic, pane="ca-schematic", tooltip=tooltip, popup=popup,
                color=colour, weight=2.5, opacity=0.35 if dimmed else 0.85, dash_array="7 7", class_name="ca-schematic")
    RecordLayer(t("layer_routes", lang), lines).add_to(fmap)
    return courses


def _records(frame) -> list[dict]:
    """The rows of a record frame as dicts (with their shapely geometry): read field by field far faster
    than the Series `iterrows` makes."""
    if not len(frame):
        return []
    columns = list(frame.columns)
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))]


def _js(value) -> str:
    """A value as a JavaScript literal inside a <script>: JSON, with `</` and the line separators escaped
    (article-derived text in it is already HTML-escaped by `markup.esc`)."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            .replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _bindings(tooltip: str | None, popup: str | None) -> str:
    """A layer's tooltip and popup as folium's Tooltip(sticky) and Popup(max_width=380) bind them."""
    out = ""
    if tooltip:
        out += f".bindTooltip({_js('<div>' + tooltip + '</div>')},{{\"sticky\":true}})"
    if popup:
        out += f".bindPopup({_js(_POPUP_BOX + popup + '</div>')},{{\"maxWidth\":380}})"
    return out


_POPUP_BOX = "<div style=\"width: 100.0%; height: 100.0%;\">"  # folium's popup HTML wraps its content so


class _Drawing:
    """The statements that draw a layer's records: `L.polyline(…)` and `L.circleMarker(…)` with the options
    folium's PolyLine and CircleMarker would give them (`path_options`), each style written once and
    shared (Leaflet copies a layer's options), coordinates to five decimals (a metre)."""

    def __init__(self):
        self.statements: list[str] = []
        self.styles: dict[str, int] = {}

    def _style(self, options: dict, pane: str | None, interactive: bool) -> str:
        if pane:
            options["pane"] = pane
        if not interactive:
            options["interactive"] = False
        return f"styles[{self.styles.setdefault(_js(options), len(self.styles))}]"

    def polyline(self, locations, *, tooltip: str | None = None, popup: str | None = None, pane: str | None = None,
                 interactive: bool = True, **style) -> None:
        options = self._style(path_options(line=True, **style), pane, interactive)
        self.statements.append(f"L.polyline({_js(_points(locations))},{options})"
                               f"{_bindings(tooltip, popup)}.addTo(group);")

    def circle_marker(self, location, radius: float, *, tooltip: str | None = None, popup: str | None = None,
                      pane: str | None = None, interactive: bool = True, **style) -> None:
        options = self._style(path_options(line=False, radius=radius, **style), pane, interactive)
        self.statements.append(f"L.circleMarker({_js(_points([location])[0])},{options})"
                               f"{_bindings(tooltip, popup)}.addTo(group);")

    def script(self) -> str:
        return "var styles = [" + ",".join(self.styles) + "];\n" + "\n".join(self.statements)


def _points(locations):
    """(lat, lon) pairs, or lists of them, as nested lists of floats."""
    if locations and isinstance(locations[0], (list, tuple)) and locations[0] and isinstance(locations[0][0], (list, tuple)):
        return [_points(part) for part in locations]
    return [[round(float(lat), 5), round(float(lon), 5)] for lat, lon in locations]


class _Text(Element):
    """An element's rendered output, kept as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class PlainOutput:
    """Rendering for this module's large elements. branca puts each element's rendered script into a new
    Element, which compiles it as a Jinja template: at a hundred thousand characters of corridors and
    projects that took longer than writing them, and their text is no template. This does what folium's
    JSCSSMixin, Layer and MacroElement renders do together (links to assets, `addTo` the parent when
    shown, header, html and script macros, then the children), keeping the output as text."""

    def render(self, **kwargs):
        figure = self.get_root()
        for name, url in getattr(self, "default_js", []):
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in getattr(self, "default_css", []):
            figure.header.add_child(CssLink(url), name=name)
        if isinstance(self, Layer) and self.show:
            self.add_child(ElementAddToElement(element_name=self.get_name(),
                                               element_parent_name=self._parent.get_name()),
                           name=self.get_name() + "_add")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if macros.get(part) is not None:
                getattr(figure, part).add_child(_Text(macros[part](self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class ProjectClusters(PlainOutput, folium.plugins.FastMarkerCluster):
    """folium's FastMarkerCluster, rendered as text (`PlainOutput`)."""

    view_part = True


class ClusterAssets(JSCSSMixin):
    """The marker-cluster plugin's script and styles, on every map: a map shown in place of another
    (`dashboard.map_component`) keeps the scripts its frame loaded first, and may cluster where that did not."""

    _template = Template("{% macro script(this, kwargs) %}{% endmacro %}")
    default_js = [("markerclusterjs", folium.plugins.MarkerCluster.default_js[0][1])]
    default_css = list(folium.plugins.MarkerCluster.default_css)

    def __init__(self):
        super().__init__()
        self._name = "ClusterAssets"


class RecordLayer(PlainOutput, Layer):
    """An overlay of records: a feature group whose script draws each record's Leaflet layers (a `_Drawing`,
    built from escaped strings)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({});
        (function (group) {
        {{ this.body }}
        })({{ this.get_name() }});
        {% endmacro %}
    """)

    view_part = True

    def __init__(self, name: str, drawing: "_Drawing"):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "RecordLayer"
        self.body = drawing.script()


def _add_projects(fmap: folium.Map, projects, sources, lang: str, app_base: str = "/",
                  selected: str | None = None) -> None:
    unit_max = projects.groupby("capacity_unit")["capacity_value"].max().to_dict() if len(projects) else {}
    name = t("layer_projects", lang)
    if len(projects) > MARKER_LIMIT:
        rows = [[round(p["geometry"].y, 5), round(p["geometry"].x, 5),
                 SECTOR_COLOURS.get(p["sector"], SECTOR_COLOURS["other"]), project_radius(p, unit_max),
                 project_tooltip(p, lang)]
                for p in _records(projects[[c for c in _CLUSTER_COLUMNS if c in projects.columns]])]
        ProjectClusters(rows, callback=_CLUSTER_MARKER, name=name, overlay=True, show=True,
                        options={"chunkedLoading": True, "maxClusterRadius": 45}).add_to(fmap)
        return
    markers = _Drawing()
    for project in _records(projects.sort_values("cost_usd", ascending=False, na_position="last")):
        colour = SECTOR_COLOURS.get(project["sector"], SECTOR_COLOURS["other"])
        rough = project.get("place_precision") in ("region", "country")
        radius = project_radius(project, unit_max)
        is_selected = selected == record_key("project", project["project_id"])
        point = (project["geometry"].y, project["geometry"].x)
        line = project_line(project)
        if line is not None:
            # A railway, road or pipeline named by its ends ("участок Алтынколь – Жетыген"): drawn between them.
            markers.polyline([(lat, lon) for lon, lat in line.coords], pane="ca-project-lines", interactive=False,
                             color=colour, weight=3, opacity=0.8, class_name="ca-project-line",
                             dash_array="6 5" if project.get("status") in NOT_YET_BUILT | {"construction"} else None)
        if is_selected:
            markers.circle_marker(point, radius + 7, pane="ca-highlight", interactive=False, color=HIGHLIGHT,
                                  weight=6, opacity=0.9, fill=False, class_name="ca-halo")
        markers.circle_marker(
            point, radius, tooltip=project_tooltip(project, lang), popup=_project_popup(project, sources, lang, app_base),
            color="#222222", weight=2.5 if is_selected else 1.2, fill=True, fill_color=colour,
            fill_opacity=0.35 if rough else 0.85, opacity=0.4 if selected and not is_selected else 1.0,
            dash_array="3 3" if project.get("status") in NOT_YET_BUILT else None,
            class_name="ca-project ca-selected" if is_selected else "ca-project")
    RecordLayer(name, markers).add_to(fmap)


# What a clustered project's marker and tooltip read (`project_radius`, `project_tooltip`).
_CLUSTER_COLUMNS = ("geometry", "name_en", "name_ru", "sector", "status", "capacity_value", "capacity_unit",
                    "cost_amount", "cost_currency", "cost_usd")
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


def _selected_bounds(routes, projects, selected: str | None) -> list[list[float]] | None:
    """The selected record's extent, widened to at least SELECTED_SPAN so it keeps its surroundings."""
    if not selected or ":" not in selected:
        return None
    kind, record_id = selected.split(":", 1)
    frame, key = (routes, "route_id") if kind == "route" else (projects, "project_id") if kind == "project" else (None, None)
    if frame is None or not len(frame):
        return None
    rows = frame.loc[frame[key] == record_id]
    if not len(rows):
        return None
    west, south, east, north = rows.geometry.iloc[0].bounds
    (cx, cy), (span_x, span_y) = ((west + east) / 2, (south + north) / 2), SELECTED_SPAN
    west, east = min(west, cx - span_x / 2), max(east, cx + span_x / 2)
    south, north = min(south, cy - span_y / 2), max(north, cy + span_y / 2)
    return [[south, west], [north, east]]


# ---------------------------------------------------------------- line projects


LINE_SUBSECTORS = {"rail": "rail", "road": "road", "pipeline": "pipeline", "grid": None, "oil-gas": "pipeline"}
ENDS = re.compile(r"([А-ЯЁA-Z][\w-]+(?:\s[А-ЯЁA-Z][\w-]+)?)\s*[–—-]\s*([А-ЯЁA-Z][\w-]+(?:\s[А-ЯЁA-Z][\w-]+)?)")


@lru_cache(maxsize=1)
def _place_names() -> dict:
    from etl.gazetteer import GazetteerTables

    return ground.place_names(GazetteerTables().places)


def project_line(project: pd.Series) -> LineString | None:
    """A railway, road or pipeline project named by its two ends: the line between them (along the
    reference lines where they join them, straight where not); None for any other project."""
    if project.get("subsector") not in LINE_SUBSECTORS or not isinstance(project.get("name_ru"), str):
        return None
    match = ENDS.search(project["name_ru"])
    if not match:
        return None
    names = _place_names()
    ends = [names.get(ground.fold(name)) for name in match.groups()]
    if any(e is None for e in ends) or ends[0][0] == ends[1][0]:
        return None
    return ground.route_through([ends[0][0], ends[1][0]], LINE_SUBSECTORS[project["subsector"]])


# ---------------------------------------------------------------- the reference layer


@lru_cache(maxsize=2)
def reference_features(lang: str) -> tuple[dict, ...]:
    """The reference layer as GeoJSON features with their style and an escaped tooltip (built once)."""
    features = []
    hubs: dict[tuple[float, float], set[str]] = {}
    for item in ground.network().items:
        name = item.name_ru if lang == "ru" else item.name_en
        other = item.name_kk if lang == "ru" else item.name_ru
        state = "" if item.state == "operating" else f" · {text(item.state, lang)}"
        tip = (f"<b>{esc(name)}</b><br><span class='ca-ref-sub'>{esc(other)}</span><br>"
               f"{esc(text(item.kind, lang))}{esc(state)} · {esc(' → '.join(item.countries))}")
        if item.kind in REFERENCE_STYLE:
            colour, weight, dash = REFERENCE_STYLE[item.kind]
            if item.state != "operating":
                dash = "3 5"
            features.append({"type": "Feature", "properties": {"tip": tip, "c": colour, "w": weight, "d": dash},
                             "geometry": {"type": "LineString", "coordinates": [list(p) for p in item.coords]}})
            for place, point in zip(item.places, item.coords):
                hubs.setdefault(point, set()).add(place)
        else:
            features.append({"type": "Feature", "properties": {"tip": tip, "c": REFERENCE_POINT[item.kind], "k": item.kind},
                             "geometry": {"type": "Point", "coordinates": list(item.coords[0])}})
    # Town labels: each waypoint once; junctions (three or more ways meet) from zoom 4, line ends from 5,
    # every other town from 6.
    degree = {p: len(n) for p, n in ground.network().edges.items()}
    for point, names in sorted(hubs.items()):
        name = sorted(names, key=len)[0]
        tier = 4 if degree.get(point, 0) >= 3 else 5 if degree.get(point, 0) == 1 else 6
        features.append({"type": "Feature", "properties": {"label": name if lang == "ru" else _latin_name(name, point),
                                                           "tier": tier},
                         "geometry": {"type": "Point", "coordinates": list(point)}})
    return tuple(features)


@lru_cache(maxsize=2)
def reference_json(lang: str) -> str:
    """`reference_features` as JSON safe in a script (Jinja's `tojson`), serialised once per language."""
    return htmlsafe_json_dumps(list(reference_features(lang)))


@lru_cache(maxsize=1)
def _english_names() -> dict:
    from etl.gazetteer import GazetteerTables

    out = {}
    for row in GazetteerTables().places.values():
        if row.get("lat"):
            out[(round(float(row["lon"]), 2), round(float(row["lat"]), 2))] = row["name_en"].split(" (")[0]
    return out


def _latin_name(name: str, point) -> str:
    return _english_names().get(point) or units_latin(name)


def units_latin(name: str) -> str:
    from etl.tabulate import transliterate

    return transliterate(name)


class ReferenceLayer(PlainOutput, Layer):
    """The reference layer: lines and points in muted colours in a pane under the records, town labels
    in a pane above them that takes no clicks, shown by zoom (junctions from 4, line ends from 5, all from 6)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        (function (map, group) {
            [['ca-reference', 370, true], ['ca-labels', 420, false]].forEach(function (p) {
                if (!map.getPane(p[0])) {
                    map.createPane(p[0]);
                    map.getPane(p[0]).style.zIndex = p[1];
                    if (!p[2]) { map.getPane(p[0]).style.pointerEvents = 'none'; }
                }
            });
            var features = {{ this.features_json }};
            var lines = features.filter(function (f) { return !f.properties.label; });
            var labels = features.filter(function (f) { return f.properties.label; });
            group.addLayer(L.geoJSON({type: 'FeatureCollection', features: lines}, {
                pane: 'ca-reference',
                style: function (f) { return {color: f.properties.c, weight: f.properties.w, dashArray: f.properties.d, opacity: 0.85}; },
                pointToLayer: function (f, ll) {
                    return L['circleMarker'](ll, {pane: 'ca-reference', radius: 3.5, color: '#ffffff', weight: 1,
                                               fillColor: f.properties.c, fillOpacity: 0.95});
                },
                onEachFeature: function (f, l) { l.bindTooltip(f.properties.tip, {sticky: true, className: 'ca-ref-tip'}); }
            }));
            labels.forEach(function (f) {
                var c = f.geometry.coordinates;
                group.addLayer(L.marker([c[1], c[0]], {pane: 'ca-labels', interactive: false, keyboard: false,
                    icon: L.divIcon({className: 'ca-town ca-tier' + f.properties.tier,
                                     html: '<span></span>' + L.Util.template('{t}', {t: f.properties.label.replace(/[&<>"]/g, '')}),
                                     iconSize: null})}));
            });
            var zoomClass = function () {
                var z = map.getZoom(), el = map.getContainer();
                el.classList.toggle('ca-z4', z >= 4);
                el.classList.toggle('ca-z5', z >= 5);
                el.classList.toggle('ca-z6', z >= 6);
            };
            map.on('zoomend', zoomClass);
            map.whenReady(zoomClass);
        })({{ this._parent.get_name() }}, {{ this.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, name: str, features: tuple[dict, ...], features_json: str | None = None):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "ReferenceLayer"
        self.features = list(features)
        self.features_json = features_json or htmlsafe_json_dumps(self.features)


class FitBounds(MacroElement):
    """Fit the map to `bounds`, leaving the legend's width free on the right where the legend starts
    unfolded (a wide map), so that it covers no record of the first view."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var wide = map.getSize().x >= {{ this.fold_width }};
            // Not animated: a view drawn in place of another appears fitted, as a new map does, without
            // redrawing every frame of a pan and zoom.
            map.fitBounds({{ this.bounds|tojson }}, {paddingTopLeft: [20, 20],
                paddingBottomRight: [wide ? {{ this.legend_width }} + 24 : 20, 20], maxZoom: 6, animate: false});
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)
    view_part = True

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FitBounds"
        self.bounds = bounds
        self.fold_width = LEGEND_FOLD_WIDTH
        self.legend_width = LEGEND_WIDTH


class Panes(MacroElement):
    """Map panes by name and z-index, made before the layers that draw in them."""

    _template = Template("""
        {% macro header(this, kwargs) %}{% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
            var panes = {{ this.panes|tojson }};
            Object.keys(panes).forEach(function (name) {
                if (!map.getPane(name)) { map.createPane(name); map.getPane(name).style.zIndex = panes[name]; }
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, panes: dict[str, int]):
        super().__init__()
        self._name = "Panes"
        self.panes = panes


# ---------------------------------------------------------------- popups


def _sources(view: View, app_base: str, lang: str, *, routes: bool = True, projects: bool = True) -> dict[str, str]:
    """article_id → an HTML list item: the title linking to the reader, and the original if http(s)."""
    articles = popup_articles(view, routes=routes, projects=projects)[["article_id", "display_title", "url", "published"]]
    items = {}
    for article_id, title, url, published in articles.itertuples(index=False):
        reader = f"{app_base.rstrip('/')}/articles?page=articles&article={article_id}" + (f"&lang={lang}" if lang != "en" else "")
        date = units.day(published, lang) or t("undated", lang)
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


def _route_popup(route: pd.Series, sources: dict[str, str], lang: str, app_base: str = "/",
                 course: str | None = None) -> str:
    rows = [
        (t("status", lang), label("status", route["status"], lang)
         + (f" ({t('conflict', lang)})" if route.get("status_conflict") in (True, 1) else "")),
        (t("mode", lang), label("mode", route["mode"], lang)),
        (t("sector", lang), label("sector", route["sector"], lang)),
        (t("countries", lang), " → ".join(route["countries"])),
        (t("first_seen", lang), _day(route["first_seen"], lang)),
        (t("last_seen", lang), _day(route["last_seen"], lang)),
        (t("n_articles", lang), int(route["n_articles"] or 0)),
        (text("course", lang), text(course or route_course(route), lang)),
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
            "tooltip": f"<b>{esc(name)}</b><br>{esc(t('n_articles_count', lang, n=int(row.n_articles)))}",
        }
    return shading


class CountryLayer(PlainOutput, Layer):
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
        self.view_part = bool(shading)  # the outlines are the same on every map; the shading is the view's
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


class Legend(PlainOutput, MacroElement):
    """A Leaflet control in the map's corner; `html` is built here from escaped strings.

    A button folds and unfolds it; on a map narrower than LEGEND_FOLD_WIDTH it starts folded, so on
    a phone it never covers the map until asked for.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
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
            // Held by a layer, so that the legend comes and goes with the records it describes.
            var holder = new (L.Layer.extend({
                onAdd: function (m) { legend.addTo(m); },
                onRemove: function () { legend.remove(); }
            }))();
            holder.addTo(map);
            return holder;
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)
    view_part = True

    def __init__(self, html: str, title: str = "Legend"):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.title = title
        self.fold_width = LEGEND_FOLD_WIDTH


def _legend_html(routes, projects, coverage: bool | int, lang: str, courses: set[str] | None = None) -> str:
    """The legend of what is drawn; `coverage` is the shade's top count (or True: a shade with no scale)."""
    parts = []
    if len(routes):
        present = [s for s in STATUS_COLOURS if s in set(routes["status"])]
        items = "".join(
            f"<div><span class='ca-line' style='border-top:4px {'dashed' if s in NOT_YET_BUILT else 'solid'} "
            f"{STATUS_COLOURS[s]}'></span>{esc(label('status', s, lang))}</div>" for s in present)
        courses = courses if courses is not None else {route_course(r) for r in _records(routes)}
        notes = []
        if courses & {"partly", "schematic"}:
            notes.append(f"<div><span class='ca-line' style='border-top:2px dashed #555'></span>{esc(text('legend_schematic', lang))}</div>")
        if "speculative" in courses:
            notes.append(f"<div><span class='ca-line' style='border-top:2px dotted #555'></span>{esc(text('legend_speculative', lang))}</div>")
        parts.append(f"<div class='ca-legend-title'>{esc(t('legend_routes', lang))}</div>{items}{''.join(notes)}")
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
    reference = "".join(
        f"<div><span class='ca-line ca-line-short' style='border-top:2px {'dashed' if dash else 'solid'} {colour}'></span>"
        f"{esc(text(kind, lang))}</div>" for kind, (colour, _, dash) in REFERENCE_STYLE.items())
    reference += "".join(f"<div><span class='ca-dot ca-dot-small' style='background:{colour}'></span>{esc(text(kind, lang))}</div>"
                         for kind, colour in REFERENCE_POINT.items())
    parts.append(f"<div class='ca-legend-title'>{esc(text('legend_reference', lang))}</div>"
                 f"<div class='ca-legend-grid'>{reference}</div>")
    if coverage:
        ramp = "".join(f"<span class='ca-swatch' style='background:{c}'></span>" for c in COVERAGE_COLOURS[1:])
        if not isinstance(coverage, bool) and coverage > 1:  # the ramp's ends: 1 … the most articles
            ramp = (f"<span class='ca-ramp-end'>1</span>{ramp}"
                    f"<span class='ca-ramp-end'>{esc(units.number(coverage, lang))}</span>")
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
  line-height: 1.35; box-shadow: 0 1px 3px rgba(0,0,0,.3); max-width: {LEGEND_WIDTH}px; max-height: 75vh; overflow-y: auto; }}
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
.ca-ramp-end {{ font-size: 10px; color: #555; margin: 0 3px; vertical-align: middle; }}
.ca-legend-grid {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 6px; font-size: 10px; }}
.ca-line-short {{ width: 12px; margin-right: 3px; }}
.ca-dot-small {{ width: 7px; height: 7px; border: 1px solid #fff; margin: 0 4px 0 3px; }}
.ca-ref-tip {{ font-size: 11px; color: #333; }}
.ca-ref-sub {{ color: #666; }}
.ca-town {{ font: 10px/1.1 system-ui, sans-serif; color: #4a4a4a; white-space: nowrap; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff;
  display: none; }}
.ca-town span {{ display: inline-block; width: 3px; height: 3px; background: #6e6a64; border-radius: 50%; margin: 0 3px 1px 0; }}
.ca-z4 .ca-tier4, .ca-z5 .ca-tier5, .ca-z6 .ca-town {{ display: block; }}
.ca-tier4 {{ font-weight: 600; }}
.leaflet-interactive:focus {{ outline: none; }}
.ca-popup {{ font-size: 13px; }}
.ca-popup-title {{ font-weight: 700; font-size: 14px; }}
.ca-popup-sub {{ color: #555; margin-bottom: 4px; }}
.ca-popup-table th {{ text-align: left; padding-right: 8px; color: #555; font-weight: 500; vertical-align: top; }}
.ca-popup-sources ul {{ margin: 2px 0 0 16px; padding: 0; }}
</style>"""

"""The map handed to the st_folium component: drawn once per view and kept, and changed in place.

`st_folium(fmap)` renders the folium map to its script, header and HTML on every call (the whole map
three times over, as it happens), and hands the component a script that differs with every view, so the
browser throws the map's frame away and loads Leaflet, the country outlines and the reference layer
again on each filter change. Here:

- `render_map` splits the map in two: the base (the map, outlines, reference layer, panes, scale), the
  same for every view in a language, and the view's parts (coverage shading, corridors, projects, legend,
  fitting the view, the layer control), which streamlit-folium's frame takes as a "feature group" and
  swaps in place of the last ones without reloading (the component's key follows the base only);
- `drawn_map` keeps what `render_map` returns per data version, filters, language, selected record and
  URL base — a bounded LRU shared by every session — so a view shown before is not drawn again;
- `show_map` calls the component with the arguments `st_folium` sends, those parts added.

`build_map` still returns the whole `folium.Map`: rendered on its own it is the same map.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass
from textwrap import dedent

import folium
import streamlit as st
import streamlit_folium
from folium.map import Layer

from dashboard import data, maps
from dashboard.state import Filters

# Rendered maps kept per server: each is its scripts compressed (tens of kB at a million articles, where
# views are capped), so this bounds their memory at a few MB.
MAPS_KEPT = 64


@dataclass(frozen=True)
class RenderedMap:
    """What the st_folium component is given for one folium map. The base script and the view's parts are
    kept compressed (a tenth of their size: the LRU holds many views) and inflated when shown."""

    packed_script: bytes  # the base map: the same for every view in a language
    header: str
    html: str
    map_id: str
    packed_view: bytes  # the view's layers, legend and fitting, evaluated by the frame in place of the last view's
    layer_control: str | None
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    zoom: object
    hash_key: str  # the component's key, from the base: a new view keeps the frame

    @property
    def script(self) -> str:
        return zlib.decompress(self.packed_script).decode()

    @property
    def view(self) -> str:
        return zlib.decompress(self.packed_view).decode()

    @property
    def size(self) -> int:
        """Bytes the component's arguments carry (the map's payload)."""
        return sum(len(part.encode()) for part in (self.script, self.header, self.html, self.view,
                                                   self.layer_control or ""))


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode(), 1)


def render_map(fmap: folium.Map) -> RenderedMap:
    """The map as the component takes it: the base rendered as streamlit-folium renders a map (ids
    standardised), and the view's parts (elements marked `view_part`, and the layer control) as the script
    its frame evaluates in place of the previous view's."""
    sf = streamlit_folium
    children = list(fmap._children.items())
    parts = [(name, child) for name, child in children if getattr(child, "view_part", False)]
    control = next((child for _, child in children if isinstance(child, folium.LayerControl)), None)
    fmap._children = OrderedDict((name, child) for name, child in children
                                 if not getattr(child, "view_part", False) and child is not control)
    fmap.get_root().render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    script = sf._get_map_string(fmap)  # names the map `map_div`, as the frame expects

    # The frame removes the layers listed in `window.feature_group` before it evaluates the next view's.
    view = ["window.feature_group = [];"]
    for number, (name, child) in enumerate(parts):
        fmap._children[name] = child
        child.render()
        view.append(dedent(sf.generate_leaflet_string(child, base_id=f"view_{number}")))
        if isinstance(child, (Layer, maps.Legend)):  # the legend is held by a layer of its own
            view.append(f"window.feature_group.push({child.get_name()});")
    fmap._children = OrderedDict(children)  # the layer control lists the layers in the map's order
    layer_control = sf._get_layer_control_string(control, fmap) if control is not None else None

    css_links: list[str] = []
    js_links: list[str] = []
    for element in maps._walk(fmap):
        css_links += [href for _, href in getattr(element, "default_css", [])]
        js_links += [src for _, src in getattr(element, "default_js", [])]
    return RenderedMap(packed_script=_pack(script), header=header, html=html, map_id=sf.get_full_id(fmap),
                       packed_view=_pack("\n".join(view) + "\n"), layer_control=layer_control,
                       css_links=tuple(dict.fromkeys(css_links)), js_links=tuple(dict.fromkeys(js_links)),
                       zoom=fmap.options.get("zoom"), hash_key=sf.generate_js_hash(script, None, False))


def _bounds_dict(bounds) -> dict:
    (south, west), (north, east) = bounds
    return {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}


def component_arguments(drawn: RenderedMap, *, height: int, width: int | None = None,
                        use_container_width: bool = False, returned_objects=None) -> dict:
    """The keyword arguments st_folium (0.27) passes its component for a map with these settings, whose
    view's parts are its feature group and layer control."""
    defaults = {
        "last_clicked": None, "last_object_clicked": None, "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None, "last_object_clicked_popup": None, "all_drawings": None,
        "last_active_drawing": None, "bounds": _bounds_dict([[None, None], [None, None]]), "zoom": drawn.zoom,
        "last_circle_radius": None, "last_circle_polygon": None, "selected_layers": None, "selected_tags": None,
        "last_geocoder_result": None,
    }
    return dict(
        script=drawn.script, header=drawn.header, html=drawn.html, id=drawn.map_id, key=drawn.hash_key,
        height=height, width=None if use_container_width else width, returned_objects=returned_objects,
        default={k: v for k, v in defaults.items() if returned_objects is None or k in returned_objects},
        zoom=None, center=None, feature_group=drawn.view, return_on_hover=False, layer_control=drawn.layer_control,
        pixelated=False,
        css_links=list(drawn.css_links), js_links=list(drawn.js_links), wrap_longitude=False,
    )


def show_map(drawn: RenderedMap, *, height: int = 700, width: int | None = 500, use_container_width: bool = False,
             returned_objects=None):
    """The component on the page, as `st_folium(fmap, …)` with the same settings shows it; returns what
    the browser reports (clicks)."""
    arguments = component_arguments(drawn, height=height, width=width, use_container_width=use_container_width,
                                    returned_objects=returned_objects)
    return streamlit_folium._component_func(**arguments, on_change=None)


@st.cache_resource(show_spinner=False, max_entries=MAPS_KEPT)
def drawn_map(resolved: str, version: str, filters: Filters, lang: str, selected: str | None, assets: str,
              app_base: str) -> RenderedMap:
    """The rendered map of this view, made once per server for every session that shows it."""
    view = data.filtered_view(resolved, version, filters)
    return render_map(maps.build_map(view, lang, assets=assets, app_base=app_base, selected=selected))

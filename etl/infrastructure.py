"""The reference layer: where the region's railways, roads, pipelines, sea crossings, crossings and ports run.

`etl/gazetteer/reference/infrastructure.csv` (made by `scripts/make_reference.py` from the ordered
waypoints of `courses.csv`) holds each line as the towns, junctions, stations, crossings and ports it
passes, with their GeoNames points. This module turns it into a network and places records on it:

- a named corridor of the gazetteer follows the reference lines that list it (`corridor_geometry`);
- a route through named places follows the lines that join each place to the next where such a line
  exists, and runs straight between them where none does (`route_through`);
- which parts of a drawn line follow the ground and which are schematic is read back from the line
  itself (`split_schematic`), so a table that stores only the geometry still says so.

Nothing here reads an article: it is geography, used by the tabulation and by the map.
"""

from __future__ import annotations

import csv
import heapq
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from shapely.geometry import LineString, MultiLineString

FILE = Path(__file__).resolve().parent / "gazetteer" / "reference" / "infrastructure.csv"
LINE_KINDS = ("rail", "road", "pipeline", "sea crossing")
SNAP_KM = 35.0  # a place this close to a reference waypoint is that waypoint (a station beside its town)
# A path along the network is kept when it is not much longer than the straight line: beyond this,
# the network joins the two places only by a detour the text did not describe.
DETOUR_FACTOR, DETOUR_KM = 1.6, 120.0
# Which reference lines a route of each mode may follow, and the cost of a kilometre on each: a sea
# crossing costs more than its length (two transshipments), so a way by land is preferred where one exists.
MODE_KINDS = {
    "rail": {"rail": 1.0, "sea crossing": 1.6},
    "road": {"road": 1.0, "sea crossing": 1.6, "rail": 1.3},
    "pipeline": {"pipeline": 1.0},
    "sea": {"sea crossing": 1.0, "rail": 1.1, "road": 1.3},
}
DEFAULT_KINDS = {"rail": 1.0, "sea crossing": 1.6, "road": 1.15}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


Point2 = tuple[float, float]


@dataclass
class Item:
    ref_id: str
    kind: str
    state: str
    name_en: str
    name_ru: str
    name_kk: str
    countries: list[str]
    corridors: list[str]
    places: list[str]
    coords: list[Point2]
    source: str
    note: str


@dataclass
class Network:
    items: list[Item]
    nodes: dict[Point2, list[str]] = field(default_factory=dict)  # point → the names written for it
    edges: dict[Point2, dict[Point2, dict[str, float]]] = field(default_factory=dict)  # a → b → kind → km
    by_corridor: dict[str, list[Item]] = field(default_factory=dict)
    by_name: dict[str, Point2] = field(default_factory=dict)  # folded Russian name → point

    def edge_kinds(self, a: Point2, b: Point2) -> dict[str, float]:
        return self.edges.get(a, {}).get(b, {})


def _point(text: str) -> Point2:
    lon, lat = text.split()
    return (float(lon), float(lat))


def fold(name: str) -> str:
    return name.lower().replace("ё", "е").strip()


def read_items(path: Path = FILE) -> list[Item]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Item(r["ref_id"], r["kind"], r["state"], r["name_en"], r["name_ru"], r["name_kk"],
                     [c for c in r["countries"].split("|") if c], [c for c in r["corridors"].split("|") if c],
                     r["places"].split("|"), [_point(p) for p in r["coordinates"].split("|")], r["source"], r["note"])
                for r in csv.DictReader(handle)]


@lru_cache(maxsize=1)
def network() -> Network:
    net = Network(read_items())
    for item in net.items:
        for name, point in zip(item.places, item.coords):
            net.nodes.setdefault(point, [])
            if name not in net.nodes[point]:
                net.nodes[point].append(name)
            net.by_name.setdefault(fold(name), point)
        for corridor in item.corridors:
            net.by_corridor.setdefault(corridor, []).append(item)
        if item.kind not in LINE_KINDS:
            continue
        for a, b in zip(item.coords, item.coords[1:]):
            length = km(a, b)
            for x, y in ((a, b), (b, a)):
                kinds = net.edges.setdefault(x, {}).setdefault(y, {})
                kinds[item.kind] = min(kinds.get(item.kind, length), length)
    return net


# ---------------------------------------------------------------- placing records


def snap(point: Point2, net: Network | None = None, limit: float = SNAP_KM) -> Point2 | None:
    """The reference waypoint a place stands at (within `limit` km), if any."""
    net = net or network()
    best, best_km = None, limit
    for node in net.edges:
        d = km(point, node)
        if d <= best_km:
            best, best_km = node, d
    return best


def _path(a: Point2, b: Point2, kinds: dict[str, float], net: Network) -> list[Point2] | None:
    """The cheapest way from waypoint a to waypoint b along lines of the given kinds (Dijkstra)."""
    if a == b:
        return [a]
    best = {a: 0.0}
    back: dict[Point2, Point2] = {}
    queue = [(0.0, a)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node == b:
            break
        if cost > best.get(node, math.inf):
            continue
        for nxt, by_kind in net.edges.get(node, {}).items():
            weights = [length * kinds[k] for k, length in by_kind.items() if k in kinds]
            if not weights:
                continue
            c = cost + min(weights)
            if c < best.get(nxt, math.inf):
                best[nxt], back[nxt] = c, node
                heapq.heappush(queue, (c, nxt))
    if b not in back:
        return None
    path = [b]
    while path[-1] != a:
        path.append(back[path[-1]])
    return path[::-1]


def _kinds(mode: str | None) -> dict[str, float]:
    return MODE_KINDS.get(mode or "", DEFAULT_KINDS)


def route_through(points: list[Point2], mode: str | None = None, net: Network | None = None) -> LineString | None:
    """A line through the places in order: along the reference lines that join each pair where they
    exist (and not by a long detour), straight where they do not."""
    net = net or network()
    points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(points) < 2:
        return None
    kinds = _kinds(mode)
    coords: list[Point2] = []

    def extend(run: list[Point2]) -> None:
        for p in run:
            if not coords or coords[-1] != p:
                coords.append(p)

    snapped = [snap(p, net) for p in points]
    for (p, q), (sp, sq) in zip(zip(points, points[1:]), zip(snapped, snapped[1:])):
        path = _path(sp, sq, kinds, net) if sp and sq else None
        if path and len(path) >= 2:
            length = sum(km(x, y) for x, y in zip(path, path[1:]))
            if length <= DETOUR_FACTOR * km(sp, sq) + DETOUR_KM:
                extend(path)  # the waypoints themselves, so the line reads back as following the ground
                continue
        extend([sp or p, sq or q])
    return LineString(coords) if len(coords) >= 2 else None


def corridor_geometry(route_id: str, waypoints: list[Point2], mode: str | None = None,
                      net: Network | None = None) -> LineString | MultiLineString | None:
    """A named corridor: the reference lines that are part of it, else its waypoints placed on the network."""
    net = net or network()
    items = [i for i in net.by_corridor.get(route_id, []) if i.kind in LINE_KINDS]
    if items:
        lines = [LineString(i.coords) for i in items]
        return lines[0] if len(lines) == 1 else MultiLineString(lines)
    return route_through(waypoints, mode, net)


def split_schematic(geometry, net: Network | None = None) -> list[tuple[list[Point2], bool]]:
    """The runs of a line: (points, True) where consecutive points are a reference line's consecutive
    waypoints, (points, False) where the line is drawn straight between places (schematic)."""
    net = net or network()
    lines = list(geometry.geoms) if isinstance(geometry, MultiLineString) else [geometry]
    runs: list[tuple[list[Point2], bool]] = []
    for line in lines:
        coords = [(round(x, 2), round(y, 2)) for x, y, *_ in line.coords]
        for a, b in zip(coords, coords[1:]):
            ground = bool(net.edge_kinds(a, b))
            if runs and runs[-1][1] == ground and runs[-1][0][-1] == a:
                runs[-1][0].append(b)
            else:
                runs.append(([a, b], ground))
    return runs


def ground_share(geometry, net: Network | None = None) -> float:
    """The share of a line's length that follows reference lines (0 for a wholly schematic line)."""
    runs = split_schematic(geometry, net)
    total = ground = 0.0
    for points, on in runs:
        length = sum(km(a, b) for a, b in zip(points, points[1:]))
        total += length
        ground += length if on else 0.0
    return ground / total if total else 0.0


# ---------------------------------------------------------------- places a sentence names


# "из Хоргоса через Актау в Баку": a preposition of direction and the name after it.
DIRECTED = re.compile(r"(?<![\w-])(из|от|через|в|во|до|на)\s+([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+)")
ENDINGS = ("", "а", "я", "у", "ю", "е", "ом", "ем", "ой", "и", "ы", "ь", "й")


def place_point(word: str, names: dict[str, Point2]) -> Point2 | None:
    """The point of a place named by one word in any case ("Хоргоса", "Актау", "Казани")."""
    w = fold(word)
    candidates = [w]
    for n in (1, 2):
        stem = w[:-n] if len(w) > n + 2 else None
        if stem:
            candidates += [stem + e for e in ENDINGS]
    for c in candidates:
        if c in names:
            return names[c]
    return None


def places_in_sentence(sentence: str, names: dict[str, Point2]) -> list[Point2]:
    """The places a sentence routes through, in order: origin (из/от), via (через), destination (в/до/на)."""
    origin: list[Point2] = []
    via: list[Point2] = []
    destination: list[Point2] = []
    for m in DIRECTED.finditer(sentence):
        point = place_point(m.group(2), names)
        if point is None:
            continue
        role = m.group(1).lower()
        target = origin if role in ("из", "от") else via if role == "через" else destination
        if point not in target:
            target.append(point)
    ordered = origin[:1] + via + destination[-1:]
    return ordered if len(ordered) >= 2 and origin and destination else []


# ---------------------------------------------------------------- what the tabulation calls


def place_names(gazetteer_places: dict[str, dict], net: Network | None = None) -> dict[str, tuple[Point2, str | None]]:
    """Folded Russian name → (point, country) for the gazetteer's places and the reference waypoints."""
    net = net or network()
    names: dict[str, tuple[Point2, str | None]] = {}
    for row in gazetteer_places.values():
        if row.get("type") in ("region", "basin", "sea", "continent") or not row.get("lat"):
            continue
        point = (round(float(row["lon"]), 2), round(float(row["lat"]), 2))
        for name in [row["name_ru"], *[a for a in (row.get("aliases_ru") or "").split("|") if a]]:
            names.setdefault(fold(name), (point, row.get("country_iso3") or None))
    for name, point in net.by_name.items():
        names.setdefault(name, (point, None))
    return names


def flow_geometry(quotes: list[str], countries: list[str], fallback: list[Point2], mode: str | None,
                  names: dict[str, tuple[Point2, str | None]]) -> LineString | None:
    """A flow between countries: through the towns its sentence names ("из Хоргоса через Актау в Баку")
    when they fit its countries, along the reference lines; else the schematic line it had (capitals)."""
    points_only = {k: v[0] for k, v in names.items()}
    country_of = {v[0]: v[1] for v in names.values()}
    for quote in quotes:
        points = places_in_sentence(quote, points_only)
        if len(points) < 2:
            continue
        first, last = country_of.get(points[0]), country_of.get(points[-1])
        if (first and first != countries[0]) or (last and last != countries[-1]):
            continue  # the towns describe another leg than this flow's
        return route_through(points, mode)
    return LineString(fallback) if len(fallback) >= 2 else None

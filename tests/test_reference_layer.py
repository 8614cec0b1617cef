"""The reference layer: rebuilt identically by its script, well formed, and the lines records are drawn along.

The sentences are written for these tests.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import LineString, MultiLineString

from etl import infrastructure as ground

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "etl" / "gazetteer" / "reference"


def _point(place_id: str) -> tuple[float, float]:
    from etl.gazetteer import GazetteerTables

    row = GazetteerTables().places[place_id]
    return (round(float(row["lon"]), 2), round(float(row["lat"]), 2))


def _passes(line, place_id: str, km: float = 1.0) -> bool:
    """The line has a vertex at the place (a waypoint of the reference layer)."""
    p = _point(place_id)
    lines = line.geoms if isinstance(line, MultiLineString) else [line]
    return any(ground.km(p, (x, y)) <= km for ln in lines for x, y in ln.coords)


# ---------------------------------------------------------------- the file and its script


def test_the_reference_file_is_what_its_script_makes():
    done = subprocess.run([sys.executable, "scripts/make_reference.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_script_rebuilds_the_file_byte_for_byte(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_reference
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    first, second = make_reference.build(), make_reference.build()
    assert first == second == (REFERENCE / "infrastructure.csv").read_text(encoding="utf-8")


def test_every_item_is_well_formed_and_cites_its_course():
    from etl.gazetteer import GazetteerTables
    from etl.schema import ROUTE_MODES  # noqa: F401  (the corridors it names are the gazetteer's)

    corridors = set(GazetteerTables().corridors)
    countries = set(GazetteerTables().countries)
    with (REFERENCE / "infrastructure.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 60
    kinds = {r["kind"] for r in rows}
    assert kinds == {"rail", "road", "pipeline", "sea crossing", "border crossing", "port"}
    for r in rows:
        assert r["name_en"] and r["name_ru"] and r["name_kk"], r["ref_id"]
        assert r["source"].startswith("https://"), r["ref_id"]
        assert set(r["countries"].split("|")) <= countries, r["ref_id"]
        assert set(filter(None, r["corridors"].split("|"))) <= corridors, r["ref_id"]
        points = [tuple(map(float, p.split())) for p in r["coordinates"].split("|")]
        assert len(points) == len(r["places"].split("|"))
        assert all(20 <= lat <= 60 and 25 <= lon <= 90 for lon, lat in points), r["ref_id"]


def test_the_main_corridors_and_branches_are_there():
    items = {i.ref_id: i for i in ground.network().items}
    for ref_id in ("dostyk_aktogay_rail", "aktogay_moiynty_rail", "altynkol_zhetygen_rail", "kti_rail", "cku_rail",
                   "ewc_road", "ferry_kuryk_alat", "ferry_aktau_alat", "btk_rail", "tbilisi_poti_rail", "cac_gas",
                   "kc_oil", "cpc_oil", "bbs_gas", "uas_oil", "astrakhan_baku_rail", "sea_olya_anzali"):
        assert ref_id in items
    assert items["kti_rail"].countries == ["KAZ", "TKM", "IRN"]
    assert items["cpc_oil"].places[0] == "Тенгиз" and items["cpc_oil"].places[-1] == "Новороссийск"
    # The Middle Corridor is drawn as its parts: the Kazakh lines, the three Caspian crossings, the Caucasus.
    parts = {i.ref_id for i in ground.network().by_corridor["middle_corridor"]}
    assert {"dostyk_aktogay_rail", "ferry_kuryk_alat", "ferry_aktau_alat", "btk_rail", "samtredia_batumi_rail"} <= parts


# ---------------------------------------------------------------- records placed on it


def test_a_route_between_two_reference_places_follows_the_lines_between_them():
    line = ground.route_through([_point("dostyk"), _point("moiynty")], "rail")
    assert _passes(line, "aktogay") and _passes(line, "balkhash")
    assert ground.ground_share(line) == 1.0
    # No reference line joins Kabul to Tashkent by rail: drawn straight, and the line says so.
    straight = ground.route_through([_point("kabul"), _point("tashkent")], "rail")
    assert len(straight.coords) == 2 and ground.ground_share(straight) == 0.0


def test_a_named_corridor_follows_its_reference_lines():
    line = ground.corridor_geometry("cpc_pipeline", [], "pipeline")
    assert _passes(line, "atyrau") and ground.ground_share(line) == 1.0


def test_split_schematic_tells_the_ground_from_the_straight_parts():
    line = ground.route_through([_point("dostyk"), _point("aktogay"), _point("kabul")], "rail")
    runs = ground.split_schematic(line)
    assert [on for _, on in runs] == [True, False]
    assert 0 < ground.ground_share(line) < 1


def test_a_flow_through_the_towns_of_its_sentence_is_drawn_through_them():
    from etl.gazetteer import GazetteerTables

    names = ground.place_names(GazetteerTables().places)
    capitals = [(71.45, 51.18), (49.89, 40.38)]
    line = ground.flow_geometry(["Составы с зерном отправят из Хоргоса через Актау в Баку."], ["KAZ", "AZE"],
                                capitals, "rail", names)
    assert _passes(line, "khorgos") and _passes(line, "aktau") and _passes(line, "alat")
    assert not _passes(line, "astana", km=50)  # not from a capital
    # A sentence whose towns are in other countries than the flow's keeps the schematic line.
    other = ground.flow_geometry(["Фуры идут из Ташкента в Душанбе."], ["KAZ", "AZE"], capitals, "rail", names)
    assert list(other.coords) == capitals


@pytest.mark.slow
@pytest.mark.parametrize("text, through, not_through", [
    ("Грузовые поезда из Хоргоса через Актау пойдут в Баку по новому графику.", ["khorgos", "aktau", "alat"], ["astana"]),
    ("Контейнеры по маршруту Достык – Мойынты – Жезказган – Бейнеу доставляют за шесть суток.",
     ["dostyk", "aktogay", "moiynty", "zhezkazgan", "beineu"], []),
    ("Паромы на линии Курык – Алят курсируют ежедневно.", ["kuryk", "alat"], []),
    ("Поезда с казахстанским зерном идут из Жанаозена через Берекет в Горган.", ["zhanaozen", "bereket", "etrek", "gorgan"],
     ["tehran"]),
])
def test_an_extracted_route_through_named_places_follows_the_reference_lines(ctx, text, through, not_through):
    from etl.extract import extract_article
    from etl.tabulate import route_table

    claims = [c for c in extract_article({"article_id": "t", "text": text, "published": None}, ctx)["claims"]
              if c.record_type == "route"]
    rows, _ = route_table(claims, ctx.gazetteer)
    placed = [r for r in rows if r["geometry"] is not None and all(_passes(r["geometry"], p) for p in through)]
    assert placed, [(r["route_id"], r["geometry"]) for r in rows]
    line = placed[0]["geometry"]
    assert ground.ground_share(line) == 1.0
    assert not any(_passes(line, p, km=50) for p in not_through)


def test_a_railway_project_named_by_its_ends_is_drawn_between_them():
    import pandas as pd

    from dashboard import maps

    project = pd.Series({"subsector": "rail", "name_ru": "участок Алтынколь – Жетыген", "status": "construction"})
    line = maps.project_line(project)
    assert isinstance(line, LineString) and _passes(line, "altynkol") and _passes(line, "zharkent")
    assert maps.project_line(pd.Series({"subsector": "nuclear", "name_ru": "АЭС (Улкен)"})) is None


def test_country_outlines_have_no_ring_across_the_180th_meridian():
    from dashboard import maps

    if not maps.assets_installed():
        pytest.skip("the map's assets are not installed (make assets)")
    data = json.loads((maps.VENDOR_DIR / maps.COUNTRIES_FILE).read_text(encoding="utf-8"))
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                assert not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:])), feature["properties"]

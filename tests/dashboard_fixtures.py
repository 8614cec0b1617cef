"""A small synthetic warehouse for the dashboard's tests, built inline from rows.

Two corridors (one through Kazakhstan, one not), four projects (one without a place, one whose
name is hostile), four deals, evidence, mentions with real offsets, countries, and five articles:
one undated, and one whose title and text carry an XSS payload, a backtick and `</script>`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from shapely.geometry import LineString, Point

from etl.build import to_table
from etl.warehouse import write_warehouse

XSS = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = f"Tokayev {XSS} `rm -rf` </script> ${{alert(2)}} Ulken"
HOSTILE_NAME = f"Ulken `${{alert(3)}}` </script>{XSS}"
DATA_VERSION = "testv1"


def _id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


ARTICLE_TEXTS = {
    "middle": (
        "Средний коридор набирает обороты",
        "Казахстан и Азербайджан договорились увеличить перевозки по Среднему коридору. "
        "Китай отправил первые контейнерные поезда через порт Актау. "
        "Канадская компания вложит 500 млн долларов в расширение медного рудника Актогай.",
        dt.date(2025, 3, 10), "Kursiv", "https://example.org/middle-corridor",
    ),
    "npp": (
        "Казахстан выбирает Китай для строительства АЭС",
        "Казахстан и Китай подписали соглашение о строительстве АЭС у посёлка Улкен. "
        "Стоимость станции мощностью 2400 МВт оценивается в 12 млрд долларов. "
        "Россия также предлагала свой проект.",
        dt.date(2025, 6, 17), "Первый жүз", "https://t.me/example/2",
    ),
    "hostile": (
        HOSTILE_TITLE,
        f"Казахстан {XSS} обсуждает `станцию` </script> у Улкена. "
        "Контракт на поставку оборудования подписан на 20 млн долларов. ${alert(4)}",
        dt.date(2025, 5, 1), f"`chan</script>{XSS}", "javascript:alert(1)",
    ),
    "undated": (
        None,
        "Россия и США обменялись санкционными заявлениями, Казахстан следит за последствиями для транзита в ЕАЭС.",
        None, None, None,
    ),
    "ps2": (
        "Сила Сибири 2 пойдёт через Монголию",
        "В начале ноября стало известно: газопровод Сила Сибири 2 из России в Китай пройдёт через Монголию. "
        "Россия и Китай обсуждают цену газа.",
        dt.date(2024, 11, 1), "Neftegaz", "https://example.org/ps2",
    ),
}
A = {key: _id(text) for key, (_, text, *_) in ARTICLE_TEXTS.items()}

COUNTRY_WORDS = {
    "KAZ": ("Казахстан",), "AZE": ("Азербайджан",), "CHN": ("Китай",), "RUS": ("Россия", "России"),
    "USA": ("США",), "MNG": ("Монголию",),
}


# How each article's date was found; the Power of Siberia one is approximate («В начале ноября»).
DATE_BASES = {"ps2": ("approximate", "В начале ноября")}


def articles_rows() -> list[dict]:
    rows = []
    for key, (title, text, published, channel, url) in ARTICLE_TEXTS.items():
        basis, clue = DATE_BASES.get(key, ("header" if published else "none", None))
        rows.append({
            "article_id": A[key], "source_file": f"inbox/{A[key][:8]}.txt", "source_kind": "text", "channel": channel,
            "url": url, "title": title, "published": published, "date_basis": basis, "date_clue": clue,
            "text": text, "n_chars": len(text),
            "is_stub": False, "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
        })
    return rows


def mentions_rows() -> list[dict]:
    rows = []
    for key, (_, text, *_) in ARTICLE_TEXTS.items():
        for iso3, words in COUNTRY_WORDS.items():
            for word in words:
                start = text.find(word)
                while start >= 0:
                    rows.append({"article_id": A[key], "kind": "country", "entity_id": iso3, "surface": word,
                                 "normal": word, "start": start, "end": start + len(word),
                                 "sentence": text, "country_iso3": iso3})
                    start = text.find(word, start + 1)
        for word, kind in (("12 млрд долларов", "money"), ("2400 МВт", "capacity"), ("Актау", "place")):
            start = text.find(word)
            if start >= 0:
                rows.append({"article_id": A[key], "kind": kind, "entity_id": None, "surface": word, "normal": word,
                             "start": start, "end": start + len(word), "sentence": text})
    # A mention whose offsets point past the text: the reader must survive it.
    rows.append({"article_id": A["npp"], "kind": "place", "entity_id": None, "surface": "?", "normal": "?",
                 "start": 10_000, "end": 10_010, "sentence": ""})
    return rows


def countries_rows() -> list[dict]:
    return [
        {"iso3": "KAZ", "name_en": "Kazakhstan", "name_ru": "Казахстан", "lat": 48.0, "lon": 68.0, "n_articles": 4, "n_mentions": 5},
        {"iso3": "CHN", "name_en": "China", "name_ru": "Китай", "lat": 35.0, "lon": 105.0, "n_articles": 3, "n_mentions": 4},
        {"iso3": "RUS", "name_en": "Russia", "name_ru": "Россия", "lat": 60.0, "lon": 90.0, "n_articles": 3, "n_mentions": 4},
        {"iso3": "AZE", "name_en": "Azerbaijan", "name_ru": "Азербайджан", "lat": 40.5, "lon": 47.5, "n_articles": 1, "n_mentions": 1},
        {"iso3": "MNG", "name_en": "Mongolia", "name_ru": "Монголия", "lat": 46.8, "lon": 103.0, "n_articles": 1, "n_mentions": 1},
        {"iso3": "USA", "name_en": "United States", "name_ru": "США", "lat": 39.0, "lon": -98.0, "n_articles": 1, "n_mentions": 1},
    ]


def routes_rows() -> list[dict]:
    return [
        {"route_id": "middle-corridor", "name_en": "Middle Corridor", "name_ru": "Средний коридор",
         "mode": "multimodal", "status": "operating", "countries": ["CHN", "KAZ", "AZE", "GEO", "TUR"],
         "sector": "transport", "n_articles": 2, "first_seen": dt.date(2025, 3, 10), "last_seen": dt.date(2025, 5, 1),
         "geometry": LineString([(80.4, 44.2), (76.9, 43.25), (51.2, 43.65), (49.87, 40.41), (44.8, 41.7)]),
         "status_conflict": False, "article_ids": [A["middle"], A["hostile"]]},
        {"route_id": "power-of-siberia-2", "name_en": "Power of Siberia 2", "name_ru": "Сила Сибири 2",
         "mode": "pipeline", "status": "planned", "countries": ["RUS", "MNG", "CHN"], "sector": "energy",
         "n_articles": 1, "first_seen": dt.date(2024, 11, 5), "last_seen": dt.date(2024, 11, 5),
         "geometry": LineString([(88.0, 52.0), (106.9, 47.9), (116.4, 39.9)]),
         "status_conflict": False, "article_ids": [A["ps2"]]},
        {"route_id": "cac-pipeline", "name_en": "Central Asia – Center gas pipeline", "name_ru": "Средняя Азия — Центр",
         "mode": "pipeline", "status": "operating", "countries": ["TKM", "UZB", "KAZ", "RUS"], "sector": "energy",
         "n_articles": 1, "first_seen": dt.date(2025, 6, 17), "last_seen": dt.date(2025, 6, 17),
         "geometry": LineString([(58.4, 37.9), (59.6, 42.5), (55.9, 45.0), (51.9, 47.1), (49.4, 53.2)]),
         "status_conflict": True, "article_ids": [A["npp"]]},
    ]


def projects_rows() -> list[dict]:
    base = {"partners": [], "partner_countries": [], "capacity_value": None, "capacity_unit": None, "cost_amount": None,
            "cost_currency": None, "cost_usd": None, "target_year": None, "group_id": None, "conflicts": []}
    return [
        {**base, "project_id": "balkhash-npp", "name_en": "Balkhash nuclear power plant", "name_ru": "Балхашская АЭС",
         "sector": "energy", "subsector": "nuclear", "place": "Улкен", "country_iso3": "KAZ", "partners": ["CNNC"],
         "partner_countries": ["CHN"], "capacity_value": 2400.0, "capacity_unit": "MW", "cost_amount": 12e9,
         "cost_currency": "USD", "cost_usd": 12e9, "target_year": 2035, "status": "agreed", "n_articles": 2,
         "first_seen": dt.date(2025, 5, 1), "last_seen": dt.date(2025, 6, 17), "geometry": Point(74.95, 45.2),
         "article_ids": [A["npp"], A["hostile"]], "conflicts": ["status"]},
        {**base, "project_id": "aktogay-copper", "name_en": "Aktogay copper expansion", "name_ru": "Расширение Актогая",
         "sector": "mining", "subsector": "copper", "place": "Актогай", "country_iso3": "KAZ", "partners": ["Canadian company"],
         "partner_countries": ["CAN"], "capacity_value": 90.0, "capacity_unit": "kt", "status": "construction",
         "n_articles": 1, "first_seen": dt.date(2025, 3, 10), "last_seen": dt.date(2025, 3, 10),
         "geometry": Point(79.98, 46.95), "article_ids": [A["middle"]]},
        {**base, "project_id": "hostile-plant", "name_en": "Ulken substation", "name_ru": HOSTILE_NAME,
         "sector": "energy", "subsector": "grid", "place": XSS, "country_iso3": "KAZ", "status": "announced",
         "n_articles": 1, "first_seen": dt.date(2025, 5, 1), "last_seen": dt.date(2025, 5, 1),
         "geometry": Point(75.6, 45.6), "article_ids": [A["hostile"]]},
        {**base, "project_id": "unplaced-coal", "name_en": "Coal power plant (place unknown)", "name_ru": "Угольная ТЭЦ",
         "sector": "energy", "subsector": "coal-power", "place": None, "country_iso3": "KAZ", "status": "shelved",
         "n_articles": 1, "first_seen": dt.date(2025, 6, 17), "last_seen": dt.date(2025, 6, 17), "geometry": None,
         "article_ids": [A["npp"]]},
    ]


def deals_rows() -> list[dict]:
    return [
        {"deal_id": "d-npp", "kind": "intergovernmental-agreement", "parties": ["Казахстан", "Китай"],
         "party_countries": ["KAZ", "CHN"], "value_amount": 12e9, "value_currency": "USD", "value_usd": 12e9,
         "date": "2025-06", "sector": "energy", "project_id": "balkhash-npp", "route_id": None,
         "article_id": A["npp"], "sentence": ARTICLE_TEXTS["npp"][1].split(". ")[0]},
        {"deal_id": "d-copper", "kind": "investment", "parties": ["Канадская компания"], "party_countries": ["CAN", "KAZ"],
         "value_amount": 500e6, "value_currency": "USD", "value_usd": 500e6, "date": "2025", "sector": "mining",
         "project_id": "aktogay-copper", "route_id": None, "article_id": A["middle"], "sentence": "Канадская компания вложит 500 млн долларов"},
        {"deal_id": "d-sanctions", "kind": "sanctions", "parties": ["Россия", "США"], "party_countries": ["RUS", "USA"],
         "value_amount": None, "value_currency": None, "value_usd": None, "date": None, "sector": "trade",
         "project_id": None, "route_id": None, "article_id": A["undated"], "sentence": ARTICLE_TEXTS["undated"][1]},
        {"deal_id": "d-hostile", "kind": "supply-contract", "parties": [XSS, "`tick`"], "party_countries": ["KAZ"],
         "value_amount": 20e6, "value_currency": "USD", "value_usd": 20e6, "date": "2025-05-01", "sector": "energy",
         "project_id": "hostile-plant", "route_id": None, "article_id": A["hostile"], "sentence": ARTICLE_TEXTS["hostile"][1]},
    ]


def evidence_rows() -> list[dict]:
    def quote(key: str, phrase: str, value: str | None = None) -> dict:
        """The sentence `phrase` of an article, the claim's offsets on `value` inside it (or on all of it)."""
        text = ARTICLE_TEXTS[key][1]
        start = text.find(phrase)
        assert start >= 0, phrase
        if value is None:
            return {"article_id": A[key], "start": start, "end": start + len(phrase), "quote": phrase}
        at = phrase.find(value)
        assert at >= 0, value
        return {"article_id": A[key], "start": start + at, "end": start + at + len(value), "quote": phrase}

    npp_cost = "Стоимость станции мощностью 2400 МВт оценивается в 12 млрд долларов"
    npp_deal = "Казахстан и Китай подписали соглашение о строительстве АЭС у посёлка Улкен"
    hostile = f"Казахстан {XSS} обсуждает `станцию` </script> у Улкена"

    return [
        {"record_type": "route", "record_id": "middle-corridor", "field": "status", "value": "operating", "shown": True,
         **quote("middle", "Китай отправил первые контейнерные поезда через порт Актау")},
        {"record_type": "route", "record_id": "middle-corridor", "field": "countries", "value": "KAZ", "shown": True,
         **quote("hostile", f"Казахстан {XSS} обсуждает `станцию` </script>")},
        {"record_type": "route", "record_id": "power-of-siberia-2", "field": "status", "value": "planned", "shown": True,
         **quote("ps2", "газопровод Сила Сибири 2 из России в Китай пройдёт через Монголию")},
        {"record_type": "project", "record_id": "balkhash-npp", "field": "cost", "value": "12 млрд USD", "shown": True,
         **quote("npp", npp_cost, "12 млрд долларов")},
        # Figures as the ETL stores them (a tuple as text), each on its words inside a longer sentence.
        {"record_type": "project", "record_id": "balkhash-npp", "field": "capacity", "value": "(2400.0, 'MW')",
         "shown": True, **quote("npp", npp_cost, "2400 МВт")},
        # Two articles disagree on the status: the later one is shown.
        {"record_type": "project", "record_id": "balkhash-npp", "field": "status", "value": "agreed", "shown": True,
         **quote("npp", npp_deal, "подписали соглашение")},
        {"record_type": "project", "record_id": "balkhash-npp", "field": "status", "value": "announced", "shown": False,
         **quote("hostile", hostile, "обсуждает")},
        {"record_type": "project", "record_id": "balkhash-npp", "field": "partners", "value": "CNNC", "shown": True,
         **quote("npp", "Казахстан и Китай подписали соглашение о строительстве АЭС у посёлка Улкен")},
        {"record_type": "project", "record_id": "hostile-plant", "field": "status", "value": "announced", "shown": True,
         **quote("hostile", f"Казахстан {XSS} обсуждает `станцию` </script> у Улкена")},
        {"record_type": "deal", "record_id": "d-copper", "field": "value", "value": "500 млн USD", "shown": True,
         **quote("middle", "Канадская компания вложит 500 млн долларов")},
    ]


def tables() -> dict:
    rows = {
        "articles": articles_rows(), "rejects": [], "mentions": mentions_rows(), "countries": countries_rows(),
        "routes": routes_rows(), "projects": projects_rows(), "deals": deals_rows(), "evidence": evidence_rows(),
        "candidates": [],
    }
    return {name: to_table(name, table_rows) for name, table_rows in rows.items()}


def write_synthetic_warehouse(out: Path, version: str = DATA_VERSION) -> Path:
    built = tables()
    manifest = {"data_version": version, "built_at": "2025-07-01T00:00:00Z", "inputs": ["synthetic"],
                "rows": {name: len(table) for name, table in built.items()}}
    write_warehouse(built, out, manifest)
    return out


def write_empty_warehouse(out: Path, version: str = "emptyv1") -> Path:
    built = {name: to_table(name, []) for name in ("articles", "rejects", "mentions", "countries", "routes",
                                                   "projects", "deals", "evidence", "candidates")}
    write_warehouse(built, out, {"data_version": version, "built_at": "2025-07-01T00:00:00Z", "rows": {}})
    return out


@pytest.fixture(scope="session")
def synthetic_warehouse(tmp_path_factory) -> Path:
    return write_synthetic_warehouse(tmp_path_factory.mktemp("dash") / "warehouse")

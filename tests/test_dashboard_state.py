"""The URL is the view's state: `ViewState.from_query()` / `to_query()` as a table of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.state import QUERY_KEYS, ViewState

D = dt.date

# (query string parameters, the state they mean)
CASES = [
    ({}, ViewState()),
    ({"page": "map"}, ViewState()),
    ({"page": "timeseries"}, ViewState(page="timeseries")),
    ({"page": "tables"}, ViewState(page="tables")),
    ({"page": "articles", "article": "9152331a6b18936f"}, ViewState(page="articles", article="9152331a6b18936f")),
    ({"countries": "KAZ"}, ViewState(countries=("KAZ",))),
    ({"countries": "kaz,CHN"}, ViewState(countries=("CHN", "KAZ"))),
    ({"countries": "RUS,KAZ,RUS"}, ViewState(countries=("KAZ", "RUS"))),
    ({"countries": "EU,KAZ"}, ViewState(countries=("EU", "KAZ"))),
    ({"sectors": "mining,energy"}, ViewState(sectors=("energy", "mining"))),
    ({"sectors": "Energy"}, ViewState(sectors=("energy",))),
    ({"status": "planned,operating"}, ViewState(status=("operating", "planned"))),
    ({"status": "construction,blocked"}, ViewState(status=("construction", "blocked"))),
    # Links made with the older status vocabulary keep working.
    ({"status": "under-construction,operational,stalled"}, ViewState(status=("construction", "operating", "shelved"))),
    ({"subsectors": "wind,solar,Rail"}, ViewState(subsectors=("wind", "solar", "rail"))),
    ({"from": "2025-01-01", "undated": "1"}, ViewState(date_from=D(2025, 1, 1), undated=True)),
    ({"page": "record", "record": "project:balkhash-npp"}, ViewState(page="record", record="project:balkhash-npp")),
    ({"from": "2025-01-01", "to": "2025-06-30"}, ViewState(date_from=D(2025, 1, 1), date_to=D(2025, 6, 30))),
    ({"from": "2025-06-30", "to": "2025-01-01"}, ViewState(date_from=D(2025, 1, 1), date_to=D(2025, 6, 30))),
    ({"to": "2024-12-31"}, ViewState(date_to=D(2024, 12, 31))),
    ({"q": "  АЭС   Улкен "}, ViewState(q="АЭС Улкен")),
    ({"lang": "ru"}, ViewState(lang="ru")),
    ({"lang": "RU"}, ViewState(lang="ru")),
    ({"record": "route:middle-corridor"}, ViewState(record="route:middle-corridor")),
    ({"record": "project:balkhash-npp"}, ViewState(record="project:balkhash-npp")),
    ({"record": "deal:d-1"}, ViewState(record="deal:d-1")),
    ({"v": "a373cdb5dc40"}, ViewState(v="a373cdb5dc40")),
    ({"page": "map", "countries": "KAZ", "sectors": "energy", "status": "planned", "from": "2025-01-01",
      "to": "2025-12-31", "q": "газ", "lang": "ru", "record": "route:r1", "article": "abc123", "v": "v1",
      "subsectors": "nuclear", "undated": "1"},
     ViewState(page="map", countries=("KAZ",), sectors=("energy",), status=("planned",), date_from=D(2025, 1, 1),
               date_to=D(2025, 12, 31), q="газ", lang="ru", record="route:r1", article="abc123", v="v1",
               subsectors=("nuclear",), undated=True)),
    # Values as lists (several `countries=` in one URL): the last one counts.
    ({"countries": ["CHN", "KAZ"]}, ViewState(countries=("KAZ",))),
]

# (malformed or unknown query, the state it falls back to): never an exception.
MALFORMED = [
    ({"page": "admin"}, ViewState()),
    ({"page": ""}, ViewState()),
    ({"page": "<script>"}, ViewState()),
    ({"countries": "XXX,KAZ,12,<b>"}, ViewState(countries=("KAZ",))),
    ({"countries": ",,,"}, ViewState()),
    ({"countries": "K" * 10_000}, ViewState()),
    ({"sectors": "energy,weapons"}, ViewState(sectors=("energy",))),
    ({"status": "finished"}, ViewState()),
    ({"subsectors": "wind,weapons,<b>"}, ViewState(subsectors=("wind",))),
    ({"undated": "maybe"}, ViewState()),
    ({"from": "2025-13-45"}, ViewState()),
    ({"from": "yesterday", "to": "2025-02-30"}, ViewState()),
    ({"from": "2025-1-1"}, ViewState()),
    ({"to": "20250101"}, ViewState()),
    ({"lang": "de"}, ViewState()),
    ({"record": "route"}, ViewState()),
    ({"record": "city:almaty"}, ViewState()),
    ({"record": "route:<img src=x onerror=alert(1)>"}, ViewState()),
    ({"record": "project:" + "x" * 500}, ViewState()),
    ({"article": "../../etc/passwd"}, ViewState()),
    ({"article": "a b"}, ViewState()),
    ({"v": "v1; DROP TABLE"}, ViewState()),
    ({"q": "x" * 1000}, ViewState(q="x" * 200)),
    ({"q": "line\nbreak\x00nul"}, ViewState(q="line break nul")),
    ({"utm_source": "mail", "zoom": "7"}, ViewState()),
    ({"countries": None, "page": 5}, ViewState()),
    ({"countries": []}, ViewState()),
]


@pytest.mark.parametrize("query, expected", CASES)
def test_from_query(query, expected):
    assert ViewState.from_query(query) == expected


@pytest.mark.parametrize("query, expected", CASES + MALFORMED)
def test_round_trip(query, expected):
    state = ViewState.from_query(query)
    assert ViewState.from_query(state.to_query()) == state
    assert ViewState.from_query(state.to_query()).to_query() == state.to_query()


@pytest.mark.parametrize("query, expected", MALFORMED)
def test_malformed_values_fall_back_to_defaults(query, expected):
    assert ViewState.from_query(query) == expected


@pytest.mark.parametrize("state, query", [
    (ViewState(), {"page": "map"}),
    (ViewState(page="articles", article="abc"), {"page": "articles", "article": "abc"}),
    (ViewState(countries=("CHN", "KAZ"), sectors=("energy", "mining")),
     {"page": "map", "countries": "CHN,KAZ", "sectors": "energy,mining"}),
    (ViewState(date_from=D(2025, 1, 1), lang="ru", v="v9"), {"page": "map", "from": "2025-01-01", "lang": "ru", "v": "v9"}),
])
def test_to_query(state, query):
    assert state.to_query() == query


def test_to_query_uses_only_the_shared_parameter_names():
    state = ViewState.from_query(CASES[-2][0])
    assert set(state.to_query()) == set(QUERY_KEYS)


@pytest.mark.parametrize("changes, expected", [
    ({"record": "route:x"}, ViewState(countries=("KAZ",), record="route:x")),
    ({"record": None}, ViewState(countries=("KAZ",))),
    ({"page": "articles", "article": "abc"}, ViewState(page="articles", countries=("KAZ",), article="abc")),
    ({"countries": ("RUS", "KAZ")}, ViewState(countries=("KAZ", "RUS"))),
    ({"date_from": D(2025, 1, 1)}, ViewState(countries=("KAZ",), date_from=D(2025, 1, 1))),
    ({"page": "nowhere"}, ViewState(countries=("KAZ",))),
])
def test_replace_normalises_like_a_url(changes, expected):
    assert ViewState(countries=("KAZ",)).replace(**changes) == expected


def test_filters_part_is_hashable_and_knows_when_active():
    assert not ViewState().filters.active
    assert ViewState(q="газ").filters.active
    assert ViewState(subsectors=("wind",)).filters.active
    # Keeping undated rows narrows nothing, and means nothing without a date range.
    assert not ViewState(undated=True).filters.active and not ViewState(undated=True).filters.include_undated
    assert ViewState(undated=True, date_from=D(2025, 1, 1)).filters.include_undated
    assert hash(ViewState(countries=("KAZ",)).filters) == hash(ViewState(countries=("KAZ",), page="tables").filters)

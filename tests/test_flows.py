"""Cargo volumes on corridors: units, periods and kinds read from sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl.build import build
from etl.grammars.volumes import find_volumes, period_at

PUBLISHED = dt.date(2025, 4, 10)


@pytest.mark.parametrize("text, value, unit, per", [
    ("По коридору перевезли 3,6 млн тонн грузов.", 3.6e6, "t", None),
    ("Через порт прошло более 41 тыс. ДФЭ.", 41e3, "TEU", None),
    ("Отправлено 120 контейнерных поездов.", 120, "trains", None),
    ("Паром совершил 350 рейсов.", 350, "trips", None),
    ("Прокачано 9,3 млрд кубометров газа.", 9.3e9, "m3", None),
    ("Терминал сможет переваливать до 10 млн тонн в год.", 10e6, "t", "year"),
    ("На границе скопилось 1 200 фур.", 1200, "trucks", None),
])
def test_volumes_with_their_units(text, value, unit, per):
    (found,) = find_volumes(text)
    assert (found.value, found.unit, found.per) == (value, unit, per)


def test_energy_in_tonnes_of_fuel_is_not_cargo():
    assert find_volumes("Экономия составила 5 тонн условного топлива.") == []


@pytest.mark.parametrize("text, start, end", [
    ("За 9 месяцев 2024 года перевезли 3 млн тонн.", dt.date(2024, 1, 1), dt.date(2024, 9, 30)),
    # Told in April without a year: nine months, a half-year or December not yet over are last year's.
    ("За первые девять месяцев перевезли 3 млн тонн.", dt.date(2024, 1, 1), dt.date(2024, 9, 30)),
    ("В январе–марте перевезли 3 млн тонн.", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    ("В первом квартале 2023 года перевезли 3 млн тонн.", dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
    ("За первое полугодие перевезли 3 млн тонн.", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ("С начала года перевезли 3 млн тонн.", dt.date(2025, 1, 1), PUBLISHED),
    ("В декабре перевезли 3 млн тонн.", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
    ("В прошлом году перевезли 3 млн тонн.", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("По итогам 2022 года перевезли 3 млн тонн.", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
])
def test_the_period_a_figure_is_counted_over(text, start, end):
    (volume,) = find_volumes(text)
    found = period_at(text, volume.start, PUBLISHED)
    assert (found.start, found.end) == (start, end)


def test_each_figure_takes_the_period_named_before_it():
    text = "В марте прошло 40 поездов, а с начала года — 110 поездов."
    first, second = find_volumes(text)
    assert period_at(text, first.start, PUBLISHED).end == dt.date(2025, 3, 31)
    assert period_at(text, second.start, PUBLISHED).end == PUBLISHED


TEXT = """ date 2025-04-10
Транзит набирает обороты
За первый квартал 2025 года по Транскаспийскому маршруту перевезли 1,2 млн тонн грузов, из них 15 тыс. ДФЭ в контейнерах.
К 2027 году объём перевозок по маршруту планируется довести до 10 млн тонн в год.
Пропускная способность нового терминала в Актау составит 240 тыс. ДФЭ в год.
"""


def test_a_build_writes_flows_with_route_period_kind_and_evidence(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "flows.txt").write_text(TEXT, encoding="utf-8")
    build([inputs], tmp_path / "wh")
    flows = pd.read_parquet(tmp_path / "wh" / "flows.parquet")
    table = {(row.value, row.unit): row for row in flows.itertuples()}
    actual = table[(1.2e6, "t")]
    assert actual.route_id == "middle_corridor" and actual.kind == "actual"
    assert (actual.period_start, actual.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert "1,2 млн тонн" in actual.quote and TEXT.split("\n", 1)[1][actual.start:actual.end] == "1,2 млн тонн"
    assert table[(15e3, "TEU")].kind == "actual"
    assert table[(10e6, "t")].kind == "planned" and table[(10e6, "t")].per == "year"
    assert table[(240e3, "TEU")].kind == "capacity"
    evidence = pd.read_parquet(tmp_path / "wh" / "evidence.parquet")
    assert set(flows.flow_id) <= set(evidence[evidence.record_type == "flow"].record_id)


def test_a_cumulative_figure_since_a_year_and_a_definition_that_is_no_count():
    text = "За период с 2009 по 2022 год газопровод перекачал 400 млрд кубометров."
    (volume,) = find_volumes(text)
    found = period_at(text, volume.start, PUBLISHED)
    assert (found.start, found.end) == (dt.date(2009, 1, 1), dt.date(2022, 12, 31))
    assert find_volumes("Порт принял 5 000 контейнеров (1 TEU = один двадцатифутовый контейнер).")[-1].value == 5000

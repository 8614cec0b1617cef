"""Dates as Russian news writes them, and publication dates inferred only from evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.dates import find_dates, publication_date, source_year_evidence


@pytest.mark.parametrize("text, normal", [
    ("28 мая 2025 года Мажилис принял", "2025-05-28"),
    ("Когда 19 мая город накрыло дымом", "--05-19"),
    ("визит 11 -12 ноября", "--11-11"),
    ("в сентябре 2023 года Казахстан объявил", "2023-09"),
    ("В конце мая стало известно", "--05"),
    ("в 2023 году Telf AG уже заключила", "2023"),
    ("к 2028-му году в РК намерены", "2028"),
    ("опубликовано 07.10.2025", "2025-10-07"),
    ("date 2025-10-07", "2025-10-07"),
])
def test_find_dates(text, normal):
    found = find_dates(text)
    assert [d.normal for d in found] == [normal]
    assert text[found[0].start:found[0].end] == found[0].surface


def test_invalid_day_is_not_a_date():
    assert find_dates("31 февраля") == []


def test_target_years_are_marked():
    (d,) = find_dates("к 2028 году")
    assert d.is_target


@pytest.mark.parametrize("text, source_year, expected", [
    ("28 мая 2025 года Мажилис принял закон.", None, (dt.date(2025, 5, 28), "in-text")),
    # The year comes from a date the article itself reports (July 2024 is past, so May is 2025).
    ("Сегодня, 28 мая, президент провёл переговоры. В июле 2024 года компания подписала соглашение.",
     None, (dt.date(2025, 5, 28), "inferred")),
    # The weekday beside the date picks the year among those the evidence allows.
    ("В среду, 1 ноября, президент Франции прибыл. В сентябре 2023 года страна запретила экспорт.",
     2025, (dt.date(2023, 11, 1), "inferred")),
    # A dateline in full, then a day of the week before it without a year: the dateline is the day.
    ("Акимат отчитался 03.09.2024. Первого сентября на станции прошли испытания.", None,
     (dt.date(2024, 9, 3), "in-text")),
    ("Вестник, 20.11.2023\n\n16 ноября министры подписали протокол.", None, (dt.date(2023, 11, 20), "in-text")),
    # Another post of the same file gives the year.
    ("Когда 19 мая город накрыло дымом.", 2025, (dt.date(2025, 5, 19), "inferred")),
    ("Когда 19 мая город накрыло дымом.", None, (None, "none")),
    # A birthday is a date in the story, not the day the story was written.
    ("Он родился 14 октября 1969 года. В 2022 году его назначили.", 2025, (None, "none")),
    ("Статья без дат.", 2025, (None, "none")),
    ("К 2028 году планируют завершить стройку.", None, (None, "none")),
])
def test_publication_date(text, source_year, expected):
    assert publication_date(text, source_year) == expected


def test_source_year_evidence_takes_the_latest_full_date():
    assert source_year_evidence(["родился 14 октября 1969 года", "28 мая 2025 года приняли", "в 2030 году"]) == 2025
    assert source_year_evidence(["в 2023 году"]) is None


def test_a_part_of_a_month_is_marked():
    (d,) = find_dates("В конце мая стало известно")
    assert (d.part, d.month, d.year, d.precision) == ("конце", 5, None, "month")


# (text, source year, the date, its basis, the words it was read from): weaker clues give an
# approximate date, never one the text does not support.
DATED = [
    ("28 мая 2025 года Мажилис принял закон.", None, dt.date(2025, 5, 28), "in-text", "28 мая 2025 года"),
    ("Сегодня, 28 мая, президент провёл переговоры.", 2025, dt.date(2025, 5, 28), "inferred", "28 мая"),
    ("В конце мая стало известно: три ТЭЦ не построят.", 2025, dt.date(2025, 5, 21), "approximate", "В конце мая"),
    ("В начале июня в Астане прошёл форум.", 2025, dt.date(2025, 6, 1), "approximate", "В начале июня"),
    ("Конец мая ознаменовался событием. В июле 2024 года компания подписала соглашение.", None,
     dt.date(2025, 5, 21), "approximate", "Конец мая"),
    # A day beats a part of a month.
    ("В конце мая стало известно, что 3 июня начнутся переговоры.", 2025, dt.date(2025, 6, 3), "inferred", "3 июня"),
    # No year anywhere in the source: no date, however clear the month.
    ("В конце мая стало известно.", None, None, "none", None),
    # A part of a month with its own year is an event in the story, not a hint of the present.
    ("В начале июня 2023 года страна запретила экспорт.", None, None, "none", None),
    # A deadline is no clue.
    ("К концу мая планируют завершить стройку.", 2025, None, "none", None),
]


@pytest.mark.parametrize("text, source_year, day, basis, clue", DATED)
def test_dated_gives_the_words_the_date_comes_from(text, source_year, day, basis, clue):
    from etl.dates import dated

    found = dated(text, source_year)
    assert (found.day, found.basis, found.clue) == (day, basis, clue)
    assert publication_date(text, source_year) == (day, basis)


@pytest.mark.parametrize("name, expected", [
    ("2025-05-28_kursiv.txt", (dt.date(2025, 5, 28), "2025-05-28")),
    ("inbox/tg_20250528.txt", (dt.date(2025, 5, 28), "20250528")),
    ("28.05.2025.html", (dt.date(2025, 5, 28), "28.05.2025")),
    ("feed_2025_06_17.xml", (dt.date(2025, 6, 17), "2025_06_17")),
    ("000_487158278e1ea073.txt", None),  # a hash is not a date
    ("2025-13-40.txt", None),
    ("report2025.txt", None),
])
def test_date_in_a_file_name(name, expected):
    from etl.dates import date_in_name

    assert date_in_name(name) == expected

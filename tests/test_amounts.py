"""Money and capacity as Russian news writes them."""

from __future__ import annotations

import pytest

from etl.grammars.amounts import find_amounts, to_usd


@pytest.mark.parametrize("text, kind, value, unit, qualifier", [
    ("Стоимость проекта — $5,47 млрд.", "money", 5.47e9, "USD", None),
    ("Сумма сделки превышает 32,2 млрд тенге.", "money", 32.2e9, "KZT", "более"),
    ("Товарооборот до 30 млрд долларов.", "money", 30e9, "USD", "до"),
    ("Вложения оцениваются в $1,5-2 млрд.", "money", 1.5e9, "USD", "от"),
    ("Проект обойдётся в 40–45 млрд тенге.", "money", 40e9, "KZT", "от"),
    ("Инвестировала 18,7 миллиона долларов.", "money", 18.7e6, "USD", None),
    ("Штраф 786 400 тенге.", "money", 786400, "KZT", None),
    ("Штраф до 2000 МРП.", "money", 2000, "MRP", "до"),
    ("Три ТЭЦ общей стоимостью почти $3 млрд.", "money", 3e9, "USD", "почти"),
    ("Около €300 млн выделят.", "money", 300e6, "EUR", "около"),
    ("Мощностью 2,4 ГВт.", "capacity", 2.4, "GW", None),
    ("Обеспечить 240 МВт электроэнергии.", "capacity", 240, "MW", None),
    ("И 520 Гкал/ч тепла.", "capacity", 520, "Gcal/h", None),
    ("Выработка 4,7 млрд кВт⋅ч в год.", "capacity", 4.7e9, "kWh", None),
    ("Более 360 МВт.", "capacity", 360, "MW", "более"),
    # every case of the scale and currency words
    ("К выделенным ранее $7 миллионам добавят грант.", "money", 7e6, "USD", None),
    ("Речь идёт о 12 миллиардах тенге.", "money", 12e9, "KZT", None),
    ("Фонд с 4 миллиардами долларов активов.", "money", 4e9, "USD", None),
    ("Контракт в 30 миллионах рублях.", "money", 30e6, "RUB", None),
])
def test_amounts(text, kind, value, unit, qualifier):
    (amount,) = find_amounts(text)
    assert (amount.kind, amount.unit, amount.qualifier) == (kind, unit, qualifier)
    assert amount.value == pytest.approx(value)
    assert text[amount.start:amount.end] == amount.surface


def test_currency_is_carried_from_the_sentence_before():
    text = "Компания инвестировала 18,7 миллиона долларов и планирует увеличить сумму до 115 миллионов в течение четырёх лет."
    first, second = find_amounts(text)
    assert second.value == 115e6 and second.unit == "USD" and second.currency_from_context
    assert second.qualifier == "до"


@pytest.mark.parametrize("text", [
    "В недрах может находиться до 27 миллионов тонн меди.",
    "Участок площадью 6,8 тыс. гектаров.",
    "Запрет экспорта 106 товаров.",
    "Импорт вырос в семь раз в 2022 году.",
])
def test_counts_are_not_money(text):
    assert [a for a in find_amounts(text) if a.kind == "money"] == []


def test_usd_uses_the_dated_rate_table():
    assert to_usd(1e6, "USD", 2025) == 1e6
    assert to_usd(456.31e6, "KZT", 2023) == pytest.approx(1e6)
    # The monthly calculation index is tenge at that year's value.
    assert to_usd(1000, "MRP", 2025) == pytest.approx(3932 * 1000 / 512.0)
    assert to_usd(1e6, None, 2025) is None


@pytest.mark.parametrize("text, value, unit", [
    ("ветряная станция мощностью 100 мегаватт", 100.0, "MW"),
    ("станция на 1,5 гигаватта", 1.5, "GW"),
    ("малая АЭС мощностью 330 МВТ", 330.0, "MW"),
    ("выработка 5,6 млрд кВт/ч в год", 5.6e9, "kWh"),
    ("каскад на 2 тысячи 400 мегаватт", 2400.0, "MW"),
])
def test_capacity_written_in_words_capitals_or_with_a_slash(text, value, unit):
    from etl.grammars.amounts import find_amounts

    (amount,) = [a for a in find_amounts(text) if a.kind == "capacity"]
    assert (amount.value, amount.unit) == (value, unit)


def test_a_comma_before_three_digits_ending_in_zero_separates_thousands():
    from etl.grammars.amounts import parse_number

    assert parse_number("1,160", None) == 1160.0  # "каскад мощностью 1,160 МВт"
    assert parse_number("1,16", None) == 1.16
    assert parse_number("1,125", None) == 1.125  # a Russian decimal: no trailing zero
    assert parse_number("0,750", None) == 0.75
    assert parse_number("2,500", "млн") == 2_500_000.0  # with a scale the comma is a decimal one

"""Who and where an article is about, in Russian as it is written."""

from __future__ import annotations

import pytest

from etl.extract.mentions import extract_mentions


def _found(ctx, text, kind):
    return [(m["surface"], m["entity_id"]) for m in extract_mentions(text, None, ctx) if m["kind"] == kind]


@pytest.mark.parametrize("text, surface, iso3", [
    ("Поставки в Казахстан выросли.", "Казахстан", "KAZ"),
    ("Москва предложила Казахстану кредит.", "Казахстану", "KAZ"),
    ("Соглашение подписали с Казахстаном.", "Казахстаном", "KAZ"),
    ("В Кремле поняли, что это удар.", "Кремле", "RUS"),
    ("В Акорде видимо посчитали иначе.", "Акорде", "KAZ"),
    ("Представители Белого дома промолчали.", "Белого дома", "USA"),
    ("Эмиссары Брюсселя работают в Астане.", "Брюсселя", "EU"),
    ("Власти РК согласились.", "РК", "KAZ"),
    ("Грузы из КНР в РФ задержали.", "КНР", "CHN"),
    ("Грузы из КНР в РФ задержали.", "РФ", "RUS"),
    ("Казахстанские банки прекратили кредитование.", "Казахстанские", "KAZ"),
    ("Фуры с китайскими товарами стоят.", "китайскими", "CHN"),
    ("Давление Соединённых Штатов растёт.", "Соединённых Штатов", "USA"),
    ("Кыргызстан и Киргизия — одна страна.", "Кыргызстан", "KGZ"),
])
def test_countries_in_every_form(ctx, text, surface, iso3):
    assert (surface, iso3) in _found(ctx, text, "country")


@pytest.mark.parametrize("text", [
    "Давление Запада усиливается.",
    "Казахстан может стать мостом для Европы.",
    "Компания проявила себя в Северной Америке.",
    "Семей в городе стало больше.",  # "семей" (families), not the city of Semey
])
def test_continents_and_the_west_are_not_countries(ctx, text):
    countries = _found(ctx, text, "country")
    assert all(iso3 not in {"EU", "USA"} for _, iso3 in countries), countries
    if text.startswith("Семей"):
        assert ("Семей", "semey") not in _found(ctx, text.lower(), "place")


@pytest.mark.parametrize("text, surface, place_id", [
    ("Дым накрыл Усть-Каменогорск.", "Усть-Каменогорск", "oskemen"),
    ("Жители Өскемен вышли на улицы.", "Өскемен", "oskemen"),
    ("ТЭЦ в Семее не построят.", "Семее", "semey"),
    ("Музей в Семипалатинске открыт.", "Семипалатинске", "semey"),
    ("Саммит прошёл в Нур-Султане.", "Нур-Султане", "astana"),
    ("Фуры задержали в Уральске.", "Уральске", "oral"),
    ("Аким города Орал сообщил.", "Орал", "oral"),
    ("АЭС построят в посёлке Улкен.", "Улкен", "ulken"),
])
def test_places_with_kazakh_and_russian_names_and_renames(ctx, text, surface, place_id):
    assert (surface, place_id) in _found(ctx, text, "place")


def test_place_unknown_to_the_curated_list_resolves_through_geonames(ctx):
    places = [m for m in extract_mentions("Telf AG зарегистрирована в Лугано.", None, ctx) if m["kind"] == "place"]
    assert places and places[0]["entity_id"].startswith("geonames:") and places[0]["country_iso3"] == "CHE"


@pytest.mark.parametrize("text, surface, org_id", [
    ("Соглашение с «Росатомом» подписано.", "Росатомом", "rosatom"),
    ("Китайская национальная ядерная корпорация (CNNC) построит АЭС.", "CNNC", "cnnc"),
    ("Казахстан является членом ОДКБ и ЕАЭС.", "ОДКБ", "csto"),
    ("Российская компания «Интер РАО — Экспорт» отказалась.", "Интер РАО — Экспорт", "inter_rao"),
    ("Блок в рамках Организации тюркских государств.", "Организации тюркских государств", "ots"),
])
def test_organisations(ctx, text, surface, org_id):
    assert (surface, org_id) in _found(ctx, text, "org")


def test_unknown_company_is_still_an_organisation(ctx):
    orgs = _found(ctx, "Канадская компания Northwind Lithium начала бурение.", "org")
    assert any("Northwind Lithium" in surface and entity is None for surface, entity in orgs)


def test_mentions_keep_offsets_and_sentences(ctx):
    text = "Первое предложение. Ivanhoe Mines работает в Казахстане."
    for m in extract_mentions(text, None, ctx):
        assert text[m["start"]:m["end"]] == m["surface"]
        assert m["surface"] in m["sentence"]

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


# The gazetteer's stations, ports, crossings and sites, regions, organisations and corridors, in the
# case forms news writes them in (sentences written for these tests).

@pytest.mark.parametrize("text, surface, place_id", [
    ("Контейнерные поезда простаивают на станции Достык.", "Достык", "dostyk"),
    ("Грузы пойдут через порт Курык в Азербайджан.", "Курык", "kuryk"),
    ("На станции Алтынколь достроили вторые пути.", "Алтынколь", "altynkol"),
    ("Очередь фур на переходе Нур Жолы выросла.", "Нур Жолы", "nur_zholy"),
    ("Из Жезказгана в Сексеуил прокладывают новую ветку.", "Жезказгана", "zhezkazgan"),
    ("Из Жезказгана в Сексеуил прокладывают новую ветку.", "Сексеуил", "sekseuil"),
    ("На Кашагане возобновили добычу.", "Кашагане", "kashagan"),
    ("Нефть из Карачаганака идёт на экспорт.", "Карачаганака", "karachaganak"),
    ("Добыча на Бозшаколе выросла.", "Бозшаколе", "bozshakol"),
    ("Суда из Туркменбаши приходят в Алят.", "Туркменбаши", "turkmenbashi"),
    ("Суда из Туркменбаши приходят в Алят.", "Алят", "alat"),
    ("Порт в Красноводске переименован давно.", "Красноводске", "turkmenbashi"),
    ("Вагоны отправили в Урумчи и Кашгар.", "Кашгар", "kashgar"),
    ("Поезд дошёл до Мазари-Шарифа.", "Мазари-Шарифа", "mazar_i_sharif"),
    ("Таможня в Алашанькоу работает круглосуточно.", "Алашанькоу", "alashankou"),
    ("Жители Конаева и Капчагая — одни и те же люди.", "Капчагая", "konaev"),
    ("ГЭС в Нуреке модернизируют.", "Нуреке", "nurek"),
    ("Завод в Турсунзаде остановлен.", "Турсунзаде", "tursunzade"),
    ("В Худжанде открыли терминал.", "Худжанде", "khujand"),
    ("Перевал Торугарт закрыт из-за снега.", "Торугарт", "torugart"),
    ("Газ с месторождения Галкыныш идёт в Китай.", "Галкыныш", "galkynysh"),
    ("Добыча в Рудном Алтае и в Рудном растёт.", "Рудном Алтае", "rudny_altai"),
    ("Добыча в Рудном Алтае и в Рудном растёт.", "Рудном", "rudny"),
])
def test_stations_ports_crossings_and_sites(ctx, text, surface, place_id):
    assert (surface, place_id) in _found(ctx, text, "place")


@pytest.mark.parametrize("text, surface, place_id, iso3", [
    ("Новый завод построят в Ферганской области.", "Ферганской области", "fergana_region", "UZB"),
    ("Ветропарк появится в Ферганском вилояте.", "Ферганском вилояте", "fergana_region", "UZB"),
    ("Солнечную станцию запустят в области Жетісу.", "области Жетісу", "zhetysu_region", "KAZ"),
    ("Аким Улытауской области отчитался.", "Улытауской области", "ulytau_region", "KAZ"),
    ("Месторождение находится в Павлодарской области.", "Павлодарской области", "pavlodar_region", "KAZ"),
    ("Жители ЗКО жалуются на газ.", "ЗКО", "west_kz_region", "KAZ"),
    ("В Республике Каракалпакстан построят ВЭС.", "Республике Каракалпакстан", "karakalpakstan", "UZB"),
    ("Дорогу в ГБАО перекрыли.", "ГБАО", "gbao", "TJK"),
    ("Хлопок из Хатлонской области вывозят по железной дороге.", "Хатлонской области", "khatlon_region", "TJK"),
    ("В Марыйском велаяте открыли газохимический завод.", "Марыйском велаяте", "mary_region", "TKM"),
    ("Министр посетил Иссык-Кульскую область.", "Иссык-Кульскую область", "issyk_kul_region", "KGZ"),
])
def test_regions_resolve_in_every_case_to_a_point(ctx, text, surface, place_id, iso3):
    found = [m for m in extract_mentions(text, None, ctx) if m["kind"] == "place" and m["surface"] == surface]
    assert found and found[0]["entity_id"] == place_id, found
    assert found[0]["subtype"] == "region" and found[0]["country_iso3"] == iso3
    row = ctx.gazetteer.places[place_id]
    assert row["lat"] and row["lon"]


@pytest.mark.parametrize("text, surface, org_id, kind", [
    ("Акции Казатомпрома подешевели.", "Казатомпрома", "kazatomprom", "company"),
    ("ЕБРР выделил кредит на модернизацию сетей.", "ЕБРР", "ebrd", "bank"),
    ("Кредит предоставил Банк развития Казахстана.", "Банк развития Казахстана", "drb_kaz", "bank"),
    ("Условия одобрены Банком развития Казахстана.", "Банком развития Казахстана", "drb_kaz", "bank"),
    ("Представители Министерства энергетики РК сообщили о ремонте.", "Министерства энергетики РК",
     "minenergo_kz", "government"),
    ("Соглашение подписано с Госкорпорацией «Росатом».", "Госкорпорацией «Росатом", "rosatom", "company"),
    ("Акционеры ТШО одобрили проект расширения.", "ТШО", "tco", "company"),
    ("Решение Совета ЕС вступило в силу.", "Совета ЕС", "eu_council", "government"),
    ("Грузы приняли у Азербайджанских железных дорог.", "Азербайджанских железных дорог", "ady", "company"),
    ("Компания Glencore владеет долей в Казцинке.", "Казцинке", "kazzinc", "company"),
    ("Совет директоров Азиатского банка инфраструктурных инвестиций рассмотрит заявку.", "Азиатского банка инфраструктурных инвестиций",
     "aiib", "bank"),
    ("Эксперты МАГАТЭ посетили площадку.", "МАГАТЭ", "iaea", "bloc"),
    ("Контракт с Узбекнефтегазом расторгнут.", "Узбекнефтегазом", "uzbekneftegaz", "company"),
    ("Ремонт ведёт ОАО «Электрические станции».", "ОАО «Электрические станции", "es_kg", "company"),
])
def test_new_organisations_in_every_case(ctx, text, surface, org_id, kind):
    found = [m for m in extract_mentions(text, None, ctx) if m["kind"] == "org" and m["surface"] == surface]
    assert found and found[0]["entity_id"] == org_id, found
    assert found[0]["subtype"] == kind


def test_a_generic_phrase_is_not_the_company_named_like_it(ctx):
    # "Электрические станции" is a Kyrgyz company only with its legal form before the quoted name.
    orgs = _found(ctx, "Электрические станции страны работают на угле.", "org")
    assert all(entity != "es_kg" for _, entity in orgs), orgs


@pytest.mark.parametrize("text, surface, route_id", [
    ("Прокачка по газопроводу «Центральная Азия – Китай» выросла.", "газопроводу «Центральная Азия – Китай",
     "central_asia_china_gas"),
    ("Прокачка по газопроводу Бейнеу–Бозой–Шымкент выросла.", "газопроводу Бейнеу–Бозой–Шымкент",
     "beineu_bozoy_shymkent"),
    ("Грузы пойдут по будущей железной дороге Китай — Кыргызстан — Узбекистан.",
     "железной дороге Китай — Кыргызстан — Узбекистан", "china_kyrgyzstan_uzbekistan_rail"),
    ("Проект Китай-Кыргызстан-Узбекистан обсудили в Бишкеке.", "Китай-Кыргызстан-Узбекистан",
     "china_kyrgyzstan_uzbekistan_rail"),
    ("Отгрузки упали после атаки на нефтепровод КТК.", "нефтепровод КТК", "cpc_pipeline"),
    ("Нефть идёт по нефтепроводу Атырау - Самара.", "нефтепроводу Атырау - Самара", "atyrau_samara"),
    ("Экспорт через Трансафганскую железную дорогу обсуждался в Ташкенте.", "Трансафганскую железную дорогу",
     "trans_afghan_rail"),
    ("Паром вышел по линии Курык — Алят.", "Курык — Алят", "ferry_kuryk_alat"),
    ("Грузы идут по восточному маршруту МТК «Север – Юг».", "восточному маршруту МТК «Север – Юг",
     "north_south_east"),
    ("Поезда по Северному коридору идут через Россию.", "Северному коридору", "northern_corridor"),
])
def test_corridors_by_their_names(ctx, text, surface, route_id):
    assert (surface, route_id) in _found(ctx, text, "route")


def test_the_cpc_consortium_stays_an_organisation(ctx):
    text = "КТК сократил отгрузки, нефтепровод КТК работает."
    assert ("КТК", "cpc") in _found(ctx, text, "org")
    assert ("нефтепровод КТК", "cpc_pipeline") in _found(ctx, text, "route")


def test_a_summit_is_not_the_gas_pipeline(ctx):
    routes = _found(ctx, "На саммите «Центральная Азия – Китай» подписали декларацию.", "route")
    assert ("central_asia_china_gas" not in {r for _, r in routes}), routes


def test_gazetteer_rows_are_well_formed(ctx):
    import math

    from etl.schema import ROUTE_MODES, SECTORS
    from etl.tabulate import COUNTRY_PLACE_TYPES

    tables = ctx.gazetteer
    countries = tables.countries

    def km(lat1, lon1, lat2, lon2):
        p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
        return 6371 * math.acos(min(1.0, math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)))

    for place_id, row in tables.places.items():
        assert row["type"] in COUNTRY_PLACE_TYPES | {"sea", "continent"}, place_id
        assert not row["country_iso3"] or row["country_iso3"] in countries, place_id
        if row["country_iso3"]:
            lat, lon = float(row["lat"]), float(row["lon"])
            home = countries[row["country_iso3"]]
            # Within reach of the country's own point: catches swapped or mistyped coordinates.
            assert km(lat, lon, float(home["lat"]), float(home["lon"])) < 4000, place_id
    for org_id, row in tables.orgs.items():
        assert row["kind"] in {"company", "bank", "government", "state-fund", "bloc", "media"}, org_id
        assert row["sector"] in SECTORS, org_id
        assert not row["country_iso3"] or row["country_iso3"] in countries, org_id
    for route_id, row in tables.corridors.items():
        assert row["mode"] in ROUTE_MODES and row["sector"] in SECTORS, route_id
        assert all(c in countries for c in row["countries"].split("|")), route_id
        points = [tuple(map(float, p.split())) for p in row["waypoints"].split("|")]
        assert len(points) >= 2 and all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points), route_id

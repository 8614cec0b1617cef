"""The language patterns the extractors read, one sentence each (sentences written for these tests).

Each row is a sentence (or two) and the record an analyst would expect from it: a facility named by
an adjective, a quoted name or its ends; placed at its site, region or country; its figures stated
in the sentences that refer back to it; its status as news says it; deals of every kind with their
parties; routes through named places.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest


def _claims(ctx, text, published=None, kind=None):
    from etl.extract import extract_article

    claims = extract_article({"article_id": "p", "text": text, "published": published}, ctx)["claims"]
    return [c for c in claims if kind is None or c.record_type == kind]


def _values(claim, field):
    return [e.value for e in claim.evidence if e.field == field]


def _one(ctx, text, kind, published=None):
    found = _claims(ctx, text, published, kind)
    assert len(found) == 1, [(c.key, c.data.get("name_ru")) for c in found]
    return found[0]


# --- projects: how a facility is named ---------------------------------------------------------

@pytest.mark.parametrize("text, subsector, name", [
    ("Тахтакорская ГЭС введена в эксплуатацию после реконструкции.", "hydro", "Тахтакорская ГЭС"),
    ("На ГЭС «Сарыбулак» продолжается строительство второго агрегата.", "hydro", "ГЭС «Сарыбулак»"),
    ("Строительство участка Алтынколь – Жетыген началось весной.", "rail", "участок Алтынколь – Жетыген"),
    ("Павлодарский нефтехимический завод остановлен на ремонт.", "oil-refining", "Павлодарский нефтехимический завод"),
    ("Строительство газопровода «Бейнеу – Бозой – Шымкент» должно быть завершено к 2027 году.", "pipeline",
     "газопровод Бейнеу – Бозой – Шымкент"),
    ("В Хорезмской области запущен завод GTL стоимостью $2 млрд.", "gas-processing", "завод GTL"),
    # a line by its ends in their cases ("от … до …", "из … в …")
    ("Началось строительство железной дороги от Жезказгана до Бейнеу.", "rail", "железная дорога Жезказган – Бейнеу"),
    ("Строительство автодороги из Бишкека в Ош завершат в 2027 году.", "road", "автодорога Бишкек – Ош"),
])
def test_a_facility_is_named_by_adjective_quotes_or_ends(ctx, text, subsector, name):
    claim = _one(ctx, text, "project")
    assert claim.data["subsector"] == subsector
    assert claim.data["name_ru"] == name


def test_a_second_track_named_by_its_section_is_that_section(ctx):
    text = ("Завершено строительство линии Бейнеу – Шалкар. С мая открыто движение по вторым путям "
            "железнодорожного участка Бейнеу – Шалкар.")
    claim = _one(ctx, text, "project")
    assert "Бейнеу – Шалкар" in claim.data["name_ru"]


def test_a_name_made_from_a_place_stands_at_that_place(ctx):
    claim = _one(ctx, "Экибастузская ГРЭС увеличила выработку.", "project")
    assert claim.data["place"] == "Экибастуз" and claim.data["country_iso3"] == "KAZ"
    assert claim.data["subsector"] == "coal-power"


# --- projects: where it stands -----------------------------------------------------------------

@pytest.mark.parametrize("text, place, precision, country", [
    ("В Ферганской области построят солнечную электростанцию мощностью 300 МВт.", "Ферганская область", "region", "UZB"),
    ("Компания Orion Wind построит ветровую электростанцию мощностью 100 МВт в Кыргызстане.", None, "country", "KGZ"),
    ("Власти планируют построить атомную станцию близ села Улкен.", "Улкен", "site", "KAZ"),
])
def test_a_project_without_a_town_stands_at_its_region_or_country(ctx, text, place, precision, country):
    claim = _one(ctx, text, "project")
    assert claim.data["place"] == place
    assert claim.data["place_precision"] == precision
    assert claim.data["country_iso3"] == country


def test_talk_about_plants_in_general_is_no_project(ctx):
    assert not _claims(ctx, "Солнечные электростанции обеспечивают всё большую долю генерации.", kind="project")


# --- projects: attributes from the sentences that refer back ------------------------------------

def test_figures_two_sentences_on_belong_to_the_facility(ctx):
    text = ("В Туркестанской области запущена солнечная электростанция. Мощность станции составляет 100 МВт. "
            "Объект обошёлся в 50 млн долларов.")
    claim = _one(ctx, text, "project")
    assert _values(claim, "capacity") == ["(100.0, 'MW')"]
    assert _values(claim, "cost")[0].startswith("(50000000.0, 'USD'")
    assert _values(claim, "status")[0] == "operating"


def test_a_stated_cost_outranks_a_sum_one_investor_puts_in_and_a_sum_each(ctx):
    text = ("Таджикистан планирует вложить в строительство Айнинской ГЭС $300 млн. "
            "Стоимость ГЭС оценивается в $2 млрд. Банк выдаст займы по $100 млн каждому участнику.")
    claim = _one(ctx, text, "project")
    assert claim.data["cost"][0] == 2e9
    assert "100000000.0" not in " ".join(_values(claim, "cost"))


def test_one_turbine_is_not_the_plant(ctx):
    text = ("В Жамбылской области строится ветровая электростанция мощностью 150 МВт. "
            "Она будет состоять из 60 турбин мощностью 2,5 МВт каждая.")
    claim = _one(ctx, text, "project")
    assert _values(claim, "capacity") == ["(150.0, 'MW')"]


@pytest.mark.parametrize("text, year", [
    ("В Актюбинской области строится ветроэлектростанция. Ввод объекта в эксплуатацию запланирован на декабрь 2027 года.", 2027),
    ("В Мангистауской области строится ветропарк. Его запустят в 2026-27 годах, рассчитывают в компании.", 2027),
    ("В Атырау строится газохимический комплекс. Завершение работ ожидается к концу 2025 года, сообщил аким.", 2025),
])
def test_target_year_as_news_states_it(ctx, text, year):
    claim = _one(ctx, text, "project")
    assert _values(claim, "target_year") == [str(year)]


# --- projects: status as news says it ------------------------------------------------------------

@pytest.mark.parametrize("text, status", [
    ("В Шымкенте заложен первый камень ТЭЦ.", "construction"),
    ("Строительство ГЭС в Нарынской области ведётся с 2022 года.", "construction"),
    ("В Навои введена в эксплуатацию солнечная электростанция.", "operating"),
    ("По ветровой электростанции в Каракалпакстане разработано ТЭО.", "pre-construction"),
    ("Объявлен тендер на строительство ТЭЦ в Кокшетау.", "pre-construction"),
    ("Строительство ТЭЦ в Семее приостановлено.", "shelved"),
    ("Россия и Узбекистан подписали соглашение о строительстве АЭС в Джизакской области.", "agreed"),
    ("В Жамбылской области планируют построить ветровую электростанцию.", "announced"),
    ("На месторождении в Акмолинской области начата геологоразведка лития.", "exploration"),
    # money arranged before building; an intention signed; preparation, a start to come, a builder to come
    ("Банк и правительство подписали соглашение о финансировании реконструкции Чарвакской ГЭС.", "pre-construction"),
    ("Стороны подписали меморандум о строительстве солнечной электростанции в Хорезмской области.", "announced"),
    ("Стороны подписали соглашение о сотрудничестве по строительству ТЭЦ в Таразе.", "announced"),
    ("Завершается подготовка к строительству ТЭЦ в Таразе.", "pre-construction"),
    ("Министр сообщил о скором старте строительства ГЭС в Нарынской области.", "announced"),
    ("Морской порт Алят обработал за год 2 млн тонн грузов.", "operating"),
    ("За полгода через порт Туркменбаши перевезено 3 млн тонн грузов.", "operating"),
    ("Компания «Эра» разрабатывает открытым способом медное месторождение Коксай.", "operating"),
    ("Подписана дорожная карта по реализации проекта строительства ГЭС в Хатлонской области.", "announced"),
    ("Мойнакская ГЭС мощностью 300 МВт, построенная в 2012 году, стоит на реке Нарын.", "operating"),
    ("АЭС в Мангистауской области построит иностранный подрядчик, её могут завершить к 2036 году.", "announced"),
    # built is operating; a length or a part built is work on the way
    ("В Туркестанской области были построены две солнечные электростанции.", "operating"),
    ("На линии Бахты – Аягоз построено 120 км пути.", "construction"),
    # money being arranged for the works
    ("Банк предоставит кредит для строительства обогатительной фабрики в Алмалыке.", "pre-construction"),
    ("На строительство ТЭЦ в Кокшетау выделят $300 млн.", "pre-construction"),
])
def test_status_from_how_news_says_it(ctx, text, status):
    claim = _one(ctx, text, "project")
    assert _values(claim, "status")[0] == status


@pytest.mark.parametrize("text", [
    "Министры обсудили механизмы финансирования строительства ТЭЦ в Кокшетау.",
    "Правительство выделило $50 млн на развитие ГЭС в Нарынской области.",
])
def test_money_talked_over_or_for_a_sectors_development_arranges_nothing(ctx, text):
    for claim in _claims(ctx, text, kind="project"):
        assert "pre-construction" not in _values(claim, "status")


def test_a_commissioning_to_come_is_a_target_not_an_operating_plant(ctx):
    claim = _one(ctx, "В Бухарской области строится ТЭС. Её введут в эксплуатацию в 2028 году.", "project")
    assert "operating" not in _values(claim, "status")
    assert _values(claim, "target_year") == ["2028"]


def test_a_deposit_at_an_oil_field_is_an_oil_field(ctx):
    claim = _one(ctx, "На месторождении Кашаган начато бурение новых скважин.", "project")
    assert (claim.data["sector"], claim.data["subsector"]) == ("energy", "oil-gas")


# --- deals of every kind ------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, parties", [
    ("Компания Alpha Resources купила у компании Beta Mining долю в руднике за 70 млн долларов.", "acquisition",
     {"Alpha Resources", "Beta Mining"}),
    ("Вашингтон ввёл санкции против компании Gamma Trade из Кыргызстана.", "sanctions", {"США", "Gamma Trade"}),
    ("Казахстан до весны продлил запрет на экспорт дизельного топлива по железной дороге.", "ban", {"Казахстан"}),
    ("Кыргызстан ввёл ограничения на экспорт сена.", "ban", {"Киргизия"}),
    ("Министерство энергетики расторгло контракт на недропользование с компанией Delta Oil.", "contract-termination",
     {"Delta Oil"}),
    ("Узбекистан и Китай намерены довести товарооборот до 20 млрд долларов.", "trade-target", {"Узбекистан", "Китай"}),
    ("Компания Omega Power заключила с Таджикистаном инвестиционное соглашение.", "investment",
     {"Omega Power", "Таджикистан"}),
    # the imperfective present of an official act
    ("Туркменистан продлевает запрет на вывоз хлопка.", "ban", {"Туркмения"}),
    ("Согласно постановлению, запрет на вывоз с территории Кыргызстана сена вводится на три месяца.", "ban",
     {"Киргизия"}),
    # a payment channel closed
    ("Банк Omega Finance приостановил переводы в рублях в Россию.", "other", {"Omega Finance"}),
    # equipment delivered by a named company
    ("Турбины для Рогунской ГЭС поставила компания Sigma Power.", "supply-contract", {"Sigma Power"}),
    # documents in the plural, signed with named sides
    ("Компания Sigma Energy подписала меморандумы с ЕБРД и АБР о строительстве солнечной станции.", "declaration",
     {"Sigma Energy", "ЕБРД", "АБР"}),
])
def test_deals_of_every_kind(ctx, text, kind, parties):
    deal = _one(ctx, text, "deal")
    assert deal.data["kind"] == kind
    assert parties <= set(deal.data["parties"]), deal.data["parties"]


def test_a_development_banks_money_to_a_state_is_lent_unless_the_text_says_it_is_a_grant(ctx):
    deal = _one(ctx, "ЕБРР выделит Казахстану 200 млн долларов на модернизацию сетей.", "deal")
    assert deal.data["kind"] == "loan"
    received = _one(ctx, "Таджикистан получит 60 млн долларов от Азиатского банка развития на ремонт школ.", "deal")
    assert received.data["kind"] == "loan"
    granted = _one(ctx, "ЕБРР выделит Казахстану грант в 2 млн долларов на обучение энергетиков.", "deal")
    assert granted.data["kind"] == "investment"
    assert {"KAZ"} <= set(deal.data["party_countries"])
    assert _values(deal, "value")[0].startswith("(200000000.0, 'USD'")
    lent = _one(ctx, "ЕБРР предоставит Казахстану кредит в 200 млн долларов на модернизацию сетей.", "deal")
    assert lent.data["kind"] == "loan"


def test_the_headline_under_a_menu_line_and_the_lead_are_one_deal(ctx):
    text = ("Главная\n\nAlpha Uranium продала Японии долю в урановом руднике\n\n"
            "Компания Alpha Uranium продала японской Sigma Trading 30% в руднике Акбулак, сообщили в компании.")
    deal = _one(ctx, text, "deal")
    assert {"Alpha Uranium", "Sigma Trading"} <= set(deal.data["parties"])


def test_a_party_known_by_its_short_name_in_brackets_is_one_party(ctx):
    text = ("Компания Omega Holdings B.V. (Omegaco) объявила о покупке акций Delta Metals. "
            "К 1 марта Omegaco получила согласие на продажу акций от владельцев 30% капитала Delta Metals.")
    assert len(_claims(ctx, text, kind="deal")) == 1


def test_the_states_of_a_compound_adjective_are_the_sides(ctx):
    deal = _one(ctx, "Сенат ратифицировал подписанное в 2019 году казахстанско-турецкое соглашение о строительстве "
                     "завода.", "deal")
    assert {"Казахстан", "Турция"} <= set(deal.data["parties"])


def test_a_person_in_whose_presence_a_deal_is_signed_is_no_party(ctx):
    text = "В присутствии министра Ербола Карашукеева компания Alpha Agro подписала контракт на поставку зерна."
    deal = _one(ctx, text, "deal")
    assert not any("Карашукеев" in p for p in deal.data["parties"])


def test_a_quoted_document_is_not_a_party(ctx):
    deal = _one(ctx, "«Дорожную карту» по строительству Рогунской ГЭС подписали Таджикистан и Всемирный банк.", "deal")
    assert not any("карт" in p.lower() for p in deal.data["parties"])


def test_documents_signed_with_no_one_named_are_between_the_states_just_told_of(ctx):
    text = ("Министры транспорта Таджикистана и Узбекистана провели переговоры в Душанбе. "
            "По итогам встречи были подписаны соглашение о транзите грузов и протокол о тарифах.")
    deals = _claims(ctx, text, kind="deal")
    assert deals and all({"Таджикистан", "Узбекистан"} <= set(d.data["parties"]) for d in deals)


def test_money_set_aside_after_a_loan_is_part_of_it_from_the_same_lender(ctx):
    text = ("ЕБРР выдал компании Alpha Solar кредит на $100 млн для строительства станции. "
            "На вторую станцию компании Beta Wind выделят $80 млн.")
    second = [d for d in _claims(ctx, text, kind="deal") if "Beta Wind" in d.data["parties"]]
    assert second and second[0].data["kind"] == "loan" and "ЕБРР" in second[0].data["parties"]


def test_a_deal_valued_in_the_next_sentence_takes_that_value(ctx):
    text = ("Компания Alpha Gold договорилась о покупке 60% месторождения Кызылтау у компании Beta Holding. "
            "Сделка, которую планируется закрыть весной, оценивается в $45 млн.")
    deal = _one(ctx, text, "deal")
    assert deal.data["kind"] == "acquisition" and deal.data["value"][0] == 45e6


def test_the_same_sum_told_in_the_title_and_the_lead_is_one_deal(ctx):
    text = ("Евразийский банк развития выделит Киргизии $40 млн на ремонт дорог\n\n"
            "ЕАБР предоставит правительству Кыргызстана заём в размере $40 млн на ремонт дорог.")
    deals = _claims(ctx, text, kind="deal")
    assert len(deals) == 1, [d.data for d in deals]
    assert deals[0].data["kind"] == "loan"


def test_each_document_of_a_signed_list_is_a_deal_of_its_own(ctx):
    text = ("Казахстан и Монголия подписали три документа.\n\n"
            "По итогам переговоров были подписаны следующие документы:\n\n"
            "• Соглашение между правительствами о сотрудничестве в области туризма;\n\n"
            "• Соглашение между правительствами о международных автомобильных перевозках;\n\n"
            "• Меморандум о сотрудничестве в сфере образования.")
    deals = _claims(ctx, text, kind="deal")
    assert len(deals) == 3, [d.data["sentence"] for d in deals]
    # Two treaties between the governments; a memorandum of cooperation with no money is a declaration.
    assert [d.data["kind"] for d in deals] == ["intergovernmental-agreement"] * 2 + ["declaration"]
    assert all({"KAZ", "MNG"} <= set(d.data["party_countries"]) for d in deals)


def test_sanctions_on_other_targets_and_bans_on_other_goods_are_other_deals(ctx):
    text = ("Великобритания ввела санкции против банка «Омега». "
            "Кроме того, Великобритания ввела санкции в отношении компании «Сигма Трейд». "
            "Казахстан ввёл запрет на вывоз пшеницы. Ранее Казахстан ввёл запрет на вывоз сахара.")
    deals = _claims(ctx, text, kind="deal")
    assert sorted(d.data["kind"] for d in deals) == ["ban", "ban", "sanctions", "sanctions"], \
        [(d.data["kind"], d.data["parties"]) for d in deals]


def test_the_way_between_two_states_is_no_line(ctx):
    assert _claims(ctx, "На пути из Китая в Европу строится новый терминал.", kind="project") == []


@pytest.mark.parametrize("text", [
    "За прошлый год товарооборот Таджикистана и Китая вырос на 9% и достиг 4 млрд долларов.",
    "Копирование материалов портала запрещено.",
    "Из-за угрозы вторичных санкций банки перестали кредитовать местные заводы.",
    "Министр отметил, что необходимо ускорить подписание соглашения о строительстве завода.",
    "Компания Sigma Energy должна была выступить инвестором станции, но отказалась.",
    # money earned is no money put in; a ban wished away; sanctions told as the reason
    "Компания «Алтын» по итогам года получила чистую прибыль в размере 120 млрд тенге.",
    "Мы не допустим, чтобы Евросоюз запретил поставки наших товаров.",
    "Платежи остановлены, поскольку российские банки попали под санкции США.",
    # what may be, is weighed, wanted or intended
    "ЕБРР может выделить до $500 млн на строительство ГЭС в Кыргызстане.",
    "Банк рассматривает возможность выдать Таджикистану кредит на $200 млн.",
    "Узбекистан и Турция заинтересованы в создании совместного предприятия по выпуску стекла.",
    "Компания «Эра» намерена инвестировать $300 млн в добычу меди.",
    # interest shown, a condition, what the clause before expects, what was planned long ago
    "Стороны высказали заинтересованность в создании совместного завода по выпуску стекла.",
    "Компания «Эра» получит $40 млн при условии продления лицензии.",
    "Ожидается, что инвесторы из Кореи вложат $500 млн в новый химический кластер.",
    "Строительство станции планировалось профинансировать за счет средств союзного бюджета ещё в 1980-х.",
    # goods moving, not a contract
    "Объём поставок угля из Казахстана в Китай вырос на 12%.",
    # a denied verb denies the deal it names; a question
    "Правительство Киргизии не участвует в переговорах о продаже доли в компании «Эра».",
    "Визит в Ташкент: о чём договорились президенты Казахстана и Узбекистана",
])
def test_a_trade_result_and_a_ban_on_no_goods_are_no_deals(ctx, text):
    assert _claims(ctx, text, kind="deal") == []


def test_a_deal_noun_told_as_the_cause_is_not_the_act(ctx):
    deal = _one(ctx, "Узбекистан ввёл запрет на реэкспорт электроники из-за угрозы вторичных санкций.", "deal")
    assert deal.data["kind"] == "ban"


def test_a_ban_told_again_is_one_ban_and_its_earlier_term_another(ctx):
    text = ("Сено запретили вывозить из Туркменистана. Туркменистан ввёл запрет на вывоз сена до конца года. "
            "Ранее Туркменистан вводил запрет на вывоз сена весной.")
    deals = _claims(ctx, text, kind="deal", published=dt.date(2025, 9, 1))
    assert len(deals) == 2, [(d.data["sentence"]) for d in deals]


def test_not_only_but_also_is_no_negation(ctx):
    claim = _one(ctx, "Речь идёт о проекте, который предусматривает не только возведение ветровой электростанции "
                      "мощностью 150 МВт в Навоийской области, но и строительство подстанции.", "project")
    assert "shelved" not in _values(claim, "status")


def test_a_company_named_just_before_is_the_holding_that_buys(ctx):
    text = "Фонд Sigma Capital объявил о новой стратегии. Холдинг планирует купить компанию Tau Telecom."
    deal = _one(ctx, text, "deal")
    assert deal.data["kind"] == "acquisition"
    assert {"Sigma Capital", "Tau Telecom"} <= set(deal.data["parties"])


@pytest.mark.parametrize("text", [
    "Правительство не вводит никаких санкций против соседей.",
    "Банки опасаются попасть под вторичные санкции.",
    "Эксперты обсуждают соглашения о свободной торговле.",
    # a running total, or the money of many investors with no sum
    "С 2010 года японские компании вложили в экономику Узбекистана более $5 млрд.",
    "За годы независимости Таджикистан получил от Всемирного банка кредиты на $2 млрд.",
    "Турецкие предприниматели инвестируют в проекты Туркменистана.",
    # what was meant, or would be
    "Компания Kappa Energy собиралась инвестировать в строительство станции $300 млн.",
    "Партнёр может быть привлечён, если будет получено предложение по финансированию проектов.",
])
def test_denied_feared_or_general_deals_are_no_deals(ctx, text):
    assert not _claims(ctx, text, kind="deal")


def test_a_deal_without_a_date_of_its_own_is_dated_by_its_article_and_says_so(ctx):
    deal = _one(ctx, "Казахстан ввёл запрет на вывоз скота.", "deal", published=dt.date(2024, 3, 5))
    assert deal.data["date"] == "2024-03-05" and deal.data["date_basis"] == "published"


def test_a_day_just_ahead_of_the_article_is_this_years_and_dates_the_ban_told_again(ctx):
    text = ("Запрет на вывоз угля из Кыргызстана будет продлён. "
            "Запрет будет действовать с 1 декабря сроком на шесть месяцев.")
    deal = _one(ctx, text, "deal", published=dt.date(2024, 11, 25))
    assert deal.data["date"] == "2024-12-01" and deal.data["date_basis"] == "text"


def test_a_deal_signed_at_an_occasion_takes_the_occasions_date(ctx):
    text = ("12 мая в Самарканде открылся инвестиционный форум. На полях форума Alpha Textile и Beta Bank "
            "подписали кредитное соглашение на 15 млн долларов.")
    deal = _one(ctx, text, "deal", published=dt.date(2025, 5, 14))
    assert deal.data["date"] == "2025-05-12" and deal.data["date_basis"] == "text"
    apart = _one(ctx, "12 мая в Самарканде открылся инвестиционный форум. Накануне Alpha Textile и Beta Bank "
                      "подписали кредитное соглашение на 15 млн долларов.", "deal", published=dt.date(2025, 5, 14))
    assert apart.data["date"] != "2025-05-12"


# --- routes through named places ------------------------------------------------------------------

@pytest.mark.parametrize("text, places, countries, mode, status", [
    ("Контейнерные поезда идут через переход Достык – Алашанькоу.", ["Достык", "Алашанькоу"], ["KAZ", "CHN"], "rail",
     "operating"),
    ("Движение фур на участке Кордай – Бишкек заблокировано.", ["Кордай", "Бишкек"], ["KAZ", "KGZ"], "road", "blocked"),
    ("Сотни фур застряли на участке Кордай – Бишкек.", ["Кордай", "Бишкек"], ["KAZ", "KGZ"], "road", "disrupted"),
    ("Казахстан запретил транзит зерна по железной дороге через переход Достык – Алашанькоу.", ["Достык", "Алашанькоу"],
     ["KAZ", "CHN"], "rail", "restricted"),
    ("Паромы на линии Баутино – Махачкала – Баутино курсируют ежедневно.", ["Баутино", "Махачкала"], ["KAZ", "RUS"],
     "sea", "operating"),
])
def test_routes_through_named_places(ctx, text, places, countries, mode, status):
    route = _one(ctx, text, "route")
    assert [p["name"] for p in route.data["places"]] == places
    assert route.data["countries"] == countries
    assert _values(route, "mode")[0] == mode
    assert status in _values(route, "status")


@pytest.mark.parametrize("text, corridor, status", [
    ("По нефтепроводу Атырау – Самара прокачано 8 млн тонн нефти.", "atyrau_samara", "operating"),
    ("Паромы на линии Курык – Алят курсируют ежедневно.", "ferry_kuryk_alat", "operating"),
])
def test_a_named_corridor_through_its_places(ctx, text, corridor, status):
    route = _one(ctx, text, "route")
    assert route.key == corridor
    assert status in _values(route, "status")


@pytest.mark.parametrize("text, places", [
    ("Началось строительство железной дороги Бахты – Аягоз.", ["Бахты", "Аягоз"]),
    ("Строительство второй линии участка Достык – Мойынты ведётся с опережением графика.", ["Достык", "Мойынты"]),
    ("Строительство новой железной дороги «Бахты – Аягоз» началось осенью.", ["Бахты", "Аягоз"]),
])
def test_a_line_being_built_inside_one_country_is_a_project_under_construction_not_yet_a_route(ctx, text, places):
    project = _one(ctx, text, "project")
    assert project.data["subsector"] == "rail"
    assert _values(project, "status") == ["construction"]
    assert all(p.split()[0] in project.data["name_ru"] for p in places)
    assert not _claims(ctx, text, kind="route")


def test_oil_sent_by_pipe_goes_by_the_pipeline_the_article_names(ctx):
    text = "Казахстан поставит в Германию 100 тысяч тонн нефти в марте. Нефть прокачают по нефтепроводу «Дружба»."
    routes = _claims(ctx, text, kind="route")
    assert [r.key for r in routes] == ["druzhba_pipeline"]
    flows = _claims(ctx, text, kind="flow")
    assert flows and all(f.data["route_key"] == "druzhba_pipeline" for f in flows)


def test_a_route_to_come_is_planned(ctx):
    route = _one(ctx, "Новая линия Термез – Мазари-Шариф позволит перевозить грузы в Пакистан.", "route")
    assert "planned" in _values(route, "status") and "operating" not in _values(route, "status")


def test_a_border_named_by_its_two_countries_is_the_way_across_it(ctx):
    route = _one(ctx, "Сотни фур скопились у кыргызско-казахской границы.", "route")
    assert route.data["countries"] == ["KGZ", "KAZ"]
    assert "disrupted" in _values(route, "status")


@pytest.mark.parametrize("text, countries, status", [
    # Goods between two states held at a third state's border pass through that third state.
    ("Грузовики везут электронику из Китая в Россию. На казахско-российской границе выросла очередь из фур.",
     ["CHN", "KAZ", "RUS"], "disrupted"),
    # The same two ends told again through more states: one route, the longer one.
    ("Узбекистан начал получать нефть из России. Сырьё идёт через территорию Казахстана по железной дороге.",
     ["RUS", "KAZ", "UZB"], None),
    # A place's kind and its adjective between the preposition and the state: "в сухой порт столицы Ирана".
    ("Первый российский грузовой поезд прибыл в сухой порт столицы Ирана, пройдя через территорию Казахстана и "
     "Туркменистана.", ["RUS", "KAZ", "TKM", "IRN"], "launched"),
])
def test_one_way_told_in_parts_is_one_route_through_every_state(ctx, text, countries, status):
    route = _one(ctx, text, "route")
    assert route.data["countries"] == countries
    assert status is None or status in _values(route, "status")


def test_regions_sharing_one_noun_are_one_site_each(ctx):
    found = _claims(ctx, "Новые ветропарки появятся в Туркестанской, Павлодарской и Актюбинской областях.", kind="project")
    assert sorted(c.data["place"] for c in found) == ["Актюбинская область", "Павлодарская область", "Туркестанская область"]
    assert {c.data["subsector"] for c in found} == {"wind"}


def test_a_project_named_by_itself_takes_its_sector_from_the_words_around_it(ctx):
    claim = _one(ctx, "Проект Aurora Green по производству водорода реализуется в Мангистауской области.", "project")
    assert (claim.data["subsector"], claim.data["place"]) == ("hydrogen", "Мангистауская область")
    assert not _claims(ctx, "Проект «Цифровая степь» запущен в прошлом году.", kind="project")


# --- projects: one facility under several words, lists, nationality ------------------------------

def test_a_quoted_name_under_two_words_is_one_facility(ctx):
    text = ("Компания «Памир Голд» начала разработку рудника «Южный Зардак» в Хатлонской области. "
            "Запасы золота месторождения «Южный Зардак» оцениваются в 40 тонн.")
    claim = _one(ctx, text, "project")
    assert claim.data["subsector"] == "gold" and claim.data["country_iso3"] == "TJK"


def test_the_line_before_a_list_gives_its_items_their_partner_and_costs_after_dashes(ctx):
    text = ("Азиатский банк развития профинансирует следующие проекты:\n"
            "– солнечная электростанция на 120 МВт в Самаркандской области — $95 млн;\n"
            "– реконструкция Чарвакской ГЭС — $60 млн.")
    found = {c.data["subsector"]: c for c in _claims(ctx, text, kind="project")}
    assert set(found) == {"solar", "hydro"}
    for claim, cost in ((found["solar"], 95e6), (found["hydro"], 60e6)):
        assert _values(claim, "partners") == ["АБР"]  # the gazetteer's name of the bank
        assert claim.data["cost"][0] == cost


def test_a_builders_nationality_does_not_place_the_plant(ctx):
    text = ("Турецкая компания построит тепловую электростанцию мощностью 240 МВт. "
            "Станция появится в Сырдарьинской области Узбекистана, сообщили в турецком посольстве.")
    claim = _one(ctx, text, "project")
    assert claim.data["country_iso3"] == "UZB"


def test_a_parliament_that_approves_a_plant_is_no_partner_of_it(ctx):
    claim = _one(ctx, "Мажилис одобрил строительство солнечной электростанции мощностью 300 МВт в Туркестанской "
                      "области.", "project")
    assert not any("Мажилис" in p for p in _values(claim, "partners"))


def test_an_unplaced_plant_is_the_one_of_its_kind_the_article_places(ctx):
    text = ("Узбекистан построит солнечную электростанцию мощностью 200 МВт. "
            "Электростанцию возведут в Сурхандарье к 2027 году.")
    claim = _one(ctx, text, "project")
    assert claim.data["subsector"] == "solar" and claim.data["place_precision"] == "region"
    two = _claims(ctx, "В Бухарской области построят солнечную электростанцию мощностью 100 МВт. "
                       "Ещё одну солнечную электростанцию мощностью 300 МВт построят в Хорезме.", kind="project")
    assert len(two) == 2


def test_a_central_asian_company_places_its_plant_at_home_a_foreign_partner_does_not(ctx):
    text = "Казатомпром и французская Orano создадут совместное предприятие для разработки месторождения Кескентобе."
    claim = _one(ctx, text, "project")
    assert claim.data["country_iso3"] == "KAZ"


# --- what is not a deal or a route ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Общий объём инвестиций в строительство комбината составит 500 млн долларов США.",
    "Область должна привлечь инвестиции на 2 трлн тенге до конца пятилетки.",
])
def test_a_projects_total_or_an_investment_goal_is_no_deal(ctx, text):
    assert _claims(ctx, text, kind="deal") == []


def test_the_state_of_a_currency_is_not_a_country_named(ctx):
    from etl.extract import extract_article

    found = extract_article({"article_id": "p", "text": "Стоимость моста оценили в 80 млн долларов США.",
                             "published": None}, ctx)["mentions"]
    assert not [m for m in found if m["kind"] == "country"]


def test_a_corridor_named_in_passing_is_no_route_until_something_is_said_of_it(ctx):
    passing = "Об этом рассказал советник ассоциации перевозчиков Транскаспийского маршрута на форуме в Алматы."
    assert _claims(ctx, passing, kind="route") == []
    told = passing + " За год по Транскаспийскому маршруту перевезли 30 тысяч контейнеров."
    claim = _one(ctx, told, "route")
    assert len(_values(claim, "mention")) == 2  # the earlier mention is its evidence too


def test_what_a_corridor_is_made_of_is_said_of_the_corridor(ctx):
    claim = _one(ctx, "Новый сухой порт станет частью Транскаспийского маршрута.", "route")
    assert claim.key == "middle_corridor"


@pytest.mark.parametrize("text, status", [
    ("Компания «Тау Уран» занимается добычей урана на месторождении «Северный Карамурун».", "operating"),
    ("На руднике «Восточный Акжал» начали добычу свинца.", "operating"),
    # Work to come is a plan.
    ("Госкомпания вместе с инвестором будет добывать золото на месторождении Кепкен.", "announced"),
    ("Добычу меди на руднике «Жаман-Айбат» начнут в 2027 году.", "announced"),
])
def test_production_going_on_is_an_operating_facility(ctx, text, status):
    assert _values(_one(ctx, text, "project"), "status") == [status]


def test_the_place_of_who_reports_it_is_not_the_site(ctx):
    text = "Концерн построит в Навоийской области ветровую электростанцию, сообщил его глава на выставке в Дубае."
    claim = _one(ctx, text, "project")
    assert claim.data["place"] == "Навоийская область" and claim.data["country_iso3"] == "UZB"


def test_a_plant_told_by_its_name_and_by_its_town_is_one(ctx):
    text = ("Строительство ТЭЦ Степногорска начнётся весной. "
            "Мощность ТЭЦ в Степногорске составит 240 МВт.")
    claim = _one(ctx, text, "project")
    assert claim.data["place"] == "Степногорск"


def test_the_zone_a_plant_stands_in_and_a_persons_office_are_not_partners(ctx):
    text = ("На территории индустриальной зоны «Южный Парк» в Шымкенте начато строительство завода по выпуску "
            "минеральных удобрений стоимостью 900 млн долларов. На церемонии выступил председатель Сената.")
    claim = _one(ctx, text, "project")
    assert claim.data["subsector"] == "chemicals"
    assert claim.data["cost"][0] == 900e6
    assert not [p for p in _values(claim, "partners") if "Южный" in p or "Сенат" in p]


def test_regions_whose_noun_is_left_out_and_a_clause_that_turns_to_another_plant(ctx):
    text = ("Ветропарки построят в Абайской и Улытауской областях, а солнечные электростанции "
            "мощностью 50 МВт — в Кызылординской и Туркестанской.")
    found = {(c.data["subsector"], c.data["place"]) for c in _claims(ctx, text, kind="project")}
    assert {("solar", "Кызылординская область"), ("solar", "Туркестанская область")} <= found
    assert not [place for subsector, place in found if subsector == "solar" and place not in (
        "Кызылординская область", "Туркестанская область")]


def test_a_plant_placed_only_by_its_country_needs_a_figure_or_a_builder(ctx):
    assert _claims(ctx, "В Узбекистане запущена очередная ТЭС.", kind="project") == []
    claim = _one(ctx, "В Узбекистане запущена ТЭС мощностью 240 МВт.", "project")
    assert claim.data["country_iso3"] == "UZB"


@pytest.mark.parametrize("text, parties", [
    ("Объём торговли между Казахстаном и Вьетнамом достигнет 3 млрд долларов, заявил министр.", {"Казахстан", "Вьетнам"}),
    ("Киргизия и Таджикистан намерены увеличить объём взаимной торговли до $1 млрд.", {"Киргизия", "Таджикистан"}),
])
def test_a_trade_volume_to_reach_is_a_trade_target(ctx, text, parties):
    claim = _one(ctx, text, "deal")
    assert claim.data["kind"] == "trade-target" and set(claim.data["parties"]) == parties


def test_trade_growing_without_a_target_is_no_deal(ctx):
    assert _claims(ctx, "Торговля между странами выросла на 10%.", kind="deal") == []


def test_a_company_named_by_its_legal_form_and_quoted_name_is_the_quoted_name(ctx):
    claim = _one(ctx, "Министерство и ОсОО «Таш-Кумыр Энерджи» подписали контракт на строительство ТЭС.", "deal")
    assert "Таш-Кумыр Энерджи" in claim.data["parties"]


@pytest.mark.parametrize("text, year", [
    ("Первую очередь солнечной электростанции в Нарынской области планируется ввести в первом полугодии 2026 года.", 2026),
    ("Ветровую электростанцию в Иссык-Кульской области планируется запустить в третьем квартале 2027 года.", 2027),
])
def test_target_year_in_a_half_year_or_a_quarter(ctx, text, year):
    assert _values(_one(ctx, text, "project"), "target_year") == [str(year)]


@pytest.mark.parametrize("text, mode", [
    ("Контейнеры идут поездом из Китая в Казахстан, а затем паромом в Азербайджан.", "multimodal"),
    ("Экспорт электроэнергии из Таджикистана в Афганистан вырос вдвое.", "power-line"),
    # The article names one way of carrying, in another sentence: the flow goes that way.
    ("Узбекистан увеличил закупки газа из Туркменистана. Газ поступает по трубопроводу через границу.", "pipeline"),
    # A dry port is inland: a train to one goes by rail alone.
    ("Первый поезд из Казахстана прибыл в сухой порт Ирана.", "rail"),
])
def test_the_mode_of_a_way_told_by_several_means_or_by_what_it_carries(ctx, text, mode):
    claims = _claims(ctx, text, kind="route")
    assert claims and _values(claims[0], "mode")[0] == mode


def test_a_head_naming_several_facilities_one_by_one_is_one_record_each(ctx):
    text = ("Государственная компания «Тянь-Шань Комур» начнёт добычу угля на месторождениях Сарыджаз, "
            "Кызыл-Булак и Ойтал совместно с китайскими инвесторами.")
    names = sorted(c.data["name_ru"] for c in _claims(ctx, text, kind="project"))
    assert names == ["месторождение Кызыл-Булак", "месторождение Ойтал", "месторождение Сарыджаз"], names
    quoted = "Стороны договорились о разработке угольных месторождений: «Бел-Саз», «Кара-Тюбе» и «Жерге-Тал»."
    claims = _claims(ctx, quoted, kind="project")
    assert len(claims) == 3 and all(c.data["subsector"] == "coal" for c in claims)
    assert not any(_values(c, "partners") for c in claims), "a deposit's own name is nobody's partner"


def test_what_is_said_of_several_plants_at_once_goes_to_each_named_after(ctx):
    text = ("К празднику в эксплуатацию ввели три малые ГЭС. Ала-Бельская ГЭС мощностью 3 МВт стоит в Таласской "
            "области. ГЭС «Терек-Суу» мощностью 6 МВт построена в Нарынской области.")
    claims = _claims(ctx, text, kind="project")
    assert len(claims) == 2
    assert all("operating" in _values(c, "status") for c in claims), [_values(c, "status") for c in claims]


@pytest.mark.parametrize("text, amount, currency", [
    ("Стоимость проекта составит 740 миллионов сомов.", 740e6, "KGS"),
    ("На строительство направят 2,5 трлн сумов.", 2.5e12, "UZS"),
    ("Бюджет выделил 38 млн сомони.", 38e6, "TJS"),
])
def test_money_in_central_asian_currencies(text, amount, currency):
    from etl.grammars.amounts import find_amounts

    found = [(a.value, a.unit) for a in find_amounts(text) if a.kind == "money"]
    assert found == [(amount, currency)]


def test_a_launch_ceremony_told_in_the_past_is_a_plant_in_service(ctx):
    text = "Президенты приняли участие в церемонии запуска горно-обогатительного комбината в Таласской области."
    project = _one(ctx, text, "project")
    assert _values(project, "status") == ["operating"]


def test_a_chain_running_past_a_known_corridors_name_is_a_route_through_every_place(ctx):
    text = ("Первый контейнерный поезд пошёл по цепочке Китай–Кыргызстан–Узбекистан–Афганистан–Пакистан. "
            "Дальше контейнеры повезут грузовиками в Ош и поездом к узбекской границе.")
    routes = _claims(ctx, text, kind="route")
    assert [r.data["countries"] for r in routes] == [["CHN", "KGZ", "UZB", "AFG", "PAK"]]


def test_a_line_inside_one_country_is_a_project_not_a_route(ctx):
    text = "На железнодорожной линии Мойынты – Кызылжар открыто движение грузовых поездов."
    assert not _claims(ctx, text, kind="route")
    assert "operating" in _values(_one(ctx, text, "project"), "status")


@pytest.mark.parametrize("text, year", [
    ("Солнечную станцию в Навои сдадут к первому кварталу 2027 года.", "2027"),
    ("Все работы на ГЭС в Нарынской области должны быть завершены к 30 ноября 2028 года.", "2028"),
    ("Реконструкцию ТЭЦ в Таразе завершат к концу октября 2026 года.", "2026"),
])
def test_a_target_date_with_its_day_month_or_quarter(ctx, text, year):
    assert _values(_one(ctx, text, "project"), "target_year") == [year]


def test_a_year_due_is_due_for_each_line_the_sentence_names(ctx):
    text = "В 2027 году планируется ввести в эксплуатацию железнодорожные линии «Кызылжар – Жезказган» и «Шу – Мерке»."
    claims = _claims(ctx, text, kind="project")
    assert len(claims) == 2 and all(_values(c, "target_year") == ["2027"] for c in claims)


def test_a_port_that_stops_taking_grain_is_not_shelved(ctx):
    text = "Оператор временно приостановил приём зерна в порту Курык."
    assert all("shelved" not in _values(c, "status") for c in _claims(ctx, text, kind="project"))


def test_an_investment_agreement_between_states_is_an_investment_and_the_signatories_are_partners(ctx):
    text = "Таджикистан и Китай подписали инвестиционное соглашение по Шуробской ГЭС."
    deal = _one(ctx, text, "deal")
    assert deal.data["kind"] == "investment"
    project = _one(ctx, text, "project")
    assert {"Таджикистан", "Китай"} <= set(_values(project, "partners"))


def test_a_supplier_chosen_is_a_supply_contract(ctx):
    deal = _one(ctx, "Поставщиком турбин для ТЭЦ в Кокшетау выступит компания Dongfang Electric.", "deal")
    assert deal.data["kind"] == "supply-contract"


def test_goods_bought_are_a_supply_and_a_stake_bought_is_an_acquisition(ctx):
    goods = _one(ctx, "В этом году Туркменистан приобрёл три грузовых парома.", "deal")
    assert goods.data["kind"] == "supply-contract"
    stake = _one(ctx, "Компания «Альфа Майнинг» приобрела 30% акций горнорудного холдинга Beta Resources.", "deal")
    assert stake.data["kind"] == "acquisition"


def test_the_headlines_deal_told_in_full_and_the_document_told_again_are_one_deal(ctx):
    text = ("Самрук-Казына продал Китаю долю в угольном разрезе\n\n"
            "Фонд «Самрук-Казына» продал китайской компании Shenhua 40% доли в разрезе «Богатырь». "
            "Покупатель заплатит за актив в рассрочку. Документ должны утвердить правительства обеих стран.")
    deals = _claims(ctx, text, kind="deal")
    assert len(deals) == 1, [(d.data["kind"], d.data["parties"], d.data["sentence"]) for d in deals]
    assert {"Shenhua"} <= set(deals[0].data["parties"])


def test_a_threat_of_sanctions_is_no_sanctions(ctx):
    assert _claims(ctx, "Кыргызстан ждут вторичные санкции из-за торговли с Россией.", kind="deal") == []


def test_lines_listed_after_their_head_are_projects_and_routes_once_told_as_routes_abroad(ctx):
    text = ('В стране возводятся сразу три железнодорожные линии на участках: "Кызылжар – Жезказган", '
            '"Шу – Мерке" и "Бейнеу – Сексеул".')
    names = sorted(c.data["name_ru"] for c in _claims(ctx, text, kind="project"))
    assert len(names) == 3 and all(n.startswith("железнодорожная линия «") for n in names), names
    assert not _claims(ctx, text, kind="route")  # lines inside one country, told only as being built
    told = _claims(ctx, "Начато строительство железнодорожной линии Шу – Мерке. "
                        "Эта линия станет частью маршрута перевозки грузов в Узбекистан и Кыргызстан.", kind="route")
    assert [r.key[:7] for r in told if r.key.startswith("via:")] == ["via:шу-"]
    assert [r.data["countries"] for r in told if r.key.startswith("via:")] == [["KAZ"]]
    assert not _claims(ctx, "Завершена реконструкция трассы «Караганда – Балхаш».", kind="route")


def test_a_counted_noun_is_several_facilities_and_a_pit_that_began_work_operates(ctx):
    text = ("Госкомпания запустила сразу два угольных разреза. Разрез «Кара-Кече» в Нарынской области "
            "может давать 500 тысяч тонн угля в год. Разрез «Сары-Могол» в Ошской области начал работу в мае.")
    claims = _claims(ctx, text, kind="project")
    assert len(claims) == 2 and all("operating" in _values(c, "status") for c in claims)


def test_a_plant_told_again_by_its_kind_and_country_is_the_named_plant(ctx):
    text = ("В Казахстане начато строительство ГЭС «Северная». "
            "Стоимость гидроэлектростанции в Казахстане оценивается в 900 млн долларов.")
    project = _one(ctx, text, "project")
    assert project.data["name_ru"] == "ГЭС «Северная»"
    assert _values(project, "status") == ["construction"]
    assert _values(project, "cost")[0].startswith("(900000000.0, 'USD'")


@pytest.mark.parametrize("text, status", [
    ("На Таразской ТЭЦ произошла авария, два котла отключены.", "operating"),
    ("Экспорт концентрата, добытого на Жаркамысском месторождении, вырос на треть.", "operating"),
    ("Геологи обнаружили медное месторождение «Северный Арал» в Карагандинской области.", "exploration"),
    ("В Павлодарской области возводят логистический комплекс «Ертис».", "construction"),
    ("Туркменистан договорился с двумя компаниями об участии в строительстве ГЭС «Мургаб».", "agreed"),
    ("Министерство выбрало поставщика оборудования для ТЭЦ «Северная» в Таразе.", "pre-construction"),
    ("ТЭЦ в Экибастузе планируют завершить к концу 2028 года.", "construction"),
    ("Фонд выделит кредит на достройку Зеравшанской ГЭС.", "construction"),
    ("В строй в следующем году вступит Шамалдысайская ГЭС.", "construction"),
    ("По Павлодарской ТЭЦ госкомпания уже начала реализацию проекта.", "construction"),
    ("Подрядчик объявил о старте возведения ТЭЦ в Талдыкоргане.", "construction"),
    ("Начало строительства ТЭЦ в Талдыкоргане запланировано на 2027 год.", "announced"),
    ("Транспортировка нефти с месторождения Жанажол выросла на 5%.", "operating"),
    ("Добыча на месторождении Алтынтау в третьем квартале снизилась.", "operating"),
])
def test_a_facility_told_at_work_found_or_at_another_stage_has_that_stage(ctx, text, status):
    claim = _one(ctx, text, "project")
    assert _values(claim, "status") == [status]


def test_a_facility_named_as_the_site_of_another_is_not_a_project_of_its_own(ctx):
    text = "На месторождении Тенгиз начато строительство газоперерабатывающего завода."
    claim = _one(ctx, text, "project")
    assert claim.data["subsector"] == "gas-processing"
    assert _values(claim, "status") == ["construction"]


def test_a_numbered_plant_told_again_without_its_number_is_that_plant(ctx):
    text = ("В Нарынской области начнётся строительство Ортотокойской ГЭС-2.\n"
            "Министр посетил место, где будет стоять плотина. Ортотокойская ГЭС даст стране 80 МВт.")
    claim = _one(ctx, text, "project")
    assert claim.data["name_ru"] == "Ортотокойская ГЭС-2"
    assert _values(claim, "capacity")


def test_a_development_banks_money_for_a_project_in_a_country_is_lent(ctx):
    deal = _one(ctx, "ЕБРР выделит до 700 млн долларов на строительство ГЭС в Таджикистане.", "deal")
    assert deal.data["kind"] == "loan"


def test_a_sum_again_in_another_currency_is_one_deal_and_the_agency_telling_it_is_no_party(ctx):
    text = ("Как уточняет Reuters, ЕБРР выделит Казахстану 40 млн долларов (около 20 млрд тенге) "
            "на строительство ветровой станции.")
    deal = _one(ctx, text, "deal")
    assert "Reuters" not in deal.data["parties"]
    assert len(_values(deal, "value")) == 1


def test_a_border_crossing_goods_pass_is_the_way_across_that_border(ctx):
    text = "Казахстан и Китай договорились нарастить грузопоток через пункт пропуска «Хоргос»."
    routes = [c for c in _claims(ctx, text, kind="route") if c.key.startswith("crossing:")]
    assert len(routes) == 1
    assert routes[0].data["countries"] == ["KAZ", "CHN"]
    assert "Хоргос" in [p["name"] for p in routes[0].data["places"]]
    kept = "Конвейер для угля установлен на пункте пропуска «Хоргос», сообщила китайская сторона."
    assert not [c for c in _claims(ctx, kept, kind="route") if c.key.startswith("crossing:")]


@pytest.mark.parametrize("text, subsector", [
    ("Геологи обнаружили месторождение меди «Северный Арал» в Карагандинской области.", "copper"),
    ("Компания продолжит разведку на месторождении свинца и цинка «Южная Балка» в Жамбылской области.", "polymetals"),
])
def test_the_mineral_between_a_deposit_and_its_name_is_not_the_name(ctx, text, subsector):
    claim = _one(ctx, text, "project")
    assert "«" in claim.data["name_ru"] and not re.search(r"меди|свинца|цинка", claim.data["name_ru"])
    assert claim.data["subsector"] == subsector


def test_a_development_funds_money_for_works_is_lent_wherever_it_goes(ctx):
    text = "Фонд развития промышленности выделил 3 млн долларов на модернизацию вагонного депо в Шымкенте."
    assert _one(ctx, text, "deal").data["kind"] == "loan"


def test_a_memorandum_item_of_a_signed_list_is_between_the_leads_parties(ctx):
    text = ("Узбекистан и Вьетнам подписали два документа:\n\n"
            "- соглашение о строительстве в Ташкенте кампуса Технического университета;\n\n"
            "- меморандум о намерениях между почтовыми ведомствами.")
    deals = _claims(ctx, text, kind="deal")
    memo = next(d for d in deals if "меморандум" in d.data["sentence"])
    assert memo.data["kind"] == "declaration"
    assert set(memo.data["party_countries"]) == {"UZB", "VNM"}


@pytest.mark.parametrize("text, name", [
    ("Каскад включит Сары-Жаз ГЭС мощностью 200 МВт и Ак-Кол ГЭС мощностью 80 МВт.", "Сары-Жаз ГЭС"),
    ("Строительство Кайынды-2 ГЭС начнётся весной.", "Кайынды-2 ГЭС"),
])
def test_a_proper_name_before_an_abbreviated_head_names_the_plant(ctx, text, name):
    names = [c.data["name_ru"] for c in _claims(ctx, text, kind="project")]
    assert name in names, names


def test_a_plant_told_with_what_it_makes_is_a_record_even_placed_by_its_country(ctx):
    made = _one(ctx, "Турецкая компания построит завод по производству стекла в Таджикистане.", "project")
    assert made.data["country_iso3"] == "TJK" and made.data["sector"] == "industry"
    assert made.data["facility_ru"] == "завод по производству стекла"
    two = _claims(ctx, "В Таджикистане построят завод полного цикла по выпуску обуви мощностью 2 млн пар в год. "
                       "Там же начнут строить завод по производству кирпича мощностью 50 млн штук в год.", kind="project")
    assert sorted(c.data["facility_ru"] for c in two) == ["завод по выпуску обуви", "завод по производству кирпича"]
    assert not _claims(ctx, "В Таджикистане строятся заводы по производству стекла.", kind="project")


@pytest.mark.parametrize("text, countries, mode", [
    ("Киргизия начала получать электроэнергию из Казахстана.", [["KAZ", "KGZ"]], "power-line"),
    ("Узбекистан экспортирует электроэнергию в Афганистан и Таджикистан.", [["UZB", "AFG"], ["UZB", "TJK"]], "power-line"),
    ("Туркменистан поставляет газ в Китай через Узбекистан.", [["TKM", "UZB", "CHN"]], None),
])
def test_a_state_that_sends_or_receives_energy_is_the_other_end_of_the_way(ctx, text, countries, mode):
    routes = _claims(ctx, text, kind="route")
    assert sorted(r.data["countries"] for r in routes) == sorted(countries)
    assert all((_values(r, "mode") or [None])[0] == mode for r in routes)


def test_goods_a_state_exports_with_no_way_named_are_trade_not_a_route(ctx):
    assert not _claims(ctx, "Казахстан экспортировал в Италию товаров на 3 млрд долларов.", kind="route")


def test_the_lines_of_a_list_led_by_a_plural_head_are_facilities_of_that_kind(ctx):
    text = ("В этом году госкомпания открыла новые угольные разрезы:\n\n"
            "  • Кара-Суу — 2;\n  • Беш-Тал;\n  • Ак-Булак.\n\nНа всех участках идёт добыча.")
    names = sorted(c.data["name_ru"] for c in _claims(ctx, text, kind="project"))
    assert names == ["разрез «Ак-Булак»", "разрез «Беш-Тал»", "разрез «Кара-Суу-2»"], names


def test_a_way_seen_at_work_is_not_planned_again_when_a_later_article_tells_plans_for_it(ctx):
    from etl.extract import extract_article
    from etl.tabulate import route_table

    texts = [("a", dt.date(2026, 3, 1), "По Среднему коридору в марте перевезли 400 тысяч тонн грузов."),
             ("b", dt.date(2026, 5, 1), "Правительство планирует нарастить перевозки по Среднему коридору.")]
    claims = [c for aid, day, text in texts
              for c in extract_article({"article_id": aid, "text": text, "published": day}, ctx)["claims"]
              if c.record_type == "route"]
    rows, _ = route_table(claims, ctx.gazetteer)
    assert [r["status"] for r in rows if r["route_id"] == "middle_corridor"] == ["operating"]


def test_where_people_met_is_not_where_the_plant_stands_and_an_office_claims_no_stage(ctx):
    text = ("Глава госкомпании провёл в Шымкенте встречу с директором по вопросам проектирования "
            "турецкого концерна. Стороны обсудили строительство завода по выпуску шин в Жамбылской области.")
    plant = _one(ctx, text, "project")
    assert plant.data["place"] == "Жамбылская область" and plant.data["facility_ru"] == "завод по выпуску шин"
    assert not _claims(ctx, "Вице-президент по строительству завода прибыл в Павлодар.", kind="project") or \
        not _values(_one(ctx, "Вице-президент по строительству завода прибыл в Павлодар.", "project"), "status")


def test_the_company_a_line_is_named_after_told_with_what_moves_on_it_is_that_line(ctx):
    routes = _claims(ctx, "За девять месяцев КТК отгрузил на экспорт 45 млн тонн нефти.", kind="route")
    assert [r.key for r in routes] == ["cpc_pipeline"]
    assert not _claims(ctx, "Совет директоров КТК избрал нового председателя.", kind="route")


@pytest.mark.parametrize("text, countries, mode", [
    ("Через межгосударственный стыковой пункт Бекдаш – Кызылсай за сутки передано 14 поездов из Туркменистана "
     "в Казахстан.", ["TKM", "KAZ"], "rail"),
    ("Очереди на границе Казахстана с Китаем растут. На пункте пропуска «Майкапчагай» скопились сотни фур.",
     ["KAZ", "CHN"], "road"),
])
def test_a_crossing_named_by_its_sides_or_told_in_an_article_on_one_border_is_the_way_across(ctx, text, countries, mode):
    routes = [r for r in _claims(ctx, text, kind="route") if r.key.startswith("crossing:")]
    assert routes and sorted(routes[0].data["countries"]) == sorted(countries), [(r.key, r.data) for r in routes]
    assert _values(routes[0], "mode") == [mode] and _values(routes[0], "status")


@pytest.mark.parametrize("text, key, countries", [
    ("В мае 300 тысяч тонн зерна отправили из порта Курык в порт Энзели.", "flow:KAZ-IRN", ["KAZ", "IRN"]),
    ("Самым надёжным вариантом остаётся нефтепровод «Баку – Тбилиси – Джейхан».", "baku_tbilisi_ceyhan",
     ["AZE", "GEO", "TUR"]),
    ("Объёмы перекачки по КТК в июле снизились.", "cpc_pipeline", ["KAZ", "RUS"]),
])
def test_ports_between_preposition_and_name_and_a_corridor_weighed_as_an_option_are_routes(ctx, text, key, countries):
    routes = {r.key: r for r in _claims(ctx, text, kind="route")}
    assert key in routes and routes[key].data["countries"] == countries, list(routes)


def test_the_country_spoken_of_as_strana_sends_to_each_state_it_supplies(ctx):
    text = ("Таджикистан в этом году нарастил выработку на ГЭС. Страна обеспечивает электроснабжение Афганистана, "
            "а также экспортирует электроэнергию в Узбекистан и Киргизию.")
    routes = {tuple(r.data["countries"]): r for r in _claims(ctx, text, kind="route")}
    assert set(routes) == {("TJK", "AFG"), ("TJK", "UZB"), ("TJK", "KGZ")}, list(routes)
    assert _values(routes[("TJK", "UZB")], "status") == ["operating"]


def test_a_border_told_by_both_states_names_is_one_way_across_it(ctx):
    text = ("На границе Узбекистана и Казахстана скопились сотни фур. "
            "Водители на границе Казахстана и Узбекистана ждут по трое суток.")
    routes = _claims(ctx, text, kind="route")
    assert [r.data["countries"] for r in routes if r.key.startswith("flow:")] == [["UZB", "KAZ"]]
    assert "disrupted" in _values(routes[0], "status")


def test_a_dates_tail_before_a_line_break_is_no_count_of_trucks():
    from etl.grammars.volumes import find_volumes

    assert find_volumes("обновлено: 09:15 03.02.2026\nФуры стоят у границы") == []
    assert [(v.value, v.unit) for v in find_volumes("у границы стоят 1 200 фур")] == [(1200.0, "trucks")]


def test_supplies_a_ban_lets_through_are_no_contract_of_their_own(ctx):
    text = ("Минсельхоз установил запрет на вывоз картофеля из Кыргызстана, кроме поставок "
            "по ранее заключённым договорам.")
    assert [c.data["kind"] for c in _claims(ctx, text, kind="deal")] == ["ban"]


def test_banks_entered_in_a_sanctions_register_are_sanctioned(ctx):
    deal = _one(ctx, "В санкционный перечень Евросоюза внесены узбекские банки «Ипотека» и «Асака».", "deal")
    assert deal.data["kind"] == "sanctions" and "EU" in deal.data["party_countries"]


@pytest.mark.parametrize("text, name, subsector", [
    ("Завершена модернизация Бакинского международного морского торгового порта.",
     "Бакинский международный морской торговый порт", "port"),
    ("В Бухарской области заработал гидрометаллургический завод №3.", "завод №3", None),
    ("В Навоийской области запущена 2-я обогатительная фабрика.", "2-я обогатительная фабрика", None),
    ("В Сырдарьинской области открылась промышленная зона «Джизак-2».", "промышленная зона «Джизак-2»", "industrial-park"),
])
def test_a_name_runs_over_inner_adjectives_and_a_plant_is_named_by_its_number(ctx, text, name, subsector):
    claim = _one(ctx, text, "project")
    assert claim.data["name_ru"] == name
    assert subsector is None or claim.data["subsector"] == subsector


@pytest.mark.parametrize("text, place", [
    ("В Нарынской области открылось предприятие по переработке шерсти.", "Нарынская область"),
    ("В Кашкадарьинской области построят комплекс по производству полипропилена.", "Кашкадарьинская область"),
    ("В Худжанде появился технопарк.", "Худжанд"),
])
def test_an_enterprise_told_by_what_it_makes_and_a_technology_park_are_facilities(ctx, text, place):
    claim = _one(ctx, text, "project")
    assert claim.data["sector"] == "industry" and claim.data["place"] == place
    assert not _claims(ctx, "Предприятие выплатило дивиденды акционерам.", kind="project")


def test_a_facility_with_no_partner_of_its_own_takes_the_company_the_sentence_before_is_about(ctx):
    text = ("«Таджикская алюминиевая компания» подвела итоги года. "
            "В Турсунзаде введена в эксплуатацию солнечная электростанция мощностью 200 МВт.")
    plant = _one(ctx, text, "project")
    assert _values(plant, "partners") == ["ТАЛКО"]  # the gazetteer's name of that company
    assert not _values(_one(ctx, "В Турсунзаде введена в эксплуатацию солнечная электростанция мощностью 200 МВт.",
                            "project"), "partners")


def test_a_crossing_with_only_a_company_beside_it_is_no_project(ctx):
    text = "По данным компании «Азия Логистик», на пункте пропуска «Хоргос» в Казахстане скопились сотни фур."
    assert not _claims(ctx, text, kind="project")


@pytest.mark.parametrize("text, party", [
    ("Компания «Тау-Кен Самрук» получила право на разведку вольфрама в Карагандинской области.", "Тау-Кен Самрук"),
    ("Министерство выдало компании Kazakhmys лицензию на добычу меди.", "Казахмыс"),
])
def test_subsoil_rights_granted_are_a_deal(ctx, text, party):
    deal = _one(ctx, text, "deal")
    assert deal.data["kind"] == "other" and party in deal.data["parties"]
    assert not _claims(ctx, "Право недропользования принадлежит компании.", kind="deal")


def test_a_joint_venture_going_about_its_work_is_a_company_not_a_new_venture(ctx):
    assert not _claims(ctx, "Совместное предприятие «Бекпак» не представило отчёт в министерство.", kind="deal")
    assert not _claims(ctx, "Ожидается, что СП подаст документы до конца месяца.", kind="deal")
    founded = _one(ctx, "Казатомпром и Orano учредили совместное предприятие по добыче урана.", "deal")
    assert founded.data["kind"] == "joint-venture"


def test_a_person_who_proposed_a_ban_is_no_party_to_it(ctx):
    deal = _one(ctx, "Ограничение экспорта угля ввёл вице-премьер Таджикистана Ахмад Рахимов.", "deal")
    assert deal.data["kind"] == "ban" and deal.data["parties"] == ["Таджикистан"]


def test_a_section_is_the_project_not_the_road_it_is_part_of_and_a_bypass_stands_at_its_town(ctx):
    text = ("Реконструкция участка трассы «Талдыкорган – Ушарал» (км 12–240) в составе автодороги "
            "«Алматы – Усть-Каменогорск» обойдётся в 310 млрд тенге.")
    section = _one(ctx, text, "project")
    assert section.data["name_ru"] == "трасса Талдыкорган – Ушарал" and _values(section, "cost")
    bypass = _one(ctx, "Начато строительство объездной дороги вокруг Сарыагаша стоимостью 90 млрд тенге.", "project")
    assert bypass.data["subsector"] == "road" and bypass.data["place_id"] == "saryagash"


def test_each_facility_of_a_list_takes_the_figure_right_after_its_name(ctx):
    text = ("В Киргизии построят каскад из трёх станций: Кок-Джар ГЭС в 120 МВт, Ак-Суу ГЭС 95 МВт "
            "и Сары-Таш ГЭС — 60 МВт.")
    figures = {c.data["name_ru"]: _values(c, "capacity") for c in _claims(ctx, text, kind="project")}
    assert figures == {"Кок-Джар ГЭС": ["(120.0, 'MW')"], "Ак-Суу ГЭС": ["(95.0, 'MW')"], "Сары-Таш ГЭС": ["(60.0, 'MW')"]}, figures


def test_the_outlet_that_reported_a_deal_is_no_party_to_it(ctx):
    text = "Ранее «Вестник» писал, что Азиатский банк развития выделил Таджикистану $40 млн."
    deal = _one(ctx, text, "deal")
    assert "Вестник" not in deal.data["parties"]


def test_a_figure_in_brackets_after_each_named_plant_is_its_own(ctx):
    text = "Госкомпания построит ТЭЦ «Тараз» (200 МВт) и ТЭЦ «Шымкент» (450 МВт)."
    found = {c.data["name_ru"]: _values(c, "capacity") for c in _claims(ctx, text, kind="project")}
    assert found == {"ТЭЦ «Тараз»": ["(200.0, 'MW')"], "ТЭЦ «Шымкент»": ["(450.0, 'MW')"]}


def test_one_plant_named_from_its_town_in_two_spellings_is_one_plant(ctx):
    text = "Завершено проектирование ТЭЦ «Кокшетау». Строительство Кокчетавской ТЭЦ уже идёт."
    claim = _one(ctx, text, "project")
    assert "construction" in _values(claim, "status")


def test_a_role_is_no_partner_and_a_partner_dropped_is_no_cancelled_project(ctx):
    text = ("Правительство отказалось от привлечения компании Sigma Energo к строительству ТЭЦ в Экибастузе. "
            "Ранее предполагалось, что Sigma Energo выступит EPC-подрядчиком.")
    claim = _one(ctx, text, "project")
    assert "cancelled" not in _values(claim, "status")
    assert not any("подрядчик" in p for p in _values(claim, "partners"))


@pytest.mark.parametrize("text", [
    "Контракт на ремонт путей получила Казахстанская железная дорога.",
    "Пресс-служба сообщила, что Грузинская железная дорога подписала меморандум.",
])
def test_a_states_railway_is_its_operator_not_a_project(ctx, text):
    assert not _claims(ctx, text, kind="project")


def test_the_place_that_opens_a_sentence_holds_the_facility_told_after_a_dash(ctx):
    text = "В Карагандинской области стартовал крупный проект — строительство ветроэлектростанции мощностью 80 МВт."
    claim = _one(ctx, text, "project")
    assert claim.data["place"] == "Карагандинская область" and claim.data["place_precision"] == "region"


def test_a_compound_noun_the_dictionary_lacks_is_read_by_its_last_part(ctx):
    text = "Ветропарки появятся в Абайской области."
    claim = _one(ctx, text, "project")
    assert claim.data["facility_ru"] == "ветропарк"


def test_the_outlet_of_a_dateline_is_no_partner(ctx):
    text = "Rudnews – Китайская компания Sigma Mining получила разрешение на разработку рудника «Восточный»."
    assert _values(_one(ctx, text, "project"), "partners") == ["Sigma Mining"]


@pytest.mark.parametrize("text", [
    "Президент запустил строительство Нижне-Кокской ГЭС.",
    "На Тасмолинской ГРЭС состоялось открытие начала работ.",
])
def test_a_launch_of_the_building_is_construction(ctx, text):
    assert _values(_one(ctx, text, "project"), "status") == ["construction"]


def test_two_sums_joined_by_and_are_one_deal_and_sums_for_two_things_two(ctx):
    one = _claims(ctx, "Узбекистан привлек €600 млн и 3 трлн сумов на международных рынках капитала.", kind="deal")
    assert len(one) == 1
    two = _claims(ctx, "Корпорация «Эра» вложит $100 млн в завод в Навои и $50 млн в рудник в Алмалыке.", kind="deal")
    assert len(two) == 2


def test_a_place_after_one_facility_is_not_the_site_of_the_next(ctx):
    claims = _claims(ctx, "В Узбекистане построят завод в Навои и рудник в Алмалыке.", kind="project")
    assert sorted((c.data["subsector"], c.data["place"]) for c in claims) == [
        ("manufacturing", "Навои"), ("other", "Алмалык")]


def test_officials_the_article_titles_sign_for_their_states(ctx):
    text = ("Токаев и Мирзиёев подписали совместное заявление.\n"
            "Президент Казахстана Касым-Жомарт Токаев и президент Узбекистана Шавкат Мирзиёев подписали "
            "совместное заявление в Астане.")
    deal = _one(ctx, text, "deal")
    assert (deal.data["kind"], sorted(deal.data["parties"])) == ("declaration", ["Казахстан", "Узбекистан"])


def test_the_republics_abbreviation_names_the_state(ctx):
    deal = _one(ctx, "Министр энергетики КР и компания «Солар» подписали инвестиционное соглашение.", "deal")
    assert "KGZ" in deal.data["party_countries"]


def test_the_terms_of_an_agreement_just_told_are_that_agreement(ctx):
    text = ("Правительство одобрило соглашение с компанией «Эра» о разработке месторождения.\n"
            "В рамках соглашения госкомпания «Алтын» получит $70 млн двумя траншами: $60 млн и $10 млн.")
    deal = _one(ctx, text, "deal")
    assert _values(deal, "value")[0].startswith("(70000000.0")


def test_a_sentence_wrapped_over_lines_is_one_sentence_and_a_headline_stays_its_own(ctx):
    from etl.nlp import NLP

    text = ("Банк выделит кредит на ГЭС\n"
            "АСТАНА, 3 марта — Казахстан и Китай\n"
            "подписали соглашение о строительстве ветровой станции в\n"
            "Жамбылской области.")
    sentences = [s.text for s in NLP.sentences(text)]
    assert sentences[0] == "Банк выделит кредит на ГЭС"
    assert sentences[1].endswith("ветровой станции в Жамбылской области.")
    deal = next(c for c in _claims(ctx, text, kind="deal") if "Китай" in c.data["parties"])
    assert "Казахстан" in deal.data["parties"]


def test_a_project_named_after_a_facility_is_told_is_that_facility(ctx):
    text = "Банк выделит $1 млрд на строительство ГЭС в Кыргызстане. Речь идет о проекте «Ала-Тоо-2», крупнейшем в регионе."
    claim = _one(ctx, text, "project")
    assert (claim.data["subsector"], claim.data["name_ru"]) == ("hydro", "проект Ала-Тоо-2")


def test_other_plants_told_of_in_the_plural_or_of_another_kind_lend_the_plant_nothing(ctx):
    text = ("Компания «Эра» начала строительство ветровой электростанции «Арман» в Жамбылской области. "
            "В регионе уже работают три ветровые электростанции. "
            "Кроме того, там были построены две солнечные электростанции.")
    claim = next(c for c in _claims(ctx, text, kind="project") if c.data.get("name_ru"))
    assert _values(claim, "status") == ["construction"]


def test_an_articles_news_is_the_status_it_tells_first_in_its_text(ctx, tmp_path):
    import pandas as pd

    from etl.build import build

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        " date 2025-03-01 Компания «Эра» начала строительство в Казахстане ветровой электростанции.\n"
        "Ветровая электростанция в Жамбылской области будет крупнейшей в стране. "
        "О планах построить станцию сообщалось в 2015 году, однако проект так и не был начат.\n", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "wh")
    projects = pd.read_parquet(tmp_path / "wh" / "projects.parquet")
    assert projects["status"].tolist() == ["construction"]


def test_a_corridor_written_in_lower_case_is_that_corridor(ctx):
    routes = _claims(ctx, "Из Сианя в Баку по транскаспийскому маршруту отправился первый контейнерный поезд.", kind="route")
    assert [r.key for r in routes if r.key == "middle_corridor"] == ["middle_corridor"]
    assert "launched" in _values(next(r for r in routes if r.key == "middle_corridor"), "status")


def test_a_way_between_two_towns_is_named_by_them_and_a_shipment_by_sea_is_not_the_pipeline(ctx, tmp_path):
    import pandas as pd

    from etl.build import build

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        " date 2025-03-01 По нефтепроводу Атырау – Самара прокачано 8 млн тонн нефти.\n"
        "Ещё 2 млн тонн нефти танкеры доставили из порта Актау в порт Астрахани.\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(
        " date 2025-03-02 Из Казахстана в Россию фуры везут лук.\n", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "wh")
    routes = pd.read_parquet(tmp_path / "wh" / "routes.parquet").set_index("name_ru")
    assert "Казахстан → Россия" in routes.index  # another article's flow between the states keeps its own name
    assert routes.loc["Актау – Астрахань", "mode"] == "sea"
    assert list(routes.loc["Актау – Астрахань", "countries"]) == ["KAZ", "RUS"]


def test_a_declaration_sealed_with_signatures_and_one_more_document_are_two_deals(ctx):
    text = ("Президент Узбекистана и президент Таджикистана своими подписями скрепили декларацию о вечной дружбе.\n"
            "Ещё один документ – программа по доведению товарооборота между двумя странами до $2 млрд.")
    deals = _claims(ctx, text, kind="deal")
    assert sorted(d.data["kind"] for d in deals) == ["declaration", "trade-target"]


def test_a_person_after_a_facility_is_neither_its_name_nor_its_place(ctx):
    text = "Соглашение подписал руководитель дирекции по строительству АЭС в Узбекистане Бахтиёр Абдуллаев."
    for claim in _claims(ctx, text, kind="project"):
        assert "Абдуллаев" not in str(claim.data.get("name_ru")) and "Абдуллаев" not in str(claim.data.get("place"))


def test_what_a_plant_makes_ends_before_a_verb_or_a_lone_adjective(ctx):
    claim = _one(ctx, "В Актобе завод по производству ферросплавов начал работу.", "project")
    assert claim.data["purpose"] == "по производству ферросплавов"


def test_an_intergovernmental_agreement_with_a_sum_stays_intergovernmental(ctx):
    text = "Президент Таджикистана утвердил межправительственное соглашение с Киргизией о фонде в $100 млн."
    assert _one(ctx, text, "deal").data["kind"] == "intergovernmental-agreement"


def test_a_persons_birthplace_is_no_party(ctx):
    deal = _one(ctx, "В санкционный список США попал уроженец Таджикистана, владелец компании «Эра».", "deal")
    assert "TJK" not in deal.data["party_countries"]


def test_a_hydrocarbon_deposit_is_an_oil_and_gas_field(ctx):
    claim = _one(ctx, "Стороны договорились о совместной разработке углеводородного месторождения «Бирлик» в Каспийском море.", "project")
    assert (claim.data["sector"], claim.data["subsector"]) == ("energy", "oil-gas")


def test_a_second_track_of_a_main_line_is_that_line_and_a_crossing_named_by_its_ends_is_one_route(ctx):
    claim = _one(ctx, "Президент запустил вторые пути железнодорожной магистрали Бахты – Аягоз.", "project")
    assert claim.data["name_ru"] == "второй путь Бахты – Аягоз"
    text = ("Грузовики из Китая в Казахстан идут через пограничный переход «Хоргос – Нур Жолы». "
            "Через пограничный переход «Хоргос – Нур Жолы» за сутки прошло 300 фур.")
    routes = [r for r in _claims(ctx, text, kind="route") if "Хоргос" in str(r.data.get("places"))]
    assert len(routes) <= 1


def test_the_governments_of_the_states_are_the_states(ctx):
    deal = _one(ctx, "Подписан меморандум между Правительствами Казахстана и Кыргызстана о водных ресурсах.", "deal")
    assert sorted(deal.data["parties"]) == ["Казахстан", "Киргизия"]


def test_a_deposit_named_with_what_it_holds_is_of_that_mineral(ctx):
    claim = _one(ctx, "Компания «Эра» разрабатывает в Туркестанской области Кызылкумское уранованадиевое месторождение.", "project")
    assert (claim.data["name_ru"], claim.data["subsector"]) == ("Кызылкумское уранованадиевое месторождение", "uranium")


def test_a_subsoil_right_ended_from_a_date_is_a_contract_termination(ctx):
    text = "Компания «Эра» получила уведомление о прекращении с 1 мая 2026 года права недропользования по контракту на добычу меди."
    assert _one(ctx, text, "deal").data["kind"] == "contract-termination"


def test_a_ban_that_comes_into_force_is_a_ban(ctx):
    deal = _one(ctx, "В Кыргызстане с 1 декабря вступил в силу запрет на вывоз сена автотранспортом.", "deal")
    assert (deal.data["kind"], deal.data["parties"]) == ("ban", ["Киргизия"])


def test_two_numbered_plants_of_one_town_are_two_projects(ctx, tmp_path):
    import pandas as pd

    from etl.build import build

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        " date 2025-03-01 В Таразе модернизируют ТЭЦ-2 и ТЭЦ-3.\n", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "wh")
    projects = pd.read_parquet(tmp_path / "wh" / "projects.parquet")
    assert sorted(projects["name_ru"]) == ["ТЭЦ-2", "ТЭЦ-3"]
    assert projects["project_id"].nunique() == 2

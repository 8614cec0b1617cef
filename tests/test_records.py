"""Routes, projects and deals from what the text claims, every figure with its evidence."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from etl.build import build
from tests.conftest import SEEDS

DUMP = "003_fbdfde6d65e5302b.txt"


def _records(ctx, text, published=None):
    from etl.extract import extract_article

    article = {"article_id": "t", "text": text, "published": published}
    return extract_article(article, ctx)["claims"]


def _evidence(claim, field):
    return [e.value for e in claim.evidence if e.field == field]


# --- sentences, one record type at a time ---------------------------------------------------

@pytest.mark.parametrize("text, countries, status", [
    ("Стали задерживать грузы, идущие из Китая в Россию.", ["CHN", "RUS"], "disrupted"),
    ("Большегрузы, идущие из КНР в РФ, перестали пропускать через Казахстан.", ["CHN", "KAZ", "RUS"], None),
    ("Фуры идут из Китая через Казахстан в Россию.", ["CHN", "KAZ", "RUS"], None),
    ("Контейнеры везут из Китая через территорию Казахстана в Россию.", ["CHN", "KAZ", "RUS"], None),
    ("Поставки товаров из Турции через Грузию в Азербайджан заблокированы.", ["TUR", "GEO", "AZE"], "blocked"),
])
def test_route_stated_from_x_through_y_to_z(ctx, text, countries, status):
    routes = [c for c in _records(ctx, text) if c.record_type == "route" and not c.data.get("named")]
    assert [r.data["countries"] for r in routes] == [countries]
    assert (status in _evidence(routes[0], "status")) if status else True


def test_named_corridor_with_status(ctx):
    (route,) = [c for c in _records(ctx, "Решение о строительстве газопровода «Сила Сибири-2» через Монголию принято.")
                if c.record_type == "route"]
    assert route.key == "power_of_siberia_2"
    assert "planned" in _evidence(route, "status")
    assert _evidence(route, "via") == ["MNG"]


def test_sentence_without_transport_is_not_a_route(ctx):
    assert not [c for c in _records(ctx, "Президент Казахстана встретился с лидером России в Москве.")
                if c.record_type == "route"]


@pytest.mark.parametrize("text, kind, parties", [
    ("Компания Telf AG заключила контракт с АО «Казхром».", "supply-contract", {"Telf AG", "Казхром"}),
    ("США ввели санкции против нескольких компаний из Казахстана.", "sanctions", {"США", "Казахстан"}),
    ("Казахстан объявил о запрете экспорта 106 товаров в Россию.", "ban", {"Казахстан", "Россия"}),
    ("Казахстан и Великобритания договорились о военном обучении.", "military-cooperation", {"Казахстан", "Великобритания"}),
    ("Канадская компания Northwind Lithium инвестировала 40 миллионов долларов в разведку.", "investment", {"Northwind Lithium"}),
])
def test_deal_needs_a_transaction(ctx, text, kind, parties):
    (deal,) = [c for c in _records(ctx, text) if c.record_type == "deal"]
    assert deal.data["kind"] == kind
    assert set(deal.data["parties"]) >= parties


@pytest.mark.parametrize("text", [
    "Количество подписанных соглашений выглядит внушающим.",
    "Казахстан и Россия — соучредители ЕАЭС, которые рискуют стать организациями на бумаге.",
    "Россия зависит от Казахстана больше, чем Казахстан от России.",
])
def test_talk_about_deals_is_not_a_deal(ctx, text):
    assert not [c for c in _records(ctx, text) if c.record_type == "deal"]


def test_unknown_companies_make_a_deal_with_their_home_countries(ctx):
    text = "Бразильская компания Verde Agro подписала контракт с норвежской фирмой Fjord Metals на 12 млн долларов."
    (deal,) = [c for c in _records(ctx, text) if c.record_type == "deal"]
    assert set(deal.data["parties"]) == {"Verde Agro", "Fjord Metals"}
    assert set(deal.data["party_countries"]) == {"BRA", "NOR"}
    assert _evidence(deal, "value") and "12000000.0" in _evidence(deal, "value")[0]


def test_several_plants_named_together_are_several_projects_with_a_group_cost(ctx):
    text = ("Три угольные ТЭЦ в Кокшетау, Семее и Усть-Каменогорске не будут построены в срок.\n"
            "Речь идёт о трёх ТЭЦ общей стоимостью почти $3 млрд. ТЭЦ в Кокшетау должна была дать 240 МВт. "
            "Семей и Усть-Каменогорск — по 360 МВт.")
    projects = {c.data["place"]: c for c in _records(ctx, text) if c.record_type == "project"}
    assert set(projects) == {"Кокшетау", "Семей", "Усть-Каменогорск"}
    assert _evidence(projects["Кокшетау"], "capacity") == ["(240.0, 'MW')"]
    assert _evidence(projects["Семей"], "capacity") == ["(360.0, 'MW')"]
    assert _evidence(projects["Усть-Каменогорск"], "capacity") == ["(360.0, 'MW')"]
    for claim in projects.values():
        assert claim.data["subsector"] == "coal-power"
        assert "shelved" in _evidence(claim, "status")
        assert _evidence(claim, "cost") == []  # the total is the group's, not each plant's
        assert _evidence(claim, "group_cost")


# --- the seeds ------------------------------------------------------------------------------

def test_ulken_nuclear_plant(seed_table):
    projects = seed_table("projects").set_index("project_id")
    ulken = projects.loc["nuclear-ulken"]
    assert ulken.subsector == "nuclear" and ulken.country_iso3 == "KAZ"
    assert "Китайская национальная ядерная корпорация" in list(ulken.partners)
    assert "CHN" in list(ulken.partner_countries)
    assert (ulken.capacity_value, ulken.capacity_unit) == (2.4, "GW")
    assert (ulken.cost_amount, ulken.cost_currency) == (5.47e9, "USD")
    assert ulken.target_year == 2035
    assert ulken.status == "agreed"
    assert ulken.geometry is not None


def test_three_coal_chps_stalled_with_the_russian_investor(seed_table):
    projects = seed_table("projects").set_index("project_id")
    chps = projects[projects.subsector == "coal-power"]
    assert set(chps.place) == {"Кокшетау", "Семей", "Усть-Каменогорск"}
    assert dict(zip(chps.place, chps.capacity_value)) == {"Кокшетау": 240, "Семей": 360, "Усть-Каменогорск": 360}
    assert set(chps.status) == {"shelved"}
    for partners, countries in zip(chps.partners, chps.partner_countries):
        assert "Интер РАО" in list(partners) and "RUS" in list(countries)
    assert chps.cost_amount.isna().all()
    assert chps.group_id.nunique() == 1
    evidence = seed_table("evidence")
    group = evidence[(evidence.record_type == "project_group") & (evidence.record_id == chps.group_id.iloc[0])]
    assert list(group.field) == ["cost"] and "3 000 000 000 USD" in group.value.iloc[0]


def test_shubarkol_telf_coal_deal(seed_table):
    deals = seed_table("deals")
    deal = deals[deals.parties.apply(lambda p: "Telf AG" in p and "Шубарколь комир" in p)].iloc[0]
    assert (deal.value_amount, deal.value_currency, deal.value_qualifier) == (32.2e9, "KZT", "более")
    assert deal.value_usd > 0
    assert deal.date == "2025-05-23"
    assert set(deal.party_countries) == {"KAZ", "CHE"}


def test_canadian_copper_and_lithium_exploration(seed_table):
    projects = seed_table("projects").set_index("project_id")
    copper = projects[projects.subsector == "copper"].iloc[0]
    assert copper.status == "exploration" and "Ivanhoe Mines" in list(copper.partners)
    assert "CAN" in list(copper.partner_countries)
    lithium = projects[projects.subsector == "lithium"]
    assert "Колкудук" in set(lithium.place)
    assert any("Condor Energies" in list(p) for p in lithium.partners)
    deals = seed_table("deals")
    investments = deals[(deals.kind == "investment") & deals.parties.apply(lambda p: "Ivanhoe Mines" in p)]
    assert sorted(investments.value_amount) == [18.7e6, 115e6]
    assert set(investments.project_id) == {copper.name}


def test_grey_route_blocked_and_power_of_siberia_2_through_mongolia(seed_table):
    routes = seed_table("routes").set_index("route_id")
    assert routes.loc["grey_route", "status"] in ("blocked", "disrupted")
    assert list(routes.loc["grey_route", "countries"]) == ["CHN", "KAZ", "RUS"]
    assert "MNG" in list(routes.loc["power_of_siberia_2", "countries"])
    assert routes.loc["power_of_siberia_2", "mode"] == "pipeline"


def test_russia_kazakhstan_trade_target(seed_table):
    deals = seed_table("deals")
    target = deals[deals.kind == "trade-target"].iloc[0]
    assert set(target.party_countries) == {"KAZ", "RUS"}
    assert (target.value_amount, target.value_currency) == (30e9, "USD")


def test_every_record_has_evidence_with_quotes_from_its_article(seed_table):
    evidence, articles = seed_table("evidence"), seed_table("articles").set_index("article_id")
    for table, key in (("routes", "route_id"), ("projects", "project_id"), ("deals", "deal_id")):
        ids = set(seed_table(table)[key])
        assert ids <= set(evidence.record_id), table
    for _, row in evidence.iterrows():
        text = articles.loc[row.article_id, "text"]
        assert row.quote in text
        assert 0 <= row.start < row.end <= len(text)


# --- edit the seeds: the tables follow the text ---------------------------------------------

EDITS = [
    ("Стоимость проекта — $5,47 млрд.", "Стоимость проекта — $6,2 млрд."),
    ("суммарной мощностью 2,4 ГВт", "суммарной мощностью 2,8 ГВт"),
    ("К 2035 году в эксплуатацию", "К 2036 году в эксплуатацию"),
    ("Официальная сумма сделки превышает 32,2 млрд тенге", "Официальная сумма сделки превышает 41,5 млрд тенге"),
    ("сделки с Telf AG, швейцарской компанией", "сделки с Aurum Trade AG, швейцарской компанией"),
    ("ТЭЦ в Кокшетау должна была обеспечить 240 МВт", "ТЭЦ в Кокшетау должна была обеспечить 275 МВт"),
    ("скорее всего, не будут построены в заявленные сроки", "скорее всего, будут заморожены"),
]


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edited") / "seeds"
    shutil.copytree(SEEDS, folder)
    dump = folder / DUMP
    text = dump.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new)
    dump.write_text(text, encoding="utf-8")
    out = folder.parent / "warehouse"
    build([folder], out)
    return lambda name: pd.read_parquet(out / f"{name}.parquet")


def test_tables_follow_edited_figures(edited):
    projects = edited("projects").set_index("project_id")
    ulken = projects.loc["nuclear-ulken"]
    assert ulken.cost_amount == pytest.approx(6.2e9)
    assert ulken.capacity_value == pytest.approx(2.8)
    assert ulken.target_year == 2036
    assert projects.loc["coal-power-kokshetau", "capacity_value"] == 275


def test_tables_follow_edited_company_and_value(edited):
    deals = edited("deals")
    deal = deals[deals.parties.apply(lambda p: "Шубарколь комир" in p)].iloc[0]
    assert "Aurum Trade AG" in list(deal.parties) and "Telf AG" not in list(deal.parties)
    assert deal.value_amount == pytest.approx(41.5e9)


def test_tables_follow_edited_status_verb(edited):
    projects = edited("projects")
    assert set(projects[projects.subsector == "coal-power"].status) == {"shelved"}
    evidence = edited("evidence")
    quotes = evidence[(evidence.field == "status") & (evidence.value == "shelved")].quote
    assert quotes.str.contains("будут заморожены").any()


def test_conflicting_claims_stay_side_by_side(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(" date 2025-05-01 CNNC подписала соглашение о строительстве АЭС в посёлке Улкен. "
                                  "Мощность станции составит 2,4 ГВт.", encoding="utf-8")
    (inputs / "b.txt").write_text(" date 2025-06-01 Росатом построит АЭС в посёлке Улкен. "
                                  "Мощность станции составит 2,8 ГВт.", encoding="utf-8")
    out = tmp_path / "warehouse"
    build([inputs], out, engine="serial")
    project = pd.read_parquet(out / "projects.parquet").set_index("project_id").loc["nuclear-ulken"]
    assert project.capacity_value == pytest.approx(2.8)  # the later article's claim is shown
    assert "capacity" in list(project.conflicts)
    assert project.n_articles == 2
    evidence = pd.read_parquet(out / "evidence.parquet")
    capacity = evidence[(evidence.record_id == "nuclear-ulken") & (evidence.field == "capacity")]
    assert sorted(capacity.value) == ["(2.4, 'GW')", "(2.8, 'GW')"]
    assert capacity.set_index("value").shown.to_dict() == {"(2.4, 'GW')": False, "(2.8, 'GW')": True}


def test_two_articles_with_undated_bans_of_one_state_are_two_deals(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Казахстан продлил запрет на вывоз сжиженного газа на шесть месяцев.", encoding="utf-8")
    (inputs / "b.txt").write_text("Казахстан ввёл запрет на ввоз пшеницы автомобильным транспортом.", encoding="utf-8")
    out = tmp_path / "warehouse"
    build([inputs], out, engine="serial")
    deals = pd.read_parquet(out / "deals.parquet")
    assert list(deals.kind) == ["ban", "ban"] and deals.article_id.nunique() == 2


def test_seed_articles_name_the_countries_they_discuss(seed_table):
    mentions, articles = seed_table("mentions"), seed_table("articles")
    countries = mentions[mentions.kind == "country"].groupby("article_id").entity_id.agg(set)
    by_title = dict(zip(articles.title, articles.article_id))
    expect = {
        "Канадцы идут в казахстанскую недру": {"KAZ", "CAN"},
        "Казахстан и Великобритания договорились о военном обучении": {"KAZ", "GBR"},
        "«Шубарколь комир» подпишет угольную сделку": {"KAZ", "CHE", "RUS"},
        "Казахстан выбирает Китай для строительства АЭС": {"KAZ", "CHN", "RUS"},
        "Казахстан между Баку и Кремлём": {"KAZ", "AZE", "RUS"},
    }
    for prefix, iso3s in expect.items():
        article_id = next(a for t, a in by_title.items() if isinstance(t, str) and t.startswith(prefix))
        assert iso3s <= countries[article_id], prefix
    # Through metonyms alone: the grey-route article's "Кремль" is Russia.
    grey = articles[articles.source_file.str.endswith("000_487158278e1ea073.txt")].article_id.iloc[0]
    kremlin = mentions[(mentions.article_id == grey) & mentions.surface.str.startswith("Кремл")]
    assert set(kremlin.entity_id) == {"RUS"}


def test_the_west_and_europe_are_not_countries_in_the_seeds(seed_table):
    mentions = seed_table("mentions")
    west = mentions[mentions.surface.str.match(r"^(Запад|Европ)")]
    assert len(west) > 0 and set(west.kind) == {"place"}


@pytest.mark.parametrize("text, published, date", [
    ("Вчера Казахстан и Китай подписали соглашение о транзите.", "2025-06-18", "2025-06-17"),
    ("Сегодня Казахстан и Китай подписали соглашение о транзите.", "2025-06-18", "2025-06-18"),
    ("23 мая Казахстан и Китай подписали соглашение о транзите.", "2025-06-18", "2025-05-23"),
    ("23 декабря Казахстан и Китай подписали соглашение о транзите.", "2025-06-18", "2024-12-23"),
    ("В июле 2024 года Казахстан и Китай подписали соглашение о транзите.", "2025-06-18", "2024-07"),
])
def test_deal_dates_explicit_or_relative_to_the_article(ctx, text, published, date):
    import datetime as dt

    (deal,) = [c for c in _records(ctx, text, dt.date.fromisoformat(published)) if c.record_type == "deal"]
    assert _evidence(deal, "date") == [date]


def test_the_banned_in_russia_formula_is_not_a_ban(ctx):
    text = "Их подозревают в причастности к запрещённой в России террористической группировке."
    assert not [c for c in _records(ctx, text) if c.record_type == "deal"]


def test_alternatives_through_several_countries_are_separate_routes(seed_table):
    routes = seed_table("routes").set_index("route_id")
    for via in ("ARM", "MNG", "IRN"):
        route = routes.loc[f"flow-chn-{via.lower()}-rus"]
        assert list(route.countries) == ["CHN", via, "RUS"] and route.status == "planned"


def test_route_through_a_list_of_countries_and_a_sea(ctx):
    text = "Контейнерный поезд из Китая через Казахстан, Каспийское море и Азербайджан прибыл в Грузию."
    routes = [c for c in _records(ctx, text) if c.record_type == "route"]
    assert [r.data["countries"] for r in routes] == [["CHN", "KAZ", "AZE", "GEO"]]
    assert _evidence(routes[0], "mode") == ["rail"]


@pytest.mark.parametrize("text, key", [
    ("Masdar построит ветровую электростанцию мощностью 1 ГВт в Жамбылской области.", "wind:"),
    ("Россия построит космодром в посёлке Улкен.", "space:ulken"),
])
def test_more_kinds_of_sites(ctx, text, key):
    projects = [c for c in _records(ctx, text) if c.record_type == "project"]
    assert len(projects) == 1 and projects[0].key.startswith(key)


def test_place_where_a_deal_was_signed_is_not_the_plant_site(ctx):
    text = "Вчера в Астане стороны подписали меморандум о строительстве завода по производству ядерного топлива."
    assert not [c for c in _records(ctx, text) if c.record_type == "project" and c.data.get("place") == "Астана"]

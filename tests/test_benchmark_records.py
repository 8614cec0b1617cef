"""The record benchmarks' matching and scoring (benchmarks/records_eval.py, benchmarks/factru_deals.py) on
small invented records and tables; no corpus, no evaluation file, no build."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import ROOT


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


records_eval = _load("benchmark_records_eval", "records_eval.py")
factru = _load("benchmark_factru_deals", "factru_deals.py")
from benchmarks import textmatch  # noqa: E402

STATES = {"казахстан": "KAZ", "китай": "CHN", "узбекистан": "UZB"}


# --- names ----------------------------------------------------------------------------------------------

def test_stems_fold_case_and_yo_and_drop_generic_words():
    assert {"зелен", "бор"} <= textmatch.stems("Посёлок Зелёный Бор")  # посёлок generic, "бор" kept (3 letters)
    assert textmatch.stems("в посёлке Ли") == set()  # words under three letters do not count
    assert textmatch.stems("Жамбылская область") == {"жамбы"}
    assert textmatch.stems("ТОО «Сарыарка Энерджи» LLC") == {"сарыа", "энерд"}
    assert textmatch.stems("Нурекская ГЭС") & textmatch.stems("Рогунская ГЭС") == set()
    assert textmatch.stems("Рогунской ГЭС") == textmatch.stems("Рогунская ГЭС")
    assert textmatch.stems("строительство станции мощностью 50 МВт") == set()
    assert textmatch.stems("строительство", significant=False) == {"строи"}


def test_generic_prefixes_spare_names_that_merely_start_alike():
    # "транспортный" is generic, "Транскаспийский" is not; "Шахтинск" is a town, "шахта" a kind of site
    assert textmatch.stems("Транскаспийский международный транспортный маршрут") == {"транс"}
    assert textmatch.stems("шахта Шахтинская") == {"шахти"}
    assert {"кокше", "семей"} <= textmatch.stems(["Кокшетау", None, ["Семей"]])


# --- projects -------------------------------------------------------------------------------------------

GOLD_PLANT = {"name": "Тасбулакская ВЭС", "sector": "energy", "subsector": "wind", "place": "Тасбулак",
              "region": "Акмолинская область", "country": "KAZ"}


def test_project_needs_equal_sector_and_common_stems():
    pred = {"name_ru": "ветровая электростанция (Тасбулак)", "place": "Тасбулак", "sector": "energy",
            "subsector": "wind", "country_iso3": "KAZ"}
    assert records_eval.project_score(GOLD_PLANT, pred) == 2  # "тасбу" + equal subsector
    assert records_eval.project_score(GOLD_PLANT, {**pred, "subsector": "solar"}) == 1
    assert records_eval.project_score(GOLD_PLANT, {**pred, "sector": "mining"}) is None
    other = {**pred, "name_ru": "ветровая электростанция (Каратал)", "place": "Каратал"}
    assert records_eval.project_score(GOLD_PLANT, other) is None


def test_project_without_name_stems_falls_back_to_subsector_and_country():
    gold = {"name": "ВЭС мощностью 40 МВт", "sector": "energy", "subsector": "wind", "place": None,
            "region": None, "country": "KAZ"}
    pred = {"name_ru": "ветровая электростанция (Каратал)", "place": "Каратал", "sector": "energy",
            "subsector": "wind", "country_iso3": "KAZ"}
    assert records_eval.project_score(gold, pred) == 1
    assert records_eval.project_score(gold, {**pred, "country_iso3": "UZB"}) is None
    assert records_eval.project_score(gold, {**pred, "subsector": "solar"}) is None
    # both sides named, nothing in common: no fallback
    assert records_eval.project_score(GOLD_PLANT, {**pred, "name_ru": "ВЭС (Каратал)"}) is None


def test_greedy_matching_is_one_to_one_best_score_first():
    gold = [{"name": "Каратальская ВЭС", "sector": "energy", "subsector": "wind", "country": "KAZ"},
            {"name": "Каратальская СЭС Нуржол", "sector": "energy", "subsector": "solar", "country": "KAZ"}]
    pred = [{"name_ru": "СЭС (Каратал, Нуржол)", "sector": "energy", "subsector": "solar", "country_iso3": "KAZ"},
            {"name_ru": "ВЭС (Каратал)", "sector": "energy", "subsector": "wind", "country_iso3": "KAZ"},
            {"name_ru": "ВЭС (Каратал)", "sector": "energy", "subsector": "wind", "country_iso3": "KAZ"}]
    assert records_eval.greedy_match(gold, pred, records_eval.project_score) == [(0, 1), (1, 0)]
    assert records_eval.greedy_match(gold, [], records_eval.project_score) == []
    assert records_eval.greedy_match([], pred, records_eval.project_score) == []


# --- deals ----------------------------------------------------------------------------------------------

GOLD_DEAL = {"kind": "loan", "parties": ["Банк Бирлик", "Казахстан"], "party_countries": ["KAZ"],
             "value": {"amount": 120, "scale": 1e6, "currency": "USD"}, "date": "2023-04",
             "quote": "Банк Бирлик выделит Казахстану кредит на 120 млн долларов"}


def test_deal_matches_on_the_quote_in_its_sentence():
    pred = {"kind": "investment", "parties": [], "party_countries": [],
            "sentence": "Как сообщается, «Банк Бирлик» выделит Казахстану кредит на 120 млн долларов до 2030 года."}
    assert records_eval.deal_score(GOLD_DEAL, pred, STATES) == 3  # quote, no party, other kind
    assert records_eval.quote_matches("выделит Казахстану кредит", pred["sentence"])
    # 60 % of the quote's stems are enough, fewer are not
    assert records_eval.quote_matches("Бирлик выделит Казахстану заём на 120 млн долларов", pred["sentence"])
    assert not records_eval.quote_matches("Бирлик подписал договор займа с фондом", pred["sentence"])
    assert not records_eval.quote_matches(None, pred["sentence"])


def test_deal_matches_on_a_party_only_with_the_same_kind():
    pred = {"kind": "loan", "parties": ["Банка Бирлик"], "party_countries": [], "sentence": "Другая фраза."}
    assert records_eval.deal_score(GOLD_DEAL, pred, STATES) == 2  # one party + kind
    assert records_eval.deal_score(GOLD_DEAL, {**pred, "kind": "investment"}, STATES) is None
    # a gold party that is a state is matched through the predicted party countries
    by_country = {"kind": "loan", "parties": ["Минфин"], "party_countries": ["KAZ"], "sentence": "Другая фраза."}
    assert records_eval.party_matches("Казахстан", by_country, STATES)
    assert not records_eval.party_matches("Узбекистан", by_country, STATES)
    assert not records_eval.party_matches("Банк Бирлик", by_country, STATES)
    assert records_eval.deal_score(GOLD_DEAL, by_country, STATES) == 2


def test_deal_attributes():
    pred = {"kind": "loan", "parties": ["Банк Бирлик"], "party_countries": ["KAZ"], "value_amount": 1.21e8,
            "value_currency": "USD", "value_usd": 1.21e8, "date": "2023-04-12", "sentence": "…"}
    checks = records_eval.attributes("deals", GOLD_DEAL, pred, STATES)
    assert {k: v[0] for k, v in checks.items()} == {"kind": True, "parties": True, "value": True, "date": True}
    wrong = records_eval.attributes("deals", GOLD_DEAL, {**pred, "value_amount": 1.3e8, "value_usd": 1.3e8,
                                                         "date": "2022", "parties": ["Минфин"],
                                                         "party_countries": []}, STATES)
    assert {k: v[0] for k, v in wrong.items()} == {"kind": True, "parties": False, "value": False, "date": False}
    # the value in another currency is right through its USD figure when the gold is in USD
    in_tenge = {**pred, "value_amount": 6e10, "value_currency": "KZT", "value_usd": 1.19e8}
    assert records_eval.attributes("deals", GOLD_DEAL, in_tenge, STATES)["value"][0]
    # a date written shorter than the gold's is right when the gold starts with it
    assert records_eval.attributes("deals", GOLD_DEAL, {**pred, "date": "2023"}, STATES)["date"][0]
    # gold without value or date: those fields are not checked
    bare = records_eval.attributes("deals", {**GOLD_DEAL, "value": None, "date": None}, pred, STATES)
    assert set(bare) == {"kind", "parties"}


# --- routes ---------------------------------------------------------------------------------------------

GOLD_ROUTE = {"name": None, "mode": "rail", "places": ["Китай", "Достык", "Казахстан"],
              "countries": ["CHN", "KAZ"], "status": "operating"}


def test_route_matches_on_two_countries_or_a_stem():
    assert records_eval.route_score(GOLD_ROUTE, {"name_ru": "Китай → Казахстан", "mode": "rail",
                                                 "countries": ["CHN", "KAZ"]}) == 2 + 2 + 1
    assert records_eval.route_score(GOLD_ROUTE, {"name_ru": "направление", "mode": "road",
                                                 "countries": ["KAZ", "CHN", "RUS"]}) == 2
    assert records_eval.route_score(GOLD_ROUTE, {"name_ru": "Достык → Россия", "mode": "rail",
                                                 "countries": ["KAZ", "RUS"]}) == 1 + 1 + 1
    assert records_eval.route_score(GOLD_ROUTE, {"name_ru": "Север – Юг", "mode": "rail",
                                                 "countries": ["RUS", "KAZ", "IRN"]}) is None


def test_route_attributes():
    pred = {"name_ru": "Китай → Казахстан", "mode": "rail", "status": None, "countries": ["KAZ", "CHN"]}
    checks = records_eval.attributes("routes", GOLD_ROUTE, pred, STATES)
    assert {k: v[0] for k, v in checks.items()} == {"mode": True, "status": False, "countries": True}
    assert not records_eval.attributes("routes", GOLD_ROUTE, {**pred, "countries": ["CHN", "KAZ", "RUS"]},
                                       STATES)["countries"][0]


# --- project attributes ---------------------------------------------------------------------------------

def test_project_attributes_convert_units_and_compare_money():
    gold = {**GOLD_PLANT, "status": "construction", "capacity_mw": 1000,
            "cost": {"amount": 1.2, "scale": 1e9, "currency": "USD"}, "target_year": 2027,
            "partners": ["Сарыарка Энерджи", "Гоби Пауэр"]}
    pred = {"name_ru": "ВЭС (Тасбулак)", "sector": "energy", "subsector": "wind", "country_iso3": "KAZ",
            "status": "construction", "capacity_value": 1.01, "capacity_unit": "GW", "cost_amount": 1.23e9,
            "cost_currency": "USD", "cost_usd": 1.23e9, "target_year": 2027.0,
            "partners": ["ТОО Сарыарка Энерджи", "Минэнерго"]}
    checks = records_eval.attributes("projects", gold, pred, STATES)
    assert all(right for right, _, _ in checks.values()), checks
    assert set(checks) == set(records_eval.FIELDS["projects"])
    worse = {**pred, "capacity_value": 1.05, "cost_amount": 1.3e9, "cost_usd": 1.3e9, "target_year": None,
             "partners": ["Минэнерго"], "status": None}
    checks = records_eval.attributes("projects", gold, worse, STATES)
    assert {k for k, v in checks.items() if not v[0]} == {"capacity_mw", "cost", "target_year", "partners", "status"}
    # capacity in a unit that is not power, and cost in the wrong currency, are wrong
    assert not records_eval.attributes("projects", gold, {**pred, "capacity_unit": "Gcal/h"}, STATES)["capacity_mw"][0]
    assert not records_eval.attributes("projects", {**gold, "cost": {"amount": 1.2, "scale": 1e9, "currency": "EUR"}},
                                       pred, STATES)["cost"][0]
    # kilowatts; a gold record without partners or capacity does not check them
    small = records_eval.attributes("projects", {**gold, "capacity_mw": 0.5, "partners": []},
                                    {**pred, "capacity_value": 500, "capacity_unit": "kW"}, STATES)
    assert small["capacity_mw"][0] and "partners" not in small


# --- whole articles through tiny warehouse tables ---------------------------------------------------------

def _write_warehouse(folder):
    folder.mkdir()
    pd.DataFrame({"article_id": ["a1", "a2"], "source_file": ["/tmp/in/x01.txt", "in/x02.txt"]}).to_parquet(
        folder / "articles.parquet")
    pd.DataFrame({"source_file": ["in/x03.txt"], "reason": ["duplicate"],
                  "detail": ["same text as article a2 from in/x02.txt"], "source_item": [None]}).to_parquet(
        folder / "rejects.parquet")
    pd.DataFrame([
        {"project_id": "p1", "name_ru": "ВЭС (Тасбулак)", "sector": "energy", "subsector": "wind", "place": "Тасбулак",
         "country_iso3": "KAZ", "partners": [], "capacity_value": 50.0, "capacity_unit": "MW", "cost_amount": None,
         "cost_currency": None, "cost_usd": None, "target_year": None, "status": "construction",
         "article_ids": ["a1", "a2"]},
        {"project_id": "p2", "name_ru": "рудник (Кенсай)", "sector": "mining", "subsector": "gold", "place": "Кенсай",
         "country_iso3": "KAZ", "partners": [], "capacity_value": None, "capacity_unit": None, "cost_amount": None,
         "cost_currency": None, "cost_usd": None, "target_year": None, "status": None, "article_ids": ["a1"]},
    ]).to_parquet(folder / "projects.parquet")
    pd.DataFrame([
        {"deal_id": "d1", "kind": "loan", "parties": ["Банк Бирлик"], "party_countries": ["KAZ"], "value_amount": None,
         "value_currency": None, "value_usd": None, "date": None, "article_id": "a2",
         "sentence": "Банк Бирлик выделит Казахстану кредит на 120 млн долларов."},
    ]).to_parquet(folder / "deals.parquet")
    pd.DataFrame([
        {"route_id": "r1", "name_ru": "Китай → Казахстан", "mode": "rail", "status": "operating",
         "countries": ["CHN", "KAZ"], "article_ids": ["a1"]},
    ]).to_parquet(folder / "routes.parquet")


def test_predictions_are_read_per_gold_article_and_scored(tmp_path):
    _write_warehouse(tmp_path / "wh")
    gold = {
        "x01": {"projects": [{**GOLD_PLANT, "capacity_mw": 50, "status": "operating"}], "deals": [],
                "routes": [GOLD_ROUTE]},
        "x02": {"projects": [], "deals": [GOLD_DEAL], "routes": []},
        "x03": {"projects": [], "deals": [GOLD_DEAL], "routes": []},  # a copy of x02's text
        "x04": {"projects": [], "deals": [], "routes": [GOLD_ROUTE]},  # not in the warehouse
    }
    predicted, unread = records_eval.read_predictions(tmp_path / "wh", gold)
    assert unread == ["x04"]
    assert [p["project_id"] for p in predicted["x01"]["projects"]] == ["p1", "p2"]
    assert [p["project_id"] for p in predicted["x02"]["projects"]] == ["p1"]
    assert [d["deal_id"] for d in predicted["x03"]["deals"]] == ["d1"]
    assert isinstance(predicted["x01"]["routes"][0]["countries"], list)

    counts, reports = records_eval.evaluate(gold, predicted, STATES)
    fig = records_eval.figures(counts)
    # p1 is predicted for x01, x02 and x03 (x03's text is x02's), p2 for x01
    assert fig["records"]["projects"] == {"gold": 1, "predicted": 4, "matched": 1, "precision": 0.25,
                                          "recall": 1.0, "f1": 0.4}
    assert fig["records"]["deals"]["matched"] == 2 and fig["records"]["deals"]["predicted"] == 2
    assert fig["records"]["routes"]["gold"] == 2 and fig["records"]["routes"]["matched"] == 1
    assert fig["attributes"]["projects"]["capacity_mw"] == {"right": 1, "checked": 1, "share": 1.0}
    assert fig["attributes"]["projects"]["status"]["right"] == 0
    assert fig["attributes"]["deals"]["value"] == {"right": 0, "checked": 2, "share": 0.0}
    right, checked = records_eval.overall(counts)
    assert fig["attributes"]["all"] == {"right": right, "checked": checked, "share": right / checked}
    assert any("рудник (Кенсай)" in fp for fp in reports["x01"].false_positives)
    assert any("ВЭС (Тасбулак)" in fp for fp in reports["x02"].false_positives)
    assert reports["x04"].misses and "route" in reports["x04"].misses[0]
    assert any("status: gold 'operating', predicted 'construction'" in w for w in reports["x01"].wrong)

    text = records_eval.format_details(reports, "current")
    assert "== x01" in text and "false positives" in text and "missed" in text
    lines = records_eval.format_report([("current", fig), ("abc123", fig)], {"current": 1.0, "abc123": 2.0})
    assert lines[0] == "Builds: current 1.0 s, abc123 2.0 s"
    assert any(line.startswith("all       overall") for line in lines)
    json.dumps(fig)  # figures are plain JSON


def test_gold_files_without_article_or_unfinished_are_left_out(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "x01.txt").write_text("Текст.", encoding="utf-8")
    (tmp_path / "articles" / "x02.txt").write_text("Текст два.", encoding="utf-8")
    (tmp_path / "gold" / "x01.json").write_text(json.dumps({"id": "x01", "projects": [GOLD_PLANT]}), encoding="utf-8")
    (tmp_path / "gold" / "x02.json").write_text('{"id": "x02", "projects": [', encoding="utf-8")
    (tmp_path / "gold" / "x09.json").write_text("{}", encoding="utf-8")
    gold, notes = records_eval.read_gold(tmp_path)
    assert list(gold) == ["x01"] and gold["x01"]["deals"] == [] and len(gold["x01"]["projects"]) == 1
    assert len(notes) == 2 and any("x02.json" in n for n in notes) and any("x09.json" in n for n in notes)


def test_country_names_come_from_the_gazetteer():
    names = records_eval.country_names()
    assert names["казахстан"] == "KAZ" and names["республика казахстан"] == "KAZ"
    assert records_eval.state_iso3("Китай", names) == "CHN"
    assert records_eval.state_iso3("Банк Бирлик", names) is None


# --- factRuEval deals -----------------------------------------------------------------------------------

COUNTRIES = {"Россия": "RUS", "КНР": "CHN", "Китай": "CHN"}.get


def test_participant_names_match_parties_loosely():
    assert factru.name_matches("Ёлкин Банк", "ёлкин банк")
    assert factru.name_matches("Bank of East Asia", "американское отделение Bank of East Asia")
    assert factru.name_matches("администрация Кремля", "Кремль")  # the stem "кремл"
    assert factru.name_matches("Газпром", "Газпрома")
    assert not factru.name_matches("HP", "HPE")  # containment is by whole words
    assert not factru.name_matches("администрация Кремля", "администрация Екатеринбурга")  # generic word only
    assert factru.name_matches("Китай", "Китая")  # one name in two cases
    assert not factru.name_matches("", "Газпром")


def test_fact_found_needs_two_participants_in_one_record():
    fact = {"type": "купля/продажа", "participants": [["Орион Софт", "Orion"], ["Полюс Дата"], ["КНР", "Китай"]]}
    one = {"kind": "acquisition", "parties": ["Orion"], "party_countries": []}
    other = {"kind": "acquisition", "parties": ["Полюс Дата"], "party_countries": []}
    assert not factru.fact_found(fact, [one, other], COUNTRIES)
    both = {"kind": "acquisition", "parties": ["компания Орион Софт", "Полюсом Дата"], "party_countries": []}
    assert factru.fact_found(fact, [one, both], COUNTRIES)
    by_country = {"kind": "investment", "parties": ["Orion"], "party_countries": ["CHN", "USA"]}
    assert factru.named_count(fact, by_country, COUNTRIES) == 2
    assert factru.fact_found(fact, [by_country], COUNTRIES)
    single = {"type": "инвестиции", "participants": [["Полюс Дата"]]}
    assert factru.fact_found(single, [other], COUNTRIES)
    assert not factru.fact_found(single, [one], COUNTRIES)
    assert not factru.fact_found({"type": "инвестиции", "participants": []}, [one], COUNTRIES)


def test_each_participant_is_named_by_a_different_party():
    country_of = {"Белоруссия": "BLR", "Россия": "RUS"}.get
    fact = {"type": "займ", "participants": [["Газпром"], ["правительство Белоруссии"], ["Белоруссия"]]}
    only_belarus = {"kind": "sanctions", "parties": ["Белоруссия"], "party_countries": ["BLR"]}
    assert factru.participant_named(["правительство Белоруссии"], only_belarus, country_of)
    assert factru.participant_named(["Белоруссия"], only_belarus, country_of)
    assert factru.named_count(fact, only_belarus, country_of) == 1  # one party cannot stand for two
    assert not factru.fact_found(fact, [only_belarus], country_of)
    loan = {"kind": "loan", "parties": ["Газпрома", "Белоруссия"], "party_countries": ["RUS", "BLR"]}
    assert factru.named_count(fact, loan, country_of) == 2
    # a party country no party stands for is one more name
    assert factru.named_count({"participants": [["Россия"], ["Белоруссия"]]},
                              {"parties": ["Белоруссия"], "party_countries": ["BLR", "RUS"]}, country_of) == 2


def test_factru_evaluation_counts_per_document(tmp_path):
    folder = tmp_path / "wh"
    folder.mkdir()
    pd.DataFrame({"article_id": ["a1", "a2"], "source_file": ["t/doc_1.txt", "t/doc_2.txt"]}).to_parquet(
        folder / "articles.parquet")
    pd.DataFrame([
        {"deal_id": "d1", "kind": "acquisition", "parties": ["Орион Софт", "Полюс Дата"], "party_countries": [],
         "article_id": "a1", "sentence": "Орион Софт купил Полюс Дата."},
        {"deal_id": "d2", "kind": "ban", "parties": ["Россия"], "party_countries": ["RUS"], "article_id": "a1",
         "sentence": "Россия запретила ввоз."},
        {"deal_id": "d3", "kind": "loan", "parties": ["Газпром"], "party_countries": ["RUS"], "article_id": "a2",
         "sentence": "Газпром взял кредит."},
    ]).to_parquet(folder / "deals.parquet")
    docs = [
        {"id": "doc_1", "text": "…", "deals": [{"type": "купля/продажа", "participants": [["Орион Софт"], ["Полюс Дата"]]}]},
        {"id": "doc_2", "text": "…", "deals": [{"type": "займ", "participants": [["Газпром"], ["Россия"]]},
                                             {"type": "займ", "participants": [["ВТБ"], ["Россия"]]}]},
        {"id": "doc_3", "text": "…", "deals": []},
    ]
    deals = factru.read_deals(folder)
    result = factru.evaluate(docs, deals, COUNTRIES)
    assert (result["found"], result["facts"], result["records"], result["documents"]) == (2, 3, 3, 3)
    assert result["documents_with_records"] == 2
    assert result["kinds"] == {"acquisition": 1, "ban": 1, "loan": 1}
    assert result["by_type"] == {"купля/продажа": [1, 1], "займ": [1, 2]}
    missed = [row for row in result["rows"] if not row["found"]]
    assert len(missed) == 1 and missed[0]["closest"][0][0] == 1  # the loan names Russia only
    lines = factru.format_report([("current", result)], {"current": 3.0})
    assert any("2/3 0.667" in line for line in lines)
    details = factru.format_details([("current", result)])
    assert "missed doc_2" in details and "FOUND  doc_1" in details


def test_texts_are_written_one_file_per_document(tmp_path):
    factru.write_texts([{"id": "doc_1", "text": "Один."}, {"id": "doc_2", "text": "Два."}], tmp_path / "t")
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["doc_1.txt", "doc_2.txt"]


# --- the scripts without their data -----------------------------------------------------------------------

def _run(script: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


@pytest.mark.parametrize("how", ["option", "environment"])
def test_records_eval_without_corpus_says_so_and_exits_0(tmp_path, how):
    absent = str(tmp_path / "no-corpus")
    proc = _run("records_eval.py", "--corpus", absent) if how == "option" else \
        _run("records_eval.py", env={"DEVCORPUS": absent})
    assert proc.returncode == 0, proc.stderr
    assert "Development corpus not found" in proc.stdout and absent in proc.stdout


def test_factru_deals_without_data_says_so_and_exits_0(tmp_path):
    absent = str(tmp_path / "none" / "factru_dev.jsonl")
    proc = _run("factru_deals.py", "--data", absent)
    assert proc.returncode == 0, proc.stderr
    assert "not found" in proc.stdout and absent in proc.stdout


def test_a_renamed_or_abbreviated_organisation_is_itself():
    from benchmarks import textmatch

    assert textmatch.name_stems("Казтрансгаз") & textmatch.name_stems("QazaqGaz")
    assert not textmatch.name_stems("Казатомпром") & textmatch.name_stems("QazaqGaz")


def test_a_record_told_in_several_articles_is_scored_on_each_articles_own_status():
    record = {"project_id": "hydro-x", "status": "operating", "article_ids": ["a", "b"]}
    told = {("project", "hydro-x", "a"): ["announced", "construction"], ("project", "hydro-x", "b"): ["operating"]}
    assert records_eval._as_told("projects", record, {"a"}, told)["status"] == "construction"
    assert records_eval._as_told("projects", record, {"b"}, told)["status"] == "operating"
    assert records_eval._as_told("projects", record, {"a"}, None) is record  # no evidence table: as shown
    route = {"route_id": "r", "status": "planned", "article_ids": ["a", "b"]}
    assert records_eval._as_told("routes", route, {"a"}, {("route", "r", "a"): ["planned", "disrupted"]})["status"] \
        == "disrupted"

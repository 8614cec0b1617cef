"""A record's page as data (`dashboard.dossier`), whole-word search (`dashboard.search`), and the
interface's translations: every key and vocabulary value has its Russian."""

from __future__ import annotations

import pathlib
import re

import pandas as pd
import pytest

from dashboard import data, dossier, i18n, search
from tests.dashboard_fixtures import A, XSS, synthetic_warehouse  # noqa: F401


@pytest.fixture(scope="module")
def wh(synthetic_warehouse):
    return data.open_store(data.warehouse_info(synthetic_warehouse))


def build(wh, key: str, lang: str = "en") -> dossier.Dossier:
    kind, _, record_id = key.partition(":")
    row = wh.record_row(kind, record_id)
    return dossier.build(data.record_slice(wh, kind, record_id, row), kind, record_id, row, lang, data.country_names(wh))


# ---------------------------------------------------------------- the record's page


def test_figures_come_first_readable_each_with_its_sentence_and_marked_value(wh):
    found = build(wh, "project:balkhash-npp")
    by_field = {f.field: f for f in found.figures}
    assert [f.field for f in found.figures][:4] == ["status", "capacity", "cost", "target_year"]
    assert by_field["capacity"].value_text == "2,400\u00a0MW" and by_field["cost"].value_text == "$12\u00a0bn"
    capacity = by_field["capacity"].claims[0]
    assert capacity.quote[capacity.span[0]:capacity.span[1]] == "2400 МВт"
    assert capacity.source.outlet == "Первый жүз" and capacity.source.url == "https://t.me/example/2"
    html = dossier.quote_html(capacity.quote, [(*capacity.span, "Capacity")])
    assert '<mark class="ca-val" title="Capacity">2400 МВт</mark>' in html


def test_conflicting_values_are_side_by_side_with_which_is_shown_and_why(wh):
    status = next(f for f in build(wh, "project:balkhash-npp").figures if f.field == "status")
    assert status.conflict and status.value_text == "agreed"
    shown = [c for c in status.claims if c.shown]
    assert [c.value for c in shown] == ["agreed"] and {c.value for c in status.claims} == {"agreed", "announced"}
    assert "latest article (17 June 2025)" in status.why
    ru = next(f for f in build(wh, "project:balkhash-npp", "ru").figures if f.field == "status")
    assert ru.value_text == "согласован" and "17 июня 2025" in ru.why


def test_each_distinct_sentence_once_and_the_status_over_time(wh):
    found = build(wh, "project:balkhash-npp")
    assert len(found.sentences) == len({(s.article_id, s.quote) for s in found.sentences}) == 3
    cost_sentence = next(s for s in found.sentences if s.quote.startswith("Стоимость"))
    assert {"Cost", "Capacity"} <= set(cost_sentence.fields) and len(cost_sentence.spans) == 2
    steps = sorted(found.timeline, key=lambda s: s.source.published)
    assert [(s.status, s.shown) for s in steps] == [("announced", False), ("agreed", True)]


def test_related_records_and_sources(wh):
    npp = build(wh, "project:balkhash-npp")
    assert [r.key for r in npp.related["related_deals"]] == ["deal:d-npp"]
    assert {s.article_id for s in npp.sources} == {A["npp"], A["hostile"]}
    deal = build(wh, "deal:d-copper")
    assert [r.key for r in deal.related["related_concerns"]] == ["project:aktogay-copper"]
    route = build(wh, "route:power-of-siberia-2", "ru")
    assert route.title == "Сила Сибири 2" and route.subtitle == "Power of Siberia 2"
    source = route.sources[0]
    assert source.approximate and source.date_text == "≈ 1 ноября 2024" and source.date_clue == "В начале ноября"


def test_hostile_strings_stay_text_in_a_quote(wh):
    found = build(wh, "project:hostile-plant")
    html = "".join(dossier.quote_html(s.quote, s.spans) for s in found.sentences)
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "</script>" not in html


@pytest.mark.parametrize("value, text", [
    ("(2.4, 'GW')", "2,400\u00a0MW (2.4\u00a0GW, as stated)"),
    ("(5470000000.0, 'USD', 5470000000.0)", "$5.47\u00a0bn"),
    ("(30000000000.0, 'USD', 30000000000.0, 'до')", "up to $30\u00a0bn"),
    ("(32200000000.0, 'KZT', 62890625.0, 'более')", "over 32.2\u00a0bn KZT (≈ $62.89\u00a0mn)"),
    ("почти 3 000 000 000 USD", "almost $3\u00a0bn"),
    ("(520.0, 'Gcal/h')", "520\u00a0Gcal/h"),
])
def test_evidence_values_read_as_figures(value, text):
    field = "capacity" if "W'" in value or "Gcal" in value else "cost"
    assert dossier.value_text(field, value, "en", {}) == text


def test_a_place_known_only_roughly_is_said(wh):
    row = wh.record_row("project", "aktogay-copper").copy()
    row["place_precision"] = "region"
    found = dossier.build(data.record_slice(wh, "project", "aktogay-copper", row), "project", "aktogay-copper", row,
                          "ru", data.country_names(wh))
    assert found.place_precision == "region"
    assert dict(found.facts)["Место"] == "Актогай (только регион)"


# ---------------------------------------------------------------- search


@pytest.mark.parametrize("query, text, found", [
    ("АЭС", "строительство АЭС у посёлка", True),
    ("АЭС", "страны ЕАЭС договорились", False),
    ("Улкен", "у Улкена", True),
    ("Улкен", "Улкенский район", False),
    ("газ", "цену газа", True),
    ("газ", "газопровод", False),
    ("газ*", "газопровод", True),
    ('"газ"', "цену газа", False),
    ("Сила Сибири 2", "газопровод «Сила Сибири-2» пройдёт", True),
    ("пойдет", "газопровод пойдёт через Монголию", True),
    ("сибири сила", "Сила Сибири", False),  # a phrase keeps its order
    ("", "anything", None),
])
def test_whole_word_search(query, text, found):
    compiled = search.compile_query(query)
    if found is None:
        assert compiled is None
        return
    assert bool(search.hits(text, compiled)) is found
    assert bool(search.matches(pd.Series([search.normalise(text)]), compiled)[0]) is found


def test_hits_are_offsets_into_the_original_text_and_snippets_escape():
    text = "Ещё раз: <b>АЭС</b> и снова АЭС."
    compiled = search.compile_query("аэс")
    assert [text[s:e] for s, e in search.hits(text, compiled)] == ["АЭС", "АЭС"]
    snippet = search.snippet_html(text, compiled)
    assert "&lt;b&gt;<mark class='ca-hit'>АЭС</mark>&lt;/b&gt;" in snippet


# ---------------------------------------------------------------- the whole interface in Russian


def test_every_interface_string_used_in_the_code_exists_in_both_languages():
    used = set()
    for path in pathlib.Path(dossier.__file__).parent.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-zA-Z0-9_]+)"', path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.STRINGS)
    assert not missing, missing
    untranslated = sorted(k for k, v in i18n.STRINGS.items() if not v.get("ru"))
    assert not untranslated, untranslated
    # Keys made at run time.
    for key in ("kind_route", "kind_project", "kind_deal", "gap_undated", "gap_unplaced", "gap_routes", "gap_projects",
                "gap_deals", "gap_articles", "related_deals", "related_group", "related_on_route", "related_concerns",
                "related_same_article", "related_together", "source_kind_text", "source_kind_telegram",
                "source_kind_rss", "source_kind_html", "why_same_article"):
        assert i18n.STRINGS[key].get("ru"), key


@pytest.mark.parametrize("kind", sorted(i18n.VOCABULARIES))
def test_every_vocabulary_value_has_a_russian_label(kind):
    missing = [v for v in i18n.VOCABULARIES[kind] if v not in i18n.VOCABULARY_RU.get(kind, {})]
    assert not missing, missing


def test_every_evidence_field_has_a_label_in_both_languages(wh):
    for name in set(wh.evidence("true")["field"]) | set(dossier.FIELD_ORDER["project"]) | set(dossier.FIELD_ORDER["route"]) \
            | set(dossier.FIELD_ORDER["deal"]):
        assert name in i18n.FIELD_LABELS and i18n.FIELD_LABELS[name].get("ru"), name


def test_a_missing_string_is_logged_once(caplog):
    i18n.MISSING.discard(("key", "no_such_key_here"))
    with caplog.at_level("WARNING", logger="dashboard.i18n"):
        assert i18n.t("no_such_key_here", "ru") == "no_such_key_here"
        i18n.t("no_such_key_here", "ru")
    assert [r.getMessage() for r in caplog.records] == ["untranslated key: no_such_key_here"]
    i18n.MISSING.discard(("key", "no_such_key_here"))


@pytest.mark.parametrize("key, lang, n, text", [
    ("gap_deals", "en", 1, "1 deal"), ("gap_deals", "en", 2, "2 deals"),
    ("record_sentences_open", "ru", 1, "Показать 1 предложение"),
    ("record_sentences_open", "ru", 3, "Показать 3 предложения, каждое один раз"),
    ("record_sentences_open", "ru", 11, "Показать 11 предложений, каждое один раз"),
    ("record_sentences_open", "ru", 21, "Показать 21 предложение"),
])
def test_counts_take_their_plural(key, lang, n, text):
    assert i18n.t(key, lang, n=n) == text

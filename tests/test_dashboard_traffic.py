"""The traffic view of a corridor: series per unit and period length, a readable table, escaped quotes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.traffic import latest, span_class, traffic_figures, traffic_table

D = dt.date


def _flows():
    rows = [
        (D(2024, 1, 1), D(2024, 3, 31), 1.1e6, "t", None, "actual", "Q1 <b>2024</b>"),
        (D(2025, 1, 1), D(2025, 3, 31), 1.2e6, "t", None, "actual", "Q1 2025"),
        (D(2024, 1, 1), D(2024, 12, 31), 4.5e6, "t", None, "actual", "year 2024"),
        (D(2025, 1, 1), D(2025, 9, 30), 3.6e6, "t", None, "actual", "nine months"),
        (D(2027, 1, 1), D(2027, 12, 31), 10e6, "t", "year", "planned", "plan <script>x</script>"),
        (D(2024, 1, 1), D(2024, 12, 31), 41e3, "TEU", None, "actual", "boxes"),
        (None, None, 240e3, "TEU", "year", "capacity", "terminal capacity"),
    ]
    return pd.DataFrame(rows, columns=["period_start", "period_end", "value", "unit", "per", "kind", "quote"]).assign(
        article_id="a1", segment=None, qualifier=None)


def test_spans_of_periods():
    assert span_class(D(2025, 3, 1), D(2025, 3, 31)) == "month"
    assert span_class(D(2025, 1, 1), D(2025, 3, 31)) == "quarter"
    assert span_class(D(2025, 1, 1), D(2025, 6, 30)) == "half"
    assert span_class(D(2025, 1, 1), D(2025, 9, 30)) == "ytd"
    assert span_class(D(2024, 1, 1), D(2024, 12, 31)) == "year"
    assert span_class(D(2009, 1, 1), D(2022, 12, 31)) == "multi"
    assert span_class(None, None) == "none"


def test_one_chart_per_unit_and_one_line_per_kind_and_period_length():
    charts = dict(traffic_figures(_flows(), "en"))
    assert list(charts) == ["t", "TEU"]
    names = sorted(trace.name for trace in charts["t"].data)
    assert names == ["actual, quarterly", "actual, year to date", "actual, yearly", "planned, yearly"]
    quarterly = next(tr for tr in charts["t"].data if tr.name == "actual, quarterly")
    assert list(quarterly.y) == [1.1e6, 1.2e6]
    assert all("<script>" not in text and "<b>2024" not in text for tr in charts["t"].data for text in tr.hovertext)
    ru = dict(traffic_figures(_flows(), "ru"))
    assert {tr.name for tr in ru["t"].data} >= {"факт, за квартал", "план, за год"}


def test_the_table_reads_in_both_languages_and_keeps_figures_without_a_period():
    en = traffic_table(_flows(), "en")
    assert list(en.columns) == ["Period", "Volume", "Kind", "Segment", "Source sentence"]
    assert "240,000\u00a0TEU a year" in set(en["Volume"]) and "period not stated" in set(en["Period"])
    assert en.iloc[0]["Period"] == "2027"
    ru = traffic_table(_flows(), "ru")
    assert "10\u00a0млн\u00a0т в год" in set(ru["Объём"]) and "пропускная способность" in set(ru["Вид"])
    assert latest(_flows(), "en") == "3.6\u00a0mn\u00a0t, 2025-01-01 – 2025-09-30"


def test_a_corridors_page_shows_its_traffic_in_both_languages(tmp_path, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from etl.build import build
    from tests.test_flows import TEXT

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "flows.txt").write_text(TEXT, encoding="utf-8")
    build([inputs], tmp_path / "wh")
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "wh"))
    app = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
    for lang, heading, column in (("en", "Traffic stated in the articles", "Volume"),
                                  ("ru", "Перевозки по данным статей", "Объём")):
        at = AppTest.from_file(app, default_timeout=90)
        at.query_params["page"] = "record"
        at.query_params["record"] = "route:middle_corridor"
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert heading in [s.value for s in at.subheader]
        (table,) = [d for d in at.dataframe if column in d.value.columns]
        assert len(table.value) == 4


def test_the_views_words_cover_the_warehouse_vocabularies():
    from dashboard.traffic import KINDS, UNITS
    from etl import schema
    from etl.grammars.volumes import UNITS as READ_UNITS

    assert set(UNITS) == set(schema.FLOW_UNITS) and set(KINDS) == set(schema.FLOW_KINDS)
    assert {unit for _, unit in READ_UNITS} <= set(schema.FLOW_UNITS)

"""The NER benchmark's scoring (benchmarks/ner_eval.py) on hand-made spans, and its report on a tiny invented file."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("benchmark_ner_eval", ROOT / "benchmarks" / "ner_eval.py")
ner_eval = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = ner_eval  # dataclasses look their module up there
_spec.loader.exec_module(ner_eval)


# --- matching ---------------------------------------------------------------------------------------

def test_exact_needs_equal_offsets_overlap_needs_intersection():
    gold = [(0, 9), (20, 30)]
    pred = [(0, 9), (18, 25)]
    assert ner_eval.match(gold, pred, "exact") == [(0, 0)]
    assert ner_eval.match(gold, pred, "overlap") == [(0, 0), (1, 1)]


def test_touching_spans_do_not_overlap():
    assert ner_eval.match([(0, 5)], [(5, 9)], "overlap") == []
    assert ner_eval.match([(5, 9)], [(0, 5)], "overlap") == []


def test_each_gold_and_each_prediction_is_matched_once():
    # one long prediction over two gold mentions: one match, one miss
    assert len(ner_eval.match([(0, 5), (6, 10)], [(0, 10)], "overlap")) == 1
    # two predictions over one gold mention: one match, one false positive
    assert len(ner_eval.match([(0, 10)], [(0, 5), (6, 10)], "overlap")) == 1
    # duplicated predictions of one exact span count once
    assert len(ner_eval.match([(3, 7)], [(3, 7), (3, 7)], "exact")) == 1
    # duplicated gold spans are two mentions
    assert len(ner_eval.match([(3, 7), (3, 7)], [(3, 7), (3, 7)], "exact")) == 2


def test_matching_is_maximal_not_greedy():
    # a greedy pass would give gold 0 the first prediction and leave gold 1 unmatched
    gold = [(0, 10), (8, 12)]
    pred = [(9, 11), (0, 3)]
    assert ner_eval.match(gold, pred, "overlap") == [(0, 1), (1, 0)]


def test_empty_inputs():
    assert ner_eval.match([], [], "exact") == []
    assert ner_eval.match([(0, 1)], [], "overlap") == []
    assert ner_eval.match([], [(0, 1)], "overlap") == []
    with pytest.raises(ValueError):
        ner_eval.match([(0, 1)], [(0, 1)], "fuzzy")


# --- scores -----------------------------------------------------------------------------------------

def test_precision_recall_f1():
    s = ner_eval.score_spans([(0, 5), (10, 15), (20, 25)], [(0, 5), (11, 15)], "exact")
    assert (s.gold, s.pred, s.tp) == (3, 2, 1)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(0.4)
    s = ner_eval.score_spans([(0, 5), (10, 15), (20, 25)], [(0, 5), (11, 15)], "overlap")
    assert (s.precision, s.recall) == (1.0, pytest.approx(2 / 3))


def test_scores_of_empty_sides():
    nothing_predicted = ner_eval.score_spans([(0, 5)], [], "exact")
    assert nothing_predicted.precision is None and nothing_predicted.recall == 0.0 and nothing_predicted.f1 == 0.0
    nothing_to_find = ner_eval.score_spans([], [(0, 5)], "exact")
    assert nothing_to_find.recall is None and nothing_to_find.precision == 0.0 and nothing_to_find.f1 == 0.0
    empty = ner_eval.score_spans([], [], "overlap")
    assert empty.precision is None and empty.recall is None and empty.f1 is None
    total = ner_eval.Score()
    total.add(ner_eval.score_spans([(0, 5)], [(0, 5)], "exact"))
    total.add(nothing_to_find)
    assert (total.gold, total.pred, total.tp) == (1, 2, 1)


# --- type mapping -----------------------------------------------------------------------------------

@pytest.mark.parametrize("mention, expected", [
    ({"kind": "country", "subtype": "country"}, "COUNTRY"),
    ({"kind": "place", "subtype": "city", "via": "name"}, "CITY"),
    ({"kind": "place", "subtype": "border-crossing", "via": "name"}, "CITY"),
    ({"kind": "place", "subtype": "city", "via": "ner+geonames"}, "CITY"),
    ({"kind": "place", "subtype": "region", "via": "name"}, "STATE_OR_PROVINCE"),
    ({"kind": "place", "subtype": "basin", "via": "name"}, "STATE_OR_PROVINCE"),
    ({"kind": "place", "subtype": "continent", "via": "name"}, "LOCATION"),
    ({"kind": "place", "subtype": "sea", "via": "name"}, "LOCATION"),
    ({"kind": "place", "subtype": None, "via": "ner"}, None),
    ({"kind": "org", "subtype": "company"}, "ORGANIZATION"),
    ({"kind": "money"}, "MONEY"),
    ({"kind": "date"}, "DATE"),
    ({"kind": "person", "subtype": None}, None),
    ({"kind": "capacity"}, None),
])
def test_our_kinds_map_to_nerel_types(mention, expected):
    assert ner_eval.nerel_type(mention) == expected


def test_unresolved_places_count_only_as_any_location():
    rows = ner_eval.ours_by_row([
        {"kind": "place", "subtype": None, "via": "ner", "start": 0, "end": 4, "surface": "abcd"},
        {"kind": "country", "subtype": "country", "via": "name", "start": 5, "end": 9, "surface": "efgh"},
        {"kind": "person", "subtype": None, "via": "ner", "start": 10, "end": 14, "surface": "ijkl"},
    ])
    assert [(s.start, s.end) for s in rows[ner_eval.ANY_LOCATION]] == [(0, 4), (5, 9)]
    assert [(s.start, s.end) for s in rows["COUNTRY"]] == [(5, 9)]
    assert set(rows) == {ner_eval.ANY_LOCATION, "COUNTRY"}


def test_gold_rows_outermost_and_location_union():
    entities = [
        {"start": 0, "end": 20, "type": "ORGANIZATION", "nested": False},
        {"start": 12, "end": 20, "type": "COUNTRY", "nested": True},
        {"start": 25, "end": 30, "type": "CITY", "nested": False},
        {"start": 25, "end": 30, "type": "STATE_OR_PROVINCE", "nested": False},
        {"start": 40, "end": 45, "type": "FACILITY", "nested": False},
    ]
    outer = ner_eval.gold_by_row(entities, outermost=True)
    assert "COUNTRY" not in outer
    assert [(s.start, s.end) for s in outer[ner_eval.ANY_LOCATION]] == [(25, 30)]
    every = ner_eval.gold_by_row(entities, outermost=False)
    assert [(s.start, s.end) for s in every[ner_eval.ANY_LOCATION]] == [(12, 20), (25, 30)]


def test_country_resolution_counts_right_wrong_and_unmapped():
    gold = [
        {"start": 0, "end": 9, "type": "COUNTRY", "wikidata": "Q232", "nested": False},
        {"start": 12, "end": 17, "type": "COUNTRY", "wikidata": "Q148", "nested": False},
        {"start": 20, "end": 24, "type": "COUNTRY", "wikidata": "Q15180", "nested": False},
        {"start": 30, "end": 35, "type": "COUNTRY", "nested": False},
        {"start": 40, "end": 45, "type": "COUNTRY", "wikidata": "Q30", "nested": False},
    ]
    ours = [
        {"kind": "country", "start": 0, "end": 9, "entity_id": "KAZ"},
        {"kind": "country", "start": 12, "end": 17, "entity_id": "RUS"},
        {"kind": "place", "start": 40, "end": 45, "entity_id": "geonames:1"},
    ]
    tally = Counter()
    ner_eval.country_resolution(gold, ours, tally)
    assert tally["with wikidata"] == 4 and tally["mapped"] == 3 and tally["unmapped"] == 1
    assert tally["found"] == 2 and tally["resolved"] == 1


def test_wikidata_map_holds_iso3_codes():
    assert all(len(v) == 3 or v == "EU" for v in ner_eval.WIKIDATA_ISO3.values())
    assert ner_eval.WIKIDATA_ISO3["Q232"] == "KAZ" and "Q15180" not in ner_eval.WIKIDATA_ISO3


# --- the script -------------------------------------------------------------------------------------

def test_absent_file_is_skipped(tmp_path, capsys):
    assert ner_eval.main(["--path", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipping" in capsys.readouterr().out


def _entity(text: str, surface: str, type_: str, nested: bool = False, wikidata: str | None = None) -> dict:
    start = text.index(surface)
    e = {"start": start, "end": start + len(surface), "type": type_, "text": surface, "nested": nested}
    if wikidata:
        e["wikidata"] = wikidata
    return e


def _table(out: str, block: str) -> dict[tuple[str, str], list[str]]:
    """(type, match) → [gold, ours pred, P, R, F1, natasha pred, P, R, F1], from one block of the report."""
    section = out.split(block, 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in section.splitlines()[3:]:
        label, rest = line[:18].strip(), line[18:].replace("|", " ").split()
        rows[(label, rest[0])] = rest[1:]
    return rows


@pytest.mark.slow
def test_main_prints_the_table_for_a_tiny_file(tmp_path, capsys):
    first = "Казахстан и Китай подписали соглашение в Астане."
    second = "12 марта 2021 года стороны выделили 5 млн долларов компании «КазМунайГаз»."
    docs = [
        {"id": "a", "split": "test", "text": first, "entities": [
            _entity(first, "Казахстан", "COUNTRY", wikidata="Q232"),
            _entity(first, "Китай", "COUNTRY", wikidata="Q148"),
            _entity(first, "Астане", "CITY"),
        ]},
        {"id": "b", "split": "test", "text": second, "entities": [
            _entity(second, "12 марта 2021 года", "DATE"),
            _entity(second, "5 млн долларов", "MONEY"),
            _entity(second, "компании «КазМунайГаз»", "ORGANIZATION"),
            _entity(second, "КазМунайГаз", "ORGANIZATION", nested=True),
        ]},
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")

    assert ner_eval.main(["--path", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 documents, 7 gold entities" in out

    outer = _table(out, "Against outermost gold mentions")
    every = _table(out, "Against all gold mentions")
    for table in (outer, every):
        assert set(table) == {(row, mode) for row in ner_eval.ROWS for mode in ner_eval.MODES}
        for mode in ner_eval.MODES:
            assert table[("MONEY", mode)][5] == "0"  # natasha predicts no money …
            assert table[("DATE", mode)][5:7] == ["0", "n/a"]  # … nor dates
    # gold counts per row: outermost mentions, then all of them
    assert [outer[(r, "exact")][0] for r in ("COUNTRY", "CITY", "ORGANIZATION", "any location")] == ["2", "1", "1", "3"]
    assert every[("ORGANIZATION", "exact")][0] == "2"
    # ours: both countries with exact offsets; the company is inside the outer gold span (overlap only)
    assert outer[("COUNTRY", "exact")][1:5] == ["2", "1.000", "1.000", "1.000"]
    assert outer[("ORGANIZATION", "exact")][3] == "0.000"
    assert outer[("ORGANIZATION", "overlap")][3] == "1.000"
    assert every[("ORGANIZATION", "exact")][3] == "0.500"

    assert "with wikidata id: 2; mapped to ISO3: 2; unmapped: 0 mentions of 0 ids" in out
    assert "resolved to the right ISO3: 2/2 = 100.0%" in out
    assert "Timings: ours" in out and "natasha NER alone" in out

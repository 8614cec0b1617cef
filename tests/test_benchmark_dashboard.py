"""benchmarks/dashboard.py on a tiny synthetic warehouse: well-formed rows (timings are not asserted)."""

from __future__ import annotations

import os
import re

from benchmarks import dashboard as bench
from tests.dashboard_fixtures import synthetic_warehouse  # noqa: F401


def test_measure_returns_rows_with_baselines_and_targets(synthetic_warehouse):
    before = os.environ.get("WAREHOUSE_DIR")
    rows = bench.measure(synthetic_warehouse, browser=False, runs=2)
    assert os.environ.get("WAREHOUSE_DIR") == before  # the environment is left as it was

    assert rows and all(isinstance(r, tuple) and len(r) == 5 and all(isinstance(c, str) for c in r) for r in rows)
    by_name = {r[0].split(" (")[0].split(",")[0]: r for r in rows}
    assert set(by_name) >= {"filter change", "first run of the map page", "map payload"}

    measure, value, baseline, ratio, target = next(r for r in rows if r[0].startswith("filter change"))
    assert re.fullmatch(r"[\d,]+", value) and baseline.startswith("empty script rerun ")
    assert ratio.endswith("× empty script") and target == "≤ 300 ms"

    measure, value, baseline, ratio, target = next(r for r in rows if r[0].startswith("map payload"))
    assert 0 < float(value) < 2 and baseline == "target 2 MB" and target == "≤ 2 MB"


def test_filter_states_change_one_widget_at_a_time_and_never_repeat():
    states = bench.filter_states(["KAZ", "CHN"], 7)
    assert len(states) == 7
    assert len({(tuple(s["countries"]), s["from"]) for s in states}) == 7
    for before, after in zip([{"countries": [], "from": None}, *states], states):
        assert (before["countries"] != after["countries"]) + (before["from"] != after["from"]) == 1


def test_filter_states_with_one_country_or_none_still_never_repeat():
    for countries in (["KAZ"], []):
        states = bench.filter_states(countries, 6)
        assert len({(tuple(s["countries"]), s["from"]) for s in states}) == 6

"""The seed build matches its reviewed snapshot; a change shows up as a readable CSV diff."""

from __future__ import annotations

import difflib

import pytest

from tests.golden import GOLDEN, SNAPSHOTS, snapshot


@pytest.mark.parametrize("table", list(SNAPSHOTS))
def test_seed_build_matches_golden_snapshot(seed_warehouse, table):
    expected = (GOLDEN / f"{table}.csv").read_text(encoding="utf-8")
    actual = snapshot(seed_warehouse, table)
    if actual != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                 f"golden/{table}.csv", "seed build"))[:80])
        pytest.fail(f"{table} differs from its snapshot (regenerate with `make golden` if intended):\n{diff}")

"""Shared fixtures. Expensive ones (a seed build, NLP models) are built once per session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl.build import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_warehouse(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "warehouse"
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def seed_articles(seed_warehouse) -> pd.DataFrame:
    return pd.read_parquet(seed_warehouse / "articles.parquet")

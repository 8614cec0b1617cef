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


@pytest.fixture(scope="session")
def ctx():
    """The NLP models and gazetteer, loaded once for the whole session."""
    from etl.extract import load_context

    return load_context()


@pytest.fixture(scope="session")
def seed_table(seed_warehouse):
    def read(name: str) -> pd.DataFrame:
        return pd.read_parquet(seed_warehouse / f"{name}.parquet")

    return read

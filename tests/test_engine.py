"""Every engine gives the same tables; unchanged articles are not processed twice."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from etl.build import build
from etl.engine import ResultCache, run
from etl.schema import TABLES
from tests.conftest import SEEDS

COMPARED = [t for t in TABLES if t not in ("articles",)]


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(lambda col: col.map(lambda v: v.hex() if isinstance(v, bytes) else str(v)))


def _tables(out):
    return {t: _comparable(pd.read_parquet(out / f"{t}.parquet")) for t in ["articles", *COMPARED]}


def _assert_same(a, b):
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def serial_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "warehouse"
    build([SEEDS], out, engine="serial", cache=False)
    return _tables(out)


@pytest.mark.slow
def test_local_processes_match_serial(serial_build, tmp_path):
    out = tmp_path / "warehouse"
    summary = build([SEEDS], out, engine="local", workers=2, cache=False)
    assert summary.engine == "local" and summary.processed == 22
    _assert_same(serial_build, _tables(out))


@pytest.mark.slow
def test_dask_cluster_with_two_workers_matches_serial(serial_build, tmp_path, monkeypatch):
    import sys
    import types

    from distributed import LocalCluster

    # Worker processes are spawned, and spawning re-runs the parent's __main__ module: inside a
    # test session that may be a script another test executed. Start them from a clean __main__.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "warehouse"
        summary = build([SEEDS], out, engine="dask", scheduler=cluster.scheduler_address, cache=False)
    assert summary.engine == "dask" and summary.processed == 22
    _assert_same(serial_build, _tables(out))


def test_rebuild_processes_only_new_articles(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_487158278e1ea073.txt", inputs)
    first = build([inputs], out, engine="serial")
    assert (first.processed, first.cached) == (1, 0)
    shutil.copy(SEEDS / "004_cba970742a79a168.txt", inputs)
    second = build([inputs], out, engine="serial")
    assert (second.processed, second.cached) == (1, 1)
    again = build([inputs], out, engine="serial")
    assert (again.processed, again.cached) == (0, 2)
    assert len(pd.read_parquet(out / "articles.parquet")) == 2


def test_cache_is_keyed_by_text_and_date(tmp_path):
    cache = ResultCache(tmp_path, "v1")
    article = {"article_id": "a", "content_sha256": "x", "published": None}
    cache.put(article, {"mentions": [], "claims": []})
    assert cache.get(article) == {"mentions": [], "claims": []}
    assert cache.get({**article, "content_sha256": "y"}) is None
    assert ResultCache(tmp_path, "v2").get(article) is None  # a new extractor version starts afresh


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown engine"):
        run([], engine="spark")
    with pytest.raises(ValueError, match="--scheduler"):
        run([], engine="dask")


def test_an_article_that_breaks_extraction_is_kept_and_reported(tmp_path, monkeypatch):
    import etl.extract

    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Казахстан и Китай подписали соглашение о транзите.", encoding="utf-8")
    (inputs / "b.txt").write_text("ОШИБКА: этот текст ломает разбор.", encoding="utf-8")
    real = etl.extract.extract_article

    def fragile(article, ctx):
        if "ОШИБКА" in article["text"]:
            raise RuntimeError("unexpected token")
        return real(article, ctx)

    monkeypatch.setattr(etl.extract, "extract_article", fragile)
    summary = build([inputs], out, engine="serial")
    assert len(pd.read_parquet(out / "articles.parquet")) == 2
    assert list(summary.extraction_errors.values()) == ["RuntimeError: unexpected token"]
    assert "extraction failed for article" in summary.render()
    # A failed article is not cached: the next build tries it again.
    monkeypatch.setattr(etl.extract, "extract_article", real)
    again = build([inputs], out, engine="serial")
    assert again.processed == 1 and not again.extraction_errors

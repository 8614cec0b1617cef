"""The warehouse is swapped in whole: a failed build leaves the previous one readable."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from etl import build as build_module
from etl.build import BuildError, build
from etl.warehouse import read_manifest
from tests.conftest import ROOT


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_rebuild_swaps_in_new_tables(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    _write(inputs, "a.txt", "Казахстан и Китай подписали соглашение.")
    first = build([inputs], out)
    _write(inputs, "b.txt", "Россия и Казахстан договорились о транзите.")
    second = build([inputs], out)
    assert first.data_version != second.data_version
    assert len(pd.read_parquet(out / "articles.parquet")) == 2
    assert read_manifest(out)["data_version"] == second.data_version


def test_failed_build_leaves_previous_warehouse(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    _write(inputs, "a.txt", "Казахстан и Китай подписали соглашение.")
    build([inputs], out)
    before = pd.read_parquet(out / "articles.parquet")
    _write(inputs, "b.txt", "Россия и Казахстан договорились о транзите.")

    def broken(tables, n_items):
        raise BuildError("simulated failure in the checks")

    monkeypatch.setattr(build_module, "check_tables", broken)
    with pytest.raises(BuildError):
        build([inputs], out)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "articles.parquet"), before)
    assert not [p for p in (tmp_path / ".warehouse.builds").iterdir() if p.name.startswith("tmp-")]


def test_interrupted_write_leaves_previous_warehouse(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    _write(inputs, "a.txt", "Казахстан и Китай подписали соглашение.")
    build([inputs], out)
    _write(inputs, "b.txt", "Россия и Казахстан договорились о транзите.")
    import etl.warehouse as wh

    def crash(folder, name, table):
        raise KeyboardInterrupt

    monkeypatch.setattr(wh, "_write_table", crash)
    with pytest.raises(KeyboardInterrupt):
        build([inputs], out)
    assert len(pd.read_parquet(out / "articles.parquet")) == 1


def test_if_stale_skips_an_up_to_date_warehouse(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    _write(inputs, "a.txt", "Казахстан и Китай подписали соглашение.")
    build([inputs], out)
    assert build([inputs], out, if_stale=True).skipped_fresh
    _write(inputs, "a.txt", "Казахстан и Китай подписали два соглашения.")
    assert not build([inputs], out, if_stale=True).skipped_fresh


def test_plain_folder_is_adopted_then_replaced(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    out.mkdir()
    (out / "stray.txt").write_text("left by hand")
    _write(inputs, "a.txt", "Казахстан и Китай подписали соглашение.")
    build([inputs], out)
    assert out.is_symlink() and (out / "articles.parquet").exists()


def test_cli_prints_a_summary(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "warehouse"
    _write(inputs, "a.txt", "Казахстан и Китай подписали соглашение.")
    (inputs / "empty.txt").write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--input", str(inputs), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert "inputs read: 2 files, 2 items" in result.stdout
    assert "articles:    1" in result.stdout and "rejects:     1" in result.stdout
    assert "seconds:" in result.stdout


def test_cli_reports_missing_input_clearly(tmp_path):
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--input", str(tmp_path / "nope"), "--out",
                             str(tmp_path / "wh")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "input not found" in result.stderr and "Traceback" not in result.stderr

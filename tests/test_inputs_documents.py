"""Reports as PDF and Word files, and inputs that must not be read: links that lead out of the inputs."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest

from etl.build import _input_files, build, code_version, data_version
from etl.read import read_path
from etl.read.documents import reflow
from tests.documents import make_docx, make_pdf

# Printed lines as a report's PDF sets them: a sentence over several lines, words split at the margin.
REPORT_LINES = [
    "Обзор энергетических проектов",
    "В Туркестанской области на прошлой неделе начато строитель-",
    "ство солнечной электростанции мощностью 250 МВт. Станцию пла-",
    "нируется ввести в эксплуатацию в 2027 году, сообщил акимат.",
    "Компания «Гелиос Степь» направит на проект 180 млн долларов",
    "собственных и заёмных средств.",
]


def _build(folder, out):
    summary = build([folder], out)
    return summary, pd.read_parquet(out / "articles.parquet"), pd.read_parquet(out / "rejects.parquet")


def _name(frame):
    return frame.source_file.str.rsplit("/", n=1).str[-1]


# --- PDF and Word ----------------------------------------------------------------------------------------

def test_reflow_joins_printed_lines_into_paragraphs():
    assert reflow(REPORT_LINES) == [
        "Обзор энергетических проектов",
        "В Туркестанской области на прошлой неделе начато строительство солнечной электростанции мощностью "
        "250 МВт. Станцию планируется ввести в эксплуатацию в 2027 году, сообщил акимат.",
        "Компания «Гелиос Степь» направит на проект 180 млн долларов собственных и заёмных средств.",
    ]
    assert reflow(["Итоги:", "- первый пункт", "- второй пункт", "", "Новый абзац"]) == [
        "Итоги:", "- первый пункт", "- второй пункт", "Новый абзац"]


def test_a_pdf_report_becomes_an_article_with_its_records(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "report.pdf").write_bytes(make_pdf(
        [REPORT_LINES[:4], REPORT_LINES[4:]], title="Обзор проектов юга", created=dt.datetime(2025, 4, 9, 8, 30)))
    _, articles, rejects = _build(inputs, tmp_path / "wh")
    assert rejects.empty
    article = articles.iloc[0]
    assert article.source_kind == "pdf"
    assert article.title == "Обзор проектов юга"
    assert article.published == dt.date(2025, 4, 9) and article.date_basis == "metadata"
    assert "строительство солнечной электростанции мощностью 250 МВт" in article.text
    projects = pd.read_parquet(tmp_path / "wh" / "projects.parquet")
    solar = projects[projects.subsector == "solar"]
    assert len(solar) == 1
    assert solar.iloc[0].capacity_value == 250 and solar.iloc[0].capacity_unit == "MW"


def test_a_word_file_becomes_an_article(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "note.docx").write_bytes(make_docx(
        ["Записка о переговорах", "Стороны обсудили строительство ветровой электростанции в Жетысуской области."],
        title="Записка", created=dt.datetime(2024, 11, 2, 12, 0), table=[["Объект", "Мощность"], ["ВЭС", "60 МВт"]]))
    _, articles, rejects = _build(inputs, tmp_path / "wh")
    assert rejects.empty
    article = articles.iloc[0]
    assert article.source_kind == "docx"
    assert article.title == "Записка" and article.published == dt.date(2024, 11, 2)
    assert article.text.split("\n") == [
        "Записка", "Записка о переговорах",
        "Стороны обсудили строительство ветровой электростанции в Жетысуской области.",
        "Объект | Мощность", "ВЭС | 60 МВт"]


def test_documents_that_cannot_be_read_are_rejects_with_reasons(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "scan.pdf").write_bytes(make_pdf([[], []], title="Скан"))
    (inputs / "cut.pdf").write_bytes(make_pdf([REPORT_LINES])[:300])
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    summary, articles, rejects = _build(inputs, tmp_path / "wh")
    assert articles.empty
    assert dict(zip(_name(rejects), rejects.reason)) == {
        "scan.pdf": "no-text-layer", "cut.pdf": "malformed-document", "broken.docx": "malformed-document"}
    assert "without a text layer" in rejects.set_index(_name(rejects)).loc["scan.pdf", "detail"]
    assert summary.items == 3


# --- links out of the inputs -----------------------------------------------------------------------------

SECRET = "пароль администратора: 12345"


@pytest.fixture
def linked_inputs(tmp_path):
    """An input folder with links: to a file outside, to a folder outside, inside, and dangling."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "article.txt").write_text("Казахстан и Китай открыли новый пункт пропуска.", encoding="utf-8")
    (inputs / "sub" / "inner.txt").write_text("Узбекистан построит ГЭС.", encoding="utf-8")
    os.symlink(outside / "secret.txt", inputs / "leak.txt")
    os.symlink(outside, inputs / "leak-folder")
    os.symlink(inputs / "article.txt", inputs / "alias.txt")
    os.symlink(inputs / "sub", inputs / "sub-alias")
    os.symlink(tmp_path / "missing.txt", inputs / "dangling.txt")
    return inputs


def test_links_that_leave_the_inputs_are_rejects_and_never_read(linked_inputs, tmp_path):
    summary, articles, rejects = _build(linked_inputs, tmp_path / "wh")
    reasons = dict(zip(_name(rejects), rejects.reason))
    assert reasons["leak.txt"] == "outside-input"
    assert reasons["leak-folder"] == "outside-input"
    assert reasons["dangling.txt"] == "outside-input"
    # A link inside the inputs is read, and is the same article as its target (the first in order).
    assert reasons["article.txt"] == "duplicate"
    assert "sub-alias" not in reasons and not _name(articles).eq("sub-alias").any()
    assert sorted(_name(articles)) == ["alias.txt", "inner.txt"]
    assert not articles.text.str.contains("пароль").any()
    assert not rejects.detail.str.contains("пароль").any()
    assert summary.items == len(articles) + len(rejects)


def test_what_a_link_out_leads_to_is_not_read_for_the_version(linked_inputs, tmp_path):
    files = _input_files([linked_inputs])
    before = data_version(files, code_version())
    (tmp_path / "outside" / "secret.txt").write_text(SECRET + " (изменён)", encoding="utf-8")
    assert data_version(files, code_version()) == before


def test_read_path_refuses_a_link_out_of_its_root(linked_inputs):
    drafts, rejects = read_path(linked_inputs / "leak.txt", root=linked_inputs)
    assert drafts == [] and [r.reason for r in rejects] == ["outside-input"]
    drafts, _ = read_path(linked_inputs / "alias.txt", root=linked_inputs)
    assert len(drafts) == 1


def test_an_input_given_as_a_link_to_a_folder_is_read(linked_inputs, tmp_path):
    os.symlink(linked_inputs / "sub", tmp_path / "entry")
    _, articles, rejects = _build(tmp_path / "entry", tmp_path / "wh")
    assert list(_name(articles)) == ["inner.txt"] and rejects.empty

"""A long text is read in bounded windows and parts, with every offset still the whole text's."""

from __future__ import annotations

import pytest

import etl.extract as extract
from etl.extract import extract_article, load_context
from etl.nlp import windows

PARAGRAPHS = [
    "Правительство и инвестор согласовали возведение ветровой электростанции на 200 МВт "
    "в Жамбылской области.",
    "Компания «Степной ветер» вложит в проект 240 млн долларов, ввод станции намечен на 2028 год.",
    "В Навоийской области Узбекистан приступил к возведению солнечной электростанции на 100 МВт.",
    "Стоимость проекта оценивается в 90 млн долларов.",
]


@pytest.mark.parametrize("text", [
    "\n".join(PARAGRAPHS * 20),
    " ".join(PARAGRAPHS * 20),          # one line, cut at sentence ends
    "слово " * 5000,                     # no sentence end at all, cut at spaces
])
def test_windows_cover_the_text_in_order_and_keep_their_size(text):
    spans = windows(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert max(b - a for a, b in spans) <= 1000
    assert "".join(text[a:b] for a, b in spans) == text


def test_a_short_text_is_one_window():
    assert windows("Короткий текст.", 1000) == [(0, 15)]
    assert windows("", 1000) == []


def test_an_article_read_in_parts_keeps_offsets_and_finds_what_one_pass_finds(monkeypatch):
    ctx = load_context()
    text = "\n".join(PARAGRAPHS)
    article = {"article_id": "a1", "text": text, "published": None}
    whole = extract_article(article, ctx)
    monkeypatch.setattr(extract, "PART_CHARS", len(PARAGRAPHS[0]) + len(PARAGRAPHS[1]) + 5)
    parts = extract_article(article, ctx)
    for row in parts["mentions"]:
        assert text[row["start"]:row["end"]] == row["surface"]
    for claim in parts["claims"]:
        for evidence in claim.evidence:
            assert text[evidence.start:evidence.end] in evidence.quote
    assert sorted((m["kind"], m["start"]) for m in parts["mentions"]) == \
        sorted((m["kind"], m["start"]) for m in whole["mentions"])
    kinds = lambda result: sorted(c.data.get("subsector") or "" for c in result["claims"] if c.record_type == "project")  # noqa: E731
    assert kinds(parts) == kinds(whole) == ["solar", "wind"]

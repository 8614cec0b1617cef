"""Stories: reposts and rewrites of one event are one story; other events on the same subject are not.

Sentences written for these tests (and `benchmarks/story_pairs.py`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from benchmarks import story_pairs
from etl import stories

D = dt.date


def article(aid: str, text: str, published=D(2025, 5, 12), channel="Лента", title=None) -> dict:
    return {"article_id": aid, "text": text, "title": title, "published": published, "channel": channel,
            "url": None, "source_file": f"{channel}.txt", "is_stub": False}


NO_MENTIONS = pd.DataFrame(columns=["article_id", "kind", "entity_id", "normal", "value", "unit"])


@pytest.mark.parametrize("text, figures", [
    ("Инвестиции составят $1,2 млрд.", {"1.2 млрд"}),
    ("Инвестиции составят 1,2 миллиарда долларов.", {"1.2 млрд"}),
    ("Мощность — 1 860 МВт, к 2030 году.", {"1860 мвт"}),
    ("Рост на 12% за год.", {"12 %"}),
    ("Поезд придёт 12 мая, в 2 этапа.", {"12 m05"}),
])
def test_figures_are_spelled_one_way(text, figures):
    assert set(stories.figures_of(text, [])) == figures


def test_a_repost_is_a_near_duplicate_and_a_template_with_other_figures_is_not():
    body = ("Через погранпереход Достык за сутки прошло 42 поезда, сообщили в КТЖ. Очередь на границе "
            "сократилась, вагоны принимают в обычном режиме.")
    same = stories.article_features([article("a", body), article("b", "❗️ " + body + "\nПодписывайтесь.",
                                                                   channel="Канал")], NO_MENTIONS)
    assert stories.same_story(*same) == "near-duplicate"
    other_day = stories.article_features([article("a", body), article("c", body.replace("42", "37"),
                                                                        published=D(2025, 5, 13))], NO_MENTIONS)
    assert stories.same_story(*other_day) is None
    weeks_later = stories.article_features([article("a", body), article("d", body, published=D(2025, 6, 20))],
                                           NO_MENTIONS)
    assert stories.same_story(*weeks_later) is None


def test_story_rows_name_their_articles_earliest_first_with_outlets_and_a_stable_id():
    body = "В порту Актау открыли новый зерновой терминал мощностью 500 тысяч тонн в год, сообщили в порту."
    rows = stories.story_table([article("late", "Репост. " + body, D(2025, 5, 13), "Канал"),
                                article("early", body, D(2025, 5, 12), "Лента", title="Терминал в Актау"),
                                article("alone", "Совсем другая новость о тарифах на 7%.", D(2025, 5, 12))],
                               NO_MENTIONS)
    assert len(rows) == 1
    row = rows[0]
    assert row["article_ids"] == ["early", "late"] and row["outlets"] == ["Лента", "Канал"]
    assert (row["first_seen"], row["last_seen"]) == (D(2025, 5, 12), D(2025, 5, 13))
    assert row["headline"] == "Терминал в Актау" and row["n_outlets"] == 2
    assert row["story_id"] == stories.story_table([article("early", body, D(2025, 5, 12))] * 1
                                                  + [article("late", "Репост. " + body, D(2025, 5, 13))],
                                                  NO_MENTIONS)[0]["story_id"]


def test_the_written_pairs_are_grouped_with_precision_and_recall_kept():
    """The benchmark's measure (benchmarks/stories_eval.py) as a floor."""
    from benchmarks.stories_eval import grouped, scores

    articles = story_pairs.articles()
    _, story_of = grouped(articles)
    result = scores(story_of, articles)
    assert result["all pairs"]["precision"] >= 0.95, result["wrongly_joined"]
    assert result["written pairs"]["recall"] >= 0.85, result["missed"]


def test_the_seed_build_has_a_stories_table(seed_table):
    frame = seed_table("stories")
    articles = set(seed_table("articles")["article_id"])
    assert list(frame.columns)[:6] == ["story_id", "article_ids", "outlets", "first_seen", "last_seen", "headline"]
    for ids in frame["article_ids"]:
        assert len(ids) >= 2 and set(ids) <= articles

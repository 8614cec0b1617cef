"""The seed articles become exactly the articles an analyst reads in them."""

from __future__ import annotations

import datetime as dt
import filecmp

import pandas as pd
import pytest

from tests.conftest import SEEDS, SHARED

DUMP = "seeds/003_fbdfde6d65e5302b.txt"


def test_seeds_are_verbatim_copies():
    original = SHARED / "seeds"
    if not original.exists():
        pytest.skip("shared seeds not beside the checkout")
    for path in sorted(original.glob("*.txt")):
        assert filecmp.cmp(path, SEEDS / path.name, shallow=False), path.name


def test_twenty_two_distinct_articles(seed_articles):
    assert len(seed_articles) == 22
    assert seed_articles["article_id"].is_unique


def test_telegram_dump_gives_eighteen_posts_three_stubs(seed_articles):
    dump = seed_articles[seed_articles.source_file == DUMP]
    assert len(dump) == 18
    assert dump["is_stub"].sum() == 3
    assert set(dump["source_kind"]) == {"telegram"}
    stubs = dump[dump.is_stub]
    # A stub names the channel it was cross-posted from.
    assert stubs["channel"].notna().all()
    assert not stubs["text"].str.contains("Please open Telegram").any()


def test_each_full_post_has_its_title(seed_articles):
    dump = seed_articles[(seed_articles.source_file == DUMP) & ~seed_articles.is_stub]
    untitled = dump[dump.title.isna()]
    # Only the continuation post ("Начало☝️") has no title of its own.
    assert len(untitled) == 1
    assert untitled.iloc[0]["text"].startswith("Начало")
    titles = set(dump.title.dropna())
    assert "Си Цзиньпин вновь в Астане: Китай и Центральная Азия продолжают укреплять связи" in titles
    for _, row in dump.dropna(subset=["title"]).iterrows():
        assert row.text.startswith(row.title)


def test_continuation_post_is_its_own_article_linked_to_the_first_part(seed_articles):
    cont = seed_articles[seed_articles.continues.notna()]
    assert len(cont) == 1
    first = seed_articles.set_index("article_id").loc[cont.iloc[0]["continues"]]
    assert first["text"].rstrip().endswith("Продолжение 👇")
    assert first["title"].startswith("Казахстан между Кремлем и Орбаном")


def test_no_paragraph_appears_twice_in_an_article(seed_articles):
    for _, row in seed_articles.iterrows():
        paragraphs = [p for p in row.text.split("\n") if p.strip()]
        assert len(paragraphs) == len(set(paragraphs)), row.title


def test_header_dates_are_read(seed_articles):
    by_file = seed_articles.set_index("source_file")
    assert by_file.loc["seeds/001_03d893a6bbf6e7e5.txt", "published"] == dt.date(2025, 10, 7)
    assert by_file.loc["seeds/002_72360f42ea55f008.txt", "published"] == dt.date(2025, 11, 13)
    assert set(by_file.loc[["seeds/001_03d893a6bbf6e7e5.txt", "seeds/002_72360f42ea55f008.txt"], "date_basis"]) == {"header"}
    # The header is metadata, not article text.
    assert not by_file.loc["seeds/001_03d893a6bbf6e7e5.txt", "text"].lstrip().startswith("date")


def test_28_may_2025_post_is_dated_from_its_text(seed_articles):
    post = seed_articles[seed_articles.text.str.contains("28 мая 2025 года Мажилис")].iloc[0]
    assert post.published == dt.date(2025, 5, 28)
    assert post.date_basis == "in-text"


def test_dates_are_never_invented(seed_articles):
    assert (seed_articles.published.dropna() < dt.date.today()).all()
    undated = seed_articles[seed_articles.published.isna()]
    assert set(undated.date_basis) == {"none"}
    # The grey-route article names no day at all.
    assert pd.isna(seed_articles.set_index("source_file").loc["seeds/000_487158278e1ea073.txt", "published"])


def test_ids_hashes_and_lengths(seed_articles):
    import hashlib

    for _, row in seed_articles.iterrows():
        assert row.n_chars == len(row.text)
        assert row.content_sha256 == hashlib.sha256(row.text.encode()).hexdigest()


def test_weak_date_clues_are_used_and_marked(seed_articles):
    from etl.schema import APPROXIMATE_DATE_BASES, DATE_BASES

    assert set(seed_articles.date_basis) <= set(DATE_BASES)
    chps = seed_articles[seed_articles.text.str.startswith("Россия не построит ТЭЦ")].iloc[0]
    assert (chps.published, chps.date_basis, chps.date_clue) == (dt.date(2025, 5, 21), "approximate", "В конце мая")
    # Posts of the channel dump between two dated ones are bounded by them, and say which.
    between = seed_articles[seed_articles.date_basis == "neighbours"]
    assert len(between) >= 1 and between.date_clue.str.contains(r"post \d+ \(2025-\d\d-\d\d\) – post \d+").all()
    approximate = seed_articles[seed_articles.date_basis.isin(APPROXIMATE_DATE_BASES)]
    assert approximate.date_clue.notna().all()

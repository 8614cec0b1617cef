"""Real inputs of every kind analysts have, and bad inputs that must all be accounted for."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from etl.build import build

TELEGRAM_EXPORT = {
    "name": "Казахстан сегодня",
    "type": "public_channel",
    "id": 1234567890,
    "messages": [
        {"id": 1, "type": "service", "date": "2025-05-01T09:00:00", "date_unixtime": "1746090000",
         "actor": "Казахстан сегодня", "action": "create_channel", "text": "", "text_entities": []},
        {"id": 2, "type": "message", "date": "2025-05-28T14:03:11", "date_unixtime": "1748441000",
         "from": "Казахстан сегодня", "from_id": "channel1234567890", "edited": "2025-05-28T15:00:00",
         "text": [
             "Шубарколь комир подпишет сделку\n\nАО ",
             {"type": "bold", "text": "«Шубарколь комир»"},
             " заключит договор с Telf AG. Подробнее: ",
             {"type": "text_link", "text": "здесь", "href": "https://t.me/kz_today/2"},
         ],
         "text_entities": [
             {"type": "plain", "text": "Шубарколь комир подпишет сделку\n\nАО "},
             {"type": "bold", "text": "«Шубарколь комир»"},
             {"type": "plain", "text": " заключит договор с Telf AG. Подробнее: "},
             {"type": "text_link", "text": "здесь", "href": "https://t.me/kz_today/2"},
         ]},
        {"id": 3, "type": "message", "date": "2025-05-29T08:00:00", "date_unixtime": "1748505600",
         "forwarded_from": "Первый жүз", "text": "Токаев провёл переговоры в Астане.", "text_entities": []},
        {"id": 4, "type": "message", "date": "2025-05-29T09:00:00", "date_unixtime": "1748509200",
         "photo": "photos/photo_1.jpg", "text": "", "text_entities": []},
    ],
}

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Новости Центральной Азии</title><link>https://example.org/</link>
<item><title>Казахстан и Китай подписали соглашение</title><link>https://example.org/news/1</link>
<guid>https://example.org/news/1</guid><pubDate>Tue, 17 Jun 2025 10:00:00 +0000</pubDate>
<description><![CDATA[<p>Астана и Пекин подписали соглашение о строительстве АЭС.</p><p>Стоимость проекта оценивается в $5 млрд.</p>]]></description></item>
<item><title>Пустая новость</title><link>https://example.org/news/2</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Энергетика РК</title><id>urn:feed</id><updated>2025-05-30T00:00:00Z</updated>
<entry><title>Три ТЭЦ остались без инвестора</title><id>urn:entry:1</id><link href="https://example.org/tec"/>
<updated>2025-05-30T12:00:00Z</updated><content type="html">&lt;p&gt;Россия отказалась строить ТЭЦ в Кокшетау, Семее и Усть-Каменогорске.&lt;/p&gt;</content></entry>
</feed>"""

HTML = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Канадская Ivanhoe Mines инвестирует в медь Казахстана | Example News</title>
<meta property="og:title" content="Канадская Ivanhoe Mines инвестирует в медь Казахстана">
<meta property="article:published_time" content="2025-05-28T10:00:00+05:00">
<link rel="canonical" href="https://news.example.kz/mining/ivanhoe-copper">
</head><body><header><nav><a href="/">Главная</a> | <a href="/politics">Политика</a></nav></header>
<article><h1>Канадская Ivanhoe Mines инвестирует в медь Казахстана</h1>
<p>Президент Касым-Жомарт Токаев провёл переговоры с Робертом Фридландом, исполнительным сопредседателем
совета директоров канадской корпорации Ivanhoe Mines. Компания уже начала геологоразведочные работы в
Шу-Сарысуйском бассейне.</p>
<p>Ivanhoe Mines уже инвестировала 18,7 миллиона долларов в разведку участка и планирует увеличить сумму до
115 миллионов в течение последующих четырёх лет.</p></article>
<footer>© 2025 Example News. Все права защищены.</footer></body></html>"""

CP1251_TEXT = "Казахстан запретил экспорт 106 товаров в Россию.\nРешение принято в сентябре 2023 года."


def _build(folder, out):
    summary = build([folder], out)
    articles = pd.read_parquet(out / "articles.parquet")
    rejects = pd.read_parquet(out / "rejects.parquet")
    return summary, articles, rejects


def test_telegram_export(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "result.json").write_text(json.dumps(TELEGRAM_EXPORT, ensure_ascii=False), encoding="utf-8")
    summary, articles, rejects = _build(inputs, tmp_path / "wh")
    assert len(articles) == 2
    first = articles.set_index("source_item").loc["message 2"]
    assert first.channel == "Казахстан сегодня"
    assert first.url == "https://t.me/kz_today/2"  # public name read off the channel's own post link
    assert first.published == dt.date(2025, 5, 28) and first.date_basis == "metadata"
    assert first.title == "Шубарколь комир подпишет сделку"
    assert "«Шубарколь комир» заключит договор с Telf AG" in first.text
    forwarded = articles.set_index("source_item").loc["message 3"]
    assert forwarded.forwarded_from == "Первый жүз"
    # The service message and the photo without text are accounted for as rejects.
    assert sorted(rejects.source_item) == ["message 1", "message 4"]
    assert set(rejects.reason) == {"no-text"}
    assert summary.items == len(articles) + len(rejects) == 4


def test_rss_and_atom_feeds(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "news.rss").write_text(RSS, encoding="utf-8")
    (inputs / "energy.xml").write_text(ATOM, encoding="utf-8")
    summary, articles, rejects = _build(inputs, tmp_path / "wh")
    assert len(articles) == 2
    rss = articles[articles.channel == "Новости Центральной Азии"].iloc[0]
    assert rss.source_kind == "rss"
    assert rss.title == "Казахстан и Китай подписали соглашение"
    assert rss.url == "https://example.org/news/1"
    assert rss.published == dt.date(2025, 6, 17) and rss.date_basis == "metadata"
    assert "<p>" not in rss.text and "$5 млрд" in rss.text
    atom = articles[articles.channel == "Энергетика РК"].iloc[0]
    assert atom.published == dt.date(2025, 5, 30)
    assert "Усть-Каменогорске" in atom.text
    assert list(rejects.reason) == ["no-text"]  # the entry with a title and no text
    assert summary.items == 3


def test_saved_html_page(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.html").write_text(HTML, encoding="utf-8")
    _, articles, rejects = _build(inputs, tmp_path / "wh")
    assert rejects.empty
    page = articles.iloc[0]
    assert page.source_kind == "html"
    assert page.title == "Канадская Ivanhoe Mines инвестирует в медь Казахстана"
    assert page.url == "https://news.example.kz/mining/ivanhoe-copper"
    assert page.published == dt.date(2025, 5, 28) and page.date_basis == "metadata"
    assert "18,7 миллиона долларов" in page.text
    assert "Главная" not in page.text and "Все права защищены" not in page.text


def test_same_article_in_two_files_is_one_article(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = "Казахстан и Канада сближаются.\nIvanhoe Mines инвестировала 18,7 миллиона долларов."
    (inputs / "a.txt").write_text(text, encoding="utf-8")
    (inputs / "b.txt").write_text("  " + text.replace(" ", "  ") + "\n\n", encoding="utf-8")
    summary, articles, rejects = _build(inputs, tmp_path / "wh")
    assert len(articles) == 1
    assert list(rejects.reason) == ["duplicate"]
    assert articles.iloc[0].article_id in rejects.iloc[0].detail


def test_bad_inputs_are_all_accounted_for(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_text("   \n\n  \t\n", encoding="utf-8")
    (bad / "image.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "legacy-cp1251.txt").write_bytes(CP1251_TEXT.encode("cp1251"))
    (bad / "legacy-koi8r.txt").write_bytes(CP1251_TEXT.replace("106", "107").encode("koi8_r"))
    (bad / "truncated.json").write_text(json.dumps(TELEGRAM_EXPORT, ensure_ascii=False)[:700], encoding="utf-8")
    (bad / "other.json").write_text('{"rows": [1, 2, 3]}', encoding="utf-8")
    (bad / "broken.rss").write_text('<?xml version="1.0"?><rss><channel><item><title>обрыв', encoding="utf-8")
    with open(bad / "huge.txt", "wb") as handle:  # a 1 GB sparse file: costs no disk, must not be read
        handle.truncate(1024 ** 3)
    summary, articles, rejects = _build(bad, tmp_path / "wh")

    reasons = dict(zip(rejects.source_file.str.rsplit("/", n=1).str[-1], rejects.reason))
    assert reasons == {
        "empty.txt": "empty", "blank.txt": "empty", "image.txt": "binary", "truncated.json": "malformed-json",
        "other.json": "unsupported-json", "broken.rss": "malformed-feed", "huge.txt": "too-large",
    }
    assert sorted(articles.source_file.str.rsplit("/", n=1).str[-1]) == ["legacy-cp1251.txt", "legacy-koi8r.txt"]
    texts = set(articles.text)
    assert CP1251_TEXT in texts and CP1251_TEXT.replace("106", "107") in texts
    assert summary.files == 9
    assert summary.items == len(articles) + len(rejects) == 9
    assert rejects.detail.str.len().gt(0).all()


def test_folder_readme_is_not_an_article(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "README.md").write_text("# What these files are", encoding="utf-8")
    (inputs / ".hidden.txt").write_text("Казахстан", encoding="utf-8")
    (inputs / "one.txt").write_text("Казахстан и Китай.", encoding="utf-8")
    summary, articles, _ = _build(inputs, tmp_path / "wh")
    assert summary.files == 1 and len(articles) == 1


@pytest.mark.parametrize("url, kept", [
    ("https://example.org/a", True),
    ("http://example.org/a?b=1", True),
    ("javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("https://example.org/\"><script>", False),
])
def test_only_http_links_survive(url, kept):
    from etl.read.common import safe_url

    assert (safe_url(url) == url) is kept


def _post(title: str, body: str) -> str:
    """A post as a channel dump copies it: the title, then the body twice (preview and expanded)."""
    return f"{title}\n{body}\n{body}\n"


def test_a_channel_dump_dates_undated_posts_by_their_neighbours(tmp_path):
    from etl.read import read_path

    dump = tmp_path / "channel.txt"
    dump.write_text(
        _post("Первый пост", "Сегодня, 2 июня 2025 года, правительство утвердило план.")
        + _post("Второй пост", "Переговоры 5 июня прошли в Астане, стороны подписали протокол.")
        + _post("Третий пост", "Министр рассказал о планах на лето, без единой даты в тексте.")
        + _post("Четвёртый пост", "В конце июня стало известно, что проект отложен.")
        + _post("Пятый пост", "Саммит 20 июня собрал лидеров пяти стран региона.")
        + _post("Шестой пост", "Заключительный пост без даты, после него дат нет."),
        encoding="utf-8")
    drafts, rejects = read_path(dump)
    assert rejects == []
    got = [(d.published, d.date_basis) for d in drafts]
    assert got == [
        (dt.date(2025, 6, 2), "in-text"), (dt.date(2025, 6, 5), "inferred"),
        (dt.date(2025, 6, 5), "neighbours"),  # between post 2 (5 June) and post 5 (20 June): not older than 5 June
        (dt.date(2025, 6, 21), "approximate"),  # «в конце июня», the year from the file
        (dt.date(2025, 6, 20), "inferred"),
        (None, "none"),  # no dated post after it: nothing bounds it
    ]
    assert drafts[2].date_clue == "post 2 (2025-06-05) – post 5 (2025-06-20)"
    assert drafts[3].date_clue == "В конце июня"


def test_a_dump_out_of_order_dates_nothing_by_neighbours(tmp_path):
    from etl.read import read_path

    dump = tmp_path / "shuffled.txt"
    dump.write_text(
        _post("Первый", "Встреча 20 июня 2025 года в Астане.") + _post("Второй", "Встреча 2 июня 2025 года в Бишкеке.")
        + _post("Третий", "Пост без даты о планах правительства.") + _post("Четвёртый", "Встреча 25 июня 2025 года в Ташкенте.")
        + _post("Пятый", "Встреча 1 июня 2025 года в Душанбе."), encoding="utf-8")
    drafts, _ = read_path(dump)
    assert drafts[2].published is None and drafts[2].date_basis == "none"


def test_a_file_name_dates_what_its_text_does_not(tmp_path):
    from etl.read import read_path

    named = tmp_path / "2025-05-28_kursiv.txt"
    named.write_text("Казахстан обсуждает новую АЭС.\nПодробностей пока нет.", encoding="utf-8")
    (draft,), _ = read_path(named)
    assert (draft.published, draft.date_basis, draft.date_clue) == (dt.date(2025, 5, 28), "file-name", "2025-05-28")
    dated_text = tmp_path / "2025-05-28_other.txt"
    dated_text.write_text("Казахстан обсуждает АЭС.\n3 марта 2025 года прошло совещание.", encoding="utf-8")
    (draft,), _ = read_path(dated_text)
    assert (draft.published, draft.date_basis) == (dt.date(2025, 3, 3), "in-text")  # the text comes first


@pytest.mark.parametrize("header, day, basis", [
    (" date 2024-06", dt.date(2024, 6, 1), "approximate"),
    (" date 2023", dt.date(2023, 1, 1), "approximate"),
    (" date 2025-03-14", dt.date(2025, 3, 14), "header"),
])
def test_a_date_header_of_a_month_or_a_year_dates_the_article_and_is_no_title(header, day, basis):
    from etl.read.text import read_text

    drafts, rejects = read_text(f"{header}\nМедный завод в Актогае заработал\nКомбинат выпустил первую партию катодов.",
                                "note.txt")
    assert not rejects
    assert drafts[0].published == day and drafts[0].date_basis == basis
    assert drafts[0].title == "Медный завод в Актогае заработал"

"""Live monitoring: `etl watch` polls a feed and a Telegram preview served on loopback, writes only what is new,
survives errors and malformed pages, and the running dashboard shows the new article after the swap; a saved
view's Atom feed lists only the records and stories new to it.

Every article below is written for these tests.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pandas as pd
import pytest

from dashboard import alerts
from etl.watch import SourceState, WatchConfig, run_round
from etl.watch.sources import SourcesError, parse_sources
from etl.watch.telegram import NotAPreview, parse_preview
from tests.conftest import ROOT

CHANNEL = "steppe_transit"

FEED_ONE = ("solar-navoi", "Солнечная станция в Навоийской области",
            "Под Навои в Узбекистане заложили солнечную электростанцию на 400 МВт. "
            "Проект стоимостью $320 млн реализует компания Masdar.", dt.datetime(2025, 6, 2, 8, 0))
FEED_TWO = ("wind-bukhara", "Ветровая станция в Бухарской области",
            "В Бухарской области Узбекистана введена в эксплуатацию ветровая электростанция мощностью 250 МВт. "
            "Инвестиции в станцию составили $280 млн.", dt.datetime(2025, 6, 4, 9, 30))
POST_ONE = (101, "Бишкек и Пекин договорились возвести в Нарыне угольную ТЭЦ на 150 МВт "
                 "стоимостью $200 млн.", "2025-06-02T10:00:00+00:00")
# A repost of the second feed entry, with the channel's own framing: one story with it.
POST_TWO = (102, "❗️ В Бухарской области Узбекистана введена в эксплуатацию ветровая электростанция мощностью "
                 "250 МВт. Инвестиции в станцию составили $280 млн.\nПодписывайтесь на канал.",
            "2025-06-04T11:00:00+00:00")


# ---------------------------------------------------------------- the site the watcher polls


class Site:
    """A feed and a Telegram preview page on 127.0.0.1, with ETags, whose answers a test changes."""

    def __init__(self):
        self.entries = [FEED_ONE]
        self.posts = [POST_ONE]
        self.feed_failure: tuple[int, str] | None = None  # (status, body) served instead of the feed
        self.preview_failure: tuple[int, str] | None = None
        self.requests: list[tuple[str, str | None]] = []  # (path, If-None-Match)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                site.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/feed.xml":
                    self._answer(site.feed_failure, site.feed(), "application/atom+xml")
                elif self.path.startswith(f"/s/{CHANNEL}"):
                    self._answer(site.preview_failure, site.preview(), "text/html")
                else:
                    self._send(404, b"not here", "text/plain")

            def _answer(self, failure, body: str, kind: str):
                if failure:
                    self._send(failure[0], failure[1].encode(), "text/html")
                    return
                data = body.encode("utf-8")
                etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(200, data, kind, etag)

            def _send(self, status: int, data: bytes, kind: str, etag: str | None = None):
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def feed(self) -> str:
        entries = "".join(
            f"<entry><id>urn:test:{key}</id><title>{title}</title><link href='https://news.example/{key}'/>"
            f"<published>{when.isoformat()}Z</published><updated>{when.isoformat()}Z</updated>"
            f"<content type='html'>&lt;p&gt;{text}&lt;/p&gt;</content></entry>"
            for key, title, text, when in self.entries)
        return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>Степные новости</title><id>urn:test:feed</id><updated>2025-06-04T10:00:00Z</updated>{entries}</feed>")

    def preview(self) -> str:
        posts = "".join(
            f"<div class='tgme_widget_message_wrap'><div class='tgme_widget_message js-widget_message' "
            f"data-post='{CHANNEL}/{pid}'><div class='tgme_widget_message_text js-message_text' dir='auto'>"
            f"{text.replace(chr(10), '<br/>')}</div><div class='tgme_widget_message_footer'>"
            f"<a class='tgme_widget_message_date' href='https://t.me/{CHANNEL}/{pid}'><time datetime='{when}' "
            f"class='time'>10:00</time></a></div></div></div>"
            for pid, text, when in self.posts)
        return ("<!DOCTYPE html><html><head><title>Степной транзит</title></head><body>"
                "<div class='tgme_channel_info_header_title'><span dir='auto'>Степной транзит</span></div>"
                f"<section class='tgme_channel_history'>{posts}</section></body></html>")

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    served = Site()
    yield served
    served.stop()


def config_for(tmp_path: Path, site: Site) -> WatchConfig:
    sources = tmp_path / "sources.toml"
    sources.write_text(f"""
[defaults]
interval = 1
max_backoff = 8

[[source]]
id = "steppe-news"
kind = "feed"
url = "{site.url}/feed.xml"

[[source]]
id = "steppe-transit"
kind = "telegram"
channel = "{CHANNEL}"
preview_url = "{site.url}/s/"
""", encoding="utf-8")
    return WatchConfig(sources_file=sources, inputs=[], inbox=tmp_path / "inbox", out=tmp_path / "warehouse",
                       state_dir=tmp_path / "watch", feeds_dir=tmp_path / "feeds",
                       views_file=tmp_path / "saved_views.json", public_url="http://127.0.0.1:8501")


def inbox_items(inbox: Path) -> list[str]:
    """Every item written to the inbox: feed entry ids and Telegram post ids, in file order."""
    items = []
    for path in sorted(inbox.rglob("*")):
        if path.suffix == ".atom":
            items += [e.id for e in feedparser.parse(path.read_bytes()).entries]
        elif path.suffix == ".json":
            items += [f"post {m['id']}" for m in json.loads(path.read_text(encoding="utf-8"))["messages"]]
    return items


def source_status(status: dict, source_id: str) -> dict:
    return next(s for s in status["sources"] if s["id"] == source_id)


# ---------------------------------------------------------------- small pieces


def test_a_telegram_preview_page_becomes_posts_and_anything_else_is_refused():
    site = Site.__new__(Site)
    site.posts = [POST_ONE, POST_TWO]
    title, posts = parse_preview(Site.preview(site))
    assert title == "Степной транзит"
    assert [p.id for p in posts] == [101, 102]
    assert posts[1].text.splitlines()[-1] == "Подписывайтесь на канал."
    assert posts[0].date == "2025-06-02T10:00:00+00:00"
    for page in ("<html><body><h1>502 Bad Gateway</h1></body></html>", "", "\x00\x01garbage"):
        with pytest.raises(NotAPreview):
            parse_preview(page)


def test_the_sources_file_is_checked_whole():
    with pytest.raises(SourcesError) as error:
        parse_sources({"source": [{"id": "a b", "kind": "feed", "url": "ftp://x"},
                                  {"id": "t", "kind": "telegram", "channel": "no"},
                                  {"id": "f", "kind": "folder"}, {"id": "f", "kind": "mailbox"}]})
    message = str(error.value)
    for problem in ("`id` must be", "http(s) `url`", "public channel name", "needs a `path`", "used twice", "`kind`"):
        assert problem in message
    example = parse_sources(__import__("tomllib").loads((ROOT / "sources.example.toml").read_text()), base=ROOT)
    assert [s.kind for s in example] == ["feed", "telegram", "folder"]


def test_a_saved_view_is_its_filters_whatever_page_or_record_the_url_names():
    one = alerts.view_id({"page": "map", "countries": "UZB,KAZ", "v": "abc"})
    two = alerts.view_id({"page": "tables", "countries": "KAZ,UZB", "record": "project:x", "bogus": "1"})
    assert one == two
    assert alerts.view_id({"countries": "KAZ"}) != one


# ---------------------------------------------------------------- end to end


def test_watch_reads_new_items_skips_seen_ones_survives_errors_and_the_dashboard_shows_them(
        tmp_path, site, request):
    config = config_for(tmp_path, site)

    # Round 1: one entry, one post → two inbox files, a warehouse built from them.
    status = run_round(config, force=True)
    assert status["round"]["new_items"] == 2, status
    assert sorted(inbox_items(config.inbox)) == ["post 101", "urn:test:solar-navoi"]
    assert status["build"].get("data_version"), status["build"]
    articles = pd.read_parquet(config.out / "articles.parquet")
    assert len(articles) == 2 and set(articles["source_kind"]) == {"rss", "telegram"}
    post = articles[articles["source_kind"] == "telegram"].iloc[0]
    assert post["url"] == f"https://t.me/{CHANNEL}/101" and post["channel"] == "Степной транзит"
    first_version = status["build"]["data_version"]

    # The view an analyst saves now: Uzbekistan. What it matches now is its baseline, not news.
    view = alerts.save_view("Uzbekistan energy", {"page": "map", "countries": "UZB"}, config.views_file)
    alerts.refresh_feeds(config.out, config.views_file, config.feeds_dir, config.public_url)
    baseline = feedparser.parse((config.feeds_dir / f"{view['id']}.xml").read_bytes())
    assert baseline.bozo == 0 and baseline.entries == []

    # Round 2, nothing changed: conditional requests, 304s, nothing written, nothing rebuilt.
    site.requests.clear()
    status = run_round(config, force=True)
    assert status["round"]["new_items"] == 0
    assert all(etag for _, etag in site.requests), site.requests
    assert "build" not in status or status["build"].get("skipped")
    assert len(inbox_items(config.inbox)) == 2

    # Items are added; the feed answers 500 and the preview a page that is no preview.
    site.entries.append(FEED_TWO)
    site.posts.append(POST_TWO)
    site.feed_failure = (500, "<h1>Internal Server Error</h1>")
    site.preview_failure = (200, "<html><body><p>Сервис временно недоступен</p></body></html>")
    status = run_round(config, force=True)
    feed, channel = source_status(status, "steppe-news"), source_status(status, "steppe-transit")
    assert feed["failures"] == 1 and "HTTP 500" in feed["last_error"] and feed["last_success"]
    assert channel["failures"] == 1 and "not a Telegram preview" in channel["last_error"]
    assert len(inbox_items(config.inbox)) == 2, "a failed poll wrote something"
    assert pd.read_parquet(config.out / "articles.parquet").shape[0] == 2, "nothing already read is lost"

    # Backoff: failing again doubles the wait, up to max_backoff; an ordinary round leaves the source alone.
    site.feed_failure = (200, "<rss><channel><item><title>broken")  # malformed
    status = run_round(config, force=True)
    feed = source_status(status, "steppe-news")
    state = SourceState.load(config.state_dir, "steppe-news")
    assert feed["failures"] == 2 and state.next_due - time.time() > 1.0
    assert "not a feed" in feed["last_error"]
    site.requests.clear()
    run_round(config, build=False)
    assert not any(path == "/feed.xml" for path, _ in site.requests), "a source in backoff was polled"

    # The dashboard runs on the warehouse of round 1 while the sources recover.
    from tests.test_browser_dashboard import CHROMIUM, CHROMIUM_ARGS, _require_tools
    from tests.test_deploy_proxy import serve

    _require_tools()
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    server = serve(config.out, artifacts / "streamlit-watch.log", WATCH_STATE_DIR=str(config.state_dir),
                   SAVED_VIEWS_FILE=str(config.views_file), FEEDS_DIR=str(config.feeds_dir))
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{server.url}/about?page=about")
            page.get_by_text("steppe-news is failing since").wait_for()
            page.get_by_text("Uzbekistan energy").wait_for()
            page.goto(f"{server.url}/articles?page=articles")
            page.get_by_text(FEED_ONE[1]).first.wait_for()
            assert page.get_by_text(FEED_TWO[1]).count() == 0

            # Round 5: both sources answer again; only the new items are written; the warehouse is swapped.
            site.feed_failure = site.preview_failure = None
            status = run_round(config, force=True)
            assert status["round"]["new_items"] == 2, status
            assert source_status(status, "steppe-news")["failures"] == 0
            assert source_status(status, "steppe-news")["last_error"]  # the last error stays on record
            items = inbox_items(config.inbox)
            assert sorted(items) == ["post 101", "post 102", "urn:test:solar-navoi", "urn:test:wind-bukhara"]
            assert status["build"]["data_version"] != first_version

            # The open dashboard shows the new article on its next run, without a restart.
            page.reload()
            page.get_by_text(FEED_TWO[1]).first.wait_for()
            # The feed entry and the channel's repost of it are one story, shown together.
            page.get_by_text("One story: 2 articles from 2 outlets").wait_for()
            page.screenshot(path=artifacts / "watch-after-swap.png", full_page=True)
            browser.close()
    finally:
        alive = server.process.poll() is None
        server.stop()
    assert alive, "the dashboard stopped"

    stories = pd.read_parquet(config.out / "stories.parquet")
    assert len(stories) == 1 and stories.iloc[0]["n_outlets"] == 2

    # The saved view's feed: valid Atom with only what is new and matches (Uzbekistan), nothing of the baseline
    # (the Navoiy plant) and nothing outside the view (the plant in Kyrgyzstan).
    parsed = feedparser.parse((config.feeds_dir / f"{view['id']}.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "Central Asia monitor: Uzbekistan energy"
    titles = [e.title for e in parsed.entries]
    assert any("Bukhara" in t for t in titles), titles
    assert any(t.startswith("Story: ") for t in titles), titles
    assert not any("Navoi" in t or "Naryn" in t for t in titles), titles
    for entry in parsed.entries:
        assert entry.link.startswith("http://127.0.0.1:8501/") and entry.updated_parsed


def test_watch_once_from_the_command_line_copies_a_saved_search_folder(tmp_path):
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "search-1.txt").write_text("Таджикистан и Узбекистан открыли новый пункт пропуска на границе.",
                                        encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nid = "searches"\nkind = "folder"\npath = "{saved}"\n', encoding="utf-8")
    args = [sys.executable, "-m", "etl", "watch", "--once", "--sources", str(sources), "--input",
            "--inbox", str(tmp_path / "inbox"), "--out", str(tmp_path / "warehouse"), "--state", str(tmp_path / "state"),
            "--views", str(tmp_path / "none.json")]
    first = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "searches" in first.stdout and "new items: 1" in first.stdout
    copies = list((tmp_path / "inbox" / "searches").glob("*.txt"))
    assert len(copies) == 1
    second = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "new items: 0" in second.stdout
    assert len(pd.read_parquet(tmp_path / "warehouse" / "articles.parquet")) == 1

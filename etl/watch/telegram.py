"""A public Telegram channel's web preview (`https://t.me/s/<channel>`) as posts, read with BeautifulSoup.

The preview lists the channel's latest posts (about twenty) oldest first; `?before=<id>` pages back.
Each post is a `.tgme_widget_message` with `data-post="<channel>/<id>"`, its text in
`.tgme_widget_message_text`, its time in `time[datetime]` and, for a repost, the original channel in
`.tgme_widget_message_forwarded_from_name`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

_POST = re.compile(r"^([A-Za-z][A-Za-z0-9_]{3,31})/(\d+)$")


class NotAPreview(ValueError):
    """The page is not a Telegram channel preview (an error page, a changed layout, garbage)."""


@dataclass
class Post:
    id: int
    text: str
    date: str | None  # ISO date-time as the page gives it
    forwarded_from: str | None = None


def parse_preview(html: str) -> tuple[str | None, list[Post]]:
    """(channel title, posts with text, oldest first). Raises NotAPreview for a page that is none."""
    soup = BeautifulSoup(html or "", "lxml")
    messages = soup.select(".tgme_widget_message[data-post]")
    header = soup.select_one(".tgme_channel_info_header_title") or soup.select_one(".tgme_header_title")
    if not messages and header is None:
        raise NotAPreview("no channel header and no posts: not a Telegram preview page")
    title = header.get_text(" ", strip=True) if header is not None else None
    posts: dict[int, Post] = {}
    for message in messages:
        match = _POST.match(str(message.get("data-post") or ""))
        body = message.select_one(".tgme_widget_message_text")
        if not match or body is None:
            continue  # a photo or a sticker without text, a service message
        for br in body.find_all("br"):
            br.replace_with("\n")
        text = "\n".join(line.strip() for line in body.get_text().splitlines() if line.strip())
        if not text:
            continue
        stamp = message.select_one("time[datetime]")
        forwarded = message.select_one(".tgme_widget_message_forwarded_from_name")
        post_id = int(match.group(2))
        posts[post_id] = Post(id=post_id, text=text, date=_iso(stamp.get("datetime")) if stamp else None,
                              forwarded_from=forwarded.get_text(" ", strip=True) if forwarded else None)
    return title, [posts[k] for k in sorted(posts)]


def _iso(value) -> str | None:
    try:
        return dt.datetime.fromisoformat(str(value)).isoformat()
    except ValueError:
        return None


def fetch_with_api(channel: str, after_id: int, limit: int = 200) -> tuple[str | None, list[Post]]:
    """Posts after `after_id` through the Telegram API (Telethon), for channels without a public preview.

    Optional: needs `pip install telethon` and TELEGRAM_API_ID, TELEGRAM_API_HASH, TELEGRAM_SESSION (a
    session string) in the environment."""
    import os

    try:
        from telethon.sessions import StringSession
        from telethon.sync import TelegramClient
    except ImportError as error:
        raise RuntimeError("the Telegram API needs Telethon: pip install telethon") from error
    try:
        api_id, api_hash = int(os.environ["TELEGRAM_API_ID"]), os.environ["TELEGRAM_API_HASH"]
        session = os.environ["TELEGRAM_SESSION"]
    except (KeyError, ValueError) as error:
        raise RuntimeError("set TELEGRAM_API_ID, TELEGRAM_API_HASH and TELEGRAM_SESSION for the Telegram API") from error
    with TelegramClient(StringSession(session), api_id, api_hash) as client:
        entity = client.get_entity(channel)
        posts = [Post(id=m.id, text=m.message, date=m.date.isoformat() if m.date else None)
                 for m in client.iter_messages(entity, min_id=after_id, limit=limit) if m.message]
        return getattr(entity, "title", None), sorted(posts, key=lambda p: p.id)

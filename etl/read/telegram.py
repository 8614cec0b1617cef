"""Telegram Desktop's "Export chat history" JSON (`result.json`): one article per message."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from etl.read.common import (
    TITLE_MAX_CHARS, Draft, Reject, dedupe_paragraphs, is_stub_post, looks_like_title,
)

POST_LINK = re.compile(r"(?:https?://)?t\.me/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})/(\d+)")


def message_text(text) -> str:
    """`text` is a string, or a list of strings and `{type, text, href}` pieces."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(piece if isinstance(piece, str) else str(piece.get("text", "")) for piece in text
                       if isinstance(piece, (str, dict)))
    return ""


def _links(message: dict) -> list[str]:
    found = []
    pieces = message.get("text_entities") or (message.get("text") if isinstance(message.get("text"), list) else [])
    for piece in pieces:
        if isinstance(piece, dict):
            found += [piece.get("href") or "", piece.get("text") or ""]
    return found


def public_name(payload: dict, messages: list[dict]) -> str | None:
    """The channel's public @name: given in the export, or read off links to its own posts."""
    if isinstance(payload.get("username"), str) and payload["username"].strip("@"):
        return payload["username"].strip("@")
    own_ids = {str(m.get("id")) for m in messages}
    votes: Counter[str] = Counter()
    for message in messages:
        for link in _links(message):
            for name, post in POST_LINK.findall(link):
                if post in own_ids:
                    votes[name] += 1
    return votes.most_common(1)[0][0] if votes else None


def read_telegram_export(payload, source_file: str) -> tuple[list[Draft], list[Reject]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("messages"), list):
        return [], [Reject(source_file, "unsupported-json", "no `messages` list: not a Telegram chat export")]
    channel = payload.get("name") if isinstance(payload.get("name"), str) else None
    messages = [m for m in payload["messages"] if isinstance(m, dict)]
    username = public_name(payload, messages)
    drafts: list[Draft] = []
    rejects: list[Reject] = []
    for message in messages:
        item = f"message {message.get('id')}"
        if message.get("type") != "message":
            rejects.append(Reject(source_file, "no-text", f"service message ({message.get('action', 'no action')})", item))
            continue
        paragraphs = [line.strip() for line in message_text(message.get("text")).splitlines() if line.strip()]
        paragraphs = dedupe_paragraphs(paragraphs)
        if not paragraphs:
            rejects.append(Reject(source_file, "no-text", "a message without text (media only)", item))
            continue
        published = None
        try:
            if message.get("date"):
                published = dt.datetime.fromisoformat(str(message["date"])).date()
            elif message.get("date_unixtime"):
                published = dt.datetime.fromtimestamp(int(message["date_unixtime"]), dt.timezone.utc).date()
        except (ValueError, OverflowError):
            published = None
        title = paragraphs[0] if len(paragraphs) > 1 and looks_like_title(paragraphs[0]) else None
        forwarded = message.get("forwarded_from")
        drafts.append(Draft(
            source_file=source_file, source_kind="telegram", source_item=item, channel=channel,
            url=f"https://t.me/{username}/{message.get('id')}" if username and message.get("id") is not None else None,
            title=title[:TITLE_MAX_CHARS] if title else None, text="\n".join(paragraphs),
            published=published, date_basis="metadata" if published else "none",
            is_stub=is_stub_post(paragraphs), forwarded_from=forwarded if isinstance(forwarded, str) else None,
        ))
    return drafts, rejects

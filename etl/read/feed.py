"""RSS 2.0 and Atom feeds (feedparser): one article per entry."""

from __future__ import annotations

import datetime as dt

import feedparser
from bs4 import BeautifulSoup

from etl.dates import source_year_evidence
from etl.read.common import Draft, Reject, date_from_text, dedupe_paragraphs, safe_url


def html_to_paragraphs(fragment: str) -> list[str]:
    """Visible text of an HTML fragment, one paragraph per block element or line break."""
    soup = BeautifulSoup(fragment, "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    text = soup.get_text("\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_feed(text: str, source_file: str) -> tuple[list[Draft], list[Reject]]:
    parsed = feedparser.parse(text)
    if not parsed.entries:
        problem = str(parsed.get("bozo_exception") or "no entries")
        reason = "malformed-feed" if parsed.bozo else "no-text"
        return [], [Reject(source_file, reason, problem)]
    channel = parsed.feed.get("title") or None
    drafts: list[Draft] = []
    rejects: list[Reject] = []
    for n, entry in enumerate(parsed.entries, start=1):
        item = entry.get("id") or entry.get("link") or f"entry {n}"
        bodies = entry.get("content") or []
        html = "\n".join(c.get("value", "") for c in bodies) or entry.get("summary", "")
        title = (entry.get("title") or "").strip() or None
        paragraphs = dedupe_paragraphs(([title] if title else []) + html_to_paragraphs(html))
        if len(paragraphs) <= (1 if title else 0):
            rejects.append(Reject(source_file, "no-text", "the entry has a title but no text", str(item)))
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
        drafts.append(Draft(
            source_file=source_file, source_kind="rss", source_item=str(item), channel=channel,
            url=safe_url(entry.get("link")), title=title, text="\n".join(paragraphs),
            published=published, date_basis="metadata" if published else "none",
        ))
    if parsed.bozo and not drafts:
        # Nothing usable survived a broken document: one reject for the file says why.
        return [], [Reject(source_file, "malformed-feed", str(parsed.get("bozo_exception") or "not well-formed"))]
    source_year = source_year_evidence([d.text for d in drafts])
    for draft in drafts:
        date_from_text(draft, source_year)
    return drafts, rejects

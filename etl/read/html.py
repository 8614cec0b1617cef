"""Saved HTML pages: main text, title, date and canonical URL from the page (trafilatura)."""

from __future__ import annotations

import datetime as dt

import trafilatura

from etl.dates import source_year_evidence
from etl.read.common import Draft, Reject, date_from_text, dedupe_paragraphs, safe_url
from etl.read.feed import html_to_paragraphs


def read_html(text: str, source_file: str) -> tuple[list[Draft], list[Reject]]:
    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        return [], [Reject(source_file, "malformed-html", f"{type(exc).__name__}: {exc}")]
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    body = meta.get("text") or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if not paragraphs:
        # Short pages fall under trafilatura's minimum size: take the visible text of <body>.
        paragraphs = html_to_paragraphs(text)
    title = (meta.get("title") or "").strip() or None
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    paragraphs = dedupe_paragraphs(paragraphs)
    if len(paragraphs) <= (1 if title else 0):
        return [], [Reject(source_file, "malformed-html", "no article text found in the page")]
    published = None
    if meta.get("date"):
        try:
            published = dt.date.fromisoformat(str(meta["date"])[:10])
        except ValueError:
            published = None
    draft = Draft(
        source_file=source_file, source_kind="html", text="\n".join(paragraphs), title=title,
        url=safe_url(meta.get("url")), channel=meta.get("sitename") or meta.get("hostname") or None,
        published=published, date_basis="metadata" if published else "none",
    )
    date_from_text(draft, source_year_evidence([draft.text]))
    return [draft], []

"""Plain-text inputs: one article, one article under a ` date YYYY-MM-DD` (or ` YYYY-MM`, ` YYYY`)
header, or a dump of many Telegram posts copied out of a channel.

A channel dump has a recognisable shape: each post is its title line followed by its body, and
the copy doubles the body (the preview and the expanded post), so the body appears twice in a row.
Those tandem repeats mark the posts; what lies between them is cross-post teasers and link stubs
("Please open Telegram to view this post", a channel name, a line cut off with '…').
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from etl.dates import source_year_evidence
from etl.read.common import (
    CONTINUED_BELOW, CONTINUES_ABOVE, STUB_MARKERS, TITLE_MAX_CHARS, Draft, Reject, date_from_neighbours, date_from_text,
    dedupe_paragraphs, is_stub_post, looks_like_title, normalise_for_identity,
)

DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})(?![\d-])\s*", re.IGNORECASE)
# A file with at least this many doubled post bodies is a channel dump, not one article.
MIN_REPEATED_POSTS = 2


def tandem_repeats(keys: list[str]) -> list[tuple[int, int]]:
    """(start, length) of blocks immediately followed by an identical copy, left to right."""
    positions: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        positions[key].append(i)
    blocks = []
    i, n = 0, len(keys)
    while i < n:
        length = next(
            (j - i for j in positions[keys[i]] if j > i and j + (j - i) <= n and keys[i:j] == keys[j:2 * j - i]),
            None,
        )
        if length:
            blocks.append((i, length))
            i += 2 * length
        else:
            i += 1
    return blocks


def split_posts(lines: list[str]) -> list[list[str]] | None:
    """The posts of a channel dump as lists of lines, or None when the text is one article."""
    keys = [normalise_for_identity(line) for line in lines]
    blocks = tandem_repeats(keys)
    has_stub_markers = any(STUB_MARKERS.match(line) for line in lines)
    if len(blocks) < MIN_REPEATED_POSTS and not has_stub_markers:
        return None
    posts: list[list[str]] = []
    loose: list[str] = []  # lines outside any repeated body: titles, stubs, unrepeated posts

    def flush_loose() -> None:
        group: list[str] = []
        for k, line in enumerate(loose):
            group.append(line)
            # Telegram's placeholder lines close a stub; the next line starts something new.
            closes = STUB_MARKERS.match(line) and line.lower() != "telegram"
            following = loose[k + 1] if k + 1 < len(loose) else ""
            if closes and not STUB_MARKERS.match(following):
                posts.append(group)
                group = []
        if group:
            posts.append(group)
        loose.clear()

    i = 0
    block_at = dict(blocks)
    while i < len(lines):
        if i in block_at:
            length = block_at[i]
            lead = []
            # The title (or a "Начало☝️" marker) sits right before the repeated body.
            if loose and len(loose[-1]) <= TITLE_MAX_CHARS and not STUB_MARKERS.match(loose[-1]):
                lead = [loose.pop()]
            flush_loose()
            posts.append(lead + lines[i:i + length])
            i += 2 * length
        else:
            loose.append(lines[i])
            i += 1
    flush_loose()
    return posts


def _post_draft(lines: list[str], source_file: str, number: int) -> Draft:
    paragraphs = dedupe_paragraphs(lines)
    stub = is_stub_post(paragraphs)
    title = channel = None
    if stub:
        # A cross-post teaser names the channel it comes from on a short line of its own.
        names = [p for p in paragraphs if len(p) <= 80 and not STUB_MARKERS.match(p)]
        channel = names[0] if names else None
        body = [p for p in paragraphs if not STUB_MARKERS.match(p) and p != channel]
    else:
        body = paragraphs
        if len(body) > 1 and looks_like_title(body[0]) and not CONTINUES_ABOVE.match(body[0]):
            title = body[0]
    return Draft(
        source_file=source_file, source_kind="telegram", text="\n".join(body), source_item=f"post {number}",
        channel=channel, title=title, is_stub=stub,
    )


def read_text(text: str, source_file: str) -> tuple[list[Draft], list[Reject]]:
    published: dt.date | None = None
    partial = False  # " date 2024-06": a month (or a year) only, the earliest day it allows
    header = DATE_HEADER.match(text)
    if header:
        parts = header[1].split("-")
        partial = len(parts) < 3
        try:
            published = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            published = None
        text = text[header.end():]
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return [], [Reject(source_file, "empty", "no text after the date header")]

    posts = split_posts(lines) if not header else None
    if posts is None:
        paragraphs = dedupe_paragraphs(lines)
        title = paragraphs[0] if len(paragraphs) > 1 and looks_like_title(paragraphs[0]) else None
        draft = Draft(source_file=source_file, source_kind="text", text="\n".join(paragraphs), title=title,
                      is_stub=is_stub_post(paragraphs))
        if published:
            draft.published, draft.date_basis, draft.date_clue = published, "approximate" if partial else "header", \
                header[0].strip()
        date_from_text(draft, source_year_evidence([draft.text]))
        return [draft], []

    drafts = [_post_draft(post, source_file, n) for n, post in enumerate(posts, start=1)]
    for n, draft in enumerate(drafts):
        first = draft.text.split("\n", 1)[0]
        if n and CONTINUES_ABOVE.match(first) and CONTINUED_BELOW.match(drafts[n - 1].text.rsplit("\n", 1)[-1]):
            draft.continues_index = n - 1
    source_year = source_year_evidence([d.text for d in drafts])
    for draft in drafts:
        date_from_text(draft, source_year)
    date_from_neighbours(drafts)
    return drafts, []

"""What every reader shares: the draft article, the reject, decoding, paragraph hygiene."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from etl.dates import dated, date_in_name


@dataclass
class Draft:
    """An article as a reader found it, before ids and de-duplication."""

    source_file: str
    source_kind: str
    text: str
    source_item: str | None = None
    channel: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    date_basis: str = "none"
    date_clue: str | None = None  # the words, file name or posts the date was read from
    is_stub: bool = False
    forwarded_from: str | None = None
    # Index (in the same reader's output) of the draft this one continues.
    continues_index: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Reject:
    source_file: str
    reason: str
    detail: str
    source_item: str | None = None


# Telegram's placeholders for cross-posts and link previews that carry no article of their own.
STUB_MARKERS = re.compile(
    r"^(?:please open telegram to view this post|view in telegram|открыть в telegram|telegram)$",
    re.IGNORECASE,
)
CONTINUED_BELOW = re.compile(r"^\s*(?:продолжение|читать далее|далее)\s*(?:[👇⬇️↓]+|ниже)\s*$", re.IGNORECASE)
CONTINUES_ABOVE = re.compile(r"^\s*(?:начало|начало выше)\s*(?:[☝️👆⬆️↑]+|выше)?\s*$", re.IGNORECASE)
TEASER_END = re.compile(r"(?:…|\.\.\.)\s*$")
TITLE_MAX_CHARS = 200
CYRILLIC_ENCODINGS = ["cp1251", "koi8_r", "koi8_u", "mac_cyrillic", "cp866", "iso8859_5", "ptcp154", "kz1048"]


def decode_bytes(data: bytes) -> tuple[str | None, tuple[str, str] | None]:
    """Bytes to text: UTF-8 first, then the encoding charset-normalizer finds (cp1251, koi8-r…).

    Returns (text, None) or (None, (reason, detail)).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        return None, ("binary", "NUL bytes in the first 8 KiB")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    # The sources are Russian and Kazakh: ask the detector among the legacy Cyrillic code pages
    # first (short texts are otherwise ambiguous with CJK ones), then among all.
    best = from_bytes(data, cp_isolation=CYRILLIC_ENCODINGS).best()
    if best is None or "Cyrillic" not in best.alphabets:
        best = from_bytes(data).best()
    if best is None:
        return None, ("undecodable", "no encoding fits: neither UTF-8 nor a detected legacy encoding")
    text = str(best)
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    if not text or printable / len(text) < 0.95:
        return None, ("binary", f"decoded as {best.encoding}, but {len(text) - printable} characters are control codes")
    return text, None


def normalise_for_identity(text: str) -> str:
    """The form two copies of one article share whatever their whitespace, case or Unicode form."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("ё", "е")
    return re.sub(r"\s+", " ", text).strip()


def dedupe_paragraphs(paragraphs: list[str]) -> list[str]:
    """Paragraphs in order, each kept once (the first time it appears)."""
    seen: set[str] = set()
    kept = []
    for para in paragraphs:
        key = normalise_for_identity(para)
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append(para)
    return kept


def looks_like_title(line: str) -> bool:
    """A headline: short and not closed like a sentence (a question or exclamation may be)."""
    line = line.strip()
    return 0 < len(line) <= TITLE_MAX_CHARS and not line.endswith((".", "…", ",", ";", ":"))


def is_stub_post(paragraphs: list[str]) -> bool:
    """A cross-post teaser or link stub: a Telegram placeholder, or one short line cut off with '…'."""
    if any(STUB_MARKERS.match(p.strip()) for p in paragraphs):
        return True
    body = [p for p in paragraphs if len(p) > TITLE_MAX_CHARS]
    return len(body) == 1 and bool(TEASER_END.search(body[0])) and len(body[0]) < 700


def date_from_text(draft: Draft, source_year: int | None) -> None:
    """Fill `published` from the draft's own text where no header or metadata gave one."""
    if draft.published is not None:
        return
    found = dated(draft.text, source_year)
    draft.published, draft.date_basis, draft.date_clue = found.day, found.basis, found.clue


# Bases of a date read off the article itself or its source's metadata; the others are approximate.
FIRM_BASES = ("header", "metadata", "in-text", "inferred")
# The dated posts of a channel dump must mostly run in one direction, and an undated post's two dated
# neighbours must lie close together, before they date it.
ORDERED_SHARE = 0.75
MIN_DATED_POSTS = 3
MAX_NEIGHBOUR_SPAN_DAYS = 45


def date_from_neighbours(drafts: list[Draft]) -> None:
    """Date undated posts of one channel dump by the dated posts around them (`neighbours`).

    A dump lists posts in the order they were published: a post between two dated ones was published
    between their dates. Only firm dates count, only in a dump whose dated posts mostly run one way,
    and only between neighbours at most MAX_NEIGHBOUR_SPAN_DAYS apart; `published` is the earlier
    of the two (the post is not older than that), `date_clue` names both posts.
    """
    firm = [(i, d.published) for i, d in enumerate(drafts) if d.published and d.date_basis in FIRM_BASES]
    if len(firm) < MIN_DATED_POSTS:
        return
    steps = [b[1] >= a[1] for a, b in zip(firm, firm[1:])]
    forward = sum(steps) / len(steps)
    if max(forward, 1 - forward) < ORDERED_SHARE:
        return
    for i, draft in enumerate(drafts):
        if draft.published is not None:
            continue
        before = [f for f in firm if f[0] < i]
        after = [f for f in firm if f[0] > i]
        if not before or not after:
            continue
        (bi, bday), (ai, aday) = before[-1], after[0]
        low, high = min(bday, aday), max(bday, aday)
        if (high - low).days > MAX_NEIGHBOUR_SPAN_DAYS:
            continue
        draft.published, draft.date_basis = low, "neighbours"
        draft.date_clue = (f"{drafts[bi].source_item or bi + 1} ({bday.isoformat()}) – "
                           f"{drafts[ai].source_item or ai + 1} ({aday.isoformat()})")


def date_from_name(drafts: list[Draft], name: str) -> None:
    """The date a file's name carries, for its articles no other clue dated (`file-name`)."""
    found = date_in_name(name)
    if not found:
        return
    for draft in drafts:
        if draft.published is None:
            draft.published, draft.date_basis, draft.date_clue = found[0], "file-name", found[1]


def safe_url(url: str | None) -> str | None:
    """Keep only http(s) links: a `javascript:` or `data:` URL from an input never reaches a page."""
    if not url:
        return None
    url = url.strip()
    return url if re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE) else None

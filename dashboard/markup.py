"""Turning article-derived strings into safe HTML and Markdown.

Every string that comes from an article (titles, texts, names, quotes, channel names, URLs) is
hostile until escaped here. folium puts tooltip and popup HTML inside JavaScript template literals,
so `esc()` also turns the characters that matter there (backtick, `$`, braces, backslash) into HTML
entities, which a browser shows as the characters themselves. Links are rendered only for
http/https URLs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "{": "&#123;", "}": "&#125;", "\\": "&#92;"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^>]*>")
# Everything CommonMark (and Streamlit's Markdown: LaTeX `$`, emoji `:`) may read as syntax.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&^])")


# Every character `esc` changes: text without any is returned as it is (most labels and figures), which
# makes escaping the tens of thousands of strings of a large map cheap.
_ESCAPED = re.compile(r"[&<>\"'`${}\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(value: object) -> str:
    """HTML text safe in element content, in quoted attributes and inside a JS template literal."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if not _ESCAPED.search(text):
        return text
    text = _CONTROL.sub(" ", text)
    return html.escape(text, quote=True).translate(_TEMPLATE_LITERAL)


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL without spaces or control characters, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > 2048 or any(ch.isspace() for ch in url) or _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def link(url: object, label: object, *, new_tab: bool = True) -> str:
    """An <a> for an http(s) URL; otherwise the escaped label alone."""
    href = safe_url(url)
    if not href:
        return esc(label)
    target = ' target="_blank" rel="noopener noreferrer"' if new_tab else ""
    return f'<a href="{esc(href)}"{target}>{esc(label)}</a>'


_APP_PATH = re.compile(r"^/(?!/)[A-Za-z0-9_\-./]*(\?[A-Za-z0-9_\-.:=&%,]*)?$")


def app_link(path: str, label: object) -> str:
    """An <a> to a path of this app (`/articles?page=…`), opened in a new tab; anything else stays text."""
    if not isinstance(path, str) or not _APP_PATH.match(path):
        return esc(label)
    return f'<a href="{esc(path)}" target="_blank" rel="noopener">{esc(label)}</a>'


def app_anchor(path: str | None, inner_html: str, *, new_tab: bool = False) -> str:
    """`inner_html` (already escaped here) inside an <a> to a path of this app; outside one if the path is not."""
    if not isinstance(path, str) or not _APP_PATH.match(path):
        return inner_html
    target = ' target="_blank" rel="noopener"' if new_tab else ""
    return f'<a href="{esc(path)}"{target}>{inner_html}</a>'


def plain_text(fragment: str) -> str:
    """What a browser shows of an HTML fragment built here: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment or "")).split())


def md_escape(value: object) -> str:
    """Text for Streamlit labels and Markdown, shown literally (no links, code, LaTeX or HTML)."""
    if value is None:
        return ""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def first_words(text: object, n: int = 12) -> str:
    if not isinstance(text, str):
        return ""
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """The escaped text with `<mark>` around each (start, end, kind, title) span.

    Offsets are character offsets into `text` (as `mentions.start`/`end`). Spans that fall outside
    the text, are empty, or overlap an earlier span are skipped, so bad offsets never break the page.
    """
    text = text if isinstance(text, str) else ""
    usable = sorted(
        ((int(s), int(e), k, tl) for s, e, k, tl in spans if s is not None and e is not None and 0 <= int(s) < int(e) <= len(text)),
        key=lambda span: (span[0], -span[1]),
    )
    out, cursor = [], 0
    for start, end, kind, title in usable:
        if start < cursor:
            continue
        out.append(esc(text[cursor:start]))
        css_kind = kind if isinstance(kind, str) and kind.isalpha() else "other"
        out.append(f'<mark class="mention mention-{css_kind}" title="{esc(title)}">{esc(text[start:end])}</mark>')
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)

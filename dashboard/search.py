"""Whole-word search, in any grammatical form of each word, and the matches it highlights.

`АЭС` finds «АЭС» but not «ЕАЭС»; `Улкен` also finds «Улкена», `газ` «газа» and «газом» (but not
«газопровод»): each query word stands for the forms pymorphy2 generates from it, kept to those that
share the word's stem, and must stand as a whole word. `газ*` is a prefix (газопровод, газовый);
a word in quotes (`"газ"`) is that form only. Several words are a phrase, in order, with any
punctuation or spaces between them (`Сила Сибири 2` finds «Сила Сибири-2»). Case and ё/е are
ignored.

Matching runs on normalised text (`normalise`: lower case, ё → е, one character for one, so offsets
into the normalised text are offsets into the original); a cheap substring test on each word's stem
selects the candidates the regular expression then checks.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.markup import esc

MAX_WORDS = 8
MAX_FORMS = 60
_WORD = re.compile(r'"[^"]+"|[\w*]+', re.UNICODE)
_CYRILLIC = re.compile(r"[а-я]", re.IGNORECASE)


def normalise(text: str) -> str:
    """Case- and ё-insensitive form of `text`, as long as `text` (offsets carry over)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is two characters (İ)
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return lowered.replace("ё", "е")


@dataclass(frozen=True)
class SearchQuery:
    text: str  # the query as typed
    pattern: re.Pattern  # over normalised text
    stems: tuple[str, ...]  # a substring every match contains, per word (the prefilter)
    sql_pattern: str = ""  # the same pattern for DuckDB's regular expressions (RE2: no look-around)


@lru_cache(maxsize=1)
def _morph():
    if os.environ.get("DASHBOARD_SEARCH_FORMS", "1") == "0":
        return None
    try:
        import yargy.morph  # noqa: F401  (patches pymorphy2 for Python 3.11, as the ETL does)
        import pymorphy2

        return pymorphy2.MorphAnalyzer()
    except Exception:  # without the morphology the search is by the exact word
        return None


@lru_cache(maxsize=2048)
def word_forms(word: str) -> tuple[str, ...]:
    """The forms a query word stands for, normalised, longest first: the word itself, and for a Russian
    word the forms of its paradigms that keep its stem (all of it but the last letter)."""
    word = normalise(word)
    forms = {word}
    morph = _morph() if _CYRILLIC.search(word) and len(word) >= 3 else None
    if morph is not None:
        stem = word[: max(3, len(word) - 1)]
        for parse in morph.parse(word):
            if parse.score < 0.05:
                continue
            for form in parse.lexeme:
                candidate = normalise(form.word)
                if candidate.startswith(stem):
                    forms.add(candidate)
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))[:MAX_FORMS]


def compile_query(text: str) -> SearchQuery | None:
    """The query as a pattern; None when it holds no word."""
    pieces = []
    sql_pieces = []
    stems = []
    for token in _WORD.findall(normalise(text or ""))[:MAX_WORDS]:
        if token.startswith('"'):
            words = [w for w in re.findall(r"\w+", token)]
            if not words:
                continue
            pieces.append(r"[\W_]+".join(re.escape(w) for w in words))
            sql_pieces.append(_SQL_GAP.join(_sql_escape(w) for w in words))
            stems.append(max(words, key=len))
            continue
        if token.endswith("*"):
            prefix = token.rstrip("*")
            if not prefix or "*" in prefix:
                continue
            pieces.append(re.escape(prefix) + r"\w*")
            sql_pieces.append(_sql_escape(prefix) + _SQL_WORD + "*")
            stems.append(prefix)
            continue
        token = token.replace("*", "")
        if not token:
            continue
        forms = word_forms(token)
        pieces.append("(?:" + "|".join(re.escape(f) for f in forms) + ")")
        sql_pieces.append("(?:" + "|".join(_sql_escape(f) for f in forms) + ")")
        stems.append(os.path.commonprefix(list(forms)) or token)
    if not pieces:
        return None
    pattern = re.compile(r"(?<!\w)" + r"[\W_]+".join(pieces) + r"(?!\w)", re.UNICODE)
    sql_pattern = f"(?:^|[^{_SQL_WORD_CHARS}])" + _SQL_GAP.join(sql_pieces) + f"(?:$|[^{_SQL_WORD_CHARS}])"
    return SearchQuery(text=text, pattern=pattern, stems=tuple(stems), sql_pattern=sql_pattern)


# RE2 (DuckDB) has no look-behind and an ASCII `\w`: a word character is a letter, a digit or `_`, as
# Python's `\w` on str; a match stands between non-word characters or the ends, which a boolean test
# may consume. Query text is escaped character by character, so no value is read as syntax.
_SQL_WORD_CHARS = r"\pL\pN_"
_SQL_WORD = f"[{_SQL_WORD_CHARS}]"
_SQL_GAP = r"[^\pL\pN]+"  # Python's [\W_]+


def _sql_escape(text: str) -> str:
    return "".join(ch if ch.isalnum() else f"\\x{{{ord(ch):x}}}" for ch in text)


def matches(texts: pd.Series, query: SearchQuery) -> np.ndarray:
    """Which of the normalised `texts` match: the stems as substrings first, then the pattern."""
    if not len(texts):
        return np.zeros(0, dtype=bool)
    candidates = np.ones(len(texts), dtype=bool)
    for stem in sorted(set(query.stems), key=len, reverse=True):
        candidates &= texts.str.contains(stem, regex=False).to_numpy(dtype=bool)
    found = np.zeros(len(texts), dtype=bool)
    search = query.pattern.search
    values = texts.to_numpy()
    for i in np.flatnonzero(candidates):
        found[i] = search(values[i]) is not None
    return found


def hits(text: str, query: SearchQuery | None) -> list[tuple[int, int]]:
    """(start, end) of every match in `text` (the original, not normalised)."""
    if not query or not isinstance(text, str):
        return []
    return [m.span() for m in query.pattern.finditer(normalise(text))]


def snippet_html(text: str, query: SearchQuery | None, width: int = 90) -> str:
    """The text around the first match, escaped, the match marked; empty when nothing matches."""
    found = hits(text, query)
    if not found:
        return ""
    start, end = found[0]
    left, right = max(0, start - width), min(len(text), end + width)
    before, match, after = text[left:start], text[start:end], text[end:right]
    return ("…" if left else "") + esc(" ".join(before.split(" "))) + f"<mark class='ca-hit'>{esc(match)}</mark>" \
        + esc(after) + ("…" if right < len(text) else "")

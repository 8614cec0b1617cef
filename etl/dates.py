"""Dates as Russian news writes them, and an article's publication date inferred from them.

`find_dates(text)` returns every date expression with its offsets and precision:
`28 мая 2025 года`, `19 мая`, `11 -12 ноября`, `в сентябре 2023 года`, `в конце мая`,
`в 2023 году`, `к 2028-му году`, `2025-10-07`, `07.10.2025`.

`publication_date(...)` picks the date an article was most likely published from the dates in
its own text, inferring a missing year only from evidence in the same source (the weekday named
beside the date, the dates the article itself mentions, dates elsewhere in the same file). Where
the text names no day, a yearless part of a month («в конце мая», «в начале июня») is a weaker
clue: the date is then `approximate`, the earliest day the clue allows. `dated(...)` returns the
same with the words the date came from (`date_clue`), and `date_in_name(...)` reads a date a file
name carries (`2025-05-28_kursiv.txt`), the source's own date where its text gives none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS_GENITIVE = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
MONTHS_PREPOSITIONAL = {
    "январе": 1, "феврале": 2, "марте": 3, "апреле": 4, "мае": 5, "июне": 6,
    "июле": 7, "августе": 8, "сентябре": 9, "октябре": 10, "ноябре": 11, "декабре": 12,
}
WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}

_GEN = "|".join(MONTHS_GENITIVE)
_PREP = "|".join(MONTHS_PREPOSITIONAL)
_WD = "|".join(WEEKDAYS)
_YEAR_WORD = r"(?:\s*-?\s*(?:го|м|му|й))?\s+(?:года|году|год|г\.)"

DAY_MONTH = re.compile(
    rf"(?:(?P<wd>{_WD}),?\s+)?"
    rf"\b(?P<day>[0-3]?\d)(?:\s*[-–—]\s*[0-3]?\d)?\s+(?P<month>{_GEN})\b"
    rf"(?:\s+(?P<year>(?:19|20)\d\d)(?:{_YEAR_WORD}\b|\b))?",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(
    rf"\b(?:(?:в|во)\s+)?(?P<month>{_PREP})\s+(?P<year>(?:19|20)\d\d)(?:{_YEAR_WORD})?",
    re.IGNORECASE,
)
# The first day of the part of a month a clue names: «в начале мая» 1, «в середине мая» 11, «в конце мая» 21.
MONTH_PART_FIRST_DAY = {"начале": 1, "начало": 1, "середине": 11, "середина": 11, "конце": 21, "конец": 21}
MONTH_PART = re.compile(
    rf"\b(?:(?:в|во)\s+)?(?P<part>начале|конце|середине|конец|начало|середина)\s+(?P<month>{_GEN})\b"
    rf"(?:\s+(?P<year>(?:19|20)\d\d)(?:{_YEAR_WORD}\b|\b))?",
    re.IGNORECASE,
)
YEAR_ONLY = re.compile(
    rf"(?P<prep>\b(?:к|до|в|с|по|на)\s+)?\b(?P<year>(?:19|20)\d\d)(?:{_YEAR_WORD})\b",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
DOTTED_DATE = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
TODAY_MARKER = re.compile(r"\b(?:сегодня|в\s+эти\s+минуты)\s*,?\s*$", re.IGNORECASE)
# Prepositions that point at a deadline or target, not at something that already happened.
FUTURE_PREPOSITIONS = {"к", "до"}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    surface: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None
    is_today: bool = False  # "Сегодня, 28 мая": the article's own day
    is_target: bool = False  # "к 2028 году", "до 2030 года": a deadline, not a past event
    part: str | None = None  # «в конце мая»: начале | середине | конце (the part of the month named)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def normal(self) -> str:
        """ISO form, partial where the text is partial: `2025-05-28`, `2025-05`, `--05-28`."""
        y = f"{self.year:04d}" if self.year else "-"
        if self.month is None:
            return y
        if self.day is None and not self.year:
            return f"--{self.month:02d}"
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"


def _valid(year: int | None, month: int, day: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day or 1)  # 2000 is a leap year: 29 февраля passes
    except ValueError:
        return False
    return True


def find_dates(text: str) -> list[DateMention]:
    """All date expressions in `text`, ordered by offset, overlaps resolved to the longest."""
    found: list[DateMention] = []
    for m in DAY_MONTH.finditer(text):
        day, month = int(m["day"]), MONTHS_GENITIVE[m["month"].lower()]
        year = int(m["year"]) if m["year"] else None
        if not _valid(year, month, day):
            continue
        start = m.start("day")
        weekday = WEEKDAYS[m["wd"].lower()] if m["wd"] else None
        is_today = bool(TODAY_MARKER.search(text[max(0, start - 30):start]))
        found.append(DateMention(start, m.end(), text[start:m.end()], year, month, day, weekday, is_today))
    for m in MONTH_YEAR.finditer(text):
        found.append(DateMention(m.start(), m.end(), m[0], int(m["year"]), MONTHS_PREPOSITIONAL[m["month"].lower()], None))
    for m in MONTH_PART.finditer(text):
        year = int(m["year"]) if m["year"] else None
        found.append(DateMention(m.start(), m.end(), m[0], year, MONTHS_GENITIVE[m["month"].lower()], None,
                                 part=m["part"].lower()))
    for m in YEAR_ONLY.finditer(text):
        prep = (m["prep"] or "").strip().lower()
        start = m.start("year") if prep not in ("в", "во") else m.start()
        found.append(DateMention(start, m.end(), text[start:m.end()], int(m["year"]), None, None,
                                 is_target=prep in FUTURE_PREPOSITIONS))
    for pattern in (ISO_DATE, DOTTED_DATE):
        for m in pattern.finditer(text):
            y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
            if _valid(y, mo, d):
                found.append(DateMention(m.start(), m.end(), m[0], y, mo, d))
    # Longest match wins where expressions overlap ("28 мая 2025 года" over "2025 года").
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def _lower_bound(mentions: list[DateMention]) -> dt.date | None:
    """The latest past event the text mentions with a known year: publication is not earlier."""
    bounds = []
    for d in mentions:
        if d.year is None or d.is_target:
            continue
        bounds.append(dt.date(d.year, d.month or 1, d.day or 1))
    return max(bounds, default=None)


def source_year_evidence(texts: list[str]) -> int | None:
    """The latest year given in a full date (day, month and year) anywhere in one source file."""
    years = [d.year for t in texts for d in find_dates(t) if d.precision == "day" and d.year]
    return max(years, default=None)


RECENT_DAYS = 31


def _infer_year(d: DateMention, lower: dt.date | None, source_year: int | None) -> int | None:
    candidates: list[int] = []
    if source_year is not None:
        candidates.append(source_year)
    if lower is not None:
        candidates.extend(range(lower.year, lower.year + 8))
    for year in candidates:
        if not _valid(year, d.month, d.day):
            continue
        day = dt.date(year, d.month, d.day)
        if lower is not None and day < lower - dt.timedelta(days=RECENT_DAYS):
            continue  # a day a few weeks before the latest dated event is of the same year ("15.05.2024 … 14 мая")
        if d.weekday is not None and day.weekday() != d.weekday:
            continue
        return year
    return None


@dataclass(frozen=True)
class PublicationDate:
    """An article's date as its text gives it: the day, how it was found (`date_basis`), and the words."""

    day: dt.date | None
    basis: str  # in-text | inferred | approximate | none
    clue: str | None = None  # the date expression the day comes from, as written


def publication_date(text: str, source_year: int | None = None,
                     mentions: list[DateMention] | None = None) -> tuple[dt.date | None, str]:
    """(date, basis) for an article with no header or metadata date (see `dated`)."""
    found = dated(text, source_year, mentions)
    return found.day, found.basis


def dated(text: str, source_year: int | None = None, mentions: list[DateMention] | None = None) -> PublicationDate:
    """The article's date from its own text.

    basis is `in-text` when the date is written in full, `inferred` when its year came from
    other evidence in the same source, `approximate` when the text names only a part of a month
    without a year («в конце мая»: the first day of that part, the year inferred as for a day),
    `none` (and no date) otherwise.
    """
    mentions = find_dates(text) if mentions is None else mentions
    lower = _lower_bound(mentions)
    resolved: list[tuple[dt.date, str, bool, str]] = []
    for d in mentions:
        if d.precision != "day" or d.is_target:
            continue
        if d.year is not None:
            resolved.append((dt.date(d.year, d.month, d.day), "in-text", d.is_today, d.surface))
            continue
        year = _infer_year(d, lower, source_year)
        if year is not None:
            resolved.append((dt.date(year, d.month, d.day), "inferred", d.is_today, d.surface))
    if resolved:
        today_marked = [r for r in resolved if r[2]]
        day, basis, _, clue = today_marked[0] if today_marked else max(resolved)
        # A day earlier than an event the article already reports is a date *in* the story
        # (a birthday, an anniversary), not the day it was written.
        if lower is not None and day.year < lower.year:
            return PublicationDate(None, "none")
        return PublicationDate(day, basis, clue)
    return _approximate(mentions, lower, source_year)


def _approximate(mentions: list[DateMention], lower: dt.date | None, source_year: int | None) -> PublicationDate:
    """A yearless part of a month («в конце мая»): a writer leaves out the year of the present one,
    as with a yearless day; the latest such clue not earlier than an event the text dates."""
    clues = []
    for d in mentions:
        if d.part is None or d.year is not None or d.is_target:
            continue
        first = MONTH_PART_FIRST_DAY.get(d.part, 1)
        probe = DateMention(d.start, d.end, d.surface, None, d.month, first)
        year = _infer_year(probe, lower, source_year)
        if year is not None:
            clues.append((dt.date(year, d.month, first), d.surface))
    if not clues:
        return PublicationDate(None, "none")
    day, clue = max(clues)
    return PublicationDate(day, "approximate", clue)


_NAME_DATES = (
    re.compile(r"(?<![0-9A-Za-z])(?P<year>(?:19|20)\d\d)[-_.](?P<month>[01]\d)[-_.](?P<day>[0-3]\d)(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])(?P<day>[0-3]\d)[-_.](?P<month>[01]\d)[-_.](?P<year>(?:19|20)\d\d)(?![0-9A-Za-z])"),
)


def date_in_name(name: str) -> tuple[dt.date, str] | None:
    """A calendar date written in a file name (`2025-05-28_kursiv.txt`, `tg_20250528.txt`,
    `28.05.2025.html`), with the characters it was read from; None when the name has none."""
    stem = re.split(r"[\\/]", name)[-1]
    for pattern in _NAME_DATES:
        for m in pattern.finditer(stem):
            y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
            if _valid(y, mo, d):
                return dt.date(y, mo, d), m[0]
    return None

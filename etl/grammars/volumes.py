"""Cargo volumes and the periods they are counted over: what moves on a corridor, as news states it.

`find_volumes(text)` finds "2,5 млн тонн", "более 60 тыс. ДФЭ", "1 200 контейнерных поездов",
"350 рейсов", "9,3 млрд кубометров" with their unit (t, TEU, containers, trains, trips, wagons,
trucks, m3). `period_at(sentence, offset, published)` reads the span a figure is counted over: a month, months
("в январе–марте 2024 года"), a quarter, a half-year, "за 9 месяцев", a year, "с начала года"
(year to date), relative years ("в прошлом году") against the article's date. `flow_kind(lemmas)`
tells an actual volume from a plan or target and from a capacity.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from etl.dates import MONTHS_GENITIVE, MONTHS_PREPOSITIONAL
from etl.grammars.amounts import NUMBER, QUALIFIER, SCALE, _qualifier, parse_number

UNITS = [  # (pattern, unit), longest first
    (r"контейнерн\w*\s+поезд\w*", "trains"),
    (r"(?:грузов\w*\s+)?поезд(?:ов|а|ами)?\b", "trains"),
    (r"(?:ТЕУ|TEU|ДФЭ|двадцатифутов\w*\s+эквивалент\w*)", "TEU"),
    (r"контейнер(?:ов|а|ы)?\b", "containers"),
    (r"тонн(?:ы|а|ах)?\b|т\.(?=\s)|т(?=\s+(?:груз|нефт|зерн|угл|руд))", "t"),
    (r"(?:кубометр(?:ов|а)?|куб\.?\s*м|м3|м³)", "m3"),
    (r"рейс(?:ов|а)?\b", "trips"),
    (r"вагон(?:ов|а)?\b", "wagons"),
    (r"(?:грузовик(?:ов|а)?|фур\b|большегруз\w*|грузов\w+\s+автомоби\w+)", "trucks"),
]
UNIT_PATTERN = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(UNITS))
VOLUME = re.compile(
    rf"(?:{QUALIFIER})?(?P<number>{NUMBER})[ \u00a0]?(?:(?P<scale>{SCALE})[ \u00a0]?)?(?:{UNIT_PATTERN})",
    re.IGNORECASE,
)
# A figure "в год" / "в сутки" is a rate: of a capacity or a plan when the sentence says so.
PER = re.compile(r"\s*(?:в|за)\s+(?P<per>год|сутки|день|месяц)\b", re.IGNORECASE)


@dataclass
class Volume:
    start: int
    end: int
    surface: str
    value: float
    unit: str
    qualifier: str | None
    per: str | None = None  # "year" for "… тонн в год"


def find_volumes(text: str) -> list[Volume]:
    found = []
    for m in VOLUME.finditer(text):
        unit = next(UNITS[i][1] for i in range(len(UNITS)) if m.group(f"u{i}"))
        if unit == "t" and re.match(r"\s*(?:условного|нефтяного)\s+топлива", text[m.end():]):
            continue  # "тонн условного топлива" measures energy, not cargo
        if re.search(r"\d[.:]$", text[max(0, m.start("number") - 2):m.start("number")]):
            continue  # "15.10.2025", "16:30": the tail of a date or a time, not a count
        if re.match(r"\s*=", text[m.end():]):
            continue  # "1 TEU = один 20-футовый контейнер": a definition, not a count
        per = PER.match(text, m.end())
        end = per.end() if per else m.end()
        found.append(Volume(m.start(), end, text[m.start():end], parse_number(m["number"], m["scale"]), unit,
                            _qualifier(m), {"год": "year", "сутки": "day", "день": "day", "месяц": "month"}.get(
                                per["per"].lower()) if per else None))
    return found


# --- periods --------------------------------------------------------------------------------------------

_GEN = "|".join(MONTHS_GENITIVE)
_PREP = "|".join(MONTHS_PREPOSITIONAL)
NOMINATIVE = {"январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7, "август": 8,
              "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12}
_NOM = "|".join(NOMINATIVE)
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d\d)(?:-(?:го|м))?(?:\s*(?:года|году|год|г\.))?)?"
ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четв": 4}
WORD_NUMBERS = {"два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
                "десять": 10, "одиннадцать": 11}
PERIODS = [
    ("since", re.compile(r"\bс\s+(?:момента\s+\w+\s+)?(?:в\s+)?(?P<y1>(?:19|20)\d\d)\s*(?:-?го\s+)?(?:года|году|г\.)?\s*"
                         r"(?:и\s+)?(?:до|по)\s+(?:конца\s+)?(?P<y2>(?:19|20)\d\d)\s*(?:-?го\s+)?(?:года|год|г\.)?", re.I)),
    ("months_to", re.compile(rf"\b(?:за|в)\s+(?:(?:первые|первых)\s+)?(?:(?P<n>\d{{1,2}})|(?P<word>{'|'.join(WORD_NUMBERS)}))\s+месяц\w*{_YEAR}", re.I)),
    ("range", re.compile(rf"\b(?:в|за)\s+(?P<m1>{_PREP}|{_NOM})\s*[-–—]\s*(?P<m2>{_PREP}|{_NOM}|{_GEN}){_YEAR}", re.I)),
    ("quarter", re.compile(rf"\b(?:в|за)\s+(?P<q>перв|втор|трет|четв|I{{1,3}}V?|IV|[1-4])\w*[-\s]*(?:м\s+)?квартал\w*{_YEAR}", re.I)),
    ("half", re.compile(rf"\b(?:в|за)\s+(?P<h>перв|втор|1|2)\w*[-\s]*(?:м\s+)?полугоди\w*{_YEAR}", re.I)),
    ("ytd", re.compile(rf"\bс\s+начала\s+(?:(?P<year>(?:19|20)\d\d)\s+года|(?:этого|текущего|нынешнего)?\s*года)", re.I)),
    ("month", re.compile(rf"\b(?:в|за)\s+(?P<m1>{_PREP}|{_NOM}){_YEAR}", re.I)),
    ("year", re.compile(r"\b(?:в|за|по\s+итогам|по\s+результатам|на)\s+(?P<year>(?:19|20)\d\d)(?:-(?:го|м))?\s*(?:года|году|год|г\.)", re.I)),
    ("year_rel", re.compile(r"\b(?:в|за)\s+(?P<rel>прошлом|прошедшем|минувшем|прошлый|прошедший|минувший|этом|текущем|нынешнем|этот|текущий)\s+год\w*", re.I)),
    ("last_year", re.compile(r"\bза\s+(?:последний\s+)?год\b", re.I)),
]


@dataclass
class Period:
    start: dt.date
    end: dt.date
    label: str  # the words it was read from


def _month(word: str) -> int:
    word = word.lower()
    return MONTHS_PREPOSITIONAL.get(word) or NOMINATIVE.get(word) or MONTHS_GENITIVE.get(word) or 0


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(match: re.Match, published: dt.date | None, month: int | None = None) -> int | None:
    if match.groupdict().get("year"):
        return int(match["year"])
    if published is None:
        return None
    # A month after the article's own without a year was last year's ("в декабре", read in March).
    return published.year - 1 if month and month > published.month else published.year


def periods(text: str, published: dt.date | None) -> list[tuple[int, Period]]:
    """(offset, period) of every period the text names, in order, overlaps resolved to the earliest kind."""
    found: list[tuple[int, int, Period]] = []
    for kind, pattern in PERIODS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b, _ in found):
                continue
            value = _period(kind, m, published)
            if value is not None:
                found.append((m.start(), m.end(), value))
    return [(a, value) for a, _, value in sorted(found, key=lambda f: f[0])]


def period_at(text: str, offset: int, published: dt.date | None) -> Period | None:
    """The period a figure at `offset` is counted over: the last one named before it in the text,
    else the first after it."""
    found = periods(text, published)
    before = [value for a, value in found if a < offset]
    return before[-1] if before else (found[0][1] if found else None)


def _period(kind: str, m: re.Match, published: dt.date | None) -> Period | None:
    label = m.group(0).strip()
    if kind == "since":
        a, b = int(m["y1"]), int(m["y2"])
        return Period(dt.date(a, 1, 1), dt.date(b, 12, 31), label) if a <= b else None
    if kind == "months_to":
        n = int(m["n"]) if m["n"] else WORD_NUMBERS[m["word"].lower()]
        year = _year(m, published, n)
        return Period(dt.date(year, 1, 1), _last_day(year, n), label) if year and 1 <= n <= 12 else None
    if kind == "range":
        a, b = _month(m["m1"]), _month(m["m2"])
        year = _year(m, published, b)
        return Period(dt.date(year, a, 1), _last_day(year, b), label) if year and 0 < a <= b else None
    if kind == "quarter":
        q = m["q"].lower()
        number = ORDINALS.get(q[:4]) or {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(q) or (int(q) if q.isdigit() else None)
        year = _year(m, published, 3 * number if number else None)
        return Period(dt.date(year, 3 * number - 2, 1), _last_day(year, 3 * number), label) if year and number else None
    if kind == "half":
        number = 1 if m["h"].lower().startswith(("перв", "1")) else 2
        year = _year(m, published, 6 * number)
        return Period(dt.date(year, 6 * number - 5, 1), _last_day(year, 6 * number), label) if year else None
    if kind == "ytd":
        if m["year"]:
            year = int(m["year"])
            end = published if published and published.year == year else dt.date(year, 12, 31)
            return Period(dt.date(year, 1, 1), end, label)
        return Period(dt.date(published.year, 1, 1), published, label) if published else None
    if kind == "month":
        month = _month(m["m1"])
        year = _year(m, published, month)
        return Period(dt.date(year, month, 1), _last_day(year, month), label) if year and month else None
    if kind == "year":
        year = int(m["year"])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label)
    if kind == "year_rel" and published:
        rel = m["rel"].lower()
        year = published.year - 1 if rel.startswith(("прош", "мину")) else published.year
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label)
    if kind == "last_year" and published:
        return Period(published - dt.timedelta(days=365), published, label)
    return None


# --- actual, planned, capacity --------------------------------------------------------------------------

CAPACITY_WORDS = {"пропускной", "способность", "мощность", "рассчитать", "проектный", "позволить", "позволять"}
PLAN_WORDS = {"планировать", "планироваться", "план", "довести", "ожидаться", "ожидать", "прогнозировать",
              "прогноз", "цель", "намерен", "намереваться", "задача", "рассчитывать", "предполагаться",
              "планка", "ориентир", "предусмотреть", "предусматривать", "запланировать"}


def flow_kind(words: list[str], lemmas: list[str], is_future) -> str:
    """capacity, planned or actual, from the words of the sentence a figure stands in."""
    found = set(lemmas)
    future = any(is_future(words, i) for i in range(len(words)))
    if found & {"пропускной", "способность"} or found & CAPACITY_WORDS and future:
        return "capacity"
    return "planned" if future or found & PLAN_WORDS else "actual"


def kind_for_period(kind: str, span, published: dt.date | None) -> str:
    """An actual figure for a period that has not ended when the article is dated ("на 2026 год"
    written in 2025) is a plan."""
    if kind == "actual" and span is not None and published is not None and span.end > published \
            and span.label.lower().startswith("на "):
        return "planned"
    return kind

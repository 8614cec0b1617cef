"""Money and capacity as Russian news writes them.

`$5,47 млрд`, `32,2 млрд тенге`, `30 млрд долларов`, `18,7 миллиона долларов`, `786 400 тенге`,
`2000 МРП`, `115 миллионов` (currency carried from the sentence before), `2,4 ГВт`, `240 МВт`,
`520 Гкал/ч`, `4,7 млрд кВт⋅ч` — with qualifiers (`почти`, `более`, `до`, `около`) kept. Counts that
are not money (`27 миллионов тонн`, `6,8 тыс. гектаров`, `106 товаров`) are not money.
USD values come from the dated rate table in `etl/reference/`.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1] / "reference"

# "1 тысяча 860" (as news writes 1860 in words and digits), "1 860", "2,4".
NUMBER = r"\d{1,3}\s+тысяч[аи]?\s+\d{1,3}(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
SCALES = {
    "трлн": 1e12, "триллион": 1e12, "млрд": 1e9, "миллиард": 1e9, "млн": 1e6, "миллион": 1e6,
    "тыс": 1e3, "тысяч": 1e3,
}
# An abbreviation's period is the sentence's own when nothing lower-case follows it.
# Every case of the scale words ("к выделенным $5 миллионам", "с 3 миллиардами", "о 2 тысячах").
CASES = r"(?:ами|ах|ам|ов|ом|а|е|у)?"
SCALE = (r"(?:трлн|триллион" + CASES + r"|млрд|миллиард" + CASES + r"|млн|миллион" + CASES +
         r"|тыс|тысяч(?:ами|ах|ам|ей|а|и|е|у)?)(?:\.(?=\s?[а-яёa-z$€₽₸]))?")
CURRENCY_WORDS = {
    "USD": r"доллар(?:ами|ах|ам|ов|ом|а|ы|е|у)?|долл\.?|usd|\$",
    "KZT": r"тенге|₸|kzt|тг\.?",
    "RUB": r"рубл(?:ями|ях|ям|ей|ем|я|ь|ю|е)|руб\.?|₽|rub",
    "EUR": r"евро|€|eur",
    "CNY": r"юан(?:ями|ях|ям|ей|ем|я|ь|и|ю|е)|cny",
    "TJS": r"сомони|tjs",
    "KGS": r"сом(?:ов|а|ы)?|kgs",
    "UZS": r"сум(?:ов|а|ы)?|сўм|uzs",
    "MRP": r"мрп",
}
CURRENCY = "|".join(f"(?P<{code}>{pattern})" for code, pattern in CURRENCY_WORDS.items())
SYMBOLS = {"$": "USD", "€": "EUR", "₽": "RUB", "₸": "KZT"}
QUALIFIERS = {
    "почти": "почти", "более": "более", "свыше": "более", "больше": "более", "превышает": "более",
    "превысит": "более", "до": "до", "около": "около", "порядка": "около", "примерно": "около",
    "приблизительно": "около", "менее": "менее", "меньше": "менее", "не менее": "не менее",
    "не более": "не более", "по": "по", "от": "от",
}
QUALIFIER = r"(?i:(?P<qualifier>не менее|не более|" + "|".join(k for k in QUALIFIERS if " " not in k) + r"))\s+"
CAPACITY_UNITS = [
    # (pattern, unit) — longer units first: "кВт⋅ч" before "кВт".
    (r"[кКМГТ]Вт\s?[⋅·*./]?\s?ч(?:ас)?\b", None),
    (r"Гкал\s?/\s?ч(?:ас)?", "Gcal/h"),
    (r"Гкал", "Gcal"),
    (r"[кКМГТ]Вт\b", None),
    (r"[МГ]ВТ\b", None),  # "330 МВТ": the unit in capitals
    (r"(?:кило|мега|гига|тера)ватт(?:а|ов)?\b", None),  # "100 мегаватт", "1,5 гигаватта"
    (r"(?:куб(?:ических|\.)?\s?м(?:етров)?\.?|кубометров|м³)(?:\s+в\s+год)?", "m3"),
    (r"(?:тонн|т)\s+в\s+год|т/год", "t/y"),
]
POWER_PREFIX = {"к": "k", "К": "k", "М": "M", "Г": "G", "Т": "T"}

# "$2,4–3 млрд": a range, read as its lower bound ("от $2,4 млрд"), the scale said once after both.
UPPER = rf"(?:\s?[-–—]\s?(?P<upper>{NUMBER}))?"
MONEY_SYMBOL_FIRST = re.compile(
    rf"(?:{QUALIFIER})?(?P<symbol>[$€₽₸])\s?(?P<number>{NUMBER}){UPPER}(?:\s?(?P<scale>{SCALE}))?(?![\w])",
    re.IGNORECASE,
)
MONEY_NUMBER_FIRST = re.compile(
    rf"(?:{QUALIFIER})?(?P<number>{NUMBER}){UPPER}(?:\s?(?P<scale>{SCALE}))?\s?(?:{CURRENCY})(?![\w])",
    re.IGNORECASE,
)
SCALED_NUMBER = re.compile(rf"(?:{QUALIFIER})?(?P<number>{NUMBER})\s?(?P<scale>{SCALE})(?![\w])", re.IGNORECASE)
CAPACITY = re.compile(
    rf"(?:{QUALIFIER})?(?P<number>{NUMBER})(?:\s?(?P<scale>{SCALE}))?\s?(?P<unit>"
    + "|".join(f"(?:{p})" for p, _ in CAPACITY_UNITS) + r")",
)
# What may follow a bare "115 миллионов" for it still to be money: end of clause or a function word.
FOLLOWERS_OF_MONEY = re.compile(r"^\s*(?:[.,;:!?)»—–-]|$|(?:в|на|за|к|до|и|или|а|но|по|с|из|от)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    kind: str  # money | capacity
    start: int
    end: int
    surface: str
    value: float
    unit: str | None  # ISO currency (MRP for the Kazakh monthly index), or a capacity unit
    qualifier: str | None = None
    currency_from_context: bool = False

    @property
    def normal(self) -> str:
        q = f"{self.qualifier} " if self.qualifier else ""
        number = f"{self.value:,.0f}" if self.value >= 1000 or self.value == int(self.value) else f"{self.value:g}"
        return f"{q}{number.replace(',', ' ')} {self.unit or '?'}".strip()


def parse_number(number: str, scale: str | None) -> float:
    thousands = re.fullmatch(r"(\d{1,3})\s+тысяч[аи]?\s+(\d{1,3})", number.strip())
    if thousands:
        value = float(int(thousands.group(1)) * 1000 + int(thousands.group(2)))
    elif re.fullmatch(r"[1-9]\d{0,2},\d\d0", number.strip()) and not scale:
        # "1,160 МВт", "2,500 тонн": a comma before three digits ending in a zero is an English
        # thousands separator (a Russian decimal would not carry the trailing zero).
        value = float(number.strip().replace(",", ""))
    else:
        value = float(re.sub(r"[ \u00a0\u202f]", "", number).replace(",", "."))
    if scale:
        key = scale.lower().rstrip(".")
        for stem, factor in SCALES.items():
            if key.startswith(stem):
                return float(f"{value * factor:.12g}")  # 32,2 млрд is 32200000000, not …000004
    return value


def _qualifier(match: re.Match) -> str | None:
    q = match.groupdict().get("qualifier")
    if not q and match.groupdict().get("upper"):
        return "от"  # the lower bound of a range
    return QUALIFIERS.get(q.lower()) if q else None


def _currency(match: re.Match) -> str | None:
    for code in CURRENCY_WORDS:
        if match.groupdict().get(code):
            return code
    return None


WORD_PREFIX = {"кило": "k", "мега": "M", "гига": "G", "тера": "T"}


def _capacity_unit(surface: str) -> str:
    for pattern, unit in CAPACITY_UNITS:
        if re.fullmatch(pattern, surface.strip()):
            if unit:
                return unit
            word = surface.strip().lower()
            if word.endswith(("ватт", "ватта", "ваттов")):
                return f"{WORD_PREFIX[word[:4]]}W"
            prefix = POWER_PREFIX.get(surface.strip()[0], "")
            return f"{prefix}Wh" if re.search(r"ч", surface) else f"{prefix}W"
    return surface


class _Taken:
    """Spans already read as amounts, kept sorted and apart, asked for overlaps in log time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # spans starting before `end`; being apart, the
        return k > 0 and self.ends[k - 1] > start  # last of them reaches furthest

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)


def find_amounts(text: str, sentence_bounds: list[tuple[int, int]] | None = None) -> list[Amount]:
    """Money and capacity amounts in `text`, by offset."""
    found: list[Amount] = []
    taken = _Taken()
    for m in CAPACITY.finditer(text):
        unit = _capacity_unit(m["unit"])
        found.append(Amount("capacity", m.start(), m.end(), m[0], parse_number(m["number"], m["scale"]), unit,
                            _qualifier(m)))
        taken.add(m.start(), m.end())
    for pattern in (MONEY_SYMBOL_FIRST, MONEY_NUMBER_FIRST):
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            currency = SYMBOLS.get(m.groupdict().get("symbol") or "") or _currency(m)
            found.append(Amount("money", m.start(), m.end(), m[0], parse_number(m["number"], m["scale"]), currency,
                                _qualifier(m)))
            taken.add(m.start(), m.end())
    found.sort(key=lambda a: a.start)
    # A scaled number with no unit of its own ("до 115 миллионов") is money when a currency was named
    # shortly before in the same paragraph and nothing counted (тонн, гектаров) follows it.
    currencies = [a for a in found if a.kind == "money" and a.unit]
    ends = [a.end for a in currencies]
    latest: Amount | None = None  # the last amount read here from its context
    for m in SCALED_NUMBER.finditer(text):
        if taken.overlaps(m.start(), m.end()) or not FOLLOWERS_OF_MONEY.match(text[m.end():m.end() + 12]):
            continue
        k = bisect.bisect_right(ends, m.start())
        before = max((a for a in (currencies[k - 1] if k else None, latest) if a is not None),
                     key=lambda a: a.end, default=None)
        if before is not None and "\n" not in text[before.end:m.start()] and m.start() - before.end < 400:
            latest = Amount("money", m.start(), m.end(), m[0], parse_number(m["number"], m["scale"]),
                            before.unit, _qualifier(m), currency_from_context=True)
            found.append(latest)
            taken.add(m.start(), m.end())
    found.sort(key=lambda a: a.start)
    return found


@lru_cache(maxsize=1)
def _rates() -> dict[tuple[str, int], float]:
    with open(REFERENCE / "fx_rates.csv", encoding="utf-8") as handle:
        return {(r["currency"], int(r["year"])): float(r["units_per_usd"]) for r in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _mrp() -> dict[int, float]:
    with open(REFERENCE / "mrp_kzt.csv", encoding="utf-8") as handle:
        return {int(r["year"]): float(r["kzt"]) for r in csv.DictReader(handle)}


def _nearest(table: dict, year: int | None, key=lambda k: k):
    years = sorted(key(k) for k in table)
    if not years:
        return None
    target = year if year is not None else years[-1]
    return min(years, key=lambda y: (abs(y - target), -y))


def to_usd(value: float, currency: str | None, year: int | None) -> float | None:
    """USD at the rate of the year the article speaks of (the nearest year in the table)."""
    if currency is None:
        return None
    if currency == "MRP":
        mrp_year = _nearest(_mrp(), year)
        value, currency = value * _mrp()[mrp_year], "KZT"
    rates = {y: r for (c, y), r in _rates().items() if c == currency}
    if not rates:
        return None
    return value / rates[_nearest(rates, year)]


"""Numbers as an analyst reads them, in English or Russian: amounts with their currency and qualifier
(«до $30 млрд» → "up to $30 bn" / "до 30 млрд долл."), capacities normalised to MW where they are
power, dates with the precision the text gives, and evidence values (stored as text by the ETL:
`(2.4, 'GW')`, `(5470000000.0, 'USD', 5470000000.0, 'до')`) turned back into figures.

Pure functions, no Streamlit: the tables, the record page, the map and the exports share them.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import re

import pandas as pd

NBSP = "\u00a0"
SCALES = {
    "en": ((1e12, "trn"), (1e9, "bn"), (1e6, "mn")),
    "ru": ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн")),
}
CURRENCY_EN_PREFIX = {"USD": "$", "EUR": "€", "GBP": "£"}
CURRENCY_RU = {"USD": "долл.", "EUR": "евро", "KZT": "тенге", "RUB": "руб.", "CNY": "юаней", "GBP": "фунтов",
               "MRP": "МРП", "UZS": "сумов", "KGS": "сомов", "TJS": "сомони", "TMT": "манатов", "AZN": "манатов",
               "TRY": "лир", "JPY": "иен", "KRW": "вон", "CHF": "франков", "AED": "дирхамов"}
# Power to megawatts: the tables show one unit for power, whatever the text wrote.
POWER_TO_MW = {"W": 1e-6, "kW": 1e-3, "MW": 1.0, "GW": 1e3, "TW": 1e6}
UNITS_RU = {
    "MW": "МВт", "GW": "ГВт", "kW": "кВт", "TW": "ТВт", "W": "Вт", "kWh": "кВт⋅ч", "MWh": "МВт⋅ч", "GWh": "ГВт⋅ч",
    "TWh": "ТВт⋅ч", "Gcal/h": "Гкал/ч", "Gcal": "Гкал", "t": "т", "kt": "тыс. т", "Mt": "млн т", "bcm": "млрд м³",
    "m3": "м³", "TEU": "ДФЭ", "trains": "поездов", "bbl": "барр.", "km": "км", "MWp": "МВт пик",
}
# Qualifiers as the ETL keeps them (the Russian words of the text) in English; "по" is "each".
QUALIFIERS_EN = {
    "до": "up to", "более": "over", "свыше": "over", "больше": "over", "превышает": "over", "более чем": "over",
    "почти": "almost", "около": "about", "примерно": "about", "порядка": "about", "приблизительно": "about",
    "менее": "under", "меньше": "under", "не менее": "at least", "не более": "at most", "от": "from",
    "по": "each", "не меньше": "at least", "чуть более": "just over", "более чем на": "over",
}
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
           "декабрь"),
}
MONTHS_GENITIVE_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                      "октября", "ноября", "декабря")
SHORT_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ru": ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
}


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and math.isfinite(value)


def number(value: float, lang: str = "en", digits: int = 4) -> str:
    """`2400` → "2,400" / "2 400"; `5.47` → "5.47" / "5,47" (at most `digits` significant digits below 1,000)."""
    if abs(value) >= 1000 or float(value).is_integer():
        text = f"{round(value):,}"
    else:
        text = f"{value:.{digits}g}"
        if "e" in text:
            text = f"{value:.6f}".rstrip("0").rstrip(".")
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def scaled(value: float, lang: str = "en") -> str:
    """A large figure in millions, billions or trillions: `5.47e9` → "5.47 bn" / "5,47 млрд"."""
    for size, name in SCALES.get(lang, SCALES["en"]):
        if abs(value) >= size:
            return f"{number(value / size, lang)}{NBSP}{name}"
    return number(value, lang)


def qualified(text: str, qualifier: str | None, lang: str) -> str:
    """A formatted figure with its qualifier: "up to $30 bn", "360 MW each" / "до 30 млрд долл."."""
    if not isinstance(qualifier, str) or not qualifier.strip():
        return text
    qualifier = " ".join(qualifier.split())
    if lang == "ru":
        return f"{qualifier} {text}"
    english = QUALIFIERS_EN.get(qualifier.lower(), qualifier)
    return f"{text} {english}" if english == "each" else f"{english} {text}"


def money(amount, currency: str | None, lang: str = "en", qualifier: str | None = None) -> str | None:
    """`5.47e9, "USD"` → "$5.47 bn" / "5,47 млрд долл."; `3.22e10, "KZT", "более"` → "over 32.2 bn KZT"."""
    if not is_number(amount):
        return None
    figure = scaled(amount, lang)
    code = currency if isinstance(currency, str) and currency.strip() else None
    if lang == "ru":
        text = f"{figure} {CURRENCY_RU.get(code, code)}" if code else figure
    elif code in CURRENCY_EN_PREFIX:
        text = f"{CURRENCY_EN_PREFIX[code]}{figure}"
    else:
        text = f"{figure} {code}" if code else figure
    return qualified(text, qualifier, lang)


def unit_label(unit: str | None, lang: str = "en") -> str:
    if not isinstance(unit, str):
        return ""
    return UNITS_RU.get(unit, unit) if lang == "ru" else unit


def capacity_mw(value, unit: str | None) -> float | None:
    """The capacity in MW when it is power (W, kW, MW, GW, TW); None for energy, heat or tonnes."""
    if not is_number(value) or unit not in POWER_TO_MW:
        return None
    return float(value) * POWER_TO_MW[unit]


def capacity(value, unit: str | None, lang: str = "en", qualifier: str | None = None, *,
             stated: bool = True) -> str | None:
    """Power in MW ("2,400 MW", with "(2.4 GW as stated)" where the text used another unit); other
    capacities as stated ("520 Gcal/h", "4.7 bn kWh")."""
    if not is_number(value):
        return None
    mw = capacity_mw(value, unit)
    if mw is not None:
        text = qualified(f"{number(mw, lang)}{NBSP}{unit_label('MW', lang)}", qualifier, lang)
        if stated and unit != "MW":
            as_written = f"{number(value, lang)}{NBSP}{unit_label(unit, lang)}"
            text += f" ({as_written}, " + ("в тексте)" if lang == "ru" else "as stated)")
        return text
    figure = scaled(value, lang) if abs(value) >= 1e6 else number(value, lang)
    return qualified(f"{figure}{NBSP}{unit_label(unit, lang)}".strip(), qualifier, lang)


def year(value) -> str | None:
    """A year as an integer string ("2035", never "2035.0")."""
    try:
        if value is None or (isinstance(value, float) and not math.isfinite(value)) or pd.isna(value):
            return None
        return str(int(value))
    except (TypeError, ValueError):
        return None


def day(value, lang: str = "en") -> str | None:
    """A date: "21 May 2025" / "21 мая 2025"."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    if pd.isna(stamp):
        return None
    if lang == "ru":
        return f"{stamp.day} {MONTHS_GENITIVE_RU[stamp.month - 1]} {stamp.year}"
    return f"{stamp.day} {MONTHS['en'][stamp.month - 1]} {stamp.year}"


def moment(value, lang: str = "en") -> str | None:
    """A build's time (`2026-12-06T21:42:18Z`): "6 December 2026, 21:42 UTC" / "6 декабря 2026, 21:42 UTC";
    text that is no time comes back as it is."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        stamp = pd.Timestamp(value.strip())
    except (TypeError, ValueError):
        return value
    if pd.isna(stamp):
        return value
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC")
    return f"{day(stamp, lang)}, {stamp:%H:%M} UTC"


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def partial(value, lang: str = "en") -> str | None:
    """An ISO date as precise as the text: `2025-05-23` "23 May 2025", `2025-05` "May 2025" / "май 2025", `2025`."""
    if not isinstance(value, str):
        return None
    match = _PARTIAL.match(value.strip())
    if not match:
        return value.strip() or None
    y, m, d = match.groups()
    try:
        if d:
            return day(dt.date(int(y), int(m), int(d)), lang)
        if m:
            return f"{MONTHS.get(lang, MONTHS['en'])[int(m) - 1]} {y}"
    except (ValueError, IndexError):
        return value
    return y


def month_label(stamp, lang: str = "en") -> str:
    """A month on a chart's axis: "May 2025" / "май 2025"."""
    stamp = pd.Timestamp(stamp)
    return f"{SHORT_MONTHS.get(lang, SHORT_MONTHS['en'])[stamp.month - 1]} {stamp.year}"


def literal(value):
    """An evidence value as the ETL stored it: a figure tuple comes back as a tuple, anything else as is."""
    if isinstance(value, str) and value.startswith("(") and value.endswith(")"):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return value
        return parsed if isinstance(parsed, tuple) else value
    return value


def figure_parts(field: str, value) -> dict:
    """A figure's parts from its evidence value: amount, unit or currency, USD, qualifier (as present)."""
    parsed = literal(value)
    if not isinstance(parsed, tuple) or not parsed or not is_number(parsed[0]):
        return {}
    parts = {"amount": float(parsed[0])}
    if len(parsed) > 1 and isinstance(parsed[1], str):
        parts["unit"] = parsed[1]
    rest = parsed[2:]
    for item in rest:
        if is_number(item) and "usd" not in parts:
            parts["usd"] = float(item)
        elif isinstance(item, str) and item.strip():
            parts["qualifier"] = item
    return parts

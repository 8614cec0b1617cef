"""Mentions: who, where, how much and when an article speaks of, with offsets into its text.

Reads an article's `text` (and `published` for currency years); returns rows of the `mentions`
table: `kind` (country, place, org, person, money, capacity, date), `entity_id`, `surface`,
`normal`, `start`, `end`, `sentence`, plus `value`, `unit`, `qualifier`, `value_usd`, `country_iso3`.

Gazetteer names are found first (with every case form, metonyms, adjectives and abbreviations);
then natasha's NER spans that no gazetteer name covers are resolved through the gazetteer's
normal forms, then GeoNames' Russian names; what stays unresolved is kept with a null `entity_id`
(and becomes a curation candidate).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from etl.dates import find_dates
from etl.extract.language import person_name
from etl.gazetteer import Entry, Gazetteer, GeoNamesIndex
from etl.grammars.amounts import find_amounts, to_usd
from etl.nlp import NLP, Sentence, fold

NER_KINDS = {"PER": "person", "ORG": "org", "LOC": "place"}
REGION_HEADS = {"область", "край", "республика", "штат", "провинция", "округ", "район", "регион", "губерния"}


@dataclass
class Context:
    """The heavy, shared resources every extractor receives (built once per process)."""

    nlp: NLP
    gazetteer: Gazetteer
    geonames: GeoNamesIndex


class SentenceIndex:
    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def at(self, offset: int) -> Sentence:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.sentences[i]


def _entry_row(entry: Entry, start: int, end: int, text: str) -> dict:
    kind = entry.kind
    return {
        "kind": kind, "entity_id": entry.entity_id, "surface": text[start:end], "normal": entry.name_ru,
        "start": start, "end": end, "country_iso3": entry.country_iso3, "via": entry.via,
        "subtype": entry.subtype,
    }


# A legal form alone ("ОАО", "ОсОО", "ТОО") is no name; the quoted words after it are.
LEGAL_FORM_ONLY = re.compile(r"(?:АО|ТОО|ПАО|ООО|ОАО|ЗАО|НАО|ОсОО|ЗАО|ГП|ГУП|АК|НК|НАК|ИП|LLC|JSC)", re.UNICODE)
QUOTED_AFTER = re.compile(r"\s*[«\"„“]([^«»\"„“”\n]{2,80})[»\"“”]")


class Spans:
    """Spans of a text, asked whether a span overlaps any of them in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = []  # the furthest end among the spans up to each one
        furthest = -1
        for _, e in spans:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # the spans that start before `end` …
        return k > 0 and self.reach[k - 1] > start  # … one of which ends after `start`


# What a party is in a deal, read by the NER as a name ("ЕРС-подрядчиком").
ROLE_NOUNS = {"подрядчик", "генподрядчик", "заказчик", "субподрядчик", "поставщик", "инвестор", "оператор",
              "партнёр", "партнер", "кредитор", "заёмщик", "заемщик", "застройщик"}


COMPOUND = re.compile(r"[а-яё]+о(?:-[а-яё]+о)*-[а-яё]+")


def _compound_adjectives(tokens, gazetteer: Gazetteer, taken) -> list[tuple[int, int, Entry]]:
    """"таджикско-китайское соглашение", "казахстанско-российской границы": each state of a compound
    adjective, at its own part of the word ("таджикско" read as "таджикский")."""
    found = []
    for t in tokens:
        word = t.text.lower()
        if "-" not in word or not COMPOUND.fullmatch(word) or taken.overlaps(t.start, t.end):
            continue
        parts, offset, entries = word.split("-"), t.start, []
        for k, part in enumerate(parts):
            form = part[:-1] + "ий" if k < len(parts) - 1 else part
            entry = gazetteer.forms.get((form,))
            if entry is None or entry.kind != "country":
                entries = []
                break
            entries.append((offset, offset + len(part), entry))
            offset += len(part) + 1
        if len(entries) >= 2:
            found += entries
    return found


def extract_mentions(text: str, published: dt.date | None, ctx: Context) -> list[dict]:
    sentences = SentenceIndex(ctx.nlp.sentences(text) or [Sentence(0, len(text), text)])
    rows: list[dict] = []
    taken: list[tuple[int, int]] = []
    entities = ctx.nlp.entities(text)  # first: its segmentation is reused for the gazetteer
    tokens = ctx.nlp.tokens(text)
    token_starts = [t.start for t in tokens]
    for start, end, entry in ctx.gazetteer.match(tokens):
        rows.append(_entry_row(entry, start, end, text))
        taken.append((start, end))
        if entry.kind in ("org", "route"):
            # "Банк развития Китая", "Минфин США": the country inside an organisation's name is named too.
            first = bisect.bisect_left(token_starts, start)
            inside = [t for t in tokens[first:bisect.bisect_left(token_starts, end)] if t.end <= end]
            seen: set[tuple[int, int]] = set()
            for k in range(1, len(inside)):
                for s, e, nested in ctx.gazetteer.match(inside[k:]):
                    if nested.kind == "country" and (s, e) not in seen and s == inside[k].start:
                        seen.add((s, e))
                        rows.append({**_entry_row(nested, s, e, text), "within": entry.entity_id})
    for start, end, entry in _compound_adjectives(tokens, ctx.gazetteer, Spans(taken)):
        rows.append({**_entry_row(entry, start, end, text), "compound": True})
        taken.append((start, end))
    context_countries = {r["country_iso3"] for r in rows if r["country_iso3"]}
    taken_by_gazetteer = Spans(taken)
    ner_end = 0  # natasha's names come in the text's order: only the last one kept can overlap

    for ent in entities:
        if "\n" in ent.text:
            # A name never runs across a line break: keep the line it starts on.
            cut = ent.text.index("\n")
            text_part = ent.text[:cut].rstrip()
            if not text_part:
                continue
            ent = type(ent)(ent.start, ent.start + len(text_part), ent.type, text_part,
                            ctx.nlp.normal_form(text_part, ent.type))
        if taken_by_gazetteer.overlaps(ent.start, ent.end) or ent.start < ner_end:
            continue
        kind = NER_KINDS.get(ent.type)
        if kind is None or fold(ent.text) in ctx.gazetteer.not_names:
            continue
        row = {"kind": kind, "entity_id": None, "surface": ent.text, "normal": ent.normal, "start": ent.start,
               "end": ent.end, "country_iso3": None, "via": "ner", "subtype": None}
        if kind in ("place", "org"):
            entry = ctx.gazetteer.lookup(ent.normal) or ctx.gazetteer.lookup(ent.text)
            if entry is not None:
                row.update(_entry_row(entry, ent.start, ent.end, text), via="ner+gazetteer")
            elif kind == "place" and REGION_HEADS & {ctx.nlp.lemma(w) for w in ent.normal.split()}:
                # "Павлодарской области": a region nobody listed is still a region, not a city.
                row.update(subtype="region")
            elif kind == "place":
                place = ctx.geonames.resolve(ent.normal, context_countries) or ctx.geonames.resolve(ent.text, context_countries)
                if place is not None:
                    row.update(entity_id=f"geonames:{place.geonameid}", country_iso3=place.country_iso3,
                               via="ner+geonames", subtype="city", lat=place.lat, lon=place.lon, name_en=place.name_en)
                elif person_name(ent.text.split(), ctx.nlp):
                    row.update(kind="person")  # "Бахтиёр Абдуллаев" taken for a place: a first name and a surname
        if kind == "org" and row["entity_id"] is None and ctx.nlp.lemma(re.split(r"[\s-]", ent.text)[-1].lower()) in ROLE_NOUNS:
            continue  # "ЕРС-подрядчиком", "генподрядчик": a role in the deal, not an organisation's name
        if kind == "org" and row["entity_id"] is None and LEGAL_FORM_ONLY.fullmatch(ent.text):
            # "ОАО «Среднеазиатский инвестиционный холдинг»": the name is the quoted words after the form.
            quoted = QUOTED_AFTER.match(text, ent.end)
            if quoted is None:
                continue
            row.update(end=quoted.end(), surface=text[ent.start:quoted.end()], normal=quoted.group(1).strip())
        rows.append(row)
        ner_end = max(ner_end, row["end"])

    year = published.year if published else None
    for amount in find_amounts(text):
        rows.append({
            "kind": amount.kind, "entity_id": None, "surface": amount.surface, "normal": amount.normal,
            "start": amount.start, "end": amount.end, "value": amount.value, "unit": amount.unit,
            "qualifier": amount.qualifier, "value_usd": to_usd(amount.value, amount.unit, year) if amount.kind == "money" else None,
            "via": "context-currency" if amount.currency_from_context else "grammar",
        })
    # "2 млрд долларов США": the state of a currency is not a country the text speaks of.
    money_ends = sorted(r["end"] for r in rows if r["kind"] == "money")

    def of_currency(row: dict) -> bool:
        k = bisect.bisect_left(money_ends, row["start"] + 1) - 1
        return row["kind"] == "country" and k >= 0 and not text[money_ends[k]:row["start"]].strip()

    rows = [r for r in rows if not of_currency(r)]
    for date in find_dates(text):
        rows.append({"kind": "date", "entity_id": None, "surface": date.surface, "normal": date.normal,
                     "start": date.start, "end": date.end, "via": "grammar",
                     "qualifier": "target" if date.is_target else None})

    for row in rows:
        row["sentence"] = sentences.at(row["start"]).text
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows

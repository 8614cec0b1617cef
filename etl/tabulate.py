"""Whole-corpus tables made from the per-article rows: countries and curation candidates."""

from __future__ import annotations

from collections import defaultdict

from etl.gazetteer import GazetteerTables as Gazetteer

# Places that stand for no country on their own (continents, seas, "the West").
COUNTRY_PLACE_TYPES = {"city", "town", "village", "region", "basin", "border-crossing", "oil-gas-field"}


def country_table(mentions: list[dict], articles: list[dict], gazetteer: Gazetteer) -> list[dict]:
    """`countries`: one row per country (and the EU) the articles discuss.

    Counts a country's own mentions (names, abbreviations, metonyms, adjectives) and mentions of
    places inside it (a capital, a city); `first_seen`/`last_seen` from the articles' dates.
    """
    published = {a["article_id"]: a.get("published") for a in articles}
    n_mentions: dict[str, int] = defaultdict(int)
    seen_in: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        iso3 = None
        if m["kind"] == "country":
            iso3 = m["entity_id"]
        elif m["kind"] == "place" and m.get("country_iso3") and (m.get("subtype") in COUNTRY_PLACE_TYPES):
            iso3 = m["country_iso3"]
        if iso3:
            n_mentions[iso3] += 1
            seen_in[iso3].add(m["article_id"])
    rows = []
    for iso3, count in n_mentions.items():
        info = gazetteer.country(iso3)
        if info is None:
            continue
        dates = [published[a] for a in seen_in[iso3] if published.get(a)]
        rows.append({
            "iso3": iso3, "name_en": info["name_en"], "name_ru": info["name_ru"], "lat": float(info["lat"]),
            "lon": float(info["lon"]), "n_articles": len(seen_in[iso3]), "n_mentions": count,
            "first_seen": min(dates, default=None), "last_seen": max(dates, default=None),
        })
    return sorted(rows, key=lambda r: (-r["n_mentions"], r["iso3"]))


def candidate_table(mentions: list[dict], max_examples: int = 3) -> list[dict]:
    """`candidates`: organisations and places NER found that nothing resolved, for a curator."""
    groups: dict[tuple[str, str], dict] = {}
    for m in mentions:
        if m["kind"] not in ("org", "place") or m.get("entity_id"):
            continue
        key = (m["kind"], m["normal"])
        group = groups.setdefault(key, {"kind": m["kind"], "surface": m["surface"], "normal": m["normal"],
                                        "n_mentions": 0, "articles": set(), "examples": []})
        group["n_mentions"] += 1
        group["articles"].add(m["article_id"])
        if len(group["examples"]) < max_examples and m["sentence"] not in group["examples"]:
            group["examples"].append(m["sentence"])
    rows = []
    for group in groups.values():
        group["n_articles"] = len(group.pop("articles"))
        rows.append(group)
    return sorted(rows, key=lambda r: (-r["n_mentions"], r["normal"]))


# ---------------------------------------------------------------------------------------------
# Records: claims from every article merged into routes, projects and deals, with evidence.

import datetime as dt  # noqa: E402
import re  # noqa: E402

from shapely.geometry import Point  # noqa: E402

from etl import infrastructure as ground  # noqa: E402
from etl.grammars.cues import ROUTE_STATUS_PRIORITY as STATUS_PRIORITY  # noqa: E402

TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "q", "n",
                     "o", "u", "u", "h", "i"]))


def transliterate(name: str) -> str:
    out = "".join(TRANSLIT.get(ch.lower(), ch) if ch.lower() in TRANSLIT else ch for ch in name)
    return " ".join(w[:1].upper() + w[1:] for w in out.split(" "))


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", transliterate(key).lower()).strip("-")


def _order(claims: list) -> list:
    """Claims oldest first; undated claims count as oldest (a dated claim is the better 'latest')."""
    return sorted(claims, key=lambda c: (c.published or dt.date.min, c.article_id))


def _choose(claims: list, field: str, rank=None):
    """(shown value, shown article, conflict) for one field: the latest article's claim wins."""
    per_article: dict[str, list] = {}
    told_at: dict[str, list] = {}
    for claim in claims:
        found = [(e.start, e.value) for e in claim.evidence if e.field == field]
        if found:
            told_at.setdefault(claim.article_id, []).extend(found)
    for article_id, found in told_at.items():
        # An article's news is what it tells first: in the order of its text, whichever telling of
        # the record (several claims merged into one record) said it.
        if rank is _first_news:
            found = sorted(found, key=lambda pair: pair[0] if pair[0] is not None else -1)
        per_article[article_id] = [value for _, value in found]
    if not per_article:
        return None, None, False
    ordered = [c.article_id for c in _order(claims) if c.article_id in per_article]
    latest = ordered[-1]
    values = per_article[latest]

    def pick(vs: list):
        if rank is _first_news:
            return _first_news(vs)
        return sorted(set(vs), key=rank)[0] if rank else vs[0]

    shown = pick(values)
    firsts = {pick(v) for v in per_article.values()}
    return shown, latest, len(firsts) > 1


def _status_rank(status: str) -> int:
    return STATUS_PRIORITY.index(status) if status in STATUS_PRIORITY else len(STATUS_PRIORITY)


def _first_news(values: list) -> str:
    """An article's status of a project: the first it claims, where "announced" (plans, intentions) gives
    way to any firmer claim the article makes — the plan is background to an agreement or a start."""
    firm = [v for v in values if v != "announced"]
    return (firm or values)[0]


def _dates(claims: list) -> tuple:
    dates = [c.published for c in claims if c.published]
    return min(dates, default=None), max(dates, default=None)


# Fields where a record shows one claim among several; every other field (partners, parties,
# countries, mentions) shows all its claims together.
SINGLE_VALUED = {"status", "capacity", "heat_capacity", "cost", "target_year", "value", "date", "kind", "mode"}


def _evidence_rows(record_type: str, record_id: str, claims: list, shown: dict[str, tuple]) -> list[dict]:
    """Evidence rows; `shown` names, for single-valued fields, the (value, article) the record shows."""
    rows, seen = [], set()
    for claim in claims:
        for e in claim.evidence:
            key = (e.field, e.value, claim.article_id, e.start)
            if key in seen:
                continue
            seen.add(key)
            shown_value = shown.get(e.field)
            rows.append({
                "record_type": record_type, "record_id": record_id, "field": e.field, "value": e.value,
                "article_id": claim.article_id, "start": e.start, "end": e.end, "quote": e.quote,
                "shown": shown_value == (e.value, claim.article_id) if e.field in SINGLE_VALUED else True,
            })
    return rows


def route_table(claims: list, gazetteer: Gazetteer) -> tuple[list[dict], list[dict]]:
    """`routes` and their evidence. A flow stated inside an article that also names a corridor
    whose countries contain it ("через Казахстан в Россию" beside «серый путь») is that corridor."""
    by_article: dict[str, list] = defaultdict(list)
    for c in claims:
        by_article[c.article_id].append(c)
    groups: dict[str, list] = defaultdict(list)
    for article_claims in by_article.values():
        named = [c for c in article_claims if c.data.get("named")]
        for c in article_claims:
            target = c.key
            if c.key.startswith("flow:") and c.data.get("places"):
                # A flow between two towns is the way between them, not every flow between their states.
                target = "via:" + "-".join(p["name"].lower() for p in c.data["places"])
            if not c.data.get("named"):
                seq = c.data["countries"]
                modes = {e.value for e in c.evidence if e.field == "mode"} - {"multimodal", "unspecified"}
                for n in named:
                    route = n.data["countries"]
                    trade = gazetteer.corridors.get(n.key, {}).get("sector") == "trade"
                    if modes and gazetteer.corridors.get(n.key, {}).get("mode") not in modes | {"multimodal", None}:
                        continue  # oil shipped by sea is not the pipeline between the same states
                    if not c.data.get("places"):
                        # A two-country flow is too common to name a corridor by itself; only a corridor of
                        # traded goods absorbs one (the grey route, not North–South).
                        if len(seq) < 3 and not trade:
                            continue
                        if any(route[i:i + len(seq)] == seq for i in range(len(route) - len(seq) + 1)):
                            target = n.key
                            break
                    # The article's corridor told again through its own places or countries
                    # ("по маршруту Украина – Грузия – Азербайджан – Казахстан – Китай"): the same route.
                    if len(set(seq)) >= 2 and set(seq) <= set(route):
                        target = n.key
                        break
            groups[target].append(c)
    rows, evidence = [], []
    names = ground.place_names(gazetteer.places)
    for key, group in groups.items():
        corridor = gazetteer.corridors.get(key)
        status, status_article, conflict = _choose(group, "status", rank=_status_rank)
        if status == "planned":
            # A way some article saw goods move on is not a plan again when another speaks of plans for it
            # ("планируется нарастить перевозки"): the latest account of it at work stands.
            told = [c for c in group if any(e.field == "status" and e.value != "planned" for e in c.evidence)]
            if told:
                status, status_article, _ = _choose(told, "status", rank=_status_rank)
        if corridor:
            countries = corridor["countries"].split("|")
            points = [tuple(map(float, p.split())) for p in corridor["waypoints"].split("|")]
            name_en, name_ru, mode, sector = corridor["name_en"], corridor["name_ru"], corridor["mode"], corridor["sector"]
            route_id = key
            geometry = ground.corridor_geometry(key, points, mode)
        elif group[0].data.get("places"):
            # A route through named places: their names, their points (a country's where a place has none).
            places = group[0].data["places"]
            countries = group[0].data["countries"]
            points = []
            for p in places:
                if p.get("lat") is not None:
                    points.append((float(p["lon"]), float(p["lat"])))
                elif p.get("iso3") in gazetteer.countries:
                    row = gazetteer.countries[p["iso3"]]
                    points.append((float(row["lon"]), float(row["lat"])))
            name_ru = " – ".join(p["name"] for p in places)
            name_en = " – ".join(transliterate(p["name"]) for p in places)
            mode_value, _, _ = _choose(group, "mode")
            mode = mode_value or "unspecified"
            sector = "energy" if mode == "pipeline" else "transport"
            route_id = "via-" + _slug(" ".join(p["name"] for p in places))
            geometry = ground.route_through(points, mode)
        else:
            countries = group[0].data["countries"]
            points = [(float(gazetteer.countries[c]["lon"]), float(gazetteer.countries[c]["lat"])) for c in countries]
            name_en = " → ".join(gazetteer.countries[c]["name_en"] for c in countries)
            name_ru = " → ".join(gazetteer.countries[c]["name_ru"] for c in countries)
            mode_value, _, _ = _choose(group, "mode")
            mode, sector = mode_value or "unspecified", "trade"
            route_id = "flow-" + "-".join(countries).lower()
            quotes = [e.quote for c in reversed(_order(group)) for e in c.evidence if e.field == "countries"]
            geometry = ground.flow_geometry(quotes, countries, points, mode, names)
        first, last = _dates(group)
        articles = sorted({c.article_id for c in group})
        rows.append({
            "route_id": route_id, "name_en": name_en, "name_ru": name_ru, "mode": mode,
            "status": status or "unspecified", "countries": countries, "sector": sector,
            "n_articles": len(articles), "first_seen": first, "last_seen": last,
            "geometry": geometry, "status_conflict": conflict,
            "article_ids": articles,
        })
        evidence += _evidence_rows("route", route_id, group, {"status": (status, status_article)})
    return sorted(rows, key=lambda r: (-r["n_articles"], r["route_id"])), evidence


def project_table(claims: list, gazetteer: Gazetteer) -> tuple[list[dict], list[dict]]:
    groups: dict[str, list] = defaultdict(list)
    for c in claims:
        groups[c.key].append(c)
    rows, evidence = [], []
    group_evidence: dict[tuple, dict] = {}
    for key, group in groups.items():
        data = group[-1].data
        project_id = _slug(key.replace(":", "-"))
        shown: dict[str, tuple] = {}
        conflicts = []
        values = {}
        for field_name in ("capacity", "cost", "target_year", "status"):
            # Within an article, the first status it claims is its news (a lead says what happened;
            # background follows); across articles, the latest article's.
            value, article, conflict = _choose(group, field_name, rank=_first_news if field_name == "status" else None)
            values[field_name] = value
            shown[field_name] = (value, article)
            if conflict:
                conflicts.append(field_name)
        capacity = _literal(values["capacity"])
        cost = _literal(values["cost"])
        partners, partner_countries = [], []
        for c in _order(group):
            for e in c.evidence:
                if e.field == "partners" and e.value not in partners:
                    partners.append(e.value)
                if e.field == "partner_countries" and e.value not in partner_countries:
                    partner_countries.append(e.value)
        place_row = gazetteer.places.get(data.get("place_id") or "")
        place_ru = data.get("place")
        if place_ru is None and data.get("country_iso3") in gazetteer.countries:
            place_ru = gazetteer.countries[data["country_iso3"]]["name_ru"]
            place_en = gazetteer.countries[data["country_iso3"]]["name_en"]
        else:
            place_en = place_row["name_en"] if place_row else transliterate(place_ru or "")
        label_ru = data["facility_ru"]
        if data.get("name_ru"):
            name_ru = data["name_ru"]
            own = _name_part(data["name_ru"], label_ru)
            number = re.search(r"(?:^|\s)-?(\d+)(?=\s|$)", own)  # "Экибастузская ГРЭС-2" → … plant 2
            own = re.sub(r"(?:^|\s)-?\d+(?=\s|$)", " ", own).strip() if number else own
            name_en = " ".join(x for x in (transliterate(own), data["label"], number.group(1) if number else "") if x)
        else:
            name_ru = f"{label_ru} ({place_ru})" if place_ru else label_ru
            name_en = f"{place_en} {data['label']}".strip()
        first, last = _dates(group)
        articles = sorted({c.article_id for c in group})
        lat, lon = data.get("lat"), data.get("lon")
        rows.append({
            "project_id": project_id, "name_en": name_en,
            "name_ru": name_ru, "sector": data["sector"], "subsector": data["subsector"],
            "place": data["place"], "country_iso3": data.get("country_iso3"), "partners": partners,
            "partner_countries": partner_countries,
            "capacity_value": capacity[0] if capacity else None, "capacity_unit": capacity[1] if capacity else None,
            "cost_amount": cost[0] if cost else None, "cost_currency": cost[1] if cost else None,
            "cost_usd": cost[2] if cost else None,
            "target_year": int(values["target_year"]) if values["target_year"] else None,
            "status": values["status"] or "unspecified", "n_articles": len(articles), "first_seen": first,
            "last_seen": last, "geometry": Point(lon, lat) if lat is not None and lon is not None else None,
            "group_id": data.get("group_id"), "conflicts": conflicts, "article_ids": articles,
            "place_precision": data.get("place_precision") if lat is not None else None,
        })
        for row in _evidence_rows("project", project_id, group, shown):
            if row["field"].startswith("group_"):
                # A figure stated for several sites together is kept once, on the group.
                gid = data.get("group_id") or project_id
                group_evidence.setdefault((gid, row["field"], row["article_id"], row["start"]),
                                          {**row, "record_type": "project_group", "record_id": gid,
                                           "field": row["field"][len("group_"):], "shown": True})
            else:
                evidence.append(row)
    evidence += list(group_evidence.values())
    return sorted(rows, key=lambda r: (r["sector"], r["project_id"])), evidence


def _name_part(name: str, head: str) -> str:
    """A facility's own name without the word for its kind: "Нурекская ГЭС" → "Нурекская"."""
    rest = name.replace(head, " ").replace("«", " ").replace("»", " ")
    return " ".join(rest.split()) or name


def _literal(value):
    """Evidence values are stored as text; figures come back as tuples."""
    if value is None:
        return None
    import ast

    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return None


def deal_table(claims: list, projects: list[dict], project_claims: list, routes: list[dict]) -> tuple[list[dict], list[dict]]:
    rows, evidence, seen = [], [], set()
    route_ids = {r["route_id"] for r in routes}
    for claim in claims:
        d = claim.data
        value = _literal(next((e.value for e in claim.evidence if e.field == "value"), None))
        date = next((e.value for e in claim.evidence if e.field == "date"), None)
        date_basis = d.get("date_basis") if date else None
        if date is None and d.get("date_basis") == "published":
            date, date_basis = d.get("date"), "published"
        # An item of a list of signed documents is a document of its own, however alike their parties.
        # The same deal told by two articles is one deal only where something beyond its kind and
        # parties says so (its sum or its date), and a ban only on the same goods.
        identity = (d["kind"], tuple(sorted(d["parties"])), value, date, d.get("list_item"),
                    tuple(sorted(d.get("goods") or ())), None if value or date else claim.article_id)
        if identity in seen:
            continue
        seen.add(identity)
        project_id = _linked_project(claim, project_claims)
        project = next((p for p in projects if p["project_id"] == project_id), None)
        route_id = next((r for r in d.get("routes", []) if r in route_ids), None)
        rows.append({
            "deal_id": claim.key, "kind": d["kind"], "parties": d["parties"], "party_countries": d["party_countries"],
            "value_amount": value[0] if value else None, "value_currency": value[1] if value else None,
            "value_usd": value[2] if value else None, "date": date,
            "sector": d.get("sector") or (project["sector"] if project else None),
            "project_id": project_id, "route_id": route_id, "article_id": claim.article_id,
            "sentence": d["sentence"], "value_qualifier": value[3] if value else None,
            "date_basis": date_basis,
        })
        shown = {e.field: (e.value, claim.article_id) for e in claim.evidence if e.field in SINGLE_VALUED}
        evidence += _evidence_rows("deal", claim.key, [claim], shown)
    return rows, evidence


def _linked_project(deal, project_claims: list) -> str | None:
    """The project a deal concerns: one in the same article that shares a party, or whose facility
    is named in the deal's sentence."""
    sentence = deal.data["sentence"]
    for claim in project_claims:
        if claim.article_id != deal.article_id:
            continue
        key = _slug(claim.key.replace(":", "-"))
        partners = {e.value for e in claim.evidence if e.field == "partners"}
        mentions = [e for e in claim.evidence if e.field == "mention"]
        if any(sentence == e.quote for e in mentions):
            return key
        near = any(abs(deal.data["sentence_start"] - e.start) <= LINK_REACH for e in mentions)
        elsewhere = set(deal.data.get("places", [])) - {claim.data["place"]}
        if near and partners & set(deal.data["parties"]) and not elsewhere:
            return key
    return None


LINK_REACH = 600  # characters between a deal's sentence and a mention of the project it concerns

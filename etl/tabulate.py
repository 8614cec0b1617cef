"""Whole-corpus tables made from the per-article rows: countries and curation candidates."""

from __future__ import annotations

from collections import defaultdict

from etl.gazetteer import Gazetteer

# Places that stand for no country on their own (continents, seas, "the West").
COUNTRY_PLACE_TYPES = {"city", "town", "village", "region", "basin", "border-crossing"}


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

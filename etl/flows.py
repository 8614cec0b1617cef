"""The `flows` table: cargo volumes the articles state for a route or a segment of it.

Each flow claim (made per sentence by `etl.extract.records.flow_claims`) names the route claim of its
article it belongs to; here that claim is found among the `routes` rows: a named corridor by its
key, a route through places or between countries by the id `route_table` gives it, or — where that
flow was absorbed into the article's corridor — the corridor the article names.
"""

from __future__ import annotations

from etl.tabulate import _slug


def _route_id(data: dict, article_id: str, ids: set[str], corridors_of: dict[str, list[dict]]) -> str | None:
    if data.get("route_named"):
        return data["route_key"] if data["route_key"] in ids else None
    if data.get("route_places"):
        candidate = "via-" + _slug(" ".join(data["route_places"]))
    else:
        candidate = "flow-" + "-".join(data.get("route_countries") or []).lower()
    if candidate in ids:
        return candidate
    # Absorbed into the corridor the same article names (route_table): that corridor.
    seq = set(data.get("route_countries") or [])
    return next((r["route_id"] for r in corridors_of.get(article_id, []) if seq <= set(r.get("countries") or [])), None)


def flow_table(claims: list, routes: list[dict]) -> tuple[list[dict], list[dict]]:
    """`flows` rows and their evidence rows, in article order."""
    ids = {r["route_id"] for r in routes}
    corridors_of: dict[str, list[dict]] = {}  # article → the named corridors it tells of
    for r in routes:
        if not r["route_id"].startswith(("via-", "flow-")):
            for article_id in r.get("article_ids") or []:
                corridors_of.setdefault(article_id, []).append(r)
    rows, evidence = [], []
    for claim in claims:
        data = claim.data
        route_id = _route_id(data, claim.article_id, ids, corridors_of)
        if route_id is None:
            continue
        e = next(e for e in claim.evidence if e.field == "volume")
        flow_id = _slug(f"{route_id} {claim.article_id} {e.start}")
        rows.append({
            "flow_id": flow_id, "route_id": route_id, "segment": data.get("segment"),
            "period_start": data.get("period_start"), "period_end": data.get("period_end"),
            "period_label": data.get("period_label"), "value": float(data["value"]), "unit": data["unit"],
            "per": data.get("per"), "qualifier": data.get("qualifier"), "kind": data["kind"],
            "article_id": claim.article_id, "start": e.start, "end": e.end, "quote": e.quote,
        })
        evidence.append({"record_type": "flow", "record_id": flow_id, "field": "value", "value": e.value,
                         "article_id": claim.article_id, "start": e.start, "end": e.end, "quote": e.quote,
                         "shown": True})
    return rows, evidence

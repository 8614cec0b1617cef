"""Alerts on a saved view: every saved view has an Atom feed of the records and stories new to it.

A view is its URL's filters (`dashboard.state.ViewState`: countries, sectors, subsectors, status,
dates, search, language). Saving one (the About page) adds it to the instance's saved views
(`SAVED_VIEWS_FILE`, default `data/saved_views.json`); the watcher (`python -m etl watch`) calls
`refresh_feeds` after each build, which writes `<FEEDS_DIR>/<view id>.xml` (default
`dashboard/static/feeds/`, which Streamlit serves at `/app/static/feeds/<view id>.xml`).

"New" is counted from the moment a view is saved: the corridors, projects, deals and stories the
view matched then are its baseline; each later build adds an entry for every one it did not match
before (a record that a new article brought into the view, a new story of its articles), dated by
that build. A feed reader or a chat bot that polls the file gets only what is new. What each view
has already matched is kept in `<views file's folder>/feed-state/<view id>.json`.

Record tables are matched as the dashboard's own filters match them (`dashboard.db.View`), so a
feed holds what the view's page would show; beyond RECORD_LIMIT rows of a table the view holds the
most reported ones, and so does the feed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlencode

from dashboard.state import ViewState

SAVED_VIEWS_ENV, FEEDS_ENV = "SAVED_VIEWS_FILE", "FEEDS_DIR"
DEFAULT_SAVED_VIEWS, DEFAULT_FEEDS = "data/saved_views.json", "dashboard/static/feeds"
ENTRIES_KEPT = 200
NAME_CHARS = 80
MAX_VIEWS = 500
ATOM = "http://www.w3.org/2005/Atom"
# The parts of a URL that are not the view: which page is open, which record or article, the data version.
NOT_THE_VIEW = ("page", "record", "article", "v")


def saved_views_file(environ=os.environ) -> Path:
    return Path(environ.get(SAVED_VIEWS_ENV) or DEFAULT_SAVED_VIEWS)


def feeds_dir(environ=os.environ) -> Path:
    return Path(environ.get(FEEDS_ENV) or DEFAULT_FEEDS)


def view_query(query: dict) -> dict[str, str]:
    """The view's own part of a URL query, normalised as the dashboard reads it (untrusted input welcome)."""
    state = ViewState.from_query(query)
    return {k: v for k, v in sorted(state.to_query().items()) if k not in NOT_THE_VIEW}


def view_id(query: dict) -> str:
    canonical = urlencode(view_query(query), quote_via=quote)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def feed_path(view: str, environ=os.environ) -> str:
    """The feed's path under the app (before any base path): Streamlit's static serving of dashboard/static."""
    return f"/app/static/feeds/{view}.xml"


def load_views(path: Path | None = None) -> list[dict]:
    path = Path(path) if path is not None else saved_views_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    views = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict) and isinstance(item.get("query"), dict):
            query = view_query(item["query"])
            views.append({"id": view_id(query), "name": str(item.get("name") or "")[:NAME_CHARS] or view_id(query),
                          "query": query, "saved_at": str(item.get("saved_at") or "")})
    return views


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".tmp-{uuid.uuid4().hex}-{path.name}"
    tmp.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    os.replace(tmp, path)


def save_view(name: str, query: dict, path: Path | None = None) -> dict:
    """Add a view to the saved views (a view saved again keeps its first entry, renamed). Returns it."""
    import fcntl

    path = Path(path) if path is not None else saved_views_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    query = view_query(query)
    view = {"id": view_id(query), "name": " ".join(str(name).split())[:NAME_CHARS] or view_id(query),
            "query": query, "saved_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
    with open(path.parent / f".{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        views = [v for v in load_views(path) if v["id"] != view["id"]][: MAX_VIEWS - 1]
        kept = next((v for v in load_views(path) if v["id"] == view["id"]), None)
        if kept:
            view["saved_at"] = kept["saved_at"]
        _write(path, json.dumps([*views, view], ensure_ascii=False, indent=1))
    return view


# ---------------------------------------------------------------- what a view matches


def _app_link(public_url: str, page: str, params: dict) -> str:
    return f"{public_url.rstrip('/')}/{page}?{urlencode(params, quote_via=quote)}"


def matching(store, query: dict, public_url: str, stories=None) -> dict[str, dict]:
    """Key ("project:<id>", "story:<id>", …) → entry fields, for everything the view matches now."""
    state = ViewState.from_query(query)
    view = store.view(state.filters)
    lang = {"lang": state.lang} if state.lang != "en" else {}
    found: dict[str, dict] = {}

    def name(row) -> str:
        ru, en = row.get("name_ru"), row.get("name_en")
        first, second = (ru, en) if state.lang == "ru" else (en, ru)
        return str(first if isinstance(first, str) and first else second or "")

    for kind, frame, key in (("route", view.routes, "route_id"), ("project", view.projects, "project_id")):
        for _, row in frame.iterrows():
            record = f"{kind}:{row[key]}"
            found[record] = {"title": f"{'Corridor' if kind == 'route' else 'Project'}: {name(row)} · {row.get('status') or ''}",
                             "summary": f"{int(row.get('n_articles') or 0)} articles",
                             "link": _app_link(public_url, "record", {"page": "record", "record": record, **lang})}
    for _, row in view.deals.iterrows():
        record = f"deal:{row['deal_id']}"
        parties = row.get("parties")
        parties = ", ".join(parties) if parties is not None and len(parties) else "—"
        found[record] = {"title": f"Deal: {row.get('kind') or ''} · {parties}",
                         "summary": str(row.get("sentence") or ""),
                         "link": _app_link(public_url, "record", {"page": "record", "record": record, **lang})}
    if stories is not None and len(stories):
        codes = store.df("SELECT article_id, code FROM articles")
        if view.everything:
            kept = set(codes["article_id"])
        else:
            mask = view.kept
            kept = {a for a, c in zip(codes["article_id"], codes["code"]) if c < len(mask) and mask[int(c)]}
        for _, story in stories.iterrows():
            ids = list(story["article_ids"]) if story["article_ids"] is not None else []
            if any(a in kept for a in ids):
                outlets = list(story["outlets"]) if story["outlets"] is not None else []
                found[f"story:{story['story_id']}"] = {
                    "title": f"Story: {story['headline']}",
                    "summary": f"{len(ids)} articles from {len(outlets)} outlets: {', '.join(outlets)}",
                    "link": _app_link(public_url, "articles", {"page": "articles", "article": ids[0], **lang})}
    return found


def feed_xml(view: dict, entries: list[dict], public_url: str, updated: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Central Asia monitor: {view['name']}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:central-asia-monitor:view:{view['id']}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate",
                  href=_app_link(public_url, "", {"page": "map", **view["query"]}))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=public_url.rstrip("/") + feed_path(view["id"]))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Central Asia monitor"
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = f"urn:central-asia-monitor:{view['id']}:{entry['key']}"
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry["title"]
        ET.SubElement(item, f"{{{ATOM}}}updated").text = entry["updated"]
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=entry["link"])
        ET.SubElement(item, f"{{{ATOM}}}summary").text = f"{entry['summary']} (data version {entry['version']})"
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def refresh_feeds(warehouse: Path, views_file: Path, feeds: Path, public_url: str) -> dict:
    """Write every saved view's feed for the warehouse as it is now. Returns {"views": n, "new": n}."""
    import pandas as pd

    from dashboard import data

    views = load_views(views_file)
    if not views:
        return {"views": 0, "new": 0}
    info = data.warehouse_info(Path(warehouse))
    store = data.open_store(info)
    stories_path = info.resolved / "stories.parquet"
    stories = pd.read_parquet(stories_path) if stories_path.exists() else None
    state_dir = Path(views_file).parent / "feed-state"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    added = 0
    for view in views:
        state_path = state_dir / f"{view['id']}.json"
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = None
        target = Path(feeds) / f"{view['id']}.xml"
        if state and state.get("version") == info.version and target.exists():
            continue
        current = matching(store, view["query"], public_url, stories)
        if state is None:  # saved just now: what it matches is the baseline, not news
            state = {"version": info.version, "known": sorted(current), "entries": [], "updated": now}
        else:
            known = set(state.get("known") or [])
            fresh = [k for k in sorted(current) if k not in known]
            state["entries"] = ([{"key": k, **current[k], "updated": now, "version": info.version} for k in fresh]
                                + list(state.get("entries") or []))[:ENTRIES_KEPT]
            state["known"] = sorted(known | set(current))
            state["version"] = info.version
            if fresh:
                state["updated"] = now
            added += len(fresh)
        _write(target, feed_xml(view, state["entries"], public_url, state.get("updated") or now))
        _write(state_path, json.dumps(state, ensure_ascii=False))
    return {"views": len(views), "new": added, "version": info.version}

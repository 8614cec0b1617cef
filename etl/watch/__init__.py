"""`python -m etl watch`: poll the sources of `sources.toml`, write what is new into the inbox, rebuild.

Each round polls the sources that are due (each at its own interval), with conditional requests
(`If-None-Match` / `If-Modified-Since` from the last answer), and writes the items not seen before as
input files the readers already know, one file per source and round, into `<inbox>/<source id>/`:
an Atom file of the new entries of a feed, a Telegram-export JSON (`result.json` layout) of the new
posts of a channel, copies of the new or changed files of a folder. Then, when anything is new, the
warehouse is rebuilt from the inputs and the inbox (`etl.build.build`: unchanged articles come from
the result cache, and the new build is swapped in atomically, so a running dashboard shows it on its
next run), and the Atom feeds of the saved views are brought up to date (`dashboard.alerts`).

Nothing already read is lost: an item's file is written (under a temporary name, then renamed) before
the source's state records it as seen, so a crash between the two writes the item again next time
(a `duplicate` reject), never drops it. A source that fails (network, HTTP error, a page that does
not parse) keeps its state, says why in `<state>/status.json` (the About page shows it) and is retried
after a backoff that doubles with each failure up to `max_backoff`.

State, per source: `<state>/sources/<id>.json` — the validators (ETag, Last-Modified), the keys of the
items seen (the newest SEEN_KEEP), the last item, the last success and the last error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path

from etl.warehouse import build_lock
from etl.watch.sources import Source, SourcesError, load_sources
from etl.watch.telegram import NotAPreview, Post, fetch_with_api, parse_preview

__all__ = ["WatchConfig", "SourceState", "run_round", "watch", "load_sources", "SourcesError"]

SEEN_KEEP = 5000
TELEGRAM_PAGES_BACK = 5  # pages of `?before=` read when more posts came than one preview page holds
HTTP_TIMEOUT = 20.0
USER_AGENT = "central-asia-monitor-watch/1 (+https://github.com/; polite polling with conditional requests)"
ATOM = "http://www.w3.org/2005/Atom"


class SourceError(Exception):
    """A poll that failed: the message is what the About page shows."""


@dataclass
class WatchConfig:
    sources_file: Path
    inputs: list[Path]  # built together with the inbox (seeds/)
    inbox: Path
    out: Path  # the warehouse
    state_dir: Path
    feeds_dir: Path | None = None  # Atom feeds of saved views (dashboard/static/feeds)
    views_file: Path | None = None  # the views saved on the instance
    public_url: str = "http://localhost:8501"  # where feed entries link to
    engine: str = "serial"

    @classmethod
    def from_env(cls, environ=os.environ, **overrides) -> "WatchConfig":
        get = environ.get
        values = dict(
            sources_file=Path(get("SOURCES_FILE") or "sources.toml"),
            inputs=[Path(get("SEEDS_DIR") or "seeds")],
            inbox=Path(get("INBOX_DIR") or "data/inbox"),
            out=Path(get("WAREHOUSE_DIR") or "data/warehouse"),
            state_dir=Path(get("WATCH_STATE_DIR") or "data/watch"),
            feeds_dir=Path(get("FEEDS_DIR") or "dashboard/static/feeds"),
            views_file=Path(get("SAVED_VIEWS_FILE") or "data/saved_views.json"),
            public_url=(get("DASHBOARD_PUBLIC_URL") or "http://localhost:8501").rstrip("/"),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass
class SourceState:
    id: str
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)
    last_id: int | None = None  # Telegram: the newest post read
    last_item: str | None = None
    last_poll: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    failures: int = 0
    next_due: float = 0.0
    items: int = 0  # items written to the inbox in all

    @classmethod
    def load(cls, state_dir: Path, source_id: str) -> "SourceState":
        path = state_path(state_dir, source_id)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
            return cls(**{**known, "id": source_id})
        except (OSError, ValueError, TypeError):
            return cls(id=source_id)

    def save(self, state_dir: Path) -> None:
        self.seen = self.seen[-SEEN_KEEP:]
        write_atomically(state_path(state_dir, self.id), json.dumps(asdict(self), ensure_ascii=False, indent=1))


def state_path(state_dir: Path, source_id: str) -> Path:
    return Path(state_dir) / "sources" / f"{source_id}.json"


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write under a hidden temporary name beside `path`, then rename: readers (and builds) never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".tmp-{uuid.uuid4().hex}-{path.name}"
    if isinstance(text, bytes):
        tmp.write_bytes(text)
    else:
        tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _stamp() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


# ---------------------------------------------------------------- fetching


def conditional_get(client, url: str, state: SourceState, *, conditional: bool = True):
    """GET with the validators of the last answer; returns the response (304 included) or raises SourceError."""
    import httpx

    headers = {}
    if conditional and state.etag:
        headers["If-None-Match"] = state.etag
    if conditional and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        response = client.get(url, headers=headers)
    except httpx.HTTPError as error:
        raise SourceError(f"{type(error).__name__}: {error}") from error
    if response.status_code == 304:
        return response
    if response.status_code >= 400:
        raise SourceError(f"HTTP {response.status_code} from {url}")
    return response


def _remember_validators(state: SourceState, response) -> None:
    state.etag = response.headers.get("ETag") or state.etag
    state.last_modified = response.headers.get("Last-Modified") or state.last_modified


# ---------------------------------------------------------------- feeds


def _entry_key(entry) -> str:
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    body = (entry.get("title") or "") + "\n" + (entry.get("summary") or "")
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:24]


def atom_of_entries(title: str | None, source_url: str, entries: list) -> bytes:
    """An Atom document of feed entries, as the feed reader (`etl.read.feed`) reads them back."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title or source_url
    ET.SubElement(feed, f"{{{ATOM}}}id").text = source_url
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = now_iso()
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = _entry_key(entry)
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.get("title") or ""
        if entry.get("link"):
            ET.SubElement(item, f"{{{ATOM}}}link", href=str(entry["link"]))
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            when = dt.datetime(*stamp[:6], tzinfo=dt.timezone.utc).isoformat()
            ET.SubElement(item, f"{{{ATOM}}}published").text = when
            ET.SubElement(item, f"{{{ATOM}}}updated").text = when
        else:
            ET.SubElement(item, f"{{{ATOM}}}updated").text = now_iso()
        bodies = entry.get("content") or []
        html = "\n".join(c.get("value", "") for c in bodies) or entry.get("summary", "")
        ET.SubElement(item, f"{{{ATOM}}}content", type="html").text = html
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def poll_feed(source: Source, state: SourceState, client, inbox: Path) -> int:
    import feedparser

    response = conditional_get(client, source.url, state)
    if response.status_code == 304:
        return 0
    parsed = feedparser.parse(response.content)
    entries = parsed.entries
    if parsed.bozo:
        # A document that is not well-formed: the loose parser's guesses count only where an entry is whole
        # (an id or a link, and a text); a truncated answer is an error, to be read again next time.
        entries = [e for e in entries if (e.get("id") or e.get("link")) and (e.get("content") or e.get("summary"))]
    if not entries and (parsed.bozo or not parsed.get("feed")):
        raise SourceError(f"not a feed: {parsed.get('bozo_exception') or 'no entries'}")
    seen = set(state.seen)
    new = [e for e in entries if _entry_key(e) not in seen]
    new = list({_entry_key(e): e for e in new}.values())
    if new:
        path = inbox / source.id / f"{_stamp()}.atom"
        write_atomically(path, atom_of_entries(parsed.feed.get("title"), source.url, new))
        state.seen += [_entry_key(e) for e in new]
        state.last_item = new[0].get("title") or _entry_key(new[0])
    _remember_validators(state, response)
    return len(new)


# ---------------------------------------------------------------- Telegram


def telegram_export(source: Source, title: str | None, posts: list[Post]) -> str:
    """New posts in the layout of Telegram Desktop's export (`etl.read.telegram` reads it)."""
    messages = []
    for post in posts:
        message = {"id": post.id, "type": "message", "text": post.text}
        if post.date:
            message["date"] = post.date
        if post.forwarded_from:
            message["forwarded_from"] = post.forwarded_from
        messages.append(message)
    payload = {"name": title or source.channel, "username": source.channel, "type": "public_channel",
               "messages": messages}
    return json.dumps(payload, ensure_ascii=False, indent=1)


def poll_telegram(source: Source, state: SourceState, client, inbox: Path) -> int:
    after = state.last_id or 0
    if source.api:
        try:
            title, posts = fetch_with_api(source.channel, after)
        except Exception as error:  # noqa: BLE001 (any client failure is this source's error)
            raise SourceError(f"Telegram API: {error}") from error
        response = None
    else:
        url = source.preview_url + source.channel
        response = conditional_get(client, url, state)
        if response.status_code == 304:
            return 0
        try:
            title, posts = parse_preview(response.text)
        except NotAPreview as error:
            raise SourceError(str(error)) from error
        # More posts came than one page shows: page back until the last one read (a few pages at most).
        pages = 0
        while after and posts and posts[0].id > after + 1 and pages < TELEGRAM_PAGES_BACK:
            older = conditional_get(client, f"{url}?before={posts[0].id}", state, conditional=False)
            try:
                _, more = parse_preview(older.text)
            except NotAPreview as error:
                raise SourceError(f"page before {posts[0].id}: {error}") from error
            more = [p for p in more if p.id < posts[0].id]
            if not more:
                break
            posts = more + posts
            pages += 1
    seen = set(state.seen)
    new = [p for p in posts if p.id > after and str(p.id) not in seen]
    if new:
        path = inbox / source.id / f"{_stamp()}.json"
        write_atomically(path, telegram_export(source, title, new))
        state.seen += [str(p.id) for p in new]
        state.last_id = max(p.id for p in new)
        state.last_item = f"https://t.me/{source.channel}/{state.last_id}"
    if response is not None:
        _remember_validators(state, response)
    return len(new)


# ---------------------------------------------------------------- folders


def poll_folder(source: Source, state: SourceState, inbox: Path) -> int:
    """New or changed files of a folder (saved searches, another tool's output), copied into the inbox."""
    from etl.read import DEFAULT_MAX_BYTES, iter_input_files, outside

    folder = Path(source.path)
    if not folder.is_dir():
        raise SourceError(f"no folder at {folder}")
    seen = set(state.seen)
    copied = 0
    for path in iter_input_files([folder]):
        if outside(path, folder) or not path.is_file():
            continue  # a link leading out of the folder is never opened (as the build treats it)
        try:
            if path.stat().st_size > DEFAULT_MAX_BYTES:
                continue
            content = path.read_bytes()
        except OSError as error:
            raise SourceError(f"cannot read {path}: {error}") from error
        relative = path.relative_to(folder)
        digest = hashlib.sha256(content).hexdigest()
        key = f"{relative.as_posix()}:{digest[:16]}"
        if key in seen:
            continue
        target = inbox / source.id / relative.parent / f"{relative.stem}-{digest[:8]}{relative.suffix}"
        write_atomically(target, content)
        state.seen.append(key)
        state.last_item = relative.as_posix()
        copied += 1
    return copied


# ---------------------------------------------------------------- rounds


def poll(source: Source, state: SourceState, client, inbox: Path) -> int:
    if source.kind == "feed":
        return poll_feed(source, state, client, inbox)
    if source.kind == "telegram":
        return poll_telegram(source, state, client, inbox)
    return poll_folder(source, state, inbox)


def backoff(source: Source, failures: int) -> float:
    return min(source.max_backoff, source.interval * (2 ** max(0, failures - 1)))


def run_round(config: WatchConfig, client=None, *, force: bool = False, build: bool = True,
              clock=time.time) -> dict:
    """Poll every due source once (all of them with `force`), rebuild if anything is new. Returns the status."""
    sources = load_sources(config.sources_file)
    own_client = client is None
    if own_client:
        import httpx

        client = httpx.Client(timeout=HTTP_TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    new_total = 0
    states = {}
    try:
        for source in sources:
            state = SourceState.load(config.state_dir, source.id)
            states[source.id] = state
            now = clock()
            if not force and state.next_due > now:
                continue
            state.last_poll = now_iso()
            try:
                n = poll(source, state, client, Path(config.inbox))
            except SourceError as error:
                state.failures += 1
                state.last_error, state.last_error_at = str(error)[:500], now_iso()
                state.next_due = now + backoff(source, state.failures)
            except Exception as error:  # noqa: BLE001 (a bug or a surprise in one source must not stop the others)
                state.failures += 1
                state.last_error, state.last_error_at = f"{type(error).__name__}: {error}"[:500], now_iso()
                state.next_due = now + backoff(source, state.failures)
            else:
                state.failures, state.last_success = 0, now_iso()
                state.items += n
                state.next_due = now + source.interval
                new_total += n
            state.save(config.state_dir)
    finally:
        if own_client:
            client.close()
    status = read_status(config.state_dir)
    status["sources"] = [{"id": s.id, "kind": s.kind, "address": s.address, "interval": s.interval,
                          **{k: getattr(states[s.id], k) for k in ("last_poll", "last_success", "last_error",
                                                                   "last_error_at", "failures", "items",
                                                                   "last_item")},
                          "next_due": dt.datetime.fromtimestamp(states[s.id].next_due, dt.timezone.utc)
                          .replace(microsecond=0).isoformat() if states[s.id].next_due else None}
                         for s in sources]
    status["round"] = {"at": now_iso(), "new_items": new_total}
    if build and (new_total or not (Path(config.out) / "manifest.json").exists() or force):
        status["build"] = rebuild(config)
    if build:
        status["feeds"] = refresh_feeds(config)
    write_atomically(Path(config.state_dir) / "status.json", json.dumps(status, ensure_ascii=False, indent=1))
    return status


def read_status(state_dir: Path) -> dict:
    try:
        return json.loads((Path(state_dir) / "status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def rebuild(config: WatchConfig) -> dict:
    """Build the warehouse from the inputs and the inbox (skipped when nothing changed); never raises."""
    from etl.build import BuildError, build

    inputs = [p for p in [*config.inputs, config.inbox] if Path(p).exists()]
    started = now_iso()
    if not inputs:
        return {"at": started, "error": "no inputs yet"}
    try:
        with build_lock(config.out):
            summary = build(inputs, config.out, if_stale=True, engine=config.engine)
    except (BuildError, ValueError, OSError) as error:
        return {"at": started, "error": str(error)[:1000]}
    return {"at": started, "data_version": summary.data_version, "articles": summary.articles,
            "skipped": summary.skipped_fresh, "seconds": round(summary.seconds, 2)}


def refresh_feeds(config: WatchConfig) -> dict:
    """Bring the saved views' Atom feeds up to date with the warehouse; never raises."""
    if not config.feeds_dir or not config.views_file or not Path(config.views_file).exists():
        return {"views": 0}
    try:
        from dashboard import alerts

        return alerts.refresh_feeds(config.out, config.views_file, config.feeds_dir, config.public_url)
    except Exception as error:  # noqa: BLE001 (feeds are a convenience; the watcher keeps polling)
        return {"error": f"{type(error).__name__}: {error}"[:500]}


def next_wake(config: WatchConfig, clock=time.time) -> float:
    """Seconds until the next source is due."""
    try:
        sources = load_sources(config.sources_file)
    except SourcesError:
        return 60.0
    dues = [SourceState.load(config.state_dir, s.id).next_due for s in sources]
    return max(0.5, min(dues, default=clock() + 60) - clock())


def watch(config: WatchConfig, *, rounds: int | None = None, log=print, max_sleep: float = 60.0) -> None:
    """Poll for ever (or `rounds` rounds), sleeping until the next source is due."""
    done = 0
    while rounds is None or done < rounds:
        try:
            status = run_round(config)
        except SourcesError as error:
            log(f"watch: {error}")
            status = None
        if status:
            failing = [s["id"] for s in status["sources"] if s["failures"]]
            build = status.get("build") or {}
            log(f"watch: {status['round']['new_items']} new items"
                + (f"; failing: {', '.join(failing)}" if failing else "")
                + (f"; build {build.get('data_version') or build.get('error')}" if build else ""))
        done += 1
        if rounds is not None and done >= rounds:
            break
        time.sleep(min(max_sleep, next_wake(config)))

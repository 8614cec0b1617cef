"""The sources file (`sources.toml`): what `python -m etl watch` polls, and how often.

    [defaults]
    interval = 900                      # seconds between polls of one source
    max_backoff = 21600                 # the longest wait after repeated errors

    [[source]]
    id = "kursiv-energy"                # a name of letters, digits, - and _: the inbox folder and state file
    kind = "feed"                       # RSS 2.0 or Atom
    url = "https://example.org/energy/rss"
    interval = 600

    [[source]]
    id = "transit-channel"
    kind = "telegram"                   # a public channel, read from its web preview t.me/s/<channel>
    channel = "some_channel"

    [[source]]
    id = "saved-searches"
    kind = "folder"                     # files saved by hand or by another tool (saved search results)
    path = "/srv/saved-searches"

A Telegram source may set `api = true` to read through the Telegram API (Telethon, not installed by
default) with `TELEGRAM_API_ID`, `TELEGRAM_API_HASH` and `TELEGRAM_SESSION` from the environment:
for channels that have no public preview. `preview_url` replaces `https://t.me/s/` (a mirror, tests).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

KINDS = ("feed", "telegram", "folder")
DEFAULT_INTERVAL = 900
DEFAULT_MAX_BACKOFF = 6 * 3600
MIN_INTERVAL = 1  # seconds; a public feed asks for far more, but tests poll a local server quickly
TELEGRAM_PREVIEW = "https://t.me/s/"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_CHANNEL = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


class SourcesError(ValueError):
    """The sources file cannot be used; the message names every problem."""


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    interval: float = DEFAULT_INTERVAL
    max_backoff: float = DEFAULT_MAX_BACKOFF
    url: str | None = None  # feed
    channel: str | None = None  # telegram
    preview_url: str = TELEGRAM_PREVIEW
    api: bool = False
    path: Path | None = None  # folder

    @property
    def address(self) -> str:
        """Where it is read from, as the About page shows it."""
        if self.kind == "feed":
            return self.url or ""
        if self.kind == "telegram":
            return f"telegram api: {self.channel}" if self.api else self.preview_url.rstrip("/") + f"/{self.channel}"
        return str(self.path)


def load_sources(path: Path) -> list[Source]:
    """Parse and check the sources file; raises SourcesError listing all problems at once."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SourcesError(f"cannot read {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise SourcesError(f"{path} is not valid TOML: {error}") from error
    return parse_sources(raw, base=path.parent)


def parse_sources(raw: dict, base: Path = Path(".")) -> list[Source]:
    defaults = raw.get("defaults") or {}
    problems: list[str] = []
    sources: list[Source] = []
    seen: set[str] = set()
    entries = raw.get("source") or []
    if not isinstance(entries, list):
        raise SourcesError("`source` must be an array of tables: [[source]]")
    for n, entry in enumerate(entries, start=1):
        where = f"source #{n}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a table")
            continue
        sid, kind = str(entry.get("id") or ""), str(entry.get("kind") or "")
        where = f"source #{n} ({sid or 'no id'})"
        if not _ID.match(sid):
            problems.append(f"{where}: `id` must be letters, digits, - or _ (at most 64)")
        elif sid in seen:
            problems.append(f"{where}: the id is used twice")
        seen.add(sid)
        if kind not in KINDS:
            problems.append(f"{where}: `kind` must be one of {', '.join(KINDS)}")
            continue
        try:
            interval = max(MIN_INTERVAL, float(entry.get("interval", defaults.get("interval", DEFAULT_INTERVAL))))
            backoff = max(interval, float(entry.get("max_backoff", defaults.get("max_backoff", DEFAULT_MAX_BACKOFF))))
        except (TypeError, ValueError):
            problems.append(f"{where}: `interval` and `max_backoff` are seconds")
            continue
        fields: dict = {"id": sid, "kind": kind, "interval": interval, "max_backoff": backoff}
        if kind == "feed":
            url = entry.get("url")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                problems.append(f"{where}: a feed needs an http(s) `url`")
            fields["url"] = url
        elif kind == "telegram":
            channel = str(entry.get("channel") or "").removeprefix("@")
            if not _CHANNEL.match(channel):
                problems.append(f"{where}: `channel` must be a public channel name (5–32 letters, digits, _)")
            preview = str(entry.get("preview_url") or TELEGRAM_PREVIEW)
            if not preview.startswith(("http://", "https://")):
                problems.append(f"{where}: `preview_url` must be http(s)")
            fields.update(channel=channel, preview_url=preview.rstrip("/") + "/", api=bool(entry.get("api", False)))
        else:
            folder = entry.get("path")
            if not isinstance(folder, str) or not folder:
                problems.append(f"{where}: a folder needs a `path`")
            else:
                fields["path"] = (base / folder) if not Path(folder).is_absolute() else Path(folder)
        sources.append(Source(**fields))
    if problems:
        raise SourcesError("the sources file has problems:\n- " + "\n- ".join(problems))
    return sources

"""Readers: files in, article drafts and rejects out.

`read_path(path)` sniffs one file and hands it to the reader for its kind (plain text or a text
dump of Telegram posts, a Telegram Desktop JSON export, an RSS/Atom feed, a saved HTML page, a PDF
with a text layer, a Word .docx file).
Nothing raises for bad input: every problem becomes a `Reject` with a reason from
`etl.schema.REJECT_REASONS`, so every input is accounted for.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from etl.read.common import Draft, Reject, date_from_name, decode_bytes
from etl.read.documents import is_docx, is_pdf, read_docx, read_pdf
from etl.read.feed import read_feed
from etl.read.html import read_html
from etl.read.telegram import read_telegram_export
from etl.read.text import read_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Folder documentation that sits beside inputs (seeds/README.md) is not an article.
SKIPPED_NAMES = {"readme", "readme.md", "readme.txt", "license", "license.md"}

__all__ = ["Draft", "Reject", "read_path", "iter_input_files", "outside", "DEFAULT_MAX_BYTES"]


def iter_input_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Files under the given paths, in a stable order; hidden files and folder READMEs skipped.

    Folders are walked without following symbolic links: a link to a folder is yielded as one entry
    (so that `read_path` can reject it when it leads outside the input), never descended.
    """
    for root in inputs:
        root = Path(root)
        if root.is_dir():
            candidates = []
            for folder, dirs, names in os.walk(root, followlinks=False):
                here = Path(folder)
                linked = {d for d in dirs if (here / d).is_symlink()}
                dirs[:] = sorted(set(dirs) - linked)
                # A link to a folder inside the input adds nothing (its files are read where they
                # are); one that leads outside is yielded, to become a reject.
                candidates += [here / n for n in names] + [here / d for d in linked if outside(here / d, root)]
            candidates.sort()
        else:
            candidates = [root]
        for path in candidates:
            rel = path.relative_to(root) if root.is_dir() else Path(path.name)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if path.name.lower() in SKIPPED_NAMES:
                continue
            yield path


def outside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link resolved, leaves the folder `root`."""
    try:
        target = path.resolve(strict=False)
        base = root.resolve(strict=False)
    except (OSError, RuntimeError):  # a link loop
        return True
    return target != base and base not in target.parents


def _sniff(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    head = text.lstrip()[:500].lower()
    if suffix == ".json" or head.startswith("{") and '"messages"' in text[:5000]:
        return "telegram"
    if suffix in {".xml", ".rss", ".atom"} or head.startswith("<?xml") and ("<rss" in head or "<feed" in head) \
            or head.startswith("<rss") or head.startswith("<feed"):
        return "feed"
    if suffix in {".html", ".htm"} or head.startswith("<!doctype html") or head.startswith("<html"):
        return "html"
    return "text"


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, label: str | None = None,
              root: Path | None = None) -> tuple[list[Draft], list[Reject]]:
    """Read one file. `label` is how the file is named in the tables (defaults to its path).

    With `root` (the input folder the file was found in), a path that leads outside it through a
    symbolic link is an `outside-input` reject and is never opened.
    """
    name = label or str(path)
    if root is not None and Path(root).is_dir() and outside(path, Path(root)):
        return [], [Reject(name, "outside-input", "the link leads outside the input folder")]
    if path.is_dir():
        return [], [Reject(name, "unreadable", "a folder, not a file")]
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [], [Reject(name, "unreadable", str(exc))]
    if size > max_bytes:
        # Checked before reading so that a huge (or sparse) file costs nothing.
        return [], [Reject(name, "too-large", f"{size} bytes, over the limit of {max_bytes}")]
    if size == 0:
        return [], [Reject(name, "empty", "0 bytes")]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Reject(name, "unreadable", str(exc))]
    if is_pdf(data) or is_docx(data, path.suffix.lower()):
        drafts, rejects = (read_pdf if is_pdf(data) else read_docx)(data, name)
        date_from_name(drafts, path.name)
        return drafts, rejects
    text, problem = decode_bytes(data)
    if text is None:
        return [], [Reject(name, *problem)]
    if not text.strip():
        return [], [Reject(name, "empty", "only whitespace")]
    kind = _sniff(path, text)
    if kind == "telegram":
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [Reject(name, "malformed-json", f"line {exc.lineno}, column {exc.colno}: {exc.msg}")]
        drafts, rejects = read_telegram_export(payload, name)
    elif kind == "feed":
        drafts, rejects = read_feed(text, name)
    elif kind == "html":
        drafts, rejects = read_html(text, name)
    else:
        drafts, rejects = read_text(text, name)
    # The file's own date (in its name) is the weakest clue: only where nothing else dated an article.
    date_from_name(drafts, path.name)
    return drafts, rejects

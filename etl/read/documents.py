"""Reports kept as documents: the text layer of a PDF (pypdf) and the paragraphs of a Word file
(python-docx), with title and date from the document's own metadata.

A PDF's text comes out in printed lines: a sentence runs over several of them and words are split
at the margin with a hyphen. The lines are joined back into paragraphs (`reflow`), since the
extractors read a paragraph as a unit and a named entity must not be cut at a line end. A PDF with
no text layer (a scan) is a `no-text-layer` reject: it needs OCR, which is not done here.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re

from etl.dates import source_year_evidence
from etl.read.common import Draft, Reject, date_from_text, dedupe_paragraphs

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# Fewer visible characters per page than this and the PDF is taken for a scan.
MIN_CHARS_PER_PAGE = 40
SENTENCE_END = re.compile(r"[.!?…:;»\"”)]\s*$")
HYPHENATED = re.compile(r"(?<=[^\W\d_])[-\u00ad]\s*$")
STARTS_LOWER = re.compile(r"^[a-zа-яё0-9(«\"]")
BULLET = re.compile(r"^\s*(?:[-–—•·▪●]|\d{1,2}[.)])\s+")


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def is_docx(data: bytes, suffix: str) -> bool:
    return data.startswith(ZIP_MAGIC) and (suffix == ".docx" or b"word/" in data[:4096])


def reflow(lines: list[str]) -> list[str]:
    """Printed lines joined back into paragraphs.

    A line continues the previous one unless that line ended a sentence, or stopped well short of
    the margin (a heading), and this one starts with a capital; a list item always starts anew, and
    an empty line ends a paragraph. A word hyphenated at the margin is joined without its hyphen when
    the next line goes on in lower case.
    """
    lines = [" ".join(raw.split()) for raw in lines]
    lengths = sorted(len(line) for line in lines if line)
    full = lengths[len(lengths) // 2] if lengths else 0  # a typical printed line
    paragraphs: list[str] = []
    current, previous = "", ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = previous = ""
            continue
        short = len(previous) < 0.6 * full
        if not current:
            current = line
        elif BULLET.match(line) or ((SENTENCE_END.search(current) or short) and not STARTS_LOWER.match(line)):
            paragraphs.append(current)
            current = line
        elif HYPHENATED.search(current) and line[:1].islower():
            current = HYPHENATED.sub("", current) + line
        else:
            current = f"{current} {line}"
        previous = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _draft(source_file: str, kind: str, paragraphs: list[str], title: str | None,
           published: dt.date | None) -> tuple[list[Draft], list[Reject]]:
    title = (title or "").strip() or None
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    paragraphs = dedupe_paragraphs(paragraphs)
    if not paragraphs:
        return [], [Reject(source_file, "empty", f"the {kind.upper()} holds no text")]
    draft = Draft(source_file=source_file, source_kind=kind, text="\n".join(paragraphs),
                  title=title or paragraphs[0][:200], published=published,
                  date_basis="metadata" if published else "none",
                  date_clue=f"the {kind.upper()}'s metadata" if published else None)
    date_from_text(draft, source_year_evidence([draft.text]))
    return [draft], []


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def read_pdf(data: bytes, source_file: str) -> tuple[list[Draft], list[Reject]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files go to the reject instead
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return [], [Reject(source_file, "malformed-document", "the PDF is encrypted with a password")]
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        return [], [Reject(source_file, "malformed-document", f"the PDF does not parse: {type(exc).__name__}: {exc}")]
    except Exception as exc:  # noqa: BLE001  (pypdf raises assorted errors on damaged files)
        return [], [Reject(source_file, "malformed-document", f"the PDF does not parse: {type(exc).__name__}: {exc}")]
    visible = sum(len("".join(p.split())) for p in pages)
    if not pages or visible < MIN_CHARS_PER_PAGE * len(pages):
        return [], [Reject(source_file, "no-text-layer",
                           f"{len(pages)} pages, {visible} characters of text: a scan without a text layer")]
    paragraphs: list[str] = []
    for page in pages:
        paragraphs += reflow(page.splitlines())
    title = published = None
    try:
        if meta is not None:
            title = meta.title
            published = _as_date(meta.creation_date) or _as_date(meta.modification_date)
    except (ValueError, TypeError, KeyError):  # a malformed date string in the metadata
        pass
    return _draft(source_file, "pdf", paragraphs, title if isinstance(title, str) else None, published)


def read_docx(data: bytes, source_file: str) -> tuple[list[Draft], list[Reject]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        return [], [Reject(source_file, "malformed-document", f"the Word file does not open: {type(exc).__name__}: {exc}")]
    except Exception as exc:  # noqa: BLE001  (zip and XML errors of a damaged file)
        return [], [Reject(source_file, "malformed-document", f"the Word file does not open: {type(exc).__name__}: {exc}")]
    paragraphs = [" ".join(p.text.split()) for p in document.paragraphs]
    for table in document.tables:  # a table's rows as lines, cells apart
        for row in table.rows:
            cells = list(dict.fromkeys(" ".join(c.text.split()) for c in row.cells))
            paragraphs.append(" | ".join(c for c in cells if c))
    paragraphs = [p for p in paragraphs if p]
    props = document.core_properties
    published = _as_date(props.created) or _as_date(props.modified)
    return _draft(source_file, "docx", paragraphs, props.title, published)

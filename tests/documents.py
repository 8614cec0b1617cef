"""PDF and Word files made by the tests themselves.

`make_pdf` writes a minimal PDF by hand: each page a text stream in Helvetica whose one-byte codes
carry a ToUnicode map, so that Cyrillic text has a real text layer a reader can extract (as a PDF
from a word processor has). Lines are placed as a printer places them, so a sentence can be made to
run over several lines.
"""

from __future__ import annotations

import datetime as dt
import io

# One-byte codes for Cyrillic: А…я at 0x80…0xBF, Ё at 0xC0, ё at 0xC1, « » — at 0xC2…0xC4.
EXTRA = {"Ё": 0xC0, "ё": 0xC1, "«": 0xC2, "»": 0xC3, "—": 0xC4, "–": 0xC5}


def _code(ch: str) -> int:
    if "А" <= ch <= "я":
        return 0x80 + ord(ch) - ord("А")
    if ch in EXTRA:
        return EXTRA[ch]
    if " " <= ch <= "~":
        return ord(ch)
    raise ValueError(f"no code for {ch!r}")


def _to_unicode() -> bytes:
    pairs = [f"<{0x80 + i:02X}> <{ord('А') + i:04X}>" for i in range(64)]
    pairs += [f"<{code:02X}> <{ord(ch):04X}>" for ch, code in EXTRA.items()]
    pairs += [f"<{c:02X}> <{c:04X}>" for c in range(0x20, 0x7F)]
    body = "\n".join(pairs)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Cyr def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(pairs)} beginbfchar\n{body}\nendbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode("ascii")


def _literal(line: str) -> bytes:
    out = bytearray(b"(")
    for ch in line:
        code = _code(ch)
        if code in (0x28, 0x29, 0x5C):
            out += b"\\"
        out.append(code)
    return bytes(out + b")")


def make_pdf(pages: list[list[str]], *, title: str | None = None, created: dt.datetime | None = None) -> bytes:
    """A PDF whose pages hold the given printed lines (an empty page list item: a page with no text)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    cmap = _to_unicode()
    cmap_id = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    font_id = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % cmap_id)
    page_ids = []
    for lines in pages:
        stream = bytearray(b"BT /F1 11 Tf 14 TL 56 780 Td\n")
        for line in lines:
            stream += _literal(line) + b" Tj T*\n"
        stream += b"ET"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + bytes(stream) + b"\nendstream")
        page_ids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_id, font_id, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    info = []
    if title:
        info.append(b"/Title <FEFF" + title.encode("utf-16-be").hex().upper().encode() + b">")
    if created:
        info.append(b"/CreationDate (D:" + created.strftime("%Y%m%d%H%M%S").encode() + b"Z)")
    info_id = add(b"<< " + b" ".join(info) + b" >>")

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, catalog, info_id, xref))
    return out.getvalue()


def make_docx(paragraphs: list[str], *, title: str | None = None, created: dt.datetime | None = None,
              table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title:
        document.core_properties.title = title
    if created:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

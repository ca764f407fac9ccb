"""Hostile files, made here rather than stored: each must be refused quickly with a clear message.

Every builder is cached, so a test module (and the bench) pays for a file once.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from tests.formats.corpus import CONTENT_TYPES, RELS


@dataclass(frozen=True)
class Hostile:
    """One hostile file: where it goes in, and words the refusal must hold."""

    name: str
    filename: str
    kind: str  # "document" (job description, CV, profile), "invite", "email", "backup"
    build: Callable[[], bytes]
    refusal: str  # a regular expression the message must match (case-insensitive)

    @property
    def data(self) -> bytes:
        return self.build()


# --- PDF ---------------------------------------------------------------------------------------


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (numbered from 1, the first the catalog) with a true xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def flate(chunks: list[bytes] | bytes, repeat: int = 1) -> bytes:
    """A FlateDecode stream object of the chunks (each written `repeat` times)."""
    parts = [chunks] if isinstance(chunks, bytes) else chunks
    packer = zlib.compressobj(9)
    packed = bytearray()
    for part in parts:
        for _ in range(repeat):
            packed += packer.compress(part)
    packed += packer.flush()
    return (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
        + bytes(packed)
        + b"\nendstream"
    )


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(contents: list[bytes], declared_count: int | None = None) -> bytes:
    """One page per content stream, Helvetica as F1; the page count may be a lie."""
    pages = len(contents)
    font = 3 + 2 * pages
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages))
    count = pages if declared_count is None else declared_count
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    for index, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * index)
        )
        objects.append(flate(content))
    objects.append(FONT)
    return pdf_file(objects)


@functools.cache
def pdf_huge_text_run() -> bytes:
    """About 6 KB on disk: one text run of six million characters on one page."""
    return text_pdf([b"BT /F1 1 Tf 10 700 Td (" + b"A" * 6_000_000 + b") Tj ET"])


@functools.cache
def pdf_inflating_stream() -> bytes:
    """About 1 MB on disk: a content stream that inflates to a gigabyte of spaces."""
    head = b"BT /F1 12 Tf 72 700 Td (Senior engineer) Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _gigabyte_stream(head),
        FONT,
    ]
    return pdf_file(objects)


def _gigabyte_stream(head: bytes) -> bytes:
    """A stream object inflating to `head` and a gigabyte of spaces, made in well under a second.

    Each megabyte is deflated after a full flush, so its bytes do not depend on what came before
    and one packed copy serves for all; the final block and checksum are written by hand.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    block = b" " * (1024 * 1024)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    segment = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = zlib.adler32(head)
    for _ in range(1024):
        checksum = zlib.adler32(block, checksum)
    packed = first + segment * 1024 + b"\x03\x00" + checksum.to_bytes(4, "big")
    return (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + (b"\nendstream")
    )


@functools.cache
def pdf_double_deflated_stream() -> bytes:
    """A few kilobytes: deflated twice, so only the child process's memory limit stops it."""
    inner = _gigabyte_stream(b"BT /F1 12 Tf 72 700 Td (Senior engineer) Tj ET\n")
    packed = inner[inner.index(b"stream\n") + 7 : inner.rindex(b"\nendstream")]
    outer = zlib.compress(packed, 9)
    stream = (
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(outer)
        + outer
        + b"\nendstream"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream,
        FONT,
    ]
    return pdf_file(objects)


@functools.cache
def pdf_page_count_lie() -> bytes:
    """One real page whose page tree claims two billion pages."""
    return text_pdf([b"BT /F1 12 Tf 72 700 Td (Senior engineer) Tj ET"], 2_000_000_000)


@functools.cache
def pdf_many_full_pages() -> bytes:
    """Forty pages of 19,000 characters each: every page under the page limit, not the total."""
    line = b"BT /F1 1 Tf 10 700 Td (" + b"word " * 3_800 + b") Tj ET"
    return text_pdf([line] * 40)


# --- DOCX --------------------------------------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_of(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def laughs_xml(encoding: str, padding: int) -> bytes:
    """A billion-laughs document.xml, its DOCTYPE after `padding` bytes of comment."""
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        f"<!--{' ' * padding}-->{LAUGHS}"
        f"<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    if encoding.upper() == "UTF-16":
        return text.encode("utf-16")  # with a byte-order mark, as Windows writes it
    return text.encode(encoding)


@functools.cache
def docx_padded_laughs() -> bytes:
    return docx_of(laughs_xml("UTF-8", 10_000))


@functools.cache
def docx_utf16_laughs() -> bytes:
    return docx_of(laughs_xml("UTF-16", 0))


# --- invites, emails, backups ------------------------------------------------------------------


def invite_with_attendees(count: int, short: bool = False) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Hostile//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:crowd-{count}@example.com",
        "DTSTAMP:20260301T090000Z",
        "DTSTART:20260310T140000Z",
        "DTEND:20260310T150000Z",
        "SUMMARY:Second interview",
        "ORGANIZER;CN=Recruiter:mailto:recruiter@example.com",
    ]
    if short:  # short lines, so that even 18,000 fit under the size limit
        lines += [f"ATTENDEE:mailto:p{n}@x.io" for n in range(count)]
    else:
        lines += [
            f"ATTENDEE;CN=Person {n};ROLE=REQ-PARTICIPANT:mailto:person{n}@example.com"
            for n in range(count)
        ]
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


@functools.cache
def invite_4k() -> bytes:
    return invite_with_attendees(4_000)


@functools.cache
def invite_18k() -> bytes:
    return invite_with_attendees(18_000, short=True)


@functools.cache
def deep_mime_email(depth: int = 3_000) -> bytes:
    """Multipart inside multipart, `depth` levels down, a line of text at the bottom."""
    head = (
        "From: Recruiter <recruiter@example.com>\r\nTo: me@example.com\r\n"
        "Subject: Feedback\r\nDate: Tue, 03 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    )
    parts = []
    for level in range(depth):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n')
    body = "Content-Type: text/plain\r\n\r\nThey liked your answers.\r\n"
    tail = "".join(f"\r\n--b{level}--\r\n" for level in reversed(range(depth)))
    return (head + "".join(parts) + body + tail).encode()


@functools.cache
def deep_json_backup(depth: int = 200_000) -> bytes:
    """A backup whose opportunities hold a list nested two hundred thousand deep."""
    start = json.dumps({"format": "nextround-backup", "version": 1, "opportunities": []})
    return (start[:-2] + "[" * depth + "]" * depth + "]}").encode()


HOSTILE: tuple[Hostile, ...] = (
    Hostile("pdf huge text run", "jd.pdf", "document", pdf_huge_text_run, r"too large to read"),
    Hostile(
        "pdf inflating stream", "jd.pdf", "document", pdf_inflating_stream, r"too large to read"
    ),
    Hostile(
        "pdf double-deflated stream",
        "jd.pdf",
        "document",
        pdf_double_deflated_stream,
        r"too large to read",
    ),
    Hostile("pdf page-count lie", "cv.pdf", "document", pdf_page_count_lie, r"claims .* pages"),
    Hostile("pdf many full pages", "cv.pdf", "document", pdf_many_full_pages, r"too large to read"),
    Hostile(
        "docx padded laughs", "cv.docx", "document", docx_padded_laughs, r"DOCTYPE or entities"
    ),
    Hostile("docx utf-16 laughs", "cv.docx", "document", docx_utf16_laughs, r"DOCTYPE or entities"),
    Hostile("ics 4k attendees", "invite.ics", "invite", invite_4k, r"at most 50 attendees"),
    Hostile("ics 18k attendees", "invite.ics", "invite", invite_18k, r"at most 50 attendees"),
    Hostile("eml deep mime", "feedback.eml", "email", deep_mime_email, r"nested .* deep"),
    Hostile("json deep nesting", "backup.json", "backup", deep_json_backup, r"nested .* deep"),
)


def hostile(kind: str | None = None) -> list[Hostile]:
    return [h for h in HOSTILE if kind is None or h.kind == kind]

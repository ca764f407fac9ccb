"""Read a job description, CV or profile file into Markdown text: one entry point for all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["txt", "md", "html", "pdf", "docx"]

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 100

EXTENSIONS: dict[str, Kind] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

# What a file really is, from its first bytes; named in the message when the extension lies.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc or other Office 97 file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)

BULLET_GLYPHS = "•·▪‣◦●○■□►▶➢✓✔❖*–-"
BULLET_LINE = re.compile(rf"^(\s*)[{re.escape(BULLET_GLYPHS)}]\s+(\S.*)$")
HTML_MARKERS = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)


class DocumentError(ValueError):
    """A file nextround cannot read, with a one-line message naming the file and the problem."""


@dataclass(frozen=True)
class Document:
    """Text of one file as Markdown, with what kind it was and what went less than well."""

    text: str
    kind: Kind
    pages: int | None
    warnings: tuple[str, ...]


def read_path(path: Path, *, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES) -> Document:
    """Read a file from disk, checking its size before loading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be opened ({exc.strerror or exc})") from exc
    check_size(size, path.name, max_bytes)
    return read_document(path.read_bytes(), path.name, max_bytes=max_bytes, max_pages=max_pages)


def read_document(
    data: bytes, filename: str, *, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES
) -> Document:
    """Turn the bytes of a .pdf, .docx, .html, .txt or .md file into Markdown text."""
    name = Path(filename).name or filename
    kind = kind_from_name(name)
    if not data:
        raise DocumentError(f"{name}: the file is empty")
    check_size(len(data), name, max_bytes)
    check_content(data, name, kind)
    # Parsers are imported on first use so that commands which never read a document start fast.
    if kind == "pdf":
        from nextround.formats import pdf

        text, pages, warnings = pdf.read_pdf(data, name, max_pages=max_pages)
        return finish(text, kind, pages, warnings, name)
    if kind == "docx":
        from nextround.formats import docx

        text, warnings = docx.read_docx(data, name)
        return finish(text, kind, None, warnings, name)
    decoded, encoding_warnings = decode_text(data, name)
    if kind == "html":
        from nextround.formats import html

        text, warnings = html.read_html(decoded, name)
        return finish(text, kind, None, encoding_warnings + warnings, name)
    if kind == "txt":
        decoded = normalise_bullets(decoded)
    return finish(decoded, kind, None, encoding_warnings, name)


def kind_from_name(name: str) -> Kind:
    """The kind of document a filename promises, or a DocumentError for an unknown extension."""
    suffix = Path(name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(sorted({ext for ext in EXTENSIONS if len(ext) <= 5}))
    shown = f"'{suffix}'" if suffix else "no extension"
    raise DocumentError(f"{name}: unknown file type ({shown}); nextround reads {known}")


def check_size(size: int, name: str, max_bytes: int) -> None:
    """Refuse a file over the size limit before any parsing starts."""
    if size > max_bytes:
        raise DocumentError(
            f"{name}: the file is {megabytes(size)}, over the {megabytes(max_bytes)} limit"
        )


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def sniff(data: bytes) -> str:
    """What the first bytes say the file is: 'pdf', 'zip', 'html', 'text' or a binary's name."""
    head = data[:1024]
    # The PDF spec allows junk before the header; readers accept it within the first kilobyte.
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    for magic, label in BINARY_MAGIC:
        if data.startswith(magic):
            return label
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "html" if HTML_MARKERS.search(head.replace(b"\x00", b"")) else "text"
    if looks_binary(head):
        return "binary data"
    return "html" if HTML_MARKERS.search(head) else "text"


def looks_binary(head: bytes) -> bool:
    """True for bytes that no text file holds: NULs (outside UTF-16) or many control codes."""
    if not head:
        return False
    if looks_utf16(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.1


def looks_utf16(head: bytes) -> bool:
    """UTF-16 text without a byte-order mark: every other byte is NUL."""
    if len(head) < 4:
        return False
    even = head[0::2].count(0) / len(head[0::2])
    odd = head[1::2].count(0) / len(head[1::2])
    return max(even, odd) > 0.4 and min(even, odd) < 0.05


def check_content(data: bytes, name: str, kind: Kind) -> None:
    """Refuse a file whose bytes are not what its extension says."""
    found = sniff(data)
    if kind == "pdf":
        if found != "pdf":
            raise DocumentError(f"{name}: not a PDF: it looks like {describe(found)}")
    elif kind == "docx":
        if found != "zip":
            raise DocumentError(f"{name}: not a Word .docx file: it looks like {describe(found)}")
    elif found not in ("text", "html"):
        raise DocumentError(f"{name}: not a text file: it looks like {describe(found)}")


def describe(found: str) -> str:
    return {
        "pdf": "a PDF",
        "zip": "a zip archive",
        "html": "a web page (HTML)",
        "text": "plain text",
    }.get(found, found)


def decode_text(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode as UTF-8, else by byte-order mark, else as cp1252 or latin-1, saying which."""
    if data.startswith(b"\xef\xbb\xbf"):
        return tidy(data[3:].decode("utf-8", errors="replace")), (
            f"{name}: decoded as UTF-8 (with a byte-order mark)",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return tidy(data.decode("utf-16", errors="replace")), (f"{name}: decoded as UTF-16",)
    if looks_utf16(data[:1024]):
        encoding = (
            "utf-16-le" if data[1::2][:512].count(0) > data[0::2][:512].count(0) else "utf-16-be"
        )
        return tidy(data.decode(encoding, errors="replace")), (
            f"{name}: decoded as {encoding.upper()} (no byte-order mark)",
        )
    try:
        return tidy(data.decode("utf-8")), ()
    except UnicodeDecodeError:
        pass
    try:
        return tidy(data.decode("cp1252")), (
            f"{name}: not UTF-8; decoded as Windows-1252 (cp1252)",
        )
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this cannot fail.
        return tidy(data.decode("latin-1")), (f"{name}: not UTF-8; decoded as Latin-1",)


def tidy(text: str) -> str:
    """Unix newlines, no NULs, no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def normalise_bullets(text: str) -> str:
    """Turn typographic bullets at the start of a line into Markdown list items."""
    out = []
    for line in text.split("\n"):
        match = BULLET_LINE.match(line)
        if match:
            indent = "  " * (len(match.group(1).expandtabs(4)) // 2)
            line = f"{indent}- {match.group(2)}"
        out.append(line)
    return "\n".join(out)


def finish(
    text: str, kind: Kind, pages: int | None, warnings: tuple[str, ...], name: str
) -> Document:
    """Collapse runs of blank lines and refuse a document that has no text at all."""
    text = re.sub(r"\n{3,}", "\n\n", tidy(text)).strip()
    if not text:
        raise DocumentError(f"{name}: the file has no text in it")
    return Document(text=text + "\n", kind=kind, pages=pages, warnings=warnings)

"""Job descriptions and other documents read from the files people have (PDF, DOCX, HTML, text)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from nextround.formats.documents import MAX_BYTES, Document, DocumentError, read_document, read_path
from nextround.services.errors import ServiceError
from nextround.store import models as m

MAX_DOCUMENT_BYTES = MAX_BYTES
ACCEPTED = ".pdf, .docx, .html, .htm, .txt, .md"
# What the browser's file picker offers; the reader still checks every file's content.
ACCEPT_ATTRIBUTE = ".pdf,.docx,.html,.htm,.xhtml,.txt,.text,.md,.markdown"


class UnreadableDocument(ServiceError):
    """A file that cannot be read; the message is the reader's one line, naming the file."""


def read_file(path: Path) -> Document:
    """Read a document from disk, its size checked before it is loaded."""
    try:
        return read_path(path)
    except DocumentError as exc:
        raise UnreadableDocument(str(exc)) from None


def read_upload(data: bytes, filename: str) -> Document:
    """Read a document whose bytes arrived some other way (a web upload)."""
    try:
        return read_document(data, filename)
    except DocumentError as exc:
        raise UnreadableDocument(str(exc)) from None


def read_job_description(path: Path) -> str:
    """The text of a job description file, as Markdown where the file has structure."""
    return read_file(path).text


def job_description_from_bytes(data: bytes, filename: str) -> str:
    return read_upload(data, filename).text


def attach_job_description(
    owner: User, opportunity_id: int, path: Path
) -> tuple[m.Opportunity, Document]:
    """Read a file into an opportunity's job description, replacing what was there."""
    from nextround.services.records import opportunities

    opportunities.get(owner, opportunity_id)  # an unknown id is named before any reading
    document = read_file(path)
    with transaction.atomic():
        opportunity = opportunities.update(
            owner,
            opportunity_id,
            job_description=document.text,
            jd_source_name=path.name[:255],
        )
    return opportunity, document


def too_big_message(filename: str, size: int) -> str:
    """The reader's own words for a file over the size limit, for uploads refused early."""
    try:
        from nextround.formats.documents import check_size

        check_size(size, Path(filename).name or filename, MAX_BYTES)
    except DocumentError as exc:
        return str(exc)
    return ""

"""Job descriptions and other documents read from the files people have."""

from __future__ import annotations

from pathlib import Path

from nextround.services.errors import ServiceError

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def read_job_description(path: Path) -> str:
    """The text of a job description file, as Markdown where the file has structure."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ServiceError(f"{path}: cannot be read ({exc.strerror})") from None
    return job_description_from_bytes(data, path.name)


def job_description_from_bytes(data: bytes, filename: str) -> str:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ServiceError(f"{filename}: is larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
    if b"\x00" in data[:4096]:
        raise ServiceError(f"{filename}: is not a text file")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").strip()
        except UnicodeDecodeError:
            continue
    raise ServiceError(f"{filename}: cannot be decoded as text")  # pragma: no cover

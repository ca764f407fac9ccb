"""Read feedback emails (.eml files or pasted text) and write unsent drafts."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, tzinfo
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

MAX_EMAIL_BYTES = 5_000_000
# Mail apps nest a handful of levels (mixed > alternative > related); more is a hostile file.
MAX_MIME_DEPTH = 20

_HEADER_NAMES = ("from", "to", "subject", "date", "message-id", "mime-version", "received")
# Lines a mail app writes above the earlier message it quotes.
_ATTRIBUTION = re.compile(r"^\s*(On\b.{0,200}\bwrote:|Le\b.{0,200}\ba écrit\s*:)\s*$", re.I)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(Original Message|Forwarded message)\s*-{2,}\s*$", re.I)
_OUTLOOK_FROM = re.compile(r"^\s*\*?From:\*?\s+\S", re.I)
_OUTLOOK_NEXT = re.compile(r"^\s*\*?(Sent|Date|To|Subject):\*?\s", re.I)
_PASTED_HEADER = re.compile(r"^(From|To|Cc|Date|Sent|Subject)\s*:\s*(.*)$", re.I)
_PASTED_DATES = (
    "%A, %B %d, %Y %I:%M %p",
    "%A, %d %B %Y %H:%M",
    "%a, %d %b %Y %H:%M",
    "%d %B %Y at %H:%M",
    "%d %B %Y %H:%M",
    "%B %d, %Y at %I:%M %p",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M",
)


class EmailError(ValueError):
    """An email that cannot be read, with a one-line reason."""


@dataclass(frozen=True)
class Email:
    """The parts of an email that feedback and follow-ups need."""

    sender_name: str
    sender_email: str
    to: tuple[str, ...]
    date: datetime | None
    subject: str
    text: str
    quoted: str = ""


def parse_email(
    data: bytes, *, max_bytes: int = MAX_EMAIL_BYTES, local_timezone: str = "UTC"
) -> Email:
    """Read an .eml file: sender, recipients, date, subject and the new text of the body."""
    if len(data) > max_bytes:
        raise EmailError(
            f"the email is too large ({_size(len(data))}; the limit is {_size(max_bytes)})"
        )
    if not data.strip():
        raise EmailError("the email is empty")
    if b"\x00" in data[:4096]:
        raise EmailError("this is not an email (it holds binary data)")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except RecursionError:
        # The standard parser recurses once per level: past a few hundred, it runs out of stack.
        raise _too_deep() from None
    if _mime_depth(message) > MAX_MIME_DEPTH:
        raise _too_deep()
    present = {key.lower() for key in message}
    if not present & set(_HEADER_NAMES):
        raise EmailError("this is not an email (no From, To, Subject or Date header)")

    body = _body_text(message)
    if not body.strip():
        raise EmailError("the email has no readable text")
    text, quoted = split_quoted(body)
    if not text.strip() and not quoted.strip():
        raise EmailError("the email has no readable text")
    sender_name, sender_email = _sender(message.get("From", ""))
    return Email(
        sender_name=sender_name,
        sender_email=sender_email,
        to=_recipients(message.get_all("To", [])),
        date=_header_date(message.get("Date"), _zone(local_timezone)),
        subject=_one_line(str(message.get("Subject", ""))),
        text=text,
        quoted=quoted,
    )


def parse_pasted_email(
    text: str, *, max_chars: int = MAX_EMAIL_BYTES, local_timezone: str = "UTC"
) -> Email:
    """Read an email pasted as text, with optional From:/Date:/Subject: lines at the top."""
    if len(text) > max_chars:
        raise EmailError(
            f"the pasted email is too long ({len(text):,} characters; the limit is {max_chars:,})"
        )
    if not text.strip():
        raise EmailError("the email is empty")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").split("\n")
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines):
        found = _PASTED_HEADER.match(lines[index].strip())
        if not found:
            break
        name = found.group(1).lower()
        # Outlook copies "Sent:" where other apps write "Date:".
        headers.setdefault("date" if name == "sent" else name, found.group(2).strip())
        index += 1
    body = "\n".join(lines[index:]).strip("\n")
    if not body.strip():
        raise EmailError("the email has no readable text")
    new_text, quoted = split_quoted(body)
    sender_name, sender_email = _sender(headers.get("from", ""))
    return Email(
        sender_name=sender_name,
        sender_email=sender_email,
        to=_recipients([headers["to"]] if "to" in headers else []),
        date=_pasted_date(headers.get("date", ""), _zone(local_timezone)),
        subject=_one_line(headers.get("subject", "")),
        text=new_text,
        quoted=quoted,
    )


def build_eml_draft(
    to_name: str, to_email: str, subject: str, body: str, from_email: str | None = None
) -> bytes:
    """Write an unsent draft (.eml with X-Unsent: 1) that mail apps open ready to send."""
    for field, value in (("to_name", to_name), ("subject", subject)):
        if "\n" in value or "\r" in value:
            raise EmailError(f"{field} must be one line")
    message = EmailMessage(policy=policy.default.clone(linesep="\r\n"))
    message["To"] = _address("to_email", to_name, to_email)
    if from_email:
        message["From"] = _address("from_email", "", from_email)
    message["Subject"] = subject
    # Outlook and others open a file with this header as a draft to send rather than a read mail.
    message["X-Unsent"] = "1"
    # Quoted-printable keeps the file 7-bit, which every mail app opens without guessing.
    message.set_content(body.replace("\r\n", "\n"), cte="quoted-printable")
    return message.as_bytes()


def split_quoted(body: str) -> tuple[str, str]:
    """Split a body into the new text and the earlier message it quotes."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = _quote_start(lines)
    own = lines[:cut]
    quoted = lines[cut:]
    kept: list[str] = []
    inline: list[str] = []
    for line in own:
        (inline if line.lstrip().startswith(">") else kept).append(line)
    quoted_text = "\n".join([*inline, *quoted]).strip()
    return _tidy("\n".join(kept)), quoted_text


def _quote_start(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        two = line + " " + (lines[index + 1] if index + 1 < len(lines) else "")
        if _ATTRIBUTION.match(line) or (line.strip().startswith("On ") and _ATTRIBUTION.match(two)):
            return index
        if _ORIGINAL.match(line):
            return index
        if _OUTLOOK_FROM.match(line) and any(
            _OUTLOOK_NEXT.match(following) for following in lines[index + 1 : index + 4]
        ):
            # Outlook draws a rule of underscores above the quoted header block.
            above = index - 1
            while above >= 0 and not lines[above].strip():
                above -= 1
            if above >= 0 and set(lines[above].strip()) <= {"_", "-"}:
                return above
            return index
    return len(lines)


def _too_deep() -> EmailError:
    return EmailError(
        f"the email's MIME parts are nested more than {MAX_MIME_DEPTH} deep; "
        f"nextround reads at most {MAX_MIME_DEPTH} levels"
    )


def _mime_depth(message: EmailMessage) -> int:
    """How many multipart levels the message has, counted without recursion."""
    deepest = 0
    stack: list[tuple[Message, int]] = [(message, 1)]
    while stack:
        part, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_MIME_DEPTH:
            break
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend((c, depth + 1) for c in payload if isinstance(c, Message))
    return deepest


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return ""
    decoded = _decode(raw, part.get_content_charset())
    if part.get_content_subtype() == "html":
        return html_to_text(decoded)
    return decoded


def _decode(raw: bytes, charset: str | None) -> str:
    for codec in (charset, "utf-8", "cp1252", "latin-1"):
        if not codec:
            continue
        try:
            return raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("utf-8", "replace")  # pragma: no cover - latin-1 always decodes


def html_to_text(html: str) -> str:
    """Turn an HTML body into readable text: paragraphs and line breaks kept, code dropped."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


class _TextParser(HTMLParser):
    _SKIP = {"script", "style", "head", "title", "noscript", "template"}
    _BLOCK = {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "tr",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "address",
    }
    _PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._line = ""
        self._line_depth = 0
        self._depth = 0
        self._skip = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "br":
            if self._line.strip():
                self._break()
            elif self._lines and self._lines[-1] != "":
                # A line break on an empty line (Gmail's <div><br></div>) is a blank line.
                self._lines.append("")
        elif tag == "li":
            self._break()
            self._line = "- "
        elif tag in ("td", "th") and self._line.strip():
            self._line += "  "
        elif tag in self._BLOCK:
            self._break(blank=tag in self._PARAGRAPH)
            if tag == "blockquote":
                self._depth += 1
            if tag == "pre":
                self._pre += 1
            if tag == "hr":
                self._lines.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "li"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK or tag == "li":
            self._break(blank=tag in self._PARAGRAPH)
            if tag == "blockquote":
                self._depth = max(0, self._depth - 1)
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            chunks = data.split("\n")
            for chunk in chunks[:-1]:
                self._add(chunk)
                self._break()
            self._add(chunks[-1])
            return
        # Whitespace in HTML source is not layout: runs of it read as one space.
        text = re.sub(r"\s+", " ", data)
        if not self._line.strip() or self._line.endswith(" "):
            text = text.lstrip()
        self._add(text)

    def _add(self, text: str) -> None:
        if text and not self._line:
            self._line_depth = self._depth
        self._line += text

    def _break(self, blank: bool = False) -> None:
        if self._line.strip():
            line = self._line.rstrip() if self._pre else self._line.strip()
            self._lines.append("> " * self._line_depth + line)
        self._line = ""
        if blank and self._lines and self._lines[-1] != "":
            self._lines.append("")

    def text(self) -> str:
        self._break()
        return _tidy("\n".join(self._lines))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    joined = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", joined)


def _sender(value: str) -> tuple[str, str]:
    value = str(value)
    if "@" not in value:
        return _one_line(value).strip('"'), ""
    try:
        name, address = parseaddr(value)
    except (TypeError, ValueError):
        return "", ""
    return _one_line(name).strip('"'), address.strip()


def _recipients(values: list[str]) -> tuple[str, ...]:
    try:
        pairs = getaddresses([str(value) for value in values])
    except (TypeError, ValueError):
        return ()
    return tuple(address for _, address in pairs if "@" in address)


def _header_date(value: object, local: tzinfo) -> datetime | None:
    if value is None:
        return None
    found = getattr(value, "datetime", None)
    if not isinstance(found, datetime):
        try:
            found = parsedate_to_datetime(str(value))
        except (TypeError, ValueError, IndexError):
            return None
    return found if found.tzinfo is not None else found.replace(tzinfo=local)


def _pasted_date(value: str, local: tzinfo) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    parsed: datetime | None = None
    # The app formats come first: the RFC parser is lenient and misreads "4:42 PM" as 04:42.
    for pattern in _PASTED_DATES:
        try:
            parsed = datetime.strptime(value, pattern)
            break
        except ValueError:
            continue
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=local)


def _address(field: str, name: str, email: str) -> Address:
    email = email.strip()
    if "@" not in email or any(char in email for char in " \r\n<>,;"):
        raise EmailError(f"{field} is not an email address: {email!r}")
    username, _, domain = email.rpartition("@")
    try:
        return Address(display_name=name.strip(), username=username, domain=domain)
    except (ValueError, IndexError) as error:
        raise EmailError(f"{field} is not an email address: {email!r}") from error


def _zone(name: str) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise EmailError(f"local_timezone {name!r} is not a known time zone") from error


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"

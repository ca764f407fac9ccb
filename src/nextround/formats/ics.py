"""Read interview invites from .ics files and write reminders as iCalendar."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from icalendar import Alarm, Calendar, Component, Event
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

MAX_INVITE_BYTES = 1_000_000
# No interview panel is this large; a longer list is a mailing list or a hostile file.
MAX_ATTENDEES = 50

# Hosts of video-call services: a link to one of these in LOCATION, URL or DESCRIPTION is the call.
_VIDEO_HOSTS = (
    r"meet\.google\.com",
    r"teams\.microsoft\.com",
    r"teams\.live\.com",
    r"(?:[\w-]+\.)*zoom\.us",
    r"(?:[\w-]+\.)*zoomgov\.com",
    r"(?:[\w-]+\.)*webex\.com",
    r"whereby\.com",
    r"(?:[\w-]+\.)*chime\.aws",
    r"(?:[\w-]+\.)*gotomeeting\.com",
    r"meet\.jit\.si",
)
_VIDEO_LINK = re.compile(
    r"https://(?:" + "|".join(_VIDEO_HOSTS) + r")(?:/[^\s<>\"')\]]*)?", re.IGNORECASE
)
_ANY_LINK = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)

# Fields that hold only the call itself, so any https link in them counts.
_CONFERENCE_FIELDS = (
    "X-GOOGLE-CONFERENCE",
    "CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
    "X-ZOOM-MEETING-URL",
)

# One content line: a name, parameters (quoted values may hold ':' and ';'), a colon, a value.
_PARAM_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_CONTENT_LINE = re.compile(
    r"^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=" + _PARAM_VALUE + r"(?:," + _PARAM_VALUE + r")*)*:"
)
_CHARSET_HINT = re.compile(rb"charset=\"?([A-Za-z0-9_.-]+)", re.IGNORECASE)
_ROOM_TYPES = {"RESOURCE", "ROOM"}
_ROOM_DOMAINS = ("resource.calendar.google.com",)


class InviteError(ValueError):
    """An invite that cannot be read, with a one-line reason."""


class CalendarError(ValueError):
    """A calendar event that cannot be written, naming the field."""


@dataclass(frozen=True)
class Person:
    """Someone named in an invite."""

    name: str
    email: str


@dataclass(frozen=True)
class Invite:
    """The event an invite describes, as a round needs it."""

    method: str
    uid: str
    sequence: int
    cancelled: bool
    summary: str
    start: datetime
    timezone: str
    duration_minutes: int | None
    location: str
    video_link: str | None
    description: str
    organizer: Person | None
    attendees: tuple[Person, ...]
    recurrence_id: datetime | None
    all_day: bool = False
    warnings: tuple[str, ...] = ()
    # Attendees left out because their address is one of the candidate's.
    left_out: tuple[Person, ...] = ()


@dataclass(frozen=True)
class CalendarEvent:
    """One event to write, such as a reminder to send a thank-you note."""

    uid: str
    summary: str
    start: datetime
    end: datetime | None = None
    all_day: bool = False
    description: str = ""
    location: str = ""
    alarms_minutes_before: tuple[int, ...] = ()


def parse_invite(
    data: bytes,
    candidate_emails: Collection[str] = (),
    *,
    max_bytes: int = MAX_INVITE_BYTES,
    local_timezone: str = "UTC",
) -> Invite:
    """Read the interview event from an invite, leaving out the candidate and rooms."""
    if len(data) > max_bytes:
        raise InviteError(
            f"the invite is too large ({_size(len(data))}; the limit is {_size(max_bytes)})"
        )
    warnings: list[str] = []
    text = _decode(data, warnings)
    lines = _check_structure(text)
    try:
        calendar = Calendar.from_ical("\r\n".join(lines) + "\r\n")
    except ValueError as error:
        raise InviteError(f"the invite could not be read: {_first_line(str(error))}") from error
    for component in calendar.walk():
        for name, problem in component.errors:
            if name in (None, "DTSTART"):
                continue
            warnings.append(f"{name} could not be read ({_first_line(problem)}) and was ignored")

    events = calendar.walk("VEVENT")
    if not events:
        raise InviteError("the invite holds no event (no VEVENT)")
    event, series_note = _pick_event(events)
    if series_note:
        warnings.append(series_note)

    start_prop = event.get("DTSTART")
    if start_prop is None:
        raise InviteError("the event has no start date (no DTSTART)")
    try:
        raw_start = start_prop.dt
    except Exception as error:  # icalendar raises its own error type for a broken value
        raise InviteError(
            f"the event's start is not a date (DTSTART:{_raw(start_prop)})"
        ) from error

    local = _zone(local_timezone)
    all_day = not isinstance(raw_start, datetime)
    zone_name = ""
    if all_day:
        start = datetime.combine(raw_start, time(0), tzinfo=UTC)
        warnings.append("this is an all-day event: it gives no start time")
    elif raw_start.tzinfo is None:
        start = raw_start.replace(tzinfo=local)
        zone_name = local_timezone
        warnings.append(f"the start time gives no time zone; read as {local_timezone}")
    else:
        zone_name = _zone_name(start_prop.params.get("TZID"), raw_start, calendar)
        # The same instant in a plain IANA zone, so callers never see a VTIMEZONE-built tzinfo.
        start = raw_start.astimezone(zoneinfo.ZoneInfo(zone_name)) if zone_name else raw_start
        if not zone_name:
            warnings.append(
                f"time zone {start_prop.params.get('TZID')!r} has no IANA name; "
                "the time is right but the zone name is unknown"
            )

    method = str(calendar.get("METHOD", "")).strip().upper()
    status = str(event.get("STATUS", "")).strip().upper()
    organizer = _person(event.get("ORGANIZER"))
    attendees, left_out = _attendees(event, candidate_emails)
    if not attendees:
        warnings.append("the invite lists no attendees besides you")

    return Invite(
        method=method,
        uid=str(event.get("UID", "")).strip(),
        sequence=_int(event.get("SEQUENCE")),
        cancelled=method == "CANCEL" or status == "CANCELLED",
        summary=_text(event.get("SUMMARY")),
        start=start,
        timezone=zone_name,
        duration_minutes=None if all_day else _duration_minutes(event, raw_start),
        location=_text(event.get("LOCATION")),
        video_link=_video_link(event),
        description=_text(event.get("DESCRIPTION")),
        organizer=organizer,
        attendees=attendees,
        recurrence_id=_recurrence_id(event, start.tzinfo or local),
        all_day=all_day,
        warnings=tuple(warnings),
        left_out=left_out,
    )


def build_calendar(
    events: Sequence[CalendarEvent],
    prodid: str = "-//nextround//EN",
    *,
    stamp: datetime | None = None,
    name: str = "",
    refresh: timedelta | None = None,
) -> bytes:
    """Write events (with display alarms) as an iCalendar file that calendar apps import.

    A name titles the calendar in the app; refresh tells a subscribed app how often to poll.
    """
    calendar = Calendar()
    calendar.add("PRODID", prodid)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if name:
        calendar.add("NAME", name)
        calendar.add("X-WR-CALNAME", name)
    if refresh is not None:
        calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", refresh)
    dtstamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    for index, item in enumerate(events):
        calendar.add_component(_event(item, index, dtstamp))
    zoned = [e.start for e in events if not e.all_day and _zone_key(e.start)]
    if zoned:
        # Each zone's rules, for a year either side of the events that use it.
        calendar.add_missing_timezones(
            first_date=(min(zoned) - timedelta(days=366)).date(),
            last_date=(max(zoned) + timedelta(days=366)).date(),
        )
    result: bytes = calendar.to_ical()
    return result


def _zone_key(value: datetime | None) -> str:
    """The IANA name of a time's zone, or "" for UTC and fixed offsets (written as UTC)."""
    key = getattr(value.tzinfo, "key", "") if value is not None else ""
    return "" if key in ("", "UTC", "Etc/UTC") else str(key)


def _event(item: CalendarEvent, index: int, dtstamp: datetime) -> Event:
    where = f"events[{index}]"
    if not item.uid.strip():
        raise CalendarError(f"{where}.uid is empty")
    if not item.summary.strip():
        raise CalendarError(f"{where}.summary is empty")
    event = Event()
    event.add("UID", item.uid)
    event.add("DTSTAMP", dtstamp)
    event.add("SUMMARY", item.summary)
    if item.all_day:
        first = item.start.date()
        last = item.end.date() if item.end is not None else first + timedelta(days=1)
        if last <= first:
            raise CalendarError(f"{where}.end is not after its start")
        event.add("DTSTART", first)
        event.add("DTEND", last)
    else:
        for field, value in (("start", item.start), ("end", item.end)):
            if value is not None and value.utcoffset() is None:
                raise CalendarError(f"{where}.{field} has no time zone")
        # A time in a named zone keeps it (with its VTIMEZONE), so the app shows the round
        # at the hour the invite gave; other times are written in UTC, which every app reads.
        event.add("DTSTART", _written(item.start))
        if item.end is not None:
            if item.end < item.start:
                raise CalendarError(f"{where}.end is before its start")
            end = item.end.astimezone(item.start.tzinfo) if _zone_key(item.start) else item.end
            event.add("DTEND", _written(end))
    if item.description:
        event.add("DESCRIPTION", item.description)
    if item.location:
        event.add("LOCATION", item.location)
    for minutes in item.alarms_minutes_before:
        if minutes < 0:
            raise CalendarError(f"{where}.alarms_minutes_before holds a negative number")
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", item.summary)
        alarm.add("TRIGGER", timedelta(minutes=-minutes))
        event.add_component(alarm)
    return event


def _written(value: datetime) -> datetime:
    return value if _zone_key(value) else value.astimezone(UTC)


def _decode(data: bytes, warnings: list[str]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise InviteError(f"the invite is not valid {codec.upper()} text") from error
    if b"\x00" in data:
        raise InviteError("the invite holds binary data, not iCalendar text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    hint = _CHARSET_HINT.search(data)
    if hint:
        candidates.append(hint.group(1).decode("ascii"))
    candidates += ["cp1252", "latin-1"]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        warnings.append(f"the invite is not UTF-8; it was read as {codec}")
        return text
    raise InviteError("the invite's text encoding could not be read")  # pragma: no cover


def _check_structure(text: str) -> list[str]:
    """Unfold lines and check the BEGIN/END nesting, naming the first bad line."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Folded pieces are gathered and joined once: adding to a string line by line is quadratic.
    pieces: list[list[str]] = []
    numbers: list[int] = []
    for number, line in enumerate(raw_lines, start=1):
        if line[:1] in (" ", "\t") and pieces:
            pieces[-1].append(line[1:])
        elif line.strip():
            pieces.append([line])
            numbers.append(number)
    lines = ["".join(parts) for parts in pieces]
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise InviteError("this is not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    stack: list[str] = []
    attendees = 0
    for line, number in zip(lines, numbers, strict=True):
        if not _CONTENT_LINE.match(line):
            raise InviteError(f"line {number} is malformed: {_clip(line)!r}")
        name, _, value = line.partition(":")
        keyword = name.upper()
        if keyword.partition(";")[0] == "ATTENDEE":
            attendees += 1
            if attendees > MAX_ATTENDEES:
                raise InviteError(
                    f"the event lists more than {MAX_ATTENDEES} attendees (line {number}); "
                    f"nextround reads at most {MAX_ATTENDEES} attendees per invite"
                )
        if keyword == "BEGIN":
            attendees = 0
            if not stack and number != numbers[0]:
                raise InviteError(f"line {number}: content after END:VCALENDAR")
            stack.append(value.strip().upper())
        elif keyword == "END":
            if not stack or stack[-1] != value.strip().upper():
                expected = f"END:{stack[-1]}" if stack else "nothing"
                raise InviteError(f"line {number}: {_clip(line)} where {expected} was expected")
            stack.pop()
        elif not stack:
            raise InviteError(f"line {number}: content after END:VCALENDAR")
    if stack:
        raise InviteError("the invite is truncated (no END:VCALENDAR)")
    return lines


def _pick_event(events: list[Component]) -> tuple[Component, str]:
    """Choose the event a round is about: an updated occurrence wins over its series."""
    overrides = [e for e in events if e.get("RECURRENCE-ID") is not None]
    if overrides:
        # The most recent change (highest SEQUENCE) is what the organiser just sent.
        chosen = max(overrides, key=lambda e: _int(e.get("SEQUENCE")))
        return chosen, "this updates one occurrence of a recurring series; that occurrence is used"
    first = events[0]
    if first.get("RRULE") is not None:
        return first, "this is a recurring series; its first occurrence is used"
    if len(events) > 1:
        return first, f"the invite holds {len(events)} events; the first is used"
    return first, ""


def _zone_name(tzid: Any, start: datetime, calendar: Component) -> str:
    if tzid:
        name = str(tzid).strip().strip('"')
        known = _known_zone(name)
        if known:
            return known
        for block in calendar.walk("VTIMEZONE"):
            if str(block.get("TZID", "")) == name:
                location = _known_zone(str(block.get("X-LIC-LOCATION", "")))
                if location:
                    return location
    key = getattr(start.tzinfo, "key", None)
    if isinstance(key, str) and key in _iana_zones():
        return key
    if not tzid and start.utcoffset() == timedelta(0):
        return "UTC"
    return ""


def _known_zone(name: str) -> str:
    if not name:
        return ""
    if name in _iana_zones():
        return name
    windows = WINDOWS_TO_OLSON.get(name)
    if windows:
        return windows
    # Some apps write path-like ids such as /mozilla.org/20050126_1/Europe/London.
    parts = [part for part in name.split("/") if part]
    for size in (3, 2, 1):
        candidate = "/".join(parts[-size:])
        if len(parts) >= size and candidate in _iana_zones():
            return candidate
    return ""


_ZONES: set[str] = set()


def _iana_zones() -> set[str]:
    if not _ZONES:
        _ZONES.update(zoneinfo.available_timezones())
        _ZONES.add("UTC")
    return _ZONES


def _zone(name: str) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise InviteError(f"local_timezone {name!r} is not a known time zone") from error


def _person(prop: Any) -> Person | None:
    if prop is None:
        return None
    email = _address(prop)
    name = str(prop.params.get("CN", "")).strip().strip('"').strip()
    if name.lower() == email.lower():
        name = ""
    if not email and not name:
        return None
    return Person(name=name, email=email)


def _attendees(
    event: Component, candidate_emails: Collection[str]
) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """The people invited, and apart from them those with one of the candidate's addresses."""
    own = {email.strip().lower() for email in candidate_emails}
    raw = event.get("ATTENDEE")
    if raw is None:
        return (), ()
    items = raw if isinstance(raw, list) else [raw]
    people: list[Person] = []
    left_out: list[Person] = []
    seen: set[str] = set()
    for prop in items:
        cutype = str(prop.params.get("CUTYPE", "")).upper()
        person = _person(prop)
        if person is None or cutype in _ROOM_TYPES:
            continue
        key = person.email.lower()
        if key in own:
            left_out.append(person)
            continue
        if key.endswith(_ROOM_DOMAINS) or (key and key in seen):
            continue
        seen.add(key)
        people.append(person)
    return tuple(people), tuple(left_out)


def _address(prop: Any) -> str:
    value = str(prop).strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    if "@" not in value:
        # Apple Calendar may put a urn:uuid in the value and the address in an EMAIL parameter.
        value = str(prop.params.get("EMAIL", "")).strip().strip('"')
    return value.strip() if "@" in value else ""


def _duration_minutes(event: Component, start: datetime) -> int | None:
    end_prop = event.get("DTEND")
    try:
        if end_prop is not None:
            end = end_prop.dt
            if isinstance(end, datetime) and end.tzinfo is None and start.tzinfo is not None:
                end = end.replace(tzinfo=start.tzinfo)
            span = end - start if isinstance(end, datetime) else None
        elif event.get("DURATION") is not None:
            span = event.get("DURATION").dt
        else:
            return None
    except Exception:  # a broken DTEND leaves the length unknown rather than failing the invite
        return None
    if not isinstance(span, timedelta) or span <= timedelta(0):
        return None
    return int(span.total_seconds() // 60)


def _video_link(event: Component) -> str | None:
    for field in _CONFERENCE_FIELDS:
        for value in _values(event.get(field)):
            found = _ANY_LINK.search(value)
            if found and found.group(0).lower().startswith("https://"):
                return _trim_link(found.group(0))
    for field in ("LOCATION", "URL", "DESCRIPTION", "X-ALT-DESC"):
        for value in _values(event.get(field)):
            found = _VIDEO_LINK.search(value)
            if found:
                return _trim_link(found.group(0))
    return None


def _trim_link(link: str) -> str:
    return link.rstrip(".,;>")


def _values(prop: Any) -> list[str]:
    if prop is None:
        return []
    items = prop if isinstance(prop, list) else [prop]
    return [str(item) for item in items]


def _recurrence_id(event: Component, local: tzinfo) -> datetime | None:
    prop = event.get("RECURRENCE-ID")
    if prop is None:
        return None
    try:
        value = prop.dt
    except Exception:  # an unreadable RECURRENCE-ID does not hide the rest of the invite
        return None
    if isinstance(value, datetime):
        return value.astimezone(local) if value.tzinfo is not None else value.replace(tzinfo=local)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    return None


def _text(prop: Any) -> str:
    if prop is None:
        return ""
    if isinstance(prop, list):
        prop = prop[0]
    return str(prop).replace("\r\n", "\n").strip()


def _int(prop: Any) -> int:
    try:
        return int(str(prop)) if prop is not None else 0
    except ValueError:
        return 0


def _raw(prop: Any) -> str:
    try:
        return _clip(prop.to_ical().decode("utf-8", "replace"))
    except Exception:  # only used to quote a bad value in a message
        return "?"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown reason"


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"

"""Dates and times as people type them: ISO 8601 with an offset, or a local time and a zone."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nextround.services.errors import InvalidInput

UTC = dt.UTC


def local_zone_name() -> str:
    """The IANA name of this machine's time zone, or UTC when it cannot be told."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name == "UTC":
        # Django set TZ to its own TIME_ZONE ("UTC"); the zone the machine had is kept apart.
        from django.conf import settings

        name = getattr(settings, "MACHINE_TZ", name).lstrip(":") if settings.configured else name
    if not name:
        try:
            target = str(Path("/etc/localtime").resolve())
        except OSError:
            target = ""
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def zone(name: str) -> dt.tzinfo:
    """A tzinfo from an IANA name or a fixed offset such as +01:00."""
    if name and name[0] in "+-":
        try:
            offset = dt.datetime.strptime(name, "%z").utcoffset()
        except ValueError:
            offset = None
        if offset is None:
            raise InvalidInput.one("timezone", f"{name!r} is not an offset such as +01:00")
        return dt.timezone(offset)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput.one(
            "timezone", f"unknown time zone {name!r}: use a name such as Europe/London"
        ) from None


def check_zone(name: str) -> str:
    name = name.strip()
    zone(name)
    return name


def offset_name(value: dt.datetime) -> str:
    offset = value.utcoffset() or dt.timedelta(0)
    if not offset:
        return "UTC"
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def parse(value: str, field: str = "scheduled_at") -> dt.datetime:
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput.one(
            field, f"{value!r} is not a date and time such as 2026-12-03T10:00+00:00"
        ) from None
    return dt.datetime.combine(day, dt.time(9, 0))


def resolve(value: str | dt.datetime, zone_name: str) -> tuple[dt.datetime, str]:
    """The moment in UTC and the zone to show it in, from what the user gave."""
    when = parse(value) if isinstance(value, str) else value
    zone_name = zone_name.strip()
    if when.tzinfo is None:
        zone_name = zone_name or local_zone_name()
        when = when.replace(tzinfo=zone(zone_name))
    elif not zone_name:
        zone_name = offset_name(when)
    else:
        zone(zone_name)
    return when.astimezone(UTC), zone_name


def in_zone(value: dt.datetime, zone_name: str) -> dt.datetime:
    """A stored moment shown in the zone it was given in."""
    try:
        return value.astimezone(zone(zone_name)) if zone_name else value
    except InvalidInput:
        return value


def zone_label(name: str) -> str:
    """A zone as a person says it: "UK time", "New York time", "UTC"."""
    if name in ("Europe/London", "GB", "Europe/Belfast"):
        return "UK time"
    if not name or name in ("UTC", "Etc/UTC", "Etc/Universal", "GMT", "Etc/GMT", "Z"):
        return "UTC"
    if "/" not in name or name.startswith("Etc/"):
        return name
    return name.rsplit("/", 1)[1].replace("_", " ") + " time"


def said_time(value: dt.datetime, zone_name: str) -> tuple[dt.datetime, str]:
    """A round's start as the candidate reads it: in this machine's zone, with the round's own
    zone beside it when that is a place whose clock differs ("16:00 UK time (11:00 New York
    time)"); a round given only in UTC (as some calendars send it) is shown in local time alone.
    Returns the local moment and its words, e.g. "16:00 UK time (11:00 New York time)"."""
    here = local_zone_name()
    placed = "/" in (zone_name or "") and not zone_name.startswith("Etc/")
    if (
        placed
        and (here == "UTC" or here.startswith("Etc/"))
        and in_zone(value, zone_name).utcoffset() == in_zone(value, here).utcoffset()
    ):
        # A machine on UTC whose clock reads the same as the round's place: the place names it
        # ("08:30 UK time", not "08:30 UTC" to a teacher in Halifax). Where the two clocks
        # differ, the machine's stays first: a reader may be where it is.
        here = zone_name
    local = in_zone(value, here)
    words = f"{local:%H:%M} {zone_label(here)}"
    own = in_zone(value, zone_name)
    if (
        placed
        and zone_label(zone_name) != zone_label(here)
        and own.utcoffset() != local.utcoffset()
    ):
        words += f" ({own:%H:%M} {zone_label(zone_name)})"
    return local, words


# The regions of the IANA time zone names people choose from; the rest are old aliases.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@dataclass(frozen=True)
class Place:
    """A time zone as a place on the map: "Europe/London" in Britain (UK)."""

    name: str
    region: str
    city: str  # "Buenos Aires", "New Salem, North Dakota"
    country: str = ""


def _tz_text(file: str) -> str:
    """A table of the time zone database, from the same place zoneinfo reads the zones."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / file
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                break
    try:
        return (resources.files("tzdata.zoneinfo") / file).read_text(encoding="utf-8")
    except (ImportError, OSError, UnicodeDecodeError):
        return ""


def _rows(file: str) -> list[list[str]]:
    return [line.split("\t") for line in _tz_text(file).splitlines() if line and line[0] != "#"]


def _place(name: str, country: str) -> Place | None:
    region, _, rest = name.partition("/")
    if region not in REGIONS or not rest:
        return None
    parts = [p.replace("_", " ") for p in rest.split("/")]
    # America/Argentina/Buenos_Aires is in Argentina already; America/Indiana/Vevay is not.
    within = [p for p in reversed(parts[:-1]) if p != country]
    return Place(name, region, ", ".join([parts[-1], *within]), country)


@cache
def places() -> tuple[Place, ...]:
    """One zone for each place with its own clocks (zone.tab), none of the old aliases such
    as "GB", "US/Eastern" or "Asia/Calcutta"; every regional zone where that table is missing."""
    countries = {row[0]: row[1] for row in _rows("iso3166.tab") if len(row) >= 2}
    listed = [(row[2], countries.get(row[0], "")) for row in _rows("zone.tab") if len(row) >= 3]
    if not listed:
        listed = [(name, "") for name in zoneinfo.available_timezones()]
    found = (_place(name, country) for name, country in listed)
    return tuple(sorted((p for p in found if p), key=lambda p: (p.region, p.city, p.country)))


@cache
def _links() -> dict[str, str]:
    """Each alias of the time zone database and the zone it stands for."""
    links: dict[str, str] = {}
    for line in _tz_text("tzdata.zi").splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == "L":
            links[words[2]] = words[1]
    return links


def listed_zone(name: str) -> str:
    """The zone of the list a name stands for: "US/Eastern" is America/New_York, "Etc/UTC" is
    UTC; a name with no place in the list (an offset, an unknown alias) is given back as it is."""
    listed = {p.name for p in places()}
    if name in listed or name == "UTC":
        return name
    target = _links().get(name, name)
    if target == "Etc/UTC" or name == "Etc/UTC":
        return "UTC"
    return target if target in listed else name


def offset_words(name: str, at: dt.datetime | None = None) -> str:
    """How far a zone's clocks are from UTC at a moment (now by default): "UTC+05:30"."""
    try:
        offset = (at or dt.datetime.now(UTC)).astimezone(zone(name)).utcoffset()
    except InvalidInput:
        return ""
    minutes = int((offset or dt.timedelta(0)).total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"

"""Days as people type them, and why one that is not in the calendar is refused."""

from __future__ import annotations

import calendar
import re

# A typed day: 2026-02-30, with a time after it or not; or 30/02/2026 as Britain writes it.
_ISO_DAY = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<hh>\d{1,2}):(?P<mm>\d{1,2})(?::\d{1,2}(?:\.\d+)?)?)?"
    r"(?:[zZ]|[+-]\d{2}:?\d{2})?"
)
_SLASHED_DAY = re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")


def refused_day(value: str) -> str:
    """Why a typed day that is not in the calendar is refused, in plain words
    ("30 February 2026 is not a date: choose another day."), or "" when it is not one of those."""
    text = value.strip()
    found = _ISO_DAY.fullmatch(text) or _SLASHED_DAY.fullmatch(text)
    if found is None:
        return ""
    year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    if not 1 <= month <= 12 or day < 1:
        return ""
    if day > calendar.monthrange(year, month)[1]:
        return f"{day} {calendar.month_name[month]} {year} is not a date: choose another day."
    hour, minute = found.groupdict().get("hh"), found.groupdict().get("mm")
    if hour is not None and minute is not None and (int(hour) > 23 or int(minute) > 59):
        return f"{hour}:{minute} is not a time of day: choose one from 00:00 to 23:59."
    return ""

"""Where a round stands for its page: still to prepare for, to debrief, or called off."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from nextround.services import times
from nextround.services.records import rounds
from nextround.store import models as m

# How long a round is taken to last when its length is not known.
USUAL_MINUTES = 60


@dataclass(frozen=True)
class RoundState:
    name: str  # "prep", "debrief" or "cancelled"
    time_passed: bool = False  # still planned, but its time is over
    days_to_go: int | None = None  # whole days from today to the round's day, in its zone

    @property
    def prep(self) -> bool:
        return self.name == "prep"

    @property
    def debrief(self) -> bool:
        return self.name == "debrief"

    @property
    def cancelled(self) -> bool:
        return self.name == "cancelled"


def state_of(r: m.Round, now: dt.datetime | None = None) -> RoundState:
    """Prep until a planned round's time is over; then (or once it is done) the debrief."""
    now = now or timezone.now()
    days = None
    if r.scheduled_at is not None:
        starts = times.in_zone(r.scheduled_at, r.timezone)
        days = (starts.date() - now.astimezone(starts.tzinfo).date()).days
    if r.status == m.RoundStatus.DONE:
        return RoundState("debrief", days_to_go=days)
    if r.status == m.RoundStatus.CANCELLED:
        return RoundState("cancelled", days_to_go=days)
    if r.scheduled_at is not None:
        ends = r.scheduled_at + dt.timedelta(minutes=r.duration_minutes or USUAL_MINUTES)
        if ends <= now:
            return RoundState("debrief", time_passed=True, days_to_go=days)
    return RoundState("prep", days_to_go=days)


def mark_done(owner: User, round_id: int) -> m.Round:
    """The round took place: its page turns to the debrief."""
    return rounds.update(owner, round_id, status=m.RoundStatus.DONE)


def done_early(r: m.Round, now: dt.datetime | None = None) -> str:
    """A note when a round marked done is dated later than now (a slip of the date, or of the
    round), or "": it is marked done all the same."""
    now = now or timezone.now()
    if r.scheduled_at is None or r.scheduled_at <= now:
        return ""
    starts = times.in_zone(r.scheduled_at, r.timezone)
    days = (starts.date() - now.astimezone(starts.tzinfo).date()).days
    when = f"{starts.day} {starts:%B}"
    if days <= 0:
        away = f"at {starts:%H:%M} today, later than now"
    elif days == 1:
        away = f"{when}, tomorrow"
    else:
        away = f"{when}, {days} days away"
    return f"This round is dated {away}: marked done anyway."

"""Calendar out: rounds, preparation milestones and follow-up due dates, with alarms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from nextround.formats import ics
from nextround.services import times
from nextround.services.records import opportunities
from nextround.store import models as m

PRODID = "-//nextround//interview calendar//EN"
DEFAULT_LENGTH = 60
EVENING = dt.time(18, 0)
# (days before the round, what to do, minutes it takes)
MILESTONES = (
    (2, "practice", "Practice session", 45),
    (1, "brief", "Review your brief", 30),
)


@dataclass(frozen=True)
class Export:
    data: bytes
    events: int
    rounds: int
    milestones: int
    follow_ups: int
    deadlines: int


def export(
    owner: User, opportunity_id: int | None = None, now: dt.datetime | None = None
) -> Export:
    """An iCalendar file of the owner's rounds (or one opportunity's) and what to do around them."""
    now = now or timezone.now()
    rounds = m.Round.objects.filter(owner=owner, scheduled_at__isnull=False).select_related(
        "opportunity"
    )
    follow_ups = m.FollowUp.objects.filter(
        owner=owner, sent_at__isnull=True, closed_at__isnull=True, due_at__isnull=False
    ).select_related("round__opportunity", "interviewer")
    offers = m.Offer.objects.filter(
        owner=owner, deadline__isnull=False, decision=m.Decision.PENDING
    ).select_related("opportunity")
    if opportunity_id is not None:
        opportunities.get(owner, opportunity_id)
        rounds = rounds.filter(opportunity_id=opportunity_id)
        follow_ups = follow_ups.filter(round__opportunity_id=opportunity_id)
        offers = offers.filter(opportunity_id=opportunity_id)
    events: list[ics.CalendarEvent] = []
    counts = {"rounds": 0, "milestones": 0, "follow_ups": 0, "deadlines": 0}
    for r in rounds.exclude(status=m.RoundStatus.CANCELLED).order_by("scheduled_at", "id"):
        assert r.scheduled_at is not None
        events.append(_round_event(r))
        counts["rounds"] += 1
        if r.status == m.RoundStatus.PLANNED and r.scheduled_at > now:
            for event in _milestones(r, now):
                events.append(event)
                counts["milestones"] += 1
    for f in follow_ups.order_by("due_at", "id"):
        events.append(_follow_up_event(f))
        counts["follow_ups"] += 1
    for o in offers.order_by("deadline", "id"):
        events.append(_deadline_event(o))
        counts["deadlines"] += 1
    data = ics.build_calendar(events, PRODID, stamp=now)
    return Export(data, len(events), **counts)


def _title(r: m.Round) -> str:
    return f"Round {r.number}: {r.opportunity.role} at {r.opportunity.company}"


def _round_event(r: m.Round) -> ics.CalendarEvent:
    assert r.scheduled_at is not None
    length = dt.timedelta(minutes=r.duration_minutes or DEFAULT_LENGTH)
    lines = [f"{r.get_format_display()} · {r.get_kind_display()}"]
    if r.purpose != m.RoundPurpose.UNKNOWN:
        lines.append(f"Why this round: {r.get_purpose_display()}")
    if r.link:
        lines.append(f"Join: {r.link}")
    return ics.CalendarEvent(
        uid=f"round-{r.pk}@nextround",
        summary=_title(r),
        start=r.scheduled_at,
        end=r.scheduled_at + length,
        description="\n".join(lines),
        location=r.location or r.link,
        alarms_minutes_before=(24 * 60, 60),
    )


def _milestones(r: m.Round, now: dt.datetime) -> list[ics.CalendarEvent]:
    assert r.scheduled_at is not None
    local = times.in_zone(r.scheduled_at, r.timezone)
    events = []
    for days, key, what, minutes in MILESTONES:
        day = local.date() - dt.timedelta(days=days)
        start = dt.datetime.combine(day, EVENING, tzinfo=local.tzinfo)
        if start >= r.scheduled_at or start < now:
            continue
        events.append(
            ics.CalendarEvent(
                uid=f"round-{r.pk}-{key}@nextround",
                summary=f"{what} for {_title(r)}",
                start=start,
                end=start + dt.timedelta(minutes=minutes),
                description=f"{days} day{'s' if days > 1 else ''} before round {r.number}.",
                alarms_minutes_before=(15,),
            )
        )
    return events


def _follow_up_event(f: m.FollowUp) -> ics.CalendarEvent:
    assert f.due_at is not None
    opp = f.round.opportunity
    who = f.interviewer.name if f.interviewer else opp.consultant_name or opp.company
    what: str = {
        "thank-you": f"Send the thank-you note to {who}",
        "chaser": f"Chase {who} about next steps",
        "consultant": f"Ask {who} for feedback",
    }.get(str(f.kind), f"Follow up with {who}")
    return ics.CalendarEvent(
        uid=f"follow-up-{f.pk}@nextround",
        summary=f"{what} ({opp.company})",
        start=f.due_at,
        end=f.due_at + dt.timedelta(minutes=15),
        description=f.subject,
        alarms_minutes_before=(0,),
    )


def _deadline_event(o: m.Offer) -> ics.CalendarEvent:
    assert o.deadline is not None
    name = o.label or (str(o.opportunity) if o.opportunity else "the offer")
    return ics.CalendarEvent(
        uid=f"offer-{o.pk}-deadline@nextround",
        summary=f"Reply to the offer: {name}",
        start=dt.datetime.combine(o.deadline, dt.time(0), tzinfo=dt.UTC),
        all_day=True,
        alarms_minutes_before=(24 * 60,),
    )

"""Calendar out: rounds, preparation milestones and follow-up due dates, with alarms.

The same events go to the CLI's file, the web's downloads (everything, an opportunity or one
round) and the private address a calendar app subscribes to. Reading any of them writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from nextround.formats import ics
from nextround.services import times
from nextround.services.errors import NotFound
from nextround.services.records import opportunities, rounds
from nextround.store import models as m

PRODID = "-//nextround//interview calendar//EN"
DEFAULT_LENGTH = 60
EVENING = dt.time(18, 0)
# (days before the round, what to do, minutes it takes)
MILESTONES = (
    (2, "practice", "Practice session", 45),
    (1, "brief", "Review your brief", 30),
)
# A reminder to thank the panel, this long after the round ends, while no note is drafted yet.
THANK_YOU_AFTER = dt.timedelta(hours=1)
THANK_YOU_WITHIN = dt.timedelta(hours=24)
# How often a subscribed calendar app is asked to fetch the feed again.
FEED_REFRESH = dt.timedelta(hours=1)
# The web's calendar of everything, and the feed, start this far back: old rounds are history.
HISTORY = dt.timedelta(days=180)
# And they hold at most this many rounds each side of now (the nearest), follow-ups and offers,
# so that a file stays one a calendar app reads quickly (some four thousand events at most).
MOST_ROUNDS = 500
MOST_FOLLOW_UPS = 500
MOST_OFFERS = 100
FEED_SALT = "nextround.calendar-feed"


@dataclass(frozen=True)
class Export:
    data: bytes
    events: int
    rounds: int
    milestones: int
    follow_ups: int
    deadlines: int
    reminders: int = 0


def export(
    owner: User,
    opportunity_id: int | None = None,
    now: dt.datetime | None = None,
    *,
    round_id: int | None = None,
    refresh: dt.timedelta | None = None,
    since: dt.datetime | None = None,
) -> Export:
    """An iCalendar file of the owner's rounds (or one opportunity's, or one round's) and what
    to do around them. Only the owner's own records: a shared opportunity is not theirs to
    put in a calendar."""
    now = now or timezone.now()
    round_list = m.Round.objects.filter(owner=owner, scheduled_at__isnull=False).select_related(
        "opportunity"
    )
    follow_ups = m.FollowUp.objects.filter(
        owner=owner, sent_at__isnull=True, closed_at__isnull=True, due_at__isnull=False
    ).select_related("round__opportunity", "interviewer")
    offers = m.Offer.objects.filter(
        owner=owner, deadline__isnull=False, decision=m.Decision.PENDING
    ).select_related("opportunity")
    name = "nextround: interviews"
    if since is not None:
        round_list = round_list.filter(scheduled_at__gte=since)
        follow_ups = follow_ups.filter(due_at__gte=since)
        offers = offers.filter(deadline__gte=since.date())
    if round_id is not None:
        one = rounds.owned(owner, round_id)
        round_list = round_list.filter(pk=one.pk)
        follow_ups = follow_ups.filter(round_id=one.pk)
        offers = offers.none()
        name = f"nextround: {_title(one)}"
    elif opportunity_id is not None:
        opp = opportunities.owned(owner, opportunity_id)
        round_list = round_list.filter(opportunity_id=opportunity_id)
        follow_ups = follow_ups.filter(round__opportunity_id=opportunity_id)
        offers = offers.filter(opportunity_id=opportunity_id)
        name = f"nextround: {opp.role} at {opp.company}"
    thanked = m.FollowUp.objects.filter(round=OuterRef("pk"), kind=m.FollowUpKind.THANK_YOU)
    events: list[ics.CalendarEvent] = []
    counts = {"rounds": 0, "milestones": 0, "follow_ups": 0, "deadlines": 0, "reminders": 0}
    round_list = round_list.exclude(status=m.RoundStatus.CANCELLED).annotate(
        thanked=Exists(thanked)
    )
    follow_ups = follow_ups.order_by("due_at", "id")
    offers = offers.order_by("deadline", "id")
    if since is None:
        chosen = list(round_list.order_by("scheduled_at", "id"))
    else:
        behind = round_list.filter(scheduled_at__lt=now).order_by("-scheduled_at", "-id")
        ahead = round_list.filter(scheduled_at__gte=now).order_by("scheduled_at", "id")
        chosen = [*reversed(behind[:MOST_ROUNDS]), *ahead[:MOST_ROUNDS]]
        follow_ups = follow_ups[:MOST_FOLLOW_UPS]
        offers = offers[:MOST_OFFERS]
    for r in chosen:
        assert r.scheduled_at is not None
        events.append(_round_event(r))
        counts["rounds"] += 1
        if r.status == m.RoundStatus.PLANNED and r.scheduled_at > now:
            for event in _milestones(r, now):
                events.append(event)
                counts["milestones"] += 1
        reminder = _thank_you_reminder(r, now)
        if reminder is not None:
            events.append(reminder)
            counts["reminders"] += 1
    for f in follow_ups:
        events.append(_follow_up_event(f))
        counts["follow_ups"] += 1
    for o in offers:
        events.append(_deadline_event(o))
        counts["deadlines"] += 1
    data = ics.build_calendar(events, PRODID, stamp=now, name=name, refresh=refresh)
    return Export(data, len(events), **counts)


def file_name(owner: User, opportunity_id: int | None = None, round_id: int | None = None) -> str:
    """A file name that says what the download holds, e.g. nextround-acme-retail-round-2.ics."""
    if round_id is not None:
        r = rounds.owned(owner, round_id)
        words = f"{r.opportunity.company} round {r.number}"
    elif opportunity_id is not None:
        words = opportunities.owned(owner, opportunity_id).company
    else:
        words = "interviews"
    slug = re.sub(r"[^a-z0-9]+", "-", words.casefold()).strip("-")[:60].strip("-")
    return f"nextround-{slug or 'calendar'}.ics"


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
    start = times.in_zone(r.scheduled_at, r.timezone)
    return ics.CalendarEvent(
        uid=f"round-{r.pk}@nextround",
        summary=_title(r),
        start=start,
        end=start + length,
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


def _thank_you_reminder(r: m.Round, now: dt.datetime) -> ics.CalendarEvent | None:
    """After a round, a reminder to thank the panel while it is still timely and no note is
    drafted (a drafted note has its own event, due when the note is)."""
    assert r.scheduled_at is not None
    end = r.scheduled_at + dt.timedelta(minutes=r.duration_minutes or DEFAULT_LENGTH)
    if getattr(r, "thanked", False) or end + THANK_YOU_WITHIN <= now:
        return None
    start = times.in_zone(end + THANK_YOU_AFTER, r.timezone)
    return ics.CalendarEvent(
        uid=f"round-{r.pk}-thank-you@nextround",
        summary=f"Send thank-you notes for {_title(r)}",
        start=start,
        end=start + dt.timedelta(minutes=15),
        description=(
            "Thank each interviewer within a day of the round. nextround drafts the notes "
            "from your debrief on the round's follow-up page."
        ),
        alarms_minutes_before=(0,),
    )


def _follow_up_event(f: m.FollowUp) -> ics.CalendarEvent:
    assert f.due_at is not None
    opp = f.round.opportunity
    who = f.interviewer.name if f.interviewer else opp.consultant_name or opp.company
    what: str = {
        "thank-you": f"Send the thank-you note to {who}",
        "chaser": f"Chase {who} about next steps",
        "consultant": f"Ask {who} for feedback",
    }.get(str(f.kind), f"Follow up with {who}")
    start = times.in_zone(f.due_at, f.round.timezone)
    return ics.CalendarEvent(
        uid=f"follow-up-{f.pk}@nextround",
        summary=f"{what} ({opp.company})",
        start=start,
        end=start + dt.timedelta(minutes=15),
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


# --- the private address a calendar app subscribes to ---------------------------------------


@dataclass(frozen=True)
class Feed:
    token: str
    made_at: dt.datetime


def _token(row: m.CalendarFeed) -> str:
    # The secret is derived from the row's random key with the server's secret key: the
    # database alone holds nothing that opens the feed.
    digest = salted_hmac(FEED_SALT, f"{row.pk}:{row.key}", algorithm="sha256").hexdigest()
    return f"{row.pk}-{digest[:40]}"


def feed(owner: User) -> Feed | None:
    """The owner's calendar address, if they made one (reading it writes nothing)."""
    row = m.CalendarFeed.objects.filter(owner=owner).first()
    return Feed(_token(row), row.updated_at) if row else None


def renew_feed(owner: User) -> Feed:
    """Make the owner's calendar address, or replace it: the old address stops working."""
    with transaction.atomic():
        row, made = m.CalendarFeed.objects.select_for_update().get_or_create(
            owner=owner, defaults={"key": secrets.token_urlsafe(32)}
        )
        if not made:
            row.key = secrets.token_urlsafe(32)
            row.save(update_fields=["key"])
    return Feed(_token(row), row.updated_at)


def stop_feed(owner: User) -> bool:
    """Turn the owner's calendar address off; True when there was one."""
    deleted, _ = m.CalendarFeed.objects.filter(owner=owner).delete()
    return bool(deleted)


def feed_owner(token: str) -> User:
    """Whose calendar an address opens; NotFound for a wrong, old or revoked one."""
    pk, _, secret = token.partition("-")
    if not (pk.isdigit() and len(pk) < 19 and secret):
        raise NotFound("calendar feed", token[:20])
    row = m.CalendarFeed.objects.filter(pk=int(pk)).select_related("owner").first()
    if row is None or not row.owner.is_active or not constant_time_compare(_token(row), token):
        raise NotFound("calendar feed", pk)
    return row.owner


def feed_calendar(token: str, now: dt.datetime | None = None) -> Export:
    """Everything of the address's owner, as a calendar app polls it."""
    now = now or timezone.now()
    return export(feed_owner(token), now=now, refresh=FEED_REFRESH, since=now - HISTORY)


def everything(owner: User, now: dt.datetime | None = None) -> Export:
    """The web's download of everything: the same events as the feed, once."""
    now = now or timezone.now()
    return export(owner, now=now, since=now - HISTORY)

"""This week, above the board: rounds, notes and chasers due, thank-you notes to write, offer
replies; and the facts about a round that the board's cards share with it.

Everything is read as plain rows (a week can hold many things), each kind in one bounded query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet

from nextround.coach import followup as notes
from nextround.services import followups, times
from nextround.store import models as m
from nextround.store.prepared import Prepared

WEEK = dt.timedelta(days=7)
DEFAULT_LENGTH = dt.timedelta(minutes=60)
# A round still in progress stays "next" for this long after it starts.
IN_PROGRESS = dt.timedelta(hours=2)
# A round this recent with no thank-you note drafted asks for one.
THANKS_WITHIN = dt.timedelta(days=7)
# A round awaiting news is chased from its card for this long; the week shows a late chase for
# a week at most: five working days after a round of up to 16 days ago.
CHASE_WITHIN = dt.timedelta(days=45)
CHASE_THIS_WEEK = dt.timedelta(days=16)
OPEN_STAGES = (m.Stage.APPLIED, m.Stage.INTERVIEWING, m.Stage.CALLBACK)
OFFER_OPEN = (m.Decision.PENDING, m.Decision.NEGOTIATING)
# Items of each kind read, and what the week shows at most (the rest is in the calendar).
PER_KIND = 15
SHOWN_LATE = 10
SHOWN_AHEAD = 30


class RoundRow(NamedTuple):
    """What the board and the week need of a round."""

    pk: int
    opportunity_id: int
    number: int
    scheduled_at: dt.datetime | None
    timezone: str
    duration_minutes: int | None
    status: str
    outcome: str
    news_expected_on: dt.date | None


ROUND_COLUMNS = (
    "id",
    "opportunity_id",
    "number",
    "scheduled_at",
    "timezone",
    "duration_minutes",
    "status",
    "outcome",
    "news_expected_on",
)


def round_end(r: RoundRow) -> dt.datetime:
    assert r.scheduled_at is not None
    length = dt.timedelta(minutes=r.duration_minutes) if r.duration_minutes else DEFAULT_LENGTH
    return r.scheduled_at + length


def happened(r: RoundRow, now: dt.datetime) -> bool:
    """Done, or planned and over by now."""
    if r.status == m.RoundStatus.DONE:
        return True
    return r.status == m.RoundStatus.PLANNED and r.scheduled_at is not None and round_end(r) <= now


def chase_day(r: RoundRow) -> dt.date:
    """The day to chase for news of this round (followups decides it, from these fields)."""
    return followups.chase_on(
        m.Round(
            scheduled_at=r.scheduled_at, timezone=r.timezone, news_expected_on=r.news_expected_on
        )
    )


def thank_you_due(r: RoundRow) -> dt.datetime:
    return notes.thank_you_due(round_end(r))


def short_day(day: dt.date | dt.datetime) -> str:
    return f"{day:%a} {day.day} {day:%b}"


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # round | thank-you | write-thank-you | chaser | consultant | offer
    text: str
    day: dt.date  # in the zone of the round it belongs to
    at: dt.datetime | None  # a time of day, when there is one
    opportunity_id: int
    round_id: int | None
    overdue: bool


@dataclass(frozen=True)
class AgendaDay:
    label: str
    items: list[AgendaItem]


def agenda(owner: User, now: dt.datetime) -> tuple[list[AgendaDay], int]:
    """Rounds, notes and chasers due, and offer replies from now to a week ahead, by day;
    anything late (by a week at most) first; and how many were left out for room."""
    end = now + WEEK
    items = [*_rounds(owner, now, end), *_notes(owner, now, end)]
    items += _thanks_to_write(owner, now)
    items += _chases(owner, now, end)
    today = times.in_zone(now, times.local_zone_name()).date()
    items += _replies(owner, today)
    return _by_day(items, today)


# Each of the week's queries is compiled once (store.prepared) and run with the owner and the
# moments that bound it: the ORM took far longer to build them than the database to answer.
_BOOKED = Prepared(
    m.Round,
    lambda owner_id, start, end: m.Round.objects.filter(
        owner_id=owner_id, scheduled_at__gte=start, scheduled_at__lt=end
    )
    .exclude(status__in=[m.RoundStatus.CANCELLED, m.RoundStatus.DONE])
    .order_by("scheduled_at", "id")
    .values_list(
        "id", "number", "scheduled_at", "timezone", "opportunity_id",
        "opportunity__role", "opportunity__company",
    )[:PER_KIND],
)  # fmt: skip


def _rounds(owner: User, now: dt.datetime, end: dt.datetime) -> list[AgendaItem]:
    items = []
    for pk, number, when, zone, opp_id, role, company in _BOOKED.rows(
        owner.pk, now - IN_PROGRESS, end
    ):
        assert when is not None
        local = times.in_zone(when, zone)
        text = f"Round {number}: {role} at {company}"
        items.append(AgendaItem("round", text, local.date(), local, opp_id, pk, False))
    return items


_DUE = Prepared(
    m.FollowUp,
    lambda owner_id, start, end: m.FollowUp.objects.filter(
        owner_id=owner_id,
        sent_at__isnull=True,
        closed_at__isnull=True,
        due_at__gte=start,
        due_at__lt=end,
    )
    .exclude(followups.settled_chasers())
    .order_by("due_at", "id")
    .values_list(
        "kind", "due_at", "round_id", "round__number", "round__timezone",
        "round__opportunity_id", "round__opportunity__company",
        "round__opportunity__consultant_name", "interviewer__name",
    )[:PER_KIND],
)  # fmt: skip


def _notes(owner: User, now: dt.datetime, end: dt.datetime) -> list[AgendaItem]:
    due = _DUE.rows(owner.pk, now - WEEK, end)
    items = []
    for kind, when, round_id, number, zone, opp_id, company, consultant, name in due:
        assert when is not None
        local = times.in_zone(when, zone)
        text = _note_text(kind, number, company, name or consultant)
        items.append(AgendaItem(kind, text, local.date(), local, opp_id, round_id, when < now))
    return items


def _note_text(kind: str, number: int, company: str, who: str | None) -> str:
    if kind == m.FollowUpKind.CHASER:
        return f"Chase {who or company} about round {number} ({company})"
    if kind == m.FollowUpKind.CONSULTANT:
        return f"Note to {who or 'your consultant'} about round {number} ({company})"
    return f"Thank-you note to {who or company} ({company})"


def _round_rows(rows: list[tuple[Any, ...]]) -> list[tuple[RoundRow, str, str]]:
    return [(RoundRow(*row[:-2]), row[-2], row[-1]) for row in rows]


def _unthanked(owner_id: int, start: dt.datetime, now: dt.datetime) -> QuerySet[m.Round, Any]:
    drafted = m.FollowUp.objects.filter(round=OuterRef("pk"), kind=m.FollowUpKind.THANK_YOU)
    return (
        m.Round.objects.filter(owner_id=owner_id, scheduled_at__gte=start, scheduled_at__lt=now)
        .exclude(status__in=[m.RoundStatus.CANCELLED, m.RoundStatus.POSTPONED])
        .exclude(Exists(drafted))
        .order_by("scheduled_at", "id")
        .values_list(*ROUND_COLUMNS, "opportunity__role", "opportunity__company")[:PER_KIND]
    )


_UNTHANKED = Prepared(m.Round, _unthanked)


def _thanks_to_write(owner: User, now: dt.datetime) -> list[AgendaItem]:
    """Rounds of the last week with no thank-you note drafted yet."""
    items = []
    for r, role, company in _round_rows(_UNTHANKED.rows(owner.pk, now - THANKS_WITHIN, now)):
        if not happened(r, now):
            continue
        due = times.in_zone(thank_you_due(r), r.timezone)
        text = f"Write thank-you notes for round {r.number} ({role} at {company})"
        late = due < now
        items.append(
            AgendaItem("write-thank-you", text, due.date(), None, r.opportunity_id, r.pk, late)
        )
    return items


def _awaiting_news(
    owner_id: int,
    start: dt.datetime,
    now: dt.datetime,
    undated_since: dt.datetime,
    expected_from: dt.date,
    expected_to: dt.date,
) -> QuerySet[m.Round, Any]:
    later = m.Round.objects.filter(
        opportunity=OuterRef("opportunity"), number__gt=OuterRef("number")
    ).exclude(status=m.RoundStatus.CANCELLED)
    chaser = m.FollowUp.objects.filter(round=OuterRef("pk"), kind=m.FollowUpKind.CHASER)
    return (
        m.Round.objects.filter(
            owner_id=owner_id,
            outcome=m.RoundOutcome.PENDING,
            scheduled_at__gte=start,
            scheduled_at__lt=now,
            opportunity__stage__in=OPEN_STAGES,
        )
        # The chase day is five working days on, or the working day after the date they gave.
        .filter(
            Q(news_expected_on__isnull=True, scheduled_at__gte=undated_since)
            | Q(news_expected_on__gte=expected_from, news_expected_on__lte=expected_to)
        )
        .exclude(status__in=[m.RoundStatus.CANCELLED, m.RoundStatus.POSTPONED])
        .exclude(Exists(later))
        .exclude(Exists(chaser))
        # Newest first: read back from today, the scan stops at the first few that match.
        .order_by("-scheduled_at", "-id")
        .values_list(*ROUND_COLUMNS, "opportunity__role", "opportunity__company")[:PER_KIND]
    )


_AWAITING_NEWS = Prepared(m.Round, _awaiting_news)


def _chases(owner: User, now: dt.datetime, end: dt.datetime) -> list[AgendaItem]:
    """Rounds awaiting news whose chase day falls this week (or did, up to a week ago), with no
    chaser drafted and no later round."""
    query = _AWAITING_NEWS.rows(
        owner.pk,
        now - CHASE_WITHIN,
        now,
        now - CHASE_THIS_WEEK,
        (now - WEEK - WEEK).date(),
        end.date(),
    )
    items = []
    for r, role, company in _round_rows(query):
        if not happened(r, now):
            continue
        day = chase_day(r)
        today = times.in_zone(now, r.timezone).date()
        if not today - WEEK <= day <= times.in_zone(end, r.timezone).date():
            continue
        text = f"Chase {company} for news of round {r.number} ({role})"
        items.append(AgendaItem("chaser", text, day, None, r.opportunity_id, r.pk, day < today))
    return items


def _open_offers(owner_id: int, start: dt.date, end: dt.date) -> QuerySet[m.Offer, Any]:
    first = (
        m.Offer.objects.filter(
            owner_id=owner_id,
            opportunity__isnull=False,
            decision__in=OFFER_OPEN,
            deadline__gte=start,
            deadline__lt=end,
        )
        .order_by("deadline", "id")
        .values("id")[:PER_KIND]
    )
    # The first few offers picked alone, then joined to their opportunities: joined first, the
    # database would read the opportunity of every offer before sorting them.
    return (
        m.Offer.objects.filter(pk__in=first)
        .order_by("deadline", "id")
        .values_list("deadline", "opportunity_id", "opportunity__company", "opportunity__role")
    )


_REPLIES = Prepared(m.Offer, _open_offers)


def _replies(owner: User, today: dt.date) -> list[AgendaItem]:
    items = []
    for deadline, opp_id, company, role in _REPLIES.rows(owner.pk, today - WEEK, today + WEEK):
        assert deadline is not None and opp_id is not None
        text = f"Reply to the offer from {company} ({role})"
        items.append(AgendaItem("offer", text, deadline, None, opp_id, None, deadline < today))
    return items


def _by_day(items: list[AgendaItem], today: dt.date) -> tuple[list[AgendaDay], int]:
    """The items by day, late ones first, and how many were left out for room."""
    late = sorted((i for i in items if i.overdue or i.day < today), key=_order)
    ahead = sorted((i for i in items if not (i.overdue or i.day < today)), key=_order)
    more = max(0, len(late) - SHOWN_LATE) + max(0, len(ahead) - SHOWN_AHEAD)
    late, ahead = late[:SHOWN_LATE], ahead[:SHOWN_AHEAD]
    days: list[AgendaDay] = []
    if late:
        days.append(AgendaDay("Overdue", late))
    for item in ahead:
        label = _day_label(item.day, today)
        if days and days[-1].label == label:
            days[-1].items.append(item)
        else:
            days.append(AgendaDay(label, [item]))
    return days, more


def _order(item: AgendaItem) -> tuple[dt.date, dt.time, str]:
    return (item.day, item.at.time() if item.at else dt.time(23, 59), item.text)


def _day_label(day: dt.date, today: dt.date) -> str:
    if day <= today:
        return "Today"
    if day == today + dt.timedelta(days=1):
        return "Tomorrow"
    return f"{day:%A} {day.day} {day:%B}"

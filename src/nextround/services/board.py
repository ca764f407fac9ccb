"""The dashboard as a board: a column per stage, a card per opportunity, and this week's agenda.

Every card says what comes next (the next round and how many days to go) and what is due
(thank-you notes, chasers, offer replies). The queries are bounded: a few per column, a few for
the cards shown and a few for the week, however many opportunities there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from nextround.coach import followup as notes
from nextround.services import followups, times
from nextround.services.errors import InvalidInput
from nextround.services.records import opportunities
from nextround.store import models as m

OPEN = (m.Stage.APPLIED, m.Stage.INTERVIEWING, m.Stage.CALLBACK, m.Stage.OFFER)
CLOSED = (m.Stage.ACCEPTED, m.Stage.DECLINED, m.Stage.REJECTED, m.Stage.WITHDRAWN)
# Cards a column shows on the board; the rest are one "show all" link away.
PER_COLUMN = 10
PER_CLOSED_COLUMN = 5
PER_PAGE = 50
WEEK = dt.timedelta(days=7)
# A round still in progress stays "next" for this long after it starts.
IN_PROGRESS = dt.timedelta(hours=2)
# A round this recent with no thank-you note drafted asks for one.
THANKS_WITHIN = dt.timedelta(days=7)
# Rounds this old are no longer chased from a card. The week shows a late chase for a week at
# most: five working days after a round of up to 16 days ago.
CHASE_WITHIN = dt.timedelta(days=45)
CHASE_THIS_WEEK = dt.timedelta(days=16)
# Items of each kind the week shows (rounds, notes, thank-yous to write, chases, offers).
AGENDA_LIMIT = 15
# What the week shows at most: late things, then what is ahead (the rest is in the calendar).
AGENDA_LATE = 10
AGENDA_AHEAD = 30
DEFAULT_LENGTH = dt.timedelta(minutes=60)
OFFER_OPEN = (m.Decision.PENDING, m.Decision.NEGOTIATING)

EMPTY_HINTS = {
    m.Stage.APPLIED: "Jobs you have applied for, before any interview.",
    m.Stage.INTERVIEWING: "Jobs with a first round booked or done.",
    m.Stage.CALLBACK: "Jobs that asked you back for a second round or later.",
    m.Stage.OFFER: "Jobs that made you an offer.",
    m.Stage.ACCEPTED: "The offer you accept.",
    m.Stage.DECLINED: "Offers you turned down.",
    m.Stage.REJECTED: "Jobs that did not take you forward.",
    m.Stage.WITHDRAWN: "Jobs you chose to leave.",
}


@dataclass(frozen=True)
class NextRound:
    round_id: int
    number: int
    starts_at: dt.datetime | None  # in the round's own zone
    days_to_go: int | None

    @property
    def countdown(self) -> str:
        if self.days_to_go is None:
            return "date not set"
        if self.days_to_go <= 0:
            return "today"
        if self.days_to_go == 1:
            return "tomorrow"
        return f"in {self.days_to_go} days"


@dataclass(frozen=True)
class Due:
    """Something to do for an opportunity: a note to send, a chaser, an offer to answer."""

    kind: str  # thank-you | write-thank-you | chaser | consultant | offer
    text: str
    overdue: bool
    round_id: int | None = None


@dataclass(frozen=True)
class Card:
    id: int
    company: str
    role: str
    stage: str
    next_round: NextRound | None = None
    due: tuple[Due, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.role} at {self.company}"


@dataclass(frozen=True)
class Column:
    stage: str
    label: str
    count: int
    cards: list[Card]
    closed: bool

    @property
    def more(self) -> int:
        return self.count - len(self.cards)

    @property
    def hint(self) -> str:
        return EMPTY_HINTS[m.Stage(self.stage)]


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


@dataclass(frozen=True)
class Board:
    columns: list[Column]
    agenda: list[AgendaDay]
    total: int
    stages: list[tuple[str, str]] = field(default_factory=list)
    # One column shown in full, page by page ("show all" of a column).
    focus: str = ""
    page: int = 1
    pages: int = 1
    unknown_stage: str = ""
    agenda_more: int = 0  # items of the week left out for room

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def agenda_count(self) -> int:
        return sum(len(d.items) for d in self.agenda)


def stage_label(stage: str) -> str:
    return str(m.Stage(stage).label)


def board(
    owner: User,
    now: dt.datetime | None = None,
    focus: str = "",
    page: int = 1,
) -> Board:
    """The owner's opportunities in a column per stage with their cards, and the week ahead.

    With focus set to a stage, that column alone, PER_PAGE cards a page, and no agenda.
    """
    now = now or timezone.now()
    counts = dict(
        m.Opportunity.objects.filter(owner=owner)
        .values("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    total = sum(counts.values())
    stages = [(s.value, str(s.label)) for s in m.Stage]
    unknown = ""
    if focus and focus not in m.Stage.values:
        unknown, focus = focus, ""
    pages = 1
    if focus:
        count = counts.get(focus, 0)
        pages = max(1, -(-count // PER_PAGE))
        page = min(max(1, page), pages)
        rows = {focus: _cards(owner, focus, PER_PAGE, (page - 1) * PER_PAGE)}
    else:
        page = 1
        limit = {s: PER_CLOSED_COLUMN if s in CLOSED else PER_COLUMN for s in m.Stage}
        rows = {s.value: _cards(owner, s.value, limit[s]) for s in m.Stage if counts.get(s.value)}
    stage_of = {pk: stage for stage, cards in rows.items() for pk, *_ in cards}
    details = _details(owner, stage_of, now)
    columns = [
        Column(
            stage.value,
            str(stage.label),
            counts.get(stage.value, 0),
            [
                Card(pk, company, role, stage.value, *details.get(pk, (None, ())))
                for pk, company, role in rows.get(stage.value, [])
            ],
            stage in CLOSED,
        )
        for stage in m.Stage
        if not focus or stage.value == focus
    ]
    agenda, more = ([], 0) if focus or not total else _agenda(owner, now)
    return Board(columns, agenda, total, stages, focus, page, pages, unknown, more)


def _cards(owner: User, stage: str, limit: int, offset: int = 0) -> list[tuple[int, str, str]]:
    # One short query a column, each read in order from the (owner, stage, -updated_at) index.
    return list(
        m.Opportunity.objects.filter(owner=owner, stage=stage)
        .order_by("-updated_at", "-id")
        .values_list("id", "company", "role")[offset : offset + limit]
    )


def _days_to_go(when: dt.datetime, zone: str, now: dt.datetime) -> int:
    return (times.in_zone(when, zone).date() - times.in_zone(now, zone).date()).days


def _round_end(r: m.Round) -> dt.datetime:
    assert r.scheduled_at is not None
    length = dt.timedelta(minutes=r.duration_minutes) if r.duration_minutes else DEFAULT_LENGTH
    return r.scheduled_at + length


def _happened(r: m.Round, now: dt.datetime) -> bool:
    if r.status == m.RoundStatus.DONE:
        return True
    return r.status == m.RoundStatus.PLANNED and r.scheduled_at is not None and _round_end(r) <= now


def _short(day: dt.date | dt.datetime) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _details(
    owner: User, stage_of: dict[int, str], now: dt.datetime
) -> dict[int, tuple[NextRound | None, tuple[Due, ...]]]:
    """The next round and what is due of each open opportunity shown: three queries for all.

    Closed opportunities (accepted, declined, rejected, withdrawn) have nothing next or due.
    """
    ids = [pk for pk, stage in stage_of.items() if stage in OPEN]
    if not ids:
        return {}
    # The ids are the owner's opportunities, whose records are all the owner's: filtering by
    # them alone lets the database use the opportunity's index rather than scan the owner's.
    by_opp: dict[int, list[m.Round]] = {}
    for r in (
        m.Round.objects.filter(opportunity_id__in=ids)
        .exclude(status=m.RoundStatus.CANCELLED)
        .only(
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
        .order_by("number")
    ):
        by_opp.setdefault(r.opportunity_id, []).append(r)
    notes_by_opp: dict[int, list[m.FollowUp]] = {}
    for f in (
        m.FollowUp.objects.filter(round__opportunity_id__in=ids)
        .exclude(Q(sent_at__isnull=True) & Q(closed_at__isnull=True) & followups.settled_chasers())
        .select_related("round")
        .only(
            "id",
            "kind",
            "due_at",
            "sent_at",
            "closed_at",
            "round__id",
            "round__opportunity_id",
            "round__timezone",
        )
    ):
        notes_by_opp.setdefault(f.round.opportunity_id, []).append(f)
    offers_by_opp: dict[int, list[m.Offer]] = {}
    for o in m.Offer.objects.filter(
        opportunity_id__in=ids, decision__in=OFFER_OPEN, deadline__isnull=False
    ).only("id", "opportunity_id", "deadline"):
        assert o.opportunity_id is not None
        offers_by_opp.setdefault(o.opportunity_id, []).append(o)
    today = times.in_zone(now, times.local_zone_name()).date()
    result: dict[int, tuple[NextRound | None, tuple[Due, ...]]] = {}
    for pk in ids:
        rounds = by_opp.get(pk, [])
        due = _offer_dues(offers_by_opp.get(pk, []), today)
        if stage_of[pk] != m.Stage.OFFER:
            due = _note_dues(rounds, notes_by_opp.get(pk, []), now) + due
        result[pk] = (_next_round(rounds, now), tuple(due))
    return result


def _next_round(rounds: list[m.Round], now: dt.datetime) -> NextRound | None:
    planned = [r for r in rounds if r.status in (m.RoundStatus.PLANNED, m.RoundStatus.POSTPONED)]
    dated = sorted(
        (r for r in planned if r.scheduled_at and r.scheduled_at >= now - IN_PROGRESS),
        key=lambda r: (r.scheduled_at, r.number),
    )
    if dated:
        r = dated[0]
        assert r.scheduled_at is not None
        return NextRound(
            r.pk,
            r.number,
            times.in_zone(r.scheduled_at, r.timezone),
            max(0, _days_to_go(r.scheduled_at, r.timezone, now)),
        )
    undated = [r for r in planned if r.scheduled_at is None]
    if undated:
        return NextRound(undated[0].pk, undated[0].number, None, None)
    return None


def _note_dues(rounds: list[m.Round], notes_of: list[m.FollowUp], now: dt.datetime) -> list[Due]:
    due: list[Due] = []
    unsent = [f for f in notes_of if f.sent_at is None and f.closed_at is None]
    thanks = [f for f in unsent if f.kind == m.FollowUpKind.THANK_YOU]
    if thanks:
        n = len(thanks)
        late = any(f.due_at and f.due_at < now for f in thanks)
        text = f"{n} thank-you note{'s' if n != 1 else ''} to send"
        due.append(Due("thank-you", text, late, thanks[0].round_id))
    happened = [r for r in rounds if _happened(r, now)]
    last = happened[-1] if happened else None
    if (
        last is not None
        and not thanks
        and last.scheduled_at is not None
        and now - _round_end(last) <= THANKS_WITHIN
        and not any(f.round_id == last.pk and f.kind == m.FollowUpKind.THANK_YOU for f in notes_of)
    ):
        late = notes.thank_you_due(_round_end(last)) < now
        due.append(Due("write-thank-you", "Thank-you notes to write", late, last.pk))
    for f in unsent:
        if f.kind == m.FollowUpKind.CHASER and f.due_at is not None:
            when = times.in_zone(f.due_at, f.round.timezone)
            text = f"Chaser due {_short(when)}"
            due.append(Due("chaser", text, f.due_at < now, f.round_id))
        elif f.kind == m.FollowUpKind.CONSULTANT:
            late = bool(f.due_at and f.due_at < now)
            due.append(Due("consultant", "Note to your consultant to send", late, f.round_id))
    waiting = (
        last is not None
        and last.outcome == m.RoundOutcome.PENDING
        and last is rounds[-1]
        and not any(f.round_id == last.pk and f.kind == m.FollowUpKind.CHASER for f in notes_of)
        and last.scheduled_at is not None
        and now - last.scheduled_at <= CHASE_WITHIN
    )
    if waiting:
        assert last is not None
        day = followups.chase_on(last)
        today = times.in_zone(now, last.timezone).date()
        text = "Chase for news today" if day == today else f"Chase for news {_short(day)}"
        due.append(Due("chaser", text, day < today, last.pk))
    return due


def _offer_dues(offers: Iterable[m.Offer], today: dt.date) -> list[Due]:
    due = []
    for o in offers:
        assert o.deadline is not None
        late = o.deadline < today
        text = (
            f"Offer reply was due {_short(o.deadline)}"
            if late
            else f"Reply to the offer by {_short(o.deadline)}"
        )
        due.append(Due("offer", text, late))
    return due


# --- this week -----------------------------------------------------------------------------

_ROUND_FIELDS = (
    "id",
    "opportunity_id",
    "number",
    "scheduled_at",
    "timezone",
    "duration_minutes",
    "status",
    "news_expected_on",
    "opportunity__company",
    "opportunity__role",
)


def _agenda(owner: User, now: dt.datetime) -> tuple[list[AgendaDay], int]:
    """Rounds, notes and chasers due, and offer replies from now to a week ahead, by day;
    anything late (by a week at most) first. Read as plain rows: there can be many."""
    end = now + WEEK
    items: list[AgendaItem] = []
    booked = (
        m.Round.objects.filter(
            owner=owner, scheduled_at__gte=now - IN_PROGRESS, scheduled_at__lt=end
        )
        .exclude(status__in=[m.RoundStatus.CANCELLED, m.RoundStatus.DONE])
        .order_by("scheduled_at", "id")
        .values_list(
            "id", "number", "scheduled_at", "timezone", "opportunity_id",
            "opportunity__role", "opportunity__company",
        )[:AGENDA_LIMIT]
    )  # fmt: skip
    for pk, number, when, zone, opp_id, role, company in booked:
        assert when is not None
        local = times.in_zone(when, zone)
        text = f"Round {number}: {role} at {company}"
        items.append(AgendaItem("round", text, local.date(), local, opp_id, pk, False))
    due = (
        m.FollowUp.objects.filter(
            owner=owner,
            sent_at__isnull=True,
            closed_at__isnull=True,
            due_at__gte=now - WEEK,
            due_at__lt=end,
        )
        .exclude(followups.settled_chasers())
        .order_by("due_at", "id")
        .values_list(
            "kind", "due_at", "round_id", "round__number", "round__timezone",
            "round__opportunity_id", "round__opportunity__company",
            "round__opportunity__consultant_name", "interviewer__name",
        )[:AGENDA_LIMIT]
    )  # fmt: skip
    for kind, when, round_id, number, zone, opp_id, company, consultant, name in due:
        assert when is not None
        local = times.in_zone(when, zone)
        text = _note_text(kind, number, company, name or consultant)
        items.append(AgendaItem(kind, text, local.date(), local, opp_id, round_id, when < now))
    items += _thanks_to_write(owner, now)
    items += _chases(owner, now, end)
    today = times.in_zone(now, times.local_zone_name()).date()
    replies = (
        m.Offer.objects.filter(
            owner=owner,
            opportunity__isnull=False,
            decision__in=OFFER_OPEN,
            deadline__gte=today - WEEK,
            deadline__lt=today + WEEK,
        )
        .order_by("deadline", "id")
        .values_list("deadline", "opportunity_id", "opportunity__company", "opportunity__role")[
            :AGENDA_LIMIT
        ]
    )
    for deadline, opp_id, company, role in replies:
        assert deadline is not None
        text = f"Reply to the offer from {company} ({role})"
        items.append(AgendaItem("offer", text, deadline, None, opp_id, None, deadline < today))
    return _by_day(items, today)


def _note_text(kind: str, number: int, company: str, who: str | None) -> str:
    if kind == m.FollowUpKind.CHASER:
        return f"Chase {who or company} about round {number} ({company})"
    if kind == m.FollowUpKind.CONSULTANT:
        return f"Note to {who or 'your consultant'} about round {number} ({company})"
    return f"Thank-you note to {who or company} ({company})"


def _thanks_to_write(owner: User, now: dt.datetime) -> list[AgendaItem]:
    """Rounds of the last few days with no thank-you note drafted yet."""
    drafted = m.FollowUp.objects.filter(round=OuterRef("pk"), kind=m.FollowUpKind.THANK_YOU)
    items = []
    for r in (
        m.Round.objects.filter(
            owner=owner, scheduled_at__gte=now - THANKS_WITHIN, scheduled_at__lt=now
        )
        .exclude(status__in=[m.RoundStatus.CANCELLED, m.RoundStatus.POSTPONED])
        .exclude(Exists(drafted))
        .select_related("opportunity")
        .only(*_ROUND_FIELDS)
        .order_by("scheduled_at", "id")[:AGENDA_LIMIT]
    ):
        if not _happened(r, now):
            continue
        due = times.in_zone(notes.thank_you_due(_round_end(r)), r.timezone)
        text = (
            f"Write thank-you notes for round {r.number} ({r.opportunity.role} at "
            f"{r.opportunity.company})"
        )
        items.append(
            AgendaItem("write-thank-you", text, due.date(), None, r.opportunity_id, r.pk, due < now)
        )
    return items


def _chases(owner: User, now: dt.datetime, end: dt.datetime) -> list[AgendaItem]:
    """Rounds awaiting news whose chase day falls this week (or has passed), with no chaser."""
    later = m.Round.objects.filter(
        opportunity=OuterRef("opportunity"), number__gt=OuterRef("number")
    ).exclude(status=m.RoundStatus.CANCELLED)
    chaser = m.FollowUp.objects.filter(round=OuterRef("pk"), kind=m.FollowUpKind.CHASER)
    items = []
    for r in (
        m.Round.objects.filter(
            owner=owner,
            outcome=m.RoundOutcome.PENDING,
            scheduled_at__gte=now - CHASE_WITHIN,
            scheduled_at__lt=now,
            opportunity__stage__in=[m.Stage.APPLIED, m.Stage.INTERVIEWING, m.Stage.CALLBACK],
        )
        # The chase day is five working days on, or the working day after the date they gave.
        .filter(
            Q(news_expected_on__isnull=True, scheduled_at__gte=now - CHASE_THIS_WEEK)
            | Q(news_expected_on__gte=(now - WEEK - WEEK).date(), news_expected_on__lte=end.date())
        )
        .exclude(status__in=[m.RoundStatus.CANCELLED, m.RoundStatus.POSTPONED])
        .exclude(Exists(later))
        .exclude(Exists(chaser))
        .select_related("opportunity")
        .only(*_ROUND_FIELDS)
        .order_by("scheduled_at", "id")[:AGENDA_LIMIT]
    ):
        if not _happened(r, now):
            continue
        day = followups.chase_on(r)
        today = times.in_zone(now, r.timezone).date()
        if not today - WEEK <= day <= times.in_zone(end, r.timezone).date():
            continue
        text = f"Chase {r.opportunity.company} for news of round {r.number} ({r.opportunity.role})"
        items.append(AgendaItem("chaser", text, day, None, r.opportunity_id, r.pk, day < today))
    return items


def _by_day(items: list[AgendaItem], today: dt.date) -> tuple[list[AgendaDay], int]:
    """The items by day, late ones first, and how many were left out for room."""
    late = sorted((i for i in items if i.overdue or i.day < today), key=_order)
    ahead = sorted((i for i in items if not (i.overdue or i.day < today)), key=_order)
    more = max(0, len(late) - AGENDA_LATE) + max(0, len(ahead) - AGENDA_AHEAD)
    late, ahead = late[:AGENDA_LATE], ahead[:AGENDA_AHEAD]
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


# --- moving a card ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    id: int
    name: str
    stage: str
    label: str
    changed: bool


def move(owner: User, pk: int, stage: str) -> Moved:
    """Put an opportunity in another stage (its owner only); the stage is checked by name."""
    opportunities.owned(owner, pk)
    if stage not in m.Stage.values:
        names = ", ".join(str(s.label) for s in m.Stage)
        raise InvalidInput.one("stage", f"there is no stage {stage[:40]!r}: choose one of {names}")
    with transaction.atomic():
        opp = opportunities.owned(owner, pk)
        changed = opp.stage != stage
        if changed:
            opp = opportunities.update(owner, pk, stage=stage)
    return Moved(opp.pk, str(opp), opp.stage, stage_label(opp.stage), changed)

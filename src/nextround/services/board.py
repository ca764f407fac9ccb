"""The dashboard as a board: a column per stage, a card per opportunity, and this week's agenda.

Every card says what comes next (the next round and how many days to go) and what is due
(thank-you notes, chasers, offer replies). The queries are bounded: a few per column, a few for
the cards shown and a few for the week, however many opportunities there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nextround.services import followups, times, week
from nextround.services.errors import InvalidInput
from nextround.services.records import opportunities
from nextround.store import models as m
from nextround.store.prepared import Prepared

OPEN = (m.Stage.APPLIED, m.Stage.INTERVIEWING, m.Stage.CALLBACK, m.Stage.OFFER)
CLOSED = (m.Stage.ACCEPTED, m.Stage.DECLINED, m.Stage.REJECTED, m.Stage.WITHDRAWN)
# Cards a column shows on the board; the rest are one "show all" link away.
PER_COLUMN = 10
PER_CLOSED_COLUMN = 5
PER_PAGE = 50

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
class Board:
    columns: list[Column]
    agenda: list[week.AgendaDay]
    total: int
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
    this_week: bool = True,
) -> Board:
    """The owner's opportunities in a column per stage with their cards, and the week ahead.

    With focus set to a stage, that column alone, PER_PAGE cards a page, and no agenda; with
    this_week False (a board redrawn after a move), no agenda either.
    """
    now = now or timezone.now()
    counts: dict[str, int] = dict(_COUNTS.rows(owner.pk))
    total = sum(counts.values())
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
        rows = {
            s.value: _column_cards(owner, s.value, limit[s]) for s in m.Stage if counts.get(s.value)
        }
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
    agenda, more = week.agenda(owner, now) if this_week and total and not focus else ([], 0)
    return Board(columns, agenda, total, focus, page, pages, unknown, more)


# The board's queries are compiled once (store.prepared): the ORM took far longer to turn them
# into SQL than the database took to answer them.
_COUNTS = Prepared(
    m.Opportunity,
    # COUNT(*) need not read each entry's id from the (owner, stage, -updated_at) index.
    lambda owner_id: (
        m.Opportunity.objects.filter(owner_id=owner_id)
        .values("stage")
        .annotate(n=Count("*"))
        .values_list("stage", "n")
    ),
)


def _card_query(owner_id: int, stage: str) -> QuerySet[m.Opportunity, Any]:
    # Read in order from the (owner, stage, -updated_at) index.
    return (
        m.Opportunity.objects.filter(owner_id=owner_id, stage=stage)
        .order_by("-updated_at", "-id")
        .values_list("id", "company", "role")
    )


def _first_cards(limit: int) -> Prepared:
    return Prepared(m.Opportunity, lambda owner_id, stage: _card_query(owner_id, stage)[:limit])


_CARDS = {limit: _first_cards(limit) for limit in (PER_COLUMN, PER_CLOSED_COLUMN)}


def _column_cards(owner: User, stage: str, limit: int) -> list[tuple[int, str, str]]:
    """The first cards of a column: one short query a column."""
    return _CARDS[limit].rows(owner.pk, stage)


def _cards(owner: User, stage: str, limit: int, offset: int = 0) -> list[tuple[int, str, str]]:
    """A page of a column shown in full: the page's ids read from the index alone, then their
    cards (read in full, every row skipped to reach a late page would be read from the table)."""
    page = _card_query(owner.pk, stage).values("id")[offset : offset + limit]
    return list(
        m.Opportunity.objects.filter(pk__in=page)
        .order_by("-updated_at", "-id")
        .values_list("id", "company", "role")
    )


def _days_to_go(when: dt.datetime, zone: str, now: dt.datetime) -> int:
    return (times.in_zone(when, zone).date() - times.in_zone(now, zone).date()).days


class _NoteRow(NamedTuple):
    kind: str
    due_at: dt.datetime | None
    sent_at: dt.datetime | None
    closed_at: dt.datetime | None
    round_id: int
    opportunity_id: int
    timezone: str


def _details(
    owner: User, stage_of: dict[int, str], now: dt.datetime
) -> dict[int, tuple[NextRound | None, tuple[Due, ...]]]:
    """The next round and what is due of each open opportunity shown: three queries for all.

    Closed opportunities (accepted, declined, rejected, withdrawn) have nothing next or due.
    """
    ids = [pk for pk, stage in stage_of.items() if stage in OPEN]
    if not ids:
        return {}
    key = tuple(ids)
    by_opp: dict[int, list[week.RoundRow]] = {}
    for row in _ROUNDS_OF.rows(key):
        r = week.RoundRow(*row)
        by_opp.setdefault(r.opportunity_id, []).append(r)
    notes_by_opp: dict[int, list[_NoteRow]] = {}
    for row in _NOTES_OF.rows(key):
        note = _NoteRow(*row)
        notes_by_opp.setdefault(note.opportunity_id, []).append(note)
    offers_by_opp: dict[int, list[dt.date]] = {}
    for opp_id, deadline in _OFFERS_OF.rows(key):
        assert opp_id is not None and deadline is not None
        offers_by_opp.setdefault(opp_id, []).append(deadline)
    today = times.in_zone(now, times.local_zone_name()).date()
    result: dict[int, tuple[NextRound | None, tuple[Due, ...]]] = {}
    for pk in ids:
        rounds = by_opp.get(pk, [])
        due = _offer_dues(offers_by_opp.get(pk, []), today)
        if stage_of[pk] != m.Stage.OFFER:
            due = _note_dues(rounds, notes_by_opp.get(pk, []), now) + due
        result[pk] = (_next_round(rounds, now), tuple(due))
    return result


# The ids are the owner's opportunities, whose records are all the owner's: filtering by
# them alone lets the database use the opportunity's index rather than scan the owner's.
_ROUNDS_OF = Prepared(
    m.Round,
    lambda ids: (
        m.Round.objects.filter(opportunity_id__in=ids)
        .exclude(status=m.RoundStatus.CANCELLED)
        .order_by("number")
        .values_list(*week.ROUND_COLUMNS)
    ),
)
_NOTES_OF = Prepared(
    m.FollowUp,
    lambda ids: m.FollowUp.objects.filter(round__opportunity_id__in=ids)
    .exclude(Q(sent_at__isnull=True) & Q(closed_at__isnull=True) & followups.settled_chasers())
    .values_list(
        "kind", "due_at", "sent_at", "closed_at", "round_id", "round__opportunity_id",
        "round__timezone",
    ),
)  # fmt: skip
_OFFERS_OF = Prepared(
    m.Offer,
    lambda ids: m.Offer.objects.filter(
        opportunity_id__in=ids, decision__in=week.OFFER_OPEN, deadline__isnull=False
    ).values_list("opportunity_id", "deadline"),
)


def _next_round(rounds: list[week.RoundRow], now: dt.datetime) -> NextRound | None:
    planned = [r for r in rounds if r.status in (m.RoundStatus.PLANNED, m.RoundStatus.POSTPONED)]
    dated = sorted(
        (r for r in planned if r.scheduled_at and r.scheduled_at >= now - week.IN_PROGRESS),
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


def _note_dues(
    rounds: list[week.RoundRow], notes_of: list[_NoteRow], now: dt.datetime
) -> list[Due]:
    due: list[Due] = []
    unsent = [f for f in notes_of if f.sent_at is None and f.closed_at is None]
    thanks = [f for f in unsent if f.kind == m.FollowUpKind.THANK_YOU]
    if thanks:
        n = len(thanks)
        late = any(f.due_at and f.due_at < now for f in thanks)
        text = f"{n} thank-you note{'s' if n != 1 else ''} to send"
        due.append(Due("thank-you", text, late, thanks[0].round_id))
    happened = [r for r in rounds if week.happened(r, now)]
    last = happened[-1] if happened else None
    if (
        last is not None
        and not thanks
        and last.scheduled_at is not None
        and now - week.round_end(last) <= week.THANKS_WITHIN
        and not any(f.round_id == last.pk and f.kind == m.FollowUpKind.THANK_YOU for f in notes_of)
    ):
        late = week.thank_you_due(last) < now
        due.append(Due("write-thank-you", "Thank-you notes to write", late, last.pk))
    for f in unsent:
        if f.kind == m.FollowUpKind.CHASER and f.due_at is not None:
            when = times.in_zone(f.due_at, f.timezone)
            text = f"Chaser due {week.short_day(when)}"
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
        and now - last.scheduled_at <= week.CHASE_WITHIN
    )
    if waiting:
        assert last is not None
        day = week.chase_day(last)
        today = times.in_zone(now, last.timezone).date()
        text = "Chase for news today" if day == today else f"Chase for news {week.short_day(day)}"
        due.append(Due("chaser", text, day < today, last.pk))
    return due


def _offer_dues(deadlines: list[dt.date], today: dt.date) -> list[Due]:
    due = []
    for deadline in deadlines:
        late = deadline < today
        text = (
            f"Offer reply was due {week.short_day(deadline)}"
            if late
            else f"Reply to the offer by {week.short_day(deadline)}"
        )
        due.append(Due("offer", text, late))
    return due


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

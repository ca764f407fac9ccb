"""View-models for the pages: everything a template shows, fetched in a fixed number of queries.

The dashboard's board is services/board.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, Q

from nextround.services import times
from nextround.services.records import opportunities, rounds
from nextround.store import models as m


@dataclass(frozen=True)
class RoundSummary:
    round: m.Round
    starts_at: dt.datetime | None
    panel: list[m.Interviewer]
    question_count: int
    feedback_count: int


@dataclass(frozen=True)
class OpportunityPage:
    opportunity: m.Opportunity
    rounds: list[RoundSummary]
    requirements: list[m.Requirement]
    people: list[m.Interviewer]
    offers: list[m.Offer]
    next_round_number: int = field(default=1)
    # Anything with a date to put in a calendar: a round, an offer's deadline, a follow-up due.
    has_dates: bool = False


def opportunity_page(owner: User, pk: int) -> OpportunityPage:
    opp = opportunities.get(owner, pk)
    # The opportunity may be shared with this user: its records are read as its owner's.
    holder = opp.owner_id
    round_list = list(
        m.Round.objects.filter(owner_id=holder, opportunity=opp)
        .annotate(
            question_count=Count("questions", distinct=True),
            feedback_count=Count("feedback", distinct=True),
        )
        .prefetch_related(Prefetch("interviewers", queryset=m.Interviewer.objects.order_by("id")))
        .order_by("number")
    )
    summaries = [
        RoundSummary(
            r,
            times.in_zone(r.scheduled_at, r.timezone) if r.scheduled_at else None,
            list(r.interviewers.all()),
            r.question_count,
            r.feedback_count,
        )
        for r in round_list
    ]
    offers = list(m.Offer.objects.filter(owner_id=holder, opportunity=opp))
    return OpportunityPage(
        opportunity=opp,
        rounds=summaries,
        requirements=list(m.Requirement.objects.filter(owner_id=holder, opportunity=opp)),
        people=list(m.Interviewer.objects.filter(owner_id=holder, opportunity=opp)),
        offers=offers,
        next_round_number=max((r.number for r in round_list), default=0) + 1,
        has_dates=_has_dates(opp, round_list, offers),
    )


def _has_dates(opp: m.Opportunity, round_list: Sequence[m.Round], offers: list[m.Offer]) -> bool:
    """Whether the opportunity's calendar file would hold any event (services/calendar.py)."""
    if any(r.scheduled_at and r.status != m.RoundStatus.CANCELLED for r in round_list):
        return True
    if any(o.deadline and o.decision == m.Decision.PENDING for o in offers):
        return True
    return m.FollowUp.objects.filter(
        owner_id=opp.owner_id,
        round__opportunity=opp,
        sent_at__isnull=True,
        closed_at__isnull=True,
        due_at__isnull=False,
    ).exists()


# What following a round's link does, by how the round is held.
CALL_WORDS: dict[str, str] = {
    m.RoundFormat.VIDEO: "Join the video call",
    m.RoundFormat.PHONE: "Open the call link",
}


@dataclass(frozen=True)
class RoundPage:
    round: m.Round
    opportunity: m.Opportunity
    starts_at: dt.datetime | None
    panel: list[m.Interviewer]
    others: list[m.Interviewer]  # on other rounds of the opportunity, not this one
    questions: list[m.AskedQuestion]
    feedback: list[m.Feedback]
    asks: list[m.QuestionToAsk]
    follow_ups: list[m.FollowUp]
    earlier_rounds: list[m.Round]
    # Each of `others` with the rounds they were on: "Priya Shah, Head of Data (round 1)".
    other_labels: list[tuple[int, str]] = field(default_factory=list)

    @property
    def call_link(self) -> tuple[str, str] | None:
        """The round's link as the page offers it: what following it does, and the site it is
        on ("Join the video call", "meet.google.com"); None when the round has no link."""
        link = self.round.link
        if not link:
            return None
        site = (urlsplit(link).hostname or "").removeprefix("www.")
        follow = CALL_WORDS.get(self.round.format, "Open the meeting link")
        return follow, site


def _other_labels(others: list[m.Interviewer]) -> list[tuple[int, str]]:
    numbers: dict[int, list[int]] = {}
    links = m.RoundInterviewer.objects.filter(interviewer__in=others).order_by("round__number")
    for person_id, number in links.values_list("interviewer_id", "round__number"):
        numbers.setdefault(person_id, []).append(number)
    labels = []
    for p in others:
        shown = ", ".join(str(n) for n in numbers.get(p.pk, []))
        title = f", {p.title}" if p.title else ""
        word = "rounds" if len(numbers.get(p.pk, [])) > 1 else "round"
        labels.append((p.pk, f"{p.name}{title} ({word} {shown})"))
    return labels


def round_page(owner: User, pk: int) -> RoundPage:
    r = rounds.get(owner, pk)
    holder = r.owner_id
    people = list(
        m.Interviewer.objects.filter(owner_id=holder, opportunity_id=r.opportunity_id)
        .annotate(on_panel=Count("rounds", filter=Q(rounds=r)), round_count=Count("rounds"))
        .order_by("id")
    )
    panel: list[m.Interviewer] = [p for p in people if p.on_panel]
    # Someone taken off every round (such as the candidate) is offered nowhere on the page.
    others: list[m.Interviewer] = [p for p in people if not p.on_panel and p.round_count]
    return RoundPage(
        round=r,
        opportunity=r.opportunity,
        starts_at=times.in_zone(r.scheduled_at, r.timezone) if r.scheduled_at else None,
        panel=panel,
        others=others,
        questions=list(
            m.AskedQuestion.objects.filter(owner_id=holder, round=r).select_related("interviewer")
        ),
        feedback=list(m.Feedback.objects.filter(owner_id=holder, round=r)),
        asks=list(
            m.QuestionToAsk.objects.filter(owner_id=holder, round=r).select_related("interviewer")
        ),
        follow_ups=list(
            m.FollowUp.objects.filter(owner_id=holder, round=r).select_related("interviewer")
        ),
        earlier_rounds=list(
            m.Round.objects.filter(
                owner_id=holder, opportunity_id=r.opportunity_id, number__lt=r.number
            ).order_by("number")
        ),
        other_labels=_other_labels(others) if others else [],
    )

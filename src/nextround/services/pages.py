"""View-models for the pages: everything a template shows, fetched in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, F, Prefetch, Q, TextField, Window
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone

from nextround.services import times
from nextround.services.records import opportunities, rounds
from nextround.store import models as m


@dataclass(frozen=True)
class OpportunityCard:
    id: int
    company: str
    role: str
    stage: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class StageColumn:
    stage: str
    label: str
    count: int
    cards: list[OpportunityCard]

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


@dataclass(frozen=True)
class UpcomingRound:
    round_id: int
    opportunity_id: int
    company: str
    role: str
    number: int
    starts_at: dt.datetime
    days_left: int


@dataclass(frozen=True)
class Dashboard:
    columns: list[StageColumn]
    upcoming: list[UpcomingRound]
    total: int

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def dashboard(owner: User, per_stage: int = 10) -> Dashboard:
    """Opportunities by stage (the most recent few of each) and the rounds coming up."""
    base = m.Opportunity.objects.filter(owner=owner)
    counts = dict(base.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
    ranked = (
        base.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("stage")],
                order_by=[F("updated_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_stage)
        .values_list("id", "company", "role", "stage", "updated_at")
    )
    cards: dict[str, list[OpportunityCard]] = {}
    for pk, company, role, stage, updated in ranked:
        cards.setdefault(stage, []).append(OpportunityCard(pk, company, role, stage, updated))
    for stage_cards in cards.values():
        stage_cards.sort(key=lambda c: (c.updated_at, c.id), reverse=True)
    columns = [
        StageColumn(stage.value, stage.label, counts.get(stage.value, 0), cards.get(stage, []))
        for stage in m.Stage
    ]
    now = timezone.now()
    upcoming = []
    soon = (
        m.Round.objects.filter(owner=owner, scheduled_at__gte=now - dt.timedelta(hours=2))
        .exclude(status=m.RoundStatus.CANCELLED)
        .select_related("opportunity")
        .order_by("scheduled_at")[:8]
    )
    for r in soon:
        assert r.scheduled_at is not None
        upcoming.append(
            UpcomingRound(
                r.pk,
                r.opportunity_id,
                r.opportunity.company,
                r.opportunity.role,
                r.number,
                times.in_zone(r.scheduled_at, r.timezone),
                max(0, (r.scheduled_at.date() - now.date()).days),
            )
        )
    return Dashboard(columns, upcoming, sum(counts.values()))


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


def opportunity_page(owner: User, pk: int) -> OpportunityPage:
    opp = opportunities.get(owner, pk)
    round_list = list(
        m.Round.objects.filter(owner=owner, opportunity=opp)
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
    return OpportunityPage(
        opportunity=opp,
        rounds=summaries,
        requirements=list(m.Requirement.objects.filter(owner=owner, opportunity=opp)),
        people=list(m.Interviewer.objects.filter(owner=owner, opportunity=opp)),
        offers=list(m.Offer.objects.filter(owner=owner, opportunity=opp)),
        next_round_number=max((r.number for r in round_list), default=0) + 1,
    )


@dataclass(frozen=True)
class RoundPage:
    round: m.Round
    opportunity: m.Opportunity
    starts_at: dt.datetime | None
    panel: list[m.Interviewer]
    others: list[m.Interviewer]
    questions: list[m.AskedQuestion]
    feedback: list[m.Feedback]
    asks: list[m.QuestionToAsk]
    follow_ups: list[m.FollowUp]
    earlier_rounds: list[m.Round]


def round_page(owner: User, pk: int) -> RoundPage:
    r = rounds.get(owner, pk)
    people = list(
        m.Interviewer.objects.filter(owner=owner, opportunity_id=r.opportunity_id)
        .annotate(on_panel=Count("rounds", filter=Q(rounds=r)))
        .order_by("id")
    )
    panel: list[m.Interviewer] = [p for p in people if p.on_panel]
    return RoundPage(
        round=r,
        opportunity=r.opportunity,
        starts_at=times.in_zone(r.scheduled_at, r.timezone) if r.scheduled_at else None,
        panel=panel,
        others=[p for p in people if not p.on_panel],
        questions=list(
            m.AskedQuestion.objects.filter(owner=owner, round=r).select_related("interviewer")
        ),
        feedback=list(m.Feedback.objects.filter(owner=owner, round=r)),
        asks=list(
            m.QuestionToAsk.objects.filter(owner=owner, round=r).select_related("interviewer")
        ),
        follow_ups=list(
            m.FollowUp.objects.filter(owner=owner, round=r).select_related("interviewer")
        ),
        earlier_rounds=list(
            m.Round.objects.filter(
                owner=owner, opportunity_id=r.opportunity_id, number__lt=r.number
            ).order_by("number")
        ),
    )


def search(owner: User, text: str, limit: int = 50) -> dict[str, list[object]]:
    """Opportunities, asked questions and stories whose words contain the text."""
    text = text.strip()
    if not text:
        return {"opportunities": [], "questions": [], "stories": []}
    return {
        "opportunities": list(
            m.Opportunity.objects.filter(owner=owner).filter(
                Q(company__icontains=text) | Q(role__icontains=text) | Q(notes__icontains=text)
            )[:limit]
        ),
        "questions": list(
            m.AskedQuestion.objects.filter(owner=owner)
            .filter(Q(text__icontains=text) | Q(answer_note__icontains=text))
            .select_related("round__opportunity")[:limit]
        ),
        "stories": list(
            m.Story.objects.filter(owner=owner)
            .annotate(skills_text=Cast("skills", TextField()))
            .filter(
                Q(title__icontains=text)
                | Q(situation__icontains=text)
                | Q(task__icontains=text)
                | Q(action__icontains=text)
                | Q(result__icontains=text)
                | Q(skills_text__icontains=text)
            )[:limit]
        ),
    }

"""View-models for the pages: everything a template shows, fetched in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    When,
    Window,
)
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone

from nextround.services import access, followups, times
from nextround.services.records import opportunities, rounds
from nextround.store import models as m


@dataclass(frozen=True)
class OpportunityCard:
    id: int
    company: str
    role: str
    stage: str
    updated_at: dt.datetime
    at_round: int | None = None


@dataclass(frozen=True)
class StageColumn:
    stage: str
    label: str
    count: int
    cards: list[OpportunityCard]
    at_round: int | None = None

    @property
    def more(self) -> int:
        return self.count - len(self.cards)

    @property
    def slug(self) -> str:
        return f"round-{self.at_round}" if self.at_round else self.stage


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
class DueFollowUp:
    id: int
    round_id: int
    kind: str
    kind_label: str
    to_name: str
    company: str
    due_at: dt.datetime
    overdue: bool


@dataclass(frozen=True)
class Dashboard:
    columns: list[StageColumn]
    upcoming: list[UpcomingRound]
    total: int
    follow_ups: list[DueFollowUp] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def before_rounds(self) -> list[StageColumn]:
        return [c for c in self.columns if c.stage == m.Stage.APPLIED]

    @property
    def interviewing(self) -> list[StageColumn]:
        """The interviewing stage, one column per round reached (first an unplanned one)."""
        return [c for c in self.columns if c.stage == m.Stage.INTERVIEWING]

    @property
    def interviewing_count(self) -> int:
        return sum(c.count for c in self.interviewing)

    @property
    def after_rounds(self) -> list[StageColumn]:
        return [c for c in self.columns if c.stage not in (m.Stage.APPLIED, m.Stage.INTERVIEWING)]


def dashboard(owner: User, per_stage: int = 10, soon_hours: int = 24) -> Dashboard:
    """The pipeline from applied through each round to the decision, what is coming up, and
    the follow-ups that are overdue or due soon; three queries however many opportunities."""
    latest_round = Subquery(
        m.Round.objects.filter(opportunity=OuterRef("pk")).order_by("-number").values("number")[:1]
    )
    base = m.Opportunity.objects.filter(owner=owner).annotate(at_round=latest_round)
    # Opportunities still interviewing sit in the column of the latest round they have reached.
    group: list[Any] = [
        F("stage"),
        Case(When(stage=m.Stage.INTERVIEWING, then=F("at_round")), default=None),
    ]
    ranked = (
        base.annotate(
            rank=Window(
                RowNumber(),
                partition_by=group,
                order_by=[F("updated_at").desc(), F("id").desc()],
            ),
            group_size=Window(Count("id"), partition_by=group),
        )
        .filter(rank__lte=per_stage)
        .values_list("id", "company", "role", "stage", "updated_at", "at_round", "group_size")
    )
    cards: dict[tuple[str, int | None], list[OpportunityCard]] = {}
    counts: dict[tuple[str, int | None], int] = {}
    for pk, company, role, stage, updated, at_round, size in ranked:
        key = (stage, at_round if stage == m.Stage.INTERVIEWING else None)
        cards.setdefault(key, []).append(
            OpportunityCard(pk, company, role, stage, updated, at_round)
        )
        counts[key] = size
    for stage_cards in cards.values():
        stage_cards.sort(key=lambda c: (c.updated_at, c.id), reverse=True)
    columns: list[StageColumn] = []
    for stage in m.Stage:
        keys = sorted((k for k in cards if k[0] == stage.value), key=lambda k: k[1] or 0)
        if stage != m.Stage.INTERVIEWING:
            keys = [(stage.value, None)]
        for key in keys:
            name = stage.label
            if key[1]:
                name = f"Round {key[1]}"
            columns.append(
                StageColumn(stage.value, name, counts.get(key, 0), cards.get(key, []), key[1])
            )
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
    due = (
        m.FollowUp.objects.filter(
            owner=owner,
            sent_at__isnull=True,
            closed_at__isnull=True,
            due_at__lt=now + dt.timedelta(hours=soon_hours),
        )
        # A chaser for a round whose outcome is known or whose next round is booked is not due.
        .exclude(followups.settled_chasers())
        .select_related("round__opportunity", "interviewer")
        .order_by("due_at", "id")[:10]
    )
    follow_ups = []
    for f in due:
        assert f.due_at is not None
        opp = f.round.opportunity
        follow_ups.append(
            DueFollowUp(
                f.pk,
                f.round_id,
                f.kind,
                f.get_kind_display(),
                f.interviewer.name if f.interviewer else opp.consultant_name,
                opp.company,
                times.in_zone(f.due_at, f.round.timezone),
                f.due_at < now,
            )
        )
    return Dashboard(columns, upcoming, sum(counts.values()), follow_ups)


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
    return OpportunityPage(
        opportunity=opp,
        rounds=summaries,
        requirements=list(m.Requirement.objects.filter(owner_id=holder, opportunity=opp)),
        people=list(m.Interviewer.objects.filter(owner_id=holder, opportunity=opp)),
        offers=list(m.Offer.objects.filter(owner_id=holder, opportunity=opp)),
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
    holder = r.owner_id
    people = list(
        m.Interviewer.objects.filter(owner_id=holder, opportunity_id=r.opportunity_id)
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
    )


def search(owner: User, text: str, limit: int = 50) -> dict[str, list[object]]:
    """Opportunities, asked questions and stories whose words contain the text."""
    text = text.strip()
    if not text:
        return {"opportunities": [], "questions": [], "stories": []}
    return {
        "opportunities": list(
            m.Opportunity.objects.filter(access.readable(m.Opportunity, owner)).filter(
                Q(company__icontains=text) | Q(role__icontains=text) | Q(notes__icontains=text)
            )[:limit]
        ),
        "questions": list(
            m.AskedQuestion.objects.filter(access.readable(m.AskedQuestion, owner))
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

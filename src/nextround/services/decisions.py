"""Deciding on an offer: accepting closes the loop on the rest (and on this job's own rounds)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from nextround.coach import words
from nextround.coach.note_templates import join_and, long_time
from nextround.services import times
from nextround.services.errors import InvalidInput
from nextround.services.offers import label
from nextround.services.records import offers
from nextround.store import models as m

OPEN_STAGES = (m.Stage.APPLIED, m.Stage.INTERVIEWING, m.Stage.CALLBACK, m.Stage.OFFER)
OPEN_DECISIONS = (m.Decision.PENDING, m.Decision.NEGOTIATING)


@dataclass(frozen=True)
class StillOpen:
    """Another offer or opportunity still open, and what closing it would close with it."""

    pk: int
    label: str
    opportunity_id: int
    follow_ups: int  # not sent and not closed
    rounds_ahead: int


@dataclass(frozen=True)
class RoundAhead:
    """A round of the accepted job still booked: accepting asks whether it is still needed."""

    pk: int
    label: str  # "Round 3 on Wednesday 9 December 2026, 14:00"


@dataclass(frozen=True)
class Elsewhere:
    """What else is open when an offer is accepted: offers to decline, processes to leave."""

    offer: m.Offer
    label: str
    offers: list[StillOpen]  # other offers still open
    opportunities: list[StillOpen]  # other open opportunities with no open offer
    own_rounds: list[RoundAhead]  # this job's own rounds booked for a day still to come
    current_job: bool = False  # an open entry for the current job, closed as left

    @property
    def empty(self) -> bool:
        return not self.offers and not self.opportunities and not self.own_rounds


def _ahead(owner_id: int, opportunity_ids: list[int]) -> models.QuerySet[m.Round]:
    """Rounds still to come: planned or postponed, with no date or a date not yet passed."""
    return m.Round.objects.filter(
        owner_id=owner_id,
        opportunity_id__in=opportunity_ids,
        status__in=[m.RoundStatus.PLANNED, m.RoundStatus.POSTPONED],
    ).filter(Q(scheduled_at__isnull=True) | Q(scheduled_at__gte=timezone.now()))


def _open_follow_ups(owner_id: int, opportunity_ids: list[int]) -> models.QuerySet[m.FollowUp]:
    return m.FollowUp.objects.filter(
        owner_id=owner_id,
        round__opportunity_id__in=opportunity_ids,
        sent_at__isnull=True,
        closed_at__isnull=True,
    )


def _current_jobs(owner_id: int) -> models.QuerySet[m.Offer]:
    return m.Offer.objects.filter(
        owner_id=owner_id, is_current_job=True, decision__in=OPEN_DECISIONS
    )


def _round_label(r: m.Round) -> str:
    if r.scheduled_at is None:
        return f"Round {r.number} (no date yet)"
    return f"Round {r.number} on {long_time(times.in_zone(r.scheduled_at, r.timezone))}"


def _get(owner: User, offer_id: int) -> m.Offer:
    offers.get(owner, offer_id)
    return m.Offer.objects.select_related("opportunity").get(pk=offer_id)


def elsewhere(owner: User, offer_id: int) -> Elsewhere:
    """The other open offers and opportunities that accepting this offer would close."""
    offer = _get(owner, offer_id)
    offers.owned(owner, offer_id)
    if offer.opportunity is None:
        raise InvalidInput.one("offer", "this is your current job: there is nothing to decide")
    others = list(
        m.Offer.objects.filter(owner_id=offer.owner_id, decision__in=OPEN_DECISIONS)
        .exclude(pk=offer.pk)
        .exclude(opportunity__isnull=True)
        .exclude(opportunity_id=offer.opportunity.pk)
        .select_related("opportunity")
        .order_by("id")
    )
    with_offer = {o.opportunity_id for o in others if o.opportunity_id}
    opportunities = list(
        m.Opportunity.objects.filter(owner_id=offer.owner_id, stage__in=OPEN_STAGES)
        .exclude(pk=offer.opportunity.pk)
        .exclude(pk__in=with_offer)
        .order_by("company", "id")
    )
    ids = [o.pk for o in opportunities] + sorted(with_offer)
    notes_open = _count_by(_open_follow_ups(offer.owner_id, ids), "round__opportunity_id")
    ahead = _count_by(_ahead(offer.owner_id, ids), "opportunity_id")
    # This job's rounds booked for a day still to come (one with no date is no booking).
    own = (
        _ahead(offer.owner_id, [offer.opportunity.pk])
        .filter(scheduled_at__isnull=False)
        .order_by("number")
    )

    def still_open(pk: int, text: str, opportunity_id: int) -> StillOpen:
        return StillOpen(
            pk,
            text,
            opportunity_id,
            notes_open.get(opportunity_id, 0),
            ahead.get(opportunity_id, 0),
        )

    return Elsewhere(
        offer,
        label(offer),
        [still_open(o.pk, label(o), o.opportunity_id or 0) for o in others],
        [still_open(o.pk, str(o), o.pk) for o in opportunities],
        [RoundAhead(r.pk, _round_label(r)) for r in own],
        _current_jobs(offer.owner_id).exists(),
    )


def _count_by(qs: models.QuerySet[Any], key: str) -> dict[int, int]:
    return {row[key]: row["n"] for row in qs.values(key).annotate(n=Count("id"))}


@dataclass(frozen=True)
class DecisionResult:
    offer: m.Offer
    closed_follow_ups: int
    declined: tuple[str, ...] = ()  # labels of the other offers declined
    withdrawn: tuple[str, ...] = ()  # the opportunities left
    cancelled_rounds: int = 0
    cancelled_own: tuple[int, ...] = ()  # numbers of this job's rounds no longer needed
    left_current_job: bool = False

    @property
    def message(self) -> str:
        verb = "Accepted" if self.offer.decision == m.Decision.ACCEPTED else "Declined"
        parts = [f"{verb} {label(self.offer)}."]
        if self.declined:
            parts.append(f"Declined {join_and(self.declined)}.")
        if self.withdrawn:
            parts.append(f"Withdrew from {join_and(self.withdrawn)}.")
        if self.closed_follow_ups:
            n = self.closed_follow_ups
            parts.append(
                f"Closed {n} open follow-up{'s' if n != 1 else ''} of other opportunities."
            )
        if self.cancelled_rounds:
            parts.append(f"Cancelled {words.count(self.cancelled_rounds, 'planned round')}.")
        if self.cancelled_own:
            numbers = join_and(tuple(str(n) for n in self.cancelled_own))
            which = "round" if len(self.cancelled_own) == 1 else "rounds"
            parts.append(f"Cancelled {which} {numbers} of this job, no longer needed.")
        if self.left_current_job:
            parts.append("Your current job is marked as one you are leaving.")
        return " ".join(parts)


def _chosen(
    given: Iterable[int] | None, allowed: dict[int, StillOpen], what: str
) -> list[StillOpen]:
    """The items chosen by id (all of them when none are given); an id not open is refused."""
    if given is None:
        return list(allowed.values())
    chosen = []
    for pk in given:
        if pk not in allowed:
            raise InvalidInput.one(what, f"{pk} is not one of your other open {what}")
        chosen.append(allowed[pk])
    return chosen


def decide(
    owner: User,
    offer_id: int,
    accept: bool,
    decline: Iterable[int] | None = None,
    withdraw: Iterable[int] | None = None,
    cancel_rounds: Iterable[int] | None = None,
) -> DecisionResult:
    """Record the decision.

    Accepting declines the other open offers and withdraws from the other open opportunities
    (all of them unless given), closing their follow-ups and the rounds still ahead; it cancels
    the accepted job's own rounds still ahead (all unless given: a visit after the offer may be
    kept) and marks the current job, if recorded, as one being left.
    """
    offer = _get(owner, offer_id)
    if offer.opportunity is None:
        raise InvalidInput.one("offer", "this is your current job: there is nothing to decide")
    offers.owned(owner, offer_id)
    opp = offer.opportunity
    if not accept:
        with transaction.atomic():
            offer.decision = m.Decision.DECLINED
            offer.save(update_fields=["decision"])
            opp.stage = m.Stage.DECLINED
            opp.save(update_fields=["stage"])
        return DecisionResult(offer, 0)
    around = elsewhere(owner, offer_id)
    to_decline = _chosen(decline, {o.pk: o for o in around.offers}, "offers")
    to_leave = _chosen(withdraw, {o.pk: o for o in around.opportunities}, "opportunities")
    own = {r.pk for r in around.own_rounds}
    ending = own if cancel_rounds is None else set(cancel_rounds)
    if ending - own:
        pk = min(ending - own)
        raise InvalidInput.one("rounds", f"{pk} is not a round of this job still ahead")
    declining = [o.opportunity_id for o in to_decline]
    closing = declining + [o.opportunity_id for o in to_leave]
    now = timezone.now()
    with transaction.atomic():
        offer.decision = m.Decision.ACCEPTED
        offer.save(update_fields=["decision"])
        opp.stage = m.Stage.ACCEPTED
        opp.save(update_fields=["stage"])
        m.Offer.objects.filter(pk__in=[o.pk for o in to_decline]).update(
            decision=m.Decision.DECLINED, updated_at=now
        )
        m.Opportunity.objects.filter(pk__in=declining).update(
            stage=m.Stage.DECLINED, updated_at=now
        )
        m.Opportunity.objects.filter(pk__in=[o.pk for o in to_leave]).update(
            stage=m.Stage.WITHDRAWN, updated_at=now
        )
        closed = _open_follow_ups(offer.owner_id, closing).update(closed_at=now, updated_at=now)
        cancelled = _ahead(offer.owner_id, closing).update(
            status=m.RoundStatus.CANCELLED, outcome=m.RoundOutcome.WITHDREW, updated_at=now
        )
        own_ended = list(
            m.Round.objects.filter(pk__in=ending)
            .order_by("number")
            .values_list("number", flat=True)
        )
        m.Round.objects.filter(pk__in=ending).update(status=m.RoundStatus.CANCELLED, updated_at=now)
        left = _current_jobs(offer.owner_id).update(decision=m.Decision.DECLINED, updated_at=now)
    return DecisionResult(
        offer,
        closed,
        tuple(o.label for o in to_decline),
        tuple(o.label for o in to_leave),
        cancelled,
        tuple(own_ended),
        bool(left),
    )


def declined(owner: User) -> list[m.Offer]:
    """Offers turned down, for the page to list apart from the matrix."""
    return list(
        m.Offer.objects.filter(owner=owner, decision=m.Decision.DECLINED)
        .select_related("opportunity")
        .order_by("-updated_at", "-id")
    )

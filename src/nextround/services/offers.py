"""Offers: a reply asking for time and the weighted decision matrix (deciding: decisions)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround.coach import decision as matrix
from nextround.coach import followup as notes
from nextround.coach import words
from nextround.services import followups, times
from nextround.services import profile as profiles
from nextround.services.errors import InvalidInput, ServiceError
from nextround.services.followups import NO_NAME
from nextround.services.records import offers
from nextround.store import models as m


@dataclass(frozen=True)
class Script:
    offer: m.Offer
    to_name: str
    to_email: str
    subject: str
    body: str
    spoken: str
    reply_by: dt.date
    to_role: str = ""  # "your consultant", "the hiring manager"
    deadline: dt.date | None = None
    past_deadline: bool = False
    reason: str = notes.DEFAULT_REASON
    reasons: tuple[tuple[str, str], ...] = ()  # (key, label) to choose from
    warnings: tuple[str, ...] = ()

    @property
    def mailto(self) -> str:
        query = f"subject={quote(self.subject, safe='')}&body={quote(self.body, safe='')}"
        return f"mailto:{quote(self.to_email, safe='@')}?{query}"


@dataclass(frozen=True)
class Cell:
    criterion: str
    label: str
    rating: float
    points: float
    missing: bool
    derived: bool
    name: str = ""  # of its input in the matrix form: "rating-12-pay"
    typed: str | None = None  # what was typed and refused, shown again as typed
    error: str = ""

    @property
    def value(self) -> str:
        """What its input shows: the typed value if refused, else the rating the user gave."""
        if self.typed is not None:
            return self.typed
        return "" if self.missing or self.derived else f"{self.rating:g}"


@dataclass(frozen=True)
class WeightField:
    key: str
    label: str
    name: str
    value: str
    error: str = ""


@dataclass(frozen=True)
class Row:
    offer: m.Offer
    label: str
    total: float
    rank: int
    cells: list[Cell]


@dataclass(frozen=True)
class Matrix:
    """The decision matrix as pages and the CLI show it."""

    criteria: list[matrix.Criterion]
    weights: Mapping[str, float]
    rows: list[Row]
    messages: list[str]
    sensitivity: str
    offers: list[m.Offer]
    weight_fields: list[WeightField] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return bool(self.rows)

    @property
    def errors(self) -> list[tuple[str, str]]:
        """Each refused input and why, in the order of the form: (input name, message)."""
        found = [(w.name, w.error) for w in self.weight_fields if w.error]
        return found + [(c.name, c.error) for row in self.rows for c in row.cells if c.error]


def label(offer: m.Offer) -> str:
    if offer.label:
        return offer.label
    if offer.is_current_job:
        return "Current job"
    if offer.opportunity is not None:
        return f"{offer.opportunity.role} at {offer.opportunity.company}"
    return f"Offer {offer.pk}"


def deadline_passed(offer: m.Offer, today: dt.date | None = None) -> str:
    """A word to check a reply-by date already gone, or "": it is kept, as they may have set it
    before the offer was recorded, but a slip of the year (2025 for 2026) shows at once."""
    today = today or timezone.localdate()
    still_open = offer.decision in (m.Decision.PENDING, m.Decision.NEGOTIATING)
    if offer.deadline is None or offer.deadline >= today or not still_open:
        return ""
    return f"The reply-by date, {notes.say_date(offer.deadline)}, has passed: check it."


def _get(owner: User, offer_id: int) -> m.Offer:
    offers.get(owner, offer_id)
    return m.Offer.objects.select_related("opportunity").get(pk=offer_id)


def _contact(owner: User, opp: m.Opportunity) -> tuple[str, str, str]:
    """Who the reply goes to: the consultant when there is one, else the hiring manager or HR."""
    me = followups.candidate(owner)
    if opp.consultant_name.strip() and not me.why_is(opp.consultant_name, opp.consultant_email):
        return opp.consultant_name, opp.consultant_email, "your consultant"
    people = [
        p
        for p in m.Interviewer.objects.filter(owner=owner, opportunity=opp).order_by("id")
        if not me.why_is(p.name, p.email)
    ]
    for role, said in (
        (m.InterviewerRole.HIRING_MANAGER, "the hiring manager"),
        (m.InterviewerRole.HR, "the people team"),
    ):
        for person in people:
            if person.role == role:
                return person.name, person.email, said
    if people:
        return people[0].name, people[0].email, "who you met"
    raise ServiceError(
        f"nobody at {opp.company} is recorded to reply to: add the hiring manager as an "
        "interviewer, or the consultant to the opportunity"
    )


def script(
    owner: User,
    offer_id: int,
    reply_by: dt.date | None = None,
    reason: str = notes.DEFAULT_REASON,
) -> Script:
    """What to write and say to thank them for the offer and ask for a specific time."""
    offer = _get(owner, offer_id)
    if offer.opportunity is None:
        raise InvalidInput.one("offer", "this is your current job, not an offer to reply to")
    opp = offer.opportunity
    name, email, said = _contact(owner, opp)
    last = m.Round.objects.filter(owner=owner, opportunity=opp).order_by("-number").first()
    today = timezone.localdate()
    round_day = today
    if last is not None and last.scheduled_at is not None:
        round_day = min(today, times.in_zone(last.scheduled_at, last.timezone).date())
    if reply_by is None:
        reply_by = notes.proposed_reply_by(today, offer.deadline)
    if reply_by < today:
        raise InvalidInput.one(
            "reply_by", f"{notes.say_date(reply_by)} is in the past: choose a later day"
        )
    ctx = notes.NoteContext(
        candidate_name=profiles.get(owner).full_name or NO_NAME,
        company=opp.company,
        role=opp.role,
        round_number=last.number if last else 1,
        round_date=round_day,
        interviewer=notes.InterviewerInfo(name=name, email=email),
    )
    via_consultant = said == "your consultant"
    try:
        written = notes.offer_time_request(
            ctx,
            reply_by,
            offer.deadline,
            via_consultant=via_consultant,
            reason=reason,
            terms=notes.OfferTerms(
                salary=notes.money(offer.salary, offer.currency) if offer.salary else "",
                start_date=offer.start_date,
                bonus=bool(offer.bonus.strip()),
                benefits=bool(offer.benefits.strip()),
            ),
        )
    except notes.FollowUpError as exc:
        raise InvalidInput.one(
            "reason" if "is not one of" in str(exc) else "offer", str(exc)
        ) from None
    warnings = []
    if written.past_deadline and offer.deadline is not None:
        warnings.append(
            f"{notes.say_date(reply_by)} is after their deadline of "
            f"{notes.say_date(offer.deadline)}: the script asks for the extra time. Wait until "
            "they agree before you count on it."
        )
    return Script(
        offer,
        name,
        email,
        written.subject,
        written.body,
        written.spoken,
        reply_by,
        to_role=said,
        deadline=offer.deadline,
        past_deadline=written.past_deadline,
        reason=reason,
        reasons=tuple((r.key, r.label) for r in notes.offer_reasons()),
        warnings=tuple(warnings),
    )


def rate(owner: User, offer_id: int, ratings: Mapping[str, float]) -> m.Offer:
    """Set the offer's 0-10 ratings on some criteria, keeping the others."""
    offer = _get(owner, offer_id)
    keys = {c.key: c for c in profiles.criteria(owner)}
    merged = dict(offer.ratings or {})
    for key, value in ratings.items():
        if key not in keys:
            raise InvalidInput.one(
                "rating", f"{key!r} is not one of your criteria ({', '.join(keys)})"
            )
        if not isinstance(value, int | float) or not math.isfinite(value) or not 0 <= value <= 10:
            raise InvalidInput.one("rating", f"{keys[key].label} must be rated from 0 to 10")
        merged[key] = float(value)
    return offers.update(owner, offer.pk, ratings=merged)


def parse_ratings(items: list[str]) -> dict[str, float]:
    """Ratings from `key=rating` items as typed on the command line."""
    found: dict[str, float] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput.one("rating", f"{item!r} is not KEY=RATING, e.g. pay=8")
        try:
            found[key.strip()] = float(raw)
        except ValueError:
            raise InvalidInput.one(
                "rating", f"the rating of {key} is not a number: {raw!r}"
            ) from None
    return found


def _salary_ratings(options: list[m.Offer]) -> dict[int, float]:
    """Pay ratings from salaries, against the current job (or the lowest offer in its currency)."""
    current = next((o for o in options if o.is_current_job and o.salary), None)
    base = current or min(
        (o for o in options if o.salary), key=lambda o: o.salary or 0, default=None
    )
    if base is None or not base.salary:
        return {}
    derived: dict[int, float] = {}
    for o in options:
        if o.salary is None or (o.currency or base.currency) != (base.currency or o.currency):
            continue
        derived[o.pk] = matrix.salary_rating(float(o.salary), float(base.salary))
    return derived


def compare(owner: User, refused: MatrixInput | None = None) -> Matrix:
    """Every open offer and the current job in the owner's weighted decision matrix.

    Given what the matrix form refused, its inputs show those values as typed, each with why.
    """
    typed = refused.refused if refused else {}
    errors = refused.errors if refused else {}
    criteria = profiles.criteria(owner)
    options = list(
        m.Offer.objects.filter(owner=owner)
        .exclude(decision=m.Decision.DECLINED)
        .select_related("opportunity")
        .order_by("-is_current_job", "id")
    )
    if len(options) < 2:
        accepted = any(o.decision == m.Decision.ACCEPTED for o in options)
        return Matrix(
            criteria,
            {},
            [],
            [
                "You have accepted an offer, so there is nothing left to compare."
                if accepted
                else "Record at least two offers, or an offer and your current job, to compare "
                "them."
            ],
            "",
            options,
        )
    pay = _salary_ratings(options) if any(c.key == "pay" for c in criteria) else {}
    messages: list[str] = []
    built = []
    derived_for: set[int] = set()
    for o in options:
        ratings = {k: float(v) for k, v in (o.ratings or {}).items()}
        if "pay" not in ratings and o.pk in pay:
            ratings["pay"] = pay[o.pk]
            derived_for.add(o.pk)
        built.append(matrix.Option(str(o.pk), label(o), ratings, o.is_current_job))
    if derived_for:
        messages.append(
            "Pay is rated from the salaries (5 is the current job's or the lowest offer's "
            "salary, one point per 5% more or less) until you rate it yourself."
        )
    try:
        result = matrix.compare(built, criteria)
    except matrix.DecisionError as exc:
        raise InvalidInput.one("ratings", str(exc)) from None
    by_pk = {str(o.pk): o for o in options}
    rows = [
        Row(
            by_pk[s.key],
            s.label,
            round(s.total, 2),
            s.rank,
            [
                Cell(
                    c.criterion,
                    c.label,
                    c.rating,
                    round(c.points, 2),
                    c.missing,
                    c.criterion == "pay" and int(s.key) in derived_for,
                    name=(name := f"rating-{s.key}-{c.criterion}"),
                    typed=typed.get(name),
                    error=errors.get(name, ""),
                )
                for c in s.contributions
            ],
        )
        for s in result.scores
    ]
    weight_fields = [
        WeightField(
            c.key,
            c.label,
            f"weight-{c.key}",
            typed.get(f"weight-{c.key}", f"{c.weight:g}"),
            errors.get(f"weight-{c.key}", ""),
        )
        for c in criteria
    ]
    return Matrix(
        criteria,
        result.weights,
        rows,
        [*messages, *result.messages],
        result.sensitivity.message,
        options,
        weight_fields,
    )


@dataclass(frozen=True)
class MatrixInput:
    """What saving the matrix form kept and refused, by input name ("rating-12-pay")."""

    saved: int
    refused: Mapping[str, str]  # input name: the value as typed
    errors: Mapping[str, str]  # input name: why it was refused

    @property
    def message(self) -> str:
        if not self.errors:
            return "Matrix updated."
        fix = words.count(len(self.errors), "value")
        where = "it" if len(self.errors) == 1 else "each"
        return f"Everything else is saved; {fix} could not be: see why beside {where}."


def save_matrix(
    owner: User, weights: Mapping[str, str], ratings: Mapping[int, Mapping[str, str]]
) -> MatrixInput:
    """Save the weights and ratings typed into the matrix form; a blank rating clears it.

    A value that is not a number, or out of range, is refused alone and named with its input:
    every other value is saved.
    """
    keys = {c.key: c for c in profiles.criteria(owner)}
    refused: dict[str, str] = {}
    errors: dict[str, str] = {}
    new_weights: dict[str, float] = {}
    for key, raw in weights.items():
        if key not in keys:
            continue
        value = _number(raw)
        if value is None or value < 0:
            refused[f"weight-{key}"] = str(raw)
            errors[f"weight-{key}"] = (
                f"\u201c{str(raw)[:20]}\u201d is not a weight: give {keys[key].label} a "
                "number from 0 up"
            )
        else:
            new_weights[key] = value
    checked: dict[int, dict[str, float | None]] = {}
    for offer_id, row in ratings.items():
        offers.owned(owner, offer_id)
        checked[offer_id] = {}
        for key, typed in row.items():
            if key not in keys:
                continue
            name = f"rating-{offer_id}-{key}"
            if not str(typed).strip():
                checked[offer_id][key] = None
                continue
            value = _number(typed)
            if value is None or not 0 <= value <= 10:
                refused[name] = str(typed)
                errors[name] = (
                    f"\u201c{str(typed)[:20]}\u201d is not a rating: rate {keys[key].label} "
                    "from 0 to 10"
                )
            else:
                checked[offer_id][key] = value
    with transaction.atomic():
        if new_weights:
            profiles.update(owner, weights=new_weights)
        for offer_id, values in checked.items():
            offer = offers.get(owner, offer_id)
            merged = dict(offer.ratings or {})
            for key, rating in values.items():
                if rating is None:
                    merged.pop(key, None)
                else:
                    merged[key] = rating
            offers.update(owner, offer_id, ratings=merged)
    saved = len(new_weights) + sum(len(v) for v in checked.values())
    return MatrixInput(saved, refused, errors)


def _number(raw: object) -> float | None:
    """The number typed ("7", " 7.5 ", "7,5"), or None when it is not a finite number."""
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None

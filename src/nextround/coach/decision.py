"""Compare offers (and the current job) in a weighted decision matrix."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_RATING = 0.0
MAX_RATING = 10.0
# A missing rating counts as the middle of the scale: the gap neither wins nor loses the choice.
MISSING_RATING = 5.0


class DecisionError(ValueError):
    """A comparison that cannot be made, naming the field at fault."""


@dataclass(frozen=True)
class Criterion:
    """Something that matters in the choice, and how much (any scale; weights are normalised)."""

    key: str
    label: str
    weight: float


@dataclass(frozen=True)
class Option:
    """An offer or the current job, rated 0 to 10 on each criterion."""

    key: str
    label: str
    ratings: Mapping[str, float]
    is_current_job: bool = False


@dataclass(frozen=True)
class Contribution:
    """What one criterion adds to an option's total."""

    criterion: str
    label: str
    rating: float
    weight: float
    points: float
    missing: bool


@dataclass(frozen=True)
class OptionScore:
    """One option's weighted total (0 to 10), its rank and how the total is made up."""

    key: str
    label: str
    is_current_job: bool
    total: float
    rank: int
    contributions: tuple[Contribution, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class WeightChange:
    """A change to one criterion's weight, on the scale the weights were given in."""

    criterion: str
    label: str
    from_weight: float
    to_weight: float


@dataclass(frozen=True)
class Sensitivity:
    """How firmly the leader leads: the smallest single weight change that puts second first."""

    leader: str
    runner_up: str
    change: WeightChange | None
    message: str


@dataclass(frozen=True)
class Comparison:
    """Options ranked by weighted total, with notes on gaps and on how firm the result is."""

    scores: tuple[OptionScore, ...]
    weights: Mapping[str, float]
    messages: tuple[str, ...]
    sensitivity: Sensitivity


DEFAULT_CRITERIA = (
    Criterion("pay", "Pay", 1.0),
    Criterion("growth", "Growth and learning", 1.0),
    Criterion("team-fit", "Team fit", 1.0),
    Criterion("commute", "Commute", 1.0),
    Criterion("stability", "Stability", 1.0),
    Criterion("work-life-balance", "Work-life balance", 1.0),
    Criterion("role-content", "Role content", 1.0),
    Criterion("benefits", "Benefits", 1.0),
)


def salary_rating(salary: float, reference: float, percent_per_point: float = 5.0) -> float:
    """Rate a salary 0-10: 5 matches the reference, each percent_per_point % more adds 1."""
    if not math.isfinite(salary) or salary < 0:
        raise DecisionError("salary must be 0 or more")
    if not math.isfinite(reference) or reference <= 0:
        raise DecisionError("reference must be more than 0")
    if not math.isfinite(percent_per_point) or percent_per_point <= 0:
        raise DecisionError("percent_per_point must be more than 0")
    change = (salary - reference) / reference * 100
    rating = 5.0 + change / percent_per_point
    return round(min(MAX_RATING, max(MIN_RATING, rating)), 2)


def compare(options: Sequence[Option], criteria: Sequence[Criterion]) -> Comparison:
    """Weigh each option's ratings, rank the options and say how firm the ranking is."""
    _validate(options, criteria)
    raw = {criterion.key: float(criterion.weight) for criterion in criteria}
    total_weight = sum(raw.values())
    weights = {key: value / total_weight for key, value in raw.items()}
    messages: list[str] = []

    scored: list[tuple[Option, float, tuple[Contribution, ...], tuple[str, ...]]] = []
    for option in options:
        contributions = tuple(
            _contribution(option, criterion, weights[criterion.key]) for criterion in criteria
        )
        missing = tuple(c.label for c in contributions if c.missing)
        if missing:
            messages.append(
                f"{option.label} has no rating for {_join(missing)}; "
                f"{'it counts' if len(missing) == 1 else 'they count'} as "
                f"{MISSING_RATING:g} (the middle of the scale) until you rate "
                f"{'it' if len(missing) == 1 else 'them'}."
            )
        unknown = sorted(set(option.ratings) - set(raw))
        if unknown:
            messages.append(f"{option.label}: ratings for {_join(unknown)} match no criterion.")
        total = sum(c.points for c in contributions)
        scored.append((option, total, contributions, missing))

    # Rounding keeps float noise from splitting options whose totals are really equal.
    scored.sort(key=lambda item: (-round(item[1], 9), item[0].label.casefold(), item[0].key))
    scores: list[OptionScore] = []
    for position, (option, total, contributions, missing) in enumerate(scored, start=1):
        tied = scores and math.isclose(scores[-1].total, total, abs_tol=1e-9)
        scores.append(
            OptionScore(
                key=option.key,
                label=option.label,
                is_current_job=option.is_current_job,
                total=total,
                rank=scores[-1].rank if tied else position,
                contributions=contributions,
                missing=missing,
            )
        )
    if scores[0].is_current_job and scores[0].rank != scores[1].rank:
        messages.append(f"Your current job ({scores[0].label}) comes out on top.")
    return Comparison(
        scores=tuple(scores),
        weights=weights,
        messages=tuple(messages),
        sensitivity=_sensitivity(scores[0], scores[1], criteria),
    )


def _sensitivity(
    first: OptionScore, second: OptionScore, criteria: Sequence[Criterion]
) -> Sensitivity:
    if math.isclose(first.total, second.total, abs_tol=1e-9):
        return Sensitivity(
            leader=first.key,
            runner_up=second.key,
            change=None,
            message=(
                f"{first.label} and {second.label} are level: giving more weight to any "
                "criterion on which one is rated higher puts that one first."
            ),
        )
    a = {c.criterion: c.rating for c in first.contributions}
    b = {c.criterion: c.rating for c in second.contributions}
    raw = {criterion.key: float(criterion.weight) for criterion in criteria}
    # With raw weights w, the lead is sum(w_i * (a_i - b_i)) / sum(w); changing one weight
    # w_k by d moves the numerator by d * (a_k - b_k), so they tie at d = -lead / (a_k - b_k).
    lead = sum(raw[key] * (a[key] - b[key]) for key in raw)
    best: WeightChange | None = None
    for criterion in criteria:
        gap = a[criterion.key] - b[criterion.key]
        if gap == 0:
            continue
        tie_weight = raw[criterion.key] - lead / gap
        if tie_weight < 0 or (gap > 0 and tie_weight == 0):
            continue  # weights cannot go below 0, and a weight of exactly 0 only ties them
        if sum(raw.values()) - raw[criterion.key] + tie_weight <= 0:
            continue
        change = WeightChange(criterion.key, criterion.label, raw[criterion.key], tie_weight)
        if best is None or abs(tie_weight - raw[criterion.key]) < abs(
            best.to_weight - best.from_weight
        ):
            best = change
    if best is None:
        message = (
            f"No change to a single weight puts {second.label} ahead of {first.label}: "
            f"{first.label} leads however any one criterion is weighted."
        )
    else:
        direction = "Raising" if best.to_weight > best.from_weight else "Lowering"
        bound = "above" if best.to_weight > best.from_weight else "below"
        # Round away from the current weight, so the stated threshold is never short of the tie.
        shown = (math.ceil if bound == "above" else math.floor)(best.to_weight * 100) / 100
        message = (
            f"{direction} the weight of {best.label} from {_number(best.from_weight)} to "
            f"{bound} {_number(shown)} would put {second.label} ahead of "
            f"{first.label}; no smaller change to a single weight does."
        )
    return Sensitivity(leader=first.key, runner_up=second.key, change=best, message=message)


def _contribution(option: Option, criterion: Criterion, weight: float) -> Contribution:
    value = option.ratings.get(criterion.key)
    rating = MISSING_RATING if value is None else float(value)
    return Contribution(
        criterion=criterion.key,
        label=criterion.label,
        rating=rating,
        weight=weight,
        points=rating * weight,
        missing=value is None,
    )


def _validate(options: Sequence[Option], criteria: Sequence[Criterion]) -> None:
    if len(options) < 2:
        raise DecisionError("options: at least two are needed to compare")
    if not criteria:
        raise DecisionError("criteria: at least one is needed")
    seen: set[str] = set()
    for criterion in criteria:
        where = f"criteria[{criterion.key!r}]"
        if not criterion.key.strip():
            raise DecisionError("criteria: a criterion has an empty key")
        if criterion.key in seen:
            raise DecisionError(f"{where}: the key is used twice")
        seen.add(criterion.key)
        if not math.isfinite(criterion.weight):
            raise DecisionError(f"{where}.weight is not a number")
        if criterion.weight < 0:
            raise DecisionError(f"{where}.weight is negative ({_number(criterion.weight)})")
    if all(criterion.weight == 0 for criterion in criteria):
        raise DecisionError("criteria: every weight is 0; give at least one a weight above 0")
    keys: set[str] = set()
    for option in options:
        where = f"options[{option.key!r}]"
        if not option.key.strip():
            raise DecisionError("options: an option has an empty key")
        if option.key in keys:
            raise DecisionError(f"{where}: the key is used twice")
        keys.add(option.key)
        for name, value in option.ratings.items():
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise DecisionError(f"{where}.ratings[{name!r}] is not a number")
            if not MIN_RATING <= value <= MAX_RATING:
                raise DecisionError(
                    f"{where}.ratings[{name!r}] is {_number(value)}; "
                    f"ratings run from {MIN_RATING:g} to {MAX_RATING:g}"
                )


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _number(value: float) -> str:
    return f"{round(value, 2):g}"

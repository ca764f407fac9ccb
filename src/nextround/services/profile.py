"""The candidate's profile: the name that signs notes, their addresses, and decision criteria."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from nextround.coach.decision import DEFAULT_CRITERIA, Criterion
from nextround.services.base import clean_list
from nextround.services.errors import InvalidInput
from nextround.store import models as m

MAX_CRITERIA = 20
MAX_WEIGHT = 100.0
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_DEFAULT_LABELS = {c.key: c.label for c in DEFAULT_CRITERIA}


@dataclass(frozen=True)
class CriterionView:
    key: str
    label: str
    weight: float


def get(owner: User) -> m.Profile:
    """The owner's one profile; until they first change it, an empty one not yet stored."""
    # A read stores nothing: `update` saves the profile the first time it changes.
    return m.Profile.objects.filter(owner=owner).first() or m.Profile(owner=owner)


def is_stored(owner: User) -> bool:
    """Whether the owner has ever saved a profile (a first run has not)."""
    return m.Profile.objects.filter(owner=owner).exists()


def criteria(owner: User, profile: m.Profile | None = None) -> list[Criterion]:
    """The criteria the owner weighs offers by: their own, or the defaults until they pick."""
    profile = profile or get(owner)
    stored = profile.decision_criteria or []
    chosen = [
        Criterion(str(item["key"]), str(item["label"]), float(item["weight"]))
        for item in stored
        if isinstance(item, dict) and {"key", "label", "weight"} <= set(item)
    ]
    return chosen or list(DEFAULT_CRITERIA)


def candidate_emails(owner: User, profile: m.Profile | None = None) -> list[str]:
    profile = profile or get(owner)
    emails = [profile.email, *profile.other_emails]
    return [e.strip().lower() for e in emails if isinstance(e, str) and e.strip()]


def slug(label: str) -> str:
    """A criterion key from its label: "Work-life balance" gives "work-life-balance"."""
    return re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:40]


def parse_criteria(items: Sequence[str]) -> dict[str, float]:
    """Weights from `key=weight` items as typed on the command line."""
    weights: dict[str, float] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InvalidInput.one("criterion", f"{item!r} is not KEY=WEIGHT, e.g. pay=3")
        weights[slug(key) or key] = _weight(key, raw)
    return weights


def _weight(key: str, raw: object) -> float:
    try:
        value = float(str(raw).strip())
    except ValueError:
        raise InvalidInput.one(
            "criterion", f"the weight of {key} is not a number: {raw!r}"
        ) from None
    if not math.isfinite(value) or value < 0 or value > MAX_WEIGHT:
        raise InvalidInput.one(
            "criterion", f"the weight of {key} must be from 0 to {MAX_WEIGHT:g}, not {raw}"
        )
    return value


def update(
    owner: User,
    *,
    full_name: str | None = None,
    email: str | None = None,
    other_emails: object = None,
    weights: Mapping[str, float] | None = None,
    labels: Mapping[str, str] | None = None,
    remove: Sequence[str] = (),
    replace_criteria: bool = False,
) -> m.Profile:
    """Change the profile; criteria are merged by key unless replace_criteria is set."""
    profile = get(owner)
    if full_name is not None:
        name = " ".join(full_name.split())
        if len(name) > 200:
            raise InvalidInput.one("full_name", "must be at most 200 characters", "profile")
        profile.full_name = name
    if email is not None:
        profile.email = _email("email", email)
    if other_emails is not None:
        cleaned = clean_list("other_emails", other_emails)
        profile.other_emails = [_email("other_emails", e) for e in cleaned]
    if weights is not None or labels or remove:
        profile.decision_criteria = _merge(
            [] if replace_criteria else criteria(owner, profile),
            weights or {},
            labels or {},
            remove,
        )
    with transaction.atomic():
        profile.save()
    return profile


def _email(field: str, value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise InvalidInput.one(field, f"{value!r} is not an email address", "profile") from None
    return value


def _merge(
    current: list[Criterion],
    weights: Mapping[str, float],
    labels: Mapping[str, str],
    remove: Sequence[str],
) -> list[dict[str, Any]]:
    merged = {c.key: {"key": c.key, "label": c.label, "weight": c.weight} for c in current}
    for key, weight in weights.items():
        if not _KEY.match(key):
            raise InvalidInput.one(
                "criterion", f"{key!r} is not a key of lower-case letters, digits and dashes"
            )
        label = labels.get(key) or _DEFAULT_LABELS.get(key) or key.replace("-", " ").capitalize()
        merged[key] = {"key": key, "label": label.strip()[:80], "weight": _weight(key, weight)}
    for key in remove:
        merged.pop(key, None)
    if not merged:
        raise InvalidInput.one("criterion", "keep at least one criterion")
    if len(merged) > MAX_CRITERIA:
        raise InvalidInput.one("criterion", f"at most {MAX_CRITERIA} criteria")
    if all(item["weight"] == 0 for item in merged.values()):
        raise InvalidInput.one("criterion", "give at least one criterion a weight above 0")
    return list(merged.values())


def criteria_views(owner: User) -> list[CriterionView]:
    return [CriterionView(c.key, c.label, c.weight) for c in criteria(owner)]

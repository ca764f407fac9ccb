"""The schema of a backup: every record and field checked before anything is written.

A refusal names the first bad field by its path, such as "stories[3].skills: expected a list of
text", so that the person can find it in the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from nextround.services import times
from nextround.services.errors import ServiceError
from nextround.store import models as m

MAX_JSON_DEPTH = 32  # the deepest a backup nests (an answer's analysis) is about 6
MAX_TEXT_CHARS = 2_000_000  # one text field; a long job description is 30,000
MAX_LIST_ITEMS = 500  # skills, employers, links, addresses, criteria
MAX_ITEM_CHARS = 2_000  # one item of such a list
MAX_ID = 2**53  # ids beyond this are not whole numbers in every JSON reader
MAX_INT = 2**31 - 1
# A checklist step's key is part of its tick address (rounds/N/checklist/KEY/tick/).
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Dates outside these years are typing slips or attacks; near year 9999 date sums overflow.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


class BackupError(ServiceError):
    """A backup file that cannot be restored; nothing was changed."""


class Bad(Exception):
    """A field's value is wrong; the message says what was expected."""


def json_depth(value: object) -> int:
    """How deeply lists and objects nest in a loaded JSON value, counted without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def text(value: object, limit: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(value, str):
        raise Bad("expected text")
    if len(value) > limit:
        raise Bad(f"is {len(value):,} characters; the most is {limit:,}")
    if "\x00" in value:
        raise Bad("holds a NUL character, which text cannot hold")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Bad("holds a character that is not valid Unicode (a lone surrogate)") from None
    return value


def number(value: object, low: float, high: float) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise Bad("expected a number")
    if not math.isfinite(value) or not low <= value <= high:
        raise Bad(f"expected a number from {low:g} to {high:g}")
    return float(value)


def text_list(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Bad("expected a list of text")
    if len(value) > MAX_LIST_ITEMS:
        raise Bad(f"holds {len(value):,} items; the most is {MAX_LIST_ITEMS}")
    for index, item in enumerate(value):
        try:
            text(item, MAX_ITEM_CHARS)
        except Bad as exc:
            raise Bad(f"item {index} {exc}") from None
    return list(value)


def ratings(value: object) -> dict[str, float]:
    if not isinstance(value, dict):
        raise Bad("expected an object of criterion names and ratings from 0 to 10")
    if len(value) > MAX_LIST_ITEMS:
        raise Bad(f"holds {len(value):,} ratings; the most is {MAX_LIST_ITEMS}")
    out = {}
    for key, rating in value.items():
        try:
            out[text(key, 200)] = number(rating, 0, 10)
        except Bad as exc:
            raise Bad(f"rating {key[:40]!r} {exc}") from None
    return out


def criteria(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise Bad('expected a list of criteria, each {"key", "label", "weight"}')
    if len(value) > MAX_LIST_ITEMS:
        raise Bad(f"holds {len(value):,} criteria; the most is {MAX_LIST_ITEMS}")
    for index, item in enumerate(value):
        if set(item) != {"key", "label", "weight"}:
            raise Bad(f'item {index}: expected exactly "key", "label" and "weight"')
        try:
            text(item["key"], 200)
            text(item["label"], 200)
            number(item["weight"], 0, 100)
        except Bad as exc:
            raise Bad(f"item {index} {exc}") from None
    return list(value)


def analysis(value: object) -> dict[str, Any]:
    """An answer's analysis: any JSON object, its texts sound and its score where pages read it."""
    if not isinstance(value, dict):
        raise Bad("expected an object")
    overall = value.get("overall", {})
    if not isinstance(overall, dict):
        raise Bad("overall: expected an object")
    score = overall.get("score")
    if score is not None and (not isinstance(score, int) or isinstance(score, bool)):
        raise Bad("overall.score: expected a whole number or null")
    count = value.get("word_count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool)):
        raise Bad("word_count: expected a whole number or null")
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            text(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise Bad("holds a number that is not finite")
    return value


# The shape of each JSON field, by model and column.
JSON_FIELDS: dict[tuple[type[models.Model], str], Callable[[object], Any]] = {
    (m.Interviewer, "earlier_employers"): text_list,
    (m.Interviewer, "links"): text_list,
    (m.Story, "skills"): text_list,
    (m.Profile, "other_emails"): text_list,
    (m.Profile, "skills"): text_list,
    (m.Profile, "decision_criteria"): criteria,
    (m.Offer, "ratings"): ratings,
    (m.PracticeAttempt, "analysis"): analysis,
}


@functools.lru_cache(maxsize=256)
def known_zone(name: str) -> bool:
    """An IANA name, or a fixed offset such as +01:00, as rounds store them."""
    if name != name.strip():
        return False
    try:
        times.zone(name)
    except ServiceError:
        return False
    return True


def in_years(value: dt.date) -> None:
    if not EARLIEST_YEAR <= value.year < LATEST_YEAR:
        raise Bad(f"expected a year from {EARLIEST_YEAR} to {LATEST_YEAR - 1}")


def whole(value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Bad("expected a whole number")
    if not low <= value <= high:
        raise Bad(f"expected a whole number from {low:,} to {high:,}")
    return value


def field_value(model: type[models.Model], field: models.Field[Any, Any], value: object) -> Any:
    """The value to store for one field of a record, or Bad saying what was expected."""
    if value is None:
        if not field.null:
            raise Bad("must not be null")
        return None
    if field.is_relation or field.attname == "id":
        return whole(value, 1, MAX_ID)
    if isinstance(field, models.JSONField):
        check = JSON_FIELDS.get((model, field.attname))
        if check is None:
            raise Bad("is a field nextround does not restore")
        return check(value)
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise Bad("expected true or false")
        return value
    if isinstance(field, models.DateTimeField):
        parsed = field.to_python(text(value, 64))
        if parsed is None or parsed.tzinfo is None:
            raise Bad("expected a date and time with its UTC offset, such as 2026-03-10T14:00Z")
        in_years(parsed)
        return parsed
    if isinstance(field, models.DateField):
        day = field.to_python(text(value, 32))
        if day is None:
            raise Bad("expected a date such as 2026-03-10")
        in_years(day)
        return day
    if isinstance(field, models.DecimalField):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise Bad("expected a number")
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise Bad("expected a number") from None
        if not amount.is_finite():
            raise Bad("expected a finite number")
        return amount
    if isinstance(field, models.IntegerField):
        return whole(value, -MAX_INT, MAX_INT)
    if isinstance(field, models.FloatField):
        return number(value, -1e15, 1e15)
    if isinstance(field, models.CharField | models.TextField):
        limit = field.max_length or MAX_TEXT_CHARS
        checked = text(value, limit)
        if field.attname == "timezone" and checked and not known_zone(checked):
            raise Bad(f"{checked[:64]!r} is not a known time zone (such as Europe/London)")
        if model is m.ChecklistItem and field.attname == "key" and not SLUG.fullmatch(checked):
            raise Bad("expected letters, digits, - and _ only")
        return checked
    raise Bad("is a field nextround does not restore")


ADDED_SINCE_V1: dict[type[m.OwnedModel], dict[str, object]] = {
    m.Opportunity: {"is_sample": False},
    m.Story: {"is_sample": False},
    m.FollowUp: {"edited_at": None},
}


def build(
    name: str,
    key: str,
    model: type[m.OwnedModel],
    index: int,
    record: object,
    owner_id: int,
    columns: list[str],
) -> m.OwnedModel:
    """One record checked field by field, as an unsaved model instance."""
    where = f"{name}: {key}[{index}]"
    if not isinstance(record, dict):
        raise BackupError(f"{where} is not an object")
    unknown = sorted(set(record) - set(columns))
    if unknown:
        raise BackupError(f"{where} has an unknown field {str(unknown[0])[:60]!r}")
    # Fields added since version 1 of the format: a backup made before them restores with
    # their default.
    for column, default in ADDED_SINCE_V1.get(model, {}).items():
        if column in columns and column not in record:
            record = {**record, column: default}
    missing = [c for c in columns if c not in record]
    if missing:
        raise BackupError(f"{where} lacks the field {missing[0]!r}")
    obj = model(owner_id=owner_id)
    relations = []
    for field in model._meta.concrete_fields:
        if field.attname == "owner_id":
            continue
        if field.is_relation:
            relations.append(field.name)
        try:
            value = field_value(model, field, record[field.attname])
        except Bad as exc:
            if field.attname == "id":
                raise BackupError(f"{where}.id must be a positive whole number") from None
            raise BackupError(f"{where}.{field.attname}: {exc}") from None
        except ValidationError as exc:
            raise BackupError(f"{where}.{field.attname}: {' '.join(exc.messages)}") from None
        setattr(obj, field.attname, value)
    try:
        # Choices, lengths, blanks and validators; links are checked against the backup instead.
        obj.clean_fields(exclude=[*relations, "id", "owner"])
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise BackupError(f"{where}.{field_name}: {' '.join(messages)}") from None
    return obj

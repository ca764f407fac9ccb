"""Plain JSON-ready dictionaries from records, for --json output and backups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def field_names(model: type[models.Model]) -> list[str]:
    """Concrete columns in declaration order, foreign keys by their *_id name."""
    names = []
    for field in model._meta.concrete_fields:
        names.append(field.attname)
    return names


def record_to_dict(obj: models.Model, exclude: tuple[str, ...] = ("owner_id",)) -> dict[str, Any]:
    return {
        name: to_json_value(getattr(obj, name))
        for name in field_names(type(obj))
        if name not in exclude
    }

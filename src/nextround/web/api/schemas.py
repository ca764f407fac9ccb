"""Request and response schemas made from each record kind's model and editable fields."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.db import models
from ninja import Schema
from ninja.params import functions as params
from pydantic import AfterValidator, Field, create_model

from nextround.services.base import Resource

MAX_ID = 2**31 - 1


def _clean_text(value: str) -> str:
    # PostgreSQL cannot store NUL, and lone surrogates cannot be encoded: refuse both up front.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


# The schema says what _clean_text checks, so that generated clients (and fuzzers) send no NUL.
Text = Annotated[
    str, AfterValidator(_clean_text), Field(json_schema_extra={"pattern": "^[^\\x00]*$"})
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, params.Path(..., ge=1, le=MAX_ID)]


def _limits(field: Any, low: float, high: float) -> tuple[float, float]:
    """The field's own bounds where its validators set tighter ones (years at a company: 80)."""
    from django.core import validators

    for v in getattr(field, "validators", []):
        if isinstance(v, validators.MinValueValidator) and not callable(v.limit_value):
            low = max(low, v.limit_value)
        if isinstance(v, validators.MaxValueValidator) and not callable(v.limit_value):
            high = min(high, v.limit_value)
    return low, high


def _field_type(resource: Resource[Any], name: str) -> tuple[Any, Any]:
    """The input type of one editable field, and its Field() with the model's limits."""
    if name.endswith("_id"):
        return Id | None, Field(None)
    field = resource.model._meta.get_field(name)
    help_text = str(getattr(field, "verbose_name", name))
    if isinstance(field, models.JSONField):
        if name in resource.list_fields:
            return list[Text] | None, Field(None, max_length=100, description=help_text)
        return dict[Text, float] | None, Field(None, description=help_text)
    choices = getattr(field, "choices", None)
    if choices:
        values = tuple(str(value) for value, _ in choices)
        return Literal[values] | None, Field(None, description=help_text)  # type: ignore[valid-type,unused-ignore]
    if isinstance(field, models.BooleanField):
        return bool | None, Field(None, description=help_text)
    if isinstance(field, models.DecimalField):
        low, high = _limits(field, 0, 10 ** (field.max_digits - field.decimal_places) - 1)
        return float | None, Field(None, ge=low, le=high, description=help_text)
    if isinstance(field, models.PositiveSmallIntegerField | models.PositiveIntegerField):
        low, high = _limits(field, 0, 32767)
        return int | None, Field(None, ge=low, le=high, description=help_text)
    if isinstance(field, models.IntegerField):
        low, high = _limits(field, -(2**31), MAX_ID)
        return int | None, Field(None, ge=low, le=high, description=help_text)
    if isinstance(field, models.DateTimeField):
        return Text | None, Field(
            None, max_length=64, description=help_text + " (ISO 8601, e.g. 2026-05-04T10:00)"
        )
    if isinstance(field, models.DateField):
        return dt.date | None, Field(None, description=help_text)
    max_length = getattr(field, "max_length", None) or 100_000
    return Text | None, Field(None, max_length=max_length, description=help_text)


def input_schema(resource: Resource[Any], prefix: str) -> type[Schema]:
    fields: dict[str, Any] = {name: _field_type(resource, name) for name in resource.fields}
    return create_model(f"{prefix}In", __base__=Schema, **fields)


def _output_type(resource: Resource[Any], name: str) -> Any:
    if name.endswith("_id"):
        return int | None
    field = resource.model._meta.get_field(name)
    if isinstance(field, models.JSONField):
        return list[str] if name in resource.list_fields else dict[str, Any]
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, models.DecimalField):
        return float | None
    if isinstance(field, models.IntegerField):
        return int | None
    if isinstance(field, models.DateTimeField):
        return dt.datetime | None
    if isinstance(field, models.DateField):
        return dt.date | None
    return str


def output_names(resource: Resource[Any]) -> list[str]:
    names = ["id"]
    if resource.parent_field:
        names.append(f"{resource.parent_field}_id")
    return [*names, *(n for n in resource.fields if n not in names), "created_at", "updated_at"]


def output_schema(resource: Resource[Any], prefix: str) -> type[Schema]:
    fields: dict[str, Any] = {"id": (int, ...), "created_at": (dt.datetime, ...)}
    fields["updated_at"] = (dt.datetime, ...)
    if resource.parent_field:
        fields[f"{resource.parent_field}_id"] = (int, ...)
    for name in resource.fields:
        fields.setdefault(name, (_output_type(resource, name), ...))
    return create_model(f"{prefix}Out", __base__=Schema, **fields)


def as_dict(resource: Resource[Any], obj: models.Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in output_names(resource):
        value = getattr(obj, name if name != "id" else "pk")
        if hasattr(value, "as_tuple"):  # Decimal
            value = float(value)
        out[name] = value
    return out

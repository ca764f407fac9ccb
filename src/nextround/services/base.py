"""Create, read, update and delete for one kind of record, scoped to its owner and validated."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, models, transaction

from nextround.services import access
from nextround.services.access import Forbidden
from nextround.services.errors import InvalidInput, NotFound
from nextround.store.models import OwnedModel

M = TypeVar("M", bound=OwnedModel)

MAX_LIST_ITEMS = 100
MAX_LIST_ITEM_LENGTH = 300


def clean_list(field: str, value: object, urls: bool = False) -> list[str]:
    """A list of short, distinct, non-empty strings from a list or from text, one item per line."""
    if value is None:
        return []
    if isinstance(value, str):
        items: Iterable[object] = value.splitlines()
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise InvalidInput.one(field, "must be a list of text items")
    cleaned: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise InvalidInput.one(field, f"must hold text, not {type(item).__name__}")
        text = item.strip()
        if not text or text in cleaned:
            continue
        if len(text) > MAX_LIST_ITEM_LENGTH:
            raise InvalidInput.one(
                field, f"items must be at most {MAX_LIST_ITEM_LENGTH} characters ({text[:30]}…)"
            )
        if urls:
            try:
                URLValidator(schemes=["http", "https"])(text)
            except ValidationError:
                raise InvalidInput.one(field, f"{text!r} is not a web address") from None
        cleaned.append(text)
    if len(cleaned) > MAX_LIST_ITEMS:
        raise InvalidInput.one(field, f"can hold at most {MAX_LIST_ITEMS} items")
    return cleaned


class Resource(Generic[M]):
    """The use cases every record shares; subclasses add the rules of their kind."""

    model: type[M]
    label: str
    fields: tuple[str, ...]
    parent_field: str | None = None
    list_fields: tuple[str, ...] = ()
    url_list_fields: tuple[str, ...] = ()

    def queryset(self, owner: User) -> models.QuerySet[M]:
        """What the user may read: their own records and those of opportunities shared with them."""
        return self.model._default_manager.filter(access.readable(self.model, owner))

    def owned(self, owner: User, pk: int) -> M:
        """A record the user may change: one they own; a shared one raises Forbidden."""
        obj = self.get(owner, pk)
        if obj.owner_id != owner.pk:
            raise Forbidden(self.label, pk)
        return obj

    def get(self, owner: User, pk: int) -> M:
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise NotFound(self.label, pk)
        try:
            return self.queryset(owner).get(pk=pk)
        except self.model.DoesNotExist:
            raise NotFound(self.label, pk) from None

    def list(self, owner: User, parent_id: int | None = None) -> list[M]:
        qs = self.queryset(owner)
        if parent_id is not None and self.parent_field:
            self.parent(owner, parent_id)
            qs = qs.filter(**{f"{self.parent_field}_id": parent_id})
        return list(qs)

    def parent(self, owner: User, parent_id: int) -> OwnedModel:
        """The record that new records of this kind hang from, checked to be the owner's."""
        raise NotImplementedError

    def create(self, owner: User, parent_id: int | None = None, **values: Any) -> M:
        obj = self.model(owner=owner)
        if self.parent_field:
            if parent_id is None:
                raise InvalidInput.one(self.parent_field, "is required", self.label)
            parent = self.parent(owner, parent_id)
            # A commenter adds to the candidate's records: the new record is the candidate's.
            obj.owner_id = access.owner_for_new(self.model, owner, parent, self.label)
            setattr(obj, self.parent_field, parent)
        self.apply(owner, obj, values, creating=True)
        self.save(obj)
        return obj

    def update(self, owner: User, pk: int, **changes: Any) -> M:
        obj = self.owned(owner, pk)
        self.apply(owner, obj, changes, creating=False)
        self.save(obj)
        return obj

    def delete(self, owner: User, pk: int) -> None:
        obj = self.owned(owner, pk)
        with transaction.atomic():
            obj.delete()

    def apply(self, owner: User, obj: M, values: Mapping[str, Any], creating: bool) -> None:
        """Set the given fields on obj after checking their names and shapes."""
        unknown = sorted(set(values) - set(self.fields))
        if unknown:
            raise InvalidInput.one(unknown[0], f"is not a field of {self.label}", self.label)
        for name, value in values.items():
            if name in self.list_fields:
                value = clean_list(name, value, urls=name in self.url_list_fields)
            elif isinstance(value, str):
                value = value.strip()
            elif value is None:
                value = self.empty_value(name)
            setattr(obj, name, value)

    def empty_value(self, name: str) -> Any:
        """What None means for a field: blank text for text fields, NULL otherwise."""
        field = self.model._meta.get_field(name)
        if isinstance(field, models.CharField | models.TextField):
            return ""
        return None

    def save(self, obj: M) -> None:
        try:
            obj.full_clean(exclude=["owner"])
        except ValidationError as exc:
            raise InvalidInput(exc.message_dict, self.label) from None
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            raise InvalidInput.one(
                "__all__", f"this {self.label} clashes with another ({exc})"
            ) from None

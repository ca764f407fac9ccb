"""Who may read and change what: owners change their records; sharees read, commenters add.

Every query of a record kind goes through `readable()`. Records of an opportunity (its rounds,
people, debriefs, requirements, offers) are readable by the users it is shared with; records
with no opportunity (stories, practice attempts, profile) stay private. A guard on every save
keeps each record's links inside one owner's data, whatever code path wrote it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_delete, pre_save

from nextround.services.errors import NotFound, ServiceError
from nextround.store import models as m


class Forbidden(NotFound):
    """The record was shared with the user, who may read it but not change it.

    A subclass of NotFound, so every caller that hides foreign records hides this as well.
    """

    def __init__(self, label: str, pk: object) -> None:
        super().__init__(label, pk)
        ServiceError.__init__(
            self, f"This {label} (id {pk}) was shared with you: you cannot change it."
        )


# The path from a record kind to the opportunity it belongs to. Kinds not listed are private.
SHARED_PATHS: dict[type[models.Model], str] = {
    m.Opportunity: "pk",
    m.Round: "opportunity_id",
    m.Interviewer: "opportunity_id",
    m.RoundInterviewer: "round__opportunity_id",
    m.AskedQuestion: "round__opportunity_id",
    m.Feedback: "round__opportunity_id",
    m.Requirement: "opportunity_id",
    m.Evidence: "requirement__opportunity_id",
    m.QuestionToAsk: "round__opportunity_id",
    m.FollowUp: "round__opportunity_id",
    m.ChecklistItem: "round__opportunity_id",
    m.Offer: "opportunity_id",
}

# What a commenter (a coach or consultant) may add to a shared opportunity.
COMMENTABLE: frozenset[type[models.Model]] = frozenset({m.Feedback})


# Who is acting in this request (set by the web layer): the last guard on every write.
_actor: ContextVar[int | None] = ContextVar("nextround_actor", default=None)


@contextmanager
def acting_as(user_id: int | None) -> Iterator[None]:
    """Within this block, saving or deleting a record not owned by user_id raises Forbidden."""
    token = _actor.set(user_id)
    try:
        yield
    finally:
        _actor.reset(token)


def set_actor(user_id: int) -> None:
    """Name the acting user for the rest of this request (the API's token authentication).

    Only inside an `acting_as` block (the web middleware opens one around every request),
    which restores the previous actor when the request ends.
    """
    _actor.set(user_id)


def current_actor() -> int | None:
    """Who is acting now (None outside a request): for tests and logging."""
    return _actor.get()


# Set while serving a form that edits records: only the user's own records are found then.
_own_only: ContextVar[bool] = ContextVar("nextround_own_only", default=False)


@contextmanager
def own_records_only() -> Iterator[None]:
    """Within this block shared records are invisible (edit forms are for owners alone)."""
    token = _own_only.set(True)
    try:
        yield
    finally:
        _own_only.reset(token)


def shared_ids(user: User, role: str | None = None) -> models.QuerySet[m.Share, Any]:
    """Ids of the opportunities shared with the user (optionally only with this role)."""
    shares = m.Share.objects.filter(grantee_id=user.pk)
    if role is not None:
        shares = shares.filter(role=role)
    return shares.values("opportunity_id")


def readable(model: type[models.Model], user: User) -> Q:
    """A filter for the records of this kind that the user may read."""
    own = Q(owner_id=user.pk)
    path = SHARED_PATHS.get(model)
    if path is None or not user.pk or _own_only.get():
        return own
    return own | Q(**{f"{path}__in": shared_ids(user)})


def role_on(user: User, opportunity_id: int | None) -> str | None:
    """'owner', 'viewer', 'commenter' or None: what the user is to this opportunity."""
    if opportunity_id is None:
        return None
    row = m.Opportunity.objects.filter(pk=opportunity_id).values_list("owner_id", flat=True).first()
    if row is None:
        return None
    if row == user.pk:
        return "owner"
    return (
        m.Share.objects.filter(opportunity_id=opportunity_id, grantee_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )


def _opportunity_of(obj: models.Model) -> int | None:
    if isinstance(obj, m.Opportunity):
        return int(obj.pk)
    for name in ("opportunity_id",):
        value = getattr(obj, name, None)
        if value is not None:
            return int(value)
    for parent in ("round", "requirement"):
        related = getattr(obj, parent, None)
        if related is not None:
            return _opportunity_of(related)
    return None


def owner_for_new(model: type[models.Model], user: User, parent: Any, label: str) -> int:
    """Whose a new record under parent is: the user's, or the candidate's when a commenter adds."""
    parent_owner = int(parent.owner_id)
    if parent_owner == user.pk:
        return parent_owner
    if model in COMMENTABLE and role_on(user, _opportunity_of(parent)) == "commenter":
        return parent_owner
    raise Forbidden(label, parent.pk)


def _check_actor(instance: m.OwnedModel) -> None:
    """A user changes only their own records; a commenter may only add commentable ones."""
    actor = _actor.get()
    if actor is None or instance.owner_id == actor:
        return
    if instance._state.adding and type(instance) in COMMENTABLE:
        user = User(pk=actor)
        if role_on(user, _opportunity_of(instance)) == "commenter":
            return
    raise Forbidden(str(instance._meta.verbose_name), instance.pk or "new")


def _check_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, m.OwnedModel):
        actor = _actor.get()
        if actor is not None and instance.owner_id != actor:
            raise Forbidden(str(instance._meta.verbose_name), instance.pk)


def _check_links(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """No record may point at another owner's record (the guard behind every write path)."""
    if not isinstance(instance, m.OwnedModel) or kwargs.get("raw"):
        return
    _check_actor(instance)
    for field in instance._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        target = field.related_model
        if not (isinstance(target, type) and issubclass(target, m.OwnedModel)):
            continue
        target_id = getattr(instance, field.attname)
        if target_id is None:
            continue
        cached = instance._state.fields_cache.get(field.name)
        if cached is not None and cached.pk == target_id:
            same = cached.owner_id == instance.owner_id
        else:
            same = target._default_manager.filter(pk=target_id, owner_id=instance.owner_id).exists()
        if not same:
            raise Forbidden(str(target._meta.verbose_name), target_id)


pre_save.connect(_check_links, dispatch_uid="nextround.access.check_links")
pre_delete.connect(_check_delete, dispatch_uid="nextround.access.check_delete")

"""Create forms sent twice save once: a one-time token, spent by the record it first made."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar, cast

from django.apps import apps
from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from nextround.store import models as m

T = TypeVar("T")

# A token is worth keeping as long as a page with its form may be open in a tab.
KEEP_FOR = dt.timedelta(days=30)
# The same words sent to the same form this soon after are the same record, whatever the
# token: Back then Save can come back to a form fetched again, with a new token in it.
SAME_WORDS_WITHIN = dt.timedelta(minutes=30)


def digest(fields: Mapping[str, Sequence[str]]) -> str:
    """A fingerprint of what was sent: the same words give the same digest, any change another."""
    text = json.dumps(sorted((k, list(v)) for k, v in fields.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def create_once(owner: User, token: str, sent: str, make: Callable[[], T]) -> tuple[T, bool]:
    """Run make() once for this token and what was sent; a repeat gets the first record back.

    Returns the record and whether it was made before. The token is claimed in the same
    transaction as the record, so two sendings at once (a double click) still make one: the
    second waits for the first and finds its record. If make() refuses the input, nothing is
    kept and the corrected form can be sent with the same token. `sent` is the digest of the
    form's words without its token: the same words sent again within SAME_WORDS_WITHIN under
    another token (the browser fetched the form again on Back) also find the first record.
    """
    token = token[:64]
    if not token:
        return make(), False
    with transaction.atomic():
        repeat = _same_words(owner, token, sent)
        if repeat is not None:
            return cast(T, repeat), True
        try:
            with transaction.atomic():
                claim = m.FormSubmission.objects.create(
                    owner=owner, token=token, digest=sent, model_label="", object_id=0
                )
        except IntegrityError:
            claim = m.FormSubmission.objects.select_for_update().get(
                owner=owner, token=token, digest=sent
            )
            earlier = _record(claim)
            if earlier is not None:
                return cast(T, earlier), True
        made = make()
        record = cast(models.Model, made)
        claim.model_label = record._meta.label_lower
        claim.object_id = int(record.pk)
        claim.save(update_fields=["model_label", "object_id"])
        m.FormSubmission.objects.filter(
            owner=owner, created_at__lt=timezone.now() - KEEP_FOR
        ).delete()
    return made, False


def _same_words(owner: User, token: str, sent: str) -> models.Model | None:
    """The record the same words made under another token a moment ago, if it is still there."""
    recent = (
        m.FormSubmission.objects.filter(
            owner=owner, digest=sent, created_at__gte=timezone.now() - SAME_WORDS_WITHIN
        )
        .exclude(token=token)
        .order_by("-created_at")
    )
    for claim in recent[:5]:
        record = _record(claim)
        if record is not None:
            return record
    return None


def _record(claim: m.FormSubmission) -> models.Model | None:
    """The record a spent token made, if it is still there."""
    if not claim.model_label:
        return None
    try:
        model = apps.get_model(claim.model_label)
    except (LookupError, ValueError):
        return None
    return cast(models.Model | None, model._default_manager.filter(pk=claim.object_id).first())

"""The job's field of an opportunity: the one place the services get it from."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from nextround.coach.fields import FieldGuess, detect_field
from nextround.store.models import Opportunity

# Enough for every opportunity a page or a brief touches at once; the oldest guesses go first.
MAX_REMEMBERED = 512

_lock = threading.Lock()
_remembered: OrderedDict[str, FieldGuess] = OrderedDict()


def _key(role: str, job_description: str) -> str:
    digest = hashlib.sha256()
    for part in (role, job_description):
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def field_of(opportunity: Opportunity) -> FieldGuess:
    """The field of an opportunity from its role and job description, remembered by their hash.

    Reads nothing else and writes nothing: an edited role or description gives a new key, so a
    stale guess is never returned.
    """
    role, description = opportunity.role or "", opportunity.job_description or ""
    key = _key(role, description)
    with _lock:
        guess = _remembered.get(key)
        if guess is not None:
            _remembered.move_to_end(key)
            return guess
    guess = detect_field(role, description)
    with _lock:
        _remembered[key] = guess
        while len(_remembered) > MAX_REMEMBERED:
            _remembered.popitem(last=False)
    return guess


def forget() -> None:
    """Drop every remembered guess (tests, and after the cue lists change in a running process)."""
    with _lock:
        _remembered.clear()

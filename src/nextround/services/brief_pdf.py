"""The brief's PDFs in server mode: made by the worker, kept with its job, served when ready.

Rendering a PDF takes seconds and a lot of memory, so in server mode no web request does it:
asking for one (a POST) queues a `brief-pdf` job, the page says the PDF is being prepared, and
once `nextround worker` has made it the download serves the stored file. A GET only reads: it
shows how the PDF is getting on or serves it, and never queues. A prepared PDF is served only
while the brief is still the one it was asked for (the same fingerprint); after an edit the
page offers to prepare it again. Local mode renders the PDF in the request, as it always did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from nextround.services import brief, jobs
from nextround.services.errors import InvalidInput, ServiceError

KIND = "brief-pdf"
# Each account's PDFs being prepared at once.
MAX_WAITING = 3
NONE, CHANGED = "none", "changed"


def fingerprint(view: brief.BriefView) -> str:
    """What the brief says now, in 32 hex digits: a PDF made from another is out of date."""
    text = json.dumps(view.data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def filename(view: brief.BriefView, night_before: bool) -> str:
    form = "night-before" if night_before else "brief"
    return f"round-{view.data['round']['number']}-{form}.pdf"


@dataclass(frozen=True)
class PdfState:
    """How one of a round's PDFs is getting on, for the person who asked for it."""

    round_id: int
    night_before: bool
    status: str  # none, queued, running, done, failed, or changed (done, but the brief moved on)
    error: str
    asked_at: dt.datetime | None
    made_at: dt.datetime | None

    @property
    def kind(self) -> str:
        return "night-before" if self.night_before else "brief"

    @property
    def label(self) -> str:
        return "The night-before page" if self.night_before else "The whole brief"

    @property
    def waiting(self) -> bool:
        return self.status in (jobs.QUEUED, jobs.RUNNING)

    @property
    def ready(self) -> bool:
        return self.status == jobs.DONE


def _latest(user: User, round_id: int, night_before: bool) -> jobs.JobView | None:
    return jobs.latest(user, KIND, round_id=round_id, night_before=night_before)


def _state(job: jobs.JobView | None, view: brief.BriefView, night_before: bool) -> PdfState:
    if job is None:
        return PdfState(view.round_id, night_before, NONE, "", None, None)
    status = job.status
    if job.ready and job.params.get("fingerprint") != fingerprint(view):
        status = CHANGED
    return PdfState(view.round_id, night_before, status, job.error, job.created_at, job.finished_at)


def states(user: User, view: brief.BriefView) -> list[PdfState]:
    """The state of the round's two PDFs (the whole brief, the night-before page); reads only."""
    return [_state(_latest(user, view.round_id, nb), view, nb) for nb in (False, True)]


def prepare(user: User, round_id: int, night_before: bool = False) -> jobs.JobView:
    """Queue the PDF of a brief the user may read, unless it is on its way or already made."""
    view = brief.build(user, round_id)
    made_from = fingerprint(view)
    current = _latest(user, round_id, night_before)
    if current is not None and (
        current.waiting or (current.ready and current.params.get("fingerprint") == made_from)
    ):
        return current
    if jobs.count(user, KIND, waiting=True) >= MAX_WAITING:
        raise InvalidInput.one(
            "pdf", f"{MAX_WAITING} PDFs are still being prepared: wait for them, then ask again"
        )
    params = {"round_id": round_id, "night_before": night_before, "fingerprint": made_from}
    return jobs.enqueue(user, KIND, params)


def prepared(user: User, view: brief.BriefView, night_before: bool = False) -> jobs.Output | None:
    """The PDF the worker made, if it is ready and the brief has not changed since it was asked."""
    job = _latest(user, view.round_id, night_before)
    if job is None or not _state(job, view, night_before).ready:
        return None
    return jobs.result(user, job.id)


def _render(owner: User, params: dict[str, Any]) -> jobs.Output:
    """The job: the brief as its owner (or sharee) reads it now, as a PDF."""
    round_id = params.get("round_id")
    if not isinstance(round_id, int) or isinstance(round_id, bool):
        raise ServiceError('a brief PDF needs params {"round_id": N}, N a round\'s id')
    night_before = params.get("night_before", False) is True
    view = brief.build(owner, round_id)
    return jobs.Output(brief.render(view, "pdf", night_before), filename(view, night_before))


# API clients may queue it too: {"kind": "brief-pdf", "params": {"round_id": N}}.
jobs.register(KIND, _render, priority=10)

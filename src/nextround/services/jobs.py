"""Heavy work (PDF rendering, batch analysis) queued in the database and done by `nextround worker`.

A request enqueues a job and answers at once; a worker process claims jobs one at a time, runs
the handler registered for the job's kind, and stores its result (bytes and a file name) or a
one-line error. Other modules add kinds with `register("kind", handler)` at import time; the
worker imports `HOOK_MODULES` so their kinds are known there too.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from nextround.services.errors import InvalidInput, NotFound, ServiceError
from nextround.store import models as m

log = logging.getLogger("nextround.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# A job running longer than this is taken to belong to a worker that died, and is run again.
STALE_AFTER = dt.timedelta(minutes=15)
MAX_PARAMS_BYTES = 1_000_000
# Modules that register job kinds when imported (present or not: a missing one is skipped).
HOOK_MODULES = (
    "nextround.services.brief",
    "nextround.services.brief_jobs",
    "nextround.services.voice",
)


@dataclass(frozen=True)
class Output:
    """What a handler returns: the result's bytes and a file name for downloading it."""

    data: bytes
    name: str


Handler = Callable[[User, dict[str, Any]], Output]
_KINDS: dict[str, Handler] = {}


def register(kind: str, handler: Handler) -> None:
    """Make a kind of job known; handlers raise ServiceError for a user-facing failure."""
    _KINDS[kind] = handler


def kinds() -> list[str]:
    load_hooks()
    return sorted(_KINDS)


def load_hooks() -> None:
    for name in HOOK_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


@dataclass(frozen=True)
class JobView:
    id: int
    kind: str
    status: str
    error: str
    result_name: str
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @property
    def ready(self) -> bool:
        return self.status == DONE


def _view(job: m.Job) -> JobView:
    return JobView(
        int(job.pk),
        job.kind,
        job.status,
        job.error,
        job.result_name,
        job.created_at,
        job.finished_at,
    )


def enqueue(owner: User, kind: str, params: dict[str, Any] | None = None) -> JobView:
    load_hooks()
    if kind not in _KINDS:
        raise InvalidInput.one("kind", f"must be one of {', '.join(sorted(_KINDS))}", "job")
    params = params or {}
    if len(json.dumps(params)) > MAX_PARAMS_BYTES:
        raise InvalidInput.one("params", "is too large (at most 1 MB)", "job")
    return _view(m.Job.objects.create(owner=owner, kind=kind, params=params))


def status(owner: User, job_id: int) -> JobView:
    job = m.Job.objects.filter(pk=job_id, owner=owner).defer("result").first()
    if job is None:
        raise NotFound("job", job_id)
    return _view(job)


def result(owner: User, job_id: int) -> Output:
    job = m.Job.objects.filter(pk=job_id, owner=owner).first()
    if job is None:
        raise NotFound("job", job_id)
    if job.status != DONE or job.result is None:
        raise ServiceError(f"job {job_id} is {job.status}, not done")
    return Output(bytes(job.result), job.result_name)


def _claim() -> m.Job | None:
    """Take the oldest queued (or abandoned) job, so no two workers run the same one."""
    now = timezone.now()
    with transaction.atomic():
        pending = m.Job.objects.filter(status=QUEUED) | m.Job.objects.filter(
            status=RUNNING, started_at__lt=now - STALE_AFTER
        )
        pending = pending.order_by("created_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        # SQLite: the IMMEDIATE transaction already holds the write lock here.
        job = pending.first()
        if job is None:
            return None
        job.status, job.started_at = RUNNING, now
        job.save(update_fields=["status", "started_at"])
        return job


def run_one() -> JobView | None:
    """Claim and run one job; None when the queue is empty."""
    load_hooks()
    job = _claim()
    if job is None:
        return None
    handler = _KINDS.get(job.kind)
    started = time.perf_counter()
    try:
        if handler is None:
            raise ServiceError(f"no handler for jobs of kind {job.kind!r}")
        output = handler(job.owner, dict(job.params))
        job.result, job.result_name, job.status = output.data, output.name, DONE
    except ServiceError as exc:
        job.status, job.error = FAILED, str(exc)
    except Exception as exc:
        log.exception("job failed", extra={"job_id": job.pk, "kind": job.kind})
        job.status, job.error = FAILED, f"the job failed unexpectedly ({type(exc).__name__})"
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "result_name", "status", "error", "finished_at"])
    log.info(
        "job finished",
        extra={
            "job_id": job.pk,
            "kind": job.kind,
            "event": job.status,
            "seconds": round(time.perf_counter() - started, 3),
        },
    )
    return _view(job)


def work(stop_when_empty: bool = False, poll: float = 1.0, limit: int | None = None) -> int:
    """Run jobs until stopped (or until the queue is empty); returns how many ran."""
    done = 0
    while limit is None or done < limit:
        ran = run_one()
        if ran is not None:
            done += 1
            continue
        if stop_when_empty:
            break
        connection.close_if_unusable_or_obsolete()
        time.sleep(poll)
    return done


def _batch_analysis(owner: User, params: dict[str, Any]) -> Output:
    """Analyse many answers at once: params {"answers": [{"question", "answer"}, ...]}."""
    from nextround.services import practice

    answers = params.get("answers")
    if not isinstance(answers, list) or not answers:
        raise ServiceError("batch analysis needs a non-empty list of answers")
    if len(answers) > 500:
        raise ServiceError("batch analysis takes at most 500 answers")
    opportunity_id = params.get("opportunity_id")
    results = []
    for index, item in enumerate(answers):
        if not isinstance(item, dict):
            raise ServiceError(f"answers[{index}] must be an object with question and answer")
        feedback = practice.analyse(
            owner,
            str(item.get("question", "")),
            str(item.get("answer", "")),
            opportunity_id if isinstance(opportunity_id, int) else None,
        )
        results.append({"question": feedback.question, "overall": feedback.overall})
    body = json.dumps({"results": results}, ensure_ascii=False).encode("utf-8")
    return Output(body, "analysis.json")


register("batch-analysis", _batch_analysis)

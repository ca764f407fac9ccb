"""Heavy work (PDF rendering, transcription, batch analysis) on Django's Tasks API.

A request queues a job and answers at once. The job is one library task, `run_job`, kept by the
database backend (django-tasks-db) in the app's own database, and run by the library's worker
under `nextround worker`; in local mode it runs as soon as it is queued, in the same process.
The task's arguments name the owner, the kind and its params; the handler registered for the
kind returns a file (bytes and a name) or raises ServiceError, whose message the job keeps for
its owner. Other modules add kinds with `register("kind", handler)` at import time; `HOOK_MODULES`
are imported so their kinds are known wherever jobs are queued.

The library neither retries nor notices a worker that died mid-task, so this module puts back
a job still running after STALE_AFTER (up to MAX_ATTEMPTS runs in all, then it fails with a
message), and the worker prunes finished jobs after KEEP_DAYS with the library's own command.
"""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone
from django_tasks import task

from nextround.services.errors import InvalidInput, NotFound, ServiceError

if TYPE_CHECKING:
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

    Row = DBTaskResult[Any, Any]

log = logging.getLogger("nextround.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
_STATUS = {"READY": QUEUED, "RUNNING": RUNNING, "SUCCESSFUL": DONE, "FAILED": FAILED}
# A job running longer than this is taken to belong to a worker that died, and is put back.
STALE_AFTER = dt.timedelta(minutes=15)
MAX_ATTEMPTS = 3
# Finished jobs (and the files they made) are deleted after this many days.
KEEP_DAYS = 14
MAX_PARAMS_BYTES = 1_000_000
# Each account's jobs waiting at once, whatever their kind (each kind may set a lower limit).
MAX_WAITING = 10
# Modules that register job kinds when imported (present or not: a missing one is skipped).
HOOK_MODULES = ("nextround.services.brief_pdf", "nextround.services.voice")


@dataclass(frozen=True)
class Output:
    """What a handler returns: the result's bytes and a file name for downloading it."""

    data: bytes
    name: str


Handler = Callable[[User, dict[str, Any]], Output]


@dataclass(frozen=True)
class Kind:
    handler: Handler
    priority: int
    # Whether API clients may queue it (a kind queued only by its own service is not).
    api: bool


_KINDS: dict[str, Kind] = {}


def register(kind: str, handler: Handler, *, priority: int = 0, api: bool = True) -> None:
    """Make a kind of job known; handlers raise ServiceError for a user-facing failure."""
    _KINDS[kind] = Kind(handler, priority, api)


def kinds(api_only: bool = False) -> list[str]:
    load_hooks()
    return sorted(k for k, v in _KINDS.items() if v.api or not api_only)


def load_hooks() -> None:
    for name in HOOK_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


class QueueFull(InvalidInput):
    """The account has as many jobs waiting as it may; the API answers 429 Too Many Requests."""


class WorkerLost(Exception):
    """The worker running a job stopped before finishing it, too many times."""


@task()
def run_job(owner_id: int, kind: str, params: dict[str, Any]) -> dict[str, str]:
    """The one library task: run the kind's handler for its owner, keep its file or its error."""
    load_hooks()
    found = _KINDS.get(kind)
    owner = User.objects.filter(pk=owner_id, is_active=True).first()
    started = time.perf_counter()
    try:
        if found is None:
            raise ServiceError(f"no handler for jobs of kind {kind!r}")
        if owner is None:
            raise ServiceError("the account that queued this job is gone")
        output = found.handler(owner, dict(params))
        outcome = {"name": output.name, "data": base64.b64encode(output.data).decode("ascii")}
    except ServiceError as exc:
        outcome = {"error": str(exc)}
    except Exception:
        # The library marks the task failed and keeps the traceback; the owner sees one line.
        log.exception("job failed", extra={"kind": kind})
        raise
    log.info(
        "job finished",
        extra={
            "kind": kind,
            "event": FAILED if "error" in outcome else DONE,
            "seconds": round(time.perf_counter() - started, 3),
        },
    )
    return outcome


@dataclass(frozen=True)
class JobView:
    id: str
    kind: str
    status: str
    error: str
    result_name: str
    params: dict[str, Any]
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @property
    def ready(self) -> bool:
        return self.status == DONE

    @property
    def waiting(self) -> bool:
        return self.status in (QUEUED, RUNNING)


def _rows() -> DBTaskResultQuerySet:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=run_job.module_path)


def _owned(owner: User, kind: str | None = None) -> QuerySet[Row]:
    rows = _rows().filter(args_kwargs__kwargs__owner_id=owner.pk)
    return rows.filter(args_kwargs__kwargs__kind=kind) if kind else rows


def _light(rows: QuerySet[Row]) -> QuerySet[Row]:
    """The rows without the files they hold: their name and error are enough for a view."""
    return rows.annotate(
        result_name=KT("return_value__name"), result_error=KT("return_value__error")
    ).defer("return_value", "traceback")


def _error(row: Row) -> str:
    if row.status != "FAILED":
        if hasattr(row, "result_error"):
            return str(row.result_error or "")
        value = row.return_value
        return str(value.get("error") or "") if isinstance(value, dict) else ""
    name = row.exception_class_path.rsplit(".", 1)[-1]
    if row.exception_class_path == f"{WorkerLost.__module__}.{WorkerLost.__qualname__}":
        return (
            f"the worker stopped while doing this job {MAX_ATTEMPTS} times; "
            "try again, or ask the administrator to look at its logs"
        )
    return f"the job failed unexpectedly ({name})"


def _name(row: Row) -> str:
    if hasattr(row, "result_name"):
        return str(row.result_name or "")
    value = row.return_value
    return str(value.get("name") or "") if isinstance(value, dict) else ""


def _view(row: Row) -> JobView:
    kwargs = row.args_kwargs.get("kwargs", {})
    error = _error(row)
    status = _STATUS.get(row.status, FAILED)
    if status == DONE and error:
        status = FAILED
    return JobView(
        str(row.pk),
        str(kwargs.get("kind", "")),
        status,
        error,
        "" if error else _name(row),
        dict(kwargs.get("params") or {}),
        row.enqueued_at,
        row.finished_at,
    )


def _check_params(value: Any, depth: int = 0) -> None:
    """Params the database can keep as JSON: not nested past 20 levels, text without NUL."""
    if depth > 20:
        raise InvalidInput.one("params", "is nested too deeply (at most 20 levels)", "job")
    if isinstance(value, dict):
        for key, item in value.items():
            _check_params(key, depth + 1)
            _check_params(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_params(item, depth + 1)
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput.one("params", "must be valid Unicode text", "job") from None
        if "\x00" in value:
            raise InvalidInput.one("params", "must not contain NUL characters", "job")


def enqueue(
    owner: User, kind: str, params: dict[str, Any] | None = None, *, now: bool | None = None
) -> JobView:
    """Queue a job of a known kind for its owner; `now` (local mode's default) runs it here."""
    load_hooks()
    found = _KINDS.get(kind)
    if found is None:
        raise InvalidInput.one("kind", f"must be one of {', '.join(kinds(True))}", "job")
    params = params or {}
    _check_params(params)
    if len(json.dumps(params)) > MAX_PARAMS_BYTES:
        raise InvalidInput.one("params", "is too large (at most 1 MB)", "job")
    if count(owner, waiting=True) >= MAX_WAITING:
        raise QueueFull.one(
            "kind", f"you have {MAX_WAITING} jobs waiting, the most at once: wait for them", "job"
        )
    queued = run_job.using(priority=found.priority).enqueue(
        owner_id=int(owner.pk), kind=kind, params=params
    )
    if settings.LOCAL_MODE if now is None else now:
        run_one(str(queued.id))
    return status(owner, str(queued.id))


def submit(owner: User, kind: str, params: dict[str, Any] | None = None) -> JobView:
    """Queue a job an API client asked for: only the kinds open to clients."""
    if kind not in kinds(api_only=True):
        raise InvalidInput.one("kind", f"must be one of {', '.join(kinds(True))}", "job")
    return enqueue(owner, kind, params)


def _uuid(job_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(job_id))
    except ValueError:
        raise NotFound("job", job_id) from None


def status(owner: User, job_id: str) -> JobView:
    row = _light(_owned(owner)).filter(pk=_uuid(job_id)).first()
    if row is None:
        raise NotFound("job", job_id)
    return _view(row)


def result(owner: User, job_id: str) -> Output:
    row = _owned(owner).filter(pk=_uuid(job_id)).first()
    if row is None:
        raise NotFound("job", job_id)
    view = _view(row)
    value = row.return_value if isinstance(row.return_value, dict) else {}
    if view.status != DONE or "data" not in value:
        raise ServiceError(f"job {job_id} is {view.status}, not done")
    return Output(base64.b64decode(value["data"]), str(value.get("name", "")))


def latest(owner: User, kind: str, **params: Any) -> JobView | None:
    """The owner's newest job of a kind whose params include these."""
    rows = _owned(owner, kind)
    for key, value in params.items():
        rows = rows.filter(**{f"args_kwargs__kwargs__params__{key}": value})
    row = _light(rows).order_by("-enqueued_at").first()
    return _view(row) if row is not None else None


def count(
    owner: User, kind: str | None = None, *, waiting: bool = False, since: dt.datetime | None = None
) -> int:
    """How many of the owner's jobs (of a kind) are waiting, or were queued since a time."""
    rows = _owned(owner, kind)
    if waiting:
        rows = rows.filter(status__in=("READY", "RUNNING"))
    if since is not None:
        rows = rows.filter(enqueued_at__gte=since)
    return rows.count()


def delete_all(owner: User) -> int:
    """Forget every job of the owner's (their account is going)."""
    deleted, _ = _owned(owner).delete()
    return deleted


# ---- running jobs: the library's worker ----


def _worker(*, batch: bool, poll: float = 1.0) -> Worker:
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=poll,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_one(job_id: str | None = None) -> JobView | None:
    """Claim and run one queued job (the next, or the one named) here; None when there is none."""
    from django_tasks_db.utils import exclusive_transaction

    worker = _worker(batch=True)
    rows = _rows()
    with exclusive_transaction(rows.db):
        pending = rows.ready()
        if job_id is not None:
            pending = pending.filter(pk=_uuid(job_id))
        row = pending.get_locked()
        if row is None:
            return None
        row.claim(worker.worker_id)
    worker.run_task(row)
    return _view(_light(_rows()).get(pk=row.pk))


def requeue_stale(now: dt.datetime | None = None) -> int:
    """Put back jobs whose worker died mid-run; fail those that have had MAX_ATTEMPTS runs."""
    from django_tasks_db.utils import exclusive_transaction

    cutoff = (now or timezone.now()) - STALE_AFTER
    rows = _rows()
    moved = 0
    with exclusive_transaction(rows.db):
        for row in rows.running().filter(started_at__lt=cutoff).select_for_update():
            if len(row.worker_ids) >= MAX_ATTEMPTS:
                row.set_failed(WorkerLost(f"no worker finished job {row.pk}"))
            else:
                row.status = "READY"
                row.save(update_fields=["status"])
            moved += 1
    if moved:
        log.warning("jobs put back after their worker stopped", extra={"count": moved})
    return moved


def prune() -> None:
    """Delete finished jobs older than KEEP_DAYS (the library's command)."""
    from django.core.management import call_command

    call_command("prune_db_task_results", min_age_days=KEEP_DAYS, verbosity=0)


def work(*, once: bool = False, poll: float = 1.0) -> int:
    """Run queued jobs with the library's worker until stopped (once: until none is left).

    The library's worker runs in batches (until the queue is empty); between batches this puts
    back jobs a dead worker left running, prunes old ones at most hourly, and waits `poll`.
    """
    from django_tasks.signals import task_finished

    worker = _worker(batch=True, poll=poll)
    ran = 0

    def counted(sender: object, task_result: Any, **kwargs: Any) -> None:
        nonlocal ran
        if worker.worker_id in task_result.worker_ids:
            ran += 1

    task_finished.connect(counted, weak=False)
    if not once:
        # SIGTERM and Ctrl-C end the worker once the job it is running is done.
        worker.configure_signals()
    pruned: float | None = None
    try:
        while True:
            requeue_stale()
            if pruned is None or time.monotonic() - pruned > 3600:
                prune()
                pruned = time.monotonic()
            worker.run()
            if once or not worker.running:
                return ran
            time.sleep(poll)
    finally:
        task_finished.disconnect(counted)


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

"""Jobs on Django's Tasks API: queued per owner, run by the library's worker, put back when a
worker dies, and refused plainly when their params cannot be kept."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nextround.services import jobs
from nextround.services.errors import InvalidInput, NotFound, ServiceError

ANSWERS = [{"question": "Why this role?", "answer": "I led the team that built the same thing."}]


def _die_while_running(job_id: str, minutes_ago: int = 20) -> None:
    """What a worker killed mid-job leaves behind: the job claimed, started, never finished."""
    row = DBTaskResult.objects.get(pk=job_id)
    row.claim("a-worker-that-died")
    DBTaskResult.objects.filter(pk=job_id).update(
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )


def test_a_queued_job_waits_for_the_worker_then_keeps_its_file(user: Any) -> None:
    job = jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    assert (job.status, job.kind, job.result_name) == ("queued", "batch-analysis", "")
    with pytest.raises(ServiceError, match="is queued, not done"):
        jobs.result(user, job.id)
    ran = jobs.run_one()
    assert ran is not None and ran.id == job.id and ran.status == "done"
    assert jobs.status(user, job.id).result_name == "analysis.json"
    body = json.loads(jobs.result(user, job.id).data)
    assert body["results"][0]["question"] == "Why this role?"
    assert jobs.run_one() is None


def test_in_local_mode_a_job_runs_as_soon_as_it_is_queued(user: Any) -> None:
    job = jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS})
    assert job.status == "done"
    assert jobs.run_one() is None


def test_another_account_cannot_see_or_count_the_job(user: Any, other_user: Any) -> None:
    job = jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    with pytest.raises(NotFound):
        jobs.status(other_user, job.id)
    with pytest.raises(NotFound):
        jobs.result(other_user, job.id)
    assert jobs.count(other_user, waiting=True) == 0
    assert jobs.count(user, "batch-analysis", waiting=True) == 1


@pytest.mark.parametrize("job_id", ["1", "not-a-uuid", "../etc/passwd", "0" * 64])
def test_an_id_that_is_no_job_is_not_found(user: Any, job_id: str) -> None:
    with pytest.raises(NotFound, match="No job with id"):
        jobs.status(user, job_id)


def test_a_user_facing_failure_keeps_its_message(user: Any) -> None:
    job = jobs.enqueue(user, "batch-analysis", {"answers": []}, now=False)
    ran = jobs.run_one()
    assert ran is not None
    assert (ran.status, ran.error) == ("failed", "batch analysis needs a non-empty list of answers")
    assert jobs.status(user, job.id).error == ran.error


def test_a_crash_is_failed_by_the_library_with_its_traceback_kept(
    user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(owner: User, params: dict[str, Any]) -> jobs.Output:
        return jobs.Output(bytes(1 // len(params)), "never")

    monkeypatch.setitem(jobs._KINDS, "crash", jobs.Kind(crash, 0, True))
    job = jobs.enqueue(user, "crash", {}, now=False)
    jobs.run_one()
    view = jobs.status(user, job.id)
    assert view.status == "failed"
    assert view.error == "the job failed unexpectedly (ZeroDivisionError)"
    row = DBTaskResult.objects.get(pk=job.id)
    assert row.status == "FAILED" and "ZeroDivisionError" in row.traceback


def test_a_job_whose_worker_died_is_put_back_then_failed_after_three_runs(user: Any) -> None:
    job = jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    _die_while_running(job.id, minutes_ago=5)
    assert jobs.requeue_stale() == 0  # still within STALE_AFTER: it may yet finish
    assert jobs.status(user, job.id).status == "running"
    DBTaskResult.objects.filter(pk=job.id).update(
        started_at=timezone.now() - jobs.STALE_AFTER - dt.timedelta(seconds=1)
    )
    assert jobs.requeue_stale() == 1
    assert jobs.status(user, job.id).status == "queued"
    _die_while_running(job.id)  # the second run
    assert jobs.requeue_stale() == 1
    assert jobs.status(user, job.id).status == "queued"
    _die_while_running(job.id)  # the third
    assert jobs.requeue_stale() == 1
    view = jobs.status(user, job.id)
    assert view.status == "failed"
    assert view.error.startswith("the worker stopped while doing this job 3 times")


def test_a_job_put_back_runs_to_the_end(user: Any) -> None:
    job = jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    _die_while_running(job.id)
    jobs.requeue_stale()
    ran = jobs.run_one()
    assert ran is not None and ran.status == "done"
    assert len(DBTaskResult.objects.get(pk=job.id).worker_ids) == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"answers": ["nul\x00here"]}, "must not contain NUL characters"),
        ({"text": "\ud800"}, "must be valid Unicode text"),
        ({"a": json.loads("[" * 30 + "]" * 30)}, "is nested too deeply"),
        ({"big": "x" * 1_000_001}, "is too large"),
    ],
)
def test_params_the_database_cannot_keep_are_refused(
    user: Any, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        jobs.submit(user, "batch-analysis", params)
    assert list(caught.value.errors) == ["params"]
    assert jobs.count(user) == 0


def test_api_clients_may_queue_only_their_kinds(user: Any) -> None:
    assert jobs.kinds(api_only=True) == ["batch-analysis", "brief-pdf"]
    with pytest.raises(InvalidInput, match="must be one of batch-analysis, brief-pdf"):
        jobs.submit(user, "voice-transcription", {"file": "x.wav"})
    assert jobs.count(user) == 0


def test_each_account_has_a_limit_on_jobs_waiting(user: Any, other_user: Any) -> None:
    for _ in range(jobs.MAX_WAITING):
        jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    with pytest.raises(InvalidInput, match="you have 10 jobs waiting"):
        jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    # Someone else's queue is their own.
    assert jobs.enqueue(other_user, "batch-analysis", {"answers": ANSWERS}, now=False).waiting


def test_deleting_an_account_forgets_its_jobs(user: Any, other_user: Any) -> None:
    from nextround.services import operations

    jobs.enqueue(other_user, "batch-analysis", {"answers": ANSWERS}, now=False)
    mine = jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    operations.delete_account(other_user)
    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [mine.id]


@pytest.mark.django_db(transaction=True)
def test_the_worker_loop_puts_back_a_dead_workers_job_and_runs_the_queue(user: Any) -> None:
    stale = jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    _die_while_running(stale.id)
    jobs.enqueue(user, "batch-analysis", {"answers": ANSWERS}, now=False)
    assert jobs.work(once=True, poll=0.1) == 2
    assert jobs.count(user, waiting=True) == 0
    assert jobs.status(user, stale.id).status == "done"

"""Migration 0006 queues the jobs still waiting as tasks, drops the finished ones and the table."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("nextround", "0005_callback_stage_calendar_feed")]
AFTER = [("nextround", "0006_jobs_on_the_task_queue")]


@pytest.mark.django_db(transaction=True)
def test_waiting_jobs_become_tasks_the_worker_runs() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    owner = apps.get_model("auth", "User").objects.create(username="owner")
    job = apps.get_model("nextround", "Job")
    answers = [{"question": "Why this role?", "answer": "I have led two teams through it."}]
    job.objects.create(owner=owner, kind="batch-analysis", params={"answers": answers})
    job.objects.create(owner=owner, kind="batch-analysis", status="running", params={})
    job.objects.create(owner=owner, kind="batch-analysis", status="done", result=b"{}")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "nextround_job" not in connection.introspection.table_names()

    from django.contrib.auth.models import User

    from nextround.services import jobs

    user = User.objects.get(username="owner")
    assert jobs.count(user, "batch-analysis", waiting=True) == 2
    done = [jobs.run_one(), jobs.run_one()]
    assert jobs.run_one() is None
    assert sorted(v.status for v in done if v) == ["done", "failed"]
    made = next(v for v in done if v and v.status == "done")
    body = json.loads(jobs.result(user, made.id).data)
    assert [r["question"] for r in body["results"]] == ["Why this role?"]
    failed = next(v for v in done if v and v.status == "failed")
    assert failed.error == "batch analysis needs a non-empty list of answers"

"""Background work moves to Django's Tasks API (django-tasks-db): the old Job table goes.

Jobs still waiting (queued, or running when the worker stopped) are queued again as tasks, so
no one's transcription or batch analysis is lost. Finished jobs are dropped: their results were
for the request that waited on them (a transcript is kept with its practice attempt once saved,
and a PDF can be made again). Going back recreates the empty table; tasks stay where they are.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import migrations

TASK_PATH = "nextround.services.jobs.run_job"
# The priorities nextround.services.jobs gives each kind (the others run at 0).
PRIORITY = {"voice-transcription": 10, "brief-pdf": 10}


def queue_waiting_jobs(apps: Any, schema_editor: Any) -> None:
    job = apps.get_model("nextround", "Job")
    task = apps.get_model("django_tasks_database", "DBTaskResult")
    # What the library stores for "no run_after" (its pre_save signal is not run here).
    never = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
    waiting = job.objects.filter(status__in=("queued", "running")).order_by("created_at", "id")
    task.objects.bulk_create(
        task(
            id=uuid.uuid4(),
            status="READY",
            args_kwargs={
                "args": [],
                "kwargs": {"owner_id": j.owner_id, "kind": j.kind, "params": j.params or {}},
            },
            priority=PRIORITY.get(j.kind, 0),
            task_path=TASK_PATH,
            queue_name="default",
            backend_name="default",
            run_after=never,
            exception_class_path="",
            traceback="",
        )
        for j in waiting
    )


class Migration(migrations.Migration):
    dependencies = [
        ("nextround", "0005_callback_stage_calendar_feed"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(queue_waiting_jobs, migrations.RunPython.noop),
        migrations.DeleteModel(name="Job"),
    ]

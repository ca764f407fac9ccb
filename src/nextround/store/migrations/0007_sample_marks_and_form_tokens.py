"""The sample opportunity and its story marked as such, and one-time tokens of create forms.

Samples made before this migration are found by the names the sample gives them (the company
"Northwind Logistics (sample)" and stories titled "Sample: ..."), so deleting one of them now
takes its story with it.
"""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def mark_samples(apps: Any, schema_editor: Any) -> None:
    opportunity = apps.get_model("nextround", "Opportunity")
    story = apps.get_model("nextround", "Story")
    opportunity.objects.filter(company="Northwind Logistics (sample)").update(is_sample=True)
    story.objects.filter(title__startswith="Sample:").update(is_sample=True)


class Migration(migrations.Migration):
    dependencies = [
        ("nextround", "0006_jobs_on_the_task_queue"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="is_sample",
            field=models.BooleanField(
                default=False,
                help_text="Made by nextround to explore; deleting it deletes what it made.",
            ),
        ),
        migrations.AddField(
            model_name="story",
            name="is_sample",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_samples, migrations.RunPython.noop),
        migrations.CreateModel(
            name="FormSubmission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                (
                    "updated_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("token", models.CharField(max_length=64)),
                ("digest", models.CharField(max_length=64)),
                ("model_label", models.CharField(max_length=100)),
                ("object_id", models.BigIntegerField()),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["created_at"], name="nextround_f_created_e84391_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("owner", "token", "digest"), name="form_submission_once"
                    )
                ],
            },
        ),
    ]

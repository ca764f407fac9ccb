"""A "Called back" stage, and a private calendar address per user.

Opportunities that already have a second round but still say Applied or Interviewing (the
form's default) move to Called back; those with a first round that still say Applied move to
Interviewing. Going back, Called back becomes Interviewing again.
"""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def stage_from_rounds(apps: Any, schema_editor: Any) -> None:
    opportunity = apps.get_model("nextround", "Opportunity")
    rounds = apps.get_model("nextround", "Round").objects.exclude(status="cancelled")
    later = rounds.filter(number__gte=2).values("opportunity_id")
    opportunity.objects.filter(stage__in=["applied", "interviewing"], pk__in=later).update(
        stage="callback"
    )
    opportunity.objects.filter(stage="applied", pk__in=rounds.values("opportunity_id")).update(
        stage="interviewing"
    )


def callback_to_interviewing(apps: Any, schema_editor: Any) -> None:
    opportunity = apps.get_model("nextround", "Opportunity")
    opportunity.objects.filter(stage="callback").update(stage="interviewing")


class Migration(migrations.Migration):
    dependencies = [
        ("nextround", "0004_remove_sharees_checklist_rows"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarFeed",
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
                ("key", models.CharField(max_length=64)),
            ],
        ),
        migrations.RemoveConstraint(
            model_name="opportunity",
            name="opportunity_stage_valid",
        ),
        migrations.AlterField(
            model_name="opportunity",
            name="stage",
            field=models.CharField(
                choices=[
                    ("applied", "Applied"),
                    ("interviewing", "Interviewing"),
                    ("callback", "Called back"),
                    ("offer", "Offer"),
                    ("accepted", "Accepted"),
                    ("declined", "Declined"),
                    ("rejected", "Rejected"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="applied",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="opportunity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "stage__in",
                        [
                            "applied",
                            "interviewing",
                            "callback",
                            "offer",
                            "accepted",
                            "declined",
                            "rejected",
                            "withdrawn",
                        ],
                    )
                ),
                name="opportunity_stage_valid",
            ),
        ),
        migrations.RunPython(stage_from_rounds, callback_to_interviewing),
        migrations.AddField(
            model_name="calendarfeed",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="calendarfeed",
            constraint=models.UniqueConstraint(
                fields=("owner",), name="one_calendar_feed_per_owner"
            ),
        ),
    ]

"""Migration 0005 puts opportunities with a second round in the new Called back stage."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("nextround", "0004_remove_sharees_checklist_rows")]
AFTER = [("nextround", "0005_callback_stage_calendar_feed")]


def _stages(apps: Any) -> dict[str, str]:
    rows = apps.get_model("nextround", "Opportunity").objects.values_list("company", "stage")
    return dict(rows)


@pytest.mark.django_db(transaction=True)
def test_a_second_round_means_called_back_and_a_first_means_interviewing() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    owner = apps.get_model("auth", "User").objects.create(username="owner")
    opportunity = apps.get_model("nextround", "Opportunity").objects
    round_ = apps.get_model("nextround", "Round").objects

    def make(company: str, stage: str, *rounds: str) -> None:
        opp = opportunity.create(owner=owner, company=company, role="Analyst", stage=stage)
        for number, status in enumerate(rounds, start=1):
            round_.create(owner=owner, opportunity=opp, number=number, status=status)

    make("Applied, two rounds", "applied", "done", "planned")
    make("Interviewing, two rounds", "interviewing", "done", "planned")
    make("Applied, one round", "applied", "done")
    make("Applied, no round", "applied")
    make("Second round cancelled", "interviewing", "done", "cancelled")
    make("Offer", "offer", "done", "done")
    make("Rejected", "rejected", "done", "done")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    assert _stages(executor.loader.project_state(AFTER).apps) == {
        "Applied, two rounds": "callback",
        "Interviewing, two rounds": "callback",
        "Applied, one round": "interviewing",
        "Applied, no round": "applied",
        "Second round cancelled": "interviewing",
        "Offer": "offer",
        "Rejected": "rejected",
    }
    # Back again: no stage is left that the older schema refuses.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    stages = _stages(executor.loader.project_state(BEFORE).apps)
    assert stages["Applied, two rounds"] == "interviewing"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

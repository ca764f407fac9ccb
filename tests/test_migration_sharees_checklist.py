"""Migration 0004 removes the checklist rows a sharee's read stored in the owner's round."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("nextround", "0003_requirement_duties")]
AFTER = [("nextround", "0004_remove_sharees_checklist_rows")]


@pytest.mark.django_db(transaction=True)
def test_the_sharees_rows_go_and_the_owners_stay() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    user = apps.get_model("auth", "User")
    owner = user.objects.create(username="owner")
    coach = user.objects.create(username="coach")
    opp = apps.get_model("nextround", "Opportunity").objects.create(
        owner=owner, company="Acme", role="Analyst"
    )
    round_ = apps.get_model("nextround", "Round").objects.create(
        owner=owner, opportunity=opp, number=1
    )
    item = apps.get_model("nextround", "ChecklistItem")
    item.objects.create(owner=owner, round=round_, key="plan-route", label="Plan the route")
    item.objects.create(owner=coach, round=round_, key="outfit-ready", label="Outfit")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    left = apps.get_model("nextround", "ChecklistItem").objects.values_list("key", "owner_id")
    assert list(left) == [("plan-route", owner.pk)]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

"""Migration 0009 tidies story drafts left by earlier CV imports, and only those never edited."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("nextround", "0008_search_index")]
AFTER = [("nextround", "0009_cv_drafts_plain_titles")]
DRAFT = "To complete: the situation: where were you? (from your CV: Analyst at Globex)"


def _stories(apps: Any) -> dict[str, tuple[str, str]]:
    rows = apps.get_model("nextround", "Story").objects.values_list("pk", "title", "action")
    return {str(pk): (title, action) for pk, title, action in rows}


@pytest.mark.django_db(transaction=True)
def test_draft_titles_lose_the_ellipsis_and_a_repeated_action_is_to_complete() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    owner = apps.get_model("auth", "User").objects.create(username="owner")
    story = apps.get_model("nextround", "Story").objects
    bullet = "Led the migration of 120 services to Kubernetes"
    cut = story.create(
        owner=owner,
        title="Designed the event pipeline that now carries 2 billion…",
        situation=DRAFT,
        action="Designed the event pipeline",
        result="To complete: the result",
    )
    same = story.create(owner=owner, title=bullet, situation=DRAFT, action=bullet, result=bullet)
    edited = story.create(
        owner=owner, title="Shipped it…", situation="We were late.", action="x", result="x"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    after = _stories(executor.loader.project_state(AFTER).apps)
    assert after[str(cut.pk)] == (
        "Designed the event pipeline that now carries 2 billion",
        "Designed the event pipeline",
    )
    assert after[str(same.pk)] == (
        bullet,
        "To complete: your action: what did you do, step by step?",
    )
    assert after[str(edited.pk)] == ("Shipped it…", "x")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

"""The database schema: migrations match the models and build a database from nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_the_models_need_no_new_migration() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_migrations_run_from_empty_and_back() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("nextround", None)])
    tables = connection.introspection.table_names()
    assert "nextround_opportunity" not in tables
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    tables = connection.introspection.table_names()
    for name in (
        "opportunity",
        "round",
        "interviewer",
        "askedquestion",
        "feedback",
        "story",
        "requirement",
        "evidence",
        "practiceattempt",
        "questiontoask",
        "followup",
        "offer",
        "roundinterviewer",
    ):
        assert f"nextround_{name}" in tables

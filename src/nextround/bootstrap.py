"""Start Django for the CLI and the server, and bring the database up to date on first use."""

from __future__ import annotations

import os

_ready = False


def setup(migrate: bool = True) -> None:
    """Configure Django once; with migrate, apply any pending migrations (creating the database)."""
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nextround.settings")
    import django

    django.setup()
    if migrate:
        ensure_migrated()
    _ready = True


def pending_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def ensure_migrated() -> bool:
    """Apply pending migrations; True when anything was applied."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not pending_migrations():
        return False
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return True

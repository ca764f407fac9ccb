"""`nextround restore FILE`: put a database backup back in place of the database, safely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


@click.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def restore(backup_file: Path, as_json: bool) -> None:
    """Replace the database with a backup made by `nextround backup` (stop the server first)."""
    from nextround import bootstrap

    bootstrap.setup(migrate=False)
    from django.conf import settings
    from django.db import connection

    from nextround.cli import output
    from nextround.services import restore as restoring

    db = settings.DATABASES["default"]
    if not str(db["ENGINE"]).endswith("sqlite3"):
        raise restoring.RestoreError(
            "this database is PostgreSQL: restore a `nextround backup` archive with "
            "pg_restore --clean --if-exists --no-owner --dbname=URL FILE (see docs/deploy.md)"
        )
    connection.close()
    done = restoring.restore_sqlite(backup_file, Path(str(db["NAME"])), Path(settings.DATA_DIR))
    # A backup from an older nextround is brought up to date now rather than on the next start.
    bootstrap.ensure_migrated()
    data: dict[str, Any] = {
        "source": str(done.source),
        "database": str(done.target),
        "kept": str(done.kept) if done.kept else None,
        "opportunities": done.opportunities,
        "integrity_check": "ok",
    }
    kept = f" The database before it is kept at {done.kept}." if done.kept else ""
    output.done(
        data,
        as_json,
        f"Restored {done.source} into {done.target} (integrity_check ok, "
        f"{done.opportunities:,} opportunities).{kept}",
    )


def register(cli: click.Group) -> None:
    cli.add_command(restore)

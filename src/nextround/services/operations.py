"""Running a server: database backup, health, one person's data export and account deletion."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction

from nextround.services import access, backup, jobs
from nextround.services.errors import ServiceError
from nextround.store import models as m

PG_DUMP_HELP = (
    "PostgreSQL is backed up with its own tool: install the PostgreSQL client (e.g. "
    "`apt install postgresql-client`) so that pg_dump is on PATH, or run "
    "`pg_dump --format=custom --file=nextround.dump DATABASE_URL` yourself; restore with "
    "`pg_restore --clean --dbname=DATABASE_URL nextround.dump`."
)


@dataclass(frozen=True)
class BackupDone:
    path: Path
    engine: str
    bytes: int


def backup_database(output: Path) -> BackupDone:
    """A consistent copy of the whole database, taken while the app keeps running."""
    output = output.expanduser()
    if output.exists() and output.is_dir():
        raise ServiceError(f"{output} is a folder: give a file name for the backup")
    if not output.parent.is_dir():
        raise ServiceError(f"{output.parent} does not exist")
    db = settings.DATABASES["default"]
    part = output.with_name(output.name + ".part")
    if connection.vendor == "sqlite":
        # SQLite's online backup API copies page by page under the right locks (WAL-safe).
        source = sqlite3.connect(str(db["NAME"]))
        target = sqlite3.connect(str(part))
        try:
            with target:
                source.backup(target, pages=1024)
            checked = target.execute("PRAGMA integrity_check").fetchone()
        finally:
            target.close()
            source.close()
        if not checked or checked[0] != "ok":
            part.unlink(missing_ok=True)
            raise ServiceError("the backup copy failed its integrity check; nothing written")
        part.replace(output)
        return BackupDone(output, "sqlite", output.stat().st_size)
    return _pg_dump(db, output, part)


def _pg_dump(db: dict[str, object], output: Path, part: Path) -> BackupDone:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise ServiceError("pg_dump is not installed. " + PG_DUMP_HELP)
    env = dict(os.environ)
    env["PGPASSWORD"] = str(db.get("PASSWORD") or "")
    command = [tool, "--format=custom", f"--file={part}", "--no-owner"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command.append(f"{flag}={db[key]}")
    command.append(str(db["NAME"]))
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        part.unlink(missing_ok=True)
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ServiceError(f"pg_dump failed: {last}. " + PG_DUMP_HELP)
    part.replace(output)
    return BackupDone(output, "postgresql", output.stat().st_size)


@dataclass(frozen=True)
class Health:
    ok: bool
    database: str
    migrations: str
    pending: list[str]

    def as_dict(self) -> dict[str, object]:
        return {
            "status": "ok" if self.ok else "error",
            "database": self.database,
            "migrations": self.migrations,
            "pending": self.pending,
        }


_migrated = False


def health() -> Health:
    """Can the database be reached, and is it up to date? (No user data is read.)"""
    from nextround.bootstrap import pending_migrations

    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        # New migrations arrive only with new code, i.e. a new process: once applied, say so.
        pending = [] if _migrated else pending_migrations()
        _migrated = not pending
    except DatabaseError as exc:
        return Health(False, f"unreachable ({type(exc).__name__})", "unknown", [])
    return Health(not pending, "ok", "pending" if pending else "applied", pending)


def export_user(user: User, stream: IO[str]) -> dict[str, int]:
    """Everything the person owns, as a nextround backup file (their data leaves with them)."""
    return backup.export_to(user, stream)


def delete_account(user: User) -> dict[str, int]:
    """Delete the account and every record it owns; returns how many of each kind went."""
    from nextround.services.accounts import digest

    gone = backup.counts(user)
    user_id = int(user.pk)
    # Shares given to this person are other people's records that end with the account.
    with transaction.atomic(), access.acting_as(None):
        jobs.delete_all(user)
        m.Share.objects.filter(grantee=user).delete()
        m.LoginAttempt.objects.filter(key=digest("user:" + user.username.lower())).delete()
        # Children first: their owner cascade would reach them anyway, but in one clear order.
        for _key, model in reversed(backup.MODELS):
            model._default_manager.filter(owner=user).delete()
        user.delete()
    _end_sessions(user_id)
    return gone


def _end_sessions(user_id: int) -> None:
    """Sessions of a deleted account hold its id; drop them rather than wait for expiry."""
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            session.delete()

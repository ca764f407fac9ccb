"""Put a database backup back in place without corrupting it, and the lock that makes it safe.

Copying a file over nextround.sqlite3 corrupts it when a -wal file of the old database remains
(after kill -9, a crash or SIGTERM): SQLite replays the old frames onto the new file. A restore
instead writes through SQLite's own backup API into the live file, so SQLite itself reconciles
the -wal and -shm, and checks both databases' integrity before and after.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from nextround.services.errors import ServiceError

SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_NAME = "server.lock"
# Tables a nextround database has; a SQLite file without them is some other program's.
REQUIRED_TABLES = ("django_migrations", "nextround_opportunity")


class RestoreError(ServiceError):
    """A restore that was refused or failed; the database was left as it was."""


@dataclass(frozen=True)
class Restored:
    source: Path
    target: Path
    kept: Path | None  # the database as it was before, kept beside it
    opportunities: int


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_NAME


@contextlib.contextmanager
def server_lock(data_dir: Path) -> Iterator[None]:
    """Held while `nextround serve` runs, so that a restore can tell and refuse."""
    with contextlib.ExitStack() as stack:
        try:
            held: object = stack.enter_context(_hold(lock_path(data_dir)))
        except OSError:
            # A data folder that cannot be written (PostgreSQL in a read-only container): no
            # SQLite file to protect there, so serve without the lock.
            held = "no lock"
        if held is None:
            raise RestoreError(
                f"another nextround server or restore is using {data_dir} "
                f"({_holder(lock_path(data_dir))}); stop it first"
            )
        yield


@contextlib.contextmanager
def _hold(path: Path) -> Iterator[IO[str] | None]:
    """An exclusive lock on the file, or None when another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the pid in the file is all there is
        fcntl = None  # type: ignore[assignment]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield None
                return
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        try:
            yield fh
        finally:
            fh.seek(0)
            fh.truncate()


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "a running process"


def integrity(connection: sqlite3.Connection) -> str:
    """'ok', or the first problem PRAGMA integrity_check reports."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    first = str(rows[0][0]) if rows else "no answer"
    return "ok" if first == "ok" and len(rows) == 1 else first


def restore_sqlite(source: Path, target: Path, data_dir: Path) -> Restored:
    """Replace the database at `target` with the SQLite backup at `source`, all or nothing."""
    source_ok = _check_source(source)
    with contextlib.ExitStack() as stack:
        try:
            held = stack.enter_context(_hold(lock_path(data_dir)))
        except OSError as exc:
            raise RestoreError(f"{data_dir}: cannot be written ({exc.strerror or exc})") from None
        if held is None:
            raise RestoreError(
                f"nextround is running ({_holder(lock_path(data_dir))}): "
                "stop the server, then restore"
            )
        kept = _keep_current(target)
        try:
            with contextlib.closing(sqlite3.connect(str(target), timeout=5)) as into:
                # Out of WAL for the copy: the backup API may then change the page size, and
                # this checkpoints and removes any -wal the old database left behind.
                into.execute("PRAGMA journal_mode=DELETE")
                with contextlib.closing(sqlite3.connect(source_ok, uri=True)) as src:
                    src.backup(into)
                into.execute("PRAGMA journal_mode=WAL")
                # Fold the restored pages into the main file and empty the -wal.
                into.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                after = integrity(into)
                count = int(
                    into.execute("SELECT count(*) FROM nextround_opportunity").fetchone()[0]
                )
        except sqlite3.Error as exc:
            raise RestoreError(
                f"{target}: the restore failed ({exc}); the database before it is at {kept}"
            ) from None
        if after != "ok":
            raise RestoreError(
                f"{target}: integrity_check after the restore says {after!r}; "
                f"the database before it is at {kept}"
            )
    return Restored(source=source, target=target, kept=kept, opportunities=count)


def _check_source(source: Path) -> str:
    """The backup's read-only URI once it is known to be a sound nextround database."""
    try:
        with source.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise RestoreError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    if head != SQLITE_MAGIC:
        raise RestoreError(
            f"{source}: is not a SQLite database (a JSON backup from `nextround export` is "
            "restored with `nextround import`)"
        )
    uri = f"{source.resolve().as_uri()}?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as src:
            found = integrity(src)
            tables = {
                row[0] for row in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.Error as exc:
        raise RestoreError(f"{source}: cannot be opened as a database ({exc})") from None
    if found != "ok":
        raise RestoreError(f"{source}: is damaged (integrity_check: {found}); nothing restored")
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise RestoreError(f"{source}: is not a nextround database (no {missing[0]} table)")
    return uri


def _keep_current(target: Path) -> Path | None:
    """Keep the database being replaced beside it: a sound copy, or its files moved aside."""
    if not target.exists():
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
    try:
        with contextlib.closing(sqlite3.connect(str(target), timeout=5)) as current:
            healthy = integrity(current) == "ok"
            if healthy:
                # Opening it replayed any leftover -wal; the backup API copies the result.
                with contextlib.closing(sqlite3.connect(str(kept))) as copy:
                    current.backup(copy)
                return kept
    except sqlite3.Error:
        pass
    # Damaged beyond opening: move the file and its -wal and -shm aside, restore into a new one.
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{target}{suffix}")
        if part.exists():
            part.replace(Path(f"{kept}{suffix}"))
    return kept

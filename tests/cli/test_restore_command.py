"""`nextround restore FILE`: a database backup put back safely, even over a leftover -wal."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_harness import Cli

SQLITE_ONLY = pytest.mark.skipif(
    os.environ.get("NEXTROUND_DATABASE_URL", "").startswith("postgres"),
    reason="restoring a database file is for SQLite; PostgreSQL uses pg_restore",
)

# Writes in WAL mode without ever checkpointing, says "ready", and goes on until it is killed.
WRITER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA wal_autocheckpoint=0")
db.execute("CREATE TABLE IF NOT EXISTS scratch (n INTEGER, pad BLOB)")
n = 0
while True:
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO scratch VALUES (?, ?)", [(n + i, b"x" * 500) for i in range(50)])
    db.execute("UPDATE nextround_opportunity SET notes = ? WHERE id = 1", (f"write {n}",))
    db.execute("COMMIT")
    n += 50
    if n == 5000:
        print("ready", flush=True)
"""


def database(cli: Cli) -> Path:
    return cli.data_dir / "nextround.sqlite3"


def integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def companies(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = db.execute("SELECT company FROM nextround_opportunity ORDER BY id").fetchall()
    return [str(row[0]) for row in rows]


def tables(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def backed_up(cli: Cli, tmp_path: Path) -> tuple[Path, list[str]]:
    """A sample opportunity backed up, then one more added after the backup."""
    assert cli("sample").code == 0
    backup = tmp_path / "nightly.sqlite3"
    made = cli("backup", "--output", str(backup))
    assert made.code == 0, made.err
    added = cli("opportunity", "add", "--company", "Added after the backup", "--role", "Analyst")
    assert added.code == 0, added.err
    return backup, companies(backup)


def kill_a_writer(cli: Cli) -> None:
    """A writer killed with SIGKILL mid-stream, leaving a -wal full of frames."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(database(cli))], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    wal = Path(f"{database(cli)}-wal")
    assert wal.exists() and wal.stat().st_size > 100_000


@SQLITE_ONLY
def test_a_restore_after_kill_9_with_a_wal_left_passes_integrity_check(
    cli: Cli, tmp_path: Path
) -> None:
    backup, expected = backed_up(cli, tmp_path)
    kill_a_writer(cli)
    result = cli("restore", str(backup))
    assert result.code == 0, result.err
    assert "integrity_check ok" in result.out
    db = database(cli)
    assert integrity(db) == "ok"
    assert companies(db) == expected
    assert "Added after the backup" not in companies(db)
    assert "scratch" not in tables(db)
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    # The app reads the restored data, and the database before is kept beside it.
    listed = cli.json("opportunity", "list")
    assert [o["company"] for o in listed] == expected
    kept = list(cli.data_dir.glob("nextround.before-restore-*.sqlite3"))
    assert len(kept) == 1 and integrity(kept[0]) == "ok"
    assert "Added after the backup" in companies(kept[0])


@SQLITE_ONLY
def test_the_restore_json_says_what_was_restored(cli: Cli, tmp_path: Path) -> None:
    backup, expected = backed_up(cli, tmp_path)
    data = cli.json("restore", str(backup))
    assert data["integrity_check"] == "ok"
    assert data["opportunities"] == len(expected)
    assert data["database"] == str(database(cli))


@SQLITE_ONLY
def test_a_restore_is_refused_while_the_server_runs(
    cli: Cli, tmp_path: Path, app_server: str
) -> None:
    backup, _ = backed_up(cli, tmp_path)
    before = companies(database(cli))
    result = cli("restore", str(backup))
    assert result.code == 1
    assert result.err.startswith("Error: nextround is running (process ")
    assert "stop the server, then restore" in result.err
    assert "Traceback" not in result.err
    assert companies(database(cli)) == before


@SQLITE_ONLY
def test_a_damaged_backup_is_refused_and_the_database_kept(cli: Cli, tmp_path: Path) -> None:
    backup, _ = backed_up(cli, tmp_path)
    data = bytearray(backup.read_bytes())
    # Garble the pages after the first: the header still says SQLite.
    data[8192:16384] = b"\xa5" * 8192
    backup.write_bytes(bytes(data))
    before = companies(database(cli))
    result = cli("restore", str(backup))
    assert result.code == 1
    assert "nothing restored" in result.err or "cannot be opened" in result.err
    assert "Traceback" not in result.err
    assert companies(database(cli)) == before
    assert not list(cli.data_dir.glob("*before-restore*"))


@SQLITE_ONLY
def test_a_json_backup_is_pointed_to_import(cli: Cli, tmp_path: Path) -> None:
    exported = tmp_path / "backup.json"
    exported.write_text('{"format": "nextround-backup", "format_version": 1}')
    result = cli("restore", str(exported))
    assert result.code == 1
    assert "is not a SQLite database" in result.err and "nextround import" in result.err


@SQLITE_ONLY
def test_a_sqlite_file_of_another_program_is_refused(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with contextlib.closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE notes (x)")
    result = cli("restore", str(other))
    assert result.code == 1
    assert "is not a nextround database" in result.err


def test_a_pg_dump_is_refused_with_the_way_to_restore_it(cli: Cli, tmp_path: Path) -> None:
    archive = tmp_path / "nightly.dump"
    archive.write_bytes(b"PGDMP")
    result = cli("restore", str(archive))
    assert result.code == 1
    if os.environ.get("NEXTROUND_DATABASE_URL", "").startswith("postgres"):
        assert "pg_restore --clean" in result.err  # on PostgreSQL: how to restore it
    else:
        assert "is not a SQLite database" in result.err


@SQLITE_ONLY
def test_a_second_server_on_the_same_data_folder_is_refused(cli: Cli, app_server: str) -> None:
    from tests.cli_harness import free_port

    result = cli("serve", "--port", str(free_port()), timeout=30)
    assert result.code == 1
    assert "another nextround server or restore is using" in result.err
    assert "Traceback" not in result.err

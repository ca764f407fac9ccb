"""Every row of every table of a server's database, read from outside the server."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

Snapshot = dict[str, list[tuple[Any, ...]]]

# Computation caches: content-addressed (text hash to sentence vector), holding no record of
# anyone's, filled by whichever request first computes a value. Compared apart: rows may be
# added, never changed or removed.
CACHES = frozenset({"nextround_embedding"})


class Database:
    """One read-only connection to the server's database (SQLite file or PostgreSQL)."""

    def __init__(self, env: dict[str, str]) -> None:
        url = env.get("NEXTROUND_DATABASE_URL", "")
        self.pg = url.startswith("postgres")
        if self.pg:
            import psycopg

            self.conn: Any = psycopg.connect(url, autocommit=True)
        else:
            path = Path(env["NEXTROUND_DATA_DIR"]) / "nextround.sqlite3"
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)

    def tables(self) -> list[str]:
        if self.pg:
            sql = (
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
        return sorted(row[0] for row in self.conn.execute(sql).fetchall())

    def snapshot(self) -> Snapshot:
        """Each table's rows, sorted, so that two snapshots compare equal when nothing changed."""
        out: Snapshot = {}
        for table in self.tables():
            quoted = '"' + table.replace('"', '""') + '"'
            rows = [tuple(row) for row in self.conn.execute(f"SELECT * FROM {quoted}").fetchall()]
            if table == "sqlite_sequence":  # SQLite's id counters: a cache's moves with it
                rows = [row for row in rows if row[0] not in CACHES]
            out[table] = sorted(rows, key=repr)
        return out

    def close(self) -> None:
        self.conn.close()


def changes(before: Snapshot, after: Snapshot) -> dict[str, dict[str, int]]:
    """Rows added and removed (a changed row is one of each), by table; caches may only grow."""
    found: dict[str, dict[str, int]] = {}
    for table in sorted(set(before) | set(after)):
        old = {repr(r) for r in before.get(table, [])}
        new = {repr(r) for r in after.get(table, [])}
        if table in CACHES and old <= new:
            continue
        if old != new:
            found[table] = {"added": len(new - old), "removed": len(old - new)}
    return found

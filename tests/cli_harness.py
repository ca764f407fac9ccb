"""Run the real `nextround` console script and server against a database of their own."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(sys.executable).with_name("nextround")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, f"exit {self.code}: {self.err}"
        return json.loads(self.out)


def _pg_url() -> str | None:
    url = os.environ.get("NEXTROUND_DATABASE_URL", "")
    return url if url.startswith("postgres") else None


class CliDatabase:
    """A database prepared once per session and emptied (or copied) for each test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pg_url: str | None = None
        base = _pg_url()
        if base:
            import psycopg

            head, _, name = base.rpartition("/")
            cli_name = f"{name.split('?')[0]}_cli"
            with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{cli_name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{cli_name}"')
            self.pg_url = f"{head}/{cli_name}"
        self.template = root / "template"
        self.template.mkdir()
        result = subprocess.run(
            [str(SCRIPT), "init"], env=self.env(self.template), capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr

    def env(self, data_dir: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
        env["NEXTROUND_DATA_DIR"] = str(data_dir)
        env["COLUMNS"] = "200"
        if self.pg_url:
            env["NEXTROUND_DATABASE_URL"] = self.pg_url
        return env

    def fresh(self, data_dir: Path) -> dict[str, str]:
        """An environment whose database is migrated and empty."""
        if self.pg_url:
            import psycopg

            with psycopg.connect(self.pg_url, autocommit=True) as conn:
                tables = [
                    row[0]
                    for row in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND (tablename LIKE 'nextround%%' OR tablename LIKE 'auth_user%%')"
                    )
                ]
                conn.execute(
                    "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
                )
            data_dir.mkdir(exist_ok=True)
        else:
            shutil.copytree(self.template, data_dir)
        return self.env(data_dir)


@pytest.fixture(scope="session")
def cli_database(tmp_path_factory: pytest.TempPathFactory) -> CliDatabase:
    return CliDatabase(tmp_path_factory.mktemp("cli"))


class Cli:
    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.env = env
        self.data_dir = data_dir

    def __call__(self, *args: str, input: str | None = None, timeout: float = 60) -> Result:
        proc = subprocess.run(
            [str(SCRIPT), *args],
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def json(self, *args: str) -> Any:
        return self(*args, "--json").json()


@pytest.fixture
def cli(cli_database: CliDatabase, tmp_path: Path) -> Cli:
    data_dir = tmp_path / "data"
    return Cli(cli_database.fresh(data_dir), data_dir)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def app_server(cli: Cli) -> Iterator[str]:
    """The real `nextround serve` on a free loopback port, with the test's own database."""
    port = free_port()
    proc = subprocess.Popen(
        [str(SCRIPT), "serve", "--port", str(port)],
        env=cli.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"nextround serve exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("nextround serve did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()

"""Real server-mode processes (gunicorn, several workers) over a database of their own."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.cli_harness import SCRIPT, free_port

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def _pg_base() -> str | None:
    url = os.environ.get("NEXTROUND_DATABASE_URL", "")
    return url if url.startswith("postgres") else None


def _fresh_pg_database(suffix: str) -> str:
    import psycopg

    base = _pg_base()
    assert base
    head, _, name = base.rpartition("/")
    db_name = f"{name.split('?')[0]}_{suffix}"
    with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db_name}"')
    return f"{head}/{db_name}"


def server_env(data_dir: Path, suffix: str = "server", **extra: str) -> dict[str, str]:
    """Server mode with a strong key and a database of its own (SQLite file or PostgreSQL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
    data_dir.mkdir(parents=True, exist_ok=True)
    env.update(
        NEXTROUND_MODE="server",
        NEXTROUND_SECRET_KEY=secrets.token_urlsafe(48),
        NEXTROUND_DATA_DIR=str(data_dir),
        NEXTROUND_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        COLUMNS="200",
    )
    if _pg_base():
        env["NEXTROUND_DATABASE_URL"] = _fresh_pg_database(suffix)
    env.update(extra)
    return env


def run(
    env: dict[str, str], *args: str, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], env=env, input=input, capture_output=True, text=True, timeout=120
    )


def seed(env: dict[str, str]) -> dict[str, Any]:
    migrated = run(env, "user", "list")
    assert migrated.returncode == 0, migrated.stderr
    done = subprocess.run(
        [PYTHON, "-m", "tests.server.seed"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


@dataclass
class Server:
    env: dict[str, str]
    workers: int = 3
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        self.proc = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--config",
                "python:nextround.web.gunicorn_config",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "nextround.web.wsgi:application",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                pytest.fail(f"gunicorn exited: {err[-2000:]}")
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        pytest.fail("gunicorn did not answer /health within 60 s")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            # The whole process group: the gunicorn master and its workers, nothing else.
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None


def sign_in(server: Server, username: str, password: str) -> requests.Session:
    """A browser-like session: fetch the form (CSRF cookie), post the credentials."""
    session = requests.Session()
    page = session.get(server.url + "/account/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    done = session.post(
        server.url + "/account/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": server.url + "/account/login/"},
        allow_redirects=False,
        timeout=10,
    )
    assert done.status_code == 302, done.text[:500]
    return session


def csrf_of(session: requests.Session) -> str:
    return str(session.cookies.get("csrftoken", ""))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, Any]]]:
    """One seeded server for a module's read-mostly tests."""
    env = server_env(tmp_path_factory.mktemp("server"), "server_matrix", NEXTROUND_SIGNUP="open")
    data = seed(env)
    server = Server(env).start()
    yield server, data
    server.stop()


def inspect(env: dict[str, str], *args: str) -> Any:
    done = subprocess.run(
        [PYTHON, "-m", "tests.server.inspect_db", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)

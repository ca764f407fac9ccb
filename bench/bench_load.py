"""Load: 50 concurrent users browse and save for 60 s against gunicorn (4 workers) on loopback.

Each user signs in, then loops: the dashboard, an opportunity page, the API's list, and one
save in four (a new opportunity through the API). Reports throughput, p50/p95/p99 latency and
errors (must be zero), then counts rows: every acknowledged save must be stored.
Set BENCH_LOAD_SECONDS to shorten the run; the database is SQLite unless
NEXTROUND_DATABASE_URL names a PostgreSQL server (a database of its own is made there).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from bench.common import Row

USERS = 50
WORKERS = 4
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench password 12345"

SETUP = f"""
import json
from nextround import bootstrap
bootstrap.setup()
from nextround.services import accounts
from nextround.services import records as r
out = []
for i in range({USERS}):
    user = accounts.add_user(f"user{{i}}", {PASSWORD!r})
    opp = r.opportunities.create(user, company=f"Start {{i}}", role="Analyst")
    out.append({{"name": user.username, "opp": opp.pk,
                 "token": accounts.create_token(user, "bench").token}})
print(json.dumps(out))
"""

COUNT = """
import json, sys
from nextround import bootstrap
bootstrap.setup()
from django.db.models import Count
from nextround.store import models as m
rows = m.Opportunity.objects.values("owner__username").annotate(n=Count("id"))
print(json.dumps({row["owner__username"]: row["n"] for row in rows}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
    env.update(
        NEXTROUND_MODE="server",
        NEXTROUND_SECRET_KEY=secrets.token_urlsafe(48),
        NEXTROUND_DATA_DIR=str(data_dir),
        NEXTROUND_LOG_LEVEL="WARNING",
        NEXTROUND_LOGIN_ATTEMPTS="1000",
    )
    base = os.environ.get("NEXTROUND_DATABASE_URL", "")
    if base.startswith("postgres"):
        import psycopg

        head, _, name = base.rpartition("/")
        db = f"{name.split('?')[0]}_bench_load"
        with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{db}"')
        env["NEXTROUND_DATABASE_URL"] = f"{head}/{db}"
    return env


def _python(env: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return done.stdout


def _sign_in(url: str, name: str) -> requests.Session:
    session = requests.Session()
    page = session.get(url + "/account/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token
    session.post(
        url + "/account/login/",
        data={"username": name, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": url + "/account/login/"},
        timeout=10,
    )
    return session


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run() -> list[Row]:
    data_dir = Path(tempfile.mkdtemp(prefix="nextround-load-"))
    env = _env(data_dir)
    people = json.loads(_python(env, SETUP))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:nextround.web.gunicorn_config",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "nextround.web.wsgi:application",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(300):
            try:
                if requests.get(url + "/health", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        latencies: list[float] = []
        errors: list[str] = []
        saved: dict[str, int] = {}
        lock = threading.Lock()
        sessions = [_sign_in(url, p["name"]) for p in people]
        stop_at = time.monotonic() + SECONDS

        def user(index: int) -> None:
            person, session = people[index], sessions[index]
            api = {"Authorization": "Bearer " + person["token"]}
            n = 0
            mine: list[float] = []
            while time.monotonic() < stop_at:
                n += 1
                step = n % 4
                start = time.perf_counter()
                try:
                    if step == 0:
                        response = session.post(
                            url + "/api/opportunities",
                            json={"company": f"Saved {index}-{n}", "role": "Analyst"},
                            headers=api,
                            timeout=30,
                        )
                        ok = response.status_code == 201
                        if ok:
                            with lock:
                                saved[person["name"]] = saved.get(person["name"], 0) + 1
                    elif step == 1:
                        response = session.get(url + "/", timeout=30)
                        ok = response.status_code == 200
                    elif step == 2:
                        response = session.get(f"{url}/opportunities/{person['opp']}/", timeout=30)
                        ok = response.status_code == 200
                    else:
                        response = session.get(url + "/api/opportunities", headers=api, timeout=30)
                        ok = response.status_code == 200
                    if not ok:
                        with lock:
                            errors.append(f"{response.request.method} {response.status_code}")
                except requests.RequestException as exc:
                    with lock:
                        errors.append(type(exc).__name__)
                mine.append((time.perf_counter() - start) * 1000)
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=user, args=(i,)) for i in range(USERS)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    stored = json.loads(_python(env, COUNT))
    lost = sum(max(0, saved.get(p["name"], 0) + 1 - stored.get(p["name"], 0)) for p in people)
    area = f"load ({USERS} users, {WORKERS} workers, {int(SECONDS)} s)"
    return [
        Row(area, "throughput", f"{len(latencies) / elapsed:.0f} requests/s"),
        Row(area, "latency p50", f"{_percentile(latencies, 0.50):.0f} ms"),
        Row(
            area,
            "latency p95",
            f"{_percentile(latencies, 0.95):.0f} ms",
            "< 1000 ms",
            _percentile(latencies, 0.95) < 1000,
        ),
        Row(area, "latency p99", f"{_percentile(latencies, 0.99):.0f} ms"),
        Row(area, "errors", f"{len(errors)} of {len(latencies)}", "0", not errors),
        Row(
            area,
            "saves stored / acknowledged",
            f"{sum(saved.values())} lost {lost}",
            "0 lost",
            lost == 0,
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

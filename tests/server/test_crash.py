"""kill -9 gunicorn (several workers) in a burst of writes: no acknowledged write is lost."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import requests

from tests.server.conftest import Server, inspect, seed, server_env

WRITERS = 8


def test_every_acknowledged_write_survives_a_kill_9(tmp_path: Path) -> None:
    env = server_env(tmp_path / "d", "server_crash")
    data = seed(env)
    server = Server(env, workers=4).start()
    headers = {"Authorization": "Bearer " + data["tokens"]["owner"]}
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def write(writer: int) -> None:
        session = requests.Session()
        n = 0
        while not stop.is_set():
            company = f"Crashco {writer}-{n}"
            n += 1
            try:
                response = session.post(
                    server.url + "/api/opportunities",
                    json={"company": company, "role": "Analyst", "notes": "x" * 2000},
                    headers=headers,
                    timeout=5,
                )
            except requests.RequestException:
                continue  # the server died mid-request: not acknowledged
            if response.status_code == 201:
                with lock:
                    acknowledged.append(company)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 150 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop(signal.SIGKILL)  # master and every worker at once, mid-burst
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(acknowledged) >= 150
    report = inspect(env, "integrity")
    if report["engine"] == "sqlite":
        assert report["integrity_check"] == "ok"
        assert report["foreign_key_check"] == 0
    assert report["orphans"] == {}
    stored = set(report["companies"])
    lost = [c for c in acknowledged if c not in stored]
    assert not lost, f"{len(lost)} acknowledged writes lost, e.g. {lost[:3]}"
    # And it starts again, serving what was written.
    again = Server(env, workers=2).start()
    try:
        listed = requests.get(server_url := again.url + "/api/opportunities", headers=headers)
        assert listed.status_code == 200, server_url
        assert {o["company"] for o in listed.json()} >= set(acknowledged)
    finally:
        again.stop()

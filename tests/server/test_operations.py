"""Operations: the worker runs queued jobs, backup and restore, export, and account deletion."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.server.conftest import Server, inspect, run, seed, server_env, sign_in


@pytest.fixture
def fresh(tmp_path: Path) -> tuple[dict[str, str], dict[str, Any]]:
    env = server_env(tmp_path / "d", "server_ops")
    return env, seed(env)


def test_the_worker_runs_a_queued_batch_analysis(
    fresh: tuple[dict[str, str], dict[str, Any]],
) -> None:
    env, data = fresh
    server = Server(env, workers=2).start()
    try:
        headers = {"Authorization": "Bearer " + data["tokens"]["owner"]}
        answers = [
            {
                "question": "Tell me about a time you led a team.",
                "answer": "I led five analysts "
                "through a migration; I planned the work and we cut report time by 40%.",
            },
            {"question": "Why this role?", "answer": "Um, I guess it seems fine."},
        ]
        queued = requests.post(
            server.url + "/api/jobs",
            json={"kind": "batch-analysis", "params": {"answers": answers}},
            headers=headers,
            timeout=10,
        )
        assert queued.status_code == 202
        job = queued.json()
        assert job["status"] == "queued"
        # The request did not do the work: nothing runs until a worker takes it.
        not_yet = requests.get(f"{server.url}/api/jobs/{job['id']}/result", headers=headers)
        assert not_yet.status_code == 400
        assert not_yet.json()["error"]["message"] == f"job {job['id']} is queued, not done"
        worked = run(env, "worker", "--once")
        assert worked.returncode == 0, worked.stderr
        assert "Ran 1 job." in worked.stdout
        status = requests.get(f"{server.url}/api/jobs/{job['id']}", headers=headers).json()
        assert status["status"] == "done"
        result = requests.get(f"{server.url}/api/jobs/{job['id']}/result", headers=headers).json()
        body = json.loads(base64.b64decode(result["data_base64"]))
        assert [r["question"] for r in body["results"]] == [a["question"] for a in answers]
        strong, weak = (r["overall"] for r in body["results"])
        assert strong > weak
        # Another user cannot see the job.
        other = {"Authorization": "Bearer " + data["tokens"]["stranger"]}
        assert requests.get(f"{server.url}/api/jobs/{job['id']}", headers=other).status_code == 404
    finally:
        server.stop()


def test_a_failing_job_is_marked_failed_with_a_clear_message(
    fresh: tuple[dict[str, str], dict[str, Any]],
) -> None:
    env, data = fresh
    server = Server(env, workers=1).start()
    try:
        headers = {"Authorization": "Bearer " + data["tokens"]["owner"]}
        job = requests.post(
            server.url + "/api/jobs",
            json={"kind": "batch-analysis", "params": {"answers": []}},
            headers=headers,
        ).json()
        assert run(env, "worker", "--once").returncode == 0
        status = requests.get(f"{server.url}/api/jobs/{job['id']}", headers=headers).json()
        assert status["status"] == "failed"
        assert status["error"] == "batch analysis needs a non-empty list of answers"
        unknown = requests.post(
            server.url + "/api/jobs", json={"kind": "mine-bitcoin"}, headers=headers
        )
        assert unknown.status_code == 422
        assert "kind" in unknown.json()["error"]["fields"]
    finally:
        server.stop()


def test_a_backup_taken_while_serving_restores_every_record(
    fresh: tuple[dict[str, str], dict[str, Any]], tmp_path: Path
) -> None:
    env, data = fresh
    server = Server(env, workers=2).start()
    try:
        headers = {"Authorization": "Bearer " + data["tokens"]["owner"]}
        requests.post(
            server.url + "/api/opportunities",
            json={"company": "Umbrella", "role": "Lead Analyst"},
            headers=headers,
        )
        target = tmp_path / "nextround-backup.db"
        made = run(env, "backup", "--output", str(target), "--json")
        if "NEXTROUND_DATABASE_URL" in env and shutil.which("pg_dump") is None:
            assert made.returncode == 1
            assert "pg_dump is not installed" in made.stderr
            assert "pg_restore" in made.stderr
            return
        assert made.returncode == 0, made.stderr
        assert json.loads(made.stdout)["bytes"] > 0
    finally:
        server.stop()
    if "NEXTROUND_DATABASE_URL" in env:
        return  # the archive is pg_restore's to read; its making is what nextround owns
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    shutil.copy(target, restored_dir / "nextround.sqlite3")
    restored_env = {**env, "NEXTROUND_DATA_DIR": str(restored_dir)}
    report = inspect(restored_env, "integrity")
    assert report["integrity_check"] == "ok"
    assert report["companies"] == ["Acme Retail", "Globex", "Hooli", "Umbrella"]
    again = Server(restored_env, workers=1).start()
    try:
        headers = {"Authorization": "Bearer " + data["tokens"]["owner"]}
        listed = requests.get(again.url + "/api/opportunities", headers=headers).json()
        assert sorted(o["company"] for o in listed) == ["Acme Retail", "Globex", "Umbrella"]
    finally:
        again.stop()


def test_backup_refuses_a_folder_or_missing_place_clearly(
    fresh: tuple[dict[str, str], dict[str, Any]], tmp_path: Path
) -> None:
    env, _ = fresh
    done = run(env, "backup", "--output", str(tmp_path / "no" / "such" / "dir" / "b.db"))
    assert done.returncode == 1
    assert "does not exist" in done.stderr
    assert "Traceback" not in done.stderr


def test_deleting_an_account_leaves_nothing_of_it_behind(
    fresh: tuple[dict[str, str], dict[str, Any]], tmp_path: Path
) -> None:
    env, data = fresh
    server = Server(env, workers=1).start()
    try:
        owner = sign_in(server, "owner", data["password"])
        exported = owner.get(server.url + "/account/export/", timeout=30)
        assert exported.headers["Content-Disposition"].startswith("attachment")
        backup = exported.json()
        assert backup["format"] == "nextround-backup"
        assert len(backup["opportunities"]) == 2
        assert (
            run(env, "user", "export", "owner", "-o", str(tmp_path / "owner.json")).returncode == 0
        )
        assert (
            json.loads((tmp_path / "owner.json").read_text())["opportunities"]
            == backup["opportunities"]
        )
        me = requests.get(
            server.url + "/api/me", headers={"Authorization": "Bearer " + data["tokens"]["owner"]}
        ).json()
        token = owner.cookies.get("csrftoken")
        wrong = owner.post(
            server.url + "/account/delete/",
            data={"password": "not it", "csrfmiddlewaretoken": token},
            headers={"Referer": server.url + "/account/"},
            allow_redirects=False,
        )
        assert wrong.status_code == 400
        assert inspect(env, "owner-rows", str(me["id"]))["User"] == 1
        gone = owner.post(
            server.url + "/account/delete/",
            data={"password": data["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": server.url + "/account/"},
            allow_redirects=False,
        )
        assert gone.status_code == 302
        rows = inspect(env, "owner-rows", str(me["id"]))
        assert rows and all(n == 0 for n in rows.values()), rows
        # Their token no longer opens anything, and the sharee no longer sees their opportunity.
        api = requests.get(
            server.url + "/api/me", headers={"Authorization": "Bearer " + data["tokens"]["owner"]}
        )
        assert api.status_code == 401
        viewer = {"Authorization": "Bearer " + data["tokens"]["viewer"]}
        assert requests.get(server.url + "/api/shared", headers=viewer).json() == []
        # Other people's data is untouched.
        assert inspect(env, "integrity")["companies"] == ["Hooli"]
    finally:
        server.stop()
    # The data left with them: their export restores in a local nextround of their own.
    local = {k: v for k, v in env.items() if not k.startswith("NEXTROUND_")}
    local["NEXTROUND_DATA_DIR"] = str(tmp_path / "local")
    done = run(local, "import", str(tmp_path / "owner.json"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["restored"]["opportunities"] == 2


def test_the_cli_deletes_an_account_by_name(fresh: tuple[dict[str, str], dict[str, Any]]) -> None:
    env, _ = fresh
    listed = json.loads(run(env, "user", "list", "--json").stdout)
    stranger = next(u for u in listed if u["username"] == "stranger")
    done = run(env, "user", "delete", "stranger", "--yes")
    assert done.returncode == 0
    rows = inspect(env, "owner-rows", str(stranger["id"]))
    assert all(n == 0 for n in rows.values()), rows
    missing = run(env, "user", "delete", "nobody", "--yes")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: no user named 'nobody'"

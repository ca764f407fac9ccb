"""The jobs API: queue, look, fetch the file; a full queue is 429 in the error shape."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client, override_settings

from nextround.services import accounts, jobs

ANSWERS = [{"question": "Why this role?", "answer": "I led the team that built the same thing."}]


@pytest.fixture
def api(db: None) -> Client:
    user = accounts.add_user("alice", "correct horse battery staple 7")
    return Client(headers={"Authorization": f"Bearer {accounts.create_token(user, 't').token}"})


def _queue(api: Client, kind: str = "batch-analysis", **params: Any) -> Any:
    body = json.dumps({"kind": kind, "params": params or {"answers": ANSWERS}})
    return api.post("/api/jobs", body, content_type="application/json")


@override_settings(LOCAL_MODE=False)
def test_a_job_is_queued_run_and_fetched(api: Client) -> None:
    queued = _queue(api)
    assert queued.status_code == 202
    job = queued.json()
    assert job["status"] == "queued" and len(job["id"]) == 36
    jobs.run_one()
    assert api.get(f"/api/jobs/{job['id']}").json()["status"] == "done"
    result = api.get(f"/api/jobs/{job['id']}/result").json()
    assert result["name"] == "analysis.json"
    body = json.loads(base64.b64decode(result["data_base64"]))
    assert body["results"][0]["question"] == "Why this role?"


@override_settings(LOCAL_MODE=False)
def test_a_full_queue_is_too_many_requests(api: Client) -> None:
    for _ in range(jobs.MAX_WAITING):
        assert _queue(api).status_code == 202
    full = _queue(api)
    assert full.status_code == 429
    assert full.json()["error"]["code"] == "throttled"
    assert "10 jobs waiting" in full.json()["error"]["message"]


@override_settings(LOCAL_MODE=False)
@pytest.mark.parametrize("job_id", ["1", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_an_id_that_is_no_job_is_404(api: Client, job_id: str) -> None:
    for path in (f"/api/jobs/{job_id}", f"/api/jobs/{job_id}/result"):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_in_local_mode_a_job_is_done_when_the_answer_comes(db: None) -> None:
    queued = _queue(Client())
    assert queued.status_code == 202 and queued.json()["status"] == "done"

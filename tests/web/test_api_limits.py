"""The API's limits answer in its own JSON error shape."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from nextround.services import accounts
from nextround.store import models as m


@pytest.fixture
def api(db: None) -> Client:
    user = accounts.add_user("alice", "correct horse battery staple 7")
    token = accounts.create_token(user, "tests").token
    return Client(headers={"Authorization": f"Bearer {token}"})


@override_settings(LOCAL_MODE=False)
@pytest.mark.parametrize("path", ["/api/opportunities", "/api/practice/analyse"])
def test_a_body_over_the_limit_is_a_413_in_the_error_shape(api: Client, path: str) -> None:
    body = json.dumps({"company": "Acme", "role": "Analyst", "notes": "x" * 6_000_000})
    response = api.post(path, body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert "too large" in error["message"] and "5 MB" in error["message"]
    assert not m.Opportunity.objects.exists()


@override_settings(LOCAL_MODE=False)
def test_a_body_under_the_limit_is_read(api: Client) -> None:
    body = json.dumps({"company": "Acme", "role": "Analyst"})
    assert api.post("/api/opportunities", body, content_type="application/json").status_code == 201
    assert User.objects.count() == 1

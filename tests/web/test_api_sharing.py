"""Sharing through the API tells no one which usernames have an account here."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, override_settings

from nextround.services import accounts
from nextround.services import records as r
from nextround.store import models as m

PASSWORD = "correct horse battery staple 7"


@pytest.fixture
def alice(db: None) -> Any:
    return accounts.add_user("alice", PASSWORD)


def _api(user: Any) -> Client:
    return Client(headers={"Authorization": f"Bearer {accounts.create_token(user, 't').token}"})


def _share(api: Client, pk: int, name: str, role: str = "viewer") -> Any:
    body = json.dumps({"username": name, "role": role})
    return api.post(f"/api/opportunities/{pk}/shares", body, content_type="application/json")


@override_settings(LOCAL_MODE=False)
def test_a_known_and_an_unknown_username_get_the_same_answer(alice: Any) -> None:
    accounts.add_user("coach", PASSWORD)
    gone = accounts.add_user("retired", PASSWORD)
    gone.is_active = False
    gone.save()
    opp = r.opportunities.create(alice, company="Acme", role="Analyst")
    api = _api(alice)
    answers = []
    for name in ("coach", "nobody-here", "retired", "COACH"):
        response = _share(api, opp.pk, name)
        answers.append((response.status_code, response.content.decode().replace(name, "NAME")))
    assert len(set(answers)) == 1, answers
    status, body = answers[0]
    assert status == 202
    assert json.loads(body) == {
        "opportunity_id": opp.pk,
        "username": "NAME",
        "role": "viewer",
        "message": "Shared with NAME if they have an account here (check the list of shares).",
    }
    # Only the real, active account got the share; the owner's list says so.
    assert list(m.Share.objects.values_list("grantee__username", flat=True)) == ["coach"]
    listed = api.get(f"/api/opportunities/{opp.pk}/shares").json()
    assert [s["grantee"] for s in listed] == ["coach"]


@override_settings(LOCAL_MODE=False)
def test_what_does_not_depend_on_other_accounts_is_still_refused(alice: Any) -> None:
    opp = r.opportunities.create(alice, company="Acme", role="Analyst")
    api = _api(alice)
    blank = _share(api, opp.pk, "   ")
    assert blank.status_code == 422
    assert blank.json()["error"]["fields"] == {
        "username": ["type the username of the person to share with"]
    }
    mine = _share(api, opp.pk, "alice")
    assert mine.status_code == 422
    assert "you already own this opportunity" in mine.json()["error"]["message"]
    assert not m.Share.objects.exists()


@override_settings(LOCAL_MODE=False)
def test_someone_elses_opportunity_cannot_be_shared_whatever_the_username(alice: Any) -> None:
    bob = accounts.add_user("bob", PASSWORD)
    opp = r.opportunities.create(bob, company="Hooli", role="Analyst")
    api = _api(alice)
    assert {_share(api, opp.pk, n).status_code for n in ("bob", "nobody-here")} == {404}
    assert not m.Share.objects.exists()

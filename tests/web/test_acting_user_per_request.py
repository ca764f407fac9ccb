"""The acting user is set for one request and reset after it, whatever authenticated it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from nextround.services import access, accounts
from nextround.services import records as r
from nextround.store import models as m

PASSWORD = "correct horse battery staple 7"


@pytest.fixture
def people(db: None) -> dict[str, User]:
    return {
        name: accounts.add_user(name, PASSWORD, admin=name == "admin")
        for name in ("admin", "alice", "bob")
    }


def _bearer(user: User) -> Client:
    token = accounts.create_token(user, "tests").token
    return Client(headers={"Authorization": f"Bearer {token}"})


def _session(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@override_settings(LOCAL_MODE=False, SIGNUP="invite")
def test_an_invite_sign_up_after_a_token_request_succeeds(people: dict[str, User]) -> None:
    invite = accounts.invite(people["admin"])
    assert _bearer(people["alice"]).get("/api/me").status_code == 200
    assert access.current_actor() is None
    response = Client().post(
        "/account/signup/",
        {"username": "carol", "password": PASSWORD, "invite": invite},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert User.objects.filter(username="carol").exists()
    assert m.SignupInvite.objects.get(owner=people["admin"]).used_at is not None


@override_settings(LOCAL_MODE=False)
def test_interleaved_token_and_session_requests_each_act_as_their_own_user(
    people: dict[str, User],
) -> None:
    alice, bob = people["alice"], people["bob"]
    alice_api, bob_api = _bearer(alice), _bearer(bob)
    alice_web, bob_web = _session(alice), _session(bob)
    made: list[tuple[str, int]] = []
    for n in range(3):
        for who, client, kind in (
            ("alice", alice_api, "api"),
            ("bob", bob_web, "web"),
            ("bob", bob_api, "api"),
            ("alice", alice_web, "web"),
        ):
            company = f"{who}-{kind}-{n}"
            if kind == "api":
                response = client.post(
                    "/api/opportunities",
                    {"company": company, "role": "Analyst"},
                    content_type="application/json",
                )
                assert response.status_code == 201, response.content
            else:
                response = client.post(
                    "/opportunities/new/",
                    {
                        "company": company,
                        "role": "Analyst",
                        "stage": "interviewing",
                        "dress_code": "unknown",
                    },
                )
                assert response.status_code == 302, response.content.decode()[:500]
            assert access.current_actor() is None
            made.append((company, people[who].pk))
            # An anonymous request in between acts as nobody and may not write as anyone.
            assert Client().get("/api/me").status_code == 401
    owners = dict(m.Opportunity.objects.values_list("company", "owner_id"))
    assert owners == dict(made)
    assert {o.company for o in r.opportunities.list(alice)} == {
        c for c, pk in made if pk == alice.pk
    }

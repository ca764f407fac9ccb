"""Sign-in throttling per (username, address) and reset links consumed once, even concurrently."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.test import override_settings

from nextround.services import accounts
from nextround.services.errors import ServiceError

PASSWORD = "correct horse battery staple 7"


@pytest.fixture
def alice(db: None) -> User:
    return accounts.add_user("alice", PASSWORD)


def _fail(username: str, address: str) -> str:
    try:
        accounts.sign_in(username, "wrong password", address)
    except accounts.Throttled:
        return "429"
    except ServiceError:
        return "400"
    return "200"


@override_settings(LOGIN_ATTEMPTS=5)
def test_wrong_passwords_from_one_address_do_not_lock_out_another(alice: User) -> None:
    assert [_fail("alice", "203.0.113.9") for _ in range(7)] == ["400"] * 5 + ["429"] * 2
    # The attacker's address is refused, even with the right password...
    with pytest.raises(accounts.Throttled):
        accounts.sign_in("alice", PASSWORD, "203.0.113.9")
    # ...while Alice at her own address signs in, and her failures elsewhere were not hers.
    assert accounts.sign_in("alice ", PASSWORD, "198.51.100.7") == alice
    assert _fail("alice", "198.51.100.7") == "400"


@override_settings(LOGIN_ATTEMPTS=5)
def test_unknown_and_known_usernames_get_the_same_answer(alice: User) -> None:
    for name in ("alice", "nobody-here"):
        with pytest.raises(ServiceError) as refused:
            accounts.sign_in(name, "wrong password", "192.0.2.1")
        assert str(refused.value) == "That username and password do not match an account."


@override_settings(LOGIN_ATTEMPTS=5)
def test_no_more_passwords_are_checked_than_the_limit_when_attempts_overlap(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.contrib.auth import authenticate as real

    import nextround.services.accounts as module

    checked: list[str] = []
    overlap = {"armed": False}

    def checking(**credentials: Any) -> Any:
        checked.append(credentials["password"])
        if overlap["armed"]:
            # A second attempt arrives while this one's password is being checked.
            overlap["armed"] = False
            _fail("alice", "203.0.113.9")
        return real(**credentials)

    monkeypatch.setattr(module, "authenticate", checking)
    for _ in range(4):
        _fail("alice", "203.0.113.9")
    overlap["armed"] = True
    _fail("alice", "203.0.113.9")
    assert _fail("alice", "203.0.113.9") == "429"
    assert len(checked) == 5


def test_a_reset_link_used_twice_at_once_works_once(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = accounts.reset_token(alice)
    real = default_token_generator.check_token
    results: list[str] = []

    def check_then_let_the_other_request_finish(user: Any, part: str) -> bool:
        valid = real(user, part)
        if not results:
            # The second POST of the same link runs to the end between our check and our write.
            results.append("second")
            accounts.reset_password(token, "second new password 2")
        return valid

    monkeypatch.setattr(
        default_token_generator, "check_token", check_then_let_the_other_request_finish
    )
    with pytest.raises(ServiceError, match="unknown or used"):
        accounts.reset_password(token, "first new password 1")
    alice.refresh_from_db()
    assert alice.check_password("second new password 2")
    assert not alice.check_password("first new password 1")
    monkeypatch.undo()
    with pytest.raises(ServiceError, match="unknown or used"):
        accounts.reset_password(token, "third new password 3")


@override_settings(LOCAL_MODE=False)
def test_the_share_form_answers_the_same_for_an_unknown_username(alice: User) -> None:
    from django.test import Client

    from nextround.services import records as r
    from nextround.store import models as m

    accounts.add_user("coach", PASSWORD)
    opp = r.opportunities.create(alice, company="Acme", role="Analyst")
    client = Client()
    client.force_login(alice)
    answers = []
    for name in ("coach", "nobody-here"):
        response = client.post(
            f"/opportunities/{opp.pk}/shares/", {"username": name, "role": "viewer"}, follow=True
        )
        assert response.status_code == 200
        text = response.content.decode().replace(name, "NAME")
        answers.append((response.redirect_chain, "no account" in text, "if they have" in text))
    assert answers[0] == answers[1]
    assert answers[0][1] is False and answers[0][2] is True
    assert list(m.Share.objects.values_list("grantee__username", flat=True)) == ["coach"]

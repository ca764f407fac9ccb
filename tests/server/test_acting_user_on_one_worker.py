"""One gunicorn worker serves sessions and API tokens of different users in turn: each request
acts as its own user only (a token's user used to stay set for the worker's next requests)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import requests

from tests.server.conftest import Server, csrf_of, run, seed, server_env, sign_in


def _form(session: requests.Session, url: str, **fields: str) -> requests.Response:
    page = session.get(url, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    data = {**fields, "csrfmiddlewaretoken": token.group(1) if token else csrf_of(session)}
    return session.post(url, data=data, headers={"Referer": url}, allow_redirects=False, timeout=10)


def test_sessions_and_tokens_interleaved_on_one_worker(tmp_path: Path) -> None:
    env = server_env(tmp_path / "d", "server_actor", NEXTROUND_SIGNUP="invite")
    data = seed(env)
    server = Server(env, workers=1).start()
    try:
        owner_web = sign_in(server, "owner", data["password"])
        tokens = {name: data["tokens"][name] for name in ("viewer", "stranger")}
        made: dict[str, str] = {}
        for n in range(3):
            for name, token in tokens.items():
                # A token write as one user...
                company = f"{name}-api-{n}"
                response = requests.post(
                    server.url + "/api/opportunities",
                    json={"company": company, "role": "Analyst"},
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=10,
                )
                assert response.status_code == 201, response.text
                made[company] = name
                # ...then, on the same worker, a session write by another...
                company = f"owner-web-{n}-{name}"
                response = _form(
                    owner_web,
                    server.url + "/opportunities/new/",
                    company=company,
                    role="Analyst",
                    stage="interviewing",
                    dress_code="unknown",
                )
                assert response.status_code == 302, response.text[:500]
                made[company] = "owner"
                # ...and an invite sign-up by nobody yet, which the token's user used to block.
                code = json.loads(run(env, "user", "invite", "--json").stdout)["token"]
                joined = _form(
                    requests.Session(),
                    server.url + "/account/signup/",
                    username=f"new-{name}-{n}",
                    password="a long pass for a new one",
                    invite=code,
                )
                assert joined.status_code == 302, joined.text[:800]
        for name in ("owner", "viewer", "stranger"):
            mine = requests.get(
                server.url + "/api/opportunities",
                headers={"Authorization": "Bearer " + data["tokens"][name]},
                timeout=10,
            ).json()
            companies = {o["company"] for o in mine}
            assert {c for c, who in made.items() if who == name} <= companies
            assert not {c for c, who in made.items() if who != name} & companies
    finally:
        server.stop()

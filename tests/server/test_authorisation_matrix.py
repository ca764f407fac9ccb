"""The authorisation matrix: every page and API operation as owner, viewer, commenter, another
user and anonymous, with the exact answer each gets. A route missing from the tables fails.

Statuses: 200/201/302 allowed; 400/422 allowed to try (the empty test input is refused by
validation, not by permission); 403/404 denied; 405 method not offered; 302L sent to sign in;
401 API without credentials. Every write is sent with an empty body; the owner's data must be
byte-for-byte the same afterwards.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.server.conftest import Server, csrf_of, sign_in
from tests.server.matrix import PERSONAS, fill, page_routes

# owner viewer commenter stranger anonymous
GET_PAGES = {
    "/": "200 200 200 200 302L",
    "/account/": "200 200 200 200 302L",
    "/account/delete/": "405 405 405 405 302L",
    "/account/export/": "200 200 200 200 302L",
    "/account/login/": "200 200 200 200 200",
    "/account/logout/": "405 405 405 405 302L",
    "/account/reset/1-not-a-token/": "200 200 200 200 200",
    "/account/signup/": "200 200 200 200 200",
    "/asks/1/toggle/": "405 405 405 405 302L",
    "/calendar.ics": "200 200 200 200 302L",
    "/calendar/": "200 200 200 200 302L",
    "/calendar/address/": "405 405 405 405 302L",
    "/calendar/address/off/": "405 405 405 405 302L",
    "/checklist/1/tick/": "405 405 405 405 302L",
    "/cv/import/": "200 200 200 200 302L",
    "/cv/import/confirm/": "405 405 405 405 302L",
    "/evidence/1/unlink/": "405 405 405 405 302L",
    "/feeds/calendar/1-not-a-token.ics": "404 404 404 404 404",
    "/follow-ups/1/draft.eml": "200 404 404 404 302L",
    "/follow-ups/1/edit/": "405 405 405 405 302L",
    "/follow-ups/1/sent/": "405 405 405 405 302L",
    "/favicon.ico": "200 200 200 200 200",
    "/health": "200 200 200 200 200",
    "/items/asks/1/delete/": "405 405 405 405 302L",
    "/items/asks/1/edit/": "200 404 404 404 302L",
    "/items/feedback/1/delete/": "405 405 405 405 302L",
    "/items/feedback/1/edit/": "200 404 404 404 302L",
    "/items/people/1/delete/": "405 405 405 405 302L",
    "/items/people/1/edit/": "200 404 404 404 302L",
    "/items/questions/1/delete/": "405 405 405 405 302L",
    "/items/questions/1/edit/": "200 404 404 404 302L",
    "/offers/": "200 200 200 200 302L",
    "/offers/1/accept/": "200 404 404 404 302L",
    "/offers/1/decide/": "405 405 405 405 302L",
    "/offers/1/script/": "200 200 200 404 302L",
    "/offers/matrix/": "405 405 405 405 302L",
    "/opportunities/1/": "200 200 200 404 302L",
    "/opportunities/1/calendar.ics": "200 404 404 404 302L",
    "/opportunities/1/delete/": "405 405 405 405 302L",
    "/offers/1/edit/": "200 404 404 404 302L",
    "/opportunities/1/edit/": "200 404 404 404 302L",
    "/opportunities/1/evidence/": "200 200 200 404 302L",
    "/opportunities/1/extract/": "405 405 405 405 302L",
    "/opportunities/1/invite/": "405 405 405 405 302L",
    "/opportunities/1/requirements/": "405 405 405 405 302L",
    "/opportunities/1/rounds/new/": "200 404 404 404 302L",
    "/opportunities/1/shares/": "405 405 405 405 302L",
    "/opportunities/1/stage/": "405 405 405 405 302L",
    "/opportunities/new/": "200 200 200 200 302L",
    "/practice/": "200 200 200 200 302L",
    "/practice/answer/": "200 200 200 200 302L",
    "/practice/voice/": "405 405 405 405 302L",
    "/practice/voice/1/": "404 404 404 404 302L",
    "/profile/": "200 200 200 200 302L",
    "/requirements/1/delete/": "405 405 405 405 302L",
    "/requirements/1/link/": "405 405 405 405 302L",
    "/rounds/1/": "200 200 200 404 302L",
    "/rounds/1/asks/": "405 405 405 405 302L",
    "/rounds/1/brief.md": "200 200 200 404 302L",
    "/rounds/1/brief/": "200 200 200 404 302L",
    "/rounds/1/calendar.ics": "200 404 404 404 302L",
    "/rounds/1/checklist/plan-route/tick/": "405 405 405 405 302L",
    "/rounds/1/night-before/": "200 200 200 404 302L",
    "/rounds/1/night-before.pdf": "302 302 302 404 302L",
    "/rounds/1/pdf/": "200 200 200 404 302L",
    "/rounds/1/pdf/prepare/": "405 405 405 405 302L",
    "/rounds/1/delete/": "405 405 405 405 302L",
    "/rounds/1/edit/": "200 404 404 404 302L",
    "/rounds/1/email/": "405 405 405 405 302L",
    "/rounds/1/impressions/": "200 404 404 404 302L",
    "/rounds/1/feedback/": "405 405 405 405 302L",
    "/rounds/1/follow-up/": "200 200 200 404 302L",
    "/rounds/1/follow-up/draft/": "405 405 405 405 302L",
    "/rounds/1/invite/": "405 405 405 405 302L",
    "/rounds/1/done/": "405 405 405 405 302L",
    "/rounds/1/link/": "405 405 405 405 302L",
    "/rounds/1/people/": "405 405 405 405 302L",
    "/rounds/1/profile/": "200 404 404 404 302L",
    "/rounds/1/profile/confirm/": "405 405 405 405 302L",
    "/rounds/1/questions/": "405 405 405 405 302L",
    "/rounds/1/unlink/1/": "405 405 405 405 302L",
    "/rounds/1/who-is-you/": "200 404 404 404 302L",
    "/search/": "200 200 200 200 302L",
    "/shared/": "200 200 200 200 302L",
    "/shared/1/leave/": "405 405 405 405 302L",
    "/shares/2/revoke/": "405 405 405 405 302L",
    "/stories/": "200 200 200 200 302L",
    "/stories/1/delete/": "405 405 405 405 302L",
    "/stories/1/": "302 302 302 302 302L",
    "/stories/1/edit/": "200 404 404 404 302L",
    "/stories/new/": "200 200 200 200 302L",
    "/welcome/": "200 200 200 200 302L",
    "/welcome/sample/": "405 405 405 405 302L",
}

# viewer commenter stranger anonymous (the owner's writes are tested in tests/web)
POST_PAGES = {
    "/": "200 200 200 302L",
    "/account/": "400 400 400 302L",
    "/account/delete/": "400 400 400 302L",
    "/account/export/": "200 200 200 302L",
    "/account/login/": "400 400 400 400",
    "/account/reset/1-not-a-token/": "400 400 400 400",
    "/account/signup/": "400 400 400 400",
    "/asks/1/toggle/": "404 404 404 302L",
    "/calendar.ics": "405 405 405 302L",
    "/calendar/": "405 405 405 302L",
    "/calendar/address/": "302 302 302 302L",
    "/calendar/address/off/": "302 302 302 302L",
    "/checklist/1/tick/": "404 404 404 302L",
    "/cv/import/": "400 400 400 302L",
    "/cv/import/confirm/": "302 302 302 302L",
    "/evidence/1/unlink/": "404 404 404 302L",
    "/feeds/calendar/1-not-a-token.ics": "405 405 405 405",
    "/follow-ups/1/draft.eml": "404 404 404 302L",
    "/follow-ups/1/edit/": "404 404 404 302L",
    "/follow-ups/1/sent/": "404 404 404 302L",
    "/favicon.ico": "200 200 200 200",
    "/health": "200 200 200 200",
    "/items/asks/1/delete/": "404 404 404 302L",
    "/items/asks/1/edit/": "404 404 404 302L",
    "/items/feedback/1/delete/": "404 404 404 302L",
    "/items/feedback/1/edit/": "404 404 404 302L",
    "/items/people/1/delete/": "404 404 404 302L",
    "/items/people/1/edit/": "404 404 404 302L",
    "/items/questions/1/delete/": "404 404 404 302L",
    "/items/questions/1/edit/": "404 404 404 302L",
    "/offers/": "400 400 400 302L",
    "/offers/1/accept/": "405 405 405 302L",
    "/offers/1/decide/": "302 302 302 302L",
    "/offers/1/script/": "200 200 404 302L",
    "/offers/matrix/": "302 302 302 302L",
    "/opportunities/1/": "200 200 404 302L",
    "/opportunities/1/calendar.ics": "405 405 405 302L",
    "/opportunities/1/delete/": "404 404 404 302L",
    "/offers/1/edit/": "404 404 404 302L",
    "/opportunities/1/edit/": "404 404 404 302L",
    "/opportunities/1/evidence/": "200 200 404 302L",
    "/opportunities/1/extract/": "404 404 404 302L",
    "/opportunities/1/invite/": "400 400 404 302L",
    "/opportunities/1/requirements/": "400 400 404 302L",
    "/opportunities/1/rounds/new/": "404 404 404 302L",
    "/opportunities/1/shares/": "400 400 404 302L",
    "/opportunities/1/stage/": "404 404 404 302L",
    "/opportunities/new/": "200 200 200 302L",
    "/practice/": "200 200 200 302L",
    "/practice/answer/": "400 400 400 302L",
    "/practice/voice/": "400 400 400 302L",
    "/practice/voice/1/": "405 405 405 302L",
    "/profile/": "302 302 302 302L",
    "/requirements/1/delete/": "404 404 404 302L",
    "/requirements/1/link/": "302 302 404 302L",
    "/rounds/1/": "200 200 404 302L",
    "/rounds/1/asks/": "400 400 404 302L",
    "/rounds/1/brief.md": "200 200 404 302L",
    "/rounds/1/brief/": "200 200 404 302L",
    "/rounds/1/calendar.ics": "405 405 405 302L",
    "/rounds/1/checklist/plan-route/tick/": "404 404 404 302L",
    "/rounds/1/night-before/": "200 200 404 302L",
    "/rounds/1/night-before.pdf": "302 302 404 302L",
    "/rounds/1/pdf/": "405 405 405 302L",
    "/rounds/1/pdf/prepare/": "302 302 404 302L",
    "/rounds/1/delete/": "404 404 404 302L",
    "/rounds/1/edit/": "404 404 404 302L",
    "/rounds/1/email/": "400 400 404 302L",
    "/rounds/1/impressions/": "404 404 404 302L",
    "/rounds/1/feedback/": "400 400 404 302L",
    "/rounds/1/follow-up/": "200 200 404 302L",
    "/rounds/1/follow-up/draft/": "302 302 404 302L",
    "/rounds/1/invite/": "400 400 404 302L",
    "/rounds/1/done/": "404 404 404 302L",
    "/rounds/1/link/": "404 404 404 302L",
    "/rounds/1/people/": "400 400 404 302L",
    "/rounds/1/profile/": "404 404 404 302L",
    "/rounds/1/profile/confirm/": "302 302 404 302L",
    "/rounds/1/questions/": "400 400 404 302L",
    "/rounds/1/unlink/1/": "302 302 404 302L",
    "/rounds/1/who-is-you/": "404 404 404 302L",
    "/search/": "200 200 200 302L",
    "/shared/": "200 200 200 302L",
    "/shares/2/revoke/": "404 404 404 302L",
    "/stories/": "200 200 200 302L",
    "/stories/1/delete/": "404 404 404 302L",
    "/stories/1/": "302 302 302 302L",
    "/stories/1/edit/": "404 404 404 302L",
    "/stories/new/": "200 200 200 302L",
    # An empty "who you are" form saves nothing and goes on to the welcome page's next step.
    "/welcome/": "302 302 302 302L",
    "/welcome/sample/": "302 302 302 302L",
}

# owner viewer commenter stranger anonymous; the owner's deletes are skipped to keep the world
API = {
    "GET /api/me": "200 200 200 200 401",
    "POST /api/practice/analyse": "422 422 422 422 401",
    "POST /api/practice/attempts": "422 422 422 422 401",
    "GET /api/opportunities/1/shares": "200 403 403 404 401",
    "POST /api/opportunities/1/shares": "422 422 422 422 401",
    "DELETE /api/shares/2": "skip 404 404 404 401",
    "GET /api/shared": "200 200 200 200 401",
    "POST /api/jobs": "422 422 422 422 401",
    "GET /api/jobs/1": "404 404 404 404 401",
    "GET /api/jobs/1/result": "404 404 404 404 401",
    "GET /api/opportunities": "200 200 200 200 401",
    "POST /api/opportunities": "422 422 422 422 401",
    "GET /api/opportunities/1": "200 200 200 404 401",
    "PATCH /api/opportunities/1": "200 403 403 404 401",
    "DELETE /api/opportunities/1": "skip 403 403 404 401",
    "GET /api/opportunities/1/rounds": "200 200 200 404 401",
    "POST /api/opportunities/1/rounds": "201 403 403 404 401",
    "GET /api/rounds/1": "200 200 200 404 401",
    "PATCH /api/rounds/1": "200 403 403 404 401",
    "DELETE /api/rounds/1": "skip 403 403 404 401",
    "GET /api/opportunities/1/interviewers": "200 200 200 404 401",
    "POST /api/opportunities/1/interviewers": "422 403 403 404 401",
    "GET /api/interviewers/1": "200 200 200 404 401",
    "PATCH /api/interviewers/1": "200 403 403 404 401",
    "DELETE /api/interviewers/1": "skip 403 403 404 401",
    "GET /api/opportunities/1/requirements": "200 200 200 404 401",
    "POST /api/opportunities/1/requirements": "422 403 403 404 401",
    "GET /api/requirements/1": "200 200 200 404 401",
    "PATCH /api/requirements/1": "200 403 403 404 401",
    "DELETE /api/requirements/1": "skip 403 403 404 401",
    "GET /api/rounds/1/questions": "200 200 200 404 401",
    "POST /api/rounds/1/questions": "422 403 403 404 401",
    "GET /api/questions/1": "200 200 200 404 401",
    "PATCH /api/questions/1": "200 403 403 404 401",
    "DELETE /api/questions/1": "skip 403 403 404 401",
    "GET /api/rounds/1/feedback": "200 200 200 404 401",
    "POST /api/rounds/1/feedback": "422 403 422 404 401",
    "GET /api/feedback/1": "200 200 200 404 401",
    "PATCH /api/feedback/1": "200 403 403 404 401",
    "DELETE /api/feedback/1": "skip 403 403 404 401",
    "GET /api/stories": "200 200 200 200 401",
    "POST /api/stories": "422 422 422 422 401",
    "GET /api/stories/1": "200 404 404 404 401",
    "PATCH /api/stories/1": "200 404 404 404 401",
    "DELETE /api/stories/1": "skip 404 404 404 401",
    "GET /api/offers": "200 200 200 200 401",
    "POST /api/offers": "422 422 422 422 401",
    "GET /api/offers/1": "200 200 200 404 401",
    "PATCH /api/offers/1": "200 403 403 404 401",
    "DELETE /api/offers/1": "skip 403 403 404 401",
}

# Sign-out and leaving a share end the persona's access: tested on their own below.
NOT_IN_MATRIX = {"/account/logout/", "/shared/{acme}/leave/"}


def _outcome(response: requests.Response) -> str:
    login = response.status_code == 302 and "/account/login/" in response.headers.get(
        "Location", ""
    )
    return f"{response.status_code}{'L' if login else ''}"


@pytest.fixture(scope="module")
def sessions(seeded: tuple[Server, dict[str, Any]]) -> dict[str, requests.Session]:
    server, data = seeded
    found = {p: sign_in(server, p, data["password"]) for p in PERSONAS if p != "anonymous"}
    found["anonymous"] = requests.Session()
    found["anonymous"].get(server.url + "/account/login/", timeout=10)
    return found


def _owner_export(server: Server, sessions: dict[str, requests.Session]) -> bytes:
    response = sessions["owner"].get(server.url + "/account/export/", timeout=30)
    assert response.status_code == 200
    return response.content


def _skipped(path: str, ids: dict[str, int]) -> bool:
    return any(path == p.format(**ids) for p in NOT_IN_MATRIX)


def test_every_page_answers_each_person_as_the_matrix_says(
    seeded: tuple[Server, dict[str, Any]], sessions: dict[str, requests.Session]
) -> None:
    server, data = seeded
    ids = data["ids"]
    got_get: dict[str, str] = {}
    got_post: dict[str, str] = {}
    paths = [p for r in page_routes() if not r.startswith("api/") for p in fill(r, ids)]
    # The baseline is taken before any request: reads write nothing (test_reads_never_write).
    before = _owner_export(server, sessions)
    for path in paths:
        got_get[path] = " ".join(
            _outcome(sessions[p].get(server.url + path, allow_redirects=False, timeout=30))
            for p in PERSONAS
        )
    for path in paths:
        if _skipped(path, ids):
            continue
        outcomes = []
        for persona in PERSONAS[1:]:
            session = sessions[persona]
            response = session.post(
                server.url + path,
                data={"csrfmiddlewaretoken": csrf_of(session)},
                headers={"Referer": server.url + "/"},
                allow_redirects=False,
                timeout=30,
            )
            outcomes.append(_outcome(response))
        got_post[path] = " ".join(outcomes)
    missing = sorted(set(got_get) - set(GET_PAGES))
    assert not missing, f"pages missing from the authorisation matrix: {missing}"
    assert got_get == GET_PAGES
    assert got_post == POST_PAGES
    # Nothing anyone else sent changed a byte of the owner's data.
    assert _owner_export(server, sessions) == before


def test_every_api_operation_answers_each_person_as_the_matrix_says(
    seeded: tuple[Server, dict[str, Any]], sessions: dict[str, requests.Session]
) -> None:
    server, data = seeded
    ids = data["ids"]
    schema = requests.get(server.url + "/api/openapi.json", timeout=10).json()
    routes = {r for r in page_routes() if r.startswith("api/")}
    documented = {
        "api/" + p[len("/api/") :].replace("{", "<").replace("}", ">") for p in schema["paths"]
    }
    undocumented = sorted(
        r
        for r in routes
        if r not in documented and r not in ("api/", "api/openapi.json", "api/docs", "api/docs/")
    )
    assert not undocumented, f"API routes without an OpenAPI entry: {undocumented}"
    before = _owner_export(server, sessions)
    got: dict[str, str] = {}
    for path, operations in schema["paths"].items():
        concrete = fill(path.lstrip("/").replace("{", "<").replace("}", ">"), ids)[0]
        for method in operations:
            outcomes = []
            for persona in PERSONAS:
                if persona == "owner" and method == "delete":
                    outcomes.append("skip")
                    continue
                headers = {}
                if persona != "anonymous":
                    headers["Authorization"] = "Bearer " + data["tokens"][persona]
                response = requests.request(
                    method, server.url + concrete, json={}, headers=headers, timeout=30
                )
                if response.status_code >= 400:
                    assert set(response.json()) == {"error"}, response.text
                outcomes.append(str(response.status_code))
            got[f"{method.upper()} {concrete}"] = " ".join(outcomes)
    missing = sorted(set(got) - set(API))
    assert not missing, f"API operations missing from the authorisation matrix: {missing}"
    assert got == API
    after = _owner_export(server, sessions)
    # Only the owner's own empty POST of a round (all defaults) added a record; none went.
    assert after.count(b'"id"') == before.count(b'"id"') + 1


def test_a_commenter_adds_feedback_and_a_viewer_cannot(
    seeded: tuple[Server, dict[str, Any]], sessions: dict[str, requests.Session]
) -> None:
    server, data = seeded
    ids = data["ids"]
    url = f"{server.url}/rounds/{ids['round1']}/feedback/"
    form = {"source": "consultant", "text": "They want more depth on pricing next time."}
    for persona, expected in (("viewer", 404), ("stranger", 404), ("commenter", 302)):
        session = sessions[persona]
        response = session.post(
            url,
            data={**form, "csrfmiddlewaretoken": csrf_of(session)},
            headers={"Referer": server.url + "/"},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == expected, persona
    page = sessions["owner"].get(f"{server.url}/rounds/{ids['round1']}/", timeout=30)
    assert page.text.count("more depth on pricing") == 1
    api = f"{server.url}/api/rounds/{ids['round1']}/feedback"
    headers = {"Authorization": "Bearer " + data["tokens"]["commenter"]}
    made = requests.post(api, json={"text": "Next round is a panel of three."}, headers=headers)
    assert made.status_code == 201
    # The feedback is the candidate's record: the commenter cannot change or delete it.
    item = made.json()["id"]
    assert (
        requests.patch(
            f"{server.url}/api/feedback/{item}", json={"text": "x"}, headers=headers
        ).status_code
        == 403
    )
    assert requests.delete(f"{server.url}/api/feedback/{item}", headers=headers).status_code == 403

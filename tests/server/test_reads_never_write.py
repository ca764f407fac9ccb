"""No GET by anyone writes: every table is compared before and after every GET of the matrix.

Personas: the owner, a viewer, a commenter, another user (stranger) and anonymous, each with a
browser session, and each account's API token sent alone (the token user). Every page route
and every API read is requested by each of them; the whole database must be unchanged after
each request (computation caches, tests/server/snapshot.py CACHES, may only gain rows).
"""

from __future__ import annotations

from typing import Any

import requests

from tests.server.conftest import Server, sign_in
from tests.server.matrix import PERSONAS, fill, page_routes
from tests.server.snapshot import Database, changes


def _api_reads(server: Server, ids: dict[str, int]) -> list[str]:
    schema = requests.get(server.url + "/api/openapi.json", timeout=10).json()
    return [
        fill(path.lstrip("/").replace("{", "<").replace("}", ">"), ids)[0]
        for path, operations in schema["paths"].items()
        if "get" in operations
    ]


def test_no_get_by_anyone_changes_a_row(seeded: tuple[Server, dict[str, Any]]) -> None:
    server, data = seeded
    ids = data["ids"]
    clients: dict[str, requests.Session] = {}
    for persona in PERSONAS:
        if persona == "anonymous":
            clients[persona] = requests.Session()
        else:
            clients[persona] = sign_in(server, persona, data["password"])
            token_user = requests.Session()
            token_user.headers["Authorization"] = "Bearer " + data["tokens"][persona]
            clients[f"token:{persona}"] = token_user
    pages = [p for r in page_routes() if not r.startswith("api/") for p in fill(r, ids)]
    # Searches that find records by their words and by meaning read the index, never write it.
    searches = {"/search/?q=priya", "/search/?q=reasons+for+leaving&part=meaning"}
    paths = sorted(set(pages) | set(_api_reads(server, ids)) | searches)
    assert len(paths) > 90
    db = Database(server.env)
    try:
        before = db.snapshot()  # the baseline, taken before any GET of this test
        assert len(before) > 20 and sum(map(len, before.values())) > 50
        written: dict[str, dict[str, dict[str, int]]] = {}
        statuses: dict[int, int] = {}
        for path in paths:
            for persona, client in clients.items():
                response = client.get(server.url + path, allow_redirects=False, timeout=60)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                after = db.snapshot()
                found = changes(before, after)
                if found:
                    written[f"{persona} GET {path}"] = found
                before = after
    finally:
        db.close()
    print(f"{len(clients)} personas × {len(paths)} GETs, statuses {sorted(statuses.items())}")
    assert not written, "GETs that wrote:\n" + "\n".join(f"{k}: {v}" for k, v in written.items())
    # The reads reached the records: the owner and the sharees were served, not only refused.
    assert statuses.get(200, 0) > 2 * len(paths)
    assert 500 not in statuses

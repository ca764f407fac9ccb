"""Server mode on gunicorn: a brief PDF is asked for, made by `nextround worker`, downloaded."""

from __future__ import annotations

import io
from pathlib import Path

from pdfminer.high_level import extract_text

from tests.server.conftest import Server, csrf_of, run, seed, server_env, sign_in
from tests.server.snapshot import Database, changes


def test_the_worker_makes_the_brief_pdf_the_page_asked_for(tmp_path: Path) -> None:
    env = server_env(tmp_path / "d", "server_pdf")
    data = seed(env)
    server = Server(env, workers=1).start()
    db = Database(env)
    try:
        owner = sign_in(server, "owner", data["password"])
        pk = data["ids"]["round2"]
        before = db.snapshot()
        waiting = owner.get(f"{server.url}/rounds/{pk}/brief.pdf", timeout=30)
        assert waiting.url.endswith(f"/rounds/{pk}/pdf/#brief")
        assert "Not prepared yet." in waiting.text
        assert changes(before, db.snapshot()) == {}  # reads queue nothing
        asked = owner.post(
            f"{server.url}/rounds/{pk}/pdf/prepare/",
            data={"kind": "brief", "csrfmiddlewaretoken": csrf_of(owner)},
            headers={"Referer": server.url + "/"},
            timeout=30,
        )
        assert asked.status_code == 200 and "Being prepared." in asked.text
        # The web worker did not render it: no one has run the queue yet.
        not_yet = owner.get(f"{server.url}/rounds/{pk}/brief.pdf", timeout=30)
        assert not_yet.url.endswith("/pdf/#brief")
        worked = run(env, "worker", "--once")
        assert worked.returncode == 0, worked.stderr
        assert "Ran 1 job." in worked.stdout
        page = owner.get(f"{server.url}/rounds/{pk}/pdf/", timeout=30)
        assert "Download the PDF" in page.text
        pdf = owner.get(f"{server.url}/rounds/{pk}/brief.pdf", timeout=30)
        assert pdf.headers["Content-Type"] == "application/pdf"
        text = extract_text(io.BytesIO(pdf.content))
        assert "Round 2 brief" in text and "Senior Data Analyst at Acme Retail" in text
        # Another account cannot see the PDF's page at all.
        stranger = sign_in(server, "stranger", data["password"])
        assert stranger.get(f"{server.url}/rounds/{pk}/pdf/", timeout=30).status_code == 404
    finally:
        db.close()
        server.stop()

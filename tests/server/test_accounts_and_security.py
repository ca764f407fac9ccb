"""Server mode at the door: secret key, throttled sign-in, sign-up, passwords, headers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import requests

from tests.server.conftest import ROOT, Server, csrf_of, run, seed, server_env, sign_in


def _post_form(session: requests.Session, url: str, **fields: str) -> requests.Response:
    page = session.get(url, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    data = {**fields, "csrfmiddlewaretoken": token.group(1) if token else csrf_of(session)}
    return session.post(url, data=data, headers={"Referer": url}, allow_redirects=False, timeout=10)


def test_server_mode_refuses_to_start_without_a_strong_secret_key(tmp_path: Path) -> None:
    env = server_env(tmp_path / "d")
    for key, expected in (("", "needs NEXTROUND_SECRET_KEY"), ("short-key", "too weak")):
        env["NEXTROUND_SECRET_KEY"] = key
        done = run(env, "user", "list")
        assert done.returncode == 1
        assert expected in done.stderr
        assert "Traceback" not in done.stderr
        wsgi = subprocess.run(
            [sys.executable, "-c", "import nextround.web.wsgi"],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert wsgi.returncode != 0
        assert expected in wsgi.stderr


def test_pages_need_an_account_and_carry_the_security_headers(
    seeded: tuple[Server, dict[str, Any]],
) -> None:
    server, data = seeded
    anonymous = requests.get(server.url + "/", allow_redirects=False, timeout=10)
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/account/login/")
    page = sign_in(server, "owner", data["password"]).get(server.url + "/", timeout=10)
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Cache-Control"] == "private, no-store"
    # Plain HTTP on loopback: no HSTS (it is sent only when NEXTROUND_HTTPS is on).
    assert "Strict-Transport-Security" not in page.headers
    # The app's pages hold no inline scripts or styles for the policy to block.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text)
    assert "<style" not in page.text and " style=" not in page.text and " onclick=" not in page.text


def test_hsts_and_secure_cookies_behind_tls(tmp_path: Path) -> None:
    env = server_env(
        tmp_path / "d", "server_tls", NEXTROUND_HTTPS="true", NEXTROUND_TRUSTED_PROXY="true"
    )
    seed(env)
    server = Server(env, workers=1).start()
    try:
        proxied = {"X-Forwarded-Proto": "https"}
        page = requests.get(
            server.url + "/account/login/", headers=proxied, allow_redirects=False, timeout=10
        )
        assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "secure" in page.headers["Set-Cookie"].lower()
        plain = requests.get(server.url + "/account/login/", allow_redirects=False, timeout=10)
        assert plain.status_code == 301
        assert plain.headers["Location"].startswith("https://")
    finally:
        server.stop()


def test_sign_in_is_throttled_after_repeated_failures(
    seeded: tuple[Server, dict[str, Any]],
) -> None:
    server, data = seeded
    session = requests.Session()
    url = server.url + "/account/login/"
    statuses = [
        _post_form(session, url, username="stranger", password=f"wrong-{i}").status_code
        for i in range(6)
    ]
    assert statuses == [400, 400, 400, 400, 400, 429]
    # Even the right password is refused while the throttle holds.
    refused = _post_form(session, url, username="stranger", password=data["password"])
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.text


def test_open_sign_up_a_password_change_and_an_administrator_reset(
    seeded: tuple[Server, dict[str, Any]],
) -> None:
    server, _ = seeded
    session = requests.Session()
    weak = _post_form(
        session, server.url + "/account/signup/", username="nadia", password="password"
    )
    assert weak.status_code == 400
    assert "too common" in weak.text or "too short" in weak.text
    made = _post_form(
        session, server.url + "/account/signup/", username="nadia", password="a long pass 4 nadia"
    )
    assert made.status_code == 302
    assert session.get(server.url + "/", timeout=10).status_code == 200
    changed = _post_form(
        session,
        server.url + "/account/",
        old_password="a long pass 4 nadia",
        password="another long pass 5",
    )
    assert changed.status_code == 200
    assert "Your password was changed." in changed.text
    sign_in(server, "nadia", "another long pass 5")
    # The administrator issues a reset link from the command line; it works once.
    issued = run(server.env, "user", "reset-token", "nadia", "--json")
    path = __import__("json").loads(issued.stdout)["path"]
    fresh = requests.Session()
    reset = _post_form(fresh, server.url + path, password="third long pass 6!")
    assert reset.status_code == 302
    sign_in(server, "nadia", "third long pass 6!")
    again = _post_form(requests.Session(), server.url + path, password="fourth long pass 7!")
    assert again.status_code == 400
    assert "unknown or used" in again.text


def test_invite_only_and_closed_sign_up(tmp_path: Path) -> None:
    env = server_env(tmp_path / "d", "server_invite", NEXTROUND_SIGNUP="invite")
    seed(env)
    server = Server(env, workers=1).start()
    try:
        url = server.url + "/account/signup/"
        refused = _post_form(
            requests.Session(), url, username="omar", password="a long pass 4 omar", invite="nope"
        )
        assert refused.status_code == 400
        assert "unknown, used or expired" in refused.text
        code = __import__("json").loads(run(env, "user", "invite", "--json").stdout)["token"]
        joined = _post_form(
            requests.Session(), url, username="omar", password="a long pass 4 omar", invite=code
        )
        assert joined.status_code == 302
        reused = _post_form(
            requests.Session(), url, username="olga", password="a long pass 4 olga", invite=code
        )
        assert reused.status_code == 400
    finally:
        server.stop()
    env["NEXTROUND_SIGNUP"] = "closed"
    server = Server(env, workers=1).start()
    try:
        closed = requests.get(server.url + "/account/signup/", timeout=10)
        assert closed.status_code == 403
        assert "Sign-up is closed" in closed.text
    finally:
        server.stop()


def test_health_reports_the_database_and_migrations(
    seeded: tuple[Server, dict[str, Any]],
) -> None:
    server, _ = seeded
    report = requests.get(server.url + "/health", timeout=10)
    assert report.status_code == 200
    assert report.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "applied",
        "pending": [],
    }

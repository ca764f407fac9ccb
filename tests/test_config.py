"""Settings from NEXTROUND_* variables: typed, with a message naming the variable when wrong."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from nextround import config
from nextround.web.server import check_bind


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("MODE", "cloud", "NEXTROUND_MODE must be 'local' or 'server'"),
        ("PORT", "eighty", "NEXTROUND_PORT must be a whole number"),
        ("PORT", "70000", "NEXTROUND_PORT must be between 1 and 65535"),
        ("DEBUG", "maybe", "NEXTROUND_DEBUG must be true or false"),
        ("DATABASE_URL", "mysql://x/y", "NEXTROUND_DATABASE_URL must start with postgresql://"),
        ("DATABASE_URL", "postgresql://localhost", "must name a database"),
        ("LOG_LEVEL", "loud", "NEXTROUND_LOG_LEVEL must be DEBUG"),
    ],
)
def test_a_bad_value_names_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(config.ConfigError, match=message):
        config.read(name, {f"NEXTROUND_{name}": value})


def test_a_postgresql_url_becomes_a_django_database() -> None:
    db = config.read(
        "DATABASE_URL", {"NEXTROUND_DATABASE_URL": "postgresql://ann:s%40cret@db.local:5433/nr"}
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "nr",
        "ann",
        "s@cret",
        "db.local",
        "5433",
    )


def test_sqlite_is_tuned_for_a_web_app_and_a_cli_together(tmp_path: Path) -> None:
    db = config.sqlite_database(tmp_path / "x.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["timeout"] >= 5


def test_the_data_folder_comes_from_the_environment(tmp_path: Path) -> None:
    assert config.data_dir({"NEXTROUND_DATA_DIR": str(tmp_path)}) == tmp_path
    assert "nextround" in str(config.data_dir({}))


def test_local_mode_binds_only_to_loopback() -> None:
    check_bind("127.0.0.1", "local")
    check_bind("::1", "local")
    with pytest.raises(config.ConfigError, match="only listens on this machine"):
        check_bind("0.0.0.0", "local")
    check_bind("0.0.0.0", "server")


def _start_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import nextround.settings"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_server_mode_refuses_to_start_without_a_strong_secret_key(tmp_path: Path) -> None:
    base = {"NEXTROUND_DATA_DIR": str(tmp_path), "NEXTROUND_MODE": "server", "PATH": "/usr/bin"}
    missing = _start_settings(base)
    assert "server mode needs NEXTROUND_SECRET_KEY" in missing.stderr
    weak = _start_settings({**base, "NEXTROUND_SECRET_KEY": "password"})
    assert "too weak" in weak.stderr
    strong = _start_settings({**base, "NEXTROUND_SECRET_KEY": secrets.token_urlsafe(48)})
    assert strong.returncode == 0, strong.stderr


def test_local_mode_keeps_its_own_secret_key(tmp_path: Path) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path), "PATH": "/usr/bin"}
    assert _start_settings(env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    _start_settings(env)
    assert (tmp_path / "secret_key").read_text() == key

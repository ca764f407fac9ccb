"""The one registry of NEXTROUND_* settings, parsed from the environment with typed helpers."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

PREFIX = "NEXTROUND_"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class ConfigError(Exception):
    """A NEXTROUND_* variable has a value nextround cannot use; the message names it."""


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name (without prefix), default, help text and parser."""

    name: str
    default: str
    help: str
    parse: Callable[[str, str], Any]

    @property
    def env_name(self) -> str:
        return PREFIX + self.name


def _parse_str(name: str, value: str) -> str:
    return value


def _parse_mode(name: str, value: str) -> str:
    value = value.strip().lower()
    if value not in ("local", "server"):
        raise ConfigError(f"{PREFIX}{name} must be 'local' or 'server', not {value!r}")
    return value


def _parse_bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{PREFIX}{name} must be true or false, not {value!r}")


def _parse_port(name: str, value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be a whole number, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise ConfigError(f"{PREFIX}{name} must be between 1 and 65535, not {port}")
    return port


def _parse_log_level(name: str, value: str) -> str:
    level = value.strip().upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"{PREFIX}{name} must be DEBUG, INFO, WARNING or ERROR, not {value!r}")
    return level


def _parse_signup(name: str, value: str) -> str:
    value = value.strip().lower()
    if value not in ("open", "invite", "closed"):
        raise ConfigError(f"{PREFIX}{name} must be 'open', 'invite' or 'closed', not {value!r}")
    return value


def _parse_hosts(name: str, value: str) -> list[str]:
    hosts = [h.strip() for h in value.split(",") if h.strip()]
    for host in hosts:
        if any(c in host for c in "/ @"):
            raise ConfigError(f"{PREFIX}{name} takes host names separated by commas, not {host!r}")
    return hosts


def _parse_count(name: str, value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be a whole number, not {value!r}") from None
    if not 1 <= count <= 1000:
        raise ConfigError(f"{PREFIX}{name} must be between 1 and 1000, not {count}")
    return count


def _parse_log_format(name: str, value: str) -> str:
    value = value.strip().lower()
    if value not in ("plain", "json"):
        raise ConfigError(f"{PREFIX}{name} must be 'plain' or 'json', not {value!r}")
    return value


def _parse_database_url(name: str, value: str) -> dict[str, Any] | None:
    if not value.strip():
        return None
    return parse_database_url(value, env_name=PREFIX + name)


def _parse_semantic(name: str, value: str) -> str:
    choice = value.strip().lower() or "auto"
    if choice not in ("auto", "onnx", "torch", "off"):
        raise ConfigError(f"{PREFIX}{name} must be auto, onnx, torch or off, not {value!r}")
    return choice


def _parse_path(name: str, value: str) -> Path | None:
    return Path(value).expanduser() if value.strip() else None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "MODE", "local", "'local' (one user, no login, loopback only) or 'server'.", _parse_mode
    ),
    Setting(
        "DATA_DIR",
        "",
        "Folder for the SQLite database and other data. Default: the platform's user data "
        "folder (e.g. ~/.local/share/nextround on Linux).",
        _parse_path,
    ),
    Setting(
        "DATABASE_URL",
        "",
        "postgresql://user:password@host:port/name to use PostgreSQL instead of SQLite.",
        _parse_database_url,
    ),
    Setting("HOST", "127.0.0.1", "Address that `nextround serve` binds to.", _parse_str),
    Setting("PORT", "8000", "Port that `nextround serve` listens on.", _parse_port),
    Setting(
        "SECRET_KEY",
        "",
        "Secret for signing sessions. Local mode makes and keeps one in the data folder; "
        "server mode requires it (or NEXTROUND_SECRET_KEY_FILE).",
        _parse_str,
    ),
    Setting(
        "SECRET_KEY_FILE",
        "",
        "Path of a file holding the secret key (for container and systemd secrets).",
        _parse_path,
    ),
    Setting("DEBUG", "false", "Show Django's debug pages. Never in server mode.", _parse_bool),
    Setting(
        "CLI_USER",
        "",
        "Server mode only: the username whose data `nextround` commands read and change.",
        _parse_str,
    ),
    Setting("LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING or ERROR.", _parse_log_level),
    Setting(
        "SEMANTIC",
        "auto",
        "Sentence embeddings for meaning-based matching: 'auto' (use them when the "
        "`semantic` extra is installed), 'onnx', 'torch' (the full-precision model) or 'off' "
        "(word overlap only).",
        _parse_semantic,
    ),
    Setting(
        "VOICE_MODEL",
        "",
        "Folder of a CTranslate2 Whisper model for spoken answers (e.g. a larger one you "
        "installed). Default: the tiny.en model the `voice` extra installs.",
        _parse_path,
    ),
    Setting(
        "LOG_FORMAT",
        "",
        "'plain' or 'json' (one JSON object a line, no personal data). Default: json in "
        "server mode, plain in local mode.",
        lambda name, value: _parse_log_format(name, value) if value.strip() else "",
    ),
    Setting(
        "SIGNUP",
        "closed",
        "Server mode: who may create an account. 'open' (anyone), 'invite' (with an invite "
        "from `nextround user invite`) or 'closed' (only `nextround user add`).",
        _parse_signup,
    ),
    Setting(
        "ALLOWED_HOSTS",
        "",
        "Server mode: the host names the site answers to, separated by commas "
        "(e.g. careers.example.org). Default: loopback names only.",
        _parse_hosts,
    ),
    Setting(
        "HTTPS",
        "false",
        "Server mode: the site is reached over HTTPS (secure cookies, HSTS, redirect to https).",
        _parse_bool,
    ),
    Setting(
        "TRUSTED_PROXY",
        "false",
        "Server mode: a reverse proxy in front sets X-Forwarded-Proto and X-Forwarded-For; "
        "trust them (only when the app is reachable through the proxy alone).",
        _parse_bool,
    ),
    Setting(
        "WORKERS",
        "4",
        "Server mode: how many gunicorn worker processes `nextround serve` starts.",
        _parse_count,
    ),
    Setting(
        "LOGIN_ATTEMPTS",
        "5",
        "Server mode: failed sign-ins allowed per username and address in 15 minutes before "
        "that pair is refused for a while (an address may fail ten times as often).",
        _parse_count,
    ),
)

SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


def read(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """Parse one setting from the environment; a bad value raises ConfigError naming it."""
    setting = SETTINGS_BY_NAME[name]
    env = os.environ if environ is None else environ
    return setting.parse(setting.name, env.get(setting.env_name, setting.default))


def parse_database_url(url: str, env_name: str = PREFIX + "DATABASE_URL") -> dict[str, Any]:
    """Turn a postgresql:// or sqlite:/// URL into a Django DATABASES entry."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigError(f"{env_name} must name a database, e.g. postgresql://host/nextround")
        try:
            port = parts.port
        except ValueError:
            raise ConfigError(f"{env_name} has a port that is not a number") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if not path or path == "/":
            raise ConfigError(f"{env_name} must give a file, e.g. sqlite:////home/me/nextround.db")
        return sqlite_database(Path(path))
    raise ConfigError(
        f"{env_name} must start with postgresql:// or sqlite:///, not {parts.scheme or url!r}"
    )


def sqlite_database(path: Path) -> dict[str, Any]:
    """A Django DATABASES entry for SQLite tuned for a web app and a CLI sharing one file."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # Writers wait for each other instead of failing with "database is locked".
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        },
    }


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder where nextround keeps its data."""
    configured: Path | None = read("DATA_DIR", environ)
    if configured is not None:
        return configured
    import platformdirs

    return Path(platformdirs.user_data_dir("nextround", appauthor=False))


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")

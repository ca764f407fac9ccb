"""Django settings, built from the NEXTROUND_* registry in nextround.config."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from nextround import config

BASE_DIR = Path(__file__).resolve().parent

MODE: str = config.read("MODE")
LOCAL_MODE = MODE == "local"
DATA_DIR = config.data_dir()
DEBUG: bool = config.read("DEBUG") and LOCAL_MODE
LOG_LEVEL: str = config.read("LOG_LEVEL")


def _secret_key() -> str:
    key: str = config.read("SECRET_KEY")
    key_file: Path | None = config.read("SECRET_KEY_FILE")
    if key_file is not None:
        try:
            key = key_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise config.ConfigError(
                f"NEXTROUND_SECRET_KEY_FILE cannot be read ({key_file}): {exc.strerror}"
            ) from None
    if key:
        if not LOCAL_MODE and (len(key) < 32 or len(set(key)) < 8):
            raise config.ConfigError(
                "NEXTROUND_SECRET_KEY is too weak for server mode: use at least 32 random "
                "characters, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        return key
    if not LOCAL_MODE:
        raise config.ConfigError(
            "server mode needs NEXTROUND_SECRET_KEY (or NEXTROUND_SECRET_KEY_FILE): "
            "set it to at least 32 random characters"
        )
    # Local mode keeps its own key beside the database, made once.
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        new_key = secrets.token_urlsafe(48)
        path.write_text(new_key, encoding="utf-8")
        path.chmod(0o600)
        return new_key


SECRET_KEY = _secret_key()

_database: dict[str, Any] | None = config.read("DATABASE_URL")
DATABASES = {"default": _database or config.sqlite_database(DATA_DIR / "nextround.sqlite3")}

_LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1", "testserver"]
_configured_hosts: list[str] = config.read("ALLOWED_HOSTS")
ALLOWED_HOSTS = _LOOPBACK_NAMES if LOCAL_MODE else (_configured_hosts or _LOOPBACK_NAMES)
SIGNUP: str = config.read("SIGNUP")
HTTPS: bool = config.read("HTTPS") and not LOCAL_MODE
TRUSTED_PROXY: bool = config.read("TRUSTED_PROXY") and not LOCAL_MODE
WORKERS: int = config.read("WORKERS")
LOGIN_ATTEMPTS: int = config.read("LOGIN_ATTEMPTS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django-ninja's own templates and vendored Swagger UI for /api/docs (no CDN, which the CSP
    # would block).
    "ninja",
    # Django's Tasks API (backport) and its database backend: background work is queued in this
    # database, so it works alike on SQLite and PostgreSQL and survives restarts.
    "django_tasks",
    "django_tasks_db",
    "nextround.store",
    "nextround.web",
]

MIDDLEWARE = [
    "nextround.web.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nextround.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nextround.web.middleware.LocalUserMiddleware",
    "nextround.web.middleware.LoginRequiredMiddleware",
    "nextround.web.middleware.ServiceErrorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Both modes queue in the database; local mode runs a job as soon as it is queued (no worker
# process needed), server mode leaves it to `nextround worker` (see services/jobs.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

ROOT_URLCONF = "nextround.web.urls"
WSGI_APPLICATION = "nextround.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nextround.web.context.site",
            ],
        },
    }
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
# Django sets the process's TZ to TIME_ZONE once these settings are read; the machine's own
# zone (the candidate's clock) is kept here first, for services/times.local_zone_name.
MACHINE_TZ = os.environ.get("TZ", "")
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Server deployments may collect static files for a proxy to serve; local mode needs no copy.
STATIC_ROOT = DATA_DIR / "static" if not LOCAL_MODE else None
# Static files are served from the installed package, with no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600
CSRF_FAILURE_VIEW = "nextround.web.views.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Server mode: accounts with Argon2 password hashes, cookies only over HTTPS when it is on.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account-login"
LOGIN_URL_PATH = "/account/login/"
LOGIN_REDIRECT_URL = "dashboard"
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY else None
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if HTTPS and "*" not in h]
# The health check answers plain HTTP from the proxy or the container runtime.
SECURE_REDIRECT_EXEMPT = [r"^health$"]

_log_format: str = config.read("LOG_FORMAT") or ("plain" if LOCAL_MODE else "json")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "nextround.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": _log_format}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Requests are logged once, without addresses or query strings, by RequestLogMiddleware.
        "django.request": {"level": "ERROR"},
    },
}

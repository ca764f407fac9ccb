"""Django settings, built from the NEXTROUND_* registry in nextround.config."""

from __future__ import annotations

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

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"] if LOCAL_MODE else ["*"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "nextround.store",
    "nextround.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nextround.web.middleware.LocalUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

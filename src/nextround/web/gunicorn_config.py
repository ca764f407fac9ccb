"""gunicorn settings for server mode: `gunicorn -c python:nextround.web.gunicorn_config ...`.

Binds to NEXTROUND_HOST:NEXTROUND_PORT with NEXTROUND_WORKERS processes; command-line flags win.
Access logs leave out addresses and query strings (the app logs each request as JSON itself).
"""

from __future__ import annotations

import os as _os

from nextround import config as _nextround_config

_host: str = _nextround_config.read("HOST")
_port: int = _nextround_config.read("PORT")
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]
workers: int = _nextround_config.read("WORKERS")
worker_class = "sync"
# Long enough for a big upload on a slow line; heavy work goes to `nextround worker` instead.
timeout = 60
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so that memory stays flat over months.
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
loglevel = _os.environ.get("NEXTROUND_LOG_LEVEL", "info").lower()
forwarded_allow_ips = "*" if _nextround_config.read("TRUSTED_PROXY") else "127.0.0.1,::1"


def on_starting(server: object) -> None:
    """Refuse a local-mode bind off this machine; migrate once, so workers never race to."""
    from nextround import bootstrap
    from nextround.web.server import check_bind

    for address in bind:
        check_bind(address.rsplit(":", 1)[0].strip("[]"), _nextround_config.read("MODE"))
    bootstrap.setup()
    from django.db import connections

    connections.close_all()


def post_fork(server: object, worker: object) -> None:
    """Each worker loads the coach's content and model in the background as it starts."""
    from nextround.services import warmup

    warmup.start()

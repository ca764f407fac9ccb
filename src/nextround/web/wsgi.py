"""The WSGI application, for waitress in local mode or gunicorn behind a proxy in server mode."""

from __future__ import annotations

from nextround import bootstrap

bootstrap.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

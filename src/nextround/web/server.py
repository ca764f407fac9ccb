"""`nextround serve`: the web app on a production-grade WSGI server (waitress)."""

from __future__ import annotations

import click

from nextround import config


def check_bind(host: str, mode: str) -> None:
    if mode == "local" and not config.is_loopback(host):
        raise config.ConfigError(
            f"local mode has no login, so it only listens on this machine (127.0.0.1), not "
            f"{host}. To serve other people, set NEXTROUND_MODE=server (accounts and a secret key)."
        )


def serve(host: str | None, port: int | None, threads: int = 8) -> None:
    """Bring the database up to date and serve until interrupted."""
    host = host or config.read("HOST")
    port = port or config.read("PORT")
    check_bind(host, config.read("MODE"))
    from django.conf import settings
    from waitress import serve as waitress_serve

    from nextround.services import restore, warmup
    from nextround.web.wsgi import application

    warmup.start()

    shown = f"[{host}]" if ":" in host else host
    # Held while serving, so that `nextround restore` refuses to replace the database under us.
    with restore.server_lock(settings.DATA_DIR):
        click.echo(f"nextround is running at http://{shown}:{port}/  (press Ctrl+C to stop)")
        waitress_serve(application, host=host, port=port, threads=threads, ident="nextround")

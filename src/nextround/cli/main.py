"""The `nextround` console script. Imports stay inside commands so that --help answers at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nextround import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nextround")
def cli() -> None:
    """nextround: a local-first coach for every job interview after the first.

    Record an opportunity, debrief each round, plan the next one, and follow up.
    Your data stays on this machine (see NEXTROUND_DATA_DIR).
    """


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _email_or_blank(value: str) -> str:
    """An email address typed at the prompt, or nothing; a bad one is asked for again."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    value = value.strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise click.UsageError(f"{value!r} is not an email address") from None
    return value


@cli.command()
@click.option("--name", help="Your full name, to sign notes.")
@click.option("--email", help="Your email: invites sent to it never list you as an interviewer.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def init(name: str | None, email: str | None, as_json: bool) -> None:
    """Create the data folder and database, and say who you are (you may skip it)."""
    from django.conf import settings
    from django.db import connection

    from nextround.cli import output
    from nextround.cli.records import owner

    user = owner()
    from nextround.services import profile as profiles

    db = settings.DATABASES["default"]
    where = str(db["NAME"]) if connection.vendor == "sqlite" else f"PostgreSQL {db['NAME']}"
    known = profiles.get(user)
    ready = f"nextround is ready: {where}"
    ask = name is None and email is None and not as_json and _interactive()
    if ask and not (known.full_name or known.email):
        click.echo(ready)
        ready = ""
        click.echo(
            "Who are you? Your name signs your notes, and invites sent to your email never "
            "list you as your own interviewer. Press Enter to skip."
        )
        name = click.prompt("Your name", default="", show_default=False).strip() or None
        email = (
            click.prompt(
                "Your email", default="", show_default=False, value_proc=_email_or_blank
            ).strip()
            or None
        )
    if name or email:
        known = profiles.update(user, full_name=name or None, email=email or None)
    if known.full_name or known.email:
        about = "You are " + (known.full_name or known.email)
        about += f" ({known.email})." if known.full_name and known.email else "."
    else:
        about = "Say who you are any time: nextround profile set --name NAME --email EMAIL."
    output.done(
        {
            "database": where,
            "data_dir": str(settings.DATA_DIR),
            "mode": settings.MODE,
            "profile": {"full_name": known.full_name, "email": known.email},
        },
        as_json,
        f"{ready}\n{about}" if ready else about,
    )


@cli.command()
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Requests answered at the same time.",
)
def serve(host: str | None, port: int | None, threads: int) -> None:
    """Start the web app (local mode: http://127.0.0.1:8000)."""
    from nextround.web.server import serve as run_server

    run_server(host, port, threads)


@cli.command("export")
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: print to standard output).",
)
def export_(output_path: Path | None) -> None:
    """Write a complete, versioned JSON backup of your data."""
    from nextround.cli.records import owner

    user = owner()
    from nextround.services import backup

    if output_path is None:
        backup.export_to(user, sys.stdout)
        return
    tmp = output_path.with_name(output_path.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        written = backup.export_to(user, fh)
    tmp.replace(output_path)
    total = sum(written.values())
    click.echo(f"Wrote {total:,} records to {output_path}.", err=True)


@cli.command("import")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def import_(backup_file: Path, as_json: bool) -> None:
    """Restore a backup made by `nextround export` into an empty database."""
    from nextround.cli import output
    from nextround.cli.records import owner

    user = owner()
    from nextround.services import backup

    data = backup.load(backup_file)
    restored = backup.restore(user, data, str(backup_file))
    output.done(
        {"restored": restored},
        as_json,
        f"Restored {sum(restored.values()):,} records from {backup_file}.",
    )


@cli.command("link")
@click.argument("round_id", type=int)
@click.argument("interviewer_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def link(round_id: int, interviewer_id: int, as_json: bool) -> None:
    """Put an interviewer you already met on another round's panel."""
    from nextround.cli import output
    from nextround.cli.records import owner

    user = owner()
    from nextround.services.records import interviewers

    person = interviewers.link(user, round_id, interviewer_id)
    output.record(person, as_json, f"{person.name} is on round {round_id}'s panel.")


@cli.command("unlink")
@click.argument("round_id", type=int)
@click.argument("interviewer_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def unlink(round_id: int, interviewer_id: int, as_json: bool) -> None:
    """Take an interviewer off a round's panel (they stay on the opportunity's other rounds)."""
    from nextround.cli import output
    from nextround.cli.records import owner

    user = owner()
    from nextround.services.records import interviewers

    person = interviewers.get(user, interviewer_id)
    interviewers.unlink(user, round_id, interviewer_id)
    output.done(
        {"round_id": round_id, "interviewer_id": interviewer_id, "on_panel": False},
        as_json,
        f"{person.name} is not on round {round_id}'s panel.",
    )


@cli.command("sample")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sample_(as_json: bool) -> None:
    """Add a sample opportunity to explore (once; delete it whenever you like)."""
    from nextround.cli import output
    from nextround.cli.records import owner

    user = owner()
    from nextround.services import sample

    opp = sample.create_sample(user)
    output.record(opp, as_json, f"Sample opportunity {opp.pk}: {opp}.")


def _register() -> None:
    from nextround.cli import followup, practice, records

    records.register(cli)
    practice.register(cli)
    followup.register(cli)
    from nextround.cli import documents

    documents.register(cli)
    from nextround.cli import users

    users.register(cli)
    from nextround.cli import brief

    brief.register(cli)
    from nextround.cli import semantic

    semantic.register(cli)
    from nextround.cli import restore

    restore.register(cli)
    from nextround.cli import search

    search.register(cli)


_register()


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors print one line and exit 1, never a traceback."""
    from nextround.config import ConfigError
    from nextround.services.errors import ServiceError

    try:
        result = cli.main(args=argv, prog_name="nextround", standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted.")
    except click.exceptions.UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        _fail(exc.format_message() + hint)
    except click.ClickException as exc:
        _fail(exc.format_message())
    except (ServiceError, ConfigError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted.", 130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        if type(exc).__module__.startswith("django.db") or "psycopg" in type(exc).__module__:
            _fail(f"the database cannot be used: {str(exc).strip().splitlines()[0]}")
        raise
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()

"""Administration: `nextround user ...`, `nextround backup` and `nextround worker`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click


def _setup() -> None:
    from nextround import bootstrap

    bootstrap.setup()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@click.group("user")
def user_group() -> None:
    """Accounts of server mode: add, list, delete, reset a password, invite, API tokens, export."""


@user_group.command("add")
@click.argument("username")
@click.option("--email", default="", help="E-mail address (optional).")
@click.option("--admin", is_flag=True, help="An administrator (may issue invites).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def add(username: str, email: str, admin: bool, password_stdin: bool, as_json: bool) -> None:
    """Create an account."""
    _setup()
    from nextround.cli import output
    from nextround.services import accounts

    user = accounts.add_user(username, _password(password_stdin), email, admin=admin)
    output.done(
        {"id": user.pk, "username": user.username, "admin": admin},
        as_json,
        f"Added {user.username}{' (administrator)' if admin else ''}.",
    )


@user_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_(as_json: bool) -> None:
    """List the accounts."""
    _setup()
    from nextround.cli import output
    from nextround.services import accounts

    rows = [
        {
            "id": u.pk,
            "username": u.username,
            "email": u.email,
            "admin": u.is_superuser,
            "last_login": u.last_login.isoformat() if u.last_login else "",
        }
        for u in accounts.accounts()
    ]
    if as_json:
        output.emit_json(rows)
        return
    if not rows:
        click.echo("No accounts yet: add one with `nextround user add NAME`.")
    for row in rows:
        admin = " (administrator)" if row["admin"] else ""
        click.echo(f"{row['id']:>5}  {row['username']}{admin}  {row['email']}")


@user_group.command("delete")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def delete(username: str, yes: bool, as_json: bool) -> None:
    """Delete an account and every record it owns (export it first)."""
    _setup()
    from nextround.cli import output
    from nextround.services import operations, users

    user = users.find(username)
    if not yes:
        click.confirm(f"Delete {user.username} and all their data?", abort=True)
    gone = operations.delete_account(user)
    output.done(
        {"deleted": user.username, "records": gone},
        as_json,
        f"Deleted {username} and {sum(gone.values()):,} records.",
    )


@user_group.command("reset-token")
@click.argument("username")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def reset_token(username: str, as_json: bool) -> None:
    """Print a one-use link path that lets the person choose a new password."""
    _setup()
    from nextround.cli import output
    from nextround.services import accounts, users

    token = accounts.reset_token(users.find(username))
    path = f"/account/reset/{token}/"
    output.done(
        {"username": username, "token": token, "path": path},
        as_json,
        f"Send {username} this link (on your site's address); it works once: {path}",
    )


@user_group.command("invite")
@click.option("--email", default="", help="Who the invite is for (optional).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def invite(email: str, as_json: bool) -> None:
    """Make a one-use sign-up invite (for NEXTROUND_SIGNUP=invite), valid for 14 days."""
    _setup()
    from nextround.cli import output
    from nextround.services import accounts

    token = accounts.invite(accounts.administrator(), email)
    path = f"/account/signup/?invite={token}"
    output.done(
        {"token": token, "path": path, "email": email},
        as_json,
        f"Invite code: {token}  (link: {path})",
    )


@user_group.command("token")
@click.argument("username")
@click.option("--name", default="api", show_default=True, help="What the token is for.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def token(username: str, name: str, as_json: bool) -> None:
    """Make an API token (shown once) for Authorization: Bearer."""
    _setup()
    from nextround.cli import output
    from nextround.services import accounts, users

    made = accounts.create_token(users.find(username), name)
    output.done(
        {"id": made.id, "name": made.name, "token": made.token},
        as_json,
        f"API token for {username} (shown only now): {made.token}",
    )


@user_group.command("export")
@click.argument("username")
@click.option(
    "--output",
    "-o",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write.",
)
def export(username: str, output_path: Path) -> None:
    """Write everything one person owns to a nextround backup file."""
    _setup()
    from nextround.services import operations, users

    user = users.find(username)
    part = output_path.with_name(output_path.name + ".part")
    with part.open("w", encoding="utf-8") as fh:
        written = operations.export_user(user, fh)
    part.replace(output_path)
    click.echo(f"Wrote {sum(written.values()):,} records of {username} to {output_path}.")


@click.command("backup")
@click.option(
    "--output",
    "-o",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (SQLite: a database file; PostgreSQL: a pg_dump archive).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def backup(output_path: Path, as_json: bool) -> None:
    """Copy the whole database while nextround keeps running."""
    _setup()
    from nextround.cli import output
    from nextround.services import operations

    made = operations.backup_database(output_path)
    data: dict[str, Any] = {"path": str(made.path), "engine": made.engine, "bytes": made.bytes}
    output.done(data, as_json, f"Backed up the {made.engine} database to {made.path}.")


@click.command("worker")
@click.option("--once", is_flag=True, help="Run the queued jobs, then stop.")
@click.option(
    "--poll",
    type=click.FloatRange(0.1, 60),
    default=1.0,
    show_default=True,
    help="Seconds to wait, when nothing is queued, before looking again.",
)
def worker(once: bool, poll: float) -> None:
    """Run queued heavy work (PDFs, transcription, batch analysis) beside the web workers.

    It is the database worker of django-tasks: jobs wait in the app's database until it runs them.
    """
    _setup()
    from nextround.services import jobs

    if not once:
        click.echo(f"nextround worker: running jobs of kinds {', '.join(jobs.kinds())}", err=True)
    try:
        ran = jobs.work(once=once, poll=poll)
    except KeyboardInterrupt:
        return
    if once:
        click.echo(f"Ran {ran} job{'s' if ran != 1 else ''}.")


def register(cli: click.Group) -> None:
    cli.add_command(user_group)
    cli.add_command(backup)
    cli.add_command(worker)

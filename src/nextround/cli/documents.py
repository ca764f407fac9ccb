"""`nextround opportunity jd`, `nextround cv import` and `nextround interviewer import`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from nextround.cli.records import owner

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
MAX_PASTE = 1024 * 1024


def warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


@click.command("jd")
@click.argument("opportunity_id", type=int)
@click.argument("file", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def jd(opportunity_id: int, file: Path, as_json: bool) -> None:
    """Read a job description (.pdf, .docx, .html, .txt, .md) into an opportunity."""
    from nextround.cli import output

    user = owner()
    from nextround.services import documents

    opportunity, document = documents.attach_job_description(user, opportunity_id, file)
    warn(document.warnings)
    words = len(document.text.split())
    pages = f", {document.pages} pages" if document.pages else ""
    output.record(
        opportunity,
        as_json,
        f"Read {words:,} words from {file.name} ({document.kind}{pages}) into opportunity "
        f"{opportunity.pk}.",
    )


@click.group("cv")
def cv() -> None:
    """Your CV: roles, skills and story drafts."""


@cv.command("import")
@click.argument("file", type=FILE)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def cv_import(file: Path, dry_run: bool, as_json: bool) -> None:
    """Read a CV (.pdf, .docx, .txt, .md): skills for your profile, achievements as story drafts."""
    from nextround.cli import output

    user = owner()
    from nextround.services import cv_import as service

    if dry_run:
        preview = service.preview_file(user, file)
        warn(preview.warnings)
        if as_json:
            output.emit_json({"dry_run": True, **preview.as_dict()})
            return
        print_cv_preview(preview)
        click.echo("Dry run: nothing was saved.")
        return
    result = service.import_file(user, file)
    warn(result.preview.warnings)
    if as_json:
        output.emit_json({"dry_run": False, **result.as_dict()})
        return
    print_cv_preview(result.preview)
    like = len(result.like_existing)
    left_out = result.skipped - like
    click.echo(
        f"Imported {file.name}: {len(result.created)} story drafts created "
        f"({left_out} already saved"
        + (f", {like} left out as like one of your stories or another draft" if like else "")
        + f"), {len(result.skills_added)} skills added "
        f"({len(result.skills)} on your profile). Complete what each draft marks "
        f"'To complete' with `nextround story edit ID`."
    )


def print_cv_preview(preview: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
    console.print(f"[bold]{preview.source_name}[/bold]: sections {', '.join(preview.sections)}")
    if preview.roles:
        roles = Table("title", "employer", "dates", "achievements", title="Roles")
        for role in preview.roles:
            roles.add_row(role.title, role.employer, role.dates, str(role.achievements))
        console.print(roles)
    else:
        console.print("No roles found (no experience section with dated roles).")
    console.print(f"Skills: {', '.join(preview.skills) or 'none found'}")
    if preview.drafts:
        drafts = Table("#", "story draft", "metrics", "to complete", title="Story drafts")
        for draft in preview.drafts:
            title = draft.title + (" (already saved)" if draft.exists else "")
            if draft.like and not draft.exists:
                like = draft.like if draft.like.startswith("draft ") else f"'{draft.like}'"
                title += f" (like {like}; left out)"
            drafts.add_row(
                str(draft.number), title, ", ".join(draft.metrics), ", ".join(draft.needs)
            )
        console.print(drafts)
    else:
        console.print("No achievements to draft stories from.")


@click.command("import")
@click.argument("round_id", type=int)
@click.argument("file", type=FILE, required=False)
@click.option("--interviewer", "interviewer_id", type=int, help="Fill in this interviewer.")
@click.option("--text", help="Pasted profile text instead of a file ('-' reads standard input).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def interviewer_import(
    round_id: int, file: Path | None, interviewer_id: int | None, text: str | None, as_json: bool
) -> None:
    """Fill in an interviewer on a round from their profile (saved as PDF, or pasted text)."""
    if (file is None) == (text is None):
        raise click.UsageError("Give exactly one of FILE or --text.")
    if text == "-":
        text = sys.stdin.read(MAX_PASTE + 1)
        if len(text) > MAX_PASTE:
            raise click.UsageError("the pasted profile is over 1 MB.")
    from nextround.cli import output

    user = owner()
    from nextround.services import profile_import as service
    from nextround.services.records import rounds

    rounds.get(user, round_id)  # an unknown round is named before any file is read
    if file is not None:
        facts = service.facts_from_file(file)
    else:
        assert text is not None
        facts = service.facts_from_text(text)
    result = service.apply_facts(user, round_id, facts, interviewer_id)
    if as_json:
        output.emit_json(result.as_dict())
        return
    person = result.interviewer
    verb = "Added" if result.created else "Updated"
    filled = ", ".join(f.replace("_", " ") for f in result.changed) or "nothing new"
    output.record(
        person,
        False,
        f"{verb} interviewer {person.pk} ({person.name}) on round {round_id}: {filled}.",
    )


def register(cli: click.Group) -> None:
    opportunity = cli.commands["opportunity"]
    assert isinstance(opportunity, click.Group)
    opportunity.add_command(jd)
    interviewer = cli.commands["interviewer"]
    assert isinstance(interviewer, click.Group)
    interviewer.add_command(interviewer_import)
    cli.add_command(cv)

"""`nextround brief`, `requirement extract`, `evidence map` and `checklist`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nextround.cli.records import owner


@click.command()
@click.argument("round_id", type=int)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["md", "html", "pdf", "json"]),
    default="md",
    show_default=True,
    help="What to write.",
)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output; a PDF needs a file).",
)
@click.option(
    "--night-before",
    is_flag=True,
    help="Only the one page for the night before: the five to rehearse, the doubts, where and who.",
)
def brief(round_id: int, fmt: str, output_path: Path | None, night_before: bool) -> None:
    """The prep brief for a round: reinforce, counter, likely questions, people, checklist."""
    if fmt == "pdf" and output_path is None and sys.stdout.isatty():
        raise click.UsageError("a PDF cannot be printed to the terminal: give --output brief.pdf")
    user = owner()
    from nextround.services import brief as service

    view = service.build(user, round_id)
    if night_before and fmt == "json":
        raise click.UsageError("--night-before is a page to read: choose md, html or pdf")
    content = service.render(view, fmt, night_before=night_before)
    if output_path is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    tmp = output_path.with_name(output_path.name + ".part")
    try:
        tmp.write_bytes(content)
        tmp.replace(output_path)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output_path}: {exc.strerror}") from None
    click.echo(f"Wrote the round {view.data['round']['number']} brief to {output_path}.", err=True)


@click.command("extract")
@click.argument("opportunity_id", type=int)
@click.option(
    "--replace",
    is_flag=True,
    help="Start again from the job description: remove requirements no story backs (listed).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def extract(opportunity_id: int, replace: bool, as_json: bool) -> None:
    """Read the job description's requirements into requirement records you can edit."""
    user = owner()
    from nextround.cli.output import emit_json
    from nextround.services import evidence_map

    result = evidence_map.extract(user, opportunity_id, replace=replace)
    if as_json:
        emit_json(result.to_dict())
        return
    for q in result.added:
        click.echo(f"+ {q.pk}  [{q.kind}] {q.text}")
    for text in result.removed:
        click.echo(f"- removed: {text}")
    for q in result.kept:
        why = " (a story backs it)" if replace else ""
        click.echo(f"= {q.pk}  [{q.kind}] {q.text}{why}")
    click.echo(
        f"{len(result.added)} added, {len(result.kept)} kept, {len(result.removed)} removed."
        + (f" Key terms: {', '.join(result.key_terms)}." if result.key_terms else "")
    )


@click.command("map")
@click.argument("opportunity_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def evidence_map_command(opportunity_id: int, as_json: bool) -> None:
    """Each requirement with the stories that back it (ranked, with why), gaps and idle stories."""
    user = owner()
    from nextround.cli.output import emit_json
    from nextround.services import evidence_map

    view = evidence_map.evidence_view(user, opportunity_id)
    if as_json:
        emit_json(view.to_dict())
        return
    if not view.rows:
        click.echo(
            f"No requirements yet: `nextround requirement extract {opportunity_id}` reads them "
            "from the job description."
        )
    for row in view.rows:
        q = row.requirement
        click.echo(f"{q.pk}  [{q.kind}] {q.text}")
        for s in row.linked:
            click.echo(f"    linked  {s.title} (story {s.story_id}, evidence {s.evidence_id})")
        # Words, as in the brief's table, never a score: "backs it" or "might fit".
        for x in row.suggested:
            click.echo(f"    backs it     {x.title} (story {x.story_id}): {x.reason}")
        if row.is_gap:
            click.echo("    gap: no story clearly shows this yet")
            for x in row.maybe:
                click.echo(f"    might fit    {x.title} (story {x.story_id}): check it shows this")
    if view.unused:
        click.echo("Stories that back nothing: " + ", ".join(t for _, t in view.unused))


@click.command("checklist")
@click.argument("round_id", type=int)
@click.option("--tick", "tick_key", help="Tick (or untick) the step with this key.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def checklist(round_id: int, tick_key: str | None, as_json: bool) -> None:
    """The countdown checklist to a round; tick steps off by key."""
    user = owner()
    from nextround.cli.output import emit_json
    from nextround.services import brief as service

    if tick_key is not None:
        service.tick(user, round_id, tick_key)
    rows = service.checklist(user, round_id)
    if as_json:
        emit_json(
            [{"key": c.key, "label": c.label, "due_on": c.due_on, "done": c.done} for c in rows]
        )
        return
    for c in rows:
        due = c.due_on.strftime("%a %d %b") if c.due_on else "any time"
        late = "  (overdue)" if c.overdue else ""
        click.echo(f"[{'x' if c.done else ' '}] {due:10}  {c.key:22} {c.label}{late}")


def register(cli: click.Group) -> None:
    cli.add_command(brief)
    cli.add_command(checklist)
    requirement = cli.commands["requirement"]
    evidence = cli.commands["evidence"]
    assert isinstance(requirement, click.Group) and isinstance(evidence, click.Group)
    requirement.add_command(extract)
    evidence.add_command(evidence_map_command)

"""`nextround semantic`: whether meaning-based matching is on, and its cache of vectors."""

from __future__ import annotations

import click

from nextround.cli.records import owner


@click.group()
def semantic() -> None:
    """Sentence embeddings: status of the model and the cached vectors."""


@semantic.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(as_json: bool) -> None:
    """Whether embeddings are in use, with which model, and how many vectors are cached."""
    owner()
    from nextround.services import semantic as service

    found = service.status()
    if as_json:
        from nextround.cli.output import emit_json

        emit_json(found.__dict__)
        return
    if found.model_id:
        click.echo(f"Semantic matching: on ({found.model_id}, {found.reason}).")
        click.echo(f"Used for: {', '.join(found.uses)}.")
    else:
        click.echo(f"Semantic matching: off ({found.reason}); word overlap is used instead.")
    click.echo(f"Cached vectors: {found.cached} (NEXTROUND_SEMANTIC={found.setting}).")


@semantic.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def prune(as_json: bool) -> None:
    """Delete cached vectors of texts no longer stored (or made by another model)."""
    owner()
    from nextround.services import semantic as service

    removed = service.prune()
    if as_json:
        from nextround.cli.output import emit_json

        emit_json({"removed": removed})
        return
    click.echo(f"Removed {removed} cached vector(s).")


def register(cli: click.Group) -> None:
    cli.add_command(semantic)

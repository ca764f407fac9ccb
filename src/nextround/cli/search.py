"""`nextround search`: every kind of record found by its words, best first."""

from __future__ import annotations

from typing import Any

import click

from nextround.cli.records import owner

# The kinds of record search finds (services/search.py LABELS), and the command of each.
COMMANDS = {
    "opportunity": "opportunity",
    "requirement": "requirement",
    "person": "interviewer",
    "round": "round",
    "question": "question",
    "feedback": "feedback",
    "ask": "ask",
    "follow-up": "followup",
    "offer": "offer",
    "story": "story",
}


def _marked(excerpt: Any) -> str:
    """Rich markup of an excerpt: the matched words in bold, the rest escaped."""
    from rich.markup import escape

    if excerpt is None:
        return ""
    text = "".join(
        escape(t) if not hit else f"[bold]{escape(t)}[/bold]" for t, hit in excerpt.parts
    )
    return ("…" if excerpt.cut_before else "") + text + ("…" if excerpt.cut_after else "")


def _plain(hit: Any) -> dict[str, Any]:
    return {
        "kind": hit.kind,
        "label": hit.label,
        "id": hit.object_id,
        "opportunity_id": hit.opportunity_id,
        "round_id": hit.round_id,
        "title": hit.title.text,
        "excerpt": hit.excerpt.text if hit.excerpt else "",
        "matched": sorted({*hit.title.marked, *(hit.excerpt.marked if hit.excerpt else ())}),
        "context": hit.context,
        "shared": hit.shared,
        "by_meaning": hit.by_meaning,
    }


@click.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(sorted(COMMANDS)), help="Only records of this kind.")
@click.option(
    "--limit",
    type=click.IntRange(1, 200),
    default=20,
    show_default=True,
    help="Show at most this many results.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search(text: tuple[str, ...], kind: str | None, limit: int, as_json: bool) -> None:
    """Find people, companies, roles, job descriptions, notes, feedback, questions, offers and
    stories by their words ("kube" finds Kubernetes; capitals and accents do not matter)."""
    user = owner()
    from nextround.services import search as service

    found = service.search(user, " ".join(text), kind=kind or "", limit=limit)
    close = service.close_in_meaning(user, " ".join(text), kind=kind or "")
    if as_json:
        from nextround.cli.output import emit_json

        emit_json(
            {
                "query": found.query,
                "words": list(found.words),
                "some_words": found.some_words,
                "more": found.more,
                "capped": found.capped,
                "notes": list(found.notes),
                "results": [_plain(h) for h in found.hits],
                "close_in_meaning": [_plain(h) for h in close],
            }
        )
        return
    if not found.words:
        raise click.ClickException(found.notes[-1] if found.notes else "Give a word to search for.")
    from nextround.cli import output

    console = output._console()
    for note in found.notes:
        click.echo(note, err=True)
    if not found.hits:
        click.echo(f"Nothing matches “{found.query}”.")
    elif found.some_words:
        click.echo("Nothing holds every word; these hold some of them.")
    for hit in (*found.hits, *close):
        where = f" · {hit.context}" if hit.context else ""
        meaning = " · close in meaning" if hit.by_meaning else ""
        console.print(
            f"[dim]{hit.label}[/dim] {_marked(hit.title)}{where} "
            f"[dim]({COMMANDS[hit.kind]} {hit.object_id}{meaning})[/dim]",
            highlight=False,
        )
        if hit.excerpt:
            console.print("    " + _marked(hit.excerpt), highlight=False)
    if found.capped:
        click.echo("More than 2,000 records hold these words: these are the best of the latest.")
    elif found.more:
        click.echo(f"Only the best {len(found.hits)} are shown: add a word or use --kind.")


def register(cli: click.Group) -> None:
    cli.add_command(search)

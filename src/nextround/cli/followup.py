"""Follow up and decide: invites and emails in, notes out, the calendar, offers and the profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from nextround.cli.records import owner

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """A file's bytes, refused before reading when it is larger than the limit."""
    from nextround.services.invites import FileProblem

    size = path.stat().st_size
    if size > limit:
        raise FileProblem(
            f"{path.name}: the {what} is too large ({size / 1_000_000:.1f} MB; "
            f"the limit is {limit / 1_000_000:.1f} MB)"
        )
    return path.read_bytes()


@click.command("import-invite")
@click.argument("opportunity_id", type=int)
@click.argument("invite", type=FILE)
@click.option("--round", "round_id", type=int, help="Update this round rather than match one.")
@click.option("--anyway", is_flag=True, help="Import even if the invite looks wrong.")
@JSON
def import_invite(
    opportunity_id: int, invite: Path, round_id: int | None, anyway: bool, as_json: bool
) -> None:
    """Create or update a round from a calendar invite (.ics)."""
    user = owner()
    from nextround.cli import output
    from nextround.services import invites

    data = read_limited(invite, invites.MAX_INVITE_BYTES, "invite")
    result = invites.import_invite(
        user, opportunity_id, data, name=invite.name, round_id=round_id, anyway=anyway
    )
    if as_json:
        output.emit_json(
            {
                "round_id": result.round.pk,
                "number": result.round.number,
                "created": result.created,
                "cancelled": result.cancelled,
                "stale": result.stale,
                "added": result.added,
                "linked": result.linked,
                "removed": result.removed,
                "you": (
                    {"name": result.you.name, "email": result.you.email, "why": result.you.reason}
                    if result.you
                    else None
                ),
                "unsure_who_you_are": result.unsure,
                "notes": result.notes,
                "message": result.message,
            }
        )
        return
    click.echo(result.message)
    for line in _how_to_change(result):
        click.echo(line)
    for note in result.notes:
        click.echo(f"Note: {note}")


def _how_to_change(result: Any) -> list[str]:
    """The commands that change who an import took to be you."""
    import shlex

    you = result.you
    if you is None:
        if not result.unsure:
            return []
        return [
            "Say who you are, then import again: "
            "nextround profile set --name NAME --email EMAIL; nextround interviewer delete ID "
            "removes anyone added by mistake."
        ]
    who = f"--name {shlex.quote(you.name)}" + (f" --email {you.email}" if you.email else "")
    return [
        f"To change it: if {you.name} is an interviewer, "
        f"nextround interviewer add {result.round.pk} {who}",
        f"If that is you, keep it for later invites: nextround profile set {who}",
    ]


@click.command("import")
@click.argument("round_id", type=int)
@click.argument("email", type=FILE, required=False)
@click.option("--text", help="The email pasted as text (From:, Date:, Subject: lines allowed).")
@JSON
def import_feedback(round_id: int, email: Path | None, text: str | None, as_json: bool) -> None:
    """Store an email (.eml file or pasted text) as feedback with its sender and date."""
    if (email is None) == (text is None):
        raise click.UsageError("Give exactly one of FILE.eml or --text.")
    user = owner()
    from nextround.cli import output
    from nextround.services import invites

    if email is not None:
        data = read_limited(email, invites.MAX_EMAIL_BYTES, "email")
        result = invites.import_email_file(user, round_id, data, email.name)
    else:
        assert text is not None
        result = invites.import_email_text(user, round_id, text)
    output.record(result.feedback, as_json, result.message)


def _draft_json(draft: Any) -> dict[str, Any]:
    from nextround.store.serialize import record_to_dict

    data = record_to_dict(draft.follow_up)
    data.update(
        to_name=draft.to_name,
        to_email=draft.to_email,
        mailto=draft.mailto,
        rests_on=list(draft.rests_on),
    )
    return data


@click.command("draft")
@click.argument("round_id", type=int)
@click.option(
    "--kind",
    type=click.Choice(["thank-you", "chaser", "consultant"]),
    default="thank-you",
    show_default=True,
    help="Thank-you notes for the panel, a chaser, or a note to the consultant.",
)
@click.option(
    "--eml-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write each note as an unsent .eml draft in this folder.",
)
@JSON
def draft(round_id: int, kind: str, eml_dir: Path | None, as_json: bool) -> None:
    """Draft follow-up notes for a round (kept; drafting again refreshes unsent ones)."""
    user = owner()
    from django.utils import timezone

    from nextround.cli import output
    from nextround.services import followups

    made = followups.draft_notes(user, round_id, kind)
    now = timezone.now()
    drafts = [followups.as_draft(f, now, rests_on=made.rests_on.get(f.pk, ())) for f in made.saved]
    for reason in made.skipped:
        click.echo(f"Note: {reason}", err=True)
    written: list[str] = []
    if eml_dir is not None:
        eml_dir.mkdir(parents=True, exist_ok=True)
        for d in drafts:
            if not d.to_email:
                click.echo(f"Note: {d.to_name} has no email address; no .eml written.", err=True)
                continue
            name, data = followups.eml_draft(user, d.id)
            (eml_dir / name).write_bytes(data)
            written.append(str(eml_dir / name))
    if as_json:
        output.emit_json(
            [
                _draft_json(d) | {"eml": p, "skipped": made.skipped}
                for d, p in _pair(drafts, written)
            ]
        )
        return
    for d in drafts:
        f = d.follow_up
        sent = f" (sent {followups.day_said(f.sent_at.date())})" if f.sent_at else ""
        due = f", due {followups.when_said(d.due_at)}" if d.due_at else ""
        click.echo(f"--- follow-up {f.pk}: {d.heading} <{d.to_email or 'no address'}>{due}{sent}")
        for why in d.rests_on:
            click.echo(f"(Strongest point: {why}.)")
        click.echo(f"Subject: {f.subject}\n\n{f.body}\n")
    for path in written:
        click.echo(f"Wrote {path}")


def _pair(drafts: list[Any], written: list[str]) -> list[tuple[Any, str | None]]:
    by_id = {p.rsplit("-", 1)[-1].removesuffix(".eml"): p for p in written}
    return [(d, by_id.get(str(d.id))) for d in drafts]


@click.command("sent")
@click.argument("follow_up_id", type=int, metavar="ID")
@JSON
def sent(follow_up_id: int, as_json: bool) -> None:
    """Record that a follow-up was sent."""
    user = owner()
    from nextround.cli import output
    from nextround.services import followups

    f = followups.mark_sent(user, follow_up_id)
    output.record(f, as_json, f"Follow-up {f.pk} marked sent.")


@click.command("overdue")
@JSON
def overdue(as_json: bool) -> None:
    """List follow-ups past their due time and not yet sent."""
    user = owner()
    from django.utils import timezone

    from nextround.cli import output
    from nextround.services import followups, times

    rows = followups.overdue(user)
    if as_json:
        output.records(rows, ("id", "round_id", "kind", "subject", "due_at"), True, "")
        return
    if not rows:
        click.echo("Nothing overdue.")
        return
    now = timezone.now()
    for f in rows:
        r = f.round
        due = followups.when_said(times.in_zone(f.due_at, r.timezone)) if f.due_at else "no date"
        heading = followups.as_draft(f, now).heading
        click.echo(f"{f.pk}: {heading} ({r.opportunity.company}, round {r.number}), due {due}")


@click.command("calendar")
@click.argument("opportunity_id", type=int, required=False)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: print to standard output).",
)
@JSON
def calendar(opportunity_id: int | None, output_path: Path | None, as_json: bool) -> None:
    """Export rounds, preparation milestones and follow-up dates (with alarms) as .ics."""
    user = owner()
    from nextround.cli import output
    from nextround.services import calendar as cal

    result = cal.export(user, opportunity_id)
    summary = {
        "events": result.events,
        "rounds": result.rounds,
        "milestones": result.milestones,
        "follow_ups": result.follow_ups,
        "deadlines": result.deadlines,
        "reminders": result.reminders,
    }
    if output_path is None:
        if as_json:
            raise click.UsageError("--json needs --output (the calendar itself is not JSON).")
        click.echo(result.data.decode("utf-8"), nl=False)
        return
    tmp = output_path.with_name(output_path.name + ".part")
    tmp.write_bytes(result.data)
    tmp.replace(output_path)
    output.done(
        summary | {"output": str(output_path)},
        as_json,
        f"Wrote {result.events} events to {output_path} ({result.rounds} rounds, "
        f"{result.milestones} preparation milestones, {result.follow_ups} follow-ups, "
        f"{result.deadlines} offer deadlines, {result.reminders} thank-you reminders).",
    )


@click.command("compare")
@JSON
def compare(as_json: bool) -> None:
    """Compare open offers and your current job in your weighted decision matrix."""
    user = owner()
    from nextround.cli import output
    from nextround.services import offers

    result = offers.compare(user)
    if as_json:
        output.emit_json(
            {
                "criteria": [
                    {"key": c.key, "label": c.label, "weight": c.weight} for c in result.criteria
                ],
                "ranking": [
                    {
                        "offer_id": row.offer.pk,
                        "label": row.label,
                        "rank": row.rank,
                        "total": row.total,
                        "ratings": {c.criterion: c.rating for c in row.cells},
                        "missing": [c.criterion for c in row.cells if c.missing],
                    }
                    for row in result.rows
                ],
                "messages": result.messages,
                "sensitivity": result.sensitivity,
            }
        )
        return
    if not result.ready:
        for message in result.messages:
            click.echo(message)
        return
    from rich.table import Table

    table = Table("rank", "option", "total", *[c.label for c in result.criteria])
    for row in result.rows:
        cells = [f"{c.rating:g}{'?' if c.missing else ''}" for c in row.cells]
        table.add_row(str(row.rank), f"{row.label} ({row.offer.pk})", f"{row.total:.2f}", *cells)
    output._console().print(table)
    weights = ", ".join(f"{c.label} {c.weight:g}" for c in result.criteria)
    click.echo(f"Weights: {weights}. '?' marks a missing rating, counted as 5.")
    for message in result.messages:
        click.echo(message)
    click.echo(result.sensitivity)


@click.command("script")
@click.argument("offer_id", type=int)
@click.option(
    "--reply-by",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Day to answer by (default: a week from today, or their deadline if later).",
)
@click.option(
    "--reason",
    type=click.Choice(["family", "terms", "other-process", "notice"]),
    default="family",
    show_default=True,
    help="Why you want the time: talk it over with family, read the terms, finish another "
    "process, or check your notice period.",
)
@JSON
def script(offer_id: int, reply_by: dt.datetime | None, reason: str, as_json: bool) -> None:
    """What to write and say to thank them for an offer and ask for time."""
    user = owner()
    from nextround.cli import output
    from nextround.services import offers

    s = offers.script(user, offer_id, reply_by.date() if reply_by else None, reason)
    if as_json:
        output.emit_json(
            {
                "to_name": s.to_name,
                "to_email": s.to_email,
                "to_role": s.to_role,
                "subject": s.subject,
                "body": s.body,
                "spoken": s.spoken,
                "reply_by": s.reply_by.isoformat(),
                "deadline": s.deadline.isoformat() if s.deadline else None,
                "past_deadline": s.past_deadline,
                "warnings": list(s.warnings),
            }
        )
        return
    click.echo(
        f"To: {s.to_name} <{s.to_email or 'no address'}> ({s.to_role})\nSubject: {s.subject}\n"
    )
    click.echo(s.body)
    click.echo("\nOn the phone:\n" + s.spoken)
    for warning in s.warnings:
        click.echo(f"\nNote: {warning}")


@click.command("decide")
@click.argument("offer_id", type=int)
@click.option("--accept/--decline", default=None, help="Accept or decline the offer.")
@click.option(
    "--keep",
    "keep",
    type=int,
    multiple=True,
    help="When accepting: keep this other opportunity open (its ID; repeat).",
)
@click.option("--yes", "-y", is_flag=True, help="Do not ask to confirm.")
@JSON
def decide(
    offer_id: int, accept: bool | None, keep: tuple[int, ...], yes: bool, as_json: bool
) -> None:
    """Record your decision; accepting declines your other offers and withdraws from your other
    open opportunities (except those you --keep), closing their follow-ups, cancels this job's
    rounds still ahead and marks your current job as one you are leaving."""
    if accept is None:
        raise click.UsageError("Give --accept or --decline.")
    user = owner()
    from nextround.cli import output
    from nextround.services import decisions

    decline = withdraw = None
    if accept:
        around = decisions.elsewhere(user, offer_id)
        decline = [o.pk for o in around.offers if o.opportunity_id not in keep]
        withdraw = [o.pk for o in around.opportunities if o.pk not in keep]
        closing = [o.label for o in around.offers if o.pk in decline]
        closing += [o.label for o in around.opportunities if o.pk in withdraw]
        closing += [f"{r.label} of this job, no longer needed" for r in around.own_rounds]
        if closing and not yes:
            click.echo(f"Accepting {around.label} also closes:", err=True)
            for text in closing:
                click.echo(f"  {text}", err=True)
            click.confirm("Accept it and close these?", abort=True, err=True)
    result = decisions.decide(user, offer_id, accept, decline=decline, withdraw=withdraw)
    output.done(
        {
            "offer_id": result.offer.pk,
            "decision": result.offer.decision,
            "closed_follow_ups": result.closed_follow_ups,
            "declined": list(result.declined),
            "withdrawn": list(result.withdrawn),
            "cancelled_rounds": result.cancelled_rounds,
            "cancelled_own_rounds": list(result.cancelled_own),
            "left_current_job": result.left_current_job,
        },
        as_json,
        result.message,
    )


@click.command("rate")
@click.argument("offer_id", type=int)
@click.option("--rating", "ratings", multiple=True, required=True, help="KEY=0..10 (repeat).")
@JSON
def rate(offer_id: int, ratings: tuple[str, ...], as_json: bool) -> None:
    """Rate an offer (or the current job) from 0 to 10 on your criteria."""
    user = owner()
    from nextround.cli import output
    from nextround.services import offers

    offer = offers.rate(user, offer_id, offers.parse_ratings(list(ratings)))
    output.record(offer, as_json, f"Rated offer {offer.pk}.")


@click.group("profile")
def profile() -> None:
    """Your name and addresses (for notes and invites) and your decision criteria."""


def _show_profile(user: Any, as_json: bool, message: str | None) -> None:
    from nextround.cli import output
    from nextround.services import profile as profiles

    p = profiles.get(user)
    criteria = profiles.criteria_views(user)
    data = {
        "full_name": p.full_name,
        "email": p.email,
        "other_emails": p.other_emails,
        "criteria": [{"key": c.key, "label": c.label, "weight": c.weight} for c in criteria],
    }
    if as_json:
        output.emit_json(data)
        return
    if message:
        click.echo(message)
    click.echo(f"Name: {p.full_name or '(not set)'}")
    click.echo(f"Email: {p.email or '(not set)'}")
    if p.other_emails:
        click.echo("Other emails: " + ", ".join(p.other_emails))
    click.echo("Criteria: " + ", ".join(f"{c.label} ({c.key}) {c.weight:g}" for c in criteria))


@profile.command("show")
@JSON
def profile_show(as_json: bool) -> None:
    """Show your profile."""
    _show_profile(owner(), as_json, None)


@profile.command("set")
@click.option("--name", help="Your full name, to sign notes.")
@click.option("--email", help="Your email address.")
@click.option(
    "--other-email", "other_emails", multiple=True, help="Another address of yours (repeat)."
)
@click.option("--criterion", "criteria", multiple=True, help="KEY=WEIGHT, e.g. pay=3 (repeat).")
@click.option("--remove-criterion", "remove", multiple=True, help="KEY of a criterion to drop.")
@JSON
def profile_set(
    name: str | None,
    email: str | None,
    other_emails: tuple[str, ...],
    criteria: tuple[str, ...],
    remove: tuple[str, ...],
    as_json: bool,
) -> None:
    """Change your profile; criteria are added or reweighted by key."""
    if name is None and email is None and not other_emails and not criteria and not remove:
        raise click.UsageError("Give at least one option to change.")
    user = owner()
    from nextround.services import profile as profiles

    profiles.update(
        user,
        full_name=name,
        email=email,
        other_emails=list(other_emails) if other_emails else None,
        weights=profiles.parse_criteria(list(criteria)) if criteria else None,
        remove=list(remove),
    )
    _show_profile(user, as_json, "Profile saved.")


def register(cli: click.Group) -> None:
    groups: Any = cli.commands
    groups["round"].add_command(import_invite)
    groups["feedback"].add_command(import_feedback)
    for command in (draft, sent, overdue):
        groups["followup"].add_command(command)
    for command in (compare, script, decide, rate):
        groups["offer"].add_command(command)
    cli.add_command(calendar)
    cli.add_command(profile)

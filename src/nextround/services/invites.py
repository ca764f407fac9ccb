"""Calendar invites and emails in: an .ics makes or updates a round, an email becomes feedback."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from nextround.coach import words
from nextround.coach.brief import arranges_round
from nextround.formats import eml, ics
from nextround.services import identity, times
from nextround.services import profile as profiles
from nextround.services.errors import InvalidInput, ServiceError
from nextround.services.records import feedback, opportunities, rounds
from nextround.store import models as m

MAX_INVITE_BYTES = ics.MAX_INVITE_BYTES
MAX_EMAIL_BYTES = eml.MAX_EMAIL_BYTES
MAX_NOTES_CHARS = 2000

# Warnings from the reader that mean the invite may be wrong: the import stops and says so
# unless the person confirms (`--anyway`, or the box on the upload form).
_DOUBTS = (
    (
        "the invite lists no attendees",
        "the invite lists no attendees besides you, so no interviewers would be added",
    ),
    ("the invite is not UTF-8", "the invite is not UTF-8 text, so names may be garbled"),
    ("this is an all-day event", "the event is all-day: it gives a day but no start time"),
)


class FileProblem(ServiceError):
    """A file that cannot be imported; the message names the file and the problem."""


class Doubtful(FileProblem):
    """An invite that reads as wrong (someone else's, or not an interview); importing it anyway
    is the candidate's call. `doubts` are the reasons, each a short clause."""

    def __init__(self, message: str, doubts: list[str]) -> None:
        super().__init__(message)
        self.doubts = doubts


@dataclass
class InviteImport:
    """What importing an invite did to the round, in words a person can check."""

    round: m.Round
    created: bool = False
    cancelled: bool = False
    stale: bool = False
    added: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Who was taken to be the candidate and left out, when the profile did not say.
    you: identity.Guess | None = None
    # The rules could not tell which attendee is the candidate.
    unsure: bool = False
    # Who sent the invite but only arranges the round, so was left off its panel.
    organiser: str = ""
    # People an earlier import added who the profile now says are the candidate.
    removed: list[str] = field(default_factory=list)
    # The candidate was on this round's panel until this import took them off it.
    left_panel: bool = False

    @property
    def message(self) -> str:
        """What happened, then who was taken to be you (the web adds a link to change it)."""
        return " ".join(x for x in (self.summary, self.about_you) if x)

    @property
    def about_you(self) -> str:
        parts = []
        if self.removed:
            names = ", ".join(self.removed)
            parts.append(f"Removed {names} from the interviewers: your profile says that is you.")
        if self.you is not None:
            parts.append(self.you.note + ".")
        elif self.unsure:
            parts.append("Could not tell which attendee is you, so everyone was added.")
        return " ".join(parts)

    @property
    def summary(self) -> str:
        r = self.round
        if self.stale:
            return f"Round {r.number} already has a newer version of this invite; nothing changed."
        if self.cancelled:
            return f"Round {r.number} is marked cancelled."
        verb = "Added" if self.created else "Updated"
        when = times.in_zone(r.scheduled_at, r.timezone) if r.scheduled_at else None
        text = f"{verb} round {r.number}"
        if when is not None:
            text += f" on {when:%a %d %b %Y %H:%M} ({r.timezone or 'UTC'})"
        people = [*self.added, *self.linked]
        if people:
            text += " with " + ", ".join(people)
        text += "."
        if self.organiser:
            text += (
                f" {self.organiser} sent the invite and is not named among the people you will"
                " meet, so is not on the panel; add them if they interview you."
            )
        return text


def _read_invite(owner: User, data: bytes, name: str) -> ics.Invite:
    try:
        # The stored profile if there is one: reading a refused invite must not create one.
        profile = m.Profile.objects.filter(owner=owner).first() or m.Profile(owner=owner)
        return ics.parse_invite(
            data,
            profiles.candidate_emails(owner, profile),
            local_timezone=times.local_zone_name(),
        )
    except ics.InviteError as exc:
        raise FileProblem(f"{name}: {exc}") from None


def _doubts(invite: ics.Invite, own: Collection[str]) -> list[str]:
    doubts = [
        reason for prefix, reason in _DOUBTS if any(w.startswith(prefix) for w in invite.warnings)
    ]
    organiser = invite.organizer
    if organiser is not None and organiser.name and organiser.email.lower() not in own:
        # The organiser is someone to meet, so an invite with no one else still has a panel.
        doubts = [d for d in doubts if d != _DOUBTS[0][1]]
    return doubts


def import_invite(
    owner: User,
    opportunity_id: int,
    data: bytes,
    *,
    name: str = "invite.ics",
    round_id: int | None = None,
    anyway: bool = False,
) -> InviteImport:
    """Create or update a round of the opportunity from an invite; nothing changes on error."""
    opp = opportunities.get(owner, opportunity_id)
    target = rounds.get(owner, round_id) if round_id is not None else None
    if target is not None and target.opportunity_id != opp.pk:
        raise InvalidInput.one("round", f"round {round_id} belongs to another opportunity")
    invite = _read_invite(owner, data, name)
    if not invite.uid:
        raise FileProblem(f"{name}: the event has no UID, so later updates could not be matched")
    existing = _existing(owner, opp, invite, target)
    if invite.cancelled:
        if existing is None:
            raise FileProblem(
                f"{name}: this cancels an event that was never imported; nothing to cancel"
            )
        return _cancel(existing, invite)
    doubts = _doubts(invite, profiles.candidate_emails(owner))
    if doubts and not anyway:
        raise Doubtful(
            f"{name}: " + "; ".join(doubts) + ". Nothing was imported; check the file, "
            "or import it anyway (--anyway, or tick the box on the form).",
            doubts,
        )
    if (
        existing is not None
        and existing.calendar_uid == invite.uid
        and invite.sequence < existing.calendar_sequence
    ):
        return InviteImport(existing, stale=True)
    with transaction.atomic():
        result = _save_round(owner, opp, existing, invite)
        _panel(owner, opp, result, invite)
        _set_kind(result, invite)
    result.notes.extend(w for w in invite.warnings)
    return result


# What the invite's own words say the round is; the first that matches wins.
_KINDS = (
    (re.compile(r"\bpanel\b", re.I), m.RoundKind.PANEL),
    (re.compile(r"\bmeet (?:the|your) (?:team|colleagues)\b", re.I), m.RoundKind.MEET_THE_TEAM),
    (re.compile(r"\bassessment (?:centre|center|day)\b", re.I), m.RoundKind.ASSESSMENT),
    (
        re.compile(r"\bpresentation interview\b|\bpresent(?:ation)? to the\b", re.I),
        m.RoundKind.PRESENTATION,
    ),
)


def _set_kind(result: InviteImport, invite: ics.Invite) -> None:
    """A round the invite calls a panel, or with two or more interviewers, is not one to one.

    A round that was a panel only because an earlier import counted the candidate among its
    interviewers is one to one again once they are left out.
    """
    r = result.round
    words = " ".join(x for x in (invite.summary, invite.description) if x)
    said = next((k for pattern, k in _KINDS if pattern.search(words)), None)
    count = m.RoundInterviewer.objects.filter(round=r).count()
    kind: str | None = None
    if r.kind == m.RoundKind.ONE_TO_ONE:
        kind = said or (m.RoundKind.PANEL if count >= 2 else None)
    elif r.kind == m.RoundKind.PANEL and said is None and count < 2 and result.left_panel:
        kind = m.RoundKind.ONE_TO_ONE
    if kind is not None and kind != r.kind:
        r.kind = kind
        r.save(update_fields=["kind"])


def _existing(
    owner: User, opp: m.Opportunity, invite: ics.Invite, target: m.Round | None
) -> m.Round | None:
    if target is not None:
        if target.calendar_uid and target.calendar_uid != invite.uid:
            raise FileProblem(
                f"round {target.number} was imported from another invite; "
                "upload this one on the opportunity page to make a new round"
            )
        return target
    same_uid = m.Round.objects.filter(owner=owner, opportunity=opp, calendar_uid=invite.uid)
    found = same_uid.order_by("number").first()
    if found is not None or invite.all_day:
        return found
    # A round typed in by hand for the same moment is the one the invite is about.
    return (
        m.Round.objects.filter(
            owner=owner, opportunity=opp, calendar_uid="", scheduled_at=invite.start
        )
        .order_by("number")
        .first()
    )


def _cancel(existing: m.Round, invite: ics.Invite) -> InviteImport:
    if existing.calendar_uid == invite.uid and invite.sequence < existing.calendar_sequence:
        return InviteImport(existing, stale=True)
    existing.status = m.RoundStatus.CANCELLED
    existing.calendar_uid = invite.uid
    existing.calendar_sequence = invite.sequence
    with transaction.atomic():
        existing.save(update_fields=["status", "calendar_uid", "calendar_sequence"])
    return InviteImport(existing, cancelled=True)


def _save_round(
    owner: User, opp: m.Opportunity, existing: m.Round | None, invite: ics.Invite
) -> InviteImport:
    notes: list[str] = []
    values: dict[str, object] = {
        "scheduled_at": invite.start,
        "timezone": invite.timezone or times.offset_name(invite.start),
    }
    minutes = invite.duration_minutes
    if minutes is not None and 1 <= minutes <= 24 * 60:
        values["duration_minutes"] = minutes
    elif minutes is not None:
        notes.append(f"the event lasts {minutes} minutes, which was not kept as the length")
    if invite.location:
        values["location"] = invite.location[:300]
    link = invite.video_link or ""
    if link and len(link) <= 500:
        values["link"] = link
        values["format"] = m.RoundFormat.VIDEO
    elif invite.location and not _looks_virtual(invite.location):
        values["format"] = m.RoundFormat.ON_SITE
    creating = existing is None
    if creating:
        summary = "\n\n".join(x for x in (invite.summary, invite.description) if x)
        if summary:
            values["notes"] = "From the invite:\n" + summary[:MAX_NOTES_CHARS]
        round_ = rounds.create(owner, opp.pk, **values)
    else:
        assert existing is not None
        if existing.status == m.RoundStatus.CANCELLED:
            values["status"] = m.RoundStatus.PLANNED
        round_ = rounds.update(owner, existing.pk, **values)
    round_.calendar_uid = invite.uid[:300]
    round_.calendar_sequence = invite.sequence
    round_.save(update_fields=["calendar_uid", "calendar_sequence"])
    return InviteImport(round_, created=creating, notes=notes)


def _looks_virtual(location: str) -> bool:
    """ "Microsoft Teams", "Zoom", "Google Meet", "phone": not "meet in the lobby"."""
    return bool(
        re.search(
            r"https?://|\b(?:microsoft teams|teams meeting|teams|zoom|google meet|webex|video|"
            r"online|virtual|phone|telephone|call)\b",
            location,
            re.I,
        )
    )


def _panel(owner: User, opp: m.Opportunity, result: InviteImport, invite: ics.Invite) -> None:
    you = identity.me(owner)
    people = list(invite.attendees)
    organiser = invite.organizer
    if (
        organiser is not None
        and organiser.name
        and organiser.email.lower() not in you.emails
        and all(p.email.lower() != organiser.email.lower() for p in people)
    ):
        people.insert(0, organiser)
    consultant = opp.consultant_email.strip().lower()
    named: list[tuple[str, str, str]] = []  # display name, team, address
    for person in people:
        if consultant and person.email.lower() == consultant:
            continue
        name, team = display_name(person.name, person.email)
        if is_mailbox(name, person.email):
            # A shared inbox (the recruitment team's) is nobody to meet or thank.
            continue
        if name:
            named.append((name, team, person.email))
    before = m.RoundInterviewer.objects.filter(round=result.round).count()
    result.removed = identity.forget(owner, opp, you)
    if result.removed:
        result.left_panel = m.RoundInterviewer.objects.filter(round=result.round).count() < before
    found_you = bool(invite.left_out) or any(you.is_me(n, e) for n, _, e in named)
    named = [(n, t, e) for n, t, e in named if not you.is_me(n, e)]
    if organiser is not None:
        left = _organiser_only(organiser, invite.description, named)
        if left is not None:
            result.organiser = left
            named = [(n, t, e) for n, t, e in named if e.lower() != organiser.email.lower()]
    if not found_you:
        guessed, result.unsure = identity.guess(
            invite.summary, organiser.email if organiser else "", [(n, e) for n, _, e in named]
        )
        if guessed is not None:
            result.you = guessed
            named = [(n, t, e) for n, t, e in named if (n, e) != (guessed.name, guessed.email)]
    known = list(m.Interviewer.objects.filter(owner=owner, opportunity=opp))
    on_panel = set(
        m.RoundInterviewer.objects.filter(round=result.round).values_list(
            "interviewer_id", flat=True
        )
    )
    if result.you is not None:
        # An earlier import may have put the person now taken to be you on this round.
        earlier = _match(known, result.you.name, result.you.email)
        if earlier is not None and earlier.pk in on_panel:
            m.RoundInterviewer.objects.filter(round=result.round, interviewer=earlier).delete()
            on_panel.discard(earlier.pk)
            result.left_panel = True
    for name, team, email in named:
        match = _match(known, name, email)
        if match is None:
            match = m.Interviewer(owner=owner, opportunity=opp, name=name[:200], team=team[:200])
            match.email = _valid_email(email)
            match.save()
            known.append(match)
            result.added.append(name)
        else:
            if _valid_email(email) and not match.email:
                match.email = _valid_email(email)
                match.save(update_fields=["email"])
            if match.pk not in on_panel:
                result.linked.append(match.name)
        if match.pk not in on_panel:
            m.RoundInterviewer.objects.create(owner=owner, round=result.round, interviewer=match)
            on_panel.add(match.pk)


def _organiser_only(
    organiser: ics.Person, description: str, named: list[tuple[str, str, str]]
) -> str | None:
    """The organiser's name when they only arrange the round, else None.

    They arrange it when their title says so ("Hannah Reed (Talent Partner)") or when the
    invite's text names the others you will meet and not them ("You will meet Dana Cole and Tom
    Price… I will greet you at reception"). Someone who sends an invite with no one else on it
    is the one you will meet.
    """
    address = organiser.email.lower()
    me = next(((n, t) for n, t, e in named if e.lower() == address), None)
    others = [n for n, _, e in named if e.lower() != address]
    if me is None or not others:
        return None
    name, team = me
    team = team or display_name(organiser.name, organiser.email)[1]
    if team and arranges_round(team, ""):
        return name
    # The sign-off ("Kind regards, Amelia Hart / Executive Assistant to the Owner") names the
    # sender without putting them on the panel; the line under the name may give their job.
    lines = [" ".join(line.split()) for line in description.splitlines()]
    signed = [i for i, line in enumerate(lines) if line.lower().rstrip(",") == name.lower()]
    if signed and any(arranges_round(line, "") for line in lines[signed[-1] + 1 : signed[-1] + 3]):
        return name
    text = " ".join(line for i, line in enumerate(lines) if i not in signed).lower()
    if not text or name.lower() in text:
        return None
    return name if any(other.lower() in text for other in others) else None


# A shared inbox rather than a person: "Children's Recruitment Team", careers@…, noreply@….
_MAILBOX_NAME = re.compile(
    r"\b(?:team|recruitment|recruiting|careers|jobs|mailbox|no-?reply|enquiries|bookings|"
    r"resourcing|department|office)\b",
    re.IGNORECASE,
)
_MAILBOX_ADDRESS = re.compile(
    r"^(?:[a-z]*recruit\w*|careers?|jobs|hr|talent|people|no-?reply|enquiries|bookings|"
    r"resourcing|admin|info|office|interviews?)(?:[._-]\w+)?@",
    re.IGNORECASE,
)


def is_mailbox(name: str, email: str) -> bool:
    """Whether an attendee is a shared inbox, never someone to meet or thank."""
    return bool(_MAILBOX_NAME.search(name) or _MAILBOX_ADDRESS.search(email.strip()))


def _valid_email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value if len(value) <= 254 else ""


def display_name(name: str, email: str) -> tuple[str, str]:
    """A person's name as people write it, and a team in brackets after it if there was one.

    "Okafor, Adaeze (People Team)" gives ("Adaeze Okafor", "People Team"); with no name, the
    address "priya.shah@..." gives "Priya Shah".
    """
    team = ""
    bracket = re.search(r"\s*\(([^)]*)\)\s*$", name)
    if bracket:
        team = bracket.group(1).strip()
        name = name[: bracket.start()]
    name = " ".join(name.split()).strip('"')
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}".strip()
    if not name and "@" in email:
        local = email.split("@", 1)[0]
        name = " ".join(part.capitalize() for part in re.split(r"[._-]+", local) if part)
    return name, team


def _key(name: str) -> str:
    """A name to compare: "Dr Fiona Kerr" and "Fiona Kerr" are the same person."""
    return words.person_key(name)


def _match(known: list[m.Interviewer], name: str, email: str) -> m.Interviewer | None:
    address = email.strip().lower()
    if address:
        for person in known:
            if person.email and person.email.strip().lower() == address:
                return person
    for person in known:
        if _key(display_name(person.name, "")[0]) == _key(name):
            return person
    return None


# Emails -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailImport:
    feedback: m.Feedback
    subject: str

    @property
    def message(self) -> str:
        f = self.feedback
        who = f" from {f.sender}" if f.sender else ""
        when = f" of {f.received_on:%d %b %Y}" if f.received_on else ""
        return f"Added feedback{who}{when} to round {f.round.number}."


def import_email_file(
    owner: User, round_id: int, data: bytes, name: str = "email.eml"
) -> EmailImport:
    """Store an .eml file as feedback on a round, with its sender and date."""
    round_ = rounds.get(owner, round_id)
    try:
        email = eml.parse_email(data, local_timezone=times.local_zone_name())
    except eml.EmailError as exc:
        raise FileProblem(f"{name}: {exc}") from None
    return _store(owner, round_, email)


def import_email_text(owner: User, round_id: int, text: str) -> EmailImport:
    """Store a pasted email (optionally with From:, Date: and Subject: lines) as feedback."""
    round_ = rounds.get(owner, round_id)
    try:
        email = eml.parse_pasted_email(text, local_timezone=times.local_zone_name())
    except eml.EmailError as exc:
        raise FileProblem(f"pasted email: {exc}") from None
    return _store(owner, round_, email)


def _store(owner: User, round_: m.Round, email: eml.Email) -> EmailImport:
    text = email.text.strip() or email.quoted.strip()
    sender = email.sender_name
    if email.sender_email:
        sender = f"{sender} <{email.sender_email}>" if sender else email.sender_email
    received: dt.date | None = None
    if email.date is not None:
        local = times.in_zone(email.date, round_.timezone or times.local_zone_name())
        received = local.date()
    item = feedback.create(
        owner,
        round_.pk,
        source=_source(owner, round_, email),
        sender=sender[:300],
        text=text,
        received_on=received,
    )
    return EmailImport(item, email.subject)


def _source(owner: User, round_: m.Round, email: eml.Email) -> str:
    address = email.sender_email.strip().lower()
    opp = round_.opportunity
    name = _key(email.sender_name)
    if (address and address == opp.consultant_email.strip().lower()) or (
        name and opp.consultant_name and name == _key(opp.consultant_name)
    ):
        return m.FeedbackSource.CONSULTANT
    people = m.Interviewer.objects.filter(owner=owner, opportunity=opp)
    person = _match(list(people), display_name(email.sender_name, "")[0], address)
    if person is None:
        return m.FeedbackSource.OTHER
    if person.role == m.InterviewerRole.HR:
        return m.FeedbackSource.HR
    if person.role == m.InterviewerRole.CONSULTANT:
        return m.FeedbackSource.CONSULTANT
    return m.FeedbackSource.INTERVIEWER

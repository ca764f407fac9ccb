"""Follow-ups after a round: thank-you notes, chasers and a note to the consultant."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround.coach import followup as notes
from nextround.formats import eml
from nextround.services import profile as profiles
from nextround.services import times
from nextround.services.errors import InvalidInput, ServiceError
from nextround.services.records import follow_ups, rounds
from nextround.store import models as m

KINDS = tuple(m.FollowUpKind.values)
NO_NAME = "[your name]"
DEFAULT_LENGTH = dt.timedelta(hours=1)
SEND_AT = dt.time(9, 0)

# How questions open, so that "Tell me about a time you led a team." recalls "the time I led a
# team"; the interviewer's "you" is the candidate's "I" in the note.
_LEADS = re.compile(
    r"^(?:(?:can|could|would) you (?:please )?)?"
    r"(?:(?:tell|talk|walk|take) (?:me|us) (?:about|through)|describe|explain|share"
    r"|give (?:me|us) an example of|what (?:is|was|were) |how (?:do|did|would) you )\s*",
    re.IGNORECASE,
)
_PRONOUNS = (
    (r"\byou are\b", "I am"),
    (r"\byou were\b", "I was"),
    (r"\byou have\b", "I have"),
    (r"\byou've\b", "I've"),
    (r"\byou're\b", "I'm"),
    (r"\byourself\b", "myself"),
    (r"\byours\b", "mine"),
    (r"\byour\b", "my"),
    (r"\byou\b", "I"),
)
_REQUIREMENT_LEADS = re.compile(
    r"^(?:strong|proven|excellent|good|solid|deep|demonstrable|extensive)\s+|"
    r"^(?:experience|knowledge|understanding)\s+(?:with|in|of)\s+|^experience\s+(?=\w+ing\b)|"
    r"^ability\s+to\s+",
    re.IGNORECASE,
)
MAX_FIT_CHARS = 60


class NoRecipient(ServiceError):
    """A note that has nobody to go to."""


@dataclass(frozen=True)
class Draft:
    """One follow-up as the pages and the CLI show it."""

    follow_up: m.FollowUp
    to_name: str
    to_email: str
    due_at: dt.datetime | None
    overdue: bool
    mailto: str
    recalls: tuple[str, ...]

    @property
    def id(self) -> int:
        return int(self.follow_up.pk)


@dataclass(frozen=True)
class FollowUpPage:
    round: m.Round
    opportunity: m.Opportunity
    drafts: list[Draft]
    chase_on: dt.date | None
    warnings: list[str]
    has_panel: bool
    has_consultant: bool


def topic_of(question: str) -> str:
    """What a question was about, in the candidate's words: "the time I handled a conflict"."""
    text = " ".join(question.split()).strip()
    lead = _LEADS.match(text)
    if lead and lead.end() < len(text):
        text = text[lead.end() :]
        for pattern, replacement in _PRONOUNS:
            text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
        text = text.rstrip("?.! ")
        text = re.sub(r"^a time\b", "the time", text, flags=re.IGNORECASE)
    return text


def fit_point(requirement: str) -> str:
    """A requirement as a fit to restate: "Strong SQL" gives "SQL"."""
    text = " ".join(requirement.split()).strip().rstrip(".")
    for _ in range(2):
        text = _REQUIREMENT_LEADS.sub("", text, count=1)
    if text[:1].isupper() and not text[1:2].isupper() and not text.split(" ", 1)[0].isupper():
        text = text[0].lower() + text[1:]
    return text


def _round_end(r: m.Round) -> dt.datetime:
    start = r.scheduled_at or timezone.now()
    length = dt.timedelta(minutes=r.duration_minutes) if r.duration_minutes else DEFAULT_LENGTH
    return start + length


def _round_day(r: m.Round) -> dt.date:
    when = r.scheduled_at or timezone.now()
    return times.in_zone(when, r.timezone).date()


def _at_nine(r: m.Round, day: dt.date) -> dt.datetime:
    zone = times.zone(r.timezone or times.local_zone_name())
    return dt.datetime.combine(day, SEND_AT, tzinfo=zone).astimezone(dt.UTC)


def _topics(r: m.Round, person: m.Interviewer, panel_size: int) -> tuple[str, ...]:
    asked = [
        q
        for q in r.questions.all()
        if q.interviewer_id == person.pk or (panel_size == 1 and q.interviewer_id is None)
    ]
    # What went down well is what the note should recall first.
    order = {"positive": 0, "unknown": 1, "neutral": 1, "negative": 2}
    asked.sort(key=lambda q: (order.get(q.reaction, 1), q.pk))
    return tuple(topic_of(q.text) for q in asked if topic_of(q.text))[:2]


def _fit_points(owner: User, opp: m.Opportunity) -> tuple[str, ...]:
    reqs = list(
        m.Requirement.objects.filter(owner=owner, opportunity=opp).prefetch_related("stories")
    )
    reqs.sort(key=lambda q: (not q.stories.all(), q.kind != m.RequirementKind.MUST, q.pk))
    points = [fit_point(q.text) for q in reqs]
    return tuple(p for p in points if p and len(p) <= MAX_FIT_CHARS)[:2]


def _context(
    owner: User, r: m.Round, person: notes.InterviewerInfo, fits: tuple[str, ...] = ()
) -> notes.NoteContext:
    profile = profiles.get(owner)
    return notes.NoteContext(
        candidate_name=profile.full_name or NO_NAME,
        company=r.opportunity.company,
        role=r.opportunity.role,
        round_number=r.number,
        round_date=_round_day(r),
        interviewer=person,
        fit_points=fits,
    )


def _info(person: m.Interviewer, topics: tuple[str, ...] = ()) -> notes.InterviewerInfo:
    return notes.InterviewerInfo(
        name=person.name, title=person.title, role=person.role, topics=topics, email=person.email
    )


def _panel(owner: User, r: m.Round) -> list[m.Interviewer]:
    return list(m.Interviewer.objects.filter(owner=owner, rounds=r).order_by("id"))


def draft(owner: User, round_id: int, kind: str = "thank-you") -> list[m.FollowUp]:
    """Draft (or redraft) the notes of one kind for a round; notes already sent stay as they are."""
    if kind not in KINDS:
        raise InvalidInput.one("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    r = rounds.get(owner, round_id)
    r = m.Round.objects.select_related("opportunity").prefetch_related("questions").get(pk=r.pk)
    panel = _panel(owner, r)
    planned: list[tuple[m.Interviewer | None, notes.Note, dt.datetime]] = []
    try:
        if kind == m.FollowUpKind.THANK_YOU:
            if not panel:
                raise NoRecipient(
                    f"round {r.number} has no interviewers: add them to the round first"
                )
            fits = _fit_points(owner, r.opportunity)
            contexts = [
                _context(owner, r, _info(p, _topics(r, p, len(panel))), fits) for p in panel
            ]
            due = notes.thank_you_due(_round_end(r))
            for person, note in zip(panel, notes.thank_you_notes(contexts), strict=True):
                planned.append((person, note, due))
        elif kind == m.FollowUpKind.CHASER:
            contact = _chase_contact(panel)
            if contact is None:
                raise NoRecipient(
                    f"round {r.number} has no interviewers to ask: add the person who "
                    "gave you the timeline to the round first"
                )
            note = notes.chaser_note(_context(owner, r, _info(contact)), r.news_expected_on)
            planned.append((contact, note, _at_nine(r, chase_on(r))))
        else:
            opp = r.opportunity
            if not opp.consultant_name.strip():
                raise NoRecipient(
                    f"no consultant is recorded for {opp.company}: add their name to the "
                    "opportunity first"
                )
            info = notes.InterviewerInfo(
                name=opp.consultant_name, role="consultant", email=opp.consultant_email
            )
            note = notes.consultant_note(_context(owner, r, info))
            due = _at_nine(r, notes.add_working_days(_round_day(r), 1))
            planned.append((None, note, due))
    except notes.FollowUpError as exc:
        raise InvalidInput.one("follow-up", str(exc)) from None
    return _save(owner, r, kind, planned)


def chase_on(r: m.Round) -> dt.date:
    """The day to chase this round: after the date the employer gave, or five working days on."""
    return notes.chase_date(_round_day(r), r.news_expected_on)


def _chase_contact(panel: list[m.Interviewer]) -> m.Interviewer | None:
    for role in (m.InterviewerRole.HR, m.InterviewerRole.HIRING_MANAGER):
        for person in panel:
            if person.role == role:
                return person
    return panel[0] if panel else None


def _save(
    owner: User,
    r: m.Round,
    kind: str,
    planned: list[tuple[m.Interviewer | None, notes.Note, dt.datetime]],
) -> list[m.FollowUp]:
    existing = list(m.FollowUp.objects.filter(owner=owner, round=r, kind=kind))
    saved: list[m.FollowUp] = []
    with transaction.atomic():
        for person, note, due in planned:
            person_id = person.pk if person else None
            match = next((f for f in existing if f.interviewer_id == person_id), None)
            if match is not None and (match.sent_at or match.closed_at):
                saved.append(match)
                continue
            if match is None:
                match = m.FollowUp(owner=owner, round=r, kind=kind, interviewer=person)
            match.subject = note.subject[:300]
            match.body = note.body
            match.due_at = due
            match.save()
            saved.append(match)
    return saved


def recipient(f: m.FollowUp) -> tuple[str, str]:
    """The name and address a follow-up goes to."""
    if f.interviewer is not None:
        return f.interviewer.name, f.interviewer.email
    opp = f.round.opportunity
    return opp.consultant_name, opp.consultant_email


def mailto(f: m.FollowUp) -> str:
    """A mailto: link that opens the note in the person's mail app, ready to send."""
    _, address = recipient(f)
    query = f"subject={quote(f.subject, safe='')}&body={quote(f.body, safe='')}"
    return f"mailto:{quote(address, safe='@')}?{query}"


def eml_draft(owner: User, follow_up_id: int) -> tuple[str, bytes]:
    """An unsent .eml draft of the note and a file name for it."""
    f = _get(owner, follow_up_id)
    name, address = recipient(f)
    if not address:
        raise NoRecipient(
            f"{name or 'this person'} has no email address: add one to make a draft file"
        )
    profile = profiles.get(owner)
    try:
        data = eml.build_eml_draft(name, address, f.subject, f.body, profile.email or None)
    except eml.EmailError as exc:
        raise InvalidInput.one("follow-up", str(exc)) from None
    slug = re.sub(r"[^a-z0-9]+", "-", f"{f.kind} {name}".casefold()).strip("-")
    return f"{slug or 'note'}-{f.pk}.eml", data


def _get(owner: User, pk: int) -> m.FollowUp:
    f = follow_ups.get(owner, pk)
    return m.FollowUp.objects.select_related("round__opportunity", "interviewer").get(pk=f.pk)


def mark_sent(owner: User, follow_up_id: int, when: dt.datetime | None = None) -> m.FollowUp:
    f = _get(owner, follow_up_id)
    f.sent_at = when or timezone.now()
    f.save(update_fields=["sent_at"])
    return f


def overdue(owner: User, now: dt.datetime | None = None) -> list[m.FollowUp]:
    """Notes not sent, not closed, and past their due time, oldest first."""
    now = now or timezone.now()
    return list(
        m.FollowUp.objects.filter(
            owner=owner, sent_at__isnull=True, closed_at__isnull=True, due_at__lt=now
        )
        .select_related("round__opportunity", "interviewer")
        .order_by("due_at", "id")
    )


def as_draft(f: m.FollowUp, now: dt.datetime, recalls: tuple[str, ...] = ()) -> Draft:
    name, address = recipient(f)
    r = f.round
    return Draft(
        follow_up=f,
        to_name=name,
        to_email=address,
        due_at=times.in_zone(f.due_at, r.timezone) if f.due_at else None,
        overdue=bool(f.due_at and f.due_at < now and not f.sent_at and not f.closed_at),
        mailto=mailto(f),
        recalls=recalls,
    )


def page(owner: User, round_id: int) -> FollowUpPage:
    """The follow-up page of a round: its notes with their links, and when to chase."""
    r = rounds.get(owner, round_id)
    r = m.Round.objects.select_related("opportunity").prefetch_related("questions").get(pk=r.pk)
    panel = _panel(owner, r)
    items = list(
        m.FollowUp.objects.filter(owner=owner, round=r)
        .select_related("interviewer", "round__opportunity")
        .order_by("kind", "id")
    )
    now = timezone.now()
    by_id = {p.pk: p for p in panel}
    drafts = []
    for f in items:
        person = by_id.get(f.interviewer_id or 0)
        recalls: tuple[str, ...] = ()
        if f.kind == m.FollowUpKind.THANK_YOU and person is not None:
            recalls = _topics(r, person, len(panel))
        drafts.append(as_draft(f, now, recalls))
    warnings = []
    if not profiles.get(owner).full_name:
        warnings.append(f"Your name is not set, so notes are signed {NO_NAME}.")
    return FollowUpPage(
        round=r,
        opportunity=r.opportunity,
        drafts=drafts,
        chase_on=chase_on(r) if r.scheduled_at else None,
        warnings=warnings,
        has_panel=bool(panel),
        has_consultant=bool(r.opportunity.consultant_name.strip()),
    )


def edit(owner: User, follow_up_id: int, subject: str, body: str) -> m.FollowUp:
    """Keep the person's own changes to a note's subject and text."""
    subject = " ".join(subject.split())
    if not body.strip():
        raise InvalidInput.one("body", "the note is empty", "follow-up")
    return follow_ups.update(owner, follow_up_id, subject=subject, body=body.strip())

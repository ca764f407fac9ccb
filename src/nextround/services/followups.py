"""Follow-ups after a round: thank-you notes, chasers and a note to the consultant."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from nextround.coach import followup as notes
from nextround.coach.debrief import AskedText, FeedbackText, analyse_debrief
from nextround.coach.evidence import RequirementText, is_credential, is_tenure
from nextround.coach.note_templates import long_date, long_time
from nextround.coach.note_topics import is_soft_skill, point_phrase, requirement_phrase
from nextround.coach.requirements import extract_requirements
from nextround.formats import eml
from nextround.services import profile as profiles
from nextround.services import times
from nextround.services.errors import InvalidInput, ServiceError
from nextround.services.evidence_map import evidence_view
from nextround.services.records import follow_ups, rounds
from nextround.store import models as m

KINDS = tuple(m.FollowUpKind.values)
NO_NAME = "[your name]"
DEFAULT_LENGTH = dt.timedelta(hours=1)
SEND_AT = dt.time(9, 0)
_OFFER_STAGES = (m.Stage.OFFER, m.Stage.ACCEPTED, m.Stage.DECLINED)


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
    rests_on: tuple[str, ...] = ()
    stale: str = ""  # why an unsent note is no longer needed

    @property
    def id(self) -> int:
        return int(self.follow_up.pk)

    @property
    def heading(self) -> str:
        who = self.to_name or "nobody yet"
        if self.follow_up.kind == m.FollowUpKind.CONSULTANT:
            return f"Note to {who}, your consultant"
        if self.follow_up.kind == m.FollowUpKind.CHASER:
            return f"Chaser to {who}"
        return f"Thank-you note to {who}"


@dataclass(frozen=True)
class Drafted:
    """The notes a draft made or refreshed, and the people it left out, with why."""

    saved: list[m.FollowUp]
    skipped: list[str] = field(default_factory=list)
    rests_on: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def written(self) -> list[m.FollowUp]:
        """The notes this draft wrote: not those sent, closed or edited, which it kept."""
        return [f for f in self.saved if not (f.sent_at or f.closed_at or f.edited_at)]


@dataclass(frozen=True)
class FollowUpPage:
    round: m.Round
    opportunity: m.Opportunity
    drafts: list[Draft]
    chase_on: dt.date | None
    warnings: list[str]
    has_panel: bool
    has_consultant: bool
    skipped: list[str] = field(default_factory=list)
    no_chaser: str = ""  # why no chaser is proposed
    chase_to: str = ""  # who a chaser goes to, and why


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


class _Me:
    """The candidate, to tell an interviewer record that is really them."""

    def __init__(self, owner: User) -> None:
        profile = profiles.get(owner)
        self.name = profile.full_name
        self.emails = set(profiles.candidate_emails(owner, profile))

    def why_is(self, name: str, email: str) -> str:
        """Why this person is the candidate, or "" when they are not."""
        if email.strip().lower() in self.emails:
            return f"{email.strip()} is your own address"
        if self.name and notes.same_person(name, self.name):
            return "that is your own name"
        return ""

    def skip(self, person: m.Interviewer, what: str) -> str:
        why = self.why_is(person.name, person.email)
        return (
            f"No {what} to {person.name}: {why}. If an invite listed you as an attendee, "
            "remove yourself from the round's people."
        )


def candidate(owner: User) -> _Me:
    """The candidate's own name and addresses, to keep notes from going to them."""
    return _Me(owner)


def _asked(r: m.Round, person: m.Interviewer, panel_size: int) -> tuple[str, ...]:
    asked = [
        q
        for q in r.questions.all()
        if q.interviewer_id == person.pk or (panel_size == 1 and q.interviewer_id is None)
    ]
    # What went down well comes first; what went badly is not something to recall.
    order = {"positive": 0, "unknown": 1, "neutral": 1}
    # Only what surely went well is recalled: an answer she rated 3 with a neutral face (the
    # summer weekends from Glasgow) is the one shaky moment, not the one to bring back.
    kept = [
        q
        for q in asked
        if q.reaction in order
        and (
            q.reaction == "positive"
            or (q.self_rating is not None and q.self_rating >= 4)
            or (q.self_rating is None and q.reaction == "unknown")  # nothing says it was shaky
        )
        and not (q.self_rating is not None and q.self_rating <= 2)
    ]
    # Among those, the answer the candidate rated best: a note recalls her strongest moment
    # with that person, not a question she could only answer with an honest no.
    kept.sort(key=lambda q: (order[q.reaction], -(q.self_rating or 3), q.pk))
    return tuple(q.text for q in kept)


def _doubts(owner: User, r: m.Round, reqs: list[m.Requirement]) -> list[notes.Doubt]:
    """What is in doubt by this round: the feedback's concerns, answers that fell flat."""
    upto = list(
        m.Round.objects.filter(owner=owner, opportunity=r.opportunity, number__lte=r.number)
    )
    numbers = {x.pk: x.number for x in upto}
    asked = [
        AskedText(q.pk, numbers[q.round_id], q.text, q.answer_note, q.self_rating, q.reaction)
        for q in m.AskedQuestion.objects.filter(owner=owner, round__in=upto).order_by("id")
    ]
    feedback = [
        FeedbackText(f.pk, numbers[f.round_id], f.text, f.source, f.sender)
        for f in m.Feedback.objects.filter(owner=owner, round__in=upto).order_by("id")
    ]
    texts = [RequirementText(q.pk, q.text, q.kind) for q in reqs]
    debrief = analyse_debrief(asked, feedback, texts)
    doubts = [notes.Doubt(c.topic, c.competencies, c.requirement_id) for c in debrief.concerns]
    # An answer that went badly is no strength to claim either, whatever the feedback says.
    doubts += [notes.Doubt(p.question, p.competencies) for p in debrief.counter]
    doubts += [notes.Doubt(x.fell_flat) for x in upto if x.fell_flat.strip()]
    return doubts


def _phrases(opp: m.Opportunity) -> dict[str, str]:
    """Short noun phrases the requirement reader gave each requirement, by text."""
    if not opp.job_description.strip():
        return {}
    found = {}
    for x in extract_requirements(opp.job_description).requirements:
        phrase = str(getattr(x, "phrase", "") or "")
        if phrase:
            found[_key(x.text)] = phrase
    return found


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _points(owner: User, r: m.Round) -> tuple[notes.Point, ...]:
    """Requirements a story backs (linked first, then confident suggestions), never doubted."""
    opp = r.opportunity
    view = evidence_view(owner, opp.pk)
    if not view.rows:
        return ()
    phrases = _phrases(opp)
    linked: list[tuple[int, int, notes.Point]] = []
    suggested: list[tuple[int, float, notes.Point]] = []
    for row in view.rows:
        q = row.requirement
        phrase = phrases.get(_key(q.text)) or requirement_phrase(q.text)
        # "I am confident I can meet the role's need for confident written communication":
        # the job's praise word is not the candidate's to repeat.
        phrase = point_phrase(phrase) if phrase else phrase
        # A qualification is held, not shown: "the role's need for a Lean qualification" would
        # claim one the candidate may not have; years served ("5+ years in product management")
        # are read from the CV, and telling an interviewer one meets them says nothing.
        if (
            not phrase
            or is_credential(q.text)
            or is_tenure(q.text)
            or q.kind == m.RequirementKind.DUTY
        ):
            continue
        # A bare tool ("advanced Excel", "experience of Opera PMS") is the strongest point only
        # when the candidate linked a story to it themselves.
        if _tool_only(q.text) and not row.linked:
            continue
        # A soft skill every job asks for ("written and verbal communication") is the point a
        # note makes only when nothing of the job's own craft is backed.
        must = (0 if q.kind == m.RequirementKind.MUST else 1) + (2 if is_soft_skill(q.text) else 0)
        if row.linked:
            story = row.linked[0]
            linked.append((must, q.pk, notes.Point(phrase, q.text, story.title, True, q.pk)))
        elif row.suggested:
            best = row.suggested[0]
            point = notes.Point(phrase, q.text, best.title, False, q.pk)
            suggested.append((must, -best.score, point))
    ordered = [p for *_, p in sorted(linked, key=lambda x: x[:2])]
    ordered += [p for *_, p in sorted(suggested, key=lambda x: x[:2])]
    return notes.strong_points(ordered, _doubts(owner, r, [row.requirement for row in view.rows]))


def _tool_only(requirement: str) -> bool:
    """A requirement that is little more than a tool's name ("Advanced Excel", "an ERP system")."""
    from nextround.coach.evidence import content_stems, distinctive_terms

    return len(content_stems(requirement)) <= 4 and bool(distinctive_terms(requirement))


def _context(
    me: _Me,
    r: m.Round,
    person: notes.InterviewerInfo,
    points: tuple[notes.Point, ...] = (),
) -> notes.NoteContext:
    return notes.NoteContext(
        candidate_name=me.name or NO_NAME,
        company=r.opportunity.company,
        role=r.opportunity.role,
        round_number=r.number,
        round_date=_round_day(r),
        interviewer=person,
        points=points,
    )


def _info(
    person: m.Interviewer, topics: tuple[str, ...] = (), r: m.Round | None = None
) -> notes.InterviewerInfo:
    met_before = (
        r is not None
        and person.rounds.filter(number__lt=r.number, opportunity=r.opportunity).exists()
    )
    return notes.InterviewerInfo(
        name=person.name,
        title=person.title,
        role=person.role,
        topics=topics,
        email=person.email,
        met_before=met_before,
    )


def _for_experience(p: m.Interviewer) -> bool:
    from nextround.coach.brief import on_panel_for_experience

    return on_panel_for_experience(p.role, p.name, p.title, p.team, p.research_notes)


def _panel(owner: User, r: m.Round) -> list[m.Interviewer]:
    return list(m.Interviewer.objects.filter(owner=owner, rounds=r).order_by("id"))


def state(owner: User, r: m.Round, me: _Me | None = None) -> notes.RoundState:
    """Where the round stands: feedback in, outcome, an offer, the next round booked."""
    opp = r.opportunity
    nxt = (
        m.Round.objects.filter(owner=owner, opportunity=opp, number__gt=r.number)
        .exclude(status=m.RoundStatus.CANCELLED)
        .order_by("number")
        .first()
    )
    me = me or _Me(owner)
    next_round = _known(owner, r, nxt, me) if nxt is not None else None
    outcome = r.outcome
    if outcome == m.RoundOutcome.PENDING and opp.stage == m.Stage.REJECTED:
        outcome = m.RoundOutcome.REJECTED
    elif outcome == m.RoundOutcome.PENDING and opp.stage == m.Stage.WITHDRAWN:
        outcome = m.RoundOutcome.WITHDREW
    offer_made = (
        r.outcome == m.RoundOutcome.OFFER
        or opp.stage in _OFFER_STAGES
        or m.Offer.objects.filter(owner=owner, opportunity=opp).exists()
    )
    happened = r.status == m.RoundStatus.DONE or (
        r.status == m.RoundStatus.PLANNED
        and (r.scheduled_at is None or _round_end(r) <= timezone.now())
    )
    return notes.RoundState(
        happened=happened,
        this_round=None if happened else _known(owner, r, r, me),
        feedback_in=m.Feedback.objects.filter(owner=owner, round=r).exists(),
        feedback_via_consultant=m.Feedback.objects.filter(
            owner=owner, round=r, source=m.FeedbackSource.CONSULTANT
        ).exists(),
        outcome=outcome,
        offer_made=offer_made,
        next_round=next_round,
        final=r.purpose == m.RoundPurpose.FINAL,
    )


def _known(owner: User, r: m.Round, nxt: m.Round, me: _Me) -> notes.NextRound:
    """What is already known about a coming round (nxt, which may be r itself)."""
    people = [p for p in _panel(owner, nxt) if not me.why_is(p.name, p.email)]
    return notes.NextRound(
        number=nxt.number,
        day=_round_day(nxt) if nxt.scheduled_at else None,
        kind=nxt.kind,
        panel_known=bool(people),
        length_known=bool(nxt.duration_minutes),
        place_known=bool(nxt.location.strip() or nxt.link.strip()),
        task_known=_task_known(owner, r, nxt),
    )


def _task_known(owner: User, r: m.Round, nxt: m.Round) -> bool:
    """Whether a presentation or exercise for the next round has been set already."""
    from nextround.coach.logistics import find_facts

    if nxt.kind in (m.RoundKind.PRESENTATION, m.RoundKind.ASSESSMENT):
        return True
    texts = [("", nxt.notes)] + [
        ("", f.text) for f in m.Feedback.objects.filter(owner=owner, round__in=[r, nxt])
    ]
    return any(f.kind in ("presentation", "agenda") for f in find_facts(texts))


def _consultant(opp: m.Opportunity) -> notes.InterviewerInfo | None:
    if not opp.consultant_name.strip():
        return None
    return notes.InterviewerInfo(
        name=opp.consultant_name, role="consultant", email=opp.consultant_email
    )


def _chase_contact(
    panel: list[m.Interviewer], me: _Me, opp: m.Opportunity
) -> tuple[m.Interviewer | None, notes.InterviewerInfo | None]:
    """Who a chaser goes to: the consultant when there is one, else HR or the hiring manager."""
    consultant = _consultant(opp)
    if consultant is not None and not me.why_is(consultant.name, consultant.email):
        return None, consultant
    others = [p for p in panel if not me.why_is(p.name, p.email)]
    for role in (m.InterviewerRole.HR, m.InterviewerRole.HIRING_MANAGER):
        for person in others:
            if person.role == role:
                return person, _info(person)
    return (others[0], _info(others[0])) if others else (None, None)


def draft(owner: User, round_id: int, kind: str = "thank-you") -> list[m.FollowUp]:
    """Draft (or redraft) the notes of one kind for a round; notes already sent stay as they are."""
    return draft_notes(owner, round_id, kind).saved


def draft_notes(owner: User, round_id: int, kind: str = "thank-you") -> Drafted:
    """Draft the notes of one kind, saying who was left out and why."""
    if kind not in KINDS:
        raise InvalidInput.one("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    r = rounds.get(owner, round_id)
    r = m.Round.objects.select_related("opportunity").prefetch_related("questions").get(pk=r.pk)
    panel = _panel(owner, r)
    me = _Me(owner)
    planned: list[tuple[m.Interviewer | None, notes.Note, dt.datetime]] = []
    skipped: list[str] = []
    try:
        if kind == m.FollowUpKind.THANK_YOU:
            if r.status in (m.RoundStatus.CANCELLED, m.RoundStatus.POSTPONED):
                raise InvalidInput.one(
                    "follow-up",
                    f"round {r.number} is {r.get_status_display().lower()}: there is nothing to "
                    "thank anyone for yet",
                )
            if (
                r.status == m.RoundStatus.PLANNED
                and r.scheduled_at is not None
                and _round_end(r) > timezone.now()
            ):
                # A thank-you note recalls what was said: there is nothing to recall yet.
                when = long_time(times.in_zone(r.scheduled_at, r.timezone))
                raise InvalidInput.one(
                    "follow-up",
                    f"round {r.number} has not happened yet ({when}): draft the thank-you notes "
                    "after it, when you can say what you talked about",
                )
            if not panel:
                raise NoRecipient(
                    f"round {r.number} has no interviewers: add them to the round first"
                )
            others = [p for p in panel if not me.why_is(p.name, p.email)]
            skipped = [me.skip(p, "thank-you note") for p in panel if p not in others]
            # A student panel or a young person is thanked through the staff, never emailed.
            guests = [p for p in others if _for_experience(p)]
            others = [p for p in others if p not in guests]
            from nextround.services.brief import on_panel

            staff = on_panel(others, r)
            arrangers = [p for p in others if p not in staff]
            others = staff
            skipped += [
                f"No thank-you note to {p.name}: they arranged the round rather than sat on "
                "it; thank them for organising it when you next write to them."
                for p in arrangers
            ]
            skipped += [
                f"No thank-you note to {p.name}: they are on the panel for their own "
                "experience; thank them through your note to the staff instead."
                for p in guests
            ]
            if not others:
                raise NoRecipient(
                    f"there is nobody on round {r.number} to send a thank-you note to "
                    f"({skipped[0]}): add the interviewers to the round"
                )
            _drop_notes_to_me(owner, r, [p for p in panel if p not in others])
            points = _points(owner, r)
            contexts = [
                _context(me, r, _info(p, _asked(r, p, len(others)), r), points) for p in others
            ]
            emails = m.Feedback.objects.filter(owner=owner, round=r).values_list("text", flat=True)
            due = notes.thank_you_due(_round_end(r), notes.decided_same_day(list(emails)))
            for one, note in zip(others, notes.thank_you_notes(contexts), strict=True):
                planned.append((one, note, due))
        elif kind == m.FollowUpKind.CHASER:
            where = state(owner, r, me)
            blocked = notes.chaser_blocked(where)
            if blocked:
                raise InvalidInput.one("follow-up", f"no chaser needed: {blocked}")
            person, info = _chase_contact(panel, me, r.opportunity)
            if info is None:
                raise NoRecipient(
                    f"round {r.number} has no interviewers to ask: add the person who "
                    "gave you the timeline to the round first"
                )
            note = notes.chaser_note(
                _context(me, r, info),
                r.news_expected_on,
                where,
                via_consultant=person is None,
            )
            planned.append((person, note, _at_nine(r, chase_on(r))))
        else:
            info = _consultant(r.opportunity)
            if info is None:
                raise NoRecipient(
                    f"no consultant is recorded for {r.opportunity.company}: add their name "
                    "to the opportunity first"
                )
            where = state(owner, r, me)
            note = notes.consultant_note(_context(me, r, info), where)
            if where.happened:
                day = notes.add_working_days(_round_day(r), 1)
                # A note that thanks for the feedback is due once the feedback has come.
                heard = (
                    m.Feedback.objects.filter(owner=owner, round=r, received_on__isnull=False)
                    .order_by("-received_on")
                    .values_list("received_on", flat=True)
                    .first()
                )
                if where.feedback_in and heard is not None and heard > day:
                    day = heard
                due = _at_nine(r, day)
            else:
                # It asks about the round before it: due now, or two days ahead of it.
                ahead = _round_day(r) - dt.timedelta(days=2)
                due = _at_nine(r, max(ahead, timezone.localdate()))
            planned.append((None, note, due))
    except notes.FollowUpError as exc:
        raise InvalidInput.one("follow-up", str(exc)) from None
    saved = _save(owner, r, kind, planned)
    rests = {
        f.pk: note.rests_on
        for f, (_, note, _) in zip(saved, planned, strict=True)
        if not f.edited_at
    }
    skipped += [_kept(f) for f in saved if f.edited_at and not (f.sent_at or f.closed_at)]
    return Drafted(saved, skipped, rests)


def _kept(f: m.FollowUp) -> str:
    name = recipient(f)[0] or "your consultant"
    return f"Kept the note to {name} as you edited it: drafting again never replaces your words."


def _drop_notes_to_me(owner: User, r: m.Round, me: list[m.Interviewer]) -> None:
    """Unsent notes drafted to the candidate before this guard existed are removed."""
    if me:
        m.FollowUp.objects.filter(
            owner=owner, round=r, interviewer__in=me, sent_at__isnull=True
        ).delete()


def chase_on(r: m.Round) -> dt.date:
    """The day to chase this round: after the date the employer gave, or five working days on."""
    return notes.chase_date(_round_day(r), r.news_expected_on)


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
            # Sent, closed or edited by the person: the note stays as it is.
            if match is not None and (match.sent_at or match.closed_at or match.edited_at):
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
    """An unsent .eml draft of the note and a file name for it (the owner's alone)."""
    # Drafts are private until sent: a coach the opportunity is shared with gets a 404.
    follow_ups.owned(owner, follow_up_id)
    f = _get(owner, follow_up_id)
    name, address = recipient(f)
    if not address:
        raise NoRecipient(
            f"{name or 'this person'} has no email address: add one to make a draft file"
        )
    if _Me(owner).why_is(name, address):
        raise NoRecipient(f"this note is addressed to you ({name}): there is no draft to make")
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


def settled_chasers() -> Q:
    """Chasers no longer needed: the outcome is known, or a later round is booked."""
    later = m.Round.objects.filter(
        opportunity=OuterRef("round__opportunity"), number__gt=OuterRef("round__number")
    ).exclude(status=m.RoundStatus.CANCELLED)
    return Q(kind=m.FollowUpKind.CHASER) & (
        ~Q(round__outcome=m.RoundOutcome.PENDING)
        | Q(round__opportunity__stage__in=[*_OFFER_STAGES, m.Stage.REJECTED, m.Stage.WITHDRAWN])
        | Q(Exists(later))
    )


def overdue(owner: User, now: dt.datetime | None = None) -> list[m.FollowUp]:
    """Notes not sent, not closed, past their due time and still needed, oldest first."""
    now = now or timezone.now()
    return list(
        m.FollowUp.objects.filter(
            owner=owner, sent_at__isnull=True, closed_at__isnull=True, due_at__lt=now
        )
        .exclude(settled_chasers())
        .select_related("round__opportunity", "interviewer")
        .order_by("due_at", "id")
    )


def as_draft(
    f: m.FollowUp,
    now: dt.datetime,
    recalls: tuple[str, ...] = (),
    rests_on: tuple[str, ...] = (),
    stale: str = "",
) -> Draft:
    name, address = recipient(f)
    r = f.round
    return Draft(
        follow_up=f,
        to_name=name,
        to_email=address,
        due_at=times.in_zone(f.due_at, r.timezone) if f.due_at else None,
        overdue=bool(
            f.due_at and f.due_at < now and not f.sent_at and not f.closed_at and not stale
        ),
        mailto=mailto(f),
        recalls=recalls,
        rests_on=rests_on,
        stale=stale,
    )


def page(owner: User, round_id: int) -> FollowUpPage:
    """The follow-up page of a round: its notes with their links, and when to chase."""
    r = rounds.get(owner, round_id)
    r = m.Round.objects.select_related("opportunity").prefetch_related("questions").get(pk=r.pk)
    panel = _panel(owner, r)
    me = _Me(owner)
    mine = [p for p in panel if me.why_is(p.name, p.email)]
    others = [p for p in panel if p not in mine]
    items = list(
        m.FollowUp.objects.filter(owner=owner, round=r)
        .exclude(interviewer__in=mine)
        .select_related("interviewer", "round__opportunity")
        .order_by("kind", "id")
    )
    now = timezone.now()
    where = state(owner, r, me)
    blocked = notes.chaser_blocked(where)
    by_id = {p.pk: p for p in others}
    thanks = [f for f in items if f.kind == m.FollowUpKind.THANK_YOU]
    points = _points(owner, r) if thanks else ()
    drafts = []
    for f in items:
        person = by_id.get(f.interviewer_id or 0)
        recalls: tuple[str, ...] = ()
        rests_on: tuple[str, ...] = ()
        if f.kind == m.FollowUpKind.THANK_YOU and person is not None:
            recalls = notes.recall_topics(_asked(r, person, len(others)))
            # The point the note makes, while its words are still in the note.
            rests_on = tuple(
                notes.rests_on_point(p)
                for p in points
                if re.search(rf"(?<!\w){re.escape(p.phrase)}(?!\w)", f.body)
            )[:1]
        stale = ""
        if f.kind == m.FollowUpKind.CHASER and blocked and not f.sent_at:
            stale = f"No longer needed: {blocked}."
        drafts.append(as_draft(f, now, recalls, rests_on, stale))
    warnings = []
    if not me.name:
        warnings.append(f"Your name is not set, so notes are signed {NO_NAME}.")
    if not where.happened and r.scheduled_at is not None and thanks:
        when = long_time(times.in_zone(r.scheduled_at, r.timezone))
        warnings.append(f"Round {r.number} is on {when}: send thank-you notes after it.")
    contact, info = _chase_contact(panel, me, r.opportunity)
    chase_to = ""
    if info is not None and contact is None:
        chase_to = (
            f"A chaser goes to {info.name}, your consultant: going to the employer directly "
            "can cut across them."
        )
    elif info is not None:
        chase_to = f"A chaser goes to {info.name}."
    return FollowUpPage(
        round=r,
        opportunity=r.opportunity,
        drafts=drafts,
        chase_on=chase_on(r) if r.scheduled_at and not blocked else None,
        warnings=warnings,
        has_panel=bool(others),
        has_consultant=bool(r.opportunity.consultant_name.strip()),
        skipped=[me.skip(p, "note") for p in mine],
        no_chaser=f"No chaser needed: {blocked}." if blocked else "",
        chase_to=chase_to if not blocked else "",
    )


def edit(owner: User, follow_up_id: int, subject: str, body: str) -> m.FollowUp:
    """Keep the person's own changes to a note's subject and text."""
    subject = " ".join(subject.split())
    if not body.strip():
        raise InvalidInput.one("body", "the note is empty", "follow-up")
    body = body.replace("\r\n", "\n").strip()
    return follow_ups.update(owner, follow_up_id, subject=subject, body=body)


def when_said(value: dt.datetime) -> str:
    """A moment as the notes say it: "Tuesday 9 December 2026, 09:00"."""
    return long_time(value)


def day_said(value: dt.date) -> str:
    """A day as the notes say it: "Tuesday 9 December 2026"."""
    return long_date(value)

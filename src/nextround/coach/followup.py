"""Draft follow-up notes: thank-you notes, chasers, a note to the consultant, an offer reply.

Every sentence comes from data/note_templates.json with typed slots; what the candidate typed
(questions, requirements) reaches a note only as a short noun phrase made by note_topics, or not
at all. Notes that depend on where things stand read it from a RoundState.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nextround.coach.evidence import competencies, content_stems
from nextround.coach.note_templates import (
    Name,
    NounPhrase,
    OfferReason,
    SlotValue,
    Templates,
    join_and,
    long_date,
    templates,
)
from nextround.coach.note_topics import topic_phrase
from nextround.coach.words import TITLES, first_name, greeting_name

THANK_YOU_WITHIN = timedelta(hours=24)
CHASE_AFTER_WORKING_DAYS = 5
OFFER_DAYS = 7  # a week to think an offer over is a usual, reasonable ask
MAX_TOPICS = 2
MAX_POINT_WORDS = 8
COPY_LIMIT = 6  # a note never repeats this many words of a question or a requirement in a row
# Words of how a question or a note is put, not of what it is about.
_GENERIC_STEMS = frozenset(
    content_stems(
        "tell time answer handled describe walk talk explain example situation vague weak "
        "good strong great difficult question asked really quite felt"
    )
)
_NOT_IN_PHRASE = re.compile(r"[.?!;:\n“”\"()]")
DEFAULT_REASON = "family"
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_OUTCOME_WORDS = {
    "passed": "they have told you that you are through to the next step",
    "offer": "they have made you an offer",
    "rejected": "they have told you their decision",
    "withdrew": "you withdrew from the process",
}


class FollowUpError(ValueError):
    """A note that cannot or should not be drafted, saying why."""


@dataclass(frozen=True)
class InterviewerInfo:
    """Who a note goes to, and what was discussed with them (questions or topics, as typed)."""

    name: str
    title: str = ""
    role: str = "other"
    topics: tuple[str, ...] = ()
    email: str = ""
    met_before: bool = False  # on the panel of an earlier round of this process


@dataclass(frozen=True)
class Point:
    """A requirement a story backs, as a short noun phrase, and the story behind it."""

    phrase: str
    requirement: str
    story: str
    linked: bool = True
    requirement_id: int | None = None


@dataclass(frozen=True)
class Doubt:
    """A concern from feedback: its short topic and what it is about."""

    topic: str
    competencies: tuple[str, ...] = ()
    requirement_id: int | None = None


@dataclass(frozen=True)
class NoteContext:
    """Everything a note needs, as plain values."""

    candidate_name: str
    company: str
    role: str
    round_number: int
    round_date: date
    interviewer: InterviewerInfo
    points: tuple[Point, ...] = ()


@dataclass(frozen=True)
class NextRound:
    number: int
    day: date | None = None
    kind: str = "one-to-one"
    panel_known: bool = False
    length_known: bool = False
    place_known: bool = False
    task_known: bool = False  # a presentation or exercise to prepare has already been set


@dataclass(frozen=True)
class RoundState:
    """Where a round stands: what the notes about it must know."""

    happened: bool = True
    feedback_in: bool = False
    feedback_via_consultant: bool = False  # the consultant passed it on (not the interviewer)
    outcome: str = "pending"  # pending, passed, offer, rejected, withdrew
    offer_made: bool = False
    next_round: NextRound | None = None
    this_round: NextRound | None = None  # what is known of this round while it is still to come
    final: bool = False  # the round was billed as the final one: no next round to ask about


@dataclass(frozen=True)
class Note:
    """A drafted note, with what it recalls and rests on so the user can see why."""

    subject: str
    body: str
    to_name: str = ""
    to_email: str = ""
    recalls: tuple[str, ...] = ()
    rests_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfferTerms:
    """What the candidate already knows of the offer: the written reply confirms it and asks
    in writing only for the rest."""

    salary: str = ""  # as written in a letter: "£52,000"
    start_date: date | None = None
    bonus: bool = False
    benefits: bool = False


_CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(amount: object, currency: str) -> str:
    """An amount as a letter writes it: "£52,000", "€48,500.50", "95,000 CHF"."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return ""
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    code = currency.strip().upper()
    symbol = _CURRENCY_SYMBOLS.get(code)
    if symbol:
        return symbol + text
    return f"{text} {code}".strip()


def _offer_terms(terms: OfferTerms) -> tuple[list[str], list[str]]:
    """What to confirm in writing, and what to ask the letter to include."""
    known, missing = [], []
    if terms.salary:
        known.append(f"the salary of {terms.salary}")
    else:
        missing.append("the salary")
    if terms.start_date is not None:
        known.append(f"a start date of {long_date(terms.start_date)}")
    else:
        missing.append("the proposed start date")
    if terms.bonus:
        known.append("the bonus")
    if terms.benefits:
        known.append("the benefits")
    else:
        missing.append("the benefits")
    return known, missing


@dataclass(frozen=True)
class OfferScript:
    """A written reply to an offer asking for time, and a short version to say on the phone."""

    subject: str
    body: str
    spoken: str
    reply_by: date
    past_deadline: bool = False
    deadline: date | None = None
    via_consultant: bool = False


# A company's legal form, which nobody writes in a letter or says on the phone.
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:ltd\.?|limited|plc|llp|llc|inc\.?|incorporated|gmbh|pty(?: ltd)?|co\.?)$", re.I
)


def spoken_company(name: str) -> str:
    """The company as a person says it: "Harrowgate Build Ltd" is "Harrowgate Build"."""
    text = " ".join(name.split())
    # "Northfield Academy (Pennine Learning Trust)": the bracket is a note to oneself, not
    # what anyone says.
    shorter = _LEGAL_FORM.sub("", _BRACKETED.sub("", text)).strip()
    return shorter or text


# Where a job title turns from the job to its detail: "Staff Nurse, Acute Medical Unit",
# "Finance Business Partner – Operations and Estates", "Analyst | Leeds".
_ROLE_DETAIL = re.compile(r"\s*(?:,|\s[–—-]\s|\s?\|\s?|\s/\s)\s*")
_BRACKETED = re.compile(r"\s*[(\[][^)\]]*[)\]]")


def spoken_role(title: str) -> str:
    """The job as a person says it in a note: "Senior Finance Business Partner – Operations and
    Estates (Band 8a)" is "Senior Finance Business Partner"; a short title is kept whole."""
    text = " ".join(title.split())
    shorter = _BRACKETED.sub("", text).strip()
    head = _ROLE_DETAIL.split(shorter, maxsplit=1)[0].strip()
    # "Head of Year, Key Stage 4" keeps its head; a head of one word ("Lead, Data") keeps all.
    if len(head.split()) >= 2:
        return head
    return shorter or text


def same_person(name: str, other: str) -> bool:
    """Whether two written names are one person's ("Lee, Jordan" and "Jordan Lee")."""

    def parts(text: str) -> frozenset[str]:
        words = text.replace(",", " ").casefold().split()
        return frozenset(w.rstrip(".") for w in words if w.rstrip(".") not in TITLES)

    mine, theirs = parts(name), parts(other)
    return len(mine) >= 2 and mine == theirs


# The decision comes the same day ("We will let you know the outcome by phone the same
# evening"): a thank-you note the next afternoon would arrive after it.
SAME_DAY_WITHIN = timedelta(hours=2)
_SAME_DAY = re.compile(
    r"\b(?:outcome|decision|decide|let you know|hear (?:back|from us)|call you)\b[^.!?]{0,60}"
    r"\b(?:same (?:evening|day|afternoon)|tonight|this evening|later today|by the end of the day|"
    r"on the day)\b",
    re.I,
)


def decided_same_day(texts: Sequence[str]) -> bool:
    """Whether the emails about a round say the outcome comes the same day."""
    return any(_SAME_DAY.search(text) for text in texts)


def thank_you_due(round_end: datetime, same_day: bool = False) -> datetime:
    """When a thank-you note is due: within 24 hours of the round's end."""
    return round_end + (SAME_DAY_WITHIN if same_day else THANK_YOU_WITHIN)


def default_chase_date(round_date: date) -> date:
    """Five working days after the round, skipping Saturdays and Sundays."""
    return add_working_days(round_date, CHASE_AFTER_WORKING_DAYS)


def chase_date(round_date: date, news_expected_on: date | None = None) -> date:
    """The day to chase: the working day after the date the employer gave, or the default."""
    if news_expected_on is None:
        return default_chase_date(round_date)
    return add_working_days(news_expected_on, 1)


def add_working_days(start: date, days: int) -> date:
    """The date that many working days (Monday to Friday) after start."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


# Thank-you notes


def recall_topics(asked: Sequence[str]) -> tuple[str, ...]:
    """The topics a note may recall from what was asked: only those made cleanly."""
    never = templates().never_recall
    found: list[str] = []
    for text in asked:
        phrase = topic_phrase(text, never)
        if phrase and phrase.casefold() not in {f.casefold() for f in found}:
            found.append(phrase)
    # "X and Y and Z" does not read: two topics are joined only when neither has an "and".
    if len(found) > 1 and any(re.search(r"\b(?:and|or)\b", f) for f in found[:2]):
        return (found[0],)
    return tuple(found[:MAX_TOPICS])


def doubted(point: Point, doubts: Sequence[Doubt]) -> bool:
    """Whether feedback doubted what this point claims (any shared subject counts)."""
    said = set(content_stems(f"{point.phrase} {point.requirement}")) - _GENERIC_STEMS
    skills = competencies(f"{point.phrase} {point.requirement}")
    for doubt in doubts:
        if point.requirement_id is not None and doubt.requirement_id == point.requirement_id:
            return True
        if set(doubt.competencies) & skills:
            return True
        if (set(content_stems(doubt.topic)) - _GENERIC_STEMS) & said:
            return True
    return False


def strong_points(points: Sequence[Point], doubts: Sequence[Doubt]) -> tuple[Point, ...]:
    """Points a note may make: a short phrase, backed by a story, never what feedback doubted."""
    return tuple(
        p for p in points if usable_phrase(p.phrase, p.requirement) and not doubted(p, doubts)
    )


def usable_phrase(phrase: str, source: str) -> bool:
    """Whether a phrase can sit in a note: short, plain, and not a copy of its source."""
    words = phrase.split()
    if not words or len(words) > MAX_POINT_WORDS or _NOT_IN_PHRASE.search(phrase):
        return False
    return not copied_words(phrase, source)


def copied_words(text: str, source: str, n: int = COPY_LIMIT) -> bool:
    """Whether text repeats n or more words of source in a row."""

    def words(s: str) -> list[str]:
        return re.findall(r"[\w']+", s.casefold().replace("’", "'"))

    said = words(source)
    body = f" {' '.join(words(text))} "
    return any(f" {' '.join(said[i : i + n])} " in body for i in range(len(said) - n + 1))


def _relevant(
    points: Sequence[Point], asked: Sequence[str], made: Collection[str] = ()
) -> Point | None:
    """The strongest point, preferring one about what this person asked, then one not yet made
    to someone else on the panel: three notes making the same point read as a form letter, so
    with none left the note makes none."""
    if not points:
        return None
    heard = set(content_stems(" ".join(asked)))
    for point in points:
        if heard & set(content_stems(f"{point.phrase} {point.requirement}")):
            return point
    return next((p for p in points if p.phrase not in made), None)


def rests_on_point(point: Point) -> str:
    """What a note's point rests on, in words: "SQL: your story “Churn model” backs it"."""
    how = "you linked to it" if point.linked else "backs it"
    return f"{point.phrase}, because your story “{point.story}” {how}"


def thank_you_note(ctx: NoteContext) -> Note:
    """A short thank-you note to one interviewer, recalling what was discussed with them."""
    return _thank_you(ctx, _variant(ctx.interviewer.name))


def thank_you_notes(contexts: Sequence[NoteContext]) -> tuple[Note, ...]:
    """Thank-you notes for everyone on a panel, each opening with a different phrasing."""
    openings = templates().count("thank_you_opening")
    taken: set[int] = set()
    notes: list[Note] = []
    said: set[str] = set()
    for ctx in contexts:
        index = _variant(ctx.interviewer.name)
        # Step to the next free opening so two people on the panel never get the same one.
        for step in range(openings):
            candidate = index + step
            if candidate % openings not in taken:
                index = candidate
                break
        taken.add(index % openings)
        made = {p.split(", because", 1)[0] for n in notes for p in n.rests_on}
        notes.append(_thank_you(ctx, index, made, said))
        said.update(_sentences(notes[-1].body))
    return tuple(notes)


def _sentences(body: str) -> set[str]:
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if s.strip()}


def _fresh(
    key: str, start: int, said: Collection[str], avoid: Sequence[str] = (), **values: SlotValue
) -> str:
    """The first phrasing from `start` on that no other note to this panel has used (panels
    compare notes, and one sentence sent to two of them reads as a form letter), and that does
    not name `avoid` again, where one can."""
    t = templates()
    texts = [t.render(key, start + step, **values) for step in range(t.count(key))]
    fresh = [text for text in texts if not _sentences(text) & set(said)] or texts
    if avoid:
        fresh = [text for text in fresh if not any(a in text.lower() for a in avoid)] or fresh
    return fresh[0]


# Said once a note: "I really enjoyed our conversation about the role. I enjoyed our
# conversation and the chance to learn more about the role." reads as a form filled twice.
_ONCE_A_NOTE = (
    "our conversation",
    "learn more",
    "your questions",
    "the role",
    "enjoyed",
    "came away",
    "clearer picture",
)


def _said_in(opened: str, role: str) -> tuple[str, ...]:
    """What the opening has said that the rest of the note should not say again."""
    lowered = opened.lower()
    found = [p for p in _ONCE_A_NOTE if p in lowered]
    if role and role.lower() in lowered:
        found.append(role.lower())
    return tuple(found)


def _thank_you(
    ctx: NoteContext, index: int, made: Collection[str] = (), said: Collection[str] = ()
) -> Note:
    _check(ctx)
    t = templates()
    person = ctx.interviewer
    role, company = Name(spoken_role(ctx.role)), Name(spoken_company(ctx.company))
    topics = recall_topics(person.topics)
    opening = "thank_you_opening_again" if person.met_before else "thank_you_opening"
    opened = t.render(opening, index, role=role, company=company)
    # "…to learn more about the Head of Science role. I left even more enthusiastic about the
    # Head of Science role": the role is named once in a note where it can be.
    named = _said_in(opened, spoken_role(ctx.role))
    if topics:
        recall = _fresh(
            "thank_you_recall", _turn(index, 1), said, named, topic=NounPhrase(join_and(topics))
        )
    else:
        recall = _fresh("thank_you_recall_none", _turn(index, 1), said, named)
    point = _relevant(ctx.points, person.topics, made)
    rests_on: tuple[str, ...] = ()
    if point is not None:
        fit = _fresh(
            "thank_you_point",
            _turn(index, 2),
            said,
            point=NounPhrase(point.phrase),
            company=company,
        )
        rests_on = (rests_on_point(point),)
    else:
        fit = _fresh(
            "thank_you_point_none", _turn(index, 2), said, named, role=role, company=company
        )
    closings = t.count("thank_you_closing")
    # "Thank you for your time… Thanks again for your time": a closing says nothing the
    # opening has said.
    closing = next(
        (
            text
            for step in range(closings)
            if not _repeats(opened, text := t.render("thank_you_closing", _turn(index, 3) + step))
            and not _sentences(text) & set(said)
        ),
        None,
    ) or next(
        (
            text
            for step in range(closings)
            if not _repeats(opened, text := t.render("thank_you_closing", _turn(index, 3) + step))
        ),
        t.render("thank_you_closing", _turn(index, 3)),
    )
    paragraphs = [
        t.render("greeting", 0, first_name=Name(greeting_name(person.name))),
        f"{opened} {recall}",
        f"{fit} {closing}",
        t.render("sign_off", _turn(index, 4), candidate=Name(ctx.candidate_name.strip())),
    ]
    return Note(
        subject=t.render("thank_you_subject", _turn(index, 5), role=role, company=company),
        body="\n\n".join(paragraphs),
        to_name=person.name.strip(),
        to_email=person.email.strip(),
        recalls=topics,
        rests_on=rests_on,
    )


# Chasers and the note to the consultant


def chaser_blocked(state: RoundState) -> str | None:
    """Why no chaser is needed for a round in this state, or None when one is."""
    if state.offer_made:
        return "an offer is recorded, so there is nothing to chase"
    if state.outcome in _OUTCOME_WORDS:
        return f"{_OUTCOME_WORDS[state.outcome]}, so there is nothing to chase"
    if state.next_round is not None:
        return f"round {state.next_round.number} is already booked, so there is nothing to chase"
    if not state.happened:
        return "the round has not happened yet"
    return None


def chaser_note(
    ctx: NoteContext,
    news_expected_on: date | None = None,
    state: RoundState | None = None,
    via_consultant: bool = False,
) -> Note:
    """A polite note asking about the next step and when a decision is likely."""
    _check(ctx)
    blocked = chaser_blocked(state or RoundState())
    if blocked:
        raise FollowUpError(f"no chaser needed: {blocked}")
    t = templates()
    role, company = Name(spoken_role(ctx.role)), Name(spoken_company(ctx.company))
    opening = t.render(
        "chaser_opening",
        role=role,
        ordinal=NounPhrase(_ordinal(ctx.round_number)),
        day=ctx.round_date,
    )
    if news_expected_on is not None:
        waited = t.render("chaser_waited", news_by=news_expected_on)
    else:
        waited = t.render("chaser_waited_none")
    ask = "chaser_ask_consultant" if via_consultant else "chaser_ask_employer"
    greeting = "consultant_greeting" if via_consultant else "greeting"
    paragraphs = [
        t.render(greeting, first_name=Name(first_name(ctx.interviewer.name))),
        f"{opening} {waited}",
        t.render(ask, company=company),
        t.render("chaser_closing"),
        t.render("sign_off", 1, candidate=Name(ctx.candidate_name.strip())),
    ]
    return Note(
        subject=t.render("chaser_subject", role=role, company=company),
        body="\n\n".join(paragraphs),
        to_name=ctx.interviewer.name.strip(),
        to_email=ctx.interviewer.email.strip(),
    )


def consultant_note(ctx: NoteContext, state: RoundState | None = None) -> Note:
    """A note to a recruitment consultant that fits where the round stands."""
    _check(ctx)
    state = state or RoundState()
    if state.outcome == "withdrew":
        raise FollowUpError("you withdrew from this process, so there is nothing to follow up")
    t = templates()
    role, company = Name(spoken_role(ctx.role)), Name(spoken_company(ctx.company))
    ordinal = NounPhrase(_ordinal(ctx.round_number))
    day = ctx.round_date
    paragraphs = [
        t.render("consultant_greeting", first_name=Name(first_name(ctx.interviewer.name)))
    ]
    asks: list[str] = []
    intro = ""  # the line the list of questions hangs from, when not the paragraph before it
    if state.offer_made or state.outcome == "offer":
        paragraphs.append(t.render("consultant_offer", company=company, role=role))
    elif state.outcome == "rejected":
        paragraphs.append(t.render("consultant_rejected", company=company, role=role))
    elif not state.happened:
        paragraphs.append(
            t.render("consultant_before", company=company, role=role, ordinal=ordinal, day=day)
        )
        asks = _asks(t, state.this_round)
    elif state.next_round is not None:
        nxt = state.next_round
        thanks = (
            t.render("consultant_feedback_thanks", ordinal=ordinal, day=day)
            if state.feedback_via_consultant
            else t.render(
                "consultant_arranged_thanks", company=company, role=role, ordinal=ordinal, day=day
            )
        )
        name = NounPhrase(t.next_round_names.get(nxt.kind, "next interview"))
        looking = (
            t.render("consultant_next_booked", next_round=name, next_day=nxt.day)
            if nxt.day is not None
            else t.render("consultant_next_booked_undated", next_round=name)
        )
        paragraphs.append(f"{thanks} {looking}")
        if not state.feedback_in:
            paragraphs.append(t.render("consultant_ask_feedback_before_next"))
        # Feedback recorded for the round says what they want to learn next: asking again
        # reads as not having read it.
        asks = _asks(t, nxt, focus_known=state.feedback_in)
        intro = t.render("consultant_asks_intro_next")
    else:
        if state.outcome == "passed":
            first = t.render("consultant_passed_thanks", company=company)
        elif state.feedback_via_consultant:
            first = t.render("consultant_feedback_thanks", ordinal=ordinal, day=day)
        else:
            first = t.render(
                "consultant_arranged_thanks", company=company, role=role, ordinal=ordinal, day=day
            )
        if state.outcome != "passed":
            # What a consultant can use to argue the case: that she still wants it, and will
            # answer what they are unsure of.
            first += " " + t.render("consultant_still_keen")
        paragraphs.append(first)
        if not state.feedback_in:
            paragraphs.append(t.render("consultant_ask_feedback"))
        timing = (
            "consultant_ask_next_date" if state.outcome == "passed" else "consultant_ask_timing"
        )
        paragraphs.append(t.render(timing))
        # After the final round the only questions left are feedback and when they decide.
        asks = [] if state.final else _asks(t, None, focus_known=state.feedback_in)
        next_ordinal = NounPhrase(_ordinal(ctx.round_number + 1))
        intro = (
            t.render("consultant_asks_intro_next")
            if state.outcome == "passed"
            else t.render("consultant_asks_intro_maybe", next_ordinal=next_ordinal)
        )
    if asks:
        listed = "\n".join(f"- {a}" for a in asks)
        if intro:
            paragraphs.append(f"{intro}\n{listed}")
        else:
            paragraphs[-1] = f"{paragraphs[-1]}\n{listed}"
    paragraphs.append(t.render("consultant_closing"))
    paragraphs.append(t.render("sign_off", 0, candidate=Name(ctx.candidate_name.strip())))
    return Note(
        subject=t.render("consultant_subject", company=company, role=role),
        body="\n\n".join(paragraphs),
        to_name=ctx.interviewer.name.strip(),
        to_email=ctx.interviewer.email.strip(),
    )


def _asks(t: Templates, nxt: NextRound | None, focus_known: bool = False) -> list[str]:
    keys = []
    if nxt is None or not nxt.panel_known:
        keys.append("consultant_ask_who")
    if nxt is None or not nxt.length_known:
        keys.append("consultant_ask_length")
    if nxt is None or not nxt.place_known:
        keys.append("consultant_ask_place")
    if nxt is None or not nxt.task_known:
        keys.append("consultant_ask_prepare")
    if not focus_known:
        keys.append("consultant_ask_focus")
    return [t.render(k) for k in keys]


# The offer


def offer_reasons() -> tuple[OfferReason, ...]:
    """The reasons a candidate can give for asking for time, with labels to choose from."""
    return tuple(templates().offer_reasons.values())


# Their own deadline is kept when it leaves at least this many days: asking to go past a
# reasonable deadline by a day or two reads as stalling.
OFFER_MIN_DAYS = 3


def proposed_reply_by(today: date, deadline: date | None) -> date:
    """Their own deadline when it leaves a few days to think; otherwise a week from today."""
    week = today + timedelta(days=OFFER_DAYS)
    if deadline is None:
        return week
    if deadline >= today + timedelta(days=OFFER_MIN_DAYS):
        return deadline
    return week


def offer_time_request(
    ctx: NoteContext,
    reply_by: date,
    deadline: date | None = None,
    via_consultant: bool = False,
    reason: str = DEFAULT_REASON,
    terms: OfferTerms | None = None,
) -> OfferScript:
    """Thank them for an offer and ask for time to consider it, in writing and on the phone."""
    _check(ctx)
    t = templates()
    if reply_by < ctx.round_date:
        raise FollowUpError("the date to reply by is before the last round")
    chosen = t.offer_reasons.get(reason)
    if chosen is None:
        raise FollowUpError(f"{reason!r} is not one of {', '.join(t.offer_reasons)}")
    role, company = Name(spoken_role(ctx.role)), Name(spoken_company(ctx.company))
    why = NounPhrase(chosen.phrase)
    first = Name(first_name(ctx.interviewer.name))
    past = deadline is not None and reply_by > deadline
    who = "consultant" if via_consultant else "direct"
    extra: dict[str, SlotValue] = {"company": company} if via_consultant else {}
    if deadline is None:
        time = t.render(f"offer_time_{who}", reply_by=reply_by, reason=why, **extra)
    else:
        which = "past" if past else "within"
        time = t.render(
            f"offer_time_{who}_{which}", reply_by=reply_by, reason=why, deadline=deadline, **extra
        )
    greeting = "consultant_greeting" if via_consultant else "greeting"
    paragraphs = [
        t.render(greeting, first_name=first),
        t.render(f"offer_thanks_{who}", role=role, company=company),
        time,
        _writing(t, who, terms or OfferTerms()),
        t.render("offer_closing"),
        t.render("sign_off", 1, candidate=Name(ctx.candidate_name.strip())),
    ]
    if past:
        assert deadline is not None
        spoken = t.render(
            f"offer_spoken_{who}_past",
            first_name=first,
            reply_by=reply_by,
            reason=why,
            deadline=deadline,
            **extra,
        )
    elif deadline is not None:
        spoken = t.render(
            f"offer_spoken_{who}_within",
            first_name=first,
            reply_by=reply_by,
            reason=why,
            deadline=deadline,
            **extra,
        )
    else:
        spoken = t.render(
            f"offer_spoken_{who}", first_name=first, reply_by=reply_by, reason=why, **extra
        )
    return OfferScript(
        subject=t.render("offer_subject", role=role, company=company),
        body="\n\n".join(paragraphs),
        spoken=spoken,
        reply_by=reply_by,
        past_deadline=past,
        deadline=deadline,
        via_consultant=via_consultant,
    )


def _writing(t: Templates, who: str, terms: OfferTerms) -> str:
    """Ask for the offer in writing: confirming what was said, including what was not."""
    known, missing = _offer_terms(terms)
    if not known:
        return t.render(f"offer_writing_{who}")
    if not missing:
        return t.render(f"offer_writing_{who}_known", known=NounPhrase(join_and(known)))
    return t.render(
        f"offer_writing_{who}_some",
        known=NounPhrase(join_and(known)),
        missing=NounPhrase(join_and(missing)),
    )


def _check(ctx: NoteContext) -> None:
    for name, value in (
        ("candidate_name", ctx.candidate_name),
        ("company", ctx.company),
        ("role", ctx.role),
        ("interviewer.name", ctx.interviewer.name),
    ):
        if not value.strip():
            raise FollowUpError(f"{name} is empty")
    if ctx.round_number < 1:
        raise FollowUpError("round_number must be 1 or more")


def _variant(name: str) -> int:
    digest = hashlib.sha256(" ".join(name.casefold().split()).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big")


_SAID_ONCE = ("your time", "again")


def _repeats(said: str, text: str) -> bool:
    """Whether `text` says again what only reads well once in a short note."""
    return any(p in said.lower() and p in text.lower() for p in _SAID_ONCE)


def _turn(index: int, part: int) -> int:
    # Each part of the note turns on a different slice of the number, so phrasings mix freely.
    return index + part * (index // 7 + 1)


def _ordinal(number: int) -> str:
    if 1 <= number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def say_date(value: date) -> str:
    """The one date format of notes and pages."""
    return long_date(value)

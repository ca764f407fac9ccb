"""Draft follow-up notes: thank-you notes, chasers, a note to the consultant, an offer reply."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

THANK_YOU_WITHIN = timedelta(hours=24)
CHASE_AFTER_WORKING_DAYS = 5
_MAX_TOPIC_CHARS = 80
_TITLES = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame"}
_LITTLE_WORDS = {"the", "a", "an", "our", "my", "your", "their", "how", "what", "why", "which"}
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


class FollowUpError(ValueError):
    """A note that cannot be drafted, naming the missing field."""


@dataclass(frozen=True)
class InterviewerInfo:
    """Who a note goes to, and what was discussed with them."""

    name: str
    title: str = ""
    role: str = "other"
    topics: tuple[str, ...] = ()
    email: str = ""


@dataclass(frozen=True)
class NoteContext:
    """Everything a note needs, as plain values."""

    candidate_name: str
    company: str
    role: str
    round_number: int
    round_date: date
    interviewer: InterviewerInfo
    fit_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """A drafted note, with the topics it recalls so the user can see what it rests on."""

    subject: str
    body: str
    to_name: str = ""
    to_email: str = ""
    recalls: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfferScript:
    """A written reply to an offer asking for time, and a short version to say on the phone."""

    subject: str
    body: str
    spoken: str
    reply_by: date


# Each list is a set of phrasings of the same move; an interviewer's name picks one of each, so
# two people on one panel rarely share a phrasing (thank_you_notes makes the openings distinct).
_OPENINGS = (
    "Thank you for taking the time to talk with me {when} about the {role} role.",
    "Thank you for meeting me {when}. I really enjoyed our conversation about the {role} role.",
    "Many thanks for your time {when}; it was a pleasure to meet you and to learn more "
    "about the {role} role.",
    "Thank you for a thoughtful conversation {when} about the {role} role at {company}.",
    "It was good to meet you {when}, and thank you for making the time to talk about "
    "the {role} role.",
    "Thank you for your time and your questions {when}. I came away with a much clearer "
    "picture of the {role} role.",
)
_RECALLS = (
    "Our discussion of {topics} was a highlight of the conversation for me.",
    "I enjoyed talking through {topics} with you, and it has stayed on my mind since.",
    "Thank you especially for the chance to go into {topics} in more depth.",
    "Going through {topics} with you gave me a real sense of what the work involves.",
)
_NO_TOPIC_RECALLS = (
    "It was helpful to hear how you see the role and the team.",
    "I appreciated how openly you described the work and its challenges.",
    "Hearing your perspective gave me a much better sense of the team's day-to-day work.",
    "I enjoyed hearing about what you are working on and where the team is heading.",
)
_FITS = (
    "What I heard confirmed how well the role matches my experience with {fits}.",
    "I am confident that my experience with {fits} would let me contribute quickly.",
    "Everything I heard reinforced my interest, and my background in {fits} fits what you need.",
    "I left even keener on the role: it calls for {fits}, which is where I have done my best work.",
)
_NO_POINT_FITS = (
    "I left even more enthusiastic about the {role} role at {company}.",
    "I came away sure that I would like to join {company}.",
    "I am more keen than ever on the chance to contribute at {company}.",
    "Everything I heard made me more excited about the role and the team.",
)
_CLOSINGS = (
    "Thank you again, and I look forward to hearing about the next steps.",
    "I look forward to hearing from you, and thank you again for your time.",
    "Please let me know if there is anything further I can send you.",
    "Thank you once more; I hope we speak again soon.",
    "With thanks again, and I look forward to the next stage.",
)
_SIGN_OFFS = ("Best wishes,", "Kind regards,", "With best wishes,", "Warm regards,", "Many thanks,")
_SUBJECTS = (
    "Thank you – {role} interview",
    "Thank you for {weekday}'s conversation",
    "Thank you – {role} at {company}",
)


def first_name(name: str) -> str:
    """The name to greet someone by: "Okafor, Adaeze" and "Dr Adaeze Okafor" give "Adaeze"."""
    name = " ".join(name.split())
    if "," in name:
        # Directory style "Last, First" as Outlook writes it.
        last, _, rest = name.partition(",")
        name = f"{rest.strip()} {last.strip()}".strip()
    words = [word for word in name.split(" ") if word]
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words.pop(0)
    return words[0] if words else ""


def thank_you_due(round_end: datetime) -> datetime:
    """When a thank-you note is due: within 24 hours of the round's end."""
    return round_end + THANK_YOU_WITHIN


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


def thank_you_note(ctx: NoteContext) -> Note:
    """A short thank-you note to one interviewer, recalling what was discussed with them."""
    return _thank_you(ctx, _variant(ctx.interviewer.name))


def thank_you_notes(contexts: Sequence[NoteContext]) -> tuple[Note, ...]:
    """Thank-you notes for everyone on a panel, each opening with a different phrasing."""
    taken: set[int] = set()
    notes: list[Note] = []
    for ctx in contexts:
        index = _variant(ctx.interviewer.name)
        # Step to the next free opening so two people on the panel never get the same one.
        for step in range(len(_OPENINGS)):
            candidate = index + step
            if candidate % len(_OPENINGS) not in taken:
                index = candidate
                break
        taken.add(index % len(_OPENINGS))
        notes.append(_thank_you(ctx, index))
    return tuple(notes)


def _thank_you(ctx: NoteContext, index: int) -> Note:
    _check(ctx)
    person = ctx.interviewer
    values = _values(ctx)
    topics = tuple(_topic(topic) for topic in person.topics if topic.strip())[:2]
    if topics:
        recall = _pick(_RECALLS, index, 1).format(topics=" and ".join(topics))
    else:
        recall = _pick(_NO_TOPIC_RECALLS, index, 1)
    fits = tuple(point.strip().rstrip(".") for point in ctx.fit_points if point.strip())[:2]
    if fits:
        fit = _pick(_FITS, index, 2).format(fits=" and ".join(fits))
    else:
        fit = _pick(_NO_POINT_FITS, index, 2).format(**values)
    paragraphs = [
        f"Dear {first_name(person.name)},",
        f"{_pick(_OPENINGS, index, 0).format(**values)} {recall}",
        f"{fit} {_pick(_CLOSINGS, index, 3)}",
        f"{_pick(_SIGN_OFFS, index, 4)}\n{ctx.candidate_name.strip()}",
    ]
    return Note(
        subject=_pick(_SUBJECTS, index, 5).format(**values),
        body="\n\n".join(paragraphs),
        to_name=person.name.strip(),
        to_email=person.email.strip(),
        recalls=topics,
    )


def chaser_note(ctx: NoteContext, news_expected_on: date | None = None) -> Note:
    """A polite note asking about the next step and when a decision is likely."""
    _check(ctx)
    values = _values(ctx)
    if news_expected_on is not None:
        waited = (
            f"You mentioned that you hoped to have news by {_day(news_expected_on)}, "
            "so I thought I would check in."
        )
    else:
        waited = "I thought I would check in on how things are progressing."
    paragraphs = [
        f"Dear {first_name(ctx.interviewer.name)},",
        "I hope you are well. I am writing to follow up on my {ordinal} interview for the "
        "{role} role on {date}. ".format(**values)
        + waited,
        "I remain very interested in the role and in joining {company}. Could you let me know "
        "what the next step will be, and when you expect to reach a decision?".format(**values),
        "Thank you for your help, and I look forward to hearing from you.",
        f"Kind regards,\n{ctx.candidate_name.strip()}",
    ]
    return Note(
        subject="{role} – next steps".format(**values),
        body="\n\n".join(paragraphs),
        to_name=ctx.interviewer.name.strip(),
        to_email=ctx.interviewer.email.strip(),
    )


def consultant_note(ctx: NoteContext) -> Note:
    """A note to a recruitment consultant asking for feedback and the next round's format."""
    _check(ctx)
    values = _values(ctx)
    next_ordinal = _ordinal(ctx.round_number + 1)
    paragraphs = [
        f"Hi {first_name(ctx.interviewer.name)},",
        "Thank you for arranging my {ordinal} interview with {company} for the {role} role "
        "on {date}.".format(**values),
        "Have you had any feedback from them yet? I would find it really helpful to know what "
        "went well and whether they have any concerns I could address.",
        f"If there is to be a {next_ordinal} round, could you find out a little about it?\n"
        "- who I will meet, and their roles\n"
        "- how long it will be, and whether it is on site or by video\n"
        "- whether I should prepare anything, such as a presentation or a task\n"
        "- what they most want to learn about me at this stage",
        "Thanks again for your support.",
        f"Best wishes,\n{ctx.candidate_name.strip()}",
    ]
    return Note(
        subject="{company} – feedback and next round".format(**values),
        body="\n\n".join(paragraphs),
        to_name=ctx.interviewer.name.strip(),
        to_email=ctx.interviewer.email.strip(),
    )


def offer_time_request(ctx: NoteContext, reply_by: date) -> OfferScript:
    """Thank them for an offer and ask for time to consider it, in writing and on the phone."""
    _check(ctx)
    if reply_by < ctx.round_date:
        raise FollowUpError("reply_by is before the round's date")
    values = _values(ctx)
    first = first_name(ctx.interviewer.name)
    when = _day(reply_by)
    paragraphs = [
        f"Dear {first},",
        "Thank you very much for offering me the {role} role. I am delighted, and I really "
        "appreciate the time you and the team have spent with me.".format(**values),
        "This is an important decision and I want to give it the careful thought it deserves. "
        f"Would it be all right if I came back to you with my answer by {when}?",
        "In the meantime, could you send me the full details of the offer in writing, including "
        "salary, benefits and the proposed start date? If any questions come up as I read it, "
        "I will let you know straight away.",
        "Thank you again; I am very glad to have this opportunity.",
        f"Kind regards,\n{ctx.candidate_name.strip()}",
    ]
    spoken = (
        f"Thank you so much, {first}, I'm delighted to hear that. "
        "I'm very interested, and because it's an important decision I'd like to take a little "
        f"time to look through the details properly. Could I come back to you by {when}? "
        "And could you send the full offer in writing so I have everything in front of me?"
    )
    return OfferScript(
        subject="{role} offer – thank you".format(**values),
        body="\n\n".join(paragraphs),
        spoken=spoken,
        reply_by=reply_by,
    )


def _check(ctx: NoteContext) -> None:
    for field, value in (
        ("candidate_name", ctx.candidate_name),
        ("company", ctx.company),
        ("role", ctx.role),
        ("interviewer.name", ctx.interviewer.name),
    ):
        if not value.strip():
            raise FollowUpError(f"{field} is empty")
    if ctx.round_number < 1:
        raise FollowUpError("round_number must be 1 or more")


def _values(ctx: NoteContext) -> dict[str, str]:
    return {
        "role": ctx.role.strip(),
        "company": ctx.company.strip(),
        "when": f"on {ctx.round_date:%A}",
        "weekday": f"{ctx.round_date:%A}",
        "date": _day(ctx.round_date),
        "ordinal": _ordinal(ctx.round_number),
    }


def _variant(name: str) -> int:
    digest = hashlib.sha256(" ".join(name.casefold().split()).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big")


def _pick(options: Sequence[str], index: int, part: int) -> str:
    # Each part of the note turns on a different slice of the number, so phrasings mix freely.
    return options[(index + part * (index // 7 + 1)) % len(options)]


def _topic(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _MAX_TOPIC_CHARS:
        text = text[: _MAX_TOPIC_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    if text.endswith("?"):
        return f"your question “{text}”"
    text = text.rstrip(".!;:")
    # Only a leading little word is lower-cased: "Python" or "Kafka" must keep their capital.
    if text.split(" ", 1)[0].lower() in _LITTLE_WORDS and " " in text:
        text = text[0].lower() + text[1:]
    return text


def _ordinal(number: int) -> str:
    return _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) else f"round {number}"


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B}"

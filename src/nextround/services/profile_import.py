"""An interviewer's professional profile (saved as PDF, or pasted) fills in what we know of them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround.formats.profile import ProfileParse, looks_like_name, parse_profile
from nextround.services import documents
from nextround.services.base import MAX_LIST_ITEMS
from nextround.services.errors import InvalidInput
from nextround.services.records import interviewers, rounds
from nextround.store import models as m

MAX_PROFILE_CHARS = 200_000


@dataclass(frozen=True)
class ProfileFacts:
    """What the profile says, ready to show before anything is saved."""

    source_name: str
    text: str
    name: str
    headline: str
    title: str
    current_company: str
    years_at_company: float | None
    earlier_employers: tuple[str, ...]
    education: tuple[str, ...]
    skills: tuple[str, ...]
    research_note: str
    seniority: str = "unknown"  # from the title where it makes the level plain
    role: str = "other"  # from the title where it makes the part plain (a recruiter: hr)
    earlier_spans: tuple[tuple[str, str], ...] = ()
    about: str = ""
    notable: tuple[tuple[str, str], ...] = ()

    @property
    def has_facts(self) -> bool:
        """Something to keep: a title, an employer, or at least a person's name and headline."""
        if self.title or self.current_company or self.earlier_employers:
            return True
        return bool(self.headline) and looks_like_name(self.name)

    @property
    def unclear(self) -> tuple[str, ...]:
        """The fields the profile did not make plain, left for the candidate to fill in."""
        missing = (("job title", self.title), ("company", self.current_company))
        return tuple(label for label, value in missing if not value)

    @property
    def seniority_label(self) -> str:
        return str(m.Seniority(self.seniority).label)

    @property
    def role_label(self) -> str:
        return str(m.InterviewerRole(self.role).label)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("text")
        return data


@dataclass(frozen=True)
class ProfileImportResult:
    interviewer: m.Interviewer
    created: bool
    changed: tuple[str, ...]  # fields that were filled or changed
    facts: ProfileFacts

    def as_dict(self) -> dict[str, Any]:
        person = self.interviewer
        return {
            "interviewer_id": person.pk,
            "name": person.name,
            "created": self.created,
            "changed": list(self.changed),
            "title": person.title,
            "role": person.role,
            "seniority": person.seniority,
            "years_at_company": (
                float(person.years_at_company) if person.years_at_company is not None else None
            ),
            "earlier_employers": list(person.earlier_employers),
            "research_notes": person.research_notes,
            "facts": self.facts.as_dict(),
        }


def facts_from_file(path: Path, today: dt.date | None = None) -> ProfileFacts:
    return facts_from_text(documents.read_file(path).text, path.name, today)


def facts_from_upload(data: bytes, filename: str, today: dt.date | None = None) -> ProfileFacts:
    return facts_from_text(documents.read_upload(data, filename).text, filename, today)


def facts_from_text(text: str, source_name: str = "", today: dt.date | None = None) -> ProfileFacts:
    """Read a profile's text (from a file, or pasted) into facts about the person."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise InvalidInput.one("text", "the profile text is empty")
    not_text = InvalidInput.one(
        "text",
        "the profile text is not readable text (control characters or a binary file's "
        "bytes); paste the words of the profile, or give its PDF as a file",
    )
    if _looks_binary(text):
        raise not_text
    if _ESCAPED_BYTE.search(text):
        # Piped from a file in another encoding: the bytes that were not UTF-8 arrive as
        # escapes, which no database stores. Read the bytes as the file reader would.
        try:
            text = documents.read_upload(
                text.encode("utf-8", "surrogateescape"), "pasted.txt"
            ).text.strip()
        except (documents.UnreadableDocument, UnicodeEncodeError):
            raise not_text from None
    if len(text) > MAX_PROFILE_CHARS:
        raise InvalidInput.one(
            "text",
            f"the profile text is {len(text):,} characters, over the {MAX_PROFILE_CHARS:,} limit",
        )
    parse: ProfileParse = parse_profile(text, today or timezone.localdate())
    return ProfileFacts(
        source_name=Path(source_name).name if source_name else "pasted text",
        text=text,
        name=parse.name[:200],
        headline=parse.headline,
        title=parse.title[:200],
        current_company=parse.current_company,
        years_at_company=parse.years_at_company,
        earlier_employers=parse.earlier_employers,
        education=parse.education,
        skills=parse.skills,
        research_note=parse.research_note,
        seniority=parse.seniority if parse.seniority in m.Seniority.values else "unknown",
        role=parse.role if parse.role in m.InterviewerRole.values else "other",
        earlier_spans=parse.earlier_spans,
        about=parse.about,
        notable=parse.notable,
    )


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _looks_binary(text: str) -> bool:
    """NULs; more than one character in fifty a control code or a replacement character; or
    bytes that did not decode for a third of the text (a few are accents in another encoding).
    """
    if "\x00" in text:
        return True
    sample = text[:20_000]
    odd = sum(1 for ch in sample if (ch < " " and ch not in "\n\t\r\f") or ch == "\ufffd")
    escaped = len(_ESCAPED_BYTE.findall(sample))
    return odd * 50 > len(sample) or escaped * 3 > len(sample)


@dataclass(frozen=True)
class ProfilePlan:
    """What applying the facts would do: who is filled in, and which fields change."""

    round_id: int
    facts: ProfileFacts
    interviewer: m.Interviewer | None  # None: a new interviewer is added to the round
    changes: dict[str, Any]

    @property
    def creating(self) -> bool:
        return self.interviewer is None

    @property
    def shown_changes(self) -> list[tuple[str, str]]:
        """Each changed field as a label and its new value in words."""
        shown = []
        for name, value in self.changes.items():
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            shown.append((name.replace("_", " ").capitalize(), str(value)))
        return shown


def plan(
    owner: User, round_id: int, facts: ProfileFacts, interviewer_id: int | None = None
) -> ProfilePlan:
    """Check the facts against the round and its people; nothing is saved."""
    round_ = rounds.get(owner, round_id)
    person: m.Interviewer | None = None
    if interviewer_id is not None:
        person = interviewers.get(owner, interviewer_id)
        if person.opportunity_id != round_.opportunity_id:
            raise InvalidInput.one(
                "interviewer", f"{person.name} belongs to another opportunity", "profile import"
            )
    else:
        person = _same_name(owner, round_, facts.name)
    if person is None and not facts.name:
        raise InvalidInput.one(
            "interviewer",
            f"no name found in {facts.source_name}; choose the interviewer it belongs to",
            "profile import",
        )
    if not facts.has_facts:
        raise InvalidInput.one(
            "text",
            f"no job title, company or employers found in {facts.source_name}; is it a profile?",
            "profile import",
        )
    changes = new_values(facts) if person is None else changed_values(person, facts)
    return ProfilePlan(round_.pk, facts, person, changes)


def apply_facts(
    owner: User, round_id: int, facts: ProfileFacts, interviewer_id: int | None = None
) -> ProfileImportResult:
    """Fill in an interviewer on the round from the facts: the one named, else one by name."""
    planned = plan(owner, round_id, facts, interviewer_id)
    with transaction.atomic():
        if planned.interviewer is None:
            created = interviewers.add_to_round(owner, round_id, **planned.changes)
            return ProfileImportResult(created, True, tuple(planned.changes), facts)
        person = planned.interviewer
        if planned.changes:
            person = interviewers.update(owner, person.pk, **planned.changes)
        interviewers.link(owner, round_id, person.pk)
    return ProfileImportResult(person, False, tuple(planned.changes), facts)


def _same_name(owner: User, round_: m.Round, name: str) -> m.Interviewer | None:
    if not name:
        return None
    wanted = " ".join(name.split()).casefold()
    for person in interviewers.queryset(owner).filter(opportunity_id=round_.opportunity_id):
        if " ".join(person.name.split()).casefold() == wanted:
            return person
    return None


def _years(facts: ProfileFacts) -> Decimal | None:
    if facts.years_at_company is None:
        return None
    return min(Decimal(str(round(facts.years_at_company, 1))), Decimal(80))


def new_values(facts: ProfileFacts) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": facts.name,
        "title": facts.title,
        "earlier_employers": list(facts.earlier_employers[:MAX_LIST_ITEMS]),
        "research_notes": facts.research_note,
        "seniority": facts.seniority if facts.seniority != m.Seniority.UNKNOWN else "",
        "role": facts.role if facts.role != m.InterviewerRole.OTHER else "",
    }
    if facts.years_at_company is not None:
        values["years_at_company"] = _years(facts)
    return {k: v for k, v in values.items() if v not in ("", [], None)}


def changed_values(person: m.Interviewer, facts: ProfileFacts) -> dict[str, Any]:
    """What the profile adds to someone already known; nothing they wrote is thrown away."""
    changes: dict[str, Any] = {}
    if facts.title and facts.title != person.title:
        changes["title"] = facts.title
    # A level or part the candidate chose is theirs: the title only fills in the defaults.
    if facts.seniority != m.Seniority.UNKNOWN and person.seniority == m.Seniority.UNKNOWN:
        changes["seniority"] = facts.seniority
    if facts.role != m.InterviewerRole.OTHER and person.role == m.InterviewerRole.OTHER:
        changes["role"] = facts.role
    years = _years(facts)
    if years is not None and years != person.years_at_company:
        changes["years_at_company"] = years
    known = [str(e) for e in person.earlier_employers]
    seen = {e.casefold() for e in known}
    extra = [e for e in facts.earlier_employers if e.casefold() not in seen]
    if extra:
        changes["earlier_employers"] = (known + extra)[:MAX_LIST_ITEMS]
    note = facts.research_note
    if note and note not in person.research_notes:
        changes["research_notes"] = merge_note(person.research_notes, note, facts.name)
    return changes


def merge_note(notes: str, note: str, name: str) -> str:
    """The notes with this profile's note at the end, replacing one an earlier import wrote."""
    starts = (f"{name} is ", f"{name}: ") if name else ()
    kept = [
        p
        for p in notes.replace("\r\n", "\n").split("\n\n")
        if p.strip() and not (starts and p.strip().startswith(starts))
    ]
    return "\n\n".join([*kept, note])

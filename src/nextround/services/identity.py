"""Who the candidate is, so that an invite never lists them as their own interviewer.

Your profile's name and addresses pick you out. When they do not (no profile yet, or an
address the profile does not know), one of two stated rules may: the attendee named in the
invite's title ("Second interview: Priya Raman"), or the one attendee invited from outside the
organiser's domain while everyone else organises. When the two rules disagree, nobody is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from nextround.coach import words
from nextround.services import profile as profiles
from nextround.services.errors import InvalidInput
from nextround.services.records import interviewers, rounds
from nextround.store import models as m

TITLE_RULE = "the attendee named in the invite's title"
OUTSIDE_RULE = "the only attendee invited from outside {domain}"
# "Interview with Priya Shah": a name after these words is someone you meet, not you.
_MEETING_WORDS = re.compile(r"(?:\bwith|\bmeet|\bmeeting|\bby|\bfrom)\s*[:-]?\s*$", re.I)


@dataclass(frozen=True)
class Me:
    """The candidate as their profile describes them."""

    name: str
    emails: frozenset[str]

    @property
    def known(self) -> bool:
        return bool(words.person_key(self.name) or self.emails)

    def is_me(self, name: str, email: str) -> bool:
        """True for an address of yours, or your name (titles and order aside)."""
        address = email.strip().lower()
        if address and address in self.emails:
            return True
        key = words.person_key(self.name)
        return bool(key) and words.person_key(name) == key


@dataclass(frozen=True)
class Guess:
    """The attendee taken to be the candidate, and the rule that picked them."""

    name: str
    email: str
    reason: str

    @property
    def note(self) -> str:
        return f"Took {self.name} to be you ({self.reason})"


def me(owner: User) -> Me:
    profile = profiles.get(owner)
    return Me(profile.full_name, frozenset(profiles.candidate_emails(owner, profile)))


def _domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower() if "@" in email else ""


def _named_in(title: str, name: str, email: str) -> bool:
    """True when the title names the person (first and last name together), not after 'with'."""
    local = [w for w in re.split(r"[._-]+", email.split("@", 1)[0].casefold()) if w]
    keys = [words.person_key(name).split(), local[:2] if "@" in email else []]
    folded = title.casefold()
    for key in keys:
        if len(key) < 2:
            continue
        joined = r"[\s.,-]+".join(re.escape(k) for k in key)
        pattern = r"(?<![^\W\d_])" + joined + r"(?![^\W\d_])"
        for found in re.finditer(pattern, folded):
            if not _MEETING_WORDS.search(folded[: found.start()]):
                return True
    return False


def guess(
    title: str, organiser_email: str, people: list[tuple[str, str]]
) -> tuple[Guess | None, bool]:
    """The attendee who is the candidate by the stated rules, and whether the rules disagreed.

    `people` are (name, email) pairs of the invite's attendees, the organiser among them or not.
    """
    organiser = organiser_email.strip().lower()
    attendees = [(n, e) for n, e in people if not organiser or e.strip().lower() != organiser]
    named = [(n, e) for n, e in attendees if title and _named_in(title, n, e)]
    by_title = named[0] if len(named) == 1 else None
    by_domain = None
    home = _domain(organiser)
    if home:
        outside = [(n, e) for n, e in attendees if _domain(e) and _domain(e) != home]
        if len(outside) == 1 and len(people) >= 2:
            by_domain = outside[0]
    if by_title and by_domain and by_title[1].lower() != by_domain[1].lower():
        return None, True
    if by_title:
        return Guess(by_title[0], by_title[1], TITLE_RULE), False
    if by_domain:
        return Guess(by_domain[0], by_domain[1], OUTSIDE_RULE.format(domain=home)), False
    return None, False


def forget(owner: User, opportunity: m.Opportunity, who: Me) -> list[str]:
    """Delete the people of the opportunity who are the candidate; their names, for the message."""
    if not who.known:
        return []
    found = [
        p
        for p in m.Interviewer.objects.filter(owner=owner, opportunity=opportunity)
        if who.is_me(p.name, p.email)
    ]
    for person in found:
        person.delete()
    return [p.name for p in found]


def confirm(owner: User, name: str, email: str) -> m.Profile:
    """Keep a name and address as yours: a name fills an empty profile, an address is added."""
    profile = profiles.get(owner)
    address = email.strip()
    known = {e.lower() for e in profiles.candidate_emails(owner, profile)}
    full_name = name if name.strip() and not profile.full_name else None
    new_email: str | None = None
    others: list[str] | None = None
    if address and address.lower() not in known:
        if profile.email:
            others = [*profile.other_emails, address]
        else:
            new_email = address
    if full_name is None and new_email is None and others is None:
        return profile
    return profiles.update(owner, full_name=full_name, email=new_email, other_emails=others)


def not_me(owner: User, round_id: int, name: str, email: str) -> m.Interviewer:
    """The person taken to be you is an interviewer after all: put them on the round."""
    if not words.person_key(name):
        raise InvalidInput.one("name", "give the interviewer's name", "interviewer")
    rounds.owned(owner, round_id)  # a sharee may not change who is on the candidate's round
    values: dict[str, str] = {"name": name}
    if email.strip():
        values["email"] = email.strip()
    return interviewers.add_to_round(owner, round_id, **values)


def this_is_me(
    owner: User, round_id: int, interviewer_id: int, instead_of: Guess | None = None
) -> str:
    """Someone on the round is you: keep them as you and delete them from the opportunity.

    The person an import took to be you instead (if any) is put on the round in their place.
    """
    round_ = rounds.owned(owner, round_id)
    person = interviewers.owned(owner, interviewer_id)
    if person.opportunity_id != round_.opportunity_id:
        raise InvalidInput.one("interviewer", f"{person.name} belongs to another opportunity")
    with transaction.atomic():
        confirm(owner, person.name, person.email)
        name = person.name
        person.delete()
        if instead_of is not None and not me(owner).is_me(instead_of.name, instead_of.email):
            not_me(owner, round_id, instead_of.name, instead_of.email)
    return name

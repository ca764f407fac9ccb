"""Words a person reads: human labels for every stored choice, counts and dates said one way."""

from __future__ import annotations

import datetime as dt

LABELS: dict[str, dict[str, str]] = {
    "format": {"video": "video call", "phone": "phone call", "on-site": "on site"},
    "kind": {
        "one-to-one": "one to one",
        "panel": "panel",
        "meet-the-team": "meet the team",
        "tour": "tour",
        "presentation": "presentation",
        "assessment": "assessment",
    },
    "purpose": {
        "unknown": "purpose not known",
        "screening": "first screening",
        "shortlist": "shortlist",
        "second-opinion": "second opinion by a senior decision-maker",
        "delve-deeper": "a deeper look at your experience",
        "test-commitment": "testing your commitment",
        "meet-the-team": "meeting the team",
        "final": "final decision",
    },
    "role": {
        "hiring-manager": "hiring manager",
        "senior-executive": "senior executive",
        "hr": "HR / people team",
        "team-member": "team member",
        "technical": "technical specialist",
        "consultant": "recruitment consultant",
        "other": "",
    },
    "seniority": {
        "unknown": "",
        "junior": "junior",
        "mid": "mid-level",
        "senior": "senior",
        "manager": "manager",
        "director": "director",
        "executive": "executive",
    },
    "requirement": {"must": "essential", "nice": "desirable", "duty": "what the job involves"},
    "reaction": {
        "positive": "reacted well",
        "negative": "reacted badly",
        "neutral": "",
        "unknown": "",
    },
}


def label(kind: str, value: str | None) -> str:
    """The human label of a stored choice ("delve-deeper" -> "a deeper look at your experience")."""
    if value is None:
        return ""
    return LABELS.get(kind, {}).get(value, value.replace("-", " "))


# Words before a name that are not the name ("Dr Helen Okoro").
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame"})


def first_name(name: str) -> str:
    """The name to greet someone by: "Okafor, Adaeze" and "Dr Adaeze Okafor" give "Adaeze"."""
    name = " ".join(name.split())
    if "," in name:
        # Directory style "Last, First" as Outlook writes it.
        last, _, rest = name.partition(",")
        name = f"{rest.strip()} {last.strip()}".strip()
    words = [word for word in name.split(" ") if word]
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words.pop(0)
    return words[0] if words else ""


# Titles a formal note keeps: "Dear Dr Okafor", never "Dear James" to a doctor met once.
_KEPT_TITLES = {"dr": "Dr", "prof": "Professor", "professor": "Professor"}


def greeting_name(name: str) -> str:
    """The name a thank-you note greets someone by: "Dr James Okafor" gives "Dr Okafor";
    anyone without such a title is greeted by first name."""
    words = [word for word in " ".join(name.split()).split(" ") if word]
    if "," not in name and len(words) > 2 and words[0].lower().rstrip(".") in _KEPT_TITLES:
        return f"{_KEPT_TITLES[words[0].lower().rstrip('.')]} {words[-1]}"
    return first_name(name)


def person_key(name: str) -> str:
    """A name to compare people by: "Dr Fiona Kerr", "fiona  kerr" and "Kerr, Fiona" match."""
    name = name.casefold().replace(".", " ")
    if "," in name:
        last, _, rest = name.partition(",")
        name = f"{rest} {last}"
    return " ".join(w for w in name.split() if w not in TITLES)


def address_name(name: str) -> str:
    """How to address someone: "Dr Whitcombe" when they use a title, else their first name."""
    words = name.replace(",", " ").split()
    if len(words) >= 2 and words[0].lower().rstrip(".") in TITLES:
        return f"{words[0]} {words[-1]}"
    return first_name(name)


def clip(text: str, limit: int = 160) -> str:
    """Text cut at a word boundary with an ellipsis, never mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # At a clause's end where one is near ("…; 13:00 a 10-minute presentation…"), never in
    # the middle of a name ("…the Headteacher and Trust Director of…").
    breaks = ("; ", ". ", ", followed by ", ", then ", ", and then ", ", before ", ", after ")
    clause = max(cut.rfind(b) for b in breaks)
    if clause >= limit * 0.6:
        return cut[:clause].rstrip(" ,;:.") + "…"
    return cut.rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def times(number: int) -> str:
    """ "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(number, f"{number} times")


def count(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 day", "3 days": never "day(s)"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def day(value: dt.date) -> str:
    """One date format for everything a person reads: "Tuesday 9 December 2026"."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_day(value: dt.date) -> str:
    """The same, short, for lists and checklists: "Tue 9 Dec"."""
    return f"{value:%a} {value.day} {value:%b}"

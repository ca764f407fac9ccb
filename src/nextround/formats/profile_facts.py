"""What a read profile adds for the candidate: the person's level and part from their title,
the talks, posts and papers it lists, and the research note written from it all."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nextround.formats.profile import ProfileParse

MAX_ABOUT_CHARS = 600
MAX_NOTABLE = 4
MAX_NOTABLE_CHARS = 240

# Levels, checked in this order; a title that names none of them says nothing of its level.
# "Deputy Headteacher" is senior leadership below the head; "Principal Engineer" is an
# individual contributor, so "principal" alone is not a chief.
_LEVELS = (
    ("director", r"\b(?:deputy|assistant|associate)\s+head(?:\s*teacher)?\b"),
    (
        "executive",
        r"\b(?:chief|c[etfoi]o|cxo|vp|svp|evp|vice[- ]president|president|co-?founder|founder|"
        r"managing director|managing partner|executive director|head\s*teacher|headmaster|"
        r"headmistress|chair(?:man|woman|person)?|general counsel)\b",
    ),
    ("director", r"\b(?:director|head of|head,|general manager)\b"),
    (
        "manager",
        r"\b(?:(?:engineering|operations|team|office|store|branch|department|practice|ward|"
        r"site|plant|people|line|shift|regional|area|district|delivery)\s+manager|"
        r"team lead(?:er)?)\b",
    ),
    ("senior", r"\b(?:senior|sr\.?|principal|staff|lead)\b"),
    ("junior", r"\b(?:junior|jr\.?|graduate|intern|trainee|apprentice)\b"),
)
_LEVEL_PATTERNS = tuple((level, re.compile(pattern, re.I)) for level, pattern in _LEVELS)
# Parts in the process a title alone makes plain; anything else stays "other".
_HR = re.compile(
    r"\b(?:recruiter|talent acquisition|talent partner|recruitment partner|in-house recruit\w*|"
    r"human resources|hr|hrbp|people partner|people operations|head of people|"
    r"chief people officer|people director|director of people)\b",
    re.I,
)
_CONSULTANT = re.compile(r"\brecruitment consultant\b", re.I)

# A sentence about something they said, wrote or won in public: worth asking them about.
_NOTABLE_KINDS = (
    (
        "Talk",
        r"\b(?:spoke|speak|speaks|speaking|speaker|talk|talks|talked|keynote|presented|panellist|"
        r"panelist|podcast)\b",
    ),
    (
        "Paper",
        r"\b(?:paper|papers|journal|published|publishes|co-?authored|authored|author of|book)\b",
    ),
    (
        "Post",
        r"\b(?:post|posts|posted|blog|blogs|blogged|article|articles|column|wrote|writes|"
        r"newsletter)\b",
    ),
    ("Award", r"\b(?:award|awards|awarded|won|prize|shortlisted|named (?:one of|in|to))\b"),
)
_KIND_PATTERNS = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in _NOTABLE_KINDS)
# Lines a web page adds to its lists that are not items: "Show all 12 posts", "Liked by…".
_PAGE_NOISE = re.compile(
    r"^(?:see|show) (?:all|more)\b|^(?:liked|reposted|commented|followed) "
    r"|\b(?:posted|reposted|liked|shared) this"
    r"|^\d+\s+(?:comments?|reactions?|followers?|likes?)\b|^…?see more$",
    re.I,
)


def seniority_from_title(title: str) -> str:
    """The level a job title makes plain ("VP Sales": executive), else "unknown"."""
    for level, pattern in _LEVEL_PATTERNS:
        if pattern.search(title):
            return level
    return "unknown"


def role_from_title(title: str) -> str:
    """The part in the process a title makes plain (a recruiter: hr; a chief: senior-executive).

    Anything a title cannot tell, such as whether they are the hiring manager, stays "other".
    """
    if _CONSULTANT.search(title):
        return "consultant"
    if _HR.search(title):
        return "hr"
    if seniority_from_title(title) == "executive":
        return "senior-executive"
    return "other"


def notable_items(prose: str, listed: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Talks, posts, papers and awards: the lines of their own sections (each with what its
    section calls it, or ""), then the sentences of their About or bio that mention one, each
    as written."""
    found: list[tuple[str, str]] = []
    for section_kind, line in listed:
        line = " ".join(line.split())
        if len(line.split()) >= 3 and not _PAGE_NOISE.search(line):
            kind = section_kind or _kind(line) or "Listed"
            found.append((kind, line[:MAX_NOTABLE_CHARS]))
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(prose.split())):
        kind = _kind(sentence)
        if kind and len(sentence) <= MAX_NOTABLE_CHARS:
            found.append((kind, sentence))
    seen: set[str] = set()
    unique = []
    for kind, text in found:
        if text.casefold() not in seen:
            seen.add(text.casefold())
            unique.append((kind, text))
    return tuple(unique[:MAX_NOTABLE])


def _kind(text: str) -> str:
    """What the first word of a talk, paper, post or award in the text says it is."""
    found = [(m.start(), kind) for kind, pattern in _KIND_PATTERNS if (m := pattern.search(text))]
    return min(found)[1] if found else ""


def research_note(profile: ProfileParse) -> str:
    """The facts in a sentence, then their talks, posts and papers and their About, quoted.

    Each fact goes in its own slot; a fact the profile did not make plain is left out. Their
    own words are quoted whole, one line each, never fitted into a sentence of ours.
    """
    sentences: list[str] = []
    who = profile.name or "The interviewer"
    there = ""
    if profile.years_at_company is not None and profile.current_company:
        there = f", there for about {format_years(profile.years_at_company)}"
    if profile.title and profile.current_company:
        role = f"{who} is {profile.title} at {profile.current_company}{there}"
    elif profile.current_company:
        role = f"{who} works at {profile.current_company}{there}"
    elif profile.title:
        role = f"{who}'s job title: {profile.title}"
    elif profile.headline:
        role = f"{who}: {profile.headline}"
    else:
        role = who
    if profile.earlier_employers:
        spans = dict(profile.earlier_spans)
        earlier = [
            f"{e} ({spans[e]})" if spans.get(e) else e for e in profile.earlier_employers[:3]
        ]
        role += "; before that " + join_names(earlier)
    sentences.append(role + ".")
    if profile.education:
        schools = [entry.split(" — ")[0] for entry in profile.education[:2]]
        sentences.append("Studied at " + join_names(schools) + ".")
    if profile.skills:
        sentences.append("Lists " + join_names(list(profile.skills[:3])) + " among top skills.")
    lines = [" ".join(sentences)]
    lines += [f"{kind}: {quote(text)}" for kind, text in profile.notable]
    if profile.about:
        lines.append(f"About: {quote(clip(profile.about, MAX_ABOUT_CHARS))}")
    return "\n".join(lines)


def quote(text: str) -> str:
    """Their words in curly quotation marks, the final full stop dropped."""
    return "“" + " ".join(text.split()).rstrip(" .") + "”"


def clip(text: str, limit: int) -> str:
    """Text to at most limit characters, cut after a whole sentence where one fits."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] + " …" if end > limit // 3 else cut.rsplit(" ", 1)[0] + " …"


def format_years(years: float) -> str:
    if years < 1:
        return "less than a year"
    shown = f"{years:.1f}".rstrip("0").rstrip(".")
    return f"{shown} year" + ("" if shown == "1" else "s")


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]

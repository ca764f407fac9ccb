"""Read an interviewer's professional profile (saved as PDF, or pasted) into facts and a note."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from nextround.formats.cv import MONTH, PRESENT, parse_date

SECTIONS = {
    "contact": "contact",
    "top skills": "skills",
    "skills": "skills",
    "languages": "languages",
    "certifications": "other",
    "honors-awards": "other",
    "honours-awards": "other",
    "publications": "other",
    "patents": "other",
    "summary": "summary",
    "about": "summary",
    "experience": "experience",
    "education": "education",
    "volunteer experience": "other",
    "activity": "other",
    "interests": "other",
}
DATE = rf"(?:{MONTH}\s+\d{{4}}|\d{{4}})"
ROLE_DATES = re.compile(
    rf"^(?P<start>{DATE})\s*[-–—]\s*(?P<end>{DATE}|{PRESENT})"
    r"(?:\s*[·(]\s*(?P<duration>[^)]*)\)?)?$",
    re.IGNORECASE,
)
DURATION = re.compile(
    r"^(?:(?P<years>\d+)\s+yrs?|(?P<years2>\d+)\s+years?)?\s*"
    r"(?:(?P<months>\d+)\s+mos?|(?P<months2>\d+)\s+months?)?$|^less than a year$",
    re.IGNORECASE,
)
LOCATION_WORDS = re.compile(r"\b(area|remote|hybrid|on-site|region)\b", re.IGNORECASE)
SCHOOL_YEARS = re.compile(r"\s*·?\s*\((\d{4}\s*[-–]\s*\d{4})\)\s*$|\s*·\s*(\d{4}\s*[-–]\s*\d{4})$")


@dataclass(frozen=True)
class ProfileParse:
    """Facts about an interviewer from their profile, and a short research note."""

    name: str
    headline: str
    location: str
    title: str
    current_company: str
    years_at_company: float | None
    earlier_employers: tuple[str, ...]  # most recent first, the current one left out
    education: tuple[str, ...]  # "School — degree (years)"
    skills: tuple[str, ...]
    research_note: str


@dataclass(frozen=True)
class Position:
    company: str
    title: str
    start: tuple[int, int | None] | None
    current: bool
    duration: str


def parse_profile(text: str, today: date) -> ProfileParse:
    """Name, current title and company, tenure, earlier employers, education and skills."""
    lines = [strip_markdown(line) for line in text.splitlines()]
    headings = {i for i, raw in enumerate(text.splitlines()) if raw.lstrip().startswith("#")}
    sections: dict[str, list[tuple[int, str]]] = {}
    loose: list[tuple[int, str]] = []
    current: str | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        key = SECTIONS.get(line.lower().rstrip(":"))
        if key:
            current = key
            sections.setdefault(key, [])
            continue
        # A top-level heading after the sidebar is the name: the main column starts here.
        if index in headings and raw_level(text, index) == 1 and current != "experience":
            current = None
        if current is None:
            loose.append((index, line))
        else:
            sections[current].append((index, line))
    name, headline, location = identity(loose)
    positions = parse_positions(sections.get("experience", []), headings)
    currents = [p for p in positions if p.current] or positions[:1]
    now = currents[0] if currents else None
    company = now.company if now else company_from_headline(headline)
    title = now.title if now else title_from_headline(headline)
    years = tenure([p for p in positions if p.company == company], today) if now else None
    earlier: list[str] = []
    for position in positions:
        if position.company and position.company != company and position.company not in earlier:
            earlier.append(position.company)
    education = parse_education(sections.get("education", []))
    skills = tuple(line for _, line in sections.get("skills", []) if len(line) <= 50)
    profile = ProfileParse(
        name=name,
        headline=headline,
        location=location,
        title=title,
        current_company=company,
        years_at_company=years,
        earlier_employers=tuple(earlier),
        education=education,
        skills=skills,
        research_note="",
    )
    return ProfileParse(**{**profile.__dict__, "research_note": research_note(profile)})


def strip_markdown(line: str) -> str:
    return re.sub(r"^\s*(?:#{1,6}\s+|[-*•]\s+)", "", line).strip(" *_")


def raw_level(text: str, index: int) -> int:
    raw = text.splitlines()[index].lstrip()
    return len(raw) - len(raw.lstrip("#"))


def identity(loose: list[tuple[int, str]]) -> tuple[str, str, str]:
    """Name, headline and location: the first lines outside any section."""
    texts = [line for _, line in loose if not re.search(r"@|www\.|https?:|\d{5,}", line)]
    name = texts[0] if texts else ""
    headline = texts[1] if len(texts) > 1 else ""
    location = texts[2] if len(texts) > 2 and len(texts[2]) <= 60 else ""
    return name, headline, location


def is_duration(line: str) -> bool:
    return bool(line) and bool(DURATION.match(line)) and any(ch.isalpha() for ch in line)


def parse_positions(section: list[tuple[int, str]], headings: set[int]) -> list[Position]:
    """Positions in the order listed (most recent first), with the company each belongs to."""
    positions: list[Position] = []
    lines = [line for _, line in section]
    indexes = [index for index, _ in section]
    company = ""
    for i, line in enumerate(lines):
        match = ROLE_DATES.match(line)
        if not match or i == 0:
            continue
        title = lines[i - 1]
        before = lines[i - 2] if i >= 2 else ""
        previous_end = positions_end(lines, i)
        if i >= 3 and is_duration(before):
            company = lines[i - 3]  # a company with several roles: name, total time, roles
        elif i >= 2 and (
            indexes[i - 2] in headings or not (company and follows_role(lines, i - 2, previous_end))
        ):
            company = before
        end = match.group("end")
        positions.append(
            Position(
                company=company,
                title=title,
                start=parse_date(match.group("start")),
                current=bool(re.fullmatch(PRESENT, end, re.IGNORECASE)),
                duration=(match.group("duration") or "").strip(),
            )
        )
    return positions


def follows_role(lines: list[str], index: int, previous_end: int | None) -> bool:
    """True when line `index` belongs to the role above (its dates or location), not a company."""
    if previous_end is None or index > previous_end + 1:
        return False
    line = lines[index]
    return index == previous_end or "," in line or bool(LOCATION_WORDS.search(line))


def positions_end(lines: list[str], i: int) -> int | None:
    """Index of the previous date line before line i, if any."""
    for j in range(i - 1, -1, -1):
        if ROLE_DATES.match(lines[j]):
            return j
    return None


def tenure(positions: list[Position], today: date) -> float | None:
    """Years from the earliest start at the company to today, else from the stated duration."""
    starts = [p.start for p in positions if p.start]
    if starts:
        year, month = min(starts, key=lambda ym: (ym[0], ym[1] or 1))
        months = (today.year - year) * 12 + today.month - (month or 1)
        return round(max(months, 0) / 12, 1)
    for position in positions:
        stated = years_from_duration(position.duration)
        if stated is not None:
            return stated
    return None


def years_from_duration(text: str) -> float | None:
    years = re.search(r"(\d+)\s+(?:yrs?|years?)", text)
    months = re.search(r"(\d+)\s+(?:mos?|months?)", text)
    if not years and not months:
        return None
    total = (int(years.group(1)) if years else 0) + (int(months.group(1)) if months else 0) / 12
    return round(total, 1)


def parse_education(section: list[tuple[int, str]]) -> tuple[str, ...]:
    """Each school with its degree and years, from school-then-degree pairs of lines."""
    entries: list[str] = []
    lines = [line for _, line in section]
    i = 0
    while i < len(lines):
        school = lines[i]
        detail = lines[i + 1] if i + 1 < len(lines) else ""
        if detail and (SCHOOL_YEARS.search(detail) or "," in detail or " - " in detail):
            years = SCHOOL_YEARS.search(detail)
            degree = SCHOOL_YEARS.sub("", detail).strip(" ·")
            span = (years.group(1) or years.group(2)).replace(" ", "") if years else ""
            entry = f"{school} — {degree}" + (f" ({span})" if span else "")
            i += 2
        else:
            entry = school
            i += 1
        entries.append(entry)
    return tuple(entries)


def company_from_headline(headline: str) -> str:
    match = re.search(r"\b(?:at|@)\s+([^|,·]+)", headline)
    return match.group(1).strip() if match else ""


def title_from_headline(headline: str) -> str:
    match = re.match(r"^(.*?)\s+(?:at|@)\s+", headline)
    return match.group(1).strip() if match else headline.split("|")[0].strip()


def research_note(profile: ProfileParse) -> str:
    """Two or three sentences from the facts, for the candidate's preparation."""
    sentences: list[str] = []
    who = profile.name or "The interviewer"
    if profile.title and profile.current_company:
        role = f"{who} is {profile.title} at {profile.current_company}"
        if profile.years_at_company is not None:
            role += f", there for about {format_years(profile.years_at_company)}"
    elif profile.headline:
        role = f"{who}: {profile.headline}"
    else:
        role = who
    if profile.earlier_employers:
        role += "; before that " + join_names(list(profile.earlier_employers[:3]))
    sentences.append(role + ".")
    if profile.education:
        schools = [entry.split(" — ")[0] for entry in profile.education[:2]]
        sentences.append("Studied at " + join_names(schools) + ".")
    if profile.skills:
        sentences.append("Lists " + join_names(list(profile.skills[:3])) + " among top skills.")
    return " ".join(sentences)


def format_years(years: float) -> str:
    if years < 1:
        return "less than a year"
    shown = f"{years:.1f}".rstrip("0").rstrip(".")
    return f"{shown} year" + ("" if shown == "1" else "s")


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]

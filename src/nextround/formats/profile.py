"""Read an interviewer's professional profile (saved as PDF, or pasted) into facts and a note."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from nextround.formats.cv import COMPANY_WORDS, MONTH, PRESENT, TITLE_WORDS, parse_date

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
EMPLOYMENT_WORDS = (
    r"full[- ]time|part[- ]time|contract|freelance|self[- ]employed|internship|permanent|"
    r"temporary|apprenticeship|seasonal"
)
EMPLOYMENT = re.compile(rf"\s*[·•|]\s*(?:{EMPLOYMENT_WORDS})\s*$", re.IGNORECASE)
EMPLOYMENT_TYPE = re.compile(rf"^\s*(?:{EMPLOYMENT_WORDS})\b", re.IGNORECASE)
# Words that mark an employer; "&" only between words, so "Head of FP&A" stays a title.
ORG_WORDS = re.compile(
    COMPANY_WORDS.pattern.replace("|&)", ")")
    + r"|\b(?:logistics|health|healthcare|insurance|energy|foods|retail|consulting|capital|"
    r"solutions|services|software|media|networks|mutual|freight|pharma|motors|airways|"
    r"industries|enterprises|ventures|foundation|institute|nhs|plc)\b|\s&\s",
    re.IGNORECASE,
)
PLACES = {
    "united kingdom",
    "uk",
    "england",
    "scotland",
    "wales",
    "northern ireland",
    "ireland",
    "united states",
    "usa",
    "us",
    "canada",
    "germany",
    "deutschland",
    "france",
    "spain",
    "italy",
    "portugal",
    "netherlands",
    "belgium",
    "switzerland",
    "austria",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "poland",
    "india",
    "singapore",
    "australia",
    "new zealand",
    "south africa",
    "nigeria",
    "kenya",
    "japan",
    "brazil",
    "mexico",
    "greater london",
    "london",
    "remote",
}
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
    """Name, current title and company, tenure, earlier employers, education and skills.

    Where the text does not make plain which line is the job title and which the employer,
    both are left empty for the candidate to fill in: a swapped guess would mislead.
    """
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
    from_headline = title_and_company(headline)
    positions = parse_positions(
        sections.get("experience", []),
        known=[from_headline[1]] if from_headline[1] else [],
        location=location,
    )
    currents = [p for p in positions if p.current] or positions[:1]
    now = currents[0] if currents else None
    bio = read_bio(loose, name, today) if not positions else None
    if now is not None:
        company, title = now.company, now.title
        if not title and from_headline[1] and same_org(from_headline[1], company):
            title = from_headline[0]
    elif bio is not None and (bio.title or bio.company):
        title, company = bio.title, bio.company
    else:
        title, company = from_headline
    if bio is not None and bio.title:
        headline = headline if headline != bio.title else ""
    if now is not None and company:
        years = tenure([p for p in positions if same_org(p.company, company)], today)
    else:
        years = bio.years if bio is not None else None
    earlier: list[str] = []
    for position in positions:
        employer = position.company
        if employer and not same_org(employer, company) and employer not in earlier:
            earlier.append(employer)
    if bio is not None:
        earlier += [e for e in bio.earlier if e not in earlier and not same_org(e, company)]
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
    """Name, headline and location: the first lines outside any section.

    A page heading before the person ("Our leadership team") is not their name.
    """
    texts = [line for _, line in loose if not re.search(r"@|www\.|https?:|\d{5,}", line)]
    while len(texts) > 1 and not name_in(texts[0]) and looks_like_name(texts[1]):
        texts = texts[1:]
    name = (name_in(texts[0]) or texts[0]) if texts else ""
    headline = texts[1] if len(texts) > 1 and not is_sentence(texts[1]) else ""
    location = texts[2] if len(texts) > 2 and is_location(texts[2]) else ""
    return name, headline, location


def name_in(line: str) -> str:
    """The person's name in a line, also when a page heading ran into it (as PDFs may do)."""
    if looks_like_name(line):
        return line
    words = line.split()
    for size in (4, 3, 2):
        head, tail = words[:-size], " ".join(words[-size:])
        if head and any(w.islower() for w in head) and looks_like_name(tail):
            return tail
    return ""


def looks_like_name(line: str) -> bool:
    """Two to five capitalised words, perhaps after Dr or Prof: "Dr Samira Okoye"."""
    words = line.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in line):
        return False
    if TITLE_WORDS.search(line) or ORG_WORDS.search(line) or is_sentence(line):
        return False
    particles = {"de", "da", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "di"}
    return all(w[0].isupper() or w.lower() in particles for w in words)


def is_sentence(line: str) -> bool:
    words = line.split()
    return (line.endswith(".") and len(words) >= 4) or len(words) > 14


def is_location(line: str) -> bool:
    """ "London, England, United Kingdom", "Manchester Area", "Remote"."""
    if LOCATION_WORDS.search(line):
        return True
    last = line.rsplit(",", 1)[-1].split("·")[0].strip().lower()
    return last in PLACES and not TITLE_WORDS.search(line) and len(line) <= 60


def is_duration(line: str) -> bool:
    return bool(line) and bool(DURATION.match(line)) and any(ch.isalpha() for ch in line)


def parse_positions(
    section: list[tuple[int, str]], known: list[str] | None = None, location: str = ""
) -> list[Position]:
    """Positions in the order listed (most recent first), with the company each belongs to.

    Each dated line closes a role; the lines since the role before it (less locations,
    descriptions and durations) hold its title and company, in whichever order the profile
    uses: "Company / Title" (a saved PDF), "Title / Company · Full-time" (the web page),
    "Title / Company" (a CV's order), or a company heading over several roles.
    """
    lines = [line for _, line in section]
    companies = [k for k in known or [] if k]
    positions: list[Position] = []
    group = ""  # the company heading over several roles, while its roles last
    order = ""  # "title-first" or "company-first", once this profile has shown it
    start = 0
    for i, line in enumerate(lines):
        match = ROLE_DATES.match(line)
        if not match:
            continue
        header = lines[start:i]
        start = i + 1
        grouped = any(is_duration(h) or is_employment_only(h) for h in header)
        kept = [
            h
            for h in header
            if not (
                is_duration(h)
                or is_employment_only(h)
                or is_sentence(h)
                or is_location(h)
                or (location and h == location)
            )
        ]
        title, company, order = read_header(kept, group, companies, order, grouped)
        if grouped and company:
            group = company
        elif company != group:
            group = ""
        if company and company not in companies:
            companies.append(company)
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


def read_header(
    kept: list[str], group: str, companies: list[str], order: str, grouped: bool
) -> tuple[str, str, str]:
    """(title, company, order) of one role from its header lines; "" where it is unclear."""
    if not kept:
        return "", group, order
    if len(kept) == 1:
        line = kept[0]
        split = title_and_company(line) if not is_org(line, companies) else ("", "")
        if split[0] and split[1]:
            return split[0], split[1], order
        if group and not same_org(line, group) and not is_org(line, companies):
            return line, group, order  # another role under the company heading
        if is_org(line, companies) and not is_title(line):
            return "", clean_org(line), order
        return (line, group, order) if is_title(line) else ("", group, order)
    first, second = kept[-2], kept[-1]
    if grouped:
        return second, clean_org(first), order  # "Company", its total time, then the role
    if EMPLOYMENT.search(second) and not EMPLOYMENT.search(first):
        return first, clean_org(second), "title-first"
    if EMPLOYMENT.search(first) and not EMPLOYMENT.search(second):
        return second, clean_org(first), "company-first"
    first_org, second_org = is_org(first, companies), is_org(second, companies)
    first_title, second_title = is_title(first), is_title(second)
    company_first = (first_org and not second_org) or (second_title and not first_title)
    title_first = (second_org and not first_org) or (first_title and not second_title)
    if company_first and not title_first:
        return second, clean_org(first), "company-first"
    if title_first and not company_first:
        return first, clean_org(second), "title-first"
    if order == "title-first":
        return first, clean_org(second), order
    if order == "company-first":
        return second, clean_org(first), order
    return "", "", order  # no way to tell which is which: leave both for the candidate


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


def title_and_company(line: str) -> tuple[str, str]:
    """(title, company) from "Title at Company", "Title, Company", "Title | Company" and the like.

    Only when the words make the split plain; otherwise ("", "").
    """
    line = line.split(" | ")[0] if re.search(r"\s(?:at|@)\s", line.split(" | ")[0]) else line
    at = re.match(r"^(.*?)\s+(?:at|@)\s+([^|,·]+)", line)
    if at and is_title(at.group(1)):
        return at.group(1).strip(" ,"), clean_org(at.group(2))
    parts = [p.strip() for p in re.split(r"\s*(?:,|\||·|\s[-–—]\s)\s*", line) if p.strip()]
    if len(parts) != 2:
        return "", ""
    first, second = parts
    # "Head of Data, Payments" names a team, not an employer: only company words say so.
    if is_title(first) and not is_title(second) and is_org(second, []):
        return first, clean_org(second)
    if is_title(second) and not is_title(first) and is_org(first, []):
        return second, clean_org(first)
    return "", ""


def company_from_headline(headline: str) -> str:
    return title_and_company(headline)[1]


def title_from_headline(headline: str) -> str:
    return title_and_company(headline)[0]


@dataclass(frozen=True)
class Bio:
    """What a company's page about a person says: "Samira joined Fenwick Health in 2019"."""

    title: str
    company: str
    years: float | None
    earlier: tuple[str, ...]


ORG_NAME = r"((?:[A-Z][\w'’.&-]*)(?:\s+(?:&\s+)?(?:[A-Z][\w'’.&-]*|of|and|de))*)"
JOINED = re.compile(
    rf"\bjoined\s+(?:the\s+)?{ORG_NAME}(?:\s+as\s+[^,.]+?)?(?:\s+in\s+(\d{{4}}))?\b"
)
EARLIER_AT = re.compile(
    rf"\b(?:before that|previously|prior to (?:that|this|joining)|earlier|career|spent)\b"
    rf"[^.]*?\bat\s+{ORG_NAME}"
)


def read_bio(loose: list[tuple[int, str]], name: str, today: date) -> Bio | None:
    """The title under the name, and the employer and past ones named in the prose below it."""
    texts = [line for _, line in loose]
    at = next((i for i, t in enumerate(texts) if name and t.endswith(name)), None)
    if at is None:
        return None
    after = texts[at + 1 :]
    title = after[0] if after and is_title(after[0]) and not is_sentence(after[0]) else ""
    prose = " ".join(t for t in after if is_sentence(t))
    if not prose:
        return Bio(title, "", None, ())
    joined = JOINED.search(prose)
    company = clean_org(joined.group(1)) if joined else ""
    years = None
    if joined and joined.group(2):
        years = tenure([Position(company, title, (int(joined.group(2)), None), True, "")], today)
    earlier: list[str] = []
    for sentence in re.split(r"(?<=\.)\s+", prose):
        for found in EARLIER_AT.finditer(sentence):
            employer = clean_org(found.group(1))
            if employer and not same_org(employer, company) and employer not in earlier:
                earlier.append(employer)
    return Bio(title, company, years, tuple(earlier))


def clean_org(text: str) -> str:
    """A company name without the employment type after it: "Northwind · Full-time"."""
    return EMPLOYMENT.sub("", text).strip(" ,.;:·|-–—")


def same_org(a: str, b: str) -> bool:
    return bool(a) and bool(b) and clean_org(a).casefold() == clean_org(b).casefold()


def is_title(text: str) -> bool:
    """Reads as a job title: "Head of Data", "Operations Manager", not "Brightwater Bank"."""
    return bool(TITLE_WORDS.search(text)) and not ORG_WORDS.search(text)


def is_org(text: str, companies: list[str]) -> bool:
    """Reads as an employer: a known one, company words ("Ltd", "Bank"), or "· Full-time"."""
    if any(same_org(text, c) for c in companies):
        return True
    return bool(ORG_WORDS.search(text) or EMPLOYMENT.search(text))


def is_employment_only(line: str) -> bool:
    """ "Full-time · 6 yrs 2 mos": the employment type (and total time) under a company."""
    rest = EMPLOYMENT_TYPE.sub("", line).strip(" ·")
    return line != rest and (not rest or is_duration(rest))


def research_note(profile: ProfileParse) -> str:
    """Two or three sentences from the facts, for the candidate's preparation.

    Each fact goes in its own slot; a fact the profile did not make plain is left out.
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

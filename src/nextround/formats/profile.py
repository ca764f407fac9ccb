"""Read an interviewer's professional profile (saved as PDF, or pasted) into facts and a note."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from nextround.formats.cv import COMPANY_WORDS, MONTH, MONTHS, PRESENT, TITLE_WORDS, parse_date
from nextround.formats.profile_facts import (
    notable_items,
    research_note,
    role_from_title,
    seniority_from_title,
)

SECTIONS = {
    "contact": "contact",
    "top skills": "skills",
    "skills": "skills",
    "languages": "languages",
    "certifications": "other",
    # What they said, wrote or won in public, by what the section calls it.
    "honors-awards": "notable:Award",
    "honours-awards": "notable:Award",
    "honors & awards": "notable:Award",
    "honours & awards": "notable:Award",
    "publications": "notable:Paper",
    "patents": "notable:Patent",
    "featured": "notable:",
    "talks": "notable:Talk",
    "speaking": "notable:Talk",
    "summary": "summary",
    "about": "summary",
    "experience": "experience",
    "education": "education",
    "volunteer experience": "other",
    "activity": "notable:Post",
    "interests": "other",
}
DATE = rf"(?:{MONTH}\s+\d{{4}}|\d{{4}})"
ROLE_DATES = re.compile(
    rf"^(?P<start>{DATE})\s*[-–—]\s*(?P<end>{DATE}|{PRESENT})"
    r"(?:\s*[·(]\s*(?P<duration>[^)]*)\)?)?$",
    re.IGNORECASE,
)
# One line per role: "VP Customer Experience — Brightdesk — Mar 2023 – Present",
# "Product Manager, Globex (2019 - 2022)", "Head of Sales at Initech | 2015 - 2019".
ROLE_INLINE = re.compile(
    rf"^(?P<head>.*?[^\s(,|·—–-])\s*(?:[,|·(]|\s[-–—])\s*(?P<start>{DATE})\s*(?:[-–—]|to)\s*"
    rf"(?P<end>{DATE}|{PRESENT})\)?(?:\s*[·(]\s*(?P<duration>[^)]*)\)?)?$",
    re.IGNORECASE,
)
# Between a role's title and its employer on one line.
ROLE_PARTS = re.compile(r"\s+(?:—|–|-|\||·|at|@)\s+")
MAX_ROLE_LINE = 300
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
PAGE_MARK = re.compile(r"^page \d+ of \d+$", re.IGNORECASE)
SIDEBAR = {"contact", "skills", "languages", "other"} | {
    key for key in SECTIONS.values() if key.startswith("notable:")
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
    # When each earlier employer was theirs, where the profile says: ("Zendesk", "2017–2023").
    earlier_spans: tuple[tuple[str, str], ...] = ()
    about: str = ""  # their own About or bio text, as written
    notable: tuple[tuple[str, str], ...] = ()  # (kind, their words): talks, posts, papers
    seniority: str = "unknown"  # a level the title makes plain, else "unknown"
    role: str = "other"  # a part in the process the title makes plain, else "other"


@dataclass(frozen=True)
class Position:
    company: str
    title: str
    start: tuple[int, int | None] | None
    current: bool
    duration: str
    end: tuple[int, int | None] | None = None


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
        if not line or PAGE_MARK.match(line):
            continue
        key = SECTIONS.get(line.lower().rstrip(":"))
        if key:
            current = key
            sections.setdefault(key, [])
            continue
        # A top-level heading after the sidebar is the name: the main column starts here.
        if index in headings and raw_level(text, index) == 1 and current != "experience":
            current = None
        # Saved as PDF and copied out, the sidebar runs straight into the name and headline.
        if current in SIDEBAR and not loose and starts_main_column(lines, index):
            current = None
        if current is None:
            loose.append((index, line))
        else:
            sections[current].append((index, line))
    loose = split_name_line(loose)
    name, headline, location = identity(loose)
    from_headline = title_and_company(headline)
    positions = parse_positions(
        sections.get("experience", []),
        known=[from_headline[1]] if from_headline[1] else [],
        location=location,
    )
    currents = [p for p in positions if p.current] or positions[:1]
    now = currents[0] if currents else None
    about = " ".join(line for _, line in sections.get("summary", []))
    listed = [
        (key.split(":", 1)[1], line)
        for key, found in sections.items()
        if key.startswith("notable:")
        for _, line in found
    ]
    bio = read_bio(loose, name, today, about) if not positions else None
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
    title = without_employer(title, company)
    if now is not None and company:
        years = tenure([p for p in positions if same_org(p.company, company)], today)
    else:
        years = bio.years if bio is not None else None
    earlier: list[str] = []
    for position in positions:
        employer = position.company
        if employer and not same_org(employer, company) and employer not in earlier:
            earlier.append(employer)
    spans = [(e, span) for e in earlier if (span := years_span(positions, e))]
    if bio is not None:
        earlier += [e for e in bio.earlier if e not in earlier and not same_org(e, company)]
        spans += [(e, span) for e, span in bio.spans if e in earlier and not same_org(e, company)]
    education = parse_education(sections.get("education", []))
    skills = tuple(line for _, line in sections.get("skills", []) if len(line) <= 50)
    own_words = about or (bio.prose if bio is not None else "")
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
        earlier_spans=tuple(spans),
        about=own_words,
        notable=notable_items(own_words, listed),
        seniority=seniority_from_title(title or from_headline[0]),
        role=role_from_title(title or from_headline[0] or headline),
    )
    return ProfileParse(**{**profile.__dict__, "research_note": research_note(profile)})


def starts_main_column(lines: list[str], index: int) -> bool:
    """A name with a job title on the next line: "Kwame Mensah" over "Director of Supply"."""
    after = next((line for line in lines[index + 1 :] if line), "")
    return looks_like_name(lines[index]) and bool(is_title(after) or title_and_company(after)[0])


def split_name_line(loose: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """ "Hannah Cole, Chief Operating Officer" or "Oliver Grant — VP Sales": two lines."""
    out = list(loose)
    for at, (index, line) in enumerate(loose[:3]):
        if looks_like_name(line) or is_sentence(line):
            break
        found = re.match(r"^(.+?)(?:\s+[—–|-]\s+|,\s+)(.+)$", line)
        if found and looks_like_name(found.group(1)) and TITLE_WORDS.search(found.group(2)):
            out[at : at + 1] = [(index, found.group(1)), (index, found.group(2))]
            break
    return out


def without_employer(title: str, company: str) -> str:
    """ "VP Sales, Brightdesk" less the employer when we know it: "VP Sales"."""
    if not company:
        return title
    found = re.match(
        rf"^(.+?)(?:\s+(?:at|@|[—–|·-])\s+|\s*,\s*){re.escape(company)}\.?$", title, re.I
    )
    return found.group(1).strip() if found else title


def years_span(positions: list[Position], employer: str) -> str:
    """When the profile says they were at an employer: "2017–2023", or "" if it does not."""
    there = [p for p in positions if same_org(p.company, employer)]
    starts = [p.start[0] for p in there if p.start]
    ends = [p.end[0] for p in there if p.end]
    if not starts or not ends:
        return ""
    first, last = min(starts), max(ends)
    return str(first) if first == last else f"{first}–{last}"


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
        inline = None
        if not match and len(line) <= MAX_ROLE_LINE:
            match = inline = ROLE_INLINE.match(line)
        if not match:
            continue
        header = lines[start:i]
        start = i + 1
        if inline:
            parts = inline_parts(inline.group("head"), companies)
            # A whole role on one line: the lines before it describe the role above.
            header = parts if len(parts) == 2 else [*header, *parts]
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
        current = bool(re.fullmatch(PRESENT, end, re.IGNORECASE))
        positions.append(
            Position(
                company=company,
                title=title,
                start=parse_date(match.group("start")),
                current=current,
                duration=(match.group("duration") or "").strip(),
                end=None if current else parse_date(end),
            )
        )
    return positions


def inline_parts(head: str, companies: list[str]) -> list[str]:
    """A one-line role's title and employer, as two parts in the line's order.

    "Director, Customer Success EMEA — Zendesk" splits at the dash; a comma splits only
    before a plain employer ("Product Manager, Globex Ltd"), as "Head of Data, Payments"
    names a team.
    """
    parts = [p.strip() for p in ROLE_PARTS.split(head) if p.strip()]
    if len(parts) > 2:
        parts = [" — ".join(parts[:-1]), parts[-1]]
    if len(parts) == 1 and "," in head:
        first, second = (p.strip() for p in head.rsplit(",", 1))
        if first and is_org(second, companies) and not is_title(second):
            parts = [first, second]
    return parts


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
    spans: tuple[tuple[str, str], ...] = ()  # ("Initech", "10 years")
    prose: str = ""  # the page's paragraphs about them, as written


ORG_NAME = r"((?:[A-Z][\w'’.&-]*)(?:\s+(?:&\s+)?(?:[A-Z][\w'’.&-]*|of|and|de))*)"
JOINED = re.compile(rf"\bjoined\s+(?:the\s+)?{ORG_NAME}")
SINCE = re.compile(rf"\b(?:been|is|was)\s+(?:at|with)\s+{ORG_NAME}\s+since\b")
MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# "in March 2021" or "since 2019" after the employer, in the same sentence.
WHEN = re.compile(rf"^[^.]*?\b(?:in|since)\s+(?:({MONTH_NAMES})\.?\s+)?(\d{{4}})\b", re.I)
EARLIER_AT = re.compile(
    rf"\b(?:before that|previously|prior to (?:that|this|joining)|earlier|career|spent)\b"
    rf"[^.]*?\bat\s+{ORG_NAME}"
)
NUMBERS = {
    w: n
    for n, w in enumerate(
        re.findall(
            r"\w+",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty",
        ),
        start=1,
    )
}
# Case matters here: the employer is the capitalised words after "at".
YEARS_AT = re.compile(rf"\b(\d{{1,2}}|{'|'.join(NUMBERS)})\s+years?\s+at\s+{ORG_NAME}")


def read_bio(loose: list[tuple[int, str]], name: str, today: date, about: str = "") -> Bio | None:
    """The title under the name, and the employer and past ones named in the prose below it."""
    texts = [line for _, line in loose]
    at = next((i for i, t in enumerate(texts) if name and t.endswith(name)), None)
    if at is None:
        return None
    after = texts[at + 1 :]
    first = after[0] if after and not is_sentence(after[0]) else ""
    split_title, split_company = title_and_company(first) if first else ("", "")
    title = split_title or (first if is_title(first) else "")
    own = " ".join(t for t in after if is_sentence(t))
    prose = " ".join(t for t in (own, about) if t)
    if not prose:
        return Bio(title, split_company, None, ())
    joined = JOINED.search(prose) or SINCE.search(prose)
    company = clean_org(joined.group(1)) if joined else split_company
    years = None
    when = WHEN.search(prose[joined.end(1) :]) if joined else None
    if when:
        month = MONTHS.get(when.group(1)[:3].lower()) if when.group(1) else None
        start = (int(when.group(2)), month)
        years = tenure([Position(company, title, start, True, "")], today)
    earlier: list[str] = []
    spans: list[tuple[str, str]] = []
    for sentence in re.split(r"(?<=\.)\s+", prose):
        for found in EARLIER_AT.finditer(sentence):
            employer = clean_org(found.group(1))
            if employer and not same_org(employer, company) and employer not in earlier:
                earlier.append(employer)
        for found in YEARS_AT.finditer(sentence):
            employer = clean_org(found.group(2))
            if employer and not same_org(employer, company) and employer not in earlier:
                earlier.append(employer)  # "after eight years at Deloitte"
            count = found.group(1).lower()
            number = int(count) if count.isdigit() else NUMBERS[count]
            if employer in earlier and employer not in dict(spans):
                spans.append((employer, f"{number} year" + ("" if number == 1 else "s")))
    return Bio(title, company, years, tuple(earlier), tuple(spans), own)


def clean_org(text: str) -> str:
    """A company name without the employment type after it: "Northwind · Full-time"."""
    return EMPLOYMENT.sub("", text).strip(" ,.;:·|-–—")


def same_org(a: str, b: str) -> bool:
    return bool(a) and bool(b) and clean_org(a).casefold() == clean_org(b).casefold()


def is_title(text: str) -> bool:
    """Reads as a job title: "Head of Data", "Operations Manager", not "Brightwater Bank".

    A title word last is the head of the phrase: "Software Engineer" and "Healthcare
    Assistant" are jobs, though "software" and "healthcare" name employers elsewhere.
    """
    return bool(TITLE_WORDS.search(text)) and (not ORG_WORDS.search(text) or ends_in_title(text))


def ends_in_title(text: str) -> bool:
    words = re.findall(r"[\w'’]+", text)
    return bool(words) and bool(TITLE_WORDS.fullmatch(words[-1]))


def is_org(text: str, companies: list[str]) -> bool:
    """Reads as an employer: a known one, company words ("Ltd", "Bank"), or "· Full-time"."""
    if any(same_org(text, c) for c in companies):
        return True
    if EMPLOYMENT.search(text):
        return True
    return bool(ORG_WORDS.search(text)) and not ends_in_title(text)


def is_employment_only(line: str) -> bool:
    """ "Full-time · 6 yrs 2 mos": the employment type (and total time) under a company."""
    rest = EMPLOYMENT_TYPE.sub("", line).strip(" ·")
    return line != rest and (not rest or is_duration(rest))

"""Find the sections, roles, skills and story drafts in the text of a CV."""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "relevant experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "career",
        "professional background",
        "expérience professionnelle",
        "expériences professionnelles",
        "berufserfahrung",
    ),
    "education": (
        "education",
        "education and training",
        "academic background",
        "qualifications",
        "academic qualifications",
        "formation",
        "ausbildung",
    ),
    "skills": (
        "skills",
        "key skills",
        "core skills",
        "technical skills",
        "top skills",
        "skills and tools",
        "competencies",
        "core competencies",
        "expertise",
        "technologies",
        "tools",
        "compétences",
        "kenntnisse",
    ),
    "summary": (
        "summary",
        "profile",
        "professional summary",
        "personal profile",
        "personal statement",
        "about me",
        "about",
        "objective",
        "career objective",
        "profil",
    ),
    "certifications": ("certifications", "certificates", "licenses and certifications"),
    "languages": ("languages", "langues", "sprachen"),
    "projects": ("projects", "selected projects", "side projects"),
    "awards": ("awards", "honours", "honors", "achievements"),
    "publications": ("publications",),
    "interests": ("interests", "hobbies", "hobbies and interests"),
    "volunteering": ("volunteering", "volunteer experience"),
    "contact": ("contact", "contact details", "personal details"),
    "references": ("references",),
}
HEADING_TO_SECTION = {word: name for name, words in SECTION_WORDS.items() for word in words}

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "janv": 1,
    "févr": 2,
    "mars": 3,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juil": 7,
    "août": 8,
    "sept": 9,
    "déc": 12,
    "jän": 1,
    "mär": 3,
    "okt": 10,
    "dez": 12,
}
MONTH = r"(?:[A-Za-zéûä]{3,9}\.?)"
DATE = rf"(?:{MONTH}\s+\d{{4}}|\d{{1,2}}[/.]\d{{4}}|\d{{4}}[/-]\d{{1,2}}(?!\d)|\d{{4}})"
PRESENT = r"(?:present|current|now|today|ongoing|date|heute|aujourd'hui|actuel)"
DATE_RANGE = re.compile(
    rf"(?P<start>{DATE})\s*(?:-|–|—|to|until|till|bis|à|au)\s*(?P<end>{DATE}|{PRESENT})",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦●–]|\d{1,2}[.)])\s+(.*\S)")
HEADING = re.compile(r"^#{1,6}\s+(.*\S)")
SPLIT_PARTS = re.compile(r"\s+(?:—|–|-|\||@|at|chez|bei)\s+|\s*[|,]\s+")
TITLE_WORDS = re.compile(
    r"\b(engineer|developer|manager|analyst|director|head|lead|designer|consultant|specialist|"
    r"officer|scientist|intern|coordinator|associate|architect|administrator|executive|"
    r"assistant|advisor|adviser|vp|vice president|president|founder|owner|researcher|"
    r"technician|programmer|accountant|nurse|teacher|editor|writer|producer|planner|"
    r"strategist|principal|partner|chief|cto|ceo|cfo|coo|sre|reliability|trainee|apprentice|"
    r"recruiter|representative|supervisor|administrator|ingénieur|chef|leiter|leiterin)\b",
    re.IGNORECASE,
)
COMPANY_WORDS = re.compile(
    r"\b(ltd|limited|inc|llc|llp|plc|gmbh|ag|sa|sas|sarl|bv|corp|corporation|company|co|group|"
    r"bank|university|labs|partners|holdings|technologies|systems|analytics|agency|council|"
    r"trust|hospital|school|college|studio|&)\b",
    re.IGNORECASE,
)
ACTION_VERBS = re.compile(
    r"^(led|built|cut|reduced|increased|launched|delivered|designed|created|introduced|"
    r"improved|grew|saved|automated|developed|drove|managed|ran|moved|migrated|rebuilt|"
    r"shipped|negotiated|won|raised|halved|doubled|mentored|hired|trained|set up|founded|"
    r"scaled|streamlined|owned|implemented|established|redesigned|replaced|wrote|organised|"
    r"organized|coordinated|championed|spearheaded|lowered|boosted|achieved|closed|secured|"
    r"cleaned|documented|analysed|analyzed|deployed|planned|turned|brought|made|took)\b",
    re.IGNORECASE,
)
METRIC = re.compile(
    r"[£$€]\s?\d[\d,.]*\s?(?:bn|[kmb]|million|billion)?\b"
    r"|\b\d[\d,.]*\s?(?:%|per ?cent|percent)"
    r"|\b\d+(?:\.\d+)?\s?[x×](?!\w)"
    r"|\b(?:halv|doubl|tripl)\w*"
    r"|\bfrom\s+[£$€]?\d[\d,.]*(?:k|m|bn)?%?\s+to\s+[£$€]?\d[\d,.]*(?:k|m|bn)?%?"
    r"|\b\d[\d,.]*\s?(?:k|m|million|billion)?\s+(?:users|customers|clients|people|engineers|"
    r"analysts|staff|events|messages|records|rows|emails|calls|pages|jobs|"
    r"hours|days|weeks|months|minutes|seconds|ms|countries|markets|teams|product teams|"
    r"services|projects|stores|sites|requests|transactions|accounts|servers|releases|"
    r"datasets|reports|members|students|tb|gb|points|subscribers|downloads|orders|tickets|"
    r"patients|hospitals|schools|leads|sales|bookings|visitors|sign-ups|signups)\b",
    re.IGNORECASE,
)
RESULT_MARKERS = re.compile(
    r",?\s+(?:resulting in|leading to|which|so that|helping|saving|cutting|reducing|raising|"
    r"increasing|improving|growing|boosting|lifting|halving|doubling|freeing|"
    r"with (?=no\b|zero\b))\b",
    re.IGNORECASE,
)
RESULT_VERBS = re.compile(
    r"^(cut|reduced|increased|grew|improved|saved|raised|boosted|halved|doubled|lowered|"
    r"lifted|won|achieved)\b",
    re.IGNORECASE,
)
# "Designed a pricing model that lifted retention ...": the result begins at "that".
THAT_RESULT = re.compile(
    r"\s+(?:that|which)\s+(?=(?:cut|reduced|increased|grew|improved|saved|raised|boosted|"
    r"halved|doubled|lowered|lifted|won|achieved|tripled)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CvSection:
    """A section of the CV: its kind, its heading as written, and where its text is."""

    name: str  # "experience", "education", "skills", "summary", ... or "other"
    heading: str
    text: str
    start: int  # character offsets of the section's text in the CV
    end: int


@dataclass(frozen=True)
class CvRole:
    """One job on the CV."""

    employer: str
    title: str
    start: str
    end: str
    start_ym: tuple[int, int | None] | None
    end_ym: tuple[int, int | None] | None  # None for the current role, or when unreadable
    current: bool
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class StoryDraft:
    """The start of a STAR story, drafted from one achievement on the CV."""

    title: str
    situation: str
    task: str
    action: str
    result: str
    metrics: tuple[str, ...]
    needs: tuple[str, ...]  # parts the candidate must still write
    source: str  # the role the achievement comes from


@dataclass(frozen=True)
class CvParse:
    """What nextround found in a CV."""

    sections: tuple[CvSection, ...]
    roles: tuple[CvRole, ...]
    skills: tuple[str, ...]
    story_drafts: tuple[StoryDraft, ...]

    def section(self, name: str) -> CvSection | None:
        """The first section of this kind, if the CV has one."""
        return next((s for s in self.sections if s.name == name), None)


def parse_cv(text: str) -> CvParse:
    """Sections, roles, skills and story drafts of a CV's text (Markdown or plain)."""
    sections = find_sections(text)
    roles: list[CvRole] = []
    skills: list[str] = []
    for section in sections:
        if section.name == "experience":
            roles.extend(parse_roles(section.text))
        elif section.name == "skills":
            skills.extend(parse_skills(section.text))
    drafts = tuple(draft for role in roles for draft in drafts_for(role))
    return CvParse(tuple(sections), tuple(roles), dedupe(skills), drafts)


def heading_name(line: str) -> tuple[str, str] | None:
    """The section kind and heading text when a line is a section heading."""
    match = HEADING.match(line)
    raw = match.group(1) if match else line.strip()
    words = re.sub(r"[*_:]+", "", raw).strip().lower()
    if words in HEADING_TO_SECTION:
        return HEADING_TO_SECTION[words], raw.strip("*_: ")
    if match and len(raw) <= 40 and raw.isupper():
        return "other", raw
    return None


def find_sections(text: str) -> list[CvSection]:
    sections: list[CvSection] = []
    offset = 0
    current: tuple[str, str, int] | None = None
    for line in text.splitlines(keepends=True):
        found = heading_name(line)
        if found:
            if current:
                sections.append(make_section(text, *current, offset))
            current = (found[0], found[1], offset + len(line))
        offset += len(line)
    if current:
        sections.append(make_section(text, *current, offset))
    return sections


def make_section(text: str, name: str, heading: str, start: int, end: int) -> CvSection:
    return CvSection(
        name=name, heading=heading, text=text[start:end].strip("\n"), start=start, end=end
    )


def parse_roles(text: str) -> list[CvRole]:
    """Roles from an experience section: header lines with a date range, then bullets."""
    chunks: list[tuple[list[str], list[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        bullet = BULLET.match(line)
        if bullet:
            if chunks:
                chunks[-1][1].append(bullet.group(1).strip())
            continue
        header = HEADING.sub(r"\1", line).strip("*_ ")
        # A header with its dates is complete, so a further line starts the next role.
        if not chunks or chunks[-1][1] or has_dates(chunks[-1][0]):
            chunks.append(([header], []))
        else:
            chunks[-1][0].append(header)
    roles = [role_from(header, bullets) for header, bullets in chunks]
    return [role for role in roles if role is not None]


def has_dates(lines: list[str]) -> bool:
    return any(DATE_RANGE.search(line) for line in lines)


def role_from(header: list[str], bullets: list[str]) -> CvRole | None:
    joined = " | ".join(header)
    dates = DATE_RANGE.search(joined)
    if not dates:
        return None
    rest = (joined[: dates.start()] + " | " + joined[dates.end() :]).strip(" |()")
    parts = [p.strip(" ,()|") for p in SPLIT_PARTS.split(rest) if p.strip(" ,()|")]
    employer, title = employer_and_title(rest, parts)
    end_text = dates.group("end")
    current = bool(re.fullmatch(PRESENT, end_text, re.IGNORECASE))
    return CvRole(
        employer=employer,
        title=title,
        start=dates.group("start"),
        end=end_text,
        start_ym=parse_date(dates.group("start")),
        end_ym=None if current else parse_date(end_text),
        current=current,
        bullets=tuple(bullets),
    )


def employer_and_title(rest: str, parts: list[str]) -> tuple[str, str]:
    """Tell the employer from the job title among the parts of a role's header."""
    at = re.search(r"^(.*?)\s+(?:at|@)\s+(.*)$", rest.split(" | ")[0])
    if at:
        return at.group(2).strip(" ,"), at.group(1).strip(" ,")
    if not parts:
        return "", ""
    if len(parts) == 1:
        return ("", parts[0]) if TITLE_WORDS.search(parts[0]) else (parts[0], "")
    first, second = parts[0], parts[1]
    first_title = bool(TITLE_WORDS.search(first)) and not COMPANY_WORDS.search(first)
    second_title = bool(TITLE_WORDS.search(second)) and not COMPANY_WORDS.search(second)
    if second_title and not first_title:
        return first, second
    return second, first


def parse_date(text: str) -> tuple[int, int | None] | None:
    """(year, month) from "Mar 2021", "03/2021", "2021-03" or "2021"; month None if not given."""
    text = text.strip().lower().rstrip(".")
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{4})", text):
        month = int(m.group(1))
        return (int(m.group(2)), month if 1 <= month <= 12 else None)
    if m := re.fullmatch(r"(\d{4})[/-](\d{1,2})", text):
        month = int(m.group(2))
        return (int(m.group(1)), month if 1 <= month <= 12 else None)
    if m := re.fullmatch(r"(\d{4})", text):
        return (int(m.group(1)), None)
    if m := re.fullmatch(rf"({MONTH})\s+(\d{{4}})", text, re.IGNORECASE):
        word = m.group(1).rstrip(".")
        named = MONTHS.get(word[:4]) or MONTHS.get(word[:3])
        return (int(m.group(2)), named)
    return None


def parse_skills(text: str) -> list[str]:
    """Skills split on commas, bullets, pipes and semicolons, with "Label:" prefixes dropped."""
    skills: list[str] = []
    for raw in text.splitlines():
        line = HEADING.sub(r"\1", raw).strip()
        bullet = BULLET.match(line)
        if bullet:
            line = bullet.group(1)
        if ":" in line and len(line.split(":", 1)[0]) <= 30:
            line = line.split(":", 1)[1]
        for piece in re.split(r"\s*[,;|•·▪]\s*|\s+-\s+", line):
            skill = piece.strip(" .*_")
            # A long piece is a sentence about skills, not a skill.
            if skill and len(skill) <= 40 and len(skill.split()) <= 5:
                skills.append(skill)
    return skills


def dedupe(items: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


def drafts_for(role: CvRole) -> list[StoryDraft]:
    """A story draft for each bullet of a role that reads as an achievement."""
    source = " at ".join(p for p in (role.title, role.employer) if p)
    if role.start:
        source += f" ({role.start} – {role.end})"
    drafts = []
    for bullet in role.bullets:
        metrics = tuple(m.group(0).strip() for m in METRIC.finditer(bullet))
        if not metrics and not ACTION_VERBS.match(bullet):
            continue  # a duty ("Responsible for ...") rather than an achievement
        action, result = split_action_result(bullet, bool(metrics))
        needs: tuple[str, ...] = ("situation", "task")
        needs += (() if action else ("action",)) + (() if result else ("result",))
        drafts.append(
            StoryDraft(
                title=short_title(bullet),
                situation="",
                task="",
                action=action,
                result=result,
                metrics=metrics,
                needs=needs,
                source=source,
            )
        )
    return drafts


def split_action_result(bullet: str, has_metric: bool) -> tuple[str, str]:
    """The bullet's action and its result, never the same words twice.

    "Built X, saving £1.2m" and "Cut X by 40% by rebuilding Y" split into both. Otherwise a
    bullet with a figure states a result (the action is left to write), and one without states
    an action (the result is left to write).
    """
    text = bullet.rstrip(". ")
    that = THAT_RESULT.search(text)
    if that and that.start() > 10:
        return text[: that.start()], text[that.end() :]
    marker = RESULT_MARKERS.search(text)
    if marker and marker.start() > 10:
        result = text[marker.start() :].lstrip(", ")
        lead = r"^(?:resulting in|leading to|which|so that|with)\s+"
        result = re.sub(lead, "", result, flags=re.I)
        return text[: marker.start()].rstrip(", "), result
    # "Cut X by 40% by rebuilding Y": the result comes first, the action after "by ...ing".
    by = re.search(r"\s+(?:by|after|through)\s+(\w+ing\b.*)$", text)
    if by and RESULT_VERBS.match(text):
        return by.group(1), text[: by.start()]
    if has_metric:
        return "", text
    return text, ""


# Words a title may not end on once it is cut short: "Cut onboarding time for new".
_DANGLING = re.compile(
    r"(?:\s+(?:a|an|the|and|or|of|to|for|with|in|on|at|by|from|into|across|its|their|our|"
    r"that|which|as|per|via))+$",
    re.IGNORECASE,
)


def short_title(bullet: str, limit: int = 60) -> str:
    """The bullet's first clause, cut at a word boundary; never an ellipsis."""
    clause = re.split(
        r",\s|;\s|\s+(?:by|after|through)\s+\w+ing\b|\s+—\s", bullet.rstrip(". "), maxsplit=1
    )[0]
    that = THAT_RESULT.search(clause)
    if that and that.start() > 10:
        clause = clause[: that.start()]  # "Designed a pricing model that lifted retention ..."
    clause = " ".join(clause.replace("…", " ").split())
    if len(clause) > limit:
        clause = clause[: limit + 1].rsplit(" ", 1)[0]
    return _DANGLING.sub("", clause).rstrip(" ,;:-–—(") or clause[:limit]

"""Requirements and key terms of a job description: skills, tools, duties, seniority, must/nice."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from nextround.coach.insight import Span
from nextround.coach.text import stem

FORMAT_VERSION = 1
TERMS_FILE = "brief_terms.json"
Kind = Literal["must", "nice"]
Category = Literal["skill", "tool", "qualification", "responsibility", "seniority"]
SECTIONS = ("must", "nice", "responsibilities", "skip")

# Requirement records hold at most 500 characters; a bullet longer than this is cut at a word.
MAX_REQUIREMENT_CHARS = 300
# A heading is short: a line of more words is prose even when it ends with a colon.
MAX_HEADING_WORDS = 9
# Job descriptions longer than this are read only this far (a pasted page of a whole website).
MAX_INPUT_CHARS = 200_000
# Bullets shorter than this many words outside a requirements section are too thin to be one.
MIN_LOOSE_WORDS = 3
# A line this short that names a known section ("The role") is a heading even without a colon.
SHORT_HEADING_WORDS = 6
# "Ideally" and "preferably" make a requirement nice only when they lead it; later in the line
# they qualify a detail ("experience with a cloud platform, ideally AWS").
LEADING_ONLY_NICE = frozenset({"ideally", "preferably", "preferred"})
LEADING_CHARS = 2
# What the employer gives ("you'll enjoy", "you'll be joining a friendly team") is not asked of
# the candidate.
_OFFERED = (
    r"(?:receive|get|enjoy|join|be paid|have access|be based|be rewarded|benefit|be part|love|"
    r"find|be joining|be welcomed|be supported)"
)
_YOU_WILL = re.compile(rf"\byou(?: will|'ll)\b(?! {_OFFERED})")
_YOU_ARE_OFFERED = re.compile(rf"^you(?: will|'ll)? {_OFFERED}")
# Words a heading may lead with that do not change which section it opens ("Key tasks",
# "Your main duties", "The essential criteria").
HEADING_MODIFIERS = frozenset(
    {"key", "main", "core", "primary", "principal", "your", "the", "our", "typical", "general"}
)
# A sentence of at least this many words that starts with a duty verb ("Raise money from
# community groups...") is a duty when it stands under a responsibilities heading.
MIN_DUTY_WORDS = 5


class TermsError(ValueError):
    """The terms file is missing or malformed; the message names the file and key."""


@dataclass(frozen=True)
class SenioritySignal:
    text: str
    level: str
    span: Span


@dataclass(frozen=True)
class ExtractedRequirement:
    text: str
    kind: Kind
    category: Category
    terms: tuple[str, ...]  # key terms found in it
    why: str  # the heading or wording that made it a requirement and set its kind
    span: Span  # where it sits in the job description

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "text": self.text,
            "kind": self.kind,
            "category": self.category,
            "terms": list(self.terms),
            "why": self.why,
            "span": self.span.to_dict(),
        }


@dataclass(frozen=True)
class Extraction:
    requirements: tuple[ExtractedRequirement, ...]
    key_terms: tuple[str, ...]
    seniority: tuple[SenioritySignal, ...]

    @property
    def level(self) -> str | None:
        """The most senior level the job description signals, if any."""
        order = ("junior", "mid", "senior", "manager", "director", "executive")
        levels = [s.level for s in self.seniority if s.level in order]
        return max(levels, key=order.index) if levels else None


@dataclass(frozen=True, eq=False)
class Terms:
    headings: dict[str, tuple[str, ...]]
    must_cues: re.Pattern[str]
    nice_cues: re.Pattern[str]
    requirement_cues: re.Pattern[str]
    lead_ins: re.Pattern[str]
    duty_lead_ins: re.Pattern[str]
    duty_verbs: frozenset[str]
    seniority: tuple[tuple[re.Pattern[str], str], ...]
    vocabulary: tuple[tuple[re.Pattern[str], str], ...]
    acronym_stoplist: frozenset[str]


def _phrases(raw: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise TermsError(f"{source}: {key!r} must be a non-empty list of strings")
    items = tuple(v.strip().lower() for v in value)
    if any(not v for v in items):
        raise TermsError(f"{source}: {key!r} contains an empty string")
    return items


def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])")


def _term_pattern(term: str) -> re.Pattern[str]:
    # Terms with capitals (SQL, Go, Excel) must keep their case so that "go" and "excel at" do
    # not count; all-lower terms (stock control) match in any case.
    flags = 0 if term != term.lower() else re.IGNORECASE
    return re.compile(r"(?<![\w&/])" + re.escape(term) + r"(?![\w&+#/])", flags)


def parse_terms(raw: object, source: str) -> Terms:
    """Validate decoded JSON of the terms file."""
    if not isinstance(raw, dict):
        raise TermsError(f"{source}: top level must be an object")
    if raw.get("format_version") != FORMAT_VERSION:
        raise TermsError(f"{source}: format_version {raw.get('format_version')!r} is not 1")
    headings_raw = raw.get("headings")
    if not isinstance(headings_raw, dict) or set(headings_raw) != set(SECTIONS):
        raise TermsError(f"{source}: 'headings' must have exactly {', '.join(SECTIONS)}")
    headings = {k: _phrases(headings_raw, k, f"{source}: headings") for k in SECTIONS}
    seniority = []
    entries = raw.get("seniority")
    if not isinstance(entries, list) or not entries:
        raise TermsError(f"{source}: 'seniority' must be a non-empty list")
    for index, entry in enumerate(entries):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("pattern"), str)
            and isinstance(entry.get("level"), str)
            and entry["pattern"].strip()
        ):
            raise TermsError(f"{source}: seniority item {index} needs 'pattern' and 'level'")
        seniority.append((_any_of((entry["pattern"].lower(),)), entry["level"]))
    terms = raw.get("terms")
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise TermsError(f"{source}: 'terms' must be a list of non-empty strings")
    if len({t.lower() for t in terms}) != len(terms):
        raise TermsError(f"{source}: 'terms' repeats a term")
    # Longest first, so "NMC registration" wins over "NMC" where both fit.
    vocabulary = tuple((_term_pattern(t), t) for t in sorted(terms, key=len, reverse=True))
    stop = raw.get("acronym_stoplist")
    if not isinstance(stop, list) or not all(isinstance(s, str) for s in stop):
        raise TermsError(f"{source}: 'acronym_stoplist' must be a list of strings")
    return Terms(
        headings=headings,
        must_cues=_any_of(_phrases(raw, "must_cues", source)),
        nice_cues=_any_of(_phrases(raw, "nice_cues", source)),
        requirement_cues=_any_of(_phrases(raw, "requirement_cues", source)),
        lead_ins=_any_of(_phrases(raw, "sentence_lead_ins", source)),
        duty_lead_ins=_any_of(_phrases(raw, "responsibility_lead_ins", source)),
        duty_verbs=frozenset(_phrases(raw, "duty_verbs", source)),
        seniority=tuple(seniority),
        vocabulary=vocabulary,
        acronym_stoplist=frozenset(stop),
    )


@functools.cache
def load_terms() -> Terms:
    """The packaged terms file, loaded and validated once."""
    source = f"nextround/coach/data/{TERMS_FILE}"
    text = resources.files("nextround.coach").joinpath("data", TERMS_FILE).read_text("utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TermsError(f"{source}: line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    return parse_terms(raw, source)


_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–—+]|\d{1,2}[.)]|[a-z][.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
# "Essential: a; b" and "Essential - a; b": a heading and its items on one line.
_INLINE_HEADING = re.compile(r"^([A-Za-z][A-Za-z '’/&-]{2,40}?)(?::|\s+[-–—])\s+(\S.*)$")
_SENTENCE = re.compile(r"[^.!?;]+(?:[.!?;]+|$)")
_YEARS = re.compile(r"\b(\d{1,2})\s*\+?\s*(?:or more\s+)?years?\b", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![\w&/])[A-Z][A-Z0-9&]{1,6}(?![\w&])")
_TOOL_WORDS = re.compile(
    r"\b(?:software|tools?|systems?|platforms?|packages?|suite|language|stack|frameworks?)\b", re.I
)
_QUALIFICATION = re.compile(
    r"\b(?:degree|qualifi\w+|certif\w+|registration|registered|licen[cs]e|chartered|accredit\w+|"
    r"diploma|membership|member of|clearance|DBS|QTS|PGCE)\b",
    re.IGNORECASE,
)


def _clean(line: str) -> str:
    line = _MARKDOWN_HEADING.sub("", line)
    line = _EMPHASIS.sub("", line)
    return " ".join(line.split())


def _heading_section(text: str, terms: Terms) -> str | None:
    """The section a heading opens, or None for a heading of no known kind."""
    key = " ".join(text.lower().strip(" :-–—.!?").replace("’", "'").replace("&", " and ").split())
    if not key:
        return None
    words = key.split()
    while len(words) > 1 and words[0] in HEADING_MODIFIERS:
        words = words[1:]
    bare = " ".join(words)
    for section in ("nice", "skip", "responsibilities", "must"):
        known = terms.headings[section]
        if any(k in known or k.rstrip("s") in known for k in (key, bare)):
            return section
    # Longer headings ("Skills and experience we are looking for"): the longest phrase inside.
    best: tuple[int, str] | None = None
    for section in ("nice", "skip", "responsibilities", "must"):
        for phrase in terms.headings[section]:
            longer = best is None or len(phrase) > best[0]
            if longer and len(phrase) > 6 and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", key):
                best = (len(phrase), section)
    return best[1] if best else None


def _is_heading(raw: str, cleaned: str, next_is_bullet: bool, known: bool) -> bool:
    if _MARKDOWN_HEADING.match(raw):
        return True
    if _BULLET.match(raw) or not cleaned:
        return False
    words = cleaned.split()
    if len(words) > MAX_HEADING_WORDS:
        return False
    stripped = raw.strip()
    if stripped.startswith(("**", "__")) and stripped.rstrip(":").endswith(("**", "__")):
        return True
    if cleaned.endswith(":"):
        return True
    if known and len(words) <= SHORT_HEADING_WORDS and not cleaned.endswith((".", "!", "?", ",")):
        return True
    return next_is_bullet and not cleaned.endswith((".", "!", "?", ","))


def _kind(text: str, section_kind: Kind, terms: Terms) -> tuple[Kind, str]:
    lowered = text.lower().replace("’", "'")
    for nice in terms.nice_cues.finditer(lowered):
        if nice.group(0) in LEADING_ONLY_NICE and nice.start() > LEADING_CHARS:
            continue
        return "nice", f'says "{nice.group(0)}"'
    must = terms.must_cues.search(lowered)
    if must and section_kind == "nice":
        return "must", f'says "{must.group(0)}"'
    return section_kind, ""


def _terms_in(text: str, terms: Terms) -> list[tuple[int, str]]:
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, name in terms.vocabulary:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), match.end(), name))
    known = {name.upper() for _, _, name in found}
    for match in _ACRONYM.finditer(text):
        word = match.group(0)
        if word in terms.acronym_stoplist or word in known or not any(c.isalpha() for c in word):
            continue
        if any(s <= match.start() < e for s, e in taken):
            continue
        known.add(word)
        found.append((match.start(), match.end(), word))
    return [(start, name) for start, _, name in sorted(found)]


def _category(text: str, section: str, key_terms: list[str]) -> Category:
    if _QUALIFICATION.search(text):
        return "qualification"
    if _YEARS.search(text):
        return "seniority"
    if section == "responsibilities":
        return "responsibility"
    if key_terms and (_TOOL_WORDS.search(text) or len(text.split()) <= 4):
        return "tool"
    return "skill"


def _shorten(text: str) -> str:
    text = text.strip(" ;,.").strip()
    if len(text) <= MAX_REQUIREMENT_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_REQUIREMENT_CHARS - 1)
    return text[: cut if cut > 0 else MAX_REQUIREMENT_CHARS - 1] + "…"


def _key(text: str) -> str:
    return " ".join(stem(w) for w in re.findall(r"[\w+#]+", text.lower()))


@dataclass
class _Line:
    raw: str
    cleaned: str
    start: int
    bullet: bool


def _lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        cleaned = _clean(_BULLET.sub("", body))
        # Offsets point at the text itself, after any bullet or heading marks.
        found = body.find(cleaned[:12]) if cleaned else -1
        lead = found if found >= 0 else len(body) - len(body.lstrip())
        lines.append(_Line(body, cleaned, position + lead, bool(_BULLET.match(body))))
        position += len(raw)
    return lines


def extract_requirements(text: str) -> Extraction:
    """Read a job description (Markdown or plain text) into requirements, key terms and level."""
    if not isinstance(text, str):
        raise TypeError(f"a job description must be text, not {type(text).__name__}")
    text = text[:MAX_INPUT_CHARS].replace("\x00", " ")
    terms = load_terms()
    lines = _lines(text)
    section: str | None = None
    heading = ""
    found: list[ExtractedRequirement] = []
    seen: set[str] = set()
    title_seniority: list[SenioritySignal] = []

    def add(body: str, start: int, kind: Kind, why: str, where: str) -> None:
        body = _shorten(body)
        if len(body) < 2:
            return
        key = _key(body)
        if not key or key in seen:
            return
        seen.add(key)
        kind, cue = _kind(body, kind, terms)
        names = [name for _, name in _terms_in(body, terms)]
        reason = why + (f"; {cue}" if cue else "")
        found.append(
            ExtractedRequirement(
                text=body,
                kind=kind,
                category=_category(body, where, names),
                terms=tuple(dict.fromkeys(names)),
                why=reason,
                span=Span(start, start + len(body)),
            )
        )

    first_text_line = True
    for index, line in enumerate(lines):
        if not line.cleaned:
            continue
        next_bullet = any(
            other.bullet for other in lines[index + 1 : index + 3] if other.cleaned
        ) and not any(o.cleaned and not o.bullet for o in lines[index + 1 : index + 2])
        if first_text_line and not line.bullet:
            first_text_line = False
            # The first line is usually the job title: it tells the level, not a requirement.
            for pattern, level in terms.seniority:
                match = pattern.search(line.cleaned.lower())
                if match:
                    title_seniority.append(
                        SenioritySignal(
                            line.cleaned[match.start() : match.end()],
                            level,
                            Span(line.start + match.start(), line.start + match.end()),
                        )
                    )
            if not line.cleaned.endswith(":") and _heading_section(line.cleaned, terms) is None:
                continue
        first_text_line = False
        inline = None if line.bullet else _INLINE_HEADING.match(line.cleaned)
        inline_opens = _heading_section(inline.group(1), terms) if inline else None
        # "Desirable – Xero certification" is short enough to pass for a heading: it is not one.
        if inline_opens not in ("must", "nice") and _is_heading(
            line.raw, line.cleaned, next_bullet, _heading_section(line.cleaned, terms) is not None
        ):
            opened = _heading_section(line.cleaned, terms)
            section, heading = opened, line.cleaned.rstrip(":")
            continue
        if inline:
            opened = inline_opens
            if opened in ("must", "nice"):
                kind: Kind = "nice" if opened == "nice" else "must"
                for part in re.split(r";|,\s(?=[A-Z])", inline.group(2)):
                    offset = line.cleaned.find(part)
                    add(part, line.start + max(0, offset), kind, f'under "{inline.group(1)}"', "")
                continue
            if opened is not None:
                section, heading = opened, inline.group(1)
        if section == "skip":
            continue
        body = line.cleaned
        if line.bullet:
            if section in ("must", "nice"):
                add(
                    body,
                    line.start,
                    "nice" if section == "nice" else "must",
                    f'under "{heading}"',
                    "",
                )
            elif section == "responsibilities":
                add(body, line.start, "must", f'a duty under "{heading}"', "responsibilities")
            elif len(body.split()) >= MIN_LOOSE_WORDS and terms.requirement_cues.search(
                body.lower()
            ):
                add(body, line.start, "must", "a bullet that asks for experience or skills", "")
            continue
        for match in _SENTENCE.finditer(body):
            sentence = match.group(0).strip()
            lowered = sentence.lower().replace("’", "'")
            lead = terms.lead_ins.search(lowered)
            duty = terms.duty_lead_ins.search(lowered)
            start = line.start + match.start()
            if lead:
                add(sentence, start, "must", f'says "{lead.group(0)}"', "")
            elif duty:
                add(sentence, start, "must", f'says "{duty.group(0)}"', "responsibilities")
            elif (
                section == "responsibilities"
                and len(sentence.split()) >= MIN_DUTY_WORDS
                and sentence.split()[0].lower() in terms.duty_verbs
            ):
                add(sentence, start, "must", f'a duty under "{heading}"', "responsibilities")
            elif (
                section != "skip"
                and len(sentence.split()) >= MIN_LOOSE_WORDS + 2
                and (_YOU_WILL.search(lowered))
            ):
                add(sentence, start, "must", 'says what "you will" do', "responsibilities")
            elif section in ("must", "nice") and (
                terms.requirement_cues.search(lowered)
                or (lowered.startswith("you") and not _YOU_ARE_OFFERED.match(lowered))
            ):
                add(
                    sentence,
                    start,
                    "nice" if section == "nice" else "must",
                    f'under "{heading}"',
                    "",
                )
            elif (terms.must_cues.search(lowered) or terms.nice_cues.search(lowered)) and (
                terms.requirement_cues.search(lowered)
            ):
                add(sentence, start, "must", "asks for experience or skills", "")

    key_terms: list[str] = []
    for requirement in found:
        for name in requirement.terms:
            if name not in key_terms:
                key_terms.append(name)
    return Extraction(tuple(found), tuple(key_terms), _seniority(text, terms, title_seniority))


def _seniority(
    text: str, terms: Terms, from_title: list[SenioritySignal]
) -> tuple[SenioritySignal, ...]:
    signals = list(from_title)
    lowered = text.lower()
    taken = {(s.span.start, s.span.end) for s in signals}
    for pattern, level in terms.seniority:
        match = pattern.search(lowered)
        if match and (match.start(), match.end()) not in taken:
            taken.add((match.start(), match.end()))
            signals.append(
                SenioritySignal(text[match.start() : match.end()], level, Span(*match.span()))
            )
    for match in _YEARS.finditer(text):
        years = int(match.group(1))
        level = "senior" if years >= 7 else "mid" if years >= 3 else "junior"
        signals.append(SenioritySignal(match.group(0), level, Span(*match.span())))
    signals.sort(key=lambda s: s.span.start)
    return tuple(signals)


def describe_requirement(text: str) -> tuple[Category, tuple[str, ...]]:
    """The category and key terms of one requirement as a person typed it."""
    terms = load_terms()
    names = tuple(dict.fromkeys(name for _, name in _terms_in(text, terms)))
    return _category(text, "", list(names)), names

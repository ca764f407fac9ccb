"""Requirements and key terms of a job description: skills, tools, duties, seniority, must/nice."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from nextround.coach.insight import Span
from nextround.coach.requirement_parts import (
    PHRASING_FILE,
    Role,
    load_phrasing,
    noun_phrase,
    split_parts,
    without_doer,
)
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
# Words inside a heading that do not change which section it opens.
HEADING_ADVERBS = frozenset({"probably", "likely", "also", "already", "typically", "usually"})
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
    # A noun phrase for sentence slots ("NMC registration", "mentoring junior engineers"); ""
    # when none can be made cleanly from the words.
    phrase: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "text": self.text,
            "kind": self.kind,
            "category": self.category,
            "terms": list(self.terms),
            "why": self.why,
            "span": self.span.to_dict(),
            "phrase": self.phrase,
        }


@dataclass(frozen=True)
class ExtractedDuty:
    """What the job holder will do ("You will lead on falls prevention"): not asked of them."""

    text: str
    terms: tuple[str, ...]
    why: str
    span: Span
    phrase: str = ""  # "leading on falls prevention"; "" when none can be made cleanly

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "text": self.text,
            "terms": list(self.terms),
            "why": self.why,
            "span": self.span.to_dict(),
            "phrase": self.phrase,
        }


@dataclass(frozen=True)
class Extraction:
    requirements: tuple[ExtractedRequirement, ...]
    key_terms: tuple[str, ...]
    seniority: tuple[SenioritySignal, ...]
    duties: tuple[ExtractedDuty, ...] = ()

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
    terms = parse_terms(raw, source)
    # Headings that the phrasing file adds ("What you'll get", "What you'll work on").
    phrasing = load_phrasing(terms.duty_verbs)
    headings = dict(terms.headings, skip=terms.headings["skip"] + phrasing.skip_headings)
    for section, extra in phrasing.extra_headings.items():
        if section not in SECTIONS:
            raise TermsError(
                f"{PHRASING_FILE}: 'extra_headings' has an unknown section {section!r}"
            )
        headings[section] = headings[section] + extra
    return dataclasses.replace(terms, headings=headings)


_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–—+]|\d{1,2}[.)]|[a-z][.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
# "Essential: a; b" and "Essential - a; b": a heading and its items on one line.
_INLINE_HEADING = re.compile(r"^([A-Za-z][A-Za-z '’/&-]{2,40}?)(?::|\s+[-–—])\s+(\S.*)$")
# A sentence ends at ";", or at ".", "!" or "?" before a space and a new sentence; not inside
# "e.g. NPQLT", "(ILS/ALS)." or "£10.5m".
_SENTENCE = re.compile(
    r"(?:[^.!?;]|(?<=\be\.g)\.|(?<=\bi\.e)\.|(?<=\be)\.(?=g\.)|(?<=\bi)\.(?=e\.)"
    r"|\.(?=\S)|(?<=\betc)\.(?=\s+[a-z]))+(?:[.!?;]+|$)"
)
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


# A sentence's opening ("You'll own the Payments Experience area: …"), not a heading's, unless
# the whole of it is a known heading ("You'll need: …").
_SENTENCE_OPENING = re.compile(r"^(?:you|you'll|you're|we|we'll|we're|our|i|this|it)\b", re.I)


def _heading_section(text: str, terms: Terms, exact_only: bool = False) -> str | None:
    """The section a heading opens, or None for a heading of no known kind."""
    key = " ".join(text.lower().strip(" :-–—.!?").replace("’", "'").replace("&", " and ").split())
    # "You'll probably have" is "You'll have".
    key = " ".join(w for w in key.split() if w not in HEADING_ADVERBS)
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
    if exact_only:
        return None
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


_PREFERRED = re.compile(r"\b(?:is|are)(?: all| both)?(?: \w+ly)? (?:preferred|preferable)$")


def _kind(text: str, section_kind: Kind, terms: Terms) -> tuple[Kind, str]:
    lowered = text.lower().replace("’", "'")
    for nice in terms.nice_cues.finditer(lowered):
        # "… is preferred" and "… are all strongly preferred" say it of the whole item.
        predicate = _PREFERRED.search(lowered, 0, nice.end())
        if nice.group(0) in LEADING_ONLY_NICE and nice.start() > LEADING_CHARS and not predicate:
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
    offset: int = 0  # where the raw line starts in the text


def _lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        cleaned = _clean(_BULLET.sub("", body))
        # Offsets point at the text itself, after any bullet or heading marks.
        found = body.find(cleaned[:12]) if cleaned else -1
        lead = found if found >= 0 else len(body) - len(body.lstrip())
        lines.append(_Line(body, cleaned, position + lead, bool(_BULLET.match(body)), position))
        position += len(raw)
    return lines


# A sentence in which someone "will" do a thing: "You will plan…", "The post holder will manage…".
_DOER_WILL = re.compile(
    r"\b(?:you|they|he or she|the (?:post ?holder|job ?holder|role ?holder|successful \w+))"
    r"(?: will|'ll)(?: also| then| each \w+)? ([a-z]+)"
)
# "You will be …": a duty when what follows is a duty ("in charge of", "responsible for",
# "leading"), an offer ("joining", "based"), else a quality asked for ("calm", "a qualified …").
_YOU_WILL_BE = re.compile(r"\byou(?: will|'ll) (?:also )?be ([a-z]+)")
_BE_DUTY = frozenset({"responsible", "accountable", "in", "expected", "required", "the", "our"})
_BE_OFFERED = frozenset(
    {
        "joining",
        "based",
        "welcomed",
        "supported",
        "paid",
        "rewarded",
        "part",
        "given",
        "offered",
        "able",
    }
)
_WE_OFFER = re.compile(
    r"^(?:in return,? )?we(?: will| also| can)? (?:offer|provide|give)\b|"
    # "Applications from experienced community pharmacists are welcome": who may apply, not
    # what is asked of them.
    r"^(?:we (?:particularly |especially |also )?(?:welcome|encourage) applications|"
    r"applications (?:are )?(?:(?:particularly|especially|also) )?(?:welcome|encouraged|invited)|"
    r"applications from\b.*\b(?:welcome|welcomed|encouraged|invited)\b)"
)
# A bullet under a duties heading that asks for something rather than describing the work.
_ASKS = re.compile(
    r"^(?:experience (?:of|in|with)|knowledge of|(?:an? )?understanding of|(?:the )?ability to|"
    r"able to|proven|a track record|(?:a|an) (?:degree|qualification)|you (?:have|must|need)|"
    r"you(?: will|'ll) need|qualified)\b"
)
_EARLY_ONLY_LEADS = frozenset({"you are", "you're", "you have"})
# "Trial experience, an interest in business development and a commitment to pro bono work
# are all strongly preferred": a kind stated once for the whole list.
_LIST_KIND = re.compile(
    r"\bare (?:all |both )?(?:(?:\w+ly|also) )?(?:preferred|preferable|desirable|advantageous|"
    r"an advantage|essential|required|a plus|welcome|helpful|beneficial|useful)\b"
)
_PART_PREPOSITION = re.compile(r"(?:in|of)\s+(?=\w+ing\b)")
# "Reporting to the General Manager" places the job; it is not a thing the job holder does.
_REPORTING_LINE = re.compile(
    r"^(?:reporting|reports|report)\s+(?:\w+ly\s+)?(?:in)?to\b(?!.*\bon\b)"
)
# One short line with no sentence inside it: a list item pasted without its bullet.
_LOST_BULLET = re.compile(r"[^.!?]{3,120}[.]?")
# "The successful candidate will be subject to an enhanced DBS check": a condition of the offer.
_CONDITION = re.compile(r"\b(?:will be|is|are|being) subject to\b")
# "The Second in Mathematics will:", "…, and will:": the bullets after it are duties.
_WILL_LIST = re.compile(
    r"(?:^|[\s,])(?:and\s+)?will(?:\s+also)?(?:\s+be\s+(?:expected|required)\s+to)?:$"
)
EARLY_LEAD_CHARS = 24
_TABLE_DIVIDER = re.compile(r"^:?-{3,}:?$")
_COLUMN_MUST = re.compile(r"^(?:essential(?: criteria)?|must have|required|requirements?)$")
_COLUMN_NICE = re.compile(r"^(?:desirable(?: criteria)?|nice to have|preferred|desired|optional)$")
_COLUMN_MARK = re.compile(r"^(?:e\s*/\s*d|essential\s*/\s*desirable|essential or desirable)$")
_MARK_MUST = re.compile(r"^(?:e|essential)$")
_MARK_NICE = re.compile(r"^(?:d|desirable)$")
# What an Essential or Desirable column holds when it only ticks its row's criterion.
_TICK = re.compile(r"^(?:✓|✔|√|☑|x|y|yes|e|d|essential|desirable|•)$")
# A bullet that is only a kind word ("- Desirable:") opens that part of the list.
_KIND_WORDS = frozenset(
    {
        "essential",
        "desirable",
        "must have",
        "must haves",
        "nice to have",
        "nice to haves",
        "bonus",
        "preferred",
        "required",
        "optional",
        "essential criteria",
        "desirable criteria",
    }
)


def _lower(text: str) -> str:
    return text.lower().replace("’", "'")


def _sentences(text: str, start: int) -> Iterator[tuple[int, str]]:
    for match in _SENTENCE.finditer(text):
        raw = match.group(0)
        sentence = raw.strip()
        if sentence:
            yield start + match.start() + (len(raw) - len(raw.lstrip())), sentence


def _heading_level(raw: str) -> int:
    match = re.match(r"^\s*(#{1,6})\s", raw)
    return len(match.group(1)) if match else 0


def _is_list_heading(line: _Line, opens: str | None) -> bool:
    """A bullet that only says "Desirable:" or "Essential" heads the bullets after it."""
    if not line.bullet or opens not in ("must", "nice"):
        return False
    key = " ".join(_lower(line.cleaned).strip(" :-").replace("-", " ").split())
    return key in _KIND_WORDS or (line.cleaned.endswith(":") and len(key.split()) <= 3)


@dataclass
class _Table:
    """A Markdown table being read; a person specification when it has kind columns."""

    kinds: dict[int, Kind]
    mark: int | None
    names: dict[Kind, str]
    cells: list[tuple[int, str, Kind]] = field(default_factory=list)

    @property
    def is_spec(self) -> bool:
        return bool(self.kinds) or self.mark is not None


def _cells(line: _Line) -> list[tuple[int, str]]:
    """The row's cells in column order, empty ones kept so columns stay aligned."""
    body = line.raw
    parts = re.split(r"(?<!\\)\|", body)
    cells = []
    position = 0
    for index, part in enumerate(parts):
        stripped = part.strip()
        # The outer pipes of "| a | b |" open and close the row; they are not cells.
        outer = (index == 0 or index == len(parts) - 1) and not stripped and len(parts) > 1
        if not outer:
            at = part.find(stripped) if stripped else 0
            cells.append((line.offset + position + at, stripped))
        position += len(part) + 1
    return cells


def _table_row(line: _Line, table: _Table | None) -> _Table:
    cells = _cells(line)
    if table is None:
        kinds: dict[int, Kind] = {}
        names: dict[Kind, str] = {}
        mark = None
        for index, (_, cell) in enumerate(cells):
            key = " ".join(_lower(_clean(cell)).strip(" :*").split())
            if _COLUMN_MUST.match(key):
                kinds[index], names["must"] = "must", _clean(cell)
            elif _COLUMN_NICE.match(key):
                kinds[index], names["nice"] = "nice", _clean(cell)
            elif _COLUMN_MARK.match(key) and mark is None:
                mark = index
                names.update({"must": "E", "nice": "D"})
        return _Table(kinds, mark, names)
    table.cells = []
    if all(_TABLE_DIVIDER.match(cell) for _, cell in cells if cell):
        return table
    if table.mark is not None and table.mark < len(cells):
        value = _lower(cells[table.mark][1]).strip(" *")
        kind: Kind | None = "must" if _MARK_MUST.match(value) else None
        kind = "nice" if _MARK_NICE.match(value) else kind
        others = [c for i, c in enumerate(cells) if i != table.mark and c[1]]
        if kind and others:
            start, text = max(others, key=lambda c: len(c[1]))
            table.cells.append((start, text, kind))
    elif table.kinds:
        marked = [(i, c) for i, (_, c) in enumerate(cells) if i in table.kinds and c]
        if marked and all(_TICK.match(_lower(c).strip(" *")) for _, c in marked):
            # "| NMC registration | ✓ | |": the tick says which kind the row's criterion is.
            criteria = [(st, c) for i, (st, c) in enumerate(cells) if i not in table.kinds and c]
            if criteria:
                start, text = criteria[0]
                table.cells = [(start, text, table.kinds[marked[0][0]])]
        else:
            table.cells = [
                (st, c, table.kinds[i]) for i, (st, c) in enumerate(cells) if i in table.kinds and c
            ]
    else:
        table.cells = [(st, c, "must") for st, c in cells if c]
    return table


def extract_requirements(text: str) -> Extraction:
    """Read a job description (Markdown or plain text) into requirements, duties, terms, level."""
    if not isinstance(text, str):
        raise TypeError(f"a job description must be text, not {type(text).__name__}")
    text = text[:MAX_INPUT_CHARS].replace("\x00", " ")
    terms = load_terms()
    phrasing = load_phrasing(terms.duty_verbs)
    lines = _lines(text)
    section: str | None = None
    heading = ""
    heading_level = 0
    found: list[ExtractedRequirement] = []
    duties: list[ExtractedDuty] = []
    seen: set[str] = set()
    title_seniority: list[SenioritySignal] = []

    def has_cue(part: str) -> bool:
        lowered = part.lower().replace("’", "'")
        return bool(terms.nice_cues.search(lowered) or terms.must_cues.search(lowered))

    def add(body: str, start: int, role: Role, kind: Kind, why: str) -> None:
        inherited: Kind | None = None
        parts = split_parts(body, role, phrasing, has_cue)
        # "A, B and C are all strongly preferred": the last part's kind is the whole list's.
        listed: tuple[Kind, str] | None = None
        if role == "requirement" and len(parts) > 1:
            last = _lower(body[parts[-1][0] : parts[-1][1]])
            if _LIST_KIND.search(last):
                listed = _kind(last, kind, terms)
        for index, (part_start, part_end) in enumerate(parts):
            if index and role == "requirement":
                # "…, and in working with families": the part starts at what is asked for.
                lead = _PART_PREPOSITION.match(body, part_start, part_end)
                part_start = lead.end() if lead else part_start
            part = _shorten(body[part_start:part_end])
            if len(part) < 2:
                continue
            bare = _lower(without_doer(part))
            if role == "duty" and _REPORTING_LINE.match(bare) and len(bare.split()) <= 8:
                continue
            key = _key(without_doer(part))
            if not key or key in seen:
                continue
            seen.add(key)
            names = tuple(dict.fromkeys(name for _, name in _terms_in(part, terms)))
            span = Span(start + part_start, start + part_start + len(part))
            phrase = noun_phrase(part, phrasing)
            if role == "duty":
                duties.append(ExtractedDuty(part, names, why, span, phrase))
                continue
            part_kind, cue = _kind(part, kind, terms)
            if cue:
                inherited = part_kind
            elif listed is not None and listed[1]:
                part_kind, cue = listed
            elif inherited is not None:
                part_kind = inherited
            found.append(
                ExtractedRequirement(
                    text=part,
                    kind=part_kind,
                    category=_category(part, "", list(names)),
                    terms=names,
                    why=why + (f"; {cue}" if cue else ""),
                    span=span,
                    phrase=phrase,
                )
            )

    def section_kind() -> Kind:
        return "nice" if section == "nice" else "must"

    def duty_like(body: str, lowered: str) -> bool:
        """A line that says what the job holder will do."""
        doer = _DOER_WILL.match(lowered)
        if doer and phrasing.is_verb(doer.group(1)):
            return True
        be = _YOU_WILL_BE.match(lowered)
        return bool(be and (be.group(1) in _BE_DUTY or phrasing.is_ing(be.group(1))))

    def read_bullet(body: str, start: int) -> None:
        lowered = _lower(body)
        if _YOU_ARE_OFFERED.match(lowered) or _WE_OFFER.match(lowered):
            return
        if _CONDITION.search(lowered):
            return
        words = [w.strip(",;:") for w in body.split()]
        if section in ("must", "nice"):
            if duty_like(body, lowered):
                add(body, start, "duty", "must", f'a duty under "{heading}"')
            else:
                add(body, start, "requirement", section_kind(), f'under "{heading}"')
        elif section == "responsibilities":
            if _ASKS.match(lowered) or terms.lead_ins.match(lowered):
                add(body, start, "requirement", "must", f'asks for it under "{heading}"')
            else:
                add(body, start, "duty", "must", f'a duty under "{heading}"')
        elif len(words) < MIN_LOOSE_WORDS:
            return
        elif duty_like(body, lowered):
            add(body, start, "duty", "must", "a bullet that says what you will do")
        elif terms.requirement_cues.search(lowered):
            add(body, start, "requirement", "must", "a bullet that asks for experience or skills")
        elif phrasing.is_verb(words[0]) or phrasing.is_ing(words[0]):
            add(body, start, "duty", "must", "a bullet that starts with what the job holder does")

    def read_sentence(sentence: str, start: int) -> None:
        lowered = _lower(sentence)
        if _YOU_ARE_OFFERED.match(lowered) or _WE_OFFER.match(lowered):
            return
        if _CONDITION.search(lowered):
            return
        colon = sentence.rfind(": ")
        # "Associates get early responsibility: you will run matters": the item is after it.
        after = colon > 0 and (
            _DOER_WILL.search(lowered, colon) or terms.lead_ins.match(lowered, colon + 2)
        )
        if after:
            before = lowered[:colon]
            if not (_DOER_WILL.search(before) or terms.lead_ins.search(before)):
                skip = colon + 2
                sentence, start, lowered = sentence[skip:], start + skip, lowered[skip:]
        cues: list[tuple[int, Role | None, str]] = []
        lead = terms.lead_ins.search(lowered)
        # "… a campaign you are proud of": "you are" and "you have" ask only near the start.
        if lead and lead.group(0) in _EARLY_ONLY_LEADS and lead.start() > EARLY_LEAD_CHARS:
            lead = None
        if lead:
            cues.append((lead.start(), "requirement", f'says "{lead.group(0)}"'))
        duty = terms.duty_lead_ins.search(lowered)
        if duty:
            cues.append((duty.start(), "duty", f'says "{duty.group(0)}"'))
        doer = _DOER_WILL.search(lowered)
        if doer and phrasing.is_verb(doer.group(1)):
            cues.append((doer.start(), "duty", "says what the job holder will do"))
        be = _YOU_WILL_BE.search(lowered)
        if be:
            word = be.group(1)
            role: Role | None = "duty" if word in _BE_DUTY or phrasing.is_ing(word) else None
            if role is None and word not in _BE_OFFERED:
                role = "requirement"
            cues.append((be.start(), role, f'says "{be.group(0)}"'))
        if cues:
            _, chosen, why = min(cues, key=lambda c: (c[0], c[1] != "duty"))
            if chosen is not None:
                kind: Kind = section_kind() if chosen == "requirement" else "must"
                add(sentence, start, chosen, kind, why)
            return
        words = [w.strip(",;:") for w in sentence.split()]
        if (
            section == "responsibilities"
            and len(words) >= MIN_DUTY_WORDS
            and (phrasing.is_verb(words[0]) or phrasing.is_ing(words[0]))
        ):
            add(sentence, start, "duty", "must", f'a duty under "{heading}"')
        elif section != "skip" and len(words) >= MIN_LOOSE_WORDS + 2 and _YOU_WILL.search(lowered):
            add(sentence, start, "duty", "must", 'says what "you will" do')
        elif section in ("must", "nice") and (
            terms.requirement_cues.search(lowered)
            or (lowered.startswith("you") and not _YOU_ARE_OFFERED.match(lowered))
        ):
            add(sentence, start, "requirement", section_kind(), f'under "{heading}"')
        elif (terms.must_cues.search(lowered) or terms.nice_cues.search(lowered)) and (
            terms.requirement_cues.search(lowered)
        ):
            add(sentence, start, "requirement", "must", "asks for experience or skills")

    def short_line(at: int) -> bool:
        if not 0 <= at < len(lines):
            return False
        other = lines[at]
        return (
            not other.bullet
            and not other.cleaned.endswith(":")
            and _LOST_BULLET.fullmatch(other.cleaned) is not None
        )

    def lost_bullet(at: int) -> bool:
        """A short line in a run of short lines: a list whose bullets were lost."""
        return short_line(at) and (short_line(at - 1) or short_line(at + 1))

    first_text_line = True
    table: _Table | None = None
    for index, line in enumerate(lines):
        if not line.cleaned:
            table = None
            continue
        if line.cleaned.startswith("|"):
            table = _table_row(line, table)
            if table.is_spec:
                for cell_start, cell, kind in table.cells:
                    why = f'in the "{table.names[kind]}" column'
                    add(_clean(cell), cell_start, "requirement", kind, why)
                continue
            if section != "skip":
                for cell_start, cell, _ in table.cells:
                    for sentence_start, sentence in _sentences(cell, cell_start):
                        read_sentence(sentence, sentence_start)
                continue
        else:
            table = None
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
        if not line.bullet and _WILL_LIST.search(line.cleaned):
            # "You will hold a caseload …, and will:" is a duty, and the bullets after it are.
            lead = _WILL_LIST.sub("", line.cleaned).rstrip(" ,")
            if _DOER_WILL.search(_lower(lead)):
                for sentence_start, sentence in _sentences(lead, line.start):
                    read_sentence(sentence, sentence_start)
            section, heading, heading_level = "responsibilities", line.cleaned.rstrip(":"), 0
            continue
        inline = None if line.bullet else _INLINE_HEADING.match(line.cleaned)
        inline_opens = (
            _heading_section(
                inline.group(1),
                terms,
                exact_only=bool(_SENTENCE_OPENING.match(inline.group(1).replace("’", "'"))),
            )
            if inline
            else None
        )
        opens = _heading_section(line.cleaned, terms)
        # "Desirable – Xero certification" is short enough to pass for a heading: it is not one.
        if inline_opens not in ("must", "nice") and (
            _is_heading(line.raw, line.cleaned, next_bullet, opens is not None)
            or _is_list_heading(line, opens)
        ):
            depth = _heading_level(line.raw)
            # An unknown sub-heading ("#### Recruitment" under "## Main duties") keeps its section.
            if not (opens is None and section is not None and depth > heading_level > 0):
                section, heading, heading_level = opens, line.cleaned.rstrip(":"), depth
            continue
        if inline:
            if inline_opens in ("must", "nice"):
                inline_kind: Kind = "nice" if inline_opens == "nice" else "must"
                why = f'under "{inline.group(1)}"'
                # "Essential: Registered Nurse with NMC registration. Experience of …": one
                # requirement a sentence, and "a; b" or "A, B" one a part.
                body_start = line.start + inline.start(2)
                for sentence_start, sentence in _sentences(inline.group(2), body_start):
                    position = 0
                    for part in re.split(r"(?<=;)|,\s(?=[A-Z])", sentence):
                        offset = sentence.find(part, position)
                        position = offset + len(part)
                        item = part.strip(" ;")
                        if item:
                            item_start = sentence_start + offset + part.find(item)
                            add(item, item_start, "requirement", inline_kind, why)
                continue
            if inline_opens is not None:
                section, heading = inline_opens, inline.group(1)
        if section == "skip":
            continue
        if line.bullet or (section in ("must", "nice") and lost_bullet(index)):
            # Short lines one after another under "You will need:" are list items whose bullets
            # were lost in pasting ("Health and safety leadership; IOSH Managing Safely").
            read_bullet(line.cleaned, line.start)
            continue
        for sentence_start, sentence in _sentences(line.cleaned, line.start):
            read_sentence(sentence, sentence_start)

    key_terms: list[str] = []
    for requirement in found:
        for name in requirement.terms:
            if name not in key_terms:
                key_terms.append(name)
    return Extraction(
        tuple(found), tuple(key_terms), _seniority(text, terms, title_seniority), tuple(duties)
    )


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


def requirement_phrase(text: str) -> str:
    """The noun phrase of a requirement or duty as stored or typed ("" when none is clean)."""
    return noun_phrase(text, load_phrasing(load_terms().duty_verbs))

"""The job's field, detected once from the role title and the job description, and what each
field's interviewers probably care about."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib import resources
from pathlib import Path
from typing import Any

from nextround.coach.bank import FIELDS, INTERVIEWER_ROLES

FORMAT_VERSION = 1
FIELDS_FILE = "fields.json"

# The roles each field must say something about; the rest (consultant, other) fall back to the
# general phrases, since what they care about does not depend on the field.
FIELD_ROLES: tuple[str, ...] = (
    "hiring-manager",
    "senior-executive",
    "team-member",
    "technical",
    "hr",
)
SENIORITIES: tuple[str, ...] = (
    "unknown",
    "junior",
    "mid",
    "senior",
    "manager",
    "director",
    "executive",
)
SENIOR_LEVELS = ("director", "executive")
MIN_CARES, MAX_CARES = 2, 4
MAX_WEIGHT = 5.0

# The title says what the job is; the description mostly where it is done ("patients" in an NHS
# data job), so a title cue counts twice and the description's cues, counted once each, at most
# JD_CAP in all.
TITLE_WEIGHT = 2.0
JD_CAP = 4.0
# After a separator ("Data Analyst, Marketing", "Staff Nurse - Cardiology") the title names a team
# or a specialty, not the job.
QUALIFIER_SHARE = 0.3
# Confidence: the winner less half the runner-up, over the winner plus a prior, so one weak cue,
# or two fields neck and neck, stays below the bar.
PRIOR = 1.5
RIVAL_SHARE = 0.5
# Below this the field is None and only general questions are used: on the dev cases a guess
# below it was wrong more often than right (docs/question-bank.md, "The job's field").
FIELD_BAR = 0.6
MAX_EVIDENCE = 6
NO_FIELD_LABEL = "no particular field"

_SEPARATOR = re.compile(r"\s[-–—|/]\s|[,(|:]")


class FieldsError(ValueError):
    """The fields file is malformed; the message names the file, the field and the key."""


@dataclass(frozen=True)
class FieldGuess:
    field: str | None
    label: str  # human words: "nursing", "social work"
    confidence: float  # 0 to 1
    evidence: tuple[str, ...]  # the words of the title and job description it rests on


@dataclass(frozen=True)
class FieldInfo:
    id: str
    label: str
    titles: Mapping[str, float]
    terms: Mapping[str, float]
    cares_about: Mapping[str, tuple[str, ...]]
    organisation: str = "organisation"  # what the employer is called: firm, school, company
    craft_ask: str = ""  # a question to ask a technical specialist about their own work
    unsuited_asks: frozenset[str] = frozenset()  # ids of questions to ask that do not fit
    # What its interviewers care about when the job leads a team (a head of department): by
    # role, before the field's own phrases, which describe the classroom or the ward.
    lead_cares_about: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class FunctionInfo:
    """A kind of work found inside many fields (commercial, operations), read from a title."""

    id: str
    titles: tuple[str, ...]  # lower-case cues, matched as whole words in a title's head
    native_fields: frozenset[str]  # fields whose own phrases already describe this work
    cares_about: Mapping[str, tuple[str, ...]]
    unsuited_asks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FieldsData:
    fields: Mapping[str, FieldInfo]
    not_fields: tuple[str, ...]
    general_cares_about: Mapping[str, tuple[str, ...]]
    general_organisation: str = "organisation"
    general_craft_ask: str = ""
    functions: tuple[FunctionInfo, ...] = ()
    # Title cues of a job that leads a team ("head of", "manager") and of one that does not
    # although its title says manager ("account manager"): lower-case, whole words.
    lead_titles: tuple[str, ...] = ()
    not_lead_titles: tuple[str, ...] = ()
    # What an employer is called by its name, whatever the field: "Trust" for an NHS trust.
    employer_words: tuple[tuple[str, str], ...] = ()


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> FieldsError:
        return FieldsError(f"{self.source}: {where}: {problem}")

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be non-empty text")
        return value.strip()

    def phrases(self, value: object, where: str, low: int, high: int) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list of phrases")
        items = tuple(self.text(v, where) for v in value)
        if not low <= len(items) <= high:
            raise self.fail(where, f"needs {low} to {high} phrases, has {len(items)}")
        if len(set(items)) != len(items):
            raise self.fail(where, "repeats a phrase")
        return items

    def cues(self, value: object, where: str, key: str) -> dict[str, float]:
        if not isinstance(value, dict) or not value:
            raise self.fail(f"{where}, key {key!r}", "must be a non-empty object of cue: weight")
        out = {}
        for cue, weight in value.items():
            if not isinstance(cue, str) or not cue.strip() or cue != cue.strip().lower():
                raise self.fail(f"{where}, key {key!r}", f"cue {cue!r} must be trimmed lower-case")
            number = isinstance(weight, int | float) and not isinstance(weight, bool)
            if not number or not 0 < weight <= MAX_WEIGHT:
                raise self.fail(
                    f"{where}, key '{key}.{cue}'",
                    f"weight must be above 0 and at most {MAX_WEIGHT}",
                )
            out[cue] = float(weight)
        return out

    def cares(
        self, value: object, where: str, key: str, required: tuple[str, ...], low: int
    ) -> dict[str, tuple[str, ...]]:
        here = f"{where}key {key!r}"
        if not isinstance(value, dict):
            raise self.fail(here, "must be an object of interviewer role: phrases")
        unknown = sorted(set(value) - set(INTERVIEWER_ROLES))
        if unknown:
            raise self.fail(here, f"unknown interviewer role {unknown[0]!r}")
        missing = [role for role in required if role not in value]
        if missing:
            raise self.fail(here, f"lacks {', '.join(missing)}")
        return {
            role: self.phrases(phrases, f"{where}key '{key}.{role}'", low, MAX_CARES)
            for role, phrases in value.items()
        }


def parse_fields(raw: object, source: str) -> FieldsData:
    """Validate decoded JSON of a fields file."""
    r = _Reader(source)
    if not isinstance(raw, dict):
        raise r.fail("top level", "must be an object with 'fields'")
    if raw.get("format_version") != FORMAT_VERSION:
        raise r.fail("format_version", f"{raw.get('format_version')!r} is not {FORMAT_VERSION}")
    entries = raw.get("fields")
    if not isinstance(entries, list):
        raise r.fail("'fields'", "must be a list")
    fields: dict[str, FieldInfo] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise r.fail(f"item {index}", "is not an object")
        ident = entry.get("id")
        where = f"item {index} ({ident!r})" if isinstance(ident, str) else f"item {index}"
        if ident not in FIELDS:
            raise r.fail(where, f"unknown field {ident!r}")
        if ident in fields:
            raise r.fail(where, "repeats a field")
        assert isinstance(ident, str)
        fields[ident] = FieldInfo(
            id=ident,
            label=r.text(entry.get("label"), f"{where}, key 'label'"),
            titles=r.cues(entry.get("titles"), where, "titles"),
            terms=r.cues(entry.get("terms"), where, "terms"),
            cares_about=r.cares(
                entry.get("cares_about"), f"{where}, ", "cares_about", FIELD_ROLES, MIN_CARES
            ),
            organisation=r.text(entry.get("organisation"), f"{where}, key 'organisation'"),
            craft_ask=r.text(entry.get("craft_ask"), f"{where}, key 'craft_ask'"),
            unsuited_asks=frozenset(
                r.phrases(entry.get("unsuited_asks", []), f"{where}, key 'unsuited_asks'", 0, 20)
            ),
            lead_cares_about=r.cares(
                entry.get("lead_cares_about", {}), f"{where}, ", "lead_cares_about", (), MIN_CARES
            ),
        )
    missing = [f for f in FIELDS if f not in fields]
    if missing:
        raise r.fail("'fields'", f"lacks {', '.join(missing)}")
    not_fields = raw.get("not_fields", [])
    if not isinstance(not_fields, list):
        raise r.fail("'not_fields'", "must be a list of phrases")
    functions = _functions(r, raw.get("functions", []))
    return FieldsData(
        functions=functions,
        fields=fields,
        not_fields=tuple(r.text(p, "'not_fields'").lower() for p in not_fields),
        general_cares_about=r.cares(
            raw.get("general_cares_about"), "", "general_cares_about", INTERVIEWER_ROLES, 1
        ),
        general_organisation=r.text(raw.get("general_organisation"), "'general_organisation'"),
        general_craft_ask=r.text(raw.get("general_craft_ask"), "'general_craft_ask'"),
        lead_titles=_cues(r, raw.get("lead_titles", []), "'lead_titles'"),
        not_lead_titles=_cues(r, raw.get("not_lead_titles", []), "'not_lead_titles'"),
        employer_words=_employer_words(r, raw.get("employer_words", [])),
    )


def _cues(r: _Reader, raw: object, where: str) -> tuple[str, ...]:
    cues = r.phrases(raw, where, 0, 80)
    if any(c != c.lower() for c in cues):
        raise r.fail(where, "cues must be lower-case")
    return cues


def _employer_words(r: _Reader, raw: object) -> tuple[tuple[str, str], ...]:
    where = "'employer_words'"
    if not isinstance(raw, list):
        raise r.fail(where, "must be a list of [name cue, word] pairs")
    pairs = []
    for index, pair in enumerate(raw):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise r.fail(f"{where} item {index}", "must be a [name cue, word] pair")
        cue = r.text(pair[0], f"{where} item {index}")
        pairs.append((cue.lower(), r.text(pair[1], f"{where} item {index}")))
    return tuple(pairs)


def _functions(r: _Reader, raw: object) -> tuple[FunctionInfo, ...]:
    if not isinstance(raw, list):
        raise r.fail("'functions'", "must be a list")
    found: list[FunctionInfo] = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise r.fail(f"functions item {index}", "is not an object")
        ident = r.text(entry.get("id"), f"functions item {index}, key 'id'")
        where = f"functions item {index} ({ident!r})"
        if any(f.id == ident for f in found):
            raise r.fail(where, "repeats a function")
        titles = r.phrases(entry.get("titles"), f"{where}, key 'titles'", 1, 40)
        if any(t != t.lower() for t in titles):
            raise r.fail(f"{where}, key 'titles'", "cues must be lower-case")
        native = r.phrases(entry.get("native_fields", []), f"{where}, key 'native_fields'", 0, 15)
        unknown = [f for f in native if f not in FIELDS]
        if unknown:
            raise r.fail(f"{where}, key 'native_fields'", f"unknown field {unknown[0]!r}")
        cares = r.cares(entry.get("cares_about"), f"{where}, ", "cares_about", (), MIN_CARES)
        found.append(
            FunctionInfo(
                id=ident,
                titles=titles,
                native_fields=frozenset(native),
                cares_about=cares,
                unsuited_asks=frozenset(
                    r.phrases(
                        entry.get("unsuited_asks", []), f"{where}, key 'unsuited_asks'", 0, 20
                    )
                ),
            )
        )
    return tuple(found)


def _decode(text: str, source: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FieldsError(f"{source}: line {exc.lineno}: not valid JSON ({exc.msg})") from exc


def load_fields_file(path: Path) -> FieldsData:
    """Load and validate a fields file from any path."""
    return parse_fields(_decode(path.read_text(encoding="utf-8"), str(path)), str(path))


@functools.cache
def load_fields() -> FieldsData:
    """The packaged fields file, loaded and validated once."""
    source = f"nextround/coach/data/{FIELDS_FILE}"
    text = resources.files("nextround.coach").joinpath("data", FIELDS_FILE).read_text("utf-8")
    return parse_fields(_decode(text, source), source)


def _body(cue: str) -> str:
    return r"\s+".join(re.escape(word) for word in cue.split())


Owners = dict[str, tuple[tuple[str | None, float], ...]]


def _compile(cues: dict[str, list[tuple[str | None, float]]], overlapping: bool) -> re.Pattern[str]:
    # Longest first, so that at each place the longest cue that fits is the one found.
    alternatives = "|".join(_body(cue) for cue in sorted(cues, key=len, reverse=True))
    found = rf"(?P<cue>{alternatives})(?P<plural>(?:e?s)?)(?![a-z0-9])"
    # A lookahead finds a cue at every place, overlapping ones too ("site reliability" inside
    # "site reliability engineer"); without it each stretch of text is read once.
    return re.compile(rf"(?<![a-z0-9])(?={found})" if overlapping else rf"(?<![a-z0-9]){found}")


@functools.cache
def _title_pattern() -> tuple[re.Pattern[str], Owners]:
    """Every title cue (and the words that rule a title out) in one pattern."""
    data = load_fields()
    ruled_out: list[tuple[str | None, float]] = [(None, 0.0)]
    owners = {cue: list(ruled_out) for cue in data.not_fields}
    for info in data.fields.values():
        for cue, weight in info.titles.items():
            owners.setdefault(cue, []).append((info.id, weight))
    return _compile(owners, overlapping=True), {c: tuple(o) for c, o in owners.items()}


@functools.cache
def _term_pattern() -> tuple[re.Pattern[str], Owners]:
    """Every description cue in one pattern, so that a description is read once."""
    owners: dict[str, list[tuple[str | None, float]]] = {}
    for info in load_fields().fields.values():
        for cue, weight in info.terms.items():
            owners.setdefault(cue, []).append((info.id, weight))
    return _compile(owners, overlapping=False), {c: tuple(o) for c, o in owners.items()}


def _normal(text: str) -> str:
    """Lower case with straight apostrophes and the same length as the text, so that a match's
    span quotes the words as they were written ("İ" lower-cases to two characters: kept)."""
    straight = text.replace("’", "'").replace("‘", "'")
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in straight)


def _title_hits(role: str) -> list[tuple[str | None, float, str]]:
    """Each cue found in the title, longest first where cues overlap, with its share."""
    title = _normal(role)
    cut = _SEPARATOR.search(title)
    head_end = cut.start() if cut else len(title)
    pattern, owners = _title_pattern()
    found = []
    for match in pattern.finditer(title):
        cue = " ".join(match.group("cue").split())
        for field, weight in owners[cue]:
            found.append((match.start(), match.end("plural"), field, weight))
    found.sort(key=lambda hit: (-(hit[1] - hit[0]), hit[0]))
    taken: list[tuple[int, int]] = []
    hits = []
    for start, end, field, weight in found:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        share = 1.0 if start < head_end else QUALIFIER_SHARE
        hits.append((field, weight * share, role[start:end]))
    return hits


def _guess(field: str | None, confidence: float, evidence: list[str]) -> FieldGuess:
    label = load_fields().fields[field].label if field else NO_FIELD_LABEL
    return FieldGuess(field, label, round(confidence, 3), tuple(dict.fromkeys(evidence)))


def detect_field(role: str, job_description: str = "") -> FieldGuess:
    """The job's field from its title and description, or None below FIELD_BAR."""
    scores: dict[str, float] = {}
    evidence: dict[str, list[tuple[float, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for field, weight, words in _title_hits(role):
        if field is None:
            # A job none of the fields fits (a veterinary nurse is not a ward nurse).
            return _guess(None, 0.0, [words])
        if (field, words) in seen:
            continue
        seen.add((field, words))
        scores[field] = scores.get(field, 0.0) + TITLE_WEIGHT * weight
        evidence.setdefault(field, []).append((TITLE_WEIGHT * weight + 100, words))
    text = _normal(job_description)
    if text.strip():
        jd: dict[str, float] = {}
        pattern, owners = _term_pattern()
        counted: set[str] = set()
        for match in pattern.finditer(text):
            cue = " ".join(match.group("cue").split())
            if cue in counted:  # each cue counts once, however often the description says it
                continue
            counted.add(cue)
            quoted = job_description[match.start() : match.end()]
            for owner, weight in owners[cue]:
                if owner is not None:
                    jd[owner] = jd.get(owner, 0.0) + weight
                    evidence.setdefault(owner, []).append((weight, quoted))
        for field, total in jd.items():
            scores[field] = scores.get(field, 0.0) + min(total, JD_CAP)
    if not scores:
        return _guess(None, 0.0, [])
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    top_field, top = ranked[0]
    rival = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = max(0.0, top - RIVAL_SHARE * rival) / (top + PRIOR)
    quotes = [w for _, w in sorted(evidence[top_field], key=lambda item: -item[0])]
    if confidence < FIELD_BAR:
        return _guess(None, confidence, quotes[:MAX_EVIDENCE])
    return _guess(top_field, confidence, quotes[:MAX_EVIDENCE])


def field_label(field: str | None) -> str:
    """The field in human words ("social work"), or NO_FIELD_LABEL for None."""
    if field is None:
        return NO_FIELD_LABEL
    if field not in FIELDS:
        raise ValueError(f"unknown field: {field}")
    return load_fields().fields[field].label


def _info(field: str | None) -> FieldInfo | None:
    if field is None:
        return None
    if field not in FIELDS:
        raise ValueError(f"unknown field: {field}")
    return load_fields().fields[field]


def organisation(field: str | None) -> str:
    """What the employer is called in the field: "firm" in law, "school" in teaching."""
    info = _info(field)
    return info.organisation if info else load_fields().general_organisation


def employer_word(field: str | None, company: str = "") -> str:
    """What the employer is called: its name's word where the name says what it is ("Trust"
    for "St Aldric's Hospital NHS Foundation Trust"), else the field's ("school", "firm")."""
    name = _normal(company)
    for cue, word in load_fields().employer_words:
        if re.search(rf"(?<![a-z0-9]){_body(cue)}(?![a-z0-9])", name):
            return word
    return organisation(field)


def public_employer(company: str) -> bool:
    """Whether the employer's name says it is a public body (an NHS trust, an academy, a
    council): the names employer_word knows."""
    name = _normal(company)
    return any(
        re.search(rf"(?<![a-z0-9]){_body(cue)}(?![a-z0-9])", name)
        for cue, _ in load_fields().employer_words
    )


def job_leads(title: str) -> bool:
    """Whether a job's title says it leads a team (a head of science, a store manager, a lead
    pharmacist), not one that manages accounts or cases (a customer success manager)."""
    data = load_fields()
    head = _normal(title)

    def says(cues: tuple[str, ...]) -> bool:
        return any(re.search(rf"(?<![a-z0-9]){_body(c)}(?![a-z0-9])", head) for c in cues)

    return says(data.lead_titles) and not says(data.not_lead_titles)


def craft_ask(field: str | None) -> str:
    """A question for a specialist interviewer about the hardest part of their own work."""
    info = _info(field)
    return info.craft_ask if info else load_fields().general_craft_ask


def function_of(title: str, field: str | None = None) -> FunctionInfo | None:
    """The kind of work a job title names (commercial, operations) where the field's own
    phrases do not already describe it; None for most titles.

    Only the title's head counts: "HR Business Partner – Operations" is an HR job.
    """
    head = _normal(_SEPARATOR.split(title, maxsplit=1)[0])
    for info in load_fields().functions:
        if field in info.native_fields:
            continue
        if any(re.search(rf"(?<![a-z0-9]){_body(cue)}(?![a-z0-9])", head) for cue in info.titles):
            return info
    return None


def unsuited_asks(field: str | None, job_title: str = "") -> frozenset[str]:
    """Ids of general questions to ask that do not fit the field (competitors, for a ward), or
    the kind of job within it (site tickets, for a quantity surveyor)."""
    info = _info(field)
    own = info.unsuited_asks if info else frozenset()
    job = function_of(job_title, field) if job_title else None
    return own | job.unsuited_asks if job else own


def cares_about(
    field: str | None,
    role: str,
    seniority: str = "unknown",
    title: str = "",
    job_title: str = "",
    leads: bool = False,
) -> tuple[str, ...]:
    """What an interviewer of this role probably cares about, as noun phrases.

    For a job that leads a team (`leads`) the field's leaders' phrases come before its own
    (a head of department is judged on the department, not on classroom routines).

    A hiring manager, team member or specialist whose title names another kind of work than
    the field's (a Commercial Manager hiring a quantity surveyor; a General Manager on an HR
    panel) cares about what that work needs; where the job itself is another kind of work than
    the field's phrases describe (a quantity surveyor in construction), the others fall back to
    the general phrases. A director or executive in another role also cares about what the
    senior executives do; field None (or a role no field speaks of) gives the general phrases.
    """
    if field is not None and field not in FIELDS:
        raise ValueError(f"unknown field: {field}")
    if role not in INTERVIEWER_ROLES:
        raise ValueError(f"unknown interviewer role: {role}")
    if seniority not in SENIORITIES:
        raise ValueError(f"unknown seniority: {seniority}")
    data = load_fields()
    tables: list[Mapping[str, Any]] = [data.general_cares_about]
    theirs = function_of(title, field) if title else None
    job = function_of(job_title, field) if job_title else None
    if field is not None and not (job and role != "senior-executive"):
        tables.insert(0, data.fields[field].cares_about)
        if leads and role in data.fields[field].lead_cares_about:
            tables.insert(0, data.fields[field].lead_cares_about)
    if job is not None and role in job.cares_about:
        # A head of year's panel cares about pastoral work, whoever sits on it.
        tables.insert(0, job.cares_about)
    if theirs is not None and role in theirs.cares_about:
        # An Operations Director on a finance panel judges by what the operation needs, not by
        # what the Finance Director beside them does.
        tables.insert(0, theirs.cares_about)
    own = next(t[role] for t in tables if role in t)
    phrases = list(own)
    if seniority in SENIOR_LEVELS and role != "senior-executive":
        senior = next(t["senior-executive"] for t in tables if "senior-executive" in t)
        phrases = [*phrases[: MAX_CARES - 1], senior[0]]
    return tuple(dict.fromkeys(phrases))[:MAX_CARES]

"""The interview question bank and the questions-to-ask bank: loading, validation and selection."""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
BANK_FILE = "question_bank.json"
ASKS_FILE = "questions_to_ask.json"
# Questions as interviewers really word them, labelled with type and competencies: they train the
# classifier's word model beside the bank and need no id, since nothing refers to them.
PHRASINGS_FILE = "question_phrasings.json"

QUESTION_TYPES: tuple[str, ...] = (
    "background",
    "motivation",
    "behavioural",
    "situational",
    "technical",
    "culture-fit",
    "tricky",
    "salary-notice",
    "second-round",
)

COMPETENCIES: tuple[str, ...] = (
    "adaptability",
    "analysis",
    "attention-to-detail",
    "commercial-awareness",
    "commitment",
    "communication",
    "conflict",
    "creativity",
    "culture-fit",
    "customer-focus",
    "decision-making",
    "delivery",
    "influence",
    "initiative",
    "integrity",
    "leadership",
    "learning",
    "motivation",
    "planning",
    "problem-solving",
    "resilience",
    "self-awareness",
    "stakeholder-management",
    "teamwork",
    "technical-depth",
)

INTERVIEWER_ROLES: tuple[str, ...] = (
    "hiring-manager",
    "senior-executive",
    "hr",
    "team-member",
    "technical",
    "consultant",
    "other",
)

# The job's field (coach/fields.py detects it): a question tagged with fields is asked only there.
FIELDS: tuple[str, ...] = (
    "software",
    "data",
    "nursing",
    "teaching",
    "marketing",
    "sales",
    "finance",
    "retail",
    "social-work",
    "hospitality",
    "construction",
    "law",
    "logistics",
    "hr",
    "engineering",
    "civil-structural",
)

# Kinds of round; a question tagged with kinds assumes their set-up (a prepared presentation,
# the morning's tour) and is asked only there.
ROUND_KINDS: tuple[str, ...] = (
    "one-to-one",
    "panel",
    "meet-the-team",
    "tour",
    "presentation",
    "assessment",
)

# Styles of interview a round may be announced as ("a values-based interview"); a question tagged
# with styles is asked only in a round of one of them.
INTERVIEW_STYLES: tuple[str, ...] = ("values", "strengths")

# Levels of job, as the job description signals them (coach/requirements.py); a question tagged
# with levels ("How do you manage sickness absence on your ward?") is asked only of such a job.
JOB_LEVELS: tuple[str, ...] = ("junior", "mid", "senior", "manager", "director", "executive")

ROUND_PURPOSES: tuple[str, ...] = (
    "screening",
    "shortlist",
    "second-opinion",
    "delve-deeper",
    "test-commitment",
    "meet-the-team",
    "final",
)

# Share of a practice set drawn from questions that exercise a weak competency; the rest keeps
# the session mixed so it still feels like a real interview.
WEAK_SHARE = 0.6
# How much likelier a question of the job's own field is to be drawn than a general one: about
# one practice question in five is then the field's own, and the rest stays a real interview.
FIELD_WEIGHT = 8.0
MIN_PROBES = 2
MAX_PROBES = 4


class BankError(ValueError):
    """A bank file that cannot be loaded: names the file, the item and the field."""


@dataclass(frozen=True)
class BankQuestion:
    id: str
    text: str
    type: str
    competencies: tuple[str, ...]
    looking_for: str
    probes: tuple[str, ...]
    rounds: tuple[str, ...]  # empty: suits any round
    fields: tuple[str, ...] = ()  # empty: suits any field
    kinds: tuple[str, ...] = ()  # empty: suits any kind of round
    presumes: Presumption | None = None  # what must be on record before it is a likely question
    styles: tuple[str, ...] = ()  # empty: suits any round; else only a round of such a style
    levels: tuple[str, ...] = ()  # empty: suits any job; else only a job of one of these levels

    @property
    def described(self) -> str:
        """The question with what it tests, as weak areas are matched against it."""
        return f"{self.text} {self.looking_for}".strip()


# Where a presumption is looked for: what others said of the candidate (the feedback and the
# round notes), the earlier rounds' questions and answers, or the job (its requirements).
PRESUMPTION_SOURCES: tuple[str, ...] = ("feedback", "rounds", "job")


@dataclass(frozen=True)
class Presumption:
    """A question that states something as known ("The feedback from round one was that you
    seemed quiet") is a likely question only where the record says it: one of `any` (lower-case
    words or word beginnings) must appear in the `source` texts."""

    source: str
    any: tuple[str, ...]

    def holds(self, texts: Sequence[str]) -> bool:
        said = " ".join(" ".join(texts).lower().replace("’", "'").split())
        return any(re.search(rf"(?<![a-z0-9]){re.escape(cue)}", said) for cue in self.any)


@dataclass(frozen=True)
class AskTemplate:
    id: str
    text: str
    roles: tuple[str, ...]
    purposes: tuple[str, ...]  # empty: suits any round
    why: str
    fields: tuple[str, ...] = ()  # empty: suits any field
    # True: only for a job that leads a team ("What budget would I have?"); False: only for one
    # that does not ("how much freedom would I have in my own lessons?"); None: either.
    leads: bool | None = None
    # The interviewer's kind of work (coach/fields.py functions): empty suits anyone; else only
    # someone whose title names one of them (a consultant physician, an education lead).
    functions: tuple[str, ...] = ()
    # Asked only of a business: a school or an NHS trust has no competitors or tech stack.
    business_only: bool = False

    def said(self, organisation: str) -> tuple[str, str]:
        """The question and its why, with the employer called what the field calls it."""
        return (
            self.text.replace(ORGANISATION_SLOT, organisation),
            self.why.replace(ORGANISATION_SLOT, organisation),
        )


# The one slot a question to ask may hold: what the employer is called ("firm", "school").
ORGANISATION_SLOT = "{organisation}"
_SLOT = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Phrasing:
    text: str
    type: str
    competencies: tuple[str, ...]


class _Item:
    """One raw item of a bank file, with error messages that say where it came from."""

    def __init__(self, source: str, index: int, raw: object) -> None:
        self.source = source
        self.index = index
        if not isinstance(raw, dict):
            raise BankError(f"{source}: item {index} is not an object")
        self.raw: dict[str, Any] = raw
        ident = raw.get("id")
        named = isinstance(ident, str) and ident
        self.label = f"item {index} ({ident!r})" if named else f"item {index}"

    def fail(self, field: str, problem: str) -> BankError:
        return BankError(f"{self.source}: {self.label}, field {field!r}: {problem}")

    def presumption(self) -> Presumption | None:
        value = self.raw.get("presumes")
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"source", "any"}:
            raise self.fail("presumes", "must be an object with 'source' and 'any'")
        source = value["source"]
        if source not in PRESUMPTION_SOURCES:
            raise self.fail("presumes", f"unknown source {source!r}")
        cues = value["any"]
        if not isinstance(cues, list) or not cues or not all(isinstance(c, str) for c in cues):
            raise self.fail("presumes", "'any' must be a non-empty list of words")
        if any(not c.strip() or c != " ".join(c.lower().split()) for c in cues):
            raise self.fail("presumes", "each word in 'any' must be trimmed lower-case text")
        return Presumption(source, tuple(cues))

    def flag(self, field: str) -> bool | None:
        value = self.raw.get(field)
        if value is not None and not isinstance(value, bool):
            raise self.fail(field, "must be true or false")
        return value

    def text(self, field: str) -> str:
        value = self.raw.get(field)
        if value is None:
            raise self.fail(field, "missing")
        if not isinstance(value, str):
            raise self.fail(field, "must be a string")
        if not value.strip():
            raise self.fail(field, "empty")
        return value.strip()

    def words(
        self, field: str, vocabulary: Sequence[str] | None = None, allow_empty: bool = False
    ) -> tuple[str, ...]:
        value = self.raw.get(field)
        if value is None:
            raise self.fail(field, "missing")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(field, "must be a list of strings")
        if not value and not allow_empty:
            raise self.fail(field, "empty")
        items = tuple(v.strip() for v in value)
        for item in items:
            if not item:
                raise self.fail(field, "contains an empty string")
            if vocabulary is not None and item not in vocabulary:
                raise self.fail(field, f"unknown value {item!r}")
        if len(set(items)) != len(items):
            raise self.fail(field, "repeats a value")
        return items


def _items(raw: object, source: str, key: str, *, ids: bool = True) -> list[_Item]:
    if not isinstance(raw, dict):
        raise BankError(f"{source}: top level must be an object with {key!r}")
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise BankError(f"{source}: format_version {version!r} is not {FORMAT_VERSION}")
    entries = raw.get(key)
    if not isinstance(entries, list):
        raise BankError(f"{source}: {key!r} must be a list")
    items = [_Item(source, index, entry) for index, entry in enumerate(entries)]
    if not ids:
        return items
    seen: set[str] = set()
    for item in items:
        ident = item.text("id")
        if ident in seen:
            raise item.fail("id", "duplicate id")
        seen.add(ident)
    return items


def parse_bank(raw: object, source: str) -> tuple[BankQuestion, ...]:
    """Validate decoded JSON of a question bank file and build its questions."""
    questions = []
    for item in _items(raw, source, "questions"):
        qtype = item.text("type")
        if qtype not in QUESTION_TYPES:
            raise item.fail("type", f"unknown type {qtype!r}")
        probes = item.words("probes")
        if not MIN_PROBES <= len(probes) <= MAX_PROBES:
            raise item.fail("probes", f"needs {MIN_PROBES} to {MAX_PROBES}, has {len(probes)}")
        questions.append(
            BankQuestion(
                id=item.text("id"),
                text=item.text("text"),
                type=qtype,
                competencies=item.words("competencies", COMPETENCIES),
                looking_for=item.text("looking_for"),
                probes=probes,
                rounds=item.words("rounds", ROUND_PURPOSES, allow_empty=True),
                fields=item.words("fields", FIELDS, allow_empty=True),
                kinds=item.words("kinds", ROUND_KINDS, allow_empty=True),
                presumes=item.presumption(),
                styles=item.words("styles", INTERVIEW_STYLES, allow_empty=True)
                if "styles" in item.raw
                else (),
                levels=item.words("levels", JOB_LEVELS, allow_empty=True)
                if "levels" in item.raw
                else (),
            )
        )
    return tuple(questions)


def parse_asks(raw: object, source: str) -> tuple[AskTemplate, ...]:
    """Validate decoded JSON of a questions-to-ask file and build its templates."""
    asks = []
    for item in _items(raw, source, "asks"):
        ask = AskTemplate(
            id=item.text("id"),
            text=item.text("text"),
            roles=item.words("roles", INTERVIEWER_ROLES),
            purposes=item.words("purposes", ROUND_PURPOSES, allow_empty=True),
            why=item.text("why"),
            fields=item.words("fields", FIELDS, allow_empty=True) if "fields" in item.raw else (),
            leads=item.flag("leads"),
            functions=item.words("functions", allow_empty=True) if "functions" in item.raw else (),
            business_only=item.flag("business_only") is True,
        )
        for key in ("text", "why"):
            bad = [x for x in _SLOT.findall(getattr(ask, key)) if x != ORGANISATION_SLOT]
            if bad:
                raise item.fail(key, f"unknown slot {bad[0]}: only {ORGANISATION_SLOT} is filled")
        asks.append(ask)
    return tuple(asks)


def parse_phrasings(raw: object, source: str) -> tuple[Phrasing, ...]:
    """Validate decoded JSON of a phrasings file and build its labelled questions."""
    phrasings = []
    for item in _items(raw, source, "phrasings", ids=False):
        qtype = item.text("type")
        if qtype not in QUESTION_TYPES:
            raise item.fail("type", f"unknown type {qtype!r}")
        phrasings.append(
            Phrasing(item.text("text"), qtype, item.words("competencies", COMPETENCIES))
        )
    return tuple(phrasings)


def _decode(text: str, source: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BankError(f"{source}: line {exc.lineno}: not valid JSON ({exc.msg})") from exc


def load_bank_file(path: Path) -> tuple[BankQuestion, ...]:
    """Load and validate a question bank from any path (the packaged one or a user's own)."""
    return parse_bank(_decode(path.read_text(encoding="utf-8"), str(path)), str(path))


def load_asks_file(path: Path) -> tuple[AskTemplate, ...]:
    """Load and validate a questions-to-ask file from any path."""
    return parse_asks(_decode(path.read_text(encoding="utf-8"), str(path)), str(path))


def load_phrasings_file(path: Path) -> tuple[Phrasing, ...]:
    """Load and validate a file of labelled phrasings from any path."""
    return parse_phrasings(_decode(path.read_text(encoding="utf-8"), str(path)), str(path))


def _package_text(name: str) -> str:
    return resources.files("nextround.coach").joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def load_bank() -> tuple[BankQuestion, ...]:
    """The packaged question bank, loaded and validated once."""
    source = f"nextround/coach/data/{BANK_FILE}"
    return parse_bank(_decode(_package_text(BANK_FILE), source), source)


@functools.cache
def load_phrasings() -> tuple[Phrasing, ...]:
    """The packaged labelled phrasings that train the classifier, loaded and validated once."""
    source = f"nextround/coach/data/{PHRASINGS_FILE}"
    return parse_phrasings(_decode(_package_text(PHRASINGS_FILE), source), source)


@functools.cache
def load_asks() -> tuple[AskTemplate, ...]:
    """The packaged questions-to-ask bank, loaded and validated once."""
    source = f"nextround/coach/data/{ASKS_FILE}"
    return parse_asks(_decode(_package_text(ASKS_FILE), source), source)


def _check(values: Collection[str], vocabulary: Sequence[str], what: str) -> None:
    unknown = sorted(set(values) - set(vocabulary))
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown)}")


def _check_setting(field: str | None, kind: str | None) -> None:
    if field is not None:
        _check([field], FIELDS, "field")
    if kind is not None:
        _check([kind], ROUND_KINDS, "round kind")


def suits(
    question: BankQuestion,
    field: str | None = None,
    kind: str | None = None,
    styles: Collection[str] = (),
    level: str | None = None,
) -> bool:
    """Whether a question may be asked for this field, kind and style of round and level of job
    (None or none: not known)."""
    return (
        (not question.fields or field in question.fields)
        and (not question.kinds or kind in question.kinds)
        and (not question.styles or bool(set(question.styles) & set(styles)))
        and (not question.levels or level in question.levels)
    )


@functools.cache
def bank_for(
    field: str | None = None,
    kind: str | None = None,
    styles: tuple[str, ...] = (),
    level: str | None = None,
) -> tuple[BankQuestion, ...]:
    """The bank less the questions of other fields, of other kinds of round, of other styles of
    interview and of other levels of job, in file order.

    With field None only questions for any field are kept, with kind None only those for any
    kind of round, with no styles none written for a style, and with level None none written for
    a level: an unknown field or set-up never lets another's questions in.
    """
    _check_setting(field, kind)
    _check(styles, INTERVIEW_STYLES, "interview style")
    if level is not None:
        _check([level], JOB_LEVELS, "job level")
    return tuple(q for q in load_bank() if suits(q, field, kind, styles, level))


def questions_to_ask(
    role: str,
    purpose: str | None,
    limit: int,
    field: str | None = None,
    *,
    leads: bool | None = None,
    function: str | None = None,
    business: bool = True,
) -> list[AskTemplate]:
    """Questions for the candidate to ask, best first: the interviewer's kind of work, the
    role, the purpose, then the field.

    Questions written for another field, for a job of the other level (`leads`: whether the
    job leads a team; None: not known), for another kind of interviewer's work (`function`) or,
    when the employer is no business, for a business, are never returned; with field None only
    questions for any field are.
    """
    _check([role], INTERVIEWER_ROLES, "interviewer role")
    if purpose is not None:
        _check([purpose], ROUND_PURPOSES, "round purpose")
    _check_setting(field, None)
    if limit < 0:
        raise ValueError("limit must not be negative")

    def rank(ask: AskTemplate) -> tuple[int, int, int, int, int, int]:
        # A question for this person's kind of work comes first; then one written for this
        # purpose beats one for any round, which beats one for another purpose; among those
        # that suit the round, the field's own and the level's own come first; within a rank
        # the file order (most useful first) holds.
        any_round = purpose is None or not ask.purposes
        fit = 1 if any_round else 2 if purpose in ask.purposes else 0
        own_field = field is not None and field in ask.fields
        own_level = leads is not None and ask.leads is leads
        return (
            -int(bool(ask.functions)),
            -int(role in ask.roles),
            -int(fit > 0),
            -int(own_field),
            -int(own_level),
            -fit,
        )

    allowed = [
        a
        for a in load_asks()
        if (not a.fields or field in a.fields)
        and (a.leads is None or leads is None or a.leads is leads)
        and (not a.functions or function in a.functions)
        and (business or not a.business_only)
    ]
    return sorted(allowed, key=rank)[:limit]


def fits_round(ask: AskTemplate, role: str, purpose: str | None) -> bool:
    """Whether a question to ask was written for this interviewer's role (or kind of work) and
    this round: what a brief offers, rather than a question for someone else filling a gap."""
    for_round = purpose is None or not ask.purposes or purpose in ask.purposes
    return for_round and (bool(ask.functions) or role in ask.roles)


def _weighted_sample(
    pool: list[BankQuestion], weights: list[float], count: int, rng: random.Random
) -> list[BankQuestion]:
    # Efraimidis-Spirakis keys: a weighted sample without replacement in one pass.
    keyed = sorted(
        ((rng.random() ** (1.0 / weight), index) for index, weight in enumerate(weights)),
        reverse=True,
    )
    return [pool[index] for _, index in keyed[:count]]


def select_practice_questions(
    weak_competencies: Sequence[str],
    types: Sequence[str] | None,
    count: int,
    seed: int,
    exclude_ids: Collection[str] = (),
    field: str | None = None,
    kind: str | None = None,
    styles: tuple[str, ...] = (),
    level: str | None = None,
) -> list[BankQuestion]:
    """A deterministic practice set for a seed, weighted toward the weak competencies.

    Only questions that suit the field and kind of round are drawn (see `bank_for`); the field's
    own questions are FIELD_WEIGHT times likelier than general ones.
    """
    _check(weak_competencies, COMPETENCIES, "competency")
    if types is not None:
        _check(types, QUESTION_TYPES, "question type")
    if count < 0:
        raise ValueError("count must not be negative")
    weak = set(weak_competencies)
    pool = [
        q
        for q in bank_for(field, kind, styles, level)
        if q.id not in exclude_ids and (types is None or q.type in types)
    ]
    rng = random.Random(seed)

    def weight(q: BankQuestion, base: float) -> float:
        return base * (FIELD_WEIGHT if q.fields else 1.0)

    focused = [q for q in pool if weak & set(q.competencies)]
    others = [q for q in pool if not weak & set(q.competencies)]
    want_focused = min(len(focused), round(count * WEAK_SHARE) if others else count)
    # Questions that touch several weak competencies are worth more practice time.
    chosen = _weighted_sample(
        focused,
        [weight(q, float(len(weak & set(q.competencies)))) for q in focused],
        want_focused,
        rng,
    )
    chosen += _weighted_sample(others, [weight(q, 1.0) for q in others], count - len(chosen), rng)
    if len(chosen) < count:
        rest = [q for q in focused if q not in chosen]
        chosen += _weighted_sample(rest, [1.0] * len(rest), count - len(chosen), rng)
    rng.shuffle(chosen)
    return chosen


def field_questions(
    field: str | None,
    purpose: str | None,
    count: int,
    seed: int,
    kind: str | None = None,
    types: Sequence[str] | None = None,
    exclude_ids: Collection[str] = (),
    level: str | None = None,
) -> list[BankQuestion]:
    """Up to `count` questions written for the field, the same for the same seed.

    Those written for the job's level come first (a ward manager's staffing question before a
    staff nurse's), then those written for the round's purpose, then those for any round; a
    question for another purpose is used only when there are too few. Field None gives none.
    """
    if purpose is not None:
        _check([purpose], ROUND_PURPOSES, "round purpose")
    if types is not None:
        _check(types, QUESTION_TYPES, "question type")
    if count < 0:
        raise ValueError("count must not be negative")
    if field is None:
        _check_setting(None, kind)
        return []
    own = [
        q
        for q in bank_for(field, kind, level=level)
        if field in q.fields and q.id not in exclude_ids and (types is None or q.type in types)
    ]
    rng = random.Random(seed)
    tiers: list[list[BankQuestion]] = [[], [], [], []]
    for q in own:
        tiers[0 if q.levels else 1 if purpose in q.rounds else 2 if not q.rounds else 3].append(q)
    chosen: list[BankQuestion] = []
    for tier in tiers:
        chosen += rng.sample(tier, min(len(tier), count - len(chosen)))
    return chosen

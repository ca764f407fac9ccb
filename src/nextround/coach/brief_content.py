"""The brief's content (advice by format, kind and purpose, checklist, templates), loaded once."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from nextround.coach.bank import INTERVIEWER_ROLES, ROUND_PURPOSES

FORMAT_VERSION = 1
CONTENT_FILE = "brief_content.json"
FORMATS = ("video", "phone", "on-site")
KINDS = ("one-to-one", "panel", "meet-the-team", "tour", "presentation", "assessment")
# Set tasks of the day a countdown step may be for (see likely.SetTask).
TASKS = ("lesson", "written", "prepared", "pre-read", "take-home", "send-slides")
DRESS_CODES = ("unknown", "formal", "business", "smart-casual", "casual")
PROBE_CATEGORIES = ("tool", "qualification", "skill", "responsibility", "seniority")
TAILORED = ("long_tenure", "short_tenure", "employer", "team", "team_named", "senior")
# Word lists the likely questions read a requirement's phrase with (see likely.asked_for):
# words that open a phrase as an adjective ("confident"), that end its head ("with", "in"),
# heads that are no person ("number"), determiners, heads that are counted ("record"), and the
# stems of a question that say nothing of its topic ("tell", "exampl").
PHRASE_WORDS = (
    "predicative",
    "head_ends",
    "not_people",
    "determiners",
    "counted",
    "not_topic_stems",
)


class ContentError(ValueError):
    """The brief content file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class ChecklistTemplate:
    key: str
    label: str
    days_before: int
    when: tuple[str, ...]  # formats or kinds it applies to; empty: every round


@dataclass(frozen=True)
class BriefContent:
    formats: dict[str, tuple[str, ...]]
    kinds: dict[str, tuple[str, ...]]
    purposes: dict[str, str]
    dress: dict[str, str]
    bring: dict[str, tuple[str, ...]]
    mindset: tuple[str, ...]
    follow_ups: dict[str, str]
    concern_question: str
    probes: dict[str, str]
    care_abouts: dict[str, tuple[str, ...]]
    senior_levels: tuple[str, ...]
    senior_roles: tuple[str, ...]
    checklist: tuple[ChecklistTemplate, ...]
    tailored_asks: dict[str, str]
    sentences: dict[str, str]
    # A panel member there for their own experience (a young person, a patient, a pupil).
    lived_cares: tuple[str, ...] = ()
    lived_asks: tuple[str, ...] = ()
    phrase_words: dict[str, frozenset[str]] = field(default_factory=dict)


class _Reader:
    def __init__(self, raw: object, source: str) -> None:
        if not isinstance(raw, dict):
            raise ContentError(f"{source}: top level must be an object")
        if raw.get("format_version") != FORMAT_VERSION:
            raise ContentError(f"{source}: format_version {raw.get('format_version')!r} is not 1")
        self.raw: dict[str, Any] = raw
        self.source = source

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(f"{self.source}: {key!r} {problem}")

    def text(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be non-empty text")
        return value.strip()

    def texts(self, value: object, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list of text")
        return tuple(self.text(v, key) for v in value)

    def table(self, key: str, keys: tuple[str, ...], many: bool, exact: bool = True) -> Any:
        value = self.raw.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "must be an object")
        missing = [k for k in keys if k not in value]
        unknown = [k for k in value if k not in keys] if exact else []
        if missing:
            raise self.fail(key, f"lacks {', '.join(missing)}")
        if unknown:
            raise self.fail(key, f"has unknown keys {', '.join(unknown)}")
        read = self.texts if many else self.text
        return {k: read(v, f"{key}.{k}") for k, v in value.items()}


def parse_content(raw: object, source: str) -> BriefContent:
    """Validate decoded JSON of the brief content file."""
    r = _Reader(raw, source)
    checklist = []
    seen: set[str] = set()
    entries = r.raw.get("checklist")
    if not isinstance(entries, list) or not entries:
        raise r.fail("checklist", "must be a non-empty list")
    for index, entry in enumerate(entries):
        where = f"checklist[{index}]"
        if not isinstance(entry, dict):
            raise r.fail(where, "must be an object")
        key = r.text(entry.get("key"), f"{where}.key")
        if key in seen:
            raise r.fail(where, f"repeats key {key!r}")
        seen.add(key)
        days = entry.get("days_before")
        if not isinstance(days, int) or isinstance(days, bool) or not -7 <= days <= 60:
            raise r.fail(f"{where}.days_before", "must be a whole number from -7 to 60")
        when = entry.get("when")
        if not isinstance(when, list) or any(w not in FORMATS + KINDS + TASKS for w in when):
            raise r.fail(f"{where}.when", "must list formats, kinds of round or set tasks")
        checklist.append(
            ChecklistTemplate(key, r.text(entry.get("label"), f"{where}.label"), days, tuple(when))
        )
    bring_keys = ("always", "on-site", "video", "phone", "presentation", "assessment", "tour")
    senior_levels = r.texts(r.raw.get("senior_levels"), "senior_levels")
    senior_roles = r.texts(r.raw.get("senior_roles"), "senior_roles")
    if any(role not in INTERVIEWER_ROLES for role in senior_roles):
        raise r.fail("senior_roles", "names an unknown interviewer role")
    concern = r.text(r.raw.get("concern_question"), "concern_question")
    if "{topic}" not in concern:
        raise r.fail("concern_question", "must contain {topic}")
    return BriefContent(
        formats=r.table("formats", FORMATS, many=True),
        kinds=r.table("kinds", KINDS, many=True),
        purposes=r.table("purposes", ("unknown", *ROUND_PURPOSES), many=False),
        dress=r.table("dress", DRESS_CODES, many=False),
        bring=r.table("bring", bring_keys, many=True),
        mindset=r.texts(r.raw.get("mindset"), "mindset"),
        follow_ups=r.table("follow_ups", (), many=False, exact=False),
        concern_question=concern,
        probes=r.table("probes", PROBE_CATEGORIES, many=False),
        care_abouts=r.table("care_abouts", INTERVIEWER_ROLES, many=True),
        senior_levels=senior_levels,
        senior_roles=senior_roles,
        checklist=tuple(checklist),
        tailored_asks=r.table("tailored_asks", TAILORED, many=False),
        sentences=_sentences(r),
        lived_cares=r.texts(r.raw.get("lived_experience_cares"), "lived_experience_cares"),
        lived_asks=r.texts(r.raw.get("lived_experience_asks"), "lived_experience_asks"),
        phrase_words=_phrase_words(r),
    )


def _phrase_words(r: _Reader) -> dict[str, frozenset[str]]:
    table = r.table("phrase_words", PHRASE_WORDS, many=True)
    for key, words in table.items():
        if any(w != w.lower() or " " in w for w in words):
            raise r.fail(f"phrase_words.{key}", "must hold single lower-case words")
    return {key: frozenset(words) for key, words in table.items()}


# Each sentence template and the typed slots it may use: a name or phrase, a quote (user text,
# always shown in quotation marks), a number. Nothing else can be spliced into a sentence.
SENTENCE_SLOTS: dict[str, frozenset[str]] = {
    "focus_question": frozenset({"topic"}),
    "focus_plan_question": frozenset({"topic"}),
    "concern_plan_question": frozenset({"topic"}),
    "values_examples": frozenset({"values"}),
    "not_yet_question": frozenset({"topic"}),
    "not_yet_gap": frozenset(),
    "values_examples_why": frozenset(),
    "concern_why": frozenset({"source", "round", "quote"}),
    "focus_why": frozenset({"source", "round", "quote"}),
    "repeat_why": frozenset({"round", "names"}),
    "follow_up_why": frozenset({"round", "question"}),
    "asked_follow_up_why": frozenset({"round", "question"}),
    "probe_why": frozenset({"names", "requirement"}),
    "probe_question": frozenset({"requirement"}),
    "duty_question": frozenset({"requirement"}),
    "field_why": frozenset({"field"}),
    "motivation_why": frozenset({"looking_for"}),
    "fit_why": frozenset({"reason", "looking_for"}),
    "staple_why": frozenset({"looking_for"}),
    "curveball_why": frozenset({"field", "looking_for"}),
    "story_for": frozenset({"story", "reason"}),
    "gap": frozenset({"topic"}),
    "gap_quote": frozenset({"quote"}),
    "gap_plan": frozenset({"topic"}),
    "maybe": frozenset({"story"}),
    "counter_maybe": frozenset({"story"}),
    "counter_fact": frozenset(),
    "own_ask_why": frozenset(),
    "tenure_question": frozenset({"requirement"}),
    "lived_ask_why": frozenset(),
    "ask_exercises": frozenset(),
    "bring_fact": frozenset({"quote"}),
    "dress_video": frozenset(),
    "doubt_quote_question": frozenset({"quote"}),
    "focus_quote_question": frozenset({"quote"}),
    "deeper_follow_up": frozenset({"question"}),
    "gap_row": frozenset(),
    "counter_story": frozenset({"story"}),
    "counter_gap": frozenset(),
    "held_row": frozenset(),
    "plan_row": frozenset(),
    "tenure_row": frozenset(),
    "knowledge_row": frozenset(),
    "language_row": frozenset(),
    "task_on": frozenset({"task", "subject"}),
    "condition_row": frozenset(),
    "presentation_video": frozenset(),
    "research_did": frozenset({"action"}),
    "research_spoke": frozenset({"said", "topic", "organisation"}),
    "research_quoted": frozenset({"quote"}),
    "research_project": frozenset({"project"}),
    "research_why": frozenset({"quote"}),
    "address": frozenset({"address"}),
    "no_address": frozenset(),
    "check": frozenset(),
    "fact": frozenset({"source", "quote"}),
    "panel_people": frozenset({"names"}),
    "probe_quote_question": frozenset({"requirement"}),
    "duty_quote_question": frozenset({"requirement"}),
    "tenure_quote_question": frozenset({"requirement"}),
    "task": frozenset({"task"}),
    "task_why": frozenset({"source", "quote"}),
    "task_kind_why": frozenset(),
    "task_lesson": frozenset({"task"}),
    "task_written_timed": frozenset({"task", "plan", "write", "check"}),
    "task_written": frozenset({"task"}),
    "arrive_parking": frozenset(),
    "thin_story": frozenset({"story"}),
    "task_people_panel": frozenset({"task"}),
    "task_practical": frozenset({"task"}),
    "task_prepared": frozenset({"task"}),
    "task_pre_read": frozenset(),
    "style_why": frozenset({"style", "looking_for"}),
    "field_lead_why": frozenset({"field"}),
    "task_take_home": frozenset({"task"}),
    "task_critique": frozenset({"task"}),
    "prepared_why": frozenset({"source", "quote"}),
}
_SLOT = re.compile(r"\{(\w*)\}")


def _sentences(r: _Reader) -> dict[str, str]:
    table: dict[str, str] = r.table("sentences", tuple(SENTENCE_SLOTS), many=False)
    for key, template in table.items():
        used = set(_SLOT.findall(template))
        unknown = used - SENTENCE_SLOTS[key]
        if unknown:
            raise r.fail(f"sentences.{key}", f"uses unknown slots {', '.join(sorted(unknown))}")
    return table


@functools.cache
def load_content() -> BriefContent:
    """The packaged brief content, loaded and validated once."""
    source = f"nextround/coach/data/{CONTENT_FILE}"
    text = resources.files("nextround.coach").joinpath("data", CONTENT_FILE).read_text("utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(f"{source}: line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    return parse_content(raw, source)

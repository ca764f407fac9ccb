"""Follow-up note templates with typed slots, loaded once from data/note_templates.json."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

FORMAT_VERSION = 1
TEMPLATES_FILE = "note_templates.json"
SLOT_TYPES = ("name", "noun_phrase", "quote", "date")
ROUND_KINDS = ("one-to-one", "panel", "meet-the-team", "tour", "presentation", "assessment")
# A noun phrase is a few words that sit inside a sentence: no sentence punctuation, no line break.
MAX_PHRASE_WORDS = 18
_NOT_IN_PHRASE = re.compile(r"[.?!;:\n“”\"()]|\s-\s")
MAX_QUOTE_CHARS = 120


class TemplateError(ValueError):
    """A template file or a slot value that is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class Name:
    """A person's, a company's or a role's name, as written."""

    text: str


@dataclass(frozen=True)
class NounPhrase:
    """A short noun phrase that reads inside a sentence ("mentoring junior engineers")."""

    text: str


@dataclass(frozen=True)
class Quote:
    """Someone's own words, set in quotation marks."""

    text: str


SlotValue = Name | NounPhrase | Quote | dt.date
_TYPE_OF: dict[str, type] = {
    "name": Name,
    "noun_phrase": NounPhrase,
    "quote": Quote,
    "date": dt.date,
}


@dataclass(frozen=True)
class Part:
    key: str
    slots: Mapping[str, str]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class OfferReason:
    key: str
    label: str
    phrase: str


@dataclass(frozen=True)
class Templates:
    parts: Mapping[str, Part]
    offer_reasons: Mapping[str, OfferReason]
    next_round_names: Mapping[str, str]
    never_recall: frozenset[str]

    def render(self, key: str, index: int = 0, /, **values: SlotValue) -> str:
        """One phrasing of a part (chosen by index) with its slots filled by typed values."""
        part = self.parts.get(key)
        if part is None:
            raise TemplateError(f"{TEMPLATES_FILE}: no part {key!r}")
        missing = [s for s in part.slots if s not in values]
        unknown = [s for s in values if s not in part.slots]
        if missing or unknown:
            raise TemplateError(
                f"{TEMPLATES_FILE}: {key!r} needs {sorted(part.slots)}, got {sorted(values)}"
            )
        filled = {}
        for slot, kind in part.slots.items():
            value = values[slot]
            expected = _TYPE_OF[kind]
            # A datetime is a date too; a note speaks of days, so refuse it rather than guess.
            if not isinstance(value, expected) or isinstance(value, dt.datetime):
                raise TemplateError(
                    f"{TEMPLATES_FILE}: {key!r} slot {slot!r} takes a {kind}, "
                    f"not {type(value).__name__}"
                )
            filled[slot] = _write(value, slot, key)
        return part.texts[index % len(part.texts)].format(**filled)

    def count(self, key: str) -> int:
        return len(self.parts[key].texts)


def long_date(value: dt.date) -> str:
    """The one way notes and pages write a day: "Tuesday 9 December 2026"."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def long_time(value: dt.datetime) -> str:
    """A day and a time: "Tuesday 9 December 2026, 14:00"."""
    return f"{long_date(value.date())}, {value:%H:%M}"


def _write(value: SlotValue, slot: str, key: str) -> str:
    if isinstance(value, dt.date):
        return long_date(value)
    text = " ".join(value.text.split())
    if not text:
        raise TemplateError(f"{TEMPLATES_FILE}: {key!r} slot {slot!r} is empty")
    if isinstance(value, NounPhrase):
        if _NOT_IN_PHRASE.search(text) or len(text.split()) > MAX_PHRASE_WORDS:
            raise TemplateError(
                f"{TEMPLATES_FILE}: {key!r} slot {slot!r} is not a short noun phrase: {text!r}"
            )
        return text
    if isinstance(value, Quote):
        if len(text) > MAX_QUOTE_CHARS:
            text = text[: MAX_QUOTE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return f"“{text}”"
    return text


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def parse(raw: object, source: str = TEMPLATES_FILE) -> Templates:
    """Check the template file and build its tables; a fault names the key."""
    if not isinstance(raw, dict):
        raise TemplateError(f"{source}: top level must be an object")
    if raw.get("format_version") != FORMAT_VERSION:
        raise TemplateError(
            f"{source}: format_version {raw.get('format_version')!r} is not {FORMAT_VERSION}"
        )
    parts_raw = raw.get("parts")
    if not isinstance(parts_raw, dict) or not parts_raw:
        raise TemplateError(f"{source}: 'parts' must be a non-empty object")
    parts = {key: _part(key, value, source) for key, value in parts_raw.items()}
    reasons = _reasons(raw.get("offer_reasons"), source)
    names = raw.get("next_round_names")
    if not isinstance(names, dict) or sorted(names) != sorted(ROUND_KINDS):
        raise TemplateError(f"{source}: 'next_round_names' must name each of {ROUND_KINDS}")
    next_names = {}
    for kind, name in names.items():
        if not isinstance(name, str) or not name.strip() or _NOT_IN_PHRASE.search(name):
            raise TemplateError(f"{source}: 'next_round_names' {kind!r} must be a noun phrase")
        next_names[kind] = name.strip()
    words = raw.get("never_recall")
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise TemplateError(f"{source}: 'never_recall' must be a list of words")
    return Templates(parts, reasons, next_names, frozenset(w.strip().lower() for w in words))


def _part(key: str, value: object, source: str) -> Part:
    if not isinstance(value, dict):
        raise TemplateError(f"{source}: part {key!r} must be an object")
    slots = value.get("slots")
    texts = value.get("texts")
    if not isinstance(slots, dict) or not all(
        isinstance(k, str) and v in SLOT_TYPES for k, v in slots.items()
    ):
        raise TemplateError(f"{source}: part {key!r} 'slots' must map names to {SLOT_TYPES}")
    if not isinstance(texts, list) or not texts:
        raise TemplateError(f"{source}: part {key!r} 'texts' must be a non-empty list")
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            raise TemplateError(f"{source}: part {key!r} has an empty text")
        try:
            used = _fields(text)
        except ValueError as exc:
            raise TemplateError(f"{source}: part {key!r} text {text!r}: {exc}") from None
        stray = [name for name in used if name not in slots]
        if stray:
            raise TemplateError(f"{source}: part {key!r} uses undeclared slots {stray}")
    return Part(key, dict(slots), tuple(t.strip() for t in texts))


def _reasons(value: object, source: str) -> dict[str, OfferReason]:
    if not isinstance(value, dict) or not value:
        raise TemplateError(f"{source}: 'offer_reasons' must be a non-empty object")
    found = {}
    for key, item in value.items():
        if not isinstance(item, dict):
            raise TemplateError(f"{source}: offer reason {key!r} must be an object")
        label, phrase = item.get("label"), item.get("phrase")
        if not isinstance(label, str) or not label.strip():
            raise TemplateError(f"{source}: offer reason {key!r} needs a label")
        if not isinstance(phrase, str) or not phrase.strip() or _NOT_IN_PHRASE.search(phrase):
            raise TemplateError(f"{source}: offer reason {key!r} needs a noun phrase")
        found[key] = OfferReason(key, label.strip(), phrase.strip())
    return found


@functools.cache
def templates() -> Templates:
    """The shipped templates (read and checked once)."""
    text = resources.files("nextround.coach").joinpath("data", TEMPLATES_FILE).read_text("utf-8")
    raw: Any = json.loads(text)
    return parse(raw)


def join_and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

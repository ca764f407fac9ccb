"""Split a requirement or duty line into the separate things it names; a noun phrase for each."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

FORMAT_VERSION = 1
PHRASING_FILE = "requirement_phrasing.json"
Role = Literal["requirement", "duty"]
# A part of a line is kept apart only when it has at least this many words.
MIN_PART_WORDS = 2
_WORD = re.compile(r"[\w'’+#&/-]+")
# Where a line may divide: a semicolon, ", and", ", as is", "and", or a comma.
_SEPARATOR = re.compile(r";\s*|,?\s+and\s+(?:also\s+)?|,\s+as (?:is|are)\s+|,\s+(?=\w)")
_YEARS_AFTER_INCLUDING = re.compile(
    r",\s+including\s+(?=(?:\d+|one|two|three|four|five|six|seven|eight|ten)\b[\w\s'’+-]{0,20}"
    r"\byears?\b)",
    re.IGNORECASE,
)
# A subject and "will" before a duty verb: "you will", "the post holder will also".
_DOER = re.compile(
    r"^(?:(?:as|in|day to day|each|every|at)\b[^,]{0,60}?,?\s+)?"
    r"(?:you|they|he or she|the (?:post ?holder|job ?holder|role ?holder|successful \w+)"
    r")(?:\s+will|'ll|’ll)(?:\s+also)?\s+",
    re.IGNORECASE,
)


class PhrasingError(ValueError):
    """The phrasing file is missing or malformed; the message names the file and key."""


@dataclass(frozen=True, eq=False)
class Phrasing:
    duty_verbs: frozenset[str]
    gerunds: dict[str, str]
    ing_forms: frozenset[str]
    heads: tuple[str, ...]
    lead_ins: tuple[str, ...]
    being_lead_ins: tuple[str, ...]
    trailing_cues: tuple[str, ...]
    cuts: tuple[str, ...]
    lowercase_first: frozenset[str]
    unclear_pronouns: frozenset[str]
    max_phrase_words: int
    skip_headings: tuple[str, ...] = ()
    participles: frozenset[str] = frozenset()

    def gerund(self, verb: str) -> str:
        """'mentor' -> 'mentoring', 'manage' -> 'managing', 'plan' -> 'planning'."""
        verb = verb.lower()
        if verb in self.gerunds:
            return self.gerunds[verb]
        if verb.endswith("ie"):
            return verb[:-2] + "ying"
        if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
            return verb[:-1] + "ing"
        return verb + "ing"

    def is_verb(self, word: str) -> bool:
        return word.lower() in self.duty_verbs

    def is_ing(self, word: str) -> bool:
        return word.lower() in self.ing_forms


def _strings(raw: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise PhrasingError(f"{source}: {key!r} must be a non-empty list of strings")
    return tuple(v.lower() for v in value)


def parse_phrasing(raw: object, source: str, duty_verbs: frozenset[str]) -> Phrasing:
    """Validate decoded JSON of the phrasing file."""
    if not isinstance(raw, dict) or raw.get("format_version") != FORMAT_VERSION:
        raise PhrasingError(f"{source}: must be an object with format_version 1")
    gerunds = raw.get("gerunds")
    if not isinstance(gerunds, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in gerunds.items()
    ):
        raise PhrasingError(f"{source}: 'gerunds' must map verbs to their -ing forms")
    limit = raw.get("max_phrase_words")
    if not isinstance(limit, int) or limit < 3:
        raise PhrasingError(f"{source}: 'max_phrase_words' must be a whole number of 3 or more")
    verbs = set(duty_verbs) | {v.split()[0] for v in _strings(raw, "extra_duty_verbs", source)}
    longest_first = functools.partial(sorted, key=len, reverse=True)
    phrasing = Phrasing(
        duty_verbs=frozenset(verbs),
        gerunds={k.lower(): v.lower() for k, v in gerunds.items()},
        ing_forms=frozenset(),
        heads=tuple(_strings(raw, "requirement_heads", source)),
        lead_ins=tuple(longest_first(_strings(raw, "lead_ins", source))),
        being_lead_ins=tuple(longest_first(_strings(raw, "being_lead_ins", source))),
        trailing_cues=tuple(longest_first(_strings(raw, "trailing_cues", source))),
        cuts=tuple(v for v in raw.get("heads_after_cuts", ()) if isinstance(v, str)),
        lowercase_first=frozenset(_strings(raw, "lowercase_first", source)),
        unclear_pronouns=frozenset(_strings(raw, "unclear_pronouns", source)),
        max_phrase_words=limit,
        skip_headings=tuple(_strings(raw, "extra_skip_headings", source)),
        participles=frozenset(_strings(raw, "participles", source)),
    )
    object.__setattr__(phrasing, "ing_forms", frozenset(phrasing.gerund(v) for v in verbs))
    return phrasing


@functools.cache
def load_phrasing(duty_verbs: frozenset[str]) -> Phrasing:
    """The packaged phrasing file, loaded and validated once."""
    source = f"nextround/coach/data/{PHRASING_FILE}"
    text = resources.files("nextround.coach").joinpath("data", PHRASING_FILE).read_text("utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PhrasingError(f"{source}: line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    return parse_phrasing(raw, source, duty_verbs)


def without_doer(text: str) -> str:
    """The line without who does it: "You will mentor two engineers" -> "mentor two engineers"."""
    return _DOER.sub("", text.strip(), count=1)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _starts_duty(text: str, p: Phrasing) -> bool:
    """True when text opens a duty: "review their code", "coordinating the team", "you'll lead"."""
    rest = _DOER.sub("", text.strip(), count=1)
    words = _words(rest)
    if len(words) < MIN_PART_WORDS:
        return False
    return p.is_verb(words[0]) or p.is_ing(words[0])


def _has_object(text: str, p: Phrasing) -> bool:
    """A part that is more than a run of verbs ("Assess, plan, deliver" is not)."""
    words = [w for w in _words(_DOER.sub("", text.strip(), count=1)) if w.lower() != "and"]
    return any(not (p.is_verb(w) or p.is_ing(w)) for w in words[1:]) and len(words) >= 2


def _starts_requirement(text: str, p: Phrasing) -> bool:
    lowered = " ".join(text.lower().split())
    return any(lowered == h or lowered.startswith(h + " ") for h in p.heads)


def split_parts(text: str, role: Role, p: Phrasing, has_cue: Any = None) -> list[tuple[int, int]]:
    """(start, end) of each separate thing a line names, in order; the whole line if one.

    Duties divide where a new verb starts ("… and review their code", ", coordinating …");
    requirements where a new requirement starts ("… and at least two years' experience",
    ", as is familiarity with …", "; …"). A list of like things ("Knowledge of A and B") stays.
    """
    cuts: list[tuple[int, int]] = []  # (end of left part, start of right part)
    for match in _SEPARATOR.finditer(text):
        left = text[cuts[-1][1] if cuts else 0 : match.start()]
        right = text[match.end() :]
        if len(_words(left)) < MIN_PART_WORDS or len(_words(right)) < MIN_PART_WORDS:
            continue
        separator = match.group(0)
        if separator.startswith(";"):
            cuts.append((match.start(), match.end()))
        elif role == "duty":
            if _starts_duty(right, p) and _has_object(left, p):
                cuts.append((match.start(), match.end()))
        elif " as " in separator:
            cuts.append((match.start(), match.end()))
        elif separator.strip() == "," or separator.startswith(", and") or "and" in separator:
            own_clause = separator.startswith(", and") and has_cue is not None and has_cue(right)
            if _starts_requirement(right, p) or (own_clause and len(_words(right)) >= 3):
                cuts.append((match.start(), match.end()))
    if role == "requirement":
        for match in _YEARS_AFTER_INCLUDING.finditer(text):
            if not any(s <= match.start() < e for s, e in cuts):
                cuts.append((match.start(), match.end()))
        cuts.sort()
    parts = []
    start = 0
    for end, next_start in cuts:
        parts.append((start, end))
        start = next_start
    parts.append((start, len(text)))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in parts) if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;:.–—-":
        start += 1
    while end > start and text[end - 1] in " ,;:.–—-":
        end -= 1
    return start, end


def noun_phrase(text: str, p: Phrasing) -> str:
    """A short noun phrase for a requirement or duty, to go in a sentence slot; "" if none.

    "Mentor two junior engineers" -> "mentoring two junior engineers"; "You will need current
    NMC registration" -> "current NMC registration"; "A CIM qualification would be an
    advantage" -> "a CIM qualification". A phrase that would lean on words outside it ("review
    their code") or run long is left empty rather than made wrong.
    """
    phrase = " ".join(text.split()).strip(" .;:,")
    if not phrase:
        return ""
    lowered = phrase.lower().replace("’", "'")
    being = having = False
    for lead in p.lead_ins:
        if lowered.startswith(lead + " "):
            phrase = phrase[len(lead) :].strip()
            having = lead.endswith("have")
            break
    else:
        for lead in p.being_lead_ins:
            if lowered.startswith(lead + " "):
                phrase, being = phrase[len(lead) :].strip(), True
                break
    phrase = _DOER.sub("", phrase, count=1)
    # Asides in brackets ("a WMS (we use Manhattan) and Excel") are not part of the phrase.
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase)
    if re.match(r"be\s", phrase):
        phrase, being = phrase[3:], True
    first_word = phrase.split()[0].lower() if phrase.split() else ""
    if having and (first_word in p.participles or first_word.endswith("ed")):
        phrase = "having " + phrase
    elif first_word == "you" and len(phrase.split()) > 1 and p.is_verb(phrase.split()[1]):
        phrase = phrase.split(None, 1)[1]
    for cue in p.trailing_cues:
        match = re.search(rf"\s(?:(?:is|are|would be|will be)\s+)?{re.escape(cue)}\b", phrase, re.I)
        if match and match.start() > 0:
            phrase = phrase[: match.start()]
            break
    for cut in p.cuts:
        index = phrase.find(cut)
        if index > 0:
            phrase = phrase[:index]
    phrase = phrase.strip(" .;:,–—-")
    words = phrase.split()
    if not words:
        return ""
    words[0] = _lower_first(words[0], words[1:], p)
    bare = words[0].lower().strip(",")
    if being:
        # "You are a marketer with…" keeps its noun; "You will be calm…" becomes "being calm…".
        if bare not in ("a", "an", "the"):
            words = ["being", *words]
    elif bare == "ability":
        words = ["the", *words]
    elif bare == "able":
        words = ["being", *words]
    elif p.is_verb(bare) and not _is_noun_use(words, p):
        # Imperative duty lines, and runs of them: "Assess, plan and deliver care".
        index = 0
        while index < len(words):
            word = words[index]
            core = word.rstrip(",").lower()
            if core == "and" or core == "or":
                index += 1
                continue
            if not p.is_verb(core):
                break
            words[index] = p.gerund(core) + word[len(core) :]
            index += 1
    elif bare in ("we", "our", "i", "you", "your", "it", "this", "they", "there"):
        return ""
    if len(words) > p.max_phrase_words:
        return ""
    if any(w.lower().strip(",.()") in p.unclear_pronouns for w in words):
        return ""
    return " ".join(words)


def _is_noun_use(words: list[str], p: Phrasing) -> bool:
    """A line that opens with a noun spelt like a verb ('Research skills', 'Experience')."""
    if len(words) == 1:
        return True
    following = words[1].lower()
    return following in ("skills", "experience", "knowledge", "qualification", "of") or (
        words[0].lower() in p.heads
    )


def _lower_first(word: str, rest: list[str], p: Phrasing) -> str:
    bare = word.lower()
    if bare in ("a", "an"):
        return bare
    if word.isupper() or any(c.isdigit() for c in word) or word == bare:
        return word
    if bare in p.lowercase_first or p.is_ing(bare.rstrip(",")) or bare == "being":
        return bare
    return word

"""Split a requirement or duty line into the separate things it names; a noun phrase for each."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

FORMAT_VERSION = 1
PHRASING_FILE = "requirement_phrasing.json"
Role = Literal["requirement", "duty"]
# A part of a line is kept apart only when it has at least this many words.
MIN_PART_WORDS = 2
_WORD = re.compile(r"[\w'’+#&/-]+")
# Where a line may divide: a semicolon, ", and", ", as is", ", as would", "and", or a comma.
_SEPARATOR = re.compile(
    r";\s*|,?\s+and\s+(?:also\s+)?|,\s+as (?:is|are|would|will|does|do)\s+|,\s+(?=\w)"
)
# ", with at least three years' experience": a second requirement hung on the first.
_WITH_REQUIREMENT = re.compile(r",\s+with\s+(?=\S)")
# Words a part may not end on if the next part is to stand alone: "responsible for generating
# and closing new business" and "including reviewing and improving schemes" are one thing each.
_OPEN_ENDS = frozenset(
    {
        "for",
        "of",
        "to",
        "in",
        "on",
        "with",
        "from",
        "by",
        "at",
        "into",
        "including",
        "the",
        "a",
        "an",
        "both",
        "either",
        "as",
        "or",
    }
)
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


# "is essential", "are all strongly preferred", "would be a real advantage but training is
# available": how much the job wants it, cut from the phrase with what follows.
_KIND_VERB = r"(?:is|are|would be|will be)(?:\s+all)?(?:\s+(?:\w+ly|also|very))?"
_KIND_TAIL = re.compile(
    rf"\s+{_KIND_VERB}\s+(?:an?\s+)?(?:(?:real|big|great|definite|distinct|huge|added|"
    r"significant|strong)\s+)?(?:advantage|advantageous|bonus|plus|asset|desirable|essential|"
    r"preferred|required|helpful|useful|beneficial|welcome|must|necessary)\b.*$",
    re.IGNORECASE,
)
_CIRCUMSTANCE = re.compile(
    r",?\s+(?:as and when|when|where|if|as)\s+(?:required|needed|necessary|appropriate|"
    r"requested|directed|applicable)\s*[.;]?$",
    re.IGNORECASE,
)
_VERB_PREFIXES = frozenset({"re", "co", "pre", "de", "up", "over", "under", "cross"})
# "line manage two teachers" -> "line managing two teachers"
_LINE_MANAGE = re.compile(r"^(line[ -])manage\b", re.IGNORECASE)
# Words a phrase cannot end on.
_DANGLING = frozenset(
    {
        "when",
        "where",
        "if",
        "as",
        "and",
        "or",
        "of",
        "to",
        "the",
        "a",
        "an",
        "with",
        "for",
        "in",
        "on",
        "by",
        "from",
        "at",
        "including",
        "while",
        "whilst",
        "but",
        "that",
        "which",
        "who",
    }
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
    extra_headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    manner_participles: frozenset[str] = frozenset()

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
    headings = raw.get("extra_headings", {})
    if not isinstance(headings, dict):
        raise PhrasingError(f"{source}: 'extra_headings' must map sections to lists of headings")
    extra_headings = {str(k): _strings(headings, k, f"{source}: extra_headings") for k in headings}
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
        extra_headings=extra_headings,
        manner_participles=frozenset(_strings(raw, "manner_participles", source)),
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
    lowered = " ".join(text.lower().replace("’", "'").split())
    # "you'll be confident …" starts a new ask; ", ideally AWS" qualifies the one before it.
    heads = (*p.heads, *(h for h in (*p.lead_ins, *p.being_lead_ins) if " " in h))
    return any(lowered == h or lowered.startswith(h + " ") for h in heads)


def _in_brackets(text: str, index: int) -> bool:
    """True when text[index] sits inside round brackets ("(Airflow today; evaluating Dagster)")."""
    before = text[:index]
    return before.count("(") > before.count(")")


def _ends_open(text: str, p: Phrasing) -> bool:
    """A part that cannot stand alone: it ends on a word that wants what follows."""
    words = [w.lower() for w in _words(text)]
    if not words:
        return True
    # "for generating", "including reviewing": an -ing word that still wants its object.
    after_open = len(words) > 1 and words[-2] in _OPEN_ENDS and p.is_ing(words[-1])
    return words[-1] in _OPEN_ENDS or after_open


def _same_form(left: str, right: str, p: Phrasing) -> bool:
    """ "Agreeing … and enforcing …", "Mentor … and review …": duties joined by "and" match.

    "Tuning schemas and queries for our document and audit tables" is one duty: the "audit"
    after "and" is not in the form of the duty that leads the line.
    """
    first = _words(_DOER.sub("", left.strip(), count=1))
    other = _words(_DOER.sub("", right.strip(), count=1))
    if not first or not other:
        return False
    return p.is_ing(first[0]) == p.is_ing(other[0])


def _participle_phrase(left: str, separator: str, right: str, p: Phrasing) -> bool:
    """Whether an -ing phrase (", using NEWS2 …") belongs to the duty before it.

    An -ing phrase of how ("using", "following", "turning … into …") stays with the duty; one
    that names another task (", coordinating the team") is a duty of its own, and so is every
    part of a list of -ing duties ("Keeping an eye on spend, making trade-offs").
    """
    if separator.strip() != ",":
        return False
    words = _words(right)
    if not words or words[0].lower() not in p.manner_participles:
        return False
    first = _words(_DOER.sub("", left.strip(), count=1))
    return not (first and p.is_ing(first[0]))


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
        if _in_brackets(text, match.start()):
            continue
        separator = match.group(0)
        if separator.startswith(";"):
            cuts.append((match.start(), match.end()))
        elif role == "duty":
            if (
                _starts_duty(right, p)
                and _has_object(left, p)
                and not _ends_open(left, p)
                and not _participle_phrase(left, separator, right, p)
                and (separator.lstrip().startswith(",") or _same_form(left, right, p))
            ):
                cuts.append((match.start(), match.end()))
        elif " as " in separator:
            cuts.append((match.start(), match.end()))
        elif separator.strip() == "," or separator.startswith(", and") or "and" in separator:
            own_clause = separator.startswith(", and") and has_cue is not None and has_cue(right)
            # "… and be happy to travel", ", and in working with families …": a new ask.
            new_ask = "and" in separator and re.match(r"(?:be|in|of)\s", right) is not None
            new_ask = new_ask and (right.startswith("be ") or separator.startswith(","))
            if (
                _starts_requirement(right, p)
                or (own_clause and len(_words(right)) >= 3)
                or (new_ask and len(_words(right)) >= 3 and not _ends_open(left, p))
            ):
                cuts.append((match.start(), match.end()))
    if role == "requirement":
        for match in _YEARS_AFTER_INCLUDING.finditer(text):
            if not any(s <= match.start() < e for s, e in cuts):
                cuts.append((match.start(), match.end()))
        for match in _WITH_REQUIREMENT.finditer(text):
            right = text[match.end() :]
            if (
                _starts_requirement(right, p)
                and len(_words(right)) >= 3
                and not _in_brackets(text, match.start())
                and not any(s <= match.start() < e for s, e in cuts)
            ):
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
    # "in working with families who may be resistant", a part split from "Skills in …, and in …"
    phrase = re.sub(r"^(?:in|of)\s+(?=\w+ing\b)", "", phrase)
    # "when required", "as needed": the circumstance, not the thing; dropped whole.
    phrase = _CIRCUMSTANCE.sub("", phrase).strip(" .;:,")
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
    phrase = _LINE_MANAGE.sub(r"\1managing", phrase)
    # Asides in brackets ("a WMS (we use Manhattan) and Excel") are not part of the phrase.
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase)
    imperative_be = bool(re.match(r"be\s", phrase, re.IGNORECASE))
    if imperative_be:
        # "Be the day to day contact for our clients": a duty, said as "being the … contact".
        phrase, being = phrase[3:], True
    # "Responsible for the safe running of the site" -> "being responsible for the safe …"
    if re.match(r"responsible\s+for\s", phrase, re.IGNORECASE):
        phrase, being = "r" + phrase[1:], True
    if being:
        # "admitted to the bar or be eligible" -> "… or being eligible"
        phrase = re.sub(r"\s(and|or)\sbe\s", r" \1 being ", phrase)
    first_word = phrase.split()[0].lower() if phrase.split() else ""
    if having and (first_word in p.participles or first_word.endswith("ed")):
        phrase = "having " + phrase
    elif first_word == "you" and len(phrase.split()) > 1 and p.is_verb(phrase.split()[1]):
        phrase = phrase.split(None, 1)[1]
    tail = _KIND_TAIL.search(phrase)
    if tail and tail.start() > 0:
        phrase = phrase[: tail.start()]
    for cue in p.trailing_cues:
        match = re.search(rf"\s(?:{_KIND_VERB}\s+)?{re.escape(cue)}\b", phrase, re.I)
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
    # A phrase cut short ("Deputise for the Ward Manager when") is worse than none.
    if words[-1].lower().strip(",") in _DANGLING:
        return ""
    words[0] = _lower_first(words[0], words[1:], p)
    bare = words[0].lower().strip(",")
    if being:
        # "You are a marketer with…" keeps its noun; "You will be calm…" becomes "being calm…".
        if bare not in ("a", "an", "the") or imperative_be or bare == "the":
            words = ["being", *words]
    elif bare == "ability":
        words = ["the", *words]
    elif bare == "able":
        words = ["being", *words]
    elif p.is_verb(bare) and not _is_noun_use(words, p) and not _acronym(words[0]):
        # Imperative duty lines, and runs of them: "Assess, plan and deliver care". The run goes
        # on only past a comma, "and" or "or": in "undertake direct work" only the first is one.
        index = 0
        joined = True
        while index < len(words):
            word = words[index]
            core = word.rstrip(",").lower()
            if core == "and" or core == "or":
                index += 1
                joined = True
                continue
            if not joined or not p.is_verb(core):
                break
            words[index] = p.gerund(core) + word[len(core) :]
            joined = word.endswith(",")
            index += 1
        # "taking and defend depositions": the verb after "and" was not known; no phrase.
        after_and = index < len(words) and words[index - 1].lower() in ("and", "or")
        if after_and and _looks_like_verb(words[index]):
            return ""
    elif len(words) > 1 and words[-1].lower() == "qualified":
        # "ACA, ACCA or CIMA qualified" -> "being ACA, ACCA or CIMA qualified"
        words = ["being", *words]
    elif bare in ("we", "our", "i", "you", "your", "it", "this", "they", "there"):
        return ""
    if len(words) > p.max_phrase_words:
        # "leading daily operations across all outlets, being visible on the floor at key
        # services": a long phrase keeps its duty and drops the -ing phrase after it.
        words = _without_participle_tail(words, p)
        if len(words) > p.max_phrase_words:
            return ""
    if any(w.lower().strip(",.()") in p.unclear_pronouns for w in words):
        return ""
    return " ".join(words)


def _without_participle_tail(words: list[str], p: Phrasing) -> list[str]:
    """The words before a trailing ", being visible on the floor" or ", with roughly 70% …"."""
    for index in range(2, len(words)):
        following = words[index].lower()
        tail = p.is_ing(following) or following in p.manner_participles or following == "with"
        if words[index - 1].endswith(",") and (tail or following in p.participles):
            kept = words[:index]
            kept[-1] = kept[-1].rstrip(",")
            return kept
    return words


def _looks_like_verb(word: str) -> bool:
    """A word spelt like a verb in the base form ("defend", "appoint", "finalise")."""
    bare = word.lower().strip(",")
    return bare.isalpha() and not bare.endswith(("s", "ing", "ed", "ly", "tion", "ment", "ness"))


def _is_noun_use(words: list[str], p: Phrasing) -> bool:
    """A line that opens with a noun spelt like a verb ('Research skills', 'Experience')."""
    if len(words) == 1:
        return True
    following = words[1].lower()
    return following in ("skills", "experience", "knowledge", "qualification", "of") or (
        words[0].lower() in p.heads
    )


def _acronym(word: str) -> bool:
    """ "SEND", "CAD", "LEAD": a name in capitals, never the verb it spells."""
    letters = word.strip(",.;:()")
    return len(letters) > 1 and letters.isupper()


def _lower_first(word: str, rest: list[str], p: Phrasing) -> str:
    bare = word.lower()
    if bare in ("a", "an"):
        return bare
    if word.isupper() or any(c.isdigit() for c in word) or word == bare:
        return word
    if len(rest) > 1 and rest[0] in ("or", "and") and rest[1][:1].isupper():
        return word  # "Intermediate or Advanced Life Support" is a name
    if bare in p.lowercase_first or p.is_ing(bare.rstrip(",")) or bare == "being":
        return bare
    prefix, _, stem = bare.partition("-")
    if prefix in _VERB_PREFIXES and stem.endswith("ing"):
        return bare  # "Re-architecting webhook delivery"
    return word

"""Evidence: which stories back which requirement, with a plain reason; honest gaps otherwise.

A story backs a requirement when what it says is close in meaning to what the requirement asks
for (the embedding cosine of the two, where the model is installed) or, without the model, when
the two share a distinctive term (a tool, a qualification, a skill the story is tagged with) and
more. A single common word in common ("support", "run", "want") never makes a match: that is
how a charity 10k ended up backing "a long run of delivery".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from nextround.coach.classify import COMPETENCY_CUES
from nextround.coach.text import stem
from nextround.coach.wordlists import wordlists

# `similarity(a, b)`: the raw cosine of the two texts' sentence embeddings (about -0.1 to 1).
Similarity = Callable[[str, str], float]
Confidence = Literal["linked", "strong", "possible"]

# Bars on the raw MiniLM cosine, chosen on the development scenarios for precision (docs/brief.md):
# at these bars nine stories in ten that the brief names as backing are the ones an expert would
# use (0.38 and 0.26 named the wrong story in one case in five); a distinctive shared term lowers
# the bar to SUPPORTED_COSINE; between POSSIBLE_COSINE and the bar a story is only offered as
# "might fit: check it", never as backing.
STRONG_COSINE = 0.46
SUPPORTED_COSINE = 0.30
POSSIBLE_COSINE = 0.26
# Backing by meaning, with under two of the requirement's words in what the story did, needs this.
WORDLESS_COSINE = 0.60
# A story the candidate tagged with the requirement's own tool or qualification ("SQL") backs it
# unless what it says is far from it.
TAGGED_COSINE = 0.12
# A duty is backed by a story that says at least this many of its words in what was done
# ("renewals" and "own" for "Own renewals against a retention target"), or names its terms.
DUTY_OVERLAP = 2
# Kept for callers that pass their own minimum (0-1 on the score below).
SUGGEST_MIN = 0.5
_WORD = re.compile(r"[\w+#&/]+")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&+#/]{1,7}\b|\b\w*\d\w*\b")
_EXTRA_STOP = frozenset(
    {"such", "other", "across", "several", "various", "within", "using", "use", "new", "high"}
)
_PARTS = ("skills", "title", "action", "result", "metrics", "task", "situation")
# Where a term was found, said as a person would.
_WHERE = {
    "skills": "you tagged it {terms}",
    "title": "its title names {terms}",
    "action": "what you did names {terms}",
    "result": "its result names {terms}",
    "metrics": "its numbers name {terms}",
    "task": "what you were asked to do names {terms}",
    "situation": "its setting names {terms}",
}
_NUMBER = re.compile(r"\d")
# A qualification, registration or body of knowledge is held, not shown by a story: a story backs
# it only when it names it.
# What is held, however a requirement words it: a registration (not post-registration
# experience), a qualification, a degree, a licence, a membership, a card.
_HELD_WORDS = (
    r"(?<!post-)(?<!pre-)(?<!post )(?<!pre )registration|registered|qualified|"
    r"(?<!post-)(?<!post )qualification|status|degree|certificat\w*|B\.?Sc|B\.?A\b|M\.?Sc|MBA|"
    r"PhD|HND|HNC|licen[cs]e|admitted|admission to (?:the )?(?:roll|register|bar)|membership|"
    r"chartered|accredit\w*|CSCS|SMSTS|PQE|"
    # "A levels" held, never "teaching A level" (experience, told as a story).
    r"(?<!teaching )(?<!teach )A[- ]levels?|(?<!teaching )AS[- ]levels?"
)
_CREDENTIAL = re.compile(
    rf"\b(?:{_HELD_WORDS}|knowledge|understanding of)\b",
    re.IGNORECASE,
)


# A story from the candidate's own life ("Organising my brother's wedding") may show a skill, but
# not the experience a job asks for: it is offered to check, never as backing.
_PERSONAL = re.compile(
    r"\bmy (?:own |little |older |younger |best )?(?:brother|sister|mum|mom|mother|dad|father|"
    r"parents|friend|friends|partner|wife|husband|son|daughter|family|cousin|aunt|uncle|"
    r"neighbou?r|gran|grandma|grandad|grandfather|grandmother|kids|children|wedding|bike|car|"
    r"house|flat|garden|holiday|hobby)(?:'s|s'|s)?\b",
    re.IGNORECASE,
)


def is_personal(story: StoryText) -> bool:
    """Whether a story is from the candidate's own life rather than work or study."""
    return bool(_PERSONAL.search(f"{story.title} {story.situation} {story.task}"))


# "At least 3 years as…", "5+ years' experience": time served, shown by a career, not a story.
_TENURE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*(?:years?|yrs)\b",
    re.IGNORECASE,
)


def is_tenure(text: str) -> bool:
    """Whether a requirement asks for years served ("at least 3 years as…")."""
    return bool(_TENURE.search(text))


def is_credential(text: str) -> bool:
    """Whether a requirement is something held (a registration, a qualification, knowledge)."""
    return bool(_CREDENTIAL.search(text) or _HELD.search(text))


# Held, never shown by a story that does not name it: a registration, a qualification, a course
# passed ("Designated Safeguarding Lead training", "the NPQ for Leading Behaviour"). Knowledge
# ("a thorough understanding of safeguarding") is shown in what the candidate did, and a story
# may back it like any other requirement.
_HELD = re.compile(
    rf"\b(?:{_HELD_WORDS}|NPQ\w*|PGCE|QTS|NVQ|diploma|IOSH|NEBOSH|CIPD|ACCA|CIMA|"
    r"PRINCE2|Managing Safely|"
    r"(?:lead|leads|level \d|deputy\)?|DSL|first aid|formal|mandatory|accredited|certified)"
    r" training)\b",
    re.IGNORECASE,
)


# A language the job asks for: spoken, not shown by a story.
_LANGUAGE = re.compile(
    r"\b(?:German|French|Spanish|Italian|Welsh|Gaelic|Irish|Mandarin|Cantonese|Arabic|Polish|"
    r"Portuguese|Dutch|Japanese|Korean|Hindi|Urdu|Punjabi|Bengali|Russian|Turkish|Swedish|"
    r"Norwegian|Danish|Finnish|BSL|British Sign Language)\b(?:\s+(?:or|and|/)\s+\w+)*"
    r"(?:\s+(?:speaker|language|fluency|skills?))?\s*\)?\s*$|"
    r"\b(?i:fluent|bilingual|(?:second|another|additional|foreign) (?:\w+ )?language)\b"
)


def is_language(text: str) -> bool:
    """Whether a requirement is a language to speak ("German or French", "Fluent Welsh")."""
    return bool(_LANGUAGE.search(text.strip(" .")))


# A condition of the job: a working pattern, travel, where it is based, the right to work. Agreed
# to, never shown by a story ("Working a 4-on 4-off nights pattern", "Travel between sites").
_CONDITION = re.compile(
    r"\b(?:\d+[- ]on[,/ -]+\d+[- ]off|shift patterns?|rotating shifts|night shifts?|"
    r"(?:working|work|cover(?:ing)?) (?:nights|weekends|shifts|evenings|bank holidays|"
    r"unsociable hours|a rota)|weekend working|on-call rota|"
    r"(?:willing|able|prepared|available|happy) to (?:work (?:nights|weekends|shifts|evenings)|"
    r"travel|relocate|be on call|commute)|travel (?:between|to|across|around|within)\b|"
    r"(?:regular|frequent|occasional|national|international|UK-wide) travel|"
    r"right to work|based (?:in|at) |(?:on-call|on call) (?:rota|duties|commitment)|"
    r"(?:join\w*|participat\w*(?: in)?|take part in) (?:the |an? )?(?:\w+ )?(?:on-call|on call)|"
    r"working rota|\d-day (?:working|rota)|(?:enhanced )?(?:DBS|PVG)\b|"
    r"disclosure (?:check|scotland)|security clearance|vetting|"
    # Hours, days and places: "Full-time, 1265 directed hours", "two days a week in our
    # Shoreditch office", "department meetings on Tuesdays", "parents' evenings (5 a year)".
    r"\b(?:full|part)[- ]time(?=,|\s+(?:post|role|position|contract|hours|basis|permanent|\d)|"
    r"\s*[.;]?$)|\d[\d.,]*\s+(?:directed|contracted|working) hours\b|"
    r"\d[\d.,]*\s+hours (?:per|a|each) (?:week|year)\b|"
    r"hybrid\b|(?:days?|times) a week (?:in|at|from)\b|office[- ]based|remote[- ]first|"
    r"(?:meetings?|briefings?) (?:on|every) (?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?)|"
    r"evening commitments?|parents'? evenings?|open evenings?|"
    r"(?:weekend|late[- ]duty|late|night|duty|on[- ]call|seven[- ]day|7[- ]day)"
    r"(?: and [\w-]+)? rota\b|\b\d+ in \d+ weekends?|"
    r"rotational (?:post|role)|(?:occasional|some) cover (?:at|for|across)|"
    r"(?:a |the )?timetable of (?:around |about |approximately )?\d+\s*%|"
    r"\d+\s*% (?:teaching )?timetable)",
    re.IGNORECASE,
)


def is_condition(text: str) -> bool:
    """Whether a requirement is a condition of the job to agree to (a shift pattern, travel)."""
    return bool(_CONDITION.search(text))


_TO_TAKE_ON = re.compile(
    r"\b(?:willing(?:ness)? to (?:complete|undertake|work towards|study|train|gain|achieve|obtain)|"
    r"(?:working|work) towards|commitment to (?:complete|undertake|gain|achieve|study)|"
    r"(?:complete|gain|achieve|obtain) (?:it |this |one )?within \w+ (?:months|years?))\b",
    re.I,
)


def is_to_take_on(text: str) -> bool:
    """Whether a requirement is something to start once in the job ("or willingness to
    complete it within two years"), shown by a plan, never held."""
    return bool(_TO_TAKE_ON.search(text))


def is_held(text: str) -> bool:
    """Whether a requirement is held rather than shown (a registration, a qualification)."""
    return bool(_HELD.search(text))


@dataclass(frozen=True)
class RequirementText:
    id: int | None
    text: str
    kind: str = "must"


@dataclass(frozen=True)
class StoryText:
    id: int
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    skills: tuple[str, ...] = ()
    metrics: str = ""

    @property
    def full_text(self) -> str:
        parts = (self.title, self.situation, self.task, self.action, self.result, self.metrics)
        return " ".join((*parts, *self.skills))

    @property
    def core_text(self) -> str:
        """What the story shows: its title, what the candidate did and what came of it."""
        return " ".join(p for p in (self.title, self.action, self.result, self.metrics) if p)


@dataclass(frozen=True)
class StoryMatch:
    story_id: int
    title: str
    score: float  # 0-1, for ordering; 1.0 for a story the candidate linked
    reason: str  # in plain words, never a number
    linked: bool = False
    shared: tuple[str, ...] = ()
    confidence: Confidence = "strong"
    # The requirement's own words in what the candidate did (title, action, result, skills).
    overlap: int = 0
    # How close, uncapped: stories of one field all read near in meaning, so the closest in
    # meaning and in the requirement's own words goes first, never the first by title.
    closeness: float = 0.0


@dataclass(frozen=True)
class RequirementEvidence:
    requirement: RequirementText
    matches: tuple[StoryMatch, ...]  # linked, then strong matches: the stories that back it
    maybe: tuple[StoryMatch, ...] = ()  # might fit, for the candidate to check

    @property
    def best(self) -> StoryMatch | None:
        return self.matches[0] if self.matches else None


@dataclass(frozen=True)
class EvidenceMap:
    rows: tuple[RequirementEvidence, ...]
    gaps: tuple[RequirementText, ...]  # no linked story and none that truly backs it
    unused: tuple[StoryText, ...]  # stories that back no requirement, nor might

    def row_for(self, requirement_text: str) -> RequirementEvidence | None:
        return next((r for r in self.rows if r.requirement.text == requirement_text), None)


@functools.cache
def _stop() -> frozenset[str]:
    lists = wordlists().sets
    return frozenset(lists["stopwords"] | lists["requirement_generic"] | _EXTRA_STOP)


def content_stems(text: str) -> dict[str, str]:
    """The text's content words: stem to the word as written, generic requirement words left out."""
    stop = _stop()
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        lowered = word.lower()
        if lowered in stop or len(lowered) < 2 or lowered.isdigit():
            continue
        found.setdefault(stem(lowered), word)
    return found


def competencies(text: str) -> frozenset[str]:
    """The competencies a text touches, from the question classifier's cues."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    return frozenset(
        name
        for name, cues in COMPETENCY_CUES.items()
        if any(c.pattern.search(lowered) for c in cues)
    )


_SUCH_AS = re.compile(
    r"\b(?:such as|e\.g\.?|eg|like|including|for example)\s+(?P<list>[^.;()]+)", re.I
)


def named_tools(text: str) -> tuple[str, ...]:
    """Products a requirement names as examples ("a CS platform such as Gainsight or
    ChurnZero"): the capitalised names after "such as", "e.g." or "including"."""
    found: list[str] = []
    for hit in _SUCH_AS.finditer(text):
        for word in re.findall(r"\b[A-Z][\w+#.-]*[A-Za-z0-9+#]", hit.group("list")):
            if word.lower() not in _stop() and word not in ("I", "A"):
                found.append(word)
    return tuple(dict.fromkeys(found))


def _names_any(story: StoryText, names: Sequence[str]) -> bool:
    said = story.full_text.lower()
    return any(re.search(rf"\b{re.escape(n.lower())}\b", said) for n in names)


def distinctive_terms(text: str) -> tuple[str, ...]:
    """Terms of a text specific enough that sharing one means something: tools, acronyms."""
    from nextround.coach.requirements import describe_requirement

    _, terms = describe_requirement(text)
    found = list(terms)
    for hit in _ACRONYM.finditer(text):
        word = hit.group(0)
        if not word.isdigit() and word.upper() == word and word.lower() not in _stop():
            found.append(word)
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class _StoryIndex:
    story: StoryText
    parts: dict[str, str]  # part name -> lower-cased text
    stems: dict[str, str]  # stem -> the first part it appears in (by _PARTS order)
    skills: frozenset[str]
    text: str
    core: str


def _index(story: StoryText) -> _StoryIndex:
    parts = {
        "skills": " ; ".join(story.skills),
        "title": story.title,
        "action": story.action,
        "result": story.result,
        "metrics": story.metrics,
        "task": story.task,
        "situation": story.situation,
    }
    stems: dict[str, str] = {}
    for part in _PARTS:
        for key in content_stems(parts[part]):
            stems.setdefault(key, part)
    return _StoryIndex(
        story,
        {k: v.lower() for k, v in parts.items()},
        stems,
        frozenset(s.strip().lower() for s in story.skills if s.strip()),
        story.full_text,
        story.core_text,
    )


def _term_part(term: str, index: _StoryIndex) -> str | None:
    pattern = re.compile(rf"(?<![\w]){re.escape(term.lower())}(?![\w])")
    for part in _PARTS:
        if pattern.search(index.parts[part]):
            return part
    return None


def _where(found: dict[str, list[str]]) -> str:
    said = []
    for part in _PARTS:
        if part in found:
            terms = _and([f"“{t}”" if part == "skills" else t for t in found[part]])
            said.append(_WHERE[part].format(terms=terms))
    joined = "; ".join(said)
    return joined[:1].upper() + joined[1:]


def _and(words: Sequence[str]) -> str:
    words = list(dict.fromkeys(words))
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _score(
    text: str,
    wanted: dict[str, str],
    terms: tuple[str, ...],
    index: _StoryIndex,
    similarity: Similarity | None,
    credential: bool = False,
) -> StoryMatch | None:
    term_parts: dict[str, list[str]] = {}
    for term in terms:
        part = _term_part(term, index)
        if part is not None:
            term_parts.setdefault(part, []).append(term)
    # A skill the candidate tagged the story with that the requirement names ("leading change"
    # in "Evidence of leading change and influencing senior staff") is their own claim.
    for tag in index.story.skills:
        stems = set(content_stems(tag))
        if len(stems) >= 2 and stems <= set(wanted) and tag not in term_parts.get("skills", []):
            term_parts.setdefault("skills", []).append(tag)
    shown = {p: w for p, w in term_parts.items() if p in ("skills", "title", "action", "result")}
    shared = [(wanted[k], index.stems[k]) for k in wanted if k in index.stems]
    doing = [w for w, part in shared if part in ("skills", "title", "action", "result")]
    if credential and not _names_credential(shown, wanted):
        return None
    # "Working knowledge of the Eurocodes, in particular EC2 and EC3" and a story whose action
    # designs to EC3 and EC2: the thing named is named, whatever the rest of the words.
    named = is_credential(text) and any(
        c.isupper() or c.isdigit()
        for part in ("action", "result", "skills")
        for t in shown.get(part, ())
        for c in t
    )
    if similarity is not None:
        cosine = max(float(similarity(text, index.text)), float(similarity(text, index.core)))
        # A tag is the candidate's own claim: it backs a requirement only where the story says
        # what was done ("Standard costing: I passed the exams" tags a skill it never shows).
        shown_text = f"{index.story.action} {index.story.result}"
        tagged = (
            cosine >= TAGGED_COSINE
            and any(map(_specific, term_parts.get("skills", ())))
            and (
                len(index.story.action.split()) >= THIN_ACTION_WORDS
                or any(
                    # a named tool ("SQL") is shown by using it; a skill by what was done
                    any(c.isupper() or c.isdigit() for c in tag)
                    or set(content_stems(tag)) & set(content_stems(shown_text))
                    for tag in term_parts.get("skills", ())
                )
            )
        )
        # Named only in the title or the tags, with hardly a word of what was done: a claim.
        story = index.story
        told = set(content_stems(f"{story.situation} {story.task} {story.action} {story.result}"))
        claimed_only = (
            bool(shown)
            and not any(
                set(content_stems(term)) & told for terms in shown.values() for term in terms
            )
            and len(story.action.split()) < THIN_ACTION_WORDS
        )
        supported = bool(shown) and cosine >= SUPPORTED_COSINE and not claimed_only
        if cosine >= STRONG_COSINE or supported or tagged or named:
            confidence: Confidence = "strong"
        elif cosine >= POSSIBLE_COSINE:
            confidence = "possible"
        else:
            return None
        if confidence == "strong" and is_personal(index.story):
            confidence = "possible"
        if (
            confidence == "strong"
            and not shown
            and len(set(doing)) < 2
            and cosine < WORDLESS_COSINE
        ):
            # Close in meaning with hardly a word of the requirement in what was done: a
            # pre-proceedings assessment ("proceedings were avoided") is near "giving evidence in
            # care proceedings", and is not it. Offered to check, never as backing.
            confidence = "possible"
        closeness = cosine + 0.1 * len(shown) + 0.05 * len(set(doing))
        score = max(0.0, min(1.0, 0.5 + (cosine - STRONG_COSINE) * 2 + 0.1 * len(shown)))
    else:
        # Words alone: a distinctive term and another word, or most of the requirement's words
        # in what the candidate did. One common word in common is never enough.
        covered = len(shared) / len(wanted) if wanted else 0.0
        if (shown and len(shared) >= 2) or len(doing) >= 3 or (len(doing) >= 2 and covered >= 0.6):
            confidence = "strong"
        elif shown or len(doing) >= 2:
            confidence = "possible"
        else:
            return None
        if confidence == "strong" and is_personal(index.story):
            confidence = "possible"
        score = min(1.0, 0.3 + 0.15 * len(shared) + 0.2 * len(shown))
        closeness = 0.15 * len(shared) + 0.2 * len(shown)
    if confidence == "strong" and _falls_short(text, index.text):
        # "Final accounts over £10m" and a story about an £8.2m one: close in meaning, short of
        # the bar the job sets. It is offered to check, never as backing.
        confidence = "possible"
    if term_parts:
        reason = _where(term_parts)
    elif similarity is not None:
        reason = "What you did is close to what this asks for"
    else:
        reason = "It shares " + _and([w for w, _ in shared][:3])
    if confidence == "strong" and _NUMBER.search(index.story.result):
        reason += ", and its result has a number"
    return StoryMatch(
        story_id=index.story.id,
        title=index.story.title,
        score=round(score, 3),
        reason=reason + ".",
        shared=tuple(dict.fromkeys([*(t for ts in term_parts.values() for t in ts)])),
        confidence=confidence,
        overlap=len(set(doing)),
        closeness=round(closeness, 4),
    )


# An amount of money: "£10m", "$2.5 million", "€800k", "£14,300".
_MONEY = re.compile(
    r"([£$€])\s?(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|m|million|k|thousand)?(?![\w])", re.I
)
# A requirement that sets a floor with an amount: "over £10m", "£10m+", "at least $2 million",
# "£5m and above", "$2 million or more", "£500k plus".
_FLOOR = re.compile(
    r"(?:\b(?:over|above|more than|at least|exceeding|upwards of|in excess of|minimum of)\s+"
    r"(?=[£$€]))|(?:[£$€]\s?\d[\d,.]*\s*(?:bn|billion|m|million|k|thousand)?"
    r"(?:\s*\+|\s+(?:and|or)\s+(?:above|over|more|upwards|greater)\b|\s+plus\b))",
    re.I,
)
_SCALE = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}


def _amounts(text: str) -> list[tuple[str, float]]:
    out = []
    for symbol, digits, scale in _MONEY.findall(text):
        try:
            value = float(digits.replace(",", ""))
        except ValueError:
            continue
        out.append((symbol, value * _SCALE.get(scale.lower(), 1.0)))
    return out


def _falls_short(requirement: str, story: str) -> bool:
    """Whether the requirement sets a money floor and every amount the story names in that
    currency is below it: the story shows the kind of work, not at the size asked for."""
    if not _FLOOR.search(requirement):
        return False
    floors = _amounts(requirement)
    if not floors:
        return False
    symbol, floor = floors[0]
    told = [value for sym, value in _amounts(story) if sym == symbol]
    return bool(told) and max(told) < floor


def _names_credential(shown: dict[str, list[str]], wanted: dict[str, str]) -> bool:
    """Whether what a story names is the thing held: its name ("NMC", "Children Act 1989") or
    most of its words ("adult safeguarding" for "Adult safeguarding knowledge"), not a tag
    that shares two of its ten words ("children in care")."""
    terms = [t for ts in shown.values() for t in ts]
    if any(c.isupper() or c.isdigit() for t in terms for c in t):
        return True
    covered = {k for t in terms for k in content_stems(t)} & set(wanted)
    return bool(wanted) and len(covered) / len(wanted) >= 0.5


def _specific(term: str) -> bool:
    """A tag specific enough to vouch for a story: a name ("Airflow", "SQL") or several words.

    One common word ("licensing") tagged on a story about lending a bike says nothing.
    """
    return len(content_stems(term)) >= 2 or any(c.isupper() or c.isdigit() for c in term)


# A story this thin ("I left it to the engineers to handle. It was fine.") is never offered as
# backing: told in an interview, it would confirm the doubt. The candidate may still link it.
THIN_ACTION_WORDS = 12
THIN_RESULT_WORDS = 6


def is_thin(story: StoryText) -> bool:
    """Whether a story says too little to back anything: a brief action and an ending told in a
    few words with no figure ("I talked to her. It was sort of better.")."""
    action = len(re.findall(r"[\w'’-]+", story.action))
    result = f"{story.result} {story.metrics}".strip()
    ended = len(re.findall(r"[\w'’-]+", result))
    return (
        0 < ended < THIN_RESULT_WORDS
        and not re.search(r"\d", result)
        and action < THIN_ACTION_WORDS
    )


def _rank(
    text: str, indexes: Sequence[_StoryIndex], similarity: Similarity | None
) -> list[StoryMatch]:
    if not text.strip():
        return []
    indexes = [i for i in indexes if not is_thin(i.story)]
    wanted = content_stems(text)
    terms = distinctive_terms(text)
    if not wanted and not terms and similarity is None:
        return []
    if is_condition(text):
        return []  # agreed to, not shown: no story backs a shift pattern
    credential = is_held(text) or is_language(text)
    scored = [m for i in indexes if (m := _score(text, wanted, terms, i, similarity, credential))]
    scored.sort(
        key=lambda s: (
            s.confidence != "strong",
            -s.closeness,
            -s.score,
            s.title.lower(),
            s.story_id,
        )
    )
    return scored


def rank_stories(
    text: str,
    stories: Sequence[StoryText],
    similarity: Similarity | None = None,
    limit: int = 3,
    include_possible: bool = False,
) -> list[StoryMatch]:
    """The stories that back a text (a requirement or a question), best first, with why."""
    return rank_indexed(text, index_stories(stories), similarity, limit, include_possible)


# Stories read once (index_stories), for callers that rank them against several texts.
StoryIndex = _StoryIndex


def index_stories(stories: Sequence[StoryText]) -> list[_StoryIndex]:
    """Stories read once, for ranking them against many texts (see rank_indexed)."""
    return [_index(s) for s in stories]


def rank_indexed(
    text: str,
    indexes: Sequence[_StoryIndex],
    similarity: Similarity | None = None,
    limit: int = 3,
    include_possible: bool = False,
) -> list[StoryMatch]:
    """rank_stories over stories already indexed with index_stories."""
    ranked = _rank(text, indexes, similarity)
    if not include_possible:
        ranked = [m for m in ranked if m.confidence == "strong"]
    return ranked[:limit]


def map_evidence(
    requirements: Sequence[RequirementText],
    stories: Sequence[StoryText],
    links: Collection[tuple[int | None, int]] = (),
    notes: dict[tuple[int | None, int], str] | None = None,
    similarity: Similarity | None = None,
    limit: int = 3,
) -> EvidenceMap:
    """For each requirement: linked stories, then those that back it; maybes; gaps; idle stories."""
    indexes = [_index(s) for s in stories]
    by_id = {i.story.id: i for i in indexes}
    linked = set(links)
    notes = notes or {}
    rows = []
    gaps = []
    used: set[int] = set()
    for requirement in requirements:
        chosen: list[StoryMatch] = []
        for key in sorted(linked):
            if key[0] != requirement.id or requirement.id is None or key[1] not in by_id:
                continue
            index = by_id[key[1]]
            note = notes.get(key, "")
            chosen.append(
                StoryMatch(
                    index.story.id,
                    index.story.title,
                    1.0,
                    "You linked it" + (f": “{note}”" if note else "."),
                    linked=True,
                    confidence="linked",
                )
            )
        taken = {m.story_id for m in chosen}
        others = [i for i in indexes if i.story.id not in taken]
        ranked = _rank(requirement.text, others, similarity)
        # A duty is backed by a story that names what it involves; closeness in meaning alone
        # ("a caseload of children" and "training foster carers") is only offered to check.
        duty = requirement.kind == "duty"
        strong = [
            m
            for m in ranked
            if m.confidence == "strong" and (m.shared or not duty or m.overlap >= DUTY_OVERLAP)
        ]
        chosen.extend(strong[: max(0, limit - len(chosen))])
        # Offered to check only where it says one of the requirement's words in what was done:
        # close in meaning alone, any story of the same field "might fit" anything.
        # Years served, a language, a condition or something held are no story's to show: a
        # story that "might fit" "4+ years in customer success" sends the candidate the wrong way.
        story_shaped = not (
            is_tenure(requirement.text)
            or is_language(requirement.text)
            or is_condition(requirement.text)
            or is_held(requirement.text)
        )
        tools = named_tools(requirement.text)
        maybe = (
            ()
            if chosen or not story_shaped
            else tuple(
                m
                for m in ranked
                if m not in strong
                and (m.overlap or m.shared)
                # "a platform such as Gainsight or ChurnZero": a story that names none of them
                # would have her imply a tool she has not used.
                and (not tools or _names_any(by_id[m.story_id].story, tools))
            )[:2]
        )
        used.update(m.story_id for m in chosen)
        used.update(m.story_id for m in maybe)  # offered to check: not idle
        rows.append(RequirementEvidence(requirement, tuple(chosen), maybe))
        if not chosen and not is_condition(requirement.text):
            gaps.append(requirement)  # a shift pattern to agree to is no story missing
    unused = tuple(i.story for i in indexes if i.story.id not in used)
    return EvidenceMap(tuple(rows), tuple(gaps), unused)

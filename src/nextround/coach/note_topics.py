"""Short noun phrases for notes, made from asked questions and requirements only when safe.

A note never pastes a question or a requirement into its grammar. A question becomes a topic
("Tell me how you have mentored a junior engineer" gives "mentoring a junior engineer") only
when its shape is one these rules understand and what is left is a short, plain noun phrase;
otherwise the answer is None and the note uses a template that needs no topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# At most this many words in a topic, so that no run of six or more words is ever copied.
MAX_TOPIC_WORDS = 5
MAX_POINT_WORDS = 5

_ASK = (
    r"(?:(?:can|could|would|will) you (?:please )?)?"
    r"(?:(?:tell|talk|walk|take|show) (?:me|us)(?: (?:about|through))?"
    r"|describe|explain|share|outline"
    r"|give (?:me |us )?(?:an |some )?examples? of|talk about)\s+"
)
_TIME = (
    r"(?:a|one|the last) (?:time|occasion|situation|moment|example)\s+"
    r"(?:when |where |that |in which )?"
)
_WHEN = r"(?:when|where) "
# What stands between "you" and the verb says which form the verb is in: "had to convince"
# (base), "have mentored" (participle), "handled" (past), "would plan" (base).
_HAD_TO = r"(?P<aux>(?:have |had |'ve )?(?:had|needed|got) to |have |had |'ve )?"
_MODAL = r"(?P<aux>(?:would|will|do|did|might|could|should|can|'d) |(?:have|had|'ve) )?"
_SHAPES = (
    # "Tell me about a time (when) you handled X" / "Describe a time you had to convince X".
    re.compile(rf"^{_ASK}{_TIME}you {_HAD_TO}(?P<verb>\w+) (?P<rest>.+)$", re.I),
    re.compile(rf"^{_ASK}{_WHEN}you {_HAD_TO}(?P<verb>\w+) (?P<rest>.+)$", re.I),
    # "Tell me how you have mentored X" / "Walk me through how you would plan X".
    re.compile(rf"^{_ASK}how you {_MODAL}(?:go about )?(?P<verb>\w+) (?P<rest>.+)$", re.I),
    # "How would you handle X?" / "How do you prioritise X?" / "How have you led X?".
    re.compile(
        r"^how (?P<aux>would|do|did|will|might|could|should|can|have|has|had) you "
        r"(?:go about )?(?P<verb>\w+) (?P<rest>.+)$",
        re.I,
    ),
    # "Have you ever led X?"
    re.compile(r"^(?P<aux>have) you (?:ever )?(?P<verb>\w+) (?P<rest>.+)$", re.I),
)


def _form(aux: str | None) -> str:
    """ "past" when the verb must be a past form or participle, "base" when it is bare."""
    aux = (aux or "").strip().lower()
    if aux.endswith(" to") or aux in (
        "would",
        "will",
        "do",
        "did",
        "might",
        "could",
        "should",
        "can",
        "'d",
    ):
        return "base"
    return "past"


# "Tell me about your experience with Kafka" / "What experience do you have of triage?"
_EXPERIENCE = (
    re.compile(rf"^{_ASK}(?:your|any) (?:experience|background) (?:with|of|in) (?P<np>.+)$", re.I),
    re.compile(r"^what (?:experience|background) do you have (?:with|of|in) (?P<np>.+)$", re.I),
    re.compile(r"^what is your experience (?:with|of|in) (?P<np>.+)$", re.I),
)
_RELATIVE = re.compile(r"(?P<head>.+?) you (?P<aux>have|had) (?P<verb>\w+)", re.I)
# "Tell me about the pipeline migration" / a topic typed as a noun phrase.
_ABOUT = re.compile(rf"^{_ASK}(?P<np>(?:the|a|an) .+)$", re.I)

_IRREGULAR_PAST = {
    "led": "lead",
    "made": "make",
    "took": "take",
    "gave": "give",
    "ran": "run",
    "built": "build",
    "wrote": "write",
    "taught": "teach",
    "brought": "bring",
    "dealt": "deal",
    "chose": "choose",
    "found": "find",
    "kept": "keep",
    "met": "meet",
    "won": "win",
    "lost": "lose",
    "drove": "drive",
    "sold": "sell",
    "spent": "spend",
    "sent": "send",
    "grew": "grow",
    "fought": "fight",
    "overcame": "overcome",
    "undertook": "undertake",
    "caught": "catch",
    "held": "hold",
    "broke": "break",
    "rebuilt": "rebuild",
    "began": "begin",
    "set": "set",
    "put": "put",
    "cut": "cut",
    "rang": "ring",
    "bought": "buy",
    "spoke": "speak",
    "handed": "hand",
    "shut": "shut",
    "split": "split",
    "rewrote": "rewrite",
    "oversaw": "oversee",
    "driven": "drive",
    "taken": "take",
    "given": "give",
    "written": "write",
    "chosen": "choose",
    "broken": "break",
    "spoken": "speak",
    "grown": "grow",
    "shown": "show",
    "begun": "begin",
    "undertaken": "undertake",
    "overseen": "oversee",
    "drawn": "draw",
    "thrown": "throw",
    "run": "run",
    "sought": "seek",
    "thought": "think",
    "understood": "understand",
}
# Verbs that make no topic: states and thoughts, not things done ("knowing", "feeling").
_NOT_TOPICS = _words(
    "be is are was were been being know knew known feel felt think thought want wanted like "
    "liked mean meant say said see saw seen do did done go went get got have had make "
    "describe rate tell ask asked find found help helped keep kept let come came prefer "
    "a an the about"
)
_DOUBLE = _words(
    "plan run stop get set put cut win begin shop chat swap map drop ship sit hit spot dig pin "
    "skim scan rig admit commit submit refer prefer occur transfer control regret forget upset "
    "travel label model signal cancel total level channel fit debug log tag plug wrap grab "
    "trim step drag jog"
)
_NOT_BASE = _words("need feed seed speed proceed exceed succeed bleed breed embed shred")
# Words that make a clause or point at someone: what is left must be a plain noun phrase.
_CLAUSE_WORDS = _words(
    "is are was were be been being am do does did can could would should will might must shall "
    "if when before after while because that which who whom whose whether why how what where "
    "than so but though although unless until since i me my mine we us our they them their "
    "he she him her his hers it its you your yours yourself yourselves this these those "
    "there here not no"
)
# Where a question may be cut short and keep its meaning ("a deteriorating patient | on a busy
# ward"); "in", "for" and "to" often carry the point ("a sudden fall | in online sales"), so a
# question that needs them is left whole or left out.
_CUT_AT = _words("on at during across within without while when if before after since")
_LEADING_ADJECTIVES = re.compile(
    r"^(?:strong|proven|excellent|good|solid|deep|demonstrable|extensive|hands-on|clear|"
    r"significant|substantial|relevant|practical|sound|thorough|working|confident)\s+",
    re.I,
)
_REQUIREMENT_LEADS = re.compile(
    r"^(?:(?:experience|knowledge|understanding|expertise|background|familiarity|skills?)"
    r"\s+(?:with|in|of|using)\s+|experience\s+(?=\w+ing\b)|(?:a\s+)?track\s+record\s+(?:of|in)\s+)",
    re.I,
)
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9+#&/.-]*$")
_PROPER = re.compile(r"^[A-Z][a-z0-9+#.-]+$")
_VERB_LEADS = _words(
    "manage lead mentor build design deliver develop support own run write review work drive "
    "coordinate create maintain ensure provide plan deploy monitor communicate collaborate "
    "handle administer assess care prepare train teach supervise oversee report analyse "
    "analyze promote sell negotiate present"
)
_WORD = re.compile(r"^[\w'’&+#/-]+$")
# Credentials are held, not done: "my experience in NMC registration" would not read.
_CREDENTIALS = _words(
    "registration registered degree qualification qualified certificate certification "
    "certified licence license licensed diploma pin dbs visa driving accredited "
    "accreditation membership chartered"
)
_CONTRACTIONS = (
    (re.compile(r"\byou'd\b", re.I), "you would"),
    (re.compile(r"\byou've\b", re.I), "you have"),
    (re.compile(r"\byou're\b", re.I), "you are"),
    (re.compile(r"\byou'll\b", re.I), "you will"),
    (re.compile(r"\bwhat's\b", re.I), "what is"),
)


def gerund(verb: str, form: str = "base") -> str | None:
    """The -ing form of a verb in the form a question uses it ("mentored" or "mentor")."""
    lower = verb.lower()
    if not lower.isalpha() or lower in _NOT_TOPICS or len(lower) < 2:
        return None
    if form == "past":
        # A past form the rules do not know ("drove", "sank") gives nothing rather than "drovings".
        if lower in _IRREGULAR_PAST:
            base = _IRREGULAR_PAST[lower]
            return None if base in _NOT_TOPICS else _ing(base)
        if lower.endswith("ied"):
            # "studied" gives "studying"; "lied" and "tied" give "lying" and "tying".
            return lower[:-3] + ("ying" if len(lower) > 4 else "ying"[1:])
        if lower.endswith("eed") and lower not in _NOT_BASE:
            return lower[:-1] + "ing"
        if lower.endswith("ed") and lower not in _NOT_BASE and len(lower) > 3:
            # "planned" gives "planning", "managed" "managing", "handled" "handling".
            return lower[:-2] + "ing"
        return None
    if lower.endswith("ed") and lower not in _NOT_BASE:
        return None
    return _ing(lower)


def _ing(base: str) -> str | None:
    if base in _NOT_TOPICS:
        return None
    if base.endswith("ing"):
        return base
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith(("ee", "ye", "oe")):
        return base + "ing"
    if base.endswith("e") and len(base) > 2:
        return base[:-1] + "ing"
    if base in _DOUBLE:
        return base + base[-1] + "ing"
    return base + "ing"


# A word that follows "and" as a second verb ("manage stock and reduce waste").
_SECOND_VERBS = _words(
    "reduce improve increase respond keep make get raise cut grow win resolve fix cope deal "
    "deliver lead support develop review plan build test run drive track report present"
)


def _plain_words(words: list[str], never: frozenset[str]) -> bool:
    for i, word in enumerate(words):
        lower = word.lower().strip("'’")
        if not _WORD.match(word) or lower in _CLAUSE_WORDS or lower in never:
            return False
        # "planned and delivered X": a second verb the rules cannot turn; leave it out.
        if lower in ("and", "or") and i + 1 < len(words):
            after = words[i + 1].lower()
            if after.endswith(("ed", "ing")) or after in _IRREGULAR_PAST or after in _SECOND_VERBS:
                return False
            if after in _VERB_LEADS:
                return False
    return True


# Nouns that only point at what follows ("a time when ..."): no topic on their own.
_EMPTY_HEADS = _words("time times situation occasion example moment thing things way ways")


def _object(rest: str, never: frozenset[str], cut: bool = True) -> list[str] | None:
    words = rest.split()
    # Anything the note must never bring up rules out the whole question, cut or not.
    if any(w.lower().strip("'’,") in never for w in words):
        return None
    # "handling a deteriorating patient on a night shift": keep "handling a deteriorating patient".
    for i, word in enumerate(words):
        if i >= 1 and word.lower() in _CUT_AT:
            if not cut:
                return None
            words = words[:i]
            break
    if not words or words[0].lower() in ("to", "and", "or"):
        return None
    if len(words) == 1 and words[0].lower() in ("in", "on", "at", "for", "with", "up", "out"):
        return None
    if words[-1].lower() in ("a", "an", "the", "of", "and", "or", "to"):
        return None
    if any(w.lower() in _EMPTY_HEADS for w in words):
        return None
    # The interviewer's "our" is, in a note back to them, "your": "your nightly Airflow jobs".
    if not _plain_words([w for w in words if w.lower() != "our"], never):
        return None
    return ["your" if w.lower() == "our" else w for w in words]


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).strip()
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text.rstrip("?.!").strip()


# When, not what: "…the KS3 redesign in your first year", "…over the next six months".
_WHEN_TAIL = re.compile(
    r"\s+(?:in|within|over|during|by the end of) (?:your|the) (?:first|next|coming) "
    r"(?:\w+ )?(?:year|years|term|terms|month|months|weeks|days|quarter|90 days|100 days)"
    r"(?: here| in (?:post|the role|the job))?$",
    re.I,
)


def topic_phrase(question: str, never: Iterable[str] = ()) -> str | None:
    """A short noun phrase for what a question was about, or None when it cannot be made safely."""
    never_set = frozenset(w.lower() for w in never)
    text = _WHEN_TAIL.sub("", _clean(question))
    if not text or len(text) > 200:
        return None
    for shape in _SHAPES:
        hit = shape.match(text)
        if hit is None:
            continue
        verb = gerund(hit["verb"], _form(hit["aux"]))
        rest = _object(hit["rest"], never_set)
        if verb is None or rest is None or hit["verb"].lower() in never_set:
            return None
        if verb.removesuffix("ing") in never_set or verb in never_set:
            return None
        words = [verb, *rest]
        # The verb is the question's own word changed ("migrate" to "migrating"), so one more
        # word still copies fewer than six in a row.
        limit = MAX_TOPIC_WORDS + (verb != hit["verb"].lower())
        return " ".join(words) if len(words) <= limit else None
    for shape in _EXPERIENCE:
        hit = shape.match(text)
        if hit is not None:
            return _noun_phrase(hit["np"], never_set)
    hit = _ABOUT.match(text)
    if hit is not None:
        # "the largest project you've run": in the note it is "the largest project I have run".
        mine = _RELATIVE.fullmatch(hit["np"])
        if mine is not None:
            head = _noun_phrase(mine["head"], never_set, cut=False)
            done = gerund(mine["verb"], "past")
            if head is None or done is None or len(head.split()) > 3:
                return None
            return f"{head} I {mine['aux'].lower()} {mine['verb'].lower()}"
        # "Describe the colour yellow to someone who is blind": a thing named whole, or nothing.
        return _noun_phrase(hit["np"], never_set, cut=False)
    if question.strip()[-1:] in ("?", ".", "!"):
        return None
    # A topic typed as a phrase ("The pipeline migration", "Kafka consumer lag").
    return _noun_phrase(text, never_set)


def _noun_phrase(text: str, never: frozenset[str], cut: bool = True) -> str | None:
    words = _object(text, never, cut)
    if words is None or len(words) > MAX_TOPIC_WORDS:
        return None
    first = words[0]
    if first.lower() in _VERB_LEADS or first.lower().endswith("ed"):
        return None
    if not cut and any(w.lower() in ("to", "for", "in", "into", "from") for w in words):
        return None
    # "working in our sector" cut to "working" says nothing; a gerund needs what it acts on.
    if first.lower().endswith("ing") and len(words) < 2:
        return None
    if first[:1].isupper() and first not in ("The", "A", "An") and not _PROPER.match(first):
        return None
    if first in ("The", "A", "An"):
        words[0] = first.lower()
    return " ".join(words)


def requirement_phrase(text: str) -> str | None:
    """A requirement as a short noun phrase ("Strong SQL" gives "SQL"), or None when unsure."""
    clean = _clean(" ".join(text.split()))
    if not clean or re.search(r"[,;:()/]|e\.g\b|\bi\.e\b", clean):
        return None
    stripped = _LEADING_ADJECTIVES.sub("", clean, count=1)
    lead = _REQUIREMENT_LEADS.match(stripped)
    had_lead = stripped != clean or lead is not None
    if lead is not None:
        stripped = stripped[lead.end() :]
    words = stripped.split()
    if not words or len(words) > MAX_POINT_WORDS or not _plain_words(words, _CREDENTIALS):
        return None
    # "Airflow or Dagster" offers a choice; the candidate's claim is one of them, so leave it.
    if any(w.lower() in ("or", "etc", "similar") for w in words):
        return None
    if words[-1].lower() in ("a", "an", "the", "of", "and", "or", "to", "with", "in"):
        return None
    if not had_lead:
        # No lead to strip: only names and acronyms ("Apache Airflow", "NMC registration") are
        # sure to be noun phrases; "Mentor two junior engineers" is a duty, not a phrase.
        if words[0].lower() in _VERB_LEADS or not all(
            _PROPER.match(w) or _ACRONYM.match(w) for w in words
        ):
            return None
    elif words[0].lower() in _VERB_LEADS:
        return None
    if words[0].endswith("ing") or words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    return " ".join(words)


# "Confident written communication": the job's praise word is not the candidate's to repeat in
# "I can meet the role's need for…".
_PRAISE_WORD = re.compile(
    r"^(?:confident|excellent|strong|good|effective|proven|outstanding|exceptional|"
    r"first-class|solid)\s+(?=\w)",
    re.I,
)
# A soft skill every job asks for: the point a note makes only when nothing of the job's own
# craft is backed.
_SOFT = re.compile(
    r"\b(?:communication|communicator|interpersonal|team ?player|teamwork|organi[sz]ed|"
    r"organi[sz]ational|time management|attention to detail|self-motivated|motivated|"
    r"enthusias\w*|positive attitude|work(?:ing)? under pressure|flexible|adaptable)\b",
    re.I,
)


# "…and of de-escalating conflict" cut from its list keeps the "of" that joined it.
_LEADING_PREPOSITION = re.compile(r"^(?:of|in|for|with|to|and)\s+(?=\w)", re.I)


def point_phrase(phrase: str) -> str:
    """The requirement's phrase as a note's point: without the job's own praise word ("strong",
    "proven") and without a preposition left from the list it was cut from."""
    return _PRAISE_WORD.sub("", _LEADING_PREPOSITION.sub("", phrase))


def is_soft_skill(requirement: str) -> bool:
    """Whether a requirement is a soft skill every job asks for (communication, teamwork)."""
    return bool(_SOFT.search(requirement))

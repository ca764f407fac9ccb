"""A question to ask an interviewer, made from the candidate's research note about them.

A note is turned into a question only where one clause of it fits a template with typed slots:
something the person did ("Led the recognition agreement with Unite at Corby in 2024": a gerund
phrase, "leading the recognition agreement…"), something they spoke or wrote about (a noun
phrase), a view they were quoted on (a quote), or a project they run now (a noun phrase naming
the project). Bare facts ("joined from Boots", "has been here 7 years", "sits on the LPC") and
anything that leans on words outside the clause ("their hotel bar") give no question: saying
nothing beats a question that reads wrongly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS, MAX_WORDS = 2, 16

# A past action and the gerund it is asked about with; "moved from", "joined" are not actions.
_GERUNDS = {
    "led": "leading",
    "ran": "running",
    "launched": "launching",
    "introduced": "introducing",
    "set up": "setting up",
    "built": "building",
    "delivered": "delivering",
    "rolled out": "rolling out",
    "pushed": "pushing",
    "negotiated": "negotiating",
    "founded": "founding",
    "created": "creating",
    "designed": "designing",
    "redesigned": "redesigning",
    "developed": "developing",
    "implemented": "implementing",
    "restructured": "restructuring",
    "transformed": "transforming",
    "secured": "securing",
    "chaired": "chairing",
    "oversaw": "overseeing",
    "championed": "championing",
    "piloted": "piloting",
}
_ACTION = re.compile(r"^(" + "|".join(sorted(_GERUNDS, key=len, reverse=True)) + r")\s+(.+)$", re.I)
# "The 2025 annual report credits him with moving Daventry to …": the gerund phrase as given.
_CREDITED = re.compile(r"\bcredit(?:s|ed)?\s+(?:\w+\s+)?with\s+(\w+ing\b.+)$", re.I)
# "Spoke at a Constructing Excellence event in 2025 on margin erosion", "Posted on LinkedIn
# about the school handover": the topic after "about", or else after the last "on".
_TALK = re.compile(
    r"^(spoke|speaks|talked|talks|presented|presents|gave a talk|wrote|writes|posted|posts|"
    r"blogged|blogs|published|co-?authored|co-?wrote|authored)\b(.*)$",
    re.I,
)
_SPOKEN = {
    "spoke": "spoken",
    "speaks": "spoken",
    "talked": "spoken",
    "talks": "spoken",
    "presented": "spoken",
    "presents": "spoken",
    "gave a talk": "spoken",
}
# A topic given in quotation marks ("speaks about 'curriculum as the progress model'"): their
# own words, quoted as a whole rather than read as a noun phrase.
_QUOTED_TOPIC = re.compile(r"^[\"“‘']([^\"“”‘’']{3,120})[\"”’']$")
# "Quoted in the Pharmaceutical Journal in October 2026 saying uptake stalls where …"
_QUOTED = re.compile(r"^(?:was\s+)?quoted\b.*?\b(?:as\s+)?saying\s+(?:that\s+)?(.+)$", re.I)
# "Lewis runs the £12.6m Temple Newsam Primary rebuild (YORbuild framework), due in 2027"
_PROJECT_NOUNS = (
    r"project|rebuild|build|programme|scheme|refurbishment|redevelopment|extension|"
    r"roll-?out|migration|launch|pilot|transformation|expansion|contract|review"
)
_PROJECT = re.compile(
    rf"^(?:runs|leads|manages|oversees|is (?:running|leading|managing|delivering))\s+"
    rf"(the\s+[^,;()]*?\b(?:{_PROJECT_NOUNS}))\b",
    re.I,
)
# Words that point outside the clause, or at the candidate: never in a slot addressed to them.
_LEANS = re.compile(
    r"\b(?:he|she|him|his|her|hers|they|them|their|it|its|i|me|my|we|us|our|you|your|"
    r"will|would|going to)\b|'ll\b|[\"“”]",
    re.I,
)
# A topic that is only where it was said ("on LinkedIn") says nothing to ask about.
_NO_TOPIC = re.compile(
    r"^(?:linkedin|twitter|x|instagram|facebook|youtube|the radio|radio|tv|television|"
    r"a podcast|the podcast|stage|a panel|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b",
    re.I,
)


@dataclass(frozen=True)
class ResearchAsk:
    kind: str  # did, spoke, quoted, project: the template it fills
    # did: action (a gerund phrase); spoke: topic (a noun phrase, or their words when
    # topic_quoted is "yes") and said (spoken, written); quoted: quote; project: project
    slots: dict[str, str]
    source: str  # the clause of the note it rests on


def _clauses(notes: str) -> list[str]:
    return [
        c.strip(" .;,-–—")
        for c in re.split(r"[;\n]+|(?<=[.!?])\s+(?=[A-Z0-9‘'\"“])", notes)
        if c.strip(" .;,-–—")
    ]


def _without_subject(clause: str, name: str) -> str:
    """The clause less its subject when that is the person ("Fiona led …" -> "led …")."""
    words = name.replace(",", " ").split()
    subjects = [name, *words[:1], *words[-1:], "he", "she", "they"]
    for subject in sorted({s for s in subjects if s}, key=len, reverse=True):
        match = re.match(rf"{re.escape(subject)}\s+(.+)$", clause, re.I)
        if match:
            return match.group(1)
    return clause


def _clean(phrase: str) -> str:
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase)  # asides in brackets
    phrase = re.split(r"\s[–—-]\s|,\s*(?:due|which|where|who|and then|but)\b", phrase)[0]
    return " ".join(phrase.split()).strip(" .;:,")


def _fits(phrase: str) -> bool:
    words = phrase.split()
    return MIN_WORDS <= len(words) <= MAX_WORDS and not _LEANS.search(phrase)


# A line an imported profile wrote: their own words, quoted whole after a label
# ('Talk: “I spoke at SaaStock 2025 about digital-touch customer success”').
_OWN_WORDS = re.compile(
    r"^(?:Talk|Paper|Post|Award|Patent|Listed):\s*[“\"]((?:I\s+)?([^“”\"]+))[”\"]$"
)


def _from_clause(clause: str, name: str) -> ResearchAsk | None:
    own = _OWN_WORDS.match(clause)
    if own:
        # "I" in their own words is the person, as their name is in the candidate's notes.
        inner = _from_clause(own.group(2), name)
        return ResearchAsk(inner.kind, inner.slots, own.group(1)) if inner else None
    credited = _CREDITED.search(clause)
    if credited:
        action = _clean(credited.group(1))
        if _fits(action):
            return ResearchAsk("did", {"action": action}, clause)
        return None
    rest = _without_subject(clause, name)
    quoted = _QUOTED.match(rest)
    if quoted:
        said = " ".join(quoted.group(1).split()).strip(" .")
        if 4 <= len(said.split()) <= 24 and not re.search(r"[\"“”]", said):
            return ResearchAsk("quoted", {"quote": said}, clause)
        return None
    did = _ACTION.match(rest)
    if did:
        verb = _GERUNDS[did.group(1).lower()]
        obj = _clean(did.group(2))
        if re.match(r"(?:from|to|into|up|over|on)\b", obj, re.I):
            return None  # "moved from", "ran up": not a thing they did to ask about
        if _fits(obj):
            return ResearchAsk("did", {"action": f"{verb} {obj}"}, clause)
        return None
    talk = _TALK.match(rest)
    if talk:
        tail = talk.group(2)
        about = re.search(r"\babout\s+(.+)$", tail, re.I)
        on = re.findall(r"\bon\s+((?:(?!\bon\b).)+)$", tail, re.I)
        topic_text = about.group(1) if about else (on[-1] if on else "")
        verb = talk.group(1).lower()
        said = _SPOKEN.get(verb, "written")
        own_words = _QUOTED_TOPIC.match(topic_text.strip(" .;,"))
        if own_words and 2 <= len(own_words.group(1).split()) <= MAX_WORDS:
            slots = {"topic": own_words.group(1).strip(), "said": said, "topic_quoted": "yes"}
            return ResearchAsk("spoke", slots, clause)
        topic = _clean(re.split(r"\s+and\s+(?:about|on)\s+", topic_text, flags=re.I)[0])
        if topic and not _NO_TOPIC.match(topic) and _fits(topic):
            return ResearchAsk("spoke", {"topic": topic, "said": said}, clause)
        return None
    project = _PROJECT.match(rest)
    if project:
        found = _clean(project.group(1))
        if _fits(found):
            return ResearchAsk("project", {"project": found}, clause)
    return None


# Which kind of note makes the better question: what they said in public first (it is what
# they want to talk about), then what they did, then a project they run.
_ORDER = {"quoted": 0, "spoke": 1, "did": 2, "project": 3}


def research_asks(notes: str, name: str) -> list[ResearchAsk]:
    """Every question the note supports, best first (a view they put forward, then what they
    did, then a project they run; in the note's order within each), one for each clause."""
    found = [ask for clause in _clauses(notes) if (ask := _from_clause(clause, name))]
    return sorted(found, key=lambda ask: _ORDER[ask.kind])


def research_ask(notes: str, name: str) -> ResearchAsk | None:
    """The most useful question the note supports; None when no clause fits a template."""
    found = research_asks(notes, name)
    return found[0] if found else None

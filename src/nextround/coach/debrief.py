"""What to reinforce and what to counter, from the questions asked and the feedback received.

Evidence about an answer is weighed in a fixed order, because candidates misjudge their own
interviews: feedback about *that* answer decides; without it, the interviewer's reaction; only
then the candidate's own rating and notes. A remark is tied to an answer only when it is about it
(close in meaning, or sharing two content words), and to at most one answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from nextround.coach.classify import classify_question
from nextround.coach.evidence import (
    RequirementText,
    Similarity,
    competencies,
    content_stems,
)
from nextround.coach.insight import Span
from nextround.coach.text import stem
from nextround.coach.wordlists import wordlists

Verdict = Literal["reinforce", "counter"]
RemarkKind = Literal["concern", "focus", "check", "praise"]

GOOD_RATING = 4
WEAK_RATING = 2
# A remark is about an asked question (its text and the answer note) at this cosine or more,
# and clearly more than about any other question.
ABOUT_COSINE = 0.42
ABOUT_MARGIN = 0.05
# A doubt is tied to an answer at a lower bar than praise: wrongly countering an answer costs
# the candidate an extra rehearsal; wrongly reinforcing one costs them the round.
DOUBT_COSINE = 0.34
# A concern links to the requirement it is about at this cosine (or two content words).
LINK_COSINE = 0.45
MAX_TOPIC_WORDS = 14

# Clause breaks: sentence ends, semicolons, contrast words, and "and" that starts a new doubt
# ("…were not convinced about X, and they would like more on Y").
_CLAUSES = re.compile(
    r"(?:[.!?;]+[\"”']?\s+|\n+|\s+-\s+|\s+–\s+|"
    r",?\s+\b(?:but|however|although|even though|though|whereas|while)\b,?\s+|"
    r",?\s+and\s+(?=to (?:hear|see|understand|know|learn)\b)|"
    r",?\s+and\s+(?=questioned\b)|"
    # "Her worry is churn: she wants to know how…": a second clause after the colon.
    r":\s+(?=(?:she|he|they|we|the panel|(?-i:[A-Z][a-z]+))\s+(?:also\s+)?(?:wants?|would|will|"
    r"'d|'ll|needs?|felt|thought)\b)|"
    r",?\s+and\s+(?=(?:about|whether|if)\b)|"
    r",?\s+and\s+(?=(?:they|he|she|we|there|it|the panel|the team|(?-i:[A-Z][a-z]+))(?:\s+|(?='))"
    r"(?:would|will|also|want|wants|felt|thought|were|was|'d|'ll|'s|are|is|might|may|did|didn't|"
    r"weren't|wasn't|had|has|have|said|says|thought|felt|told|reckoned|[a-z]+ed\b))|"
    # "They loved X and thought your safeguarding answer was spot on": a second judgement.
    r",?\s+and\s+(?=(?:thought|felt|found|reckoned|said)\s+(?:that\s+)?(?:your|you|the)\b))",
    re.IGNORECASE,
)
# The invitation itself is good news, not praise of an answer.
_INVITATION = re.compile(
    r"\b(?:good news|great news|pleased to (?:say|tell|let you know)|happy to (?:say|report)|"
    r"(?:would|'d) like to (?:see|meet|invite) you|invite you (?:back|to)|"
    r"next (?:round|stage|step)|"
    r"second (?:round|interview|stage)|final (?:round|interview|stage)|progress(?:ing)? you|"
    r"move you forward|take you forward|through to|shortlist|congratulations|well done)\b",
    re.IGNORECASE,
)
# Something to confirm before an offer ("please confirm your registration is underway"): a
# doubt to answer, but about no answer given.
_CHECK = re.compile(
    r"\b(?:please )?(?:confirm|let (?:me|us) know|send (?:me|us))\s+(?:that\s+)?", re.I
)
# Pleasantries are not praise of an answer.
_PLEASANTRY = re.compile(
    r"\b(?:have a (?:good|great|nice|lovely)|good luck|best of luck|(?:good|great|lovely|nice) to "
    r"(?:speak|talk|chat|meet|catch up)|hope you|thanks? (?:again|so much)|thank you|"
    r"(?:really |very much )?enjoyed (?:the|our|your|meeting|talking|speaking)"
    r"(?: (?:conversation|chat|meeting|call|discussion|time|you))?\s*[.!]?$)\b",
    re.IGNORECASE,
)
# A focus area: someone will go deeper into a topic next time.
_FOCUS = re.compile(
    r"\b(?:(?:will|'ll|would|'d|wants? to|want to|keen to|plans? to|going to|likely to)\s+"
    r"(?:also\s+)?(?:want to\s+|like to\s+)?(?:go (?:deeper|further|into more detail) "
    r"(?:into|on|with)|dig (?:deeper )?into|drill (?:down )?into|probe|explore|focus on|"
    r"test|delve (?:deeper )?into|get into|spend (?:some |more )?time on|hear more about|"
    r"understand more about|be (?:sure|confident|convinced|satisfied|reassured)(?: that)?|"
    # "The students will also ask how you would make sure Year 10 feel listened to."
    r"ask (?:you )?(?=how|what|why|whether|about)))\b|"
    # "she wants to know how you'd turn round an account": a question the round will ask.
    r"\b(?:wants?|want|would like|'d like|will want|'ll want) to know (?=how|what|why|whether|if)|"
    r"\b(?:would|'d) like to (?:talk|chat) (?:about|through) (?=how|what|why|whether|your)|"
    # "but they need someone who has taken a department through a deep dive": what the round
    # will look for, said as the person they want.
    r"\b(?:need|needs|want|wants|are looking for|is looking for|'re looking for)\s+"
    r"(?:someone|somebody|a candidate|a person|a leader|a manager)\s+(?=who|that|with)|"
    # Advice on what will come up: "be ready to talk about how you'd get on top of the budget".
    r"\bbe(?:ing)? (?:ready|prepared) to (?:talk (?:about|through)|explain|discuss|walk (?:them|us|"
    r"her|him) through)\b|"
    # "Graham is very hot on margin and yield, so expect a grilling there."
    r"\b(?:is|are|'s) (?:very |really |quite )?(?:hot on|big on|keen on|a stickler for)\b|"
    r"\bexpect (?:a grilling|some (?:tough )?questions|questions|to be (?:asked|grilled|pushed|"
    r"probed)) (?:on|about)\b",
    re.IGNORECASE,
)
# Wording that signals a doubt; the topic is what follows it. Written from the way recruiters and
# interviewers phrase feedback.
_CONCERN = re.compile(
    r"\b(?:lack(?:ed|s|ing)?(?: of| in)?|"
    r"(?:did not|didn't|does not|doesn't|could not|couldn't|wasn't|weren't|was not|were not|"
    r"isn't|aren't|is not|are not)"
    r" (?:show|demonstrate|give|have|hear|see|seem to have|convince (?:them|us|him|her)"
    r"(?: of| on| about| that)?|(?:fully |entirely |quite |totally )?(?:convinced|sure|clear)"
    r"(?: about| on| of| that| whether| by| yet)?)|"
    # "Her worry is churn", "the one concern was whether…": the doubt is what follows.
    r"(?:(?:her|his|their|the|my|one|only|main|big|biggest|slight|small)\s+)+(?:worry|concern|"
    r"doubt|hesitation|reservation)(?:\s+for (?:them|her|him))?\s+(?:is|was|'s)(?: that)?|"
    r"not enough|limited|too little|(?:some |slight |a few |one )?concerns? (?:about|that|over|"
    r"with|around|on|regarding)|concerned (?:about|that|with)|"
    r"worr(?:ied|y|ies) (?:about|that)|unsure (?:about|whether|if|of)|unsure(?= (?:that )?you\b)|"
    # "and questioned how you would manage a team of 15": the doubt is what follows.
    r"questioned(?= (?:how|whether|if|what|why)\b)|"
    r"not (?:yet |fully |entirely |totally |quite |completely )?(?:sure|convinced|clear)"
    r"(?: about| that| whether| of| by| on)?|"
    r"(?:less|not as|not so) (?:sure|convinced|confident) (?:about|that|whether|of|in|on)?|"
    r"(?:a |slight |small |big )?question ?marks? (?:over|about|around|on)|"
    r"left (?:them |her |him |us )?(?:with )?(?:a |some )?(?:slight |small |big |little )?"
    r"question ?marks?|"
    # Advice that names a doubt: "it'd be worth showing you're comfortable being hands-on".
    r"(?:it'd|it would|it will|it'll|would) be (?:worth|good to be) (?:showing|demonstrating|"
    r"making (?:it )?clear|bringing out)(?: that)?|"
    r"reservations? (?:about|over|around|on)|wondered (?:whether|if|about)|"
    r"(?:some |a few |had |have |has )?doubts? (?:about|over|around|on|whether|that)|"
    r"weak(?:er|ness)? (?:on|in|at|around)|struggled (?:with|to)|"
    r"could (?:have been|be) (?:stronger|clearer|better|more (?:specific|detailed))"
    r"(?: on| in| at| about| when)?|"
    r"(?:would|'d)(?: perhaps| maybe| probably| also| really)*(?: have)? liked? "
    r"(?:to (?:see|hear|know|understand) )?(?:(?:a (?:little|bit|lot)|much|rather|slightly|some) )?"
    r"more(?: detail| evidence| examples?| depth)?(?: about| on| of| around| from| in)?|"
    # Advice to prepare: "I'd brush up on the NHS financial framework".
    r"(?:brush(?:ing)? up on|read(?:ing)? up on|swot(?:ting)? up on|do (?:some|more) homework on)|"
    r"(?:would|'d) (?:like|want|love) to (?:hear|see|know|understand|learn)(?! you\b)"
    r"(?: (?:a (?:bit|little|lot) )?more)?"
    r"(?: about| on| of| around)?|(?:would|'d) (?:like|want) more(?: evidence| detail)?"
    r"(?: about| on| of| around)?|"
    r"(?:haven't|hasn't|have not|has not)(?: yet)? (?:had|got|shown|done|demonstrated|held|led|"
    r"managed|run|started|begun|completed|finished|passed|taken|enrolled on|used|worked with)"
    r"(?: much| enough| any| a lot of)?|"
    r"(?:was|felt|came across as|seemed|sounded|is|looked) (?:a bit|a little|slightly|rather|"
    r"quite|too|somewhat) (?:polished|rehearsed|generic|general|vague|thin|scripted|textbook|"
    r"theoretical|high[- ]level|light|short|brief|reactive|long|junior|passive|defensive|"
    r"hesitant|tentative|basic)|"
    r"(?:the |a |one )?(?:main |big |only |one )?question ?mark (?:is|was)\b|"
    r"(?:was|were|felt|seemed|sounded|looked) (?:thin|vague|weak|generic|unconvincing|"
    r"superficial|shallow)\b|"
    r"(?:was|were|seemed|felt) more about\b(?=.*\bthan\b)|"
    r"(?:didn't|did not|never really|never quite|doesn't|did not quite|didn't quite) land\b|"
    r"(?:fell|was a bit|felt a bit) flat\b|missed the mark\b|"
    r"(?:would|'d) like to understand (?:better )?(?:how|what|why|more)|"
    r"(?:^|\b)to hear more (?:about|on|of)|flag(?:ged|s)? (?:up )?that|"
    r"(?:wants?|want|would like|'d like|need|needs) to (?:see|hear) more(?: evidence| examples?|"
    r" detail| proof)?(?: that| of| about| on| around)?|"
    r"light on|thin on|vague (?:about|on|when)|gaps? in|missing|"
    # "the budget here is a big step up - you'd be managing four people rather than one".
    r"(?:is|would be|will be|'d be|'s) (?:a |quite a |a bit of a )(?:big |real |significant |huge |"
    r"major )?step up(?: for you)?|"
    r"said (?:very |too )?little (?:about|on)|said nothing (?:about|on)|"
    r"(?:didn't|did not) say (?:much|enough|anything) (?:about|on)|"
    r"question(?:ed|s)? (?:whether|about)|less experience (?:of|in|with)|"
    r"needs? (?:more|to work on|to improve)|short on|no (?:real )?(?:experience|evidence) of|"
    # How an answer was told: "you were a bit long-winded on the GP question".
    r"(?:(?:was|were|a bit|a little|rather|quite|slightly|too) )?"
    r"(?:long[- ]winded|rambl(?:ed|ing|y)|waffl(?:ed|ing|y)|went on (?:a bit|too long)|"
    r"over-?explained))",
    re.IGNORECASE,
)
_THEIR_WORRY = re.compile(
    r"\b(?:everyone|everybody|the (?:trust|board|ward|team|business|company|school|service)|"
    r"they all|we all)\s+(?:is|are|'s|'re)?\s*(?:most |really |very |all )?(?:worried|concerned)\b",
    re.I,
)
_OWN_WORRY = re.compile(
    r"\byou (?:felt|thought|worried|feared|said|mentioned)(?: that)?(?: you)?\s*$", re.I
)
_PRAISE = re.compile(
    r"\b(?:liked|loved|(?:were |was )?impressed (?:by|with)|impressed|enjoyed|praised|"
    r"appreciated|(?:were |was )?(?:pleased|happy) with|stood out|strong|great|excellent|"
    r"good|clear|compelling|convincing|thorough|well[- ]structured|(?:much |far )?better than|"
    r"exactly right|spot on|nailed|really (?:strong|good|clear)|mature|thoughtful|insightful|"
    r"exactly what (?:they|we|she|he)(?:'re| are| were| was)? (?:looking for|want(?:ed)?|"
    r"need(?:ed)?)|"
    r"impressive|credible|confident|solid|well thought[- ]through|"
    r"(?:was|were|is|very|really|entirely) sound|followed (?:the |our )?(?:procedure|policy)|"
    r"(?:was |were |is )?(?:one of )?the best (?:\w+ )?(?:she|he|they|we|I)(?:'s| has| have| had)? "
    r"(?:ever )?(?:heard|seen|had))\b",
    re.IGNORECASE,
)
# What may open a topic and carries nothing of it.
_LEAD = re.compile(
    r"^(?:(?:any|some|real|much|more|enough|the|a|an|of|in|on|with|about|around|over|"
    r"regarding|into|that|whether|if|yet|really|fully|quite|hands-on|direct|proven|"
    r"demonstrable|examples?\s+of|evidence\s+of|detail\s+(?:on|about|of)|"
    r"experience(?:\s+(?:of|in|with))?)\b\s*)+",
    re.IGNORECASE,
)
# "you have handled X" -> "handling X"; "you can lead X" -> "leading X".
_SUBJECT_VERB = re.compile(
    r"^(?:that\s+|whether\s+|if\s+)?(?:you|he|she|they|the candidate|I)"
    r"(?P<aux>'ve|'d|'re|'ll|\s+(?:have|has|had|can|could|would|will|are|were|did|do))?\s+"
    r"(?:really\s+|actually\s+|ever\s+|yet\s+|already\s+|fully\s+)?(?P<been>been\s+)?"
    r"(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# Auxiliaries before a verb's bare form ("you could handle") and before what one is ("you're
# commercial enough"), or has ("you had enough experience").
_MODALS = frozenset({"'d", "'ll", "can", "could", "would", "will", "did", "do"})
_BEING = frozenset({"'re", "are", "were"})
_HAVING = frozenset({"'ve", "have", "has", "had"})
_IRREGULAR = {
    "led": "leading",
    "knew": "knowing",
    "known": "knowing",
    "understood": "understanding",
    "thought": "thinking",
    "gave": "giving",
    "given": "giving",
    "spoke": "speaking",
    "spoken": "speaking",
    "chose": "choosing",
    "chosen": "choosing",
    "found": "finding",
    "went": "going",
    "gone": "going",
    "saw": "seeing",
    "seen": "seeing",
    "grew": "growing",
    "grown": "growing",
    "began": "beginning",
    "begun": "beginning",
    "run": "running",
    "ran": "running",
    "done": "doing",
    "did": "doing",
    "built": "building",
    "made": "making",
    "taken": "taking",
    "took": "taking",
    "got": "getting",
    "gotten": "getting",
    "had": "having",
    "shown": "showing",
    "dealt": "dealing",
    "worked": "working",
    "held": "holding",
    "set": "setting",
    "written": "writing",
    "wrote": "writing",
    "sat": "sitting",
    "met": "meeting",
    "taught": "teaching",
    "brought": "bringing",
    "kept": "keeping",
    "won": "winning",
    "sold": "selling",
    "spent": "spending",
    "put": "putting",
    "managed": "managing",
    "handle": "handling",
    "lead": "leading",
    "manage": "managing",
    "used": "using",
}
_TAIL = re.compile(
    r"\s*\b(?:in the interview|today|last time|at interview|overall|so far|in (?:the )?"
    r"(?:first|last|previous) (?:round|interview|stage))\b.*$",
    re.I,
)
_LEADING = re.compile(r"^(?:however|but|and|also|although|though|that said),?\s+", re.I)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|should|could|can|did|does|do|have|has|had|said|felt|"
    r"thought|think|told|I|we|they|he|she|me|us)\b"
)


@dataclass(frozen=True)
class AskedText:
    id: int
    round_number: int
    text: str
    answer_note: str = ""
    self_rating: int | None = None
    reaction: str = "unknown"  # positive, neutral, negative, unknown
    interviewer: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class FeedbackText:
    id: int
    round_number: int
    text: str
    source: str = "other"
    sender: str = ""


@dataclass(frozen=True)
class Remark:
    """One concern, focus area or piece of praise in feedback, with the words it rests on."""

    kind: RemarkKind
    topic: str  # a noun phrase that fits "about {topic}", or "" when none could be made safely
    quote: str  # the clause as written
    span: Span  # into the feedback's text
    feedback_id: int
    round_number: int
    source: str
    competencies: tuple[str, ...]
    requirement_id: int | None = None
    requirement_text: str = ""
    question_id: int | None = None  # the asked question it is about, when it is about one
    about: str = ""  # the words after the cue: what the remark is about
    context: str = ""  # the whole sentence the clause is in

    @property
    def label(self) -> str:
        """The topic, or the quote when no clean topic could be made."""
        return self.topic or f"“{self.quote}”"


@dataclass(frozen=True)
class Point:
    """One earlier answer to build on or to put right, and why."""

    verdict: Verdict
    question_id: int
    question: str
    round_number: int
    why: str
    answer_note: str
    self_rating: int | None
    reaction: str
    competencies: tuple[str, ...]
    overruled_self_rating: bool = False
    decided_by: str = "rating"  # feedback, reaction, rating, notes


@dataclass(frozen=True)
class Debrief:
    reinforce: tuple[Point, ...]
    counter: tuple[Point, ...]
    concerns: tuple[Remark, ...]  # doubts and focus areas, in the order the feedback gave them
    praise: tuple[Remark, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.reinforce or self.counter or self.concerns or self.praise)


def _gerund(verb: str) -> str:
    lowered = verb.lower()
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered]
    if lowered.endswith("ing"):
        return lowered
    if lowered.endswith("ied"):
        return lowered[:-3] + "ying"
    if lowered.endswith("eed"):
        return lowered[:-1] + "ing"  # agreed -> agreeing
    if lowered.endswith("ed"):
        return lowered[:-2] + "ing"  # handled -> handling, planned -> planning
    if lowered.endswith("e") and not lowered.endswith("ee"):
        return lowered[:-1] + "ing"
    return lowered + "ing"


_CUT = re.compile(
    r",\s+(?:so|which|but|because|though|although|as|especially|particularly|given|since|"
    r"meaning|i\.e\.|that is|in other words|like|such as|including|rather than|"
    r"and (?:they|he|she|I|we|you))\b.*$|\s+[-–—]\s+.*$|\s*\(.*$|"
    r"\s+and (?:said|says|felt|thought|told|mentioned|added)\b.*$|:\s.*$|"
    r"\s+which(?:\s+(?:is|was|were|'s)\b.*)?$|"
    r"\s+(?:yet|as yet|so far)\b.*$|\s+so (?:expect|be ready|it's worth|do)\b.*$|"
    r"\s+(?:before|in the past|previously)[\s.!?,;]*$|"
    # "the NHS financial framework before you see Helen": when, not what.
    r"\s+(?:before|when|ahead of) (?:you (?:see|meet|speak to|go back)|the (?:next|second|final|"
    r"panel))\b.*$|"
    # "…the hospice care model before the day", "…by the interview": when, not what.
    r"\s+(?:before|by|on|ahead of) the (?:day|interview|final|panel|next round)\b.*$|"
    # "your on-call readiness, you've not done many on-calls": a new clause after the comma.
    r",\s+(?:you|you've|you'd|you're|you'll|they|they've|he|she|it's|that's|I|I'd|we)\b.*$",
    re.IGNORECASE,
)


# What never takes "the" before it in a topic: a clause, a verb's -ing form, a possessive.
_NO_ARTICLE = re.compile(
    r"(?:how|what|why|where|when|which|whether|you|your|their|his|her|our|[a-z]+ing)\b", re.I
)


# Words that open a sentence with a capital they lose mid-sentence.
_SENTENCE_STARTS = frozenset(
    ["managing", "leading", "running", "handling", "the", "your", "a", "an"]
)


# One word that says nothing of what the doubt is about on its own.
_VAGUE = frozenset(
    [
        "scale",
        "depth",
        "breadth",
        "level",
        "detail",
        "details",
        "experience",
        "confidence",
        "impact",
        "examples",
        "example",
        "it",
        "that",
        "this",
        "things",
        "stuff",
    ]
)


def clean_topic(rest: str) -> str:
    """A noun phrase for "about {topic}" from the words after a cue, or "" when none is safe."""
    rest = _CUT.sub("", rest)
    rest = _TAIL.sub("", rest.strip(" .,:;!?\"'“”()"))
    lead = _LEAD.match(rest)
    rest = _LEAD.sub("", rest).strip(" .,:;")
    if (
        lead
        and re.search(r"\bthe\s*$", lead.group(0), re.I)
        and rest
        and not _NO_ARTICLE.match(rest)
    ):
        # "the NHS financial framework" keeps its article: "about NHS financial framework" is
        # not English; "the" before "how you…" or "handling…" is dropped.
        rest = "the " + rest
    # "…to be sure you understand the hospice care model": about your understanding of it.
    rest = re.sub(
        r"^you (?:really |fully )?(understand|know)\s+(?=\w)",
        lambda m: (
            "your understanding of " if m.group(1).lower() == "understand" else "your knowledge of "
        ),
        rest,
        flags=re.I,
    )
    # "someone who has taken a department through X" -> "taking a department through X";
    # "someone who knows the Act inside out" -> "knowing the Act inside out".
    who = re.match(
        r"^(?:who|that)\s+(?:(?P<aux>has|have|can|could|will|is|are)\s+)?(?:already\s+|really\s+)?"
        r"(?P<verb>[a-z]+)\b",
        rest,
        re.I,
    )
    if who:
        word = who.group("verb").lower()
        if who.group("aux"):
            rest = "you " + rest[who.start("aux") :]
        elif word.endswith("s") and not word.endswith("ss"):
            rest = _gerund(word[:-1]) + rest[who.end() :]
            word = ""
        else:
            return ""
    verb = _SUBJECT_VERB.match(rest)
    if verb:
        word = verb.group("verb").lower()
        aux = (verb.group("aux") or "").strip().lower()
        after = rest[verb.end() :]
        participle = word in _IRREGULAR or word.endswith(("ed", "ing"))
        if word in ("been", "got", "have", "had"):
            return ""
        if word == "be" and aux in _MODALS:
            rest = "being" + after  # "you'd be tough enough with…" -> "being tough enough…"
        elif verb.group("been") or (aux in _BEING and not word.endswith("ing")):
            rest = "being " + word + after  # "you're commercial enough to…"
        elif aux in _HAVING and not participle:
            rest = "having " + word + after  # "you had the budget to…"
        elif participle or aux in _MODALS:
            rest = _gerund(word) + after  # "you have handled", "you would handle"
            # "you have led and held adults to account": both verbs take the -ing form.
            rest = re.sub(
                r"^(\w+ing) (and|or) ([a-z]+)\b",
                lambda m: (
                    f"{m.group(1)} {m.group(2)} {_gerund(m.group(3))}"
                    if m.group(3) in _IRREGULAR or m.group(3).endswith("ed")
                    else m.group(0)
                ),
                rest,
            )
        else:
            return ""  # a word that may not be a verb at all: the doubt is quoted instead
    elif re.match(r"^(?:how|what|why|where|when|which)\b", rest, re.I):
        pass  # "how you mentor junior engineers" reads well after "about"
    rest = rest.strip(" .,:;")
    # "you've done much assessment of old masonry" is about "assessment of old masonry".
    rest = re.sub(r"^doing (?:much|many|enough|any|a lot of|lots of)\s+", "", rest, flags=re.I)
    # "having enough experience of court work" reads as "your experience of court work".
    rest = re.sub(
        r"^having (?:(?:enough|much|any|the|sufficient|real|more|a lot of)\s+)?"
        r"(experience|knowledge|understanding)\b",
        r"your \1",
        rest,
        flags=re.IGNORECASE,
    )
    words = rest.split()
    if not words or len(words) > MAX_TOPIC_WORDS:
        return ""
    bare = [w for w in words if w.lower() not in ("the", "a", "an", "this", "that", "your")]
    if len(bare) <= 1 and (not bare or bare[0].lower().strip(".,") in _VAGUE):
        return ""  # "more on scale": scale of what is in the quote, not in one word
    # A finite verb is fine inside a "how you would…" clause, never in the topic itself.
    head = re.split(r"\b(?:how|what|why|where|when|which|whether)\b", rest, maxsplit=1)[0]
    if _FINITE.search(head):
        return ""
    if not content_stems(rest):
        return ""
    # Feedback the candidate typed up ("she wants to go deeper into how I would forecast
    # renewals") is said back to them: "how you would forecast renewals".
    return _FIRST_PERSON.sub(lambda m: _SECOND_PERSON[m.group(0).lower()], rest)


_SECOND_PERSON = {"i": "you", "i'd": "you'd", "i've": "you've", "i'm": "you're", "my": "your",
                  "me": "you", "myself": "yourself", "mine": "yours"}  # fmt: skip
_FIRST_PERSON = re.compile(r"\b(?:I'd|I've|I'm|I|my|me|myself|mine)\b", re.I)


def _checks(clause: str) -> re.Match[str] | None:
    """A request to confirm something that is about the job's conditions, not logistics."""
    hit = _CHECK.search(clause)
    if hit and re.search(
        r"registration|right to work|visa|qualification|licen[cs]e|DBS", clause, re.I
    ):
        return hit
    return None


_NAMES_ONLY = re.compile(r"(?:(?:both|and|[A-Z][a-z'’-]+)\s*){1,3}")


def _pieces(text: str) -> list[tuple[int, int]]:
    pieces = []
    position = 0
    for cut in _CLAUSES.finditer(text):
        before = text[position : cut.start()]
        if cut.group(0).strip(" ,").lower() == "and" and _NAMES_ONLY.fullmatch(before.strip()):
            # "Angela and David will want…": two people sharing one clause, not two clauses.
            continue
        pieces.append((position, cut.start()))
        position = cut.end()
    pieces.append((position, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def _link(
    topic: str,
    requirements: Sequence[RequirementText],
    similarity: Similarity | None,
) -> RequirementText | None:
    wanted = set(content_stems(topic))
    best: tuple[float, RequirementText] | None = None
    # A requirement that says two of the doubt's words is the one it is about, however close
    # in meaning another reads: "prioritising a caseload on a busy ward" is about "Prioritise a
    # caseload of patients by clinical risk", not "Take part in multidisciplinary ward rounds".
    worded = [r for r in requirements if len(wanted & set(content_stems(r.text))) >= 2]
    if worded:
        requirements = worded
    for requirement in requirements:
        shared = len(wanted & set(content_stems(requirement.text)))
        score = 0.5 if shared >= 2 or (shared and shared == len(wanted)) else 0.0
        if similarity is not None:
            cosine = float(similarity(topic, requirement.text))
            score = max(score, 0.5 + cosine - LINK_COSINE if cosine >= LINK_COSINE else 0.0)
        if score > 0 and (best is None or score > best[0]):
            best = (score, requirement)
    return best[1] if best else None


def find_remarks(
    item: FeedbackText,
    requirements: Sequence[RequirementText] = (),
    similarity: Similarity | None = None,
) -> list[Remark]:
    """Concerns, focus areas and praise in one piece of feedback, one per clause."""
    remarks: list[Remark] = []
    # Email bodies are wrapped at a fixed width: a line break inside a paragraph is a space (one
    # character for one, so spans still point into the text as stored).
    text = re.sub(r"(?<=[^\n.!?:;])\r?\n(?=[^\n\-•*\d])", lambda m: " " * len(m.group()), item.text)
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", text)]
    for start, end in _pieces(text):
        clause = text[start:end]
        concern = _CONCERN.search(clause)
        if concern and _OWN_WORRY.search(clause[: concern.start()]):
            # "even though you felt you rambled, she thought the saving was a great example":
            # the candidate's own worry, which the feedback answers, is no doubt of theirs.
            concern = None
        focus = None if concern else _FOCUS.search(clause) or _checks(clause)
        praise = None
        if not (concern or focus or _INVITATION.search(clause) or _PLEASANTRY.search(clause)):
            praise = _PRAISE.search(clause)
        hit = concern or focus or praise
        if hit is None:
            continue

        kind: RemarkKind = "concern" if concern else "praise"
        if focus is not None:
            kind = "check" if _CHECK.match(focus.group(0)) else "focus"
        rest = clause[hit.end() :]
        clause_cue = re.search(r"\b(?:that|whether|if)\s*$", hit.group(0), re.I) or re.match(
            r"\s*(?:that|whether|if)\b", rest, re.I
        )
        # "flagged that your answer leaned on X" is a whole clause, not a topic: only "that you
        # have done X" can be said as one ("doing X").
        topic = clean_topic(rest) if not clause_cue or _SUBJECT_VERB.match(rest.strip()) else ""
        # "…was vague and a bit worrying": what follows the cue only judges again.
        tail_cue = kind == "concern" and (
            not content_stems(rest)
            or bool(
                re.fullmatch(
                    r"\s*(?:,|and|or)\s+(?:(?:a bit|a little|quite|rather|very|slightly|too|"
                    r"somewhat|frankly|honestly)\s+)*[a-z-]+[\s.!,;]*",
                    rest,
                    re.IGNORECASE,
                )
            )
        )
        if kind == "concern" and re.search(r"step up", hit.group(0), re.I):
            tail_cue = True  # "the budget here is a big step up": the topic is before the cue
        if tail_cue:
            topic = ""
        done = re.search(
            r"(?:haven't|hasn't|have not|has not)(?: yet)? (?P<verb>held|led|managed|run|started|"
            r"begun|completed|finished|passed|taken|used|worked with)$",
            hit.group(0),
            re.I,
        )
        if kind == "concern" and done and topic:
            # "you haven't held a budget yet": the doubt is about holding one.
            rest_phrase = _CUT.sub("", rest.strip()).strip(" ,;.")
            verb = done.group("verb")
            doing = "working with" if verb.startswith("worked") else _gerund(verb)
            topic = f"{doing} {rest_phrase}" if rest_phrase else topic
        if kind == "concern" and tail_cue and _THEIR_WORRY.search(clause):
            # "the retention figures are the thing everyone is worried about": the employer's
            # problem, which the round will be about, not a doubt about the candidate.
            kind = "focus"
        if (kind == "praise" or tail_cue) and not topic:
            # "Your SQL answer was strong", "felt your costing was thin": the topic is before
            # the cue.
            before = re.sub(
                r"\s+(?:was|were|is|are|came across as|sounded|felt)(?:\s+(?:really|very|"
                r"particularly|so|quite))?\s*$",
                "",
                clause[: hit.start()].strip(),
                flags=re.IGNORECASE,
            )
            before = re.sub(
                r"^(?:(?:he|she|they|we|the panel|(?-i:[A-Z][a-z]+))\s+)?(?:felt|thought|said|"
                r"found|reckoned)\s+(?:that\s+)?",
                "",
                before,
                flags=re.IGNORECASE,
            )
            pronoun = re.match(
                r"^(?:he|she|they|we|i|it|everyone|everybody|the (?:panel|interviewers?|team|"
                r"board|client|school|trust)|[A-Z][a-z]+ (?:and I|really|also))\b",
                before,
                re.I,
            )
            topic = clean_topic(before) if before and not pronoun else ""
            if topic[:2].istitle() and topic.split()[0].lower() in _SENTENCE_STARTS:
                topic = topic[0].lower() + topic[1:]  # "Managing a team…" mid-sentence
        # "your answer on managing a rising caseload": the topic is what the answer was on.
        topic = re.sub(
            r"^(?:your|the|his|her|their) (?:answers?|responses?|examples?) (?:on|about|around)\s+",
            "",
            topic,
            flags=re.IGNORECASE,
        )
        if kind == "concern" and (
            re.search(r"\b(?:answers?|responses?|examples?|questions?)$", topic)
            or re.search(r"(?:was|were|seemed|felt) more about$", hit.group(0), re.I)
        ):
            # "your TripAdvisor answer was a bit polished" is about an answer, not a topic to
            # write a story on: the doubt is quoted and tied to that answer.
            topic = ""
        if (
            kind in ("concern", "focus")
            and not topic
            and re.fullmatch(r"\s*(?:that|it|this|them|those)[\s.!?,;]*", rest, re.I)
        ):
            # "She mentioned the commute and the summer weekends, so it's worth being ready to
            # talk about that": "that" is what came before it in the sentence.
            if content_stems(clause[: hit.start()]):
                rest = clause[: hit.start()]
            else:
                whole = next((a for a, b in sentences if a <= start < b), start)
                if whole < start and content_stems(text[whole:start]):
                    rest, start = text[whole:start], whole
                    clause = text[start:end]
        if not topic and not content_stems(rest if kind != "praise" and not tail_cue else clause):
            continue
        if (
            kind == "concern"
            and not topic
            and remarks
            and remarks[-1].kind == "concern"
            and remarks[-1].context
            and text[start:end].strip() in remarks[-1].context
            and re.match(r"\s*(?:the|that|this|your) answer\b|\s*it\b", clause, re.I)
        ):
            # "more structure on prioritisation - the answer felt generic - and…": an aside on
            # the doubt just made, not a doubt of its own to rehearse.
            continue
        about = topic or rest
        requirement = _link(about, requirements, similarity)
        remarks.append(
            Remark(
                kind=kind,
                topic=topic,
                quote=_LEADING.sub("", " ".join(clause.split())).strip(" ,;.!"),
                about=" ".join(about.split()),
                context=next(
                    (" ".join(text[a:b].split()) for a, b in sentences if a <= start < b), ""
                ),
                span=Span(start, end),
                feedback_id=item.id,
                round_number=item.round_number,
                source=item.source,
                competencies=tuple(sorted(competencies(about))),
                requirement_id=requirement.id if requirement else None,
                requirement_text=requirement.text if requirement else "",
            )
        )
    return remarks


def _closeness(question: AskedText, text: str, similarity: Similarity | None) -> float:
    """How much `text` is about an asked question: a cosine, or 0.5 per shared content word."""
    qtext = f"{question.text} {question.answer_note}".strip()
    shared = len(set(content_stems(text)) & set(content_stems(qtext)))
    lexical = 1.0 if shared >= 3 else 0.5 if shared == 2 else 0.0
    if similarity is None:
        return lexical
    cosine = max(float(similarity(text, question.text)), float(similarity(text, qtext)))
    return max(cosine, ABOUT_COSINE if shared >= 2 else 0.0)


# An answer the feedback names: "your answer about the parent conversation (felt…)", "the
# funding question (didn't land)".
_NAMED_ANSWER = re.compile(
    r"\b(?:your|the|his|her|their) (?:answers?|responses?) (?:on|about|around|to) (?:the )?"
    r"(?P<x>[^,.;]+?)(?= (?:was|were|also|felt|seemed|came|sounded|is|went|did)\b|[,.;]|$)|"
    r"\b(?:the|your) (?P<y>[\w'’-]+(?: [\w'’-]+){0,3}) (?:answer|question|response)\b",
    re.I,
)


# What follows a piece of work when it is the thing named ("your audit and…", "the pilot was…"),
# not a word describing another ("project management", "audit skills").
_AFTER_HEAD = re.compile(
    r"\s*(?:$|[,.;:!?)]|(?:and|or|but|on|in|at|for|with|of|that|which|who|was|were|is|had|has|"
    r"really|went|came|showed|stood)\b)",
    re.I,
)


def works_named(text: str) -> frozenset[str]:
    """The stems of the pieces of work `text` names as its subject ("your antimicrobial
    stewardship audit and the switch results" names an audit)."""
    works = wordlists().sets["work_nouns"]
    found = set()
    for match in re.finditer(r"[\w'’-]+", text):
        word = match.group().lower()
        if word in works and _AFTER_HEAD.match(text, match.end()):
            found.add(stem(word))
    return frozenset(found)


def _about_work(question: AskedText, works: frozenset[str]) -> bool:
    """Whether the answer is about one of the pieces of work a remark names."""
    if not works:
        return True
    said = {
        stem(w.lower()) for w in re.findall(r"[\w'’-]+", f"{question.text} {question.answer_note}")
    }
    return bool(works & said)


def attach(
    remarks: Sequence[Remark],
    questions: Sequence[AskedText],
    similarity: Similarity | None,
) -> list[Remark]:
    """Each remark tied to the one asked question of its round it is clearly about, if any."""
    from dataclasses import replace

    def best(text: str, same_round: Sequence[AskedText], bar: float) -> int | None:
        """The question `text` is clearly about; -1 when it is about several alike. A remark
        that names a piece of work ("impressed with your stewardship audit") is about an answer
        only when that answer names the work too, however many other words they share: praise of
        an audit is no verdict on an answer about arguing with a consultant over the same drug."""
        works = works_named(text)

        def score(q: AskedText) -> float:
            if not _about_work(q, works):
                return 0.0
            close = _closeness(q, text, similarity)
            if close < ABOUT_COSINE and not set(content_stems(text)) & set(
                content_stems(f"{q.text} {q.answer_note}")
            ):
                # Below the bar for praise, a doubt is tied only to an answer it shares a word
                # with: "managing a departmental budget" is no doubt about how she handled an
                # underperforming teacher, however alike the two read.
                return 0.0
            return close

        scored = sorted(((score(q), q.id) for q in same_round), reverse=True)
        if scored and scored[0][0] >= bar:
            runner_up = scored[1][0] if len(scored) > 1 else 0.0
            if scored[0][0] - runner_up >= ABOUT_MARGIN or scored[0][0] >= 1.0 > runner_up:
                return scored[0][1]
            return -1
        return None

    def named(text: str, same_round: Sequence[AskedText]) -> int | None:
        """The question an answer named in the remark is ("your answer about the parent
        conversation", "the funding question"): the one sharing most of its words, if one does."""
        said = _NAMED_ANSWER.search(text)
        if said is None:
            return None
        words = set(content_stems(said.group("x") or said.group("y") or ""))
        if not words:
            return None
        shared = sorted(
            (
                (len(words & set(content_stems(f"{q.text} {q.answer_note}"))), q.id)
                for q in same_round
            ),
            reverse=True,
        )
        if shared and shared[0][0] >= 1 and (len(shared) == 1 or shared[0][0] > shared[1][0]):
            return shared[0][1]
        return None

    out = []
    for remark in remarks:
        if remark.kind in ("focus", "check"):  # what comes next judges no answer given
            out.append(remark)
            continue
        same_round = [q for q in questions if q.round_number == remark.round_number]
        if (by_name := named(remark.quote, same_round)) is not None:
            out.append(replace(remark, question_id=by_name))
            continue
        bar = (
            0.5
            if similarity is None
            else DOUBT_COSINE
            if remark.kind == "concern"
            else ABOUT_COSINE
        )
        # The clause first; then the whole sentence it is in ("She mentioned the Snowflake cost
        # work; she thought the 30% saving was a great example" praises the cost answer).
        chosen = best(remark.about or remark.quote, same_round, bar)
        if chosen is None and similarity is not None:
            chosen = best(remark.quote, same_round, bar)
        alone = sum(1 for r in remarks if r.context == remark.context) == 1
        if chosen is None and alone and similarity is not None and remark.context != remark.quote:
            chosen = best(remark.context, same_round, bar)
        out.append(replace(remark, question_id=chosen if chosen != -1 else None))
    return out


def _names(note: str, question: AskedText) -> bool:
    """Whether the candidate's note names this answer: two of its content words in common."""
    qtext = f"{question.text} {question.answer_note}"
    return len(set(content_stems(note)) & set(content_stems(qtext))) >= 2


def _note_closeness(
    note: str, questions: Sequence[AskedText], similarity: Similarity | None
) -> dict[int, float]:
    """How much the candidate's note is about each answer of its round. One note often names
    several answers ("the results story; the safeguarding answer landed well"), so each clause
    counts only for the answer it is closest to: "the parent conversation answer was mostly what I
    said" is about the parent answer, never the safeguarding one beside it."""
    scores: dict[int, float] = {}
    if not note.strip() or not questions:
        return scores
    clauses = [note[a:b] for a, b in _pieces(note)]
    for clause in [c for c in clauses if content_stems(c)] or [note]:
        close = {q.id: _closeness(q, clause, similarity) for q in questions}
        best = max(close, key=lambda qid: close[qid])
        scores[best] = max(scores.get(best, 0.0), close[best])
    return scores


_SOURCE = {
    "consultant": "your consultant",
    "interviewer": "the interviewer",
    "hr": "HR",
    "other": "the feedback",
}


def _judge(
    question: AskedText,
    remarks: Sequence[Remark],
    notes: tuple[dict[int, float], dict[int, float]],
    similarity: Similarity | None,
    named: bool = True,
) -> Point | None:
    said = [r for r in remarks if r.question_id == question.id]
    heard = sum(1 if r.kind == "praise" else -1 for r in said)
    reaction = {"positive": 1, "negative": -1}.get(question.reaction, 0)
    rating = question.self_rating
    own = (
        0
        if rating is None
        else (1 if rating >= GOOD_RATING else -1 if rating <= WEAK_RATING else 0)
    )
    impressed, fell_flat = notes
    # Which of the candidate's own notes is about this answer: the clearly closer one, if it is
    # close enough ("my tutor programme ideas" went well, "the tutor answer was too soft" did not).
    went_well = impressed.get(question.id, 0.0)
    fell = fell_flat.get(question.id, 0.0)
    bar = ABOUT_COSINE if similarity is not None else 1.0
    own_note = 0
    if max(went_well, fell) >= bar and abs(went_well - fell) >= ABOUT_MARGIN:
        own_note = 1 if went_well > fell else -1
    if heard:
        outside, decided_by = (1 if heard > 0 else -1), "feedback"
    elif reaction:
        outside, decided_by = reaction, "reaction"
    else:
        outside, decided_by = 0, "rating"
    if heard and outside > 0 and own < 0 and own_note < 0:
        # Praise read as about this answer against both her rating and her own note ("it fell
        # flat", 2/5): the tie may be wrong, and a wrong "reinforce" costs her the round. Say
        # nothing rather than overrule her. (A doubt against her good view still counters: a
        # wrong counter costs only a rehearsal.)
        return None
    mine = own + own_note
    mine = 1 if mine > 0 else -1 if mine < 0 else 0
    verdict_sign = outside or mine
    if verdict_sign == 0:
        return None
    if not outside and question.reaction == "neutral" and not own_note:
        return None  # the interviewer saw nothing either way: a self-rating alone is no evidence
    if not outside and not own and own_note and not named:
        # Only her note, tied by closeness in meaning alone, would decide an answer she rated
        # middling with no reaction seen: "the Pupil Premium results" read as about the data
        # answer. A note decides alone only when it names the answer in its words.
        return None
    if not outside:
        decided_by = "notes" if own_note else "rating"
        if verdict_sign > 0 and classify_question(question.text).type == "salary-notice":
            return None  # a good notice-period answer is nothing to build a round on
    verdict: Verdict = "reinforce" if verdict_sign > 0 else "counter"
    reasons = []
    # Only what bears the verdict out is its reason: praise is never why an answer is countered.
    agreeing = [r for r in said if (r.kind == "praise") == (verdict == "reinforce")]
    for remark in agreeing[:2]:
        reasons.append(f"{_SOURCE.get(remark.source, 'the feedback')} said “{remark.quote}”")
    if reaction:
        reasons.append(
            "the interviewer reacted well" if reaction > 0 else "the interviewer reacted badly"
        )
    if rating is not None:
        reasons.append(f"you rated it {rating} out of 5")
    if own_note < 0:
        reasons.append("you noted it fell flat")
    elif own_note > 0:
        reasons.append("you noted it went down well")
    overruled = outside != 0 and mine != 0 and (mine > 0) != (outside > 0)
    why = "; ".join(reasons)
    if overruled:
        why += ". Their view counts for more than your own"
    return Point(
        verdict=verdict,
        question_id=question.id,
        question=question.text,
        round_number=question.round_number,
        why=(why[0].upper() + why[1:] + ".") if why else "",
        answer_note=question.answer_note,
        self_rating=rating,
        reaction=question.reaction,
        competencies=tuple(sorted(competencies(question.text))),
        overruled_self_rating=overruled,
        decided_by=decided_by,
    )


def analyse_debrief(
    questions: Sequence[AskedText],
    feedback: Sequence[FeedbackText],
    requirements: Sequence[RequirementText] = (),
    similarity: Similarity | None = None,
    notes: Sequence[tuple[int, str, str]] = (),
) -> Debrief:
    """Sort earlier answers into reinforce and counter by the best evidence about each.

    `notes` are the candidate's own (round number, what impressed, what fell flat).
    """
    remarks = [r for item in feedback for r in find_remarks(item, requirements, similarity)]
    remarks = attach(remarks, questions, similarity)
    by_round: dict[int, tuple[dict[int, float], dict[int, float]]] = {}
    for n, good, bad in notes:
        asked = [q for q in questions if q.round_number == n]
        by_round[n] = (
            _note_closeness(good, asked, similarity),
            _note_closeness(bad, asked, similarity),
        )
    said = {n: f"{good} {bad}" for n, good, bad in notes}
    points = [
        p
        for q in questions
        if (
            p := _judge(
                q,
                remarks,
                by_round.get(q.round_number, ({}, {})),
                similarity,
                named=_names(said.get(q.round_number, ""), q),
            )
        )
        is not None
    ]
    order = {"feedback": 0, "reaction": 1, "notes": 2, "rating": 3}
    counter = sorted(
        (p for p in points if p.verdict == "counter"),
        key=lambda p: (order[p.decided_by], p.self_rating or 3, p.round_number),
    )
    reinforce = sorted(
        (p for p in points if p.verdict == "reinforce"),
        key=lambda p: (order[p.decided_by], -(p.self_rating or 3), p.round_number),
    )
    return Debrief(
        reinforce=tuple(reinforce),
        counter=tuple(counter),
        concerns=tuple(r for r in remarks if r.kind != "praise"),
        praise=tuple(r for r in remarks if r.kind == "praise"),
    )

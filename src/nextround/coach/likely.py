"""Likely questions for a round, ranked: what the feedback doubted first, then the rest.

Each question carries why it is likely, in plain words from the templates of brief_content.json,
and the story to answer it with, or the gap to fill. Questions that say the same thing (by
meaning, or most of their words) are asked once, at their highest priority.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from nextround.coach.bank import JOB_LEVELS, BankQuestion, bank_for
from nextround.coach.brief_content import BriefContent, load_content
from nextround.coach.classify import classify_question
from nextround.coach.debrief import Debrief, Remark
from nextround.coach.evidence import (
    EvidenceMap,
    Similarity,
    StoryMatch,
    StoryText,
    content_stems,
    index_stories,
    is_condition,
    is_credential,
    is_held,
    is_tenure,
    is_thin,
    is_to_take_on,
    rank_indexed,
)
from nextround.coach.logistics import MAX_QUOTE, find_facts, interview_styles
from nextround.coach.requirements import requirement_phrase
from nextround.coach.words import clip

if TYPE_CHECKING:
    from nextround.coach.brief import BriefInput

REHEARSE = 5
MAX_REPEATS = 3
MAX_PROBES = 4
# Two questions are the same question at this cosine, or when this share of words is shared.
SAME_COSINE = 0.78
SAME_WORDS = 0.7
# Two questions from the bank (short and general, from one curated file) are the same question
# at this lower cosine: "Where else have you applied?" and "Where are you with other
# applications at the moment?" (0.72).
SAME_BANK_COSINE = 0.7
# Two questions on one topic ("What's the largest final account you've agreed?" beside a doubt
# about leading a final account) share this many content words, or two and the same story.
SAME_TOPIC_WORDS = 3
SAME_TOPIC_SHARE = 0.5
# Types of question a STAR story answers; motivation and salary questions are not answered
# with a story, so none is offered for them.
STORY_TYPES = frozenset({"behavioural", "situational", "technical", "second-round"})

PRIORITY = {
    "concern": 100,
    "focus": 95,
    "task": 94,
    "style": 90,
    "follow-up": 80,
    "probe": 70,
    "probe-duty": 62,
    "probe-desirable": 50,
    "commitment": 60,
    "repeat": 55,
    "field": 50,
    "fit": 45,
    "motivation": 40,
    "staple": 30,
    "curveball": 10,
}
# A reporting line is a fact of the job, not something to show ("line managed by the Head").
_REPORTING = re.compile(r"\b(?:line managed by|report(?:s|ing)? (?:in)?to|accountable to)\b", re.I)
# General questions that assume a company in business: left out for public-service fields.
_BUSINESS = re.compile(
    r"\b(?:company|companies|business|start-?up|commission|shareholders?|remote(?:ly)?|"
    r"from home|hybrid)\b",
    re.I,
)
PUBLIC_SERVICE = frozenset({"nursing", "teaching", "social-work"})
# An employer that is a public service whatever the job's field (a finance post in an NHS trust).
_PUBLIC_EMPLOYER = re.compile(
    r"\b(?:NHS|Foundation Trust|Hospitals?|Health Board|ICB|Council|Borough|County|"
    r"Local Authority|Combined Authority|University|College|School|Academy|Police|"
    r"Fire and Rescue|Ministry|Department (?:for|of)|Civil Service|HMRC|HM \w+|Agency)\b"
)
# What a business has and a public service does not: asked of it, the question is wrong.
_PRIVATE_ONLY = re.compile(
    r"\b(?:production line|factory|shareholders?|profit margins?|sales targets?|"
    r"market share|start-?up|commission|(?:biggest|largest|key|top) (?:accounts?|clients?|"
    r"customers?))\b|\bcustomers?'",
    re.I,
)


def suits_employer(question: str, company: str, field: str | None) -> bool:
    """False for a business's question ("invest in a new production line") asked of a public
    service, by its field (nursing) or by its name (an NHS trust)."""
    if field in PUBLIC_SERVICE:
        # A school, a ward or a children's service has pupils, patients and families.
        return not (
            _BUSINESS.search(question)
            or _PRIVATE_ONLY.search(question)
            or re.search(r"\bcustomers?\b", question, re.I)
        )
    if _PUBLIC_EMPLOYER.search(company):
        return not _PRIVATE_ONLY.search(question)
    return True


def may_ask(q: BankQuestion, record: dict[str, list[str]], company: str, field: str | None) -> bool:
    """Whether a bank question may be put to this candidate: it states nothing the record does
    not say ("the year you took out to travel") and suits the employer."""
    presumed = q.presumes is None or q.presumes.holds(record[q.presumes.source])
    return presumed and suits_employer(q.text, company, field)


WRITTEN = frozenset({"concern", "focus", "probe", "task"})
BANK_CATEGORIES = frozenset(
    {"style", "commitment", "motivation", "fit", "field", "staple", "curveball"}
)
# A style of interview as the brief names it.
STYLE_NAMES = {"values": "values-based", "strengths": "strengths-based"}
# The same question whatever its words: where else the candidate is applying.
_FAMILIES = (
    re.compile(
        r"\b(?:other (?:applications?|interviews?|jobs|processes|roles|offers|companies|"
        r"opportunities)|else have you applied|where else|others you are considering|"
        r"in the running)\b",
        re.I,
    ),
)

PROBE_CATEGORY = {"must": "probe", "duty": "probe-duty"}
SOURCES = {
    "consultant": "Your consultant",
    "interviewer": "The interviewer",
    "hr": "HR",
    "other": "The feedback",
}


@dataclass(frozen=True)
class StoryRef:
    id: int
    title: str
    reason: str


@dataclass(frozen=True)
class LikelyQuestion:
    text: str
    why: str
    category: str  # concern, focus, follow-up, probe, repeat, commitment, fit, field, ...
    story: StoryRef | None = None
    gap: str = ""  # what story to write, when none backs it
    priority: int = 0
    rehearse: bool = False  # one of the few to rehearse aloud


@dataclass(frozen=True)
class Doubt:
    """A concern or focus area from feedback, with the story that answers it or the gap."""

    kind: str  # concern, focus, check (something to confirm)
    label: str  # a noun phrase, or the quote in quotation marks
    quote: str
    source: str
    round_number: int
    requirement: str
    story: StoryRef | None
    gap: str
    question: str = ""  # the asked question the doubt is about, when it is about one
    maybe: StoryRef | None = None  # the story that might answer it, when none surely does


def quoted(text: str) -> str:
    """User text as a quote: in curly quotation marks, its own end stop dropped."""
    return "“" + " ".join(text.split()).rstrip(" .") + "”"


def names_of(names: Sequence[str]) -> str:
    names = [n for n in dict.fromkeys(names) if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _ref(match: StoryMatch) -> StoryRef:
    return StoryRef(match.story_id, match.title, match.reason)


# What the candidate has not done yet ("you haven't used Gainsight", "not yet started the
# diploma"): shown by a plan or by what comes closest, never by a story to write.
_NOT_DONE = re.compile(
    r"\b(?:haven't|hasn't|have not|has not|never)(?: yet| actually| really)? (?:used|started|"
    r"begun|completed|finished|done|worked with|worked in|held|led|run|managed|taken|passed|"
    r"enrolled)\b|\b(?:not yet|yet to) (?:started|begun|completed|finished|start|begin|complete|"
    r"finish|qualified)\b|\bnot (?:started|completed|finished|qualified)\b",
    re.I,
)


def _thin_about(topic: str, data: BriefInput) -> StoryText | None:
    """A story too thin to back anything whose title or tags name what the doubt is about."""
    wanted = set(content_stems(topic))
    for story in data.stories:
        if not is_thin(story):
            continue
        tagged = set(content_stems(" ".join(story.skills)))
        titled = set(content_stems(story.title))
        if wanted & tagged or len(wanted & titled) >= 2:
            return story
    return None


def doubts(
    debrief: Debrief,
    evidence: EvidenceMap,
    data: BriefInput,
    content: BriefContent,
    similarity: Similarity | None,
) -> list[Doubt]:
    """Every concern and focus area, once, with its story (from the one evidence map) or gap."""
    indexes = index_stories(data.stories)
    found: list[Doubt] = []
    seen: list[Remark] = []
    for remark in debrief.concerns:
        if any(_same(remark.label, r.label, similarity) for r in seen):
            continue
        seen.append(remark)
        story = None
        if remark.kind == "check":
            found.append(
                Doubt(
                    kind="check",
                    label=remark.label,
                    quote=remark.quote,
                    source=SOURCES.get(remark.source, "The feedback"),
                    round_number=remark.round_number,
                    requirement=remark.requirement_text,
                    story=None,
                    gap=content.sentences["check"],
                )
            )
            continue
        row = evidence.row_for(remark.requirement_text) if remark.requirement_text else None
        maybe: StoryMatch | None = row.maybe[0] if row is not None and row.maybe else None
        if row is not None and row.best is not None:
            story = _ref(row.best)
        elif data.stories:
            ranked = rank_indexed(
                remark.topic or remark.about, indexes, similarity, 1, include_possible=True
            )
            if ranked and ranked[0].confidence == "strong":
                story = _ref(ranked[0])
            elif ranked and maybe is None:
                maybe = ranked[0]
        asked = next((q.text for q in data.questions if q.id == remark.question_id), "")
        gap = ""
        if story is None and maybe is not None:
            # Not sure enough to say it backs it, nor that nothing does: the candidate checks.
            gap = content.sentences["maybe"].format(story=quoted(maybe.title))
        elif (
            story is None
            and _NOT_DONE.search(remark.quote)
            and (is_held(remark.requirement_text) or is_to_take_on(remark.requirement_text))
        ):
            # "you haven't started the postgraduate diploma yet": a plan to show, not a story.
            gap = content.sentences["plan_row"]
        elif story is None and _NOT_DONE.search(remark.quote) and remark.topic:
            # "you haven't used Gainsight": never "write one about using Gainsight".
            gap = content.sentences["not_yet_gap"]
        elif story is None and (thin := _thin_about(remark.topic or remark.about, data)):
            # "Science department ordering: I made a spreadsheet. It was fine." tagged budget:
            # the story she would reach for, too thin to tell, is named so she builds it out.
            gap = content.sentences["thin_story"].format(story=quoted(thin.title))
        elif (
            story is None
            and remark.topic
            and re.match(r"how you(?:'d| would)\b|what you(?:'d| would)\b", remark.topic, re.I)
        ):
            # "how you would prioritise a book that size" looks ahead: a plan to prepare, never
            # a past story to write.
            gap = content.sentences["gap_plan"].format(topic=remark.topic)
        elif story is None:
            gap = (
                content.sentences["gap"].format(topic=remark.topic)
                if remark.topic
                else content.sentences["gap_quote"].format(quote=quoted(asked or remark.quote))
            )
        found.append(
            Doubt(
                kind=remark.kind,
                label=remark.label,
                quote=remark.quote,
                source=SOURCES.get(remark.source, "The feedback"),
                round_number=remark.round_number,
                requirement=remark.requirement_text,
                story=story,
                gap=gap,
                question=asked if remark.question_id is not None else "",
                maybe=_ref(maybe) if story is None and maybe is not None else None,
            )
        )
    return found


def _same(a: str, b: str, similarity: Similarity | None) -> bool:
    ka, kb = set(content_stems(a)), set(content_stems(b))
    if ka and kb and len(ka & kb) / len(ka | kb) >= SAME_WORDS:
        return True
    return similarity is not None and float(similarity(a, b)) >= SAME_COSINE


def _topic_words(text: str) -> set[str]:
    # Words of a question that say nothing of its topic ("Tell me about a time…", "in detail").
    generic = load_content().phrase_words["not_topic_stems"]
    return {k for k in content_stems(text) if k not in generic}


def _same_topic(a: str, b: str, same_story: bool) -> bool:
    """Two questions about one thing: most of their content words shared, or two and the story
    that answers both."""
    ka, kb = _topic_words(a), _topic_words(b)
    shared = len(ka & kb)
    if not ka or not kb:
        return False
    if shared >= SAME_TOPIC_WORDS and shared >= SAME_TOPIC_SHARE * min(len(ka), len(kb)):
        return True
    return same_story and shared >= 2


def _one_family(a: str, b: str) -> bool:
    return any(f.search(a) and f.search(b) for f in _FAMILIES)


# A requirement written as a rule ("Must pass…", "Will need…", "Should hold…") is no noun phrase.
_MODAL_STARTS = frozenset({"must", "will", "should", "shall", "may", "need", "needs", "able"})


def asked_for(phrase: str) -> str:
    """The phrase as it reads after "The job asks for", or "" when it is not a noun phrase.

    "a degree in quantity surveying" stays; "confident negotiator with clients" becomes "a
    confident negotiator with clients"; "confident using PMR systems" and "preparing monthly
    CVRs" give "" (the requirement is then quoted).
    """
    w = load_content().phrase_words
    words = phrase.split()
    if not words:
        return ""
    first = words[0].lower().strip(",")
    if first in _MODAL_STARTS:
        return ""  # a condition, not a thing: "Must pass Management Vetting"
    head = ""
    for word in words:
        bare = word.lower().strip(",.;:")
        if bare in w["head_ends"]:
            break
        head = bare
        if word.endswith(","):
            break
    person = (
        head.endswith(("er", "or", "ist", "ian"))
        and head not in w["not_people"]
        and not head.endswith(("ers", "ors"))
    )
    undetermined = first not in w["determiners"] and not first.endswith(("'s", "s'"))
    if (person or head in w["counted"]) and undetermined and not first.endswith("ing"):
        return f"{_article(words[0])} {phrase}"
    if first in w["predicative"] or first in ("being", "having"):
        return ""
    if first.endswith("ing") and len(words) > 1:
        following = words[1].lower().strip(",")
        if following not in ("in", "of", "skills", "experience", "knowledge", "and", "or"):
            return ""  # a gerund phrase: "preparing accurate monthly CVRs"
    return phrase


def _article(word: str) -> str:
    """ "a" or "an" for the word that follows: "an excellent", "a UK", "an MRICS", "a user"."""
    letters = word.strip(",.;:()")
    if len(letters) > 1 and letters.isupper():
        return "an" if letters[0] in "AEFHILMNORSX" else "a"
    low = letters.lower()
    if low.startswith(("uni", "us", "ut", "uk", "eu", "one")):
        return "a"
    return "an" if low[:1] in "aeiou" else "a"


def _involves(phrase: str) -> str:
    """The phrase as it reads after "The job involves" or "write one about": a noun or gerund
    phrase, not one that opens with an adjective ("confident using PMR systems")."""
    first = phrase.split()[0].lower().strip(",") if phrase.split() else ""
    predicative = load_content().phrase_words["predicative"]
    if not first or first in predicative or first in ("being", "having"):
        return asked_for(phrase)
    return phrase


class _Questions:
    """Candidate questions, each kept once at its highest priority."""

    def __init__(self, data: BriefInput, similarity: Similarity | None) -> None:
        self.items: list[LikelyQuestion] = []
        self.topics: list[str] = []  # what each written question is about, "" for the rest
        self.hints: list[StoryRef | None] = []  # the story that might answer each
        self.indexes = index_stories(data.stories)
        self.similarity = similarity

    def add(
        self,
        text: str,
        why: str,
        category: str,
        *,
        story: StoryRef | None = None,
        gap: str = "",
        match_story: str = "",
        topic: str = "",
        hint: StoryRef | None = None,
    ) -> None:
        """Add a question unless one already there says the same; `topic` is what a question
        written from a template is about (the doubt, the requirement), compared beside its text,
        and `hint` the story that might answer it where none surely does."""
        priority = PRIORITY[category]
        wants_story = story is None and not gap and match_story and self.indexes
        if wants_story and classify_question(text).type in STORY_TYPES:
            ranked = rank_indexed(match_story, self.indexes, self.similarity, 1)
            story = _ref(ranked[0]) if ranked else None
        mine = topic or text
        told = story or hint
        for index, item in enumerate(self.items):
            theirs = self.topics[index] or item.text
            other = item.story or self.hints[index]
            same_story = told is not None and other is not None and told.id == other.id
            if self._same(text, mine, category, item, theirs, same_story):
                if priority > item.priority:
                    self.items[index] = replace(
                        item, text=text, why=why, category=category, priority=priority
                    )
                return
        category = "probe" if category.startswith("probe") else category
        self.items.append(LikelyQuestion(text, why, category, story, gap, priority))
        self.topics.append(topic)
        self.hints.append(hint)

    def _same(
        self, text: str, topic: str, category: str, item: LikelyQuestion, theirs: str, story: bool
    ) -> bool:
        # A question written from a template is compared by its words only: embedding each new
        # sentence would cost more than it catches (two templates never say the same thing).
        written = category in WRITTEN or category.startswith("probe")
        either_written = written or item.category in WRITTEN
        both_bank = category in BANK_CATEGORIES and item.category in BANK_CATEGORIES
        meaning = None if either_written or both_bank else self.similarity
        if _same(text, item.text, meaning):
            return True
        if _one_family(text, item.text):
            return True
        # Two doubts were told apart already (each is its own concern); anything else on the
        # topic of one, or of a requirement already asked about, is the same question.
        doubts = ("concern", "focus")
        if not (category in doubts and item.category in doubts) and _same_topic(
            topic, theirs, story
        ):
            return True
        if self.similarity is None:
            return False
        if category in BANK_CATEGORIES and item.category in BANK_CATEGORIES:
            return float(self.similarity(text, item.text)) >= SAME_BANK_COSINE
        if category in ("repeat", "follow-up") and item.category in WRITTEN:
            # An earlier round's question, asked again, beside the doubt about its answer.
            return float(self.similarity(text, theirs)) >= SAME_COSINE
        return False

    def ranked(self) -> list[LikelyQuestion]:
        ordered = sorted(enumerate(self.items), key=lambda pair: (-pair[1].priority, pair[0]))
        return [replace(q, rehearse=i < REHEARSE) for i, (_, q) in enumerate(ordered)]


def _pick(pool: Sequence[BankQuestion], count: int, rng: random.Random) -> list[BankQuestion]:
    return rng.sample(list(pool), min(count, len(pool)))


# A focus area about what the candidate would do here, not what they have done.
_AHEAD = re.compile(
    r"(?:your |the )?(?:\w+ ){0,2}?(?:plans?|vision|strategy|roadmap|proposals?)\b|"
    r"how you would\b|what you would\b|your first (?:\w+ )?(?:days|weeks|months)\b",
    re.IGNORECASE,
)


def likely_questions(
    data: BriefInput,
    debrief: Debrief,
    found: Sequence[Doubt],
    evidence: EvidenceMap,
    content: BriefContent,
    similarity: Similarity | None,
    task: SetTask | None = None,
    more: Sequence[SetTask] = (),
) -> list[LikelyQuestion]:
    """The round's likely questions, best first; the first few are the ones to rehearse.

    `task` is the day's set task (`set_task`), which comes right after the doubts."""
    s = content.sentences
    out = _Questions(data, similarity)
    r = data.round
    for doubt in found:
        if doubt.kind == "check":
            continue  # something to confirm, not a question they will ask
        why = s["concern_why" if doubt.kind == "concern" else "focus_why"].format(
            source=doubt.source, round=doubt.round_number, quote=quoted(doubt.quote)
        )
        if doubt.label.startswith("“"):
            # No clean topic: the question the doubt is about, asked again, or the doubt quoted.
            key = "doubt_quote_question" if doubt.kind == "concern" else "focus_quote_question"
            text = doubt.question or s[key].format(quote=doubt.label)
        elif doubt.kind == "focus":
            # "your commercial plan for the weddings business" looks ahead: no past example.
            ahead = _AHEAD.match(doubt.label)
            key = "focus_plan_question" if ahead else "focus_question"
            text = s[key].format(topic=doubt.label)
        elif _NOT_DONE.search(doubt.quote) and doubt.kind == "concern" and doubt.story is None:
            # "you haven't used Gainsight", "you haven't started the diploma": no real example
            # to ask for; how she would go about it, and what comes closest.
            text = s["not_yet_question"].format(topic=doubt.label)
        elif _AHEAD.match(doubt.label):
            # "how you would cope with prioritising a caseload on a busy ward": asked as a plan,
            # never for "a real example" of what may not have happened yet.
            text = s["concern_plan_question"].format(topic=doubt.label)
        else:
            text = content.concern_question.format(topic=doubt.label)
        topic = doubt.label.strip("“”") if not doubt.label.startswith("“") else doubt.quote
        out.add(
            text, why, doubt.kind, story=doubt.story, gap=doubt.gap, topic=topic, hint=doubt.maybe
        )
    for each in (task, *more):
        if each is not None:
            # Compared by what the task is, not by its template's words.
            out.add(each.text, each.why, "task", topic=each.name)
    new_people = [p for p in data.panel if not p.met_in_rounds]
    fresh_ears = bool(new_people) or r.purpose == "second-opinion"
    doubted = {d.question for d in found if d.question}
    for point in debrief.counter:
        if point.question in doubted:
            continue  # already there, as the question a doubt is about
        # New people will likely ask it again; the same people will ask a deeper version.
        template = (
            point.question
            if fresh_ears
            else next(
                (content.follow_ups[c] for c in point.competencies if c in content.follow_ups),
                s["deeper_follow_up"].format(question=quoted(point.question)),
            )
        )
        why = s["follow_up_why"].format(round=point.round_number, question=quoted(point.question))
        out.add(template, why, "follow-up", match_story=f"{point.question} {point.answer_note}")
    # The follow-up an interviewer actually asked ("What would you do if things didn't improve
    # after support?") is the likeliest question of all: the answers that did not land first.
    weak_ids = {p.question_id for p in debrief.counter}
    asked_after = sorted(
        (q for q in data.questions if q.follow_up.strip().endswith("?")),
        key=lambda q: (q.id not in weak_ids, q.round_number),
    )
    for q in asked_after[:MAX_REPEATS]:
        out.add(
            " ".join(q.follow_up.split()),
            s["asked_follow_up_why"].format(round=q.round_number, question=quoted(q.text)),
            "follow-up",
            match_story=f"{q.text} {q.follow_up} {q.answer_note}",
        )
    senior = [
        p
        for p in data.panel
        if p.seniority in content.senior_levels or p.role in content.senior_roles
    ]
    if senior and evidence.rows:
        names = names_of([p.name for p in senior])
        concerned = {d.requirement for d in found}
        # A doubt already asks about it ("coordinating a unit as nurse in charge" and "taking
        # charge of a ward or unit"): one slot each, not two for the same worry.
        doubted_words = [set(content_stems(f"{d.label} {d.quote}")) for d in found]

        def asked_in_a_doubt(text: str) -> bool:
            words = set(content_stems(text))
            return any(len(words & said) >= 2 for said in doubted_words)

        order = {"must": 0, "duty": 1, "nice": 2}
        rows = sorted(
            (
                row
                for row in evidence.rows
                if row.requirement.text not in concerned
                and not asked_in_a_doubt(row.requirement.text)
                and not is_credential(row.requirement.text)
                and not is_condition(row.requirement.text)
                and not _REPORTING.search(row.requirement.text)
            ),
            key=lambda row: (order.get(row.requirement.kind, 3), row.best is not None),
        )
        # A requirement with no clean phrase is quoted; a duty fragment with none ("build
        # trusting relationships with them") leans on words outside it and is not asked.
        rows = [
            row
            for row in rows
            if row.requirement.kind != "duty" or requirement_phrase(row.requirement.text)
        ]
        for row in rows[:MAX_PROBES]:
            text = row.requirement.text
            phrase = requirement_phrase(text)
            # Said in a sentence only where it is a noun phrase; otherwise quoted as listed.
            noun = asked_for(phrase) if phrase else ""
            doing = _involves(phrase) if phrase else ""
            duty = row.requirement.kind == "duty"
            said = (doing if duty else noun) or quoted(text)
            gap = ""
            tenure = is_tenure(text)
            if not row.best and tenure:
                gap = s["tenure_row"]  # answered by the career, not by one story
            elif not row.best and row.maybe:
                gap = s["maybe"].format(story=quoted(row.maybe[0].title))
            elif not row.best:
                gap = (
                    s["gap"].format(topic=doing)
                    if doing
                    else s["gap_quote"].format(quote=quoted(text))
                )
            key = "duty_question" if duty else "probe_question"
            if tenure:
                key = "tenure_question"  # no one gives "an example" of three years
            if said.startswith("“"):
                key = key.replace("_question", "_quote_question")
            out.add(
                s[key].format(requirement=said),
                s["probe_why"].format(names=names, requirement=said),
                {"must": "probe", "duty": "probe-duty"}.get(
                    row.requirement.kind, "probe-desirable"
                ),
                story=_ref(row.best) if row.best else None,
                gap=gap,
                topic=text,
                hint=_ref(row.maybe[0]) if not row.best and row.maybe else None,
            )
    if data.questions and fresh_ears:
        names = names_of([p.name for p in new_people]) or "the new decision-maker"
        weak = {p.question_id for p in debrief.counter}
        ordered = sorted(data.questions, key=lambda q: (q.id not in weak, q.round_number))
        for q in [q for q in ordered if q.text not in doubted][:MAX_REPEATS]:
            # A question a doubt is about is asked there already, once.
            out.add(
                q.text,
                s["repeat_why"].format(round=q.round_number, names=names),
                "repeat",
                match_story=f"{q.text} {q.answer_note}",
            )
    _bank_questions(data, out, content)
    return out.ranked()


# A set task on the day, as the invite or an email names it: "a 30-minute case study",
# "Written valuation exercise (45 minutes)", "10 min presentation". A bare "exercise", "task" or
# "test" counts only with its length ("a 20-minute test"): "join early to test your camera" is none.
_MINUTES = r"(?P<{name}>\d{{1,3}})[- ]?(?:minutes?|mins?)\b"
_NAMED_TASK = (
    r"case study|presentation|pitch|role[- ]play|"
    # "a patient case to review for 20 minutes", "a 15-minute clinical case-based discussion".
    r"(?:patient|clinical) case(?:[- ]based discussion| review| discussion)?|"
    r"case[- ]based discussion|"
    r"(?:written|valuation|in-tray|technical|practical|"
    r"group|data|analysis|drafting|design|coding|planning|assessment)\s+(?:exercise|task|test)|"
    # A piece of work to critique or review on the day: "a Figma critique", "a short design
    # review handed out on the day", "a take-home exercise".
    r"(?:design|portfolio|code|product|ux|figma)\s+(?:critique|review)|critique|"
    r"take-home(?:\s+(?:exercise|task|assignment|case study|brief))?"
)
# What a presentation or pitch is on: "a 10-minute presentation on "How would you…?"", "a pitch
# about your first 90 days".
_SUBJECT = re.compile(
    r"\b(?:presentation|pitch)(?:,\s*|:\s*|\s+(?=[\"“]))(?P<titled>[\"“][^\"”]{3,200}[\"”])|"
    r"\b(?:presentation|pitch)\s+(?:on|about|titled|entitled|covering)\s*:?\s+"
    r"(?!(?:the )?(?:day|arrival|screen|site|teams|zoom|video|slides?|a laptop|the call|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)\b)"
    r"(?P<subject>[\"“][^\"”]{3,200}[\"”]|[^.;:()\n]{3,160})",
    re.I,
)
_TASK = re.compile(
    rf"(?:{_MINUTES.format(name='before')}[- ]?)?(?P<task>{_NAMED_TASK})\b"
    rf"(?:\s*\({_MINUTES.format(name='after')}\))?"
    rf"|{_MINUTES.format(name='timed')}[- ]?(?P<bare>exercise|task|test)\b",
    re.I,
)
_NO_TASK = re.compile(rf"\b(?:no|not|without|instead of)\b[^.;]{{0,30}}\b(?:{_NAMED_TASK})", re.I)
# The parts of a day's plan: "40-minute panel, then 30-minute case study, then a tour".
_PLAN_STEP = re.compile(r",\s*(?:and\s+)?(?:then|followed by)\s+|;\s*|\s[–—]\s|\s-\s", re.I)


# A lesson to teach on the day: "Teach a 30-minute Year 9 lesson on…", "an observed lesson".
_LESSON = re.compile(
    r"\b(?:teach|deliver|plan and teach)\s+(?:a|an|one)\s+"
    r"(?:(?P<m>\d{1,3})[- ]?(?:minutes?|mins?)\s+)?(?:[\w'-]+\s+){0,4}?lesson\b|"
    r"\b(?:observed|observation of a|taught)\s+lesson\b|"
    r"\blesson observation\b|\bteaching observation\b",
    re.I,
)
# Something to write beforehand and bring or send: "Please bring a one-page 100-day plan".
_PREPARED = re.compile(
    r"\b(?:bring|send|email|submit|prepare|come with)\b[^.;]{0,40}?\b(?:a|an|your)\s+"
    r"(?P<what>(?:[\w-]+\s+){0,3}?(?:plan|proposal|business case|strategy|report|paper|pitch))\b",
    re.I,
)
# A task done on paper or screen (a case study is written only when it is said to be).
_WRITTEN = re.compile(r"written|in-tray|drafting|valuation|report", re.I)
# Papers to read before the day and talk through: "the Month 7 pack as a pre-read", "we will
# send you the board paper beforehand to review".
_PRE_READ = re.compile(
    r"\bpre-?read\b|"
    r"\b(?:read|review|look over|go through)\b[^.;]{0,60}"
    r"\b(?:in advance|beforehand|ahead of (?:the|your) (?:day|interview|panel|meeting)|"
    r"before the (?:day|interview|panel|meeting))\b|"
    r"\b(?:send|share|email)(?:ing)? you\b[^.;]{0,60}\b(?:to read|to review|to look over)\b",
    re.I,
)
# Where a sentence turns from what is not set to what is: "no slides, but…", "no deck; instead…".
_CLAUSE = re.compile(r";|\s[–—-]\s|,?\s+\b(?:but|however|instead)\b,?", re.I)
_ANY_MINUTES = re.compile(r"\b(\d{1,3})[- ]?(?:minutes?|mins?)\b", re.I)


@dataclass(frozen=True)
class SetTask:
    """The set task of the day: what to do about it, why, and its kind for the countdown
    ("presentation", "written", "lesson", "prepared" or "task")."""

    text: str
    why: str
    kind: str
    name: str


def _level(level: str | None) -> str | None:
    """The job's level as the bank knows it, None when not known."""
    return level if level in JOB_LEVELS else None


# A panel of the people the job serves: "11:00 student panel", "a service user panel".
_PEOPLE_PANEL = re.compile(
    r"\b(?P<who>student|pupil|school council|young people's|youth|service user|patient|"
    r"resident|tenant|carer)s?'? panel\b",
    re.I,
)


def other_tasks(data: BriefInput, content: BriefContent, first: SetTask | None) -> list[SetTask]:
    """The day's other set parts beyond the first task: a lesson day may also hold a
    presentation and a student panel, each to prepare in its own right."""
    if first is None:
        return []
    s = content.sentences
    out: list[SetTask] = []
    # The day's next task, if it names one: what the first was found by is taken out and the
    # rest read again ("a patient case to review", then "a case-based discussion").
    if first.kind == "lesson":
        facts = tuple((src, _LESSON.sub("", text)) for src, text in data.logistics_texts)
    else:
        facts = tuple((src, _TASK.sub("", text, count=1)) for src, text in data.logistics_texts)
    rest = set_task(replace(data, logistics_texts=facts), content)
    if (
        rest is not None
        and rest.kind not in ("lesson", "pre-read")
        and rest.why != s["task_kind_why"]
        and rest.name.split()[-1] != first.name.split()[-1]
    ):
        out.append(rest)
    for fact in find_facts(data.logistics_texts):
        panel = _PEOPLE_PANEL.search(fact.quote)
        if panel is None:
            continue
        step = next(
            (part for part in _PLAN_STEP.split(fact.quote) if _PEOPLE_PANEL.search(part)),
            fact.quote,
        )
        name = f"{panel.group('who').lower()} panel"
        why = s["task_why"].format(source=fact.source, quote=quoted(clip(step, MAX_QUOTE)))
        out.append(SetTask(s["task_people_panel"].format(task=name), why, "panel", name))
        break
    return out


def set_task(data: BriefInput, content: BriefContent) -> SetTask | None:
    """The set task of the day to prepare (what to do and why), from what the invite and the
    emails say, or from a presentation round; None when there is none."""
    s = content.sentences
    # "There is no presentation, but please read the Month 7 pack beforehand": the clause that
    # says no is dropped, the rest is kept.
    facts = [
        replace(f, quote=part)
        for f in find_facts(data.logistics_texts)
        for part in _CLAUSE.split(f.quote)
        if len(part.strip(" ,")) > 3 and not _NO_TASK.search(part)
    ]
    for fact in facts:
        lesson = _LESSON.search(fact.quote)
        if lesson is None:
            continue
        step = next(
            (part for part in _PLAN_STEP.split(fact.quote) if _LESSON.search(part)), fact.quote
        )
        minutes = lesson.group("m")
        name = f"{minutes}-minute lesson" if minutes else "lesson"
        why = s["task_why"].format(source=fact.source, quote=quoted(clip(step, MAX_QUOTE)))
        return SetTask(s["task_lesson"].format(task=name), why, "lesson", name)
    found: list[tuple[str, str, str]] = []  # (the task in words, source, the part that says it)
    for fact in facts:
        match = _TASK.search(fact.quote)
        if match is None:
            continue
        step = next(
            (part for part in _PLAN_STEP.split(fact.quote) if _TASK.search(part)), fact.quote
        )
        minutes = match.group("before") or match.group("after") or match.group("timed")
        if not minutes and (later := _ANY_MINUTES.search(step)):
            # "Written case study exercise (45 minutes, laptop provided)".
            minutes = later.group(1)
        task = " ".join((match.group("task") or match.group("bare")).lower().split())
        if re.search(rf"\bwritten\s+{re.escape(task)}", step, re.I):
            task = f"written {task}"
        found.append((f"{minutes}-minute {task}" if minutes else task, fact.source, step))
    if found:
        # Named with its length where a sentence gives one, and quoted from the fullest
        # sentence about the same kind of task ("exercise", "case study").
        named = next((t for t, _, _ in found if t[:1].isdigit()), found[0][0])
        # "Case study presentation (20 min)" in the invite, "please prepare a 20-minute
        # presentation of your 90-day plan" in the email: a case study to present is a
        # presentation to prepare.
        presented = [t for t, _, _ in found if t.endswith(("presentation", "pitch"))]
        if presented:
            named = next((t for t in presented if t[:1].isdigit()), presented[0])
        kind = named.split()[-1]
        _, source, step = max((f for f in found if f[0].endswith(kind)), key=lambda f: len(f[2]))
        why = s["task_why"].format(source=source, quote=quoted(clip(step, MAX_QUOTE)))
        if named.endswith(("presentation", "pitch")):
            about = _SUBJECT.search(step)
            if about is not None:
                # What it is on, as they wrote it: "…on “How would you improve falls safety?”".
                said = about.group("titled") or about.group("subject")
                subject = quoted(clip(said.strip(" \"“”'"), MAX_QUOTE))
                text = s["task_on"].format(task=named, subject=subject)
                return SetTask(text, why, "presentation", named)
            return SetTask(s["task"].format(task=named), why, "presentation", named)
        if "take-home" in named:
            if re.search(r"\bpresent", step, re.I):
                # "…which you will present for 20 minutes": the length is the presentation's.
                timed = named.split()[0] + " " if named[:1].isdigit() else ""
                task = f"{timed}presentation of the take-home exercise"
                return SetTask(s["task"].format(task=task), why, "presentation", task)
            named = "take-home exercise"
            return SetTask(s["task_take_home"].format(task=named), why, "take-home", named)
        if named.endswith(("critique", "review")):
            return SetTask(s["task_critique"].format(task=named), why, "task", named)
        if _WRITTEN.search(named) and "role" not in named and "group" not in named:
            length = _ANY_MINUTES.search(named)
            if length:
                whole = int(length.group(1))
                plan, check = max(5, round(whole * 0.2 / 5) * 5), max(5, round(whole * 0.1))
                text = s["task_written_timed"].format(
                    task=named, plan=plan, write=max(5, whole - plan - check), check=check
                )
            else:
                text = s["task_written"].format(task=named)
            return SetTask(text, why, "written", named)
        return SetTask(s["task_practical"].format(task=named), why, "task", named)
    for fact in facts:
        prepared = _PREPARED.search(fact.quote)
        if prepared is None:
            continue
        name = " ".join(prepared.group("what").lower().split())
        why = s["prepared_why"].format(
            source=fact.source, quote=quoted(clip(fact.quote, MAX_QUOTE))
        )
        kind = "presentation" if "presentation" in name else "prepared"
        template = "task" if kind == "presentation" else "task_prepared"
        return SetTask(s[template].format(task=name), why, kind, name)
    for fact in facts:
        if _PRE_READ.search(fact.quote):
            why = s["task_why"].format(
                source=fact.source, quote=quoted(clip(fact.quote.strip(" ,"), MAX_QUOTE))
            )
            return SetTask(s["task_pre_read"], why, "pre-read", "pre-read")
    if data.round.kind == "presentation":
        return SetTask(
            s["task"].format(task="presentation"),
            s["task_kind_why"],
            "presentation",
            "presentation",
        )
    return None


def _record(data: BriefInput) -> dict[str, list[str]]:
    """What a presuming question may rest on, by where it is looked for (see Presumption)."""
    rounds = [f"{q.text} {q.answer_note}" for q in data.questions]
    rounds += [note for _, note in (*data.impressed, *data.fell_flat)]
    return {
        "feedback": [f.text for f in data.feedback],
        "rounds": rounds,
        "job": [data.role]
        + [r.text for r in data.requirements]
        + [t for _, t in data.logistics_texts],
    }


_ONE_VALUE = r"[A-Z][\w'-]+(?:\s+(?!and\b|or\b)[a-z]+)?"
_VALUE_LIST = re.compile(
    rf"\bvalues\b(?:\s+(?:are|of|is))?\s*[:(]\s*(?P<list>{_ONE_VALUE}"
    rf"(?:\s*,\s*{_ONE_VALUE})*(?:,?\s+(?:and|&)\s+{_ONE_VALUE})?)"
)


def named_values(texts: Sequence[str]) -> tuple[str, ...]:
    """The organisation's values as an invite or email lists them ("based on the Trust values:
    Compassion, Respect, Integrity and Teamwork"), or () when none are listed."""
    for text in texts:
        hit = _VALUE_LIST.search(" ".join(text.split()))
        if hit is None:
            continue
        parts = [p.strip(" .") for p in re.split(r",|\s+(?:and|&)\s+", hit.group("list"))]
        parts = [p for p in parts if p and p[0].isupper()]
        if 2 <= len(parts) <= 8:
            return tuple(dict.fromkeys(parts))
    return ()


def _bank_questions(data: BriefInput, out: _Questions, content: BriefContent) -> None:
    s = content.sentences
    r = data.round
    kind = "panel" if r.kind == "one-to-one" and len(data.panel) >= 2 else r.kind
    record = _record(data)
    # A question that states what the feedback said ("you seemed quiet") or what was discussed
    # is asked only where the record says it: never invented feedback.
    styles = interview_styles([text for _, text in data.logistics_texts])
    bank = [
        q
        for q in bank_for(data.field, kind, styles, _level(data.level))
        if may_ask(q, record, data.company, data.field)
    ]
    rng = random.Random(zlib.crc32(f"{data.company}|{data.role}|{r.number}".encode()))

    def suits(q: BankQuestion) -> bool:
        return not q.rounds or r.purpose in q.rounds

    own_field = [q for q in bank if data.field and data.field in q.fields and suits(q)]
    general = [q for q in bank if not q.fields]
    if data.field in PUBLIC_SERVICE:
        general = [q for q in general if not _BUSINESS.search(q.text)]
    keen = r.purpose in ("test-commitment", "final")
    deeper = r.purpose in ("delve-deeper", "second-opinion")
    named = named_values([text for _, text in data.logistics_texts])
    if named:
        # "based on the Trust values: Compassion, Respect, Integrity and Teamwork": one real
        # example for each, named as they wrote them.
        out.add(
            s["values_examples"].format(values=names_of(list(named))),
            s["values_examples_why"],
            "style",
        )
    for style in styles:
        # "A values-based interview": every question is about how you live their values.
        styled = [q for q in bank if style in q.styles and (not q.fields or data.field in q.fields)]
        for q in _pick(styled, 2, rng):
            why = s["style_why"].format(style=STYLE_NAMES[style], looking_for=q.looking_for)
            out.add(q.text, why, "style", match_story=q.text)
    specialist = [q for q in own_field if q.type in ("technical", "situational", "behavioural")]
    # A job that leads a team (a ward manager) is asked its leaders' questions first.
    led = [q for q in own_field if q.levels]
    many = 4 if deeper else 3
    for q in _pick(led, min(len(led), many - 1), rng):
        why = s["field_lead_why"].format(field=data.field_label or "this field")
        out.add(q.text, why, "field", match_story=q.text)
    for q in _pick([q for q in specialist if not q.levels], many - min(len(led), many - 1), rng):
        out.add(
            q.text,
            s["field_why"].format(field=data.field_label or "this field"),
            "field",
            match_story=q.text,
        )
    commitment = [q for q in general if q.type == "second-round" and "commitment" in q.competencies]
    for q in _pick(commitment, 2 if keen else 1, rng):
        out.add(q.text, s["motivation_why"].format(looking_for=q.looking_for), "commitment")
    motivation = [q for q in general if q.type == "motivation" and suits(q)]
    for q in _pick(motivation, 2 if keen else 1, rng):
        out.add(q.text, s["motivation_why"].format(looking_for=q.looking_for), "motivation")
    team_round = kind in ("meet-the-team", "tour") or r.purpose == "meet-the-team"
    if team_round or any(p.role == "team-member" for p in data.panel):
        reason = (
            "This round is about meeting the team"
            if team_round
            else "Someone from the team is on the panel"
        )
        fit = [q for q in general if q.type == "culture-fit" and suits(q)]
        for q in _pick(fit, 2 if team_round else 1, rng):
            out.add(q.text, s["fit_why"].format(reason=reason, looking_for=q.looking_for), "fit")
    staples = [q for q in general if q.type == "second-round" and suits(q) and q not in commitment]
    for q in _pick(staples, 2, rng):
        out.add(q.text, s["staple_why"].format(looking_for=q.looking_for), "staple")
    curveballs = [q for q in own_field if q.type == "tricky"]
    for q in _pick(curveballs, 1, rng):
        why = s["curveball_why"].format(field=data.field_label, looking_for=q.looking_for)
        out.add(q.text, why, "curveball")

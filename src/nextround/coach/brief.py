"""The prep brief for a round: reinforce and counter, likely questions, people, logistics."""

from __future__ import annotations

import datetime as dt
import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from nextround.coach.bank import BankQuestion, load_bank, questions_to_ask
from nextround.coach.brief_content import BriefContent, load_content
from nextround.coach.debrief import AskedText, Debrief, FeedbackText, analyse_debrief
from nextround.coach.evidence import (
    EvidenceMap,
    RequirementText,
    Similarity,
    StoryText,
    index_stories,
    map_evidence,
    rank_indexed,
)
from nextround.coach.requirements import describe_requirement

SCHEMA = "nextround.brief"
SCHEMA_VERSION = 1
MAX_REPEATS = 6
MAX_PROBES = 4
# A story must reach this score to be offered for a question (questions are short, so lower
# than for a requirement).
QUESTION_STORY_MIN = 0.2


@dataclass(frozen=True)
class PersonText:
    id: int
    name: str
    title: str = ""
    role: str = "other"
    seniority: str = "unknown"
    team: str = ""
    years_at_company: float | None = None
    earlier_employers: tuple[str, ...] = ()
    research_notes: str = ""
    met_in_rounds: tuple[int, ...] = ()  # earlier rounds they were on


@dataclass(frozen=True)
class RoundInfo:
    id: int
    opportunity_id: int
    number: int
    format: str = "video"
    kind: str = "one-to-one"
    purpose: str = "unknown"
    date: dt.date | None = None
    starts_at: str = ""  # as shown to the candidate, in the round's zone
    duration_minutes: int | None = None
    location: str = ""
    link: str = ""


@dataclass(frozen=True)
class BriefInput:
    company: str
    role: str
    round: RoundInfo
    today: dt.date
    dress_code: str = "unknown"
    has_job_description: bool = False
    requirements_saved: bool = True
    earlier_rounds: tuple[int, ...] = ()
    panel: tuple[PersonText, ...] = ()
    questions: tuple[AskedText, ...] = ()
    feedback: tuple[FeedbackText, ...] = ()
    requirements: tuple[RequirementText, ...] = ()
    stories: tuple[StoryText, ...] = ()
    links: tuple[tuple[int | None, int], ...] = ()
    link_notes: dict[tuple[int | None, int], str] = field(default_factory=dict)
    key_terms: tuple[str, ...] = ()
    level: str | None = None
    impressed: tuple[tuple[int, str], ...] = ()  # (round number, note)
    fell_flat: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Missing:
    what: str
    how: str


@dataclass(frozen=True)
class StoryRef:
    id: int
    title: str
    reason: str


@dataclass(frozen=True)
class LikelyQuestion:
    text: str
    why: str
    category: str  # repeat, follow-up, concern, probe, motivation, fit, curveball, staple
    story: StoryRef | None = None


@dataclass(frozen=True)
class Ask:
    text: str
    why: str


@dataclass(frozen=True)
class PersonBrief:
    id: int
    name: str
    title: str
    role: str
    seniority: str
    team: str
    years_at_company: float | None
    earlier_employers: tuple[str, ...]
    research_notes: str
    new_to_you: bool
    care_about: tuple[str, ...]
    questions_to_ask: tuple[Ask, ...]


@dataclass(frozen=True)
class ChecklistEntry:
    key: str
    label: str
    due_on: dt.date | None


@dataclass(frozen=True)
class Brief:
    company: str
    role: str
    round: RoundInfo
    today: dt.date
    days_left: int | None
    purpose_advice: str
    missing: tuple[Missing, ...]
    debrief: Debrief
    impressed: tuple[tuple[int, str], ...]
    fell_flat: tuple[tuple[int, str], ...]
    likely_questions: tuple[LikelyQuestion, ...]
    evidence: EvidenceMap
    requirements_saved: bool
    key_terms: tuple[str, ...]
    level: str | None
    people: tuple[PersonBrief, ...]
    logistics: tuple[str, ...]
    dress: str
    bring: tuple[str, ...]
    mindset: tuple[str, ...]
    checklist: tuple[ChecklistEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """The brief as plain data, in the documented, versioned JSON schema."""
        return brief_to_dict(self)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _missing(data: BriefInput) -> list[Missing]:
    opp, rid, rn = data.round.opportunity_id, data.round.id, data.round.number
    found = []
    if not data.earlier_rounds:
        found.append(
            Missing(
                "No earlier round is recorded, so there is no debrief to learn from.",
                f"If you had one, add it with `nextround round add {opp} --number 1 --status done`"
                " and its questions with `nextround question add ROUND_ID --text ... --rating N "
                "--reaction negative`, or on the opportunity page (Add round).",
            )
        )
    elif not data.questions and not data.feedback:
        found.append(
            Missing(
                "The earlier rounds have no questions or feedback recorded.",
                "Debrief them on each round's page, or with `nextround question add ROUND_ID "
                "--text ...` and `nextround feedback add ROUND_ID --text ...`.",
            )
        )
    if not data.has_job_description:
        found.append(
            Missing(
                "There is no job description, so the brief cannot tell what the job asks for.",
                f"Paste it with Edit on the opportunity page, or `nextround opportunity edit {opp} "
                f"--jd-file job.txt`, then `nextround requirement extract {opp}`.",
            )
        )
    elif not data.requirements_saved and data.requirements:
        found.append(
            Missing(
                "The requirements below were read from the job description but are not saved.",
                f"Save them to edit and link stories: `nextround requirement extract {opp}`, or "
                "“Extract requirements from the job description” on the opportunity page.",
            )
        )
    if not data.stories:
        found.append(
            Missing(
                "You have no stories yet, so no example can be matched to a question.",
                "Write a few STAR stories on the Stories page, or `nextround story add --title ... "
                "--situation ... --action ... --result ...`.",
            )
        )
    if not data.panel:
        found.append(
            Missing(
                f"No interviewers are recorded for round {rn}.",
                f"Add them under People on the round page, or `nextround interviewer add {rid} "
                "--name ... --title ... --role senior-executive`.",
            )
        )
    if data.round.date is None:
        found.append(
            Missing(
                "The round has no date, so the checklist has no countdown.",
                f"`nextround round edit {rid} --date 2026-12-03T14:00 --timezone Europe/London`, "
                "or Edit round on the round page.",
            )
        )
    return found


class _Questions:
    """Likely questions, kept unique, each with the best story."""

    def __init__(self, stories: Sequence[StoryText], similarity: Similarity | None) -> None:
        self.items: list[LikelyQuestion] = []
        self.seen: set[str] = set()
        self.stories = stories
        self.indexes = index_stories(stories)  # read each story once, not once per question
        self.similarity = similarity

    def add(self, text: str, why: str, category: str, hint: str = "") -> None:
        key = _norm(text)
        if not key or key in self.seen:
            return
        self.seen.add(key)
        story = None
        if self.stories:
            ranked = rank_indexed(
                f"{text} {hint}", self.indexes, self.similarity, 1, QUESTION_STORY_MIN
            )
            if ranked:
                story = StoryRef(ranked[0].story_id, ranked[0].title, ranked[0].reason)
        self.items.append(LikelyQuestion(text, why, category, story))


def _pick(pool: list[BankQuestion], count: int, rng: random.Random) -> list[BankQuestion]:
    return rng.sample(pool, min(count, len(pool)))


def _bank_questions(data: BriefInput, out: _Questions, rng: random.Random) -> None:
    purpose = data.round.purpose
    bank = load_bank()

    def suits(q: BankQuestion) -> bool:
        return not q.rounds or purpose in q.rounds

    motivation = [q for q in bank if q.type == "motivation" and suits(q)]
    commitment = [q for q in bank if q.type == "second-round" and "commitment" in q.competencies]
    staples = [q for q in bank if q.type == "second-round" and suits(q) and q not in commitment]
    fit = [q for q in bank if q.type == "culture-fit" and suits(q)]
    tricky = [q for q in bank if q.type == "tricky" and suits(q)]
    keen = purpose in ("test-commitment", "final")
    for q in _pick(motivation, 3 if keen else 2, rng):
        out.add(q.text, "Commitment and motivation: " + q.looking_for, "motivation")
    for q in _pick(commitment, 2 if keen else 1, rng):
        out.add(q.text, "Later rounds test commitment: " + q.looking_for, "motivation")
    team_round = data.round.kind in ("meet-the-team", "tour") or purpose == "meet-the-team"
    team_people = any(p.role == "team-member" for p in data.panel)
    if team_round or team_people:
        why = "This round is about meeting the team" if team_round else "A team member is there"
        for q in _pick(fit, 3 if team_round else 1, rng):
            out.add(q.text, f"{why}: fit and teamwork. {q.looking_for}", "fit")
    for q in _pick(tricky, 2, rng):
        out.add(q.text, "A curveball to keep calm under: " + q.looking_for, "curveball")
    for q in _pick(staples, 3, rng):
        out.add(q.text, "A second-round staple: " + q.looking_for, "staple")


def _likely(
    data: BriefInput, debrief: Debrief, content: BriefContent, similarity: Similarity | None
) -> list[LikelyQuestion]:
    out = _Questions(data.stories, similarity)
    new_people = [p for p in data.panel if not p.met_in_rounds]
    # Repeats: new interviewers have not heard the first answers; weak ones first.
    if data.questions and (new_people or data.round.purpose == "second-opinion"):
        names = ", ".join(p.name for p in new_people) or "the new decision-maker"
        weak_ids = {p.question_id for p in debrief.counter}
        ordered = sorted(data.questions, key=lambda q: (q.id not in weak_ids, q.round_number))
        for q in ordered[:MAX_REPEATS]:
            out.add(
                q.text,
                f"Asked in round {q.round_number}; {names} did not hear your answer, and "
                "second-opinion rounds often ask the first round's core questions again.",
                "repeat",
            )
    for point in debrief.counter:
        template = next(
            (content.follow_ups[c] for c in point.competencies if c in content.follow_ups),
            content.generic_follow_up,
        )
        out.add(
            template,
            f"A deeper follow-up on “{point.question}” (round {point.round_number}): {point.why}.",
            "follow-up",
            point.question,
        )
    for concern in debrief.concerns:
        out.add(
            content.concern_question.format(topic=concern.topic),
            f"Feedback after round {concern.round_number} raised it: “{concern.quote}”",
            "concern",
            concern.topic,
        )
        for c in concern.competencies:
            if c in content.follow_ups:
                out.add(
                    content.follow_ups[c],
                    f"They will want proof on {concern.topic}, the concern in the feedback.",
                    "concern",
                    concern.topic,
                )
    senior = [
        p
        for p in data.panel
        if p.seniority in content.senior_levels or p.role in content.senior_roles
    ]
    if senior and data.requirements:
        who = ", ".join(f"{p.name} ({p.title or p.role})" for p in senior)
        concerned = {c.requirement_id for c in debrief.concerns}
        ranked = sorted(
            data.requirements,
            key=lambda r: (r.id not in concerned, r.kind != "must", len(r.text)),
        )
        for requirement in ranked[:MAX_PROBES]:
            category, terms = describe_requirement(requirement.text)
            template = content.probes[category]
            if "{term}" in template and not terms:
                template = content.probes["skill"]
            out.add(
                template.format(term=terms[0] if terms else "", requirement=requirement.text),
                f"{who} will probe the job's key requirements: “{requirement.text}”.",
                "probe",
                requirement.text,
            )
    seed = zlib.crc32(f"{data.company}|{data.role}|{data.round.number}".encode())
    _bank_questions(data, out, random.Random(seed))
    return out.items


def _people(data: BriefInput, content: BriefContent) -> list[PersonBrief]:
    purpose = data.round.purpose if data.round.purpose != "unknown" else None
    tailored = content.tailored_asks
    people = []
    for p in data.panel:
        cares = list(content.care_abouts.get(p.role, content.care_abouts["other"]))
        if p.seniority in ("director", "executive"):
            cares.append("the big picture: strategy, results and risk")
        if p.years_at_company is not None and p.years_at_company < 1:
            cares.append("making their mark as someone fairly new")
        asks: list[Ask] = []
        if p.years_at_company is not None and p.years_at_company >= 2:
            asks.append(
                Ask(
                    tailored["long_tenure"].format(years=f"{p.years_at_company:g}"),
                    "Uses their long view of the company.",
                )
            )
        elif p.years_at_company is not None and p.years_at_company < 1:
            asks.append(Ask(tailored["short_tenure"], "They chose the company recently."))
        if p.earlier_employers:
            asks.append(
                Ask(
                    tailored["employer"].format(employer=p.earlier_employers[0]),
                    "Shows you did your research and invites an honest comparison.",
                )
            )
        if p.team:
            asks.append(Ask(tailored["team"].format(team=p.team), "About their own work."))
        if p.seniority in content.senior_levels or p.role == "senior-executive":
            asks.append(Ask(tailored["senior"], "Senior people judge by outcomes."))
        if p.role == "technical":
            asks.append(Ask(tailored["technical"], "Invites them to talk about their craft."))
        role = p.role if p.role in content.care_abouts else "other"
        for template in questions_to_ask(role, purpose, 3):
            asks.append(Ask(template.text, template.why))
        people.append(
            PersonBrief(
                id=p.id,
                name=p.name,
                title=p.title,
                role=p.role,
                seniority=p.seniority,
                team=p.team,
                years_at_company=p.years_at_company,
                earlier_employers=p.earlier_employers,
                research_notes=p.research_notes,
                new_to_you=not p.met_in_rounds,
                care_about=tuple(dict.fromkeys(cares)),
                questions_to_ask=tuple(asks[:5]),
            )
        )
    return people


def checklist(
    round_info: RoundInfo, today: dt.date, has_gaps: bool, has_weak: bool
) -> list[ChecklistEntry]:
    """The countdown from today to the round: each step due a set number of days before."""
    content = load_content()
    entries = []
    for item in content.checklist:
        if item.when and round_info.format not in item.when and round_info.kind not in item.when:
            continue
        if item.key == "stories-for-gaps" and not has_gaps:
            continue
        if item.key == "counter-weak" and not has_weak:
            continue
        due = None
        if round_info.date is not None:
            due = round_info.date - dt.timedelta(days=item.days_before)
            # Too late for the ideal day: do it today, but never after the round itself.
            if item.days_before >= 0 and due < today <= round_info.date:
                due = today
        entries.append(ChecklistEntry(item.key, item.label, due))
    entries.sort(key=lambda e: e.due_on or dt.date.max)
    return entries


def build_brief(data: BriefInput, similarity: Similarity | None = None) -> Brief:
    """Everything to prepare for one round, from what is known so far."""
    content = load_content()
    debrief = analyse_debrief(data.questions, data.feedback, data.requirements, similarity)
    evidence = map_evidence(
        data.requirements, data.stories, data.links, data.link_notes, similarity
    )
    r = data.round
    logistics = list(content.formats.get(r.format, ()))
    logistics += content.kinds.get(r.kind, ())
    bring = list(content.bring["always"])
    for key in (r.format, r.kind):
        bring += content.bring.get(key, ())
    return Brief(
        company=data.company,
        role=data.role,
        round=r,
        today=data.today,
        days_left=(r.date - data.today).days if r.date else None,
        purpose_advice=content.purposes.get(r.purpose, content.purposes["unknown"]),
        missing=tuple(_missing(data)),
        debrief=debrief,
        impressed=data.impressed,
        fell_flat=data.fell_flat,
        likely_questions=tuple(_likely(data, debrief, content, similarity)),
        evidence=evidence,
        requirements_saved=data.requirements_saved,
        key_terms=data.key_terms,
        level=data.level,
        people=tuple(_people(data, content)),
        logistics=tuple(logistics),
        dress=content.dress.get(data.dress_code, content.dress["unknown"]),
        bring=tuple(dict.fromkeys(bring)),
        mindset=content.mindset,
        checklist=tuple(checklist(r, data.today, bool(evidence.gaps), bool(debrief.counter))),
    )


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Plain data for JSON and the renderers (see docs/brief-schema.json)."""
    r = brief.round
    d = brief.debrief

    def remark(x: Any) -> dict[str, Any]:
        return {
            "topic": x.topic,
            "quote": x.quote,
            "source": x.source,
            "round": x.round_number,
            "requirement": x.requirement_text or None,
            "requirement_id": x.requirement_id,
        }

    def point(p: Any) -> dict[str, Any]:
        return {
            "question": p.question,
            "round": p.round_number,
            "why": p.why,
            "answer_note": p.answer_note,
            "self_rating": p.self_rating,
            "reaction": p.reaction,
            "overruled_self_rating": p.overruled_self_rating,
        }

    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_on": brief.today.isoformat(),
        "company": brief.company,
        "role": brief.role,
        "round": {
            "id": r.id,
            "opportunity_id": r.opportunity_id,
            "number": r.number,
            "date": _date(r.date),
            "starts_at": r.starts_at or None,
            "format": r.format,
            "kind": r.kind,
            "purpose": r.purpose,
            "duration_minutes": r.duration_minutes,
            "location": r.location or None,
            "link": r.link or None,
            "days_left": brief.days_left,
            "purpose_advice": brief.purpose_advice,
        },
        "missing": [asdict(m) for m in brief.missing],
        "reinforce": [point(p) for p in d.reinforce],
        "counter": [point(p) for p in d.counter],
        "praise": [remark(x) for x in d.praise],
        "concerns": [remark(x) for x in d.concerns],
        "impressed": [{"round": n, "note": t} for n, t in brief.impressed],
        "fell_flat": [{"round": n, "note": t} for n, t in brief.fell_flat],
        "likely_questions": [
            {
                "text": q.text,
                "why": q.why,
                "category": q.category,
                "story": asdict(q.story) if q.story else None,
            }
            for q in brief.likely_questions
        ],
        "evidence": {
            "requirements_saved": brief.requirements_saved,
            "rows": [
                {
                    "requirement_id": row.requirement.id,
                    "requirement": row.requirement.text,
                    "kind": row.requirement.kind,
                    "stories": [
                        {
                            "id": m.story_id,
                            "title": m.title,
                            "score": m.score,
                            "reason": m.reason,
                            "linked": m.linked,
                        }
                        for m in row.matches
                    ],
                }
                for row in brief.evidence.rows
            ],
            "gaps": [{"id": g.id, "text": g.text, "kind": g.kind} for g in brief.evidence.gaps],
            "unused_stories": [{"id": s.id, "title": s.title} for s in brief.evidence.unused],
        },
        "key_terms": list(brief.key_terms),
        "level": brief.level,
        "interviewers": [
            {
                "id": p.id,
                "name": p.name,
                "title": p.title or None,
                "role": p.role,
                "seniority": p.seniority,
                "team": p.team or None,
                "years_at_company": p.years_at_company,
                "earlier_employers": list(p.earlier_employers),
                "research_notes": p.research_notes or None,
                "new_to_you": p.new_to_you,
                "care_about": list(p.care_about),
                "questions_to_ask": [asdict(a) for a in p.questions_to_ask],
            }
            for p in brief.people
        ],
        "logistics": list(brief.logistics),
        "dress": brief.dress,
        "bring": list(brief.bring),
        "mindset": list(brief.mindset),
        "checklist": [
            {"key": c.key, "label": c.label, "due_on": _date(c.due_on), "done": False}
            for c in brief.checklist
        ],
    }

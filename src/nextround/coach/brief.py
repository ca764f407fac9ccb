"""The prep brief for a round: reinforce and counter, likely questions, people, logistics."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from nextround.coach.bank import fits_round, questions_to_ask
from nextround.coach.brief_content import BriefContent, load_content
from nextround.coach.debrief import AskedText, Debrief, FeedbackText, Point, analyse_debrief
from nextround.coach.evidence import (
    EvidenceMap,
    RequirementText,
    Similarity,
    StoryIndex,
    StoryText,
    content_stems,
    index_stories,
    is_condition,
    is_credential,
    is_language,
    is_tenure,
    is_to_take_on,
    map_evidence,
    rank_indexed,
)
from nextround.coach.fields import (
    cares_about,
    craft_ask,
    employer_word,
    function_of,
    job_leads,
    organisation,
    public_employer,
    unsuited_asks,
)
from nextround.coach.likely import (
    PUBLIC_SERVICE,
    Doubt,
    LikelyQuestion,
    StoryRef,
    doubts,
    likely_questions,
    names_of,
    other_tasks,
    quoted,
    set_task,
)
from nextround.coach.logistics import (
    Fact,
    dress_code,
    find_facts,
    presentation_to_prepare,
    slides_due,
)
from nextround.coach.research_asks import ResearchAsk, research_asks
from nextround.coach.semantic import content_keys
from nextround.coach.words import clip

SCHEMA = "nextround.brief"
SCHEMA_VERSION = 2
MAX_ASKS = 4
MAX_RESEARCH_ASKS = 2
__all__ = ["Doubt", "LikelyQuestion", "StoryRef"]


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
    own_asks: tuple[str, ...] = ()  # questions the candidate wrote to ask them


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
    done: bool = False  # the round has happened: nothing to count down to


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
    field: str | None = None  # the job's field, when it is known with confidence
    field_label: str = ""  # the field in words ("social work")
    # (where it came from, text): the invite and the emails about this round and the last
    logistics_texts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Missing:
    what: str
    how: str


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
    field: str | None
    round: RoundInfo
    today: dt.date
    days_left: int | None
    purpose_advice: str
    missing: tuple[Missing, ...]
    debrief: Debrief
    impressed: tuple[tuple[int, str], ...]
    fell_flat: tuple[tuple[int, str], ...]
    likely_questions: tuple[LikelyQuestion, ...]
    doubts: tuple[Doubt, ...]
    evidence: EvidenceMap
    requirements_saved: bool
    key_terms: tuple[str, ...]
    level: str | None
    people: tuple[PersonBrief, ...]
    logistics: tuple[str, ...]
    facts: tuple[Fact, ...]
    dress: str
    bring: tuple[str, ...]
    mindset: tuple[str, ...]
    checklist: tuple[ChecklistEntry, ...]
    # What to do about each answer to counter, in the order of debrief.counter.
    counter_advice: tuple[str, ...] = ()

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


def _cares(data: BriefInput, p: PersonText, content: BriefContent) -> list[str]:
    """What this interviewer probably cares about, by role, title and seniority, in the job's
    field and for the kind of job it is."""
    role = _acting_role(p)
    leads = job_leads(data.role)
    return list(cares_about(data.field, role, p.seniority, p.title, data.role, leads))


def _acting_role(p: PersonText) -> str:
    """The role a person judges from: a governor or a trustee recorded as "other" judges as the
    organisation's leadership does, not as someone who works there day to day."""
    if p.role in ("other", "team-member") and _GOVERNS.search(f"{p.title} {p.team}"):
        return "senior-executive"
    return p.role


# Questions to ask about how long someone has been here: on a panel, one person is asked.
TENURE_ASKS = frozenset({"other-how-long-here", "tm-how-long", "exec-what-keeps-you"})


def _research_text(found: ResearchAsk, content: BriefContent, employer: str) -> str:
    s = content.sentences
    if found.kind == "quoted":
        return s["research_quoted"].format(quote=quoted(found.slots["quote"]))
    if found.kind == "spoke":
        slots = dict(found.slots)
        if slots.pop("topic_quoted", ""):
            slots["topic"] = quoted(slots["topic"])  # their own words, as they said them
        return s["research_spoke"].format(organisation=employer, **slots)
    return s[f"research_{found.kind}"].format(**found.slots)


def _kind(data: BriefInput) -> str:
    # An invite for "Panel with Dana and Tom" is a panel, whatever the form's default said.
    r = data.round
    return "panel" if r.kind == "one-to-one" and len(data.panel) >= 2 else r.kind


# Someone on the panel for their own experience of the service, not as staff.
_LIVED = re.compile(
    r"\b(?:young person|young people|care leaver|children in care council|service users?|"
    r"experts? by experience|lived experience|patient (?:representative|panel|partner)|"
    r"pupils? (?:panel|council|representatives?|voice)|student (?:panel|council|representative)|"
    r"school council|residents? (?:panel|representative)|tenant (?:panel|representative)|"
    r"parent representative|carer representative)\b",
    re.IGNORECASE,
)
# A governor, a trustee, a councillor: on the panel to judge, whatever else their notes say.
_GOVERNS = re.compile(r"\b(?:governors?|trustees?|councillor|non-executive|board member)\b", re.I)
# Someone whose job is to arrange the interviews rather than sit on them.
_ARRANGES = re.compile(
    r"\b(?:recruit\w*|talent (?:partner|acquisition|team|coordinator|advisor|adviser)|"
    r"resourcing|coordinator|co-ordinator|scheduler|scheduling|administrator|"
    r"(?:personal|executive) assistant|PA to|EA to|people team|HR team|hiring team|"
    r"admin team|admin officer|careers (?:team|service|adviser|advisor|consultant))\b",
    re.IGNORECASE,
)


def arranges_round(title: str, team: str) -> bool:
    """Whether a title says its holder arranges interviews rather than sits on them (a
    recruitment officer, a talent partner, an executive assistant)."""
    return bool(_ARRANGES.search(f"{title} {team}"))


def lived_experience(p: PersonText) -> bool:
    """Whether a panel member is there for their own experience (a young person, a pupil)."""
    return on_panel_for_experience(p.role, p.name, p.title, p.team, p.research_notes)


def on_panel_for_experience(role: str, *texts: str) -> bool:
    """lived_experience for any record: its role and its name, title, team or notes."""
    staff = role in ("hiring-manager", "senior-executive", "hr", "technical", "consultant")
    said = " ".join(texts)
    return not staff and not _GOVERNS.search(said) and bool(_LIVED.search(said))


def _people(data: BriefInput, content: BriefContent) -> list[PersonBrief]:
    purpose = data.round.purpose if data.round.purpose != "unknown" else None
    tailored = content.tailored_asks
    employer = employer_word(data.field, data.company)
    # A head of department asks a leader's questions, a classroom teacher a classroom one; a
    # school or an NHS trust is not asked about its competitors or its tech stack.
    leads = job_leads(data.role)
    business = data.field not in PUBLIC_SERVICE and not public_employer(data.company)
    # Several people in one room: a question is put to one of them, and what suits a
    # one-to-one (comparing the firm with a rival they left) is not asked in front of the rest.
    staff = [p for p in data.panel if not lived_experience(p)]
    together = len(staff) >= 2
    served = [p for p in staff if p.years_at_company is not None and p.years_at_company >= 2]
    longest = max(served, key=lambda p: p.years_at_company or 0.0, default=None)
    people = []
    offered: set[str] = set()  # a question to ask is offered to one person only
    tenure_offered = False
    unsuited = unsuited_asks(data.field, data.role)
    for p in data.panel:
        if lived_experience(p):
            own = [Ask(text, content.sentences["own_ask_why"]) for text in p.own_asks]
            own += [Ask(text, content.sentences["lived_ask_why"]) for text in content.lived_asks]
            people.append(_person_brief(p, list(content.lived_cares), own))
            continue
        cares = _cares(data, p, content)
        if p.years_at_company is not None and p.years_at_company < 1:
            cares.append("making their mark as someone fairly new")
        acting = _acting_role(p)
        senior = p.seniority in ("director", "executive") or acting == "senior-executive"
        # The candidate's own questions first: they are the ones to print.
        asks = [Ask(text, content.sentences["own_ask_why"]) for text in p.own_asks]
        tenure: set[str] = set()  # the asks about their time here: one person's on a panel
        # What they said or did, from the candidate's own notes: one question per topic, at
        # most two, before anything general.
        for found in research_asks(p.research_notes, p.name)[:MAX_RESEARCH_ASKS]:
            why = content.sentences["research_why"].format(quote=quoted(clip(found.source)))
            asks.append(Ask(_research_text(found, content, employer), why))
        if p.years_at_company is not None and p.years_at_company >= 2:
            if not together or p is longest:
                # "about 3.8 years" is no one's way of saying it: to the nearest half year.
                said = round(p.years_at_company * 2) / 2
                text = tailored["long_tenure"].format(years=f"{said:g}")
                asks.append(Ask(text, f"Uses their long view of the {employer}."))
                tenure.add(_norm(text))
        elif p.years_at_company is not None and p.years_at_company < 1:
            asks.append(
                Ask(
                    tailored["short_tenure"].format(organisation=employer),
                    f"They chose the {employer} recently.",
                )
            )
        if p.earlier_employers and not together and not senior:
            asks.append(
                Ask(
                    tailored["employer"].format(employer=p.earlier_employers[0]),
                    "Shows you did your research and invites an honest comparison.",
                )
            )
        if p.team:
            team = re.sub(r"\s+team$", "", p.team.strip(), flags=re.IGNORECASE)
            # "the Payouts squad", "the Acute Medicine unit": a word for the group of its own
            # takes no "team" after it ("the Payouts squad team's").
            grouped = re.search(
                r"\b(?:squad|tribe|unit|department|group|ward|service|directorate|function|"
                r"practice|office|desk|pod|chapter|guild|faculty)$",
                team,
                re.IGNORECASE,
            )
            key = "team_named" if grouped else "team"
            asks.append(Ask(tailored[key].format(team=team), "About their own work."))
        if senior:
            asks.append(Ask(tailored["senior"], "Senior people judge by outcomes."))
        if p.role == "technical":
            asks.append(Ask(craft_ask(data.field), "Invites them to talk about their craft."))
        role = acting if acting in content.care_abouts else "other"
        theirs = function_of(p.title, data.field)
        templates = questions_to_ask(
            role,
            purpose,
            8 + len(unsuited),
            data.field,
            leads=leads,
            function=theirs.id if theirs else None,
            business=business,
        )
        for template in templates:
            # Only what was written for this person and this round: a question meant for
            # someone else ("What would my first day look like?" to a consultant) is no filler.
            if template.id not in unsuited and fits_round(template, role, purpose):
                asks.append(Ask(*template.said(employer)))
                if template.id in TENURE_ASKS:
                    tenure.add(_norm(asks[-1].text))
        mine: list[Ask] = []
        for ask in asks:
            key = _norm(ask.text)
            if key in offered or (key in tenure and together and tenure_offered):
                continue
            if any(_alike(ask.text, other.text) for other in mine):
                # "What would make the person in this role a success…" and "What would success
                # look like in this role after the first year?": one of them is enough.
                continue
            offered.add(key)
            tenure_offered = tenure_offered or key in tenure
            mine.append(ask)
            if len(mine) >= max(MAX_ASKS, len(p.own_asks)):
                break
        people.append(_person_brief(p, cares, mine))
    return people


def _alike(a: str, b: str) -> bool:
    """Two questions asking the same thing: most of the shorter one's concepts shared."""
    wa, wb = content_keys(a), content_keys(b)
    if not wa or not wb:
        return False
    return len(wa & wb) >= 2 and len(wa & wb) / min(len(wa), len(wb)) >= ALIKE_SHARE


ALIKE_SHARE = 0.6


def _person_brief(p: PersonText, cares: list[str], asks: list[Ask]) -> PersonBrief:
    return PersonBrief(
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
        questions_to_ask=tuple(asks),
    )


def _logistics(
    data: BriefInput, content: BriefContent, kind: str
) -> tuple[list[str], tuple[Fact, ...]]:
    """Lines about getting there and the day: the facts given first, then general advice."""
    r = data.round
    s = content.sentences
    facts = find_facts(data.logistics_texts)
    lines: list[str] = []
    if r.starts_at:
        lines.append(
            f"When: {r.starts_at}"
            + (f", {r.duration_minutes} minutes." if r.duration_minutes else ".")
        )
    if r.format == "on-site":
        lines.append(
            s["address"].format(address=" ".join(r.location.split()))
            if r.location.strip()
            else s["no_address"]
        )
    elif r.link:
        lines.append(f"Link: {r.link}")
    if data.panel and kind != "one-to-one":
        lines.append(s["panel_people"].format(names=names_of([_person(p) for p in data.panel])))
    for fact in facts:
        if fact.kind not in ("dress", "bring"):  # those have their own sections
            lines.append(s["fact"].format(source=fact.source, quote=quoted(fact.quote)))
    advice = list(content.formats.get(r.format, ()))
    if any(_PARK_TIME.search(f.quote) for f in facts):
        # "Parking is pay and display; allow 20 minutes to find a space": their time to park
        # comes before the usual 10 to 15 minutes early.
        advice = [s["arrive_parking"] if _ARRIVE.search(line) else line for line in advice]
    lines += advice
    if kind == "assessment" and not any(f.kind == "agenda" for f in facts):
        lines.append(s["ask_exercises"])
    kind_lines = list(content.kinds.get(kind, ()))
    if kind == "assessment" and not any(_WITH_OTHERS.search(f.quote) for f in facts):
        # Nothing says there is a group exercise: no advice on one.
        kind_lines = [line for line in kind_lines if not _WITH_OTHERS.search(line)]
    if r.format in ("video", "phone"):
        kind_lines = [line for line in kind_lines if not _IN_PERSON.search(line)]
    said_who = [
        p.name.split()[-1]
        for p in data.panel
        if p.name.split() and any(p.name.split()[-1] in f.quote for f in facts)
    ]
    if len(said_who) >= 2:
        # "a case discussion with Helen Marsh… a values panel with Sarah Whitfield": they said
        # who covers what, so nobody is told to find it out.
        kind_lines = [line for line in kind_lines if "who covers what" not in line]
    if _told_how(facts):
        kind_lines = [line for line in kind_lines if not _OUR_MEDIA.search(line)]
    lines += kind_lines
    return lines, facts


_PARK_TIME = re.compile(
    r"\ballow\b[^.;]{0,20}\b\d{1,3}\s*(?:minutes?|mins?)\b[^.;]{0,30}\b(?:park|parking|space|"
    r"find|security|sign in|reception)\b",
    re.I,
)
_ARRIVE = re.compile(r"\barrive 10 to 15 minutes early\b")
_WITH_OTHERS = re.compile(r"\b(?:group|other candidates|with others|team exercise)\b", re.I)


# What only an in-person round has: something to hand over or show on paper.
_OUR_MEDIA = re.compile(r"\b(?:USB stick|handouts?)\b", re.I)


def _told_how(facts: Sequence[Fact]) -> bool:
    """Whether they said how the presentation is shown: slides sent ahead, or a laptop."""
    return slides_due(facts) or any(
        f.kind in ("bring", "presentation", "agenda") and re.search(r"\blaptop\b", f.quote, re.I)
        for f in facts
    )


_IN_PERSON = re.compile(r"\b(?:USB stick|printed|print|handouts?|copies of your CV)\b", re.I)
_ID = re.compile(r"\b(?:photo ID|passport|driving licence|ID)\b")


def _person(p: PersonText) -> str:
    return f"{p.name} ({p.title})" if p.title else p.name


def checklist(
    round_info: RoundInfo,
    today: dt.date,
    has_gaps: bool,
    has_weak: bool,
    also: tuple[str, ...] = (),
    employer: str = "organisation",
) -> list[ChecklistEntry]:
    """The countdown from today to the round: each step due a set number of days before.

    `also` names kinds of round whose steps apply too (a panel that includes a presentation).
    """
    content = load_content()
    entries = []
    applies = {round_info.format, round_info.kind, *also}
    for item in content.checklist:
        if item.when and not applies & set(item.when):
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
        # "Research the trust's…", "the school's…": the employer as the field calls it.
        label = item.label.replace("{organisation}", employer)
        entries.append(ChecklistEntry(item.key, label, due))
    entries.sort(key=lambda e: e.due_on or dt.date.max)
    return entries


_KNOWLEDGE = re.compile(
    r"\s*(?:(?:a |an )?(?:good |sound |strong |working |thorough |detailed |up-to-date )?"
    r"(?:knowledge|understanding|awareness|familiarity)\b)",
    re.I,
)


def gap_advice(requirement: str) -> str:
    """What to do about a requirement no story backs: write a story, or confirm what you hold."""
    sentences = load_content().sentences
    if is_language(requirement):
        return sentences["language_row"]
    if is_condition(requirement):
        return sentences["condition_row"]
    if is_to_take_on(requirement):
        # "A postgraduate diploma, or willingness to complete it within two years": a plan to
        # show, never a thing to confirm you hold.
        return sentences["plan_row"]
    if _KNOWLEDGE.match(requirement):
        # "Knowledge of the National Intelligence Model": known and used, never held with a
        # number and dates like a registration.
        return sentences["knowledge_row"]
    if is_credential(requirement):
        return sentences["held_row"]
    return sentences["tenure_row" if is_tenure(requirement) else "gap_row"]


def build_brief(data: BriefInput, similarity: Similarity | None = None) -> Brief:
    """Everything to prepare for one round, from what is known so far.

    `similarity` is the cosine of two texts' sentence embeddings (services/matching.py), or None
    to match on words alone; the debrief, the evidence, the doubts and the likely questions all
    read the one evidence map built here, so they cannot disagree.
    """
    content = load_content()
    debrief = analyse_debrief(
        data.questions,
        data.feedback,
        data.requirements,
        similarity,
        notes=_notes(data),
    )
    evidence = map_evidence(
        data.requirements, data.stories, data.links, data.link_notes, similarity
    )
    r = data.round
    kind = _kind(data)
    found = doubts(debrief, evidence, data, content, similarity)
    task = set_task(data, content)
    logistics, facts = _logistics(data, content, kind)
    code = data.dress_code if data.dress_code != "unknown" else dress_code(facts) or "unknown"
    dress = content.dress.get(code, content.dress["unknown"])
    said = next((f for f in facts if f.kind == "dress"), None)
    if said is not None:
        dress = content.sentences["fact"].format(source=said.source, quote=quoted(said.quote)) + (
            " " + dress if code != "unknown" else ""
        )
    if r.format == "video":
        dress += " " + content.sentences["dress_video"]
    asked = [
        content.sentences["bring_fact"].format(quote=quoted(f.quote))
        for f in facts
        if f.kind == "bring"
    ]
    bring = [*asked, *content.bring["always"]]
    for key in (r.format, kind):
        bring += content.bring.get(key, ())
    if r.format == "on-site" and r.location.strip():
        bring = [b for b in bring if not b.startswith("The address")]
    if any(_ID.search(a) for a in asked):
        bring = [b for b in bring if b in asked or not _ID.search(b)]  # they said which ID
    if _told_how(facts):
        # "Slides by email by Monday 12:00; bring your laptop": they said how it is shown, so
        # no USB stick or handouts of ours beside it.
        bring = [b for b in bring if b in asked or not _OUR_MEDIA.search(b)]
    if r.format in ("video", "phone"):
        # Nothing is handed over on a call: no USB stick, handouts or printed CVs.
        bring = [b for b in bring if b in asked or not _IN_PERSON.search(b)]
        if kind == "presentation":
            bring.append(content.sentences["presentation_video"])
    indexed = index_stories(data.stories) if debrief.counter else []
    return Brief(
        counter_advice=tuple(
            _counter_advice(p, found, indexed, similarity, content) for p in debrief.counter
        ),
        company=data.company,
        role=data.role,
        field=data.field_label or None,
        round=r if kind == r.kind else _with_kind(r, kind),
        today=data.today,
        days_left=(r.date - data.today).days if r.date and not r.done else None,
        purpose_advice=content.purposes.get(r.purpose, content.purposes["unknown"]),
        missing=tuple(_missing(data)),
        debrief=debrief,
        impressed=data.impressed,
        fell_flat=data.fell_flat,
        likely_questions=tuple(
            likely_questions(
                data,
                debrief,
                found,
                evidence,
                content,
                similarity,
                task,
                other_tasks(data, content, task),
            )
        ),
        doubts=tuple(found),
        evidence=evidence,
        requirements_saved=data.requirements_saved,
        key_terms=data.key_terms,
        level=data.level,
        people=tuple(_people(data, content)),
        logistics=tuple(logistics),
        facts=facts,
        dress=dress,
        bring=tuple(dict.fromkeys(bring)),
        mindset=content.mindset,
        checklist=tuple(
            checklist(
                r,
                data.today,
                bool(evidence.gaps or any(d.gap for d in found)),
                bool(debrief.counter or found),
                also=(
                    *(("presentation",) if presentation_to_prepare(facts) else ()),
                    *(("tour",) if any(f.kind == "tour" for f in facts) else ()),
                    *((task.kind,) if task else ()),
                    *(("send-slides",) if slides_due(facts) else ()),
                ),
                employer=organisation(data.field),
            )
        ),
    )


_ASKS_FOR_FACTS = re.compile(
    r"^(?:which|what)\b[^?]*\b(?:tools?|systems?|software|platforms?|packages?|programming "
    r"languages?|qualifications?|certifications?|CRMs?)\b[^?]*\b(?:used|use|hold|have|know)\b",
    re.I,
)


def _counter_advice(
    point: Point,
    found: Sequence[Doubt],
    stories: Sequence[StoryIndex],
    similarity: Similarity | None,
    content: BriefContent,
) -> str:
    """What to do about an answer that did not land: the story to tell this time, or to write.
    Where a doubt is about the same answer, its story is the one: the two never disagree."""
    s = content.sentences
    if _ASKS_FOR_FACTS.search(point.question):
        # "Which customer success tools have you used?" is answered with facts, not a story.
        return s["counter_fact"]
    doubt = next((d for d in found if d.question == point.question), None)
    if doubt is None:
        # A doubt not pinned on the answer but about what it asked ("more structure on
        # prioritisation" and "How do you prioritise a roadmap…?"): its story is the one.
        asked = set(content_stems(point.question))

        def about_it(label: str) -> bool:
            # "prioritisation" and "prioritise" stem apart: a shared start of five letters is
            # the same word.
            said = set(content_stems(label.strip("“”")))
            return any(a[:5] == b[:5] and min(len(a), len(b)) >= 5 for a in asked for b in said)

        doubt = next((d for d in found if d.story and about_it(d.label)), None)
    if doubt is not None:
        title = doubt.story.title if doubt.story else ""
        if not title and doubt.maybe is not None:
            # The doubt offers a story to check: the counter says the same, never "none".
            return s["counter_maybe"].format(story=quoted(doubt.maybe.title))
    else:
        best = rank_indexed(f"{point.question} {point.answer_note}", stories, similarity, limit=1)
        title = best[0].title if best else ""
    return s["counter_story"].format(story=quoted(title)) if title else s["counter_gap"]


def _with_kind(r: RoundInfo, kind: str) -> RoundInfo:
    from dataclasses import replace

    return replace(r, kind=kind)


def _notes(data: BriefInput) -> list[tuple[int, str, str]]:
    rounds = {n for n, _ in data.impressed} | {n for n, _ in data.fell_flat}
    good = dict(data.impressed)
    bad = dict(data.fell_flat)
    return [(n, good.get(n, ""), bad.get(n, "")) for n in sorted(rounds)]


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Plain data for JSON and the renderers (see docs/brief-schema.json)."""
    r = brief.round
    d = brief.debrief

    def remark(x: Any) -> dict[str, Any]:
        return {
            "kind": x.kind,
            "topic": x.label,
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
            "decided_by": p.decided_by,
        }

    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_on": brief.today.isoformat(),
        "company": brief.company,
        "role": brief.role,
        "field": brief.field,
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
        "reinforce": [{**point(p), "advice": ""} for p in d.reinforce],
        "counter": [
            {**point(p), "advice": advice}
            for p, advice in zip(
                d.counter,
                brief.counter_advice or ("",) * len(d.counter),
                strict=True,
            )
        ],
        "praise": [remark(x) for x in d.praise],
        "concerns": [remark(x) for x in d.concerns],
        "impressed": [{"round": n, "note": t} for n, t in brief.impressed],
        "fell_flat": [{"round": n, "note": t} for n, t in brief.fell_flat],
        "doubts": [
            {
                "kind": x.kind,
                "label": x.label,
                "quote": x.quote,
                "source": x.source,
                "round": x.round_number,
                "requirement": x.requirement or None,
                "story": asdict(x.story) if x.story else None,
                "gap": x.gap or None,
            }
            for x in brief.doubts
        ],
        "likely_questions": [
            {
                "text": q.text,
                "why": q.why,
                "category": q.category,
                "priority": q.priority,
                "rehearse": q.rehearse,
                "story": asdict(q.story) if q.story else None,
                "gap": q.gap or None,
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
                    "might_fit": [
                        {"id": m.story_id, "title": m.title, "reason": m.reason} for m in row.maybe
                    ],
                    "gap_advice": gap_advice(row.requirement.text),
                    "condition": is_condition(row.requirement.text),
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
        "facts": [asdict(f) for f in brief.facts],
        "dress": brief.dress,
        "bring": list(brief.bring),
        "mindset": list(brief.mindset),
        "checklist": [
            {"key": c.key, "label": c.label, "due_on": _date(c.due_on), "done": False}
            for c in brief.checklist
        ],
    }

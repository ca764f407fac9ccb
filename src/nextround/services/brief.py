"""The round brief: gathered from the records in a fixed number of queries, checklist kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nextround.coach import words
from nextround.coach.bank import JOB_LEVELS
from nextround.coach.brief import (
    BriefInput,
    PersonText,
    RoundInfo,
    build_brief,
)
from nextround.coach.debrief import AskedText, FeedbackText
from nextround.coach.evidence import RequirementText, Similarity, StoryText
from nextround.coach.requirements import Extraction, extract_requirements
from nextround.services import fields, matching, semantic, times
from nextround.services.errors import InvalidInput
from nextround.services.records import opportunities, rounds
from nextround.store import models as m

FORMATS = ("md", "html", "pdf", "json")


@dataclass(frozen=True)
class ChecklistRow:
    pk: int | None  # None until the owner's first tick stores the steps
    key: str
    label: str
    due_on: dt.date | None
    done: bool
    overdue: bool


@dataclass(frozen=True)
class BriefView:
    """What the brief page, the CLI and the renderers show for one round."""

    round_id: int
    opportunity_id: int
    data: dict[str, Any]  # the brief in the JSON schema, checklist ticks included
    checklist: list[ChecklistRow]

    @property
    def title(self) -> str:
        return f"Round {self.data['round']['number']} brief · {self.data['company']}"

    @property
    def subtitle(self) -> str:
        """When and how, in words: "Tuesday 8 December 2026, 10:00 (Europe/London) · on site"."""
        r = self.data["round"]
        parts = [r["starts_at"] or "Date not set", words.label("format", r["format"])]
        parts.append(words.label("kind", r["kind"]))
        if r["days_left"] is not None and r["days_left"] >= 0:
            parts.append(
                "today" if r["days_left"] == 0 else words.count(r["days_left"], "day") + " to go"
            )
        return " · ".join(parts)


def story_texts(owner: User, sample: bool = False) -> list[StoryText]:
    """The owner's stories; the sample's own story only for the sample opportunity."""
    stories = m.Story.objects.filter(owner=owner)
    if not sample:
        stories = stories.filter(is_sample=False)
    return [
        StoryText(
            s.pk,
            s.title,
            s.situation,
            s.task,
            s.action,
            s.result,
            tuple(str(x) for x in (s.skills or [])),
            s.metrics,
        )
        for s in stories.order_by("id")
    ]


def _years(value: Any) -> float | None:
    return None if value is None else float(value)


def brief_input(owner: User, round_id: int, today: dt.date | None = None) -> BriefInput:
    """Everything the coach needs for one round's brief."""
    r = rounds.get(owner, round_id)
    opp = r.opportunity
    earlier = list(
        m.Round.objects.filter(owner=owner, opportunity=opp, number__lt=r.number).order_by("number")
    )
    earlier_numbers = {e.pk: e.number for e in earlier}
    met: dict[int, list[int]] = {}
    for rid, pid in m.RoundInterviewer.objects.filter(
        owner=owner, round_id__in=list(earlier_numbers)
    ).values_list("round_id", "interviewer_id"):
        met.setdefault(pid, []).append(earlier_numbers[rid])
    people = on_panel(list(m.Interviewer.objects.filter(owner=owner, rounds=r).order_by("id")), r)
    # The candidate's own questions to ask: each with its person, the rest with the first.
    own: dict[int | None, list[str]] = {}
    for pid, text in m.QuestionToAsk.objects.filter(owner=owner, round=r).values_list(
        "interviewer_id", "text"
    ):
        key = pid if any(p.pk == pid for p in people) else None
        own.setdefault(key, []).append(" ".join(text.split()))
    panel = [
        PersonText(
            p.pk,
            p.name,
            p.title,
            p.role,
            p.seniority,
            p.team,
            _years(p.years_at_company),
            tuple(str(e) for e in (p.earlier_employers or [])),
            p.research_notes,
            tuple(sorted(met.get(p.pk, []))),
            tuple(own.get(p.pk, []) + (own.get(None, []) if i == 0 else [])),
        )
        for i, p in enumerate(people)
    ]
    questions = [
        AskedText(
            q.pk,
            earlier_numbers[q.round_id],
            q.text,
            q.answer_note,
            q.self_rating,
            q.reaction,
            q.interviewer.name if q.interviewer else "",
            q.follow_up,
        )
        for q in m.AskedQuestion.objects.filter(owner=owner, round__in=earlier)
        .select_related("interviewer")
        .order_by("round__number", "id")
    ]
    feedback = [
        FeedbackText(f.pk, earlier_numbers[f.round_id], f.text, f.source, f.sender)
        for f in m.Feedback.objects.filter(owner=owner, round__in=earlier).order_by("id")
    ]
    extraction = extract_requirements(opp.job_description) if opp.job_description else None
    saved = [
        RequirementText(q.pk, q.text, q.kind)
        for q in m.Requirement.objects.filter(owner=owner, opportunity=opp).order_by("id")
    ]
    requirements = saved or [
        *(
            RequirementText(None, x.text, x.kind)
            for x in (extraction.requirements if extraction else ())
        ),
        *(RequirementText(None, x.text, "duty") for x in (extraction.duties if extraction else ())),
    ]
    links = {
        (req, story): note
        for req, story, note in m.Evidence.objects.filter(
            owner=owner, requirement__opportunity=opp
        ).values_list("requirement_id", "story_id", "note")
    }
    starts = times.in_zone(r.scheduled_at, r.timezone) if r.scheduled_at else None
    guess = fields.field_of(opp)
    return BriefInput(
        company=opp.company,
        role=opp.role,
        round=RoundInfo(
            id=r.pk,
            opportunity_id=opp.pk,
            number=r.number,
            format=r.format,
            kind=r.kind,
            purpose=r.purpose,
            date=starts.date() if starts else None,
            starts_at=_said_start(r) if r.scheduled_at else "",
            duration_minutes=r.duration_minutes,
            location=r.location,
            link=r.link,
            done=r.status == m.RoundStatus.DONE,
        ),
        today=today or timezone.localdate(),
        dress_code=opp.dress_code,
        has_job_description=bool(opp.job_description.strip()),
        requirements_saved=bool(saved),
        earlier_rounds=tuple(e.number for e in earlier),
        panel=tuple(panel),
        questions=tuple(questions),
        feedback=tuple(feedback),
        requirements=tuple(requirements),
        stories=tuple(story_texts(owner, sample=opp.is_sample)),
        links=tuple(links),
        link_notes={k: v for k, v in links.items() if v},
        key_terms=extraction.key_terms if extraction else (),
        level=job_level(opp, extraction),
        impressed=tuple((e.number, e.impressed) for e in earlier if e.impressed.strip()),
        fell_flat=tuple((e.number, e.fell_flat) for e in earlier if e.fell_flat.strip()),
        field=guess.field,
        field_label=guess.label if guess.field else "",
        logistics_texts=tuple(_logistics_texts(owner, r, earlier)),
    )


def _sender_name(f: m.Feedback) -> str:
    """The sender's name as written ("Priya Desai" of "Priya Desai <priya@…>"); an address
    alone names nobody."""
    name = " ".join(f.sender.split("<", 1)[0].split()).strip("\"' ")
    return "" if "@" in name else name


def _feedback_from(f: m.Feedback) -> str:
    """Who a piece of feedback is from, as a fact's source: pasted or emailed, it is feedback."""
    name = _sender_name(f)
    if f.source == m.FeedbackSource.CONSULTANT:
        return "Feedback from your consultant" + (f", {name}" if name else "")
    if f.source == m.FeedbackSource.HR:
        return "Feedback from HR" + (f" ({name})" if name else "")
    if name:
        return f"Feedback from {name}"
    return "The interviewer's feedback" if f.source == m.FeedbackSource.INTERVIEWER else "Feedback"


def _logistics_texts(owner: User, r: m.Round, earlier: list[m.Round]) -> list[tuple[str, str]]:
    """Where the day's facts may be written: the invite, the round's notes, the latest emails."""
    texts: list[tuple[str, str]] = []
    if r.notes.strip():
        invite = r.notes.startswith("From the invite:")
        texts.append(("The invite" if invite else "Your notes", r.notes))
    last = earlier[-1:] if earlier else []
    for f in m.Feedback.objects.filter(owner=owner, round__in=[r, *last]).order_by(
        "-round__number", "id"
    ):
        # What came in about the round being prepared is an email about the day, not feedback.
        texts.append((_email_from(f) if f.round_id == r.pk else _feedback_from(f), f.text))
    return texts


def _said_start(r: m.Round) -> str:
    """ "Thursday 17 December 2026, 16:00 UK time (11:00 New York time)": the candidate's clock
    first, since a London reader who sees "11:00" first may miss the round."""
    assert r.scheduled_at is not None
    local, said = times.said_time(r.scheduled_at, r.timezone)
    return f"{words.day(local.date())}, {said}"


def _email_from(f: m.Feedback) -> str:
    """Who an email about the coming round is from, as a fact's source."""
    name = _sender_name(f)
    if f.source == m.FeedbackSource.CONSULTANT:
        return "Your consultant's email" + (f" ({name})" if name else "")
    return f"{name}'s email" if name else "The email about the round"


def on_panel(people: list[m.Interviewer], r: m.Round | None = None) -> list[m.Interviewer]:
    """The people who sit on the round, less those who only arrange it: the recruitment officer
    an invite lists beside the panel, by her title or by how she signs her email about the day
    ("Priya Desai | Talent Partner | Ledgerly")."""
    from nextround.coach.brief import arranges_round

    # Someone with no title recorded is judged by how they sign their email about the day.
    untitled = [p for p in people if not p.title.strip()]
    signed = _signed_titles(r, untitled) if r is not None and untitled else {}

    def title(p: m.Interviewer) -> str:
        return f"{p.title} {signed.get(p.pk, '')}"

    staff = [p for p in people if not arranges_round(title(p), p.team)]
    # Alone on the list, whoever arranges the round is the one you will meet.
    return staff if staff else people


def _signed_titles(r: m.Round, people: list[m.Interviewer]) -> dict[int, str]:
    """What each person's emails about the round say they are, from the line that signs them."""
    found: dict[int, str] = {}
    for f in m.Feedback.objects.filter(owner=r.owner_id, round=r).only("sender", "text"):
        sender = _sender_name(f).lower()
        lines = [" ".join(line.split()) for line in f.text.splitlines() if line.strip()]
        for p in people:
            name = p.name.strip().lower()
            if not name or (sender and name != sender and name.split()[0] != sender.split()[0]):
                continue
            for i, line in enumerate(lines):
                if line.lower().startswith(name) and len(line) <= 120:
                    # "Priya Desai | Talent Partner | Ledgerly", or the name and its title below.
                    found[p.pk] = " ".join([line[len(name) :], *lines[i + 1 : i + 2]])
    return found


def job_level(opp: m.Opportunity, extraction: Extraction | None = None) -> str | None:
    """The level of the job: the most senior its description signals, else its title's (None:
    not known). `extraction` is the description's, when already made."""
    if extraction is None and opp.job_description.strip():
        extraction = extract_requirements(opp.job_description)
    level = extraction.level if extraction else None
    if level is None and opp.role.strip():
        level = extract_requirements(opp.role).level
    return level if level in JOB_LEVELS else None


def round_styles(owner: User, r: m.Round) -> tuple[str, ...]:
    """The styles of interview ("values", "strengths") the round's invite or emails announce."""
    from nextround.coach.logistics import interview_styles

    last = (
        m.Round.objects.filter(owner=owner, opportunity_id=r.opportunity_id, number__lt=r.number)
        .order_by("-number")
        .first()
    )
    texts = _logistics_texts(owner, r, [last] if last is not None else [])
    return interview_styles([text for _, text in texts])


def meaning_texts(data: BriefInput) -> list[str]:
    """Every text the brief compares by meaning, embedded in one batch before it is built."""
    from nextround.coach.debrief import find_remarks

    remarks = [r for f in data.feedback for r in find_remarks(f)]
    return [
        *semantic.brief_texts(data),
        *(s.core_text for s in data.stories),
        *(f"{q.text} {q.answer_note}".strip() for q in data.questions),
        *(x for r in remarks for x in (r.about, r.quote, r.context, r.topic) if x),
        *(note for _, note in (*data.impressed, *data.fell_flat)),
    ]


def _checklist_rows(
    round_id: int, entries: list[dict[str, Any]], today: dt.date
) -> list[ChecklistRow]:
    """The round's steps: those its owner has stored (with their ticks), then the new ones.

    Computed on every read and written by nothing here: only the owner's tick stores steps.
    """
    stored = m.ChecklistItem.objects.filter(round_id=round_id, owner_id=F("round__owner_id"))
    rows = {
        c.key: ChecklistRow(
            c.pk,
            c.key,
            c.label,
            c.due_on,
            c.done,
            bool(c.due_on and c.due_on < today and not c.done),
        )
        for c in stored
    }
    for e in entries:
        if e["key"] not in rows:
            due = dt.date.fromisoformat(e["due_on"]) if e["due_on"] else None
            rows[e["key"]] = ChecklistRow(
                None, e["key"], e["label"], due, False, bool(due and due < today)
            )
    return sorted(rows.values(), key=lambda c: (c.due_on or dt.date.max, c.pk is None, c.pk or 0))


def build(
    owner: User,
    round_id: int,
    today: dt.date | None = None,
    similarity: Similarity | None = None,
) -> BriefView:
    """The brief for a round, with its checklist (the owner's ticks applied; nothing stored)."""
    data_in = brief_input(owner, round_id, today)
    brief = build_brief(data_in, similarity or matching.cosine(warm=meaning_texts(data_in)))
    data = brief.to_dict()
    rows = _checklist_rows(round_id, data["checklist"], data_in.today)
    data["checklist"] = [
        {
            "key": c.key,
            "label": c.label,
            "due_on": c.due_on.isoformat() if c.due_on else None,
            "done": c.done,
        }
        for c in rows
    ]
    return BriefView(round_id, data_in.round.opportunity_id, data, rows)


def checklist(owner: User, round_id: int, today: dt.date | None = None) -> list[ChecklistRow]:
    """The round's countdown checklist: the brief's steps with the owner's ticks."""
    return build(owner, round_id, today).checklist


def tick(owner: User, round_id: int, key: str, done: bool | None = None) -> m.ChecklistItem:
    """Tick a checklist step (or untick it; by default flip it): the round's owner alone."""
    rounds.owned(owner, round_id)
    steps = checklist(owner, round_id)
    if key not in {c.key for c in steps}:
        raise InvalidInput.one(
            "key",
            f"round {round_id} has no checklist step {key!r} "
            f"(steps: {', '.join(c.key for c in steps)})",
        )
    with transaction.atomic():
        # The owner's first tick stores every step, so later reads keep their labels and dates.
        for c in steps:
            if c.pk is None:
                m.ChecklistItem.objects.get_or_create(
                    round_id=round_id,
                    key=c.key,
                    defaults={"owner": owner, "label": c.label, "due_on": c.due_on},
                )
        item = m.ChecklistItem.objects.select_for_update().get(
            owner=owner, round_id=round_id, key=key
        )
        item.done = (not item.done) if done is None else done
        item.save(update_fields=["done"])
    return item


def owns_round(user: User, round_id: int) -> bool:
    """Whether the user may tick the round's checklist (its owner; sharees read it)."""
    return m.Round.objects.filter(pk=round_id, owner_id=user.pk).exists()


def tick_by_pk(owner: User, item_pk: int) -> m.ChecklistItem:
    item = m.ChecklistItem.objects.filter(owner=owner, pk=item_pk).first()
    if item is None:
        from nextround.services.errors import NotFound

        raise NotFound("checklist item", item_pk)
    item.done = not item.done
    item.save(update_fields=["done"])
    return item


def opportunity_of_round(owner: User, round_id: int) -> m.Opportunity:
    return rounds.get(owner, round_id).opportunity


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InvalidInput.one("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    return fmt


def render(view: BriefView, fmt: str, night_before: bool = False) -> bytes:
    """The brief as a file in one of md, html, pdf, json (or its one-page night-before form)."""
    import nextround.formats.brief_render as brief_render

    check_format(fmt)
    try:
        if night_before and fmt == "md":
            return brief_render.night_before_markdown(view.data).encode("utf-8")
        if night_before and fmt == "html":
            return brief_render.night_before_html(view.data).encode("utf-8")
        if night_before and fmt == "pdf":
            return brief_render.to_pdf(view.data, night_before=True)
        if fmt == "md":
            return brief_render.to_markdown(view.data).encode("utf-8")
        if fmt == "html":
            return brief_render.to_html(view.data).encode("utf-8")
        if fmt == "json":
            return brief_render.to_json(view.data).encode("utf-8")
        return brief_render.to_pdf(view.data)
    except brief_render.RenderError as exc:
        from nextround.services.errors import ServiceError

        raise ServiceError(str(exc)) from None


def owner_opportunity(owner: User, opportunity_id: int) -> m.Opportunity:
    return opportunities.get(owner, opportunity_id)


def night_before_body(view: BriefView) -> str:
    """The night-before page's sections as escaped HTML: the five, the doubts, where and who."""
    import nextround.formats.brief_render as brief_render

    return brief_render.night_before_body(view.data)


def html_body(view: BriefView, links: Mapping[str, str] | None = None) -> str:
    """The brief's sections as escaped HTML for the brief page (its checklist is shown apart).

    links name the pages the hints on what is missing point to ("the Stories page": its path).
    """
    import nextround.formats.brief_render as brief_render

    return brief_render.to_html_body(view.data, checklist=False, links=links)

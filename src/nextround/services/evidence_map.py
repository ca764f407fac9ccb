"""Requirements read from the job description into records; the evidence map of an opportunity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from nextround.coach.brief import gap_advice
from nextround.coach.evidence import RequirementText, Similarity, is_condition, map_evidence
from nextround.coach.requirements import ExtractedRequirement, Extraction, extract_requirements
from nextround.services import matching
from nextround.services.brief import story_texts
from nextround.services.errors import InvalidInput
from nextround.services.records import evidence, opportunities, requirements
from nextround.store import models as m


def _key(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


@dataclass(frozen=True)
class ExtractResult:
    opportunity_id: int
    added: list[m.Requirement]
    kept: list[m.Requirement]  # already there (merge), or kept because stories back them
    removed: list[str]  # texts of requirements removed by --replace
    found: list[ExtractedRequirement]
    key_terms: tuple[str, ...]
    read: int = 0  # what the job asks for and what it involves, as read from the description
    # Read again from an edited description, absent here and so removed by the user: not re-added.
    left_out: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def row(q: m.Requirement) -> dict[str, Any]:
            return {"id": q.pk, "text": q.text, "kind": q.kind}

        return {
            "opportunity_id": self.opportunity_id,
            "added": [row(q) for q in self.added],
            "kept": [row(q) for q in self.kept],
            "removed": self.removed,
            "left_out": self.left_out,
            "found": [x.to_dict() for x in self.found],
            "key_terms": list(self.key_terms),
        }


def _wanted(extraction: Extraction) -> list[tuple[str, str]]:
    """What the job asks for, then what it involves (both want a story behind them), once each."""
    found: list[tuple[str, str]] = [(x.text, x.kind) for x in extraction.requirements]
    found += [(x.text, "duty") for x in extraction.duties]
    wanted: dict[str, tuple[str, str]] = {}
    for text, kind in found:
        wanted.setdefault(_key(text), (text, kind))
    return list(wanted.values())


def extract(
    owner: User, opportunity_id: int, replace: bool = False, earlier: str | None = None
) -> ExtractResult:
    """Save the job description's requirements; never drop an edit or a linked story silently.

    Merge (the default) adds only requirements not already there and changes nothing else.
    Replace removes the others except those that stories back, and names every one it removes.
    With the earlier text of an edited description, a requirement read from that text too and no
    longer here was removed by the user, so it is left out rather than added back.
    """
    opp = opportunities.get(owner, opportunity_id)
    if not opp.job_description.strip():
        raise InvalidInput.one(
            "job_description",
            f"opportunity {opportunity_id} has no job description: add it with "
            f"`nextround opportunity edit {opportunity_id} --jd-file job.txt` "
            "or Edit on the opportunity page",
        )
    extraction = extract_requirements(opp.job_description)
    existing = list(m.Requirement.objects.filter(owner=owner, opportunity=opp).order_by("id"))
    backed = set(
        m.Evidence.objects.filter(owner=owner, requirement__in=existing).values_list(
            "requirement_id", flat=True
        )
    )
    removed: list[str] = []
    kept: list[m.Requirement] = []
    with transaction.atomic():
        if replace:
            for q in existing:
                if q.pk in backed:
                    kept.append(q)
                else:
                    removed.append(q.text)
                    q.delete()
            existing = kept[:]
        else:
            kept = existing[:]
        have = {_key(q.text) for q in existing}
        known: set[str] = set()
        if earlier and not replace:
            known = {_key(t) for t, _ in _wanted(extract_requirements(earlier))}
        added: list[m.Requirement] = []
        left_out: list[str] = []
        wanted = _wanted(extraction)
        for text, kind in wanted:
            if _key(text) in have:
                continue
            if _key(text) in known:
                left_out.append(text)
                continue
            added.append(requirements.create(owner, opp.pk, text=text[:500], kind=kind))
    return ExtractResult(
        opp.pk,
        added,
        kept,
        removed,
        list(extraction.requirements),
        extraction.key_terms,
        read=len(wanted),
        left_out=left_out,
    )


@dataclass(frozen=True)
class SavedOpportunity:
    opportunity: m.Opportunity
    requirements: ExtractResult | None  # read from a new or changed job description


def save_opportunity(
    owner: User, opportunity_id: int | None, values: dict[str, Any]
) -> SavedOpportunity:
    """Create or change an opportunity, and read requirements from its job description whenever
    that is new or changed (merged: the requirements already there stay as they are)."""
    if isinstance(values.get("job_description"), str):
        # Browsers send a textarea's lines ended by CRLF; what was saved may end them by LF.
        values = values | {"job_description": _one_line_end(values["job_description"])}
    with transaction.atomic():
        if opportunity_id is None:
            before = ""
            opp = opportunities.create(owner, **values)
        else:
            before = opportunities.get(owner, opportunity_id).job_description
            opp = opportunities.update(owner, opportunity_id, **values)
        read = None
        if opp.job_description.strip() and _as_read(opp.job_description) != _as_read(before):
            read = extract(owner, opp.pk, earlier=before)
    return SavedOpportunity(opp, read)


def _one_line_end(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _as_read(text: str) -> str:
    """The text as far as reading requirements goes: spaces at line ends and line endings aside."""
    return "\n".join(line.rstrip() for line in _one_line_end(text).strip().split("\n"))


def said(result: ExtractResult) -> str:
    """What reading the requirements did, in a sentence."""
    found = result.read or len(result.found)
    if not found:
        return (
            "No requirements could be read from the job description: add them below, one at a time."
        )
    text = f"Read {found} requirement{'s' if found != 1 else ''} from the job description"
    if not result.kept and not result.left_out:
        return f"{text}: check them under “What the job asks for”."
    here = found - len(result.added) - len(result.left_out)
    counts = f"{len(result.added)} added, {here} already here"
    if result.left_out:
        counts += f", {len(result.left_out)} you had removed left out"
    return f"{text}: {counts}."


@dataclass(frozen=True)
class LinkedStory:
    evidence_id: int
    story_id: int
    title: str
    note: str


@dataclass(frozen=True)
class Suggestion:
    story_id: int
    title: str
    score: float
    reason: str
    confidence: str = "strong"  # strong: it backs the requirement; possible: check it


@dataclass(frozen=True)
class EvidenceRow:
    requirement: m.Requirement
    linked: list[LinkedStory]
    suggested: list[Suggestion]
    maybe: list[Suggestion] = field(default_factory=list)  # might fit: the candidate checks

    @property
    def is_condition(self) -> bool:
        """A condition of the job to agree to (a shift pattern, travel), not a story to show."""
        return is_condition(self.requirement.text)

    @property
    def is_gap(self) -> bool:
        return not self.linked and not self.suggested and not self.is_condition

    @property
    def gap_advice(self) -> str:
        """What to do about the gap: write a story, or confirm a registration you hold."""
        return gap_advice(self.requirement.text)


@dataclass(frozen=True)
class EvidenceView:
    opportunity: m.Opportunity
    rows: list[EvidenceRow]
    unused: list[tuple[int, str]]  # stories that back nothing
    stories: list[tuple[int, str]] = field(default_factory=list)

    @property
    def gaps(self) -> list[m.Requirement]:
        return [r.requirement for r in self.rows if r.is_gap]

    def to_dict(self) -> dict[str, Any]:
        return {
            "opportunity_id": self.opportunity.pk,
            "requirements": [
                {
                    "id": row.requirement.pk,
                    "text": row.requirement.text,
                    "kind": row.requirement.kind,
                    "linked": [
                        {
                            "evidence_id": s.evidence_id,
                            "story_id": s.story_id,
                            "title": s.title,
                            "note": s.note,
                        }
                        for s in row.linked
                    ],
                    "suggested": [
                        {
                            "story_id": s.story_id,
                            "title": s.title,
                            "score": s.score,
                            "reason": s.reason,
                        }
                        for s in row.suggested
                    ],
                    "might_fit": [
                        {"story_id": s.story_id, "title": s.title, "reason": s.reason}
                        for s in row.maybe
                    ],
                }
                for row in self.rows
            ],
            "gaps": [{"id": q.pk, "text": q.text, "kind": q.kind} for q in self.gaps],
            "unused_stories": [{"id": pk, "title": title} for pk, title in self.unused],
        }


def evidence_view(
    owner: User, opportunity_id: int, similarity: Similarity | str | None = "meaning"
) -> EvidenceView:
    """Each requirement with the stories linked to it and those that back it, with why.

    By default it matches by meaning, exactly as the brief does (services/matching.py), so the
    evidence map and the brief never disagree about a requirement.
    """
    opp = opportunities.get(owner, opportunity_id)
    reqs = list(m.Requirement.objects.filter(owner=owner, opportunity=opp).order_by("id"))
    stories = story_texts(owner, sample=opp.is_sample)
    links = list(m.Evidence.objects.filter(owner=owner, requirement__in=reqs).order_by("id"))
    if isinstance(similarity, str):
        similarity = matching.cosine(
            warm=[*(q.text for q in reqs), *(s.full_text for s in stories)]
        )
    result = map_evidence(
        [RequirementText(q.pk, q.text, q.kind) for q in reqs],
        stories,
        [(e.requirement_id, e.story_id) for e in links],
        similarity=similarity,
    )
    titles = {s.id: s.title for s in stories}
    by_pair = {(e.requirement_id, e.story_id): e for e in links}
    rows = []
    for q, row in zip(reqs, result.rows, strict=True):
        linked = [
            LinkedStory(
                by_pair[(q.pk, x.story_id)].pk,
                x.story_id,
                x.title,
                by_pair[(q.pk, x.story_id)].note,
            )
            for x in row.matches
            if x.linked
        ]
        suggested = [
            Suggestion(x.story_id, x.title, x.score, x.reason) for x in row.matches if not x.linked
        ]
        maybe = [Suggestion(x.story_id, x.title, x.score, x.reason, "possible") for x in row.maybe]
        rows.append(EvidenceRow(q, linked, suggested, maybe))
    return EvidenceView(opp, rows, [(s.id, s.title) for s in result.unused], sorted(titles.items()))


def link(owner: User, requirement_id: int, story_id: int, note: str = "") -> m.Evidence:
    """Link a story to a requirement (once; linking again keeps the first link)."""
    requirement = requirements.get(owner, requirement_id)
    found = m.Evidence.objects.filter(owner=owner, requirement=requirement, story_id=story_id)
    if found.exists():
        return found.get()
    return evidence.create(owner, requirement_id, story_id=story_id, note=note)


def unlink(owner: User, evidence_id: int) -> m.Evidence:
    link_ = evidence.get(owner, evidence_id)
    evidence.delete(owner, evidence_id)
    return link_

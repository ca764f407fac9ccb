"""A CV in: its roles and skills shown first, then skills and story drafts saved on confirmation."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from nextround.formats.cv import CvParse, StoryDraft, parse_cv
from nextround.formats.documents import Document
from nextround.services import documents
from nextround.services.base import MAX_LIST_ITEM_LENGTH, MAX_LIST_ITEMS
from nextround.services.errors import InvalidInput
from nextround.store import models as m

# Story parts the CV cannot tell are saved with this mark, so that they read as still to write.
TO_COMPLETE = "To complete:"
MAX_CV_CHARS = 400_000
PART_PROMPTS = {
    "situation": "the situation: where were you, and what was going on?",
    "task": "your task: what were you asked, or did you take on, to do?",
    "action": "your action: what did you do, step by step?",
    "result": "the result: what changed, ideally with a figure?",
}
# Words left out when telling whether two titles say the same thing.
_STOP = frozenset(
    {
        *("a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by"),
        *("from", "into", "its", "their", "our", "my", "this", "that"),
    }
)
_NUMBERS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}


def is_to_complete(text: str) -> bool:
    """True for a story part that still holds the mark left by a CV import."""
    return text.lstrip().startswith(TO_COMPLETE)


@dataclass(frozen=True)
class RoleRow:
    employer: str
    title: str
    dates: str
    current: bool
    achievements: int


@dataclass(frozen=True)
class DraftRow:
    """A story draft as the preview shows it; `exists` when a story like it is already saved."""

    number: int
    title: str
    action: str
    result: str
    metrics: tuple[str, ...]
    needs: tuple[str, ...]
    source: str
    skills: tuple[str, ...]
    exists: bool  # the same title or action is saved: never added again
    like: str = ""  # near the same as this saved story ("Churn dashboard") or "draft 2"

    @property
    def flagged(self) -> bool:
        """Left out unless the candidate ticks it: it repeats a story or an earlier draft."""
        return self.exists or bool(self.like)


@dataclass(frozen=True)
class CvPreview:
    """What importing this CV would do; nothing has been saved when this is built."""

    source_name: str
    text: str
    kind: str
    pages: int | None
    warnings: tuple[str, ...]
    sections: tuple[str, ...]
    roles: tuple[RoleRow, ...]
    skills: tuple[str, ...]
    new_skills: tuple[str, ...]
    drafts: tuple[DraftRow, ...]

    @property
    def new_drafts(self) -> tuple[DraftRow, ...]:
        return tuple(d for d in self.drafts if not d.flagged)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("text")
        data["characters"] = len(self.text)
        return data


@dataclass(frozen=True)
class CvImportResult:
    preview: CvPreview
    created: tuple[int, ...]  # ids of the stories made
    skipped: int  # drafts already saved as stories, or not chosen
    skills: tuple[str, ...]  # the profile's skill list afterwards
    skills_added: tuple[str, ...]
    like_existing: tuple[str, ...] = ()  # titles left out as near the same as a saved story

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_name": self.preview.source_name,
            "stories_created": list(self.created),
            "drafts_skipped": self.skipped,
            "drafts_like_existing": list(self.like_existing),
            "skills": list(self.skills),
            "skills_added": list(self.skills_added),
            "roles": [asdict(r) for r in self.preview.roles],
        }


def preview_file(owner: User, path: Path) -> CvPreview:
    return preview_document(owner, documents.read_file(path), path.name)


def preview_upload(owner: User, data: bytes, filename: str) -> CvPreview:
    return preview_document(owner, documents.read_upload(data, filename), filename)


def preview_document(owner: User, document: Document, source_name: str) -> CvPreview:
    return _preview(
        owner, document.text, source_name, document.kind, document.pages, document.warnings
    )


def preview_text(owner: User, text: str, source_name: str = "") -> CvPreview:
    """The preview of CV text that was pasted, or read earlier and shown for confirmation."""
    return _preview(owner, check_text(text), source_name or "pasted text", "text", None, ())


def check_text(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise InvalidInput.one("text", "the CV text is empty")
    if len(text) > MAX_CV_CHARS:
        raise InvalidInput.one(
            "text", f"the CV text is {len(text):,} characters, over the {MAX_CV_CHARS:,} limit"
        )
    return text + "\n"


def _preview(
    owner: User,
    text: str,
    source_name: str,
    kind: str,
    pages: int | None,
    warnings: tuple[str, ...],
) -> CvPreview:
    parse = parse_cv(text)
    skills = usable_skills(parse)
    profile = m.Profile.objects.filter(owner=owner).first()
    known = {s.casefold() for s in (profile.skills if profile else [])}
    saved = _saved_story_keys(owner)
    stories = _saved_stories(owner)
    rows: list[DraftRow] = []
    for number, draft in enumerate(parse.story_drafts, start=1):
        row = _draft_row(number, draft, skills, saved)
        if not row.exists:
            row = replace(row, like=_like(row, stories, rows))
        rows.append(row)
    drafts = tuple(rows)
    return CvPreview(
        source_name=Path(source_name).name or source_name,
        text=text,
        kind=kind,
        pages=pages,
        warnings=warnings,
        sections=tuple(dict.fromkeys(s.name for s in parse.sections if s.name != "other")),
        roles=tuple(
            RoleRow(
                employer=r.employer,
                title=r.title,
                dates=f"{r.start} – {r.end}" if r.start else "",
                current=r.current,
                achievements=len(r.bullets),
            )
            for r in parse.roles
        ),
        skills=skills,
        new_skills=tuple(s for s in skills if s.casefold() not in known),
        drafts=drafts,
    )


def usable_skills(parse: CvParse) -> tuple[str, ...]:
    """The CV's skills that fit a profile's skill list (short items, at most the list's size)."""
    fitting = [s for s in parse.skills if 0 < len(s) <= min(MAX_LIST_ITEM_LENGTH, 80)]
    return tuple(fitting[:MAX_LIST_ITEMS])


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _saved_story_keys(owner: User) -> set[str]:
    keys: set[str] = set()
    for title, action in m.Story.objects.filter(owner=owner).values_list("title", "action"):
        keys.add(_key(title))
        if action and not is_to_complete(action):
            keys.add(_key(action))
    return keys


def _tokens(text: str) -> frozenset[str]:
    words = re.findall(r"[^\W_]+", text.replace("…", " ").casefold())
    return frozenset(_NUMBERS.get(w, w) for w in words if w not in _STOP)


def _near(a: frozenset[str], b: frozenset[str]) -> bool:
    """Nearly the same words (seven in ten shared), or every word of the shorter (three or more).

    So "three" and "3", a title cut short by an earlier import, or a word changed still match.
    """
    if not a or not b:
        return False
    shared, shorter = len(a & b), min(len(a), len(b))
    return shared / len(a | b) >= 0.7 or (shorter >= 3 and shared == shorter)


@dataclass(frozen=True)
class _Saved:
    title: str
    title_words: frozenset[str]
    parts: tuple[frozenset[str], ...]  # situation, action and result as written


def _saved_stories(owner: User) -> list[_Saved]:
    found = []
    rows = m.Story.objects.filter(owner=owner).values_list("title", "situation", "action", "result")
    for title, *parts in rows:
        written = tuple(_tokens(p) for p in parts if p and not is_to_complete(p))
        found.append(_Saved(title, _tokens(title), written))
    return found


def _like(row: DraftRow, stories: list[_Saved], earlier: list[DraftRow]) -> str:
    """The saved story (or earlier draft) this draft says again in other words, if any."""
    title = _tokens(row.title)
    bullet = _tokens(f"{row.action} {row.result}")
    for story in stories:
        if _near(title, story.title_words) or any(_near(bullet, p) for p in story.parts):
            return story.title
    for other in earlier:
        if _near(title, _tokens(other.title)) or _near(
            bullet, _tokens(f"{other.action} {other.result}")
        ):
            return f"draft {other.number}"
    return ""


def _draft_row(
    number: int, draft: StoryDraft, skills: tuple[str, ...], saved: set[str]
) -> DraftRow:
    bullet = f"{draft.action} {draft.result}"
    shown = tuple(s for s in skills if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", bullet, re.I))
    return DraftRow(
        number=number,
        title=draft.title[:200],
        action=draft.action,
        result=draft.result,
        metrics=draft.metrics,
        needs=draft.needs,
        source=draft.source,
        skills=shown,
        exists=_key(draft.title[:200]) in saved
        or bool(draft.action and _key(draft.action) in saved),
    )


def import_text(
    owner: User, text: str, source_name: str = "", chosen: set[int] | None = None
) -> CvImportResult:
    """Save the CV text and skills on the profile and the chosen drafts as stories, once each."""
    preview = preview_text(owner, text, source_name)
    return _save(owner, preview, chosen)


def import_file(owner: User, path: Path) -> CvImportResult:
    return _save(owner, preview_file(owner, path), None)


def _save(owner: User, preview: CvPreview, chosen: set[int] | None) -> CvImportResult:
    created: list[int] = []
    with transaction.atomic():
        profile, _ = m.Profile.objects.select_for_update().get_or_create(owner=owner)
        merged = list(profile.skills)
        known = {s.casefold() for s in merged}
        added = [s for s in preview.skills if s.casefold() not in known]
        merged = (merged + added)[:MAX_LIST_ITEMS]
        added = [s for s in added if s in merged]
        profile.skills = merged
        profile.cv_text = preview.text
        profile.save(update_fields=["skills", "cv_text", "updated_at"])
        saved = _saved_story_keys(owner)
        like_existing: list[str] = []
        for draft in preview.drafts:
            if chosen is not None and draft.number not in chosen:
                continue
            if draft.like and not draft.exists and chosen is None:
                like_existing.append(draft.title)  # shown in the review; added only if ticked
                continue
            if _key(draft.title) in saved or (draft.action and _key(draft.action) in saved):
                continue
            story = m.Story(owner=owner, **story_values(draft))
            story.full_clean(exclude=["owner"])
            story.save()
            saved.update(k for k in (_key(draft.title), _key(draft.action)) if k)
            created.append(story.pk)
    return CvImportResult(
        preview=preview,
        created=tuple(created),
        skipped=len(preview.drafts) - len(created),
        skills=tuple(merged),
        skills_added=tuple(added),
        like_existing=tuple(like_existing),
    )


def story_values(draft: DraftRow) -> dict[str, Any]:
    """A story's fields from a draft: parts the CV cannot tell are marked as still to write."""
    where = f" (from your CV: {draft.source})" if draft.source else ""
    return {
        "title": draft.title,
        "situation": f"{TO_COMPLETE} {PART_PROMPTS['situation']}{where}",
        "task": f"{TO_COMPLETE} {PART_PROMPTS['task']}",
        "action": draft.action or f"{TO_COMPLETE} {PART_PROMPTS['action']}",
        "result": draft.result or f"{TO_COMPLETE} {PART_PROMPTS['result']}",
        "metrics": "\n".join(draft.metrics),
        "skills": list(draft.skills),
    }

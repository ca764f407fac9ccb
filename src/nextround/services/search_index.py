"""The search index: each searchable record's text in one table, kept in step on every write.

A save or delete of a record reaches the index through Django's signals, whatever code path made
it (a form, the API, the CLI, an invite, a cascade). The writes that send no signal (bulk_create in
a backup's restore, `QuerySet.update` of a field listed here) must call `rebuild`. Reads never
write to it. The databases index the folded words (coach/search_text.py) in the migration's
structures: an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from nextround.coach.search_text import index_words
from nextround.store import models as m

BATCH = 500


@dataclass(frozen=True)
class Source:
    """A kind of record that search finds: the fields of its title and of its body."""

    kind: str
    model: type[models.Model]
    title: tuple[str, ...]
    body: tuple[str, ...]
    # How to reach its opportunity (None: private to its owner, like stories) and its round.
    opportunity: str | None
    round: str | None = None
    title_sep: str = " "


SOURCES: tuple[Source, ...] = (
    Source(
        "opportunity",
        m.Opportunity,
        ("role", "company"),
        (
            "job_description",
            "notes",
            "location",
            "consultant_name",
            "consultant_company",
            "jd_source_name",
        ),
        "pk",
        title_sep=" at ",
    ),
    Source("requirement", m.Requirement, ("text",), (), "opportunity_id"),
    Source(
        "person",
        m.Interviewer,
        ("name",),
        ("title", "team", "earlier_employers", "research_notes", "email"),
        "opportunity_id",
    ),
    Source("round", m.Round, (), ("impressed", "fell_flat", "notes", "location"), "opportunity_id"),
    Source(
        "question",
        m.AskedQuestion,
        ("text",),
        ("answer_note", "follow_up"),
        "round__opportunity_id",
        "round_id",
    ),
    Source("feedback", m.Feedback, ("sender",), ("text",), "round__opportunity_id", "round_id"),
    Source(
        "ask",
        m.QuestionToAsk,
        ("text",),
        ("answer_note",),
        "round__opportunity_id",
        "round_id",
    ),
    Source("follow-up", m.FollowUp, ("subject",), ("body",), "round__opportunity_id", "round_id"),
    Source(
        "offer", m.Offer, ("label",), ("bonus", "equity", "benefits", "notes"), "opportunity_id"
    ),
    Source(
        "story",
        m.Story,
        ("title",),
        ("situation", "task", "action", "result", "skills", "metrics"),
        None,
    ),
)
BY_KIND = {s.kind: s for s in SOURCES}
_BY_MODEL: dict[type[models.Model], Source] = {s.model: s for s in SOURCES}
_UPDATED = ["owner", "opportunity", "round", "title", "body", "title_words", "body_words"]


def _text(obj: Any, fields: tuple[str, ...], sep: str) -> str:
    parts: list[str] = []
    for name in fields:
        value = getattr(obj, name, "")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        text = str(value or "").strip()
        if text:
            parts.append(text)
    return sep.join(parts)


def entry(
    source: Source, obj: Any, opportunity_id: int | None, model: type[Any] = m.SearchEntry
) -> m.SearchEntry | None:
    """The index entry of one record, or None when it has no words to find it by."""
    title = _text(obj, source.title, source.title_sep)
    body = _text(obj, source.body, "\n")
    title_words, body_words = index_words(title), index_words(body)
    if not title_words and not body_words:
        return None
    made: m.SearchEntry = model(
        owner_id=obj.owner_id,
        opportunity_id=opportunity_id,
        round_id=obj.pk if source.kind == "round" else getattr(obj, "round_id", None),
        kind=source.kind,
        object_id=obj.pk,
        title=title,
        body=body,
        title_words=title_words,
        body_words=body_words,
    )
    return made


def _opportunity_of(source: Source, obj: Any) -> int | None:
    """The opportunity a saved record belongs to (one query at most, for a round's records)."""
    if source.opportunity is None:
        return None
    if source.opportunity == "pk":
        return int(obj.pk)
    if source.opportunity == "opportunity_id":
        value = getattr(obj, "opportunity_id", None)
        return None if value is None else int(value)
    if isinstance(obj, m.QuestionToAsk) and obj.round_id is None:
        if obj.interviewer_id is None:
            return None
        # A question for a person rather than a round: the person's opportunity.
        return (
            m.Interviewer.objects.filter(pk=obj.interviewer_id)
            .values_list("opportunity_id", flat=True)
            .first()
        )
    cached = obj._state.fields_cache.get("round")
    if cached is not None and cached.pk == obj.round_id:
        return int(cached.opportunity_id)
    return m.Round.objects.filter(pk=obj.round_id).values_list("opportunity_id", flat=True).first()


def _write(entries: list[m.SearchEntry], model: type[Any] = m.SearchEntry) -> None:
    model._default_manager.bulk_create(
        entries,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=_UPDATED,
    )


def refresh(obj: models.Model) -> None:
    """Put one record's current text in the index (or take it out when it has none)."""
    source = _BY_MODEL.get(type(obj))
    if source is None:
        return
    found = entry(source, obj, _opportunity_of(source, obj))
    if found is None:
        forget(source.kind, int(obj.pk))
    else:
        _write([found])


def forget(kind: str, object_id: int) -> None:
    m.SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _rows(source: Source, owner_id: int | None, apps: Any) -> Iterator[m.SearchEntry]:
    qs = apps.get_model("nextround", source.model.__name__)._default_manager.all()
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    path = source.opportunity
    if source.kind == "ask":
        qs = qs.annotate(
            index_opportunity=Coalesce(F("round__opportunity_id"), F("interviewer__opportunity_id"))
        )
    elif path is not None and "__" in path:
        qs = qs.annotate(index_opportunity=F(path))
    for obj in qs.order_by("pk").iterator(chunk_size=2000):
        if path is None:
            opportunity_id = None
        elif path == "pk":
            opportunity_id = int(obj.pk)
        elif hasattr(obj, "index_opportunity"):
            opportunity_id = obj.index_opportunity
        else:
            opportunity_id = getattr(obj, path)
        found = entry(source, obj, opportunity_id, apps.get_model("nextround", "SearchEntry"))
        if found is not None:
            yield found


def rebuild(owner_id: int | None = None, apps: Any = None) -> int:
    """Index every record again (one owner's, or everyone's); returns the number of entries.

    A migration passes its historical `apps`, so that only the columns it knows are read.
    """
    if apps is None:
        from django.apps import apps as live

        apps = live
    model = apps.get_model("nextround", "SearchEntry")
    count = 0
    with transaction.atomic():
        entries = model._default_manager.all()
        if owner_id is not None:
            entries = entries.filter(owner_id=owner_id)
        # A plain DELETE: an index entry has no signals, links or cascades to honour.
        entries._raw_delete(entries.db)
        for source in SOURCES:
            batch: list[m.SearchEntry] = []
            for found in _rows(source, owner_id, apps):
                batch.append(found)
                if len(batch) >= BATCH:
                    _write(batch, model)
                    count += len(batch)
                    batch = []
            if batch:
                _write(batch, model)
                count += len(batch)
        if connection.vendor == "postgresql":
            # The planner's figures for a table filled at once, so that the first searches
            # after a restore choose the GIN index rather than a scan of every row.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return count


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    refresh(instance)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    source = _BY_MODEL[sender]
    origin = kwargs.get("origin")
    # Entries under a deleted opportunity or round go with it (their foreign keys cascade).
    if origin is not instance and (
        (isinstance(origin, m.Opportunity) and source.opportunity is not None)
        or (isinstance(origin, m.Round) and source.round is not None)
    ):
        return
    forget(source.kind, int(instance.pk))


def connect(sources: Iterable[Source] = SOURCES) -> None:
    for source in sources:
        uid = f"nextround.search_index.{source.kind}"
        post_save.connect(_saved, sender=source.model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=source.model, dispatch_uid=uid)


connect()

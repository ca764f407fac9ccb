"""A complete, versioned JSON backup of one person's data, and its exact restore."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from nextround import __version__
from nextround.services import backup_check, search_index
from nextround.services.backup_check import BackupError
from nextround.store import models as m
from nextround.store.serialize import field_names, to_json_value

FORMAT = "nextround-backup"
FORMAT_VERSION = 1
# Parsing JSON takes about ten times the file's size in memory; a real backup is a few MB.
MAX_BACKUP_BYTES = 256 * 1024 * 1024

# Parents before children, so that a restore can insert in this order.
MODELS: tuple[tuple[str, type[m.OwnedModel]], ...] = (
    ("opportunities", m.Opportunity),
    ("rounds", m.Round),
    ("interviewers", m.Interviewer),
    ("round_interviewers", m.RoundInterviewer),
    ("asked_questions", m.AskedQuestion),
    ("feedback", m.Feedback),
    ("stories", m.Story),
    ("requirements", m.Requirement),
    ("evidence", m.Evidence),
    ("practice_attempts", m.PracticeAttempt),
    ("questions_to_ask", m.QuestionToAsk),
    ("follow_ups", m.FollowUp),
    ("offers", m.Offer),
    ("profiles", m.Profile),
    ("checklist_items", m.ChecklistItem),
)
MODEL_BY_KEY = dict(MODELS)


__all__ = ["FORMAT", "FORMAT_VERSION", "MODELS", "BackupError", "load", "restore"]


def _columns(model: type[models.Model]) -> list[str]:
    return [name for name in field_names(model) if name != "owner_id"]


def iter_export(owner: User) -> Iterator[str]:
    """The backup as JSON text in pieces, without holding every record in memory."""
    yield "{\n"
    yield f'  "format": "{FORMAT}",\n  "format_version": {FORMAT_VERSION},\n'
    yield f'  "app_version": {json.dumps(__version__)},\n'
    for index, (key, model) in enumerate(MODELS):
        columns = _columns(model)
        yield f'  "{key}": ['
        rows = model._default_manager.filter(owner=owner).order_by("pk").values_list(*columns)
        first = True
        for row in rows.iterator(chunk_size=2000):
            record = {c: to_json_value(v) for c, v in zip(columns, row, strict=True)}
            yield ("\n    " if first else ",\n    ") + json.dumps(record, ensure_ascii=False)
            first = False
        yield ("\n  ]" if not first else "]") + (",\n" if index < len(MODELS) - 1 else "\n")
    yield "}\n"


def export_to(owner: User, stream: IO[str]) -> dict[str, int]:
    """Write the backup to a text stream; returns how many records of each kind were written."""
    for piece in iter_export(owner):
        stream.write(piece)
    return counts(owner)


def counts(owner: User) -> dict[str, int]:
    return {key: model._default_manager.filter(owner=owner).count() for key, model in MODELS}


def load(path: Path) -> dict[str, Any]:
    """Read and check the outer shape of a backup file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BackupError(f"{path}: cannot be read ({exc.strerror})") from None
    if size > MAX_BACKUP_BYTES:
        raise BackupError(
            f"{path}: is {size:,} bytes, more than a backup can be "
            f"(the limit is {MAX_BACKUP_BYTES // 2**20} MB)"
        )
    too_deep = BackupError(
        f"{path}: is nested too deep to be a backup "
        f"(a backup nests at most {backup_check.MAX_JSON_DEPTH} levels)"
    )
    try:
        with path.open("rb") as fh:
            data = json.load(fh, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BackupError(f"{path}: is not UTF-8 text, so not a nextround backup") from None
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        # The JSON reader recurses once per level and stops at Python's recursion limit.
        raise too_deep from None
    except ValueError as exc:
        raise BackupError(f"{path}: is not valid JSON ({exc})") from None
    if backup_check.json_depth(data) > backup_check.MAX_JSON_DEPTH:
        raise too_deep
    return check_header(data, str(path))


def _no_constant(word: str) -> object:
    raise ValueError(f"{word} is not a number JSON allows")


def check_header(data: object, name: str) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f'{name}: is not a nextround backup (no "format": "{FORMAT}")')
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BackupError(f"{name}: has no whole-number format_version")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"{name}: was written by a newer nextround (backup format {version}; this version "
            f"reads up to {FORMAT_VERSION}). Upgrade nextround to restore it."
        )
    if version < 1:
        raise BackupError(f"{name}: has an unknown format_version {version}")
    unknown = sorted(set(data) - {"format", "format_version", "app_version", *MODEL_BY_KEY})
    if unknown:
        raise BackupError(f"{name}: has an unknown section {str(unknown[0])[:60]!r}")
    if not isinstance(data.get("app_version", ""), str):
        raise BackupError(f"{name}: app_version: expected text")
    return data


def restore(owner: User, data: dict[str, Any], name: str = "backup") -> dict[str, int]:
    """Restore a checked backup into an empty database, keeping every id; all or nothing."""
    existing = sum(model._default_manager.count() for _, model in MODELS)
    if existing:
        raise BackupError(
            f"{name}: can only be restored into an empty database, and this one holds "
            f"{existing:,} records. Use a new data folder (NEXTROUND_DATA_DIR) or export first."
        )
    if backup_check.json_depth(data) > backup_check.MAX_JSON_DEPTH:
        raise BackupError(f"{name}: is nested too deep to be a backup")
    built: dict[str, list[m.OwnedModel]] = {}
    ids: dict[type[models.Model], set[int]] = {}
    for key, model in MODELS:
        records = data.get(key, [])
        if not isinstance(records, list):
            raise BackupError(f"{name}: {key} must be a list")
        columns = _columns(model)
        owner_id = int(owner.pk)
        objs = [
            backup_check.build(name, key, model, i, rec, owner_id, columns)
            for i, rec in enumerate(records)
        ]
        seen: set[int] = set()
        for index, obj in enumerate(objs):
            if obj.pk in seen:
                raise BackupError(f"{name}: {key}[{index}].id {obj.pk} is used twice")
            seen.add(int(obj.pk))
        built[key] = objs
        ids[model] = seen
    _check_links(name, built, ids)
    _check_unique(name, built)
    try:
        with transaction.atomic():
            for key, _model in MODELS:
                _model._default_manager.bulk_create(built[key], batch_size=500)
            _reset_sequences()
            # bulk_create sends no save signals: the search index is filled here instead.
            search_index.rebuild(int(owner.pk))
    except DatabaseError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BackupError(
            f"{name}: breaks a rule of the database ({first}); nothing restored"
        ) from None
    return {key: len(objs) for key, objs in built.items()}


def _check_links(
    name: str, built: dict[str, list[m.OwnedModel]], ids: dict[type[models.Model], set[int]]
) -> None:
    for key, objs in built.items():
        model = MODEL_BY_KEY[key]
        relations = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and f.attname != "owner_id" and f.related_model is not None
        ]
        for index, obj in enumerate(objs):
            for field in relations:
                target = getattr(obj, field.attname)
                related = field.related_model
                if target is not None and target not in ids.get(related, set()):  # type: ignore[arg-type]
                    raise BackupError(
                        f"{name}: {key}[{index}].{field.attname} points at {target}, "
                        "which is not in the backup"
                    )


def _check_unique(name: str, built: dict[str, list[m.OwnedModel]]) -> None:
    """Records that the database holds once (a person on a round, one profile) are once here."""
    for key, objs in built.items():
        model = MODEL_BY_KEY[key]
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition:
                continue
            columns = [
                str(getattr(model._meta.get_field(f), "attname", f)) for f in constraint.fields
            ]
            seen: set[tuple[object, ...]] = set()
            for index, obj in enumerate(objs):
                value = tuple(getattr(obj, c) for c in columns)
                if value in seen:
                    shown = ", ".join(c for c in columns if c != "owner_id") or "the owner"
                    raise BackupError(
                        f"{name}: {key}[{index}] repeats another record's {shown}; "
                        "the database holds each only once"
                    )
                seen.add(value)


def _reset_sequences() -> None:
    """After inserting explicit ids, make PostgreSQL's next ids follow them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [model for _, model in MODELS])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

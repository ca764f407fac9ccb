"""A complete, versioned JSON backup of one person's data, and its exact restore."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction

from nextround import __version__
from nextround.services.errors import ServiceError
from nextround.store import models as m
from nextround.store.serialize import field_names, to_json_value

FORMAT = "nextround-backup"
FORMAT_VERSION = 1
MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024

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


class BackupError(ServiceError):
    """A backup file that cannot be restored; nothing was changed."""


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
        raise BackupError(f"{path}: is {size:,} bytes, more than a backup can be")
    try:
        with path.open("rb") as fh:
            data = json.load(fh)
    except UnicodeDecodeError:
        raise BackupError(f"{path}: is not UTF-8 text, so not a nextround backup") from None
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return check_header(data, str(path))


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
        raise BackupError(f"{name}: has an unknown section {unknown[0]!r}")
    return data


def _build(
    name: str, key: str, model: type[m.OwnedModel], index: int, record: object, owner_id: int
) -> m.OwnedModel:
    where = f"{name}: {key}[{index}]"
    if not isinstance(record, dict):
        raise BackupError(f"{where} is not an object")
    columns = _columns(model)
    unknown = sorted(set(record) - set(columns))
    if unknown:
        raise BackupError(f"{where} has an unknown field {unknown[0]!r}")
    missing = [c for c in columns if c not in record]
    if missing:
        raise BackupError(f"{where} lacks the field {missing[0]!r}")
    obj = model(owner_id=owner_id)
    fk_names = []
    for field in model._meta.concrete_fields:
        if field.attname == "owner_id":
            continue
        value = record[field.attname]
        if field.is_relation:
            fk_names.append(field.name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise BackupError(f"{where}.{field.attname} must be a whole number or null")
        elif field.attname == "id":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise BackupError(f"{where}.id must be a positive whole number")
        elif value is not None:
            try:
                value = field.to_python(value)
            except ValidationError as exc:
                raise BackupError(f"{where}.{field.attname}: {' '.join(exc.messages)}") from None
        setattr(obj, field.attname, value)
    try:
        obj.clean_fields(exclude=[*fk_names, "id", "owner"])
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise BackupError(f"{where}.{field_name}: {' '.join(messages)}") from None
    return obj


def restore(owner: User, data: dict[str, Any], name: str = "backup") -> dict[str, int]:
    """Restore a checked backup into an empty database, keeping every id; all or nothing."""
    existing = sum(model._default_manager.count() for _, model in MODELS)
    if existing:
        raise BackupError(
            f"{name}: can only be restored into an empty database, and this one holds "
            f"{existing:,} records. Use a new data folder (NEXTROUND_DATA_DIR) or export first."
        )
    built: dict[str, list[m.OwnedModel]] = {}
    ids: dict[type[models.Model], set[int]] = {}
    for key, model in MODELS:
        records = data.get(key, [])
        if not isinstance(records, list):
            raise BackupError(f"{name}: {key} must be a list")
        objs = [_build(name, key, model, i, rec, int(owner.pk)) for i, rec in enumerate(records)]
        built[key] = objs
        ids[model] = {int(o.pk) for o in objs}
    _check_links(name, built, ids)
    try:
        with transaction.atomic():
            for key, _model in MODELS:
                _model._default_manager.bulk_create(built[key], batch_size=500)
            _reset_sequences()
    except IntegrityError as exc:
        raise BackupError(
            f"{name}: breaks a rule of the database ({exc}); nothing restored"
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


def _reset_sequences() -> None:
    """After inserting explicit ids, make PostgreSQL's next ids follow them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [model for _, model in MODELS])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

"""The JSON backup: complete, versioned, restored exactly, and refused whole when it is wrong."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from nextround.services import backup
from nextround.services.backup import BackupError
from nextround.store import models as m
from tests.world import World


def _export(user: Any) -> dict[str, Any]:
    stream = io.StringIO()
    backup.export_to(user, stream)
    return json.loads(stream.getvalue())


def _wipe() -> None:
    for _, model in reversed(backup.MODELS):
        model.objects.all().delete()


def test_the_backup_holds_every_record_with_a_format_version(world: World) -> None:
    data = _export(world.user)
    assert data["format"] == "nextround-backup"
    assert data["format_version"] == backup.FORMAT_VERSION
    assert len(data["opportunities"]) == 2
    assert len(data["rounds"]) == 2
    assert {p["name"] for p in data["interviewers"]} == {"Priya Shah", "Tom Okafor", "Dana Levi"}
    assert len(data["round_interviewers"]) == 3
    assert data["feedback"][0]["text"].startswith("They liked your SQL depth")
    assert data["stories"][0]["skills"] == ["SQL", "Python", "stakeholder management"]


def test_restoring_into_an_empty_database_gives_back_the_same_backup(world: World) -> None:
    before = _export(world.user)
    _wipe()
    restored = backup.restore(world.user, before)
    assert restored["asked_questions"] == 2
    assert _export(world.user) == before


def test_new_records_after_a_restore_get_fresh_ids(world: World) -> None:
    data = _export(world.user)
    _wipe()
    backup.restore(world.user, data)
    opp = m.Opportunity.objects.create(owner=world.user, company="New", role="Role")
    assert opp.pk > max(o["id"] for o in data["opportunities"])


def test_it_refuses_to_restore_over_existing_data(world: World) -> None:
    data = _export(world.user)
    with pytest.raises(BackupError, match="empty database"):
        backup.restore(world.user, data)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format_version=99), "newer nextround"),
        (lambda d: d.pop("format"), "not a nextround backup"),
        (lambda d: d.update(extras=[]), "unknown section 'extras'"),
        (lambda d: d["rounds"][0].update(number="two"), r"rounds\[0\]\.number"),
        (lambda d: d["rounds"][0].pop("status"), r"rounds\[0\] lacks the field 'status'"),
        (lambda d: d["rounds"][1].update(opportunity_id=999), "points at 999"),
        (lambda d: d["opportunities"][0].update(stage="dreaming"), r"opportunities\[0\]\.stage"),
        (lambda d: d.update(stories="nope"), "stories must be a list"),
        (lambda d: d["asked_questions"][0].update(id="x"), "positive whole number"),
    ],
)
def test_a_broken_backup_is_refused_and_changes_nothing(
    world: World, mutate: Any, message: str
) -> None:
    data = _export(world.user)
    _wipe()
    mutate(data)
    with pytest.raises(BackupError, match=message):
        backup.restore(world.user, backup.check_header(data, "backup.json"))
    assert m.Opportunity.objects.count() == 0
    assert m.Round.objects.count() == 0


def test_a_file_that_is_not_json_names_the_line(tmp_path: Path, db: None) -> None:
    path = tmp_path / "backup.json"
    path.write_text('{"format": "nextround-backup",\n "format_version": 1,,}')
    with pytest.raises(BackupError, match=r"backup.json: is not valid JSON \(line 2"):
        backup.load(path)


def test_a_binary_file_is_not_a_backup(tmp_path: Path, db: None) -> None:
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(BackupError, match=r"photo\.json"):
        backup.load(path)

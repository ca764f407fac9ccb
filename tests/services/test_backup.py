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
from tests import backups
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


# --- the schema: every record and field checked before anything is written ----------------------


def _every_row() -> int:
    from django.apps import apps

    return sum(
        model._default_manager.count()
        for model in apps.get_app_config("nextround").get_models()
        # The embedding cache is keyed by text and is not part of a backup.
        if model.__name__ not in ("LoginAttempt", "Embedding")
    )


@pytest.fixture
def full(world: World) -> dict[str, Any]:
    """A backup with at least one record of every kind, the database emptied after it."""
    backups.every_kind(world)
    data = _export(world.user)
    for key, _model in backup.MODELS:
        assert data[key], f"the fixture has no {key}"
    _wipe()
    assert _every_row() == 0
    return data


def _set(key: str, field: str, value: Any, index: int = 0) -> Any:
    def mutate(d: dict[str, Any]) -> None:
        d[key][index][field] = value

    return mutate


def _deep(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = {"next": value}
    return value


def _twice(key: str) -> Any:
    def mutate(d: dict[str, Any]) -> None:
        copy = dict(d[key][0])
        copy["id"] = max(r["id"] for r in d[key]) + 1
        d[key].append(copy)

    return mutate


def _second_profile(d: dict[str, Any]) -> None:
    _twice("profiles")(d)


MALFORMED: list[tuple[str, Any, str]] = [
    (
        "skills a number",
        _set("stories", "skills", 5),
        r"stories\[0\]\.skills: expected a list of text",
    ),
    (
        "employers a dict",
        _set("interviewers", "earlier_employers", {"a": "b"}),
        r"interviewers\[0\]\.earlier_employers: expected a list of text",
    ),
    (
        "ratings a list",
        _set("offers", "ratings", [1, 2]),
        r"offers\[0\]\.ratings: expected an object",
    ),
    (
        "company a list",
        _set("opportunities", "company", ["Acme"]),
        r"opportunities\[0\]\.company: expected text",
    ),
    (
        "unknown time zone",
        _set("rounds", "timezone", "Mars/Olympus_Mons"),
        r"rounds\[0\]\.timezone: 'Mars/Olympus_Mons' is not a known time zone",
    ),
    ("NUL in text", _set("feedback", "text", "good\x00bad"), r"feedback\[0\]\.text: holds a NUL"),
    (
        "lone surrogate",
        _set("opportunities", "role", "Analyst \ud800"),
        r"opportunities\[0\]\.role: .*not valid Unicode",
    ),
    (
        "number as text",
        _set("rounds", "number", "two"),
        r"rounds\[0\]\.number: expected a whole number",
    ),
    (
        "number as boolean",
        _set("rounds", "number", True),
        r"rounds\[0\]\.number: expected a whole number",
    ),
    (
        "huge number",
        _set("rounds", "number", 10**30),
        r"rounds\[0\]\.number: expected a whole number from",
    ),
    (
        "stage not a choice",
        _set("opportunities", "stage", "dreaming"),
        r"opportunities\[0\]\.stage",
    ),
    (
        "missing field",
        lambda d: d["rounds"][0].pop("status"),
        r"rounds\[0\] lacks the field 'status'",
    ),
    (
        "unknown field",
        _set("rounds", "colour", "red"),
        r"rounds\[0\] has an unknown field 'colour'",
    ),
    (
        "record not an object",
        lambda d: d["opportunities"].__setitem__(0, "Acme"),
        r"opportunities\[0\] is not an object",
    ),
    ("link to nothing", _set("rounds", "opportunity_id", 999, 1), "points at 999"),
    (
        "null link",
        _set("rounds", "opportunity_id", None),
        r"rounds\[0\]\.opportunity_id: must not be null",
    ),
    (
        "link as text",
        _set("rounds", "opportunity_id", "1"),
        r"rounds\[0\]\.opportunity_id: expected a whole number",
    ),
    ("section not a list", lambda d: d.update(stories="nope"), "stories must be a list"),
    ("id as text", _set("asked_questions", "id", "x"), "positive whole number"),
    ("negative id", _set("opportunities", "id", -3), r"opportunities\[0\]\.id must be a positive"),
    (
        "id used twice",
        lambda d: d["stories"].append(dict(d["stories"][0])),
        r"stories\[\d+\]\.id \d+ is used twice",
    ),
    (
        "text too long",
        _set("opportunities", "company", "A" * 1000),
        r"opportunities\[0\]\.company: is 1,000 characters; the most is 200",
    ),
    (
        "naive date and time",
        _set("rounds", "scheduled_at", "2026-03-10T14:00:00"),
        r"rounds\[0\]\.scheduled_at: expected a date and time with its UTC offset",
    ),
    (
        "year 9999",
        _set("rounds", "scheduled_at", "9999-12-31T23:59:59+00:00"),
        r"rounds\[0\]\.scheduled_at: expected a year from 1900",
    ),
    (
        "date and time as words",
        _set("rounds", "scheduled_at", "tomorrow"),
        r"rounds\[0\]\.scheduled_at",
    ),
    (
        "date as a number",
        _set("feedback", "received_on", 20260310),
        r"feedback\[0\]\.received_on: expected text",
    ),
    (
        "salary not a number",
        _set("offers", "salary", "NaN"),
        r"offers\[0\]\.salary: expected a finite number",
    ),
    ("salary a list", _set("offers", "salary", []), r"offers\[0\]\.salary: expected a number"),
    (
        "rating over ten",
        _set("offers", "ratings", {"pay": 11}),
        r"offers\[0\]\.ratings: rating 'pay' expected a number from 0 to 10",
    ),
    (
        "rating as words",
        _set("offers", "ratings", {"pay": "high"}),
        r"offers\[0\]\.ratings: rating 'pay' expected a number",
    ),
    (
        "flag as text",
        _set("offers", "is_current_job", "yes"),
        r"offers\[0\]\.is_current_job: expected true or false",
    ),
    (
        "criterion half made",
        _set("profiles", "decision_criteria", [{"key": "pay"}]),
        r"profiles\[0\]\.decision_criteria: item 0",
    ),
    (
        "address list with a number",
        _set("profiles", "other_emails", ["a@b.example", 3]),
        r"profiles\[0\]\.other_emails: expected a list of text",
    ),
    (
        "skill too long",
        _set("stories", "skills", ["x" * 3000]),
        r"stories\[0\]\.skills: item 0 is 3,000 characters",
    ),
    (
        "too many skills",
        _set("stories", "skills", ["SQL"] * 600),
        r"stories\[0\]\.skills: holds 600 items",
    ),
    (
        "analysis overall a list",
        _set("practice_attempts", "analysis", {"overall": [1]}),
        r"practice_attempts\[0\]\.analysis: overall: expected an object",
    ),
    (
        "analysis score as words",
        _set("practice_attempts", "analysis", {"overall": {"score": "high"}}),
        r"overall\.score: expected a whole number",
    ),
    (
        "analysis a list",
        _set("practice_attempts", "analysis", [1, 2]),
        r"practice_attempts\[0\]\.analysis: expected an object",
    ),
    (
        "analysis nested 40 deep",
        _set("practice_attempts", "analysis", _deep(40)),
        "nested too deep",
    ),
    ("person on a round twice", _twice("round_interviewers"), r"round_interviewers\[\d+\] repeats"),
    ("second profile", _second_profile, r"profiles\[1\] repeats"),
    (
        "bad email address",
        _set("interviewers", "email", "not an address"),
        r"interviewers\[0\]\.email",
    ),
    (
        "checklist key with a slash",
        _set("checklist_items", "key", "a/b"),
        r"checklist_items\[0\]\.key: expected letters, digits",
    ),
    ("app version a number", lambda d: d.update(app_version=5), "app_version: expected text"),
    (
        "format version a boolean",
        lambda d: d.update(format_version=True),
        "whole-number format_version",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "message"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_a_malformed_backup_is_refused_whole_naming_the_first_bad_field(
    full: dict[str, Any], case: str, mutate: Any, message: str
) -> None:
    mutate(full)
    with pytest.raises(BackupError, match=message) as caught:
        backup.restore(_owner(), backup.check_header(full, "backup.json"), "backup.json")
    assert str(caught.value).startswith("backup.json: ")
    assert _every_row() == 0


def _owner() -> Any:
    from nextround.services.users import local_user

    return local_user()


def test_there_are_at_least_thirty_malformed_backups() -> None:
    assert len(MALFORMED) >= 30


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"format": "nextround-backup", "format_version": 1, "opportunities": '
            + "[" * 200_000
            + "]" * 200_000
            + "}",
            "nested too deep",
        ),
        (
            '{"format": "nextround-backup", "format_version": 1, "offers": [NaN]}',
            "NaN is not a number",
        ),
        ('{"format": "nextround-backup", "format_version": 1, "x": Infinity}', "Infinity"),
        (
            '{"format": "nextround-backup", "format_version": 1, "stories": '
            + "[" * 40
            + "]" * 40
            + "}",
            "nested too deep",
        ),
    ],
    ids=["200k deep", "NaN", "Infinity", "40 deep"],
)
def test_a_file_past_the_json_limits_is_refused_before_any_record_is_read(
    tmp_path: Path, db: None, text: str, message: str
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(text)
    with pytest.raises(BackupError, match=message):
        backup.load(path)
    assert _every_row() == 0

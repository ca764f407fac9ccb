"""Calendar out: rounds, preparation milestones and follow-up due dates, with alarms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from nextround.services import calendar, followups
from nextround.services import records as r
from nextround.services.errors import ServiceError
from tests.world import World

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def events(data: bytes) -> dict[str, Any]:
    parsed = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in parsed.walk("VEVENT")}


def test_it_exports_rounds_with_alarms_and_milestones_before_planned_rounds(world: World) -> None:
    result = calendar.export(world.user, now=NOW)
    found = events(result.data)
    round2 = found[f"round-{world.round2.pk}@nextround"]
    assert str(round2["SUMMARY"]) == "Round 2: Senior Data Analyst at Acme Retail"
    assert round2["DTSTART"].dt == dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    triggers = sorted(a["TRIGGER"].dt for a in round2.walk("VALARM"))
    assert triggers == [-dt.timedelta(days=1), -dt.timedelta(hours=1)]
    brief = found[f"round-{world.round2.pk}-brief@nextround"]
    practice = found[f"round-{world.round2.pk}-practice@nextround"]
    assert brief["DTSTART"].dt == dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)
    assert practice["DTSTART"].dt == dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)
    # Round 1 is done: it is in the calendar, with no preparation left to do.
    assert f"round-{world.round1.pk}@nextround" in found
    assert f"round-{world.round1.pk}-brief@nextround" not in found
    assert result.rounds == 2 and result.milestones == 2


def test_follow_ups_due_and_offer_deadlines_are_events_with_alarms(world: World) -> None:
    note = followups.draft(world.user, world.round1.pk)[0]
    r.offers.create(world.user, opportunity_id=world.acme.pk, deadline="2026-12-10")
    found = events(calendar.export(world.user, now=NOW).data)
    due = found[f"follow-up-{note.pk}@nextround"]
    assert "Priya Shah" in str(due["SUMMARY"])
    assert due["DTSTART"].dt == note.due_at
    assert [a["TRIGGER"].dt for a in due.walk("VALARM")] == [dt.timedelta(0)]
    deadline = next(e for uid, e in found.items() if uid.startswith("offer-"))
    assert deadline["DTSTART"].dt == dt.date(2026, 12, 10)
    # Sent notes drop out of the calendar.
    followups.mark_sent(world.user, note.pk)
    assert f"follow-up-{note.pk}@nextround" not in events(calendar.export(world.user).data)


def test_cancelled_rounds_are_left_out_and_one_opportunity_can_be_chosen(world: World) -> None:
    r.rounds.update(world.user, world.round2.pk, status="cancelled")
    globex = r.rounds.create(world.user, world.globex.pk, scheduled_at="2026-12-20T10:00+00:00")
    found = events(calendar.export(world.user, world.acme.pk, now=NOW).data)
    assert f"round-{world.round2.pk}@nextround" not in found
    assert f"round-{globex.pk}@nextround" not in found
    assert f"round-{world.round1.pk}@nextround" in found


def test_an_unknown_opportunity_is_not_found(world: World, other_user: Any) -> None:
    with pytest.raises(ServiceError, match="No opportunity"):
        calendar.export(other_user, world.acme.pk)


def test_the_file_is_valid_icalendar_for_common_apps(world: World) -> None:
    data = calendar.export(world.user, now=NOW).data
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "VERSION:2.0" in text and "PRODID:" in text
    for event in Calendar.from_ical(data).walk("VEVENT"):
        assert event.get("DTSTAMP") is not None
        for alarm in event.walk("VALARM"):
            assert str(alarm["ACTION"]) == "DISPLAY" and alarm.get("DESCRIPTION")


def test_the_calendar_of_everything_keeps_the_rounds_nearest_now_when_there_are_many(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(calendar, "MOST_ROUNDS", 2)
    made = {
        days: r.rounds.create(
            world.user, world.globex.pk, scheduled_at=(NOW + dt.timedelta(days=days)).isoformat()
        ).pk
        for days in (-30, -20, -10, -5, 5, 10, 20, 30)
    }
    found = events(calendar.everything(world.user, now=NOW).data)
    kept = sorted(days for days, pk in made.items() if f"round-{pk}@nextround" in found)
    # Two each side of now: behind, Acme's first round (three days back) and Globex's five days
    # back; ahead, Globex's in five and ten days (Acme's second is in thirteen).
    assert kept == [-5, 5, 10]
    assert f"round-{world.round1.pk}@nextround" in found
    assert f"round-{world.round2.pk}@nextround" not in found
    # The CLI's file and an opportunity's download keep every round.
    assert all(
        f"round-{pk}@nextround" in events(calendar.export(world.user).data) for pk in made.values()
    )

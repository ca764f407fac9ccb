"""Invites and emails in: a round made or updated from an .ics, feedback from an email."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core import serializers

from nextround.services import invites, profile
from nextround.services import records as r
from nextround.services.errors import ServiceError
from nextround.store import models as m
from tests.world import World

DATA = Path(__file__).resolve().parents[1] / "formats" / "data"
ME = "alex.morgan.jobs@mailbox.example"


def invite(name: str) -> bytes:
    return (DATA / "invites" / name).read_bytes()


def email(name: str) -> bytes:
    return (DATA / "emails" / name).read_bytes()


def snapshot() -> str:
    """Every stored record, to check that a refused import changed nothing."""
    models = [m.Opportunity, m.Round, m.Interviewer, m.RoundInterviewer, m.Feedback, m.FollowUp]
    return serializers.serialize("json", [o for model in models for o in model.objects.all()])


@pytest.fixture
def lumenfield(user: Any) -> m.Opportunity:
    profile.update(user, full_name="Alex Morgan", email=ME, other_emails=["alex@morgan.example"])
    return r.opportunities.create(user, company="Lumenfield", role="Senior Data Engineer")


def test_an_invite_makes_a_round_with_its_time_link_and_interviewers(
    user: Any, lumenfield: m.Opportunity
) -> None:
    result = invites.import_invite(user, lumenfield.pk, invite("google_meet.ics"))
    round_ = result.round
    assert result.created
    assert round_.scheduled_at == dt.datetime(2025, 6, 12, 13, 0, tzinfo=dt.UTC)
    assert round_.duration_minutes == 60
    assert round_.link == "https://meet.google.com/qwe-rtyu-iop"
    assert round_.format == "video"
    assert round_.calendar_uid == "4k2h9v0q8rj3lmnb7c1d5e6f0a@google.com"
    panel = {p.name: p.email for p in r.interviewers.of_round(user, round_.pk)}
    # The candidate and the meeting room are not interviewers.
    assert panel == {
        "Priya Shah": "priya.shah@lumenfield.example",
        "Tomás Ferreira": "tomas.ferreira@lumenfield.example",
    }
    assert "Tomás Ferreira" in result.message


def test_an_outlook_invite_keeps_its_time_zone_and_turns_names_round(
    user: Any, lumenfield: m.Opportunity
) -> None:
    result = invites.import_invite(user, lumenfield.pk, invite("outlook_teams.ics"))
    round_ = result.round
    assert round_.timezone == "Europe/London"
    assert round_.link.startswith("https://teams.microsoft.com/")
    names = [p.name for p in r.interviewers.of_round(user, round_.pk)]
    assert "Jörg Müller" in names
    assert "Adaeze Okafor" in names
    assert all("Alex" not in n for n in names)
    adaeze = m.Interviewer.objects.get(name="Adaeze Okafor")
    assert adaeze.team == "People Team"


def test_an_apple_invite_on_site_sets_the_location(user: Any, lumenfield: m.Opportunity) -> None:
    round_ = invites.import_invite(user, lumenfield.pk, invite("apple_on_site.ics")).round
    assert round_.location
    assert round_.format == "on-site"
    assert round_.timezone


def test_meet_in_the_lobby_is_an_on_site_round_not_a_google_meet(
    user: Any, lumenfield: m.Opportunity
) -> None:
    text = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
        b"METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:ashcombe-final@example.com\r\n"
        b"DTSTAMP:20261201T120000Z\r\nDTSTART:20261210T140000Z\r\nDTEND:20261210T160000Z\r\n"
        b"SUMMARY:Final interview\r\nLOCATION:The Ashcombe Hotel\\, 12 Great Pulteney Street\\, "
        b"Bath BA2 4BR (meet in the lobby)\r\n"
        b"ATTENDEE;CN=Rebecca Hale:mailto:rebecca.hale@example.com\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    round_ = invites.import_invite(user, lumenfield.pk, text).round
    assert round_.format == "on-site" and "Pulteney" in round_.location


def test_importing_an_update_changes_the_same_round_and_a_cancel_cancels_it(
    user: Any, lumenfield: m.Opportunity
) -> None:
    first = invites.import_invite(user, lumenfield.pk, invite("google_meet.ics")).round
    again = invites.import_invite(user, lumenfield.pk, invite("google_meet.ics"))
    assert again.round.pk == first.pk and not again.created
    assert m.Round.objects.count() == 1
    assert m.Interviewer.objects.count() == 2
    cancelled = invites.import_invite(user, lumenfield.pk, invite("cancelled.ics"))
    assert cancelled.cancelled
    first.refresh_from_db()
    assert first.status == "cancelled"
    assert first.calendar_sequence == 1
    # The older invite (sequence 0) arriving late changes nothing.
    late = invites.import_invite(user, lumenfield.pk, invite("google_meet.ics"))
    assert late.stale
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_a_series_update_uses_the_changed_occurrence(user: Any, lumenfield: m.Opportunity) -> None:
    result = invites.import_invite(user, lumenfield.pk, invite("series_update.ics"))
    assert any("occurrence" in note for note in result.notes)
    assert result.round.scheduled_at is not None


def test_attendees_already_known_are_linked_not_duplicated(
    user: Any, lumenfield: m.Opportunity
) -> None:
    first = r.rounds.create(user, lumenfield.pk, status="done")
    known = r.interviewers.add_to_round(user, first.pk, name="Shah, Priya", title="Lead")
    result = invites.import_invite(user, lumenfield.pk, invite("google_meet.ics"))
    assert result.linked == ["Shah, Priya"]
    assert result.added == ["Tomás Ferreira"]
    known.refresh_from_db()
    assert known.email == "priya.shah@lumenfield.example"
    assert m.Interviewer.objects.filter(opportunity=lumenfield).count() == 2


def test_an_invite_for_a_round_typed_in_by_hand_updates_that_round(
    user: Any, lumenfield: m.Opportunity
) -> None:
    typed = r.rounds.create(user, lumenfield.pk, scheduled_at="2025-06-12T13:00+00:00")
    result = invites.import_invite(user, lumenfield.pk, invite("google_meet.ics"))
    assert result.round.pk == typed.pk
    assert m.Round.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("truncated.ics", "truncated"),
        ("malformed_line.ics", "malformed"),
        ("not_a_calendar.ics", "not an iCalendar file"),
        ("no_event.ics", "no event"),
        ("no_start.ics", "no start date"),
        ("bad_start.ics", "not a date"),
        ("no_attendees_apple.ics", "no attendees"),
        ("windows_1252.ics", "not UTF-8"),
        ("all_day_assessment.ics", "no start time"),
    ],
)
def test_a_bad_invite_is_refused_by_name_and_changes_nothing(
    world: World, lumenfield: m.Opportunity, name: str, problem: str
) -> None:
    before = snapshot()
    with pytest.raises(ServiceError) as error:
        invites.import_invite(world.user, world.acme.pk, invite(name), name=name)
    assert str(error.value).startswith(name)
    assert problem in str(error.value)
    assert snapshot() == before


def test_an_enormous_invite_is_refused_before_it_is_read(world: World) -> None:
    before = snapshot()
    huge = b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * 2_000_000 + b"\r\nEND:VCALENDAR\r\n"
    with pytest.raises(ServiceError, match="too large"):
        invites.import_invite(world.user, world.acme.pk, huge)
    assert snapshot() == before


def test_a_doubtful_invite_can_be_imported_anyway(user: Any, lumenfield: m.Opportunity) -> None:
    result = invites.import_invite(user, lumenfield.pk, invite("windows_1252.ics"), anyway=True)
    names = [p.name for p in r.interviewers.of_round(user, result.round.pk)]
    assert "Björn Åkesson" in names
    assert result.round.timezone == "Europe/Berlin"


def test_a_cancel_for_an_unknown_event_is_refused(world: World) -> None:
    before = snapshot()
    with pytest.raises(ServiceError, match="never imported"):
        invites.import_invite(world.user, world.acme.pk, invite("cancelled.ics"))
    assert snapshot() == before


def test_someone_elses_opportunity_is_not_found(world: World, other_user: Any) -> None:
    with pytest.raises(ServiceError, match="No opportunity"):
        invites.import_invite(other_user, world.acme.pk, invite("google_meet.ics"))


@pytest.mark.parametrize(
    ("name", "sender", "words"),
    [
        ("consultant_feedback_plain.eml", "Hannah Cole", "stakeholder management"),
        ("interviewer_html_only.eml", "", ""),
        ("latin1_quoted_printable.eml", "", ""),
        ("windows1252_base64.eml", "", ""),
        ("outlook_mixed_reply.eml", "", ""),
        ("gmail_html_quote.eml", "", ""),
        ("alternative_base64.eml", "", ""),
    ],
)
def test_an_email_becomes_feedback_with_its_sender_and_date(
    world: World, name: str, sender: str, words: str
) -> None:
    result = invites.import_email_file(world.user, world.round1.pk, email(name), name)
    stored = m.Feedback.objects.get(pk=result.feedback.pk)
    assert stored.round_id == world.round1.pk
    assert stored.text.strip()
    assert "@" in stored.sender
    assert stored.received_on is not None
    assert sender in stored.sender
    assert words in stored.text
    # Quoted earlier messages are not stored as feedback.
    assert "wrote:" not in stored.text


def test_non_ascii_names_and_text_survive_other_encodings(world: World) -> None:
    for name in ("latin1_quoted_printable.eml", "windows1252_base64.eml"):
        stored = invites.import_email_file(world.user, world.round1.pk, email(name)).feedback
        assert "Ã" not in stored.text + stored.sender
        assert "\ufffd" not in stored.text + stored.sender


def test_the_consultants_email_is_marked_as_from_the_consultant(world: World) -> None:
    world.acme.consultant_email = "hannah.cole@brookfield-talent.example"
    world.acme.save()
    stored = invites.import_email_file(
        world.user, world.round1.pk, email("consultant_feedback_plain.eml")
    ).feedback
    assert stored.source == "consultant"


def test_a_pasted_email_keeps_its_headers_as_sender_and_date(world: World) -> None:
    text = (
        "From: Priya Shah <priya@acme.example>\n"
        "Sent: Wednesday, November 18, 2026 4:42 PM\n"
        "Subject: Next steps\n\n"
        "Hi, we would love you to meet Tom next. Your SQL was strong.\n"
    )
    stored = invites.import_email_text(world.user, world.round1.pk, text).feedback
    assert stored.sender == "Priya Shah <priya@acme.example>"
    assert stored.received_on == dt.date(2026, 11, 18)
    assert stored.text.startswith("Hi, we would love you")
    assert stored.source == "interviewer"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"just some words with no headers\n", "not an email"),
        (b"From: a@b.example\n" + b"x" * 6_000_000, "too large"),
        ("From: x@y.example\n\nhi".encode("utf-16"), "binary"),
    ],
)
def test_a_bad_email_is_refused_and_changes_nothing(
    world: World, data: bytes, problem: str
) -> None:
    before = snapshot()
    with pytest.raises(ServiceError) as error:
        invites.import_email_file(world.user, world.round1.pk, data, "mail.eml")
    assert str(error.value).startswith("mail.eml:")
    assert problem in str(error.value)
    assert snapshot() == before


def test_an_empty_paste_is_refused(world: World) -> None:
    before = snapshot()
    with pytest.raises(ServiceError, match="empty"):
        invites.import_email_text(world.user, world.round1.pk, "   \n")
    assert snapshot() == before


def test_display_names_come_out_as_people_write_them() -> None:
    assert invites.display_name("Okafor, Adaeze (People Team)", "") == (
        "Adaeze Okafor",
        "People Team",
    )
    assert invites.display_name("", "priya.shah@acme.example") == ("Priya Shah", "")


def _arranged(description: str, organiser: str = "Hannah Reed") -> bytes:
    """An invite a recruiter sends for two interviewers, the candidate among the attendees."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Northwind//Recruiting//EN",
        "BEGIN:VEVENT",
        "UID:arranged-42@northwind.example",
        "DTSTAMP:20261201T090000Z",
        "DTSTART:20261210T100000Z",
        "DTEND:20261210T110000Z",
        "SUMMARY:Second interview - Operations Manager",
        "LOCATION:Unit 4, Brook Park, Leeds LS10 1AB",
        f"ORGANIZER;CN={organiser}:mailto:hannah.reed@northwind.example",
        "ATTENDEE;CN=Hannah Reed:mailto:hannah.reed@northwind.example",
        "ATTENDEE;CN=Dana Cole:mailto:dana.cole@northwind.example",
        "ATTENDEE;CN=Tom Price:mailto:tom.price@northwind.example",
        f"ATTENDEE;CN=Alex Morgan:mailto:{ME}",
        f"DESCRIPTION:{description}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_an_organiser_who_only_arranges_the_round_is_not_on_its_panel(
    user: Any, lumenfield: m.Opportunity
) -> None:
    # The text names the two people to meet; the sender greets you at reception.
    said = _arranged(
        "Hi Alex\\, you will meet Dana Cole (Head of Operations) and Tom Price. "
        "I will greet you at reception. Thanks\\, Hannah"
    )
    result = invites.import_invite(user, lumenfield.pk, said)
    panel = [p.name for p in r.interviewers.of_round(user, result.round.pk)]
    assert panel == ["Dana Cole", "Tom Price"]
    assert result.round.kind == "panel"
    assert "Hannah Reed sent the invite and is not named among the people you will meet" in (
        result.message
    )


def test_an_organiser_with_a_recruiting_title_is_not_on_the_panel(
    user: Any, lumenfield: m.Opportunity
) -> None:
    titled = _arranged("Second interview.", organiser="Hannah Reed (Talent Partner)")
    result = invites.import_invite(user, lumenfield.pk, titled)
    assert [p.name for p in r.interviewers.of_round(user, result.round.pk)] == [
        "Dana Cole",
        "Tom Price",
    ]


def test_an_organiser_named_among_the_people_to_meet_stays_on_the_panel(
    user: Any, lumenfield: m.Opportunity
) -> None:
    # The hiring manager sends the invite and says she is on the panel: she stays.
    hers = _arranged("You will meet Hannah Reed, Dana Cole and Tom Price.")
    result = invites.import_invite(user, lumenfield.pk, hers)
    names = {p.name for p in r.interviewers.of_round(user, result.round.pk)}
    assert names == {"Hannah Reed", "Dana Cole", "Tom Price"}
    assert "sent the invite" not in result.message
    # Nothing in the text about who is on it: everyone invited may be.
    plain = _arranged("Second interview, on site.").replace(b"arranged-42", b"arranged-43")
    other = r.opportunities.create(user, company="Harrowgate", role="Ops Lead")
    again = invites.import_invite(user, other.pk, plain)
    assert {p.name for p in r.interviewers.of_round(user, again.round.pk)} == names


def test_a_sender_who_signs_off_or_a_team_inbox_is_not_on_the_panel(
    user: Any, lumenfield: m.Opportunity
) -> None:
    # Named only in the sign-off, over a job that arranges interviews.
    signed = _arranged(
        "11:00 Site tour with Dana Cole\\n13:30 Interview with Dana Cole and Tom Price"
        "\\n\\nKind regards\\,\\nHannah Reed\\nExecutive Assistant to the Owner"
    )
    result = invites.import_invite(user, lumenfield.pk, signed)
    assert [p.name for p in r.interviewers.of_round(user, result.round.pk)] == [
        "Dana Cole",
        "Tom Price",
    ]
    # A recruitment team's inbox sends the invite: it is nobody to meet or thank.
    inbox = (
        _arranged("Panel interview with Dana Cole and Tom Price.")
        .replace(b"arranged-42", b"arranged-44")
        .replace(
            b"ORGANIZER;CN=Hannah Reed:mailto:hannah.reed@",
            b"ORGANIZER;CN=Children's Recruitment Team:mailto:childrensrecruitment@",
        )
        .replace(b"ATTENDEE;CN=Hannah Reed:mailto:hannah.reed@northwind.example\r\n", b"")
    )
    other = r.opportunities.create(user, company="Westmoor", role="Senior Practitioner")
    again = invites.import_invite(user, other.pk, inbox)
    assert [p.name for p in r.interviewers.of_round(user, again.round.pk)] == [
        "Dana Cole",
        "Tom Price",
    ]
    assert "Recruitment Team" not in again.message

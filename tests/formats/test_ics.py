from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from nextround.formats.ics import (
    CalendarError,
    CalendarEvent,
    Invite,
    InviteError,
    Person,
    build_calendar,
    parse_invite,
)

INVITES = Path(__file__).parent / "data" / "invites"
ME = ("alex.morgan.jobs@mailbox.example", "alex@morgan.example")


def read(name: str) -> Invite:
    return parse_invite((INVITES / name).read_bytes(), ME)


def error_for(data: bytes, **kwargs: Any) -> str:
    with pytest.raises(InviteError) as caught:
        parse_invite(data, ME, **kwargs)
    return str(caught.value)


# Google Calendar


def test_it_reads_a_google_invite_in_utc() -> None:
    invite = read("google_meet.ics")
    assert invite.summary == "Second interview: Alex Morgan – Senior Data Engineer"
    assert invite.start == datetime(2025, 6, 12, 13, 0, tzinfo=UTC)
    assert invite.timezone == "UTC"
    assert invite.duration_minutes == 60
    assert invite.method == "REQUEST"
    assert invite.cancelled is False


def test_it_finds_the_google_meet_link() -> None:
    assert read("google_meet.ics").video_link == "https://meet.google.com/qwe-rtyu-iop"


def test_it_leaves_out_the_candidate_and_the_meeting_room() -> None:
    invite = read("google_meet.ics")
    assert invite.attendees == (
        Person("Priya Shah", "priya.shah@lumenfield.example"),
        Person("Tomás Ferreira", "tomas.ferreira@lumenfield.example"),
    )
    assert invite.organizer == Person("Priya Shah", "priya.shah@lumenfield.example")


def test_it_unfolds_long_description_lines() -> None:
    description = read("google_meet.ics").description
    assert "This second conversation is with Tomás (Head of Data Platform) and me." in description
    assert "Hi Alex, thanks" in description


# Outlook / Exchange


def test_it_maps_an_outlook_windows_zone_to_its_iana_name() -> None:
    invite = read("outlook_teams.ics")
    assert invite.timezone == "Europe/London"
    assert invite.start == datetime(2025, 6, 17, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    assert invite.start.utcoffset() == timedelta(hours=1)


def test_it_maps_w_europe_standard_time_to_berlin() -> None:
    invite = read("outlook_zoom_w_europe.ics")
    assert invite.timezone == "Europe/Berlin"
    assert invite.start.isoformat() == "2025-11-04T09:30:00+01:00"
    assert invite.duration_minutes == 45


def test_it_finds_the_teams_link_in_an_outlook_invite() -> None:
    link = read("outlook_teams.ics").video_link
    assert link is not None
    assert link.startswith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_")


def test_it_finds_a_zoom_link_in_the_location() -> None:
    link = read("outlook_zoom_w_europe.ics").video_link
    assert link == "https://kleinwerk.zoom.us/j/84512345678?pwd=aGVsbG93b3JsZA.1"


def test_it_reads_quoted_and_non_ascii_names() -> None:
    invite = read("outlook_teams.ics")
    assert invite.organizer == Person("Ó Briain, Siobhán", "siobhan.obriain@harrowgate-fs.example")
    assert [person.name for person in invite.attendees] == [
        "Müller, Jörg",
        "Okafor, Adaeze (People Team)",
    ]


def test_it_leaves_out_the_candidate_whatever_the_case_of_the_address() -> None:
    emails = [person.email.lower() for person in read("outlook_teams.ics").attendees]
    assert "alex.morgan.jobs@mailbox.example" not in emails


def test_it_leaves_out_an_outlook_resource_room() -> None:
    invite = read("outlook_zoom_w_europe.ics")
    assert [person.name for person in invite.attendees] == ["Dr. Anneke de Vries"]
    assert invite.sequence == 1


# Apple Calendar


def test_it_reads_an_apple_invite_with_a_vtimezone_block() -> None:
    invite = read("apple_on_site.ics")
    assert invite.timezone == "Europe/London"
    assert invite.start == datetime(2025, 12, 2, 10, 30, tzinfo=ZoneInfo("Europe/London"))
    assert invite.duration_minutes == 120
    assert invite.location == "Brightwell Studio\n14 Canal Street, Manchester M1 3HE"
    assert invite.video_link is None


def test_it_takes_the_address_from_the_email_parameter_when_apple_gives_a_urn() -> None:
    invite = read("apple_on_site.ics")
    assert invite.organizer == Person("Zoë Ng", "zoe.ng@brightwell.example")
    assert Person("Rhys O'Connell", "rhys@brightwell.example") in invite.attendees
    assert all(person.email != "alex@morgan.example" for person in invite.attendees)


def test_it_accepts_an_invite_with_no_attendees_and_says_so() -> None:
    invite = read("no_attendees_apple.ics")
    assert invite.attendees == ()
    assert invite.duration_minutes == 45
    assert "the invite lists no attendees besides you" in invite.warnings


# Special events


def test_it_marks_a_cancelled_invite_as_cancelled() -> None:
    invite = read("cancelled.ics")
    assert invite.cancelled is True
    assert invite.method == "CANCEL"
    assert invite.uid == "4k2h9v0q8rj3lmnb7c1d5e6f0a@google.com"
    assert invite.sequence == 1


def test_it_treats_status_cancelled_as_cancelled_without_a_cancel_method() -> None:
    data = (INVITES / "cancelled.ics").read_bytes().replace(b"METHOD:CANCEL", b"METHOD:REQUEST")
    assert parse_invite(data).cancelled is True


def test_it_uses_the_updated_occurrence_of_a_series() -> None:
    invite = read("series_update.ics")
    assert invite.summary == "Paired working sessions (moved)"
    assert invite.start == datetime(2025, 9, 10, 14, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert invite.recurrence_id == datetime(2025, 9, 9, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert invite.sequence == 2
    assert invite.timezone == "Europe/Paris"
    assert invite.video_link == (
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_c2Vzc2lvbnM%40thread.v2/0"
    )


def test_it_uses_the_first_occurrence_of_a_series_with_no_update() -> None:
    data = (INVITES / "series_update.ics").read_bytes()
    master_only = data[: data.index(b"BEGIN:VEVENT", data.index(b"END:VEVENT"))] + (
        b"END:VCALENDAR\r\n"
    )
    invite = parse_invite(master_only, ME)
    assert invite.start == datetime(2025, 9, 2, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert invite.recurrence_id is None
    assert "this is a recurring series; its first occurrence is used" in invite.warnings


def test_it_reads_an_all_day_event_as_a_date_with_no_time() -> None:
    invite = read("all_day_assessment.ics")
    assert invite.all_day is True
    assert invite.start.date() == date(2025, 9, 23)
    assert invite.duration_minutes is None
    assert invite.location == "Northline House, 2 Wharf Road, Leeds"
    assert "this is an all-day event: it gives no start time" in invite.warnings


def test_it_reads_a_time_with_no_zone_in_the_given_local_zone() -> None:
    data = (INVITES / "floating_time.ics").read_bytes()
    invite = parse_invite(data, local_timezone="Europe/Dublin")
    assert invite.start == datetime(2025, 7, 15, 16, 0, tzinfo=ZoneInfo("Europe/Dublin"))
    assert invite.timezone == "Europe/Dublin"
    assert "the start time gives no time zone; read as Europe/Dublin" in invite.warnings


def test_it_finds_a_zoom_link_in_the_url_field() -> None:
    invite = read("floating_time.ics")
    assert invite.video_link == "https://us02web.zoom.us/j/81234567890"
    assert invite.organizer == Person("", "bookings@scheduler.example")


def test_it_ignores_links_that_are_not_video_calls() -> None:
    data = (
        (INVITES / "no_attendees_apple.ics")
        .read_bytes()
        .replace(
            b"DESCRIPTION:Sam will call me on my mobile.",
            b"DESCRIPTION:Directions: https://maps.example/orbit-health",
        )
    )
    assert parse_invite(data).video_link is None


# Encodings


def test_it_reads_a_windows_1252_invite_and_warns_about_it() -> None:
    invite = read("windows_1252.ics")
    assert invite.summary == "Gespräch – zweite Runde"
    assert invite.organizer == Person("Jörg Müller", "joerg@kleinwerk.example")
    assert invite.attendees == (Person("Björn Åkesson", "bjorn@kleinwerk.example"),)
    assert invite.timezone == "Europe/Berlin"
    assert "the invite is not UTF-8; it was read as cp1252" in invite.warnings


def test_it_follows_a_charset_hint() -> None:
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20250101T090000Z\r\n"
    text += (
        "SUMMARY;CHARSET=ISO-8859-15:Entretien: prime de 500 €\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    invite = parse_invite(text.encode("iso-8859-15"))
    assert invite.summary == "Entretien: prime de 500 €"
    assert "the invite is not UTF-8; it was read as ISO-8859-15" in invite.warnings


def test_it_reads_a_utf8_file_with_a_byte_order_mark() -> None:
    data = b"\xef\xbb\xbf" + (INVITES / "google_meet.ics").read_bytes()
    assert read_bytes_summary(data) == "Second interview: Alex Morgan – Senior Data Engineer"


def test_it_reads_utf16_with_a_byte_order_mark() -> None:
    text = (INVITES / "apple_on_site.ics").read_text(encoding="utf-8")
    assert read_bytes_summary(text.encode("utf-16")) == "Brightwell – meet the team"


def read_bytes_summary(data: bytes) -> str:
    return parse_invite(data, ME).summary


# Errors


def test_it_rejects_a_file_that_is_not_icalendar() -> None:
    message = error_for((INVITES / "not_a_calendar.ics").read_bytes())
    assert message == "this is not an iCalendar file (it does not start with BEGIN:VCALENDAR)"


def test_it_rejects_an_empty_file() -> None:
    assert "not an iCalendar file" in error_for(b"")


def test_it_rejects_a_truncated_invite() -> None:
    message = error_for((INVITES / "truncated.ics").read_bytes())
    assert message == "the invite is truncated (no END:VCALENDAR)"


def test_it_rejects_a_calendar_with_no_event() -> None:
    assert error_for((INVITES / "no_event.ics").read_bytes()) == (
        "the invite holds no event (no VEVENT)"
    )


def test_it_rejects_an_event_with_no_start() -> None:
    assert error_for((INVITES / "no_start.ics").read_bytes()) == (
        "the event has no start date (no DTSTART)"
    )


def test_it_rejects_a_start_that_is_not_a_date() -> None:
    assert error_for((INVITES / "bad_start.ics").read_bytes()) == (
        "the event's start is not a date (DTSTART:next Tuesday)"
    )


def test_it_names_the_malformed_line() -> None:
    assert error_for((INVITES / "malformed_line.ics").read_bytes()) == (
        "line 8 is malformed: 'Interview with the product team'"
    )


def test_it_names_a_mismatched_end() -> None:
    data = (INVITES / "no_attendees_apple.ics").read_bytes().replace(b"END:VEVENT", b"END:VTODO")
    assert error_for(data) == "line 12: END:VTODO where END:VEVENT was expected"


def test_it_rejects_an_enormous_file_before_reading_it() -> None:
    data = b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * 1_200_000 + b"\r\nEND:VCALENDAR\r\n"
    assert error_for(data) == "the invite is too large (1.2 MB; the limit is 1.0 MB)"


def test_it_takes_a_smaller_size_cap() -> None:
    data = (INVITES / "google_meet.ics").read_bytes()
    assert "too large" in error_for(data, max_bytes=1000)


def test_it_rejects_binary_data() -> None:
    assert error_for(b"BEGIN:VCALENDAR\x00\x01\x02") == (
        "the invite holds binary data, not iCalendar text"
    )


def test_invite_errors_are_value_errors_with_one_line() -> None:
    for name in ("truncated.ics", "no_start.ics", "malformed_line.ics", "not_a_calendar.ics"):
        with pytest.raises(ValueError, match=r"^[^\n]+$"):
            parse_invite((INVITES / name).read_bytes())


# Writing calendars

STAMP = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


def events_of(data: bytes) -> list[Any]:
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//nextround//EN"
    return list(calendar.walk("VEVENT"))


def test_it_writes_a_reminder_with_display_alarms() -> None:
    start = datetime(2025, 6, 13, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    event = CalendarEvent(
        uid="thank-you-17@nextround",
        summary="Send thank-you note to Priya",
        start=start,
        end=start + timedelta(minutes=15),
        all_day=False,
        description="Recall the pipeline migration.",
        location="",
        alarms_minutes_before=(0, 60),
    )
    [written] = events_of(build_calendar([event], stamp=STAMP))
    assert str(written["UID"]) == "thank-you-17@nextround"
    assert str(written["SUMMARY"]) == "Send thank-you note to Priya"
    assert written["DTSTART"].dt == start
    assert written["DTEND"].dt == start + timedelta(minutes=15)
    assert written["DTSTAMP"].dt == STAMP
    assert str(written["DESCRIPTION"]) == "Recall the pipeline migration."
    alarms = written.walk("VALARM")
    assert [str(alarm["ACTION"]) for alarm in alarms] == ["DISPLAY", "DISPLAY"]
    assert [alarm["TRIGGER"].dt for alarm in alarms] == [timedelta(0), timedelta(minutes=-60)]
    assert all(str(alarm["DESCRIPTION"]) == "Send thank-you note to Priya" for alarm in alarms)


def test_it_writes_an_all_day_event_as_dates() -> None:
    event = CalendarEvent(
        uid="chase-3@nextround",
        summary="Chase Lumenfield for news",
        start=datetime(2025, 6, 19, tzinfo=UTC),
        all_day=True,
        location="",
    )
    [written] = events_of(build_calendar([event], stamp=STAMP))
    assert written["DTSTART"].dt == date(2025, 6, 19)
    assert written["DTEND"].dt == date(2025, 6, 20)
    assert "VALARM" not in [component.name for component in written.subcomponents]


def test_a_written_calendar_reads_back_as_an_invite() -> None:
    start = datetime(2025, 6, 17, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    event = CalendarEvent(
        uid="round-2@nextround",
        summary="Round 2: Lumenfield",
        start=start,
        end=start + timedelta(hours=1),
        location="https://meet.google.com/qwe-rtyu-iop",
        description="Tomás, Priya; bring notes\nand questions",
    )
    invite = parse_invite(build_calendar([event], stamp=STAMP))
    assert invite.start == start
    assert invite.duration_minutes == 60
    assert invite.video_link == "https://meet.google.com/qwe-rtyu-iop"
    assert invite.description == "Tomás, Priya; bring notes\nand questions"


def test_it_writes_several_events_and_an_empty_calendar() -> None:
    start = datetime(2025, 6, 17, 14, 0, tzinfo=UTC)
    events = [CalendarEvent(uid=f"e{i}", summary=f"Event {i}", start=start) for i in range(3)]
    assert len(events_of(build_calendar(events, stamp=STAMP))) == 3
    assert events_of(build_calendar([], stamp=STAMP)) == []


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            CalendarEvent(uid="", summary="x", start=datetime(2025, 1, 1, tzinfo=UTC)),
            "events[0].uid is empty",
        ),
        (
            CalendarEvent(uid="a", summary="x", start=datetime(2025, 1, 1)),
            "events[0].start has no time zone",
        ),
        (
            CalendarEvent(
                uid="a",
                summary="x",
                start=datetime(2025, 1, 2, tzinfo=UTC),
                end=datetime(2025, 1, 1, tzinfo=UTC),
            ),
            "events[0].end is before its start",
        ),
        (
            CalendarEvent(
                uid="a",
                summary="x",
                start=datetime(2025, 1, 1, tzinfo=UTC),
                alarms_minutes_before=(-5,),
            ),
            "events[0].alarms_minutes_before holds a negative number",
        ),
    ],
)
def test_it_refuses_an_event_it_cannot_write(event: CalendarEvent, message: str) -> None:
    with pytest.raises(CalendarError, match=message.replace("[", r"\[").replace("]", r"\]")):
        build_calendar([event])

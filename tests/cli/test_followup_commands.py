"""The follow-up and decision commands, through the real `nextround` script."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from icalendar import Calendar

from tests.cli_harness import Cli

DATA = Path(__file__).resolve().parents[1] / "formats" / "data"
ME = "alex.morgan.jobs@mailbox.example"


def setup(cli: Cli) -> int:
    cli("profile", "set", "--name", "Alex Morgan", "--email", ME)
    opp = cli.json("opportunity", "add", "--company", "Lumenfield", "--role", "Data Engineer")
    return int(opp["id"])


def test_import_invite_makes_a_round_and_leaves_out_the_candidate(cli: Cli) -> None:
    opp = setup(cli)
    result = cli.json("round", "import-invite", str(opp), str(DATA / "invites/google_meet.ics"))
    assert result["created"] and result["added"] == ["Priya Shah", "Tomás Ferreira"]
    people = cli.json("interviewer", "list", str(result["round_id"]))
    assert ME not in [p["email"] for p in people]
    cancelled = cli("round", "import-invite", str(opp), str(DATA / "invites/cancelled.ics"))
    assert cancelled.code == 0 and "cancelled" in cancelled.out
    assert cli.json("round", "show", str(result["round_id"]))["status"] == "cancelled"


def test_a_bad_invite_is_one_clear_line_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    opp = setup(cli)
    for name, words in (
        ("truncated.ics", "truncated"),
        ("no_attendees_apple.ics", "no attendees"),
        ("windows_1252.ics", "not UTF-8"),
        ("no_start.ics", "no start date"),
    ):
        result = cli("round", "import-invite", str(opp), str(DATA / "invites" / name))
        assert result.code == 1
        assert result.err.startswith(f"Error: {name}:") and words in result.err
        assert "Traceback" not in result.err
    huge = tmp_path / "huge.ics"
    huge.write_bytes(b"BEGIN:VCALENDAR\n" + b"X" * 2_000_000)
    result = cli("round", "import-invite", str(opp), str(huge))
    assert result.code == 1 and "too large" in result.err
    assert cli.json("round", "list") == []
    ok = cli("round", "import-invite", str(opp), str(DATA / "invites/windows_1252.ics"), "--anyway")
    assert ok.code == 0 and "Björn Åkesson" in ok.out


def test_feedback_import_from_a_file_or_pasted_text(cli: Cli) -> None:
    opp = setup(cli)
    round_id = cli.json("round", "add", str(opp), "--status", "done")["id"]
    item = cli.json(
        "feedback", "import", str(round_id), str(DATA / "emails/latin1_quoted_printable.eml")
    )
    assert item["received_on"] and "@" in item["sender"]
    pasted = cli.json(
        "feedback", "import", str(round_id), "--text", "From: Kim <k@x.example>\n\nWell done."
    )
    assert pasted["sender"] == "Kim <k@x.example>" and pasted["text"] == "Well done."
    bad = cli("feedback", "import", str(round_id), str(DATA / "emails/not_an_email.eml"))
    assert bad.code == 1 and "not an email" in bad.err
    neither = cli("feedback", "import", str(round_id))
    assert neither.code == 1 and "exactly one" in neither.err
    assert len(cli.json("feedback", "list", str(round_id))) == 2


def test_followup_draft_writes_notes_and_eml_files_and_sent_marks_them(
    cli: Cli, tmp_path: Path
) -> None:
    opp = setup(cli)
    result = cli.json("round", "import-invite", str(opp), str(DATA / "invites/google_meet.ics"))
    round_id = str(result["round_id"])
    # Typed in by hand as well: she is on her own round's people, but gets no note.
    cli("interviewer", "add", round_id, "--name", "Alex Morgan", "--email", ME)
    out = tmp_path / "drafts"
    drafted = cli("followup", "draft", round_id, "--eml-dir", str(out), "--json")
    assert f"Note: No thank-you note to Alex Morgan: {ME} is your own address" in drafted.err
    notes = drafted.json()
    assert [n["to_name"] for n in notes] == ["Priya Shah", "Tomás Ferreira"]
    assert notes[0]["body"] != notes[1]["body"]
    files = sorted(out.glob("*.eml"))
    assert len(files) == 2
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and message["From"] == ME
    text = cli("followup", "draft", round_id, "--kind", "chaser")
    assert text.code == 0 and "next step" in text.out
    assert "Chaser to Priya Shah" in text.out and "due Thursday 19 June 2025, 09:00" in text.out
    sent = cli.json("followup", "sent", str(notes[0]["id"]))
    assert sent["sent_at"]
    late = cli("followup", "overdue").out
    assert "Thank-you note to Tomás Ferreira (Lumenfield, round 1), due Friday 13 June 2025" in late
    assert "Chaser to Priya Shah (Lumenfield, round 1), due Thursday 19 June 2025, 09:00" in late
    assert "Priya Shah (Lumenfield, round 1), due Friday" not in late
    missing = cli("followup", "draft", round_id, "--kind", "consultant")
    assert missing.code == 1 and "no consultant" in missing.err


def test_calendar_export_writes_a_file_with_alarms(cli: Cli, tmp_path: Path) -> None:
    opp = setup(cli)
    cli("round", "add", str(opp), "--date", "2099-03-04T10:00", "--timezone", "Europe/London")
    target = tmp_path / "rounds.ics"
    summary = cli.json("calendar", str(opp), "--output", str(target))
    assert summary["rounds"] == 1 and summary["milestones"] == 2 and summary["reminders"] == 1
    parsed = Calendar.from_ical(target.read_bytes())
    events = parsed.walk("VEVENT")
    # The round, two preparation milestones and the thank-you reminder after it.
    assert len(events) == 4
    assert all(e.walk("VALARM") for e in events)
    assert cli("calendar", "999").err.startswith("Error: No opportunity with id 999")


def test_offers_are_rated_compared_scripted_and_decided(cli: Cli) -> None:
    opp = setup(cli)
    cli("profile", "set", "--criterion", "pay=3", "--criterion", "growth=2")
    offer = cli.json("offer", "add", "--opportunity", str(opp), "--salary", "70000")["id"]
    current = cli.json("offer", "add", "--current-job", "--salary", "60000")["id"]
    cli("offer", "rate", str(offer), "--rating", "pay=8", "--rating", "growth=6")
    cli("offer", "rate", str(current), "--rating", "pay=5", "--rating", "growth=7")
    compared = cli.json("offer", "compare")
    assert [row["offer_id"] for row in compared["ranking"]] == [offer, current]
    # Totals 7.2 and 5.8; the lead rests on pay (8 against 5, weight 3 of 5).
    assert compared["sensitivity"].startswith(
        "Lowering the weight of Pay from 3 to below 0.66 would put Current job ahead"
    )
    table = cli("offer", "compare")
    assert "Data Engineer at Lumenfield" in table.out
    bad = cli("offer", "rate", str(offer), "--rating", "pay=eleven")
    assert bad.code == 1 and "not a number" in bad.err
    nobody = cli("offer", "script", str(offer))
    assert nobody.code == 1 and "nobody at Lumenfield" in nobody.err
    round_id = cli.json("round", "add", str(opp))["id"]
    cli("interviewer", "add", str(round_id), "--name", "Priya Shah", "--role", "hiring-manager")
    script = cli("offer", "script", str(offer), "--reply-by", "2099-01-05")
    assert script.code == 0 and "Dear Priya" in script.out
    assert "(the hiring manager)" in script.out and "Monday 5 January 2099" in script.out
    decided = cli.json("offer", "decide", str(offer), "--accept")
    assert decided["decision"] == "accepted"
    assert cli.json("opportunity", "show", str(opp))["stage"] == "accepted"
    assert cli("offer", "decide", str(offer)).code == 1


def test_profile_show_and_set(cli: Cli) -> None:
    setup(cli)
    shown = cli.json("profile", "set", "--other-email", "a@b.example", "--criterion", "remote=2")
    assert shown["other_emails"] == ["a@b.example"]
    assert {"key": "remote", "label": "Remote", "weight": 2.0} in shown["criteria"]
    bad = cli("profile", "set", "--email", "nope")
    assert bad.code == 1 and "not an email address" in bad.err
    assert cli.json("profile", "show")["email"] == ME


def test_the_offer_script_goes_through_the_consultant_and_names_their_deadline(cli: Cli) -> None:
    cli("profile", "set", "--name", "Sam Carter", "--email", "sam.carter@mailbox.example")
    opp = cli.json(
        "opportunity",
        "add",
        "--company",
        "Brightwell",
        "--role",
        "Marketing Manager",
        "--consultant-name",
        "Jess Patel",
        "--consultant-email",
        "jess@harbourtalent.example",
    )["id"]
    offer = cli.json("offer", "add", "--opportunity", str(opp), "--deadline", "2099-01-02")["id"]
    s = cli.json(
        "offer", "script", str(offer), "--reply-by", "2099-01-09", "--reason", "other-process"
    )
    assert (s["to_name"], s["to_role"]) == ("Jess Patel", "your consultant")
    assert s["past_deadline"] and s["deadline"] == "2099-01-02"
    assert s["body"].startswith("Hi Jess,")
    assert "I know Brightwell would like an answer by Friday 2 January 2099" in s["body"]
    assert "bringing another process I am in to a close" in s["body"]
    assert "Friday 9 January 2099" in s["body"] and "in writing" in s["body"]
    text = cli("offer", "script", str(offer), "--reply-by", "2099-01-09")
    assert "Note: Friday 9 January 2099 is after their deadline" in text.out

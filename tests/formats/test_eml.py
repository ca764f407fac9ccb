from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nextround.formats.eml import (
    Email,
    EmailError,
    build_eml_draft,
    html_to_text,
    parse_email,
    parse_pasted_email,
)

EMAILS = Path(__file__).parent / "data" / "emails"


def read(name: str) -> Email:
    return parse_email((EMAILS / name).read_bytes())


def error_for(data: bytes, max_bytes: int = 5_000_000) -> str:
    with pytest.raises(EmailError) as caught:
        parse_email(data, max_bytes=max_bytes)
    return str(caught.value)


# .eml files


def test_it_reads_the_sender_recipients_date_and_subject() -> None:
    email = read("consultant_feedback_plain.eml")
    assert email.sender_name == "Hannah Cole"
    assert email.sender_email == "hannah.cole@brookfield-talent.example"
    assert email.to == ("alex.morgan.jobs@mailbox.example",)
    assert email.date == datetime(2025, 6, 11, 15, 42, 5, tzinfo=UTC)
    assert email.subject == "Re: Lumenfield - feedback from your first interview"


def test_it_trims_the_quoted_earlier_reply_into_quoted() -> None:
    email = read("consultant_feedback_plain.eml")
    assert email.text.startswith("Hi Alex,\n\nGood news:")
    assert email.text.endswith("Best,\nHannah")
    assert "Have you heard anything" not in email.text
    assert email.quoted.startswith("On Tue, 10 Jun 2025 at 09:15, Alex Morgan")
    assert "> Have you heard anything back from Lumenfield yet?" in email.quoted


def test_it_turns_an_html_only_email_into_readable_text() -> None:
    email = read("interviewer_html_only.eml")
    assert email.text == (
        "Hi Alex,\n\n"
        "Thanks for your time today – the team enjoyed the conversation about streaming joins.\n\n"
        "Before we decide, could you send us:\n"
        "a short note on how you would plan the migration cut-over\n"
        "and two references.\n\n"
        "- Deadline: Friday\n"
        "- Format: PDF & one page\n\n"
        "Kind regards,\n"
        "Tomás"
    )


def test_it_drops_scripts_styles_and_the_title_from_html() -> None:
    text = read("interviewer_html_only.eml").text
    assert "window.track" not in text
    assert "font-family" not in text
    assert "Lumenfield mail" not in text


def test_it_decodes_non_ascii_names_and_subjects() -> None:
    email = read("interviewer_html_only.eml")
    assert email.sender_name == "Tomás Ferreira"
    assert email.subject == "Thanks for today – next steps"


def test_it_prefers_the_plain_part_of_a_multipart_alternative_email() -> None:
    email = read("alternative_base64.eml")
    assert email.text == (
        "Plain version: the interview is with Jörg Müller and me.\nPlease bring photo ID."
    )
    assert email.sender_name == "Okafor, Adaeze"
    assert email.to == ("alex.morgan.jobs@mailbox.example", "hr@harrowgate-fs.example")


def test_it_reads_iso_8859_1_quoted_printable() -> None:
    email = read("latin1_quoted_printable.eml")
    assert email.sender_name == "Jörg Müller"
    assert email.subject == "Rückmeldung zum Gespräch"
    assert "vielen Dank für das Gespräch. Wir melden uns nächste Woche." in email.text


def test_it_reads_windows_1252_base64() -> None:
    text = read("windows1252_base64.eml").text
    assert "The salary would be €72,000 – we’re flexible on the start date." in text


def test_it_reads_an_outlook_reply_with_an_attachment() -> None:
    email = read("outlook_mixed_reply.eml")
    assert email.text == (
        "Hi Alex,\n\nWe'd like to offer you the role. The offer letter is attached; "
        "please let us know by 30 June.\n\nRegards,\nSiobhan"
    )
    assert email.quoted.startswith("________________________________\nFrom: Alex Morgan")
    assert "Dear Siobhan, thank you for Tuesday." in email.quoted


def test_it_moves_a_gmail_html_quote_into_quoted() -> None:
    email = read("gmail_html_quote.eml")
    assert email.text == (
        "Hi Alex,\n\nThank you for the kind note. We will be in touch by Wednesday.\n\nPriya"
    )
    assert "> Dear Priya," in email.quoted


def test_it_reads_an_email_with_unix_line_endings() -> None:
    data = (EMAILS / "consultant_feedback_plain.eml").read_bytes().replace(b"\r\n", b"\n")
    assert parse_email(data).sender_name == "Hannah Cole"


def test_it_reads_a_date_with_no_zone_in_the_local_zone() -> None:
    data = b"From: a@b.example\r\nDate: Wed, 11 Jun 2025 16:42:05 -0000\r\n\r\nHello\r\n"
    email = parse_email(data, local_timezone="Europe/London")
    assert email.date == datetime(2025, 6, 11, 16, 42, 5, tzinfo=ZoneInfo("Europe/London"))


def test_it_leaves_the_date_empty_when_it_cannot_be_read() -> None:
    data = b"From: a@b.example\r\nDate: sometime last week\r\n\r\nHello\r\n"
    assert parse_email(data).date is None


# Errors


def test_it_rejects_something_that_is_not_an_email() -> None:
    assert error_for((EMAILS / "not_an_email.eml").read_bytes()) == (
        "this is not an email (no From, To, Subject or Date header)"
    )


def test_it_rejects_an_empty_file() -> None:
    assert error_for(b"  \r\n") == "the email is empty"


def test_it_rejects_an_email_with_only_an_attachment() -> None:
    assert error_for((EMAILS / "attachment_only.eml").read_bytes()) == (
        "the email has no readable text"
    )


def test_it_rejects_an_email_with_an_empty_body() -> None:
    assert error_for(b"From: a@b.example\r\nSubject: Hi\r\n\r\n   \r\n") == (
        "the email has no readable text"
    )


def test_it_rejects_an_enormous_email_before_reading_it() -> None:
    data = b"From: a@b.example\r\n\r\n" + b"x" * 6_000_000
    assert error_for(data) == "the email is too large (6.0 MB; the limit is 5.0 MB)"


def test_it_takes_a_smaller_size_cap() -> None:
    data = (EMAILS / "consultant_feedback_plain.eml").read_bytes()
    assert "too large" in error_for(data, max_bytes=500)


def test_it_rejects_binary_data() -> None:
    assert error_for(b"%PDF-1.4\x00\x01\x02") == "this is not an email (it holds binary data)"


def test_email_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="empty"):
        parse_email(b"")


# Pasted emails


PASTED = """From: Hannah Cole <hannah.cole@brookfield-talent.example>
Sent: Wednesday, June 11, 2025 4:42 PM
To: Alex Morgan <alex.morgan.jobs@mailbox.example>
Subject: Feedback from Lumenfield

Hi Alex,

Priya liked the pipeline migration story.
> earlier text the consultant quoted
"""


def test_it_reads_a_pasted_email_with_header_lines() -> None:
    email = parse_pasted_email(PASTED, local_timezone="Europe/London")
    assert email.sender_name == "Hannah Cole"
    assert email.sender_email == "hannah.cole@brookfield-talent.example"
    assert email.to == ("alex.morgan.jobs@mailbox.example",)
    assert email.subject == "Feedback from Lumenfield"
    assert email.date == datetime(2025, 6, 11, 16, 42, tzinfo=ZoneInfo("Europe/London"))
    assert email.text == "Hi Alex,\n\nPriya liked the pipeline migration story."
    assert email.quoted == "> earlier text the consultant quoted"


def test_it_reads_a_pasted_email_with_an_rfc_date() -> None:
    text = "From: priya.shah@lumenfield.example\nDate: Fri, 13 Jun 2025 09:12:00 +0100\n\nThanks!"
    email = parse_pasted_email(text)
    assert email.sender_name == ""
    assert email.sender_email == "priya.shah@lumenfield.example"
    assert email.date == datetime(2025, 6, 13, 8, 12, tzinfo=UTC)
    assert email.date.utcoffset() == timedelta(hours=1)
    assert email.text == "Thanks!"


def test_it_reads_a_pasted_email_with_no_headers_as_all_text() -> None:
    email = parse_pasted_email("Great to meet you today.\n\nOn Mon, Bob wrote:\n> hi")
    assert email == Email(
        sender_name="",
        sender_email="",
        to=(),
        date=None,
        subject="",
        text="Great to meet you today.",
        quoted="On Mon, Bob wrote:\n> hi",
    )


def test_it_reads_a_pasted_sender_with_only_a_name() -> None:
    email = parse_pasted_email("From: Hannah Cole\nSubject: News\n\nCall me.")
    assert (email.sender_name, email.sender_email) == ("Hannah Cole", "")


def test_it_rejects_an_empty_paste() -> None:
    with pytest.raises(EmailError, match=r"^the email is empty$"):
        parse_pasted_email(" \n\n ")


def test_it_rejects_a_paste_with_headers_and_no_text() -> None:
    with pytest.raises(EmailError, match=r"^the email has no readable text$"):
        parse_pasted_email("From: a@b.example\nSubject: Hello\n\n")


def test_it_rejects_an_enormous_paste() -> None:
    with pytest.raises(EmailError, match="too long"):
        parse_pasted_email("x" * 20, max_chars=10)


# HTML to text


def test_it_keeps_paragraphs_and_breaks_in_html() -> None:
    html = "<p>One   two\nthree</p><p>Four<br>five<br><br>six</p><div>seven</div>"
    assert html_to_text(html) == "One two three\n\nFour\nfive\n\nsix\n\nseven"


def test_it_keeps_preformatted_text_as_it_is() -> None:
    assert html_to_text("<pre>a  b\n  c</pre>") == "a  b\n  c"


# Drafts


def parse_draft(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_it_writes_an_unsent_draft_that_reads_back() -> None:
    data = build_eml_draft(
        "Tomás Ferreira",
        "tomas.ferreira@lumenfield.example",
        "Thank you – second interview",
        "Dear Tomás,\n\nThank you for today.\n\nBest wishes,\nAlex",
        from_email="alex.morgan.jobs@mailbox.example",
    )
    message = parse_draft(data)
    assert message["X-Unsent"] == "1"
    assert message["To"] == "Tomás Ferreira <tomas.ferreira@lumenfield.example>"
    assert message["From"] == "alex.morgan.jobs@mailbox.example"
    assert message["Subject"] == "Thank you – second interview"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == (
        "Dear Tomás,\n\nThank you for today.\n\nBest wishes,\nAlex\n"
    )
    assert b"\r\n" in data
    assert all(ord(char) < 128 for char in data.decode("ascii"))


def test_a_draft_reads_back_through_parse_email() -> None:
    data = build_eml_draft("Priya Shah", "priya.shah@lumenfield.example", "Hello", "Hi Priya")
    email = parse_email(data)
    assert email.to == ("priya.shah@lumenfield.example",)
    assert email.text == "Hi Priya"
    assert email.sender_email == ""


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"to_email": "not an address"}, "to_email is not an email address: 'not an address'"),
        ({"to_email": "a@b.example>, c@d.example"}, "to_email is not an email address"),
        ({"subject": "Hi\r\nBcc: x@y.example"}, "subject must be one line"),
        ({"from_email": "me"}, "from_email is not an email address: 'me'"),
    ],
)
def test_it_refuses_a_draft_with_a_bad_field(kwargs: dict[str, str], message: str) -> None:
    fields = {
        "to_name": "Priya",
        "to_email": "priya@lumenfield.example",
        "subject": "Hello",
        "body": "Hi",
    }
    fields.update(kwargs)
    with pytest.raises(EmailError) as caught:
        build_eml_draft(**fields)
    assert str(caught.value).startswith(message)


def test_dates_from_eml_files_are_aware() -> None:
    for name in ("consultant_feedback_plain.eml", "outlook_mixed_reply.eml"):
        date = read(name).date
        assert date is not None
        assert date.tzinfo is not None
        assert date.utcoffset() is not None
    assert read("outlook_mixed_reply.eml").date == datetime(2025, 6, 23, 8, 5, 12, tzinfo=UTC)

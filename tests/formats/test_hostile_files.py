"""Hostile files given to the format readers: each refused quickly, naming the limit."""

from __future__ import annotations

import re

import pytest

from nextround.formats import docx, eml, ics, pdf
from nextround.formats.documents import DocumentError, read_document
from tests.formats import hostile
from tests.formats.hostile import Hostile


@pytest.mark.parametrize("item", hostile.hostile("document"), ids=lambda h: h.name)
def test_a_hostile_document_is_refused_with_a_message_naming_the_file(item: Hostile) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(item.data, item.filename)
    message = str(caught.value)
    assert message.startswith(f"{item.filename}: ")
    assert re.search(item.refusal, message, re.IGNORECASE), message
    assert "\n" not in message


def test_a_huge_text_run_is_refused_by_its_page_character_limit() -> None:
    with pytest.raises(DocumentError, match="page 1 holds more than 20,000 characters"):
        read_document(hostile.pdf_huge_text_run(), "jd.pdf")


def test_a_stream_inflating_to_a_gigabyte_is_refused_before_pdfminer_reads_it() -> None:
    with pytest.raises(DocumentError, match="inflate to more than 200 MB"):
        pdf.check_inflated(hostile.pdf_inflating_stream(), "jd.pdf")


def test_a_doubly_deflated_stream_is_stopped_by_the_child_process_memory_limit() -> None:
    # The outer layer inflates to only a megabyte, so only the address-space limit stops it.
    pdf.check_inflated(hostile.pdf_double_deflated_stream(), "jd.pdf")
    with pytest.raises(DocumentError, match="needs more than 768 MB of memory"):
        read_document(hostile.pdf_double_deflated_stream(), "jd.pdf")


def test_pages_under_the_page_limit_still_meet_the_document_limit() -> None:
    with pytest.raises(DocumentError, match="holds more than 200,000 characters"):
        read_document(hostile.pdf_many_full_pages(), "cv.pdf")


def test_a_page_count_lie_is_refused_naming_the_claim() -> None:
    with pytest.raises(DocumentError, match="claims 2,000,000,000 pages"):
        read_document(hostile.pdf_page_count_lie(), "cv.pdf")


def test_an_ordinary_pdf_still_reads_through_the_child_process() -> None:
    text = hostile.text_pdf([b"BT /F1 12 Tf 72 700 Td (Senior platform engineer) Tj ET"])
    document = read_document(text, "jd.pdf")
    assert document.text == "Senior platform engineer\n"
    assert document.pages == 1


@pytest.mark.parametrize(
    ("encoding", "padding"),
    [("UTF-8", 10_000), ("UTF-8", 0), ("UTF-16", 0), ("UTF-16", 5_000)],
)
def test_an_entity_declaration_is_refused_wherever_it_sits_and_in_any_encoding(
    encoding: str, padding: int
) -> None:
    data = hostile.docx_of(hostile.laughs_xml(encoding, padding))
    with pytest.raises(DocumentError, match="declares a DOCTYPE or entities"):
        read_document(data, "cv.docx")


def test_a_utf16_part_without_declarations_is_still_read() -> None:
    xml = (
        f'<?xml version="1.0" encoding="UTF-16"?><w:document {hostile.W}><w:body><w:p><w:r>'
        "<w:t>Led the payments team</w:t></w:r></w:p></w:body></w:document>"
    ).encode("utf-16")
    assert read_document(hostile.docx_of(xml), "cv.docx").text == "Led the payments team\n"


def test_a_declaration_is_refused_before_any_entity_is_expanded() -> None:
    with pytest.raises(docx.DeclarationRefused):
        docx.refuse_declarations(hostile.laughs_xml("UTF-16", 0))


@pytest.mark.parametrize("item", hostile.hostile("invite"), ids=lambda h: h.name)
def test_an_invite_with_thousands_of_attendees_is_refused_naming_the_limit(item: Hostile) -> None:
    with pytest.raises(ics.InviteError, match="at most 50 attendees per invite"):
        ics.parse_invite(item.data)


def test_an_invite_with_fifty_attendees_is_read_whole() -> None:
    invite = ics.parse_invite(hostile.invite_with_attendees(50))
    assert len(invite.attendees) == 50
    assert invite.attendees[-1].email == "person49@example.com"


def test_the_attendee_limit_counts_each_event_of_a_series_apart() -> None:
    one = hostile.invite_with_attendees(30).decode()
    event = one[one.index("BEGIN:VEVENT") : one.index("END:VCALENDAR")]
    override = event.replace("DTSTAMP:", "RECURRENCE-ID:20260310T140000Z\r\nDTSTAMP:", 1)
    two = one.replace("END:VCALENDAR", override + "END:VCALENDAR")
    assert len(ics.parse_invite(two.encode()).attendees) == 30


def test_a_description_folded_into_a_hundred_thousand_pieces_is_read_whole() -> None:
    one = hostile.invite_with_attendees(1).decode()
    folded = "DESCRIPTION:x" + "\r\n y" * 100_000
    data = one.replace("SUMMARY:", folded + "\r\nSUMMARY:", 1).encode()
    assert ics.parse_invite(data).description == "x" + "y" * 100_000


def test_mime_nested_three_thousand_deep_is_refused_naming_the_limit() -> None:
    with pytest.raises(eml.EmailError, match="nested more than 20 deep"):
        eml.parse_email(hostile.deep_mime_email())


def test_mime_nested_just_past_the_limit_is_refused_too() -> None:
    with pytest.raises(eml.EmailError, match="at most 20 levels"):
        eml.parse_email(hostile.deep_mime_email(21))


def test_mime_nested_within_the_limit_is_read() -> None:
    assert eml.parse_email(hostile.deep_mime_email(19)).text == "They liked your answers."

"""What a candidate gets from reading a job description, CV or profile file."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from nextround.formats.documents import Document, DocumentError, read_document, read_path
from tests.formats import corpus
from tests.formats.corpus import Item

READABLE = [i.name for i in corpus.items() if i.kind != "bad"]
BAD = [i.name for i in corpus.items("bad")]


def read(item: Item) -> Document:
    return read_document(item.data, item.filename)


def assert_in_order(text: str, phrases: tuple[str, ...]) -> None:
    flat = re.sub(r"\s+", " ", text)
    position = 0
    for phrase in phrases:
        found = flat.find(phrase, position)
        assert found >= 0, f"{phrase!r} missing or out of order in:\n{text}"
        position = found + len(phrase)


@pytest.mark.parametrize("name", READABLE)
def test_it_keeps_every_expected_phrase_in_reading_order(name: str) -> None:
    item = corpus.item(name)
    assert_in_order(read(item).text, item.phrases)


@pytest.mark.parametrize("name", [n for n in READABLE if corpus.item(n).headings])
def test_must_have_and_nice_to_have_sections_survive_as_headings(name: str) -> None:
    item = corpus.item(name)
    headings = [
        line.lstrip("#").strip() for line in read(item).text.splitlines() if line.startswith("#")
    ]
    for heading in item.headings:
        assert heading in headings


@pytest.mark.parametrize("name", [n for n in READABLE if corpus.item(n).bullets])
def test_bullet_lists_survive_as_list_items(name: str) -> None:
    item = corpus.item(name)
    lines = read(item).text.splitlines()
    for bullet in item.bullets:
        assert f"- {bullet}" in [line.strip() for line in lines]


@pytest.mark.parametrize("name", BAD)
def test_a_bad_file_gets_a_one_line_message_naming_it(name: str) -> None:
    item = corpus.item(name)
    with pytest.raises(DocumentError) as caught:
        read(item)
    message = str(caught.value)
    assert item.error in message
    assert message.startswith(item.filename + ":")
    assert "\n" not in message


def test_it_reports_the_page_count_of_a_pdf() -> None:
    assert read(corpus.item("jd_pdf")).pages == 3
    assert read(corpus.item("jd_docx")).pages is None


def test_it_drops_page_numbers_from_a_pdf() -> None:
    assert "Page 1 of 3" not in read(corpus.item("jd_pdf")).text


def test_it_reads_a_two_column_pdf_column_by_column() -> None:
    text = read(corpus.item("jd_two_column_pdf")).text
    left = text.index("Review code and help two junior engineers grow")
    right = text.index("Five years building data pipelines in Python")
    assert left < right
    assert "grow. Five years" not in text.replace("\n", " ")


def test_it_reads_a_two_column_cv_sidebar_then_main_column() -> None:
    text = read(corpus.item("cv_two_column_pdf")).text
    assert text.index("Prometheus") < text.index("Summary") < text.index("no downtime")


def test_it_reads_a_pdf_whose_empty_password_opens_it() -> None:
    document = read(corpus.item("owner_locked_pdf"))
    assert "Senior Data Engineer" in document.text


def test_it_keeps_accents_from_a_french_pdf() -> None:
    text = read(corpus.item("jd_french_pdf")).text
    assert "Épicerie Numérique" in text
    assert "## Atouts appréciés" in text or "# Atouts appréciés" in text


def test_it_turns_a_docx_table_into_a_markdown_table() -> None:
    text = read(corpus.item("jd_docx")).text
    assert "| Salary | Location | Contract |" in text
    assert "| £68,000 to £78,000 | Leeds, two office days | Permanent |" in text


def test_it_numbers_a_docx_numbered_list() -> None:
    text = read(corpus.item("jd_docx")).text
    assert "1. Hiring manager call\n2. Pairing\n3. Final" in text


def test_it_reads_a_two_column_docx_table_cell_by_cell() -> None:
    text = read(corpus.item("cv_two_column_docx")).text
    assert "| Contact" not in text
    assert text.index("Prometheus") < text.index("Platform Engineer, Quillfeather Ltd")


def test_a_saved_job_page_keeps_the_posting_and_drops_the_page_around_it() -> None:
    text = read(corpus.item("jd_html")).text
    for furniture in (
        "cookies",
        "Find jobs",
        "Salary guide",
        "Apply now",
        "Similar jobs",
        "Terms. Privacy",
        "dataLayer",
        "font-family",
        "Home > Data",
    ):
        assert furniture not in text
    assert text.startswith("# Senior Data Engineer")


def test_a_script_rendered_page_falls_back_to_its_structured_data() -> None:
    page = (
        "<html><body><div id='app'></div><script type='application/ld+json'>"
        '{"@type": "JobPosting", "title": "Rota Planner", "description": '
        '"<p>Plan the rotas.</p><ul><li>Excel</li></ul>"}</script></body></html>'
    )
    document = read_document(page.encode(), "rota.html")
    assert "# Rota Planner" in document.text
    assert "- Excel" in document.text
    assert document.warnings


def test_a_cp1252_text_file_is_decoded_with_a_warning_naming_the_encoding() -> None:
    document = read(corpus.item("jd_german_cp1252"))
    assert "Kühlungsborn" in document.text
    assert document.warnings == ("projektleitung.txt: not UTF-8; decoded as Windows-1252 (cp1252)",)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("\ufeffMüller GmbH".encode(), "UTF-8 (with a byte-order mark)"),
        ("Müller GmbH".encode("utf-16"), "UTF-16"),
        ("Müller GmbH".encode("utf-16-le"), "UTF-16-LE"),
    ],
)
def test_a_text_file_with_a_byte_order_mark_or_utf16_is_decoded(data: bytes, encoding: str) -> None:
    document = read_document(data, "notes.txt")
    assert document.text == "Müller GmbH\n"
    assert encoding in document.warnings[0]


def test_a_plain_utf8_text_file_has_no_warnings_and_keeps_markdown() -> None:
    document = read_document(b"# Role\n\n* Python\r\n* SQL\n", "role.md")
    assert document == Document(
        text="# Role\n\n* Python\n* SQL\n", kind="md", pages=None, warnings=()
    )


def test_typographic_bullets_in_a_text_file_become_list_items() -> None:
    document = read_document("Must have\n• Python\n  ◦ pandas\n".encode(), "jd.txt")
    assert document.text == "Must have\n- Python\n  - pandas\n"


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(DocumentError, match=r"^cv\.pdf: the file is empty$"):
        read_document(b"", "cv.pdf")


def test_a_file_of_only_whitespace_is_refused() -> None:
    with pytest.raises(DocumentError, match="no text"):
        read_document(b"  \n\n ", "cv.txt")


def test_an_unknown_extension_is_refused_with_the_types_it_can_read() -> None:
    with pytest.raises(DocumentError, match=r"^cv\.odt: unknown file type \('\.odt'\)"):
        read_document(b"hello", "cv.odt")


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(DocumentError, match=r"over the 0\.0 MB limit"):
        read_document(b"%PDF-1.7 garbage", "big.pdf", max_bytes=10)


def test_a_zip_without_a_word_document_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(DocumentError, match=r"zip without word/document\.xml"):
        read_document(buffer.getvalue(), "cv.docx")


def test_an_old_word_file_renamed_docx_is_named_for_what_it_is() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(DocumentError, match=r"old Word \.doc"):
        read_document(data, "cv.docx")


def test_a_pdf_named_txt_is_refused() -> None:
    with pytest.raises(DocumentError, match="not a text file: it looks like a PDF"):
        read_document(corpus.item("cv_pdf").data, "cv.txt")


def test_binary_bytes_named_txt_are_refused() -> None:
    with pytest.raises(DocumentError, match="binary data"):
        read_document(bytes(range(256)) * 4, "notes.txt")


def test_a_damaged_docx_is_refused() -> None:
    with pytest.raises(DocumentError, match="damaged or truncated"):
        read_document(corpus.item("jd_docx").data[:400], "jd.docx")


def test_a_docx_with_a_doctype_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(DocumentError, match="damaged"):
        read_document(buffer.getvalue(), "cv.docx")


def test_a_pdf_over_the_page_cap_is_read_up_to_it_with_a_warning() -> None:
    document = read_document(corpus.item("jd_pdf").data, "jd.pdf", max_pages=2)
    assert "Must have" in document.text
    assert "How we hire" not in document.text
    assert document.warnings == ("jd.pdf: only the first 2 of 3 pages were read",)


def test_read_path_reads_a_file_from_disk(tmp_path: Path) -> None:
    path = corpus.item("cv_docx").write(tmp_path)
    document = read_path(path)
    assert document.kind == "docx"
    assert "Maya Okafor" in document.text


def test_read_path_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"^gone\.pdf: cannot be opened"):
        read_path(tmp_path / "gone.pdf")


def test_a_three_page_pdf_is_read_in_under_a_second() -> None:
    data = corpus.item("jd_pdf").data
    started = time.perf_counter()
    read_document(data, "jd.pdf")
    assert time.perf_counter() - started < 1.0


def kinds_of(document: Document) -> dict[str, str]:
    from nextround.coach.requirements import extract_requirements

    return {r.text: r.kind for r in extract_requirements(document.text).requirements}


JOB_PAGE = (
    "<html><body><main><h1>Site Engineer</h1><p>We build homes across the county and need a site"
    " engineer for our Brook Farm scheme, which runs for the next two years.</p>{body}"
    "</main></body></html>"
)


def test_a_heading_inside_a_list_keeps_the_items_after_it_desirable() -> None:
    body = (
        "<h2>Requirements</h2><ul><li>Valid CSCS card</li><li>Two years of site engineering</li>"
        "<h3>Nice to have</h3><li>Working knowledge of AutoCAD</li></ul>"
    )
    found = kinds_of(read_document(JOB_PAGE.format(body=body).encode(), "job.html"))
    assert found == {
        "Valid CSCS card": "must",
        "Two years of site engineering": "must",
        "Working knowledge of AutoCAD": "nice",
    }


def test_a_bold_desirable_item_in_a_list_is_a_heading_not_a_requirement() -> None:
    body = (
        "<h2>About you</h2><ul><li><strong>Essential:</strong></li><li>Full UK driving licence</li>"
        "<li><strong>Desirable:</strong></li><li>SMSTS certificate</li>"
        "<li><strong>Python</strong></li></ul>"
    )
    found = kinds_of(read_document(JOB_PAGE.format(body=body).encode(), "job.html"))
    # A bold item that names a skill stays an item.
    assert found == {
        "Full UK driving licence": "must",
        "SMSTS certificate": "nice",
        "Python": "nice",
    }


def test_bold_paragraphs_between_lists_and_definition_lists_keep_must_and_nice() -> None:
    body = (
        "<h2>Person specification</h2><p><strong>Essential</strong></p><ul><li>QTS</li>"
        "<li>Experience of teaching in Key Stage 2</li></ul><p><strong>Desirable</strong></p>"
        "<ul><li>Experience of leading a subject</li></ul>"
        "<h2>Skills</h2><dl><dt>Essential</dt><dd>Excellent behaviour management</dd>"
        "<dt>Desirable</dt><dd>Forest School training</dd></dl>"
    )
    found = kinds_of(read_document(JOB_PAGE.format(body=body).encode(), "job.html"))
    assert found == {
        "QTS": "must",
        "Experience of teaching in Key Stage 2": "must",
        "Experience of leading a subject": "nice",
        "Excellent behaviour management": "must",
        "Forest School training": "nice",
    }


def test_a_person_specification_table_becomes_essential_and_desirable_lists() -> None:
    body = (
        "<h2>Person specification</h2><table><tr><th>Criteria</th><th>Essential</th>"
        "<th>Desirable</th><th>How assessed</th></tr><tr><td>Qualifications</td>"
        "<td><ul><li>Social work degree</li><li>Registration with Social Work England</li></ul>"
        "</td><td>Best Interests Assessor qualification</td><td>Application</td></tr>"
        "<tr><td>Experience</td><td>Experience of Care Act assessments</td><td></td>"
        "<td>Interview</td></tr></table>"
    )
    document = read_document(JOB_PAGE.format(body=body).encode(), "job.html")
    assert "### Essential\n- Social work degree\n- Registration with Social Work England" in (
        document.text
    )
    assert kinds_of(document) == {
        "Social work degree": "must",
        "Registration with Social Work England": "must",
        "Experience of Care Act assessments": "must",
        "Best Interests Assessor qualification": "nice",
    }


def test_a_person_specification_that_ticks_essential_or_desirable_keeps_each_criterion() -> None:
    # NHS and school specs often tick a column per row rather than writing in it.
    body = (
        "<h2>Person specification</h2><table><tr><th>Criteria</th><th>Essential</th>"
        "<th>Desirable</th><th>Method of assessment</th></tr>"
        "<tr><td>Current NMC registration</td><td>✓</td><td></td><td>Application</td></tr>"
        "<tr><td>Mentorship qualification</td><td></td><td>✓</td><td>Application</td></tr>"
        "<tr><td>Experience in acute medicine</td><td>E</td><td></td><td>Interview</td></tr>"
        "</table>"
    )
    document = read_document(JOB_PAGE.format(body=body).encode(), "job.html")
    assert "✓" not in document.text
    assert kinds_of(document) == {
        "Current NMC registration": "must",
        "Experience in acute medicine": "must",
        "Mentorship qualification": "nice",
    }


def test_a_word_person_specification_table_keeps_its_columns() -> None:
    rows = [
        ["Area", "Essential", "Desirable"],
        ["Qualifications", "AAT level 3", "Studying towards ACCA"],
        ["Systems", "Advanced Excel", "Sage 200"],
    ]
    cells = "".join(
        "<w:tr>"
        + "".join(
            corpus.cell_of_blocks(corpus.para(c) + (corpus.para("") if i == 0 else ""))
            for i, c in enumerate(row)
        )
        + "</w:tr>"
        for row in rows
    )
    body = corpus.para("Assistant Accountant", "Title") + corpus.para(
        "Person specification", "Heading1"
    )
    document = read_document(corpus.docx(body + f"<w:tbl>{cells}</w:tbl>"), "spec.docx")
    assert kinds_of(document) == {
        "AAT level 3": "must",
        "Advanced Excel": "must",
        "Studying towards ACCA": "nice",
        "Sage 200": "nice",
    }

"""A person uploads a PDF job description and imports their CV in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Shots, expect
from tests.formats import corpus

pytestmark = pytest.mark.browser


def test_a_person_uploads_a_pdf_job_description(
    page: Any, app_server: str, shots: Shots, tmp_path: Path
) -> None:
    pdf = corpus.item("jd_pdf").write(tmp_path)
    page.goto(app_server + "/opportunities/new/")
    page.get_by_label("Company", exact=True).fill("Larkspur Analytics")
    page.get_by_label("Role", exact=True).fill(corpus.JD_TITLE)
    page.get_by_label("Job description file", exact=True).set_input_files(str(pdf))
    shots("form-with-file")
    page.get_by_role("button", name="Save opportunity").click()

    heading = page.get_by_role("heading", level=1)
    assert corpus.JD_TITLE in heading.inner_text()
    jd = page.locator(".jd").inner_text()
    assert corpus.JD_MUST[0] in jd and corpus.JD_NICE[0] in jd
    shots("opportunity-from-pdf")


def test_a_bad_file_is_explained_beside_the_field(
    page: Any, app_server: str, shots: Shots, tmp_path: Path
) -> None:
    scanned = corpus.item("scanned_pdf").write(tmp_path)
    page.goto(app_server + "/opportunities/new/")
    page.get_by_label("Company", exact=True).fill("Larkspur Analytics")
    page.get_by_label("Role", exact=True).fill(corpus.JD_TITLE)
    page.get_by_label("Job description file", exact=True).set_input_files(str(scanned))
    page.get_by_role("button", name="Save opportunity").click()
    field = page.locator(".field.has-error")
    expect(field).to_contain_text("needs OCR")
    assert page.get_by_label("Company", exact=True).input_value() == "Larkspur Analytics"
    shots("scanned-refused")


def test_a_person_previews_then_imports_their_cv(
    page: Any, app_server: str, shots: Shots, tmp_path: Path
) -> None:
    cv = corpus.item("cv_pdf").write(tmp_path)
    page.goto(app_server + "/")
    page.get_by_role("link", name="Import CV").click()
    page.get_by_label("Your CV", exact=True).set_input_files(str(cv))
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("maya-okafor-cv.pdf")
    expect(page.get_by_text("Nothing has been saved yet.")).to_be_visible()
    expect(page.get_by_role("cell", name="Brightwater Bank")).to_be_visible()
    first = page.get_by_role("checkbox", name="Cut onboarding time by 40%")
    assert first.is_checked()
    page.get_by_role("checkbox", name="Cleaned and documented 12 legacy datasets").uncheck()
    shots("cv-preview")
    page.get_by_role("button", name="Import").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Your stories"
    expect(page.locator(".messages")).to_contain_text("story drafts added")
    body = page.locator("main").inner_text()
    assert "Cut onboarding time by 40%" in body
    assert "Cleaned and documented 12 legacy datasets" not in body
    shots("stories-after-import")

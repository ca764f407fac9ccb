"""Uploading job descriptions, CVs and interviewer profiles through the web pages."""

from __future__ import annotations

import tempfile
import tracemalloc
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nextround.services.cv_import import TO_COMPLETE
from nextround.store import models as m
from tests.formats import corpus
from tests.world import World

BAD = ["scanned_pdf", "encrypted_pdf", "truncated_pdf", "zip_bomb_docx", "png_named_pdf"]
BAD_MESSAGES = {
    "scanned_pdf": "needs OCR, which nextround does not include",
    "encrypted_pdf": "password-protected",
    "truncated_pdf": "damaged or truncated",
    "zip_bomb_docx": "zip bomb",
    "png_named_pdf": "not a PDF: it looks like a PNG image",
}


def soup(response: Any) -> Any:
    """The page as a tree; typed loosely, as every lookup is checked by an assertion."""
    return BeautifulSoup(response.content, "html.parser")


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every stored row of the app, to show that a refused upload changed nothing."""
    return {
        model.__name__: list(model._default_manager.order_by("pk").values())
        for model in apps.get_app_config("nextround").get_models()
    }


def upload(name: str) -> SimpleUploadedFile:
    item = corpus.item(name)
    return SimpleUploadedFile(item.filename, item.data)


def field_error(page: Any, name: str) -> str:
    """The error text shown in the field group of the control with this name."""
    control = page.find(attrs={"name": name})
    assert control is not None, f"no control named {name}"
    group = control.find_parent(class_="field")
    assert group is not None and "has-error" in group["class"], f"no error beside {name}"
    return str(group.get_text(" ", strip=True))


def new_opportunity(client: Client, **extra: Any) -> Any:
    data = {"company": "Larkspur", "role": "Senior Data Engineer", "stage": "applied"}
    data["dress_code"] = "unknown"
    return client.post("/opportunities/new/", {**data, **extra})


@pytest.fixture
def client(user: object) -> Client:
    return Client()


# --- job descriptions on the opportunity form ----------------------------------------------------


def test_the_opportunity_form_offers_a_file_beside_the_paste(client: Client) -> None:
    page = soup(client.get("/opportunities/new/"))
    form = page.find("input", attrs={"name": "jd_file"}).find_parent("form")
    assert form["enctype"] == "multipart/form-data"
    file_input = page.find("input", attrs={"name": "jd_file", "type": "file"})
    assert ".pdf" in file_input["accept"] and ".docx" in file_input["accept"]
    label = page.find("label", attrs={"for": file_input["id"]})
    assert label is not None and label.get_text(strip=True) == "Job description file"
    assert page.find("textarea", attrs={"name": "job_description"}) is not None


@pytest.mark.parametrize("name", ["jd_pdf", "jd_docx", "jd_html", "jd_two_column_pdf"])
def test_an_uploaded_job_description_keeps_its_headings_and_bullets(
    client: Client, name: str
) -> None:
    item = corpus.item(name)
    response = new_opportunity(client, jd_file=upload(name))
    assert response.status_code == 302
    opp = m.Opportunity.objects.get(company="Larkspur")
    assert opp.jd_source_name == item.filename
    lines = opp.job_description.splitlines()
    for heading in item.headings:
        assert any(line.startswith("#") and heading in line for line in lines), heading
    for bullet in item.bullets:
        assert any(line.startswith("- ") and bullet in line for line in lines), bullet
    page = soup(client.get(response["Location"]))
    assert item.bullets[0] in page.get_text()


def test_a_non_english_text_file_is_read_with_its_accents(client: Client) -> None:
    response = new_opportunity(client, jd_file=upload("jd_german_cp1252"))
    assert response.status_code == 302
    text = m.Opportunity.objects.get().job_description
    assert "Stadtwerke Kühlungsborn" in text and "Freude an Außenterminen" in text


def test_the_page_says_what_was_read_from_the_file_and_how(client: Client) -> None:
    response = new_opportunity(client, jd_file=upload("jd_german_cp1252"))
    page = soup(client.get(response["Location"]))
    notes = [p.get_text() for p in page.select(".messages p")]
    assert notes[0].startswith("Read ") and "words from" in notes[0]
    assert any("decoded as Windows-1252" in note for note in notes[1:])
    page = soup(client.get(response["Location"]))
    assert page.select(".messages p") == []


def test_the_uploaded_file_replaces_the_job_description_when_editing(
    client: Client, world: World
) -> None:
    data = {
        "company": world.acme.company,
        "role": world.acme.role,
        "stage": world.acme.stage,
        "dress_code": world.acme.dress_code,
        "job_description": world.acme.job_description,
        "jd_file": upload("jd_french_pdf"),
    }
    response = client.post(f"/opportunities/{world.acme.pk}/edit/", data)
    assert response.status_code == 302
    world.acme.refresh_from_db()
    assert corpus.FR_TITLE in world.acme.job_description
    assert "Senior Data Analyst, Customer Insights" not in world.acme.job_description
    assert world.acme.jd_source_name == "responsable-produit.pdf"


@pytest.mark.parametrize("name", BAD)
def test_a_bad_job_description_file_is_refused_beside_the_field(
    client: Client, world: World, name: str
) -> None:
    before = snapshot()
    response = new_opportunity(client, jd_file=upload(name))
    assert response.status_code == 200
    message = field_error(soup(response), "jd_file")
    assert corpus.item(name).filename in message
    assert BAD_MESSAGES[name] in message
    # What was typed is kept for the next try.
    assert soup(response).find("input", attrs={"name": "company"})["value"] == "Larkspur"
    assert snapshot() == before


def test_a_bad_file_leaves_the_job_description_being_edited_alone(
    client: Client, world: World
) -> None:
    before = snapshot()
    data = {
        "company": "Renamed",
        "role": world.acme.role,
        "stage": world.acme.stage,
        "dress_code": world.acme.dress_code,
        "job_description": "",
        "jd_file": upload("zip_bomb_docx"),
    }
    response = client.post(f"/opportunities/{world.acme.pk}/edit/", data)
    assert "zip bomb" in field_error(soup(response), "jd_file")
    assert snapshot() == before


def test_a_file_of_an_unknown_kind_names_the_kinds_that_are_read(client: Client) -> None:
    response = new_opportunity(client, jd_file=SimpleUploadedFile("advert.odt", b"PK\x03\x04x"))
    message = field_error(soup(response), "jd_file")
    assert "advert.odt: unknown file type ('.odt')" in message and ".docx" in message
    assert not m.Opportunity.objects.exists()


def multipart_file(boundary: str, fields: dict[str, str], name: str, size: int) -> Any:
    """A multipart body on disk with a file of `size` bytes, so the test itself stays small."""
    body = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the test that reads it)
    for key, value in fields.items():
        body.write(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    body.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="jd_file"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n".encode()
    )
    chunk = b"0" * (1024 * 1024)
    written = 9
    while written < size:
        part = chunk[: size - written]
        body.write(part)
        written += len(part)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    length = body.tell()
    body.seek(0)
    return body, length


def test_a_100_mb_upload_is_refused_in_bounded_memory(client: Client) -> None:
    before = snapshot()
    client.get("/opportunities/new/")
    token = client.cookies["csrftoken"].value
    boundary = "----nextroundtestboundary"
    fields = {
        "csrfmiddlewaretoken": token,
        "company": "Larkspur",
        "role": "Engineer",
        "stage": "applied",
        "dress_code": "unknown",
    }
    body, length = multipart_file(boundary, fields, "huge.pdf", 100 * 1024 * 1024)
    tracemalloc.start()
    try:
        response = client.generic(
            "POST",
            "/opportunities/new/",
            CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
            CONTENT_LENGTH=str(length),
            **{"wsgi.input": body},
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        body.close()
    message = field_error(soup(response), "jd_file")
    assert "huge.pdf: the file is 100.0 MB, over the 20.0 MB limit" in message
    assert peak < 40 * 1024 * 1024, f"peak memory {peak / 2**20:.0f} MB"
    assert snapshot() == before


# --- CV import -----------------------------------------------------------------------------------


def test_the_cv_page_is_in_the_main_navigation(client: Client) -> None:
    page = soup(client.get("/", follow=True))
    nav = page.find("nav", attrs={"aria-label": "Main"})
    assert nav.find("a", href="/cv/import/", string="Import CV") is not None
    form_page = soup(client.get("/cv/import/"))
    assert form_page.find("input", attrs={"type": "file", "name": "file"}) is not None
    assert form_page.find("textarea", attrs={"name": "text"}) is not None


def test_a_cv_is_previewed_and_nothing_is_saved(client: Client) -> None:
    before = snapshot()
    response = client.post("/cv/import/", {"file": upload("cv_pdf")})
    assert response.status_code == 200
    page = soup(response)
    assert "maya-okafor-cv.pdf" in page.h1.get_text()
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in page.select("tbody tr")]
    assert rows[0][:2] == ["Senior Product Analyst", "Larkspur Analytics"]
    assert rows[1][:3] == ["Product Analyst", "Brightwater Bank", "Sep 2017 – Feb 2021"]
    skills = [li.get_text(" ", strip=True) for li in page.select(".cv-skills li")]
    assert skills[0] == "SQL new" and len(skills) == len(corpus.MAYA_SKILLS)
    drafts = page.select(".cv-draft")
    assert "Cut onboarding time by 40%" in drafts[0].get_text()
    assert all(d.find("input", attrs={"type": "checkbox"}).has_attr("checked") for d in drafts)
    assert page.find("button", string="Import") is not None
    assert snapshot() == before


def preview_then_confirm(client: Client, name: str, keep: list[int] | None = None) -> Any:
    page = soup(client.post("/cv/import/", {"file": upload(name)}))
    form = page.find("form", action="/cv/import/confirm/")
    data: dict[str, Any] = {
        i["name"]: i.get("value", "") for i in form.find_all("input", attrs={"type": "hidden"})
    }
    checked = [
        i["value"]
        for i in form.find_all("input", attrs={"name": "drafts"})
        if i.has_attr("checked")
    ]
    data["drafts"] = [str(n) for n in keep] if keep is not None else checked
    return client.post("/cv/import/confirm/", data)


def test_confirming_the_preview_saves_skills_and_story_drafts(client: Client, user: Any) -> None:
    response = preview_then_confirm(client, "cv_docx")
    assert response.status_code == 302 and response["Location"] == "/stories/"
    profile = m.Profile.objects.get(owner=user)
    assert profile.skills == list(corpus.MAYA_SKILLS)
    assert "Brightwater Bank" in profile.cv_text
    story = m.Story.objects.get(title="Cut onboarding time by 40%")
    assert story.situation.startswith(TO_COMPLETE) and story.task.startswith(TO_COMPLETE)
    assert story.action == "rebuilding the activation funnel dashboard"
    assert story.metrics == "40%"
    page = soup(client.get("/stories/"))
    assert "story drafts added" in page.select_one(".messages").get_text()
    assert "Cut onboarding time by 40%" in page.get_text()


def test_importing_the_same_cv_twice_adds_no_second_copy(client: Client) -> None:
    preview_then_confirm(client, "cv_pdf")
    count = m.Story.objects.count()
    page = soup(client.post("/cv/import/", {"file": upload("cv_pdf")}))
    assert all("already in your stories" in d.get_text() for d in page.select(".cv-draft"))
    preview_then_confirm(client, "cv_pdf")
    assert m.Story.objects.count() == count > 0


def test_only_the_ticked_drafts_become_stories(client: Client) -> None:
    preview_then_confirm(client, "cv_two_column_pdf", keep=[2])
    assert list(m.Story.objects.values_list("title", flat=True)) == [
        "Introduced Terraform modules used by 6 product teams"
    ]


def test_a_pasted_cv_is_previewed_too(client: Client) -> None:
    text = corpus.item("cv_pdf")
    from nextround.formats.documents import read_document

    pasted = read_document(text.data, text.filename).text
    page = soup(client.post("/cv/import/", {"text": pasted}))
    assert "pasted text" in page.h1.get_text()
    assert len(page.select(".cv-draft")) >= 5


def test_the_cv_form_asks_for_a_file_or_text(client: Client) -> None:
    response = client.post("/cv/import/", {"text": "  "})
    assert response.status_code == 400
    assert "Choose a file, or paste the text below." in field_error(soup(response), "file")


@pytest.mark.parametrize("name", BAD)
def test_a_bad_cv_file_is_refused_beside_the_field(client: Client, world: World, name: str) -> None:
    before = snapshot()
    response = client.post("/cv/import/", {"file": upload(name)})
    assert response.status_code == 400
    assert BAD_MESSAGES[name] in field_error(soup(response), "file")
    assert snapshot() == before


def test_a_tampered_confirmation_saves_nothing(client: Client) -> None:
    before = snapshot()
    response = client.post("/cv/import/confirm/", {"text": "", "drafts": ["x"]})
    assert response.status_code == 302 and response["Location"] == "/cv/import/"
    assert snapshot() == before


# --- interviewer profiles ------------------------------------------------------------------------


def test_the_round_page_links_to_the_profile_import(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    link = page.select_one("#people").find("a", href=f"/rounds/{world.round2.pk}/profile/")
    assert link is not None and "profile" in link.get_text()


def test_a_profile_pdf_adds_a_new_interviewer_after_a_preview(client: Client, world: World) -> None:
    before = snapshot()
    url = f"/rounds/{world.round2.pk}/profile/"
    page = soup(client.post(url, {"file": upload("profile_pdf")}))
    assert page.h1.get_text(strip=True) == "Priya Raman"
    facts = page.select_one(".profile-facts").get_text(" ", strip=True)
    assert "Head of Data" in facts and "Initech Analytics, Globe Mutual Insurance" in facts
    assert "A new interviewer, Priya Raman, is added to round 2" in page.get_text()
    assert snapshot() == before
    form = page.find("form", action=f"{url}confirm/")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    response = client.post(f"{url}confirm/", data)
    assert response["Location"] == f"/rounds/{world.round2.pk}/"
    person = m.Interviewer.objects.get(name="Priya Raman")
    assert person.title == "Head of Data"
    assert person.earlier_employers == ["Initech Analytics", "Globe Mutual Insurance"]
    assert person.years_at_company is not None and person.years_at_company >= 5
    assert "before that Initech Analytics" in person.research_notes
    assert m.RoundInterviewer.objects.filter(round=world.round2, interviewer=person).exists()


def test_pasted_text_fills_in_the_interviewer_chosen(client: Client, world: World) -> None:
    url = f"/rounds/{world.round2.pk}/profile/"
    text = corpus.profile_text()
    page = soup(client.post(url, {"text": text, "interviewer": world.tom.pk}))
    assert "Tom Okafor is updated" in page.get_text()
    form = page.find("form", action=f"{url}confirm/")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    client.post(f"{url}confirm/", data)
    world.tom.refresh_from_db()
    assert world.tom.name == "Tom Okafor"
    assert world.tom.earlier_employers == [
        "Initech",
        "Globex",
        "Initech Analytics",
        "Globe Mutual Insurance",
    ]
    assert "Corvid Systems" in world.tom.research_notes


def test_someone_from_another_opportunity_cannot_be_chosen(client: Client, world: World) -> None:
    other = m.Interviewer.objects.create(owner=world.user, opportunity=world.globex, name="Ann")
    before = snapshot()
    response = client.post(
        f"/rounds/{world.round2.pk}/profile/confirm/",
        {"text": corpus.profile_text(), "source_name": "", "interviewer": other.pk},
    )
    assert response.status_code == 302
    page = soup(client.get(response["Location"]))
    assert "Ann belongs to another opportunity" in page.select_one(".messages").get_text()
    assert snapshot() == before


def test_an_unknown_round_is_the_friendly_404(client: Client) -> None:
    assert client.get("/rounds/9999/profile/").status_code == 404


@pytest.mark.parametrize("name", BAD)
def test_a_bad_profile_file_is_refused_beside_the_field(
    client: Client, world: World, name: str
) -> None:
    before = snapshot()
    response = client.post(f"/rounds/{world.round2.pk}/profile/", {"file": upload(name)})
    assert response.status_code == 400
    assert BAD_MESSAGES[name] in field_error(soup(response), "file")
    assert snapshot() == before


def test_text_that_is_not_a_profile_says_so(client: Client, world: World) -> None:
    response = client.post(
        f"/rounds/{world.round2.pk}/profile/", {"text": "Shopping list\n\nEggs\nMilk\n"}
    )
    assert response.status_code == 400
    page = soup(response)
    assert "is it a profile?" in page.get_text()

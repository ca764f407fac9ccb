"""The profile import page on real layouts: the right title and company, or plainly none."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nextround.store import models as m
from tests.formats.profile_shapes import BY_NAME, pdf
from tests.world import World


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


def facts(page: BeautifulSoup) -> dict[str, str]:
    found = page.select_one(".profile-facts")
    assert found is not None
    names = [dt.get_text(strip=True) for dt in found.find_all("dt")]
    values = [dd.get_text(" ", strip=True) for dd in found.find_all("dd")]
    return dict(zip(names, values, strict=True))


@pytest.fixture
def client(user: object) -> Client:
    return Client()


def test_a_pasted_web_profile_shows_title_and_company_the_right_way_round(
    client: Client, world: World
) -> None:
    page = soup(
        client.post(
            f"/rounds/{world.round2.pk}/profile/", {"text": BY_NAME["web_title_first"].text}
        )
    )
    shown = facts(page)
    assert shown["Job title"] == "Operations Manager"
    assert shown["Company"] == "Northwind Logistics"
    assert shown["Earlier employers"] == "Harbour Freight Ltd"
    assert "Left empty rather than guessed" not in page.get_text()


def test_a_company_bio_page_as_pdf_is_read_and_saved(client: Client, world: World) -> None:
    url = f"/rounds/{world.round2.pk}/profile/"
    upload = SimpleUploadedFile("samira-okoye.pdf", pdf("bio_page"), "application/pdf")
    page = soup(client.post(url, {"file": upload}))
    assert page.h1.get_text(strip=True) == "Dr Samira Okoye"
    shown = facts(page)
    assert (shown["Job title"], shown["Company"]) == ("Chief Technology Officer", "Fenwick Health")
    form = page.find("form", action=f"{url}confirm/")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    client.post(f"{url}confirm/", data)
    person = m.Interviewer.objects.get(name="Dr Samira Okoye")
    assert person.title == "Chief Technology Officer"
    assert person.earlier_employers == ["Initech", "Globex"]


def test_an_unclear_profile_says_what_was_left_empty(client: Client, world: World) -> None:
    page = soup(
        client.post(f"/rounds/{world.round2.pk}/profile/", {"text": BY_NAME["unclear"].text})
    )
    shown = facts(page)
    assert shown["Job title"] == "not clear from the profile"
    assert shown["Company"] == "not clear from the profile"
    assert "Left empty rather than guessed: job title and company." in page.get_text(" ")


def test_the_preview_shows_the_level_the_talks_and_the_about(client: Client, world: World) -> None:
    text = BY_NAME["one_line_roles"].text
    page = soup(client.post(f"/rounds/{world.round2.pk}/profile/", {"text": text}))
    shown = facts(page)
    assert (shown["Job title"], shown["Company"]) == ("VP Engineering", "Tallyho")
    assert shown["Seniority"] == "Executive, from the job title"
    assert shown["Role in the process"] == "Senior executive, from the job title"
    assert shown["Paper"].startswith('“I co-authored "Boring Deploys"')
    assert shown["About"].startswith("I lead 60 engineers across payments")

"""Forms never lose or invent input: zones and currencies as people give them, plain empty
choices, a file kept after a refusal, a form sent twice saved once, each refusal named in place.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nextround.coach.decision import DEFAULT_CRITERIA
from nextround.services import records as r
from nextround.store import models as m
from nextround.web.views.common import ALREADY_SAVED
from tests.world import World

JD = "Data Analyst\n\nMust have\n- Strong SQL\n- Experience with Python\n"


def soup(response: Any) -> Any:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def client(user: object) -> Client:
    return Client()


@pytest.fixture
def htmx(user: object) -> Client:
    return Client(headers={"HX-Request": "true"})


def _token(page: Any, action: str | None = None) -> str:
    form = page.find("form", action=action) if action else page.find("form", class_="form")
    return str(form.find("input", attrs={"name": "once"})["value"])


# --- the time zone ------------------------------------------------------------------------------


def test_the_time_zone_is_a_select_defaulting_to_this_machines_zone(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    page = soup(client.get(f"/opportunities/{world.acme.pk}/rounds/new/"))
    select = page.find("select", attrs={"name": "timezone"})
    assert select is not None
    assert select.find("option", selected=True)["value"] == "Asia/Tokyo"
    regions = [g["label"] for g in select.find_all("optgroup")]
    assert {"Europe", "America", "Asia", "Australia"} <= set(regions)
    assert select.find("option", value="America/Argentina/Buenos_Aires").text == (
        "Buenos Aires, Argentina \u2014 UTC-03:00"
    )


def test_a_round_keeps_its_own_zone_even_one_not_in_the_list(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/edit/"))
    chosen = page.find("select", attrs={"name": "timezone"}).find("option", selected=True)
    assert chosen["value"] == "Europe/London"
    from_invite = r.rounds.create(
        world.user, world.globex.pk, scheduled_at="2026-12-10T09:00+02:00", timezone="+02:00"
    )
    page = soup(client.get(f"/rounds/{from_invite.pk}/edit/"))
    chosen = page.find("select", attrs={"name": "timezone"}).find("option", selected=True)
    assert (chosen["value"], chosen.text) == ("+02:00", "+02:00 (as given)")


def test_an_unknown_zone_is_named_beside_the_field(client: Client, world: World) -> None:
    response = client.post(
        f"/opportunities/{world.globex.pk}/rounds/new/",
        {"timezone": "Mars/Olympus", "format": "video", "kind": "one-to-one"},
    )
    assert response.status_code == 200
    field = soup(response).find("select", attrs={"name": "timezone"}).find_parent("div")
    assert "\u201cMars/Olympus\u201d is not a time zone" in field.text
    assert not m.Round.objects.filter(opportunity=world.globex).exists()


# --- the currency -------------------------------------------------------------------------------


def test_the_currency_defaults_from_earlier_offers_and_takes_symbols(
    client: Client, world: World
) -> None:
    client.post("/offers/", {"opportunity": world.acme.pk, "currency": "£", "salary": "60000"})
    assert m.Offer.objects.get().currency == "GBP"
    page = soup(client.get("/offers/"))
    assert page.find("input", attrs={"name": "currency"})["value"] == "GBP"
    client.post("/offers/", {"opportunity": world.globex.pk, "currency": "€"})
    assert m.Offer.objects.get(opportunity=world.globex).currency == "EUR"


def test_with_no_offers_the_currency_comes_from_the_locale(
    client: Client, user: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MONETARY", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    page = soup(client.get("/offers/"))
    assert page.find("input", attrs={"name": "currency"})["value"] == "USD"


def test_a_dollar_sign_that_could_be_several_dollars_is_asked_about(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    response = client.post("/offers/", {"opportunity": world.acme.pk, "currency": "$"})
    assert response.status_code == 400
    field = soup(response).find("input", attrs={"name": "currency"}).find_parent("div")
    assert "\u201c$\u201d stands for more than one currency" in field.text
    assert field.find("input")["value"] == "$"
    assert not m.Offer.objects.exists()


# --- plain empty choices ------------------------------------------------------------------------


def test_no_select_says_django_dashes(client: Client, world: World) -> None:
    q = world.weak_question
    pages = [
        "/opportunities/new/",
        f"/opportunities/{world.acme.pk}/",
        f"/opportunities/{world.acme.pk}/edit/",
        f"/opportunities/{world.acme.pk}/rounds/new/",
        f"/rounds/{world.round1.pk}/",
        f"/rounds/{world.round2.pk}/",
        f"/rounds/{world.round1.pk}/edit/",
        f"/items/questions/{q.pk}/edit/",
        f"/rounds/{world.round1.pk}/profile/",
        "/offers/",
        "/stories/new/",
        "/cv/import/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "---------" not in response.content.decode(), path
    page = soup(client.get(f"/rounds/{world.round1.pk}/"))
    asked_by = page.find("select", attrs={"name": "interviewer", "id": "id_questions_interviewer"})
    assert asked_by.find("option")["value"] == "" and asked_by.find("option").text == "Not noted"
    offer = soup(client.get("/offers/")).find("select", attrs={"name": "opportunity"})
    assert [o.text for o in offer.find_all("option")][:2] == ["Choose\u2026", "My current job"]


# --- a chosen file is kept after a refusal ------------------------------------------------------


def test_a_file_read_well_is_kept_when_another_field_is_refused(client: Client) -> None:
    upload = SimpleUploadedFile("advert.txt", JD.encode(), content_type="text/plain")
    refused = client.post(
        "/opportunities/new/",
        {
            "company": "",
            "role": "Data Analyst",
            "stage": "applied",
            "dress_code": "unknown",
            "jd_file": upload,
        },
    )
    assert refused.status_code == 200
    page = soup(refused)
    kept = page.find("input", attrs={"name": "jd_file-kept-text"})
    assert kept is not None and "Strong SQL" in kept["value"]
    assert "Keeping advert.txt" in page.find(class_="kept-file").text
    # Sent again with the company filled in and no file chosen: the kept file is used.
    data = {
        field["name"]: field.get("value", "")
        for field in page.select("form.form input[type=hidden]")
    }
    data |= {"company": "Acme", "role": "Data Analyst", "stage": "applied", "dress_code": "unknown"}
    saved = client.post("/opportunities/new/", data)
    assert saved.status_code == 302
    opp = m.Opportunity.objects.get(company="Acme")
    assert "Strong SQL" in opp.job_description
    assert opp.jd_source_name == "advert.txt"


def test_a_refused_file_asks_to_be_chosen_again(client: Client) -> None:
    upload = SimpleUploadedFile("advert.pdf", b"not a pdf at all", content_type="application/pdf")
    refused = client.post(
        "/opportunities/new/",
        {
            "company": "Acme",
            "role": "Analyst",
            "stage": "applied",
            "dress_code": "unknown",
            "jd_file": upload,
        },
    )
    page = soup(refused)
    assert page.find("input", attrs={"name": "jd_file-kept-text"}) is None
    note = page.find(class_="kept-file")
    assert note is not None and note.text.startswith("Choose the file again")
    assert not m.Opportunity.objects.exists()


# --- a form sent twice is saved once ------------------------------------------------------------


def test_back_then_save_says_already_saved_and_makes_no_copy(client: Client) -> None:
    token = _token(soup(client.get("/opportunities/new/")))
    form = {
        "company": "Hooli",
        "role": "Analyst",
        "stage": "applied",
        "dress_code": "unknown",
        "once": token,
    }
    first = client.post("/opportunities/new/", form)
    again = client.post("/opportunities/new/", form, follow=True)
    assert m.Opportunity.objects.filter(company="Hooli").count() == 1
    assert again.redirect_chain[0][0] == first["Location"]
    assert ALREADY_SAVED in soup(again).select_one(".messages").text
    # The same form with other words in it is another opportunity, never a lost one.
    client.post("/opportunities/new/", {**form, "company": "Hooli Cloud"})
    assert m.Opportunity.objects.filter(company__startswith="Hooli").count() == 2


def test_back_to_a_form_fetched_again_with_a_new_token_still_saves_once(
    client: Client, world: World
) -> None:
    # Without a page cache, Back fetches the form again: a new token, the same words (and file).
    def send(url: str, typed: dict[str, Any], upload: bool = False) -> Any:
        form = soup(client.get(url)).find("form", class_="form")
        sent = {}
        for field in form.find_all(["input", "select", "textarea"]):
            if field.name == "select":
                chosen = field.find("option", selected=True) or field.find("option")
                sent[field["name"]] = chosen.get("value", "") if chosen else ""
            elif field.get("type") == "checkbox" and not field.has_attr("checked"):
                continue
            elif field.get("type") != "file":
                sent[field["name"]] = field.get("value", "") or field.text
        files = {"jd_file": SimpleUploadedFile("advert.txt", JD.encode())} if upload else {}
        return client.post(url, {**sent, **typed, **files}, follow=True)

    opportunity = {
        "company": "Quillon Bank",
        "role": "Data Platform Lead",
        "stage": "callback",
    }
    first = send("/opportunities/new/", opportunity, upload=True)
    again = send("/opportunities/new/", opportunity, upload=True)
    assert m.Opportunity.objects.filter(company="Quillon Bank").count() == 1
    assert again.redirect_chain[-1][0] == first.redirect_chain[-1][0]
    assert ALREADY_SAVED in soup(again).select_one(".messages").text

    url = f"/opportunities/{world.acme.pk}/rounds/new/"
    before = m.Round.objects.filter(opportunity=world.acme).count()
    plan = {"scheduled_at": "2026-11-27T11:00", "timezone": "Europe/London", "status": "done"}
    send(url, plan)
    again = send(url, plan)
    assert m.Round.objects.filter(opportunity=world.acme).count() == before + 1
    assert ALREADY_SAVED in soup(again).select_one(".messages").text


def test_the_same_words_in_another_opportunitys_form_are_a_new_record(
    htmx: Client, world: World
) -> None:
    for opp in (world.acme, world.globex):
        action = f"/opportunities/{opp.pk}/requirements/"
        token = _token(soup(Client().get(f"/opportunities/{opp.pk}/")), action)
        htmx.post(action, {"text": "Team leadership", "kind": "must", "once": token})
    assert m.Requirement.objects.filter(text="Team leadership").count() == 2


def test_a_double_click_on_add_question_adds_it_once(htmx: Client, world: World) -> None:
    page = soup(Client().get(f"/rounds/{world.round1.pk}/"))
    action = f"/rounds/{world.round1.pk}/questions/"
    form = {"text": "Why this company?", "reaction": "unknown", "once": _token(page, action)}
    htmx.post(action, form)
    second = htmx.post(action, form)
    assert m.AskedQuestion.objects.filter(text="Why this company?").count() == 1
    added = m.AskedQuestion.objects.get(text="Why this company?")
    assert soup(second).select_one("[data-added]")["id"] == f"question-{added.pk}"


def test_a_refused_form_keeps_its_token_for_the_corrected_sending(
    client: Client, world: World
) -> None:
    page = soup(client.get("/stories/new/"))
    token = _token(page)
    client.post("/stories/new/", {"title": "", "once": token})
    client.post("/stories/new/", {"title": "Rescued the launch", "once": token})
    assert m.Story.objects.filter(title="Rescued the launch").count() == 1


# --- each refused value named beside its field --------------------------------------------------


def test_one_bad_rating_of_24_keeps_the_other_23_and_names_the_bad_one(
    client: Client, world: World
) -> None:
    acme = r.offers.create(world.user, opportunity_id=world.acme.pk)
    globex = r.offers.create(world.user, opportunity_id=world.globex.pk)
    current = r.offers.create(world.user, is_current_job=True, label="Now")
    keys = [c.key for c in DEFAULT_CRITERIA]
    form = {
        f"rating-{o.pk}-{key}": str((i + j) % 10 + 1)
        for i, o in enumerate((acme, globex, current))
        for j, key in enumerate(keys)
    }
    assert len(form) == 24
    bad = f"rating-{globex.pk}-commute"
    form[bad] = "eleven"
    response = client.post("/offers/matrix/", form)
    assert response.status_code == 400
    page = soup(response)
    error = page.find(id=f"{bad}-error")
    assert error is not None
    assert error.text == "\u201celeven\u201d is not a rating: rate Commute from 0 to 10"
    assert page.find("input", id=bad)["value"] == "eleven"
    assert page.find("input", id=bad).has_attr("autofocus")
    saved = {o.pk: m.Offer.objects.get(pk=o.pk).ratings for o in (acme, globex, current)}
    assert sum(len(v) for v in saved.values()) == 23
    assert "commute" not in saved[globex.pk]
    for name, value in form.items():
        if name != bad:
            assert page.find("input", id=name)["value"] == value, name
    assert page.select_one("#matrix-errors a")["href"] == f"#{bad}"


# --- requirements are read when the opportunity is saved ----------------------------------------


def test_requirements_are_read_on_save_as_the_help_says(client: Client) -> None:
    response = client.post(
        "/opportunities/new/",
        {
            "company": "Acme",
            "role": "Analyst",
            "stage": "applied",
            "dress_code": "unknown",
            "job_description": JD,
        },
        follow=True,
    )
    opp = m.Opportunity.objects.get(company="Acme")
    texts = list(m.Requirement.objects.filter(opportunity=opp).values_list("text", flat=True))
    assert any("SQL" in t for t in texts) and any("Python" in t for t in texts)
    assert f"Read {len(texts)} requirements from the job description" in soup(response).text
    r.requirements.create(opp.owner, opp.pk, text="My own note of a requirement")
    client.post(
        f"/opportunities/{opp.pk}/edit/",
        {
            "company": "Acme",
            "role": "Analyst",
            "stage": "applied",
            "dress_code": "unknown",
            "job_description": JD + "- Tableau\n",
        },
    )
    after = set(m.Requirement.objects.filter(opportunity=opp).values_list("text", flat=True))
    assert set(texts) | {"My own note of a requirement"} <= after
    assert any("Tableau" in t for t in after)


def test_saving_a_story_says_so(client: Client, world: World) -> None:
    token = _token(soup(client.get("/stories/new/")))
    page = soup(
        client.post("/stories/new/", {"title": "Rescued the launch", "once": token}, follow=True)
    )
    assert "Saved your story “Rescued the launch”." in page.get_text(" ")

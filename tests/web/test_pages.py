"""The web pages, read as HTML: what a person sees, and what a form does with their input."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.store import models as m
from tests.world import World


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


@pytest.fixture
def client(user: object) -> Client:
    return Client()


@pytest.fixture
def htmx(user: object) -> Client:
    return Client(headers={"HX-Request": "true"})


def test_an_empty_dashboard_says_what_to_do_first(client: Client) -> None:
    client.get("/welcome/")  # past the first run, the board opens empty
    page = soup(client.get("/"))
    empty = page.select_one("section.empty")
    assert empty is not None
    assert "Add your first opportunity" in empty.get_text()
    assert empty.find("a", href="/opportunities/new/")


def test_the_dashboard_lists_opportunities_under_their_stage(client: Client, world: World) -> None:
    page = soup(client.get("/"))
    called_back = page.find("section", attrs={"aria-labelledby": "col-callback-h"})
    assert called_back is not None
    assert "Acme Retail" in called_back.get_text()
    assert "Globex" not in called_back.get_text()
    assert page.find("a", href=f"/opportunities/{world.acme.pk}/")


def test_it_creates_an_opportunity_from_the_form(client: Client) -> None:
    response = client.post(
        "/opportunities/new/",
        {
            "company": "Hooli",
            "role": "Product Analyst",
            "stage": "interviewing",
            "dress_code": "unknown",
            "job_description": "Must have: SQL",
        },
    )
    opp = m.Opportunity.objects.get(company="Hooli")
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/{opp.pk}/"
    page = soup(client.get(response["Location"]))
    assert page.h1 is not None
    assert "Product Analyst" in page.h1.get_text()


def test_a_form_error_is_shown_by_the_field_and_keeps_what_was_typed(client: Client) -> None:
    response = client.post(
        "/opportunities/new/",
        {
            "company": "",
            "role": "Kept Role",
            "stage": "applied",
            "dress_code": "unknown",
            "consultant_email": "not-an-email",
        },
    )
    assert response.status_code == 200
    page = soup(response)
    company = page.find("input", attrs={"name": "company"})
    assert company is not None
    assert company.find_parent(class_="has-error")
    role = page.find("input", attrs={"name": "role"})
    assert role is not None
    assert role["value"] == "Kept Role"
    email = page.find("input", attrs={"name": "consultant_email"})
    assert email is not None
    assert email.find_parent(class_="has-error")
    assert m.Opportunity.objects.count() == 0


def test_every_control_has_a_label(client: Client, world: World) -> None:
    for url in ["/opportunities/new/", f"/rounds/{world.round2.pk}/", "/stories/new/"]:
        page = soup(client.get(url))
        for control in page.select("input:not([type=hidden]), select, textarea"):
            labelled = control.get("aria-label") or (
                control.get("id") and page.find("label", attrs={"for": control["id"]})
            )
            assert labelled, f"{url}: {control.get('name')} has no label"


def test_the_opportunity_page_shows_rounds_as_a_timeline(client: Client, world: World) -> None:
    page = soup(client.get(f"/opportunities/{world.acme.pk}/"))
    rounds = page.select("ol.timeline > li")
    assert [li.h3.a.get_text() for li in rounds] == ["Round 1", "Round 2"]  # type: ignore[union-attr]
    assert "Tom Okafor (Head of Data)" in rounds[1].get_text()
    assert "2 questions debriefed" in rounds[0].get_text()
    assert "Sam Reid" in page.get_text()
    assert page.find("a", string="Add round 3")


def test_the_round_page_shows_the_debrief(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round1.pk}/"))
    questions = page.select("#questions li.question")
    assert len(questions) == 2
    weak = questions[0]
    assert "difficult stakeholder" in weak.get_text()
    assert "My rating 2/5" in weak.get_text()
    assert "reaction-negative" in weak["class"]
    assert "lacked experience managing stakeholders" in page.select_one("#feedback").get_text()  # type: ignore[union-attr]
    assert "churn dashboard story" in page.get_text()


def test_adding_a_question_with_htmx_returns_the_new_list(htmx: Client, world: World) -> None:
    response = htmx.post(
        f"/rounds/{world.round1.pk}/questions/",
        {
            "text": "Why do you want to leave?",
            "answer_note": "Growth",
            "self_rating": "3",
            "reaction": "neutral",
            "interviewer": str(world.priya.pk),
        },
    )
    assert response.status_code == 200
    fragment = soup(response)
    section = fragment.find("section", id="questions")
    assert section is not None
    assert "<html" not in response.content.decode()
    assert len(section.select("li.question")) == 3
    added = m.AskedQuestion.objects.get(text="Why do you want to leave?")
    assert (added.self_rating, added.interviewer_id) == (3, world.priya.pk)


def test_adding_a_question_without_javascript_redirects_back(client: Client, world: World) -> None:
    response = client.post(
        f"/rounds/{world.round1.pk}/questions/",
        {"text": "What motivates you?", "reaction": "unknown"},
    )
    assert response.status_code == 302
    added = m.AskedQuestion.objects.get(text="What motivates you?")
    location = f"/rounds/{world.round1.pk}/?added=questions-{added.pk}#question-{added.pk}"
    assert response["Location"] == location


def test_a_bad_question_keeps_the_text_and_shows_the_error(htmx: Client, world: World) -> None:
    response = htmx.post(
        f"/rounds/{world.round1.pk}/questions/",
        {"text": "", "answer_note": "kept note", "reaction": "unknown"},
    )
    fragment = soup(response)
    assert fragment.select_one(".has-error textarea[name=text]") is not None
    note = fragment.find("textarea", attrs={"name": "answer_note"})
    assert note is not None
    assert "kept note" in note.get_text()
    assert m.AskedQuestion.objects.filter(round=world.round1).count() == 2


def test_an_interviewer_added_on_the_round_page_joins_its_panel(
    client: Client, world: World
) -> None:
    client.post(
        f"/rounds/{world.round2.pk}/people/",
        {
            "name": "Lena Park",
            "title": "VP Data",
            "role": "senior-executive",
            "seniority": "executive",
            "earlier_employers": "Umbrella\nHooli",
        },
    )
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    panel = page.select_one("#people ul.people")
    assert panel is not None
    assert "Lena Park" in panel.get_text()
    assert "Before: Umbrella, Hooli" in panel.get_text()


def test_someone_met_before_can_be_added_to_the_next_round(client: Client, world: World) -> None:
    client.post(f"/rounds/{world.round2.pk}/link/", {"interviewer": str(world.priya.pk)})
    assert world.round2.interviewers.filter(pk=world.priya.pk).exists()


def test_feedback_can_be_added_and_removed(client: Client, world: World) -> None:
    client.post(
        f"/rounds/{world.round2.pk}/feedback/",
        {"source": "interviewer", "text": "Great energy, wants more depth on Airflow."},
    )
    item = m.Feedback.objects.get(round=world.round2)
    client.post(f"/items/feedback/{item.pk}/delete/")
    assert not m.Feedback.objects.filter(pk=item.pk).exists()


def test_a_round_can_be_planned_with_a_local_time(client: Client, world: World) -> None:
    response = client.post(
        f"/opportunities/{world.globex.pk}/rounds/new/",
        {
            "scheduled_at": "2026-12-10T09:30",
            "timezone": "America/New_York",
            "format": "video",
            "kind": "one-to-one",
            "purpose": "delve-deeper",
            "status": "planned",
            "outcome": "pending",
        },
    )
    created = m.Round.objects.get(opportunity=world.globex)
    assert response["Location"] == f"/rounds/{created.pk}/"
    page = soup(Client().get(response["Location"]))
    assert "Thursday 10 December 2026, 09:30 (America/New_York)" in page.get_text()


def test_stories_can_be_written_and_listed(client: Client, world: World) -> None:
    client.post(
        "/stories/new/",
        {
            "title": "Rescued a late launch",
            "action": "I re-planned the release.",
            "skills": "planning\nleadership",
        },
    )
    story = m.Story.objects.get(title="Rescued a late launch")
    assert story.skills == ["planning", "leadership"]
    page = soup(client.get("/stories/"))
    assert [h.get_text(strip=True) for h in page.select("li.story h2")] == [
        "Churn dashboard",
        "Rescued a late launch",
    ]


def test_search_finds_a_question_from_an_earlier_round(client: Client, world: World) -> None:
    page = soup(client.get("/search/?q=stakeholder"))
    assert page.find("a", href=f"/rounds/{world.round1.pk}/#question-{world.weak_question.pk}")


def test_an_unknown_id_gets_a_friendly_not_found_page(client: Client, world: World) -> None:
    response = client.get("/opportunities/987654/")
    assert response.status_code == 404
    assert "No opportunity with id 987654" in soup(response).get_text()


def test_someone_elses_record_is_not_found(world: World, other_user: object) -> None:
    outsider = Client()
    outsider.force_login(other_user)  # type: ignore[arg-type]
    # Local mode serves the local user whoever is signed in; the service scoping is what counts.
    from nextround.services.errors import NotFound
    from nextround.services.records import rounds

    with pytest.raises(NotFound):
        rounds.get(other_user, world.round1.pk)


def test_a_csrf_failure_explains_itself(user: object, world: World) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/rounds/{world.round1.pk}/questions/", {"text": "x"})
    assert response.status_code == 403
    assert "security token" in soup(response).get_text()
    assert m.AskedQuestion.objects.filter(round=world.round1).count() == 2


def test_pages_are_served_with_their_stylesheet_and_htmx(client: Client) -> None:
    page = soup(client.get("/", follow=True))
    scripts = [s["src"] for s in page.find_all("script")]
    assert "/static/nextround/htmx.min.js" in scripts
    assert page.find("link", rel="stylesheet", href="/static/nextround/app.css")
    assert page.html is not None
    assert page.html["lang"] == "en"


def test_a_pasted_job_description_keeps_its_headings_and_lists_but_no_markup(
    client: Client, world: World
) -> None:
    from nextround.services.records import opportunities

    opportunities.update(
        world.user,
        world.globex.pk,
        job_description=(
            "## Must have\n- **SQL**\n- Python <script>alert(1)</script>\n\nWe value you."
        ),
    )
    page = soup(client.get(f"/opportunities/{world.globex.pk}/"))
    jd = page.select_one(".jd")
    assert jd is not None
    assert jd.h4 is not None and jd.h4.get_text() == "Must have"
    assert [li.get_text() for li in jd.select("li")] == ["SQL", "Python <script>alert(1)</script>"]
    assert jd.select_one("li strong") is not None
    assert jd.find("script") is None


def test_every_page_names_its_icon_and_the_icon_is_served(client: Client) -> None:
    from django.contrib.staticfiles import finders

    page = BeautifulSoup(client.get("/", follow=True).content, "html.parser")
    icon = page.find("link", rel="icon")
    assert icon is not None and icon["href"].endswith("favicon.svg")
    found = finders.find("nextround/favicon.svg")
    assert found
    with open(found, encoding="utf-8") as svg:
        assert svg.read().startswith("<svg")


def test_a_closed_opportunity_offers_another_round_only_quietly(
    client: Client, world: World
) -> None:
    world.acme.stage = m.Stage.ACCEPTED
    world.acme.save()
    page = soup(client.get(f"/opportunities/{world.acme.pk}/"))
    link = page.find("a", string=re.compile(r"^Add round \d+$"))
    assert link is not None and "primary" not in (link.get("class") or [])
    assert "This opportunity is accepted." in page.get_text(" ")

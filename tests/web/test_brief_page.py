"""The brief page, its downloads and checklist, and the evidence map page, read as HTML."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.services import records as r
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


def test_the_round_page_links_to_its_brief(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/"))
    assert page.find("a", href=f"/rounds/{world.round2.pk}/brief/")


def test_it_lists_concerns_from_feedback(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/brief/"))
    counter = page.find("ul", class_="counter")
    doubts = page.find("ul", class_="doubts")
    assert counter is not None and doubts is not None
    assert "managing stakeholders" in doubts.get_text()
    assert "lacked experience managing stakeholders" in counter.get_text()


def test_it_shows_likely_questions_with_why_and_interviewers(client: Client, world: World) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/brief/"))
    likely = page.select("ol.rehearse > li, ol.likely > li")
    # The weak answer's doubt comes first, as one question: no second "follow-up" copy of it.
    assert likely[0]["data-category"] == "concern"
    assert not any(
        li["data-category"] == "follow-up" and world.weak_question.text in li.get_text()
        for li in likely
    )
    assert all(li.find(class_="why") for li in likely)
    assert len(page.select("ol.rehearse > li")) == 5
    people = [a.find("h3").get_text() for a in page.select("article.person")]
    assert any("Tom Okafor" in name for name in people)


def test_ticking_a_checklist_step_without_javascript_redirects_back(
    client: Client, world: World
) -> None:
    client.get(f"/rounds/{world.round2.pk}/brief/")
    assert not m.ChecklistItem.objects.filter(round=world.round2).exists()  # a read stores none
    response = client.post(f"/rounds/{world.round2.pk}/checklist/plan-route/tick/")
    assert response.status_code == 302
    step = m.ChecklistItem.objects.get(round=world.round2, key="plan-route")
    assert response["Location"] == f"/rounds/{world.round2.pk}/brief/#step-plan-route"
    step.refresh_from_db()
    assert step.done
    page = soup(client.get(f"/rounds/{world.round2.pk}/brief/"))
    assert "done" in page.find("li", id="step-plan-route")["class"]


def test_ticking_with_htmx_returns_the_checklist_alone(htmx: Client, world: World) -> None:
    htmx.get(f"/rounds/{world.round2.pk}/brief/")
    part = soup(htmx.post(f"/rounds/{world.round2.pk}/checklist/outfit-ready/tick/"))
    assert part.find("section", id="checklist") and not part.find("html")
    button = part.find("li", id="step-outfit-ready").find("button")
    assert button["aria-pressed"] == "true"
    # The focus stays on the step just ticked: it alone is marked to take it after the swap.
    assert button.has_attr("data-added") and button.has_attr("autofocus")
    assert len(part.select("[data-added]")) == 1


@pytest.mark.parametrize(
    ("fmt", "start"), [("md", b"# Round 2 brief"), ("json", b"{"), ("pdf", b"%PDF-")]
)
def test_the_brief_downloads_in_each_format(
    client: Client, world: World, fmt: str, start: bytes
) -> None:
    response = client.get(f"/rounds/{world.round2.pk}/brief.{fmt}")
    assert response.status_code == 200 and response.content.startswith(start)
    assert f"round-2-brief.{fmt}" in response["Content-Disposition"]
    if fmt == "json":
        assert json.loads(response.content)["schema_version"] == 2


def test_unknown_rounds_and_formats_get_the_friendly_404(client: Client, world: World) -> None:
    assert client.get("/rounds/9999/brief/").status_code == 404
    assert client.get(f"/rounds/{world.round2.pk}/brief.exe").status_code == 404


def test_the_extract_button_adds_requirements_and_says_so(client: Client, world: World) -> None:
    page = soup(client.get(f"/opportunities/{world.acme.pk}/"))
    button = page.find("button", string="Extract requirements from the job description")
    assert button is not None
    response = client.post(f"/opportunities/{world.acme.pk}/extract/", follow=True)
    assert "added" in soup(response).select_one(".messages").get_text()
    assert m.Requirement.objects.filter(
        opportunity=world.acme, text__startswith="Experience managing stakeholders"
    ).exists()


def test_the_evidence_map_shows_gaps_and_links_a_story(client: Client, world: World) -> None:
    page = soup(client.get(f"/opportunities/{world.acme.pk}/evidence/"))
    airflow = m.Requirement.objects.get(opportunity=world.acme, text="Airflow")
    row = page.find("li", id=f"req-{airflow.pk}")
    assert "gap" in row["class"]
    response = client.post(
        f"/requirements/{airflow.pk}/link/", {"story": world.story.pk, "note": "cron jobs"}
    )
    assert response.status_code == 302
    page = soup(client.get(f"/opportunities/{world.acme.pk}/evidence/"))
    row = page.find("li", id=f"req-{airflow.pk}")
    assert "gap" not in row["class"] and "cron jobs" in row.get_text()
    link = m.Evidence.objects.get(requirement=airflow)
    client.post(f"/evidence/{link.pk}/unlink/")
    assert not m.Evidence.objects.filter(pk=link.pk).exists()


def test_linking_a_story_that_is_not_yours_changes_nothing(htmx: Client, world: World) -> None:
    airflow = m.Requirement.objects.get(opportunity=world.acme, text="Airflow")
    response = htmx.post(f"/requirements/{airflow.pk}/link/", {"story": "not-a-number"})
    assert response.status_code == 200
    assert not m.Evidence.objects.filter(requirement=airflow).exists()


def test_every_evidence_form_control_has_a_label(client: Client, world: World) -> None:
    page = soup(client.get(f"/opportunities/{world.acme.pk}/evidence/"))
    for control in page.select("#evidence select, #evidence input:not([type=hidden])"):
        assert page.find("label", attrs={"for": control["id"]}), control


def test_the_night_before_page_has_the_five_the_doubts_and_where_and_who(
    client: Client, world: World
) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/night-before/"))
    assert len(page.select("ol.rehearse > li")) == 5
    assert "managing stakeholders" in page.select_one("ul.doubts").get_text()
    where = page.select_one("ul.where").get_text()
    assert "Tom Okafor" in where and "Wear:" in where
    assert "on-site" not in page.select_one("header").get_text()  # words, not codes
    pdf = client.get(f"/rounds/{world.round2.pk}/night-before.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_the_night_before_page_repeats_the_tasks_and_what_to_bring_as_they_were_given(
    client: Client, world: World
) -> None:
    m.Feedback.objects.create(
        owner=world.user,
        round=world.round1,
        source="consultant",
        text=(
            "Hi Sam, they would like to see you again. You will have 30 minutes to prepare a "
            "case study on the day, then present it to the panel. Please bring photo ID for "
            "the front desk. Tom will show you round the depot afterwards."
        ),
    )
    page = soup(client.get(f"/rounds/{world.round2.pk}/night-before/"))
    day = page.select_one("section.b-day")
    assert day is not None, "no 'On the day' section"
    text = day.get_text(" ")
    assert "case study on the day" in text and "photo ID" in text and "show you round" in text
    assert "Feedback from your consultant:" in text
    # The task comes before what to bring: it is what needs preparing.
    assert text.index("case study") < text.index("photo ID")


def test_the_night_before_page_has_no_day_section_when_nothing_was_said(
    client: Client, world: World
) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/night-before/"))
    assert page.select_one("section.b-day") is None
    assert page.select_one("ul.where") is not None


def test_what_is_missing_links_the_pages_and_gives_no_command(client: Client, world: World) -> None:
    opp = r.opportunities.create(world.user, company="Quillon Bank", role="Data Platform Lead")
    bare = r.rounds.create(world.user, opp.pk)
    m.Story.objects.filter(owner=world.user).delete()
    page = soup(client.get(f"/rounds/{bare.pk}/brief/"))
    missing = page.select_one("section.b-missing")
    text = missing.get_text(" ")
    assert "`" not in text and "nextround " not in text
    hints = [" ".join(h.get_text().split()) for h in missing.select(".why")]
    assert "Write a few STAR stories on the Stories page." in hints
    assert "Paste it with Edit on the opportunity page." in hints
    assert "Add them under People on the round page." in hints
    assert "Edit round on the round page." in hints
    assert missing.find("a", string="the Stories page")["href"] == "/stories/"
    assert missing.find("a", string="the opportunity page")["href"] == f"/opportunities/{opp.pk}/"
    # The Markdown file keeps the commands, as code, with no backslash before a backtick.
    text = client.get(f"/rounds/{bare.pk}/brief.md").content.decode()
    assert "\\`" not in text
    assert "on the Stories page, or `nextround story add --title" in text


def test_every_likely_question_is_a_numbered_item_whatever_its_category(
    client: Client, world: World
) -> None:
    page = soup(client.get(f"/rounds/{world.round2.pk}/brief/"))
    questions = page.select("ol.rehearse > li, ol.likely > li")
    assert questions
    for li in questions:
        # Never the pages' own classes (a bare "field" is the form-field style).
        assert li["class"] == [f"q-{li['data-category']}"]


def _pages(pdf: bytes) -> int:
    import io

    from pdfminer.pdfpage import PDFPage

    return len(list(PDFPage.get_pages(io.BytesIO(pdf))))


def test_the_night_before_pdf_is_one_page_and_calls_feedback_feedback(
    client: Client, world: World
) -> None:
    # As much as a real second round brings: five to rehearse, four doubts, a panel, the day.
    for n, doubt in enumerate(("on-call incidents", "mentoring", "data contracts", "budgets")):
        m.Feedback.objects.create(
            owner=world.user,
            round=world.round1,
            source="consultant" if n % 2 else "interviewer",
            sender="Dana Reeve <dana@harbour.example>" if n % 2 else "Priya Shah",
            text=f"They weren't convinced you have handled {doubt} yourself. "
            "Please bring an example of a data contract you defined.",
        )
    for name in ("Sam Patel", "Ann Lee"):
        r.interviewers.add_to_round(world.user, world.round2.pk, name=name, title="Manager")
    page = soup(client.get(f"/rounds/{world.round2.pk}/night-before/"))
    day = page.select_one("section.b-day").get_text(" ")
    assert "Feedback from Priya Shah:" in day or "Feedback from your consultant, Dana" in day
    assert "email" not in day
    # A doubt's story line that one of the five already says is not said twice.
    lines = [s.get_text() for s in page.select("section.b-doubts .why")]
    five = {s.get_text() for s in page.select("section.b-rehearse .why")}
    assert not five & set(lines)
    pdf = client.get(f"/rounds/{world.round2.pk}/night-before.pdf")
    assert pdf.status_code == 200 and _pages(pdf.content) == 1


def test_a_story_that_might_fit_is_offered_on_the_map_as_in_the_brief(
    client: Client, world: World
) -> None:
    wanted = r.requirements.create(
        world.user,
        world.acme.pk,
        text="Explain findings to a retention team that does not read code",
        kind="duty",
    )
    data = json.loads(client.get(f"/rounds/{world.round2.pk}/brief.json").content)
    brief_row = next(x for x in data["evidence"]["rows"] if x["requirement_id"] == wanted.pk)
    page = soup(client.get(f"/opportunities/{world.acme.pk}/evidence/"))
    row = page.find("li", id=f"req-{wanted.pk}")
    offered = [li.get_text(" ", strip=True) for li in row.select("li.maybe")]
    # The map offers exactly what the brief's table offers, with a way to link it.
    assert [x["title"] for x in brief_row["might_fit"]] == [
        t.removeprefix("Might fit: ").split(" (")[0] for t in offered
    ]
    assert offered, "the churn story shares the retention team with this duty"
    assert "Not shown yet" in row.get_text() and "Gap:" not in row.get_text()
    assert row.select_one("li.maybe button").get_text() == "Link"
    md = client.get(f"/rounds/{world.round2.pk}/brief.md").content.decode()
    assert f"Might fit: {brief_row['might_fit'][0]['title']}" in md

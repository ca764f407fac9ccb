"""The brief service: built from the records, requirements extracted safely, checklist kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nextround.services import brief, evidence_map
from nextround.services import records as r
from nextround.services.errors import InvalidInput, NotFound
from nextround.store import models as m
from tests.world import World

TODAY = dt.date(2026, 11, 28)


def test_the_brief_for_round_two_learns_from_round_one(world: World) -> None:
    data = brief.build(world.user, world.round2.pk, TODAY).data
    assert data["schema"] == "nextround.brief" and data["schema_version"] == 2
    assert data["round"]["days_left"] == 5
    assert [p["question"] for p in data["counter"]] == [world.weak_question.text]
    assert [p["question"] for p in data["reinforce"]] == [world.strong_question.text]
    concern = data["concerns"][0]
    assert concern["topic"] == "managing stakeholders"
    assert data["doubts"][0]["label"] == "managing stakeholders"
    repeats = [q for q in data["likely_questions"] if q["category"] == "repeat"]
    assert world.strong_question.text in {q["text"] for q in repeats}
    # The weak stakeholder answer is rehearsed once, as its deeper follow-up, not four times.
    stakeholder = [q for q in data["likely_questions"] if "stakeholder" in q["text"].lower()]
    assert len(stakeholder) <= 2 and stakeholder[0]["rehearse"]
    tom = next(p for p in data["interviewers"] if p["name"] == "Tom Okafor")
    assert tom["new_to_you"] and tom["earlier_employers"] == ["Initech", "Globex"]


def test_the_concern_links_to_the_extracted_stakeholder_requirement(world: World) -> None:
    evidence_map.extract(world.user, world.acme.pk)
    data = brief.build(world.user, world.round2.pk, TODAY).data
    assert data["concerns"][0]["requirement"] == (
        "Experience managing stakeholders across several departments"
    )


def test_the_checklist_is_stored_once_and_keeps_its_ticks(world: World) -> None:
    first = brief.build(world.user, world.round2.pk, TODAY).checklist
    brief.tick(world.user, world.round2.pk, "plan-route")
    again = brief.build(world.user, world.round2.pk, TODAY).checklist
    assert [c.key for c in again] == [c.key for c in first]
    assert next(c for c in again if c.key == "plan-route").done
    assert m.ChecklistItem.objects.filter(round=world.round2).count() == len(first)


def test_ticking_an_unknown_step_names_the_steps_and_changes_nothing(world: World) -> None:
    brief.build(world.user, world.round2.pk, TODAY)
    with pytest.raises(InvalidInput, match=r"no checklist step 'nope'.*plan-route"):
        brief.tick(world.user, world.round2.pk, "nope")
    assert not m.ChecklistItem.objects.filter(round=world.round2, done=True).exists()


def test_merge_adds_only_new_requirements_and_keeps_the_users_own(world: World) -> None:
    mine = r.requirements.create(world.user, world.acme.pk, text="Loves spreadsheets")
    result = evidence_map.extract(world.user, world.acme.pk)
    assert "Loves spreadsheets" in [q.text for q in result.kept]
    assert result.removed == []
    assert "Airflow or another scheduler" in [q.text for q in result.added]
    again = evidence_map.extract(world.user, world.acme.pk)
    assert again.added == []
    assert r.requirements.get(world.user, mine.pk).text == "Loves spreadsheets"


def test_replace_keeps_requirements_stories_back_and_names_what_it_removes(world: World) -> None:
    sql = m.Requirement.objects.get(opportunity=world.acme, text="Strong SQL")
    evidence_map.link(world.user, sql.pk, world.story.pk)
    result = evidence_map.extract(world.user, world.acme.pk, replace=True)
    assert [q.text for q in result.kept] == ["Strong SQL"]
    assert result.removed == ["Airflow"]
    texts = set(m.Requirement.objects.filter(opportunity=world.acme).values_list("text", flat=True))
    assert "Strong SQL" in texts and "Airflow" not in texts


def test_extracting_without_a_job_description_says_how_to_add_one(world: World) -> None:
    with pytest.raises(InvalidInput, match=f"nextround opportunity edit {world.globex.pk}"):
        evidence_map.extract(world.user, world.globex.pk)


def test_the_evidence_view_shows_links_suggestions_gaps_and_idle_stories(world: World) -> None:
    r.stories.create(world.user, title="Choir concert", action="I sang.")
    view = evidence_map.evidence_view(world.user, world.acme.pk)
    rows = {row.requirement.text: row for row in view.rows}
    assert rows["Strong SQL"].suggested[0].title == "Churn dashboard"
    assert rows["Airflow"].is_gap
    assert [t for _, t in view.unused] == ["Choir concert"]
    link = evidence_map.link(world.user, rows["Airflow"].requirement.pk, world.story.pk, "cron")
    again = evidence_map.evidence_view(world.user, world.acme.pk)
    airflow = next(row for row in again.rows if row.requirement.text == "Airflow")
    assert airflow.linked[0].note == "cron" and not airflow.is_gap
    evidence_map.unlink(world.user, link.pk)
    assert not m.Evidence.objects.filter(pk=link.pk).exists()


def test_a_round_with_nothing_around_it_gets_a_brief_naming_what_is_missing(user: Any) -> None:
    opp = r.opportunities.create(user, company="Solo Ltd", role="Clerk")
    round_ = r.rounds.create(user, opp.pk)
    data = brief.build(user, round_.pk, TODAY).data
    text = " ".join(x["how"] for x in data["missing"])
    for command in (
        f"nextround round add {opp.pk}",
        f"nextround opportunity edit {opp.pk} --jd-file",
        "nextround story add",
        f"nextround interviewer add {round_.pk}",
    ):
        assert command in text
    assert data["likely_questions"] and data["checklist"]


def test_unsaved_requirements_are_read_from_the_job_description(user: Any) -> None:
    opp = r.opportunities.create(
        user, company="Co", role="Nurse", job_description="Essential\n- NMC registration\n"
    )
    round_ = r.rounds.create(user, opp.pk)
    data = brief.build(user, round_.pk, TODAY).data
    assert data["evidence"]["requirements_saved"] is False
    assert data["evidence"]["rows"][0]["requirement"] == "NMC registration"
    assert any("requirement extract" in x["how"] for x in data["missing"])


def test_a_registration_with_no_story_asks_to_confirm_it_not_to_write_a_story(user: Any) -> None:
    opp = r.opportunities.create(
        user,
        company="Co",
        role="Nurse",
        job_description="Essential\n- NMC registration\n- Leading a shift on a busy ward\n",
    )
    evidence_map.extract(user, opp.pk)
    round_ = r.rounds.create(user, opp.pk)
    markdown = brief.render(brief.build(user, round_.pk, TODAY), "md").decode()
    nmc = next(line for line in markdown.splitlines() if "NMC registration" in line)
    assert "confirm you have it" in nmc and "write one" not in nmc
    shift = next(line for line in markdown.splitlines() if "Leading a shift" in line)
    assert "write one about it" in shift
    rows = {row.requirement.text: row for row in evidence_map.evidence_view(user, opp.pk).rows}
    assert "confirm you have it" in rows["NMC registration"].gap_advice


def test_the_candidates_own_questions_to_ask_come_first_for_their_person(world: World) -> None:
    tom = m.Interviewer.objects.get(name="Tom Okafor")
    r.questions_to_ask.create(
        world.user,
        world.round2.pk,
        text="What is driving the team's turnover?",
        interviewer_id=tom.pk,
    )
    r.questions_to_ask.create(world.user, world.round2.pk, text="How will success be measured?")
    people = {
        p["name"]: p for p in brief.build(world.user, world.round2.pk, TODAY).data["interviewers"]
    }
    asks = [a["text"] for a in people["Tom Okafor"]["questions_to_ask"]]
    assert asks[0] == "What is driving the team's turnover?"
    everyone = [a["text"] for p in people.values() for a in p["questions_to_ask"]]
    assert everyone.count("How will success be measured?") == 1


def test_another_users_round_is_not_found(world: World, other_user: Any) -> None:
    with pytest.raises(NotFound):
        brief.build(other_user, world.round2.pk)
    with pytest.raises(NotFound):
        evidence_map.extract(other_user, world.acme.pk)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_every_text_format_renders(world: World, fmt: str) -> None:
    content = brief.render(brief.build(world.user, world.round2.pk, TODAY), fmt).decode()
    assert "Tom Okafor" in content and "managing stakeholders" in content


def test_the_pdf_is_a_real_pdf(world: World) -> None:
    pdf = brief.render(brief.build(world.user, world.round2.pk, TODAY), "pdf")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000


def test_the_brief_takes_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    brief.build(world.user, world.round2.pk, TODAY)
    for n in range(20):
        r.stories.create(world.user, title=f"Story {n}", action="I did SQL work.")
    with django_assert_max_num_queries(15):
        brief.build(world.user, world.round2.pk, TODAY)


def test_a_missing_pdf_library_gives_one_clear_line(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from nextround.services.errors import ServiceError

    # As if WeasyPrint (or the Pango it loads) were not installed.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    view = brief.build(world.user, world.round2.pk, TODAY)
    with pytest.raises(ServiceError, match="PDF needs WeasyPrint with Pango") as caught:
        brief.render(view, "pdf")
    assert "\n" not in str(caught.value)


def test_the_json_matches_the_documented_schema(world: World) -> None:
    import json
    from pathlib import Path

    schema = json.loads(
        (Path(__file__).resolve().parents[2] / "docs" / "brief-schema.json").read_text()
    )
    evidence_map.extract(world.user, world.acme.pk)
    data = brief.build(world.user, world.round2.pk, TODAY).data
    assert set(data) == set(schema["required"])
    props = schema["properties"]
    assert set(data["round"]) == set(props["round"]["required"])
    assert set(data["interviewers"][0]) == set(props["interviewers"]["items"]["required"])
    assert set(data["concerns"][0]) == set(schema["$defs"]["remark"]["required"])
    assert set(data["counter"][0]) == set(schema["$defs"]["point"]["required"])
    categories = set(props["likely_questions"]["items"]["properties"]["category"]["enum"])
    assert {q["category"] for q in data["likely_questions"]} <= categories


def test_a_round_that_has_happened_counts_down_to_nothing(world: World) -> None:
    assert world.round2.scheduled_at is not None
    before = world.round2.scheduled_at.date() - dt.timedelta(days=6)
    assert brief.build(world.user, world.round2.pk, before).data["round"]["days_left"] == 6
    m.Round.objects.filter(pk=world.round2.pk).update(status=m.RoundStatus.DONE)
    view = brief.build(world.user, world.round2.pk, before)
    assert view.data["round"]["days_left"] is None
    assert "to go" not in view.subtitle
    assert "to go" not in brief.render(view, "md").decode()

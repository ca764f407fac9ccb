"""Documents read into opportunities, the profile, stories and interviewers by the services."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from nextround.formats.documents import read_document
from nextround.services import cv_import, documents, profile_import
from nextround.services.errors import InvalidInput, NotFound, ServiceError
from nextround.services.records import stories
from nextround.store import models as m
from tests.formats import corpus
from tests.world import World


def text_of(name: str) -> str:
    item = corpus.item(name)
    return read_document(item.data, item.filename).text


# --- job descriptions ----------------------------------------------------------------------------


def test_a_reader_error_becomes_a_service_error_with_the_same_line(tmp_path: Path) -> None:
    path = corpus.item("scanned_pdf").write(tmp_path)
    with pytest.raises(ServiceError) as caught:
        documents.read_file(path)
    assert str(caught.value) == (
        "scanned-jd.pdf: the PDF has no text layer (it looks scanned) and needs OCR, which "
        "nextround does not include"
    )


@pytest.mark.parametrize("name", ["jd_pdf", "jd_docx", "jd_html", "jd_german_cp1252"])
def test_a_job_description_file_replaces_the_opportunitys_text(
    world: World, tmp_path: Path, name: str
) -> None:
    item = corpus.item(name)
    opp, document = documents.attach_job_description(
        world.user, world.acme.pk, item.write(tmp_path)
    )
    opp.refresh_from_db()
    assert opp.job_description == document.text.strip()
    assert opp.jd_source_name == item.filename
    assert item.phrases[0] in opp.job_description


def test_an_unknown_opportunity_is_named_before_the_file_is_read(
    world: World, tmp_path: Path
) -> None:
    with pytest.raises(NotFound):
        documents.attach_job_description(
            world.user, 9999, corpus.item("zip_bomb_docx").write(tmp_path)
        )


def test_a_bad_file_leaves_the_job_description_as_it_was(world: World, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="password-protected"):
        documents.attach_job_description(
            world.user, world.acme.pk, corpus.item("encrypted_pdf").write(tmp_path)
        )
    world.acme.refresh_from_db()
    assert world.acme.job_description.startswith("Senior Data Analyst, Customer Insights")
    assert world.acme.jd_source_name == ""


def test_someone_elses_opportunity_cannot_be_given_a_job_description(
    world: World, other_user: Any, tmp_path: Path
) -> None:
    with pytest.raises(NotFound):
        documents.attach_job_description(
            other_user, world.acme.pk, corpus.item("jd_pdf").write(tmp_path)
        )


# --- CVs -----------------------------------------------------------------------------------------


def test_a_preview_saves_nothing(user: Any) -> None:
    preview = cv_import.preview_text(user, text_of("cv_pdf"), "maya.pdf")
    assert [r.employer for r in preview.roles] == [
        "Larkspur Analytics",
        "Brightwater Bank",
        "Hollis & Reed",
    ]
    assert preview.skills == corpus.MAYA_SKILLS == preview.new_skills
    assert len(preview.new_drafts) == len(preview.drafts) > 0
    assert not m.Story.objects.exists()
    assert not m.Profile.objects.exists()


def test_importing_makes_stories_with_what_is_left_to_write_marked(user: Any) -> None:
    result = cv_import.import_text(user, text_of("cv_pdf"), "maya.pdf")
    made = {s.title: s for s in m.Story.objects.filter(pk__in=result.created)}
    churn = made["Built a churn model in Python that flagged at-risk accounts"]
    assert churn.action == "Built a churn model in Python that flagged at-risk accounts"
    assert churn.result == "saving £1.2m a year in retained revenue"
    assert churn.metrics == "£1.2m"
    assert churn.skills == ["Python"]
    assert cv_import.is_to_complete(churn.situation)
    assert "Product Analyst at Brightwater Bank" in churn.situation
    assert cv_import.is_to_complete(churn.task)
    mentoring = made["Mentored 4 junior analysts through their first year"]
    assert cv_import.is_to_complete(mentoring.result)
    # "Responsible for ..." is a duty, not an achievement.
    assert not any("board pack" in title for title in made)


def test_cv_skills_join_the_profile_skills_without_repeats(user: Any) -> None:
    m.Profile.objects.create(owner=user, skills=["python", "Negotiation"])
    result = cv_import.import_text(user, text_of("cv_docx"), "maya.docx")
    profile = m.Profile.objects.get(owner=user)
    assert profile.skills == [
        "python",
        "Negotiation",
        "SQL",
        "dbt",
        "Looker",
        "A/B testing",
        "Stakeholder management",
    ]
    assert "Python" not in result.skills_added
    assert "Brightwater Bank" in profile.cv_text


def test_importing_twice_does_not_duplicate_stories(user: Any) -> None:
    first = cv_import.import_text(user, text_of("cv_two_column_pdf"), "tomas.pdf")
    second = cv_import.import_text(user, text_of("cv_two_column_docx"), "tomas.docx")
    assert len(first.created) == m.Story.objects.count() > 0
    assert second.created == ()
    assert second.skipped == len(second.preview.drafts)


def test_a_story_already_written_by_hand_counts_as_imported(user: Any) -> None:
    stories.create(user, title="Cut onboarding time by 40%", action="My own words")
    preview = cv_import.preview_text(user, text_of("cv_pdf"))
    assert [d.title for d in preview.drafts if d.exists] == ["Cut onboarding time by 40%"]
    cv_import.import_text(user, text_of("cv_pdf"))
    assert m.Story.objects.filter(title="Cut onboarding time by 40%").count() == 1


def test_only_the_chosen_drafts_are_imported(user: Any) -> None:
    result = cv_import.import_text(user, text_of("cv_pdf"), chosen={1, 3})
    assert len(result.created) == 2
    assert result.skipped == len(result.preview.drafts) - 2


def test_another_persons_stories_do_not_count_as_imported(user: Any, other_user: Any) -> None:
    cv_import.import_text(other_user, text_of("cv_pdf"))
    preview = cv_import.preview_text(user, text_of("cv_pdf"))
    assert not any(d.exists for d in preview.drafts)


def test_empty_or_huge_cv_text_is_refused(user: Any) -> None:
    with pytest.raises(InvalidInput, match="the CV text is empty"):
        cv_import.import_text(user, "   \n")
    with pytest.raises(InvalidInput, match="over the 400,000 limit"):
        cv_import.preview_text(user, "x" * 400_001)
    assert not m.Profile.objects.exists()


def test_a_cv_without_roles_still_gives_a_preview(user: Any) -> None:
    preview = cv_import.preview_text(user, "Jane Doe\n\nSkills\nExcel, Word\n")
    assert preview.roles == () and preview.drafts == ()
    assert preview.skills == ("Excel", "Word")


# --- interviewer profiles ------------------------------------------------------------------------


def test_profile_facts_come_from_the_saved_pdf(tmp_path: Path) -> None:
    path = corpus.item("profile_pdf").write(tmp_path)
    facts = profile_import.facts_from_file(path, today=corpus.PROFILE_TODAY)
    assert (facts.name, facts.title, facts.current_company) == (
        "Priya Raman",
        "Head of Data",
        "Corvid Systems",
    )
    assert facts.years_at_company == 5.8
    assert facts.earlier_employers == ("Initech Analytics", "Globe Mutual Insurance")
    assert facts.source_name == "Profile.pdf"


def test_a_new_interviewer_is_added_to_the_round(world: World) -> None:
    facts = profile_import.facts_from_text(corpus.profile_text(), today=corpus.PROFILE_TODAY)
    result = profile_import.apply_facts(world.user, world.round2.pk, facts)
    person = result.interviewer
    assert result.created
    assert person.opportunity_id == world.acme.pk
    assert (person.title, person.years_at_company) == ("Head of Data", Decimal("5.8"))
    assert person.earlier_employers == ["Initech Analytics", "Globe Mutual Insurance"]
    assert person.research_notes == facts.research_note
    assert m.RoundInterviewer.objects.filter(round=world.round2, interviewer=person).exists()


def test_importing_the_same_profile_again_updates_the_same_person(world: World) -> None:
    facts = profile_import.facts_from_text(corpus.profile_text(), today=corpus.PROFILE_TODAY)
    first = profile_import.apply_facts(world.user, world.round2.pk, facts)
    m.Interviewer.objects.filter(pk=first.interviewer.pk).update(
        research_notes="Met her at a meetup.\n\n" + first.interviewer.research_notes
    )
    later = profile_import.facts_from_text(corpus.profile_text(), today=corpus.PROFILE_TODAY)
    later = profile_import.ProfileFacts(**{**later.__dict__, "years_at_company": 6.3})
    later = profile_import.ProfileFacts(
        **{**later.__dict__, "research_note": later.research_note.replace("5.8", "6.3")}
    )
    again = profile_import.apply_facts(world.user, world.round1.pk, later)
    assert not again.created and again.interviewer.pk == first.interviewer.pk
    assert m.Interviewer.objects.filter(name="Priya Raman").count() == 1
    notes = again.interviewer.research_notes
    assert notes.startswith("Met her at a meetup.")
    assert "6.3 years" in notes and "5.8 years" not in notes
    assert again.interviewer.years_at_company == Decimal("6.3")
    assert m.RoundInterviewer.objects.filter(round=world.round1, interviewer=first.interviewer)


def test_the_interviewer_named_is_filled_in_and_keeps_what_was_known(world: World) -> None:
    facts = profile_import.facts_from_text(corpus.profile_text(), today=corpus.PROFILE_TODAY)
    planned = profile_import.plan(world.user, world.round2.pk, facts, world.tom.pk)
    assert planned.interviewer == world.tom and not planned.creating
    world.tom.refresh_from_db()
    assert world.tom.earlier_employers == ["Initech", "Globex"]  # a plan saves nothing
    result = profile_import.apply_facts(world.user, world.round2.pk, facts, world.tom.pk)
    assert result.interviewer.name == "Tom Okafor"
    assert result.interviewer.earlier_employers == [
        "Initech",
        "Globex",
        "Initech Analytics",
        "Globe Mutual Insurance",
    ]
    # Tom's title was already "Head of Data": only what is new counts as changed.
    assert set(result.changed) == {
        "years_at_company",
        "earlier_employers",
        "research_notes",
    }


def test_a_person_of_another_opportunity_is_refused(world: World) -> None:
    other = m.Interviewer.objects.create(owner=world.user, opportunity=world.globex, name="Ann")
    facts = profile_import.facts_from_text(corpus.profile_text())
    with pytest.raises(InvalidInput, match="Ann belongs to another opportunity"):
        profile_import.apply_facts(world.user, world.round2.pk, facts, other.pk)
    assert not m.Interviewer.objects.filter(name="Priya Raman").exists()


def test_text_that_is_not_a_profile_is_refused(world: World) -> None:
    count = m.Interviewer.objects.count()
    facts = profile_import.facts_from_text("Shopping list\n\nEggs\nMilk\n")
    with pytest.raises(InvalidInput, match="is it a profile"):
        profile_import.apply_facts(world.user, world.round2.pk, facts)
    assert m.Interviewer.objects.count() == count


def test_an_unknown_round_is_not_found(world: World, other_user: Any) -> None:
    facts = profile_import.facts_from_text(corpus.profile_text())
    with pytest.raises(NotFound):
        profile_import.apply_facts(other_user, world.round2.pk, facts)


@pytest.mark.parametrize(
    "name", ["pdf huge text run", "pdf inflating stream", "docx padded laughs"]
)
def test_a_hostile_job_description_file_leaves_the_opportunity_as_it_was(
    world: World, tmp_path: Path, name: str
) -> None:
    from tests.formats import hostile

    item = next(h for h in hostile.HOSTILE if h.name == name)
    path = tmp_path / item.filename
    path.write_bytes(item.data)
    before = m.Opportunity.objects.values().get(pk=world.acme.pk)
    with pytest.raises(documents.UnreadableDocument, match=item.refusal):
        documents.attach_job_description(world.user, world.acme.pk, path)
    assert m.Opportunity.objects.values().get(pk=world.acme.pk) == before

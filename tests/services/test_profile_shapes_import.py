"""Each real profile layout, pasted, fills in the interviewer field by field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nextround.services import profile_import
from nextround.services.errors import InvalidInput
from nextround.store import models as m
from tests.formats import corpus
from tests.formats.profile_shapes import BY_NAME, SHAPES, Shape
from tests.world import World


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_a_pasted_profile_fills_in_the_interviewer_field_by_field(
    world: World, shape: Shape
) -> None:
    facts = profile_import.facts_from_text(shape.text, today=corpus.PROFILE_TODAY)
    result = profile_import.apply_facts(world.user, world.round2.pk, facts)
    person = m.Interviewer.objects.get(pk=result.interviewer.pk)
    assert person.name == shape.person
    assert person.title == shape.title
    expected_years = None if shape.years is None else Decimal(str(shape.years))
    assert person.years_at_company == expected_years
    assert tuple(person.earlier_employers) == shape.earlier
    assert person.research_notes == shape.note
    assert (person.seniority, person.role) == (shape.seniority, shape.role)
    assert result.created
    assert person in list(world.round2.interviewers.all())


def test_an_unclear_profile_leaves_title_and_company_for_the_candidate(world: World) -> None:
    facts = profile_import.facts_from_text(BY_NAME["unclear"].text, today=corpus.PROFILE_TODAY)
    planned = profile_import.plan(world.user, world.round2.pk, facts)
    assert planned.facts.unclear == ("job title", "company")
    assert "title" not in planned.changes
    assert planned.changes["research_notes"] == "Jordan Pike: Speaker and mentor."


def test_a_profile_with_no_person_and_no_job_is_still_refused(world: World) -> None:
    facts = profile_import.facts_from_text("Shopping list\n\nEggs\nMilk\n")
    with pytest.raises(InvalidInput, match="no job title, company or employers found"):
        profile_import.apply_facts(world.user, world.round2.pk, facts)


def test_a_title_fills_in_only_the_level_and_part_left_at_their_defaults(world: World) -> None:
    opp = world.round2.opportunity
    known = m.Interviewer.objects.create(
        owner=world.user, opportunity=opp, name="Hannah Cole", role="hiring-manager"
    )
    text = BY_NAME["leadership_page"].text
    facts = profile_import.facts_from_text(text, today=corpus.PROFILE_TODAY)
    planned = profile_import.plan(world.user, world.round2.pk, facts)
    assert planned.interviewer == known
    assert planned.changes["seniority"] == "executive"
    assert "role" not in planned.changes  # the candidate said hiring manager: theirs stands


def test_importing_again_replaces_the_note_it_wrote_and_keeps_the_candidates(
    world: World,
) -> None:
    text = BY_NAME["one_line_roles"].text
    facts = profile_import.facts_from_text(text, today=corpus.PROFILE_TODAY)
    first = profile_import.apply_facts(world.user, world.round2.pk, facts)
    person = m.Interviewer.objects.get(pk=first.interviewer.pk)
    person.research_notes += "\n\nMet her at a meetup in May."
    person.save()
    later = profile_import.facts_from_text(text, today=date(2025, 6, 1))  # a longer tenure
    profile_import.apply_facts(world.user, world.round2.pk, later)
    notes = m.Interviewer.objects.get(pk=person.pk).research_notes
    assert "there for about 2.8 years" in notes and "2.2 years" not in notes
    assert notes.count("About: “I lead 60 engineers") == 1
    assert notes.startswith("Met her at a meetup in May.\n\nPriya Natarajan is VP Engineering")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the profile text is empty"),
        ("x" * 200_001, "over the 200,000 limit"),
        ("Name\x00\x01\x02\x03 title", "not readable text"),
        ("\ufffd" * 500, "not readable text"),
    ],
    ids=["empty", "huge", "control-codes", "undecodable"],
)
def test_bad_text_is_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        profile_import.facts_from_text(text)

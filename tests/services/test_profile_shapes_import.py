"""Each real profile layout, pasted, fills in the interviewer field by field."""

from __future__ import annotations

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

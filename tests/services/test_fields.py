"""The field of an opportunity, as the services see it: from the stored role and description."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nextround.services import fields
from nextround.services import records as r
from nextround.store import models as m
from tests.world import World, opportunity

WARD_JOB = """Staff Nurse, Acute Medical Unit (Band 5)

You will care for up to eight patients a shift, recognise and escalate deterioration using NEWS2,
and give medicines safely. NMC registration is essential.
"""


@pytest.fixture(autouse=True)
def fresh() -> None:
    fields.forget()


def test_the_world_data_analyst_is_a_data_job(world: World) -> None:
    guess = fields.field_of(world.acme)
    assert guess.field == "data"
    assert "Data Analyst" in guess.evidence


def test_a_nurse_is_nursing_from_the_stored_description(user: Any) -> None:
    job = opportunity(user, role="Staff Nurse", job_description=WARD_JOB)
    stored = m.Opportunity.objects.get(pk=job.pk)
    guess = fields.field_of(stored)
    assert (guess.field, guess.label) == ("nursing", "nursing")
    assert "NEWS2" in guess.evidence


def test_an_edited_role_gives_the_new_field_and_never_a_stale_one(user: Any) -> None:
    job = opportunity(user, role="Staff Nurse", job_description="")
    assert fields.field_of(job).field == "nursing"
    edited = r.opportunities.update(user, job.pk, role="Management Accountant")
    assert fields.field_of(edited).field == "finance"


def test_a_vague_role_gives_no_field(world: World) -> None:
    guess = fields.field_of(world.globex)  # "Insights Lead", no description
    assert guess.field is None
    assert guess.label == "no particular field"


def test_it_reads_and_writes_nothing_and_remembers_the_guess(world: World) -> None:
    world.acme.refresh_from_db()  # its rounds moved its stage on when they were made
    with CaptureQueriesContext(connection) as queries:
        first = fields.field_of(world.acme)
        second = fields.field_of(world.acme)
    assert len(queries) == 0
    assert first is second
    stored = m.Opportunity.objects.get(pk=world.acme.pk)
    assert (stored.role, stored.updated_at) == (world.acme.role, world.acme.updated_at)

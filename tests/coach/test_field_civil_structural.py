"""Civil and structural engineering at a design consultancy is its own field, not construction."""

from __future__ import annotations

import pytest

from nextround.coach.bank import FIELDS, INTERVIEWER_ROLES, bank_for, questions_to_ask
from nextround.coach.fields import (
    FIELD_BAR,
    cares_about,
    craft_ask,
    detect_field,
    field_label,
    organisation,
    unsuited_asks,
)

ADVERT = """Senior Structural Engineer - Buildings (Leeds)

We are a civil and structural engineering consultancy of 60 people working for architects,
developers and housing associations across Yorkshire.

The role
- Lead the structural design of residential and commercial schemes from RIBA Stage 2 to Stage 5
- Prepare structural calculations and check the calcs and drawings of graduate engineers
- Carry out structural appraisals of existing buildings, including masonry and timber
- Assess embodied carbon at concept stage and report against SCORS

About you
- Chartered member of the IStructE or the Institution of Civil Engineers
- Sound working knowledge of the Eurocodes (EC2, EC3, EC5 and EC6)
- Experience of Tekla Structural Designer or similar analysis software
- Understanding of designer duties under CDM 2015
"""

CONTRACTOR_ONLY = (
    "temporary works managed on your sites",
    "cost value reconciliation",
    "edge protection",
    "accident or near miss on one of your sites",
    "several trades working at once",
)


def test_a_structural_engineer_at_a_consultancy_is_civil_and_structural_engineering() -> None:
    guess = detect_field("Senior Structural Engineer - Buildings (Leeds)", ADVERT)
    assert guess.field == "civil-structural"
    assert guess.confidence >= FIELD_BAR
    assert guess.label == "civil and structural engineering"
    assert guess.evidence[0] == "Structural Engineer"
    assert "IStructE" in guess.evidence or "Eurocodes" in guess.evidence


@pytest.mark.parametrize(
    "title",
    [
        "Structural Engineer",
        "Graduate Civil Engineer",
        "Chartered Structural Engineer",
        "Associate Structural Engineer",
        "Bridge Engineer",
        "Geotechnical Engineer",
        "Senior Highways Engineer",
        "Drainage Engineer",
        "Structural Design Engineer",
        "Civil and Structural Engineer",
    ],
)
def test_design_titles_are_civil_and_structural_engineering(title: str) -> None:
    guess = detect_field(title)
    assert guess.field == "civil-structural", guess
    assert guess.confidence >= FIELD_BAR


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Site Manager", "Run a residential site; SMSTS and CSCS; manage subcontractors."),
        ("Senior Quantity Surveyor", "Monthly valuations and CVRs under NEC and JCT contracts."),
        ("Quantity Surveyor - Civil Engineering", ""),
        ("Contracts Manager", "Oversee several sites and their subcontractors."),
        ("Site Engineer", "Setting out and levels on a civil engineering scheme."),
        ("Civil Engineering Site Manager", "Groundworks and drainage; RAMS and toolbox talks."),
    ],
)
def test_a_contractor_s_site_and_commercial_jobs_are_still_construction(
    title: str, description: str
) -> None:
    guess = detect_field(title, description)
    assert guess.field == "construction", guess


def test_a_mechanical_engineer_is_still_engineering() -> None:
    assert detect_field("Senior Mechanical Engineer", "SolidWorks, FMEA and GD&T").field == (
        "engineering"
    )


def test_the_field_has_its_own_questions_and_none_of_a_contractor_s() -> None:
    bank = bank_for("civil-structural")
    own = [q for q in bank if q.fields == ("civil-structural",)]
    assert len(own) >= 15
    assert {"technical", "behavioural", "situational"} <= {q.type for q in own}
    texts = " ".join(q.text.lower() for q in own)
    for topic in ("masonry", "timber", "cdm 2015", "graduate", "embodied carbon", "architect"):
        assert topic in texts, topic
    everything = " ".join(q.text.lower() for q in bank)
    for phrase in CONTRACTOR_ONLY:
        assert phrase not in everything, phrase
    assert not any("construction" in q.fields for q in own)
    # Nor does a contractor's job get the consultancy's questions.
    assert not any(q.fields == ("civil-structural",) for q in bank_for("construction"))


def test_the_questions_to_ask_fit_a_consultancy_not_a_site() -> None:
    for role in ("hiring-manager", "senior-executive", "team-member", "technical", "hr"):
        first = questions_to_ask(role, None, 3, "civil-structural")
        assert any("civil-structural" in a.fields for a in first), role
    every = [a for role in INTERVIEWER_ROLES for a in questions_to_ask(role, None, 200, FIELDS[-1])]
    texts = " ".join(a.text.lower() for a in every)
    assert "subcontractors day to day" not in texts
    assert "safety record" not in texts
    assert "smsts" not in texts
    technical = [a.text for a in questions_to_ask("technical", None, 5, "civil-structural")]
    assert any("checked and signed off" in t for t in technical)


def test_interviewers_care_about_design_checking_fees_and_graduates_not_running_a_site() -> None:
    said = " ".join(
        phrase
        for role in ("hiring-manager", "senior-executive", "team-member", "technical", "hr")
        for phrase in cares_about("civil-structural", role)
    )
    for topic in ("sign off", "fee and programme", "architect", "graduates", "embodied carbon"):
        assert topic in said, topic
    assert "associate" in said and "IStructE" in said
    for site_word in ("site safety", "subcontractors", "on site", "trades and shifts", "SMSTS"):
        assert site_word not in said, site_word


def test_the_employer_is_a_firm_and_the_specialist_is_asked_about_their_jobs() -> None:
    assert field_label("civil-structural") == "civil and structural engineering"
    assert organisation("civil-structural") == "firm"
    assert craft_ask("civil-structural") == (
        "Which of your current jobs is the most technically demanding, and why?"
    )
    # Clients, not customers; no out-of-hours support rota.
    assert {"exec-customer-view", "tech-on-call"} <= unsuited_asks("civil-structural")

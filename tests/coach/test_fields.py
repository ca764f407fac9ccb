"""Detecting the job's field, the fields file and what each field's interviewers care about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nextround.coach.bank import FIELDS, INTERVIEWER_ROLES
from nextround.coach.fields import (
    FIELD_BAR,
    FIELD_ROLES,
    FieldsError,
    cares_about,
    detect_field,
    field_label,
    load_fields,
    load_fields_file,
)

# Development cases for the cues: none of them is in eval/fields/, which measures them.
CLEAR = [
    ("Junior Python Developer", "", "software"),
    (
        "Staff Software Engineer",
        "Own services in Go and Kubernetes; review pull requests.",
        "software",
    ),
    ("Senior Data Engineer", "Airflow, dbt and Snowflake pipelines.", "data"),
    ("Marketing Analyst", "Report on campaign performance and attribution.", "marketing"),
    ("Band 6 Sister, Respiratory Ward", "", "nursing"),
    ("Deputy Ward Manager", "Lead the nursing team on shift; NMC registered.", "nursing"),
    ("Teacher of Geography", "", "teaching"),
    ("SEN Teaching Assistant", "", "teaching"),
    ("Social Media Manager", "", "marketing"),
    ("Internal Sales Executive", "", "sales"),
    ("Chartered Accountant", "", "finance"),
    ("Retail Supervisor", "", "retail"),
    ("Newly Qualified Social Worker", "", "social-work"),
    ("Commis Chef", "", "hospitality"),
    ("Groundworks Foreman", "", "construction"),
    ("Employment Paralegal", "", "law"),
    ("Night Warehouse Supervisor", "", "logistics"),
    ("Senior HR Advisor", "", "hr"),
    ("Senior Mechanical Engineer", "", "engineering"),
]


@pytest.mark.parametrize(("role", "description", "field"), CLEAR)
def test_it_detects_the_field_of_a_plain_title(role: str, description: str, field: str) -> None:
    guess = detect_field(role, description)
    assert guess.field == field
    assert guess.confidence >= FIELD_BAR
    assert guess.evidence


def test_the_title_outweighs_a_description_full_of_another_fields_words() -> None:
    description = (
        "Join the hospital's information team. You will report on patients, wards, "
        "discharges and clinical outcomes for the nursing directorate, in SQL and Power BI."
    )
    guess = detect_field("Data Analyst", description)
    assert guess.field == "data"
    assert guess.evidence[0] == "Data Analyst"


def test_a_team_named_after_the_title_is_not_the_field() -> None:
    assert detect_field("Data Analyst, Marketing").field == "data"
    assert detect_field("Software Engineer - Retail Platforms").field == "software"


def test_an_ambiguous_word_alone_is_not_enough() -> None:
    # "pipeline" belongs to sales and to data; "operations" to almost everything.
    assert detect_field("Coordinator", "Keep the pipeline moving.").field is None
    assert detect_field("Operations Manager").field is None


def test_a_description_can_name_the_field_when_the_title_does_not() -> None:
    guess = detect_field(
        "Team Leader",
        "Lead pickers and packers in our distribution centre; pick rates, goods in and despatch.",
    )
    assert guess.field == "logistics"
    assert "pick rates" in guess.evidence
    turkish = detect_field("HR Business Partner, İstanbul", "İşe alım and employee relations")
    assert turkish.evidence == ("HR Business Partner", "employee relations")


def test_a_job_outside_every_field_says_none_with_the_words_that_ruled_it_out() -> None:
    guess = detect_field("Veterinary Nurse", "Care for patients before and after surgery.")
    assert guess.field is None
    assert guess.evidence == ("Veterinary",)


def test_no_cue_at_all_gives_none_with_zero_confidence() -> None:
    guess = detect_field("Associate", "")
    assert (guess.field, guess.confidence, guess.evidence) == (None, 0.0, ())
    assert guess.label == "no particular field"


def test_evidence_quotes_the_words_as_written() -> None:
    guess = detect_field("Head  Chef", "A 60-cover bistro; HACCP and allergen records.")
    assert guess.field == "hospitality"
    assert guess.evidence[0] == "Head  Chef"
    assert "HACCP" in guess.evidence


def test_every_field_has_a_label_in_human_words() -> None:
    assert field_label("social-work") == "social work"
    assert field_label(None) == "no particular field"
    assert {field_label(f) for f in FIELDS} == {i.label for i in load_fields().fields.values()}
    with pytest.raises(ValueError, match="unknown field"):
        field_label("astrology")


def test_a_matron_cares_about_safe_staffing_not_business_numbers() -> None:
    cares = cares_about("nursing", "hiring-manager")
    assert "safe staffing and patient safety" in cares
    assert "how you lead a shift and escalate" in cares
    assert not any("business" in c for c in cares)


def test_a_director_in_another_role_also_cares_about_what_the_field_s_leaders_do() -> None:
    plain = cares_about("teaching", "hiring-manager")
    director = cares_about("teaching", "hiring-manager", "director")
    senior = cares_about("teaching", "senior-executive")
    assert senior[0] in director and senior[0] not in plain
    assert 2 <= len(director) <= 4


def test_with_no_field_the_phrases_are_general_and_every_role_has_some() -> None:
    for role in INTERVIEWER_ROLES:
        assert cares_about(None, role)
    assert cares_about(None, "hr") != cares_about("nursing", "hr")
    # A role no field speaks of falls back to the general phrases.
    assert cares_about("law", "consultant") == cares_about(None, "consultant")


def test_every_field_says_two_to_four_things_for_every_interviewer_role() -> None:
    for field in FIELDS:
        for role in FIELD_ROLES:
            assert 2 <= len(cares_about(field, role)) <= 4, (field, role)


def test_cares_about_rejects_unknown_values() -> None:
    with pytest.raises(ValueError, match="field"):
        cares_about("astrology", "hr")
    with pytest.raises(ValueError, match="role"):
        cares_about("law", "janitor")
    with pytest.raises(ValueError, match="seniority"):
        cares_about("law", "hr", "emperor")


def good_file() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        Path(__file__)
        .resolve()
        .parents[2]
        .joinpath("src/nextround/coach/data/fields.json")
        .read_text(encoding="utf-8")
    )
    return raw


def fields_error(tmp_path: Path, raw: object) -> str:
    path = tmp_path / "fields.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(FieldsError) as caught:
        load_fields_file(path)
    return str(caught.value)


def test_the_packaged_file_loads_once_and_a_copy_of_it_validates(tmp_path: Path) -> None:
    assert load_fields() is load_fields()
    path = tmp_path / "fields.json"
    path.write_text(json.dumps(good_file()), encoding="utf-8")
    assert set(load_fields_file(path).fields) == set(FIELDS)


def test_it_names_the_field_and_key_of_a_short_cares_about_list(tmp_path: Path) -> None:
    raw = good_file()
    raw["fields"][2]["cares_about"]["hr"] = ["one thing"]
    message = fields_error(tmp_path, raw)
    assert "fields.json" in message
    assert "item 2 ('nursing')" in message
    assert "key 'cares_about.hr'" in message
    assert "needs 2 to 4 phrases, has 1" in message


def test_it_refuses_an_unknown_field_a_missing_field_and_a_bad_weight(tmp_path: Path) -> None:
    raw = good_file()
    raw["fields"][0]["id"] = "astrology"
    assert "unknown field 'astrology'" in fields_error(tmp_path, raw)
    raw = good_file()
    del raw["fields"][-1]
    assert "lacks engineering" in fields_error(tmp_path, raw)
    raw = good_file()
    raw["fields"][1]["titles"]["data analyst"] = 50
    message = fields_error(tmp_path, raw)
    assert "item 1 ('data')" in message and "key 'titles.data analyst'" in message


def test_it_refuses_an_unknown_role_and_invalid_json_by_line(tmp_path: Path) -> None:
    raw = good_file()
    raw["fields"][3]["cares_about"]["janitor"] = ["mops", "buckets"]
    assert "unknown interviewer role 'janitor'" in fields_error(tmp_path, raw)
    path = tmp_path / "broken.json"
    path.write_text('{"format_version": 1,\n "fields": [,]}', encoding="utf-8")
    with pytest.raises(FieldsError, match=r"broken\.json: line 2"):
        load_fields_file(path)


def test_a_title_that_names_other_work_than_the_field_s_is_read_by_its_title() -> None:
    commercial = cares_about(
        "construction",
        "hiring-manager",
        "manager",
        "Commercial Manager",
        "Senior Quantity Surveyor",
    )
    assert "accurate cost reports and forecasts" in commercial
    assert "site safety and how you run a site" not in commercial
    # A quantity surveyor's recruiter and project manager: the general phrases, not site tickets.
    recruiter = cares_about("construction", "hr", "junior", "Recruitment Coordinator", "Senior QS")
    assert recruiter == cares_about(None, "hr")
    general_manager = cares_about("hr", "team-member", "manager", "General Manager, Daventry")
    assert not any("casework" in c for c in general_manager)
    # Where the field's phrases already describe the work, they stay.
    assert cares_about(
        "finance", "hiring-manager", "manager", "Finance Director", "Controller"
    ) == (cares_about("finance", "hiring-manager", "manager"))
    assert cares_about("construction", "hiring-manager", "manager", "Operations Director") == (
        cares_about("construction", "hiring-manager", "manager")
    )
    # "HR Business Partner – Operations" is an HR job: only the title's head counts.
    assert cares_about(
        "hr", "hiring-manager", "senior", "Head of People", "HR Business Partner – Operations"
    ) == (cares_about("hr", "hiring-manager", "senior"))


def test_it_names_a_function_with_an_unknown_native_field(tmp_path: Path) -> None:
    raw = good_file()
    raw["functions"][0]["native_fields"] = ["finance", "astrology"]
    message = fields_error(tmp_path, raw)
    assert "functions item 0 ('safety')" in message and "unknown field 'astrology'" in message


def test_a_director_of_another_function_judges_by_that_function_not_the_fields_director() -> None:
    ops = cares_about(
        "finance",
        "senior-executive",
        "director",
        title="Operations Director",
        job_title="Senior Management Accountant",
    )
    fd = cares_about(
        "finance",
        "senior-executive",
        "director",
        title="Finance Director",
        job_title="Senior Management Accountant",
    )
    assert ops and fd and not set(ops) & set(fd)
    assert any("operation" in phrase for phrase in ops)

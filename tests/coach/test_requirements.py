"""Requirements and key terms read from job descriptions of many fields."""

from __future__ import annotations

import json

import pytest
from bench.requirements_eval import score_all

from nextround.coach.requirements import (
    TermsError,
    describe_requirement,
    extract_requirements,
    parse_terms,
    requirement_phrase,
)
from tests.world import JOB_DESCRIPTION


def by_text(jd: str) -> dict[str, str]:
    return {r.text: r.kind for r in extract_requirements(jd).requirements}


def test_it_reads_must_and_nice_from_the_headings() -> None:
    found = by_text(JOB_DESCRIPTION)
    # "Strong SQL and experience with Python for analysis" names two things: two requirements.
    assert found["Strong SQL"] == "must"
    assert found["experience with Python for analysis"] == "must"
    assert found["Experience managing stakeholders across several departments"] == "must"
    assert found["Airflow or another scheduler"] == "nice"
    assert found["Experience in retail or e-commerce"] == "nice"


def test_it_finds_key_terms_and_the_level_of_the_job() -> None:
    extraction = extract_requirements(JOB_DESCRIPTION)
    assert {"SQL", "Python", "Airflow"} <= set(extraction.key_terms)
    assert extraction.level == "senior"


def test_wording_overrides_the_section_for_must_or_nice() -> None:
    jd = (
        "Requirements:\n- A driving licence is desirable\n- Excel, ideally with macros\n\n"
        "Bonus:\n- NEBOSH certificate is essential for site visits\n"
    )
    found = by_text(jd)
    assert found["A driving licence is desirable"] == "nice"
    # "ideally" late in the line qualifies a detail, not the whole requirement.
    assert found["Excel, ideally with macros"] == "must"
    assert found["NEBOSH certificate is essential for site visits"] == "must"


def test_benefits_and_about_us_are_not_requirements() -> None:
    jd = (
        "About us\n- We are a friendly team of 20\n\nWhat you'll need\n- Strong SQL\n\n"
        "Benefits\n- 25 days holiday\n- Free parking\n"
    )
    assert list(by_text(jd)) == ["Strong SQL"]


def test_prose_requirements_are_found_in_sentences() -> None:
    jd = (
        "Staff Nurse\n\nYou will need current NMC registration. Experience of IV therapy would "
        "be an advantage. We offer a generous pension."
    )
    found = by_text(jd)
    assert found == {
        "You will need current NMC registration": "must",
        "Experience of IV therapy would be an advantage": "nice",
    }


def test_each_requirement_points_at_its_words_in_the_job_description() -> None:
    for requirement in extract_requirements(JOB_DESCRIPTION).requirements:
        assert JOB_DESCRIPTION[requirement.span.start : requirement.span.end] == requirement.text


@pytest.mark.parametrize("text", ["", "   \n\n", "hello", "x" * 500_000, "\x00\x01 - SQL"])
def test_odd_input_gives_an_answer_not_an_error(text: str) -> None:
    extraction = extract_requirements(text)
    assert all(len(r.text) <= 300 for r in extraction.requirements)


def test_non_text_is_refused_with_a_clear_error() -> None:
    with pytest.raises(TypeError, match="must be text"):
        extract_requirements(None)  # type: ignore[arg-type]


def test_a_requirement_typed_by_hand_gets_a_category_and_terms() -> None:
    assert describe_requirement("CIPD Level 7 qualification") == ("qualification", ("CIPD",))
    assert describe_requirement("Tableau")[0] == "tool"


def test_a_malformed_terms_file_names_the_problem() -> None:
    with pytest.raises(TermsError, match="format_version"):
        parse_terms({"format_version": 9}, "terms.json")
    with pytest.raises(TermsError, match="headings"):
        parse_terms({"format_version": 1, "headings": {}}, "terms.json")


def test_the_labelled_set_spans_at_least_fifteen_fields_beyond_software() -> None:
    from bench.requirements_eval import load_set

    items = load_set()
    fields = {str(labels["field"]) for _, _, labels in items}
    assert len(items) >= 16 and len(fields) >= 15
    for name, text, labels in items:
        assert labels["requirements"] and json.dumps(labels)
        for requirement in labels["requirements"]:  # type: ignore[attr-defined]
            assert requirement["kind"] in ("must", "nice")
            # Labels are the job description's own words, so a match can be checked by hand.
            assert requirement["text"] in text, (name, requirement["text"])


def test_extraction_keeps_its_precision_and_recall_on_the_labelled_set() -> None:
    overall, by_field, _ = score_all()
    # Floors below the measured figures (see docs/brief.md), so a regression fails here.
    assert overall.precision >= 0.9 and overall.recall >= 0.9
    assert overall.kind_accuracy >= 0.9
    assert all(score.recall >= 0.6 for score in by_field.values())


def test_headings_with_a_leading_modifier_or_an_ampersand_open_their_section() -> None:
    jd = (
        "Stores Assistant\n\nCore Duties:\n* Unload deliveries and check them against orders\n\n"
        "Skills & Experience\n- Forklift licence\n\nYour Benefits\n- Free lunch on Fridays\n"
    )
    extraction = extract_requirements(jd)
    assert [(r.text, r.category) for r in extraction.requirements] == [
        ("Forklift licence", "qualification")
    ]
    assert extraction.requirements[0].why == 'under "Skills & Experience"'
    # Duties are kept apart, each thing the job holder does on its own.
    assert [d.text for d in extraction.duties] == [
        "Unload deliveries",
        "check them against orders",
    ]
    assert extraction.duties[0].why == 'a duty under "Core Duties"'


def test_a_heading_and_its_items_on_one_line_may_be_joined_by_a_dash() -> None:
    jd = (
        "Bookkeeper\n\nEssential - AAT level 3; two years of bookkeeping in practice.\n"
        "Desirable – Xero certification\n"
    )
    assert by_text(jd) == {
        "AAT level 3": "must",
        "two years of bookkeeping in practice": "must",
        "Xero certification": "nice",
    }


def test_a_sentence_that_starts_with_a_duty_verb_under_the_role_is_a_duty() -> None:
    jd = (
        "Events Coordinator\n\nThe role\nPlan and run our supporter events across the region. "
        "It is a varied job.\n\nAbout you\nYou'll be joining a friendly team of six. "
        "You are calm under pressure.\n"
    )
    extraction = extract_requirements(jd)
    assert {r.text: r.why for r in extraction.requirements} == {
        "You are calm under pressure": 'says "you are"',
    }
    assert [(d.text, d.why) for d in extraction.duties] == [
        ("Plan and run our supporter events across the region", 'a duty under "The role"')
    ]


BAND6_ADVERT = (
    "Junior Ward Sister (Band 6)\n\n"
    "Main duties of the job\n"
    "You will take charge of the ward in the absence of the ward manager, coordinating the work "
    "of the nursing team and making sure that safe staffing levels are kept on every shift. You "
    "will act as a role model for compassionate care and support the ward manager with rotas and "
    "appraisals.\n\n"
    "About you\n"
    "You will need current NMC registration and at least two years' experience in elderly care. "
    "You can show a portfolio of improvement projects with measurable results. "
    "A teaching qualification would be an advantage, as is experience of cannulation.\n\n"
    "What we offer\n- NHS pension scheme\n- You'll get 27 days' leave\n"
)


def test_duties_are_kept_apart_from_requirements_and_split_into_single_things() -> None:
    extraction = extract_requirements(BAND6_ADVERT)
    assert [d.text for d in extraction.duties] == [
        "You will take charge of the ward in the absence of the ward manager",
        "coordinating the work of the nursing team",
        "making sure that safe staffing levels are kept on every shift",
        "You will act as a role model for compassionate care",
        "support the ward manager with rotas and appraisals",
    ]
    assert [(r.text, r.kind) for r in extraction.requirements] == [
        ("You will need current NMC registration", "must"),
        ("at least two years' experience in elderly care", "must"),
        ("You can show a portfolio of improvement projects with measurable results", "must"),
        ("A teaching qualification would be an advantage", "nice"),
        # ", as is …" shares the kind of what it follows.
        ("experience of cannulation", "nice"),
    ]
    for item in (*extraction.requirements, *extraction.duties):
        assert BAND6_ADVERT[item.span.start : item.span.end] == item.text


def test_every_requirement_and_duty_has_a_noun_phrase_or_none_rather_than_a_wrong_one() -> None:
    extraction = extract_requirements(BAND6_ADVERT)
    assert [r.phrase for r in extraction.requirements] == [
        "current NMC registration",
        "at least two years' experience in elderly care",
        "a portfolio of improvement projects with measurable results",
        "a teaching qualification",
        "experience of cannulation",
    ]
    assert extraction.duties[0].phrase == (
        "taking charge of the ward in the absence of the ward manager"
    )
    assert extraction.duties[3].phrase == "acting as a role model for compassionate care"


def test_a_duty_sentence_is_not_a_requirement_and_its_parts_read_as_gerunds() -> None:
    jd = (
        "Senior Engineer\n\nThe role\nYou will mentor two junior engineers and review their code."
        "\n\nWhat we're looking for\n- Strong Python\n- Mentor two junior engineers\n"
    )
    extraction = extract_requirements(jd)
    assert [(d.text, d.phrase) for d in extraction.duties] == [
        ("You will mentor two junior engineers", "mentoring two junior engineers"),
        # "their" leans on words outside the phrase: no phrase rather than a wrong one.
        ("review their code", ""),
    ]
    # A duty repeated under the requirements is not asked twice.
    assert [r.text for r in extraction.requirements] == ["Strong Python"]


def test_a_list_of_like_things_stays_one_requirement() -> None:
    jd = (
        "Staff Nurse\n\nEssential criteria\n"
        "- Knowledge of safeguarding adults and the Mental Capacity Act\n"
        "- IV therapy and venepuncture competencies\n"
        "- Assess, plan, deliver and evaluate care for acutely unwell patients\n"
    )
    assert list(by_text(jd)) == [
        "Knowledge of safeguarding adults and the Mental Capacity Act",
        "IV therapy and venepuncture competencies",
        "Assess, plan, deliver and evaluate care for acutely unwell patients",
    ]


def test_offers_and_the_words_of_headings_are_never_requirements() -> None:
    jd = (
        "Chef de Partie\n\nWhat you'll get\n- You'll get free meals on shift\n- A pension\n\n"
        "Requirements\n- Essential:\n- Level 2 Food Hygiene certificate\n- Desirable:\n"
        "- Experience in a rosette kitchen\n\nWe offer a generous pension. "
        "To apply, send a note about a dish you are proud of.\n"
    )
    assert by_text(jd) == {
        "Level 2 Food Hygiene certificate": "must",
        "Experience in a rosette kitchen": "nice",
    }


def test_a_markdown_person_specification_with_ticks_takes_the_criterion_of_each_row() -> None:
    jd = (
        "Staff Nurse\n\nPerson specification\n\n"
        "| Criteria | Essential | Desirable | How assessed |\n| --- | --- | --- | --- |\n"
        "| Current NMC registration | ✓ | | Application |\n"
        "| Mentorship qualification | | ✓ | Application |\n"
        "| Experience in acute medicine | E | | Interview |\n"
    )
    extraction = extract_requirements(jd)
    assert [(r.text, r.kind) for r in extraction.requirements] == [
        ("Current NMC registration", "must"),
        ("Mentorship qualification", "nice"),
        ("Experience in acute medicine", "must"),
    ]
    for r in extraction.requirements:
        assert jd[r.span.start : r.span.end] == r.text


def test_a_markdown_person_specification_table_gives_must_and_nice_by_column_or_mark() -> None:
    jd = (
        "Assistant Accountant\n\nPerson specification\n\n"
        "| Area | Essential | Desirable |\n| --- | --- | --- |\n"
        "| Qualifications | AAT qualified | Studying towards CIMA |\n"
        "| Systems | Advanced Excel | |\n\n"
        "Skills\n\n| Criteria | E/D |\n| --- | --- |\n"
        "| A calm telephone manner | E |\n| Experience of a trade business | D |\n"
    )
    extraction = extract_requirements(jd)
    assert [(r.text, r.kind) for r in extraction.requirements] == [
        ("AAT qualified", "must"),
        ("Studying towards CIMA", "nice"),
        ("Advanced Excel", "must"),
        ("A calm telephone manner", "must"),
        ("Experience of a trade business", "nice"),
    ]
    assert extraction.requirements[1].why == 'in the "Desirable" column'
    for r in extraction.requirements:
        assert jd[r.span.start : r.span.end] == r.text


def test_an_unknown_sub_heading_keeps_the_section_it_sits_in() -> None:
    jd = (
        "Volunteer Coordinator\n\n## Main responsibilities\n\n#### Recruitment\n"
        "- Recruit and induct new volunteers\n\n## Person specification\n\n#### Desirable\n"
        "- Experience of a food bank\n"
    )
    extraction = extract_requirements(jd)
    assert [d.text for d in extraction.duties] == ["Recruit and induct new volunteers"]
    assert by_text(jd) == {"Experience of a food bank": "nice"}


def test_the_split_sets_keep_their_precision_and_recall() -> None:
    from bench.requirements_eval import SPLIT_DEV_DIR, load_set, score_split

    requirements, duties, _ = score_split(SPLIT_DEV_DIR)
    # Floors below the measured figures (docs/documents.md), so a regression fails here.
    assert requirements.precision >= 0.95 and requirements.recall >= 0.9
    assert duties.precision >= 0.95 and duties.recall >= 0.9
    for name, text, labels in load_set(SPLIT_DEV_DIR):
        for item in (*labels["requirements"], *labels["duties"]):
            assert item["text"] in text, (name, item["text"])


def test_a_stored_requirement_gets_the_same_phrase_as_an_extracted_one() -> None:
    from nextround.coach.requirements import requirement_phrase

    assert requirement_phrase("Mentor two junior engineers") == "mentoring two junior engineers"
    assert requirement_phrase("NMC registration is essential") == "NMC registration"
    assert requirement_phrase("A portfolio of campaigns with measurable results") == (
        "a portfolio of campaigns with measurable results"
    )
    assert requirement_phrase("We offer a pension") == ""


NURSE_SPEC = """Band 6 Staff Nurse - Acute Stroke Unit

Main duties and responsibilities
- Act as nurse in charge of the unit, coordinating staffing, admissions and patient flow
- Recognise and escalate deteriorating patients promptly, using NEWS2 and local pathways
- Deputise for the Ward Manager when required

Person specification
Essential: Registered Nurse (Adult) with current NMC registration. Significant \
post-registration experience at Band 5 in an acute setting. Experience of taking charge of a \
ward or unit. Sound knowledge of adult safeguarding.
Desirable: Stroke or neurology experience, including dysphagia screening competency. \
Intermediate or Advanced Life Support (ILS/ALS).
"""


def test_an_essential_line_of_several_sentences_gives_one_requirement_a_sentence() -> None:
    extraction = extract_requirements(NURSE_SPEC)
    found = {r.text: r.kind for r in extraction.requirements}
    assert found == {
        "Registered Nurse (Adult) with current NMC registration": "must",
        "Significant post-registration experience at Band 5 in an acute setting": "must",
        "Experience of taking charge of a ward or unit": "must",
        "Sound knowledge of adult safeguarding": "must",
        "Stroke or neurology experience, including dysphagia screening competency": "nice",
        "Intermediate or Advanced Life Support (ILS/ALS)": "nice",
    }
    for requirement in extraction.requirements:
        assert NURSE_SPEC[requirement.span.start : requirement.span.end] == requirement.text
    phrases = {r.phrase for r in extraction.requirements}
    assert "experience of taking charge of a ward or unit" in phrases
    assert "Intermediate or Advanced Life Support" in phrases


def test_a_phrase_of_how_stays_with_its_duty_and_when_required_is_dropped_cleanly() -> None:
    duties = {d.text: d.phrase for d in extract_requirements(NURSE_SPEC).duties}
    assert duties == {
        "Act as nurse in charge of the unit": "acting as nurse in charge of the unit",
        # Another task after the comma is a duty of its own; "using …" says how.
        "coordinating staffing, admissions and patient flow": (
            "coordinating staffing, admissions and patient flow"
        ),
        "Recognise and escalate deteriorating patients promptly, using NEWS2 and local pathways": (
            "recognising and escalating deteriorating patients promptly, using NEWS2 and local "
            "pathways"
        ),
        "Deputise for the Ward Manager when required": "deputising for the Ward Manager",
    }


def test_a_duty_is_not_cut_where_its_words_still_want_what_follows() -> None:
    jd = """The role
You will be responsible for generating and closing new business, with roughly 70% of your \
time spent hunting and 30% developing a small portfolio of existing accounts.

Key responsibilities:
- Prospect, qualify and open new accounts with manufacturers and brand owners
- Owning orchestration (Airflow today; evaluating Dagster) and CI/CD for our dbt projects
- Tuning PostgreSQL schemas and queries for our document and audit tables
- Lead the Key Stage 3 curriculum, including reviewing and improving schemes of work
- Undertake direct work, including life story work, with children and young people
"""
    duties = {d.text: d.phrase for d in extract_requirements(jd).duties}
    assert duties == {
        "You will be responsible for generating and closing new business, with roughly 70% of "
        "your time spent hunting and 30% developing a small portfolio of existing accounts": (
            "being responsible for generating and closing new business"
        ),
        "Prospect, qualify and open new accounts with manufacturers and brand owners": (
            "prospecting, qualifying and opening new accounts with manufacturers and brand owners"
        ),
        "Owning orchestration (Airflow today; evaluating Dagster) and CI/CD for our dbt projects": (
            "owning orchestration and CI/CD for our dbt projects"
        ),
        "Tuning PostgreSQL schemas and queries for our document and audit tables": (
            "tuning PostgreSQL schemas and queries for our document and audit tables"
        ),
        "Lead the Key Stage 3 curriculum, including reviewing and improving schemes of work": (
            "leading the Key Stage 3 curriculum"
        ),
        # Only the first verb of "undertake direct work" is one.
        "Undertake direct work, including life story work, with children and young people": (
            "undertaking direct work"
        ),
    }


def test_a_list_led_by_will_is_a_list_of_duties() -> None:
    jd = """The role
The Second in Mathematics will:
- teach maths across Key Stages 3, 4 and 5 to a consistently high standard;
- line manage two teachers and coach colleagues, including early career teachers;
- deputise for the Head of Mathematics when required.

What you will do
You will hold a caseload of children in foster care, residential and kinship placements, and will:
- visit children within statutory timescales;
- prepare evidence and attend court where care proceedings are ongoing.

Kingsmead is committed to safeguarding; the successful candidate will be subject to an \
enhanced DBS check and online searches.
"""
    extraction = extract_requirements(jd)
    assert extraction.requirements == ()
    phrases = [d.phrase for d in extraction.duties]
    assert phrases == [
        "teaching maths across Key Stages 3, 4 and 5 to a consistently high standard",
        "line managing two teachers",
        "coaching colleagues",
        "deputising for the Head of Mathematics",
        "holding a caseload of children in foster care, residential and kinship placements",
        "visiting children within statutory timescales",
        "preparing evidence",
        "attending court where care proceedings are ongoing",
    ]


def test_asks_joined_in_one_sentence_are_told_apart_and_a_kind_for_the_list_covers_it() -> None:
    jd = """Qualifications:
Candidates must have 3-5 years of commercial litigation experience at a law firm, with \
substantial deposition experience. Trial or arbitration experience, an interest in business \
development, and a commitment to pro bono work are all strongly preferred.

The person
You'll be a natural new business hunter, and you'll be confident negotiating with procurement \
teams. You must hold a full UK driving licence and be happy to travel extensively.
Multi-site retail experience would be helpful, as would experience of an ERP implementation.
"""
    found = {r.text: (r.kind, r.phrase) for r in extract_requirements(jd).requirements}
    assert found == {
        "Candidates must have 3-5 years of commercial litigation experience at a law firm": (
            "must",
            "3-5 years of commercial litigation experience at a law firm",
        ),
        "substantial deposition experience": ("must", "substantial deposition experience"),
        "Trial or arbitration experience": ("nice", "trial or arbitration experience"),
        "an interest in business development": ("nice", "an interest in business development"),
        "a commitment to pro bono work are all strongly preferred": (
            "nice",
            "a commitment to pro bono work",
        ),
        "You'll be a natural new business hunter": ("must", "a natural new business hunter"),
        "you'll be confident negotiating with procurement teams": (
            "must",
            "being confident negotiating with procurement teams",
        ),
        "You must hold a full UK driving licence": ("must", "a full UK driving licence"),
        "be happy to travel extensively": ("must", "being happy to travel extensively"),
        "Multi-site retail experience would be helpful": ("nice", "multi-site retail experience"),
        "experience of an ERP implementation": ("nice", "experience of an ERP implementation"),
    }


def test_headings_of_what_you_will_work_on_and_probably_have_open_their_sections() -> None:
    jd = """Senior Backend Engineer

Reporting to the Head of Platform, you'll own what you ship, from design doc to on-call.
Associates in our group get early responsibility: you will run services day to day.

What you'll work on
* Re-architecting webhook delivery for reliability at 10x current volume
* Running services on Kubernetes (EKS) with our small platform group

### What you'll be responsible for
- Full accountability for the store P&L: sales, margin, wages, shrink
- Leading, coaching and developing a management team of five

You'll probably have
* A habit of mentoring others and giving thoughtful code review
"""
    extraction = extract_requirements(jd)
    assert [r.text for r in extraction.requirements] == [
        "A habit of mentoring others and giving thoughtful code review"
    ]
    assert [d.phrase for d in extraction.duties] == [
        "owning what you ship, from design doc to on-call",
        "running services day to day",
        "re-architecting webhook delivery for reliability at 10x current volume",
        "running services on Kubernetes with our small platform group",
        "full accountability for the store P&L: sales, margin, wages, shrink",
        "leading, coaching and developing a management team of five",
    ]
    # The reporting line places the job; it is not a duty to find a story for.
    assert not any("Reporting" in d.text for d in extraction.duties)


@pytest.mark.parametrize(
    ("duty", "phrase"),
    [
        ("Be the day to day contact for a number of clients", "being the day to day contact"),
        ("You will be the first point of contact for families", "being the first point of"),
        ("Responsible for the safe running of the site", "being responsible for the safe"),
        ("You will be a confident communicator", "a confident communicator"),
    ],
)
def test_a_duty_to_be_something_reads_as_being_it(duty: str, phrase: str) -> None:
    assert requirement_phrase(duty).startswith(phrase)


def test_an_acronym_in_capitals_is_a_name_not_the_verb_it_spells() -> None:
    assert requirement_phrase("SEND students") == "SEND students"
    assert requirement_phrase("Send weekly reports to the board").startswith("sending")


def test_a_sentence_with_a_colon_is_no_heading_and_the_hiring_steps_are_not_duties() -> None:
    from nextround.coach.requirements import extract_requirements

    jd = (
        "## The role\n"
        "You'll own the Payments Experience area: everything between a customer sending an "
        "invoice and the money landing in their account.\n\n"
        "## Must have\n- A track record of shipping payments products\n\n"
        "## How we hire\n"
        "1. Intro call with Talent (30 min)\n"
        "2. Hiring manager interview with Hannah Cole, VP Product (45 min)\n"
    )
    found = extract_requirements(jd)
    assert [r.text for r in found.requirements] == ["A track record of shipping payments products"]
    duties = [d.text for d in found.duties]
    assert not any("interview" in d or "Intro call" in d for d in duties)
    assert any(d.startswith("You'll own the Payments Experience area") for d in duties)


def test_an_invitation_to_apply_is_not_a_requirement() -> None:
    text = (
        "Desirable\n"
        "- Applications from experienced community pharmacists are welcome\n"
        "- Experience of audit or quality improvement\n"
        "We particularly welcome applications from people of all backgrounds.\n"
    )
    assert [(r.kind, r.text) for r in extract_requirements(text).requirements] == [
        ("nice", "Experience of audit or quality improvement")
    ]

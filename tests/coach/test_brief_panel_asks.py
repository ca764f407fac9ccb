"""Questions to ask and what each interviewer cares about, on three later-round cases.

The panels, titles and research notes are those of a quantity surveyor's, a pharmacist's and an
HR business partner's second rounds, written by a career coach who reviewed the briefs.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nextround.coach.brief import Brief, BriefInput, PersonText, RoundInfo, build_brief
from nextround.coach.research_asks import research_ask

TODAY = dt.date(2026, 12, 2)
PANEL_ROUND = RoundInfo(2, 1, 2, "on-site", "panel", "second-opinion", dt.date(2026, 12, 9))

CLAIRE = PersonText(
    1,
    "Claire Dunmore",
    "Head of People",
    "hiring-manager",
    "senior",
    years_at_company=5.0,
    earlier_employers=("DHL Supply Chain",),
    research_notes=(
        "Claire joined from DHL Supply Chain in 2021. Led Kestrel's new recognition agreement "
        "with Unite at Corby in 2024. Posted about cutting agency usage with a 'flex pool' of "
        "permanent pickers."
    ),
    met_in_rounds=(1,),
)
PAUL = PersonText(
    2,
    "Paul Renshaw",
    "Operations Director",
    "senior-executive",
    "director",
    years_at_company=12.0,
    earlier_employers=("Wincanton",),
    research_notes=(
        "Paul runs all eight sites. Came up through transport planning. The 2025 annual report "
        "credits him with moving Daventry to a four-on four-off shift pattern; Unite balloted "
        "over it but there was no strike. Blunt, by reputation."
    ),
)
TARIQ = PersonText(
    3,
    "Tariq Hussain",
    "General Manager, Daventry",
    "team-member",
    "manager",
    years_at_company=2.0,
    earlier_employers=("Amazon",),
    research_notes=(
        "Tariq runs Daventry, about 420 colleagues. Ex-Amazon ops manager. Absence at Daventry "
        "was 7.8% last year per the Glassdoor reviews and a local news story about agency usage."
    ),
)
GARETH = PersonText(
    4,
    "Gareth Lloyd",
    "Director of Pharmacy Services",
    "hiring-manager",
    "director",
    years_at_company=6.0,
    earlier_employers=("Boots", "Lloyds Pharmacy"),
    research_notes=(
        "Gareth joined from Boots where he was a regional clinical lead. Sits on the Greater "
        "Manchester LPC. Quoted in the Pharmaceutical Journal in October 2026 saying Pharmacy "
        "First uptake stalls where GP practices don't send referrals."
    ),
    met_in_rounds=(1,),
)
FIONA = PersonText(
    5,
    "Fiona Marsh",
    "Head of People",
    "hr",
    "senior",
    years_at_company=3.0,
    earlier_employers=("Co-op Healthcare",),
    research_notes=(
        "Fiona led Wellbridge's move to a new rota and pay structure for pharmacists in 2025. "
        "CIPD Chartered. Organised the invite."
    ),
)
REKHA = PersonText(
    6,
    "Rekha Patel",
    "Superintendent Pharmacist",
    "technical",
    "director",
    years_at_company=11.0,
    research_notes=(
        "Rekha has been Superintendent for 7 years; Wellbridge's last GPhC inspection (2025) "
        "rated two branches 'standards met' with a note on CD record keeping. She is an "
        "Independent Prescriber and runs the group's SOP review."
    ),
)
MARTIN = PersonText(
    7,
    "Martin Ellery",
    "Commercial Manager",
    "hiring-manager",
    "manager",
    years_at_company=9.0,
    earlier_employers=("Kier",),
    research_notes=(
        "Martin has been at Harrowgate 9 years, came up from Trainee QS at Kier. Runs the "
        "commercial team of 11. Posted on LinkedIn about the Temple Newsam Primary school "
        "handover and about NEC4 training for the team. MRICS, APC assessor."
    ),
    met_in_rounds=(1,),
)
GEMMA = PersonText(8, "Gemma Hayes", "Recruitment Coordinator", "hr", "junior")
SANDRA = PersonText(
    9,
    "Sandra Okoye",
    "Commercial Director",
    "senior-executive",
    "director",
    years_at_company=14.0,
    earlier_employers=("Wates",),
    research_notes=(
        "Sandra is on the Harrowgate board and leads commercial strategy. Spoke at a "
        "Constructing Excellence Yorkshire event in 2025 on margin erosion under two-stage "
        "tenders. Pushed the move to NEC4 Option A on framework jobs."
    ),
)
LEWIS = PersonText(
    10,
    "Lewis Pratt",
    "Project Manager",
    "team-member",
    "senior",
    team="Projects",
    years_at_company=4.0,
    research_notes=(
        "Lewis runs the £12.6m Temple Newsam Primary rebuild (YORbuild framework), due to "
        "complete in spring 2027. Background as a site manager at Bowmer & Kirkland. Would be "
        "the PM I work with day to day."
    ),
)


def brief_for(
    role: str, field: str | None, *panel: PersonText, round_info: RoundInfo = PANEL_ROUND
) -> Brief:
    data = BriefInput(
        company="Kestrel Freight Logistics",
        role=role,
        round=round_info,
        today=TODAY,
        has_job_description=True,
        earlier_rounds=(1,),
        panel=panel,
        field=field,
    )
    return build_brief(data)


def asks_of(brief: Brief) -> dict[str, list[str]]:
    return {p.name: [a.text for a in p.questions_to_ask] for p in brief.people}


def test_a_research_note_becomes_a_real_question_about_what_they_did_never_an_instruction() -> None:
    hr = asks_of(brief_for("HR Business Partner – Operations", "hr", CLAIRE, PAUL, TARIQ))
    pharmacy = asks_of(brief_for("Clinical Services Lead Pharmacist", None, GARETH, FIONA, REKHA))
    qs = asks_of(
        brief_for("Senior Quantity Surveyor", "construction", MARTIN, GEMMA, SANDRA, LEWIS)
    )
    said = [a for asks in (hr, pharmacy, qs) for person in asks.values() for a in person]
    assert all(a.endswith("?") for a in said), said
    assert not any("You noted" in a or "in your own words" in a for a in said)
    # The note that names an action is asked about, never the bare "joined from" fact.
    assert (
        "What did you learn from leading Kestrel's new recognition agreement with Unite at Corby "
        "in 2024 that you would want the person in this role to build on?"
    ) in hr["Claire Dunmore"]
    assert not any("DHL" in a for a in hr["Claire Dunmore"])
    assert any(
        a.startswith("What did you learn from moving Daventry to a four-on four-off shift pattern")
        for a in hr["Paul Renshaw"]
    )
    # A view they were quoted on is quoted; a fact about their firm is not theirs to be asked.
    assert any(
        "“Pharmacy First uptake stalls where GP practices don't send referrals”" in a
        for a in pharmacy["Gareth Lloyd"]
    )
    assert not any("Boots" in a for a in pharmacy["Gareth Lloyd"])
    assert not any("GPhC" in a or "Superintendent" in a for a in pharmacy["Rekha Patel"])
    assert any("margin erosion under two-stage tenders" in a for a in qs["Sandra Okoye"])
    assert (
        "Where is the £12.6m Temple Newsam Primary rebuild now, and what is the biggest "
        "pressure on it?"
    ) in qs["Lewis Pratt"]


def test_a_note_that_leans_on_other_words_or_the_day_gives_no_question() -> None:
    for note in (
        "Daughter of the founder; led the relaunch of their hotel bar.",
        "Will watch the trial and lead the interview.",
        "Would be my closest peer. Showing me the wedding suites.",
        "Joined from Marriott in 2019.",
    ):
        morag = PersonText(11, "Morag Sinclair", "Operations Director", research_notes=note)
        asks = asks_of(brief_for("Food and Beverage Manager", "hospitality", morag))
        assert not any(
            "relaunch" in a or "Marriott" in a or "trial" in a for a in asks["Morag Sinclair"]
        )
    talk = PersonText(
        12,
        "Morag Sinclair",
        "Head of Data",
        research_notes="Spoke at PyData London about data contracts",
    )
    asks = asks_of(brief_for("Data Engineer", "data", talk))["Morag Sinclair"]
    assert any(a.startswith("You have spoken about data contracts: ") for a in asks)


def test_on_a_panel_one_person_is_asked_about_their_years_here_and_none_to_compare_firms() -> None:
    brief = brief_for("HR Business Partner – Operations", "hr", CLAIRE, PAUL, TARIQ)
    asks = asks_of(brief)
    tenure = [
        (name, a)
        for name, own in asks.items()
        for a in own
        if "been here" in a or "How long have you" in a
    ]
    assert tenure == [
        (
            "Paul Renshaw",
            "You have been here about 12 years: what has changed most in that time, and what has "
            "stayed the same?",
        )
    ]
    assert not any("You worked at" in a for own in asks.values() for a in own)


def test_one_to_one_with_a_manager_still_compares_employers_but_never_a_director() -> None:
    one = RoundInfo(2, 1, 2, "video", "one-to-one", "delve-deeper", dt.date(2026, 12, 9))
    tariq = asks_of(brief_for("HR Business Partner", "hr", TARIQ, round_info=one))["Tariq Hussain"]
    assert any("You worked at Amazon before" in a for a in tariq)
    assert any("You have been here about 2 years" in a for a in tariq)
    paul = asks_of(brief_for("HR Business Partner", "hr", PAUL, round_info=one))["Paul Renshaw"]
    assert not any("You worked at" in a for a in paul)


def test_process_questions_go_to_hr_or_the_hiring_manager_never_the_specialist() -> None:
    final = RoundInfo(2, 1, 2, "video", "panel", "final", dt.date(2026, 12, 8))
    asks = asks_of(
        brief_for("Clinical Services Lead Pharmacist", None, GARETH, FIONA, REKHA, round_info=final)
    )
    assert not any("next step" in a or "expect to hear" in a for a in asks["Rekha Patel"])
    alone = asks_of(brief_for("Clinical Services Lead Pharmacist", None, REKHA, round_info=final))
    assert not any("next step" in a for a in alone["Rekha Patel"])


def test_what_each_interviewer_cares_about_follows_their_title_and_the_kind_of_job() -> None:
    qs = brief_for("Senior Quantity Surveyor", "construction", MARTIN, GEMMA, SANDRA, LEWIS)
    cares = {p.name: " | ".join(p.care_about) for p in qs.people}
    # A Commercial Manager hiring a QS cares about cost and cash, not about running a site.
    assert "site safety" not in cares["Martin Ellery"]
    assert "cost" in cares["Martin Ellery"] and "cash" in cares["Martin Ellery"]
    # Site tickets are for site managers: not what a QS's recruiter asks or is asked about.
    assert "SMSTS" not in cares["Gemma Hayes"]
    assert not any("SMSTS" in a for own in asks_of(qs).values() for a in own)
    assert "trades and shifts" not in cares["Lewis Pratt"]
    hr = brief_for("HR Business Partner – Operations", "hr", CLAIRE, PAUL, TARIQ)
    cares = {p.name: " | ".join(p.care_about) for p in hr.people}
    # A general manager on an HR panel is no HR colleague sharing casework.
    assert "casework" not in cares["Tariq Hussain"]
    assert "employee relations" in cares["Claire Dunmore"]
    # A site manager's own hiring manager still cares about the site.
    site = PersonText(13, "Dave Brennan", "Construction Manager", "hiring-manager", "manager")
    own = brief_for("Senior Site Manager", "construction", site).people[0].care_about
    assert "site safety and how you run a site" in own


@pytest.mark.parametrize(
    ("note", "kind", "slots"),
    [
        (
            "Claire joined from DHL Supply Chain in 2021. Led Kestrel's new recognition "
            "agreement with Unite at Corby in 2024.",
            "did",
            {"action": "leading Kestrel's new recognition agreement with Unite at Corby in 2024"},
        ),
        (
            "Posted on LinkedIn about the Temple Newsam Primary school handover and about NEC4 "
            "training for the team.",
            "spoke",
            {"topic": "the Temple Newsam Primary school handover", "said": "written"},
        ),
        (
            "Spoke at a Constructing Excellence Yorkshire event in 2025 on margin erosion under "
            "two-stage tenders.",
            "spoke",
            {"topic": "margin erosion under two-stage tenders", "said": "spoken"},
        ),
        ("Gareth joined from Boots where he was a regional clinical lead.", None, None),
        ("Sits on the Greater Manchester LPC. Moved from Boots in 2020.", None, None),
        ("Led her team's move to the new site.", None, None),
        ("Runs the commercial team of 11.", None, None),
    ],
)
def test_a_research_note_fits_a_template_only_with_clean_slots(
    note: str, kind: str | None, slots: dict[str, str] | None
) -> None:
    found = research_ask(note, "Claire Dunmore")
    if kind is None:
        assert found is None, found
    else:
        assert found is not None and (found.kind, found.slots) == (kind, slots)

"""The evidence map: stories ranked for each requirement with why, gaps and idle stories."""

from __future__ import annotations

from nextround.coach.evidence import RequirementText, StoryText, map_evidence, rank_stories

CHURN = StoryText(
    1,
    "Churn dashboard",
    situation="Cancellations were rising.",
    action="I built a churn model in Python and a dashboard for the retention team.",
    result="Cancellations fell by 12%.",
    skills=("SQL", "Python"),
)
STAKEHOLDERS = StoryText(
    2,
    "Finance sign-off",
    situation="The finance director doubted our revenue numbers.",
    action="I met her stakeholders weekly and agreed one definition with each department.",
    result="Disputes fell from five days to one.",
    skills=("stakeholder management",),
)
BAKING = StoryText(3, "Village fete cake stall", action="Baked 40 cakes.", skills=("baking",))
SQL = RequirementText(10, "Strong SQL and Python")
PEOPLE = RequirementText(11, "Experience managing stakeholders across departments")
AIRFLOW = RequirementText(12, "Airflow or another scheduler", "nice")


def test_it_ranks_the_story_that_fits_first_and_says_why() -> None:
    result = map_evidence([SQL, PEOPLE], [CHURN, STAKEHOLDERS, BAKING])
    sql_row, people_row = result.rows
    assert sql_row.best is not None and sql_row.best.title == "Churn dashboard"
    assert "SQL" in sql_row.best.reason and "skills" in sql_row.best.reason
    assert people_row.best is not None and people_row.best.title == "Finance sign-off"
    assert "stakeholder" in people_row.best.reason.lower()


def test_requirements_without_a_story_are_gaps_and_idle_stories_are_listed() -> None:
    result = map_evidence([SQL, AIRFLOW], [CHURN, BAKING])
    assert [g.text for g in result.gaps] == ["Airflow or another scheduler"]
    assert [s.title for s in result.unused] == ["Village fete cake stall"]


def test_a_story_the_candidate_linked_comes_first_whatever_its_words() -> None:
    result = map_evidence([AIRFLOW], [CHURN, BAKING], links=[(12, 3)], notes={(12, 3): "joke"})
    best = result.rows[0].best
    assert best is not None and best.linked and best.title == "Village fete cake stall"
    assert "you linked it: joke" in best.reason
    assert not result.gaps


def test_a_semantic_scorer_can_be_plugged_in() -> None:
    def similar(a: str, b: str) -> float:
        return 0.95 if "scheduler" in a and "cake" in b.lower() else 0.0

    result = map_evidence([AIRFLOW], [CHURN, BAKING], similarity=similar)
    best = result.rows[0].best
    assert best is not None and best.title == "Village fete cake stall"
    assert "semantic similarity 0.95" in best.reason


def test_no_stories_or_empty_text_give_empty_answers() -> None:
    assert map_evidence([SQL], []).gaps == (SQL,)
    assert rank_stories("", [CHURN]) == []
    assert map_evidence([], [CHURN]).unused == (CHURN,)

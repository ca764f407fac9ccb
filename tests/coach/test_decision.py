from __future__ import annotations

import math
from dataclasses import replace

import pytest

from nextround.coach.decision import (
    DEFAULT_CRITERIA,
    Comparison,
    Criterion,
    DecisionError,
    Option,
    compare,
    salary_rating,
)

CRITERIA = (
    Criterion("pay", "Pay", 3),
    Criterion("growth", "Growth and learning", 2),
    Criterion("commute", "Commute", 1),
)
LUMENFIELD = Option("lumenfield", "Lumenfield", {"pay": 8, "growth": 7, "commute": 4})
HARROWGATE = Option("harrowgate", "Harrowgate", {"pay": 6, "growth": 8, "commute": 7})
CURRENT = Option("current", "Brightwell (now)", {"pay": 5, "growth": 3, "commute": 9}, True)


def run(*options: Option, criteria: tuple[Criterion, ...] = CRITERIA) -> Comparison:
    return compare(options, criteria)


def leader(comparison: Comparison) -> str:
    return comparison.scores[0].key


def with_weight(key: str, weight: float) -> tuple[Criterion, ...]:
    return tuple(replace(c, weight=weight) if c.key == key else c for c in CRITERIA)


# Totals and ranking


def test_it_ranks_options_by_weighted_total() -> None:
    comparison = run(HARROWGATE, CURRENT, LUMENFIELD)
    assert [score.key for score in comparison.scores] == ["lumenfield", "harrowgate", "current"]
    assert [score.rank for score in comparison.scores] == [1, 2, 3]
    assert comparison.scores[0].total == pytest.approx(42 / 6)
    assert comparison.scores[1].total == pytest.approx(41 / 6)


def test_it_normalises_the_weights() -> None:
    comparison = run(LUMENFIELD, HARROWGATE)
    assert dict(comparison.weights) == pytest.approx(
        {"pay": 0.5, "growth": 1 / 3, "commute": 1 / 6}
    )
    doubled = tuple(replace(c, weight=c.weight * 2) for c in CRITERIA)
    assert run(LUMENFIELD, HARROWGATE, criteria=doubled).scores[0].total == pytest.approx(7.0)


def test_it_shows_what_each_criterion_contributes() -> None:
    score = run(LUMENFIELD, HARROWGATE).scores[0]
    assert [(c.label, c.rating) for c in score.contributions] == [
        ("Pay", 8),
        ("Growth and learning", 7),
        ("Commute", 4),
    ]
    assert [c.points for c in score.contributions] == pytest.approx([4.0, 7 / 3, 4 / 6])
    assert sum(c.points for c in score.contributions) == pytest.approx(score.total)


def test_equal_totals_share_a_rank() -> None:
    twin = replace(LUMENFIELD, key="twin", label="Twin")
    ranks = [score.rank for score in run(LUMENFIELD, twin, HARROWGATE).scores]
    assert ranks == [1, 1, 3]


def test_a_zero_weight_criterion_does_not_count() -> None:
    criteria = (*CRITERIA, Criterion("benefits", "Benefits", 0))
    a = replace(LUMENFIELD, ratings={**LUMENFIELD.ratings, "benefits": 0})
    b = replace(HARROWGATE, ratings={**HARROWGATE.ratings, "benefits": 10})
    assert run(a, b, criteria=criteria).scores[0].total == pytest.approx(7.0)


def test_it_says_when_the_current_job_comes_out_on_top() -> None:
    current = replace(CURRENT, ratings={"pay": 9, "growth": 9, "commute": 9})
    assert (
        "Your current job (Brightwell (now)) comes out on top." in run(LUMENFIELD, current).messages
    )


# Missing ratings


def test_a_missing_rating_counts_as_the_middle_of_the_scale_and_is_named() -> None:
    partial = Option("orbit", "Orbit Health", {"pay": 9})
    comparison = run(LUMENFIELD, partial)
    orbit = next(score for score in comparison.scores if score.key == "orbit")
    assert orbit.missing == ("Growth and learning", "Commute")
    assert orbit.total == pytest.approx((27 + 10 + 5) / 6)
    assert [c.missing for c in orbit.contributions] == [False, True, True]
    assert (
        "Orbit Health has no rating for Growth and learning and Commute; they count as 5 "
        "(the middle of the scale) until you rate them."
    ) in comparison.messages


def test_it_mentions_ratings_that_match_no_criterion() -> None:
    extra = replace(HARROWGATE, ratings={**HARROWGATE.ratings, "canteen": 9})
    assert "Harrowgate: ratings for canteen match no criterion." in run(LUMENFIELD, extra).messages


# Sensitivity


def test_it_finds_the_smallest_single_weight_change_that_flips_first_place() -> None:
    sensitivity = run(LUMENFIELD, HARROWGATE).sensitivity
    assert (sensitivity.leader, sensitivity.runner_up) == ("lumenfield", "harrowgate")
    assert sensitivity.change is not None
    assert sensitivity.change.criterion == "commute"
    assert sensitivity.change.from_weight == 1
    assert sensitivity.change.to_weight == pytest.approx(4 / 3)
    assert sensitivity.message == (
        "Raising the weight of Commute from 1 to above 1.34 would put Harrowgate ahead of "
        "Lumenfield; no smaller change to a single weight does."
    )


def test_the_flip_it_reports_really_flips_first_place() -> None:
    assert leader(run(LUMENFIELD, HARROWGATE, criteria=with_weight("commute", 1.34))) == (
        "harrowgate"
    )
    assert leader(run(LUMENFIELD, HARROWGATE, criteria=with_weight("commute", 1.32))) == (
        "lumenfield"
    )


def test_smaller_changes_to_other_weights_do_not_flip_first_place() -> None:
    # Pay flips only below 2.5 and growth only above 3: both further than commute's 0.34.
    assert leader(run(LUMENFIELD, HARROWGATE, criteria=with_weight("pay", 2.6))) == "lumenfield"
    assert leader(run(LUMENFIELD, HARROWGATE, criteria=with_weight("growth", 2.9))) == (
        "lumenfield"
    )
    assert leader(run(LUMENFIELD, HARROWGATE, criteria=with_weight("pay", 2.4))) == "harrowgate"


def test_it_can_report_lowering_a_weight() -> None:
    criteria = (Criterion("pay", "Pay", 3), Criterion("growth", "Growth", 2))
    a = Option("a", "A", {"pay": 9, "growth": 5})
    b = Option("b", "B", {"pay": 5, "growth": 9})
    sensitivity = compare([a, b], criteria).sensitivity
    assert sensitivity.change is not None
    # Lowering pay from 3 to below 2 (a change of 1) and raising growth to above 3 tie on size;
    # the first criterion found is kept.
    assert sensitivity.change.criterion == "pay"
    assert sensitivity.change.to_weight == pytest.approx(2)
    assert sensitivity.message.startswith("Lowering the weight of Pay from 3 to below 2 ")


def test_it_says_when_no_single_weight_change_flips_first_place() -> None:
    better = Option("a", "Atlas", {"pay": 9, "growth": 9, "commute": 9})
    worse = Option("b", "Birch", {"pay": 5, "growth": 9, "commute": 2})
    sensitivity = run(better, worse).sensitivity
    assert sensitivity.change is None
    assert sensitivity.message == (
        "No change to a single weight puts Birch ahead of Atlas: Atlas leads however any one "
        "criterion is weighted."
    )


def test_it_says_when_the_top_two_are_level() -> None:
    a = Option("a", "Atlas", {"pay": 8, "growth": 6, "commute": 5})
    b = Option("b", "Birch", {"pay": 6, "growth": 9, "commute": 5})
    sensitivity = run(a, b).sensitivity
    assert sensitivity.change is None
    assert sensitivity.message.startswith("Atlas and Birch are level")


def test_lowering_a_weight_to_zero_that_only_ties_is_not_reported() -> None:
    criteria = (Criterion("pay", "Pay", 1), Criterion("growth", "Growth", 0))
    a = Option("a", "A", {"pay": 9, "growth": 1})
    b = Option("b", "B", {"pay": 5, "growth": 9})
    change = compare([a, b], criteria).sensitivity.change
    assert change is not None
    assert change.criterion == "growth"
    assert change.to_weight == pytest.approx(0.5)


# Validation


@pytest.mark.parametrize(
    ("options", "criteria", "message"),
    [
        ([LUMENFIELD], CRITERIA, "options: at least two are needed to compare"),
        ([LUMENFIELD, HARROWGATE], (), "criteria: at least one is needed"),
        (
            [LUMENFIELD, HARROWGATE],
            with_weight("pay", -1),
            "criteria['pay'].weight is negative (-1)",
        ),
        (
            [LUMENFIELD, HARROWGATE],
            tuple(replace(c, weight=0) for c in CRITERIA),
            "criteria: every weight is 0; give at least one a weight above 0",
        ),
        (
            [LUMENFIELD, HARROWGATE],
            with_weight("pay", math.nan),
            "criteria['pay'].weight is not a number",
        ),
        (
            [LUMENFIELD, replace(HARROWGATE, ratings={"pay": 11})],
            CRITERIA,
            "options['harrowgate'].ratings['pay'] is 11; ratings run from 0 to 10",
        ),
        (
            [LUMENFIELD, replace(HARROWGATE, ratings={"commute": -0.5})],
            CRITERIA,
            "options['harrowgate'].ratings['commute'] is -0.5; ratings run from 0 to 10",
        ),
        (
            [LUMENFIELD, replace(HARROWGATE, key="lumenfield")],
            CRITERIA,
            "options['lumenfield']: the key is used twice",
        ),
        (
            [LUMENFIELD, HARROWGATE],
            (*CRITERIA, Criterion("pay", "Salary", 1)),
            "criteria['pay']: the key is used twice",
        ),
    ],
)
def test_it_refuses_bad_input_naming_the_field(
    options: list[Option], criteria: tuple[Criterion, ...], message: str
) -> None:
    with pytest.raises(DecisionError) as caught:
        compare(options, criteria)
    assert str(caught.value) == message


def test_decision_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="at least two"):
        compare([], CRITERIA)


# Defaults and helpers


def test_the_default_criteria_cover_the_usual_concerns() -> None:
    labels = [criterion.label for criterion in DEFAULT_CRITERIA]
    assert labels == [
        "Pay",
        "Growth and learning",
        "Team fit",
        "Commute",
        "Stability",
        "Work-life balance",
        "Role content",
        "Benefits",
    ]
    assert len({criterion.key for criterion in DEFAULT_CRITERIA}) == 8
    a = Option("a", "A", {c.key: 6 for c in DEFAULT_CRITERIA})
    b = Option("b", "B", {c.key: 7 for c in DEFAULT_CRITERIA})
    assert compare([a, b], DEFAULT_CRITERIA).scores[0].key == "b"


@pytest.mark.parametrize(
    ("salary", "rating"),
    [(60_000, 5.0), (66_000, 7.0), (75_000, 10.0), (90_000, 10.0), (54_000, 3.0), (0, 0.0)],
)
def test_salary_rating_gives_5_for_the_reference_and_1_per_5_percent(
    salary: float, rating: float
) -> None:
    assert salary_rating(salary, 60_000) == rating


def test_salary_rating_takes_a_different_step() -> None:
    assert salary_rating(66_000, 60_000, percent_per_point=10) == 6.0


@pytest.mark.parametrize(
    ("salary", "reference", "message"),
    [(-1, 60_000, "salary must be 0 or more"), (50_000, 0, "reference must be more than 0")],
)
def test_salary_rating_refuses_bad_numbers(salary: float, reference: float, message: str) -> None:
    with pytest.raises(DecisionError, match=message):
        salary_rating(salary, reference)

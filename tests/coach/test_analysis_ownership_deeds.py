"""Ownership read from what "I" did: a list of deeds under one "I" outweighs a "we" in passing."""

from __future__ import annotations

from nextround.coach.analysis import analyze_answer

RESCUE = (
    "In March our largest client, a £240k logistics account, had cut its active users by a "
    "third after their sponsor left. As their account manager my job was to keep the renewal. "
    "I met the new head of operations within a week, rebuilt their reporting, trained their "
    "three depot leads, and set up a recovery plan that we checked every two weeks. As a result "
    "active users were back to 95% in two months and they renewed for three years."
)


def test_a_list_of_deeds_under_one_i_is_not_marked_down_for_a_we_in_passing() -> None:
    analysis = analyze_answer("Tell me about a client you kept from leaving.", RESCUE)
    score = analysis.score("ownership")
    assert score is not None and score >= 80
    assert "weakest ownership" not in analysis.summary
    assert not [i for i in analysis.by_aspect("ownership") if i.level == "fix"]


def test_our_team_named_while_i_act_is_the_setting_not_a_shared_deed() -> None:
    answer = (
        "At a regional retailer the contract was due to lapse, but I noticed their buyer wanted "
        "one report across five stores. I costed a multi-store add-on myself, pitched it at the "
        "renewal meeting and settled the price with our finance team. As a result they signed "
        "for two more years at a 10% higher fee, and I closed it without sales support."
    )
    analysis = analyze_answer(
        "Tell me about a time you owned the commercial side of a renewal.", answer
    )
    assert (analysis.score("ownership") or 0) >= 90
    structure = " ".join(i.message for i in analysis.by_aspect("structure"))
    assert "describe what you did" not in structure


def test_a_story_told_as_we_is_still_asked_for_the_candidates_own_part() -> None:
    answer = (
        "Last year our team had a backlog of 400 tickets. We split the queue by product, we "
        "agreed a daily stand-up and we cleared it in three weeks. We then kept it under 50."
    )
    analysis = analyze_answer("Tell me about a time you cleared a backlog.", answer)
    score = analysis.score("ownership")
    assert score is not None and score < 50

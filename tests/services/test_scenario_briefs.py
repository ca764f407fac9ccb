"""Whole development cases through the services: what the candidate reads in the brief."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bench.eval_scenarios import ROOT, load

from nextround.services import brief, evidence_map, followups
from nextround.store import models as m


def build(user: Any, name: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    loaded = load(user, ROOT / "dev" / name)
    nxt = m.Round.objects.get(pk=loaded["rounds"][-1])
    assert nxt.scheduled_at is not None
    view = brief.build(user, nxt.pk, nxt.scheduled_at.date() - dt.timedelta(days=5))
    return loaded, view.data, brief.render(view, "md").decode()


def test_coordinated_doubts_each_become_a_doubt_with_a_question_in_the_five(user: Any) -> None:
    _, data, _ = build(user, "dev-data-senior-engineer")
    labels = " | ".join(d["label"] + " " + d["quote"] for d in data["doubts"])
    for wanted in ("streaming", "data contracts", "non-technical stakeholders", "orchestration"):
        assert wanted in labels
    five = " ".join(q["text"] + q["why"] for q in data["likely_questions"] if q["rehearse"])
    assert "streaming" in five and "orchestration" in five


def test_praise_of_one_answer_reinforces_that_answer_and_not_a_weak_one(user: Any) -> None:
    _, data, _ = build(user, "dev-data-senior-engineer")
    reinforced = {p["question"] for p in data["reinforce"]}
    countered = {p["question"] for p in data["counter"]}
    assert "Tell me about a time you reduced cloud or warehouse costs." in reinforced
    assert "What production experience do you have with streaming, Kafka or Kinesis?" in countered
    # The invitation itself is no praise for anything.
    assert not any("Good news" in x["quote"] for x in data["praise"])


def test_the_brief_carries_the_dress_code_tour_and_address_it_was_given(user: Any) -> None:
    _, data, text = build(user, "dev-nursing-band6-stroke")
    assert "tour" in text.lower()
    assert data["round"]["kind"] == "panel"
    assert "Address:" in text or data["round"]["format"] != "on-site"
    assert "not known" not in data["dress"]


def test_a_nurse_gets_no_other_fields_questions_and_her_duties_are_read(user: Any) -> None:
    _, data, text = build(user, "dev-nursing-band6-stroke")
    low = text.lower()
    for foreign in ("sales pipeline", "code review", "tennis balls", "board meeting"):
        assert foreign not in low
    rows = [r["requirement"] for r in data["evidence"]["rows"]]
    assert any("NEWS2" in r for r in rows)
    assert any(r["kind"] == "duty" for r in data["evidence"]["rows"])


def test_the_evidence_map_and_the_brief_agree_about_every_requirement(user: Any) -> None:
    loaded, data, _ = build(user, "dev-teaching-maths-second-in-dept")
    view = evidence_map.evidence_view(user, loaded["opportunity"])
    in_brief = {r["requirement"]: bool(r["stories"]) for r in data["evidence"]["rows"]}
    in_map = {row.requirement.text: bool(row.linked or row.suggested) for row in view.rows}
    assert in_brief == in_map


def test_no_reason_shows_a_similarity_number(user: Any) -> None:
    _, data, _ = build(user, "dev-social-work-children-in-care")
    reasons = [s["reason"] for r in data["evidence"]["rows"] for s in r["stories"]]
    reasons += [q["story"]["reason"] for q in data["likely_questions"] if q["story"]]
    assert reasons and not any("similarity" in r or any(c.isdigit() for c in r) for r in reasons)


@pytest.mark.parametrize("name", ["dev-law-litigation-associate", "dev-sales-bdm-packaging"])
def test_thank_you_notes_never_paste_a_question(user: Any, name: str) -> None:
    loaded, _, _ = build(user, name)
    done = loaded["rounds"][-2]
    notes = followups.draft(user, done, "thank-you")
    questions = [q.text for q in m.AskedQuestion.objects.filter(owner=user)]
    assert notes
    for note in notes:
        body = " ".join(note.body.lower().split())
        for q in questions:
            words = q.lower().rstrip("?.").split()
            assert not any(
                " ".join(words[i : i + 6]) in body for i in range(max(0, len(words) - 5))
            ), (q, note.body)

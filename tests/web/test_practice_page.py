"""The practice page: a question, a timer, an answer, and feedback that points at the words."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nextround.store import models as m
from tests.world import World

QUESTION = "Tell me about a time you handled a difficult stakeholder."
WEAK = "We had an issue with marketing. I think we sort of fixed it, basically."
STRONG = (
    "In 2024 our marketing director disputed the churn figures before a board review. "
    "I had two weeks to agree one definition with marketing, finance and product. "
    "I interviewed each lead, wrote a one-page comparison of the three definitions, and ran "
    "a workshop where I proposed a single measure built in SQL. "
    "The board adopted it, and the dispute time on monthly reports fell from 5 days to 1."
)


def soup(response: object) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")  # type: ignore[attr-defined]


@pytest.fixture
def htmx(user: object) -> Client:
    return Client(headers={"HX-Request": "true"})


def test_the_page_has_a_timer_an_answer_box_and_suggestions_for_the_round(
    world: World,
) -> None:
    page = soup(Client().get(f"/practice/?round={world.round2.pk}"))
    assert page.select_one("[data-timer][role=timer]") is not None
    assert page.find("textarea", attrs={"name": "answer"}) is not None
    suggestions = [li.a.get_text() for li in page.select("ol.suggestions li")]  # type: ignore[union-attr]
    assert suggestions[0] == world.weak_question.text
    assert len(suggestions) == 6


def test_an_answer_gets_feedback_with_its_words_highlighted(htmx: Client, world: World) -> None:
    response = htmx.post(
        "/practice/answer/",
        {"question": QUESTION, "answer": WEAK, "seconds_taken": "14", "round": world.round1.pk},
    )
    assert response.status_code == 200
    page = soup(response)
    marked = {mark.contents[0] for mark in page.select(".marked mark.lvl-fix")}
    assert {"I think", "sort of"} <= marked
    assert "basically" in {mark.contents[0] for mark in page.select(".marked mark")}
    fixes = [li.get_text(" ", strip=True) for li in page.select("li.insight.lvl-fix")]
    assert any("Too short to tell a story" in text for text in fixes)
    assert not page.select("li.insight.lvl-good")
    read = page.select_one("p.question-read").get_text(" ", strip=True)  # type: ignore[union-attr]
    assert read.startswith("Read as a behavioural question, testing ")
    assert "stakeholder-management" in read
    attempt = m.PracticeAttempt.objects.get()
    assert (attempt.seconds_taken, attempt.round_id, attempt.opportunity_id) == (
        14,
        world.round1.pk,
        world.acme.pk,
    )
    assert attempt.analysis["format_version"] == 1


def test_a_better_second_attempt_shows_progress(htmx: Client, world: World) -> None:
    htmx.post("/practice/answer/", {"question": QUESTION, "answer": WEAK})
    page = soup(htmx.post("/practice/answer/", {"question": QUESTION, "answer": STRONG}))
    progress = page.select_one("ul.progress")
    # The first try was too short to be scored on specificity; its story shape was scored.
    assert progress is not None and "structure: 0 →" in progress.get_text()
    history = soup(Client().get("/practice/"))
    item = history.select_one("li.history")
    assert item is not None and "2 attempts" in item.get_text()
    assert item.select_one("svg.sparkline polyline") is not None


def test_a_score_that_did_not_change_says_so_without_an_arrow(htmx: Client, world: World) -> None:
    htmx.post("/practice/answer/", {"question": QUESTION, "answer": STRONG})
    page = soup(htmx.post("/practice/answer/", {"question": QUESTION, "answer": STRONG}))
    items = [li.get_text() for li in page.select("ul.progress li")]
    assert items and all("→" not in i and i.endswith("unchanged") for i in items)


def test_an_empty_answer_asks_for_one_and_saves_nothing(htmx: Client, world: World) -> None:
    page = soup(htmx.post("/practice/answer/", {"question": QUESTION, "answer": "   "}))
    assert "Type your answer first" in page.get_text()
    assert m.PracticeAttempt.objects.count() == 0


def test_without_javascript_the_feedback_comes_on_the_full_page(user: object) -> None:
    response = Client().post("/practice/answer/", {"question": QUESTION, "answer": STRONG})
    page = soup(response)
    assert page.h1 is not None and "Practice" in page.h1.get_text()
    assert page.select_one("#feedback section.feedback") is not None
    answer_box = page.find("textarea", attrs={"name": "answer"})
    assert answer_box is not None and "board adopted it" in answer_box.get_text()


def test_a_binary_answer_gets_a_clear_message(htmx: Client, world: World) -> None:
    page = soup(htmx.post("/practice/answer/", {"question": QUESTION, "answer": "\x01\x02" * 50}))
    assert page.select_one(".feedback, .form-errors") is not None
    assert "Traceback" not in page.get_text()


VAGUE_WE = (
    "We had a problem with the marketing team. We set up a weekly meeting and we built a new "
    "dashboard, and we improved the reporting for everyone involved."
)


def test_feedback_offers_the_likely_follow_ups_as_forms(htmx: Client, world: World) -> None:
    page = soup(htmx.post("/practice/answer/", {"question": QUESTION, "answer": VAGUE_WE}))
    items = page.select("section.follow-ups li.follow-up")
    assert 1 <= len(items) <= 2
    questions = [li.select_one(".follow-up-question").get_text() for li in items]  # type: ignore[union-attr]
    assert any("personally" in q for q in questions)
    attempt = m.PracticeAttempt.objects.get()
    form = items[0].form
    assert form is not None and form["method"] == "post"
    assert form.find("input", attrs={"name": "follow_up_of"})["value"] == str(attempt.pk)  # type: ignore[index]
    textarea = form.find("textarea", attrs={"name": "answer"})
    assert textarea is not None and page.find("label", attrs={"for": textarea["id"]}) is not None


def test_a_follow_up_answered_without_javascript_is_saved_and_linked(world: World) -> None:
    client = Client()
    client.post("/practice/answer/", {"question": QUESTION, "answer": VAGUE_WE})
    first = m.PracticeAttempt.objects.get()
    follow = first.analysis["follow_ups"][0]["text"]
    response = client.post(
        "/practice/answer/",
        {
            "question": follow,
            "answer": "I chaired the meeting and I wrote the dashboard spec myself.",
            "follow_up_of": str(first.pk),
        },
    )
    assert response.status_code == 200
    page = soup(response)
    assert "Follow-up to" in page.select_one("p.follow-up-of").get_text()  # type: ignore[union-attr]
    latest = m.PracticeAttempt.objects.order_by("-id").first()
    assert latest is not None and latest.question_text == follow
    assert latest.analysis["follow_up_of"]["attempt_id"] == first.pk


def test_a_follow_up_to_an_unknown_attempt_is_not_found(htmx: Client, world: World) -> None:
    response = htmx.post(
        "/practice/answer/", {"question": QUESTION, "answer": "An answer.", "follow_up_of": "9999"}
    )
    assert response.status_code == 404
    assert m.PracticeAttempt.objects.count() == 0


HEDGED = (
    "Last year I think I sort of led the migration of our reporting to dbt, I think. I guess "
    "I maybe rewrote the slowest models, and I think the nightly build fell from 4 hours to 1."
)


def test_each_marked_span_carries_its_number_once(htmx: Client, world: World) -> None:
    page = soup(htmx.post("/practice/answer/", {"question": QUESTION, "answer": HEDGED}))
    markers = [sup.get_text().split(",") for sup in page.select(".marked sup")]
    assert markers
    for numbers in markers:
        assert len(numbers) == len(set(numbers))
    shown: dict[int, int] = {}
    for numbers in markers:
        for number in numbers:
            shown[int(number)] = shown.get(int(number), 0) + 1
    # A point is marked once at the end of each of its spans, not on every piece in between.
    insights = m.PracticeAttempt.objects.get().analysis["insights"]
    for number, count in shown.items():
        spans = {(s["start"], s["end"]) for s in insights[number - 1]["spans"]}
        assert count == len(spans)
    hedges = next(i for i, x in enumerate(insights, start=1) if x["code"] == "hedging")
    assert shown[hedges] == 6  # I think (3 times), sort of, I guess, maybe


def test_the_progress_list_counts_a_new_attempt_at_once(htmx: Client, world: World) -> None:
    response = htmx.post("/practice/answer/", {"question": QUESTION, "answer": STRONG})
    page = soup(response)
    progress = page.select_one("section#progress[hx-swap-oob]")
    assert progress is not None
    assert "No attempts yet" not in progress.get_text()
    assert "1 attempt" in progress.get_text()
    saved = page.select_one("p.saved").get_text(" ", strip=True)  # type: ignore[union-attr]
    assert saved.startswith("Saved as attempt 1 at this question")


def test_suggestions_say_why_in_plain_words(world: World) -> None:
    page = soup(Client().get(f"/practice/?round={world.round2.pk}"))
    whys = [span.get_text(" ", strip=True) for span in page.select("ol.suggestions li .muted")]
    assert whys
    for why in whys:
        assert why[0].isupper()
        assert "closest to the feedback" not in why and "“" not in why
    assert any(why.startswith("Your consultant raised a concern about") for why in whys)


def test_suggestions_come_from_the_jobs_field_and_leave_out_curveballs_elsewhere(
    world: World,
) -> None:
    from nextround.coach.bank import load_bank
    from nextround.services.practice import is_curveball

    by_text = {q.text: q for q in load_bank()}

    def bank_suggestions() -> list[object]:
        page = soup(Client().get(f"/practice/?round={world.round2.pk}"))
        texts = [link.get_text() for link in page.select("ol.suggestions li a")]
        return [by_text[t] for t in texts if t in by_text]

    # A data analyst's practice may hold data questions, never another field's.
    analyst = bank_suggestions()
    assert analyst
    assert all(not q.fields or "data" in q.fields for q in analyst)  # type: ignore[attr-defined]
    world.acme.role = "Band 6 Staff Nurse"
    world.acme.job_description = "Acute medical unit. NMC registration essential."
    world.acme.save()
    nurse = bank_suggestions()
    assert all(not q.fields or "nursing" in q.fields for q in nurse)  # type: ignore[attr-defined]
    # Nurses are not asked how many golf balls fit in a bus.
    assert not [q for q in nurse if is_curveball(q)]  # type: ignore[arg-type]


def test_a_concern_is_practised_only_with_a_question_about_it(world: World) -> None:
    from nextround.services import practice

    world.feedback.text = (
        "The panel felt her answer on managing an underperforming tutor was vague: she could not "
        "say how she would set targets or follow up."
    )
    world.feedback.save()
    picks = practice.questions_for_round(world.user, world.round2.pk, count=8)
    texts = [p.text for p in picks]
    # The word "manage" is no reason to ask about the candidate's own manager.
    assert "What do you really think of your current manager?" not in texts
    assert "How would your current manager describe you?" not in texts
    for pick in picks:
        # A weak area is named only with what it rests on.
        assert "a weak area so far" not in pick.why
        # Nor a doubt pinned on a question that only shares a competency's name with it.
        assert not pick.why.startswith("It practises"), pick.why

"""Search everything, through the service, on whichever database the suite runs on."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nextround.services import records as r
from nextround.services import search, search_index, sharing
from nextround.store import models as m
from tests.world import World, opportunity


def found(user: Any, text: str, **options: Any) -> list[tuple[str, int]]:
    return [(h.kind, h.object_id) for h in search.search(user, text, **options).hits]


def titles(user: Any, text: str) -> list[str]:
    return [h.title.text for h in search.search(user, text).hits]


def test_a_person_is_found_by_name_with_the_name_marked(world: World) -> None:
    results = search.search(world.user, "priya")
    (hit,) = results.hits
    assert (hit.kind, hit.object_id, hit.label) == ("person", world.priya.pk, "Interviewer")
    assert hit.title.marked == ("Priya",)
    assert hit.context == "Senior Data Analyst at Acme Retail"
    assert found(world.user, "Okafor") == [("person", world.tom.pk)]
    # Earlier employers and job titles are theirs too.
    assert ("person", world.tom.pk) in found(world.user, "initech")


def test_a_job_is_found_by_a_tool_named_only_in_its_job_description(world: World) -> None:
    job = opportunity(
        world.user,
        company="Northwind",
        role="Platform Engineer",
        job_description="You will run our services on Kubernetes and write Terraform.",
    )
    results = search.search(world.user, "kube")
    assert [(h.kind, h.object_id) for h in results.hits] == [("opportunity", job.pk)]
    (hit,) = results.hits
    assert hit.title.text == "Platform Engineer at Northwind"
    assert hit.excerpt is not None and hit.excerpt.marked == ("Kubernetes",)


def test_each_kind_of_record_is_found_by_a_word_in_its_notes(world: World, user: Any) -> None:
    r.rounds.update(user, world.round2.pk, notes="Bring the zeppelin case study.")
    r.questions_to_ask.create(user, world.round2.pk, text="How do you measure quokka retention?")
    r.follow_ups.create(user, world.round1.pk, subject="Thanks", body="Loved the narwhal demo.")
    offer = r.offers.create(user, opportunity_id=world.acme.pk, benefits="A marmoset allowance")
    r.interviewers.update(user, world.dana.pk, research_notes="Speaks about axolotl pipelines.")
    r.asked_questions.update(user, world.strong_question.pk, answer_note="The capybara model.")
    r.feedback.update(user, world.feedback.pk, text="They liked the platypus example.")
    r.stories.update(user, world.story.pk, result="Cancellations fell by 12% (wombat).")
    requirement = r.requirements.create(user, world.acme.pk, text="Pangolin certification")
    expected = {
        "zeppelin": ("round", world.round2.pk),
        "quokka": ("ask", m.QuestionToAsk.objects.get().pk),
        "narwhal": ("follow-up", m.FollowUp.objects.get().pk),
        "marmoset": ("offer", offer.pk),
        "axolotl": ("person", world.dana.pk),
        "capybara": ("question", world.strong_question.pk),
        "platypus": ("feedback", world.feedback.pk),
        "wombat": ("story", world.story.pk),
        "pangolin": ("requirement", requirement.pk),
    }
    for word, record in expected.items():
        assert found(user, word) == [record], word


def test_case_and_accents_do_not_matter_and_the_start_of_a_word_is_enough(world: World) -> None:
    person = r.interviewers.add_to_round(
        world.user, world.round2.pk, name="Renée Ødegård", title="Directrice Générale"
    )
    for query in ("renee", "RENÉE", "odegard", "ødeg", "directrice generale", "génér"):
        assert found(world.user, query) == [("person", person.pk)], query
    (hit,) = search.search(world.user, "renee gener").hits
    assert hit.title.marked == ("Renée",)
    assert hit.excerpt is not None and hit.excerpt.marked == ("Générale",)
    # One letter matches only a word of one letter, not every word that starts with it.
    assert found(world.user, "r") == []


def test_a_title_match_ranks_above_a_match_in_the_body(world: World) -> None:
    many = " ".join(["We deploy with Kubernetes every day."] * 40)
    job = opportunity(world.user, company="Busy", role="Engineer", job_description=many)
    story = r.stories.create(world.user, title="Kubernetes migration", action="I moved us.")
    assert found(world.user, "kubernetes")[:2] == [("story", story.pk), ("opportunity", job.pk)]


def test_every_word_must_match_and_else_records_with_some_are_offered(world: World) -> None:
    assert found(world.user, "priya analytics") == [("person", world.priya.pk)]
    results = search.search(world.user, "priya okafor")
    assert results.some_words
    assert {(h.kind, h.object_id) for h in results.hits} == {
        ("person", world.priya.pk),
        ("person", world.tom.pk),
    }
    assert not search.search(world.user, "priya analytics").some_words
    # Common words alone do not make a match.
    assert search.search(world.user, "the zzzz of").hits == ()


def test_records_can_be_narrowed_to_one_kind_with_a_count_of_each(world: World) -> None:
    results = search.search(world.user, "stakeholder")
    counts = {c.kind: c.count for c in results.counts}
    assert counts == {"opportunity": 1, "round": 1, "question": 1, "feedback": 1, "story": 1}
    assert found(world.user, "stakeholder", kind="story") == [("story", world.story.pk)]
    wrong = search.search(world.user, "stakeholder", kind="cats")
    assert wrong.notes == ("“cats” is not a kind of record; every kind is shown.",)
    assert len(wrong.hits) == 5


def test_only_the_best_are_returned_and_the_rest_is_said(world: World) -> None:
    for i in range(4):
        r.stories.create(world.user, title=f"Budget story {i}")
    results = search.search(world.user, "budget", limit=3)
    assert len(results.hits) == 3 and results.more


def test_an_edit_or_a_delete_is_reflected_at_once(world: World) -> None:
    r.stories.update(world.user, world.story.pk, title="Retention model")
    assert found(world.user, "retention model") == [("story", world.story.pk)]
    # Still found by its action, but by its new title.
    (old,) = [h for h in search.search(world.user, "churn dashboard").hits if h.kind == "story"]
    assert old.title.text == "Retention model" and old.title.marked == ()
    r.stories.delete(world.user, world.story.pk)
    assert ("story", world.story.pk) not in found(world.user, "retention model")
    r.interviewers.delete(world.user, world.dana.pk)
    assert found(world.user, "dana") == []
    r.opportunities.delete(world.user, world.acme.pk)
    for word in ("priya", "stakeholder", "airflow", "acme", "sam"):
        assert found(world.user, word) == [], word
    assert not m.SearchEntry.objects.exclude(kind="opportunity").exists()


def test_a_record_with_no_words_left_leaves_the_index(world: World) -> None:
    r.rounds.update(world.user, world.round1.pk, impressed="", fell_flat="", notes="")
    assert not m.SearchEntry.objects.filter(kind="round", object_id=world.round1.pk).exists()


@pytest.fixture
def coach(db: None) -> User:
    return User.objects.create_user("coach", password="not-used-here-1")


def test_a_coach_finds_what_is_shared_with_them_and_nothing_else(world: World, coach: User) -> None:
    row = sharing.share(world.user, world.acme.pk, "coach", "viewer")
    assert found(coach, "priya") == [("person", world.priya.pk)]
    hit = search.search(coach, "priya").hits[0]
    assert hit.shared
    assert ("question", world.weak_question.pk) in found(coach, "stakeholder")
    # Stories stay private, and an opportunity not shared is not found.
    assert ("story", world.story.pk) not in found(coach, "stakeholder")
    assert ("opportunity", world.globex.pk) not in found(coach, "globex")
    sharing.revoke(world.user, row.id)
    assert found(coach, "priya") == []


def test_no_one_finds_another_users_records(world: World, other_user: Any) -> None:
    for word in ("priya", "acme", "churn", "stakeholder", "airflow"):
        assert found(other_user, word) == [], word
    theirs = r.stories.create(other_user, title="Churn of my own")
    assert found(other_user, "churn") == [("story", theirs.pk)]
    assert ("story", theirs.pk) not in found(world.user, "churn")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "*",
        "kube*",
        "NEAR(priya shah, 2)",
        "priya NEAR shah",
        "priya AND OR NOT shah",
        "title:priya",
        "^priya",
        "(priya",
        "priya)",
        "- priya",
        "priya & | ! shah",
        "priya:* & !shah",
        "'; DROP TABLE nextround_searchentry; --",
        "\x00priya",
        "𝔭𝔯𝔦𝔶𝔞",
        "priya " * 2000,
        "x" * 10_000,
    ],
)
def test_a_hostile_query_gets_results_or_a_clear_message(world: World, query: str) -> None:
    results = search.search(world.user, query)
    assert results.hits or results.notes or results.words
    if "priya" in query.lower():
        assert ("person", world.priya.pk) in [(h.kind, h.object_id) for h in results.hits]


def test_a_long_query_is_cut_and_the_page_says_so(world: World) -> None:
    results = search.search(world.user, "x" * 10_000)
    assert results.notes == ("The search was cut to its first 500 characters.",)
    many = search.search(world.user, " ".join(f"w{i}" for i in range(15)))
    assert many.notes == ("Searched for the first 10 words; 5 more were left out.",)
    assert search.search(world.user, "*** ???").notes == (
        "“*** ???” has no letters or numbers to search for.",
    )
    assert search.search(world.user, "   ").notes == ()


def test_a_search_writes_nothing_and_its_queries_do_not_grow_with_records(world: World) -> None:
    def statements(text: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            search.search(world.user, text)
        return [q["sql"] for q in queries.captured_queries]

    few = statements("stakeholder")
    for i in range(30):
        r.asked_questions.create(world.user, world.round2.pk, text=f"Stakeholder question {i}?")
    many = statements("stakeholder")
    assert len(few) == len(many)
    writes = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")
    assert not [q for q in many if q.lstrip().upper().startswith(writes)]


def test_rebuilding_the_index_gives_what_saving_kept(world: World) -> None:
    def entries() -> list[tuple[Any, ...]]:
        return sorted(
            m.SearchEntry.objects.values_list(
                "kind", "object_id", "owner_id", "opportunity_id", "round_id", "title", "body"
            )
        )

    r.questions_to_ask.create(world.user, world.round2.pk, text="What does success look like?")
    before = entries()
    assert search_index.rebuild() == len(before)
    assert entries() == before
    assert found(world.user, "success") == [("ask", m.QuestionToAsk.objects.get().pk)]


def test_a_restored_backup_is_searchable(world: World, tmp_path: Any) -> None:
    import io
    import json

    from nextround.services import backup

    stream = io.StringIO()
    backup.export_to(world.user, stream)
    data = backup.check_header(json.loads(stream.getvalue()), "test")
    for _, model in reversed(backup.MODELS):
        model.objects.all().delete()
    assert found(world.user, "priya") == []
    backup.restore(world.user, data, "test")
    assert found(world.user, "priya") == [("person", world.priya.pk)]


def test_stories_and_questions_close_in_meaning_are_found_beside_the_words(
    world: World,
) -> None:
    pytest.importorskip("onnxruntime", reason="the semantic extra is not installed")
    question = r.asked_questions.create(
        world.user, world.round1.pk, text="Why do you want to leave your current job?"
    )
    story = r.stories.create(
        world.user,
        title="Calmed an angry client after a missed deadline",
        situation="The client threatened to cancel the contract.",
    )
    assert search.search(world.user, "reasons for leaving").hits == ()
    close = search.close_in_meaning(world.user, "reasons for leaving")
    assert [(h.kind, h.object_id) for h in close] == [("question", question.pk)]
    (hit,) = close
    assert hit.by_meaning and hit.title.marked == ()
    assert hit.context == "Senior Data Analyst at Acme Retail, round 1"
    upset = search.close_in_meaning(world.user, "upset customer")
    assert ("story", story.pk) in [(h.kind, h.object_id) for h in upset]
    # What the words find is not offered again, nor records of another kind.
    assert ("question", world.weak_question.pk) not in [
        (h.kind, h.object_id) for h in search.close_in_meaning(world.user, "difficult stakeholder")
    ]
    assert search.close_in_meaning(world.user, "upset customer", kind="question") == ()
    # A single word is looked up by its letters only.
    assert search.close_in_meaning(world.user, "leaving") == ()


def test_close_in_meaning_stays_within_what_the_user_may_read(
    world: World, other_user: Any
) -> None:
    pytest.importorskip("onnxruntime", reason="the semantic extra is not installed")
    r.asked_questions.create(
        world.user, world.round1.pk, text="Why do you want to leave your current job?"
    )
    assert search.close_in_meaning(other_user, "reasons for leaving") == ()


def test_without_the_model_search_is_by_words_alone(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = r.asked_questions.create(
        world.user, world.round1.pk, text="Why do you want to leave your current job?"
    )
    monkeypatch.setenv("NEXTROUND_SEMANTIC", "off")
    assert search.search(world.user, "reasons for leaving").hits == ()
    assert search.close_in_meaning(world.user, "reasons for leaving") == ()
    assert not search.offers_meaning(search.search(world.user, "reasons for leaving"))
    assert found(world.user, "leave job") == [("question", question.pk)]


def test_a_word_in_too_many_records_ranks_the_latest_and_says_so(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANKED", 3)
    made = [r.stories.create(world.user, title=f"Budget story {i}").pk for i in range(5)]
    results = search.search(world.user, "budget")
    assert results.capped
    assert sorted(h.object_id for h in results.hits) == made[-3:]
    assert not search.search(world.user, "churn").capped

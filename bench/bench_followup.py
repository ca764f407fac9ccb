"""Follow up and decide: invite import, drafting a panel's notes, calendar export, the matrix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.common import Row, median, timed

INVITES = Path(__file__).resolve().parents[1] / "tests" / "formats" / "data" / "invites"


def run() -> list[Row]:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-bench-"))
    from nextround import bootstrap

    bootstrap.setup()
    from django.contrib.auth.models import User

    from nextround.services import calendar, followups, invites, offers
    from nextround.services import records as r

    user, _ = User.objects.get_or_create(username="bench-followup")
    opp = r.opportunities.create(user, company="Lumenfield", role="Data Engineer")
    data = (INVITES / "outlook_teams.ics").read_bytes()
    import_ms = median(timed(lambda: invites.import_invite(user, opp.pk, data), 20))
    round_ = invites.import_invite(user, opp.pk, data).round
    for i in range(6):
        person = r.interviewers.add_to_round(user, round_.pk, name=f"Panel Member {i}")
        r.asked_questions.create(
            user,
            round_.pk,
            text=f"Tell me about a time you led project {i}.",
            interviewer_id=person.pk,
        )
    r.opportunities.update(
        user,
        opp.pk,
        job_description="Requirements\n- Strong SQL\n- Experience with Apache Airflow\n"
        "- Mentor two junior engineers\n",
        consultant_name="Sam Reid",
    )
    r.feedback.create(user, round_.pk, text="They would like to hear more about mentoring.")
    for i in range(30):
        r.stories.create(user, title=f"Story {i}", action=f"I moved {i} jobs to Airflow with SQL.")
    from nextround.services import evidence_map

    evidence_map.extract(user, opp.pk)
    draft_ms = median(timed(lambda: followups.draft(user, round_.pk), 20))
    consultant_ms = median(timed(lambda: followups.draft(user, round_.pk, "consultant"), 20))
    page_ms = median(timed(lambda: followups.page(user, round_.pk), 20))
    for i in range(200):
        r.rounds.create(user, opp.pk, scheduled_at=f"2099-01-{i % 28 + 1:02d}T10:00+00:00")
    export_ms = median(timed(lambda: calendar.export(user), 10))
    for i in range(8):
        offer = r.offers.create(user, opportunity_id=opp.pk, label=f"Offer {i}", salary=50000 + i)
        offers.rate(user, offer.pk, {"pay": i, "growth": 8 - i})
    compare_ms = median(timed(lambda: offers.compare(user), 20))
    topics, made, copied = _bank_topics()
    return [
        Row(
            "follow-up",
            "bank questions made into a note topic / copying 6+ words",
            f"{made} of {topics} / {copied}",
            "0 copying",
            copied == 0,
        ),
        Row(
            "follow-up",
            "note to the consultant, state read (median of 20)",
            f"{consultant_ms:.1f} ms",
            "< 100 ms",
            consultant_ms < 100,
        ),
        Row(
            "follow-up",
            "follow-up page with 8 notes and their points (median of 20)",
            f"{page_ms:.1f} ms",
            "< 300 ms",
            page_ms < 300,
        ),
        Row(
            "follow-up",
            "import an Outlook invite (median of 20)",
            f"{import_ms:.1f} ms",
            "< 100 ms",
            import_ms < 100,
        ),
        Row(
            "follow-up",
            "draft thank-you notes for a panel of 8, 30 stories",
            f"{draft_ms:.1f} ms",
            "< 200 ms",
            draft_ms < 200,
        ),
        Row(
            "follow-up",
            "calendar export, 200 rounds with milestones",
            f"{export_ms:.1f} ms",
            "< 500 ms",
            export_ms < 500,
        ),
        Row(
            "decide",
            "decision matrix, 8 offers x 8 criteria",
            f"{compare_ms:.1f} ms",
            "< 100 ms",
            compare_ms < 100,
        ),
    ]


def _bank_topics() -> tuple[int, int, int]:
    """Every question in the bank through the topic maker: how many become topics, and copy."""
    import json
    from importlib import resources

    from nextround.coach.followup import copied_words
    from nextround.coach.note_templates import templates
    from nextround.coach.note_topics import topic_phrase

    raw = resources.files("nextround.coach").joinpath("data", "question_bank.json")
    questions = [str(q["text"]) for q in json.loads(raw.read_text("utf-8"))["questions"]]
    never = templates().never_recall
    phrases = [(q, topic_phrase(q, never)) for q in questions]
    made = [(q, p) for q, p in phrases if p]
    return len(questions), len(made), sum(1 for q, p in made if copied_words(p, q))

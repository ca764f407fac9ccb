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
    draft_ms = median(timed(lambda: followups.draft(user, round_.pk), 20))
    for i in range(200):
        r.rounds.create(user, opp.pk, scheduled_at=f"2099-01-{i % 28 + 1:02d}T10:00+00:00")
    export_ms = median(timed(lambda: calendar.export(user), 10))
    for i in range(8):
        offer = r.offers.create(user, opportunity_id=opp.pk, label=f"Offer {i}", salary=50000 + i)
        offers.rate(user, offer.pk, {"pay": i, "growth": 8 - i})
    compare_ms = median(timed(lambda: offers.compare(user), 20))
    return [
        Row(
            "follow-up",
            "import an Outlook invite (median of 20)",
            f"{import_ms:.1f} ms",
            "< 100 ms",
            import_ms < 100,
        ),
        Row(
            "follow-up",
            "draft thank-you notes for a panel of 8",
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

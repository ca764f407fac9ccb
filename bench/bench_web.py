"""Server render time of every main page on a realistic dataset, and what a page weighs."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Row, median, p95, timed

REQUESTS = 200
STATIC = Path(__file__).resolve().parents[1] / "src" / "nextround" / "web" / "static" / "nextround"


def _dataset(user: Any) -> dict[str, int]:
    """Thirty opportunities, each with three rounds, a panel, a debrief and feedback; 30 stories."""
    from nextround.services import records as r

    first_round = first_opportunity = 0
    for i in range(30):
        opp = r.opportunities.create(
            user,
            company=f"Company {i}",
            role="Senior Analyst",
            stage=["applied", "interviewing", "offer"][i % 3],
            job_description="Must have\n- SQL\n- Stakeholder management\n" * 5,
        )
        first_opportunity = first_opportunity or opp.pk
        for n in range(1, 4):
            rnd = r.rounds.create(
                user, opp.pk, scheduled_at=f"2026-12-{n + 1:02d}T10:00", timezone="Europe/London"
            )
            first_round = first_round or rnd.pk
            people = [
                r.interviewers.add_to_round(user, rnd.pk, name=f"Person {n}-{k}", title="Lead")
                for k in range(2)
            ]
            for q in range(5):
                r.asked_questions.create(
                    user,
                    rnd.pk,
                    text=f"Tell me about a time you led a change ({q}).",
                    answer_note="Led the migration.",
                    self_rating=(q % 5) + 1,
                    reaction="positive" if q % 2 else "negative",
                    interviewer_id=people[q % 2].pk,
                )
            r.feedback.create(user, rnd.pk, text="Strong on SQL; wants more on stakeholders.")
        for k in range(8):
            r.requirements.create(user, opp.pk, text=f"Requirement {k}")
    for s in range(30):
        r.stories.create(
            user,
            title=f"Story {s}",
            situation="S",
            task="T",
            action="I did A.",
            result="R",
            skills=["SQL", "leadership"],
        )
    return {"opportunity": first_opportunity, "round": first_round}


def run() -> list[Row]:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-bench-"))
    from nextround import bootstrap

    bootstrap.setup()
    from django.test import Client

    from nextround.services.users import local_user
    from nextround.store import models as m

    user = local_user()
    m.Opportunity.objects.filter(owner=user).delete()
    m.Story.objects.filter(owner=user).delete()
    ids = _dataset(user)
    pages = {
        "dashboard": "/",
        "opportunity": f"/opportunities/{ids['opportunity']}/",
        "round": f"/rounds/{ids['round']}/",
        "stories": "/stories/",
        "practice": f"/practice/?round={ids['round']}",
        "search": "/search/?q=change",
        "new opportunity": "/opportunities/new/",
        "brief": f"/rounds/{ids['round']}/brief/",
        "evidence map": f"/opportunities/{ids['opportunity']}/evidence/",
        "follow-ups": f"/rounds/{ids['round']}/follow-up/",
        "offers": "/offers/",
        "profile": "/profile/",
    }
    client = Client()
    rows = []
    heaviest = 0
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        heaviest = max(heaviest, len(response.content))
        times = timed(lambda url=url: client.get(url), REQUESTS)
        rows.append(
            Row(
                "web",
                f"{name} page: median / p95 of {REQUESTS}",
                f"{median(times):.1f} / {p95(times):.1f} ms",
                "< 50 ms",
                p95(times) < 50,
            )
        )
    shared = ("app.css", "app.js", "htmx.min.js", "board.css", "board.js")
    assets = sum((STATIC / f).stat().st_size for f in shared)
    weight = heaviest + assets
    rows.append(
        Row(
            "web",
            "heaviest page + CSS + JS (uncompressed)",
            f"{weight / 1024:.0f} KB",
            "< 200 KB",
            weight < 200 * 1024,
        )
    )
    m.Opportunity.objects.filter(owner=user).delete()
    m.Story.objects.filter(owner=user).delete()
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())

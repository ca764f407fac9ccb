"""Search at scale: the search page with 10,000 opportunities and their rounds, people and notes."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench.common import Row, median, p95

OPPORTUNITIES = 10_000
REQUESTS = 100
TOOLS = ["SQL", "Python", "Airflow", "dbt", "Tableau", "Power BI", "Excel", "Snowflake", "Spark"]
FIRST = ["Priya", "Tom", "Dana", "Sam", "Renée", "Ola", "Kwame", "Mei", "Jonas", "Aisha", "Luis"]
LAST = ["Shah", "Okafor", "Levi", "Reid", "Ødegård", "Nowak", "Mensah", "Chen", "Berg", "Khan"]
QUESTIONS = [
    "Tell me about a time you handled a difficult stakeholder.",
    "Walk me through an analysis you are proud of.",
    "Why do you want to leave your current job?",
    "How do you prioritise when everything is urgent?",
    "Describe a project that did not go to plan.",
]
QUERIES = {
    "a tool in 1 in 20 job descriptions ('kube')": "kube",
    "a word in every job description ('sql')": "sql",
    "a person's name ('priya shah')": "priya shah",
    "two common words ('stakeholder management')": "stakeholder management",
    "words no record holds together ('reasons for leaving')": "reasons for leaving",
    "hostile: quotes and operators": '"NEAR(kube* AND -sql" ^ OR',
    "hostile: 10,000 characters": "x" * 10_000,
}


def _timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each call: on a busy machine the wall time includes waits
    for the other processes, the CPU time only this one's work (SQLite runs in-process)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, used = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return wall, cpu


def _row(measure: str, timed: tuple[list[float], list[float]]) -> Row:
    wall, cpu = timed
    return Row(
        "search",
        f"{measure}: median / p95 of {len(wall)} (CPU p95)",
        f"{median(wall):.1f} / {p95(wall):.1f} ms ({p95(cpu):.1f})",
        "< 50 ms",
        p95(wall) < 50,
    )


def _job(i: int) -> str:
    tools = ", ".join(TOOLS[(i + k) % len(TOOLS)] for k in range(3))
    extra = "Kubernetes and Terraform for our platform. " if i % 20 == 0 else ""
    return (
        f"Senior Analyst, team {i % 37}\n\nYou will turn data into decisions for product, "
        f"marketing and finance. {extra}\n\nMust have\n- Strong SQL and {tools}\n"
        "- Experience managing stakeholders across several departments\n"
        "- Clear written and spoken communication\n\nNice to have\n- Retail or e-commerce\n"
    ) + "We offer hybrid working, a learning budget and 28 days of holiday. " * 8


def _fill(user: Any) -> int:
    """Bulk-made records, as a restore makes them; returns the number of index entries."""
    from nextround.services import search_index
    from nextround.store import models as m

    owner = user.pk
    m.Opportunity.objects.bulk_create(
        (
            m.Opportunity(
                owner_id=owner,
                company=f"Company {i}",
                role=["Senior Analyst", "Data Engineer", "Insights Lead"][i % 3],
                job_description=_job(i),
                notes=f"Referred by a friend; salary band {40 + i % 30}k.",
            )
            for i in range(OPPORTUNITIES)
        ),
        batch_size=1000,
    )
    opps = list(m.Opportunity.objects.filter(owner_id=owner).values_list("id", flat=True))
    m.Round.objects.bulk_create(
        (
            m.Round(
                owner_id=owner,
                opportunity_id=pk,
                number=1,
                impressed="The dashboard story landed well.",
                fell_flat="My answer on stakeholder conflict was vague.",
            )
            for pk in opps
        ),
        batch_size=1000,
    )
    rounds = list(m.Round.objects.filter(owner_id=owner).values_list("id", "opportunity_id"))
    m.Interviewer.objects.bulk_create(
        (
            m.Interviewer(
                owner_id=owner,
                opportunity_id=opp,
                name=f"{FIRST[(i + k) % len(FIRST)]} {LAST[(i * 3 + k) % len(LAST)]}",
                title=["Head of Data", "Analytics Manager", "Recruiter"][k % 3],
                research_notes="Spoke at a meetup about forecasting." if k else "",
            )
            for i, (_, opp) in enumerate(rounds)
            for k in range(2)
        ),
        batch_size=2000,
    )
    m.AskedQuestion.objects.bulk_create(
        (
            m.AskedQuestion(
                owner_id=owner,
                round_id=rnd,
                text=QUESTIONS[(i + k) % len(QUESTIONS)],
                answer_note="Talked about the churn model.",
            )
            for i, (rnd, _) in enumerate(rounds)
            for k in range(3)
        ),
        batch_size=2000,
    )
    m.Feedback.objects.bulk_create(
        (
            m.Feedback(
                owner_id=owner,
                round_id=rnd,
                text="They liked your SQL depth but want more on managing stakeholders.",
            )
            for rnd, _ in rounds
        ),
        batch_size=2000,
    )
    m.Story.objects.bulk_create(
        m.Story(owner_id=owner, title=f"Story {s}", situation="Sales fell.", action="I led it.")
        for s in range(40)
    )
    return search_index.rebuild(owner)


def _wipe() -> None:
    from nextround.services.backup import MODELS
    from nextround.store import models as m

    m.SearchEntry.objects.all()._raw_delete(m.SearchEntry.objects.db)
    for _, model in reversed(MODELS):
        model.objects.all().delete()


def run() -> list[Row]:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-bench-"))
    from nextround import bootstrap

    bootstrap.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from nextround.services import semantic
    from nextround.services.users import local_user

    user = local_user()
    _wipe()
    start = time.perf_counter()
    entries = _fill(user)
    rows = [
        Row(
            "search",
            f"fill and index {OPPORTUNITIES:,} opportunities ({entries:,} entries)",
            f"{time.perf_counter() - start:.1f} s",
        )
    ]
    client = Client()
    htmx = Client(headers={"HX-Request": "true"})
    for name, query in QUERIES.items():
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, (query, response.status_code)
        rows.append(
            _row(
                f"page, {name}", _timed(lambda q=query: client.get("/search/", {"q": q}), REQUESTS)
            )
        )
    rows.append(
        _row(
            "as you type (htmx results only, 'kube')",
            _timed(lambda: htmx.get("/search/", {"q": "kube"}), REQUESTS),
        )
    )
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"q": "sql"})
    rows.append(Row("search", "queries for one search page", str(len(queries)), "", None))
    if semantic.embedder() is None:
        rows.append(Row("search", "close in meaning", "off (model not installed)", "", None))
    else:
        meaning = {"q": "reasons for leaving", "part": "meaning"}
        htmx.get("/search/", meaning)
        rows.append(
            _row(
                "close in meaning (asked after the words)",
                _timed(lambda: htmx.get("/search/", meaning), REQUESTS),
            )
        )
        fresh = iter(range(REQUESTS))
        rows.append(
            _row(
                "close in meaning, a query never seen before",
                _timed(
                    lambda: htmx.get(
                        "/search/", {"q": f"why leave job {next(fresh)}", "part": "meaning"}
                    ),
                    REQUESTS,
                ),
            )
        )
    _wipe()
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())

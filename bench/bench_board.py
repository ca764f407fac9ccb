"""The board and the calendar at 10,000 opportunities with rounds, notes and offers."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench.common import Row, median, p95, timed

COUNT = 10_000
REQUESTS = 100
TARGET_MS = 50


def _fill(user: Any, count: int) -> None:
    """Opportunities in every stage; most with one to three rounds around today (some this
    week), a thank-you note and a chaser waiting on some, and offers with a reply date."""
    from django.utils import timezone

    from nextround.store import models as m

    now = timezone.now()
    stages = m.Stage.values
    m.Opportunity.objects.bulk_create(
        (
            m.Opportunity(
                owner=user,
                company=f"Company {i}",
                role="Senior Analyst",
                stage=stages[i % len(stages)],
                job_description="Must have SQL and stakeholder management. " * 20,
            )
            for i in range(count)
        ),
        batch_size=1000,
    )
    ids = list(m.Opportunity.objects.filter(owner=user).order_by("id").values_list("id", flat=True))
    rounds = []
    for i, pk in enumerate(ids):
        for n in range(1, i % 4 + 1):
            when = now + dt.timedelta(days=(i % 90) - 60 + 5 * n, hours=i % 7)
            rounds.append(
                m.Round(
                    owner=user,
                    opportunity_id=pk,
                    number=n,
                    scheduled_at=when,
                    timezone="Europe/London",
                    status=m.RoundStatus.DONE if when < now else m.RoundStatus.PLANNED,
                )
            )
    m.Round.objects.bulk_create(rounds, batch_size=2000)
    done = m.Round.objects.filter(owner=user, status=m.RoundStatus.DONE)
    m.FollowUp.objects.bulk_create(
        (
            m.FollowUp(
                owner=user,
                round_id=pk,
                kind=m.FollowUpKind.THANK_YOU if k % 2 else m.FollowUpKind.CHASER,
                subject="Thank you",
                due_at=(when or now) + dt.timedelta(days=1 + 4 * (k % 2 == 0)),
            )
            for k, (pk, when) in enumerate(done.values_list("id", "scheduled_at")[::3])
        ),
        batch_size=2000,
    )
    m.Offer.objects.bulk_create(
        m.Offer(owner=user, opportunity_id=pk, deadline=(now + dt.timedelta(days=i % 20)).date())
        for i, pk in enumerate(ids[3 :: len(stages)])
    )


def _cpu(fn: Callable[[], object], repeat: int) -> list[float]:
    """This process's CPU milliseconds per call: what the page costs, whatever else runs."""
    spent = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        spent.append((time.process_time() - start) * 1000)
    return spent


def _row(name: str, fn: Callable[[], object]) -> Row:
    times = timed(fn, REQUESTS)
    cpu = _cpu(fn, REQUESTS)
    return Row(
        "board",
        f"{name}: median / p95 of {REQUESTS} (CPU median / p95)",
        f"{median(times):.1f} / {p95(times):.1f} ms ({median(cpu):.0f} / {p95(cpu):.0f} ms)",
        f"< {TARGET_MS} ms",
        p95(times) < TARGET_MS,
    )


def _page(client: Any, name: str, url: str) -> Row:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return _row(name, lambda: client.get(url))


def _queries(client: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    return len(queries)


def run() -> list[Row]:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-bench-"))
    from nextround import bootstrap

    bootstrap.setup()
    from django.test import Client

    from nextround.services import calendar
    from nextround.services.backup import MODELS
    from nextround.services.users import local_user
    from nextround.store import models as m

    def wipe() -> None:
        for _, model in reversed(MODELS):
            model._default_manager.all().delete()
        m.CalendarFeed.objects.all().delete()

    user = local_user()
    client = Client()
    wipe()
    _fill(user, 100)
    small = _queries(client)
    wipe()
    _fill(user, COUNT)
    large = _queries(client)
    rows = [
        _page(client, f"board, {COUNT:,} opportunities", "/"),
        _page(client, "one column in full, page 20 of 50 cards", "/?stage=callback&page=20"),
        Row(
            "board",
            f"board queries, 100 and {COUNT:,} opportunities",
            f"{small} and {large}",
            "the same",
            small == large,
        ),
    ]
    card = m.Opportunity.objects.filter(owner=user, stage="applied").order_by("-updated_at")[0]
    htmx = Client(headers={"HX-Request": "true"})
    stages = iter(["interviewing", "applied"] * 2 * REQUESTS)
    rows.append(
        _row(
            f"move a card in place (htmx), {COUNT:,} opportunities",
            lambda: htmx.post(f"/opportunities/{card.pk}/stage/", {"stage": next(stages)}),
        )
    )
    rows.append(_page(client, "calendar page", "/calendar/"))
    feed = calendar.renew_feed(user)
    url = f"/feeds/calendar/{feed.token}.ics"
    response = Client().get(url)
    assert response.status_code == 200
    events = response.content.count(b"BEGIN:VEVENT")
    feed_times = timed(lambda: Client().get(url), 2)
    rows.append(
        Row(
            "calendar",
            f"feed of {COUNT:,} opportunities ({events:,} events, "
            f"{len(response.content) / 2**20:.1f} MB): median of 2",
            f"{median(feed_times):.0f} ms",
            "",
            None,
        )
    )
    wipe()
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())

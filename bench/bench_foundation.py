"""CLI start-up, dashboard speed and queries as data grows, and backup speed at scale."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Row, median, p95, timed

SCRIPT = Path(sys.executable).with_name("nextround")


def _help_time() -> Row:
    env = dict(os.environ)
    times = []
    for _ in range(15):
        start = time.perf_counter()
        subprocess.run([str(SCRIPT), "--help"], env=env, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    value = median(times)
    return Row(
        "cli",
        "nextround --help wall time (median of 15)",
        f"{value:.0f} ms",
        "< 300 ms",
        value < 300,
    )


def _setup() -> None:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-bench-"))
    from nextround import bootstrap

    bootstrap.setup()


def _fill(user: object, opportunities: int, rounds_each: int) -> None:
    from nextround.store import models as m

    stages = m.Stage.values
    m.Opportunity.objects.bulk_create(
        (
            m.Opportunity(
                owner=user,  # type: ignore[misc]
                company=f"Company {i}",
                role="Senior Analyst",
                stage=stages[i % len(stages)],
                job_description="Must have SQL and stakeholder management. " * 20,
            )
            for i in range(opportunities)
        ),
        batch_size=1000,
    )
    if rounds_each:
        ids = list(m.Opportunity.objects.filter(owner=user).values_list("id", flat=True))
        m.Round.objects.bulk_create(
            (
                m.Round(owner=user, opportunity_id=pk, number=n, notes="Panel with the team.")  # type: ignore[misc]
                for pk in ids
                for n in range(1, rounds_each + 1)
            ),
            batch_size=2000,
        )


def _wipe() -> None:
    from nextround.services.backup import MODELS

    for _, model in reversed(MODELS):
        model.objects.all().delete()


def _dashboard_rows(user: object, count: int) -> list[Row]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    _wipe()
    _fill(user, count, 0)
    client = Client()
    client.get("/")
    times = timed(lambda: client.get("/"), 60)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return [
        Row(
            "web",
            f"dashboard, {count:,} opportunities: median / p95",
            f"{median(times):.1f} / {p95(times):.1f} ms",
            "< 50 ms",
            p95(times) < 50,
        ),
        Row(
            "web",
            f"dashboard, {count:,} opportunities: queries",
            str(len(queries)),
            "same for 10 and 10,000",
            None,
        ),
    ]


def _backup_rows(user: object) -> list[Row]:
    from nextround.services import backup

    _wipe()
    _fill(user, 10_000, 5)
    start = time.perf_counter()
    stream = io.StringIO()
    backup.export_to(user, stream)  # type: ignore[arg-type]
    export_s = time.perf_counter() - start
    data = json.loads(stream.getvalue())
    _wipe()
    start = time.perf_counter()
    backup.restore(user, backup.check_header(data, "bench"))  # type: ignore[arg-type]
    import_s = time.perf_counter() - start
    size_mb = len(stream.getvalue().encode()) / 2**20
    return [
        Row(
            "backup",
            f"export 10,000 opportunities x 5 rounds ({size_mb:.0f} MB)",
            f"{export_s:.2f} s",
            "",
            None,
        ),
        Row("backup", "import the same into an empty database", f"{import_s:.2f} s", "", None),
    ]


def run() -> list[Row]:
    rows = [_help_time()]
    _setup()
    from nextround.services.users import local_user

    user = local_user()
    small = _dashboard_rows(user, 10)
    large = _dashboard_rows(user, 10_000)
    same = small[1].value == large[1].value
    rows += small + large
    rows.append(
        Row(
            "web",
            "dashboard queries do not grow with rows",
            "yes" if same else "NO",
            "constant",
            same,
        )
    )
    rows += _backup_rows(user)
    _wipe()
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())

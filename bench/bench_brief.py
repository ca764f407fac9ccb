"""Requirement extraction against the labelled job descriptions, and how fast a brief is built."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from bench.common import Row, median, timed
from bench.requirements_eval import HELD_OUT_DIR, score_all

# Targets for extraction on the labelled set (project targets; see docs/brief.md).
PRECISION_TARGET = 0.85
RECALL_TARGET = 0.85
JSON_MD_TARGET_MS = 300
PDF_TARGET_MS = 3000


def _extraction_rows() -> list[Row]:
    overall, by_field, _ = score_all()
    rows = [
        Row(
            "brief",
            f"requirement precision ({overall.found} found, {len(by_field)} fields)",
            f"{overall.precision:.3f}",
            f">= {PRECISION_TARGET}",
            overall.precision >= PRECISION_TARGET,
        ),
        Row(
            "brief",
            f"requirement recall ({overall.labelled} labelled)",
            f"{overall.recall:.3f}",
            f">= {RECALL_TARGET}",
            overall.recall >= RECALL_TARGET,
        ),
        Row("brief", "must/nice right among matched", f"{overall.kind_accuracy:.3f}"),
        Row(
            "brief",
            "key terms precision / recall",
            f"{overall.term_precision:.3f} / {overall.term_recall:.3f}",
        ),
    ]
    held, _, _ = score_all(HELD_OUT_DIR)
    rows.append(
        Row(
            "brief",
            f"held-out set ({held.labelled} labelled, never tuned on): precision / recall",
            f"{held.precision:.3f} / {held.recall:.3f}",
            f">= {PRECISION_TARGET} / {RECALL_TARGET}",
            held.precision >= PRECISION_TARGET and held.recall >= RECALL_TARGET,
        )
    )
    for name, score in sorted(by_field.items()):
        rows.append(
            Row(
                "brief",
                f"  {name}: precision / recall",
                f"{score.precision:.2f} / {score.recall:.2f}",
            )
        )
    return rows


def _make(user: Any) -> int:
    """An opportunity with 3 rounds, 40 asked questions, 30 stories and 25 requirements."""
    from nextround.services import records as r

    opp = r.opportunities.create(
        user, company="Bench Brief Ltd", role="Operations Lead", dress_code="business"
    )
    skills = ["SQL", "budgeting", "stakeholder management", "hiring", "Excel", "negotiation"]
    for n in range(25):
        r.requirements.create(
            user, opp.pk, text=f"Experience of {skills[n % 6]} in area {n}", kind="must"
        )
    for n in range(30):
        r.stories.create(
            user,
            title=f"Story {n}: {skills[n % 6]}",
            situation="A team was behind plan.",
            action=f"I used {skills[n % 6]} and met the stakeholders weekly.",
            result=f"Costs fell by {n + 3}%.",
            skills=[skills[n % 6]],
        )
    round_ids = []
    for number in (1, 2, 3):
        round_ = r.rounds.create(
            user,
            opp.pk,
            number=number,
            status="done" if number < 3 else "planned",
            scheduled_at=f"2030-0{number}-10T10:00",
            timezone="Europe/London",
            kind="panel",
            purpose="second-opinion" if number == 3 else "screening",
        )
        round_ids.append(round_.pk)
        r.interviewers.add_to_round(
            user, round_.pk, name=f"Person {number}", role="senior-executive", seniority="director"
        )
    for n in range(40):
        r.asked_questions.create(
            user,
            round_ids[n % 2],
            text=f"Tell me about a time you used {skills[n % 6]} under pressure ({n}).",
            self_rating=1 + n % 5,
            reaction=("positive", "negative", "neutral")[n % 3],
        )
    r.feedback.create(
        user,
        round_ids[1],
        text="They liked your budgeting but felt you lacked experience of negotiation.",
    )
    return round_ids[2]


def _brief_rows() -> list[Row]:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-bench-"))
    from nextround import bootstrap

    bootstrap.setup()
    from django.contrib.auth import get_user_model

    from nextround.services import brief

    user, _ = get_user_model().objects.get_or_create(username="bench-brief")
    try:
        round_id = _make(user)
        brief.build(user, round_id)  # warm: banks and word lists load once per process
        rows = []
        for fmt in ("json", "md"):
            ms = median(timed(lambda f=fmt: brief.render(brief.build(user, round_id), f), 15))
            rows.append(
                Row(
                    "brief",
                    f"build + {fmt} (3 rounds, 40 questions, 30 stories, 25 requirements)",
                    f"{ms:.0f} ms",
                    f"< {JSON_MD_TARGET_MS} ms",
                    ms < JSON_MD_TARGET_MS,
                )
            )
        rows += _first_brief_rows(round_id)
        brief.render(brief.build(user, round_id), "pdf")  # warm: fonts load once
        ms = median(timed(lambda: brief.render(brief.build(user, round_id), "pdf"), 5))
        rows.append(
            Row(
                "brief",
                "build + pdf (same opportunity)",
                f"{ms:.0f} ms",
                f"< {PDF_TARGET_MS} ms",
                ms < PDF_TARGET_MS,
            )
        )
        return rows
    finally:
        user.delete()


FIRST_BRIEF_EXTRA_MS = 200
_FIRST = """
import os, sys, time
from nextround import bootstrap
bootstrap.setup()
from django.contrib.auth import get_user_model
from nextround.services import brief, warmup
user = get_user_model().objects.get(username="bench-brief")
if sys.argv[2] == "warm":
    warmup.start()
    warmup.done.wait(60)
start = time.perf_counter()
brief.build(user, int(sys.argv[1]))
first = (time.perf_counter() - start) * 1000
times = []
for _ in range(5):
    start = time.perf_counter()
    brief.build(user, int(sys.argv[1]))
    times.append((time.perf_counter() - start) * 1000)
print(f"{first:.1f} {sorted(times)[2]:.1f}")
"""


def _first_brief_rows(round_id: int) -> list[Row]:
    """The first brief in a fresh process, with and without the server's warm-up, against later."""
    import subprocess
    import sys

    rows = []
    for how in ("cold", "warm"):
        out = subprocess.run(
            [sys.executable, "-c", _FIRST, str(round_id), how],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        ).stdout.split()
        first, later = float(out[-2]), float(out[-1])
        extra = first - later
        rows.append(
            Row(
                "brief",
                f"first brief after start-up, {how}: {first:.0f} ms (later ones {later:.0f} ms)",
                f"+{extra:.0f} ms",
                f"< +{FIRST_BRIEF_EXTRA_MS} ms" if how == "warm" else "",
                extra < FIRST_BRIEF_EXTRA_MS if how == "warm" else None,
            )
        )
    return rows


def run() -> list[Row]:
    return _extraction_rows() + _brief_rows()


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())
